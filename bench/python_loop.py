#!/usr/bin/env python3
"""100 runs from a Python loop against `aiplus sweep` of the same 100 runs.

Each of the 100 runs is the default scenario (configs/ai_plus.toml) at 20,000 agents
over 24 months, seeds 1-100: once as `aiplus.run` in a loop (in this process, results
as xarray datasets), once as one `aiplus sweep` (replicates = 100, written to a file,
its runs several at a time). Prints the wall time of each, the per-run overhead of the
loop and their ratio; measures, asserts nothing. Needs the module (make python, or
PYTHONPATH=build/python).

    bench/python_loop.py [AIPLUS] [--runs 100] [--threads N]
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(SOURCE, "build", "python"))
import aiplus  # noqa: E402

AI_PLUS = os.path.join(SOURCE, "configs", "ai_plus.toml")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("aiplus", nargs="?", default=os.path.join(SOURCE, "build", "aiplus"))
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--threads", type=int, default=0, help="worker threads (default: all cores)")
    args = parser.parse_args()
    threads = args.threads or os.cpu_count()

    aiplus.run(AI_PLUS, firms=20000, steps=24, threads=threads, progress=False)  # warm: page cache, TBB
    started = time.perf_counter()
    for seed in range(1, args.runs + 1):
        r = aiplus.run(AI_PLUS, firms=20000, steps=24, seed=seed, threads=threads, progress=False)
        r.national.adoption_share.values  # what a loop reads: the national group, built on first use
    loop = time.perf_counter() - started

    with tempfile.TemporaryDirectory() as folder:
        experiment = os.path.join(folder, "loop.toml")
        with open(experiment, "w") as f:
            f.write(f'scenario = "{AI_PLUS}"\nreplicates = {args.runs}\nfirst_seed = 1\n'
                    '[set]\n"simulation.firms" = 20000\n"simulation.steps" = 24\n')
        started = time.perf_counter()
        subprocess.run([args.aiplus, "sweep", experiment, "-o", os.path.join(folder, "loop.h5"),
                        "--threads", str(threads), "-q"], check=True, stdout=subprocess.DEVNULL)
        sweep = time.perf_counter() - started

    print(f"{args.runs} runs of 20,000 agents x 24 months, {threads} threads")
    print(f"  Python loop (aiplus.run):   {loop:7.2f} s  ({1000 * loop / args.runs:.1f} ms a run)")
    print(f"  aiplus sweep (one process): {sweep:7.2f} s  ({1000 * sweep / args.runs:.1f} ms a run)")
    print(f"  loop / sweep: {loop / sweep:.2f}; overhead of the loop {1000 * (loop - sweep) / args.runs:+.1f} ms a run")


if __name__ == "__main__":
    main()
