/**
 * Plumbing shared by hostdns' own modules (IP literal parsing, a polled file source); not API: anything here,
 * and in every {@code internal} package, may change without notice. Public only so that sibling packages can
 * reach it.
 */
@NullMarked
package io.hostdns.core.internal;

import org.jspecify.annotations.NullMarked;
