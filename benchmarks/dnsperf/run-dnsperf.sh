#!/usr/bin/env bash
# Cache-hit QPS of the hostdns forwarder next to unbound (1 and 2 threads) and dnsmasq, with dnsperf on loopback.
#
#   benchmarks/dnsperf/run-dnsperf.sh            # from the repository root; about 4 minutes
#
# What it does, all on 127.0.0.1 and in a temporary directory:
#   1. writes the zone bench.test. (h0000..h0999, one A and one AAAA each, TTL 86400) and the dnsperf
#      query file (all 2000 name/type pairs);
#   2. starts NSD as the authoritative upstream, then hostdns `serve`, unbound (1 thread), unbound
#      (2 threads) and dnsmasq, each forwarding to NSD on its own port;
#   3. warms every cache (`dnsperf -n 2`: 4000 queries, all NOERROR or the run stops), then STOPS NSD,
#      so every answer afterwards is a cache hit;
#   4. gives hostdns (only it: the JVM needs JIT warm-up) an extra ~10 s dnsperf pass, not recorded;
#   5. runs, round-robin over the targets, REPS max-rate passes `dnsperf -l DURATION -c 8 -q 100`, then
#      one fixed-rate pass `-Q RATE` (latency at 20k QPS); around every pass it reads the server process's
#      utime+stime from /proc/PID/stat, giving CPU seconds per 100k answered queries;
#   6. prints a Markdown table to stdout; raw dnsperf outputs, configs, server logs, uptime and the
#      table go to benchmarks/results/dnsperf-<UTC>/.
# Only the processes this script started are stopped (by PID, on exit whatever happens).
#
# Environment (defaults): DURATION=10 REPS=2 RATE=20000 JIT_WARMUP=10 BASE_PORT=5400 MAX_LOAD=3
# LOAD_WAIT=300 (seconds to wait for the 1-minute load to drop below MAX_LOAD before starting anyway),
# HOSTDNS_JAVA_OPTS (default "-Xms512m -Xmx512m"), RESULTS_DIR, TARGETS (a subset of
# "hostdns unbound-1t unbound-2t dnsmasq"; ratios need unbound-2t in the same run), and for A/B runs of
# a change HOSTDNS_ALT_JAR=/path/to/other-cli.jar with target hostdns-alt (that jar run the same way).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DURATION="${DURATION:-10}"
REPS="${REPS:-2}"
RATE="${RATE:-20000}"
JIT_WARMUP="${JIT_WARMUP:-10}"
BASE_PORT="${BASE_PORT:-5400}"
MAX_LOAD="${MAX_LOAD:-3}"
LOAD_WAIT="${LOAD_WAIT:-300}"
export HOSTDNS_JAVA_OPTS="${HOSTDNS_JAVA_OPTS:--Xms512m -Xmx512m}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
results="${RESULTS_DIR:-$root/benchmarks/results/dnsperf-$stamp}"

NSD_PORT=$((BASE_PORT + 1))
read -r -a TARGETS <<<"${TARGETS:-hostdns unbound-1t unbound-2t dnsmasq}"
declare -A PORT=([hostdns]=$((BASE_PORT + 2)) [hostdns-alt]=$((BASE_PORT + 3)) [unbound-1t]=$((BASE_PORT + 11)) [unbound-2t]=$((BASE_PORT + 12)) [dnsmasq]=$((BASE_PORT + 21)))
declare -A PID=()
nsd_pid=""

for tool in dnsperf nsd unbound dnsmasq java ss; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y dnsperf nsd unbound dnsmasq-base)" >&2; exit 1; }
done

if ! compgen -G "$root/examples/target/hostdns-examples-*-cli.jar" >/dev/null; then
    echo "no CLI jar: run 'mvn -B -q -DskipTests package' in $root first" >&2
    exit 1
fi

work="$(mktemp -d /tmp/hostdns-dnsperf.XXXXXX)"
mkdir -p "$results"

stop_all() {
    local name pid
    for name in "${!PID[@]}"; do
        pid="${PID[$name]}"
        kill -TERM "$pid" 2>/dev/null || true
    done
    [[ -n "$nsd_pid" ]] && kill -TERM "$nsd_pid" 2>/dev/null || true
    # give them 5 s, then KILL whatever of ours is left
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

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

port_free() { [[ -z "$(ss -Hlun "sport = :$1")" && -z "$(ss -Hltn "sport = :$1")" ]]; }

wait_listening() { # port pid name
    for _ in $(seq 300); do
        kill -0 "$2" 2>/dev/null || { echo "$3 exited at start; see $results/$3.log" >&2; exit 1; }
        [[ -n "$(ss -Hlun "sport = :$1")" ]] && return 0
        sleep 0.1
    done
    echo "$3 did not listen on udp port $1 within 30 s" >&2
    exit 1
}

cpu_ticks() { # utime + stime of the whole process (all threads), in clock ticks
    awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"
}

# dnsperf output file -> "sent completed lost qps avg min max stddev rcodes"
parse() {
    awk '
        /Queries sent:/ { sent = $3 }
        /Queries completed:/ { done = $3 }
        /Queries lost:/ { lost = $3 }
        /Response codes:/ { sub(/^ *Response codes: */, ""); rc = $0; gsub(/ /, "_", rc) }
        /Queries per second:/ { qps = $4 }
        /Average Latency/ { avg = $4; gsub(/[(,)]/, "", $6); gsub(/[(,)]/, "", $8); min = $6; max = $8 }
        /Latency StdDev/ { sd = $4 }
        END { print sent, done, lost, qps, avg, min, max, sd, rc }' "$1"
}

wait_for_quiet_box() {
    local waited=0 load
    while :; do
        load="$(cut -d' ' -f1 /proc/loadavg)"
        if awk -v l="$load" -v m="$MAX_LOAD" 'BEGIN { exit !(l < m) }'; then
            return 0
        fi
        if (( waited >= LOAD_WAIT )); then
            log "load $load still >= $MAX_LOAD after ${waited}s; running anyway (recorded in uptime.txt)"
            return 0
        fi
        log "load $load >= $MAX_LOAD, waiting (${waited}/${LOAD_WAIT}s)"
        sleep 15
        waited=$((waited + 15))
    done
}

# ---------------------------------------------------------------- data
log "results in $results"
{
    printf '$ORIGIN bench.test.\n$TTL 86400\n'
    printf '@ IN SOA ns.bench.test. hostmaster.bench.test. 1 3600 900 604800 86400\n'
    printf '@ IN NS ns.bench.test.\nns IN A 127.0.0.1\n'
    for i in $(seq 0 999); do
        n="$(printf 'h%04d' "$i")"
        printf '%s IN A 10.%d.%d.1\n%s IN AAAA fd00::%x\n' "$n" $((i / 256)) $((i % 256)) "$n" "$i"
    done
} >"$work/bench.test.zone"
for i in $(seq 0 999); do
    printf 'h%04d.bench.test A\nh%04d.bench.test AAAA\n' "$i" "$i"
done >"$work/queries.txt"
cp "$work/queries.txt" "$results/queries.txt"

for port in "$NSD_PORT" "${PORT[@]}"; do
    port_free "$port" || { echo "port $port is in use; choose another BASE_PORT" >&2; exit 1; }
done

# ---------------------------------------------------------------- configs
cat >"$work/nsd.conf" <<EOF
server:
    ip-address: 127.0.0.1@$NSD_PORT
    port: $NSD_PORT
    server-count: 1
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
    name: bench.test.
    zonefile: bench.test.zone
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

# ---------------------------------------------------------------- environment
{
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "cpu: $(lscpu | sed -n 's/^Model name: *//p') x $(nproc)"
    echo "kernel: $(uname -r)"
    echo "java: $(java -version 2>&1 | head -2 | tail -1)"
    echo "HOSTDNS_JAVA_OPTS: $HOSTDNS_JAVA_OPTS"
    echo "HOSTDNS_ALT_JAR: ${HOSTDNS_ALT_JAR:-}"
    echo "dnsperf: $(dnsperf -h 2>&1 | sed -n 's/^Version //p' | head -1)"
    echo "nsd: $(nsd -v 2>&1 | head -1)"
    echo "unbound: $(unbound -V | head -1)"
    echo "dnsmasq: $(dnsmasq --version | head -1)"
    echo "git: $(git -C "$root" rev-parse --short HEAD 2>/dev/null) $(git -C "$root" status --porcelain 2>/dev/null | grep -q . && echo '(dirty)')"
    echo "net.core.rmem_max: $(cat /proc/sys/net/core/rmem_max)"
} >"$results/environment.txt"

wait_for_quiet_box
echo "before: $(uptime)" >"$results/uptime.txt"

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
        dnsmasq)
            exec dnsmasq -C /dev/null --no-resolv --no-hosts --server="127.0.0.1#$NSD_PORT" --bind-interfaces \
                --listen-address=127.0.0.1 --port="${PORT[dnsmasq]}" --cache-size=10000 --pid-file= --no-daemon ;;
        *)
            echo "unknown target $1" >&2; exit 1 ;;
    esac
}
for t in "${TARGETS[@]}"; do
    # the launcher and exec make $! the server process itself (its /proc/PID/stat is what is measured)
    (start_target "$t") >"$results/$t.log" 2>&1 &
    PID[$t]=$!
done
for t in "${TARGETS[@]}"; do
    wait_listening "${PORT[$t]}" "${PID[$t]}" "$t"
done
log "all listening: nsd $NSD_PORT $(for t in "${TARGETS[@]}"; do printf '%s %s ' "$t" "${PORT[$t]}"; done)"

run_dnsperf() { # target label extra-args... ; appends one row to $work/rows
    local target="$1" label="$2"
    shift 2
    local out="$results/$target-$label.txt" before after
    before="$(cpu_ticks "${PID[$target]}")"
    timeout $((DURATION * 3 + 30)) dnsperf -s 127.0.0.1 -p "${PORT[$target]}" -d "$work/queries.txt" "$@" >"$out" 2>&1
    after="$(cpu_ticks "${PID[$target]}")"
    echo "# dnsperf -s 127.0.0.1 -p ${PORT[$target]} -d queries.txt $*" >>"$out"
    echo "# server cpu ticks: $before -> $after (CLK_TCK $(getconf CLK_TCK))" >>"$out"
    echo "$target $label $(parse "$out") $((after - before))" >>"$work/rows"
}

# ---------------------------------------------------------------- warm the caches, then stop NSD
for t in "${TARGETS[@]}"; do
    out="$results/$t-warm.txt"
    dnsperf -s 127.0.0.1 -p "${PORT[$t]}" -d "$work/queries.txt" -n 2 -c 8 -q 100 >"$out" 2>&1
    read -r sent done lost _ <<<"$(parse "$out")"
    if [[ "$done" != 4000 || "$lost" != 0 ]] || ! grep -q 'NOERROR 4000 ' "$out"; then
        echo "warm-up of $t did not answer 4000/4000 NOERROR; see $out" >&2
        exit 1
    fi
done
kill -TERM "$nsd_pid"
wait "$nsd_pid" 2>/dev/null || true
nsd_pid=""
log "caches warm, NSD stopped: every answer from here on is a cache hit"

for t in hostdns hostdns-alt; do
    [[ -n "${PID[$t]:-}" ]] || continue
    log "$t JIT warm-up: ${JIT_WARMUP}s of dnsperf load (not recorded in the table)"
    dnsperf -s 127.0.0.1 -p "${PORT[$t]}" -d "$work/queries.txt" -l "$JIT_WARMUP" -c 8 -q 100 \
        >"$results/$t-jit-warmup.txt" 2>&1
done

: >"$work/rows"
for rep in $(seq "$REPS"); do
    for t in "${TARGETS[@]}"; do
        log "$t max$rep"
        run_dnsperf "$t" "max$rep" -l "$DURATION" -c 8 -q 100
    done
done
for t in "${TARGETS[@]}"; do
    log "$t -Q $RATE"
    run_dnsperf "$t" "rate$RATE" -l "$DURATION" -c 8 -q 100 -Q "$RATE"
done
echo "after: $(uptime)" >>"$results/uptime.txt"
cp "$work/rows" "$results/rows.txt"

# ---------------------------------------------------------------- table
ticks="$(getconf CLK_TCK)"
awk -v ticks="$ticks" -v rate="$RATE" '
    { target[NR] = $1; label[NR] = $2; sent[NR] = $3; done[NR] = $4; lost[NR] = $5; qps[NR] = $6
      avg[NR] = $7; max[NR] = $9; rc[NR] = $11; cpu[NR] = $12
      if ($1 == "unbound-2t" && $2 ~ /^max/) { u2sum += $6; u2n++ } }
    END {
        u2 = u2n ? u2sum / u2n : 0
        printf "| target | run | QPS | vs unbound-2t (mean of its max runs: %.0f) | avg ms | max ms | sent | lost | rcodes | server CPU s / 100k queries |\n", u2
        print "|---|---|---:|---:|---:|---:|---:|---:|---|---:|"
        for (i = 1; i <= NR; i++) {
            r = rc[i]; gsub(/_/, " ", r)
            cpu100k = done[i] > 0 ? cpu[i] / ticks / done[i] * 100000 : 0
            printf "| %s | %s | %.0f | %s | %.3f | %.3f | %d | %d | %s | %.3f |\n", target[i],
                (label[i] ~ /^rate/ ? "-Q " rate : label[i]), qps[i],
                (label[i] ~ /^max/ && u2 > 0 ? sprintf("%.2f", qps[i] / u2) : ""),
                avg[i] * 1000, max[i] * 1000, sent[i], lost[i], r, cpu100k
        }
    }' "$work/rows" | tee "$results/table.md"
{
    echo
    echo "dnsperf -s 127.0.0.1 -p PORT -d queries.txt -l $DURATION -c 8 -q 100 ($REPS reps), then the same with -Q $RATE;"
    echo "caches warmed with -n 2, NSD stopped before measuring; hostdns got an extra ${JIT_WARMUP}s JIT warm-up pass."
    echo "CPU = utime+stime of the server process (all threads) over the pass / answered queries x 100k."
    cat "$results/uptime.txt"
} | tee -a "$results/table.md"
log "done: $results"
