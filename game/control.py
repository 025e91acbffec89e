"""game/control.py: the one frame loop (Mekire's ``Control``) and the scene registry.

:class:`Control` owns the window and the only loop: ``clock.tick(60)``, then every
event goes to the current scene's ``handle_event``, then ``update(dt_s)``, then
``draw(surface)``, then ``pygame.display.flip()``.  Scenes are built by name from
:data:`SCENES` (``name -> factory(ctx) -> Scene``); a scene that sets ``done``
hands over to ``SCENES[scene.next]`` through ``exit()``/``enter(persist)``.
"""
from __future__ import annotations

import importlib
from typing import Callable

import pygame

from .puzzles import ModeUnavailable, classic_puzzle, drill_module, drill_puzzle_info, file_puzzle
from .scene import Context, Scene

DEFAULT_SIZE = (1120, 780)
"""Initial window size in pixels."""


def _classic(ctx: Context) -> Scene:
    from .puzzle_scene import PuzzleScene

    return PuzzleScene(ctx, classic_puzzle, title_key="mode_classic")


def _drill(ctx: Context) -> Scene:
    from .puzzle_scene import PuzzleScene

    drill_module()  # raises ModeUnavailable early
    s = PuzzleScene(ctx, drill_puzzle_info, title_key="mode_drill", load_on_worker=True)
    s.name = "drill"
    return s


def _custom(ctx: Context) -> Scene:
    from .puzzle_scene import PuzzleScene

    s = PuzzleScene(ctx, None, puzzle=file_puzzle(ctx.options["puzzle"]), title_key="mode_custom")
    s.name = "custom"
    return s


def _flip(ctx: Context) -> Scene:
    try:
        mod = importlib.import_module("game.flip_mode")
    except ImportError:
        raise ModeUnavailable("Flip mode is not available yet (game.flip_mode is missing)") from None
    cls = getattr(mod, "FlipScene", None)
    if cls is None:
        raise ModeUnavailable("game.flip_mode has no FlipScene class")
    return cls(ctx)


MODE_KEYS: dict[int, str] = {pygame.K_F1: "classic", pygame.K_F2: "drill", pygame.K_F3: "flip"}
"""Keys that switch mode from any scene (handled by :class:`Control`, not the scenes)."""

SCENES: dict[str, Callable[[Context], Scene]] = {
    "classic": _classic,
    "drill": _drill,
    "custom": _custom,
    "flip": _flip,
}
"""Scene factories by name; another mode registers itself here."""


def make_icon() -> pygame.Surface:
    """A 32 x 32 px window icon: four coloured cells of a calendar board."""
    from . import palette as P

    icon = pygame.Surface((32, 32), pygame.SRCALPHA)
    pygame.draw.rect(icon, P.FRAME, icon.get_rect(), border_radius=6)
    for (r, c), code in zip(((0, 0), (0, 1), (1, 0), (1, 1)), ("F6", "BDQX", "FS", "JS")):
        pygame.draw.rect(icon, P.piece_colour(code), (4 + c * 12, 4 + r * 12, 11, 11), border_radius=2)
    return icon


class Control:
    """The window, the clock and the scene stack; runs the one frame loop.

    Args:
        ctx: the shared :class:`Context`.
        scene: name of the first scene in :data:`SCENES`.
        size: initial window size in pixels.
        autosolve: press Solve on the first frame.

    Raises :class:`~game.puzzles.ModeUnavailable` or ``ValueError`` (bad puzzle)
    from the first scene's factory.
    """

    def __init__(self, ctx: Context, scene: str = "classic", size: tuple[int, int] = DEFAULT_SIZE,
                 autosolve: bool = False) -> None:
        self.ctx = ctx
        self.scene = SCENES[scene](ctx)
        pygame.display.set_caption("每日演兵 Daily Drill")
        pygame.display.set_icon(make_icon())
        self.screen = pygame.display.set_mode(size, pygame.RESIZABLE)
        self.clock = pygame.time.Clock()
        self.frames = 0
        self.quit = False
        self.autosolve = autosolve
        self.active = True  # False while the window is minimised or unfocused: time stands still
        self.scene.resize(self.screen.get_size())
        self.scene.enter({})

    def step(self, dt_s: float | None = None) -> None:
        """Run one frame: tick (60 fps cap), events, update, draw, flip.

        ``dt_s`` overrides the measured frame time (seconds), for tests.
        """
        ms = self.clock.tick(60)
        dt = ms / 1000.0 if dt_s is None else dt_s
        dt = min(dt, 0.1)
        if self.frames == 0 and self.autosolve:
            self.scene.command("solve")
        for ev in pygame.event.get():
            self.focus_event(ev)
            if ev.type == pygame.QUIT or (
                    ev.type == pygame.KEYDOWN and ev.key in (pygame.K_q, pygame.K_w)
                    and getattr(ev, "mod", 0) & (pygame.KMOD_CTRL | pygame.KMOD_META)):
                # the window's close button, Ctrl+Q / Ctrl+W (Cmd on macOS): quit
                # through the same path, so progress is saved on the way out
                self.quit = True
                continue
            if ev.type == pygame.KEYDOWN and ev.key in MODE_KEYS:
                self.switch_to(MODE_KEYS[ev.key])
                continue
            if ev.type == pygame.VIDEORESIZE:
                self.scene.resize((ev.w, ev.h))
            elif ev.type == pygame.WINDOWSIZECHANGED:
                self.scene.resize(self.screen.get_size())
            self.scene.handle_event(ev)
        self.scene.update(0.0 if not self.active else dt)
        if self.scene.done:
            self._switch()
        self.scene.draw(self.screen)
        pygame.display.flip()
        self.frames += 1

    def focus_event(self, ev: pygame.event.Event) -> None:
        """Track whether the player can see the window; while not, ``update`` gets dt = 0
        (the play timer and animations pause).  Minimising, hiding or losing the focus
        pauses; restoring, showing or gaining the focus resumes.
        """
        if ev.type in (pygame.WINDOWFOCUSLOST, pygame.WINDOWMINIMIZED, pygame.WINDOWHIDDEN):
            self.active = False
        elif ev.type in (pygame.WINDOWFOCUSGAINED, pygame.WINDOWRESTORED, pygame.WINDOWSHOWN):
            self.active = True
        elif ev.type == pygame.ACTIVEEVENT and getattr(ev, "state", 0) & 6:  # input focus or app shown
            self.active = bool(getattr(ev, "gain", 1))
        elif ev.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN):  # the player is plainly here
            self.active = True

    def _switch(self) -> None:
        nxt = self.scene.next
        self.scene.done = False
        if nxt is None or nxt not in SCENES:
            self.scene.exit()
            self.quit = True
            return
        self.switch_to(nxt)

    def switch_to(self, name: str) -> bool:
        """Make scene ``name`` current (exit the old one, enter the new one with its persist dict).

        Returns False, keeping the current scene, when the mode is unknown or unavailable.
        """
        if name not in SCENES or getattr(self.scene, "name", None) == name:
            return False
        try:
            scene = SCENES[name](self.ctx)
        except (ModeUnavailable, ValueError):
            return False
        persist = self.scene.exit()
        self.scene = scene
        self.scene.resize(self.screen.get_size())
        self.scene.enter(persist)
        return True

    def run(self, frames: int | None = None, screenshot: str | None = None) -> None:
        """Loop until the window closes, or for ``frames`` frames; then save ``screenshot`` (PNG path)."""
        while not self.quit and (frames is None or self.frames < frames):
            self.step()
        if screenshot:
            pygame.image.save(self.screen, screenshot)
        self.scene.exit()
        if self.ctx.worker is not None:
            self.ctx.worker.stop()
