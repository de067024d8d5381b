#!/usr/bin/env python3
"""The stratified sample against the whole population: the weighted national series of
ai_plus at a sample size (200,000 agents by default) over seeds 1..N, next to one run in
which every enterprise is an agent (60 million firms: about 4 minutes and 6 GB here).

    python3 bench/one_to_one.py [AIPLUS] [--agents 200000] [--seeds 5] [--firms 60000000]
        [--keep FOLDER]

For each series and the ends of 2027-12, 2030-12 and 2035-12 it prints the sample's
mean over seeds with its 95% t-interval, the one-to-one value, and whether that value
lies inside the interval. A benchmark: it measures, never asserts.
"""
import argparse
import os
import subprocess
import tempfile

import h5py
import numpy as np
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
SERIES = ["adoption_share", "adoption_share_employment", "deployed_share", "capability_in_use",
          "ai_tfp_term", "sme_gap", "tfp_growth"]
ROWS = {"2027-12": 36, "2030-12": 72, "2035-12": 132}  # ai_plus starts 2025-01: row = end of month


def run(aiplus, firms, seed, path):
    subprocess.run([aiplus, "run", os.path.join(HERE, "..", "configs", "ai_plus.toml"), "--firms",
                    str(firms), "--seed", str(seed), "-o", path, "--force", "-q"],
                   check=True, capture_output=True)
    with h5py.File(path, "r") as f:
        return {s: f["national/" + s][:] for s in SERIES if "national/" + s in f}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("aiplus", nargs="?", default=os.path.join(HERE, "..", "build", "aiplus"))
    parser.add_argument("--agents", type=int, default=200_000)
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--firms", type=int, default=60_000_000, help="the one-to-one run's agents")
    parser.add_argument("--keep", help="keep the run files in this folder")
    args = parser.parse_args()
    folder = args.keep or tempfile.mkdtemp(prefix="aiplus_one_to_one_")
    os.makedirs(folder, exist_ok=True)
    sample = [run(args.aiplus, args.agents, s, os.path.join(folder, f"sample_{s}.h5"))
              for s in range(1, args.seeds + 1)]
    whole = run(args.aiplus, args.firms, 1, os.path.join(folder, "one_to_one.h5"))
    t = stats.t.ppf(0.975, args.seeds - 1)
    print(f"| series | end of | {args.agents:,} agents, seeds 1-{args.seeds}: mean (95% interval) "
          f"| {args.firms:,} agents | inside |")
    print("|---|---|---|---|---|")
    inside = total = 0
    for name in SERIES:
        if name not in whole:
            continue
        for month, row in ROWS.items():
            v = np.array([s[name][row] for s in sample])
            mean, half = v.mean(), t * v.std(ddof=1) / np.sqrt(len(v))
            one = whole[name][row]
            ok = abs(one - mean) <= half
            inside += ok
            total += 1
            print(f"| {name} | {month} | {mean:.5f} ({mean - half:.5f} to {mean + half:.5f}) "
                  f"| {one:.5f} | {'yes' if ok else 'no'} |")
    print(f"\n{inside} of {total} one-to-one values inside the sample's 95% interval")


if __name__ == "__main__":
    main()
