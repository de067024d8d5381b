#!/usr/bin/env python3
"""The Bass benchmark workload in vectorised NumPy, as a reference for aiplus.

Same workload as `aiplus bench configs/bass.toml`: N firms, each with K random
partners (links are mutual, about K partners per firm), p = 0.01, q = 0.3, and
synchronous monthly steps in which a non-adopter adopts with probability
p + q x, x being the adopted share of its partners. The network is stored as a
CSR (indptr, indices) pair and x comes from one sparse-style reduction per
step, which is how a careful NumPy user would write it.

Prints one JSON object with firm_steps_per_s (stepping only, set-up excluded).
"""
import argparse
import json
import time

import numpy as np


def build_network(n, k, rng):
    """Symmetric random partner lists: each firm proposes k // 2 links."""
    m = k // 2
    src = np.repeat(np.arange(n, dtype=np.int64), m)
    dst = rng.integers(0, n - 1, size=n * m)
    dst += dst >= src  # no self-links
    a = np.concatenate([src, dst])
    b = np.concatenate([dst, src])
    order = np.argsort(a, kind="stable")
    indices = b[order].astype(np.int32)
    degree = np.bincount(a, minlength=n)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(degree, out=indptr[1:])
    return indptr, indices, degree


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--firms", type=int, default=1_000_000)
    parser.add_argument("--steps", type=int, default=50)
    parser.add_argument("--partners", type=int, default=8)
    parser.add_argument("--p", type=float, default=0.01)
    parser.add_argument("--q", type=float, default=0.3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    rng = np.random.default_rng(args.seed)
    t0 = time.perf_counter()
    indptr, indices, degree = build_network(args.firms, args.partners, rng)
    adopted = np.zeros(args.firms, dtype=bool)
    setup = time.perf_counter() - t0

    t0 = time.perf_counter()
    for _ in range(args.steps):
        # Adopted partners per firm: one gather and one segmented sum over the CSR rows.
        counts = np.add.reduceat(adopted[indices].astype(np.int32), indptr[:-1])
        x = np.divide(counts, degree, out=np.zeros(args.firms), where=degree > 0)
        draws = rng.random(args.firms)
        adopted |= draws < (args.p + args.q * x)
    step = time.perf_counter() - t0
    print(json.dumps({"model": "bass-numpy", "firms": args.firms, "steps": args.steps, "threads": 1,
                      "setup_s": setup, "step_s": step, "firm_steps_per_s": args.firms * args.steps / step,
                      "final_adoption_share": float(adopted.mean()), "numpy": np.__version__}))


if __name__ == "__main__":
    main()
