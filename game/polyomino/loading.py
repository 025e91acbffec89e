"""game/polyomino/loading.py: which puzzle the polyomino scene plays, and getting it there.

:class:`Loading` is composed into :class:`~game.polyomino.scene.PolyominoScene`.  It
puts a puzzle in play as a :class:`~game.polyomino.round.Round` (resuming its saved
game) and lays the window out for it; builds a date's puzzle on the solver thread
when that means a search (Daily Drill: the scene says "preparing" meanwhile and
runs the Hint/Solve/Search asked for in between once it is there); moves to another
date (the puzzle left is saved first); and asks the worker for the solution count.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any

from solver.games.polyomino import make_puzzle

from .. import palette as P
from ..i18n import Msg, Raw, msg
from ..settings import speed_index
from ..widgets.layout import Layout
from . import draw, found
from .round import Round


class Loading:
    """The puzzle in play of ``scene`` (see the module docstring).

    Attributes:
        rid: the worker request building the date's puzzle, or None.
        error: why the date's puzzle could not be built (a :class:`Msg`), or None.
        deferred: Hint/Solve/Search commands asked for while preparing.
    """

    def __init__(self, scene: Any) -> None:
        self.scene = scene
        self.rid: int | None = None
        self.error: Msg | None = None
        self.deferred: list[str] = []

    def put(self, loaded: Any) -> None:
        """Put ``loaded`` (a Puzzle, or (Puzzle, info)) in play, resuming its saved game.

        Raises ``ValueError`` (a puzzle that cannot be played); the puzzle in play stays then.
        """
        s = self.scene
        s.round = Round(s.ctx, s.mode, s.date, loaded, s.pauses, s.ritual.listen, s.allow_flip)
        s.ui.speed_i = speed_index(s.ctx.settings.anim_speed)
        self.relayout()

    def start(self) -> None:
        """Ask the worker to build the puzzle of the scene's date; the scene says "preparing"."""
        s = self.scene
        s.round = None
        self.error = None
        self.rid = s.ctx.solver().submit("call", None, fn=make_puzzle, args=(s.mode.params, s.date))

    def take(self, res: Any) -> None:
        """A worker ``"call"`` answer: the date's puzzle (another request's answer is ignored)."""
        if res.rid != self.rid:
            return
        self.rid = None
        if res.status != "ok":
            self.error = msg("load_failed", msg=Raw(res.message or "?"))
            return
        try:
            self.put(res.value)
        except ValueError as e:
            self.error = msg("load_failed", msg=Raw(str(e)))
            return
        self.ask_count()
        for name in self.deferred:
            self.scene.command(name)
        self.deferred.clear()

    def relayout(self) -> None:
        """Recompute the scene's :class:`Layout` for its window size and the puzzle in play."""
        s = self.scene
        if s.round is None:
            return
        p = s.puzzle
        ext = max(max(max(r, c) for r, c in sh.orientations[0]) + 1 for sh in p.pieces)
        fonts = s.ctx.fonts
        s.layout = Layout(s.size, p.board.width, p.board.height, len(p.formations), draw.bar(s.mode.dated),
                          ext, draw.tools(s.mode.dated), lambda k, px, b: fonts.size(draw.label(s, k), px, b)[0])
        s.cache.clear()

    def goto(self, day: _dt.date) -> bool:
        """Play ``day``'s puzzle (resumed where it was left).  False when undated or the same day."""
        s = self.scene
        if not s.mode.dated or (day == s.date and s.round is not None):
            return False
        if s.round is not None:
            found.stop(s.ui)
            s.round.save_now()
        s.assist.cancel()
        old = s.date
        s.date = day
        if s.mode.on_worker:
            self.start()
            return True
        try:
            self.put(make_puzzle(s.mode.params, day))
        except (ValueError, LookupError) as e:
            s.date = old
            if s.round is not None:
                s.ui.say(msg("load_failed", msg=Raw(str(e))), P.ILLEGAL)
            return False
        self.ask_count()
        return True

    def ask_count(self) -> None:
        """Ask for the solution count of the puzzle in play (:meth:`Assist.count`)."""
        s = self.scene
        if s.round is not None:
            s.assist.count(s.round)
