# Shell functions shared by the dnsperf scripts; source it, do not run it.
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# Expects the caller to set `results` (the results directory) before calling wait_listening, and
# MAX_LOAD / LOAD_WAIT before wait_for_quiet_box. Nothing here starts or stops a process.

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

port_free() { [[ -z "$(ss -Hlun "sport = :$1")" && -z "$(ss -Hltn "sport = :$1")" ]]; }

wait_listening() { # port pid name
    for _ in $(seq 600); do
        kill -0 "$2" 2>/dev/null || { echo "$3 exited at start; see $results/$3.log" >&2; exit 1; }
        [[ -n "$(ss -Hlun "sport = :$1")" ]] && return 0
        sleep 0.1
    done
    echo "$3 did not listen on udp port $1 within 60 s" >&2
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
