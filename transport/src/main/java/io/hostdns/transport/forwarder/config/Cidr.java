package io.hostdns.transport.forwarder.config;

import io.hostdns.core.internal.IpLiteral;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * An IP network, e.g. {@code 127.0.0.0/8} or {@code ::1/128}; host bits of the written address are
 * cleared, so {@code 10.1.2.3/8} is {@code 10.0.0.0/8}.
 *
 * @param network the network address (host bits zero)
 * @param prefix  prefix length, 0-32 for IPv4 and 0-128 for IPv6
 */
public record Cidr(InetAddress network, int prefix) {

    /** What a network must look like, for error messages. */
    public static final String FORMAT = "an IP network address/prefix, e.g. 10.0.0.0/8 or fd00::/8, or a single IP";

    public Cidr {
        Objects.requireNonNull(network, "network");
        int bits = network.getAddress().length * 8;
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix must be 0-" + bits + ", was " + prefix);
        }
        network = mask(network, prefix);
    }

    /** The network holding only {@code address}: a /32 or /128. */
    public static Cidr host(InetAddress address) {
        return new Cidr(address, address.getAddress().length * 8);
    }

    /**
     * Parses {@code address/prefix}, or a bare address as a host network.
     *
     * @throws ConfigException naming {@code path} when the text is not of that form
     */
    public static Cidr parse(String path, String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        InetAddress address = IpLiteral.parse(slash < 0 ? trimmed : trimmed.substring(0, slash));
        if (address == null || trimmed.indexOf('%') >= 0) {
            throw ConfigException.invalid(path, text, FORMAT);
        }
        if (slash < 0) {
            return host(address);
        }
        String prefixText = trimmed.substring(slash + 1);
        int bits = address.getAddress().length * 8;
        if (prefixText.isEmpty() || prefixText.length() > 3 || !prefixText.chars().allMatch(Character::isDigit)
                || Integer.parseInt(prefixText) > bits) {
            throw ConfigException.invalid(path, text, FORMAT + " (prefix 0-" + bits + ")");
        }
        return new Cidr(address, Integer.parseInt(prefixText));
    }

    /** Whether {@code address} is in this network (never across families). */
    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        return a.length == network.getAddress().length && mask(address, prefix).equals(network);
    }

    private static InetAddress mask(InetAddress address, int prefix) {
        byte[] bytes = address.getAddress();
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            bytes[i] &= (byte) (0xFF << (8 - keep));
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("unexpected address length " + bytes.length, e);
        }
    }

    @Override
    public String toString() {
        return IpLiteral.format(network) + "/" + prefix;
    }
}
