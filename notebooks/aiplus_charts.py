#!/usr/bin/env python3
"""The standard charts of an aiplus output file, as PNG files.

    python3 notebooks/aiplus_charts.py out/ai_plus.h5 -o out/charts

Writes adoption S-curves by firm size and by ownership, the diffusion deficit,
TFP and its AI term against published reference lines, and the share of firms
with AI deployed next to the directive's 2027 and 2030 milestones. The same
functions draw the figures of notebooks/analysis.ipynb.
"""
import argparse
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import xarray as xr  # noqa: E402


def open_groups(path):
    """The national and segment groups of a file, as xarray datasets."""
    national = xr.open_dataset(path, engine="h5netcdf", group="national")
    segment = xr.open_dataset(path, engine="h5netcdf", group="segment")
    return national, segment


def share_by(segment, dim):
    """Adoption share (stage >= 1) by one segment dimension, weighted by firms."""
    others = [d for d in ("sector", "ownership", "size_class") if d != dim]
    adopters = (segment.adoption_share * segment.firms).sum(others)
    return adopters / segment.firms.sum(others)


def _finish(ax, title, ylabel, legend="best"):
    ax.set_title(title)
    ax.set_xlabel("date")
    ax.set_ylabel(ylabel)
    ax.grid(alpha=0.3)
    ax.legend(loc=legend, fontsize=9)


def adoption_by(segment, dim, title):
    fig, ax = plt.subplots(figsize=(8, 5))
    shares = share_by(segment, dim)
    for label in shares[dim].values:
        ax.plot(shares.time, shares.sel({dim: label}), label=str(label))
    ax.set_ylim(0, 1)
    _finish(ax, title, "share of firms using AI (stage >= 1)")
    return fig


def diffusion_deficit(national):
    fig, ax = plt.subplots(figsize=(8, 5))
    ax.plot(national.time, national.diffusion_deficit, color="tab:red", label="diffusion deficit")
    ax.set_ylim(0, 1)
    _finish(ax, "Diffusion deficit: how far firms' effective AI lags the frontier",
            "1 - output-weighted e c / F (share)")
    return fig


def tfp(national):
    fig, ax = plt.subplots(figsize=(8, 5))
    ax.plot(national.time, 100 * (national.tfp_index - 1), label="TFP index - 1")
    ax.plot(national.time, 100 * national.ai_tfp_term, label="AI term of TFP")
    years = (national.time - national.time[0]) / np.timedelta64(365, "D")
    ax.plot(national.time, 100 * 0.0066 * years / 10, "k--", lw=1, label="reference: 0.66% TFP over 10 years (task-based)")
    ax.plot(national.time, 100 * ((1.015 ** years) - 1), "k:", lw=1, label="reference: 1.5 pp/year labour productivity")
    _finish(ax, "Productivity: TFP and the part due to AI", "percent above 2025-01")
    return fig


def milestones(national):
    fig, ax = plt.subplots(figsize=(8, 5))
    ax.plot(national.time, national.deployed_share, label="firms with AI deployed (stage >= 2)")
    ax.plot(national.time, national.adoption_share, label="firms using AI (stage >= 1)", alpha=0.6)
    for year, target in (("2027-12-01", 0.70), ("2030-12-01", 0.90)):
        ax.plot(np.datetime64(year), target, "r*", markersize=14)
        ax.annotate(f"directive: >{target:.0%} by {year[:4]}", (np.datetime64(year), target),
                    textcoords="offset points", xytext=(10, -4), fontsize=9, color="red")
    ax.set_ylim(0, 1.05)
    _finish(ax, "The directive's milestones (its metric, terminals and agents, is broader than firms)", "share of firms",
            legend="lower right")
    return fig


def write_charts(path, out_dir):
    """Writes every standard chart of the file at path into out_dir; returns the PNG paths."""
    os.makedirs(out_dir, exist_ok=True)
    national, segment = open_groups(path)
    figures = {
        "adoption_by_size.png": adoption_by(segment, "size_class", "AI adoption by firm size"),
        "adoption_by_ownership.png": adoption_by(segment, "ownership", "AI adoption by ownership"),
        "diffusion_deficit.png": diffusion_deficit(national),
        "tfp.png": tfp(national),
        "milestones.png": milestones(national),
    }
    written = []
    for name, fig in figures.items():
        fig.tight_layout()
        target = os.path.join(out_dir, name)
        fig.savefig(target, dpi=110)
        plt.close(fig)
        written.append(target)
    return written


def main():
    parser = argparse.ArgumentParser(description="Write the standard charts of an aiplus output file as PNG files.")
    parser.add_argument("file", help="HDF5 file written by `aiplus run`")
    parser.add_argument("-o", "--output", default="charts", help="folder for the PNG files (default: charts)")
    args = parser.parse_args()
    if not os.path.isfile(args.file):
        parser.exit(2, f"{args.file}:1:1: no such file; expected an HDF5 file written by `aiplus run`\n")
    for png in write_charts(args.file, args.output):
        print(png)


if __name__ == "__main__":
    main()
