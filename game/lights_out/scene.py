"""game/lights_out/scene.py: the Flip (翻转色块) scene, Lights Out on an n x n grid (n = 3..12).

A press flips a cell and its up, down, left and right neighbours; the goal is every
cell off.  The rules and the GF(2) maths are the back end's
(:mod:`solver.games.lights_out`, :mod:`solver.flip`); the position, undo/redo, the
timer and the verdicts are the mid end's (:class:`~game.midend.MidEnd`, the same one
the polyomino games use).  This scene composes input (:mod:`.input`), UI state
(:mod:`.ui`), drawing (:mod:`.draw`) and overlays, and deals new games.

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

from .. import dates, keymap
from ..i18n import msg
from ..midend import Completed, GameId, Kind, MidEnd
from ..ritual import Ritual
from ..scene import Context, Handoff, Scene
from ..settings import speed_index, step_speed
from ..widgets import controls, dialogs, overlays
from ..widgets.layout import Layout, clamp_size
from ..widgets.settings_overlay import SettingsOverlay
from ..widgets.overlays import OverlayHost
from ..widgets.text import DrawCache
from . import draw, facts, input
from .ui import FLIP_ANIM_S, SOLVE_STEP_S, SOLVED_FLASH_S, CellAnim, Ui

BUTTONS: tuple[str, ...] = tuple(b.key for b in draw.BAR)
"""Button keys, left to right (each is also a command)."""
OVERLAYS = ("help", "stats", "calendar", "settings")


class LightsOutScene(Scene):
    """The Flip mode.

    Args:
        ctx: the shared :class:`~game.scene.Context`; ``ctx.options["seed"]`` seeds the
            random deals (default: from the OS), ``ctx.options["flip_size"]`` is the first
            board side (default 4).

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
        size = int(opts.get("flip_size") or lo.DEFAULT_SIZE)
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
        """Turn over every cell whose colour changed; forget a completion that was undone."""
        new = self.state
        for cell in range(0 if self.ctx.settings.reduce_motion else new.w * new.h):  # reduce motion: swap at once
            if (old.lit ^ new.lit) >> cell & 1:
                r, c = divmod(cell, new.w)
                self.ui.anims[(r, c)] = CellAnim(0.0, new.is_lit(r, c))
        if not new.is_solved and self.ui.status is not None and self.ui.status.key.startswith("solved"):
            self.ui.status = None
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
                   "hint": self.hint, "solve": self.solve}.get(name)
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

    def hint(self) -> bool:
        """Mark one cell of a fewest-press solution (the game becomes assisted)."""
        if self.state.is_solved:
            self.ui.status = msg("already_solved")
            return False
        mv = GAME.hint(self.state)
        if mv is None:  # cannot happen for dealt boards (always solvable); stay safe
            self.ui.status = msg("no_solution")
            return False
        self.midend.note_assist("hint")
        self.ui.hint_cell = self.ui.cursor = (mv.row, mv.col)
        self.ui.status = msg("hint_cell")
        return True

    def solve(self) -> bool:
        """Queue the fewest assisted presses from the current pattern; :meth:`update` plays them."""
        if self.state.is_solved:
            self.ui.status = msg("already_solved")
            return False
        queue = GAME.solve(self.state) or []
        if not queue:
            self.ui.status = msg("no_solution")
            return False
        self.midend.note_assist("solve")
        ui = self.ui
        ui.solve_queue, ui.solve_clock = queue, SOLVE_STEP_S  # the first press on the next update
        ui.status = msg("solving")
        ui.hint_cell = (queue[0].row, queue[0].col)
        return True

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
        """Open ``"help"``, ``"stats"`` or ``"calendar"`` (closes the open one instead)."""
        if name == "help":
            return self.overlays.toggle(self.ritual.help_overlay)
        return self.overlays.toggle(lambda: SettingsOverlay(self.ctx) if name == "settings" else overlays.standard(
            name, self.ctx, "flip", "mode_flip", self.date))

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
        used, value = self.overlays.handle(ev, self.size)
        if used:
            if isinstance(value, _dt.date):
                dates.choose(self, value)
            elif value is not None:
                self.ritual.take(value)
            return
        if self.ritual.handle_event(ev):
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
        ui = self.ui
        if ui.animating:
            self.dirty = True
        for cell in list(ui.anims):
            ui.anims[cell].age_s += dt_s
            if ui.anims[cell].age_s >= FLIP_ANIM_S:
                del ui.anims[cell]
        ui.flash_s = max(0.0, ui.flash_s - dt_s)
        if ui.solve_queue:
            ui.solve_clock += dt_s * ui.speed
            while ui.solve_queue and ui.solve_clock >= SOLVE_STEP_S:
                ui.solve_clock -= SOLVE_STEP_S
                self.play(ui.solve_queue.pop(0), Kind.SOLVE)
                nxt = ui.solve_queue[0] if ui.solve_queue else None
                ui.hint_cell = (nxt.row, nxt.col) if nxt else None

    def draw(self, surface: pygame.Surface) -> None:
        """Paint the frame (:func:`.draw.draw`); reads only."""
        draw.draw(self, surface)
