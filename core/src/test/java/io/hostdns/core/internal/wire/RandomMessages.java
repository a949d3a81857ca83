package io.hostdns.core.internal.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DNSInput;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * Random valid DNS responses written by dnsjava, for the property and fuzz tests of the wire walker:
 * names of any label bytes (letters of both cases, dots, zero bytes, high bytes) up to 255 bytes,
 * sharing suffixes so that dnsjava compresses owners and RDATA names; every common record type, an
 * unknown type, RRSIG with its original TTL, and at most one OPT anywhere in the additional section.
 */
final class RandomMessages {

    private static final byte[] LETTERS = "abcXYZ-09_*".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private RandomMessages() {
    }

    /** One message drawn from {@code random}. */
    static Message message(Random random) {
        List<Name> names = new ArrayList<>();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            names.add(name(random, Name.root, random.nextInt(8) == 0 ? 127 : 1 + random.nextInt(4)));
        }
        Message m = new Message(random.nextInt(0x10000));
        m.getHeader().setFlag(Flags.QR);
        m.getHeader().setRcode(random.nextInt(6));
        Name question = pick(random, names);
        m.addRecord(Record.newRecord(question, random.nextBoolean() ? Type.A : 65280 + random.nextInt(10),
                random.nextInt(8) == 0 ? 3 : 1), Section.QUESTION);
        int optAt = random.nextBoolean() ? -1 : random.nextInt(4);
        for (int section = Section.ANSWER; section <= Section.ADDITIONAL; section++) {
            int count = random.nextInt(section == Section.ANSWER ? 8 : 5);
            for (int i = 0; i < count; i++) {
                if (section == Section.ADDITIONAL && i == optAt) {
                    m.addRecord(opt(random), Section.ADDITIONAL);
                }
                Name owner = random.nextInt(3) == 0 ? name(random, pick(random, names), 1) : pick(random, names);
                names.add(owner);
                m.addRecord(record(random, owner, names), section);
            }
            if (section == Section.ADDITIONAL && optAt >= count) {
                m.addRecord(opt(random), Section.ADDITIONAL);
            }
        }
        return m;
    }

    private static Record record(Random random, Name owner, List<Name> names) {
        long ttl = random.nextInt(4) == 0 ? random.nextInt(Integer.MAX_VALUE) : random.nextInt(86400);
        int dclass = random.nextInt(10) == 0 ? 3 : 1;
        Name target = pick(random, names);
        return switch (random.nextInt(11)) {
            case 0 -> new ARecord(owner, dclass, ttl, address(random, 4));
            case 1 -> new AAAARecord(owner, dclass, ttl, address(random, 16));
            case 2 -> new CNAMERecord(owner, dclass, ttl, target);
            case 3 -> new NSRecord(owner, dclass, ttl, target);
            case 4 -> new MXRecord(owner, dclass, ttl, random.nextInt(100), target);
            case 5 -> new SOARecord(owner, dclass, ttl, target, pick(random, names), random.nextInt(Integer.MAX_VALUE),
                    3600, 600, 86400, random.nextInt(4) == 0 ? 0x80000000L + random.nextInt(1000) : random.nextInt(7200));
            case 6 -> new TXTRecord(owner, dclass, ttl, List.of("t".repeat(random.nextInt(300) % 256)));
            case 7 -> new SRVRecord(owner, dclass, ttl, 1, 2, 53, target);
            case 8 -> new RRSIGRecord(owner, dclass, ttl, Type.A, 13, random.nextInt(Integer.MAX_VALUE),
                    Instant.ofEpochSecond(2_000_000_000L), Instant.ofEpochSecond(1_900_000_000L), random.nextInt(65536),
                    target, bytes(random, 64));
            case 9 -> Record.newRecord(owner, 65280 + random.nextInt(10), dclass, ttl, bytes(random, random.nextInt(20)));
            default -> new ARecord(owner, dclass, 0, address(random, 4));
        };
    }

    private static OPTRecord opt(Random random) {
        List<org.xbill.DNS.EDNSOption> options = random.nextBoolean() ? List.of()
                : List.of(new ExtendedErrorCodeOption(random.nextInt(25), "x"));
        return new OPTRecord(512 + random.nextInt(4000), random.nextInt(3), 0, random.nextBoolean() ? 0x8000 : 0,
                options);
    }

    /** {@code labels} random labels in front of {@code origin}, fewer when the 255-byte limit is near. */
    static Name name(Random random, Name origin, int labels) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int room = 255 - origin.length();
        for (int i = 0; i < labels && room > 1; i++) {
            int length = Math.min(room - 1, random.nextInt(10) == 0 ? 1 + random.nextInt(63) : 1 + random.nextInt(8));
            out.write(length);
            for (int j = 0; j < length; j++) {
                out.write(random.nextInt(5) == 0 ? random.nextInt(256) : LETTERS[random.nextInt(LETTERS.length)]);
            }
            room -= length + 1;
        }
        out.writeBytes(origin.toWire());
        try {
            return new Name(new DNSInput(out.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Name pick(Random random, List<Name> names) {
        return names.get(random.nextInt(names.size()));
    }

    private static InetAddress address(Random random, int length) {
        try {
            return InetAddress.getByAddress(bytes(random, length));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static byte[] bytes(Random random, int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }
}
