#!/usr/bin/env python3
"""Charts and tables of a calibration file written by `aiplus calibrate`.

    python3 notebooks/calibration_charts.py out/behaviour.h5 -o out/calibration

Writes fit.png (each target's observation with its error bar over the posterior
predictive mean and 90% band, by population and employment band), posterior.png (the
weighted marginal of every calibrated key over its prior range), schedule.png (tolerance
and acceptance by generation) and fit.md (the fit as a Markdown table). The same
functions draw the figures of notebooks/calibration.ipynb.
"""
import argparse
import os
import sys

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import xarray as xr  # noqa: E402


def open_calibration(path):
    """The groups of a calibration file as xarray datasets, the generations cut to those
    counted as done, and the file's attributes."""
    with h5py.File(path, "r", locking=False) as f:
        attrs = {k: (v.decode() if isinstance(v, bytes) else v) for k, v in f.attrs.items()}
    done = int(attrs.get("generations_done", 0))
    groups = {g: xr.open_dataset(path, engine="h5netcdf", group=g)
              for g in ("parameters", "generations", "posterior", "targets")}
    groups["generations"] = groups["generations"].isel(generation=slice(0, done))
    return groups, attrs


def fit_table(targets):
    """One row per target: observation, standard error (or tolerance), posterior predictive
    mean and 90% interval, the miss in standard errors and whether it is within one."""
    t = targets.to_dataframe().reset_index()
    t["z"] = (t.predicted_mean - t.observed) / t.se
    t["within_se"] = t.z.abs() <= 1
    t["observed_in_90"] = (t.observed >= t.predicted_q05) & (t.observed <= t.predicted_q95)
    cols = ["population", "series", "band", "date", "observed", "se", "predicted_mean",
            "predicted_q05", "predicted_q95", "z", "within_se", "observed_in_90", "source"]
    return t[cols]


def fit_markdown(table):
    """The fit table as Markdown, shares in percent."""
    lines = ["| population | series | band | month | observed (%) | se (pp) | fitted mean (%) "
             "| 90% interval (%) | miss (se) |",
             "|---|---|---|---|---:|---:|---:|---|---:|"]
    for r in table.itertuples():
        lines.append(f"| {r.population} | {r.series} | {r.band or 'all'} | {r.date} "
                     f"| {100 * r.observed:.1f} | {100 * r.se:.1f} | {100 * r.predicted_mean:.1f} "
                     f"| {100 * r.predicted_q05:.1f} to {100 * r.predicted_q95:.1f} | {r.z:+.2f} |")
    return "\n".join(lines) + "\n"


def fit(targets, title="Observed adoption and the posterior predictive"):
    """Observed points with error bars (1 se) over the posterior predictive mean and 90%
    band, one panel per population, one colour per band."""
    t = fit_table(targets)
    t["when"] = pd.to_datetime(t.date + "-15")
    populations = list(dict.fromkeys(t.population))
    fig, axes = plt.subplots(1, len(populations), figsize=(6 * len(populations), 4.8),
                             squeeze=False)
    for ax, population in zip(axes[0], populations):
        rows = t[t.population == population]
        for k, ((series, band), g) in enumerate(rows.groupby(["series", "band"], sort=False)):
            g = g.sort_values("when")
            colour = f"C{k}"
            label = (band or "all firms") + ("" if series.endswith("adoption_share") else f" ({series})")
            if len(g) > 1:
                ax.fill_between(g.when, 100 * g.predicted_q05, 100 * g.predicted_q95,
                                color=colour, alpha=0.2, linewidth=0)
                ax.plot(g.when, 100 * g.predicted_mean, color=colour, linewidth=1.5)
            else:  # one date: the band as a wide translucent bar, the mean as a tick
                ax.vlines(g.when, 100 * g.predicted_q05, 100 * g.predicted_q95, color=colour,
                          alpha=0.25, linewidth=10)
                ax.plot(g.when, 100 * g.predicted_mean, color=colour, marker="_", markersize=18,
                        linewidth=0)
            ax.errorbar(g.when, 100 * g.observed, yerr=100 * g.se, fmt="o", color=colour,
                        capsize=3, label=label)
        ax.set_title(f"{population}: observed (points, 1 se) and model (line, 90% band)",
                     fontsize=10)
        ax.set_ylabel("share of firms using AI (%)")
        ax.set_ylim(bottom=0)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8, loc="upper left")
        fig.autofmt_xdate()
    fig.suptitle(title)
    fig.tight_layout()
    return fig


def posterior(parameters, generations, summary):
    """The weighted marginal of each calibrated key in the last generation, drawn over its
    prior range (log axis for a log-uniform prior), with the posterior 90% interval."""
    keys = list(parameters.parameter.values)
    fig, axes = plt.subplots(1, len(keys), figsize=(4 * len(keys), 3.6), squeeze=False)
    last = generations.isel(generation=-1)
    for ax, key in zip(axes[0], keys):
        p = parameters.sel(parameter=key)
        log = bool(p.log_scale)
        lo, hi = float(p.prior_min), float(p.prior_max)
        edges = np.geomspace(lo, hi, 31) if log else np.linspace(lo, hi, 31)
        ax.hist(last["values"].sel(parameter=key), bins=edges, weights=last.weight,
                color="tab:blue", alpha=0.7, density=True)
        s = summary.sel(parameter=key)
        ax.axvspan(float(s.q05), float(s.q95), color="tab:orange", alpha=0.15, label="90% interval")
        ax.axvline(float(s.q50), color="tab:orange", label="median")
        if log:
            ax.set_xscale("log")
        ax.set_xlim(lo, hi)
        ax.set_xlabel(f"{key} ({str(p.unit.values)})")
        ax.set_yticks([])
        ax.legend(fontsize=7)
    axes[0][0].set_ylabel("posterior density (prior range on the axis)")
    fig.suptitle(f"Posterior marginals (generation {int(last.generation)})")
    fig.tight_layout()
    return fig


def schedule(generations):
    """Tolerance and acceptance rate by generation."""
    fig, ax = plt.subplots(figsize=(6, 3.6))
    g = generations.generation.values
    ax.plot(g, generations.tolerance, marker="o", label="tolerance (rms misses in se)")
    ax.set_xlabel("generation")
    ax.set_ylabel("tolerance")
    ax.set_yscale("log")
    ax.grid(alpha=0.3)
    right = ax.twinx()
    right.plot(g, generations.acceptance_rate, marker="s", color="tab:green", label="acceptance")
    right.set_ylabel("acceptance rate")
    right.set_ylim(0, 1.05)
    ax.legend(loc="upper right", fontsize=8)
    right.legend(loc="center right", fontsize=8)
    ax.set_title("ABC-SMC tolerance schedule")
    fig.tight_layout()
    return fig


def write_charts(path, out_dir):
    """Writes the charts and fit.md of a calibration file into out_dir; returns the paths."""
    groups, _ = open_calibration(path)
    os.makedirs(out_dir, exist_ok=True)
    written = []
    figures = {"fit": fit(groups["targets"]),
               "posterior": posterior(groups["parameters"], groups["generations"], groups["posterior"]),
               "schedule": schedule(groups["generations"])}
    for name, fig in figures.items():
        target = os.path.join(out_dir, name + ".png")
        fig.savefig(target, dpi=110)
        plt.close(fig)
        written.append(target)
    table = os.path.join(out_dir, "fit.md")
    with open(table, "w") as f:
        f.write(fit_markdown(fit_table(groups["targets"])))
    written.append(table)
    return written


def main():
    parser = argparse.ArgumentParser(
        description="Write the fit, posterior and tolerance charts of a calibration file.")
    parser.add_argument("file", help="calibration file written by `aiplus calibrate`")
    parser.add_argument("-o", "--out", default="out/calibration", help="folder for the charts")
    args = parser.parse_args()
    try:
        written = write_charts(args.file, args.out)
    except (OSError, KeyError, ValueError) as e:
        print(f"{args.file}: cannot draw the calibration: {e}", file=sys.stderr)
        return 2
    print("\n".join(written))
    return 0


if __name__ == "__main__":
    sys.exit(main())
