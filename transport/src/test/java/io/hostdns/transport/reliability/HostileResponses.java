package io.hostdns.transport.reliability;

import io.hostdns.transport.testing.FakeReply;
import io.hostdns.transport.testing.Responses;
import java.io.ByteArrayOutputStream;
import org.xbill.DNS.DNSOutput;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;

/** Hand-made hostile upstream responses: compression loops, oversized answers, poisoned sections. */
final class HostileResponses {

    private HostileResponses() {
    }

    /** A response with the request's ID whose question name is a compression pointer to itself. */
    static FakeReply pointerLoopInQuestion() {
        return (request, out) -> {
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            header(wire, request.id(), 1, 0);
            wire.write(0xC0);
            wire.write(12); // the name at offset 12 points to offset 12
            wire.writeBytes(new byte[] {0, 1, 0, 1});
            out.send(wire.toByteArray());
        };
    }

    /** Only a 12-byte header with the request's ID, QR and QDCOUNT=1: no room for the question it announces. */
    static FakeReply headerOnly() {
        return (request, out) -> {
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            header(wire, request.id(), 1, 0);
            out.send(wire.toByteArray());
        };
    }

    /** A response with a correct question and one answer record whose owner name points to itself. */
    static FakeReply pointerLoopInAnswer() {
        return (request, out) -> {
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            header(wire, request.id(), 1, 1);
            DNSOutput question = new DNSOutput();
            request.question().getName().toWireCanonical(question);
            wire.writeBytes(question.toByteArray());
            wire.writeBytes(new byte[] {0, 1, 0, 1});
            int self = wire.size();
            wire.write(0xC0 | (self >> 8));
            wire.write(self & 0xFF);
            wire.writeBytes(new byte[] {0, 1, 0, 1, 0, 0, 0, 60, 0, 4, (byte) 192, 0, 2, 66});
            out.send(wire.toByteArray());
        };
    }

    /** The question's A record with {@code ipv4}, then {@code count} unrelated A records (~20 bytes each). */
    static FakeReply oversized(int count, String ipv4) {
        return FakeReply.message(request -> {
            Message m = Responses.withAnswers(Responses.to(request), Responses.a(request.name(), ipv4));
            for (int i = 0; i < count; i++) {
                m.addRecord(Responses.a("pad" + i + "." + request.name(), ipv4), Section.ANSWER);
            }
            return m;
        });
    }

    /** {@code ipv4} for the question, plus an out-of-bailiwick address for {@code target} in the additional section. */
    static FakeReply poisonedAdditional(String ipv4, String target, String forged) {
        return FakeReply.message(request -> {
            Message m = Responses.withAnswers(Responses.to(request), Responses.a(request.name(), ipv4));
            m.addRecord(Responses.a(target, forged), Section.ADDITIONAL);
            m.addRecord(Responses.a("also." + target, forged), Section.ANSWER);
            return m;
        });
    }

    private static void header(ByteArrayOutputStream wire, int id, int questions, int answers) {
        wire.write(id >> 8);
        wire.write(id);
        wire.write(0x81); // QR, RD
        wire.write(0x80); // RA
        wire.writeBytes(new byte[] {0, (byte) questions, 0, (byte) answers, 0, 0, 0, 0});
    }
}
