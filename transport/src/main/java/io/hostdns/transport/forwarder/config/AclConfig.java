package io.hostdns.transport.forwarder.config;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Which clients may query the forwarder ({@code hostDNS.acl}); others are answered REFUSED.
 *
 * <p>The default allows loopback only ({@code 127.0.0.0/8}, {@code ::1/128}) and, when
 * {@code forwardKubeDNSToHost} is on, the pod-facing address itself. Note that pods reach the
 * pod-facing address from their own (pod CIDR) addresses: a cluster that forwards to the host must list
 * its pod networks in {@code allow}. An explicit {@code allow} list replaces the default entirely.
 *
 * @param allow the client networks that may query; never empty
 */
public record AclConfig(List<Cidr> allow) {

    public AclConfig {
        allow = List.copyOf(allow);
        if (allow.isEmpty()) {
            throw ConfigException.invalid("hostDNS.acl.allow", "[]", "a non-empty list of client networks");
        }
    }

    /** The default described above. */
    public static AclConfig defaults(boolean forwardKubeDNSToHost, InetAddress podFacingAddress) {
        List<Cidr> allow = new ArrayList<>();
        allow.add(Cidr.parse("hostDNS.acl.allow", "127.0.0.0/8"));
        allow.add(Cidr.parse("hostDNS.acl.allow", "::1/128"));
        if (forwardKubeDNSToHost) {
            allow.add(Cidr.host(podFacingAddress));
        }
        return new AclConfig(allow);
    }

    /** Whether a client at {@code address} may query. */
    public boolean allows(InetAddress address) {
        for (Cidr network : allow) {
            if (network.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
