/**
 * Guards of the forwarding path against overload and hostile upstream data: a cap on concurrent upstream
 * queries ({@link io.hostdns.core.guard.ConcurrencyLimitResolver}) and the stripping of records unrelated
 * to the question before anything is cached ({@link io.hostdns.core.guard.ResponseSanitizer},
 * {@link io.hostdns.core.guard.SanitizingResolver}).
 */
@NullMarked
package io.hostdns.core.guard;

import org.jspecify.annotations.NullMarked;
