/**
 * Reliability and security tests of the whole forwarding path (server, pipeline, upstream clients):
 * the fault matrix, abuse limits under load, resource release, fuzzing and the soak run.
 */
@NullMarked
package io.hostdns.transport.reliability;

import org.jspecify.annotations.NullMarked;
