#!/usr/bin/env python3
"""The fit of the shipped defaults: every calibration target against runs of its
population at the defaults, next to the posterior predictive of the calibration.

Usage: scripts/fit_at_defaults.py AIPLUS [--seeds 5] [--firms 200000]
                                  [--calibration seeds/calibration.h5] [--out folder]

Runs each population of configs/calibration/behaviour.toml (without the calibration's
agent count: at --firms) for seeds 1..N up to its last target and prints a Markdown
table: observed value and tolerance, the mean and range over seeds at the defaults, the
posterior predictive 90% interval from the calibration file, and the miss in standard
errors. Exit code 1 when a target is missed by more than its tolerance.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import tomllib

import h5py
import numpy as np
import xarray as xr

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def months_between(start, month):
    return (int(month[:4]) - int(start[:4])) * 12 + int(month[5:]) - int(start[5:])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("aiplus")
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--firms", type=int, default=200_000)
    parser.add_argument("--calibration", default=os.path.join(ROOT, "seeds", "calibration.h5"))
    parser.add_argument("--out", help="keep the runs in this folder")
    args = parser.parse_args()

    folder = os.path.join(ROOT, "configs", "calibration")
    with open(os.path.join(folder, "behaviour.toml"), "rb") as f:
        calibration = tomllib.load(f)
    with open(os.path.join(folder, calibration["targets"]), "rb") as f:
        targets = tomllib.load(f)["target"]
    populations = {name: os.path.normpath(os.path.join(folder, path))
                   for name, path in calibration["populations"].items()}
    predictive = {}
    if os.path.exists(args.calibration):
        with h5py.File(args.calibration, "r") as f:
            labels = [t.decode() for t in f["targets/target"][:]]
            for k, label in enumerate(labels):
                predictive[label] = (f["targets/predicted_q05"][k], f["targets/predicted_q95"][k])

    out = args.out or tempfile.mkdtemp(prefix="aiplus_fit_")
    os.makedirs(out, exist_ok=True)
    values = {}  # (population, series, band, date) -> values over seeds
    for name, scenario in populations.items():
        with open(scenario, "rb") as f:
            start = tomllib.load(f)["simulation"]["start"]
        mine = [t for t in targets if t["population"] == name]
        steps = max(months_between(start, t["date"]) for t in mine) + 1
        for seed in range(1, args.seeds + 1):
            path = os.path.join(out, f"{name}_{seed}.h5")
            subprocess.run([args.aiplus, "run", scenario, "-o", path, "--force", "-q",
                            "--firms", str(args.firms), "--steps", str(steps), "--seed", str(seed)],
                           check=True, stdout=subprocess.DEVNULL)
            for t in mine:
                group, series = t["series"].split("/")
                data = xr.open_dataset(path, engine="h5netcdf", group=group)[series]
                row = months_between(start, t["date"]) + 1  # the state at the end of the month
                v = data.isel(time=row)
                if t.get("band"):
                    v = v.sel(band=t["band"])
                values.setdefault((name, t["series"], t.get("band", ""), t["date"]), []).append(float(v))

    print(f"Shipped defaults, {args.firms:,} agents, seeds 1-{args.seeds}; shares in %.\n")
    print("| population | series | band | month | observed | tolerance | defaults: mean (range over "
          "seeds) | posterior predictive 90% | miss (tolerances) |")
    print("|---|---|---|---|---:|---:|---|---|---:|")
    missed = 0
    for t in targets:
        key = (t["population"], t["series"], t.get("band", ""), t["date"])
        v = np.array(values[key]) * 100
        observed, se = 100 * t["value"], 100 * t["se"]
        z = (v.mean() - observed) / se
        missed += abs(z) > 1
        label = f'{t["population"]} {t["series"]}{" " + t["band"] if t.get("band") else ""} {t["date"]}'
        interval = predictive.get(label)
        interval = f"{100 * interval[0]:.1f} to {100 * interval[1]:.1f}" if interval else "n/a"
        print(f'| {t["population"]} | {t["series"]} | {t.get("band") or "all"} | {t["date"]} '
              f"| {observed:.1f} | {se:.1f} | {v.mean():.1f} ({v.min():.1f} to {v.max():.1f}) "
              f"| {interval} | {z:+.2f} |")
    print(f"\n{len(targets) - missed} of {len(targets)} targets within their tolerance.")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
