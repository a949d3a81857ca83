#!/usr/bin/env bash
# Miss-path QPS of the hostdns forwarder next to unbound (2 threads), with dnsperf on loopback: every query
# asks a name nobody has asked before, so every answer is forwarded to the upstream (NSD) and back.
#
#   benchmarks/dnsperf/run-dnsperf-miss.sh       # from the repository root; about 3 minutes
#
# What it does, all on 127.0.0.1 and in a temporary directory:
#   1. writes the zone miss.test. (NAMES names m0000000.., one A record each, TTL 86400) and cuts the names
#      into disjoint slices of PASS_NAMES: one per measured pass and target, one for hostdns' JIT warm-up,
#      so that no name is asked twice in the whole run and nothing is ever answered from a cache;
#   2. starts NSD (one server process, as issue 14 measured) with the zone, then hostdns `serve` and
#      unbound (2 threads, forwarding to NSD), each on its own port;
#   3. checks each target answers one name NOERROR, then gives hostdns (only it: the JVM needs JIT
#      warm-up) a pass over its warm-up slice, not recorded;
#   4. runs, round-robin over the targets so drifting background load hits all of them alike, REPS passes
#      `dnsperf -n 1 -c CLIENTS -q OUTSTANDING` (max rate: each pass asks its slice once and ends);
#   5. around every pass reads the server's and NSD's utime+stime (/proc/PID/stat, CPU seconds per 100k
#      answered queries), and runs dnsperf under benchmarks/udp-drops.py, which samples every UDP socket's
#      drop counter (/proc/net/udp) and the kernel's UDP counters (/proc/net/snmp), so that a lost query can
#      be placed: at NSD's socket, at the target's, or at dnsperf's;
#   6. prints a Markdown table; raw outputs, configs, logs, counters, uptime and the table go to
#      benchmarks/results/dnsperf-miss-<UTC>/.
# Only the processes this script started are stopped (by PID, on exit whatever happens).
#
# Environment (defaults): NAMES=1600000 PASS_NAMES=200000 REPS=3 CLIENTS=8 OUTSTANDING=500 BASE_PORT=5500
# MAX_LOAD=1.5 LOAD_WAIT=300, HOSTDNS_JAVA_OPTS (default "-Xms512m -Xmx512m"), RESULTS_DIR, TARGETS (a subset of
# "hostdns unbound-2t unbound-1t hostdns-alt nsd"; nsd = dnsperf straight to the upstream, its ceiling here;
# ratios need unbound-2t in the same run), HOSTDNS_ALT_JAR (the
# CLI jar the target hostdns-alt runs, for A/B runs of a change), NSD_RCVBUF (NSD's receive-buffer-size;
# default 0 = NSD's own default), JFR=1 (record a JFR profile of hostdns over the measured passes, in
# hostdns.jfr next to the results).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=lib.sh
source "$root/benchmarks/dnsperf/lib.sh"
NAMES="${NAMES:-1600000}"
PASS_NAMES="${PASS_NAMES:-200000}"
REPS="${REPS:-3}"
CLIENTS="${CLIENTS:-8}"
OUTSTANDING="${OUTSTANDING:-500}"
BASE_PORT="${BASE_PORT:-5500}"
MAX_LOAD="${MAX_LOAD:-1.5}"
LOAD_WAIT="${LOAD_WAIT:-300}"
NSD_RCVBUF="${NSD_RCVBUF:-0}"
export HOSTDNS_JAVA_OPTS="${HOSTDNS_JAVA_OPTS:--Xms512m -Xmx512m}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
results="${RESULTS_DIR:-$root/benchmarks/results/dnsperf-miss-$stamp}"

NSD_PORT=$((BASE_PORT + 1))
read -r -a TARGETS <<<"${TARGETS:-hostdns unbound-2t}"
declare -A PORT=([nsd]=$NSD_PORT [hostdns]=$((BASE_PORT + 2)) [hostdns-alt]=$((BASE_PORT + 3)) [unbound-1t]=$((BASE_PORT + 11)) [unbound-2t]=$((BASE_PORT + 12)))
declare -A PID=()
nsd_pid=""

slices_needed=$(( ${#TARGETS[@]} * REPS + 2 ))
if (( slices_needed * PASS_NAMES > NAMES )); then
    echo "NAMES=$NAMES is too few for $slices_needed disjoint slices of PASS_NAMES=$PASS_NAMES" >&2
    exit 1
fi

for tool in dnsperf nsd unbound java ss awk; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y dnsperf nsd unbound)" >&2; exit 1; }
done
if ! compgen -G "$root/examples/target/hostdns-examples-*-cli.jar" >/dev/null; then
    echo "no CLI jar: run 'mvn -B -q -DskipTests package' in $root first" >&2
    exit 1
fi

work="$(mktemp -d /tmp/hostdns-dnsperf-miss.XXXXXX)"
mkdir -p "$results"

stop_all() {
    local pid
    for pid in "${PID[@]}" $nsd_pid; do kill -TERM "$pid" 2>/dev/null || true; done
    for _ in $(seq 50); do
        local alive=0
        for pid in "${PID[@]}" $nsd_pid; do kill -0 "$pid" 2>/dev/null && alive=1; done
        (( alive == 0 )) && break
        sleep 0.1
    done
    # children first (NSD forks its server and xfrd processes): by parent PID, so still only ours
    for pid in "${PID[@]}" $nsd_pid; do pkill -KILL -P "$pid" 2>/dev/null || true; kill -KILL "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- data
log "results in $results; zone of $NAMES names"
awk -v n="$NAMES" 'BEGIN {
    printf "$ORIGIN miss.test.\n$TTL 86400\n@ IN SOA ns.miss.test. hostmaster.miss.test. 1 3600 900 604800 86400\n"
    printf "@ IN NS ns.miss.test.\nns IN A 127.0.0.1\n"
    for (i = 0; i < n; i++) printf "m%07d IN A 10.%d.%d.%d\n", i, int(i / 65536) % 256, int(i / 256) % 256, i % 256
}' >"$work/miss.test.zone"
slice=0
slice_file() { # name -> writes $work/$1.txt with the next PASS_NAMES names
    awk -v from=$((slice * PASS_NAMES)) -v n="$PASS_NAMES" 'BEGIN {
        for (i = from; i < from + n; i++) printf "m%07d.miss.test A\n", i }' >"$work/$1.txt"
    slice=$((slice + 1))
}

for port in "$NSD_PORT" "${PORT[@]}"; do
    port_free "$port" || { echo "port $port is in use; choose another BASE_PORT" >&2; exit 1; }
done

# ---------------------------------------------------------------- configs
cat >"$work/nsd.conf" <<EOF
server:
    ip-address: 127.0.0.1@$NSD_PORT
    port: $NSD_PORT
    server-count: 1
    receive-buffer-size: $NSD_RCVBUF
    username: ""
    chroot: ""
    zonesdir: "$work"
    pidfile: "$work/nsd.pid"
    database: ""
    zonelistfile: "$work/zone.list"
    xfrdfile: "$work/xfrd.state"
    xfrdir: "$work"
    logfile: "$work/nsd.log"
    verbosity: 0
remote-control:
    control-enable: no
zone:
    name: miss.test.
    zonefile: miss.test.zone
EOF

unbound_conf() { # threads port
    cat <<EOF
server:
    interface: 127.0.0.1@$2
    port: $2
    num-threads: $1
    so-reuseport: yes
    msg-cache-size: 64m
    rrset-cache-size: 128m
    username: ""
    chroot: ""
    directory: "$work"
    pidfile: "$work/unbound-$1t.pid"
    use-syslog: no
    logfile: ""
    verbosity: 0
    do-ip6: no
    do-not-query-localhost: no
    module-config: "iterator"
    local-zone: "test." nodefault
    access-control: 127.0.0.0/8 allow
remote-control:
    control-enable: no
forward-zone:
    name: "."
    forward-addr: 127.0.0.1@$NSD_PORT
EOF
}
unbound_conf 1 "${PORT[unbound-1t]}" >"$work/unbound-1t.conf"
unbound_conf 2 "${PORT[unbound-2t]}" >"$work/unbound-2t.conf"
cp "$work"/*.conf "$results/"

{
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "cpu: $(lscpu | sed -n 's/^Model name: *//p') x $(nproc)"
    echo "kernel: $(uname -r)"
    echo "java: $(java -version 2>&1 | head -2 | tail -1)"
    echo "HOSTDNS_JAVA_OPTS: $HOSTDNS_JAVA_OPTS"
    echo "HOSTDNS_ALT_JAR: ${HOSTDNS_ALT_JAR:-}"
    echo "dnsperf: $(dnsperf -h 2>&1 | sed -n 's/^Version //p' | head -1)"
    echo "nsd: $(nsd -v 2>&1 | head -1), receive-buffer-size $NSD_RCVBUF"
    echo "unbound: $(unbound -V | head -1)"
    echo "git: $(git -C "$root" rev-parse --short HEAD 2>/dev/null) $(git -C "$root" status --porcelain 2>/dev/null | grep -q . && echo '(dirty)')"
    echo "net.core.rmem_default / rmem_max: $(cat /proc/sys/net/core/rmem_default) / $(cat /proc/sys/net/core/rmem_max)"
    echo "names: $NAMES in the zone, $PASS_NAMES per pass; dnsperf -n 1 -c $CLIENTS -q $OUTSTANDING"
} >"$results/environment.txt"

# ---------------------------------------------------------------- start
nsd -d -c "$work/nsd.conf" >"$results/nsd.log" 2>&1 &
nsd_pid=$!
wait_listening "$NSD_PORT" "$nsd_pid" nsd

start_target() {
    case "$1" in
        hostdns)
            exec "$root/hostdns" serve --upstream "127.0.0.1:$NSD_PORT" --listen "127.0.0.1:${PORT[hostdns]}" ;;
        hostdns-alt)
            # shellcheck disable=SC2086 # a list of words on purpose, as in the launcher
            exec java ${HOSTDNS_JAVA_OPTS} -jar "${HOSTDNS_ALT_JAR:?hostdns-alt needs HOSTDNS_ALT_JAR}" serve \
                --upstream "127.0.0.1:$NSD_PORT" --listen "127.0.0.1:${PORT[hostdns-alt]}" ;;
        unbound-1t | unbound-2t)
            exec unbound -d -c "$work/$1.conf" ;;
        *)
            echo "unknown target $1" >&2; exit 1 ;;
    esac
}
for t in "${TARGETS[@]}"; do
    [[ "$t" == nsd ]] && continue
    (start_target "$t") >"$results/$t.log" 2>&1 &
    PID[$t]=$!
done
for t in "${TARGETS[@]}"; do
    [[ "$t" == nsd ]] && continue
    wait_listening "${PORT[$t]}" "${PID[$t]}" "$t"
done
log "all listening: nsd $NSD_PORT $(for t in "${TARGETS[@]}"; do printf '%s %s ' "$t" "${PORT[$t]}"; done)"

# each target answers one (uncounted) name before anything is measured
for t in "${TARGETS[@]}"; do
    printf 'ns.miss.test A\n' >"$work/probe.txt"
    dnsperf -s 127.0.0.1 -p "${PORT[$t]}" -d "$work/probe.txt" -n 1 >"$results/$t-probe.txt" 2>&1
    grep -q 'NOERROR 1 ' "$results/$t-probe.txt" || { echo "$t did not answer NOERROR; see $results/$t-probe.txt" >&2; exit 1; }
done

nsd_pids() { # NSD's processes: the one started (it becomes xfrd), its child main, main's server child(ren)
    local pids="$nsd_pid" frontier="$nsd_pid" next pid
    while [[ -n "$frontier" ]]; do
        next=""
        for pid in $frontier; do next="$next $(pgrep -P "$pid" || true)"; done
        frontier="$(echo $next)"
        pids="$pids $frontier"
    done
    echo $pids
}

nsd_server_pid() { # the process that serves queries: the last of the tree (nsd: server 1)
    local pids
    read -r -a pids <<<"$(nsd_pids)"
    echo "${pids[-1]}"
}

nsd_cpu_ticks() {
    local total=0 pid
    for pid in $(nsd_pids); do
        total=$((total + $(cpu_ticks "$pid" 2>/dev/null || echo 0)))
    done
    echo "$total"
}

for t in "${TARGETS[@]}"; do
    [[ "$t" == nsd ]] && PID[nsd]="$(nsd_server_pid)"
done

run_pass() { # target label ; appends one row to $work/rows
    local target="$1" label="$2" out="$results/$1-$2.txt" names="$work/$1-$2.txt"
    slice_file "$1-$2"
    local before after nsd_before nsd_after
    before="$(cpu_ticks "${PID[$target]}")"
    nsd_before="$(nsd_cpu_ticks)"
    # udp-drops.py samples every UDP socket's drop counter while dnsperf runs and names the process of each
    # socket that dropped: NSD's, the target's (its upstream sockets rotate, so a before/after look misses
    # them) or dnsperf's own
    timeout 300 "$root/benchmarks/udp-drops.py" -- \
        dnsperf -s 127.0.0.1 -p "${PORT[$target]}" -d "$names" -n 1 -c "$CLIENTS" -q "$OUTSTANDING" >"$out" 2>&1
    after="$(cpu_ticks "${PID[$target]}")"
    nsd_after="$(nsd_cpu_ticks)"
    {
        echo "# dnsperf -s 127.0.0.1 -p ${PORT[$target]} -d $target-$label.txt -n 1 -c $CLIENTS -q $OUTSTANDING ($PASS_NAMES new names)"
        echo "# server cpu ticks: $before -> $after; nsd: $nsd_before -> $nsd_after (CLK_TCK $(getconf CLK_TCK))"
    } >>"$out"
    # drops by process: "nsd ..." is NSD, "dnsperf" the client, anything else the target
    local drops
    drops="$(awk '/^#   port/ { d = $0; sub(/.*drops \+/, "", d); sub(/ .*/, "", d)
                                if ($0 ~ /nsd/) n += d; else if ($0 ~ /dnsperf/) c += d; else t += d }
                  /^# \/proc\/net\/snmp/ { r = $0; sub(/.*RcvbufErrors \+/, "", r); sub(/,.*/, "", r) }
                  END { print n + 0, t + 0, c + 0, r + 0 }' "$out")"
    echo "$target $label $(parse "$out") $((after - before)) $((nsd_after - nsd_before)) $drops" >>"$work/rows"
}

: >"$work/rows"
wait_for_quiet_box
echo "before: $(uptime)" >"$results/uptime.txt"
for t in hostdns hostdns-alt; do
    [[ -n "${PID[$t]:-}" ]] || continue
    log "$t JIT warm-up: $PASS_NAMES new names (not recorded in the table)"
    run_pass "$t" warmup
done
: >"$work/rows"
if [[ "${JFR:-0}" == 1 && -n "${PID[hostdns]:-}" ]]; then
    # a profile of the measured passes only (after the warm-up): CPU samples every 10 ms, allocation samples
    jcmd "${PID[hostdns]}" JFR.start name=miss settings=profile >"$results/jfr-start.txt" 2>&1
fi
for rep in $(seq "$REPS"); do
    for t in "${TARGETS[@]}"; do
        log "$t pass $rep"
        run_pass "$t" "max$rep"
    done
done
if [[ "${JFR:-0}" == 1 && -n "${PID[hostdns]:-}" ]]; then
    jcmd "${PID[hostdns]}" JFR.dump name=miss filename="$results/hostdns.jfr" >>"$results/jfr-start.txt" 2>&1
    jcmd "${PID[hostdns]}" JFR.stop name=miss >>"$results/jfr-start.txt" 2>&1
    log "hostdns profile of the measured passes: $results/hostdns.jfr (benchmarks/jfr-stages.py summarises it)"
fi
echo "after: $(uptime)" >>"$results/uptime.txt"
cp "$work/rows" "$results/rows.txt"

# ---------------------------------------------------------------- table
ticks="$(getconf CLK_TCK)"
awk -v ticks="$ticks" '
    { target[NR] = $1; label[NR] = $2; sent[NR] = $3; done[NR] = $4; lost[NR] = $5; qps[NR] = $6
      avg[NR] = $7; max[NR] = $9; rc[NR] = $11; cpu[NR] = $12; ncpu[NR] = $13; nd[NR] = $14; td[NR] = $15; cd[NR] = $16
      rb[NR] = $17
      if ($1 == "unbound-2t") { u2sum += $6; u2n++ } }
    END {
        u2 = u2n ? u2sum / u2n : 0
        printf "| target | pass | QPS | vs unbound-2t (mean %.0f) | avg ms | max ms | sent | lost | rcodes | CPU s / 100k: server | NSD | drops at: NSD | target | dnsperf | RcvbufErrors (all) |\n", u2
        print "|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|"
        for (i = 1; i <= NR; i++) {
            r = rc[i]; gsub(/_/, " ", r)
            printf "| %s | %s | %.0f | %s | %.3f | %.3f | %d | %d | %s | %.3f | %.3f | %d | %d | %d | %d |\n", target[i], label[i],
                qps[i], (u2 > 0 ? sprintf("%.2f", qps[i] / u2) : ""), avg[i] * 1000, max[i] * 1000, sent[i], lost[i], r,
                (done[i] > 0 ? cpu[i] / ticks / done[i] * 100000 : 0), (done[i] > 0 ? ncpu[i] / ticks / done[i] * 100000 : 0),
                nd[i], td[i], cd[i], rb[i]
        }
    }' "$work/rows" | tee "$results/table.md"
{
    echo
    echo "dnsperf -s 127.0.0.1 -p PORT -d SLICE -n 1 -c $CLIENTS -q $OUTSTANDING, $REPS passes per target, round robin;"
    echo "every pass asks $PASS_NAMES names of miss.test. ($NAMES names, NSD) that no target was asked before."
    echo "hostdns got one unrecorded warm-up pass of its own $PASS_NAMES names first."
    echo "CPU = utime+stime over the pass / answered queries x 100k (server: all threads; NSD: all its processes)."
    echo "Drops: datagrams the kernel could not queue at a socket of NSD / the target / dnsperf during the pass (the rise of"
    echo "/proc/net/udp's drops column, sampled every 200 ms by benchmarks/udp-drops.py); RcvbufErrors: the rise of the"
    echo "system-wide /proc/net/snmp counter over the pass (sockets that lived < 200 ms are only counted there)."
    cat "$results/uptime.txt"
} | tee -a "$results/table.md"
log "done: $results"
