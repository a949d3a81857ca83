package io.hostdns.examples;

import io.hostdns.core.Answer;
import io.hostdns.core.Query;
import io.hostdns.transport.HostDns;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Example 0, the front door: {@link HostDns}, a cached, health-ordered resolver over the name servers of
 * {@code /etc/resolv.conf} or the upstreams given, that owns its event loop and is closed once.
 * <pre>
 *   java -cp hostdns-examples-cli.jar io.hostdns.examples.FrontDoorExample example.com                 # resolv.conf
 *   java -cp hostdns-examples-cli.jar io.hostdns.examples.FrontDoorExample example.com 1.1.1.1 tls://9.9.9.9
 * </pre>
 */
public final class FrontDoorExample {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private FrontDoorExample() {
    }

    /** What {@code dns} knows about {@code host}: its addresses (IPv4 first) and its mail exchangers, one per line. */
    public static List<String> describe(HostDns dns, String host) {
        List<InetAddress> addresses = dns.lookup(host).block(WAIT);
        Answer mx = dns.resolve(Query.of(host, Type.MX)).block(WAIT);
        List<String> lines = new ArrayList<>();
        for (InetAddress address : addresses == null ? List.<InetAddress>of() : addresses) {
            lines.add(host + " has address " + address.getHostAddress());
        }
        if (mx != null) {
            mx.message().getSection(Section.ANSWER).stream().filter(r -> r.getType() == Type.MX)
                    .forEach(r -> lines.add(host + " mail is handled by " + r.rdataToString()));
        }
        return lines;
    }

    /** Looks up {@code args[0]} through resolv.conf's name servers, or through the upstreams {@code args[1..]}. */
    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: FrontDoorExample HOST [UPSTREAM...]   (upstream specs, e.g. 1.1.1.1)");
            System.exit(2);
        }
        List<String> upstreams = Arrays.asList(args).subList(1, args.length);
        try (HostDns dns = upstreams.isEmpty() ? HostDns.system() : HostDns.of(upstreams.toArray(String[]::new))) {
            describe(dns, args[0]).forEach(System.out::println);
            dns.upstreams().forEach(status -> System.out.println(";; " + status));
        }
    }
}
