"""game/state.py: the puzzle back end: immutable game state and serialisable moves.

Tatham's split (STYLE.md section 1): a :class:`State` holds exactly what a player
expects undo to restore: which tray piece sits where, and whether help was used
(``cheated``).  Moves are tiny frozen values with ``to_str``/``from_str``
(python-chess ``Move.uci`` style); :func:`apply` returns a *new* state and never
mutates.  No pygame here, and no numba: :mod:`solver.model` only.

Tray pieces are *slots*: slot ``i`` is ``puzzle.formations[i]``, so a formation
that appears twice in a multiset is two separate tray pieces.

Move strings::

    P3:2@4,5   place slot 3, orientation 2, bounding-box top-left at row 4, col 5
    A3:2@4,5   the same, placed by Hint or Solve (sets ``cheated``)
    L3         lift slot 3 back to the tray
    R          reset: every piece back to the tray
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Union

from solver.board import Cell
from solver.formations import FORMATIONS, orientation_cells
from solver.model import Placement, Puzzle


class InvalidMoveError(ValueError):
    """A move string that cannot be parsed (bad syntax)."""


class IllegalMoveError(ValueError):
    """A well-formed move that is not legal in this state; the message is for the player."""


@dataclass(frozen=True, slots=True)
class Place:
    """Put tray slot ``slot`` on the board (moving it if it is already placed).

    Attributes:
        slot: index into ``puzzle.formations``.
        orientation: index into :func:`solver.formations.orientation_cells`.
        row: board row (cells) of the orientation's bounding-box top-left.
        col: board column (cells) of the same.
        assisted: True when Hint or Solve made the move (sets ``State.cheated``).
    """

    slot: int
    orientation: int
    row: int
    col: int
    assisted: bool = False

    def to_str(self) -> str:
        """``"P3:2@4,5"`` (or ``"A..."`` when assisted)."""
        return f"{'A' if self.assisted else 'P'}{self.slot}:{self.orientation}@{self.row},{self.col}"

    def placement(self, puzzle: Puzzle) -> Placement:
        """The :class:`Placement` this move makes on ``puzzle``.

        Raises :class:`IllegalMoveError` for an unknown slot or orientation.
        """
        if not 0 <= self.slot < len(puzzle.formations):
            raise IllegalMoveError(f"there is no tray piece {self.slot}")
        code = puzzle.formations[self.slot]
        if not 0 <= self.orientation < len(orientation_cells(code)):
            raise IllegalMoveError(f"{code} has no orientation {self.orientation}")
        return Placement.at(code, self.orientation, self.row, self.col)


@dataclass(frozen=True, slots=True)
class Lift:
    """Take tray slot ``slot`` off the board, back to the tray."""

    slot: int

    def to_str(self) -> str:
        """``"L3"``."""
        return f"L{self.slot}"


@dataclass(frozen=True, slots=True)
class Reset:
    """Return every piece to the tray (keeps the ``cheated`` flag)."""

    def to_str(self) -> str:
        """``"R"``."""
        return "R"


Move = Union[Place, Lift, Reset]

_PLACE_RE = re.compile(r"^([PA])(\d+):(\d+)@(-?\d+),(-?\d+)$")
_LIFT_RE = re.compile(r"^L(\d+)$")


def move_from_str(text: str) -> Move:
    """Parse a move string (see the module docstring).

    Raises :class:`InvalidMoveError` for anything else.
    """
    s = text.strip()
    m = _PLACE_RE.match(s)
    if m:
        return Place(int(m[2]), int(m[3]), int(m[4]), int(m[5]), m[1] == "A")
    m = _LIFT_RE.match(s)
    if m:
        return Lift(int(m[1]))
    if s == "R":
        return Reset()
    raise InvalidMoveError(f"{text!r} is not a move (expected e.g. P3:2@4,5, L3 or R)")


@dataclass(frozen=True, slots=True)
class State:
    """One position of a polyomino puzzle; immutable.

    Attributes:
        puzzle: the :class:`~solver.model.Puzzle` being played.
        pieces: per tray slot, its :class:`Placement` on the board or None (in the tray).
        cheated: True once Hint or Solve placed a piece.
    """

    puzzle: Puzzle
    pieces: tuple[Placement | None, ...]
    cheated: bool = False

    @staticmethod
    def new(puzzle: Puzzle) -> "State":
        """The starting state: every piece in the tray."""
        return State(puzzle, (None,) * len(puzzle.formations))

    @property
    def placed(self) -> tuple[Placement, ...]:
        """The placements on the board, in slot order (the solver's ``fixed``)."""
        return tuple(p for p in self.pieces if p is not None)

    @property
    def placed_slots(self) -> tuple[int, ...]:
        """Slots whose piece is on the board, ascending."""
        return tuple(i for i, p in enumerate(self.pieces) if p is not None)

    @property
    def free_slots(self) -> tuple[int, ...]:
        """Slots whose piece is in the tray, ascending."""
        return tuple(i for i, p in enumerate(self.pieces) if p is None)

    def occupant(self, cell: Cell) -> int | None:
        """Slot of the piece covering ``cell`` (row, col), or None."""
        for i, p in enumerate(self.pieces):
            if p is not None and cell in p.cells:
                return i
        return None

    def check_place(self, slot: int, placement: Placement) -> str | None:
        """Why ``placement`` of ``slot`` is illegal here, or None when it is legal.

        A piece may cover only open, non-target cells not covered by another slot's
        piece (its own current cells are free for it: moving a piece is one move).
        """
        board = self.puzzle.board
        targets = set(self.puzzle.targets)
        for r, c in placement.cells:
            if not (0 <= r < board.height and 0 <= c < board.width):
                return "off the board"
            if not board.is_open(r, c):
                return "on a blocked cell"
            if (r, c) in targets:
                return "on a target cell"
            occ = self.occupant((r, c))
            if occ is not None and occ != slot:
                return "on another piece"
        return None

    @property
    def is_solved(self) -> bool:
        """True when every slot is placed (then every cell to cover is covered exactly once)."""
        return all(p is not None for p in self.pieces) and self._covered() == self.puzzle.cover_mask

    def _covered(self) -> int:
        board = self.puzzle.board
        m = 0
        for p in self.placed:
            m |= board.mask_of(p.cells)
        return m

    def to_text(self) -> str:
        """Canonical text form (FEN-like): one row per line, a letter per cell.

        ``#`` blocked, ``*`` target, ``.`` empty, else the formation letter
        (``O`` for 方阵).  Used by tests and for debugging.
        """
        board = self.puzzle.board
        grid = [["." if board.is_open(r, c) else "#" for c in range(board.width)]
                for r in range(board.height)]
        for r, c in self.puzzle.targets:
            grid[r][c] = "*"
        for p in self.placed:
            letter = FORMATIONS[p.formation].letter[0]
            for r, c in p.cells:
                grid[r][c] = letter
        return "\n".join("".join(row) for row in grid)


def apply(state: State, move: Move) -> State:
    """Execute ``move`` on ``state`` and return the new state (Tatham's ``execute_move``).

    Raises :class:`IllegalMoveError` (message for the player) when the move is not
    legal here; ``state`` is never changed.
    """
    if isinstance(move, Place):
        pl = move.placement(state.puzzle)
        why = state.check_place(move.slot, pl)
        if why is not None:
            name = FORMATIONS[pl.formation].name_zh
            raise IllegalMoveError(f"{name} cannot go there: {why}")
        pieces = list(state.pieces)
        pieces[move.slot] = pl
        return replace(state, pieces=tuple(pieces), cheated=state.cheated or move.assisted)
    if isinstance(move, Lift):
        if not 0 <= move.slot < len(state.pieces):
            raise IllegalMoveError(f"there is no tray piece {move.slot}")
        if state.pieces[move.slot] is None:
            raise IllegalMoveError("that piece is already in the tray")
        pieces = list(state.pieces)
        pieces[move.slot] = None
        return replace(state, pieces=tuple(pieces))
    if isinstance(move, Reset):
        return replace(state, pieces=(None,) * len(state.pieces))
    raise InvalidMoveError(f"unknown move {move!r}")


def slot_for(state: State, placement: Placement, exclude: set[int] | frozenset = frozenset()) -> int | None:
    """A free tray slot holding ``placement.formation`` (lowest index), or None.

    Used to map solver placements (which name formations, not slots) onto the tray.
    """
    for i in state.free_slots:
        if i not in exclude and state.puzzle.formations[i] == placement.formation:
            return i
    return None


def place_move(slot: int, placement: Placement, assisted: bool = False) -> Place:
    """The :class:`Place` move that puts ``slot`` at ``placement`` (via ``Placement.orientation``)."""
    o, r, c = placement.orientation()
    return Place(slot, o, r, c, assisted)


def rotate_orientation(code: str, orientation: int, turns: int = 1) -> int:
    """Orientation index after rotating ``turns`` quarter turns clockwise."""
    cells = orientation_cells(code)[orientation]
    for _ in range(turns % 4):
        h = max(r for r, _ in cells) + 1
        cells = tuple((c, h - 1 - r) for r, c in cells)
    return _index_of(code, cells)


def flip_orientation(code: str, orientation: int) -> int:
    """Orientation index after a mirror in the vertical axis (left <-> right)."""
    cells = orientation_cells(code)[orientation]
    w = max(c for _, c in cells) + 1
    return _index_of(code, tuple((r, w - 1 - c) for r, c in cells))


def _index_of(code: str, cells: tuple[Cell, ...]) -> int:
    r0 = min(r for r, _ in cells)
    c0 = min(c for _, c in cells)
    norm = tuple(sorted((r - r0, c - c0) for r, c in cells))
    return orientation_cells(code).index(norm)
