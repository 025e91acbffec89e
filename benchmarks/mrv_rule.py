"""The branching rule's benchmark: MRV on every level against the frame's lowest empty cell.

Run: ``.venv/bin/python benchmarks/mrv_rule.py [--reps 3] [--out benchmarks/mrv_rule.md]``.

:func:`solver.search.search.mrv_depth_rule` picks, per search, MRV on every level
(Knuth's "minimum remaining values": the cell or piece with the fewest fitting
placements) or the lowest empty cell of the search frame on every level.  This script
measures both on every kind of search the game and the CLI make, all counted without
the symmetry shortcut, and prints which one the rule picks:

* the pentomino boards (every solution listed): 6 x 10, 5 x 12, 4 x 15 and the 8 x 8
  square less its centre;
* per-date puzzles (counted one by one, every third date of 2024): the Classic board
  and the tetromino edition; the Daily Drill puzzles (every tenth date);
* the all-dates searches (ONE search, holes as one-cell pieces, with their memo):
  the Classic board and the tetromino edition.

Times: the fastest of ``--reps`` runs of the search time the API reports, both rules
run alternately in one process (warm).  Nothing is asserted; the tests check that both
rules find the same solutions.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import solver.kernels as K  # noqa: E402
from solver.board import Board, classic_board, date_targets, day_cell, month_cell  # noqa: E402
from solver.model import Puzzle  # noqa: E402
from solver.search import Search  # noqa: E402
from solver.search.all_dates import targets_search  # noqa: E402
from solver.search.search import mrv_depth_rule  # noqa: E402
from solver.shapes import CLASSIC_SET, PENTOMINOES  # noqa: E402

RECTS = {
    "6 x 10 pentominoes, all listed": ["." * 10] * 6,
    "5 x 12 pentominoes, all listed": ["." * 12] * 5,
    "4 x 15 pentominoes, all listed": ["." * 15] * 4,
    "8 x 8 less centre, all listed": ["." * 8] * 3 + ["...##..."] * 2 + ["." * 8] * 3,
}
TETROMINO_ROWS = ["......#", "......#"] + ["......."] * 4 + ["####..."]
TETROMINO_SET = ("O4", "I4", "F6", "SLCS", "FS", "S4", "L4", "JS", "T4")


def tetromino_day(day: int):
    return day_cell(day) if day <= 28 else (6, day - 25)


def tasks():
    """``(label, make)`` pairs: ``make(mrv)`` returns a list of not-yet-run searches."""
    dates = [_dt.date(2024, 1, 1) + _dt.timedelta(days=i) for i in range(0, 366, 3)]
    out = []
    for label, rows in RECTS.items():
        out.append((label, lambda mrv, rows=rows: [
            Search(Puzzle(Board.from_rows(rows), PENTOMINOES), store=None, mrv=mrv)]))
    out.append(("Classic, 122 dates counted one by one", lambda mrv: [
        Search(Puzzle(classic_board(), CLASSIC_SET, date_targets(d)), store=0, mrv=mrv)
        for d in dates]))
    tet = Board.from_rows(TETROMINO_ROWS)
    out.append(("tetromino, 122 dates counted one by one", lambda mrv: [
        Search(Puzzle(tet, TETROMINO_SET, (month_cell(d.month), tetromino_day(d.day))),
               store=0, mrv=mrv) for d in dates]))

    def drill(mrv):
        from solver.drill import daily_puzzle
        return [Search(daily_puzzle(d), store=0, mrv=mrv) for d in dates[::3]]
    out.append(("Daily Drill, 41 dates counted one by one", drill))
    months = [month_cell(m) for m in range(1, 13)]

    def all_dates(board, formations, days):
        def make(mrv):
            s = targets_search(board, formations, months, days)
            s.mrv_depth = mrv_depth_rule(s.table, s.depth) if mrv is None else mrv
            t = s.table       # level 0 again, under this rule
            K.open_level(0, s.free_stack[0], s.counts, t.sizes, s.mrv_depth, t.win_mask,
                         t.win_piece, t.win_first, t.win_off, t.grp_type_first, t.grp_valid,
                         t.grp_first, t.grp_off, t.grp_cover, t.grp_entry, s.fit_buf, s.opts,
                         s.ptr, s.end, s.cand, t.grp_pack)
            return [s]
        return make
    out.append(("Classic all dates, ONE search (holes)",
                all_dates(classic_board(), CLASSIC_SET, [day_cell(d) for d in range(1, 32)])))
    out.append(("tetromino all dates, ONE search (holes)",
                all_dates(tet, TETROMINO_SET, [tetromino_day(d) for d in range(1, 32)])))
    return out


def run(make, mrv) -> tuple[int, int, float]:
    """``(solutions, nodes, search seconds)`` of one task under one rule."""
    n = nodes = 0
    secs = 0.0
    for s in make(mrv):
        if mrv is not None and s.hole_type < 0:
            s.mrv_depth = mrv
        s.run()
        n += s.count if s.hole_type < 0 else int(s.buckets.sum())
        nodes += s.nodes
        secs += s.seconds
    return n, nodes, secs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--out", default=str(HERE / "mrv_rule.md"), help="'-': print only")
    args = ap.parse_args()
    lines = ["# Branching rule: MRV against the lowest empty cell\n",
             "Generated by `python benchmarks/mrv_rule.py`; do not edit by hand. "
             f"Load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}.\n",
             "MRV = every level branches on the cell or piece with the fewest fitting "
             "placements; lowest = every level branches on the frame's lowest empty cell. "
             "Time = fastest of the runs (search time), both rules alternating. The rule "
             "(`mrv_depth_rule`): MRV, unless the piece types include a one-cell piece.\n",
             "| task | solutions | nodes, lowest | nodes, MRV | time, lowest | time, MRV | "
             "lowest / MRV | faster | the rule picks |",
             "|---|---|---|---|---|---|---|---|---|"]
    start = time.perf_counter()
    for label, make in tasks():
        best = {}
        info = {}
        for _ in range(args.reps):
            for key, depth in (("lowest", 0), ("mrv", 64)):
                n, nodes, secs = run(make, depth)
                best[key] = min(best.get(key, secs), secs)
                info[key] = (n, nodes)
        picks = make(None)[0]
        rule = "MRV" if picks.mrv_depth > 0 else "lowest"
        assert info["lowest"][0] == info["mrv"][0], label
        faster = "MRV" if best["mrv"] < best["lowest"] else "lowest"
        lines.append(f"| {label} | {info['mrv'][0]} | {info['lowest'][1]:,} | "
                     f"{info['mrv'][1]:,} | {best['lowest'] * 1e3:.1f} ms | "
                     f"{best['mrv'] * 1e3:.1f} ms | {best['lowest'] / best['mrv']:.2f}x | "
                     f"{faster} | {rule} |")
        print(lines[-1], flush=True)
    lines += ["", f"Wall time {time.perf_counter() - start:.0f} s; load average at end: "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}.", ""]
    text = "\n".join(lines)
    print(text)
    if args.out != "-":
        Path(args.out).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
