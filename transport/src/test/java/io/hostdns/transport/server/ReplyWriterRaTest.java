package io.hostdns.transport.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Query;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** A forwarder offers recursion: its replies carry RA even when the upstream was authoritative-only. */
class ReplyWriterRaTest {

    @Test
    void reply_setsRecursionAvailable_evenWhenTheUpstreamAnswerLacksIt() throws Exception {
        Query query = Query.of("www.demo.test.", Type.A);
        Message upstream = query.toMessage(0);
        upstream.getHeader().setFlag(Flags.QR);
        upstream.getHeader().setFlag(Flags.AA);
        upstream.getHeader().setRcode(Rcode.NOERROR);
        byte[] requestBytes = query.toWire(0x1234);
        DnsRequest request = java.util.Objects.requireNonNull(RequestDecoder.decode(requestBytes));

        ReplyWriter.Reply reply = ReplyWriter.fromAnswer(request, upstream.toWire(), 512, new byte[0]);

        Message sent = new Message(reply.wire());
        assertThat(sent.getHeader().getFlag(Flags.RA)).isTrue();
        assertThat(sent.getHeader().getFlag(Flags.RD)).isTrue();
        assertThat(sent.getHeader().getID()).isEqualTo(0x1234);
    }
}
