package io.hostdns.transport.forwarder.config;

import io.hostdns.transport.UpstreamSpec;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Name;

/** The checks and copies of {@link HostDnsConfig}'s collection fields, each failure naming its field. */
final class ConfigChecks {

    private ConfigChecks() {
    }

    static List<Path> hostsFiles(List<Path> files) {
        List<Path> copy = List.copyOf(files);
        for (int i = 0; i < copy.size(); i++) {
            Path file = copy.get(i);
            if (!file.isAbsolute()) {
                throw ConfigException.invalid("hostDNS.hostsFiles[" + i + "]", file.toString(), "an absolute file path");
            }
            if (copy.indexOf(file) != i) {
                throw ConfigException.invalid("hostDNS.hostsFiles[" + i + "]", file.toString(),
                        "a file not already listed (it is hostDNS.hostsFiles[" + copy.indexOf(file) + "])");
            }
        }
        return copy;
    }

    static Map<Name, List<UpstreamSpec>> routes(Map<Name, List<UpstreamSpec>> routes) {
        Map<Name, List<UpstreamSpec>> copy = new LinkedHashMap<>();
        routes.forEach((domain, upstreams) -> {
            String path = "hostDNS.routes[" + domain + "]";
            if (!domain.isAbsolute()) {
                throw ConfigException.invalid(path, domain.toString(), "an absolute domain name");
            }
            if (upstreams.isEmpty()) {
                throw ConfigException.invalid(path, "[]", "a non-empty list of upstreams");
            }
            copy.put(domain.canonicalize(), List.copyOf(upstreams));
        });
        return Collections.unmodifiableMap(copy);
    }

    static Map<Name, List<InetAddress>> staticHosts(Map<Name, List<InetAddress>> hosts) {
        Map<Name, List<InetAddress>> copy = new LinkedHashMap<>();
        hosts.forEach((name, addresses) -> {
            if (!name.isAbsolute()) {
                throw ConfigException.invalid("hostDNS.staticHosts", name.toString(), "absolute host names");
            }
            copy.put(name, List.copyOf(addresses));
        });
        return Collections.unmodifiableMap(copy);
    }
}
