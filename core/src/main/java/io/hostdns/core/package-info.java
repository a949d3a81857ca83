/**
 * The one seam of hostdns: {@link io.hostdns.core.Resolver}, its data ({@link io.hostdns.core.Query},
 * {@link io.hostdns.core.Answer}) and its typed errors ({@link io.hostdns.core.DnsException}).
 */
@NullMarked
package io.hostdns.core;

import org.jspecify.annotations.NullMarked;
