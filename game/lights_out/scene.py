"""game/lights_out/scene.py: the Flip (翻转色块) scene, Lights Out on an n x n grid (n = 3..12).

A press flips a cell and its up, down, left and right neighbours; the goal is every
cell off.  The rules and the GF(2) maths are the back end's
(:mod:`solver.games.lights_out`, :mod:`solver.flip`); the position, undo/redo, the
timer and the verdicts are the mid end's (:class:`~game.midend.MidEnd`, the same one
the polyomino games use).  This scene composes input (:mod:`.input`), UI state
(:mod:`.ui`), animations (:mod:`.anim`), Hint and Solve (:mod:`.assist`), drawing
(:mod:`.draw`) and overlays (opened and answered through :mod:`game.windows`), and
deals new games.

Params (chosen before a deal): the board side and daily or random.  Each daily deal
(one per date and size) is its own game id, saved with its whole move history;
random deals are neither saved nor counted in the statistics.  The board side is
kept when the player goes to another mode and back (the scene stays alive).
"""
from __future__ import annotations

import datetime as _dt
import random
from typing import Any

import pygame

from solver.games import lights_out as lo
from solver.games.lights_out import GAME, Params, Press

from .. import dates, keymap, windows
from ..i18n import msg
from ..midend import Completed, GameId, Kind, MidEnd
from ..ritual import Ritual
from ..scene import Context, Handoff, Scene
from ..settings import speed_index, step_speed
from ..widgets import controls, dialogs
from ..widgets.layout import Layout, clamp_size
from ..widgets.overlays import OverlayHost
from ..widgets.text import DrawCache
from . import anim, assist, draw, facts, input
from .ui import SOLVED_FLASH_S, Ui

BUTTONS: tuple[str, ...] = tuple(b.key for b in draw.BAR)
"""Button keys, left to right (each is also a command)."""
OVERLAYS = ("help", "stats", "calendar", "settings")


class LightsOutScene(Scene):
    """The Flip mode.

    Args:
        ctx: the shared :class:`~game.scene.Context`; ``ctx.options["seed"]`` seeds the
            random deals (default: from the OS), ``ctx.options["flip_size"]`` is the first
            board side (default: the side played last, ``Settings.flip_size``).

    Attributes:
        n: board side (cells).  daily: the board is the date's deal (the same for everyone).
        date: the date of the daily deal.  par: fewest presses for the dealt pattern.
        midend: the :class:`MidEnd` of the deal.  ui: the :class:`~.ui.Ui`.
    """

    name = "flip"
    commands = frozenset(BUTTONS) | input.PLAY_COMMANDS | set(OVERLAYS) | {
        "faster", "slower", "cancel", "lang", "back_date", "focus_next", "focus_prev"}
    min_size, max_size = lo.MIN_SIZE, lo.MAX_SIZE

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        opts = ctx.options or {}
        self.rng = random.Random(opts.get("seed"))
        self.date = ctx.date
        self.cache = DrawCache()
        self.layout: Layout | None = None
        self._layout_lang = ctx.lang
        self.overlays = OverlayHost(lambda on: self._pause("overlay", on))
        self.ritual = Ritual(self, lambda: facts.of(self))
        self.pauses: set[str] = set()
        self.ui = Ui(speed_i=speed_index(ctx.settings.anim_speed))
        self.midend: MidEnd | None = None
        size = int(opts.get("flip_size") or ctx.settings.flip_size or lo.DEFAULT_SIZE)
        self.deal(daily=True, n=min(self.max_size, max(self.min_size, size)))

    # ------------------------------------------------------------ dealing

    def deal(self, daily: bool, n: int | None = None) -> None:
        """A new game: the date's deal (``daily``) or a uniformly random solvable one, of side
        ``n`` (default: the current side).  A daily deal resumes where it was left."""
        self._save_now()
        self.n = min(self.max_size, max(self.min_size, n or self.n))
        self.daily = daily
        params = Params(self.n, daily)
        first = GAME.new_game(params, self.date, None if daily else self.rng.randrange(1 << 31))
        gid = GameId("flip", self.date if daily else None, f"{self.n}x{self.n}")
        me = MidEnd.from_save(GAME, params, gid, first, self.ctx.store.game(gid) if daily else None,
                              clock=self.ctx.clock, today=self.ctx.today, solution_text=lambda s: "")
        self.midend = self.ctx.bind(me, self._announce, saved=daily)
        for reason in self.pauses:
            me.pause(reason)
        self.par = lo.par(first) or 0
        c = self.ui.cursor
        self.ui = Ui(cursor=(min(c[0], self.n - 1), min(c[1], self.n - 1)), speed_i=self.ui.speed_i)
        if me.state.is_solved:
            self.ui.status = msg("solved_by_solver" if me.state.cheated else "solved")
        self.layout = None
        self.dirty = True

    @property
    def state(self) -> lo.State:
        """The current back-end state."""
        return self.midend.state

    @property
    def overlay(self) -> Any:
        """The open overlay, or None."""
        return self.overlays.overlay

    @property
    def animating(self) -> bool:
        """Cells turning, the Solve animation, the flash or a moving ritual overlay."""
        return self.ui.animating or self.ritual.animating

    def status_text(self) -> str:
        """The status line in the current language ("" when there is none)."""
        return self.ui.status.text(self.ctx.lang) if self.ui.status is not None else ""

    def _save_now(self) -> None:
        me = self.midend
        if me is not None and me.game_id.date is not None and (me.started or me.assisted):
            self.ctx.store.put_game(me.game_id, me.to_save())

    def _pause(self, reason: str, on: bool) -> None:
        (self.pauses.add if on else self.pauses.discard)(reason)
        self.midend.pause(reason) if on else self.midend.resume(reason)

    # ------------------------------------------------------------ moves

    def play(self, move: Press, kind: Kind = Kind.MOVE) -> bool:
        """Press a cell through the mid end; False when the board is solved (it is locked then)
        or the press is off the board."""
        if self.state.is_solved:
            self.ui.status = msg("already_solved")
            return False
        ui = self.ui
        if kind is Kind.MOVE:
            ui.solve_queue = []  # a player's own press stops a running Solve
            ui.status = None
            if ui.hint_cell == (move.row, move.col):
                move, kind = Press(move.row, move.col, True), Kind.HINT
        ui.hint_cell = None
        old = self.state
        try:
            self.midend.play(move, kind)
        except lo.IllegalMoveError:
            return False
        self._animate(old)
        return True

    def _animate(self, old: lo.State) -> None:
        """Turn over every cell whose colour changed (:func:`.anim.turn`)."""
        anim.turn(self.ui, old, self.state, self.ctx.settings.reduce_motion)
        self.dirty = True

    def _announce(self, ev: Any) -> None:
        """Mid-end listener (before the statistics): the solved moment, then the ritual
        (finish screen, chime)."""
        if isinstance(ev, Completed):
            self.ui.flash_s = 0.0 if self.ctx.prefs.reduce_motion else SOLVED_FLASH_S
            self.ui.solve_queue = []
            self.ui.status = msg("solved_by_solver" if self.state.cheated else "solved")
        self.ritual.listen(ev)

    # ------------------------------------------------------------ commands

    def command(self, name: str) -> bool:
        """Run a command (:attr:`commands`); False when unknown or nothing happened."""
        self.dirty = True
        ui = self.ui
        if name in OVERLAYS:
            return self.open_overlay(name)
        if name in input.PLAY_COMMANDS:
            self._apply(input.on_command(name, ui, self.n))
            return True
        if name in ("smaller", "bigger"):
            n = self.n + (1 if name == "bigger" else -1)
            if not self.min_size <= n <= self.max_size:
                return False
            self.deal(self.daily, n)
            self.ctx.change_settings(flip_size=self.n)  # Flip opens at this side next time
            return True
        if name in ("daily", "new"):
            self.deal(name == "daily")
            return True
        moved = dates.command(self, name, self.ctx.today())
        if moved is not None:
            return moved
        if name == "lang":
            self.ctx.change_settings(lang="en" if self.ctx.lang == "zh" else "zh")
            self.cache.clear()
            return True
        if name in ("faster", "slower", "speed"):
            ui.speed_i = step_speed(ui.speed_i, name)
            ui.status = msg("speed_is", x=f"{ui.speed:g}")
            self.ctx.change_settings(anim_speed=ui.speed)
            return True
        if name == "cancel":
            ui.solve_queue, ui.hint_cell = [], None
            return True
        handler = {"undo": self.midend.undo, "redo": self.midend.redo, "reset": self.midend.restart,
                   "hint": lambda: assist.hint(self.midend, ui), "solve": lambda: assist.solve(self.midend, ui)}.get(name)
        if handler is None:
            return False
        old = self.state
        if name in ("undo", "redo", "reset"):
            ui.solve_queue, ui.hint_cell = [], None
            if not handler():
                return False
            self._animate(old)
            ui.status = msg("goal") if name == "reset" else ui.status
            return True
        return handler()

    def _apply(self, res: Any) -> None:
        if isinstance(res, input.Command):
            self.command(res.name)
        elif isinstance(res, Press):
            self.play(res)

    def say(self, message: Any) -> None:
        """Show ``message`` on the status line."""
        self.ui.status = message

    def goto_date(self, day: _dt.date) -> bool:
        """Deal ``day``'s daily board at the current size (resumed where it was left)."""
        if day == self.date and self.daily:
            return False
        self._save_now()
        self.date = day
        self.deal(True)
        return True

    def open_overlay(self, name: str) -> bool:
        """Open ``"help"``, ``"stats"``, ``"calendar"`` or ``"settings"``
        (:func:`game.windows.open_named`); closes the open one instead."""
        return windows.open_named(self, name, "flip", "mode_flip", self.date)

    # ------------------------------------------------------------ scene interface

    def enter(self, handoff: Handoff | None) -> None:
        """Become current: the daily deal follows the handed-on date, at the same size."""
        self._pause("hidden", False)
        if handoff is not None and handoff.date != self.date:
            self.date = handoff.date
            if self.daily:
                self.deal(True)
        self.ritual.enter()

    def exit(self) -> Handoff:
        """Stop being current: save, pause the timer; the board side stays for next time."""
        self._save_now()
        self._pause("hidden", True)
        return Handoff(self.date)

    def window_pause(self, reason: str, on: bool) -> None:
        """Pause or resume the timer for a window ``reason`` ("unfocused", "minimised")."""
        self._pause(reason, on)

    def resize(self, size: tuple[int, int]) -> None:
        """New window size (pixels, raised to the minimum window): the layout is rebuilt on the next use."""
        super().resize(clamp_size(size))
        self.layout = None
        self.cache.clear()
        self.dirty = True

    def get_layout(self, size: tuple[int, int] | None = None) -> Layout:
        """The :class:`Layout` for ``size`` (default: the last known window size)."""
        size = size or self.size
        if size == (0, 0):
            size = (960, 720)
        size, fonts, lang = clamp_size(size), self.ctx.fonts, self.ctx.lang
        if self.layout is None or (self.layout.size, self.layout.board_w, self._layout_lang) != (size, self.n, lang):
            self.layout = Layout(size, self.n, self.n, 1, draw.BAR, 4, draw.TOOLS,
                                 lambda k, px, b: fonts.size(draw.label(self, k), px, b)[0])
            self._layout_lang = lang
        return self.layout

    def handle_event(self, ev: pygame.event.Event) -> None:
        """Mouse (``ev.pos`` pixels) and key commands."""
        if ev.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN, pygame.MOUSEMOTION):
            self.midend.note_input()
            self.dirty = True
        if windows.route(self, ev):  # the open overlay, then the ritual's buttons
            return
        if ev.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            size = getattr(ev, "size", None) or (getattr(ev, "x", 0), getattr(ev, "y", 0))
            if size and size[0] > 0:
                self.resize(tuple(size))
            return
        cmd = keymap.command_for(ev)
        if cmd not in keymap.GLOBAL_COMMANDS and controls.handle_event(self, ev, cmd):
            return
        if cmd is not None:
            if cmd not in keymap.GLOBAL_COMMANDS:
                self.command(cmd)
            return
        self._apply(input.on_mouse(ev, self.ui, self.get_layout()))

    def update(self, dt_s: float) -> None:
        """Advance the cell animations, the flash and the Solve animation by ``dt_s`` seconds."""
        self.ritual.update(dt_s)
        dialogs.show_notice(self.ctx, self.overlays, lambda n: setattr(self.ui, "status", msg(n[0], **n[1])))
        if self.ui.animating:
            self.dirty = True
        for press in anim.advance(self.ui, dt_s):
            self.play(press, Kind.SOLVE)

    def draw(self, surface: pygame.Surface) -> None:
        """Paint the frame (:func:`.draw.draw`); reads only."""
        draw.draw(self, surface)
