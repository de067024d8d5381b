#!/usr/bin/env python3
"""Draws the benchmark results (a .jsonl file from bench/run.sh) as one PNG and
prints the table that bench/README.md records."""
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def medians(runs):
    """One run per (suite, firms, steps, threads): the one with the median stepping time."""
    groups = {}
    for r in runs:
        groups.setdefault((r.get("suite"), r["firms"], r["steps"], r["threads"]), []).append(r)
    out = []
    for group in groups.values():
        group.sort(key=lambda r: r["step_s"])
        median = dict(group[len(group) // 2])
        median["repeats"] = len(group)
        out.append(median)
    return out


def finish(ax, xlabel, ylabel, title, **grid):
    """Labels, legend and grid of one panel."""
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3, **grid)


def main(path):
    runs = medians([json.loads(line) for line in open(path) if line.strip()])
    by = lambda suite: [r for r in runs if r.get("suite") == suite]  # noqa: E731
    fig, axes = plt.subplots(1, 4, figsize=(20, 4.5))

    ax = axes[0]
    for suite, label in (("bass_threads", "Bass kernel, 1M firms"), ("full_threads", "full model, 1M firms")):
        rs = by(suite)
        if rs:
            ax.plot([r["threads"] for r in rs], [r["firm_steps_per_s"] for r in rs], "o-", label=label)
    for r in by("bass_numpy"):
        ax.axhline(r["firm_steps_per_s"], color="gray", ls="--", label="Bass in NumPy (1 thread)")
    ax.set_yscale("log")
    finish(ax, "threads", "firm-steps per second", "Throughput and thread scaling")

    ax = axes[1]
    rs = by("full_firms") + by("one_to_one")
    if rs:
        ax.loglog([r["firms"] for r in rs], [r["step_s"] for r in rs], "o-", label="stepping time, 132 months")
        ax.loglog([r["firms"] for r in rs], [r["setup_s"] for r in rs], "s--", label="set-up time")
    finish(ax, "firms", "seconds", "Cost against firms (all threads)", which="both")

    ax = axes[2]
    if rs:
        ax.semilogx([r["firms"] for r in rs], [r["bytes_per_firm"] for r in rs], "o-")
    ax.axhline(150, color="red", ls=":", label="target: 150 bytes per firm")
    finish(ax, "firms", "peak resident memory per firm (bytes)", "Memory per firm, network included")

    ax = axes[3]
    rs = sorted(by("full_steps"), key=lambda r: r["steps"])
    if rs:
        ax.plot([r["steps"] for r in rs], [r["step_s"] for r in rs], "o-", label="stepping time")
        for a, b in zip(rs, rs[1:]):  # cost per month in each stretch of months
            per_month = (b["step_s"] - a["step_s"]) / (b["steps"] - a["steps"]) * 1e3
            ax.annotate(f"{per_month:.0f} ms/month", ((a["steps"] + b["steps"]) / 2, (a["step_s"] + b["step_s"]) / 2),
                        fontsize=7, ha="right")
    finish(ax, "months simulated (from 2025-01)", "seconds", "Cost against months (1M firms, all threads)")

    fig.tight_layout()
    png = path.replace(".jsonl", ".png")
    fig.savefig(png, dpi=100)
    print(png)
    print("| suite | firms | steps | threads | runs | set-up s | stepping s (median) | firm-steps/s | peak bytes/firm |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in runs:
        print(f"| {r.get('suite')} | {r['firms']:,} | {r['steps']} | {r['threads']} | {r['repeats']} | "
              f"{r['setup_s']:.2f} | {r['step_s']:.3f} | {r['firm_steps_per_s']:.3g} | "
              f"{r.get('bytes_per_firm', float('nan')):.0f} |")


if __name__ == "__main__":
    main(sys.argv[1])
