/**
 * The {@code hostdns} command line: {@code serve}, {@code query}, {@code upstreams} and {@code resolv-conf},
 * built with picocli. {@link io.hostdns.examples.cli.HostDnsCli} is the entry point.
 */
@NullMarked
package io.hostdns.examples.cli;

import org.jspecify.annotations.NullMarked;
