package io.hostdns.examples;

import io.hostdns.core.DnsNetworkException;
import io.hostdns.core.Resolver;
import io.hostdns.core.cache.CachingResolver;
import io.hostdns.core.hosts.HostsResolver;
import io.hostdns.core.hosts.StaticHosts;
import io.hostdns.transport.netty.AddressPreference;
import io.hostdns.transport.netty.HostDnsAddressResolverGroup;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.Name;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Example 4: Reactor Netty's {@code HttpClient} (and so Spring WebClient on Reactor Netty) resolving host
 * names through a hostdns pipeline instead of Netty's resolver.
 * <pre>
 *   java -cp hostdns-examples-cli.jar io.hostdns.examples.HttpClientThroughHostDnsExample app.internal 127.0.0.1 8080
 * </pre>
 * Here the pipeline is a static host entry in front of a cache over any upstream {@link Resolver}; in a
 * service it would be the same pipeline the rest of the service uses (upstream group, routes, DoH...).
 */
public final class HttpClientThroughHostDnsExample {

    private HttpClientThroughHostDnsExample() {
    }

    /**
     * An {@code HttpClient} whose host names are resolved by {@code pipeline}, A and AAAA in parallel,
     * IPv4 preferred. The group owns nothing: caching and coalescing live in the pipeline.
     */
    public static HttpClient httpClient(Resolver pipeline) {
        return HttpClient.create().resolver(new HostDnsAddressResolverGroup(pipeline, AddressPreference.IPV4_FIRST));
    }

    /** The pipeline of this example: {@code name → address} answered locally, everything else via {@code upstream}. */
    public static Resolver pipeline(String name, InetAddress address, Resolver upstream) {
        StaticHosts hosts = StaticHosts.builder().add(Name.fromConstantString(absolute(name)), List.of(address)).build();
        return new HostsResolver(hosts, CachingResolver.builder(upstream).build());
    }

    /** GETs {@code http://NAME:PORT/} where only hostdns knows NAME (as {@code ADDRESS}) and prints the body. */
    public static void main(String[] args) throws UnknownHostException {
        if (args.length != 3) {
            System.err.println("usage: HttpClientThroughHostDnsExample NAME ADDRESS PORT");
            System.exit(2);
        }
        Resolver nothingElse = query -> Mono.error(new DnsNetworkException(null, "no upstream in this example", null));
        HttpClient client = httpClient(pipeline(args[0], InetAddress.getByName(args[1]), nothingElse));
        String body = client.get().uri("http://" + args[0] + ":" + args[2] + "/")
                .responseContent().aggregate().asString().block(Duration.ofSeconds(10));
        System.out.println(body);
    }

    private static String absolute(String name) {
        return name.endsWith(".") ? name : name + ".";
    }
}
