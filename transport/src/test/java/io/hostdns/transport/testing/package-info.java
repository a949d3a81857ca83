/**
 * Fakes for transport tests, shared with other modules as this module's test-jar: scripted DNS,
 * DoT and DoH servers on loopback, and test-time certificates.
 */
@NullMarked
package io.hostdns.transport.testing;

import org.jspecify.annotations.NullMarked;
