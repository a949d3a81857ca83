/**
 * The host DNS forwarder's configuration: {@link io.hostdns.transport.forwarder.config.HostDnsConfig} and its
 * parts, validated when built, and {@link io.hostdns.transport.forwarder.config.HostDnsConfigLoader} for the
 * Talos-shaped YAML (SnakeYAML Engine, an optional dependency: add it to load files). Every invalid value
 * fails with a {@link io.hostdns.transport.forwarder.config.ConfigException} naming the field path, the value
 * and what is allowed.
 */
@NullMarked
package io.hostdns.transport.forwarder.config;

import org.jspecify.annotations.NullMarked;
