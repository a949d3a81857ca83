/**
 * Small runnable programs that embed hostdns in a service: composing resolvers with the {@code Mono} API,
 * running the forwarder in-process and reconfiguring it live, watching upstream health as a {@code Flux}.
 */
@NullMarked
package io.hostdns.examples;

import org.jspecify.annotations.NullMarked;
