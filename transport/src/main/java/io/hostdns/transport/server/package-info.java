/**
 * The DNS server that turns any {@link io.hostdns.core.Resolver} pipeline into a forwarder: UDP and TCP
 * listeners ({@link io.hostdns.transport.server.DnsServer}), a light request decoder that reads only the
 * header, the question and the OPT record, and a reply writer that builds the response from the answer's
 * wire bytes (client ID and question echoed, truncated to the client's EDNS size over UDP).
 */
@NullMarked
package io.hostdns.transport.server;

import org.jspecify.annotations.NullMarked;
