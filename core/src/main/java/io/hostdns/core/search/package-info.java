/**
 * resolv.conf: {@link io.hostdns.core.search.ResolvConf} and its parser, a generator pointing clients at
 * the forwarder, and {@link io.hostdns.core.search.AtomicFileWriter} to replace the file in one step.
 */
@NullMarked
package io.hostdns.core.search;

import org.jspecify.annotations.NullMarked;
