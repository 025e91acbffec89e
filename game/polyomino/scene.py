"""game/polyomino/scene.py: the polyomino play scene: Classic, Daily Drill, the calendar
editions, custom files.

Every mode here is the polyomino back end (:mod:`solver.games.polyomino`) over
different data: a :class:`Mode` names its params, its title and whether it is dated.
The scene also opens the calendar-board picker (:mod:`game.widgets.picker`, the
``variants`` command) and follows the "Allow flipping" setting (:meth:`PolyominoScene.set_mirror`).
The scene composes small parts and keeps none of their jobs:

* the position, undo/redo, the timer and the verdicts: a :class:`~game.midend.MidEnd`
  per puzzle (restored from the progress file, saved after every change);
* the puzzle in play, built on the solver thread when that searches, and date
  changes (:mod:`.loading`);
* UI state (:mod:`.ui`), input (:mod:`.input`: events to moves), animations
  (:mod:`.anim`), solver questions (:mod:`.assist`), found solutions (:mod:`.found`),
  drawing (:mod:`.draw`, which only reads), overlays (:class:`~game.widgets.overlays.OverlayHost`,
  opened and answered through :mod:`game.windows`).

A move's way: ``handle_event`` -> :func:`.input.on_mouse` (or a key command) returns a
``Place`` -> :meth:`PolyominoScene.play` -> ``MidEnd.play`` -> the back end's
``apply`` -> the mid end's events -> statistics and the progress file.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any

import pygame

from solver.games.polyomino import make_puzzle
from solver.model import Placement, Puzzle

from .. import dates, keymap, windows
from .. import palette as P
from ..i18n import Msg, msg
from ..midend import GameId, Kind
from ..ritual import Ritual
from ..scene import Context, Handoff, Scene
from ..widgets import controls, dialogs
from ..widgets.layout import Layout, clamp_size
from ..widgets.overlays import OverlayHost
from ..widgets.picker import VariantPicker
from ..widgets.text import DrawCache
from . import anim, commands, datepick, draw, editions, facts, found, input
from .assist import BUSY_KEYS, Assist
from .loading import Loading
from .round import Mode, Round
from .ui import BANNER_S


BUTTONS = ("hint", "solve", "search", "reset", "undo", "redo", "speed", "prev", "next", "today", "pick_date")
DATE_COMMANDS = frozenset({"prev", "next", "today", "calendar", "pick_date", "back_date"})
OVERLAYS = ("help", "stats", "calendar", "settings")


class PolyominoScene(Scene):
    """Play polyomino puzzles of one :class:`Mode` (see the module docstring).

    Args:
        ctx: the shared :class:`~game.scene.Context`.
        mode: the :class:`Mode`.
        puzzle: a puzzle already read (an undated mode), instead of loading ``mode.params``.

    Raises the puzzle loaders' ``ValueError`` (a bad custom file) from the constructor.
    """

    def __init__(self, ctx: Context, mode: Mode, puzzle: Puzzle | None = None) -> None:
        super().__init__(ctx)
        self.mode = mode
        self.name = mode.name
        self.date = ctx.date
        self.commands = (frozenset(BUTTONS) | input.PLAY_COMMANDS | set(OVERLAYS) | {
            "faster", "slower", "pause", "step", "finish", "browse", "lang", "back_date", "focus_next", "focus_prev",
            "variants"}) - (frozenset() if mode.dated else DATE_COMMANDS)
        self.cache = DrawCache()
        self.size = (1120, 780)
        self.layout: Layout | None = None
        self.assist = Assist(ctx)
        self.overlays = OverlayHost(lambda on: self._pause("overlay", on))
        self.ritual = Ritual(self, lambda: facts.of(self))
        self.round: Round | None = None
        self.pauses: set[str] = set()
        self.loading = Loading(self)
        self.allow_flip = ctx.prefs.settings.mirror
        if puzzle is not None:
            self.loading.put(puzzle)
        elif not mode.on_worker:
            self.loading.put(make_puzzle(mode.params, self.date))

    # ------------------------------------------------------------ what tests and drawing read

    puzzle = property(lambda self: self.round.puzzle if self.round else None, doc="The puzzle in play, or None.")
    midend = property(lambda self: self.round.midend if self.round else None, doc="The puzzle's mid end.")
    ui = property(lambda self: self.round.ui if self.round else None, doc="The puzzle's UI state.")
    state = property(lambda self: self.round.midend.state, doc="The current back-end state.")
    count = property(lambda self: self.round.facts.count if self.round else None, doc="Solutions, when counted.")
    overlay = property(lambda self: self.overlays.overlay, doc="The open overlay, or None.")

    @property
    def game_id(self) -> GameId:
        """The :class:`GameId` of the puzzle in play (dated: mode and date; a file: its name;
        plus the rotations-only extra when the player's setting made it so)."""
        return self.round.midend.game_id if self.round else self.mode.game_id(self.date)

    @property
    def animating(self) -> bool:
        """A hint, the fly-in, the replay, the completion flash or a moving ritual overlay is on screen."""
        return self.ritual.animating or self.round is not None and (self.ui.animating or self.ui.flash_s > 0)

    @property
    def ticking(self) -> bool:
        """The clock runs, or a message, the banner, an outline or the "back" button will go."""
        ui = self.ui
        return self.round is None or self.midend.running or self.nav.toast(self.ctx.clock()) is not None or (
            0 < ui.message_ttl < 1e6 or ui.dead_t > 0 or (ui.solved_seen and ui.banner_t < BANNER_S))

    def found(self) -> tuple[str, ...]:
        """Boards of this puzzle found by hand (solution keys)."""
        return self.round.found() if self.round else ()

    def shown_pieces(self) -> tuple[Placement | None, ...]:
        """What the board shows: a browsed found solution, or the position in play."""
        return found.shown(self.state, self.ui, self.found())

    def ghost(self) -> tuple[Placement, bool] | None:
        """The snapped preview of the piece in hand and whether it may drop there."""
        return input.ghost(self.state, self.ui, self.layout)

    def status_text(self) -> str:
        """The status line as drawn."""
        return draw.status_line(self)[0]

    def tool_rects(self) -> dict[str, pygame.Rect]:
        """The icon buttons of the header (name -> rect, window pixels)."""
        return dict(self.layout.tools) if self.layout is not None else {}

    # ------------------------------------------------------------ the puzzle in play

    def goto_date(self, day: _dt.date) -> bool:
        """Play ``day``'s puzzle (resumed where it was left).  False when undated or the same day."""
        return self.loading.goto(day)

    def relayout(self) -> None:
        """Lay the window out again (a new language: labelled buttons fit their words)."""
        self.loading.relayout()

    def set_mirror(self, allow: bool) -> bool:
        """Follow the "Allow flipping" setting (:func:`.editions.set_mirror`); True when the
        puzzle in play changed."""
        return editions.set_mirror(self, allow)

    # ------------------------------------------------------------ scene interface

    def enter(self, handoff: Handoff | None) -> None:
        """Become current: resume the timer, go to the handed-on date, start the worker,
        follow the flipping setting if it changed meanwhile."""
        self.ctx.solver()
        self.set_mirror(self.ctx.prefs.settings.mirror)
        self._pause("hidden", False)
        if handoff is not None and self.mode.dated and handoff.date != self.date:
            self.goto_date(handoff.date)
        elif self.round is None and self.loading.rid is None:
            self.loading.start()
        else:
            self.loading.ask_count()
        self.ritual.enter()

    def exit(self) -> Handoff:
        """Stop being current: save, pause the timer, cancel this scene's searches."""
        if self.round is not None:
            self.round.save_now()
        self._pause("hidden", True)
        self.assist.cancel()
        self.loading.rid = None
        return Handoff(self.date)

    def resize(self, size: tuple[int, int]) -> None:
        """Recompute the :class:`Layout` for a (width, height) window in pixels."""
        self.size = clamp_size(size)
        self.dirty = True
        self.loading.relayout()

    def window_pause(self, reason: str, on: bool) -> None:
        """Pause or resume the timer for a window ``reason`` ("unfocused", "minimised")."""
        self._pause(reason, on)

    def _pause(self, reason: str, on: bool) -> None:
        (self.pauses.add if on else self.pauses.discard)(reason)
        me = self.midend
        if me is not None:
            me.pause(reason) if on else me.resume(reason)

    # ------------------------------------------------------------ moves

    def play(self, move: Any, kind: Kind = Kind.MOVE) -> bool:
        """Play ``move`` through the mid end (:meth:`Round.play`); False when it is illegal."""
        self.dirty = True
        return self.round.play(move, kind)

    # ------------------------------------------------------------ commands

    def command(self, name: str) -> bool:
        """Run a command (a :mod:`game.keymap` command or a button's name); False when
        this scene does not have it."""
        self.dirty = True
        if name == "lang":
            self.ctx.change_settings(lang="en" if self.ctx.lang == "zh" else "zh")
            self.loading.relayout()
            return True
        if name in OVERLAYS + ("variants",):
            return self.open_overlay(name)
        if self.round is None:
            if name in ("hint", "solve", "search"):
                self.loading.deferred.append(name)
                return True
            return False
        if name in input.PLAY_COMMANDS:
            self._apply(input.on_command(name, self.state, self.ui, self.layout, self._locked()))
        elif name in ("hint", "solve", "search"):
            self.assist.help(name, self.round)
        elif name in ("reset", "undo", "redo"):
            self.round.history_step(name)
        elif name == "browse":
            found.toggle(self.ui, self.found())
        elif name == "pick_date":
            datepick.toggle(self)
        elif dates.command(self, name, self.ctx.today()) is not None:
            pass
        elif commands.anim_command(self.ui, name) is None:
            return False
        elif name in ("speed", "faster", "slower"):
            self.ctx.change_settings(anim_speed=self.ui.speed)
        return True

    def say(self, message: Msg) -> None:
        """Show ``message`` on the status line for a few seconds."""
        if self.round is not None:
            self.ui.say(message, P.TEXT, dates.TOAST_S)

    def _locked(self) -> bool:
        return self.ui.animating or self.ui.browse_i is not None

    def _apply(self, res: input.Result) -> None:
        if isinstance(res, input.Command):
            self.command(res.name)
        elif isinstance(res, Msg):
            if res.key == "why_turned":  # the puzzle's rule or the player's setting: say which
                res = self.round.refusal()
            self.ui.say(res, P.ILLEGAL if res.key in ("cannot_place", "why_turned", "flip_off") else P.TEXT, 2.5)
        elif res is not None:
            self.play(res)

    def open_overlay(self, name: str) -> bool:
        """Open ``"help"``, ``"stats"``, ``"calendar"``, ``"settings"`` (:func:`game.windows.open_named`)
        or ``"variants"`` (the calendar-board picker); closes the open one instead."""
        if name == "variants":  # closes the picker, or opens it over anything else
            if isinstance(self.overlay, VariantPicker):
                self.overlays.close()
                return True
            return self.overlays.open(editions.picker(self))
        here = (len(self.found()), self.count) if self.mode.dated and self.round else None
        opened = windows.open_named(self, name, self.game_id.mode if self.round else self.name, self.mode.title_key,
                                    self.date if self.mode.dated else None, here)
        if opened and name != "help" and self.round is not None:
            self.ui.drag = None
        return opened

    # ------------------------------------------------------------ events and frames

    def handle_event(self, ev: pygame.event.Event) -> None:
        """Overlay input first, then browsing keys, key commands, the tray-title buttons and
        the board (:func:`.input.on_mouse`)."""
        if ev.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN, pygame.MOUSEMOTION, pygame.MOUSEWHEEL):
            self.dirty = True
            if self.midend is not None:
                self.midend.note_input()
        if windows.route(self, ev):  # the open overlay, then the ritual's buttons
            return
        cmd = keymap.command_for(ev)
        if cmd in keymap.GLOBAL_COMMANDS:
            return
        if self.round is None:  # still preparing: language, help, statistics, calendar, settings only
            if cmd in ("lang",) + OVERLAYS:
                self.command(cmd)
            return
        if controls.handle_event(self, ev, cmd):
            return
        if self.nav.armed and datepick.on_event(self, ev, cmd):
            return
        if self.ui.browse_i is not None and found.browse_event(
                self.ui, self.found(), ev, cmd, self.layout, self.tool_rects().values()):
            return
        if cmd is not None:
            self.command(cmd)
        elif ev.type in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEWHEEL):
            self._apply(input.on_mouse(ev, self.state, self.ui, self.layout, self._locked()))

    def update(self, dt_s: float) -> None:
        """Solver answers, animation clocks (playing the moves they make due), message timers;
        a change of the "Allow flipping" setting (``ctx.prefs``) is followed at once."""
        self.ritual.update(dt_s)
        if self.ctx.prefs.settings.mirror != self.allow_flip:
            self.set_mirror(self.ctx.prefs.settings.mirror)
        dialogs.show_notice(self.ctx, self.overlays, None if self.round is None else  # a progress-file problem
                            lambda n: self.ui.say(msg(n[0], **n[1]), P.ILLEGAL, 12.0))
        worker = self.ctx.solver()
        for res in worker.poll():
            self.dirty = True
            if res.kind == "call":
                self.loading.take(res)
            elif self.round is not None and self.assist.take(res):
                self.assist.answer(res, self.round)
        if isinstance(self.overlay, VariantPicker) and self.overlay.update(dt_s):
            self.dirty = True
        if self.round is None:
            return
        ui = self.ui
        if self.animating:
            self.dirty = True
        for move, kind in anim.advance(ui, dt_s):
            self.play(move, kind)
        ui.tick(dt_s)
        if (ui.message_ttl > 0 and not ui.animating and not self.assist.player_waiting
                and ui.message is not None and ui.message.key in BUSY_KEYS):
            ui.message_ttl = 0.0  # the work it announced was cancelled (undo, Esc, a new request)
        if worker.ready and not worker.busy:
            self.loading.ask_count()  # again, after a count was cancelled

    def draw(self, surface: pygame.Surface) -> None:
        """Paint the frame (:func:`.draw.draw`); reads only."""
        draw.draw(self, surface)

