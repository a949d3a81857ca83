/**
 * Names the forwarder answers itself: static hosts (configuration entries, hosts-file syntax, the
 * node's own name) and cluster member names, as {@link io.hostdns.core.Resolver} decorators that answer
 * what they own authoritatively (TTL 10, NODATA with an SOA for what they own but lack) and pass every
 * other query on.
 */
@NullMarked
package io.hostdns.core.hosts;

import org.jspecify.annotations.NullMarked;
