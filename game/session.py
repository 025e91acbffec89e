"""game/session.py: the mid end: undo/redo list, timer and move count (no pygame).

Like Tatham's ``midend.c``: a list of ``(state, move string)`` entries and a
position in it.  :meth:`Session.do` applies a move through :func:`solver.games.polyomino.apply`
and drops any redo tail; :meth:`undo`/:meth:`redo` move the position.  The timer
counts seconds of play (it stops once solved).  The undo log is a plain list of
move strings (:meth:`Session.move_log`), ready to be saved.
"""
from __future__ import annotations

from dataclasses import dataclass

from solver.model import Puzzle

from solver.games.polyomino import Move, State, apply


@dataclass(frozen=True, slots=True)
class Entry:
    """One history entry: the state after ``move`` (``move`` is "" for the start)."""

    state: State
    move: str


class Session:
    """Undo/redo history and the play timer for one puzzle.

    Args:
        puzzle: the puzzle to play; the history starts from :meth:`State.new`.
    """

    def __init__(self, puzzle: Puzzle) -> None:
        self.history: list[Entry] = [Entry(State.new(puzzle), "")]
        self.pos = 0
        self.elapsed_s = 0.0
        self.direction = 0

    @property
    def state(self) -> State:
        """The current :class:`State`."""
        return self.history[self.pos].state

    @property
    def moves(self) -> int:
        """Moves made to reach the current state (undone moves not counted)."""
        return self.pos

    def do(self, move: Move) -> State:
        """Apply ``move``; returns the new state. Raises :class:`~solver.games.protocol.IllegalMoveError`."""
        new = apply(self.state, move)
        del self.history[self.pos + 1:]
        self.history.append(Entry(new, move.text))
        self.pos += 1
        self.direction = 1
        return new

    def can_undo(self) -> bool:
        """True when there is a move to undo."""
        return self.pos > 0

    def can_redo(self) -> bool:
        """True when there is an undone move to redo."""
        return self.pos < len(self.history) - 1

    def undo(self) -> bool:
        """Step back one move; returns False when there is nothing to undo."""
        if not self.can_undo():
            return False
        self.pos -= 1
        self.direction = -1
        return True

    def redo(self) -> bool:
        """Step forward one move; returns False when there is nothing to redo."""
        if not self.can_redo():
            return False
        self.pos += 1
        self.direction = 1
        return True

    def tick(self, dt_s: float) -> None:
        """Advance the play timer by ``dt_s`` seconds unless the puzzle is solved."""
        if not self.state.is_solved:
            self.elapsed_s += dt_s

    def move_log(self) -> list[str]:
        """Move strings from the start to the current position."""
        return [e.move for e in self.history[1:self.pos + 1]]
