"""game/polyomino/round.py: the polyomino modes, and one puzzle in play.

A :class:`Mode` is what the player picks (F1, F2, a custom file): the back end's
params, its words, whether each date is its own puzzle.  A :class:`Round` is one
puzzle of a mode being played: the puzzle, its :class:`~game.midend.MidEnd`
(restored from the progress file and wired to the statistics and the saves), its UI
state and its header facts.  Everything that changes the position goes through
:meth:`Round.play` and :meth:`Round.history_step`, i.e. through the mid end.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any, Callable

from solver.games.polyomino import GAME, Params, Place, State
from solver.games.protocol import IllegalMoveError

from .. import palette as P
from ..i18n import Msg, msg
from ..midend import Completed, GameId, Kind, MidEnd
from . import found
from .assist import Facts
from .input import WHY
from .ui import FLASH_S, Ui


@dataclass(frozen=True)
class Mode:
    """One polyomino mode.

    Attributes:
        name: the scene's registry name (``"classic"``, ``"drill"``, ``"custom"``).
        params: the back end's :class:`~solver.games.polyomino.Params`.
        title_key, rules_key, tray_key: :mod:`game.i18n` keys of its name, its goal, its tray.
        dated: each date is its own puzzle (the date buttons and keys work).
        on_worker: building a date's puzzle searches (Daily Drill): done on the solver thread.
    """

    name: str
    params: Params
    title_key: str
    rules_key: str
    tray_key: str = "tray"
    dated: bool = True
    on_worker: bool = False

    def game_id(self, date: _dt.date, puzzle_name: str = "") -> GameId:
        """The game id of this mode's puzzle on ``date`` (an undated mode: of its file)."""
        return GameId(self.params.mode, date) if self.dated else GameId("file:" + puzzle_name)


CLASSIC = Mode("classic", Params("classic"), "mode_classic", "rules_classic")
"""Classic (F1): the classic board, the Classic set, the date's month and day as targets."""
DRILL = Mode("drill", Params("drill"), "mode_drill", "rules_drill", "today_set", on_worker=True)
"""Daily Drill (F2): a month-length board and the date's formation set."""


def file_mode(path: str) -> Mode:
    """The mode of a custom puzzle file (``--puzzle PATH``)."""
    return Mode("custom", Params("file:" + path), "mode_custom", "rules_custom", dated=False)


class Round:
    """One puzzle in play (see the module docstring).

    Args:
        ctx: the shared :class:`~game.scene.Context` (store, statistics, clocks).
        mode: the :class:`Mode`.
        date: the puzzle's date.
        loaded: a :class:`~solver.model.Puzzle`, or ``(Puzzle, info)`` (Daily Drill's
            ``count``, ``stars``, ``grade``, ``grade_zh``).
        pauses: timer pause reasons in force (an overlay open, the window unfocused).
        on_event: a mid-end listener called first by the announcer (the daily ritual:
            finish screens, chimes), before the statistics record the event.

    Raises the puzzle's ``InvalidPuzzleError`` when it cannot be played.
    """

    def __init__(self, ctx: Any, mode: Mode, date: _dt.date, loaded: Any, pauses: set[str],
                 on_event: Callable[[Any], None] | None = None) -> None:
        puzzle, info = loaded if isinstance(loaded, tuple) else (loaded, {})
        puzzle.validate()
        self.ctx = ctx
        self.mode = mode
        self.puzzle = puzzle
        self.facts = Facts(info.get("count"), dict(info))
        self.on_event = on_event
        gid = mode.game_id(date, puzzle.name)
        self.midend = MidEnd.from_save(GAME, mode.params, gid, State.new(puzzle), ctx.store.game(gid),
                                       clock=ctx.clock, today=ctx.today, solution_text=found.solution_text)
        ctx.bind(self.midend, self._announce)
        for reason in pauses:
            self.midend.pause(reason)
        b = puzzle.board
        self.ui = Ui(tray_orient=[0] * len(puzzle.formations), cursor=(b.height // 2, b.width // 2))
        self.ui.solved_seen = self.midend.state.is_solved

    @property
    def state(self) -> State:
        """The current back-end state."""
        return self.midend.state

    def found(self) -> tuple[str, ...]:
        """Boards of this puzzle found by hand (solution keys)."""
        return self.ctx.stats.found(self.midend.game_id)

    def play(self, move: Any, kind: Kind = Kind.MOVE) -> bool:
        """Play ``move`` through the mid end; False (and a message) when it is illegal."""
        try:
            self.midend.play(move, kind)
        except IllegalMoveError:
            if isinstance(move, Place):
                reason = self.state.check_place(move.slot, move.placement(self.puzzle)) or ""
                self.ui.say(msg(WHY.get(reason, "stale")), P.ILLEGAL, 2.5)
            return False
        self.changed()
        return True

    def history_step(self, name: str) -> bool:
        """``"reset"`` (an undoable restart), ``"undo"`` or ``"redo"``; stops the animations
        first.  False when there was nothing to do."""
        ui = self.ui
        ui.stop_animations()
        ui.drag = None
        found.stop(ui)
        me = self.midend
        done = {"reset": me.restart, "undo": me.undo, "redo": me.redo}[name]()
        if done:
            self.changed()
        return done

    def changed(self) -> None:
        """After the position moved: clear outlines, forget a completion that was undone."""
        ui = self.ui
        ui.dead_slots = ()
        if not self.state.is_solved and ui.solved_seen:
            ui.solved_seen = ui.solved_by_solver = False
            if ui.message is not None and ui.message.key in ("solved", "solved_and"):
                ui.message_ttl = 0.0

    def save_now(self) -> None:
        """Write the mid end's save now (its timer runs on between moves)."""
        me = self.midend
        if me.started or me.assisted or len(me.history) > 1:
            self.ctx.store.put_game(me.game_id, me.to_save())

    def _announce(self, ev: Any) -> None:
        """Mid-end listener (it runs before the statistics, so a find can be told new from
        seen): the completion moment: flash, banner, message; then the ritual (finish
        screen, chime)."""
        if not isinstance(ev, Completed):
            if self.on_event is not None:
                self.on_event(ev)
            return
        ui = self.ui
        ui.solved_seen, ui.banner_t = True, 0.0
        ui.flash_s = 0.0 if self.ctx.prefs.reduce_motion else FLASH_S
        ui.flights.clear()
        me = self.midend
        ui.solved_by_solver = me.history[me.pos].kind is Kind.SOLVE
        text: Msg = msg("solved")
        if self.mode.dated and ev.by_hand:
            known = self.found()
            k, n = len(known) + (ev.solution not in known), self.facts.count
            more = (msg("found_again") if ev.solution in known else
                    msg("found_new", k=k, n=n) if n else msg("found_unknown", k=k))
            text = msg("solved_and", more=more)
        ui.say(text, P.LEGAL, 8.0 if text.key == "solved_and" else 1e9)
        if self.on_event is not None:
            self.on_event(ev)
