package io.hostdns.transport.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;

/** Builders of response messages and records for {@link FakeReply} scripts. */
public final class Responses {

    private Responses() {
    }

    /** An empty NOERROR response to {@code request}: same ID, opcode, RD and question; QR and RA set; OPT echoed. */
    public static Message to(FakeRequest request) {
        Message query = request.message();
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.RA);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        response.getHeader().setOpcode(query.getHeader().getOpcode());
        for (Record q : query.getSection(Section.QUESTION)) {
            response.addRecord(q, Section.QUESTION);
        }
        if (query.getOPT() != null) {
            response.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
        }
        return response;
    }

    /** {@code response} with {@code records} added to its answer section. */
    public static Message withAnswers(Message response, Record... records) {
        for (Record r : records) {
            response.addRecord(r, Section.ANSWER);
        }
        return response;
    }

    /** An A record, TTL 60. */
    public static Record a(String name, String ipv4) {
        try {
            return new ARecord(Name.fromString(name, Name.root), DClass.IN, 60, InetAddress.getByName(ipv4));
        } catch (UnknownHostException | org.xbill.DNS.TextParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** An A reply to whatever was asked: the question name with {@code ipv4}, TTL 60. */
    public static FakeReply aFor(String ipv4) {
        return FakeReply.message(request -> withAnswers(to(request), a(request.name(), ipv4)));
    }

    /** A TXT reply of about {@code bytes} bytes of text (in 255-byte strings), too large for 1232-byte UDP. */
    public static FakeReply largeTxt(int bytes) {
        return FakeReply.message(request -> {
            java.util.List<String> strings = new java.util.ArrayList<>();
            for (int left = bytes; left > 0; left -= 255) {
                strings.add("x".repeat(Math.min(255, left)));
            }
            Record txt = new TXTRecord(request.question().getName(), DClass.IN, 60, strings);
            return withAnswers(to(request), txt);
        });
    }
}
