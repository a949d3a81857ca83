package io.hostdns.core;

import java.util.Objects;

/**
 * The identity of one configured upstream: its position in the configuration (which is meaningful:
 * config order breaks ties and is the default order), its protocol and its address.
 *
 * @param index   position in the configured list, from 0
 * @param protocol the transport
 * @param address  the address as configured, e.g. {@code 192.168.1.22:53} or {@code https://dns.example/dns-query}
 */
public record UpstreamId(int index, Protocol protocol, String address) {

    public UpstreamId {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, was " + index);
        }
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(address, "address");
    }

    /** The status-line form, e.g. {@code #000 udp 192.168.1.22:53}. */
    @Override
    public String toString() {
        // not String.format: its first use loads the Formatter and the locale data, ~20 ms of a forwarder's start
        String number = Integer.toString(index);
        String padding = number.length() >= 3 ? "" : "00".substring(number.length() - 1);
        return "#" + padding + number + " " + protocol.label() + " " + address;
    }
}
