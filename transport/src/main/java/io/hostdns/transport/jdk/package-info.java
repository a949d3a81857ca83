/**
 * JDK adapter: a {@code java.net.spi.InetAddressResolverProvider} (JDK 18+, JEP 418) so that plain
 * {@code InetAddress.getByName} resolves through hostdns, configured by system properties. The provider
 * classes live in the multi-release part of the jar ({@code META-INF/versions/18}); the package-private
 * settings and lookup logic behind them run on Java 17 too.
 */
@NullMarked
package io.hostdns.transport.jdk;

import org.jspecify.annotations.NullMarked;
