package io.hostdns.benchmarks.anchors;

import io.hostdns.benchmarks.QueryOutcome;
import io.hostdns.benchmarks.UncachedClient;
import io.hostdns.benchmarks.upstream.BenchZone;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * dnsjava's {@code ExtendedResolver} over one {@code SimpleResolver} per server, in order (load balancing
 * off, one try per server): the next server is asked only when the previous one failed or timed out
 * ({@code perServerTimeout}). dnsjava has no hedging. Note that without load balancing dnsjava 3.6 orders the
 * servers by their failure count for each query, so a server that timed out before is asked after the others:
 * against a dead first server only the first queries pay the timeout.
 */
public final class DnsjavaSequentialClient implements UncachedClient {

    private final ExtendedResolver resolver;

    public DnsjavaSequentialClient(List<InetSocketAddress> servers, Duration perServerTimeout) {
        SimpleResolver[] simple = new SimpleResolver[servers.size()];
        for (int i = 0; i < simple.length; i++) {
            simple[i] = new SimpleResolver(servers.get(i));
            simple[i].setTimeout(perServerTimeout);
        }
        this.resolver = new ExtendedResolver(simple);
        resolver.setLoadBalance(false);
        resolver.setRetries(1);
        // the overall bound: every server's timeout, plus slack; never reached when one answers
        resolver.setTimeout(perServerTimeout.multipliedBy(simple.length).plusSeconds(1));
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
