package io.hostdns.transport.forwarder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;

/** A real client for the forwarder tests: dnsjava's {@link SimpleResolver} over UDP or TCP, on the test thread. */
final class Dns {

    private Dns() {
    }

    /** Sends {@code name type} to {@code server} and returns the response (UDP with EDNS 1232, or TCP). */
    static Message ask(InetSocketAddress server, String name, int type, boolean tcp) throws IOException {
        SimpleResolver resolver = new SimpleResolver(server);
        resolver.setTCP(tcp);
        resolver.setEDNS(0, 1232, 0, java.util.List.of());
        resolver.setTimeout(Duration.ofSeconds(3));
        return resolver.send(Message.newQuery(Record.newRecord(name(name), type, DClass.IN)));
    }

    /** UDP. */
    static Message ask(InetSocketAddress server, String name, int type) throws IOException {
        return ask(server, name, type, false);
    }

    static Name name(String text) {
        try {
            return Name.fromString(text, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The rdata of the first answer record, e.g. {@code 192.0.2.1}. */
    static String first(Message response) {
        Record[] answers = response.getSectionArray(Section.ANSWER);
        if (answers.length == 0) {
            throw new AssertionError("no answer records in\n" + response);
        }
        return answers[answers.length - 1].rdataToString();
    }
}
