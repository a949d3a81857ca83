/**
 * DNS over UDP to one upstream: {@link io.hostdns.transport.udp.UdpDnsClient}, its socket pool and
 * its counters.
 */
@NullMarked
package io.hostdns.transport.udp;

import org.jspecify.annotations.NullMarked;
