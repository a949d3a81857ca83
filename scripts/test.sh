#!/usr/bin/env bash
# Runs the whole test suite: installs the real DNS peers the interop tests talk to (when missing and
# when this shell may install packages), then `mvn -B verify`.
#   dig (bind9-dnsutils), nsd and unbound (upstreams on loopback), dnsperf (load runs)
# Outside CI a missing peer skips its tests with a message; with CI=true a missing peer fails them.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
for tool in dig:bind9-dnsutils nsd:nsd unbound:unbound dnsperf:dnsperf; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || [ -x "/usr/sbin/${tool%%:*}" ] || missing+=("${tool##*:}")
done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if command -v apt-get >/dev/null 2>&1 && { [ -z "$sudo" ] || sudo -n true 2>/dev/null; }; then
    echo "installing DNS peers for the interop tests: ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -q
    $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
    # The packages may start their daemons on port 53; the tests start their own on loopback ports.
    $sudo pkill -x nsd >/dev/null 2>&1 || true
    $sudo pkill -x unbound >/dev/null 2>&1 || true
  else
    echo "note: ${missing[*]} missing and not installable here; their interop tests will skip" >&2
  fi
fi

mvn -B verify "$@"
