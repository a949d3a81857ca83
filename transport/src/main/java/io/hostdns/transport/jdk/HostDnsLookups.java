package io.hostdns.transport.jdk;

import io.hostdns.core.Answer;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.cache.CachingResolver;
import io.hostdns.core.hosts.HostsFile;
import io.hostdns.core.hosts.HostsResolver;
import io.hostdns.core.hosts.StaticHosts;
import io.hostdns.core.upstream.UpstreamGroup;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.UpstreamFactory;
import io.hostdns.transport.internal.AddressLookup;
import io.hostdns.transport.netty.AddressPreference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import reactor.core.Disposable;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;

/**
 * The blocking lookups behind the JDK resolver provider, built once from {@link JdkResolverSettings}:
 * hosts file → cache → upstream group (A and AAAA in parallel through {@link AddressLookup}). The JDK's
 * resolver SPI is blocking by contract, so these methods wait, at most the settings' timeout, on the
 * caller's thread; they must not be called on an event loop. A {@code null} result means "not hostdns's
 * name": the caller asks the JDK's built-in resolver (only when no upstream is configured).
 *
 * <p>Owns the event loops and sockets of its upstreams (daemon threads); {@link #dispose()} frees them.
 */
final class HostDnsLookups implements Disposable {

    private final JdkResolverSettings settings;
    private final StaticHosts hosts;
    private final @Nullable DnsResources resources;
    private final @Nullable UpstreamGroup group;
    private final @Nullable CachingResolver cache;
    private final Resolver pipeline;

    private HostDnsLookups(JdkResolverSettings settings) {
        this.settings = settings;
        this.hosts = readHosts(settings);
        if (settings.upstreams().isEmpty()) {
            this.resources = null;
            this.group = null;
            this.cache = null;
            this.pipeline = new HostsResolver(hosts, query -> Mono.error(new IllegalStateException(
                    "no upstream configured for " + query)));
        } else {
            this.resources = DnsResources.create("hostdns-jdk", 1);
            this.group = UpstreamGroup.builder()
                    .upstreams(UpstreamFactory.create(resources).createAll(settings.upstreams()))
                    .attemptTimeout(settings.attemptTimeout())
                    .deadline(settings.timeout())
                    .build();
            this.cache = CachingResolver.builder(group).build();
            this.pipeline = new HostsResolver(hosts, cache);
        }
    }

    /**
     * Builds the pipeline the settings describe.
     *
     * @throws UncheckedIOException when the hosts file cannot be read
     * @throws IllegalArgumentException when an upstream spec is invalid
     */
    static HostDnsLookups start(JdkResolverSettings settings) {
        return new HostDnsLookups(settings);
    }

    /**
     * The addresses of {@code host} in the order {@code preference} asks for; null when hostdns does not
     * know the name and has no upstream to ask.
     *
     * @throws UnknownHostException naming the host when it has no address, or the lookup failed or timed out
     */
    @Nullable List<InetAddress> lookup(String host, AddressPreference preference) throws UnknownHostException {
        if (group == null && !ownedByHosts(host)) {
            return null;
        }
        return await(new AddressLookup(pipeline, preference).all(host), host);
    }

    /**
     * The host name of {@code address} (a PTR lookup); null when hostdns does not know it and has no
     * upstream to ask.
     *
     * @throws UnknownHostException when there is no PTR record or the lookup failed
     */
    @Nullable String reverse(byte[] address) throws UnknownHostException {
        Name reverse = ReverseMap.fromAddress(address);
        if (group == null && hosts.pointers(reverse).isEmpty()) {
            return null;
        }
        String what = InetAddress.getByAddress(address).getHostAddress();
        Answer answer = await(pipeline.resolve(Query.of(reverse, Type.PTR)), what);
        if (answer.rcode() == Rcode.NOERROR) {
            for (Record r : answer.message().getSection(Section.ANSWER)) {
                if (r instanceof PTRRecord ptr) {
                    return ptr.getTarget().toString(true);
                }
            }
        }
        throw new UnknownHostException(what + ": no PTR record (" + Rcode.string(answer.rcode()) + ")");
    }

    private boolean ownedByHosts(String host) {
        try {
            return hosts.addresses(Name.fromString(host, Name.root)) != null;
        } catch (TextParseException e) {
            return false;
        }
    }

    private <T> T await(Mono<T> result, String host) throws UnknownHostException {
        try {
            T value = result.block(settings.timeout());
            if (value == null) {
                throw new UnknownHostException(host + ": no answer");
            }
            return value;
        } catch (RuntimeException e) {
            // block() wraps checked exceptions such as UnknownHostException; hand them on as they are.
            Throwable cause = Exceptions.unwrap(e);
            if (cause instanceof UnknownHostException unknown) {
                throw unknown;
            }
            UnknownHostException failure = new UnknownHostException(host + ": " + cause.getMessage());
            failure.initCause(cause);
            throw failure;
        }
    }

    private static StaticHosts readHosts(JdkResolverSettings settings) {
        if (settings.hosts() == null) {
            return StaticHosts.builder().build();
        }
        try {
            String text = Files.readString(settings.hosts(), StandardCharsets.UTF_8);
            return StaticHosts.builder().hostsFile(HostsFile.parse(settings.hosts().toString(), text)).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + JdkResolverSettings.HOSTS + "=" + settings.hosts(), e);
        }
    }

    @Override
    public void dispose() {
        if (cache != null) {
            cache.dispose();
        }
        if (group != null) {
            group.dispose();
        }
        if (resources != null) {
            resources.dispose();
        }
    }

    @Override
    public boolean isDisposed() {
        return resources == null || resources.isDisposed();
    }
}
