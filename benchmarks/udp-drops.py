#!/usr/bin/env python3
"""Where UDP datagrams are dropped on this box while a benchmark runs.

    benchmarks/udp-drops.py -- COMMAND [ARGS...]     # runs COMMAND, watching; reports when it ends
    benchmarks/udp-drops.py --seconds 60             # just watches for 60 s

Samples /proc/net/udp and /proc/net/udp6 every 200 ms and remembers, per socket (inode), the drops column
(the kernel's per-socket count of datagrams it could not queue: receive buffer full) and the receive queue's
high-water mark; resolves a socket to its process (comm and pid, through /proc/*/fd) the first time its
drops rise. At the end prints every socket whose drops rose, with its local port and process, and the
system-wide /proc/net/snmp Udp counters' increase (InErrors, RcvbufErrors, SndbufErrors, NoPorts).
Sockets that live shorter than one sample interval are not seen; the snmp totals still count them.
"""
import os
import subprocess
import sys
import time

INTERVAL = 0.2


def snmp():
    with open("/proc/net/snmp") as f:
        lines = [line.split() for line in f if line.startswith("Udp:")]
    return dict(zip(lines[0][1:], map(int, lines[1][1:])))


def sockets():
    found = {}
    for path in ("/proc/net/udp", "/proc/net/udp6"):
        try:
            with open(path) as f:
                next(f)
                for line in f:
                    cols = line.split()
                    local = cols[1]
                    rx_queue = int(cols[4].split(":")[1], 16)
                    inode = cols[9]
                    drops = int(cols[-1])
                    found[inode] = (local, rx_queue, drops)
        except FileNotFoundError:
            pass
    return found


def owner(inode):
    target = "socket:[" + inode + "]"
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            for fd in os.listdir("/proc/" + pid + "/fd"):
                if os.readlink("/proc/" + pid + "/fd/" + fd) == target:
                    with open("/proc/" + pid + "/comm") as c:
                        return c.read().strip() + "[" + pid + "]"
        except OSError:
            continue
    return "?"


def port_of(local):
    address, port = local.split(":")
    return int(port, 16)


def main(argv):
    seconds = None
    command = None
    if len(argv) >= 2 and argv[0] == "--seconds":
        seconds = float(argv[1])
    elif argv and argv[0] == "--":
        command = argv[1:]
    else:
        print(__doc__, file=sys.stderr)
        return 2
    start_snmp = snmp()
    first = {}   # inode -> drops when first seen
    last = {}    # inode -> (local, drops)
    highwater = {}
    owners = {}
    process = subprocess.Popen(command) if command else None
    end = time.monotonic() + seconds if seconds is not None else None
    try:
        while True:
            for inode, (local, rx_queue, drops) in sockets().items():
                first.setdefault(inode, drops)
                last[inode] = (local, drops)
                highwater[inode] = max(highwater.get(inode, 0), rx_queue)
                if drops > first[inode] and inode not in owners:
                    owners[inode] = owner(inode)
            if process is not None and process.poll() is not None:
                break
            if end is not None and time.monotonic() >= end:
                break
            time.sleep(INTERVAL)
    finally:
        if process is not None and process.poll() is None:
            process.wait()
    end_snmp = snmp()
    print("# udp-drops: sockets whose drops rose while watching (port, process, drops, rx-queue high-water bytes)")
    rose = 0
    for inode, (local, drops) in sorted(last.items(), key=lambda kv: port_of(kv[1][0])):
        if drops > first[inode]:
            rose += drops - first[inode]
            print("#   port %5d  %-24s drops +%d  rx-queue max %d" % (
                port_of(local), owners.get(inode, "?"), drops - first[inode], highwater[inode]))
    print("#   per-socket total: +%d" % rose)
    deltas = ", ".join("%s +%d" % (k, end_snmp[k] - start_snmp[k])
                       for k in ("InDatagrams", "OutDatagrams", "InErrors", "RcvbufErrors", "SndbufErrors", "NoPorts")
                       if k in end_snmp)
    print("# /proc/net/snmp Udp: " + deltas)
    return process.returncode if process is not None else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
