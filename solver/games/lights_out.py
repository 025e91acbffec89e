"""The Lights Out back end (the Flip mode, 翻转色块): an n x n grid of lit and unlit cells.

Pressing a cell toggles it and its up, down, left and right neighbours that exist;
the goal is every cell off.  The linear algebra over GF(2) (solvability, the null
space, the fewest presses, uniform dealing) lives in :mod:`solver.flip`; this module
is the game on top of it: params, state, moves with a text round trip, ``apply``.

Move text::

    2,3     press row 2, column 3
    A2,3    the same press made by Hint or Solve (assisted: sets ``cheated``)

Params text: the board side, then ``daily`` (the date's deal, the same for everyone)
or ``random`` (a uniformly random solvable deal from a seed)::

    4,daily    6,random
"""
from __future__ import annotations

import datetime as _dt
import random
import re
from dataclasses import dataclass

from .. import flip
from .protocol import IllegalMoveError, InvalidMoveError, InvalidParamsError, Status

MIN_SIZE = flip.MIN_GAME_SIZE
"""Smallest board side the game deals."""
MAX_SIZE = flip.MAX_GAME_SIZE
"""Largest board side the game deals."""
DEFAULT_SIZE = 4
"""The first board is 4 x 4."""

_PRESS_RE = re.compile(r"^(A?)(\d+),(\d+)$")


@dataclass(frozen=True, slots=True)
class Press:
    """Press one cell.

    Attributes:
        row, col: the cell.
        assisted: made by Hint or Solve.
    """

    row: int
    col: int
    assisted: bool = False

    @property
    def text(self) -> str:
        """``"2,3"`` (``"A2,3"`` when assisted)."""
        return f"{'A' if self.assisted else ''}{self.row},{self.col}"

    @classmethod
    def from_text(cls, text: str) -> "Press":
        """Inverse of :attr:`text`; raises :class:`InvalidMoveError` when malformed."""
        m = _PRESS_RE.match(text.strip()) if isinstance(text, str) else None
        if not m:
            raise InvalidMoveError(f"{text!r} is not a press (use \"row,col\")")
        return cls(int(m[2]), int(m[3]), m[1] == "A")


@dataclass(frozen=True, slots=True)
class State:
    """What undo restores: the lit pattern, the presses made, and whether help was used.

    Attributes:
        w, h: board width and height (cells).
        lit: lit cells (mask, bit ``r * w + c``).
        moves: number of presses made so far.
        cheated: True once a Hint or Solve press went through :func:`apply`.
    """

    w: int
    h: int
    lit: int
    moves: int = 0
    cheated: bool = False

    @property
    def is_solved(self) -> bool:
        """All cells off."""
        return self.lit == 0

    def is_lit(self, r: int, c: int) -> bool:
        """Whether cell ``(r, c)`` is lit."""
        return bool((self.lit >> flip.cell_bit(self.w, self.h, r, c)) & 1)

    def to_text(self) -> str:
        """Rows of ``#`` (lit) and ``.`` (off), one per line."""
        return flip.draw_text(self.w, self.h, self.lit)


def apply(state: State, move: Press) -> State:
    """New state after ``move`` (never mutates ``state``).

    Raises :class:`IllegalMoveError` for a press off the board.
    """
    if not (0 <= move.row < state.h and 0 <= move.col < state.w):
        raise IllegalMoveError(f"press {move.text} is off the {state.h} x {state.w} board")
    return State(state.w, state.h, state.lit ^ flip.press_mask(state.w, state.h, move.row, move.col),
                 state.moves + 1, state.cheated or move.assisted)


@dataclass(frozen=True, slots=True)
class Params:
    """What the player picks: the board side and the deal.

    Attributes:
        size: board side ``n`` (an n x n board), :data:`MIN_SIZE` .. :data:`MAX_SIZE`.
        daily: True for the date's deal, False for a random deal from a seed.
    """

    size: int = DEFAULT_SIZE
    daily: bool = True

    @property
    def text(self) -> str:
        """``"4,daily"`` or ``"6,random"``."""
        return f"{self.size},{'daily' if self.daily else 'random'}"

    @classmethod
    def from_text(cls, text: str) -> "Params":
        """Inverse of :attr:`text`; raises :class:`InvalidParamsError`."""
        m = re.match(r"^(\d+),(daily|random)$", text.strip()) if isinstance(text, str) else None
        if not m:
            raise InvalidParamsError(f"{text!r} is not a Flip game (use e.g. 4,daily)")
        p = cls(int(m[1]), m[2] == "daily")
        GAME.validate_params(p)
        return p


def par(state: State) -> int | None:
    """Fewest presses that solve ``state``'s pattern (None when unsolvable)."""
    return flip.par(state.w, state.h, state.lit)


class LightsOutGame:
    """The Lights Out back end (satisfies :class:`~solver.games.protocol.Game`)."""

    name = "lights_out"

    def default_params(self) -> Params:
        """The daily 4 x 4 deal."""
        return Params()

    def parse_params(self, text: str) -> Params:
        """:meth:`Params.from_text`."""
        return Params.from_text(text)

    def validate_params(self, params: Params) -> None:
        """Raises :class:`InvalidParamsError` when the size is outside 3..12."""
        if not MIN_SIZE <= params.size <= MAX_SIZE:
            raise InvalidParamsError(f"a Flip board is {MIN_SIZE} to {MAX_SIZE} cells wide, not {params.size}")

    def new_game(self, params: Params, date: _dt.date | None = None, seed: int | None = None) -> State:
        """The dealt board: the date's deal (default today) or a random one from ``seed``.

        Every deal is solvable and uniform over the solvable non-empty patterns
        (:func:`solver.flip.random_pattern`).
        """
        self.validate_params(params)
        n = params.size
        if params.daily:
            lit = flip.daily_pattern(date or _dt.date.today(), n)
        else:
            lit = flip.random_pattern(n, n, random.Random(seed))
        return State(n, n, lit)

    def parse_move(self, text: str) -> Press:
        """:meth:`Press.from_text`."""
        return Press.from_text(text)

    def apply(self, state: State, move: Press) -> State:
        """:func:`apply`."""
        return apply(state, move)

    def solve(self, state: State) -> list[Press] | None:
        """The fewest assisted presses solving ``state``, row-major; None when unsolvable.

        Fast (GF(2) elimination, cached per board size): safe on the UI thread.
        """
        if state.is_solved:
            return []
        x, _ = flip.fewest_presses(state.w, state.h, state.lit)
        if x is None:
            return None
        return [Press(r, c, True) for r, c in flip.mask_to_cells(state.w, x)]

    def hint(self, state: State) -> Press | None:
        """One press of a fewest-press solution (after it, the rest is again fewest)."""
        moves = self.solve(state)
        return moves[0] if moves else None

    def status(self, state: State) -> Status:
        """Cells still lit out of all; solved; assisted; ``detail``: ``moves``."""
        return Status(state.is_solved, state.cheated, state.lit.bit_count(), state.w * state.h,
                      (("moves", state.moves),))


GAME = LightsOutGame()
"""The Lights Out back end."""
