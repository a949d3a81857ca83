package io.hostdns.benchmarks.anchors;

import io.hostdns.benchmarks.QueryOutcome;
import io.hostdns.benchmarks.UncachedClient;
import io.hostdns.benchmarks.upstream.BenchZone;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** dnsjava's {@code SimpleResolver.sendAsync}: one new query message and one UDP socket per query. */
public final class DnsjavaUncachedClient implements UncachedClient {

    private final SimpleResolver resolver;

    public DnsjavaUncachedClient(InetSocketAddress upstream) {
        this.resolver = new SimpleResolver(upstream);
        resolver.setTimeout(Duration.ofSeconds(2));
    }

    @Override
    public void query(int index, QueryOutcome outcome) {
        Message query = Message.newQuery(Record.newRecord(BenchZone.name(index), Type.A, DClass.IN));
        resolver.sendAsync(query).whenComplete((response, error) -> {
            if (error != null) {
                outcome.failed(error);
            } else if (response.getRcode() == Rcode.NOERROR && response.getSection(Section.ANSWER).size() == 1) {
                outcome.answered();
            } else {
                outcome.failed(new IllegalStateException("unexpected response " + Rcode.string(response.getRcode())));
            }
        });
    }

    @Override
    public void close() {
        // SimpleResolver shares dnsjava's NIO selector thread, which it owns and stops itself
    }
}
