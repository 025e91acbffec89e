"""game/scene.py: the scene (mode) interface every screen implements, and what scenes share.

One :class:`~game.app.Control` owns the only loop.  Each frame it gives the current
scene every pygame event (``handle_event``), then ``update(dt_s)``, then, when
something changed, ``draw(surface)``.  Scenes are built once, kept alive in the
registry (``game.app.SCENES``) and handed a typed :class:`Handoff` when the player
switches to them, so a scene comes back exactly as it was left.

Interface (pixels of the window surface, seconds)::

    class Scene:
        name: str                     # registry key: "classic", "drill", "custom", "flip"
        commands: frozenset[str]      # the game.keymap commands it supports
        done: bool; next: str | None  # set to leave (Control switches to SCENES[next])
        dirty: bool                   # something changed since the last draw
        animating: bool               # needs frames at 60 fps (else the loop sleeps)
        def enter(self, handoff: Handoff | None) -> None
        def exit(self) -> Handoff
        def handle_event(self, ev) -> None
        def update(self, dt_s: float) -> None
        def draw(self, surface) -> None          # reads state and UI state only
        def resize(self, size) -> None
        def command(self, name: str) -> bool     # False when not supported
        def window_pause(self, reason: str, on: bool) -> None   # "unfocused", "minimised"
        def settings_changed(self, names: set[str]) -> None     # remembered settings changed
        def say(self, message) -> None                          # a line on the status line
        ticking: bool                 # redraw once a second (a running clock on screen)

:class:`Context` carries what all scenes share: the language, the fonts, the solver
worker (started on first use), the progress :class:`~game.store.Store` and the
:class:`~game.stats.Stats` built on it, the clocks (injectable for tests) and the
parsed command line.  Keys reach scenes as command names (:mod:`game.keymap`); read
mouse positions from ``ev.pos`` (posted test events do not move the real pointer).
"""
from __future__ import annotations

import datetime as _dt
import time
from dataclasses import dataclass, field
from typing import Any, Callable

import pygame

from . import i18n
from .dates import DateNav
from .midend import Changed, MidEnd
from .prefs import Prefs
from .settings import Settings
from .stats import Stats
from .store import Store
from .widgets.buttons import Focus
from .widgets.text import Fonts


@dataclass(frozen=True, slots=True)
class Handoff:
    """What a scene hands the next one on a switch.

    Attributes:
        date: the date the player was on (a dated scene goes to it).
    """

    date: _dt.date


@dataclass
class Context:
    """What every scene shares.

    Attributes:
        lang: ``"zh"`` or ``"en"`` (the ``lang`` command toggles it for every scene).
        fonts: the shared :class:`~game.widgets.text.Fonts` cache.
        date: the first date played (local today unless ``--date``).
        options: extra command-line values (``puzzle`` path, ``seed`` for random deals).
        worker: the shared solver worker, started on first use (see :meth:`solver`).
        store: the progress file (None: an in-memory store, nothing is saved).
        clock: monotonic seconds for the mid ends' timers.
        today: the local calendar day (statistics, the calendar's today, midnight).
        now: the local wall-clock time (the countdown to the next day's puzzle).
        prefs: the remembered settings (:class:`~game.prefs.Prefs`; default: those beside
            the progress file, or defaults in memory when nothing is saved); change them
            with :meth:`change_settings`.  ``lang`` above is this run's language
            (``--lang`` wins over the remembered one for one run).
        settings_listeners: called with the names of the settings that changed (the frame
            loop applies full screen and flipping; the current scene its speed, language).
    """

    lang: str
    fonts: Fonts
    date: _dt.date
    options: dict[str, Any] = field(default_factory=dict)
    worker: Any = None
    store: Store | None = None
    clock: Callable[[], float] = time.monotonic
    today: Callable[[], _dt.date] = _dt.date.today
    now: Callable[[], _dt.datetime] = _dt.datetime.now
    prefs: Prefs | None = None
    notices_seen: set = field(default_factory=set)
    settings_listeners: list[Callable[[set[str]], None]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.store is None:
            self.store = Store(enabled=False)
        if self.prefs is None:
            self.prefs = Prefs.beside(self.store)
        self.stats = Stats(self.store, self.today)

    def t(self, key: str, **fields: object) -> str:
        """The UI string ``key`` in the current language (:func:`game.i18n.tr`)."""
        return i18n.tr(key, self.lang, **fields)

    @property
    def settings(self) -> Settings:
        """The remembered settings in force (``prefs.settings``)."""
        return self.prefs.settings

    def change_settings(self, **changes: Any) -> set[str]:
        """Change remembered settings (names of :class:`~game.settings.Settings` fields; a
        ``lang`` change also switches this run's language), save them where they are
        remembered (:meth:`Prefs.update`), and tell :attr:`settings_listeners`.  Returns the
        names whose value changed.

        Raises ``ValueError`` for a bad value (nothing changes then).
        """
        old = self.prefs.settings
        new = old.replace(**changes)
        changed = {k for k in changes if getattr(new, k) != getattr(old, k)}
        if "lang" in changes and self.lang != new.lang:
            changed.add("lang")
            self.lang = new.lang
        if changed:
            self.prefs.update(**changes)
            for listener in list(self.settings_listeners):
                listener(changed)
        return changed

    def solver(self) -> Any:
        """The shared :class:`~game.worker.SolverWorker`, started on first call."""
        if self.worker is None:
            from .worker import SolverWorker

            self.worker = SolverWorker()
        return self.worker

    def bind(self, midend: MidEnd, announce: Callable[[Any], None], saved: bool = True) -> MidEnd:
        """Wire ``midend``'s listeners, in this order: the scene's ``announce`` (chime,
        messages: it runs before the statistics, so it can tell a new find from a
        repeat), the statistics (:meth:`Stats.note`: in memory), and the progress file,
        written once on ``Changed`` (the last event of every move, undo or help), so a
        winning move (a find, a solve, a change) writes the game and its record in one
        write, before the next frame draws the finish screen.  ``saved`` False (a
        random deal) keeps the game out of the statistics and the file."""
        midend.listeners.append(announce)
        if saved:
            midend.listeners.append(self.stats.note)
            store = self.store

            def save(ev: Any) -> None:
                if isinstance(ev, Changed):
                    store.put_game(midend.game_id, midend.to_save())

            midend.listeners.append(save)
        return midend

    def peek_notice(self) -> tuple[str, dict[str, Any]] | None:
        """The notice :meth:`new_notice` would give next, without marking it shown."""
        store = self.prefs.store if self.prefs is not None else None
        for n in (self.store.notice, self.store.records_notice, store.notice if store is not None else None):
            if n is not None and repr(n) not in self.notices_seen:
                return n
        return None

    def new_notice(self) -> tuple[str, dict[str, Any]] | None:
        """The progress or settings file's latest notice (a file set aside, saving off, a failed
        save) the first time it is asked for, else None."""
        n = self.peek_notice()
        if n is not None:
            self.notices_seen.add(repr(n))
        return n


class Scene:
    """Base class of every mode; the default methods do nothing.

    Args:
        ctx: the shared :class:`Context`.
    """

    name = "scene"
    commands: frozenset[str] = frozenset()

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.focus = Focus()  # the keyboard focus over the scene's buttons (Ctrl+Tab)
        self.nav = DateNav()  # the dates left (J goes back) and the armed board pick
        self.done = False
        self.next: str | None = None
        self.dirty = True
        self.size: tuple[int, int] = (0, 0)

    @property
    def animating(self) -> bool:
        """True while something moves on screen (the loop then runs at 60 fps)."""
        return False

    def enter(self, handoff: Handoff | None) -> None:
        """The scene becomes current; ``handoff`` comes from the last scene's :meth:`exit`."""

    def exit(self) -> Handoff:
        """The scene stops being current; returns what the next one needs."""
        return Handoff(self.ctx.date)

    def handle_event(self, ev: pygame.event.Event) -> None:
        """Handle one pygame event (positions from ``ev.pos``, pixels)."""

    def update(self, dt_s: float) -> None:
        """Advance timers and animations by ``dt_s`` seconds."""

    def draw(self, surface: pygame.Surface) -> None:
        """Paint the whole frame on ``surface``; must not change game or UI state."""

    def resize(self, size: tuple[int, int]) -> None:
        """The window is now ``size`` = (width, height) pixels; recompute layout."""
        self.size = size

    def command(self, name: str) -> bool:
        """Run a named command (``"solve"``, ``"hint"``, ...); False when unsupported."""
        return False

    def window_pause(self, reason: str, on: bool) -> None:
        """The window lost (``on``) or got back (not ``on``) the player: ``reason`` is
        ``"unfocused"`` or ``"minimised"``."""

    def settings_changed(self, names: set[str]) -> None:
        """Remembered settings ``names`` changed (:meth:`Context.change_settings`): follow them
        (:func:`game.widgets.controls.follow_settings`: speed, language).  The frame loop
        calls this on the current scene, and on a scene it switches to."""
        from .widgets.controls import follow_settings

        follow_settings(self, names)

    def say(self, message: Any) -> None:
        """Show ``message`` (an :class:`~game.i18n.Msg`) on the status line."""

    @property
    def ticking(self) -> bool:
        """True while something on screen changes with the clock's second (a running timer,
        the "back to the date before" button's countdown): the loop then redraws once a
        second even when nothing else happens.  Here: no mid end yet, its timer runs, or the
        button shows."""
        me = getattr(self, "midend", None)
        return me is None or me.running or self.nav.toast(self.ctx.clock()) is not None
