"""game/polyomino/assist.py: the polyomino scene's questions to the solver and its answers.

:class:`Assist` is composed into the scene.  It sends Hint, Solve, Show-search and
solution-count requests to the shared :class:`~game.worker.SolverWorker` (which calls
:mod:`solver.search`), keeps the ids of the ones still open, and turns each fresh answer
into UI state: a hint shown before it is placed, the pieces that make a position
dead, the Solve fly-in, the search replay, the solution count.  Answers to a position
that has changed since the question are dropped.

Help counts (the game becomes assisted, :meth:`~game.midend.MidEnd.note_assist`, and
the statistics count a hint) when an answer gives something: a piece, the pieces to
move, a solution, a search to watch.  "No solution" gives nothing and counts as no
help; when the player's "Allow flipping" setting is what leaves the date without a
solution, the answer says so and where to turn it on.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from solver.games.polyomino import State
from solver.model import Placement, Puzzle

from .. import palette as P
from ..i18n import Name, msg
from . import anim, found
from .ui import DEAD_S, Ui

BUSY_KEYS = frozenset({"solving", "thinking", "queued", "busy", "replay_wait"})
"""Status messages that announce solver work for the player (cleared when it stops)."""


@dataclass
class Facts:
    """What the header shows about the puzzle beside the position.

    Attributes:
        count: number of solutions (None until counted).  info: the mode's extra facts
            (Daily Drill: ``stars``, ``grade``, ``grade_zh``; may hold ``count``).
        count_tries: count requests sent (a cancelled count is asked again, up to 3).
    """

    count: int | None = None
    info: dict | None = None
    count_tries: int = 0


class Assist:
    """Solver requests of one scene (see the module docstring).

    Args:
        ctx: the shared :class:`~game.scene.Context` (its worker is started on demand).
    """

    def __init__(self, ctx: Any) -> None:
        self.ctx = ctx
        self.pending: dict[str, int] = {}

    @property
    def player_waiting(self) -> bool:
        """True while a Hint, Solve or Show-search answer is awaited."""
        return any(k != "count" for k in self.pending)

    def ask(self, kind: str, puzzle: Puzzle, fixed: tuple[Placement, ...], ui: Ui | None = None) -> None:
        """Send a ``"hint"``, ``"solve"``, ``"trace"`` or ``"count"`` request; the status line
        says what happens meanwhile."""
        worker = self.ctx.solver()
        if kind != "count" and ui is not None:
            if not worker.ready:
                ui.say(msg("queued"), P.TEXT_SOFT, 30)
            elif self.player_waiting:
                ui.say(msg("busy"), P.TEXT_SOFT, 30)
            else:
                ui.say(msg("thinking" if kind == "hint" else "replay_wait" if kind == "trace" else "solving"),
                       P.TEXT_SOFT, 30)
        self.pending[kind] = worker.submit(kind, puzzle, fixed)

    def help(self, name: str, rnd: Any) -> None:
        """Hint, Solve or Show search (``name``) asked for on the :class:`~.round.Round` in play:
        the question goes to the solver (the game becomes assisted when the answer gives
        something, :meth:`answer`)."""
        ui, state = rnd.ui, rnd.state
        if ui.animating:
            return
        if state.is_solved:
            ui.say(msg("already_solved"))
            return
        ui.drag = None
        found.stop(ui)
        self.ask("trace" if name == "search" else name, rnd.puzzle, state.placed, ui)

    def count(self, rnd: Any) -> None:
        """Ask for the number of solutions of the round's puzzle (not again once counted, or
        after three cancelled tries)."""
        facts = rnd.facts
        if facts.count is None and "count" not in self.pending and facts.count_tries < 3:
            facts.count_tries += 1
            self.ask("count", rnd.puzzle, ())

    def cancel(self) -> None:
        """Drop every open request and stop the running search (a date or mode change: no
        question asked for the old puzzle is worth finishing)."""
        worker = self.ctx.worker
        if worker is not None:
            worker.cancel()
        self.pending = {}

    def take(self, res: Any) -> bool:
        """True when ``res`` answers an open request (which is then closed)."""
        if self.pending.get(res.kind) != res.rid:
            return False
        del self.pending[res.kind]
        return True

    def answer(self, res: Any, rnd: Any) -> None:
        """Turn a fresh answer for the :class:`~.round.Round` in play into UI state, and
        note the help on its mid end when the answer gives some (see the module docstring)."""
        state, ui, facts = rnd.state, rnd.ui, rnd.facts
        if res.status == "cancelled":
            if res.kind == "count":
                facts.count_tries = max(0, facts.count_tries - 1)  # asked again once idle
            return
        if res.status == "error":
            ui.say(msg("solver_problem", msg=res.message), P.ILLEGAL, 6)
            return
        if res.kind == "count":
            facts.count = res.count
            return
        if tuple(res.fixed) != state.placed:
            ui.say(msg("stale"), P.TEXT_SOFT)
            return
        if res.kind == "hint":
            if self._hint(res, state, ui, rnd.flip_off):
                rnd.midend.note_assist("hint")
        elif res.status != "ok" or res.solution is None:
            if res.kind == "solve":
                self.ask("hint", state.puzzle, state.placed)  # names the pieces that make it dead
            ui.say(msg("no_solution_rotations" if rnd.flip_off and not state.placed else "no_solution"), P.DEAD, 6)
        elif res.kind == "trace":
            rnd.midend.note_assist("search")
            anim.start_replay(ui, state, res.trace, tuple(res.solution))
            ui.say(msg("replay_wait"), P.TEXT_SOFT, 30)
        else:
            rnd.midend.note_assist("solve")
            anim.start_flights(ui, state, tuple(res.solution))
            ui.say(msg("solving"), P.TEXT_SOFT, 30)

    def _hint(self, res: Any, state: State, ui: Ui, flip_off: bool) -> bool:
        """Show a hint answer; True when it gave something (a piece, or pieces to move)."""
        if res.status == "ok" and res.placement is not None:
            if anim.start_hint(ui, state, res.placement) is not None:
                ui.say(msg("hint_given", name=Name(res.placement.shape)), P.TEXT, 4)
                return True
            return False
        if res.dead:
            slots = state.placed_slots
            ui.dead_slots = tuple(slots[i] for i in res.dead)
            ui.dead_t = DEAD_S
            ui.say(msg("dead"), P.DEAD, 6)
            return True
        ui.say(msg("no_solution_rotations" if flip_off else "dead_none"), P.DEAD, 6)
        return False
