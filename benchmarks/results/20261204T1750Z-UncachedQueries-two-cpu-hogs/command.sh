#!/usr/bin/env bash
# diagnostic: the JMH miss path with two CPU hogs on the 2 cores (what a shared box does), under udp-drops
cd /work/wt/miss/benchmarks
( while :; do :; done ) & h1=$!
( while :; do :; done ) & h2=$!
trap 'kill $h1 $h2' EXIT
./udp-drops.py -- java -jar target/benchmarks.jar UncachedQueriesBenchmark -p impl=hostdns -p inflight=64,256,1024 -f 1 -wi 2 -w 5s -i 5 -r 5s
