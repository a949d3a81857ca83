#!/usr/bin/env python3
"""Where the forwarder's miss path spends CPU and allocates, stage by stage, from a JFR recording.

    jfr print --events jdk.ExecutionSample --stack-depth 64 hostdns.jfr > cpu.txt
    jfr print --events jdk.ObjectAllocationSample --stack-depth 64 hostdns.jfr > alloc.txt
    jfr-stages.py cpu.txt [CPU-SECONDS-PER-QUERY]       # share of Java CPU samples per stage (and us/query)
    jfr-stages.py alloc.txt [QUERIES]                   # share of sampled bytes per stage (and B/query)

A sample belongs to the stage of its innermost io.hostdns frame: the library code (Reactor, Netty, dnsjava,
Caffeine, the JDK) it was running was called by that stage; time in the shared data classes (Answer, Query)
and the wire helpers is charged to the stage that called them. Samples without any io.hostdns frame are named
by their innermost frame's library (e.g. Netty's event loop reading and writing sockets, Reactor's or the
JDK's timer threads). JFR samples Java code only: time in system calls, GC and the JIT is not in these shares
(the per-query CPU given on the command line, from /proc/PID/stat, includes it).
"""
import collections
import re
import sys

UNITS = {"bytes": 1, "kB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3}

# (prefix of the class name, stage); the first match wins, so more specific prefixes come first
STAGES = [
    ("io.hostdns.transport.server.RequestDecoder", "server: decode request"),
    ("io.hostdns.transport.server.ReplyWriter", "server: write reply"),
    ("io.hostdns.transport.server.AnswerLayout", "server: write reply"),
    ("io.hostdns.transport.server.QueryDeadline", "server: query deadline"),
    ("io.hostdns.transport.server", "server: listener, ACL, dispatch"),
    ("io.hostdns.transport.forwarder.LoopDetector", "stage loop-probe"),
    ("io.hostdns.transport.forwarder.AttemptTracing", "upstream: tracing hook"),
    ("io.hostdns.transport.forwarder.CoalesceStage", "stage coalesce"),
    ("io.hostdns.transport.forwarder.UpstreamRoutes", "stage routes"),
    ("io.hostdns.transport.forwarder", "forwarder: stage list glue"),
    ("io.hostdns.core.hosts", "stage hosts"),
    ("io.hostdns.core.internal.hosts", "stage hosts"),
    ("io.hostdns.core.internal.cache", "stage cache"),
    ("io.hostdns.core.cache.CoalescingResolver", "stage coalesce"),
    ("io.hostdns.core.cache", "stage cache"),
    ("io.hostdns.core.internal.guard.ConcurrencyLimit", "stage cap"),
    ("io.hostdns.core.internal.guard", "upstream: sanitizer"),
    ("io.hostdns.core.internal.combine.DeadlineResolver", "group: deadline"),
    ("io.hostdns.core.internal.combine.AttemptTimeout", "group: attempt timeout"),
    ("io.hostdns.core.internal.combine.TimedAttempt", "group: attempt timeout"),
    ("io.hostdns.core.internal.combine", "group: combinator (fallback/race/hedge)"),
    ("io.hostdns.core.internal.health", "group: health tracking"),
    ("io.hostdns.core.upstream", "group: ordering"),
    ("io.hostdns.core.internal.wire", "wire parsing"),
    ("io.hostdns.transport.udp.UdpSender", "udp client: send"),
    ("io.hostdns.transport.udp.QueryWire", "udp client: send"),
    ("io.hostdns.transport.udp.UdpSocket", "udp client: receive, match"),
    ("io.hostdns.transport.internal.ResponseCheck", "udp client: receive, match"),
    ("io.hostdns.transport.internal.QueryIds", "udp client: send"),
    ("io.hostdns.transport.internal.PendingQueries", "udp client: pending table"),
    ("io.hostdns.transport.udp", "udp client: exchange"),
    ("io.hostdns.transport.internal", "udp client: other"),
    ("io.hostdns.core.Answer", "data: Answer"),
    ("io.hostdns.core.Query", "data: Query"),
    ("io.hostdns", "other hostdns"),
]
LIBRARIES = [
    ("io.netty", "no hostdns frame: Netty (event loop I/O)"),
    ("reactor.", "no hostdns frame: Reactor"),
    ("org.xbill", "no hostdns frame: dnsjava"),
    ("com.github.benmanes.caffeine", "no hostdns frame: Caffeine"),
    ("java.util.concurrent", "no hostdns frame: JDK concurrency (timers, executors)"),
]


def frames_of(event):
    return re.findall(r"^\s+([\w.$<>/]+)\(.*?\)\s+line:", event, re.M)


# data and wire helpers are charged to the stage that called them (the sanitizer decoding an Answer, the
# cache reading its TTL), unless nothing else of hostdns is on the stack
SHARED = ("data: ", "wire parsing")


def stage_of(frames):
    fallback = None
    for frame in frames:  # innermost first
        if frame.startswith("io.hostdns."):
            for prefix, stage in STAGES:
                if frame.startswith(prefix):
                    if stage.startswith(SHARED):
                        fallback = fallback or stage
                        break
                    return stage
    if fallback:
        return fallback
    top = frames[0] if frames else "?"
    for prefix, name in LIBRARIES:
        if top.startswith(prefix):
            return name
    return "no hostdns frame: " + ".".join(top.split(".")[:2])


def main(path, per_query):
    text = open(path).read()
    kind = "jdk.ObjectAllocationSample" if "jdk.ObjectAllocationSample {" in text else "jdk.ExecutionSample"
    events = text.split(kind + " {")[1:]
    weights = collections.Counter()
    total = 0.0
    for e in events:
        frames = frames_of(e)
        if kind == "jdk.ObjectAllocationSample":
            m = re.search(r"weight = ([\d.,]+) (bytes|kB|MB|GB)", e)
            if not m:
                continue
            weight = float(m.group(1).replace(",", "")) * UNITS[m.group(2)]
        else:
            if not frames:
                continue
            weight = 1.0
        weights[stage_of(frames)] += weight
        total += weight
    unit = "B/query" if kind == "jdk.ObjectAllocationSample" else "us/query"
    scale = per_query if kind == "jdk.ObjectAllocationSample" else per_query * 1e6
    print(f"{kind}: {len(events)} events, total weight {total:.0f}" + (
        f"; per query given: {per_query}" if per_query else ""))
    print(f"| stage | share | {unit} |" if per_query else "| stage | share |")
    print("|---|---:|---:|" if per_query else "|---|---:|")
    for stage, w in weights.most_common():
        share = w / total
        if per_query:
            print(f"| {stage} | {100 * share:.1f} % | {share * scale:.1f} |")
        else:
            print(f"| {stage} | {100 * share:.1f} % |")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    main(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 0.0)
