/**
 * A small authoritative DNS zone as a {@link io.hostdns.core.Resolver}, and the embedded {@code demo.test.}
 * zone that {@code hostdns serve --demo} answers from without any network.
 */
@NullMarked
package io.hostdns.examples.zone;

import org.jspecify.annotations.NullMarked;
