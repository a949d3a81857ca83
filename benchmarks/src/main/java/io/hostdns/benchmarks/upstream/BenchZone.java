package io.hostdns.benchmarks.upstream;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * The benchmark zone {@code bench.test.}: {@value #SIZE} names {@code h0000..h0999}, each with one A
 * and one AAAA record, TTL {@value #TTL} s (the data set of the anchor measurements).
 *
 * <p>The addresses are only data handed back to the clients, never contacted: A records are in
 * 127.1.0.0/16 and AAAA records in the documentation prefix 2001:db8::/32.
 */
public final class BenchZone {

    /** The zone apex. */
    public static final String ORIGIN = "bench.test.";
    /** Number of host names in the zone. */
    public static final int SIZE = 1000;
    /** TTL of every record, in seconds. */
    public static final long TTL = 86_400;

    private static final Name[] NAMES = new Name[SIZE];

    static {
        for (int i = 0; i < SIZE; i++) {
            try {
                NAMES[i] = Name.fromString(hostLabel(i) + "." + ORIGIN);
            } catch (TextParseException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    private BenchZone() {
    }

    /** {@code h0042} for 42. */
    public static String hostLabel(int index) {
        return String.format(Locale.ROOT, "h%04d", checkIndex(index));
    }

    /** The absolute name of host {@code index}, e.g. {@code h0042.bench.test.}. */
    public static Name name(int index) {
        return NAMES[checkIndex(index)];
    }

    /** The host name without the trailing dot, as an application would pass it: {@code h0042.bench.test}. */
    public static String hostname(int index) {
        return hostLabel(index) + "." + ORIGIN.substring(0, ORIGIN.length() - 1);
    }

    /** The IPv4 address of host {@code index}. */
    public static InetAddress ipv4(int index) {
        checkIndex(index);
        return address(new byte[] {127, 1, (byte) (index >>> 8), (byte) index});
    }

    /** The IPv6 address of host {@code index}. */
    public static InetAddress ipv6(int index) {
        checkIndex(index);
        byte[] b = new byte[16];
        b[0] = 0x20;
        b[1] = 0x01;
        b[2] = 0x0d;
        b[3] = (byte) 0xb8;
        b[14] = (byte) (index >>> 8);
        b[15] = (byte) index;
        return address(b);
    }

    /** The index of {@code name} in the zone (case-insensitively), or -1 when it is not a host of it. */
    public static int indexOf(Name name) {
        if (name.labels() != 4) {
            return -1;
        }
        String label = name.getLabelString(0);
        if (label.length() != 5 || Character.toLowerCase(label.charAt(0)) != 'h') {
            return -1;
        }
        int index = 0;
        for (int i = 1; i < 5; i++) {
            char c = label.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            index = index * 10 + (c - '0');
        }
        return index < SIZE && NAMES[index].equals(name) ? index : -1;
    }

    /** The zone in master-file format, as NSD loads it. */
    public static String zoneFile() {
        StringBuilder z = new StringBuilder(64 * SIZE);
        z.append("$ORIGIN ").append(ORIGIN).append('\n');
        z.append("$TTL ").append(TTL).append('\n');
        z.append("@ IN SOA ns.bench.test. hostmaster.bench.test. 1 3600 600 86400 60\n");
        z.append("@ IN NS ns.bench.test.\n");
        z.append("ns IN A 127.0.0.1\n");
        for (int i = 0; i < SIZE; i++) {
            z.append(hostLabel(i)).append(" IN A ").append(ipv4(i).getHostAddress()).append('\n');
            z.append(hostLabel(i)).append(" IN AAAA ").append(ipv6(i).getHostAddress()).append('\n');
        }
        return z.toString();
    }

    private static int checkIndex(int index) {
        if (index < 0 || index >= SIZE) {
            throw new IllegalArgumentException("host index must be 0.." + (SIZE - 1) + ", was " + index);
        }
        return index;
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a literal address is always valid", e);
        }
    }
}
