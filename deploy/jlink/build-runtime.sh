#!/usr/bin/env bash
# Builds the hostdns runtime: a jlink image of only the JDK modules the CLI needs, the CLI jar, and a launcher.
#   build-runtime.sh JAVA_HOME CLI_JAR OUTPUT_DIR
# Maven runs it (deploy/pom.xml); deploy/Dockerfile packages its output; JlinkRuntimeTest runs serve from it.
#
# The modules are what `jdeps --list-deps` finds in the CLI jar, less UNUSED and plus PROVIDERS:
# - UNUSED: modules jdeps sees referenced only from library code hostdns never runs: java.desktop (java.beans, by
#   Micrometer's logging binders), java.sql (Micrometer's JDBC binders), java.compiler (Error Prone's annotations),
#   java.net.http (dnsjava's own DoH client; hostdns has its own on Reactor Netty), jdk.jfr (Netty's optional JFR
#   events). JlinkRuntimeTest keeps this honest by serving, querying and scraping from the image.
# - PROVIDERS: service providers jdeps cannot see: jdk.crypto.ec, the ECDHE key exchange of TLS and HTTPS upstreams.
# jlink adds what the chosen modules require themselves (java.naming brings java.security.sasl).
set -euo pipefail
java_home="$1"
jar="$2"
out="$3"
UNUSED=" java.compiler java.desktop java.net.http java.sql jdk.jfr "
PROVIDERS="jdk.crypto.ec"

[ -f "$jar" ] || { echo "build-runtime.sh: $jar is missing: build the examples module first (mvn package)" >&2; exit 1; }
[ -d "$java_home/jmods" ] || {
  echo "build-runtime.sh: $java_home has no jmods directory, which jlink needs: install the JDK's module files" \
    "(Debian: openjdk-17-jdk-headless has them; Ubuntu: the openjdk-17-jmods package)" >&2
  exit 1
}
modules="$PROVIDERS"
# the lines naming a module ("java.base"; not "JDK removed internal API/sun.misc")
for module in $("$java_home/bin/jdeps" --list-deps --ignore-missing-deps --multi-release 17 "$jar" \
    | sed -n 's/^ *\([a-z][a-z0-9]*\(\.[a-z0-9]*\)*\) *$/\1/p'); do
  [[ "$UNUSED" == *" $module "* ]] || modules="$modules,$module"
done

rm -rf "$out"
"$java_home/bin/jlink" --module-path "$java_home/jmods" --add-modules "$modules" \
  --strip-debug --no-header-files --no-man-pages --compress=2 --output "$out"
mkdir -p "$out/lib/hostdns"
cp "$jar" "$out/lib/hostdns/hostdns.jar"
# the launcher's JVM options (./hostdns and this runtime run the forwarder alike; README, "The launcher")
cp "$(dirname "$0")/../../examples/src/main/launcher/hostdns.jvmopts" "$out/lib/hostdns/hostdns.jvmopts"
cat > "$out/bin/hostdns" <<'LAUNCHER'
#!/bin/sh
# hostdns from its jlink runtime, with ./hostdns's JVM options and its heap for the default cache (24 MiB plus
# 400 bytes for each of 10 000 entries: 28 MiB). HOSTDNS_JAVA_OPTS comes last and overrides any of them, e.g.
# HOSTDNS_JAVA_OPTS=-Xmx64m for a cache.maxEntries of 100 000.
here="$(cd "$(dirname "$0")" && pwd)"
# fewer glibc malloc arenas: the JVM's native memory stays compact (each arena would reserve 64 MiB)
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
# shellcheck disable=SC2086 # HOSTDNS_JAVA_OPTS is a list of words on purpose
exec "$here/java" "@$here/../lib/hostdns/hostdns.jvmopts" -Xmx28m -Xms16m ${HOSTDNS_JAVA_OPTS:-} \
  -jar "$here/../lib/hostdns/hostdns.jar" "$@"
LAUNCHER
chmod 755 "$out/bin/hostdns"
echo "hostdns runtime: $out ($(du -sh "$out" | cut -f1), modules $modules)"
