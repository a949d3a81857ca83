/**
 * Per-query tracing for {@code hostdns query --trace}: a {@link io.hostdns.core.trace.QueryTrace} carried in
 * the Reactor {@code Context} of one resolution, into which tracing decorators record
 * {@link io.hostdns.core.trace.QueryTrace.Event}s (stages that answered or passed on, upstream attempts).
 */
@NullMarked
package io.hostdns.core.trace;

import org.jspecify.annotations.NullMarked;
