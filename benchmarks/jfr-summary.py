#!/usr/bin/env python3
"""Summarises `jfr print` output of a JMH -prof jfr recording: where CPU samples or allocated bytes go.
Usage:
  jfr print --events jdk.ExecutionSample --stack-depth 30 profile.jfr > cpu.txt
  jfr-summary.py cpu.txt jdk.ExecutionSample          # top frames (self) and inclusive frames
  jfr print --events jdk.ObjectAllocationSample --stack-depth 12 profile.jfr > alloc.txt
  jfr-summary.py alloc.txt jdk.ObjectAllocationSample # bytes by class, and by class + first non-JDK frame"""
import collections
import re
import sys

UNITS = {"bytes": 1, "kB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3}


def frames_of(event):
    return re.findall(r"^\s+([\w.$<>/]+)\(.*?\)\s+line:", event, re.M)


def allocations(events):
    by_class, by_site, total = collections.Counter(), collections.Counter(), 0.0
    for e in events:
        m = re.search(r"weight = ([\d.,]+) (bytes|kB|MB|GB)", e)
        if not m:
            continue
        weight = float(m.group(1).replace(",", "")) * UNITS[m.group(2)]
        cls = re.search(r"objectClass = ([\w.$\[\]]+)", e).group(1)
        frames = frames_of(e)
        site = next((f for f in frames if not f.startswith(("java.", "jdk.", "sun."))), frames[0] if frames else "?")
        total += weight
        by_class[cls] += weight
        by_site[(cls, site)] += weight
    print(f"total sampled weight MB {total / 1024 ** 2:.1f}")
    for c, v in by_class.most_common(20):
        print(f"{100 * v / total:5.1f}% {c}")
    print("-- by class + first non-JDK frame")
    for (c, s), v in by_site.most_common(25):
        print(f"{100 * v / total:5.1f}% {c} @ {s}")


def samples(events):
    top, incl, n = collections.Counter(), collections.Counter(), 0
    for e in events:
        frames = frames_of(e)
        if not frames:
            continue
        n += 1
        top[frames[0]] += 1
        for f in set(frames):
            incl[f] += 1
    print("samples", n)
    for f, c in top.most_common(25):
        print(f"{100 * c / n:5.1f}% {f}")
    print("-- inclusive")
    for f, c in incl.most_common(40):
        print(f"{100 * c / n:5.1f}% {f}")


def main(path, kind):
    events = open(path).read().split(kind + " {")[1:]
    allocations(events) if kind == "jdk.ObjectAllocationSample" else samples(events)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
