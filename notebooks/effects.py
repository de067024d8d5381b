#!/usr/bin/env python3
"""Effects at chosen months from an aiplus file: contrasts, factorial effects, sensitivity.

    python3 notebooks/effects.py FILE [--months 2027-12 2030-12 2035-12] [--series ...] [--top 5]

For a sweep file (`aiplus sweep`) it prints, at the end of each month named:
- each arm minus the reference (first) arm, per grid point: the mean of paired
  differences over (sample point, seed) with its 95% t-interval (/contrasts);
- a 2x2 of arms: both main effects and their interaction (/contrasts/factorial);
- a sampled design: per subject (arm, or arm minus reference), series and date, the
  probability that it is above 0 over the parameter points, its mean and 5%-95% range,
  and the keys with the largest total-order Sobol' index (or Morris mu*) (/sensitivity);
- with one arm and no sample: each cell's mean over seeds with its 95% interval.
For a run file (`aiplus run`) it prints the headline national series at those months.
Works on any experiment: arm names come from the file.
"""
import argparse
import os
import sys

import h5py
import numpy as np
import xarray as xr

T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
        2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042]
HEADLINE = ["ai_tfp_term", "adoption_share_employment", "sme_gap"]
DEFAULT_MONTHS = ["2027-12", "2030-12", "2035-12"]


def interval(values):
    """Mean of independent values with its 95% Student t interval: (mean, lo, hi)."""
    values = np.asarray(values, dtype=float)
    n = len(values)
    mean = values.mean()
    if n < 2:
        return mean, mean, mean
    t = T975[n - 2] if n - 2 < len(T975) else 1.96
    half = t * values.std(ddof=1) / np.sqrt(n)
    return mean, mean - half, mean + half


def is_sweep(path):
    """True for a file `aiplus sweep` wrote (it keeps the experiment's text)."""
    with h5py.File(path, "r") as f:
        return "experiment" in f.attrs


def groups(path):
    """Top-level groups and the groups below them, as paths."""
    out = []
    with h5py.File(path, "r") as f:
        f.visit(lambda name: out.append(name) if isinstance(f[name], h5py.Group) else None)
    return out


def month_rows(time, months):
    """The row holding the state at the end of each month (the next month's start); None outside the run."""
    rows = {}
    for month in months:
        when = (np.datetime64(month, "M") + np.timedelta64(1, "M")).astype("datetime64[ns]")
        hits = np.flatnonzero(np.asarray(time).astype("datetime64[ns]") == when)
        rows[month] = int(hits[0]) if len(hits) else None
    return rows


def headline(variables, wanted=None):
    """The series to report: those asked for, else the headline series present, else every series."""
    if wanted:
        missing = [s for s in wanted if s not in variables]
        if missing:
            sys.exit(f"effects.py: no series {missing}; expected some of {sorted(variables)}")
        return list(wanted)
    present = [s for s in HEADLINE if s in variables]
    return present or sorted(variables)


def interval_table(path, group, dimension, months, series):
    """Rows (label, series, month, mean, lo, hi) of a group of <series>_mean/_lo/_hi tables."""
    with xr.open_dataset(path, engine="h5netcdf", group=group) as ds:
        names = headline({v[:-5] for v in ds.data_vars if v.endswith("_mean")}, series)
        rows = month_rows(ds.time.values, months)
        table = []
        for name in names:
            for month, row in rows.items():
                if row is None:
                    continue
                for k, label in enumerate(ds[dimension].values):
                    table.append((str(label), name, month, float(ds[name + "_mean"].values[k, row]),
                                  float(ds[name + "_lo"].values[k, row]), float(ds[name + "_hi"].values[k, row])))
    return table


def contrast_table(path, months, series=None):
    """The contrasts of a sweep file at the ends of the months: (label, series, month, mean, lo, hi)."""
    return interval_table(path, "contrasts", "contrast", months, series)


def factorial_table(path, months, series=None):
    """The 2x2 effects of a sweep file at the ends of the months: (label, series, month, mean, lo, hi)."""
    return interval_table(path, "contrasts/factorial", "effect", months, series)


def sensitivity_table(path, top=5):
    """Per subject, series and date: (subject, series, date, spread, [(key, values...), ...])."""
    with xr.open_dataset(path, engine="h5netcdf", group="sensitivity") as s:
        method = s.attrs["method"]
        out = []
        for subject in s.subject.values:
            for name in s.series.values:
                for date in s.date.values:
                    at = dict(subject=subject, series=name, date=date)
                    spread = tuple(float(s[v].sel(at)) for v in ("probability_positive", "mean", "q05", "q95"))
                    keys = []
                    if method == "sobol":
                        for key in s.key.values:
                            keys.append((str(key), *(float(s[v].sel(dict(at, key=key))) for v in
                                                      ("total_order", "total_order_lo", "total_order_hi",
                                                       "first_order", "first_order_lo", "first_order_hi"))))
                    elif method == "morris":
                        for key in s.key.values:
                            keys.append((str(key), *(float(s[v].sel(dict(at, key=key))) for v in ("mu_star", "mu", "sigma"))))
                    keys.sort(key=lambda k: -np.nan_to_num(k[1], nan=-np.inf))
                    out.append((str(subject), str(name), str(date), spread, keys[:top]))
    return method, out


def run_table(path, months, series=None):
    """The national series of a run file at the ends of the months: (series, month, value)."""
    with xr.open_dataset(path, engine="h5netcdf", group="national") as nat:
        names = headline({v for v in nat.data_vars if nat[v].dims == ("time",)}, series)
        rows = month_rows(nat.time.values, months)
        return [(name, month, float(nat[name].values[row])) for name in names for month, row in rows.items()
                if row is not None]


def describe(path):
    """One line: what the file holds."""
    with h5py.File(path, "r") as f:
        agents = int(f.attrs.get("agents", 0))  # a run's; a sweep keeps each run's in runs/agents
        if "experiment" not in f.attrs:
            return f"{path}: run, seed {int(f.attrs['seed'])}, {agents:,} agents"
        national = f["national"]
        arms = list(dict.fromkeys(a.decode() if isinstance(a, bytes) else a for a in national["arm"][:]))
        seeds = sorted(set(int(s) for s in national["seed"][:]))
        done = int(national["done"][:].sum())
        runs = national["done"].shape[0]
        counts = sorted(set(f["runs/agents"][:].tolist())) if "runs/agents" in f else [agents]
        per_run = f"{counts[0]:,}" if len(counts) == 1 else f"{counts[0]:,} to {counts[-1]:,}"
        state = "complete" if f.attrs["complete"] == 1 else f"{done} of {runs} runs done"
        return (f"{path}: sweep of {runs} runs ({state}); arms {', '.join(arms)}; "
                f"seeds {seeds[0]}..{seeds[-1]}; {per_run} agents per run")


def print_intervals(title, table):
    print(title)
    current = None
    for label, name, month, mean, lo, hi in table:
        if (name, month) != current:
            current = (name, month)
            print(f"  {name}, end of {month}")
        print(f"    {label:60s} {mean:+.4g}  ({lo:+.4g} .. {hi:+.4g})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", help="HDF5 file written by `aiplus sweep` or `aiplus run`")
    parser.add_argument("--months", nargs="+", default=DEFAULT_MONTHS,
                        help="months whose end to report, YYYY-MM (default: 2027-12 2030-12 2035-12)")
    parser.add_argument("--series", nargs="+", help="national series (default: ai_tfp_term, "
                        "adoption_share_employment and sme_gap, where the model has them)")
    parser.add_argument("--top", type=int, default=5, help="keys listed per sensitivity row (default 5)")
    args = parser.parse_args()
    if not os.path.isfile(args.file):
        parser.exit(2, f"{args.file}:1:1: no such file; expected an HDF5 file written by aiplus\n")
    for month in args.months:
        try:
            np.datetime64(month, "M")
        except ValueError:
            parser.exit(2, f"--months:1:1: '{month}' is not a month; expected YYYY-MM\n")
    print(describe(args.file))
    if not is_sweep(args.file):
        print("National series at the end of each month")
        for name, month, value in run_table(args.file, args.months, args.series):
            print(f"  {name:40s} {month}  {value:+.4g}")
        return
    present = groups(args.file)
    if "contrasts" in present:
        print_intervals("Contrasts: arm minus reference, mean of paired differences over (sample point, seed) "
                        "with its 95% interval", contrast_table(args.file, args.months, args.series))
    if "contrasts/factorial" in present:
        print_intervals("2x2 factorial effects, mean over (sample point, seed) with its 95% interval",
                        factorial_table(args.file, args.months, args.series))
    if "sensitivity" in present:
        method, table = sensitivity_table(args.file, args.top)
        print(f"Sensitivity ({method}): P(> 0) over the parameter points, mean and 5%-95% range; "
              + {"sobol": "keys by total-order index ST (95% bootstrap interval), with S1",
                 "morris": "keys by Morris mu* (per whole range), with mu and sigma"}.get(method, ""))
        for subject, name, date, (p, mean, q05, q95), keys in table:
            print(f"  {subject}, {name}, end of {date}: P(> 0) = {p:.2f}, mean {mean:+.4g} ({q05:+.4g} .. {q95:+.4g})")
            for key, *v in keys:
                if method == "sobol":
                    print(f"    {key:40s} ST {v[0]:.3f} ({v[1]:.3f} .. {v[2]:.3f})  S1 {v[3]:.3f} ({v[4]:.3f} .. {v[5]:.3f})")
                else:
                    print(f"    {key:40s} mu* {v[0]:.4g}  mu {v[1]:+.4g}  sigma {v[2]:.4g}")
    if "contrasts" not in present and "sensitivity" not in present:
        print_intervals("Each cell: mean over seeds with its 95% interval",
                        interval_table(args.file, "summary", "cell", args.months, args.series))


if __name__ == "__main__":
    main()
