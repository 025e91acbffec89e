"""The polyomino back end: any board, any multiset of shapes, target cells, a mirror rule.

Classic, Daily Drill, the commercial calendar editions and custom puzzle files are
all this one game over different data: a :class:`~solver.model.Puzzle`.

Tatham's split (what undo restores): a :class:`State` holds which tray piece sits
where and whether help placed one (``cheated``).  Moves are tiny frozen values
with a text round trip; :func:`apply` returns a *new* state and never mutates.
Importing this module does not import numba: :meth:`PolyominoGame.solve` and
:meth:`PolyominoGame.hint` import the search lazily (call them off the UI thread).

Tray pieces are *slots*: slot ``i`` is ``puzzle.formations[i]``, so a shape that
appears twice in a multiset is two separate tray pieces.

Move text::

    P3:2@4,5   place slot 3, orientation 2, bounding-box top-left at row 4, col 5
    A3:2@4,5   the same, placed by Hint or Solve (assisted: sets ``cheated``)
    L3         lift slot 3 back to the tray
    R          reset: every piece back to the tray (keeps ``cheated``)

Params text (:class:`Params`): a mode, optionally followed by ``,mirror`` or
``,nomirror`` to override the puzzle's own mirror rule::

    classic    drill    file:PATH    variant:weekday    variant-file:PATH    classic,nomirror
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, replace
from typing import Union

from ..board import Cell, classic_board, date_targets
from ..model import Placement, Puzzle
from ..shapes import CLASSIC_SET
from .protocol import IllegalMoveError, InvalidMoveError, InvalidParamsError, Status

__all__ = ["Place", "Lift", "Reset", "Move", "State", "Params", "apply", "parse_move",
           "place_move", "slot_for", "make_puzzle", "variant_of", "PolyominoGame", "GAME",
           "IllegalMoveError", "InvalidMoveError"]

_PLACE_RE = re.compile(r"^([PA])(\d+):(\d+)@(-?\d+),(-?\d+)$")
_LIFT_RE = re.compile(r"^L(\d+)$")


@dataclass(frozen=True, slots=True)
class Place:
    """Put tray slot ``slot`` on the board (moving it if it is already placed).

    Attributes:
        slot: index into ``puzzle.formations``.
        orientation: index into the slot's :attr:`Shape.orientations`.
        row: board row (cells) of the orientation's bounding-box top-left.
        col: board column (cells) of the same.
        assisted: True when Hint or Solve made the move (sets ``State.cheated``).
    """

    slot: int
    orientation: int
    row: int
    col: int
    assisted: bool = False

    @property
    def text(self) -> str:
        """``"P3:2@4,5"`` (``"A..."`` when assisted)."""
        return f"{'A' if self.assisted else 'P'}{self.slot}:{self.orientation}@{self.row},{self.col}"

    @classmethod
    def from_text(cls, text: str) -> "Place":
        """Inverse of :attr:`text`; raises :class:`InvalidMoveError`."""
        m = _PLACE_RE.match(text)
        if not m:
            raise InvalidMoveError(f"{text!r} is not a place move (expected e.g. P3:2@4,5)")
        return cls(int(m[2]), int(m[3]), int(m[4]), int(m[5]), m[1] == "A")

    def placement(self, puzzle: Puzzle) -> Placement:
        """The :class:`Placement` this move makes on ``puzzle``.

        Raises :class:`IllegalMoveError` for an unknown slot or orientation.
        """
        if not 0 <= self.slot < len(puzzle.formations):
            raise IllegalMoveError(f"there is no tray piece {self.slot}")
        shape = puzzle.pieces[self.slot]
        if not 0 <= self.orientation < len(shape.orientations):
            raise IllegalMoveError(f"{shape.code} has no orientation {self.orientation}")
        return Placement.at(shape, self.orientation, self.row, self.col)


@dataclass(frozen=True, slots=True)
class Lift:
    """Take tray slot ``slot`` off the board, back to the tray."""

    slot: int
    assisted = False

    @property
    def text(self) -> str:
        """``"L3"``."""
        return f"L{self.slot}"

    @classmethod
    def from_text(cls, text: str) -> "Lift":
        """Inverse of :attr:`text`; raises :class:`InvalidMoveError`."""
        m = _LIFT_RE.match(text)
        if not m:
            raise InvalidMoveError(f"{text!r} is not a lift move (expected e.g. L3)")
        return cls(int(m[1]))


@dataclass(frozen=True, slots=True)
class Reset:
    """Return every piece to the tray (keeps the ``cheated`` flag)."""

    assisted = False

    @property
    def text(self) -> str:
        """``"R"``."""
        return "R"

    @classmethod
    def from_text(cls, text: str) -> "Reset":
        """Inverse of :attr:`text`; raises :class:`InvalidMoveError`."""
        if text != "R":
            raise InvalidMoveError(f"{text!r} is not a reset move (expected R)")
        return cls()


Move = Union[Place, Lift, Reset]


def parse_move(text: str) -> Move:
    """Parse any move text (see the module docstring); raises :class:`InvalidMoveError`."""
    if not isinstance(text, str):
        raise InvalidMoveError(f"{text!r} is not a move")
    s = text.strip()
    for cls in (Place, Lift, Reset):
        try:
            return cls.from_text(s)
        except InvalidMoveError:
            pass
    raise InvalidMoveError(f"{text!r} is not a move (expected e.g. P3:2@4,5, L3 or R)")


@dataclass(frozen=True, slots=True)
class State:
    """One position of a polyomino puzzle; immutable.

    Attributes:
        puzzle: the :class:`~solver.model.Puzzle` being played.
        pieces: per tray slot, its :class:`Placement` on the board or None (in the tray).
        cheated: True once a Hint or Solve placed a piece.
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
        piece (its own current cells are free for it: moving a piece is one move), and
        under the rotations-only rule it may not be turned over.  The reasons are
        ``"off the board"``, ``"on a blocked cell"``, ``"on a target cell"``, ``"on
        another piece"`` and ``"turned over"``.
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
        if not self.puzzle.mirror:
            o = placement.shape.index_of(placement.cells)
            if o is None or o not in placement.shape.allowed(False):
                return "turned over"
        return None

    @property
    def is_solved(self) -> bool:
        """True when every slot is placed and every cell to cover is covered exactly once."""
        return all(p is not None for p in self.pieces) and self._covered() == self.puzzle.cover_mask

    def _covered(self) -> int:
        board = self.puzzle.board
        m = 0
        for p in self.placed:
            m |= board.mask_of(p.cells)
        return m

    def to_text(self) -> str:
        """Canonical text form (FEN-like): one row per line, a character per cell.

        ``#`` blocked, ``*`` target, ``.`` empty, else the shape's glyph (``O`` for
        方阵, the pentomino letter, lower case for tetrominoes).
        """
        board = self.puzzle.board
        grid = [["." if board.is_open(r, c) else "#" for c in range(board.width)]
                for r in range(board.height)]
        for r, c in self.puzzle.targets:
            grid[r][c] = "*"
        for p in self.placed:
            for r, c in p.cells:
                grid[r][c] = p.shape.glyph
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
            raise IllegalMoveError(f"{pl.shape.name_zh} cannot go there: {why}")
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
    """A free tray slot holding ``placement``'s shape (lowest index), or None.

    Used to map solver placements (which name shapes, not slots) onto the tray.
    """
    for i in state.free_slots:
        if i not in exclude and state.puzzle.formations[i] == placement.formation:
            return i
    return None


def place_move(slot: int, placement: Placement, assisted: bool = False) -> Place:
    """The :class:`Place` move that puts ``slot`` at ``placement`` (via ``Placement.orientation``)."""
    o, r, c = placement.orientation()
    return Place(slot, o, r, c, assisted)


def solution_moves(state: State, solution: tuple[Placement, ...]) -> list[Place]:
    """Assisted :class:`Place` moves that add ``solution``'s new placements to ``state``.

    ``solution`` is a full solution whose first placements are the pieces already on
    the board (as the solver returns it); the rest are mapped onto free tray slots,
    in reading order of their first cell.
    """
    new = solution[len(state.placed):]
    used: set[int] = set()
    out = []
    for pl in sorted(new, key=lambda q: q.cells[0]):
        slot = slot_for(state, pl, used)
        if slot is not None:
            used.add(slot)
            out.append(place_move(slot, pl, assisted=True))
    return out


# ---------------------------------------------------------------- params and puzzles


@dataclass(frozen=True, slots=True)
class Params:
    """What the player picks before a polyomino game.

    Attributes:
        mode: ``"classic"``, ``"drill"`` (Daily Drill), ``"file:PATH"`` (a custom
            puzzle file), ``"variant:NAME"`` (a shipped calendar edition,
            :func:`solver.variants.names`) or ``"variant-file:PATH"`` (a variant file).
        mirror: override of the puzzle's mirror rule (None keeps the puzzle's own).
    """

    mode: str = "classic"
    mirror: bool | None = None

    @property
    def text(self) -> str:
        """``"classic"``, ``"drill,nomirror"``, ``"file:/path/p.toml"`` ..."""
        return self.mode + ("" if self.mirror is None else ",mirror" if self.mirror else ",nomirror")

    @classmethod
    def from_text(cls, text: str) -> "Params":
        """Inverse of :attr:`text`; raises :class:`InvalidParamsError`."""
        mode, _, opt = text.rpartition(",") if text.endswith((",mirror", ",nomirror")) else (text, "", "")
        mirror = None if not opt else opt == "mirror"
        p = cls(mode, mirror)
        GAME.validate_params(p)
        return p

    @property
    def dated(self) -> bool:
        """True when the puzzle depends on the date (each date is its own puzzle)."""
        return not self.mode.startswith("file:")


def make_puzzle(params: Params, date: _dt.date) -> tuple[Puzzle, dict]:
    """The puzzle ``params`` stand for on ``date``, plus facts for the header.

    Returns ``(puzzle, info)``; Daily Drill's ``info`` holds ``count`` (solutions),
    ``stars`` (1..5), ``grade`` and ``grade_zh``.  Daily Drill runs searches (numba):
    call it off the UI thread.  Raises :class:`InvalidParamsError` for an unknown
    mode and the loaders' ``InvalidPuzzleError`` for a bad file.
    """
    info: dict = {}
    mode = params.mode
    if mode == "classic":
        puzzle = Puzzle(classic_board(), CLASSIC_SET, date_targets(date), f"Classic {date.isoformat()}")
    elif mode == "drill":
        from .. import drill

        d = drill.daily_info(date)
        puzzle = d.puzzle()
        info = {"count": d.count, "stars": d.stars, "grade": d.grade, "grade_zh": d.grade_zh}
    elif mode.startswith("file:"):
        from .. import puzzlefile

        puzzle = puzzlefile.load(mode[len("file:"):])
    elif mode.startswith(("variant:", "variant-file:")):
        puzzle = variant_of(params).puzzle(date)
    else:
        raise InvalidParamsError(f"unknown puzzle mode {mode!r}")
    if params.mirror is not None and params.mirror != puzzle.mirror:
        puzzle = replace(puzzle, mirror=params.mirror)
    return puzzle, info


def variant_of(params: Params):
    """The :class:`~solver.variants.Variant` of a ``variant:NAME`` or ``variant-file:PATH``
    mode (loaded and validated; the puzzle's mirror rule is the variant's own).

    Raises :class:`InvalidParamsError` for another mode, and the loaders'
    ``InvalidPuzzleError`` (one line) for an unknown variant or a bad file.
    """
    from .. import variants

    mode = params.mode
    if mode.startswith("variant:"):
        return variants.load(mode[len("variant:"):])
    if mode.startswith("variant-file:"):
        return variants.load_file(mode[len("variant-file:"):])
    raise InvalidParamsError(f"{mode!r} is not a variant mode")


class PolyominoGame:
    """The polyomino back end (satisfies :class:`~solver.games.protocol.Game`)."""

    name = "polyomino"

    def default_params(self) -> Params:
        """Classic, the puzzle's own mirror rule."""
        return Params()

    def parse_params(self, text: str) -> Params:
        """:meth:`Params.from_text`."""
        return Params.from_text(text)

    def validate_params(self, params: Params) -> None:
        """Raises :class:`InvalidParamsError` for an unknown mode, an unknown shipped
        variant, or an empty file path (files are read and checked by :func:`make_puzzle`)."""
        m = params.mode
        if m in ("classic", "drill"):
            return
        for prefix in ("file:", "variant-file:"):
            if m.startswith(prefix) and len(m) > len(prefix):
                return
        if m.startswith("variant:"):
            from .. import variants

            if m[len("variant:"):] in variants.names():
                return
            raise InvalidParamsError(f"unknown variant {m[len('variant:'):]!r} "
                                     f"(use one of {', '.join(variants.names())})")
        raise InvalidParamsError(f"unknown puzzle mode {m!r}")

    def new_game(self, params: Params, date: _dt.date | None = None, seed: int | None = None) -> State:
        """The empty board of ``params`` on ``date`` (default: today)."""
        return State.new(make_puzzle(params, date or _dt.date.today())[0])

    def parse_move(self, text: str) -> Move:
        """:func:`parse_move`."""
        return parse_move(text)

    def apply(self, state: State, move: Move) -> State:
        """:func:`apply`."""
        return apply(state, move)

    def solve(self, state: State) -> list[Place] | None:
        """Assisted moves completing ``state`` (pieces on the board stay), or None when
        no solution exists from it.  Runs a search (numba): not on the UI thread."""
        from ..search import solve_first

        sol = solve_first(state.puzzle, state.placed)
        return None if sol is None else solution_moves(state, sol)

    def hint(self, state: State) -> Place | None:
        """One assisted move that keeps ``state`` solvable (the piece covering the first
        empty cell in reading order), or None when the position is dead or solved."""
        moves = self.solve(state)
        if not moves:
            return None
        return min(moves, key=lambda m: m.placement(state.puzzle).cells[0])

    def status(self, state: State) -> Status:
        """Pieces placed out of the set; solved; assisted."""
        return Status(state.is_solved, state.cheated, len(state.placed), len(state.pieces))


GAME = PolyominoGame()
"""The polyomino back end."""
