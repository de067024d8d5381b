#!/usr/bin/env python3
"""China against the EU and the US under the same calibrated behaviour.

    python3 notebooks/economies.py out/economies [-o out/economies]

Reads the sweep files of configs/experiments/economies/ (china_ai_plus.h5,
china_baseline.h5, eu.h5, us.h5 in one folder: every run one posterior draw with its
own seed, the same draws in each file) and writes, as Markdown and a figure:

- forecasts.md: the EU's adoption by Eurostat size class in the 2025 survey (state at the
  end of 2025-02) and the US share in BTOS's autumn 2025 (ends of 2025-09 to 2025-11);
- economies.md: adoption by employment band, the deployed share and the AI term of TFP at
  the ends of 2027, 2030 and 2035 for each economy, and China's gaps to the EU and US,
  paired by draw (draw k of one file against draw k of the other);
- economies.png: adoption by band over time, median and 90% band over draws.

Every interval is the 5% to 95% range over the runs (parameter draws and seeds together).
"""
import argparse
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import xarray as xr  # noqa: E402

ECONOMIES = {"china_ai_plus": "China, AI Plus", "china_baseline": "China, no directive",
             "eu": "EU (10+ persons)", "us": "US (employer firms)"}
BANDS = ["10-49", "50-249", "250+"]
YEARS = ["2027-12", "2030-12", "2035-12"]


def end_of(month):
    """The row holding the state at the end of `month` (YYYY-MM): the start of the next."""
    return np.datetime64(month, "M") + np.timedelta64(1, "M")


def load(folder):
    """Per economy: national and bands groups with a `run` dimension."""
    out = {}
    for name in ECONOMIES:
        path = os.path.join(folder, name + ".h5")
        if os.path.exists(path):
            out[name] = {g: xr.open_dataset(path, engine="h5netcdf", group=g)
                         for g in ("national", "bands")}
    return out


def at(series, month):
    """Values over runs at the end of `month`."""
    return series.sel(time=end_of(month).astype("datetime64[ns]")).values


def summary(values, scale=100.0):
    v = np.asarray(values, dtype=float) * scale
    v = v[np.isfinite(v)]
    if v.size == 0:
        return "n/a"
    lo, mid, hi = np.percentile(v, [5, 50, 95])
    return f"{mid:.1f} ({lo:.1f} to {hi:.1f})"


def forecasts(data):
    lines = ["| population | survey | month | band | forecast, % (90% interval) |",
             "|---|---|---|---|---|"]
    if "eu" in data:
        eu = data["eu"]
        lines.append(f"| EU | Eurostat isoc_eb_ai 2025 | 2025-02 | all (10+) "
                     f"| {summary(at(eu['national'].adoption_share, '2025-02'))} |")
        for band in BANDS:
            lines.append(f"| EU | Eurostat isoc_eb_ai 2025 | 2025-02 | {band} "
                         f"| {summary(at(eu['bands'].adoption_share.sel(band=band), '2025-02'))} |")
    if "us" in data:
        us = data["us"]
        for month in ("2025-09", "2025-10", "2025-11"):
            lines.append(f"| US | BTOS, autumn 2025 | {month} | all employer firms "
                         f"| {summary(at(us['national'].adoption_share, month))} |")
    return "\n".join(lines) + "\n"


def economies(data):
    lines = []
    for month in YEARS:
        lines += [f"\n**End of {month[:4]}** (median over draws, 90% interval; shares in %, "
                  "AI term in % of TFP)\n",
                  "| economy | adoption 10-49 | adoption 50-249 | adoption 250+ | adoption, all "
                  "firms | deployed, all firms | AI term of TFP |",
                  "|---|---|---|---|---|---|---|"]
        for name, d in data.items():
            cells = [summary(at(d["bands"].adoption_share.sel(band=b), month)) for b in BANDS]
            cells += [summary(at(d["national"].adoption_share, month)),
                      summary(at(d["national"].deployed_share, month)),
                      summary(at(d["national"].ai_tfp_term, month))]
            lines.append(f"| {ECONOMIES[name]} | " + " | ".join(cells) + " |")
        for china in ("china_ai_plus", "china_baseline"):
            for other in ("eu", "us"):
                if china not in data or other not in data:
                    continue
                a, b = data[china], data[other]
                n = min(a["national"].sizes["run"], b["national"].sizes["run"])
                def gap(fa, fb):
                    return at(fa, month)[:n] - at(fb, month)[:n]
                cells = [summary(gap(a["bands"].adoption_share.sel(band=x),
                                     b["bands"].adoption_share.sel(band=x))) for x in BANDS]
                cells += ["", summary(gap(a["national"].deployed_share, b["national"].deployed_share)),
                          summary(gap(a["national"].ai_tfp_term, b["national"].ai_tfp_term))]
                lines.append(f"| {ECONOMIES[china]} minus {ECONOMIES[other]}, paired by draw (pp) | "
                             + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def figure(data):
    fig, axes = plt.subplots(1, len(BANDS), figsize=(15, 4.5), sharey=True)
    for ax, band in zip(axes, BANDS):
        for k, (name, d) in enumerate(data.items()):
            s = d["bands"].adoption_share.sel(band=band) * 100
            q = s.quantile([0.05, 0.5, 0.95], dim="run")
            ax.fill_between(s.time.values, q.sel(quantile=0.05), q.sel(quantile=0.95),
                            color=f"C{k}", alpha=0.2, linewidth=0)
            ax.plot(s.time.values, q.sel(quantile=0.5), color=f"C{k}", label=ECONOMIES[name])
        ax.set_title(f"firms with {band} persons")
        ax.set_ylim(0, 100)
        ax.grid(alpha=0.3)
    axes[0].set_ylabel("share of firms using AI (%)")
    axes[0].legend(fontsize=8, loc="upper left")
    fig.suptitle("Adoption by employment band under the calibrated behaviour "
                 "(median and 90% band over posterior draws)")
    fig.tight_layout()
    return fig


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", help="folder with the sweep files of configs/experiments/economies")
    parser.add_argument("-o", "--out", help="folder for the tables and figure (default: the input folder)")
    args = parser.parse_args()
    data = load(args.folder)
    if not data:
        print(f"{args.folder}: no sweep file of configs/experiments/economies "
              f"({', '.join(n + '.h5' for n in ECONOMIES)})", file=sys.stderr)
        return 2
    out = args.out or args.folder
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "forecasts.md"), "w") as f:
        f.write(forecasts(data))
    with open(os.path.join(out, "economies.md"), "w") as f:
        f.write(economies(data))
    fig = figure(data)
    fig.savefig(os.path.join(out, "economies.png"), dpi=110)
    print(forecasts(data))
    print(economies(data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
