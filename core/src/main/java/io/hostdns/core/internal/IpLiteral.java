package io.hostdns.core.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Address;

/**
 * Parses IP address literals without ever asking a resolver, for the hosts file, resolv.conf and the
 * forwarder's configuration. {@link InetAddress#getByName} would look a non-literal up, which blocks
 * and, inside a DNS server, may even ask itself.
 */
public final class IpLiteral {

    private IpLiteral() {
    }

    /**
     * The address written as {@code text} (IPv4 dotted quad or IPv6, an IPv6 zone suffix such as
     * {@code %eth0} ignored), or null when {@code text} is not an address literal. IPv4-mapped IPv6
     * literals come back as {@link java.net.Inet4Address}, as the JDK makes them.
     */
    public static @Nullable InetAddress parse(String text) {
        int zone = text.indexOf('%');
        String bare = zone >= 0 ? text.substring(0, zone) : text;
        if (bare.isEmpty() || (zone >= 0 && zone == text.length() - 1)) {
            return null;
        }
        byte[] bytes = bare.indexOf(':') >= 0 ? Address.toByteArray(bare, Address.IPv6)
                : zone >= 0 ? null : Address.toByteArray(bare, Address.IPv4);
        if (bytes == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            // only thrown for a wrong array length, which Address.toByteArray never returns
            throw new IllegalStateException("unexpected address length " + bytes.length, e);
        }
    }

    /** The canonical text of {@code address} (RFC 5952 for IPv6, no brackets, no zone), e.g. {@code fd00::1}. */
    public static String format(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return address.getHostAddress();
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1; // RFC 5952: "::" only replaces runs of two or more zero groups
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
