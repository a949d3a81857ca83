package io.hostdns.transport.netty;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.Query;
import java.net.InetAddress;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/** Replies for the adapter tests (core's test helpers are not published as a test-jar). */
public final class NettyTestAnswers {

    private NettyTestAnswers() {
    }

    public static Answer rcode(Query query, int rcode) {
        Message m = query.toMessage(0);
        m.getHeader().setFlag(Flags.QR);
        m.getHeader().setRcode(rcode);
        return Answer.of(m, AnswerSource.LOCAL);
    }

    /** NOERROR with the given addresses of the query's family. */
    public static Answer addresses(Query query, InetAddress... addresses) {
        Message m = query.toMessage(0);
        m.getHeader().setFlag(Flags.QR);
        m.getHeader().setRcode(Rcode.NOERROR);
        for (InetAddress a : addresses) {
            m.addRecord(a.getAddress().length == 4 ? new ARecord(query.name(), query.dclass(), 60, a)
                    : new AAAARecord(query.name(), query.dclass(), 60, a), Section.ANSWER);
        }
        return Answer.of(m, AnswerSource.LOCAL);
    }
}
