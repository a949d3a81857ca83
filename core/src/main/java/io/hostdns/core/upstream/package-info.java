/**
 * {@link io.hostdns.core.upstream.UpstreamGroup}: a set of upstreams used as one resolver, ordered by an
 * {@link io.hostdns.core.upstream.UpstreamPolicy}, asked by a {@link io.hostdns.core.upstream.GroupStrategy}
 * (race, hedge, adaptive hedge, fallback) under one deadline, with health tracking and probing. The plain
 * combinators are the static factories of {@link io.hostdns.core.Resolvers}.
 */
@NullMarked
package io.hostdns.core.upstream;

import org.jspecify.annotations.NullMarked;
