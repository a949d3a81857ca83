package io.hostdns.transport.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;

/**
 * The client networks a server answers: a list of CIDR blocks. A client outside every block is refused
 * (REFUSED over UDP, connection closed over TCP). IPv4 blocks match IPv4 clients only and IPv6 blocks
 * IPv6 clients only, except that an IPv4-mapped IPv6 client ({@code ::ffff:a.b.c.d}) is checked as IPv4.
 */
public final class ClientAcl {

    // an array, not a List: every query is checked, and a list's iterator was allocated per check (JFR)
    private final Block[] blocks;

    private ClientAcl(List<Block> blocks) {
        this.blocks = blocks.toArray(Block[]::new);
    }

    /** Loopback only: {@code 127.0.0.0/8} and {@code ::1/128}. */
    public static ClientAcl loopback() {
        return of(List.of("127.0.0.0/8", "::1/128"));
    }

    /** Every client. */
    public static ClientAcl any() {
        return of(List.of("0.0.0.0/0", "::/0"));
    }

    /**
     * The given CIDR blocks, e.g. {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is a single host.
     *
     * @throws IllegalArgumentException naming the block that is not a literal address with a valid prefix
     */
    public static ClientAcl of(List<String> cidrs) {
        return new ClientAcl(cidrs.stream().map(Block::parse).toList());
    }

    /** Whether {@code client} is inside one of the blocks. */
    public boolean allows(InetAddress client) {
        byte[] address = client.getAddress();
        if (address.length == 16 && isV4Mapped(address)) {
            address = java.util.Arrays.copyOfRange(address, 12, 16);
        }
        for (Block block : blocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xFF && a[11] == (byte) 0xFF;
    }

    @Override
    public String toString() {
        return "ClientAcl" + java.util.Arrays.toString(blocks);
    }

    private record Block(byte[] network, int prefix, String text) {

        static Block parse(String cidr) {
            Objects.requireNonNull(cidr, "cidr");
            int slash = cidr.indexOf('/');
            String host = slash < 0 ? cidr : cidr.substring(0, slash);
            if (host.isEmpty() || !(Character.digit(host.charAt(0), 16) >= 0 || host.charAt(0) == ':')) {
                throw new IllegalArgumentException("ACL entry '" + cidr + "' is not an IP address or CIDR block");
            }
            byte[] network;
            try {
                network = InetAddress.getByName(host).getAddress(); // a literal: no lookup happens
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("ACL entry '" + cidr + "' is not an IP address or CIDR block", e);
            }
            int max = network.length * 8;
            int prefix;
            try {
                prefix = slash < 0 ? max : Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("ACL entry '" + cidr + "' has a prefix that is not a number", e);
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("ACL entry '" + cidr + "' needs a prefix of 0.." + max);
            }
            return new Block(network, prefix, cidr);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
