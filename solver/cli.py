"""Command line: ``python -m solver {classic,drill,file,variant,flip} ...``,
also installed as the ``daily-drill-solver`` console script.

Output for people by default, exactly one JSON object on stdout with ``--json``:
each carries ``"schema": 1`` and a ``"mode"``; ``docs/cli-output.schema.json``
(JSON Schema) is the contract.
Exit status:

* 0 on success (also when there is no solution);
* 2 on bad input, with one line on stderr (``PROG: error: ...``) and no traceback;
* 1 on an unexpected (internal) error: the traceback goes to the log file
  (:mod:`solver.logs`) and stderr gets one line pointing at it;
* 141 (128 + SIGPIPE, what a shell reports for a C tool like ``seq`` killed by a
  closed pipe) when the reader of stdout went away, as in
  ``... --all-dates | head -1``; nothing is printed on stderr;
* 130 on Ctrl+C.

``PROG`` is ``daily-drill-solver`` when run as that console script and
``python -m solver`` otherwise (:func:`solver.appinfo.prog_name`).
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from typing import Sequence

from .board import FIRST_DATE, LAST_DATE, Board, Cell, InvalidPuzzleError, MONTHS_EN, classic_board, \
    date_targets, parse_date
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


SCRIPT = "daily-drill-solver"
"""The console script that runs :func:`main` (``[project.scripts]`` in pyproject.toml)."""

EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 1
EXIT_BROKEN_PIPE = 141
"""128 + SIGPIPE (13): the status a shell shows for a tool stopped by a closed pipe."""


def build_parser(prog: str = "python -m solver") -> argparse.ArgumentParser:
    """The argparse parser for all subcommands (errors raise :class:`CliError`).

    ``prog`` is the name shown in usage and help; ``--version`` prints ``prog VERSION``.
    """
    from .appinfo import version

    ap = _Parser(prog=prog, description="Daily Drill solver: exact cover for calendar and "
                                        "polyomino puzzles, and Flip (Lights Out)")
    ap.add_argument("--version", action="version", version=f"%(prog)s {version()}")
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
    _add_variant_parser(sub)
    return ap


def _solve_one(puzzle: Puzzle, what: str, symmetry: bool = False):
    """Run one puzzle: returns (count, solutions or None, seconds).

    ``symmetry`` counts with :func:`solver.search.solve_by_symmetry` (one search per
    orbit of a pivot piece under the board's symmetries; exact, and a plain search
    when the board with its targets has no symmetry).
    """
    from .search import Search, solve_by_symmetry

    def count() -> tuple[int, float]:
        if symmetry:
            n, _, secs, _ = solve_by_symmetry(puzzle)
            return n, secs
        s = Search(puzzle, store=0)
        s.run()
        return s.count, s.seconds

    if what == "count":
        n, secs = count()
        return n, None, secs
    s = Search(puzzle, store=None)
    s.run(max_solutions=1 if what == "first" else None)
    sols = s.solutions()
    if what == "first":
        # count stays the total: finish the count without storing more
        n, secs = count()
        return n, sols, s.seconds + secs
    return s.count, sols, s.seconds


JSON_SCHEMA = 1
"""The ``"schema"`` number of every JSON object printed (the contract: docs/cli-output.schema.json)."""


def print_json(out: dict) -> None:
    """Print ``out`` as one line of JSON (UTF-8 text, Chinese names unescaped), with
    ``"schema": JSON_SCHEMA`` as its first key."""
    print(json.dumps({"schema": JSON_SCHEMA, **out}, ensure_ascii=False))


def emit_one(out: dict, puzzle: Puzzle, sols, as_json: bool, header: str) -> None:
    """Print one puzzle's result: JSON (``out`` plus ``solutions``) or text drawings."""
    if as_json:
        if sols is not None:
            out["solutions"] = [[pl.to_json() for pl in sol] for sol in sols]
        print_json(out)
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
        out = {"mode": "classic", "date": date.isoformat(), "count": count, "seconds": secs,
               "mirror": puzzle.mirror}
        emit_one(out, puzzle, sols, args.json, f"Classic {date} ({MONTHS_EN[date.month - 1]} {date.day})")
        return
    if args.what != "count":
        raise CliError("--all-dates supports --count only (use --date for solutions)")
    from .search import date_counts

    dates, secs, _ = date_counts(board, CLASSIC_SET)
    out = {"mode": "classic", "dates": dates, "total": sum(dates.values()), "seconds": secs,
           "mirror": True}
    if args.json:
        print_json(out)
    else:
        for k, v in dates.items():
            print(f"{k} {v}")
        print(f"total {out['total']} over {len(dates)} dates, {secs:.3f} s search")


def main(argv: Sequence[str] | None = None, prog: str | None = None) -> int:
    """Entry point: parse ``argv``, run, return the exit status (see the module docstring).

    ``prog`` (the name in messages) defaults to :func:`solver.appinfo.prog_name`'s choice.
    """
    from . import logs
    from .appinfo import flush_stdout, prog_name, silence_stdout

    prog = prog or prog_name("solver", SCRIPT)
    logs.setup(logging.WARNING)  # a run writes no log file unless something went wrong
    try:
        try:
            args = build_parser(prog).parse_args(argv)
        except SystemExit:  # --help, --version: printed; a closed pipe must stay quiet
            if not flush_stdout():
                return EXIT_BROKEN_PIPE
            raise
        args.func(args)
        # a closed pipe shows up here rather than in the interpreter's flush at exit
        return 0 if flush_stdout() else EXIT_BROKEN_PIPE
    except BrokenPipeError:
        silence_stdout()
        return EXIT_BROKEN_PIPE
    except (CliError, InvalidPuzzleError, IllegalPlacementError, ValueError, OSError) as e:
        msg = str(e).splitlines()[0] if str(e) else type(e).__name__
        print(f"{prog}: error: {msg}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print(f"{prog}: error: interrupted", file=sys.stderr)
        return 130
    except Exception as e:  # a bug: the details go to the log, one line to the user
        logs.get("solver").exception("internal error in %s %s", prog, list(argv or sys.argv[1:]))
        path = logs.log_path()
        where = f"details in {path}" if path else "no log file could be written"
        print(f"{prog}: internal error ({type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}); "
              f"{where}", file=sys.stderr)
        return EXIT_INTERNAL


# --- flip: python -m solver flip --size N --on "r,c;r,c;..." [--json] ---


def _add_flip_parser(sub) -> None:
    """Register the ``flip`` subcommand on the subparsers object ``sub``."""
    p = sub.add_parser("flip", help="Flip (Lights Out): solvability and the fewest presses")
    p.add_argument("--size", required=True, type=int, help="board side N (an N x N board)")
    p.add_argument("--on", default="", help='lit cells as "r,c;r,c;..." (0-based)')
    p.add_argument("--json", action="store_true", help="one JSON object on stdout")
    p.set_defaults(func=cmd_flip)


def cmd_flip(args: argparse.Namespace) -> None:
    """``flip`` subcommand: JSON ``{"schema", "mode": "flip", "size", "solvable", "presses"}``
    (fewest presses, or null when unsolvable), or a text drawing of the pattern with the
    presses marked."""
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
        print_json({"mode": "flip", "size": n, "solvable": sol.solvable, "presses": presses})
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


# --- drill: python -m solver drill (--date D | --year Y) [--first|--count|--all] [--json]


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
               "stars": info.stars, "grade": info.grade, "mirror": puzzle.mirror}
        if info.sealed:
            out["sealed"] = [list(c) for c in info.sealed]
        if not args.json:
            print(f"Daily Drill 每日演兵 {date} (rule v{info.rule_version})")
            print("今日阵型: " + ", ".join(
                _caption(puzzle.shape(c), c) for c in info.formations))
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
    if not FIRST_DATE.year <= args.year <= LAST_DATE.year:
        raise CliError(f"--year must be between {FIRST_DATE.year} and {LAST_DATE.year} (got {args.year})")
    dates: dict[str, int] = {}
    secs = 0.0
    for d in drill.year_dates(args.year):
        info = drill.daily_info(d, args.sixes)
        dates[d.isoformat()] = info.count
        secs += info.seconds
    out = {"mode": "drill", "dates": dates, "total": sum(dates.values()), "seconds": secs,
           "mirror": True}
    if args.json:
        print_json(out)
        return
    for d in drill.year_dates(args.year):
        info = drill.daily_info(d, args.sixes)
        print(f"{d} {info.count:4d} {drill.stars_text(info.stars)} "
              + " ".join(info.formations))
    print(f"total {out['total']} over {len(dates)} dates, {secs:.3f} s search")


# --- file: python -m solver file PATH [--first|--count|--all] [--json] [--unique]


def _add_file_parser(sub) -> None:
    """Register the ``file`` subcommand (custom puzzles, format in :mod:`solver.puzzlefile`)."""
    p = sub.add_parser("file", help="a custom puzzle file (TOML, board drawn as ASCII art)")
    p.add_argument("path", help="the puzzle file (see assets/puzzles/)")
    p.add_argument("--unique", action="store_true",
                   help="also count solutions up to the board's symmetry; --first/--all then "
                        "list one solution per symmetry class")
    _symmetry_flag(p)
    _mode_flags(p)
    p.set_defaults(func=cmd_file)


def _symmetry_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument("--no-symmetry", action="store_true",
                   help="count with one plain search (by default a count uses the board's "
                        "symmetry where it is exact: one search per orbit of one piece)")


def cmd_file(args: argparse.Namespace) -> None:
    """``file`` subcommand: load, validate (before any search) and solve a puzzle file.

    JSON: ``mode "file", name, count, seconds, mirror, formations, board`` (plus ``targets``;
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
                 "symmetries": len(symmetry_group(puzzle.board, puzzle.targets, puzzle.mirror))}
    else:
        count, sols, secs = _solve_one(puzzle, args.what, symmetry=not args.no_symmetry)
    out = {"mode": "file", "name": puzzle.name, "count": count, "seconds": secs,
           "mirror": puzzle.mirror, **extra,
           "formations": list(puzzle.formations), "board": puzzle.board.rows(),
           "targets": [list(t) for t in puzzle.targets]}
    if not args.json:
        print(f"{puzzle.name}: " + ", ".join(
            _caption(puzzle.shape(c), c) for c in puzzle.formations))
        if args.unique:
            print(f"{extra['unique']} solution(s) up to symmetry "
                  f"({extra['symmetries']} symmetries of the board)")
    emit_one(out, puzzle, sols, args.json, puzzle.name)


# --- variant: python -m solver variant --list [--file PATH] [--json]
#              python -m solver variant (NAME | --file PATH) (--date D | --all-dates)
#                                       [--no-mirror] [--no-symmetry] [--first|--count|--all] [--json]


def _caption(shape, code: str) -> str:
    """Formation ``code`` (its :class:`~solver.shapes.Shape` ``shape``) in the text output:
    ``"北斗七星阵 P"``, or the code alone for a file's own shape with no Chinese name (its
    name is then its code: ``"box"``, not ``"box box"``)."""
    return code if shape.name_zh in ("", code) else f"{shape.name_zh} {code}"


def _add_variant_parser(sub) -> None:
    """Register the ``variant`` subcommand (calendar editions, :mod:`solver.variants`)."""
    p = sub.add_parser("variant", help="a calendar edition: a shipped variant or a variant file")
    p.add_argument("name", nargs="?", help="a shipped variant (see --list), or a variant file's path (as --file)")
    p.add_argument("--file", dest="variant_file", metavar="PATH", help="a variant file (TOML)")
    p.add_argument("--list", action="store_true",
                   help="list the shipped variants (and the --file one)")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--date", help="YYYY-MM-DD (a weekday board uses the date's real weekday)")
    g.add_argument("--all-dates", action="store_true",
                   help="every date of a leap year (and each weekday on a weekday board)")
    p.add_argument("--no-mirror", action="store_true",
                   help="pieces may only be rotated from their face-up drawing, never turned over")
    _symmetry_flag(p)
    _mode_flags(p)
    p.set_defaults(func=cmd_variant)


def _variant_args(args: argparse.Namespace):
    """The :class:`~solver.variants.Variant` the arguments name (loaded and validated)."""
    from . import variants

    if args.name is not None and args.variant_file is not None:
        raise CliError("give a variant name or --file PATH, not both")
    if args.variant_file is not None:
        return variants.load_file(args.variant_file)
    if args.name is None:
        raise CliError("name a variant (one of " + ", ".join(variants.names())
                       + ") or give --file PATH")
    if args.name not in variants.names() and _looks_like_a_path(args.name):
        return variants.load_file(args.name)  # as --file PATH
    return variants.load(args.name)


def _looks_like_a_path(name: str) -> bool:
    """True when a variant NAME is a file's path: it names a file that exists, or has a
    folder separator or the ``.toml`` ending (so a missing file says "no such file")."""
    return os.path.isfile(name) or "/" in name or os.sep in name or name.lower().endswith(".toml")


def cmd_variant(args: argparse.Namespace) -> None:
    """``variant`` subcommand: list the variants, or solve one date or every date of one.

    JSON, ``--list``: ``{"schema": 1, "variants": [{"name", "title", "title_zh", "cells",
    "formations", "mirror"}, ...]}``.  One date: as ``classic`` plus ``"variant"``,
    ``"mirror"`` and ``"targets"``.  ``--all-dates``: ``{"schema": 1, "mode": "variant",
    "variant", "mirror", "dates": {"MM-DD" or "MM-DD/Sun".. : N}, "total", "seconds"}``
    (``seconds``: search time alone).  Every input problem raises before any search
    (exit 2, one line).
    """
    from . import variants

    if args.list:
        if args.name is not None or args.date is not None or args.all_dates:
            raise CliError("--list takes no variant name, --date or --all-dates")
        found = variants.shipped()
        if args.variant_file is not None:
            found.append(variants.load_file(args.variant_file))
        _print_variant_list(found, args.json)
        return
    v = _variant_args(args)
    if args.date is None and not args.all_dates:
        raise CliError("give --date YYYY-MM-DD or --all-dates")
    mirror = False if args.no_mirror else v.mirror
    if args.all_dates:
        _variant_all_dates(v, mirror, args)
        return
    date = parse_date(args.date)
    puzzle = v.puzzle(date, mirror)
    count, sols, secs = _solve_one(puzzle, args.what, symmetry=not args.no_symmetry)
    out = {"mode": "variant", "variant": v.name, "mirror": mirror,
           "date": date.isoformat(), "count": count, "seconds": secs,
           "targets": [list(t) for t in puzzle.targets]}
    labels = " ".join(puzzle.board.label(t) for t in puzzle.targets)
    if not args.json:
        print(f"{v.title} ({v.name}), mirror {'on' if mirror else 'off'}: " + ", ".join(
            _caption(puzzle.shape(c), c) for c in puzzle.formations))
    emit_one(out, puzzle, sols, args.json, f"{v.name} {date} ({labels})")


def _variant_all_dates(v, mirror: bool, args: argparse.Namespace) -> None:
    from .search import date_counts

    if args.what != "count":
        raise CliError("--all-dates supports --count only (use --date for solutions)")
    dates, secs, _ = date_counts(v.board, v.formations, mirror=mirror, shapes=v.shapes)
    out = {"mode": "variant", "variant": v.name, "mirror": mirror,
           "dates": dates, "total": sum(dates.values()), "seconds": secs}
    if args.json:
        print_json(out)
        return
    for k, n in dates.items():
        print(f"{k} {n}")
    print(f"total {out['total']} over {len(dates)} puzzles ({v.name}, mirror "
          f"{'on' if mirror else 'off'}), {secs:.3f} s search")


def _print_variant_list(found, as_json: bool) -> None:
    if as_json:
        print_json({"variants": [v.to_json() for v in found]})
        return
    for v in found:
        kind = "month, day, weekday" if v.weekdays else "month, day"
        print(f"{v.name:<16} {v.title} / {v.title_zh}: {v.cells} cells, targets {kind}, "
              f"mirror {'on' if v.mirror else 'off'}; " + " ".join(v.formations))
