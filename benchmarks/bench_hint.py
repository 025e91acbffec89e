"""Hint and "still solvable?" latency on every shipped board, over random positions.

Run: ``.venv/bin/python benchmarks/bench_hint.py [--positions 1000] [--seed 14]
[--boards classic,drill,...] [--out benchmarks/hint_results.md]``.

The game asks the solver two questions about the position on the board, on its worker
thread; the answer should come within one frame (16 ms at 60 fps):

* **hint** -- :func:`solver.search.hint`: one more placement that keeps the position
  solvable (one first-solution search), or None when the position is dead;
* **solvable** -- :func:`solver.search.is_solvable` ("still solvable?");
* **dead pieces** -- when the position is dead the game's Hint goes on to name the
  placed pieces that make it dead (:func:`solver.search.explain_dead`: searches with
  subsets of the placed pieces); timed on the dead positions only.

Boards: ``classic`` (the Classic set on the calendar board), ``drill`` (the Daily Drill
puzzle of the date) and every variant file shipped in ``assets/variants``.  For each
board, ``--positions`` random positions are made: a random date of 2024 (a leap year;
on a weekday board the date's real weekday), a random solution of its puzzle, a
random prefix of that solution (0 .. all-but-one pieces), then with probability 1/2
one or two random legal placements of pieces still in the box (on empty cells, any
allowed orientation; most of these make the position dead).  Positions are made
before the timing; each call is timed alone (``time.perf_counter``), warm: the
kernels are loaded, and the position's placement table is built before its calls are
timed (the game builds it when the puzzle is shown, to count its solutions).

Prints Markdown (p50 / p99 / max per board and question) and writes it to ``--out``.
Nothing here is asserted; the tests hold the assertions.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from common import cpu_name, finish_report, git_commit, load_average  # noqa: E402
from solver.board import classic_board, date_targets  # noqa: E402
from solver.model import Placement, Puzzle  # noqa: E402
from solver.shapes import CLASSIC_SET  # noqa: E402

FRAME_MS = 16.0
"""One frame at 60 frames per second."""


def board_puzzle(board: str, date: _dt.date) -> Puzzle:
    """The puzzle of ``date`` on a board name (``classic``, ``drill`` or a variant)."""
    if board == "classic":
        return Puzzle(classic_board(), CLASSIC_SET, date_targets(date))
    if board == "drill":
        from solver.drill import daily_puzzle
        return daily_puzzle(date)
    from solver import variants
    return variants.load(board).puzzle(date)


def legal_placements(puzzle: Puzzle, fixed: tuple[Placement, ...]) -> list[Placement]:
    """Every placement of a piece still in the box on the empty cells (any allowed
    orientation), computed here from the shapes' orientations."""
    board = puzzle.board
    covered = {c for p in fixed for c in p.cells} | set(puzzle.targets)
    empty = {c for c in board.cells_of(board.open_mask)} - covered
    left = list(puzzle.formations)
    for p in fixed:
        left.remove(p.formation)
    out = []
    for code in sorted(set(left)):
        shape = puzzle.shape(code)
        for o in puzzle.allowed(code):
            cells = shape.orientations[o]
            for r0 in range(board.height):
                for c0 in range(board.width):
                    if all((r + r0, c + c0) in empty for r, c in cells):
                        out.append(puzzle.placement(code, o, r0, c0))
    return out


def make_positions(board: str, n: int, rng: random.Random
                   ) -> list[tuple[Puzzle, tuple[Placement, ...]]]:
    """``n`` random positions on a board (see the module docstring)."""
    from solver.search import all_solutions

    start = _dt.date(2024, 1, 1)
    cache: dict[_dt.date, tuple[Puzzle, list]] = {}
    out = []
    while len(out) < n:
        date = start + _dt.timedelta(days=rng.randrange(366))
        if date not in cache:
            pz = board_puzzle(board, date)
            cache[date] = (pz, all_solutions(pz, limit=5000))
        pz, sols = cache[date]
        if not sols:
            continue
        sol = list(rng.choice(sols))
        rng.shuffle(sol)
        fixed = tuple(sol[:rng.randrange(len(sol))])
        if rng.random() < 0.5:
            for _ in range(rng.randint(1, 2)):
                extra = [p for p in legal_placements(pz, fixed) if p not in sol]
                if extra:
                    fixed += (rng.choice(extra),)
        out.append((pz, fixed))
    return out


def timed(fn, *args) -> tuple[float, object]:
    """``(milliseconds, result)`` of one call."""
    t = time.perf_counter()
    res = fn(*args)
    return (time.perf_counter() - t) * 1e3, res


def quantiles(xs: list[float]) -> tuple[float, float, float]:
    """``(p50, p99, max)`` of a list of times (ms)."""
    if not xs:
        return (float("nan"),) * 3
    xs = sorted(xs)
    p99 = xs[min(len(xs) - 1, int(round(0.99 * (len(xs) - 1))))]
    return statistics.median(xs), p99, xs[-1]


def run_board(board: str, n: int, seed: int) -> dict:
    """Time the three questions on ``n`` positions of one board; returns the samples."""
    from solver.search import Search, explain_dead, hint, is_solvable

    rng = random.Random(f"{seed}/{board}")
    positions = make_positions(board, n, rng)
    pz0, _ = positions[0]
    hint(pz0, ())        # kernels loaded
    res = {"hint": [], "solvable": [], "dead": [], "n_dead": 0, "pieces": []}
    for pz, fixed in positions:
        Search(pz, fixed)   # its placement table built, as the game has by then
        ms, pl = timed(hint, pz, fixed)
        res["hint"].append(ms)
        ms, ok = timed(is_solvable, pz, fixed)
        res["solvable"].append(ms)
        res["pieces"].append(len(fixed))
        if not ok:
            res["n_dead"] += 1
            ms, _ = timed(lambda: explain_dead(pz, fixed, known_dead=True))
            res["dead"].append(ms)
    return res


def machine() -> list[str]:
    """Lines describing the run (date, CPU, load, commit)."""
    return [f"- date (UTC): {_dt.datetime.now(_dt.timezone.utc):%Y-%m-%d %H:%M}",
            f"- CPU: {cpu_name()}; nproc {os.cpu_count()}; python {platform.python_version()}",
            f"- git commit: {git_commit()}",
            f"- load average at start: {load_average()}"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--positions", type=int, default=1000, help="positions per board")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--boards", default=None,
                    help="comma-separated boards (default: classic, drill, every variant)")
    ap.add_argument("--out", default=str(HERE / "hint_results.md"), help="'-': print only")
    args = ap.parse_args(argv)
    if args.boards:
        boards = args.boards.split(",")
    else:
        from solver import variants
        boards = ["classic", "drill", *variants.names()]
    lines = ["# Hint and \"still solvable?\" latency\n",
             "Generated by `python benchmarks/bench_hint.py` "
             f"(`--positions {args.positions} --seed {args.seed}`); do not edit by hand.\n",
             *machine(), "",
             f"Milliseconds per call over {args.positions} random positions per board "
             "(see the script's docstring: random prefixes of random solutions plus, half "
             "of the time, one or two random legal placements). One frame is "
             f"{FRAME_MS:g} ms. \"dead pieces\" (naming the pieces that make a dead position "
             "dead, which the game's Hint does next) is timed on the dead positions only.\n",
             "| board | positions (dead) | hint p50 | hint p99 | hint max | solvable p50 | "
             "solvable p99 | solvable max | dead pieces p50 | p99 | max | within a frame (p99) |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    start = time.perf_counter()
    for board in boards:
        r = run_board(board, args.positions, args.seed)
        h, s, d = quantiles(r["hint"]), quantiles(r["solvable"]), quantiles(r["dead"])
        ok = "yes" if max(h[1], s[1]) <= FRAME_MS else "NO"
        f = lambda x: f"{x:.2f}"  # noqa: E731
        lines.append(f"| {board} | {len(r['hint'])} ({r['n_dead']}) | {f(h[0])} | {f(h[1])} | "
                     f"{f(h[2])} | {f(s[0])} | {f(s[1])} | {f(s[2])} | {f(d[0])} | {f(d[1])} | "
                     f"{f(d[2])} | {ok} |")
        print(lines[-1], flush=True)
    finish_report(lines, start, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
