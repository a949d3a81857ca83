#!/usr/bin/env bash
# Cache-hit QPS, CPU per answer, memory and start time of the hostdns forwarder next to unbound (1 and 2
# threads) and dnsmasq, with dnsperf on loopback.
#
#   benchmarks/dnsperf/run-dnsperf.sh            # from the repository root; about 7 minutes
#
# What it does, all on 127.0.0.1 and in a temporary directory:
#   1. writes the zone bench.test. (h0000..h0999, one A and one AAAA each, TTL 86400, and a wildcard
#      *.fill.bench.test.) and the dnsperf query files: all 2000 name/type pairs, and FILL distinct names
#      under fill.bench.test.;
#   2. starts NSD as the authoritative upstream; measures launch to first answer of each target LAUNCHES
#      times (process start until a UDP query sent every 5 ms is first answered, NSD answering the miss; the
#      prober is started and ready before the server starts, so its own start-up is not counted);
#   3. starts hostdns `serve` (through ./hostdns with the launcher's defaults and a config file with
#      cache.maxEntries MAX_ENTRIES), unbound (1 thread), unbound (2 threads) and dnsmasq (cache-size
#      MAX_ENTRIES), each forwarding to NSD on its own port; reads each one's RSS once listening (idle);
#   4. warms every cache (`dnsperf -n 2`: 4000 queries, all NOERROR or the run stops), fills it with the
#      FILL distinct names (`-n 1 -Q FILL_RATE`), then STOPS NSD, so every answer afterwards is a cache hit;
#   5. gives hostdns (only it: the JVM needs JIT warm-up) an extra ~10 s dnsperf pass, not recorded;
#   6. runs, round-robin over the targets, REPS max-rate passes `dnsperf -l DURATION -c 8 -q 100`, then
#      RATE_REPS fixed-rate passes `-Q RATE` (latency and CPU at 20k QPS; the order of the targets reversed
#      every other round, so a drift of the shared box falls on all of them alike; the summary gives the
#      mean); around every pass it reads the server process's utime+stime from /proc/PID/stat, giving CPU
#      seconds per 100k answered queries;
#   7. serves the FILL names and the 2000 at max rate for DURATION seconds and reads each RSS (loaded);
#   8. prints the per-pass table and a summary table to stdout; raw dnsperf outputs, configs, server
#      logs, uptime and the tables go to benchmarks/results/dnsperf-<UTC>/.
# Only the processes this script started are stopped (by PID, on exit whatever happens).
#
# Environment (defaults): DURATION=10 REPS=2 RATE=20000 RATE_REPS=REPS JIT_WARMUP=10 BASE_PORT=5400 MAX_LOAD=3
# LOAD_WAIT=300 (seconds to wait for the 1-minute load to drop below MAX_LOAD before starting anyway),
# FILL=100000 FILL_RATE=20000 MAX_ENTRIES=110000 LAUNCHES=3 (0: skip the launch timing),
# HOSTDNS_JAVA_OPTS (default empty: the launcher's defaults), RESULTS_DIR, TARGETS (a subset of
# "hostdns unbound-1t unbound-2t dnsmasq"; ratios need unbound-2t in the same run), and for A/B runs of
# a change target hostdns-alt: with HOSTDNS_ALT_JAR=/path/to/other-cli.jar that jar run as
# `java $HOSTDNS_ALT_JAVA_OPTS -jar` (default: no options, as the launcher before issue 13 did), without it
# this build through ./hostdns with HOSTDNS_JAVA_OPTS=$HOSTDNS_ALT_JAVA_OPTS; HOSTDNS_ARGS and HOSTDNS_ALT_ARGS
# are added to the two targets' `serve` arguments (e.g. HOSTDNS_ALT_ARGS="--threads 1").
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DURATION="${DURATION:-10}"
REPS="${REPS:-2}"
RATE="${RATE:-20000}"
RATE_REPS="${RATE_REPS:-$REPS}"
JIT_WARMUP="${JIT_WARMUP:-10}"
BASE_PORT="${BASE_PORT:-5400}"
MAX_LOAD="${MAX_LOAD:-3}"
LOAD_WAIT="${LOAD_WAIT:-300}"
FILL="${FILL:-100000}"
FILL_RATE="${FILL_RATE:-20000}"
MAX_ENTRIES="${MAX_ENTRIES:-110000}"
LAUNCHES="${LAUNCHES:-3}"
export HOSTDNS_JAVA_OPTS="${HOSTDNS_JAVA_OPTS:-}"
HOSTDNS_ALT_JAVA_OPTS="${HOSTDNS_ALT_JAVA_OPTS:-}"
HOSTDNS_ARGS="${HOSTDNS_ARGS:-}"
HOSTDNS_ALT_ARGS="${HOSTDNS_ALT_ARGS:-}"
HOSTDNS_ALT_JAR="${HOSTDNS_ALT_JAR:-}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
results="${RESULTS_DIR:-$root/benchmarks/results/dnsperf-$stamp}"

NSD_PORT=$((BASE_PORT + 1))
read -r -a TARGETS <<<"${TARGETS:-hostdns unbound-1t unbound-2t dnsmasq}"
declare -A PORT=([hostdns]=$((BASE_PORT + 2)) [hostdns-alt]=$((BASE_PORT + 3)) [unbound-1t]=$((BASE_PORT + 11)) [unbound-2t]=$((BASE_PORT + 12)) [dnsmasq]=$((BASE_PORT + 21)))
declare -A PID=()
nsd_pid=""

for tool in dnsperf nsd unbound dnsmasq java ss python3; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y dnsperf nsd unbound dnsmasq-base)" >&2; exit 1; }
done

if ! compgen -G "$root/examples/target/hostdns-examples-*-cli.jar" >/dev/null; then
    echo "no CLI jar: run 'mvn -B -q -DskipTests package' in $root first" >&2
    exit 1
fi

work="$(mktemp -d /tmp/hostdns-dnsperf.XXXXXX)"
mkdir -p "$results"

# shellcheck source=lib.sh
source "$root/benchmarks/dnsperf/lib.sh"  # log, port_free, cpu_ticks, parse, wait_for_quiet_box

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

# lib.sh's wait_listening allows 60 s (NSD loading a large zone); the servers here listen well within 30 s
wait_listening() { # port pid name
    for _ in $(seq 300); do
        kill -0 "$2" 2>/dev/null || { echo "$3 exited at start; see $results/$3.log" >&2; exit 1; }
        [[ -n "$(ss -Hlun "sport = :$1")" ]] && return 0
        sleep 0.1
    done
    echo "$3 did not listen on udp port $1 within 30 s" >&2
    exit 1
}

ctx_switches() { # voluntary + involuntary context switches of all the process's threads (a thread wakes up
    # for each voluntary one: the count shows how often the server went to sleep and was woken)
    cat /proc/"$1"/task/*/status 2>/dev/null | awk '/^(nonv|v)oluntary_ctxt_switches:/ { n += $2 } END { print n + 0 }'
}

rss_kb() { # resident set size of the process, in KiB
    awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"
}

# The launch prober: sends a query for h0001.bench.test A to 127.0.0.1:PORT every 5 ms until one is answered and
# prints the ms from START (a CLOCK_REALTIME time in ns) to that first answer. It prints "ready" once its own start-up
# is over and then reads START from standard input, so the python interpreter's start (0.5-0.7 s on this box) is
# neither counted nor competing with the server's start for the CPUs.
read -r -d '' LAUNCH_PROBER <<'PY' || true
import socket, struct, sys, time
port = int(sys.argv[1])
name = b"".join(bytes([len(l)]) + l for l in b"h0001.bench.test".split(b".")) + b"\0"
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(0.005)
print("ready", flush=True)
start = int(sys.stdin.readline())
deadline = time.time() + 60
qid = 0
while time.time() < deadline:
    qid = (qid + 1) & 0xFFFF
    try:
        s.sendto(struct.pack(">HHHHHH", qid, 0x0100, 1, 0, 0, 0) + name + struct.pack(">HH", 1, 1), ("127.0.0.1", port))
        while True:
            reply = s.recv(4096)
            if len(reply) >= 12 and reply[2] & 0x80 and (reply[3] & 0x0F) == 0 and struct.unpack(">H", reply[6:8])[0] > 0:
                print("%.0f" % ((time.time_ns() - start) / 1e6), flush=True)
                sys.exit(0)
    except socket.timeout:
        pass
    except (ConnectionRefusedError, BlockingIOError):
        time.sleep(0.005)  # nothing listens yet: the port answered at once with ICMP
print("timeout", flush=True)
PY

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
    printf '*.fill IN A 10.255.0.1\n'
} >"$work/bench.test.zone"
for i in $(seq 0 999); do
    printf 'h%04d.bench.test A\nh%04d.bench.test AAAA\n' "$i" "$i"
done >"$work/queries.txt"
cp "$work/queries.txt" "$results/queries.txt"
awk -v n="$FILL" 'BEGIN { for (i = 0; i < n; i++) printf "n%06d.fill.bench.test A\n", i }' >"$work/fill.txt"
cat "$work/fill.txt" "$work/queries.txt" >"$work/loaded.txt"

for port in "$NSD_PORT" "${PORT[@]}" $((BASE_PORT + 4)) $((BASE_PORT + 5)); do
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
    # Debian's NSD is built with response-rate limiting on (200 answers a second per /24 and answer kind): every
    # fill name is the one wildcard's answer, so all but ~200 a second came back truncated or not at all, and the
    # fill measured NSD's limit and each target's TCP retry (hostdns 172 s, unbound 67 s, dnsmasq 7 s, which
    # passes TC on and caches nothing of it) instead of filling the caches
    rrl-ratelimit: 0
    rrl-whitelist-ratelimit: 0
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
hostdns_conf() { # port metrics-port (each its own: the default 127.0.0.1:9253 fits only one of them)
    cat <<EOF
hostDNS:
  listen: ["127.0.0.1:$1"]
  resolvers: ["127.0.0.1:$NSD_PORT"]
  cache: {maxEntries: $MAX_ENTRIES}
  metrics: {listen: "127.0.0.1:$2"}
EOF
}
hostdns_conf "${PORT[hostdns]}" $((BASE_PORT + 4)) >"$work/hostdns.yaml"
hostdns_conf "${PORT[hostdns-alt]}" $((BASE_PORT + 5)) >"$work/hostdns-alt.yaml"
cp "$work"/*.conf "$work"/*.yaml "$results/"

# ---------------------------------------------------------------- environment
{
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "cpu: $(lscpu | sed -n 's/^Model name: *//p') x $(nproc)"
    echo "kernel: $(uname -r)"
    echo "java: $(java -version 2>&1 | head -2 | tail -1)"
    echo "HOSTDNS_JAVA_OPTS: $HOSTDNS_JAVA_OPTS"
    echo "HOSTDNS_ALT_JAR: ${HOSTDNS_ALT_JAR:-}"
    echo "HOSTDNS_ALT_JAVA_OPTS: $HOSTDNS_ALT_JAVA_OPTS"
    echo "HOSTDNS_ARGS: $HOSTDNS_ARGS"
    echo "HOSTDNS_ALT_ARGS: $HOSTDNS_ALT_ARGS"
    echo "FILL: $FILL names at $FILL_RATE QPS; MAX_ENTRIES: $MAX_ENTRIES"
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
            # shellcheck disable=SC2086 # lists of words on purpose, as in the launcher
            exec "$root/hostdns" serve --config "$work/hostdns.yaml" ${HOSTDNS_ARGS} ;;
        hostdns-alt)
            if [[ -z "$HOSTDNS_ALT_JAR" ]]; then
                # the same build through the launcher, with other JVM options or serve arguments
                # shellcheck disable=SC2086
                HOSTDNS_JAVA_OPTS="$HOSTDNS_ALT_JAVA_OPTS" exec "$root/hostdns" serve \
                    --config "$work/hostdns-alt.yaml" ${HOSTDNS_ALT_ARGS}
            fi
            # shellcheck disable=SC2086
            exec java ${HOSTDNS_ALT_JAVA_OPTS} -jar "$HOSTDNS_ALT_JAR" serve --config "$work/hostdns-alt.yaml" \
                ${HOSTDNS_ALT_ARGS} ;;
        unbound-1t | unbound-2t)
            exec unbound -d -c "$work/$1.conf" ;;
        dnsmasq)
            exec dnsmasq -C /dev/null --no-resolv --no-hosts --server="127.0.0.1#$NSD_PORT" --bind-interfaces \
                --listen-address=127.0.0.1 --port="${PORT[dnsmasq]}" --cache-size="$MAX_ENTRIES" --pid-file= \
                --no-daemon ;;
        *)
            echo "unknown target $1" >&2; exit 1 ;;
    esac
}

stop_target() { # name: TERM, then KILL after 10 s
    local pid="${PID[$1]}"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    pkill -KILL -P "$pid" 2>/dev/null || true
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    unset "PID[$1]"
}

# ---------------------------------------------------------------- launch to first answer
# The launcher records its class-data archive once per build, on its first run: do that first, so that the
# launches below are ordinary ones.
"$root/hostdns" --version >/dev/null 2>&1 || true
: >"$work/launch"
if (( LAUNCHES > 0 )); then
    for t in "${TARGETS[@]}"; do
        for rep in $(seq "$LAUNCHES"); do
            coproc PROBER { python3 -c "$LAUNCH_PROBER" "${PORT[$t]}"; }
            # own copies: bash unsets PROBER once the prober exits, which may be before its answer is read
            prober_pid=$PROBER_PID
            exec {probe_out}<&"${PROBER[0]}" {probe_in}>&"${PROBER[1]}"
            read -r _ <&"$probe_out" # "ready"
            start_ns=$((${EPOCHREALTIME/./} * 1000))
            (start_target "$t") >>"$results/$t-launch.log" 2>&1 &
            PID[$t]=$!
            echo "$start_ns" >&"$probe_in"
            read -r ms <&"$probe_out"
            exec {probe_out}<&- {probe_in}>&-
            wait "$prober_pid" 2>/dev/null || true
            log "$t launch $rep: first answer after $ms ms"
            echo "$t $rep $ms" >>"$work/launch"
            stop_target "$t"
            for _ in $(seq 100); do port_free "${PORT[$t]}" && break; sleep 0.1; done
        done
    done
    cp "$work/launch" "$results/launch.txt"
fi

for t in "${TARGETS[@]}"; do
    # the launcher and exec make $! the server process itself (its /proc/PID/stat is what is measured)
    (start_target "$t") >"$results/$t.log" 2>&1 &
    PID[$t]=$!
done
for t in "${TARGETS[@]}"; do
    wait_listening "${PORT[$t]}" "${PID[$t]}" "$t"
done
log "all listening: nsd $NSD_PORT $(for t in "${TARGETS[@]}"; do printf '%s %s ' "$t" "${PORT[$t]}"; done)"
sleep 5 # let start-up settle (the JVMs finish their start-up compilations)
: >"$work/rss"
for t in "${TARGETS[@]}"; do
    echo "$t idle $(rss_kb "${PID[$t]}")" >>"$work/rss"
done

run_dnsperf() { # target label extra-args... ; appends one row to $work/rows
    local target="$1" label="$2"
    shift 2
    local out="$results/$target-$label.txt" before after cs_before cs_after
    before="$(cpu_ticks "${PID[$target]}")"
    cs_before="$(ctx_switches "${PID[$target]}")"
    timeout $((DURATION * 3 + 30)) dnsperf -s 127.0.0.1 -p "${PORT[$target]}" -d "$work/queries.txt" "$@" >"$out" 2>&1
    after="$(cpu_ticks "${PID[$target]}")"
    cs_after="$(ctx_switches "${PID[$target]}")"
    echo "# dnsperf -s 127.0.0.1 -p ${PORT[$target]} -d queries.txt $*" >>"$out"
    echo "# server cpu ticks: $before -> $after (CLK_TCK $(getconf CLK_TCK))" >>"$out"
    echo "# server context switches: $cs_before -> $cs_after" >>"$out"
    echo "$target $label $(parse "$out") $((after - before)) $((cs_after - cs_before))" >>"$work/rows"
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
if (( FILL > 0 )); then
    for t in "${TARGETS[@]}"; do
        log "$t: caching $FILL distinct names at $FILL_RATE QPS"
        out="$results/$t-fill.txt"
        dnsperf -s 127.0.0.1 -p "${PORT[$t]}" -d "$work/fill.txt" -n 1 -c 8 -q 100 -Q "$FILL_RATE" >"$out" 2>&1
        read -r sent done lost _ <<<"$(parse "$out")"
        log "$t: $done of $sent fill queries answered, $lost lost"
    done
fi
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
for rep in $(seq "$RATE_REPS"); do
    order=("${TARGETS[@]}")
    if (( rep % 2 == 0 )); then
        mapfile -t order < <(printf '%s\n' "${TARGETS[@]}" | tac)
    fi
    for t in "${order[@]}"; do
        log "$t -Q $RATE ($rep)"
        run_dnsperf "$t" "rate$rep" -l "$DURATION" -c 8 -q 100 -Q "$RATE"
    done
done
if (( FILL > 0 )); then
    for t in "${TARGETS[@]}"; do
        log "$t: serving the $FILL names and the 2000 at max rate for ${DURATION}s, then RSS"
        dnsperf -s 127.0.0.1 -p "${PORT[$t]}" -d "$work/loaded.txt" -l "$DURATION" -c 8 -q 100 \
            >"$results/$t-loaded.txt" 2>&1
        echo "$t loaded $(rss_kb "${PID[$t]}")" >>"$work/rss"
    done
fi
echo "after: $(uptime)" >>"$results/uptime.txt"
cp "$work/rows" "$results/rows.txt"
cp "$work/rss" "$results/rss.txt"

# ---------------------------------------------------------------- table
ticks="$(getconf CLK_TCK)"
awk -v ticks="$ticks" -v rate="$RATE" '
    { target[NR] = $1; label[NR] = $2; sent[NR] = $3; done[NR] = $4; lost[NR] = $5; qps[NR] = $6
      avg[NR] = $7; max[NR] = $9; rc[NR] = $11; cpu[NR] = $12; cs[NR] = $13
      if ($1 == "unbound-2t" && $2 ~ /^max/) { u2sum += $6; u2n++ } }
    END {
        u2 = u2n ? u2sum / u2n : 0
        printf "| target | run | QPS | vs unbound-2t (mean of its max runs: %.0f) | avg ms | max ms | sent | lost | rcodes | server CPU s / 100k queries | context switches / 100 queries |\n", u2
        print "|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|"
        for (i = 1; i <= NR; i++) {
            r = rc[i]; gsub(/_/, " ", r)
            cpu100k = done[i] > 0 ? cpu[i] / ticks / done[i] * 100000 : 0
            printf "| %s | %s | %.0f | %s | %.3f | %.3f | %d | %d | %s | %.3f | %.1f |\n", target[i],
                (label[i] ~ /^rate/ ? "-Q " rate " (" substr(label[i], 5) ")" : label[i]), qps[i],
                (label[i] ~ /^max/ && u2 > 0 ? sprintf("%.2f", qps[i] / u2) : ""),
                avg[i] * 1000, max[i] * 1000, sent[i], lost[i], r, cpu100k,
                (done[i] > 0 ? cs[i] / done[i] * 100 : 0)
        }
    }' "$work/rows" | tee "$results/table.md"
{
    echo
    echo "dnsperf -s 127.0.0.1 -p PORT -d queries.txt -l $DURATION -c 8 -q 100 ($REPS reps), then the same with -Q $RATE ($RATE_REPS reps);"
    echo "caches warmed with -n 2, NSD stopped before measuring; hostdns got an extra ${JIT_WARMUP}s JIT warm-up pass."
    echo "CPU = utime+stime of the server process (all threads) over the pass / answered queries x 100k."
    echo "Context switches = voluntary + involuntary ones of all the server's threads over the pass (/proc/PID/task/*/status)."
    cat "$results/uptime.txt"
} | tee -a "$results/table.md"

# ---------------------------------------------------------------- summary: one line per target
{
    echo
    awk -v ticks="$ticks" -v rate="$RATE" '
        FILENAME ~ /rows$/ {
            t = $1; seen[t] = 1
            if ($2 ~ /^max/) { qps[t] += $6; n[t]++; cpu[t] += $12 / ticks / $4 * 100000 }
            else { rcpu[t] += $12 / ticks / $4 * 100000; ravg[t] += $7 * 1000; rn[t]++ }
            if ($2 ~ /^max/) lost[t] += $5
            next
        }
        FILENAME ~ /rss$/ { rss[$1 " " $2] = $3 / 1024; next }
        FILENAME ~ /launch$/ { l[$1] = l[$1] (l[$1] == "" ? "" : ", ") $3; next }
        END {
            u2 = n["unbound-2t"] ? qps["unbound-2t"] / n["unbound-2t"] : 0
            print "| target | max QPS (mean) | vs unbound-2t | lost at max | CPU s / 100k at max | CPU s / 100k at " rate " QPS (mean) | avg ms at " rate " QPS (mean) | RSS idle MB | RSS loaded MB | launch to first answer ms |"
            print "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
            split("hostdns hostdns-alt unbound-1t unbound-2t dnsmasq", order, " ")
            for (i = 1; i <= 5; i++) {
                t = order[i]
                if (!seen[t]) continue
                q = qps[t] / n[t]
                printf "| %s | %.0f | %s | %d | %.3f | %.3f | %.3f | %.0f | %s | %s |\n", t, q,
                    (u2 > 0 ? sprintf("%.2f", q / u2) : ""), lost[t], cpu[t] / n[t], rcpu[t] / rn[t], ravg[t] / rn[t],
                    rss[t " idle"], ((t " loaded") in rss ? sprintf("%.0f", rss[t " loaded"]) : ""), l[t]
            }
        }' "$work/rows" "$work/rss" "$work/launch"
    echo
    echo "RSS = VmRSS of the server process: idle 5 s after it listens, loaded after $FILL distinct names were"
    echo "cached and then served at max rate with the 2000 for ${DURATION}s; launch = process start to the first"
    echo "answer to a query sent every 5 ms (one line per start; NSD answers that first miss)."
} | tee "$results/summary.md"
log "done: $results"
