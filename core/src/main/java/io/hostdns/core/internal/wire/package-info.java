/**
 * Plumbing, not API: the one place where hostdns reads and patches DNS messages in their wire form
 * without decoding them (RFC 1035 section 4). Its public classes are public only so that the cache, the
 * server and the transports can share them; they may change in any release and no user should name them.
 *
 * <p>Everything here works on a {@code byte[]} holding one message that starts at index 0 (compression
 * pointers are offsets from there) and ends at a {@code limit}. The readers bound-check untrusted bytes:
 * they never read at or past {@code limit}, never throw on malformed input (they answer -1, null or
 * false), never loop, and allocate nothing, so they can run for every packet. The writers assume a
 * message the readers accepted. One name walker ({@link io.hostdns.core.internal.wire.WireName})
 * decides what a well-formed name is for all of them.
 */
@NullMarked
package io.hostdns.core.internal.wire;

import org.jspecify.annotations.NullMarked;
