"""game/puzzles.py: build the :class:`~solver.model.Puzzle` each mode plays (no pygame).

Classic uses :mod:`solver.board` directly.  Daily Drill (``solver.drill``) and
custom puzzle files (``solver.puzzlefile``) come from modules other helpers
provide; when one is missing, :class:`ModeUnavailable` carries a one-line
message for the command line.
"""
from __future__ import annotations

import datetime as _dt
import importlib
from typing import Any

from solver.board import classic_board, date_targets
from solver.shapes import CLASSIC_SET
from solver.model import Puzzle


class ModeUnavailable(Exception):
    """A mode whose supporting module is not installed yet; the message is one line for people."""


def classic_puzzle(date: _dt.date) -> Puzzle:
    """The Classic puzzle for ``date``: classic board, Classic set, month and day as targets."""
    return Puzzle(classic_board(), CLASSIC_SET, date_targets(date), f"Classic {date.isoformat()}")


def drill_module() -> Any:
    """The ``solver.drill`` module (importing it does not import numba).

    Raises :class:`ModeUnavailable` when it is missing or has no ``daily_puzzle``.
    """
    try:
        drill = importlib.import_module("solver.drill")
    except ImportError:
        raise ModeUnavailable("Daily Drill mode is not available yet (solver.drill is missing)") from None
    if not callable(getattr(drill, "daily_puzzle", None)):
        raise ModeUnavailable("Daily Drill mode is not available yet (solver.drill.daily_puzzle is missing)")
    return drill


def drill_puzzle(date: _dt.date) -> Puzzle:
    """Today's Daily Drill puzzle from ``solver.drill.daily_puzzle(date)``.

    Runs searches (imports the numba solver): call it on the solver thread.
    Raises :class:`ModeUnavailable` when ``solver.drill`` is not importable.
    """
    return drill_module().daily_puzzle(date)


def drill_puzzle_info(date: _dt.date) -> tuple[Puzzle, dict[str, Any]]:
    """The Daily Drill puzzle plus header info: ``count``, ``stars``, ``grade``, ``grade_zh``.

    Uses ``solver.drill.daily_info`` when present, else :func:`drill_puzzle` with no
    info.  Runs searches: call it on the solver thread.
    """
    drill = drill_module()
    info_fn = getattr(drill, "daily_info", None)
    if info_fn is None:
        return drill.daily_puzzle(date), {}
    info = info_fn(date)
    return info.puzzle(), {"count": info.count, "stars": info.stars, "grade": info.grade,
                           "grade_zh": info.grade_zh}


def file_puzzle(path: str) -> Puzzle:
    """A custom puzzle read by ``solver.puzzlefile`` (``load(path)`` or ``load_puzzle(path)``).

    Raises :class:`ModeUnavailable` when the module is missing; the loader's own
    ``InvalidPuzzleError`` (a ``ValueError``) passes through for bad files.
    """
    try:
        pf = importlib.import_module("solver.puzzlefile")
    except ImportError:
        raise ModeUnavailable("custom puzzle files are not supported yet (solver.puzzlefile is missing)") from None
    for name in ("load", "load_puzzle", "read_puzzle", "parse_file"):
        fn = getattr(pf, name, None)
        if callable(fn):
            return fn(path)
    raise ModeUnavailable("solver.puzzlefile has no load(path) function")
