package io.hostdns.transport.testing;

import io.hostdns.core.Protocol;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * What the {@link FakeDnsServer} does for one request: answer, fail, misbehave or stay silent. Replies
 * compose: {@code sequence(wrongId(answer(r)), answer(r))} sends a forged reply and then the right one.
 * Message-building replies start from {@link Responses#to(FakeRequest)} (same ID and question, QR/RA set).
 */
@FunctionalInterface
public interface FakeReply {

    /** Carries out this reply to {@code request} on {@code out}. */
    void perform(FakeRequest request, ReplyChannel out);

    /** A NOERROR response carrying {@code records} in the answer section. */
    static FakeReply answer(Record... records) {
        return message(request -> Responses.withAnswers(Responses.to(request), records));
    }

    /** A response built by {@code builder} from the request. */
    static FakeReply message(Function<FakeRequest, Message> builder) {
        return (request, out) -> out.send(builder.apply(request).toWire());
    }

    /** An empty response with {@code rcode} (e.g. {@link Rcode#SERVFAIL}). */
    static FakeReply rcode(int rcode) {
        return message(request -> {
            Message m = Responses.to(request);
            m.getHeader().setRcode(rcode);
            return m;
        });
    }

    /** SERVFAIL. */
    static FakeReply servfail() {
        return rcode(Rcode.SERVFAIL);
    }

    /** REFUSED. */
    static FakeReply refused() {
        return rcode(Rcode.REFUSED);
    }

    /** NXDOMAIN. */
    static FakeReply nxdomain() {
        return rcode(Rcode.NXDOMAIN);
    }

    /** No reply at all. */
    static FakeReply drop() {
        return (request, out) -> {
        };
    }

    /** {@code reply}, after {@code delay} (scheduled on the event loop, nothing blocks). */
    static FakeReply delay(Duration delay, FakeReply reply) {
        return (request, out) -> out.schedule(delay, () -> reply.perform(request, out));
    }

    /** Each reply in turn, e.g. a forged packet and then the genuine one. */
    static FakeReply sequence(FakeReply... replies) {
        return (request, out) -> {
            for (FakeReply reply : replies) {
                reply.perform(request, out);
            }
        };
    }

    /** Over UDP a header-and-question response with TC=1; over TCP (the retry) {@code full}. */
    static FakeReply truncated(FakeReply full) {
        return (request, out) -> {
            if (out.protocol() == Protocol.UDP) {
                Message m = Responses.to(request);
                m.getHeader().setFlag(org.xbill.DNS.Flags.TC);
                out.send(m.toWire());
            } else {
                full.perform(request, out);
            }
        };
    }

    /** {@code reply} with its message ID changed (the client must drop it). */
    static FakeReply wrongId(FakeReply reply) {
        return transformed(reply, wire -> {
            byte[] copy = wire.clone();
            copy[0] ^= (byte) 0x5A;
            copy[1] ^= (byte) 0xA5;
            return copy;
        });
    }

    /** {@code reply} with its question name replaced by {@code other} (the client must drop it). */
    static FakeReply wrongQuestion(FakeReply reply, Name other) {
        return transformed(reply, wire -> {
            Message m = parse(wire);
            Record q = m.getQuestion();
            m.removeAllRecords(Section.QUESTION);
            m.addRecord(Record.newRecord(other, q.getType(), q.getDClass()), Section.QUESTION);
            return m.toWire();
        });
    }

    /** {@code reply} sent from another UDP port of the server (the client must drop it). */
    static FakeReply fromOtherPort(FakeReply reply) {
        return (request, out) -> reply.perform(request, new TransformingChannel(out, UnaryOperator.identity(), true));
    }

    /** These bytes instead of a DNS message. */
    static FakeReply garbage(byte[] bytes) {
        byte[] copy = bytes.clone();
        return (request, out) -> out.send(copy.clone());
    }

    /** Closes the TCP connection without answering (UDP: no reply). */
    static FakeReply closeConnection() {
        return (request, out) -> out.close();
    }

    /**
     * What {@code script} resolves for the request's question, played on the wire (see {@link ScriptedReply}):
     * an answer is sent, a {@link io.hostdns.core.DnsNetworkException} closes the connection, anything else
     * is silence.
     */
    static FakeReply scripted(io.hostdns.core.Resolver script) {
        return new ScriptedReply(script);
    }

    /** {@code reply} with every byte sequence it sends passed through {@code change}. */
    static FakeReply transformed(FakeReply reply, UnaryOperator<byte[]> change) {
        return (request, out) -> reply.perform(request, new TransformingChannel(out, change, false));
    }

    private static Message parse(byte[] wire) {
        try {
            return new Message(wire);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
