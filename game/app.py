"""game/app.py: the one frame loop (Mekire's ``Control``) and the scene registry.

:class:`Control` owns the window and the only loop.  Each :meth:`Control.step`:
wait (see below), hand every event to the current scene (F1/F2/F3 and quit are the
loop's own, through :mod:`game.keymap`), ``update(dt_s)``, and draw only when
something changed (an event, an animation, a solver answer, the clock's second).

**Idle at zero.**  While nothing moves, the loop blocks (:class:`game.waiting.EventWaiter`:
SDL's own wait, since ``pygame.event.wait`` polls every millisecond) instead of
redrawing at 60 fps: it wakes for an event, about once a second for the
clock (redrawing only when the scene shows a running clock, :attr:`Scene.ticking`,
and once more when that stops by itself: the idle minute ran out, a message went),
or every :data:`POLL_S` while the solver thread works (its answers arrive in a
queue).  While something animates it runs at :data:`FPS`.  Tests call
``step(dt_s, sleep=False)``: no waiting, but a ``time.sleep(0)`` so the solver
thread (whose first numba import needs the GIL) is never starved.

**The window.**  Resizable, never smaller than
:data:`~game.widgets.layout.MIN_WINDOW` (SDL's minimum window size through
``pygame.Window``; a window manager that ignores it still gets a layout of the
minimum size, cut off rather than shrunk).  F11 toggles full screen and M the sound
(:data:`game.keymap.GLOBAL_COMMANDS`); both, the window size and the mode played are
remembered settings (:meth:`Context.change_settings`), and a settings change is
passed on to the current scene.

Scenes are built once, by name, from :data:`SCENES` (static imports: no module is
found by its name at run time, so frozen builds see every mode) and kept alive: a
switch hands the next scene a typed :class:`~game.scene.Handoff` and the old one
keeps its state (Flip at 6 x 6 -> Classic -> Flip is still 6 x 6).  The calendar
editions are scenes ``"variant:ID"`` found from their files
(:mod:`game.polyomino.catalogue`, :func:`scene_factory`), never listed here.
"""
from __future__ import annotations

import gc
import os
import time
import warnings
from typing import Any, Callable

import pygame

from . import keymap
from .lights_out.scene import LightsOutScene
from .polyomino import catalogue
from .polyomino.round import CLASSIC, DRILL, file_mode
from .polyomino.scene import PolyominoScene
from .i18n import msg
from .scene import Context, Scene
from .settings import valid_mode
from .waiting import EventWaiter
from .widgets.layout import MIN_WINDOW, clamp_size

DEFAULT_SIZE = (1120, 780)
"""Initial window size in pixels."""
FPS = 60
"""Frames per second while something animates."""
IDLE_WAIT_S = 1.0
"""Longest sleep while idle (seconds): the clock on screen shows seconds."""
POLL_S = 0.05
"""Sleep while the solver thread works or warms up (seconds): its answers are polled."""
MAX_DT_S = 0.1
"""Largest frame time an animation is advanced by (seconds); a longer gap is not a jump."""
SAVE_SIZE_AFTER_S = 1.0
"""The window size is remembered this long after the last resize (a drag sends many)."""

SCENES: dict[str, Callable[[Context], Scene]] = {
    "classic": lambda ctx: PolyominoScene(ctx, CLASSIC),
    "drill": lambda ctx: PolyominoScene(ctx, DRILL),
    "custom": lambda ctx: PolyominoScene(ctx, file_mode(ctx.options["puzzle"])),
    "flip": LightsOutScene,
}
"""Scene factories by name; a new kind of game registers its scene here (the calendar
editions need no entry: :func:`scene_factory`)."""

MODE_COMMANDS = {"mode_classic": "classic", "mode_drill": "drill", "mode_flip": "flip"}
"""Key-map commands that switch mode, and the scene each one shows."""


def scene_factory(name: str, ctx: Context) -> Callable[[Context], Scene] | None:
    """The factory of scene ``name``: :data:`SCENES`, or for ``"variant:ID"`` a polyomino
    scene of that calendar edition (:func:`game.polyomino.catalogue.find`); None when
    there is no such scene."""
    if name in SCENES:
        return SCENES[name]
    entry = catalogue.find(ctx, name)
    if entry is None:
        return None
    return lambda c: PolyominoScene(c, entry.mode())


def make_icon() -> pygame.Surface:
    """The window icon: the shipped application icon (``assets/desktop/icon-128.png``), or
    when the install lacks it, a 32 x 32 px drawing of four coloured calendar cells."""
    from . import palette as P
    from .desktop import window_icon

    shipped = window_icon(128)
    if shipped is not None:
        return shipped
    icon = pygame.Surface((32, 32), pygame.SRCALPHA)
    pygame.draw.rect(icon, P.FRAME, icon.get_rect(), border_radius=6)
    for (r, c), code in zip(((0, 0), (0, 1), (1, 0), (1, 1)), ("F6", "BDQX", "FS", "JS")):
        pygame.draw.rect(icon, P.piece_colour(code), (4 + c * 12, 4 + r * 12, 11, 11), border_radius=2)
    return icon


_HIDDEN = {pygame.WINDOWFOCUSLOST: "unfocused", pygame.WINDOWMINIMIZED: "minimised",
           pygame.WINDOWHIDDEN: "minimised"}
_SHOWN = {pygame.WINDOWFOCUSGAINED: ("unfocused",), pygame.WINDOWRESTORED: ("minimised",),
          pygame.WINDOWSHOWN: ("minimised",)}


def focus_change(ev: pygame.event.Event, active: bool) -> tuple[bool, list[tuple[str, bool]]] | None:
    """What ``ev`` says about whether the player can see the window, which was ``active``.

    Returns (active now, [(pause reason, paused)]) with the reasons of
    :meth:`~game.scene.Scene.window_pause` (``"unfocused"``, ``"minimised"``), or None when
    it says nothing.  Losing the focus, minimising or hiding pauses; getting it back
    resumes; a key press or a click while inactive means the player is plainly here.
    """
    if ev.type in _HIDDEN:
        return False, [(_HIDDEN[ev.type], True)]
    if ev.type in _SHOWN:
        return True, [(reason, False) for reason in _SHOWN[ev.type]]
    if ev.type == pygame.ACTIVEEVENT and getattr(ev, "state", 0) & 6:  # input focus or app shown
        gain = bool(getattr(ev, "gain", 1))
        return gain, [("unfocused", not gain)]
    if ev.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN) and not active:
        return True, [("unfocused", False), ("minimised", False)]
    return None


class Control:
    """The window, the live scenes and the frame loop.

    Args:
        ctx: the shared :class:`Context`.
        scene: name of the first scene (:func:`scene_factory`).
        size: initial window size in pixels (raised to the minimum window size).
        autosolve: press Solve on the first frame.
        fullscreen: start in full screen (F11 toggles).

    Raises ``ValueError`` for an unknown scene name and (a bad custom puzzle file) from
    the first scene's factory.
    """

    def __init__(self, ctx: Context, scene: str = "classic", size: tuple[int, int] = DEFAULT_SIZE,
                 autosolve: bool = False, fullscreen: bool = False) -> None:
        self.ctx = ctx
        make = scene_factory(scene, ctx)
        if make is None:
            raise ValueError(f"unknown mode {scene!r}")
        self.scenes: dict[str, Scene] = {scene: make(ctx)}
        self.visited: list[str] = []  # scenes left, the most recent last
        self.scene = self.scenes[scene]
        pygame.display.set_caption("每日演兵 Daily Drill")
        pygame.display.set_icon(make_icon())
        if pygame.display.get_driver() == "x11":
            # the X server's own framebuffer (MIT-SHM): SDL's default routes every frame through a
            # GL texture, which without a GPU (Mesa's software GL) costs ~6 ms of CPU per frame
            os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")
        self.windowed = clamp_size(size)
        self.screen = pygame.display.set_mode(self.windowed, pygame.RESIZABLE)
        self.window = self._window()
        self.waiter = EventWaiter()
        self.fullscreen = False
        self._size_changed_at: float | None = None
        ctx.settings_listeners.append(self._settings_changed)
        if fullscreen:
            self.set_fullscreen(True)
        self.frames = 0
        self.draws = 0
        self.quit = False
        self.autosolve = autosolve
        self.active = True  # False while the window is minimised or unfocused: animations stand still
        self.always_draw = False  # scripted runs draw every frame (screenshots, frame-time benchmarks)
        self._last = time.monotonic()
        self._drawn_second = -1
        self._drawn_ticking: bool | None = None  # Scene.ticking when the screen was last drawn
        self._deadline = 0.0  # when the next animation frame is due (time.monotonic seconds)
        self._heap_frozen = True  # run() (real play) clears it: scripted runs and tests keep the heap as is
        self.scene.resize(self.screen.get_size())
        self.scene.enter(None)

    # ------------------------------------------------------------ one frame

    def _wait(self, sleep: bool) -> list[pygame.event.Event]:
        """The events of this frame, after the right kind of wait (see the module docstring)."""
        if not sleep:
            time.sleep(0)  # let the solver thread run (its first numba import needs the GIL)
            return pygame.event.get()
        if self.scene.animating or self.frames == 0:
            # frames on a fixed 60 Hz grid: a late wake-up shortens the next wait
            now = time.monotonic()
            self._deadline = max(self._deadline + 1.0 / FPS, now - 0.5 / FPS)
            if self._deadline > now:
                time.sleep(self._deadline - now)
            return pygame.event.get()
        worker = self.ctx.worker
        working = worker is not None and not worker.failed and (worker.busy or not worker.ready)
        return self.waiter.wait(POLL_S if working else IDLE_WAIT_S) + pygame.event.get()

    def step(self, dt_s: float | None = None, sleep: bool = True) -> None:
        """Run one frame: wait, events, update, draw (when something changed), flip.

        ``dt_s`` overrides the measured frame time (seconds); ``sleep=False`` never
        waits (tests: frames as fast as they can go, yielding the GIL once).
        """
        events = self._wait(sleep)
        now = time.monotonic()
        dt = now - self._last if dt_s is None else dt_s
        self._last = now
        if self.frames == 0 and self.autosolve:
            self.scene.command("solve")
        for ev in events:
            self._focus(ev)
            cmd = keymap.command_for(ev)
            if ev.type == pygame.QUIT or cmd == "quit":
                # the window's close button, Ctrl+Q / Ctrl+W (Cmd on macOS): quit through
                # the same path, so progress is saved on the way out
                self.quit = True
                continue
            if cmd in MODE_COMMANDS:
                self.switch_to(MODE_COMMANDS[cmd])
                continue
            if cmd == "variants":
                self.open_variants()  # from Flip: over the polyomino scene played last
                continue
            if cmd == "fullscreen":
                self.set_fullscreen(not self.fullscreen)
                continue
            if cmd == "mute":
                self.ctx.change_settings(muted=not self.ctx.settings.muted)
                continue
            if ev.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
                self._resized(ev, now)
            self.scene.handle_event(ev)
        if self._size_changed_at is not None and now - self._size_changed_at >= SAVE_SIZE_AFTER_S:
            self._size_changed_at = None
            if not self.fullscreen:
                self.ctx.change_settings(window=self.windowed)
        animating = self.scene.animating
        if not self._heap_frozen and not animating and self.ctx.worker is not None and self.ctx.worker.ready:
            self._freeze_heap()
        self.scene.update(0.0 if not self.active else min(dt, MAX_DT_S if animating else 2.0))
        if self.scene.done:
            self._switch()
        second = int(now)
        ticking = self.scene.ticking
        # a clock that stopped by itself (a minute idle) or a message that ran out is drawn once more
        tick = (second != self._drawn_second and ticking) or ticking != self._drawn_ticking
        if events or self.scene.dirty or self.scene.animating or tick or not self.draws or self.always_draw:
            self.scene.draw(self.screen)
            pygame.display.flip()
            self.scene.dirty = False
            self._drawn_second = second
            self._drawn_ticking = ticking
            self.draws += 1
        self.frames += 1

    def _freeze_heap(self) -> None:
        """Once the solver has warmed up (numba loaded: a large heap of long-lived objects),
        collect once and move everything alive to the garbage collector's permanent
        generation, so a later full collection never stalls an animation (it took
        ~130 ms, one dropped-frame spike per replay)."""
        gc.collect()
        gc.freeze()
        self._heap_frozen = True

    # ------------------------------------------------------------ the window

    def _window(self) -> Any:
        """The ``pygame.Window`` of the display (its minimum size set), or None where there is none."""
        try:
            with warnings.catch_warnings():  # from_display_module: deprecated for new code, the one way here
                warnings.simplefilter("ignore", DeprecationWarning)
                window = pygame.Window.from_display_module()
            window.minimum_size = MIN_WINDOW
            return window
        except (AttributeError, pygame.error, TypeError, ValueError):
            return None

    def _resized(self, ev: pygame.event.Event, now: float) -> None:
        """The window changed size: lay the scene out for it (never below the minimum); a
        window made smaller than that (a window manager that ignores the minimum) is sized back."""
        self.screen = pygame.display.get_surface() or self.screen
        size = (ev.w, ev.h) if ev.type == pygame.VIDEORESIZE else self.screen.get_size()
        if ev.type == pygame.VIDEORESIZE and (size[0] < MIN_WINDOW[0] or size[1] < MIN_WINDOW[1]) \
                and self.window is not None and not self.fullscreen:
            try:
                self.window.size = clamp_size(size)
            except (pygame.error, ValueError):
                pass
        self.scene.resize(clamp_size(size))
        if not self.fullscreen and not pygame.display.is_fullscreen():
            self.windowed = clamp_size(size)
            self._size_changed_at = now

    def set_fullscreen(self, on: bool) -> None:
        """Full screen (the desktop's size) or back to the remembered window size; remembered."""
        if on != self.fullscreen:
            try:
                if self.window is not None:
                    self.window.set_fullscreen(True) if on else self.window.set_windowed()
                else:
                    pygame.display.set_mode((0, 0) if on else self.windowed,
                                            pygame.FULLSCREEN if on else pygame.RESIZABLE)
            except pygame.error:
                return
            self.fullscreen = on
            self.screen = pygame.display.get_surface() or self.screen
            self.scene.resize(self.screen.get_size())
            self.scene.dirty = True
        if self.ctx.settings.fullscreen != on:
            self.ctx.change_settings(fullscreen=on)

    def _settings_changed(self, names: set[str]) -> None:
        """A remembered setting changed: full screen and "Allow flipping" (:meth:`set_mirror`)
        here, the rest in the current scene; a sound switched off or on is said on the
        status line."""
        if "fullscreen" in names and self.ctx.settings.fullscreen != self.fullscreen:
            self.set_fullscreen(self.ctx.settings.fullscreen)
        if "mirror" in names:
            self.set_mirror(self.ctx.settings.mirror)
        if "muted" in names and hasattr(self.scene, "say"):
            self.scene.say(msg("muted_now" if self.ctx.settings.muted else "unmuted_now"))
        self.scene.settings_changed(names)
        self.scene.dirty = True

    def _focus(self, ev: pygame.event.Event) -> None:
        """Follow whether the player can see the window (:func:`focus_change`): the scene's
        timer (and animations) pause while it is minimised, hidden or unfocused."""
        change = focus_change(ev, self.active)
        if change is not None:
            self.active, pauses = change
            for reason, paused in pauses:
                self.scene.window_pause(reason, paused)

    # ------------------------------------------------------------ scenes

    def _switch(self) -> None:
        nxt = self.scene.next
        self.scene.done = False
        if nxt is None or (nxt not in self.scenes and scene_factory(nxt, self.ctx) is None):
            self.scene.exit()
            self.quit = True
            return
        self.switch_to(nxt)

    def switch_to(self, name: str) -> bool:
        """Make scene ``name`` current: the old one exits (and stays alive), the new one (built
        on first use, :func:`scene_factory`) enters with the old one's :class:`~game.scene.Handoff`.

        Returns False, keeping the current scene, when the name is unknown, already
        current, or its scene cannot be built (a custom mode without a file).
        """
        if self.scene.name == name:
            return False
        scene = self.scenes.get(name)
        if scene is None:
            make = scene_factory(name, self.ctx)
            if make is None:
                return False
            try:
                scene = make(self.ctx)
            except (KeyError, ValueError, OSError):
                return False
            self.scenes[name] = scene
        handoff = self.scene.exit()
        self.visited = [n for n in self.visited if n != self.scene.name] + [self.scene.name]
        self.scene = scene
        scene.window_pause("unfocused", not self.active)
        scene.resize(self.screen.get_size())
        scene.settings_changed({"anim_speed", "lang"})
        scene.dirty = True
        scene.enter(handoff)
        mode = getattr(scene, "mode_name", name)
        if valid_mode(mode) and name != "custom":
            self.ctx.change_settings(last_mode=mode)
        return True

    def open_variants(self) -> bool:
        """Open the calendar-board picker: in the current scene when it has one, else in
        the polyomino scene played last (Classic when none).  True when it opened."""
        if "variants" not in self.scene.commands:
            last = next((n for n in reversed(self.visited) if "variants" in self.scenes[n].commands), "classic")
            self.switch_to(last)
        return "variants" in self.scene.commands and bool(self.scene.command("variants"))

    def set_mirror(self, allow: bool) -> None:
        """Set the "Allow flipping" setting (``Settings.mirror``): remember it and apply it
        to the scene in play now (a polyomino scene plays its date again under the new
        rule; Daily Drill and Flip ignore it).  The other scenes follow when they are
        entered again.  A settings overlay may call this, or only change
        ``ctx.prefs``: a polyomino scene follows that on its next frame."""
        self.ctx.prefs.remember(mirror=bool(allow))
        set_rule = getattr(self.scene, "set_mirror", None)
        if set_rule is not None:
            set_rule(bool(allow))
        self.scene.dirty = True

    def run(self, frames: int | None = None, screenshot: str | None = None) -> None:
        """Loop until the window closes, or for ``frames`` frames (scripted runs: paced at
        :data:`FPS`, never blocking, every frame drawn); then save ``screenshot`` (PNG path)."""
        self.always_draw = frames is not None
        self._heap_frozen = frames is not None
        while not self.quit and (frames is None or self.frames < frames):
            if frames is None:
                self.step()
            else:
                time.sleep(max(0.0, 1.0 / FPS - (time.monotonic() - self._last)))
                self.step(sleep=False)
        if screenshot:
            self.scene.draw(self.screen)
            pygame.image.save(self.screen, screenshot)
        if self._size_changed_at is not None and not self.fullscreen:
            self.ctx.change_settings(window=self.windowed)
        self.scene.exit()
        if self.ctx.worker is not None:
            self.ctx.worker.stop()
