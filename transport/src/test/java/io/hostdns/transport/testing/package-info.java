/**
 * Test support shared as this module's test-jar: {@link io.hostdns.transport.testing.FakeDnsServer}, an
 * in-process DNS server on loopback scripted per request, modelled on CoreDNS' {@code plugin/pkg/dnstest}.
 */
@NullMarked
package io.hostdns.transport.testing;

import org.jspecify.annotations.NullMarked;
