"""game/midend.py: the one mid end every kind of game is played through (Tatham's ``midend.c``).

No pygame, no files.  A :class:`MidEnd` holds one game (one :class:`GameId`): the
undo/redo list of :class:`Entry` values ``(state, move text, kind)``, the honest
timer, the flags that decide "solved by hand" or "assisted", and the save of all of
it.  Front ends turn input into moves and call :meth:`MidEnd.play`; they never
change a state themselves.  Statistics and the progress file listen to the events
the mid end emits (:class:`Solved`, :class:`Completed`, :class:`Assisted`,
:class:`Changed`) and are written from nowhere else.

The back end (:mod:`solver.games`) knows the rules: ``game.apply(state, move)``
returns a new state or raises :class:`~solver.games.protocol.IllegalMoveError`;
``game.parse_move(text)`` reads a move back from its text.

Rules kept here, in one place:

* **Assisted** (sticky): a Hint, a Solve or the search replay that gave something on
  a game (:meth:`MidEnd.note_assist`, called by the front end when the answer shows a
  piece, a dead end or a solution; "no solution" is no help), or any assisted move
  played, makes the game id assisted for good, even when the help is undone or was
  never placed.  The verdict
  of the game id is taken when it is first solved.
* **Solved once**: :class:`Solved` is emitted the first time the game id reaches a
  solved state and never again (a persisted flag), whatever undo and redo do.
* **Completed**: every time a move (or a redo) turns an unsolved position into a
  solved one; ``by_hand`` when no assisted move is on the board and no help was
  asked since the last completion (the statistics keep hand-found boards).
* **Honest timer**: it starts with the first move; it runs only while the position
  is unsolved, the game has not been recorded as solved, no pause reason is set
  (``"overlay"``, ``"unfocused"``, ``"minimised"``, ``"hidden"``) and the player gave
  some input in the last :data:`IDLE_S` seconds (the first :data:`IDLE_S` seconds of
  a silence count as thinking); it stands still from the moment a Solve or the
  search replay is asked for until the position is one the solver did not make (the
  player moved, undid, redid or restarted): solver time is never solving time.
  Reset is an undoable move, so it does not zero the clock (Undo would otherwise
  bring back a position with its time erased).  Time is
  read from an injectable monotonic ``clock`` (seconds), so tests use a fake one.
"""
from __future__ import annotations

import datetime as _dt
import enum
import math
import re
import time
from dataclasses import dataclass
from typing import Any, Callable

from solver.games.protocol import IllegalMoveError, InvalidMoveError

IDLE_S = 60.0
"""Seconds without input after which the timer pauses (issue 12: "idle for a minute")."""
MAX_ELAPSED_S = 100 * 3600.0
"""Largest timer value taken from a save (seconds); anything else reads as 0."""
PAUSE_REASONS = ("overlay", "unfocused", "minimised", "hidden")
"""Why the timer may be paused: an overlay is open, the window lost the focus or is
minimised, the scene is not the one shown."""


_FILE_ID = re.compile(r"^(file:[0-9a-f]{16})(?: (\S+))?$")


class Kind(enum.Enum):
    """What made a history entry (Tatham's NEWGAME / MOVE / SOLVE / RESTART, plus HINT)."""

    NEW = "new"
    MOVE = "move"
    HINT = "hint"
    SOLVE = "solve"
    RESTART = "restart"


@dataclass(frozen=True, slots=True)
class GameId:
    """Which game: a mode, the puzzle's date and an extra (Flip's board size).

    Attributes:
        mode: ``"classic"``, ``"drill"``, ``"variant:NAME"``, ``"flip"`` or ``"file:KEY"``
            (a custom file's content key, :attr:`solver.model.Puzzle.digest`).
        date: the puzzle's date; None for undated puzzles (custom files, random Flip deals).
        extra: more identity inside a mode and date (``"4x4"`` for Flip), "" for none.
    """

    mode: str
    date: _dt.date | None = None
    extra: str = ""

    @property
    def text(self) -> str:
        """The key in the progress file: ``"classic 2024-05-01"``, ``"flip 4x4 2024-05-01"``,
        ``"file:a535f559782c6b19"``."""
        return " ".join(p for p in (self.mode, self.extra, self.date.isoformat() if self.date else "") if p)

    @classmethod
    def from_text(cls, text: str) -> "GameId":
        """Inverse of :attr:`text`.  A ``file:`` id is a content key and an optional extra
        (``"file:28f8afc85c7f8127 rotations"``), or else the whole text (the name-keyed ids of
        earlier versions: names may hold spaces).

        Raises ``ValueError`` for an empty text.
        """
        if not isinstance(text, str) or not text.strip():
            raise ValueError("empty game id")
        if text.startswith("file:"):
            m = _FILE_ID.match(text)  # a content key ("file:<16 hex> rotations"), else a name
            return cls(m[1], None, m[2] or "") if m else cls(text)
        parts = text.split(" ")
        date = None
        if len(parts) > 1:
            try:
                date = _dt.date.fromisoformat(parts[-1])
                parts = parts[:-1]
            except ValueError:
                date = None
        return cls(parts[0], date, " ".join(parts[1:]))


@dataclass(frozen=True, slots=True)
class Entry:
    """One history entry: the state after ``move`` (its text; "" for NEW and RESTART)."""

    state: Any
    move: str
    kind: Kind


# ---------------------------------------------------------------- events


@dataclass(frozen=True, slots=True)
class Solved:
    """The game id was solved for the first time (emitted once per game id).

    Attributes:
        game_id: the game.
        seconds: timer value at the solve (first move to solved, pauses excluded).
        moves: moves made to reach the solved position (since the last restart).
        assisted: help was asked for or placed before the solve.
        solution: the solved board as text (the front end's ``solution_text``; "" if none).
        on_day: the calendar day it happened (local).
    """

    game_id: GameId
    seconds: float
    moves: int
    assisted: bool
    solution: str
    on_day: _dt.date


@dataclass(frozen=True, slots=True)
class Completed:
    """A move or a redo turned the position into a solved one (every time it happens).

    ``by_hand`` is False when an assisted move is on the board or help was asked since
    the last completion.
    """

    game_id: GameId
    solution: str
    by_hand: bool
    on_day: _dt.date


@dataclass(frozen=True, slots=True)
class Assisted:
    """Help was asked for: ``kind`` is ``"hint"``, ``"solve"`` or ``"search"``."""

    game_id: GameId
    kind: str


@dataclass(frozen=True, slots=True)
class Changed:
    """The position, the flags or the timer changed: the save is out of date."""

    game_id: GameId


Event = Solved | Completed | Assisted | Changed
Listener = Callable[[Any], None]


class MidEnd:
    """One game: undo/redo list, timer, assisted/solved verdicts, save.

    Args:
        game: the back end (``apply``, ``parse_move``, ``status``).
        params: the back end's params of this game (their ``.text`` goes in the save).
        game_id: the :class:`GameId`.
        first_state: the state the game starts from.
        clock: monotonic seconds (default :func:`time.monotonic`).
        today: the local calendar day (default :meth:`datetime.date.today`).
        solution_text: ``state -> str``, the solved board as text for the statistics
            (default: ``state.to_text()``).

    Attributes:
        history: the :class:`Entry` list; ``history[0]`` is the NEW entry.
        pos: index of the current entry.
        listeners: callables receiving every event, in order.
        refused: the save :meth:`from_save` would not replay (its params are another
            game's), or None.
    """

    def __init__(self, game: Any, params: Any, game_id: GameId, first_state: Any, *,
                 clock: Callable[[], float] = time.monotonic,
                 today: Callable[[], _dt.date] = _dt.date.today,
                 solution_text: Callable[[Any], str] | None = None) -> None:
        self.game = game
        self.params = params
        self.game_id = game_id
        self.history: list[Entry] = [Entry(first_state, "", Kind.NEW)]
        self.pos = 0
        self.listeners: list[Listener] = []
        self.clock = clock
        self.today = today
        self.solution_text = solution_text or (lambda s: s.to_text())
        self._assisted = False
        self._recorded = False
        self._help_since_done = False
        self._started = False
        self._acc = 0.0
        self._seg: float | None = None
        self._last_input = -math.inf
        self._paused: set[str] = set()
        self._solver_plays = False  # a Solve or the search replay was asked for: the clock waits
        self.refused: dict[str, Any] | None = None

    # ------------------------------------------------------------ position

    @property
    def state(self) -> Any:
        """The current state."""
        return self.history[self.pos].state

    @property
    def first_state(self) -> Any:
        """The state the game started from."""
        return self.history[0].state

    @property
    def moves(self) -> int:
        """Moves made to reach the current state since the last restart (undone ones not counted)."""
        n = 0
        for e in self.history[1:self.pos + 1]:
            n = 0 if e.kind is Kind.RESTART else n + 1
        return n

    @property
    def status(self) -> Any:
        """The back end's :class:`~solver.games.protocol.Status` of the current state."""
        return self.game.status(self.state)

    @property
    def assisted(self) -> bool:
        """True once help was asked for or an assisted move was played (sticky)."""
        return self._assisted

    @property
    def recorded(self) -> bool:
        """True once :class:`Solved` was emitted for this game id."""
        return self._recorded

    def can_undo(self) -> bool:
        """True when there is an entry to step back to."""
        return self.pos > 0

    def can_redo(self) -> bool:
        """True when there is an undone entry to step forward to."""
        return self.pos < len(self.history) - 1

    def move_texts(self) -> list[str]:
        """Move texts from the start to the current position (RESTART entries as "")."""
        return [e.move for e in self.history[1:self.pos + 1]]

    def play(self, move: Any, kind: Kind = Kind.MOVE) -> Any:
        """Apply ``move`` through the back end; drops the redo tail; returns the new state.

        ``kind`` HINT or SOLVE (or a move whose ``assisted`` is true) makes the game
        assisted.  Raises :class:`IllegalMoveError` (the state is unchanged).
        """
        if kind in (Kind.NEW, Kind.RESTART):
            raise ValueError(f"play() takes a move, not a {kind.value} entry")
        new = self.game.apply(self.state, move)
        self.note_input()
        was = bool(self.state.is_solved)
        del self.history[self.pos + 1:]
        self.history.append(Entry(new, move.text, kind))
        self.pos += 1
        if kind in (Kind.HINT, Kind.SOLVE) or getattr(move, "assisted", False):
            self._assisted = True
        self._started = True
        self._after_change(was)
        return new

    def undo(self) -> bool:
        """Step back one entry; False when there is nothing to undo."""
        if not self.can_undo():
            return False
        self.note_input()
        was = bool(self.state.is_solved)
        self.pos -= 1
        self._after_change(was)
        return True

    def redo(self) -> bool:
        """Step forward one entry; False when there is nothing to redo."""
        if not self.can_redo():
            return False
        self.note_input()
        was = bool(self.state.is_solved)
        self.pos += 1
        self._after_change(was)
        return True

    def restart(self) -> bool:
        """Back to the first state as a new, undoable RESTART entry (the redo tail is dropped).

        Returns False when the position already is the first state with no move made.
        """
        if self.state == self.first_state and self.moves == 0:
            return False
        self.note_input()
        was = bool(self.state.is_solved)
        del self.history[self.pos + 1:]
        self.history.append(Entry(self.first_state, "", Kind.RESTART))
        self.pos += 1
        self._after_change(was)
        return True

    def note_assist(self, kind: str) -> None:
        """Help was asked for (``"hint"``, ``"solve"`` or ``"search"``): the game id is
        assisted from now on, even if the help is undone or never placed."""
        self._assisted = True
        self._help_since_done = True
        self._solver_plays |= kind in ("solve", "search")  # the clock waits for the solver's moves
        self._update_timer(self.clock())
        self._emit(Assisted(self.game_id, kind))
        self._emit(Changed(self.game_id))

    def _after_change(self, was_solved: bool) -> None:
        """Timer, verdicts and events after the position changed."""
        now = self.clock()
        state = self.state
        solved = bool(state.is_solved)
        self._solver_plays = self._solver_plays and self.history[self.pos].kind is Kind.SOLVE
        events: list[Any] = []
        if solved and not was_solved:
            text = self.solution_text(state)
            by_hand = not getattr(state, "cheated", False) and not self._help_since_done
            self._help_since_done = False
            events.append(Completed(self.game_id, text, by_hand, self.today()))
            if not self._recorded:
                self._fold(now)
                self._recorded = True
                events.append(Solved(self.game_id, round(self._acc, 3), self.moves, self._assisted, text,
                                     self.today()))
        self._update_timer(now)
        for ev in events:
            self._emit(ev)
        self._emit(Changed(self.game_id))

    def _emit(self, event: Any) -> None:
        for listener in list(self.listeners):
            listener(event)

    # ------------------------------------------------------------ timer

    def _runnable(self, now: float) -> bool:
        return (self._started and not self._recorded and not self._paused and not self._solver_plays
                and not self.state.is_solved and now < self._last_input + IDLE_S)

    def _fold(self, now: float) -> None:
        """Add the running segment (up to the idle cut-off) to the total and stop it."""
        if self._seg is not None:
            end = min(now, self._last_input + IDLE_S)
            if end > self._seg:
                self._acc += end - self._seg
            self._seg = None

    def _update_timer(self, now: float) -> None:
        self._fold(now)
        if self._runnable(now):
            self._seg = now

    def note_input(self) -> None:
        """The player did something (a key, a click, a drag): the idle countdown restarts."""
        now = self.clock()
        self._fold(now)
        self._last_input = now
        self._update_timer(now)

    def pause(self, reason: str) -> None:
        """Pause the timer for ``reason`` (one of :data:`PAUSE_REASONS`) until :meth:`resume`."""
        now = self.clock()
        self._paused.add(reason)
        self._update_timer(now)

    def resume(self, reason: str) -> None:
        """Lift the pause ``reason``; the timer runs again when nothing else holds it.

        Coming back counts as input (the player is at the window again).
        """
        if reason not in self._paused:
            return
        self._paused.discard(reason)
        self.note_input()

    @property
    def paused(self) -> frozenset[str]:
        """The pause reasons in force."""
        return frozenset(self._paused)

    @property
    def running(self) -> bool:
        """True while the timer counts."""
        return self._seg is not None and self.clock() < self._last_input + IDLE_S

    @property
    def started(self) -> bool:
        """True once the first move was made."""
        return self._started

    @property
    def elapsed_s(self) -> float:
        """Seconds of solving so far (pauses, idle time past :data:`IDLE_S` and time after
        the first solve excluded)."""
        if self._seg is None:
            return self._acc
        end = min(self.clock(), self._last_input + IDLE_S)
        return self._acc + max(0.0, end - self._seg)

    # ------------------------------------------------------------ saves

    def to_save(self) -> dict[str, Any]:
        """Everything needed to come back: params text, every move with its kind, position,
        timer and flags (JSON-ready; :meth:`from_save` reads it)."""
        return {
            "params": getattr(self.params, "text", ""),
            "moves": [[e.kind.value, e.move] for e in self.history[1:]],
            "pos": self.pos,
            "elapsed_s": round(self.elapsed_s, 3),
            "started": self._started,
            "assisted": self._assisted,
            "recorded": self._recorded,
            "help_since_done": self._help_since_done,
        }

    @classmethod
    def from_save(cls, game: Any, params: Any, game_id: GameId, first_state: Any, save: Any,
                  accepts: Callable[[Any], bool] | None = None, **kw: Any) -> "MidEnd":
        """A mid end restored from :meth:`to_save` output: the moves are replayed from
        ``first_state`` (stopping quietly at the first one that does not parse or apply),
        so Undo works after a restart.  A save of the wrong shape gives a fresh game.

        A save is another game's when ``accepts(save["params"])`` is false (default: a
        params text other than ``params.text``; a save without one is accepted): it is
        never replayed; the mid end is a fresh game with the save in :attr:`refused`
        (the caller keeps it aside).  Takes the :meth:`__init__` keywords.
        """
        me = cls(game, params, game_id, first_state, **kw)
        if not isinstance(save, dict):
            return me
        stored = save.get("params")
        ok = accepts(stored) if accepts is not None else (
            not isinstance(stored, str) or not stored or stored == getattr(params, "text", stored))
        if not ok:
            me.refused = save
            return me
        me.history.extend(replay(game, first_state, save.get("moves")))
        pos = save.get("pos")
        pos = pos if isinstance(pos, int) and not isinstance(pos, bool) else len(me.history) - 1
        me.pos = max(0, min(pos, len(me.history) - 1))
        el = save.get("elapsed_s")
        ok = isinstance(el, (int, float)) and not isinstance(el, bool) and math.isfinite(el)
        me._acc = float(el) if ok and 0.0 <= el <= MAX_ELAPSED_S else 0.0
        me._started = bool(save.get("started")) or len(me.history) > 1
        me._assisted = bool(save.get("assisted")) or any(
            e.kind in (Kind.HINT, Kind.SOLVE) for e in me.history) or bool(getattr(me.state, "cheated", False))
        me._recorded = bool(save.get("recorded"))
        me._help_since_done = bool(save.get("help_since_done"))
        return me


def replay(game: Any, first_state: Any, moves: Any) -> list[Entry]:
    """The history entries after the first, rebuilt from saved ``[kind, move text]`` pairs.

    Each move is parsed and applied by the back end ``game`` from ``first_state`` (RESTART
    goes back to it); the replay stops quietly at NEW or at the first pair that is malformed
    or does not parse or apply, so a damaged tail loses only itself.  ``moves`` of any
    other type gives [].
    """
    out: list[Entry] = []
    state = first_state
    for item in moves if isinstance(moves, list) else []:
        try:
            kind = Kind(item[0])
            text = item[1]
            if kind is Kind.RESTART:
                state = first_state
            elif kind is Kind.NEW:
                break
            else:
                state = game.apply(state, game.parse_move(text))
        except (IllegalMoveError, InvalidMoveError, ValueError, TypeError, IndexError, KeyError):
            break
        out.append(Entry(state, text if kind is not Kind.RESTART else "", kind))
    return out


__all__ = ["MidEnd", "replay", "GameId", "Entry", "Kind", "Solved", "Completed", "Assisted", "Changed",
           "IDLE_S", "PAUSE_REASONS", "IllegalMoveError"]
