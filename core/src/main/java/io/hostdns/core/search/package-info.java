/**
 * resolv.conf and search lists: {@link io.hostdns.core.search.ResolvConf} (and its glibc-compatible parser),
 * {@link io.hostdns.core.search.SearchList} and {@link io.hostdns.core.search.SearchResolver} (glibc's search
 * rules, candidates in parallel).
 */
@NullMarked
package io.hostdns.core.search;

import org.jspecify.annotations.NullMarked;
