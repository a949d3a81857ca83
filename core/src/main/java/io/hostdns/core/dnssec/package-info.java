/**
 * DNSSEC validation as a {@link io.hostdns.core.Resolver} decorator: {@link io.hostdns.core.dnssec.ValidatingResolver}
 * turns the upstream's signed answers into verdicts (secure: AD set; insecure: AD clear; bogus or
 * indeterminate: SERVFAIL with an extended DNS error), configured by
 * {@link io.hostdns.core.dnssec.DnssecValidation} (trust anchors, negative trust anchors).
 */
@NullMarked
package io.hostdns.core.dnssec;

import org.jspecify.annotations.NullMarked;
