"""The back-end protocol every kind of game implements (Tatham's ``struct game``).

A back end is pure: no pygame, no files, no clocks.  It knows the rules of one
kind of game and nothing about undo, timers, saves or drawing, which belong to
the one mid end (:mod:`game.midend`) and the front ends.  Each back-end module
exposes one object, ``GAME``, that satisfies :class:`Game`:

=====================  ==========================================================
``name``               registry key (``"polyomino"``, ``"lights_out"``)
``Params``             what the player chooses before a game (a mode and its options),
                       a frozen value with a text round trip (Tatham's encode/decode)
``default_params()``   the params of the first game
``validate_params(p)`` raises :class:`InvalidParamsError` (a sentence for the player)
``new_game(p, date, seed)``  the starting :class:`State` (the date picks daily puzzles)
``parse_move(text)``   a move from its text; ``parse_move(m.text) == m`` always
``apply(state, move)`` the new state (never mutates); :class:`IllegalMoveError` when
                       the move is not legal here
``solve(state)``       moves from ``state`` to a solution, or None (no solution);
                       may run a search: front ends call it off the UI thread
``hint(state)``        one move of a solution, or None
``status(state)``      the :class:`Status` the screen shows
=====================  ==========================================================

Moves are small frozen dataclasses with a ``text`` property and a ``from_text``
class method (python-chess ``Move.uci()``/``Move.from_uci``): ``M.from_text(s).text
== s`` for every valid ``s``.  A move made by Hint or Solve is *assisted* and its
text says so; the state then remembers it (``cheated``), as Tatham's Flip does.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any, Protocol, Sequence, runtime_checkable


class InvalidMoveError(ValueError):
    """Move text that cannot be parsed (bad syntax)."""


class IllegalMoveError(ValueError):
    """A well-formed move that is not legal in this state; the message is for the player."""


class InvalidParamsError(ValueError):
    """Game parameters that cannot be played (a bad size, an unknown mode); one line."""


@dataclass(frozen=True, slots=True)
class Status:
    """What the screen shows about a state, beside the board.

    Attributes:
        solved: the goal is reached.
        assisted: a Hint or Solve move is part of this state (``cheated``).
        progress: pieces placed (polyomino) or cells still lit (Lights Out).
        total: pieces in the set (polyomino) or cells on the board (Lights Out).
        detail: extra facts by name (e.g. ``{"lit": 3}``), for the front end to word.
    """

    solved: bool
    assisted: bool
    progress: int
    total: int
    detail: tuple[tuple[str, Any], ...] = ()


@runtime_checkable
class Move(Protocol):
    """A move: frozen, hashable, with a text round trip."""

    @property
    def text(self) -> str: ...

    @property
    def assisted(self) -> bool: ...


@runtime_checkable
class State(Protocol):
    """An immutable position."""

    @property
    def is_solved(self) -> bool: ...

    @property
    def cheated(self) -> bool: ...

    def to_text(self) -> str: ...


@runtime_checkable
class Game(Protocol):
    """One kind of game (see the module docstring for each member)."""

    name: str

    def default_params(self) -> Any: ...

    def parse_params(self, text: str) -> Any: ...

    def validate_params(self, params: Any) -> None: ...

    def new_game(self, params: Any, date: _dt.date | None = None, seed: int | None = None) -> Any: ...

    def parse_move(self, text: str) -> Any: ...

    def apply(self, state: Any, move: Any) -> Any: ...

    def solve(self, state: Any) -> Sequence[Any] | None: ...

    def hint(self, state: Any) -> Any | None: ...

    def status(self, state: Any) -> Status: ...
