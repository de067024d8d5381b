#!/usr/bin/env bash
# Benchmark suite: times the stepping of the Bass kernel (K = 8, p = 0.01,
# q = 0.3, 1M firms, 50 steps) for each thread count from 1 to all cores, and
# writes one JSON object per line to bench/results/<host>.jsonl.
set -euo pipefail
aiplus=${1:-build/aiplus}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$here/results"
out="$here/results/$(hostname -s).jsonl"
: >"$out"
for threads in $(seq 1 "$(nproc)"); do
  "$aiplus" bench "$here/../configs/bass.toml" --firms 1000000 --steps 50 \
    --set network.partners=8 --set adoption.p=0.01 --set adoption.q=0.3 \
    --threads "$threads" --json | tee -a "$out"
done
echo "results: $out"
