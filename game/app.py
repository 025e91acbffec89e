"""game/app.py: the one frame loop (Mekire's ``Control``) and the scene registry.

:class:`Control` owns the window and the only loop.  Each :meth:`Control.step`:
wait (see below), hand every event to the current scene (F1/F2/F3 and quit are the
loop's own, through :mod:`game.keymap`), ``update(dt_s)``, and draw only when
something changed (an event, an animation, a solver answer, the clock's second).

**Idle at zero.**  While nothing moves, the loop blocks in ``pygame.event.wait``
instead of redrawing at 60 fps: it wakes for an event, about once a second for the
clock, or every :data:`POLL_S` while the solver thread works (its answers arrive in
a queue).  While something animates it runs at :data:`FPS`.  Tests call
``step(dt_s, sleep=False)``: no waiting, but a ``time.sleep(0)`` so the solver
thread (whose first numba import needs the GIL) is never starved.

Scenes are built once, by name, from :data:`SCENES` (static imports: no module is
found by its name at run time, so frozen builds see every mode) and kept alive: a
switch hands the next scene a typed :class:`~game.scene.Handoff` and the old one
keeps its state (Flip at 6 x 6 -> Classic -> Flip is still 6 x 6).  The calendar
editions are scenes ``"variant:ID"`` found from their files
(:mod:`game.polyomino.catalogue`, :func:`scene_factory`), never listed here.
"""
from __future__ import annotations

import time
from typing import Callable

import pygame

from . import keymap
from .lights_out.scene import LightsOutScene
from .polyomino import catalogue
from .polyomino.round import CLASSIC, DRILL, file_mode
from .polyomino.scene import PolyominoScene
from .scene import Context, Scene

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


class Control:
    """The window, the live scenes and the frame loop.

    Args:
        ctx: the shared :class:`Context`.
        scene: name of the first scene (:func:`scene_factory`).
        size: initial window size in pixels.
        autosolve: press Solve on the first frame.

    Raises ``ValueError`` for an unknown scene name and (a bad custom puzzle file) from
    the first scene's factory.
    """

    def __init__(self, ctx: Context, scene: str = "classic", size: tuple[int, int] = DEFAULT_SIZE,
                 autosolve: bool = False) -> None:
        self.ctx = ctx
        make = scene_factory(scene, ctx)
        if make is None:
            raise ValueError(f"unknown mode {scene!r}")
        self.scenes: dict[str, Scene] = {scene: make(ctx)}
        self.visited: list[str] = []  # scenes left, the most recent last
        self.scene = self.scenes[scene]
        pygame.display.set_caption("每日演兵 Daily Drill")
        pygame.display.set_icon(make_icon())
        self.screen = pygame.display.set_mode(size, pygame.RESIZABLE)
        self.frames = 0
        self.draws = 0
        self.quit = False
        self.autosolve = autosolve
        self.active = True  # False while the window is minimised or unfocused: animations stand still
        self.always_draw = False  # scripted runs draw every frame (screenshots, frame-time benchmarks)
        self._last = time.monotonic()
        self._drawn_second = -1
        self.scene.resize(self.screen.get_size())
        self.scene.enter(None)

    # ------------------------------------------------------------ one frame

    def _wait(self, sleep: bool) -> list[pygame.event.Event]:
        """The events of this frame, after the right kind of wait (see the module docstring)."""
        if not sleep:
            time.sleep(0)  # let the solver thread run (its first numba import needs the GIL)
            return pygame.event.get()
        if self.scene.animating or self.frames == 0:
            wait_s = 1.0 / FPS - (time.monotonic() - self._last)
            if wait_s > 0:
                time.sleep(wait_s)
            return pygame.event.get()
        worker = self.ctx.worker
        working = worker is not None and not worker.failed and (worker.busy or not worker.ready)
        first = pygame.event.wait(int(1000 * (POLL_S if working else IDLE_WAIT_S)))
        return ([first] if first.type != pygame.NOEVENT else []) + pygame.event.get()

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
            if ev.type == pygame.VIDEORESIZE:
                self.scene.resize((ev.w, ev.h))
            elif ev.type == pygame.WINDOWSIZECHANGED:
                self.scene.resize(self.screen.get_size())
            self.scene.handle_event(ev)
        animating = self.scene.animating
        self.scene.update(0.0 if not self.active else min(dt, MAX_DT_S if animating else 2.0))
        if self.scene.done:
            self._switch()
        second = int(now)
        if (events or self.scene.dirty or self.scene.animating or second != self._drawn_second or not self.draws
                or self.always_draw):
            self.scene.draw(self.screen)
            pygame.display.flip()
            self.scene.dirty = False
            self._drawn_second = second
            self.draws += 1
        self.frames += 1

    def _focus(self, ev: pygame.event.Event) -> None:
        """Follow whether the player can see the window: minimising, hiding or losing the
        focus pauses the scene's timer (and animations); getting it back resumes them."""
        lost = {pygame.WINDOWFOCUSLOST: "unfocused", pygame.WINDOWMINIMIZED: "minimised",
                pygame.WINDOWHIDDEN: "minimised"}
        back = {pygame.WINDOWFOCUSGAINED: ("unfocused",), pygame.WINDOWRESTORED: ("minimised",),
                pygame.WINDOWSHOWN: ("minimised",)}
        if ev.type in lost:
            self.active = False
            self.scene.window_pause(lost[ev.type], True)
        elif ev.type in back:
            self.active = True
            for reason in back[ev.type]:
                self.scene.window_pause(reason, False)
        elif ev.type == pygame.ACTIVEEVENT and getattr(ev, "state", 0) & 6:  # input focus or app shown
            gain = bool(getattr(ev, "gain", 1))
            self.active = gain
            self.scene.window_pause("unfocused", not gain)
        elif ev.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN) and not self.active:  # plainly here
            self.active = True
            for reason in ("unfocused", "minimised"):
                self.scene.window_pause(reason, False)

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
        scene.dirty = True
        scene.enter(handoff)
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
        while not self.quit and (frames is None or self.frames < frames):
            if frames is None:
                self.step()
            else:
                time.sleep(max(0.0, 1.0 / FPS - (time.monotonic() - self._last)))
                self.step(sleep=False)
        if screenshot:
            self.scene.draw(self.screen)
            pygame.image.save(self.screen, screenshot)
        self.scene.exit()
        if self.ctx.worker is not None:
            self.ctx.worker.stop()
