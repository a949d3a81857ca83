/**
 * The host DNS forwarder's configuration: {@link io.hostdns.core.config.HostDnsConfig} and its parts,
 * validated when built, and {@link io.hostdns.core.config.HostDnsConfigLoader} for the Talos-shaped YAML.
 * Every invalid value fails with a {@link io.hostdns.core.config.ConfigException} naming the field path,
 * the value and what is allowed.
 */
@NullMarked
package io.hostdns.core.config;

import org.jspecify.annotations.NullMarked;
