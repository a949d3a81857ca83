#!/usr/bin/env bash
# Runs the whole test suite: installs the real DNS peers the interop tests talk to (when missing and
# when this shell may install packages), then `mvn -B verify`.
# Outside CI a missing peer skips its tests with a message; with CI=true a missing peer fails them.
#
# Installing a package must not disturb the machine: while apt-get runs, a temporary
# /usr/sbin/policy-rc.d (exit 101) keeps the new packages' daemons (nsd, unbound) from starting, so
# nothing has to be stopped afterwards, and a user's own running daemons are never touched. The file is
# only placed when there is none, and removed again whatever happens. The tests start their own
# peers on free loopback ports and stop exactly those.
set -euo pipefail
cd "$(dirname "$0")/.."

# The one list of what the tests need, as "command:apt package". Later peers are added here.
PEERS=(
  dig:bind9-dnsutils   # DigInteropTest, the forwarder's dig checks, .ci/run's quick-start check
  curl:curl            # .ci/run's quick-start check of /ready and /metrics
  systemd-analyze:systemd  # deploy's SystemdUnitTest (systemd-analyze verify and security --offline)
  nsd:nsd              # io.hostdns.transport.testing.NsdServer (authoritative upstream)
  unbound:unbound      # io.hostdns.transport.testing.UnboundServer (DoT interop)
  dnsperf:dnsperf      # benchmarks/dnsperf/run-dnsperf.sh
  ldns-signzone:ldnsutils  # io.hostdns.transport.testing.SignedTestZones (ldns-keygen, ldns-signzone: DNSSEC interop)
)

POLICY_RC_D=/usr/sbin/policy-rc.d
policy_placed=""
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

remove_policy() {
  if [ -n "$policy_placed" ]; then
    $sudo rm -f "$POLICY_RC_D"
    policy_placed=""
  fi
}
trap remove_policy EXIT
trap 'exit 130' INT TERM   # so that the EXIT trap runs on Ctrl-C too

installed() {
  command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ]
}

# apt-get install with no daemon started by the packages' maintainer scripts (invoke-rc.d and
# deb-systemd-invoke both ask policy-rc.d; 101 = "action forbidden").
install_quietly() {
  if [ ! -e "$POLICY_RC_D" ]; then
    policy_placed=1
    printf '#!/bin/sh\n# placed by hostdns scripts/test.sh for one apt-get install; removed afterwards\nexit 101\n' \
      | $sudo tee "$POLICY_RC_D" >/dev/null
    $sudo chmod 755 "$POLICY_RC_D"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q
  $sudo apt-get install -y -q --no-install-recommends "$@" >/dev/null
  remove_policy
}

missing=()
for peer in "${PEERS[@]}"; do
  installed "${peer%%:*}" || missing+=("${peer##*:}")
done
# jlink (deploy's runtime) needs the JDK's module files, which Ubuntu packages apart from its JDK
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
if [ ! -d "$java_home/jmods" ] && command -v apt-cache >/dev/null 2>&1; then
  feature="$("$java_home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  if apt-cache show "openjdk-$feature-jmods" >/dev/null 2>&1; then
    missing+=("openjdk-$feature-jmods")
  else
    echo "note: $java_home has no jmods and no openjdk-$feature-jmods package is known: deploy's jlink build will fail" >&2
  fi
fi
if [ "${#missing[@]}" -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1 && { [ -z "$sudo" ] || sudo -n true 2>/dev/null; }; then
    echo "installing DNS peers for the interop tests: ${missing[*]}" >&2
    install_quietly "${missing[@]}"
  else
    echo "note: ${missing[*]} missing and not installable here; their interop tests will skip" >&2
  fi
fi

mvn -B verify "$@"
