#!/usr/bin/env python3
"""Where Ding's verdict changes: equal-cost comparisons and break-even budgets.

    python3 notebooks/ding_breakeven.py breakeven.h5 [--months 2027-12 2030-12 2035-12]

Reads a sweep of configs/experiments/ding_breakeven.toml: an arm "none" and arms
innovation_S and diffusion_S, each spending S bn CNY a year on one capacity, over
the same seeds. For each outcome and month (the end of the month named) it prints:
- each arm's effect against "none", as a paired mean over seeds with a 95% interval;
- the verdict at equal cost: diffusion_S minus innovation_S, paired, with its interval;
- the break-even: the innovation budget whose effect matches the effect of each
  diffusion budget (log-linear interpolation between the sizes run; "> max" when no
  size of innovation reaches it).
"""
import argparse
import re
import sys

import numpy as np
import xarray as xr

from effects import interval

OUTCOMES = {"ai_tfp_term": "AI term of TFP", "adoption_share_employment": "adoption (employment)",
            "sme_gap": "SME gap"}


def read(path, months):
    national = xr.open_dataset(path, engine="h5netcdf", group="national")
    arms = [str(a) for a in national.arm.values]
    sizes = {}
    for kind in ("innovation", "diffusion"):
        sizes[kind] = sorted({int(m.group(1)) for a in arms if (m := re.fullmatch(kind + r"_(\d+)", a))})
    if "none" not in arms or not sizes["innovation"] or not sizes["diffusion"]:
        sys.exit(f"{path}:1:1: expected arms none, innovation_S and diffusion_S; found {sorted(set(arms))}")
    rows = {}
    for month in months:
        when = np.datetime64(month, "M") + np.timedelta64(1, "M")
        rows[month] = int(np.argmin(np.abs(national.time.values - when)))
    values = {}  # (outcome, month, arm, seed) -> value
    for run in range(national.sizes["run"]):
        if int(national.done.values[run]) != 1:
            continue
        for name in OUTCOMES:
            for month, row in rows.items():
                values[(name, month, arms[run], int(national.seed.values[run]))] = float(national[name].values[run, row])
    seeds = sorted({int(s) for s in national.seed.values})
    return sizes, seeds, values


def effect(values, name, month, arm, seeds, against="none"):
    return [values[(name, month, arm, s)] - values[(name, month, against, s)] for s in seeds]


def break_even(target, sizes, effects):
    """The budget at which the effects (one per size, increasing sizes) reach target."""
    for k in range(1, len(sizes)):
        lo, hi = effects[k - 1], effects[k]
        if (lo - target) * (hi - target) <= 0 and hi != lo:
            w = (target - lo) / (hi - lo)
            return float(np.exp(np.log(sizes[k - 1]) + w * (np.log(sizes[k]) - np.log(sizes[k - 1]))))
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--months", nargs="+", default=["2027-12", "2030-12", "2035-12"])
    args = parser.parse_args()
    sizes, seeds, values = read(args.file, args.months)
    print(f"{len(seeds)} paired seeds; budgets in bn CNY a year from 2026-01; effects against no programme")
    for name, label in OUTCOMES.items():
        for month in args.months:
            print(f"\n{label}, end of {month}")
            print(f"  {'budget':>7s}  {'innovation':>26s}  {'diffusion':>26s}  {'diffusion - innovation':>28s}")
            common = [s for s in sizes["innovation"] if s in sizes["diffusion"]]
            for s in common:
                i = interval(effect(values, name, month, f"innovation_{s}", seeds))
                d = interval(effect(values, name, month, f"diffusion_{s}", seeds))
                v = interval(effect(values, name, month, f"diffusion_{s}", seeds, f"innovation_{s}"))
                print(f"  {s:7d}  {i[0]:+.4f} ({i[1]:+.4f}..{i[2]:+.4f})  {d[0]:+.4f} ({d[1]:+.4f}..{d[2]:+.4f})"
                      f"  {v[0]:+.4f} ({v[1]:+.4f}..{v[2]:+.4f})")
            innovation = [np.mean(effect(values, name, month, f"innovation_{s}", seeds)) for s in sizes["innovation"]]
            for s in sizes["diffusion"]:
                target = np.mean(effect(values, name, month, f"diffusion_{s}", seeds))
                even = break_even(target, sizes["innovation"], innovation)
                # Beyond the sizes run: past the largest budget's effect, or short of the smallest's.
                beyond = abs(target) > max(abs(e) for e in innovation)
                text = f"{even:.0f}" if even is not None else \
                    f"> {sizes['innovation'][-1]}" if beyond else f"< {sizes['innovation'][0]}"
                print(f"  diffusion {s:5d} bn/yr is matched by innovation {text} bn/yr")


if __name__ == "__main__":
    main()
