/**
 * Test support shared as this module's test-jar: {@link io.hostdns.transport.testing.FakeDnsServer}, an
 * in-process DNS server on loopback scripted per request, modelled on CoreDNS' {@code plugin/pkg/dnstest};
 * {@link io.hostdns.transport.testing.FakeDohServer}, its DNS-over-HTTPS sibling; and
 * {@link io.hostdns.transport.testing.TestCertificates}, certificates made at test time for the TLS fakes.
 */
@NullMarked
package io.hostdns.transport.testing;

import org.jspecify.annotations.NullMarked;
