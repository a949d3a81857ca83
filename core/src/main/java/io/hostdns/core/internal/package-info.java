/**
 * Plumbing shared by hostdns' own modules; not API: anything here may change without notice.
 */
@NullMarked
package io.hostdns.core.internal;

import org.jspecify.annotations.NullMarked;
