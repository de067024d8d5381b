#!/usr/bin/env python3
"""Main effects and interaction of Ding's 2x2 from a sweep file.

    python3 notebooks/ding_effects.py ding_2x2.h5 [--month 2035-12]

Reads the runs of configs/experiments/ding_2x2.toml (arms named
innovation_{low,high}_diffusion_{low,high}, the same seeds in every arm) and, for
TFP's AI term, the diffusion deficit and the SME gap at the chosen month, reports
per-seed paired effects: innovation (high - low, averaged over diffusion),
diffusion (likewise) and their interaction, each as a mean with a 95% interval.
"""
import argparse
import sys

import numpy as np
import xarray as xr

T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131]
OUTCOMES = {"ai_tfp_term": "AI term of TFP", "adoption_share_employment": "adoption (employment)",
            "capability_in_use": "capability in use", "diffusion_deficit": "diffusion deficit",
            "sme_gap": "SME gap"}


def interval(values):
    values = np.asarray(values, dtype=float)
    n = len(values)
    mean = values.mean()
    if n < 2:
        return mean, mean, mean
    t = T975[n - 2] if n - 2 < len(T975) else 1.96
    half = t * values.std(ddof=1) / np.sqrt(n)
    return mean, mean - half, mean + half


def effects(path, month):
    national = xr.open_dataset(path, engine="h5netcdf", group="national")
    # The end of the month named: the row that starts the month after.
    when = np.datetime64(month, "M") + np.timedelta64(1, "M")
    row = int(np.argmin(np.abs(national.time.values - when)))
    arms = {str(a) for a in national.arm.values}
    need = {f"innovation_{i}_diffusion_{d}" for i in ("low", "high") for d in ("low", "high")}
    if not need <= arms:
        sys.exit(f"{path}:1:1: the file lacks the arms {sorted(need - arms)}; expected a ding_2x2 sweep")
    seeds = sorted({int(s) for s in national.seed.values})
    table = []
    for name, label in OUTCOMES.items():
        y = {}
        for run in range(national.sizes["run"]):
            if int(national.done.values[run]) == 1:
                y[(str(national.arm.values[run]), int(national.seed.values[run]))] = float(national[name].values[run, row])
        per_seed = {"innovation": [], "diffusion": [], "interaction": []}
        for s in seeds:
            ll, hl = y[("innovation_low_diffusion_low", s)], y[("innovation_high_diffusion_low", s)]
            lh, hh = y[("innovation_low_diffusion_high", s)], y[("innovation_high_diffusion_high", s)]
            per_seed["innovation"].append(((hh - lh) + (hl - ll)) / 2)
            per_seed["diffusion"].append(((hh - hl) + (lh - ll)) / 2)
            per_seed["interaction"].append((hh - hl) - (lh - ll))
        for effect, values in per_seed.items():
            table.append((label, effect, *interval(values)))
    return month, len(seeds), table


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--month", default="2035-12",
                        help="month whose end to compare, YYYY-MM (default 2035-12)")
    args = parser.parse_args()
    month, n, table = effects(args.file, args.month)
    print(f"Ding 2x2 at the end of {month}, {n} paired seeds: effect (95% interval)")
    for label, effect, mean, lo, hi in table:
        print(f"  {label:20s} {effect:12s} {mean:+.4f}  ({lo:+.4f} .. {hi:+.4f})")


if __name__ == "__main__":
    main()
