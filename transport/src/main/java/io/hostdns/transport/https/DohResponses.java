package io.hostdns.transport.https;

import io.hostdns.core.MalformedResponseException;
import io.hostdns.core.Query;
import io.hostdns.core.UpstreamId;
import io.hostdns.transport.internal.ResponseCheck;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufMono;
import reactor.netty.http.client.HttpClientResponse;

/**
 * Turns a DoH HTTP response into validated DNS response bytes, or a typed error: a non-2xx status is a
 * {@link DohResolver.StatusException}; a media type other than {@code application/dns-message}, an empty or
 * oversized body, a message ID other than 0 (RFC 8484 section 4.1) or another question is a
 * {@link MalformedResponseException}. The body buffer is always released: it is either not
 * subscribed (Reactor Netty drains it) or aggregated into a byte array.
 */
final class DohResponses {

    static final String DNS_MESSAGE = "application/dns-message";
    private static final int MAX_DNS_MESSAGE = 65_535;

    private DohResponses() {
    }

    static Mono<byte[]> read(UpstreamId upstream, Query query, HttpClientResponse response, ByteBufMono body) {
        int status = response.status().code();
        if (status < 200 || status > 299) {
            return Mono.error(new DohResolver.StatusException(upstream, status, response.status().reasonPhrase()));
        }
        String contentType = response.responseHeaders().get(HttpHeaderNames.CONTENT_TYPE);
        if (!isDnsMessage(contentType)) {
            return Mono.error(new MalformedResponseException(upstream,
                    "content type is '" + contentType + "', expected " + DNS_MESSAGE, null));
        }
        String length = response.responseHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
        if (length != null && tooLong(length)) {
            // refused before aggregating: no DNS message is longer than 65535 bytes
            return Mono.error(new MalformedResponseException(upstream, "Content-Length " + length
                    + " is larger than a DNS message can be", null));
        }
        return body.asByteArray()
                .switchIfEmpty(Mono.error(() -> new MalformedResponseException(upstream, "empty response body", null)))
                .handle((bytes, sink) -> {
                    MalformedResponseException invalid = validate(upstream, query, bytes);
                    if (invalid == null) {
                        sink.next(bytes);
                    } else {
                        sink.error(invalid);
                    }
                });
    }

    private static boolean tooLong(String contentLength) {
        String digits = contentLength.trim();
        // more digits than any int: certainly longer than a DNS message
        return digits.length() > 9 || (!digits.isEmpty() && digits.chars().allMatch(Character::isDigit)
                && Integer.parseInt(digits) > MAX_DNS_MESSAGE);
    }

    private static boolean isDnsMessage(@Nullable String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return DNS_MESSAGE.equals(mediaType.trim().toLowerCase(Locale.ROOT));
    }

    private static @Nullable MalformedResponseException validate(UpstreamId upstream, Query query, byte[] bytes) {
        if (bytes.length > MAX_DNS_MESSAGE) {
            return new MalformedResponseException(upstream, "response body of " + bytes.length
                    + " bytes is larger than a DNS message can be", null);
        }
        int id = ResponseCheck.id(bytes);
        if (id != 0) {
            return new MalformedResponseException(upstream, id < 0
                    ? "response of " + bytes.length + " bytes is shorter than a DNS header"
                    : "response ID " + id + ", a DoH query is always sent with ID 0", null);
        }
        return switch (ResponseCheck.check(bytes, query)) {
            case MATCH -> null;
            case MALFORMED -> new MalformedResponseException(upstream, "not a DNS response", null);
            case WRONG_QUESTION -> new MalformedResponseException(upstream,
                    "response is for another question than " + query, null);
        };
    }
}
