"""Benchmark of the Flip (Lights Out) solver: ``python benchmarks/bench_flip.py [--out PATH]``.

For each board side n (default 5, 10, 20, 30) it times, with ``time.perf_counter``:

* ``eliminate``: the one-off bit-packed Gauss-Jordan elimination of the ``n^2 x n^2``
  toggle matrix (:func:`solver.flip.toggle_system`, cache cleared first);
* ``solve``: a full solve (solvability, particular solution, exact fewest-press search
  over the ``2**nullity`` solutions) of random solvable patterns once the elimination is
  cached, i.e. what the game pays per Hint; median and max over the repeats;
* ``cold``: elimination plus one solve, what the first solve of a new size costs.

Prints a Markdown table and writes it to ``benchmarks/flip_results.md`` (or ``--out``).
Each solution is checked (the presses turn the pattern off) before it is counted.
"""
from __future__ import annotations

import argparse
import os
import pathlib
import platform
import random
import statistics
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from solver import flip  # noqa: E402


def bench_size(n: int, repeats: int, rng: random.Random) -> dict:
    """Time one board side ``n``; returns a row dict (times in milliseconds)."""
    flip.toggle_system.cache_clear()
    flip.press_masks.cache_clear()
    t0 = time.perf_counter()
    sys_ = flip.toggle_system(n, n)
    t_elim = time.perf_counter() - t0
    pats = [flip.random_pattern(n, n, rng) for _ in range(repeats)]
    t0 = time.perf_counter()
    first = flip.solve(n, n, pats[0])
    t_first = time.perf_counter() - t0
    times = []
    counts = []
    for p in pats:
        t0 = time.perf_counter()
        sol = flip.solve(n, n, p)
        times.append(time.perf_counter() - t0)
        if not sol.solvable or flip.apply_presses(n, n, p, sol.presses) != 0:
            raise AssertionError(f"bad solution on n={n}")
        counts.append(sol.count)
    return {
        "n": n, "cells": n * n, "rank": sys_.rank, "nullity": sys_.nullity,
        "exact": first.proven_minimal,
        "eliminate_ms": t_elim * 1e3, "cold_ms": (t_elim + t_first) * 1e3,
        "solve_median_ms": statistics.median(times) * 1e3, "solve_max_ms": max(times) * 1e3,
        "mean_presses": statistics.mean(counts), "repeats": repeats,
    }


def _load() -> float:
    """1-minute load average (0.0 where the platform has none)."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return 0.0


def to_markdown(rows: list[dict]) -> str:
    """Markdown table of the rows, with the machine and versions underneath."""
    head = ("| n | cells | rank | nullity | solutions searched | exact | eliminate (ms) "
            "| cold solve (ms) | warm solve median (ms) | warm solve max (ms) | mean presses |")
    sep = "|" + "---|" * 11
    lines = [head, sep]
    for r in rows:
        lines.append(
            f"| {r['n']} | {r['cells']} | {r['rank']} | {r['nullity']} | 2^{r['nullity']} "
            f"| {'yes' if r['exact'] else 'no'} | {r['eliminate_ms']:.2f} | {r['cold_ms']:.2f} "
            f"| {r['solve_median_ms']:.3f} | {r['solve_max_ms']:.3f} | {r['mean_presses']:.1f} |")
    lines.append("")
    lines.append(f"Random solvable patterns ({rows[0]['repeats']} per size, seeded). "
                 f"Python {platform.python_version()}, numpy {np.__version__}, "
                 f"{platform.machine()} {platform.system()}, {os.cpu_count()} CPUs, "
                 f"1-minute load average {_load():.1f} at the end (a busy machine inflates times).")
    return "\n".join(lines)


def main(argv=None) -> int:
    """Run the benchmark, print the table, write the Markdown file; returns 0."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="5,10,20,30", help="comma-separated board sides")
    ap.add_argument("--repeats", type=int, default=20, help="random patterns per size")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "flip_results.md"))
    args = ap.parse_args(argv)
    rng = random.Random(20261129)
    rows = [bench_size(int(s), args.repeats, rng) for s in args.sizes.split(",")]
    table = to_markdown(rows)
    print(table)
    text = ("# Flip solver benchmark\n\nProduced by `python benchmarks/bench_flip.py`. "
            "Warm = the toggle matrix of that size is already eliminated (cached); "
            "cold = elimination included.\n\n" + table + "\n")
    pathlib.Path(args.out).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
