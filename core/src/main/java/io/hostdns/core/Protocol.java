package io.hostdns.core;

/** The transport an upstream is spoken to over. */
public enum Protocol {
    /** DNS over UDP (port 53), retried over TCP when the answer is truncated. */
    UDP("udp"),
    /** DNS over TCP (port 53), RFC 7766. */
    TCP("tcp"),
    /** DNS over TLS (port 853), RFC 7858. */
    TLS("tls"),
    /** DNS over HTTPS, RFC 8484. */
    HTTPS("https");

    private final String label;

    Protocol(String label) {
        this.label = label;
    }

    /** The lower-case name used in upstream specs and status lines, e.g. {@code udp}. */
    public String label() {
        return label;
    }
}
