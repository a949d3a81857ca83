package io.hostdns.transport.forwarder;

import java.util.Objects;

/**
 * One stage of a running forwarder's pipeline, as {@link HostDnsForwarder#stages()} lists them, the start-up
 * log prints them and {@code hostdns query --trace} shows them.
 *
 * @param name   the stage, e.g. {@code hosts}, {@code cache}, {@code routes}: the name its trace events carry
 * @param detail what it does under the configuration in force, e.g. {@code maxEntries 10000, TTL 5s-1h}
 */
public record StageDescription(String name, String detail) {

    public StageDescription {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return detail.isEmpty() ? name : name + " (" + detail + ")";
    }
}
