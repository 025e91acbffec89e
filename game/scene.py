"""game/scene.py: the scene (mode) interface every screen of the game implements.

One :class:`~game.control.Control` owns the only loop.  Each frame it calls, on
the current scene: ``handle_event(ev)`` for every pygame event, then
``update(dt_s)``, then ``draw(surface)``, then flips the display.  A mode is a
subclass of :class:`Scene` registered by name in ``game.control.SCENES`` (a dict
``name -> factory(ctx) -> Scene``); ``python -m game --mode NAME`` starts it.

Interface (all coordinates in pixels of the window surface, times in seconds)::

    class Scene:
        name: str                     # registry key, e.g. "classic", "flip"
        done: bool                    # set True to leave; Control then switches
        next: str | None              #   to SCENES[next] (None: quit the game)
        def __init__(self, ctx: Context) -> None
        def enter(self, persist: dict) -> None       # scene becomes current
        def exit(self) -> dict                       # scene stops; data for the next
        def handle_event(self, ev: pygame.event.Event) -> None
        def update(self, dt_s: float) -> None        # advance timers/animations
        def draw(self, surface: pygame.Surface) -> None   # read-only w.r.t. game state
        def resize(self, size: tuple[int, int]) -> None   # window resized (w, h)
        def command(self, name: str) -> bool         # "solve", "hint", "reset", ...;
                                                     # False when not supported

:class:`Context` carries what all scenes share: the language, the fonts, the
solver worker (lazily started; its thread imports the numba solver), the chosen
date and the parsed command line.  Draw text with ``ctx.fonts.get(size_px,
bold)``; look strings up with ``ctx.t(key, **fields)`` (see :mod:`game.i18n`).

Events: ``pygame.VIDEORESIZE``/``WINDOWSIZECHANGED`` are turned into ``resize``
calls by Control (scenes also receive the raw event).  ``QUIT`` is handled by
Control, and so are F1 / F2 / F3 (switch to classic / drill / flip:
``Control.switch_to(name)``); a scene can also leave by setting ``done = True``
and ``next = "flip"`` (say).  Read mouse positions from ``ev.pos`` (never ``pygame.mouse.get_pos()``:
posted test events do not move it).  Ctrl+Z / Ctrl+Y and the number keys are
the scene's own business.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

import pygame

from . import i18n
from .fonts import Fonts


@dataclass
class Context:
    """What every scene shares.

    Attributes:
        lang: ``"zh"`` or ``"en"`` (scenes may toggle it).
        fonts: the shared :class:`~game.fonts.Fonts` cache.
        date: the puzzle date (local today unless ``--date``).
        options: extra command-line values (``puzzle`` path, ``autosolve`` ...).
        worker: the shared solver worker, started on first use (see :meth:`solver`).
        progress: the :class:`~game.stats.Progress` file, or None (nothing saved).
    """

    lang: str
    fonts: Fonts
    date: _dt.date
    options: dict[str, Any] = field(default_factory=dict)
    worker: Any = None
    progress: Any = None

    def t(self, key: str, **fields: object) -> str:
        """The UI string ``key`` in the current language (:func:`game.i18n.tr`)."""
        return i18n.tr(key, self.lang, **fields)

    def solver(self) -> Any:
        """The shared :class:`~game.worker.SolverWorker`, started on first call."""
        if self.worker is None:
            from .worker import SolverWorker

            self.worker = SolverWorker()
        return self.worker


class Scene:
    """Base class of every mode; the default methods do nothing.

    Args:
        ctx: the shared :class:`Context`.
    """

    name = "scene"

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.done = False
        self.next: str | None = None
        self.size: tuple[int, int] = (0, 0)

    def enter(self, persist: dict) -> None:
        """Called when the scene becomes current; ``persist`` comes from the last scene's exit."""

    def exit(self) -> dict:
        """Called when the scene stops; returns data for the next scene."""
        return {}

    def handle_event(self, ev: pygame.event.Event) -> None:
        """Handle one pygame event (positions from ``ev.pos``, pixels)."""

    def update(self, dt_s: float) -> None:
        """Advance timers and animations by ``dt_s`` seconds."""

    def draw(self, surface: pygame.Surface) -> None:
        """Paint the whole frame on ``surface``; must not change game state."""

    def resize(self, size: tuple[int, int]) -> None:
        """The window is now ``size`` = (width, height) pixels; recompute layout."""
        self.size = size

    def command(self, name: str) -> bool:
        """Run a named command (``"solve"``, ``"hint"``, ...); False when unsupported."""
        return False


FIRST_DATE = _dt.date(1900, 1, 1)
"""Earliest playable date (the month calendar's range starts here)."""
LAST_DATE = _dt.date(2999, 12, 31)
"""Latest playable date (the month calendar's range ends here)."""
