package io.hostdns.core.metrics;

import io.hostdns.core.AnswerSource;
import io.hostdns.core.UpstreamId;
import io.hostdns.core.health.UpstreamStatus;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.Locale;
import org.xbill.DNS.Rcode;

/** Lower-case tag values shared by the binders. */
final class MetricTags {

    private MetricTags() {
    }

    static String rcode(int rcode) {
        return Rcode.string(rcode).toLowerCase(Locale.ROOT);
    }

    static String source(AnswerSource source) {
        return source.kind().name().toLowerCase(Locale.ROOT);
    }

    static String outcome(UpstreamStatus.Outcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }

    /** {@code upstream} (the configured address) and {@code protocol} of an upstream. */
    static Tags upstream(UpstreamId id) {
        return Tags.of(Tag.of("upstream", id.address().toLowerCase(Locale.ROOT)),
                Tag.of("protocol", id.protocol().name().toLowerCase(Locale.ROOT)));
    }
}
