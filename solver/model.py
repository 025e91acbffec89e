"""Puzzle model values (no numba): :class:`Placement`, :class:`Puzzle`, :data:`Solution`.

Kept apart from :mod:`solver.api` so that the game's UI thread can import them
without importing numba (whose first compilation must happen off the UI thread).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from .board import Board, Cell, InvalidPuzzleError, Mask
from .formations import FORMATIONS, lookup, orientation_cells


class IllegalPlacementError(ValueError):
    """A placement that is not legal on this puzzle (off the board, on a blocked or target
    cell, overlapping another piece, not a true orientation, or a formation not in the set)."""


@dataclass(frozen=True, slots=True, order=True)
class Placement:
    """One formation put on the board.

    Attributes:
        formation: formation code (SPEC section 2), e.g. ``"F6"``.
        cells: the covered ``(row, col)`` cells, sorted row-major; 5 or 6 cells.
    """

    formation: str
    cells: tuple[Cell, ...]

    @staticmethod
    def make(formation: str, cells: Iterable[Sequence[int]]) -> "Placement":
        """Build a placement from a code and any iterable of ``(row, col)`` pairs (sorted here)."""
        return Placement(formation, tuple(sorted((int(r), int(c)) for r, c in cells)))

    @staticmethod
    def at(formation: str, orientation: int, row: int, col: int) -> "Placement":
        """Placement of orientation index ``orientation`` (see
        :func:`solver.formations.orientations`) with its bounding box's top-left at ``(row, col)``."""
        shape = orientation_cells(formation)[orientation]
        return Placement.make(formation, ((r + row, c + col) for r, c in shape))

    def orientation(self) -> tuple[int, int, int]:
        """Inverse of :meth:`at`: ``(orientation index, row, col)``.

        Raises :class:`IllegalPlacementError` when the cells are not a true orientation
        of the formation.
        """
        r0 = min(r for r, _ in self.cells)
        c0 = min(c for _, c in self.cells)
        norm = tuple(sorted((r - r0, c - c0) for r, c in self.cells))
        for i, o in enumerate(orientation_cells(self.formation)):
            if o == norm:
                return i, r0, c0
        raise IllegalPlacementError(
            f"cells {list(self.cells)} are not an orientation of {self.formation}"
        )

    def to_json(self) -> dict:
        """``{"formation": CODE, "cells": [[r, c], ...]}`` as in SPEC section 6."""
        return {"formation": self.formation, "cells": [list(c) for c in self.cells]}


Solution = tuple[Placement, ...]


@dataclass(frozen=True, slots=True)
class Puzzle:
    """A board, a multiset of formations and the target cells to leave uncovered.

    Attributes:
        board: the :class:`~solver.board.Board` (at most 64 cells).
        formations: formation codes, repeats allowed; order never changes an answer.
        targets: open cells that must stay uncovered (the date's month and day).
        name: a label for people (file name, "Classic 2024-05-01", ...).
    """

    board: Board
    formations: tuple[str, ...]
    targets: tuple[Cell, ...] = ()
    name: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "formations", tuple(lookup(f) for f in self.formations))
        object.__setattr__(self, "targets", tuple(tuple(t) for t in self.targets))

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
        return sum(FORMATIONS[f].size for f in self.formations)

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


