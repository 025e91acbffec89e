"""Command line: ``python -m solver {classic,drill,file,flip} ...`` (SPEC section 6).

Output for people by default, exactly one JSON object on stdout with ``--json``.
Exit status 0 on success (also when there is no solution), 2 on bad input with a
one-line message on stderr and no traceback.
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import Sequence

from .board import Board, Cell, InvalidPuzzleError, MONTHS_EN, classic_board, \
    date_targets, day_cell, leap_year_dates, month_cell, parse_date
from .shapes import CLASSIC_SET
from .model import IllegalPlacementError, Puzzle, Solution


class CliError(Exception):
    """Bad command-line input; the message is printed on one line and the exit status is 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, status 2, no usage dump
        raise CliError(message)


def draw_solution(board: Board, solution: Solution, targets: Sequence[Cell] = (),
                  lang: str = "en") -> str:
    """Text drawing of a solution: each cell shows its shape's glyph (English: the
    pentomino letter, ``O`` for 方阵, lower case for tetrominoes) or the first character
    of its Chinese name (``lang="zh"``); ``#`` blocked, ``*`` target."""
    grid = [["#" if not board.is_open(r, c) else "." for c in range(board.width)]
            for r in range(board.height)]
    for r, c in targets:
        grid[r][c] = "*"
    for pl in solution:
        ch = pl.shape.name_zh[0] if lang == "zh" else pl.shape.glyph
        for r, c in pl.cells:
            grid[r][c] = ch
    sep = "" if lang == "zh" else " "
    return "\n".join(sep.join(row) for row in grid)


def _mode_flags(p: argparse.ArgumentParser) -> None:
    g = p.add_mutually_exclusive_group()
    g.add_argument("--first", action="store_const", dest="what", const="first",
                   help="find one solution")
    g.add_argument("--count", action="store_const", dest="what", const="count",
                   help="count all solutions (default)")
    g.add_argument("--all", action="store_const", dest="what", const="all",
                   help="list every solution")
    p.add_argument("--json", action="store_true", help="one JSON object on stdout")
    p.set_defaults(what="count")


def build_parser() -> argparse.ArgumentParser:
    """The argparse parser for all subcommands (errors raise :class:`CliError`)."""
    ap = _Parser(prog="python -m solver", description="Daily Drill solver (SPEC section 6)")
    sub = ap.add_subparsers(dest="cmd", required=True, parser_class=_Parser)
    p = sub.add_parser("classic", help="the classic calendar board with the Classic set")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--date", help="YYYY-MM-DD")
    g.add_argument("--all-dates", action="store_true", help="the 366 dates of a leap year")
    _mode_flags(p)
    p.set_defaults(func=cmd_classic)
    # further subcommands (drill, file, flip) are added below, one block each
    _add_flip_parser(sub)
    _add_drill_parser(sub)
    _add_file_parser(sub)
    return ap


def _solve_one(puzzle: Puzzle, what: str):
    """Run one puzzle: returns (count, solutions or None, seconds)."""
    from .search import Search

    if what == "count":
        s = Search(puzzle, store=0)
        s.run()
        return s.count, None, s.seconds
    s = Search(puzzle, store=None)
    s.run(max_solutions=1 if what == "first" else None)
    sols = s.solutions()
    if what == "first":
        # count stays the total: finish the count without storing more
        cnt_search = Search(puzzle, store=0)
        cnt_search.run()
        return cnt_search.count, sols, s.seconds + cnt_search.seconds
    return s.count, sols, s.seconds


def emit_one(out: dict, puzzle: Puzzle, sols, as_json: bool, header: str) -> None:
    """Print one puzzle's result: JSON (``out`` plus ``solutions``) or text drawings."""
    if as_json:
        if sols is not None:
            out["solutions"] = [[pl.to_json() for pl in sol] for sol in sols]
        print(json.dumps(out, ensure_ascii=False))
        return
    print(f"{header}: {out['count']} solution(s), {out['seconds'] * 1e3:.2f} ms search")
    for i, sol in enumerate(sols or []):
        print(f"\nsolution {i + 1}:")
        print(draw_solution(puzzle.board, sol, puzzle.targets))


def cmd_classic(args: argparse.Namespace) -> None:
    """``classic`` subcommand: one date, or every date of a leap year (``--all-dates``)."""
    board = classic_board()
    if args.date is not None:  # an empty --date "" is a bad date, not "no date"
        date = parse_date(args.date)
        puzzle = Puzzle(board, CLASSIC_SET, date_targets(date), f"Classic {date}")
        count, sols, secs = _solve_one(puzzle, args.what)
        out = {"mode": "classic", "date": date.isoformat(), "count": count, "seconds": secs}
        emit_one(out, puzzle, sols, args.json, f"Classic {date} ({MONTHS_EN[date.month - 1]} {date.day})")
        return
    if args.what != "count":
        raise CliError("--all-dates supports --count only (use --date for solutions)")
    from .search import count_by_targets

    res, secs, _ = count_by_targets(board, CLASSIC_SET, [month_cell(m) for m in range(1, 13)],
                                    [day_cell(d) for d in range(1, 32)])
    dates = {}
    for d in leap_year_dates():
        dates[f"{d.month:02d}-{d.day:02d}"] = res.get(date_targets(d), 0)
    out = {"mode": "classic", "dates": dates, "total": sum(dates.values()), "seconds": secs}
    if args.json:
        print(json.dumps(out))
    else:
        for k, v in dates.items():
            print(f"{k} {v}")
        print(f"total {out['total']} over {len(dates)} dates, {secs:.3f} s search")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: parse ``argv``, run, return the exit status (0 ok, 2 bad input)."""
    try:
        args = build_parser().parse_args(argv)
        args.func(args)
        return 0
    except (CliError, InvalidPuzzleError, IllegalPlacementError, ValueError, OSError) as e:
        msg = str(e).splitlines()[0] if str(e) else type(e).__name__
        print(f"error: {msg}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130


# --- flip (SPEC section 6): python -m solver flip --size N --on "r,c;r,c;..." [--json] ---


def _add_flip_parser(sub) -> None:
    """Register the ``flip`` subcommand on the subparsers object ``sub``."""
    p = sub.add_parser("flip", help="Flip (Lights Out): solvability and the fewest presses")
    p.add_argument("--size", required=True, type=int, help="board side N (an N x N board)")
    p.add_argument("--on", default="", help='lit cells as "r,c;r,c;..." (0-based)')
    p.add_argument("--json", action="store_true", help="one JSON object on stdout")
    p.set_defaults(func=cmd_flip)


def cmd_flip(args: argparse.Namespace) -> None:
    """``flip`` subcommand: JSON ``{"size", "solvable", "presses"}`` (fewest presses, or null
    when unsolvable), or a text drawing of the pattern with the presses marked."""
    from . import flip

    n = args.size
    if n < 1:
        raise CliError(f"--size must be at least 1 (got {n})")
    if n > flip.MAX_SIZE:
        raise CliError(f"--size must be at most {flip.MAX_SIZE} (got {n})")
    pattern = flip.cells_to_mask(n, n, flip.parse_cells(args.on, n))
    sol = flip.solve(n, n, pattern)
    presses = [[r, c] for r, c in sol.cells()] if sol.solvable else None
    if args.json:
        print(json.dumps({"size": n, "solvable": sol.solvable, "presses": presses}))
        return
    print(f"Flip {n} x {n}, {pattern.bit_count()} lit (# lit, . off)")
    print(flip.draw_text(n, n, pattern))
    if not sol.solvable:
        print(f"unsolvable: this pattern is not a sum of presses "
              f"(null space dimension {sol.nullity}: only 1 in {2 ** sol.nullity} patterns is solvable)")
        return
    note = "" if sol.proven_minimal else " (not proven minimal: large null space)"
    print(f"\nfewest presses: {sol.count}{note} (X/x = press here, on a lit/off cell)")
    print(flip.draw_text(n, n, pattern, sol.presses))
    if presses:
        print("presses: " + "; ".join(f"{r},{c}" for r, c in presses))


# --- drill (SPEC section 6): python -m solver drill (--date D | --year Y) [--first|--count|--all] [--json]


def _add_drill_parser(sub) -> None:
    """Register the ``drill`` subcommand (Daily Drill, rule in :mod:`solver.drill`)."""
    p = sub.add_parser("drill", help="Daily Drill: month-length board, the day's formation set")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--date", help="YYYY-MM-DD")
    g.add_argument("--year", type=int, help="every date of this year (counts only)")
    p.add_argument("--sixes", type=int, default=None,
                   help="number of 方阵 in the set (default: the rule's choice, the fewest that fit)")
    _mode_flags(p)
    p.set_defaults(func=cmd_drill)


def cmd_drill(args: argparse.Namespace) -> None:
    """``drill`` subcommand: one date's set and solutions, or every date of a year.

    JSON for one date: ``mode, date, count, seconds`` plus ``formations`` (codes),
    ``names`` (Chinese), ``board`` (rows, ``#``/``.``), ``rule_version``, ``stars``,
    ``grade`` (and ``sealed`` cells when the rule blocked any; ``solutions`` with
    ``--first``/``--all``). ``--year``: ``mode, dates {YYYY-MM-DD: count}, total,
    seconds`` (the search time of every solver call that chose the year's sets).
    Raises :class:`CliError` / :class:`InvalidPuzzleError` on bad input (exit 2).
    """
    from . import drill

    if args.date is not None:  # an empty --date "" is a bad date, not "no date"
        date = parse_date(args.date)
        info = drill.daily_info(date, args.sixes)
        puzzle = info.puzzle()
        count, sols, secs = _solve_one(puzzle, args.what)
        out = {"mode": "drill", "date": date.isoformat(), "count": count, "seconds": secs,
               "formations": list(info.formations), "names": list(info.names),
               "board": info.board.rows(), "rule_version": info.rule_version,
               "stars": info.stars, "grade": info.grade}
        if info.sealed:
            out["sealed"] = [list(c) for c in info.sealed]
        if not args.json:
            print(f"Daily Drill 每日演兵 {date} (rule v{info.rule_version})")
            print("今日阵型: " + ", ".join(
                f"{puzzle.shape(c).name_zh} {c}" for c in info.formations))
            print(f"difficulty: {drill.stars_text(info.stars)} {info.grade} / {info.grade_zh} "
                  f"({info.count} solution(s))")
            if info.sealed:
                print("sealed (no formation can reach): " + ", ".join(map(str, info.sealed)))
            if sols is None:
                print(draw_solution(info.board, (), info.targets))
        emit_one(out, puzzle, sols, args.json, f"Drill {date}")
        return
    if args.what != "count":
        raise CliError("--year supports --count only (use --date for solutions)")
    if not 1 <= args.year <= 9999:
        raise CliError(f"--year must be between 1 and 9999 (got {args.year})")
    dates: dict[str, int] = {}
    secs = 0.0
    for d in drill.year_dates(args.year):
        info = drill.daily_info(d, args.sixes)
        dates[d.isoformat()] = info.count
        secs += info.seconds
    out = {"mode": "drill", "dates": dates, "total": sum(dates.values()), "seconds": secs}
    if args.json:
        print(json.dumps(out))
        return
    for d in drill.year_dates(args.year):
        info = drill.daily_info(d, args.sixes)
        print(f"{d} {info.count:4d} {drill.stars_text(info.stars)} "
              + " ".join(info.formations))
    print(f"total {out['total']} over {len(dates)} dates, {secs:.3f} s search")


# --- file (SPEC section 6): python -m solver file PATH [--first|--count|--all] [--json] [--unique]


def _add_file_parser(sub) -> None:
    """Register the ``file`` subcommand (custom puzzles, format in :mod:`solver.puzzlefile`)."""
    p = sub.add_parser("file", help="a custom puzzle file (TOML, board drawn as ASCII art)")
    p.add_argument("path", help="the puzzle file (see assets/puzzles/)")
    p.add_argument("--unique", action="store_true",
                   help="also count solutions up to the board's symmetry; --first/--all then "
                        "list one solution per symmetry class")
    _mode_flags(p)
    p.set_defaults(func=cmd_file)


def cmd_file(args: argparse.Namespace) -> None:
    """``file`` subcommand: load, validate (before any search) and solve a puzzle file.

    JSON: ``mode "file", name, count, seconds, formations, board`` (plus ``targets``;
    ``solutions`` with ``--first``/``--all``; ``unique`` and ``symmetries`` (group
    size) with ``--unique``). A bad file raises
    :class:`solver.puzzlefile.PuzzleFileError` (exit 2, one line on stderr).
    """
    from . import puzzlefile

    puzzle = puzzlefile.load(args.path)
    extra: dict = {}
    if args.unique:
        from .search import Search
        from .search import symmetry_group, unique_solutions

        s = Search(puzzle, store=None)
        s.run()
        reps = unique_solutions(puzzle, s.solutions())
        count, secs = s.count, s.seconds
        sols = None if args.what == "count" else reps[:1] if args.what == "first" else reps
        extra = {"unique": len(reps),
                 "symmetries": len(symmetry_group(puzzle.board, puzzle.targets))}
    else:
        count, sols, secs = _solve_one(puzzle, args.what)
    out = {"mode": "file", "name": puzzle.name, "count": count, "seconds": secs, **extra,
           "formations": list(puzzle.formations), "board": puzzle.board.rows(),
           "targets": [list(t) for t in puzzle.targets]}
    if not args.json:
        print(f"{puzzle.name}: " + ", ".join(
            f"{puzzle.shape(c).name_zh} {c}" for c in puzzle.formations))
        if args.unique:
            print(f"{extra['unique']} solution(s) up to symmetry "
                  f"({extra['symmetries']} symmetries of the board)")
    emit_one(out, puzzle, sols, args.json, puzzle.name)
