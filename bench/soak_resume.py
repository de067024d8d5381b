#!/usr/bin/env python3
"""Kill-and-resume soak test of `aiplus sweep`, not part of `make test`.

Each trial starts a small sweep, SIGKILLs it at a random moment, then checks the
file it left: every run marked done must hold finite values equal to the
uninterrupted sweep's, and `--resume` must then finish the file so that it equals
the uninterrupted one. A trial may kill the resumed sweep too (a second kill).

    bench/soak_resume.py [AIPLUS] [--trials 100] [--seed 1] [--keep DIR]

Prints one line per trial and a summary; exits 1 when any trial failed.
"""
import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(HERE)


def experiment(folder):
    path = os.path.join(folder, "soak.toml")
    with open(path, "w") as f:
        f.write(f'scenario = "{os.path.join(SOURCE, "configs", "ai_plus.toml")}"\n'
                'replicates = 24\n[set]\n"simulation.firms" = 20000\n"simulation.steps" = 36\n'
                '[[arm]]\nname = "base"\n[[arm]]\nname = "mandate"\n'
                'set = { "industry.soe_mandate" = 0.05 }\n')
    return path


def series(path):
    """Every run table of a sweep file, the done flags and the summaries, by name."""
    out = {}
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            if isinstance(obj, h5py.Dataset) and obj.dtype.kind == "f":
                out[name] = obj[()]
        f.visititems(visit)
        out["done"] = f["national/done"][()]
        out["complete"] = int(f.attrs["complete"])
    return out


def check_done_runs(path, reference):
    """Problems with the runs marked done in a killed sweep's file (empty: none)."""
    got = series(path)
    problems = []
    done = np.flatnonzero(got["done"])
    for name, values in reference.items():
        if name in ("done", "complete") or name.startswith("summary"):
            continue
        for r in done:
            if not np.array_equal(got[name][r], values[r], equal_nan=True):
                problems.append(f"run {r + 1} marked done differs in {name}")
            elif not np.array_equal(np.isfinite(got[name][r]), np.isfinite(values[r])):
                problems.append(f"run {r + 1} marked done holds NaN in {name} where the whole sweep does not")
    return len(done), problems[:5]


def kill_at_random(args, seconds):
    p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(seconds)
    p.send_signal(signal.SIGKILL)
    p.wait()
    return p.returncode


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("aiplus", nargs="?", default=os.path.join(SOURCE, "build", "aiplus"))
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", help="copy the files of failed trials here")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    folder = tempfile.mkdtemp(prefix="aiplus_soak_")
    try:
        exp = experiment(folder)
        whole = os.path.join(folder, "whole.h5")
        started = time.time()
        subprocess.run([args.aiplus, "sweep", exp, "-o", whole, "-q"], check=True,
                       stdout=subprocess.DEVNULL)
        duration = time.time() - started
        reference = series(whole)
        failures = 0
        for trial in range(1, args.trials + 1):
            out = os.path.join(folder, f"trial{trial}.h5")
            kill_after = rng.uniform(0.05, 1.1 * duration)
            kill_at_random([args.aiplus, "sweep", exp, "-o", out, "-q"], kill_after)
            notes, problems = [], []
            if os.path.exists(out):
                done, problems = check_done_runs(out, reference)
                notes.append(f"{done} runs done after the kill")
                if rng.random() < 0.3:  # kill the resumed sweep as well
                    kill_at_random([args.aiplus, "sweep", exp, "-o", out, "--resume", "-q"],
                                   rng.uniform(0.05, duration))
                    done, more = check_done_runs(out, reference)
                    problems += more
                    notes.append(f"{done} after a second kill")
                r = subprocess.run([args.aiplus, "sweep", exp, "-o", out, "--resume", "-q"],
                                   capture_output=True, text=True)
                if r.returncode != 0:
                    problems.append(f"--resume exited {r.returncode}: {r.stderr.strip()[-300:]}")
                else:
                    got = series(out)
                    for name, values in reference.items():
                        if not np.array_equal(np.asarray(got[name]), np.asarray(values), equal_nan=True):
                            problems.append(f"resumed file differs in {name}")
            else:
                notes.append("killed before the file was in place")
            leftovers = [f for f in os.listdir(folder) if f.endswith(".tmp")]
            for name in leftovers:  # a kill during set-up leaves its temporary file
                os.remove(os.path.join(folder, name))
            status = "ok" if not problems else "FAILED"
            failures += bool(problems)
            print(f"trial {trial:3d}: killed at {kill_after:5.2f} s, {', '.join(notes)}: {status}"
                  + "".join(f"\n    {p}" for p in problems), flush=True)
            if problems and args.keep:
                os.makedirs(args.keep, exist_ok=True)
                shutil.copy(out, args.keep)
            if os.path.exists(out):
                os.remove(out)
        print(f"{args.trials} trials, {failures} failed (sweep of {len(reference['done'])} runs, "
              f"{duration:.1f} s uninterrupted)")
        return 1 if failures else 0
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
