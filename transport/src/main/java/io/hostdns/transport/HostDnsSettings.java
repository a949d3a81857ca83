package io.hostdns.transport;

import io.hostdns.core.Upstream;
import io.hostdns.core.cache.CacheOptions;
import io.hostdns.core.dnssec.DnssecValidation;
import io.hostdns.core.upstream.GroupStrategy;
import io.hostdns.transport.netty.AddressPreference;
import io.hostdns.transport.tls.TlsTrust;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * Everything a {@link HostDns} is built from, as its {@link HostDns.Builder} collected it; the resolver reads
 * this record, never the builder. Each {@code with} method returns a changed copy.
 *
 * @param upstreams      the upstreams, or null for the name servers of {@code resolvConf}
 * @param resolvConf     the resolv.conf read when no upstreams are given
 * @param cache          what the cache keeps and for how long
 * @param attemptTimeout the most one upstream attempt may take
 * @param deadline       the most one resolution may take, every attempt included
 * @param strategy       how the health-ordered upstreams are asked
 * @param resources      event loops shared with the caller, or null for a thread of the resolver's own
 * @param trust          the certificate authorities DoT and DoH upstreams must chain to
 * @param preference     which address families {@code lookup} asks for, and which comes first
 * @param clients        how each upstream's client is made (tests script them), or null for an UpstreamFactory
 * @param dnssec         what DNSSEC validation trusts, or null for no validation
 */
record HostDnsSettings(@Nullable List<UpstreamSpec> upstreams, Path resolvConf, CacheOptions cache,
                       Duration attemptTimeout, Duration deadline, GroupStrategy strategy,
                       @Nullable DnsResources resources, TlsTrust trust, AddressPreference preference,
                       @Nullable BiFunction<Integer, UpstreamSpec, Upstream> clients,
                       @Nullable DnssecValidation dnssec) {

    HostDnsSettings withUpstreams(@Nullable List<UpstreamSpec> value) {
        return new HostDnsSettings(value, resolvConf, cache, attemptTimeout, deadline, strategy, resources,
                trust, preference, clients, dnssec);
    }

    HostDnsSettings withResolvConf(Path value) {
        return new HostDnsSettings(upstreams, value, cache, attemptTimeout, deadline, strategy, resources,
                trust, preference, clients, dnssec);
    }

    HostDnsSettings withCache(CacheOptions value) {
        return new HostDnsSettings(upstreams, resolvConf, value, attemptTimeout, deadline, strategy, resources,
                trust, preference, clients, dnssec);
    }

    HostDnsSettings withAttemptTimeout(Duration value) {
        return new HostDnsSettings(upstreams, resolvConf, cache, value, deadline, strategy, resources, trust,
                preference, clients, dnssec);
    }

    HostDnsSettings withDeadline(Duration value) {
        return new HostDnsSettings(upstreams, resolvConf, cache, attemptTimeout, value, strategy, resources,
                trust, preference, clients, dnssec);
    }

    HostDnsSettings withStrategy(GroupStrategy value) {
        return new HostDnsSettings(upstreams, resolvConf, cache, attemptTimeout, deadline, value, resources,
                trust, preference, clients, dnssec);
    }

    HostDnsSettings withResources(@Nullable DnsResources value) {
        return new HostDnsSettings(upstreams, resolvConf, cache, attemptTimeout, deadline, strategy, value,
                trust, preference, clients, dnssec);
    }

    HostDnsSettings withTrust(TlsTrust value) {
        return new HostDnsSettings(upstreams, resolvConf, cache, attemptTimeout, deadline, strategy, resources,
                value, preference, clients, dnssec);
    }

    HostDnsSettings withPreference(AddressPreference value) {
        return new HostDnsSettings(upstreams, resolvConf, cache, attemptTimeout, deadline, strategy, resources,
                trust, value, clients, dnssec);
    }

    HostDnsSettings withClients(@Nullable BiFunction<Integer, UpstreamSpec, Upstream> value) {
        return new HostDnsSettings(upstreams, resolvConf, cache, attemptTimeout, deadline, strategy, resources,
                trust, preference, value, dnssec);
    }

    HostDnsSettings withDnssec(@Nullable DnssecValidation value) {
        return new HostDnsSettings(upstreams, resolvConf, cache, attemptTimeout, deadline, strategy, resources,
                trust, preference, clients, value);
    }
}
