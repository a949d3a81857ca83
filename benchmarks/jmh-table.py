#!/usr/bin/env python3
"""Prints a Markdown table of a JMH JSON result (benchmarks/run-jmh.sh writes result.json):
score +- error, B/op (-prof gc), failures, and hostdns' ratio to every other impl with the same
other parameters (>1 = hostdns better; from the same run); for SampleTime also p50, p99, max and
the sample count. Usage: jmh-table.py results/<dir>/result.json"""
import json
import sys


def fmt(x):
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:,.1f}"


def main(path):
    rows = json.load(open(path))
    def key(r):
        p = dict(r.get("params", {}))
        p.pop("impl", None)
        return (r["benchmark"], tuple(sorted(p.items())))
    hostdns = {key(r): r for r in rows if r.get("params", {}).get("impl") == "hostdns"}
    print("| benchmark | impl | params | score ± error | unit | B/op | failures | hostdns ratio (>1 = hostdns better) |")
    print("|---|---|---|---:|---|---:|---:|---:|")
    for r in rows:
        params = dict(r.get("params", {}))
        impl = params.pop("impl", "")
        params.pop("upstream", None)
        pm = r["primaryMetric"]
        sec = r.get("secondaryMetrics", {})
        alloc = sec.get("gc.alloc.rate.norm", {}).get("score")
        fails = sec.get("failures", {}).get("score")
        extra = ""
        if "upstreamQueries" in sec and sec.get("bursts", {}).get("score"):
            extra = f" ({sec['upstreamQueries']['score'] / sec['bursts']['score']:.2f} upstream queries/herd)"
        pct = pm.get("scorePercentiles", {})
        if r.get("mode") == "sample" and "99.0" in pct:
            # SampleTime: the percentiles over all samples, and how many samples there were
            n = sum(c for fork in pm.get("rawDataHistogram", []) for it in fork for _, c in it)
            extra += f" (p50 {fmt(pct['50.0'])}, p99 {fmt(pct['99.0'])}, max {fmt(pct['100.0'])}, n={n:,})"
        ratio = ""
        h = hostdns.get(key(r))
        def failed(row):
            return row.get("secondaryMetrics", {}).get("failures", {}).get("score", 0) > 0
        if h is not None and impl != "hostdns" and (failed(h) or failed(r)):
            ratio = "n/a (invalid run)"
        elif h is not None and impl != "hostdns":
            hs, os_ = h["primaryMetric"]["score"], pm["score"]
            higher_better = pm["scoreUnit"].endswith("/s")
            ratio = f"{(hs / os_ if higher_better else os_ / hs):.2f}"
        fail_txt = "" if fails is None else (f"**{fails:.0f} — INVALID**" if fails > 0 else "0")
        name = r["benchmark"].rsplit(".", 2)[-2]
        ptxt = ", ".join(f"{k}={v}" for k, v in params.items())
        print(f"| {name} | {impl} | {ptxt} | {fmt(pm['score'])} ± {fmt(pm['scoreError'])}{extra} | {pm['scoreUnit']} "
              f"| {'' if alloc is None else fmt(alloc)} | {fail_txt} | {ratio} |")


if __name__ == "__main__":
    main(sys.argv[1])
