"""Our solver before and after a change: nodes and times on the same tasks, side by side.

``benchmarks/run.py`` calls :func:`compare` for the "Before and after" table of
``RESULTS.md``: the tree of a git commit (``--before``, default :data:`BEFORE_REF`) is
extracted with ``git archive`` into a temporary folder, and the same task list runs once
on that tree and once on this one, each in its own process (``python before_after.py
--tree PATH``, which prints JSON).  The tasks use only API that both trees have
(:class:`solver.search.Search`, :func:`solver.search.count_by_targets`, the board and
shape helpers), each with that tree's own defaults, and never the symmetry shortcut.

Times are the fastest of ``--reps`` calls after one warm-up call (numba compilation or
cache loading excluded): the whole call, and in brackets the search time the API
reports itself.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

from common import RECT_ROWS, TETROMINO_ROWS, TETROMINO_SET  # noqa: E402  (benchmarks/ is on sys.path)

BEFORE_REF = "251ea9f"
"""The commit before the MRV kernel (issue 14): the lowest-empty-cell search."""

TASKS: tuple[tuple[str, str], ...] = (
    ("6 x 10", "6 x 10, 12 pentominoes, all solutions listed"),
    ("8 x 8 less centre", "8 x 8 less centre 2 x 2, 12 pentominoes, all listed"),
    ("5 x 12", "5 x 12, 12 pentominoes, all listed"),
    ("4 x 15", "4 x 15, 12 pentominoes, all listed"),
    ("classic first", "Classic 2024-12-03, first solution"),
    ("classic date", "Classic 2024-12-03, all solutions listed"),
    ("classic 366", "Classic, the 366 dates of 2024 counted one by one"),
    ("classic all dates", "Classic all dates, ONE search (count_by_targets)"),
    ("tetromino all dates", "tetromino edition all dates, ONE search (count_by_targets)"),
)


def run_task(key: str):
    """One call of a task on the imported ``solver``; returns ``(solutions, nodes, search
    seconds)``."""
    import datetime as dt

    from solver.board import Board, classic_board, date_targets, day_cell, month_cell
    from solver.model import Puzzle
    from solver.search import Search, count_by_targets
    from solver.shapes import CLASSIC_SET, PENTOMINOES

    if key in RECT_ROWS:
        s = Search(Puzzle(Board.from_rows(RECT_ROWS[key]), PENTOMINOES), store=None)
        s.run()
        return s.count, s.nodes, s.seconds
    if key in ("classic first", "classic date"):
        first = key == "classic first"
        s = Search(Puzzle(classic_board(), CLASSIC_SET, date_targets(dt.date(2024, 12, 3))),
                   store=1 if first else None)
        s.run(max_solutions=1 if first else None)
        return s.count, s.nodes, s.seconds
    if key == "classic 366":
        n = nodes = 0
        secs = 0.0
        day = dt.date(2024, 1, 1)
        while day.year == 2024:
            s = Search(Puzzle(classic_board(), CLASSIC_SET, date_targets(day)), store=0)
            s.run()
            n, nodes, secs = n + s.count, nodes + s.nodes, secs + s.seconds
            day += dt.timedelta(days=1)
        return n, nodes, secs
    months = [month_cell(m) for m in range(1, 13)]
    if key == "classic all dates":
        res, secs, nodes = count_by_targets(classic_board(), CLASSIC_SET, months,
                                            [day_cell(d) for d in range(1, 32)])
    elif key == "tetromino all dates":
        days = [day_cell(d) for d in range(1, 29)] + [(6, 4), (6, 5), (6, 6)]
        res, secs, nodes = count_by_targets(Board.from_rows(TETROMINO_ROWS), TETROMINO_SET,
                                            months, days)
    else:
        raise ValueError(key)
    return sum(res.values()), nodes, secs      # every month/day pair, 372 of them


def measure(keys: list[str], reps: int) -> dict:
    """``{key: {"count", "nodes", "call", "search"}}`` (fastest of ``reps`` after a warm-up)."""
    out = {}
    for key in keys:
        run_task(key)
        best_call = best_search = float("inf")
        for _ in range(reps):
            t = time.perf_counter()
            n, nodes, secs = run_task(key)
            best_call = min(best_call, time.perf_counter() - t)
            best_search = min(best_search, secs)
        out[key] = {"count": n, "nodes": nodes, "call": best_call, "search": best_search}
    return out


def _child(tree: Path, keys: list[str], reps: int, timeout: float) -> dict:
    env = dict(os.environ, PYTHONPATH=str(tree))
    if tree != ROOT:   # the extracted tree compiles into its own folder, removed after
        env["NUMBA_CACHE_DIR"] = str(tree / ".numba_cache")
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--tree", str(tree),
                           "--reps", str(reps), "--tasks", ",".join(keys)],
                          capture_output=True, text=True, env=env, timeout=timeout)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.strip().splitlines()[-1] if proc.stderr.strip()
                           else f"exit code {proc.returncode}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def compare(before: str = BEFORE_REF, reps: int = 3, timeout: float = 1800.0
            ) -> tuple[dict, dict, str]:
    """Measure every task on commit ``before`` and on this tree.

    Returns ``(before results, after results, the before commit's short hash)``; raises
    ``RuntimeError`` when the commit cannot be extracted or a run fails.
    """
    keys = [k for k, _ in TASKS]
    tmp = Path(tempfile.mkdtemp(prefix="before_"))
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", before], cwd=ROOT,
                             capture_output=True, text=True, timeout=30)
        if rev.returncode != 0:
            raise RuntimeError(f"no commit {before!r} in this repository")
        archive = subprocess.run(["git", "archive", before, "solver", "assets"], cwd=ROOT,
                                 capture_output=True, timeout=120)
        if archive.returncode != 0:
            archive = subprocess.run(["git", "archive", before, "solver"], cwd=ROOT,
                                     capture_output=True, timeout=120)
        if archive.returncode != 0:
            raise RuntimeError(archive.stderr.decode(errors="replace").strip())
        subprocess.run(["tar", "-x", "-C", str(tmp)], input=archive.stdout, check=True)
        old = _child(tmp, keys, reps, timeout)
        new = _child(ROOT, keys, reps, timeout)
        return old, new, rev.stdout.strip()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def render(old: dict, new: dict, ref: str, fmt_time) -> list[str]:
    """The Markdown table (lines) of :func:`compare`'s results."""
    out = ["| task | solutions | nodes before | nodes after | nodes before / after | "
           "time before [search] | time after [search] | before / after |",
           "|---|---|---|---|---|---|---|---|"]
    for key, label in TASKS:
        a, b = old.get(key), new.get(key)
        if a is None or b is None:
            continue
        same = "" if a["count"] == b["count"] else f" (before: {a['count']}: MISMATCH)"
        out.append(f"| {label} | {b['count']}{same} | {a['nodes']:,} | {b['nodes']:,} | "
                   f"{a['nodes'] / max(b['nodes'], 1):.1f}x | {fmt_time(a['call'])} "
                   f"[{fmt_time(a['search'])}] | {fmt_time(b['call'])} [{fmt_time(b['search'])}] "
                   f"| {a['call'] / b['call']:.1f}x |")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tree", default=None, help="(child) the source tree to import from")
    ap.add_argument("--tasks", default=",".join(k for k, _ in TASKS))
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--before", default=BEFORE_REF)
    args = ap.parse_args()
    if args.tree:
        sys.path.insert(0, args.tree)
        print(json.dumps(measure(args.tasks.split(","), args.reps)))
        return 0
    old, new, ref = compare(args.before, args.reps)
    print("\n".join(render(old, new, ref, lambda t: f"{t * 1e3:.1f} ms")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
