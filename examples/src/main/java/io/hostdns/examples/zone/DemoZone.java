package io.hostdns.examples.zone;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.xbill.DNS.Name;
import org.xbill.DNS.Zone;

/**
 * The {@code demo.test.} zone embedded in this module ({@code demo.test.zone}): an apex with SOA, NS, A,
 * MX and TXT; {@code www} (A and AAAA), {@code api} (CNAME to www), {@code mail}, {@code hello} (TXT) and
 * {@code v4only} (A only, so AAAA is NODATA). Addresses are from the documentation ranges
 * (192.0.2.0/24, 2001:db8::/32).
 */
public final class DemoZone {

    /** The zone's apex. */
    public static final Name ORIGIN = Name.fromConstantString("demo.test.");

    private static final String RESOURCE = "demo.test.zone";

    private DemoZone() {
    }

    /** A fresh copy of the zone, parsed from the embedded zone file. Reads a class-path resource: call off event loops. */
    public static Zone load() {
        try (InputStream in = DemoZone.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("zone file resource " + RESOURCE + " is missing from the class path");
            }
            return new Zone(ORIGIN, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse the embedded zone file " + RESOURCE, e);
        }
    }

    /** A {@link ZoneResolver} over a fresh copy of the zone. */
    public static ZoneResolver resolver() {
        return new ZoneResolver(load());
    }
}
