/**
 * Internal: the name tables and the answer rules behind {@link io.hostdns.core.hosts.HostsResolver}, and the
 * cluster member names the forwarder answers ({@link io.hostdns.core.internal.hosts.MemberTable}, fed by
 * {@link io.hostdns.core.hosts.Member} sets). Public only so that sibling packages can reach it; not API.
 */
@NullMarked
package io.hostdns.core.internal.hosts;

import org.jspecify.annotations.NullMarked;
