#!/usr/bin/env python3
"""Ding's verdict under uncertainty, from the sweep of configs/experiments/ding_verdict.toml.

    python3 notebooks/ding_verdict.py out/ding_verdict.h5 [-o out/ding_verdict] [--top 5]

For the diffusion-led arm minus the innovation-led arm (the sweep's reference arm), at
each date and for each outcome: the probability over the Sobol' design that diffusion
wins, the mean and 90% range of the difference, and the keys with the largest
total-order Sobol' indices (with bootstrap 95% intervals). For the SME gap, the share
of SME adoption behind large firms' adoption, diffusion "wins" when the gap is smaller,
so its probability is that of a negative difference. Writes verdict.md and
verdict.png (probabilities by date, and the total-order indices of the top keys).
"""
import argparse
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import xarray as xr  # noqa: E402

DIFFUSION, INNOVATION = "innovation_low_diffusion_high", "innovation_high_diffusion_low"
SUBJECT = f"{DIFFUSION} - {INNOVATION}"
# Outcomes where a lower value is better for diffusion's case.
LOWER_IS_BETTER = {"sme_gap"}
LABELS = {"ai_tfp_term": "AI term of TFP", "adoption_share_employment": "employment-weighted adoption",
          "sme_gap": "SME gap (smaller is better)"}


def verdict(path, top=5):
    """Rows (series, date, probability diffusion wins, mean, q05, q95, [(key, ST, lo, hi, S1)])."""
    rows = []
    with xr.open_dataset(path, engine="h5netcdf", group="sensitivity") as s:
        if s.attrs["method"] != "sobol":
            raise ValueError("expected a Sobol' design (configs/experiments/ding_verdict.toml)")
        subjects = [str(x) for x in s.subject.values]
        if SUBJECT not in subjects:
            raise ValueError(f"no subject '{SUBJECT}'; the sweep's first arm must be {INNOVATION}")
        for series in s.series.values:
            for date in s.date.values:
                at = dict(subject=SUBJECT, series=series, date=date)
                p = float(s.probability_positive.sel(at))
                if str(series) in LOWER_IS_BETTER:
                    p = 1 - p  # ties have probability zero for a continuous outcome
                keys = [(str(k), float(s.total_order.sel(dict(at, key=k))),
                         float(s.total_order_lo.sel(dict(at, key=k))),
                         float(s.total_order_hi.sel(dict(at, key=k))),
                         float(s.first_order.sel(dict(at, key=k)))) for k in s.key.values]
                keys.sort(key=lambda k: -np.nan_to_num(k[1], nan=-np.inf))
                rows.append((str(series), str(date), p, float(s["mean"].sel(at)),
                             float(s.q05.sel(at)), float(s.q95.sel(at)), keys[:top]))
    return rows


def markdown(rows):
    lines = ["| outcome | end of | P(diffusion-led wins) | diffusion minus innovation: mean (90% range) "
             "| keys that decide it: total-order Sobol' index (95% interval) |",
             "|---|---|---:|---|---|"]
    for series, date, p, mean, lo, hi, keys in rows:
        decide = "; ".join(f"{k} {st:.2f} ({a:.2f} to {b:.2f})" for k, st, a, b, _ in keys)
        lines.append(f"| {LABELS.get(series, series)} | {date} | {p:.2f} | {mean:+.4f} ({lo:+.4f} to {hi:+.4f}) "
                     f"| {decide} |")
    return "\n".join(lines) + "\n"


def figure(rows):
    series = list(dict.fromkeys(r[0] for r in rows))
    dates = list(dict.fromkeys(r[1] for r in rows))
    fig, axes = plt.subplots(1, 1 + len(series), figsize=(5 + 5 * len(series), 5.5))
    ax = axes[0]
    width = 0.8 / len(series)
    for k, name in enumerate(series):
        p = [next(r[2] for r in rows if r[0] == name and r[1] == d) for d in dates]
        ax.bar(np.arange(len(dates)) + k * width, p, width, label=LABELS.get(name, name))
    ax.axhline(0.5, color="grey", linewidth=0.8)
    ax.set_xticks(np.arange(len(dates)) + width * (len(series) - 1) / 2, [f"end of {d[:4]}" for d in dates])
    ax.set_ylim(0, 1)
    ax.set_ylabel("probability over the design")
    ax.set_title("P(diffusion-led beats innovation-led)")
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.1))  # below: bars reach 1
    last = dates[-1]
    for ax, name in zip(axes[1:], series):
        keys = next(r[6] for r in rows if r[0] == name and r[1] == last)
        labels = [k[0] for k in keys][::-1]
        st = np.array([k[1] for k in keys][::-1])
        lo = np.array([k[2] for k in keys][::-1])
        hi = np.array([k[3] for k in keys][::-1])
        ax.barh(labels, st, xerr=[np.maximum(st - lo, 0), np.maximum(hi - st, 0)], color="tab:blue", alpha=0.7)
        ax.set_xlim(left=0)
        ax.set_xlabel("total-order Sobol' index")
        ax.set_title(f"{LABELS.get(name, name)}, end of {last[:4]}", fontsize=10)
    fig.suptitle("Ding's verdict: the diffusion-led arm against the innovation-led arm at 60 bn CNY a year")
    fig.tight_layout()
    return fig


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("file", help="sweep file of configs/experiments/ding_verdict.toml")
    parser.add_argument("-o", "--out", default=None, help="folder for verdict.md and verdict.png")
    parser.add_argument("--top", type=int, default=5, help="keys listed per row (default 5)")
    args = parser.parse_args()
    try:
        rows = verdict(args.file, args.top)
    except (OSError, KeyError, ValueError) as e:
        print(f"{args.file}: {e}", file=sys.stderr)
        return 2
    text = markdown(rows)
    print(text)
    if args.out:
        os.makedirs(args.out, exist_ok=True)
        with open(os.path.join(args.out, "verdict.md"), "w") as f:
            f.write(text)
        figure(rows).savefig(os.path.join(args.out, "verdict.png"), dpi=110)
    return 0


if __name__ == "__main__":
    sys.exit(main())
