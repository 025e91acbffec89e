"""Puzzle model values (no numba): :class:`Placement`, :class:`Puzzle`, :data:`Solution`.

Kept apart from :mod:`solver.search` so that the game's UI thread can import them
without importing numba (whose first compilation must happen off the UI thread).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Iterable, Sequence

from .board import Board, Cell, InvalidPuzzleError, Mask
from .shapes import LIBRARY, Shape, UnknownShapeError, lookup


class IllegalPlacementError(ValueError):
    """A placement that is not legal on this puzzle (off the board, on a blocked or target
    cell, overlapping another piece, not a true orientation, or a formation not in the set)."""


def _shape(shape: Shape | str) -> Shape:
    """A :class:`Shape`, or the library shape a code names (raises :class:`UnknownShapeError`)."""
    if isinstance(shape, Shape):
        return shape
    try:
        return LIBRARY[shape]
    except (KeyError, TypeError):
        raise UnknownShapeError(f"unknown formation code {shape!r}") from None


@dataclass(frozen=True, slots=True, order=True)
class Placement:
    """One shape put on the board.

    Attributes:
        shape: the :class:`~solver.shapes.Shape` placed.
        cells: the covered ``(row, col)`` cells, sorted row-major.
    """

    shape: Shape
    cells: tuple[Cell, ...]

    def __post_init__(self) -> None:
        # a library code is accepted for the shape (``Placement("F6", cells)``); an unknown
        # code stays a string, so the searches can reject the placement with a message
        if isinstance(self.shape, str) and self.shape in LIBRARY:
            object.__setattr__(self, "shape", LIBRARY[self.shape])

    @property
    def formation(self) -> str:
        """The shape's code, e.g. ``"F6"``."""
        return self.shape if isinstance(self.shape, str) else self.shape.code

    @staticmethod
    def make(shape: Shape | str, cells: Iterable[Sequence[int]]) -> "Placement":
        """Build a placement from a shape (or a library code) and any iterable of
        ``(row, col)`` pairs (sorted here)."""
        return Placement(_shape(shape), tuple(sorted((int(r), int(c)) for r, c in cells)))

    @staticmethod
    def at(shape: Shape | str, orientation: int, row: int, col: int) -> "Placement":
        """Placement of orientation index ``orientation`` (:attr:`Shape.orientations`) with
        its bounding box's top-left at ``(row, col)``."""
        shp = _shape(shape)
        return Placement.make(shp, ((r + row, c + col) for r, c in shp.orientations[orientation]))

    def orientation(self) -> tuple[int, int, int]:
        """Inverse of :meth:`at`: ``(orientation index, row, col)``.

        Raises :class:`IllegalPlacementError` when the cells are not a true orientation
        of the formation.
        """
        r0 = min(r for r, _ in self.cells)
        c0 = min(c for _, c in self.cells)
        i = self.shape.index_of(self.cells)
        if i is None:
            raise IllegalPlacementError(
                f"cells {list(self.cells)} are not an orientation of {self.formation}"
            )
        return i, r0, c0

    def to_json(self) -> dict:
        """``{"formation": CODE, "cells": [[r, c], ...]}`` as in the JSON output (docs/cli-output.schema.json)."""
        return {"formation": self.formation, "cells": [list(c) for c in self.cells]}


Solution = tuple[Placement, ...]


@dataclass(frozen=True, slots=True)
class Puzzle:
    """A board, a multiset of shapes and the target cells to leave uncovered.

    Attributes:
        board: the :class:`~solver.board.Board` (at most 64 cells).
        formations: shape codes, one per piece, repeats allowed; order never changes an
            answer.  Names given here (letters, Chinese names, a file's own keys) are
            resolved to codes by :func:`solver.shapes.lookup`.
        targets: open cells that must stay uncovered (the date's month and day).
        name: a label for people (file name, "Classic 2024-05-01", ...).
        shapes: the puzzle's own shapes (from a puzzle or variant file's ``[shapes]``
            table), which the library does not know; sorted by code.
        mirror: True when pieces may be turned over (free orientations); False allows
            rotations of each shape's face-up drawing only (one-sided orientations).

    Raises :class:`~solver.shapes.UnknownShapeError` for a name that is neither in the
    library nor among ``shapes``.
    """

    board: Board
    formations: tuple[str, ...]
    targets: tuple[Cell, ...] = ()
    name: str = ""
    shapes: tuple[Shape, ...] = ()
    mirror: bool = True

    def __post_init__(self) -> None:
        own = {s.code: s for s in self.shapes}
        object.__setattr__(self, "shapes", tuple(sorted(own.values())))
        object.__setattr__(self, "formations", tuple(lookup(f, own).code for f in self.formations))
        object.__setattr__(self, "targets", tuple(tuple(t) for t in self.targets))
        object.__setattr__(self, "mirror", bool(self.mirror))

    def shape(self, code: str) -> Shape:
        """The :class:`Shape` of ``code``: the puzzle's own shapes first, then the library.

        Raises :class:`~solver.shapes.UnknownShapeError` when neither has it.
        """
        for s in self.shapes:
            if s.code == code:
                return s
        return _shape(code)

    @property
    def pieces(self) -> tuple[Shape, ...]:
        """One :class:`Shape` per piece (per entry of :attr:`formations`)."""
        return tuple(self.shape(c) for c in self.formations)

    @property
    def types(self) -> tuple[Shape, ...]:
        """The distinct shapes of the multiset: library order first, then the puzzle's own."""
        present = set(self.formations)
        own = [s for s in self.shapes if s.code in present]
        mine = {s.code for s in self.shapes}
        lib = [s for c, s in LIBRARY.items() if c in present and c not in mine]
        return tuple(lib + own)

    def allowed(self, code: str) -> range:
        """Orientation indices a piece of ``code`` may take under this puzzle's mirror rule."""
        return self.shape(code).allowed(self.mirror)

    def placement(self, code: str, orientation: int, row: int, col: int) -> Placement:
        """:meth:`Placement.at` for a shape of this puzzle (its own shapes included)."""
        return Placement.at(self.shape(code), orientation, row, col)

    @property
    def target_mask(self) -> Mask:
        """Bitmask of the target cells."""
        return self.board.mask_of(self.targets)

    @property
    def cover_mask(self) -> Mask:
        """Open cells that the formations must cover: open cells less targets."""
        return self.board.open_mask & ~self.target_mask

    @property
    def area(self) -> int:
        """Total cells of the formation multiset."""
        return sum(self.shape(f).size for f in self.formations)

    @property
    def digest(self) -> str:
        """A content key of this puzzle: 16 hex digits of the SHA-256 of its canonical text.

        The text holds what decides the game and its saved moves: the board drawing
        (``#`` blocked, ``*`` target, ``.`` to cover), the mirror rule and, in tray
        order, each piece's face-up drawing (a file's own shapes by their drawing, not
        their key).  The name, the description and the file's path are not part of it,
        so two files with the same name are two keys and a moved file keeps its key.
        Tray order is (saved moves name tray slots).
        """
        b = self.board
        targets = set(self.targets)
        rows = ["".join("*" if (r, c) in targets else "." if b.is_open(r, c) else "#" for c in range(b.width))
                for r in range(b.height)]
        text = "\n".join(["polyomino 1", f"{b.width}x{b.height}", *rows, f"mirror {int(self.mirror)}",
                          *(s.drawing for s in self.pieces)])
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    def validate(self) -> None:
        """Check what can be checked before any search.

        Raises :class:`InvalidPuzzleError` for a target that is off the board, blocked
        or repeated, or when the formations' total area differs from the cells to cover
        ("the formations cover 25 cells but 24 are open: no solution is possible").
        """
        seen = set()
        for r, c in self.targets:
            self.board.bit(r, c)
            if not self.board.is_open(r, c):
                raise InvalidPuzzleError(f"target cell ({r}, {c}) is blocked")
            if (r, c) in seen:
                raise InvalidPuzzleError(f"target cell ({r}, {c}) is listed twice")
            seen.add((r, c))
        if not self.formations:
            raise InvalidPuzzleError("the puzzle has no formations")
        n_open = bin(self.cover_mask).count("1")
        if self.area != n_open:
            raise InvalidPuzzleError(
                f"the formations cover {self.area} cells but {n_open} are open: "
                "no solution is possible"
            )


