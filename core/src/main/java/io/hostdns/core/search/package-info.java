/**
 * resolv.conf and search lists: {@link io.hostdns.core.search.ResolvConf} and its parser,
 * {@link io.hostdns.core.search.SearchList}, {@link io.hostdns.core.search.SearchResolver} (glibc's search
 * rules, candidates in parallel) and {@link io.hostdns.core.search.PollingFileSource} to follow a file.
 */
@NullMarked
package io.hostdns.core.search;

import org.jspecify.annotations.NullMarked;
