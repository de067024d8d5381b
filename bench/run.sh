#!/usr/bin/env bash
# The benchmark suite. Measures, never asserts: every figure goes to
# bench/results/<host>.jsonl (one JSON object per run) and bench/results/<host>.png.
#
#   bench/run.sh [AIPLUS] [--quick] [--one-to-one]
#
# Runs of a few seconds are repeated REPEAT times (default 3) and bench/plot.py
# reports the median run, since a shared machine's noise is larger than a few
# percent; the 10M- and 60M-firm runs are made once.
#
# 1. Bass kernel (K = 8, p = 0.01, q = 0.3, 1M firms, 50 steps) on 1..all threads,
#    next to the vectorised NumPy reference of the same workload (bench/bass_numpy.py).
# 2. Full model (configs/ai_plus.toml, 1M firms, 132 months) on 1..all threads.
# 3. Cost against firms (1e5 .. 1e7) and against steps (33 .. 528 months) on all threads.
# 4. With --one-to-one: the whole enterprise population (60M firms, 132 months).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
aiplus=$(realpath "${1:-$here/../build/aiplus}")
quick=0 one_to_one=0
for arg in "$@"; do
  case "$arg" in --quick) quick=1 ;; --one-to-one) one_to_one=1 ;; esac
done
python=/usr/bin/python3
mkdir -p "$here/results"
out="$here/results/$(hostname -s).jsonl"
: >"$out"
cores=$(nproc)
repeat=${REPEAT:-3}
times() { for _ in $(seq "$repeat"); do "$@"; done; }
record() { tee -a "$out"; }
tag() { sed "s/^{/{\"suite\": \"$1\", /"; }

bass() { "$aiplus" bench "$here/../configs/bass.toml" --firms 1000000 --steps 50 \
  --set network.partners=8 --set adoption.p=0.01 --set adoption.q=0.3 "$@" --json; }
full() { "$aiplus" bench "$here/../configs/ai_plus.toml" "$@" --json; }

for threads in $(seq 1 "$cores"); do times bass --threads "$threads" | tag bass_threads | record; done
OPENBLAS_CORETYPE= OPENBLAS_L2_SIZE= times $python "$here/bass_numpy.py" --firms 1000000 --steps 50 | tag bass_numpy | record
for threads in $(seq 1 "$cores"); do times full --firms 1000000 --threads "$threads" | tag full_threads | record; done
sizes="100000 300000 1000000 3000000 10000000"
[ "$quick" = 1 ] && sizes="100000 300000 1000000"
for firms in $sizes; do full --firms "$firms" | tag full_firms | record; done
for steps in 33 66 132 264 528; do times full --firms 1000000 --steps "$steps" | tag full_steps | record; done
[ "$one_to_one" = 1 ] && full --firms 60000000 | tag one_to_one | record
$python "$here/plot.py" "$out"
