"""Calendar variants as data: one TOML file per edition, in ``assets/variants/``.

A variant is a labelled calendar board, a multiset of shapes and a mirror rule.
The five commercial editions ship as files (``dragonfjord`` is our Classic,
``jarringwords``, ``creamakerspace``, ``tetromino``, ``weekday``); adding a sixth
is one file and no code.  Format::

    name = "Weekday calendar"              # title for people
    name_zh = "星期日历"                    # Chinese title
    board = \"\"\"
    Jan Feb Mar Apr May Jun #
    Jul Aug Sep Oct Nov Dec #
    1 2 3 4 5 6 7
    ...
    29 30 31 Sun Mon Tue Wed
    # # # # Thu Fri Sat
    \"\"\"
    formations = ["I4", "U", "L4", "L", "S4", "N", "Z", "T", "V", "P"]
    mirror = true                          # optional, default true
    description = "..."                    # optional

    [shapes]                               # optional: the file's own shapes by drawing,
    chair = "#../###/#.#"                  # usable in formations by their key

Board tokens (:func:`solver.board.parse_labelled_board`) are separated by spaces:
``Jan``..``Dec``, ``1``..``31``, ``Sun``..``Sat``, ``#`` (blocked) and ``.`` (open,
no label); every row has the same number of tokens.  The board must label each month
and each day 1..31 once, and either all seven weekdays or none.  ``formations`` takes
codes, letters, Chinese names or ``[shapes]`` keys, repeats allowed; when it is absent
the file's own shapes are used once each.  Targets are the cells of the date's month
and day, and on a board with weekday cells the cell of the date's real weekday.

Every problem is found when the file is loaded, before any search, and raised as an
:class:`~solver.board.InvalidPuzzleError` subclass with a one-line message prefixed
by the file's name.  Nothing here imports numba.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import os
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib.resources import files
from typing import Any

from .board import (MONTHS_EN, WEEKDAYS_EN, Board, Cell, InvalidPuzzleError,
                    parse_labelled_board, targets_for_date)
from .model import Puzzle
from .puzzlefile import (MalformedFileError, MissingKeyError, PuzzleFileError, UnknownKeyError,
                         WrongTypeError, parse_formations, parse_mirror, parse_shapes, read_text,
                         tomllib)
from .shapes import Shape, lookup

KEYS = ("name", "name_zh", "description", "board", "formations", "mirror", "shapes")
"""Top-level keys a variant file may have (anything else is a typo: error)."""

VARIANTS_FOLDER = "variants"
"""Folder of the shipped variant files inside the top-level ``assets`` package."""


class UnknownVariantError(InvalidPuzzleError):
    """A variant name that no shipped file has."""


class VariantBoardError(PuzzleFileError):
    """A variant board that is not a playable calendar (bad token, ragged, a label twice,
    over 64 cells, a month or day without a cell, some weekdays only)."""


class VariantAreaError(PuzzleFileError):
    """The shapes do not cover the open cells less the date's targets."""


@dataclass(frozen=True)
class Variant:
    """One calendar edition.

    Attributes:
        name: the variant's id: its file name without ``.toml`` (``"weekday"``).
        title: English title (the file's ``name``).
        title_zh: Chinese title (``name_zh``).
        board: the labelled :class:`~solver.board.Board`.
        formations: shape codes, one per piece (repeats allowed).
        mirror: the default mirror rule (True: pieces may be turned over).
        shapes: the file's own shapes (``[shapes]``).
        description: free text.
        path: where it was loaded from (a file path or ``assets/variants/NAME.toml``).
    """

    name: str
    title: str
    title_zh: str
    board: Board
    formations: tuple[str, ...]
    mirror: bool = True
    shapes: tuple[Shape, ...] = ()
    description: str = ""
    path: str = ""

    @property
    def cells(self) -> int:
        """Open cells of the board (targets included)."""
        return bin(self.board.open_mask).count("1")

    @property
    def weekdays(self) -> bool:
        """True when the board has weekday cells (targets are month, day and weekday)."""
        return self.board.has_weekdays

    def targets(self, date: _dt.date) -> tuple[Cell, ...]:
        """The date's target cells (:func:`solver.board.targets_for_date`)."""
        return targets_for_date(self.board, date)

    def target_cells(self) -> tuple[tuple[Cell, ...], ...]:
        """Candidate cells per target kind: the 12 month cells (January first), the 31 day
        cells, and on a weekday board the 7 weekday cells (Sunday first)."""
        kinds = [MONTHS_EN, [str(d) for d in range(1, 32)]]
        if self.weekdays:
            kinds.append(WEEKDAYS_EN)
        return tuple(tuple(self.board.cell_of(lab) for lab in labels) for labels in kinds)

    def puzzle(self, date: _dt.date, mirror: bool | None = None) -> Puzzle:
        """The puzzle of ``date``: this board and set, the date's targets, the variant's
        mirror rule unless ``mirror`` overrides it.  Returns a :class:`Puzzle`."""
        return Puzzle(self.board, self.formations, self.targets(date),
                      f"{self.title} {date.isoformat()}", shapes=self.shapes,
                      mirror=self.mirror if mirror is None else mirror)

    @property
    def digest(self) -> str:
        """A content key of this edition: 16 hex digits of the SHA-256 of its canonical
        text (the labelled board, the mirror rule, each piece's face-up drawing in tray
        order); names, titles, the description and the path are not part of it (as
        :attr:`solver.model.Puzzle.digest`)."""
        pieces = Puzzle(self.board, self.formations, (), shapes=self.shapes, mirror=self.mirror).pieces
        text = "\n".join(["variant 1", *self.board.tokens(), f"mirror {int(self.mirror)}",
                          *(sh.drawing for sh in pieces)])
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    def with_mirror(self, mirror: bool | None) -> "Variant":
        """The same variant with another default mirror rule (None keeps it)."""
        return self if mirror is None else replace(self, mirror=bool(mirror))

    def to_json(self) -> dict:
        """``{"name", "title", "title_zh", "cells", "formations", "mirror"}`` (the
        ``variant --list --json`` entry)."""
        return {"name": self.name, "title": self.title, "title_zh": self.title_zh,
                "cells": self.cells, "formations": list(self.formations), "mirror": self.mirror}


# ---------------------------------------------------------------- parsing


def _string(label: str, data: dict, key: str, default: str | None = None) -> str:
    value = data.get(key, default)
    if value is None:
        raise MissingKeyError(f"{label}: the key '{key}' is missing")
    if not isinstance(value, str):
        raise WrongTypeError(f"{label}: '{key}' must be a string, not {value!r}")
    return value


def _board(label: str, value: Any) -> Board:
    if isinstance(value, list) and all(isinstance(x, str) for x in value):
        value = "\n".join(value)
    if not isinstance(value, str):
        raise WrongTypeError(f"{label}: 'board' must be a multi-line string of tokens such as "
                             "\"Jan Feb Mar ... #\"")
    try:
        board = parse_labelled_board(value)
    except InvalidPuzzleError as e:
        raise VariantBoardError(f"{label}: {e}") from None
    for lab in MONTHS_EN + tuple(str(d) for d in range(1, 32)):
        if board.cell_of(lab) is None:
            raise VariantBoardError(f"{label}: the board has no cell for {lab!r} "
                                    "(a calendar needs Jan..Dec and 1..31)")
    missing = [w for w in WEEKDAYS_EN if board.cell_of(w) is None]
    if board.has_weekdays and missing:
        raise VariantBoardError(f"{label}: the board has some weekdays but not "
                                f"{', '.join(missing)} (give all seven or none)")
    return board


def parse(data: dict[str, Any], name: str, label: str | None = None, path: str = "") -> Variant:
    """Build a :class:`Variant` from a decoded TOML table.

    Takes the table, the variant's id ``name`` and a ``label`` for messages (default
    ``name``).  Raises a :class:`~solver.puzzlefile.PuzzleFileError` subclass (one line)
    for an unknown or missing key, a wrong type, a bad board or drawing, an unknown
    formation, or shapes whose area is not the open cells less the targets.
    """
    label = label or name
    for key in data:
        if key not in KEYS:
            raise UnknownKeyError(f"{label}: unknown key '{key}' (use {', '.join(KEYS)})")
    if "board" not in data:
        raise MissingKeyError(f"{label}: the key 'board' is missing")
    title = _string(label, data, "name", name)
    title_zh = _string(label, data, "name_zh", title)
    description = _string(label, data, "description", "")
    board = _board(label, data["board"])
    own = parse_shapes(label, data.get("shapes", {}))
    codes = parse_formations(label, data.get("formations"), own)
    mirror = parse_mirror(label, data.get("mirror", True))
    sizes = {s.code: s.size for s in own}
    area = sum(sizes.get(c) or lookup(c).size for c in codes)
    n_targets = 3 if board.has_weekdays else 2
    n_cover = bin(board.open_mask).count("1") - n_targets
    if area != n_cover:
        raise VariantAreaError(
            f"{label}: the formations cover {area} cells but {n_cover} are open once the "
            f"{n_targets} date cells are left uncovered: no solution is possible")
    return Variant(name, title, title_zh, board, codes, mirror, own, description, path)


def loads(text: str, name: str, label: str | None = None, path: str = "") -> Variant:
    """Parse the text of a variant file (see :func:`parse`); raises
    :class:`~solver.puzzlefile.MalformedFileError` for invalid TOML."""
    label = label or name
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise MalformedFileError(f"{label}: not valid TOML ({e})") from None
    except RecursionError:
        raise MalformedFileError(f"{label}: not valid TOML (nested too deeply)") from None
    return parse(data, name, label, path)


def load_file(path: str | os.PathLike) -> Variant:
    """Load a variant file from any path; its id is the file name without ``.toml``.

    Raises :class:`~solver.puzzlefile.PuzzleFileError` subclasses (one line, prefixed
    by the file name): unreadable, not UTF-8, not TOML, or any :func:`parse` problem.
    """
    p = os.fspath(path)
    base = os.path.basename(p)
    stem = base[:-5] if base.lower().endswith(".toml") else base
    return loads(read_text(p), stem, base, p)


# ---------------------------------------------------------------- the shipped variants


def _folder():
    return files("assets") / VARIANTS_FOLDER


@lru_cache(maxsize=1)
def names() -> tuple[str, ...]:
    """Ids of the shipped variants (files ``assets/variants/*.toml``), sorted."""
    return tuple(sorted(f.name[:-5] for f in _folder().iterdir()
                        if f.name.endswith(".toml") and f.is_file()))


@lru_cache(maxsize=None)
def load(name: str) -> Variant:
    """The shipped variant ``name`` (e.g. ``"weekday"``).

    Raises :class:`UnknownVariantError` (one line, naming the shipped ones) for an
    unknown name, or the :func:`parse` errors for a broken file.
    """
    if name not in names():
        raise UnknownVariantError(
            f"unknown variant {name!r} (use one of {', '.join(names())}, or give a variant file with --file PATH)")
    ref = _folder() / f"{name}.toml"
    try:
        text = ref.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise MalformedFileError(f"{name}.toml: cannot read the file ({e})") from None
    return loads(text, name, f"{name}.toml", f"assets/{VARIANTS_FOLDER}/{name}.toml")


def shipped() -> list[Variant]:
    """Every shipped variant, in :func:`names` order."""
    return [load(n) for n in names()]
