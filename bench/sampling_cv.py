#!/usr/bin/env python3
"""Coefficients of variation over seeds, per arm, of a sweep's national series at
the end of 2027-12, 2030-12 and 2035-12 (bench/sampling_precision.toml).

    python3 bench/sampling_cv.py sampling.h5 [--series ai_tfp_term sme_gap ...]
"""
import argparse

import numpy as np
import xarray as xr


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--series", nargs="+", default=["ai_tfp_term", "sme_gap", "adoption_share",
                                                         "adoption_share_employment", "capability_in_use"])
    args = parser.parse_args()
    national = xr.open_dataset(args.file, engine="h5netcdf", group="national")
    arms = [str(a) for a in national.arm.values]
    months = ["2027-12", "2030-12", "2035-12"]
    rows = {m: int(np.argmin(np.abs(national.time.values - (np.datetime64(m, "M") + np.timedelta64(1, "M")))))
            for m in months}
    print(f"{'series':>26s} {'arm':>11s} " + " ".join(f"{m + ' mean':>13s} {'CV':>7s}" for m in months))
    for name in args.series:
        for arm in sorted(set(arms)):
            runs = [r for r in range(len(arms)) if arms[r] == arm]
            cells = []
            for m in months:
                v = national[name].values[runs, rows[m]]
                cells.append(f"{v.mean():13.5f} {v.std(ddof=1) / abs(v.mean()):7.2%}")
            print(f"{name:>26s} {arm:>11s} " + " ".join(cells))


if __name__ == "__main__":
    main()
