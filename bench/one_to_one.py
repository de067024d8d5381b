#!/usr/bin/env python3
"""The stratified sample against the whole population: the weighted national series of a
scenario at a sample size (200,000 agents by default) over seeds 1..N, next to runs in
which every enterprise is an agent (60 million firms for ai_plus: about 4 minutes and 6 GB
a run here).

    python3 bench/one_to_one.py [AIPLUS] [--config configs/ai_plus.toml] [--agents 200000]
        [--seeds 5] [--whole-seeds 1] [--set KEY=VALUE ...] [--keep FOLDER [--reuse]]

The whole population's size is the scenario's population.enterprises (as resolved, with
`extends` and --set). For each series and the ends of 2027-12, 2030-12 and 2035-12 it
prints the sample's mean over seeds with its 95% t-interval, every whole run, the
difference of the means (sample minus whole, in percent of the whole) and in standard
errors, and how many whole runs lie inside the seed-to-seed interval: the 95% prediction
interval of one sample run. With several whole runs the standard error is Welch's; with
one, the whole run is taken to be as noisy as a sample run (it is at most that noisy), so
the test is weaker. A benchmark: it measures, never asserts.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import tomllib

import h5py
import numpy as np
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
SERIES = ["adoption_share", "adoption_share_employment", "deployed_share", "capability_in_use",
          "ai_tfp_term", "sme_gap", "tfp_growth"]
ENDS = ["2027-12", "2030-12", "2035-12"]


def scenario(config_text):
    """The resolved scenario a file records, less what differs between its runs (and the
    steps, which the probe sets to 0)."""
    table = tomllib.loads(config_text)
    for key in ("firms", "seed", "steps"):
        table.get("simulation", {}).pop(key, None)
    return table


def aiplus_run(args, firms, seed, path, steps=None):
    sets = [a for kv in args.set for a in ("--set", kv)]
    more = ["--steps", str(steps)] if steps is not None else []
    r = subprocess.run([args.aiplus, "run", args.config, *sets, "--firms", str(firms), "--seed",
                        str(seed), *more, "-o", path, "--force", "-q"], capture_output=True,
                       text=True)
    if r.returncode != 0:
        sys.exit(f"one_to_one.py: aiplus run failed:\n{r.stderr}")


def reusable(path, firms, seed, wanted):
    if not os.path.exists(path):
        return False
    with h5py.File(path, "r") as f:
        a = f.attrs
        return (a.get("complete") == 1 and a.get("agents") == firms and a.get("seed") == seed
                and scenario(a["config"]) == wanted)


def run(args, firms, seed, path, wanted):
    if not (args.reuse and reusable(path, firms, seed, wanted)):
        aiplus_run(args, firms, seed, path)
    with h5py.File(path, "r") as f:
        series = {s: f["national/" + s][:] for s in SERIES if "national/" + s in f}
        units = f["national/time"].attrs["units"]
        series["start"] = (units.decode() if isinstance(units, bytes) else units).split()[-1]
        return series


def row_of(start, end, rows):
    """The row at the end of month `end`: rows are the states at the start of each month
    from `start` ("YYYY-MM-DD", the time axis's "days since" date)."""
    (y0, m0), (y, m) = map(int, start.split("-")[:2]), map(int, end.split("-"))
    r = (y * 12 + m) - (y0 * 12 + m0) + 1
    return r if 0 <= r < rows else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("aiplus", nargs="?", default=os.path.join(HERE, "..", "build", "aiplus"))
    parser.add_argument("--config", default=os.path.join(HERE, "..", "configs", "ai_plus.toml"))
    parser.add_argument("--agents", type=int, default=200_000)
    parser.add_argument("--seeds", type=int, default=5, help="sample runs, seeds 1..N (N >= 2)")
    parser.add_argument("--whole-seeds", type=int, default=1, help="whole runs, seeds 1..N")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="passed to every run, e.g. network.mixing=complete")
    parser.add_argument("--keep", help="keep the run files in this folder")
    parser.add_argument("--reuse", action="store_true",
                        help="read the complete runs in --keep made from the same resolved "
                        "scenario (steps aside), agents and seed instead of running them again")
    args = parser.parse_args()
    if args.reuse and not args.keep:
        parser.error("--reuse reads the runs in --keep")
    if args.seeds < 2 or args.whole_seeds < 1:
        parser.error("--seeds must be at least 2 and --whole-seeds at least 1")
    folder = args.keep or tempfile.mkdtemp(prefix="aiplus_one_to_one_")
    os.makedirs(folder, exist_ok=True)
    # The resolved scenario, from a run of no steps: its population and what reuse matches.
    probe = os.path.join(folder, "scenario.h5")
    aiplus_run(args, 1000, 1, probe, steps=0)
    with h5py.File(probe, "r") as f:
        wanted = scenario(f.attrs["config"])
    os.remove(probe)
    enterprises = int(wanted["population"]["enterprises"])
    sample = [run(args, args.agents, s, os.path.join(folder, f"sample_{s}.h5"), wanted)
              for s in range(1, args.seeds + 1)]
    whole = [run(args, enterprises, s, os.path.join(folder, f"whole_{s}.h5"), wanted)
             for s in range(1, args.whole_seeds + 1)]
    n, m = len(sample), len(whole)
    t = stats.t.ppf(0.975, n - 1)
    print(f"| series | end of | {args.agents:,} agents, seeds 1-{n}: mean (95% interval) "
          f"| {enterprises:,} agents, seeds 1-{m} | difference | whole runs inside the "
          "seed-to-seed interval |")
    print("|---|---|---|---|---|---|")
    inside = total = 0
    for name in SERIES:
        if name not in whole[0]:
            continue
        for end in ENDS:
            r = row_of(sample[0]["start"], end, len(sample[0][name]))
            if r is None:
                continue  # the runs do not reach this month
            v = np.array([s[name][r] for s in sample])
            w = np.array([s[name][r] for s in whole])
            mean, sd = v.mean(), v.std(ddof=1)
            half = t * sd / np.sqrt(n)
            band = t * sd * np.sqrt(1 + 1 / n)  # prediction interval of one run
            ok = int(np.sum(np.abs(w - mean) <= band))
            inside += ok
            total += m
            se = np.sqrt(sd**2 / n + (w.var(ddof=1) / m if m > 1 else sd**2))
            diff = 100 * (mean - w.mean()) / abs(w.mean()) if w.mean() else float("nan")
            runs = ", ".join(f"{x:.5f}" for x in w)
            print(f"| {name} | {end} | {mean:.5f} ({mean - half:.5f} to {mean + half:.5f}) "
                  f"| {runs} | {diff:+.1f}% ({(mean - w.mean()) / se:+.1f} se) | {ok} of {m} |")
    print(f"\n{inside} of {total} whole-population values inside the seed-to-seed interval "
          "(the 95% prediction interval of one sample run)")


if __name__ == "__main__":
    main()
