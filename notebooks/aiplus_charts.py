#!/usr/bin/env python3
"""The standard charts of an aiplus output file, as PNG, PDF and SVG files.

    python3 notebooks/aiplus_charts.py out/ai_plus.h5 -o out/charts [--format png pdf svg]

For a run file (`aiplus run`): adoption S-curves by firm size and by ownership, the
diffusion deficit, TFP and its AI term against the published band of the AI term,
and the share of firms with AI deployed next to the directive's 2027 and 2030
targets. For a sweep file (`aiplus sweep`): each headline series per arm (and grid
point), the mean over its runs with the band of 90% of them (seeds and parameter
draws); each arm against the reference arm (/contrasts) with 95% intervals; and a
2x2's effects when the file has them. Every figure names the scenario or
experiment, the seeds and the agents; reference lines cite their source. The same
functions draw the figures of notebooks/analysis.ipynb.
"""
import argparse
import os
import re

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import xarray as xr  # noqa: E402

HEADLINE = {"adoption_share": "share of firms using AI (stage >= 1)",
            "adoption_share_employment": "share of employment in firms using AI",
            "deployed_share": "share of firms with AI deployed (stage >= 2)",
            "ai_tfp_term": "AI term of TFP (share)",
            "diffusion_deficit": "diffusion deficit (1 - capability in use / frontier)",
            "sme_gap": "SME gap in adoption"}
TFP_BAND_SOURCE = "Acemoglu 2024 (low end), Goldman Sachs 2023 (high end)"
DIRECTIVE_NOTE = "the directive's metric (terminals and agents) is broader than firms using AI"
FORMATS = ("png", "pdf", "svg")


def open_groups(path):
    """The national and segment groups of a file, as xarray datasets."""
    national = xr.open_dataset(path, engine="h5netcdf", group="national")
    segment = xr.open_dataset(path, engine="h5netcdf", group="segment")
    return national, segment


def provenance(path):
    """One line naming what a file holds: the scenario or experiment, seeds and agents."""
    name = os.path.basename(path)
    with h5py.File(path, "r") as f:
        agents = int(f.attrs.get("agents", 0))  # a run's; a sweep keeps each run's in runs/agents
        if "experiment" not in f.attrs:
            return f"run {name}: seed {int(f.attrs.get('seed', 0))}, {agents:,} agents"
        scenario = re.search(r'^scenario\s*=\s*"([^"]*)"', f.attrs["experiment"], re.MULTILINE)
        seeds = sorted(set(int(s) for s in f["national/seed"][:]))
        arms = len(set(f["national/arm"][:]))
        runs = f["national/done"].shape[0]
        counts = sorted(set(f["runs/agents"][:].tolist())) if "runs/agents" in f else [agents]
        per_run = f"{counts[0]:,}" if len(counts) == 1 else f"{counts[0]:,} to {counts[-1]:,}"
        seed_text = f"seeds {seeds[0]}-{seeds[-1]}" if len(seeds) > 1 else f"seed {seeds[0]}"
        return (f"sweep {name} of {os.path.basename(scenario.group(1)) if scenario else 'a scenario'}: "
                f"{runs} runs, {arms} arm(s), {seed_text}, {per_run} agents per run")


def share_by(segment, dim):
    """Adoption share (stage >= 1) by one segment dimension, weighted by firms."""
    others = [d for d in ("sector", "ownership", "size_class") if d != dim]
    adopters = (segment.adoption_share * segment.firms).sum(others)
    return adopters / segment.firms.sum(others)


def _finish(ax, title, ylabel, legend="best"):
    """Title, labels and grid; the legend goes below the axes, where it hides no line."""
    del legend  # kept for callers of the earlier signature
    ax.set_title(title, fontsize=11)
    ax.set_xlabel("date")
    ax.set_ylabel(ylabel)
    ax.grid(alpha=0.3)
    ax.margins(x=0.03, y=0.05)  # every line and marker inside the axes, with a little room
    ax.legend(loc="upper left", bbox_to_anchor=(0, -0.13), fontsize=8, frameon=False)


def adoption_by(segment, dim, title):
    fig, ax = plt.subplots(figsize=(8, 5))
    shares = share_by(segment, dim)
    for label in shares[dim].values:
        ax.plot(shares.time, shares.sel({dim: label}), label=str(label))
    _finish(ax, title, "share of firms using AI (stage >= 1)")
    ax.set_ylim(0, 1.02)
    return fig


def diffusion_deficit(national):
    fig, ax = plt.subplots(figsize=(8, 5))
    ax.plot(national.time, national.diffusion_deficit, color="tab:red", label="diffusion deficit")
    _finish(ax, "Diffusion deficit: how far firms' effective AI lags the frontier",
            "1 - output-weighted e c / F (share)")
    ax.set_ylim(0, 1.02)
    return fig


def tfp_band(ax, series, scale=100):
    """The published band of the AI term of TFP, from the series' reference attributes."""
    low, high = series.attrs.get("reference_low"), series.attrs.get("reference_high")
    if low is None or high is None:
        return
    ax.axhspan(scale * float(low), scale * float(high), color="tab:green", alpha=0.08,
               label=f"published band of the AI term over about ten years, {100 * float(low):g}%-"
                     f"{100 * float(high):g}% ({TFP_BAND_SOURCE})")


def directive_targets(ax, attributes):
    """The directive's targets, where the file holds them (directive_target_YYYY attributes)."""
    targets = sorted((name.rsplit("_", 1)[1], float(value)) for name, value in attributes.items()
                     if name.startswith("directive_target_"))
    if not targets:
        return
    ax.plot([np.datetime64(f"{year}-12-01") for year, _ in targets], [t for _, t in targets], "r*",
            markersize=12, clip_on=False, linestyle="none",
            label="directive: " + ", ".join(f"> {t:.0%} by {year}" for year, t in targets) + f" ({DIRECTIVE_NOTE})")


def tfp(national):
    fig, ax = plt.subplots(figsize=(8, 5))
    ax.plot(national.time, 100 * (national.tfp_index - 1), label="TFP index - 1")
    ax.plot(national.time, 100 * national.ai_tfp_term, label="AI term of TFP")
    tfp_band(ax, national.ai_tfp_term)
    _finish(ax, "Productivity: TFP and the part due to AI", "percent above the start")
    return fig


def milestones(national):
    fig, ax = plt.subplots(figsize=(8, 5))
    ax.plot(national.time, national.deployed_share, label="firms with AI deployed (stage >= 2)")
    ax.plot(national.time, national.adoption_share, label="firms using AI (stage >= 1)", alpha=0.6)
    directive_targets(ax, national.attrs)
    _finish(ax, "The directive's milestones", "share of firms", legend="upper left")
    ax.set_ylim(0, 1.05)
    return fig


def _groups_of_runs(national):
    """Runs by arm and grid point (seeds and parameter draws pooled): {label: run indices}."""
    grid = [n for n in national.coords if str(national[n].attrs.get("long_name", "")).startswith("grid value")]
    done = national.done.values == 1
    labels = {}
    for run in np.flatnonzero(done):
        label = " ".join([str(national.arm.values[run])] + [f"{g}={national[g].values[run]}" for g in grid])
        labels.setdefault(label, []).append(run)
    return labels


def by_arm(national, name, label, scale=1.0):
    """One headline series per arm: mean over its runs, with the band of 90% of them."""
    fig, ax = plt.subplots(figsize=(8, 5))
    for group, runs in _groups_of_runs(national).items():
        values = scale * national[name].values[runs]
        line, = ax.plot(national.time, values.mean(axis=0), label=f"{group} (mean of {len(runs)} runs)")
        if len(runs) > 1:
            ax.fill_between(national.time, np.nanquantile(values, 0.05, axis=0),
                            np.nanquantile(values, 0.95, axis=0), color=line.get_color(), alpha=0.2, lw=0)
    if name == "ai_tfp_term":
        tfp_band(ax, national[name], scale)
    if name in ("deployed_share", "adoption_share"):
        directive_targets(ax, national.attrs)
    _finish(ax, f"{label} by arm; bands: 90% of runs (seeds, parameter draws)",
            label.replace("(share)", "(percent)") if scale == 100 else label)
    return fig


def against_reference(table, dimension, name, label, title):
    """Each row of a contrast or effect table over time, with its 95% interval."""
    fig, ax = plt.subplots(figsize=(8, 5))
    ax.axhline(0, color="k", lw=0.8)
    for k, row in enumerate(table[dimension].values):
        mean = table[name + "_mean"].values[k]
        line, = ax.plot(table.time, mean, label=str(row))
        ax.fill_between(table.time, table[name + "_lo"].values[k], table[name + "_hi"].values[k],
                        color=line.get_color(), alpha=0.2, lw=0)
    _finish(ax, title, "difference (95% interval)")
    return fig


def run_figures(path):
    national, segment = open_groups(path)
    return {
        "adoption_by_size": adoption_by(segment, "size_class", "AI adoption by firm size"),
        "adoption_by_ownership": adoption_by(segment, "ownership", "AI adoption by ownership"),
        "diffusion_deficit": diffusion_deficit(national),
        "tfp": tfp(national),
        "milestones": milestones(national),
    }


def sweep_figures(path):
    national = xr.open_dataset(path, engine="h5netcdf", group="national")
    with h5py.File(path, "r") as f:
        groups = set()
        f.visit(lambda n: groups.add(n) if isinstance(f[n], h5py.Group) else None)
    present = [n for n in HEADLINE if n in national]
    figures = {}
    for name in present:
        scale = 100 if name == "ai_tfp_term" else 1.0
        figures[f"{name}_by_arm"] = by_arm(national, name, HEADLINE[name], scale)
    for group, dimension, title in (("contrasts", "contrast", "each arm minus the reference arm (paired)"),
                                    ("contrasts/factorial", "effect", "2x2 factorial effects")):
        if group not in groups:
            continue
        table = xr.open_dataset(path, engine="h5netcdf", group=group)
        for name in present:
            figures[f"{name}_{group.split('/')[-1]}"] = against_reference(
                table, dimension, name, HEADLINE[name], f"{HEADLINE[name]}:\n{title}")
    return figures


def write_charts(path, out_dir, formats=FORMATS):
    """Writes every standard chart of the file at path into out_dir, in each format; returns the paths."""
    os.makedirs(out_dir, exist_ok=True)
    with h5py.File(path, "r") as f:
        sweep = "experiment" in f.attrs
    figures = sweep_figures(path) if sweep else run_figures(path)
    caption = provenance(path)
    written = []
    for name, fig in figures.items():
        fig.suptitle(caption, fontsize=8, color="0.3", y=0.995)
        fig.tight_layout()
        for extension in formats:
            target = os.path.join(out_dir, f"{name}.{extension}")
            fig.savefig(target, dpi=110, bbox_inches="tight")
            written.append(target)
        plt.close(fig)
    return written


def main():
    parser = argparse.ArgumentParser(description="Write the standard charts of an aiplus output file.")
    parser.add_argument("file", help="HDF5 file written by `aiplus run` or `aiplus sweep`")
    parser.add_argument("-o", "--output", default="charts", help="folder for the charts (default: charts)")
    parser.add_argument("--format", nargs="+", default=list(FORMATS), choices=FORMATS,
                        help="file formats (default: png pdf svg)")
    args = parser.parse_args()
    if not os.path.isfile(args.file):
        parser.exit(2, f"{args.file}:1:1: no such file; expected an HDF5 file written by `aiplus run` or `aiplus sweep`\n")
    for target in write_charts(args.file, args.output, args.format):
        print(target)


if __name__ == "__main__":
    main()
