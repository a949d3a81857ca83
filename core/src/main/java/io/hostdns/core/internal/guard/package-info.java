/**
 * Internal: guards of the forwarding path against overload and hostile upstream data, reached through
 * {@link io.hostdns.core.Resolvers#concurrencyLimit} and {@link io.hostdns.core.Resolvers#sanitized}: a cap on
 * concurrent queries and the stripping of records unrelated to the question before anything is cached. Public
 * only so that sibling packages can reach it; not API, may change at any time.
 */
@NullMarked
package io.hostdns.core.internal.guard;

import org.jspecify.annotations.NullMarked;
