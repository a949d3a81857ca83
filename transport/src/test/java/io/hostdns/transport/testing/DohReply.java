package io.hostdns.transport.testing;

import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;

/**
 * What a {@link FakeDohServer} answers one request with: any status, media type and body, so tests
 * can script both good answers and the faults a client must survive.
 *
 * @param status      HTTP status code
 * @param contentType the {@code Content-Type} header
 * @param body        the response body
 */
public record DohReply(int status, String contentType, byte[] body) {

    public static final String DNS_MESSAGE = "application/dns-message";

    /** 200 with {@code response} as an {@code application/dns-message} body. */
    public static DohReply dns(Message response) {
        return new DohReply(200, DNS_MESSAGE, response.toWire());
    }

    /** An error status with a short text body. */
    public static DohReply status(int status) {
        return new DohReply(status, "text/plain", ("status " + status).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * A NOERROR response to {@code query}: its ID and question, QR and RA set, with whatever
     * {@code fill} adds (answer records, another rcode...).
     */
    public static DohReply answer(Message query, UnaryOperator<Message> fill) {
        return dns(fill.apply(responseTo(query)));
    }

    /** An empty NOERROR response message to {@code query}: its ID, RD and question, QR and RA set. */
    public static Message responseTo(Message query) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.RA);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        response.addRecord(query.getQuestion(), Section.QUESTION);
        return response;
    }
}
