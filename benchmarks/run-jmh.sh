#!/usr/bin/env bash
# Runs the JMH suites with the anchor settings and keeps everything a results table needs:
#   benchmarks/run-jmh.sh [JMH regexp] [extra JMH args...]
# e.g. benchmarks/run-jmh.sh CacheHitBenchmark
#      benchmarks/run-jmh.sh UncachedQueriesBenchmark -p inflight=64,256
# Needs benchmarks/target/benchmarks.jar (mvn -B -pl benchmarks -am package -DskipTests) and, for
# upstream=nsd (the default), the nsd binary (apt-get install -y nsd). Output: benchmarks/results/<UTC time>/.
# Environment: WARMUP_TIME (default 3s) and RUN_TIME (default 2s) per iteration; WATCH_DROPS=1 runs JMH under
# benchmarks/udp-drops.py, which names every UDP socket (and its process) that dropped datagrams during the run.
set -euo pipefail
cd "$(dirname "$0")"
JAR=target/benchmarks.jar
[ -f "$JAR" ] || { echo "missing $JAR: build it first (mvn -B -pl benchmarks -am package -DskipTests)" >&2; exit 1; }
PATTERN=${1:-.*Benchmark}
shift || true
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=results/$STAMP-$(echo "$PATTERN" | tr -c 'A-Za-z0-9' '_' | cut -c1-40)
mkdir -p "$OUT"
CMD=("$JAVA" -jar "$JAR" "$PATTERN" -f 1 -wi 3 -w "${WARMUP_TIME:-3s}" -i 5 -r "${RUN_TIME:-2s}" -prof gc -rf json
     -rff "$OUT/result.json" "$@")
if [ "${WATCH_DROPS:-0}" = 1 ]; then
  CMD=(./udp-drops.py -- "${CMD[@]}")
fi
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p') x $(nproc)"
  echo "jdk: $("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p')"
  echo "nsd: $(command -v nsd || ls /usr/sbin/nsd 2>/dev/null || echo absent)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "command: ${CMD[*]}"
} | tee "$OUT/env.txt"
"${CMD[@]}" 2>&1 | tee "$OUT/jmh.log"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/env.txt"
echo "results in benchmarks/$OUT"
