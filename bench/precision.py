#!/usr/bin/env python3
"""CPU-seconds to a given precision: how many agents, and how much CPU time, the
model needs before the seed-to-seed coefficient of variation of the AI term of TFP
at the end of 2030-12 falls under a target (2% by default), for ai_plus.

    python3 bench/precision.py [AIPLUS] [--agents 50000 100000 200000 400000] [--seeds 5]
        [--target 0.02] [--arm NAME=OVERRIDE ...]

Each arm is a way of sampling, given as --set overrides; by default "flat" (every
agent the same weight: sampling.output_share=0, sampling.min_agents=0) and
"stratified" (the defaults). Each (arm, agents, seed) is one `aiplus run`; CPU time
is the run's user + system time. Prints a table and writes one JSON object per run
to bench/results/precision-<host>.jsonl. A benchmark: it measures, never asserts.
"""
import argparse
import json
import os
import resource
import socket
import subprocess
import tempfile

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def run(aiplus, agents, seed, overrides, path):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    args = [aiplus, "run", os.path.join(HERE, "..", "configs", "ai_plus.toml"), "--firms", str(agents),
            "--seed", str(seed), "--steps", "72", "-o", path, "--force", "-q"]
    for o in overrides:
        args += ["--set", o]
    subprocess.run(args, check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    with h5py.File(path, "r") as f:
        return float(f["national/ai_tfp_term"][72]), cpu  # the end of 2030-12


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("aiplus", nargs="?", default=os.path.join(HERE, "..", "build", "aiplus"))
    parser.add_argument("--agents", type=int, nargs="+", default=[50_000, 100_000, 200_000, 400_000])
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--target", type=float, default=0.02)
    parser.add_argument("--arm", action="append", default=[],
                        help="NAME=KEY=VALUE[,KEY=VALUE...]: a sampling design to compare")
    args = parser.parse_args()
    arms = {"flat": ["sampling.output_share=0", "sampling.min_agents=0"], "stratified": []}
    for spec in args.arm:
        name, _, sets = spec.partition("=")
        arms[name] = [s for s in sets.split(",") if s]
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    log = open(os.path.join(HERE, "results", f"precision-{socket.gethostname().split('.')[0]}.jsonl"), "w")
    print(f"ai_plus, AI term of TFP at the end of 2030-12, {args.seeds} seeds (72 months a run)")
    print(f"{'arm':>12s} {'agents':>9s} {'mean':>9s} {'sd':>9s} {'CV':>7s} {'CPU s/run':>10s}")
    summary = {}
    with tempfile.TemporaryDirectory() as tmp:
        for arm, overrides in arms.items():
            for agents in args.agents:
                values, cpu = [], []
                for seed in range(1, args.seeds + 1):
                    v, c = run(args.aiplus, agents, seed, overrides, os.path.join(tmp, "run.h5"))
                    values.append(v)
                    cpu.append(c)
                    log.write(json.dumps({"suite": "precision", "arm": arm, "agents": agents, "seed": seed,
                                          "ai_tfp_term_2030_12": v, "cpu_s": c}) + "\n")
                mean, sd = float(np.mean(values)), float(np.std(values, ddof=1))
                cv = sd / abs(mean) if mean else float("inf")
                summary.setdefault(arm, []).append((agents, cv, float(np.mean(cpu))))
                print(f"{arm:>12s} {agents:9d} {mean:9.5f} {sd:9.5f} {cv:7.2%} {np.mean(cpu):10.2f}")
    # CV falls as 1/sqrt(agents): the agents, and the CPU time, that reach the target.
    print(f"\nto reach a CV of {args.target:.0%} (fitted CV = a / sqrt(agents)):")
    for arm, rows in summary.items():
        agents = np.array([r[0] for r in rows], float)
        cv = np.array([r[1] for r in rows])
        cpu = np.array([r[2] for r in rows])
        a = float(np.exp(np.mean(np.log(cv * np.sqrt(agents)))))
        need = (a / args.target) ** 2
        per_agent = float(np.mean(cpu / agents))
        print(f"  {arm:>12s}: about {need:,.0f} agents, {need * per_agent:.1f} CPU-seconds a run")


if __name__ == "__main__":
    main()
