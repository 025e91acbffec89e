"""Test helpers shared by every test module (one copy of each).

* :class:`FakeClock`, :class:`FakeToday`: injectable clocks for the mid end's timer and
  the statistics' calendar day.
* :func:`make_context`: a returning player by default (first-run cards seen, settings in
  memory); ``first_run=True`` for a new one.
* :func:`make_control`: the real frame loop on a fake clock; :func:`frame` runs frames
  without sleeping (advancing the fake clock, and yielding the GIL so the solver
  thread's first numba import is never starved); :func:`until` runs frames until a
  condition holds and fails the test when it never does.
* :func:`post`, :func:`key`, :func:`click`: synthetic events through pygame's queue;
  :func:`send_key`, :func:`send_click`: straight to one scene.
* :func:`play_solution`: the hand-checked 2024-05-01 solution, piece by piece.
"""
from __future__ import annotations

import datetime as dt
import os
from typing import Any, Callable

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

DATE = dt.date(2024, 5, 1)
E = pygame.event


class FakeClock:
    """A monotonic clock that only moves when told: ``clock()`` returns seconds."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        """Move the clock ``seconds`` forward."""
        self.now += seconds


class FakeToday:
    """A calendar day that only changes when told: ``today()`` returns a ``date``."""

    def __init__(self, day: dt.date) -> None:
        self.day = day

    def __call__(self) -> dt.date:
        return self.day


RETURNING = ("classic", "drill", "flip")
"""Modes a returning player has seen the first-run cards of (the default of :func:`make_context`)."""


def make_context(worker: Any = None, folder: Any = None, lang: str = "zh", date: dt.date = DATE,
                 options: dict | None = None, today: Callable[[], dt.date] | None = None,
                 first_run: bool = False, prefs: Any = None, now: Callable[[], dt.datetime] | None = None) -> Any:
    """A :class:`game.scene.Context` on a :class:`FakeClock`, with a progress file in
    ``folder`` (None: nothing saved).

    The settings are a returning player's, kept in memory (the first-run cards of
    :data:`RETURNING` seen, and no card for any other mode either), unless ``first_run`` (the settings file beside the progress
    file, or fresh ones in memory) or ``prefs`` (a :class:`game.prefs.Prefs`) says otherwise.
    ``now`` is the wall clock (default: noon of ``date``).
    """
    from game.prefs import Prefs
    from game.scene import Context
    from game.store import Store
    from game.widgets.text import Fonts

    pygame.display.init()
    pygame.font.init()
    if prefs is None and not first_run:
        prefs = Prefs.memory(cards=False, onboarded=RETURNING)
    return Context(lang=lang, fonts=Fonts(), date=date, worker=worker,
                   store=Store(str(folder)) if folder is not None else None, options=dict(options or {}),
                   clock=FakeClock(), today=today or FakeToday(date), prefs=prefs,
                   now=now or (lambda: dt.datetime.combine(date, dt.time(12, 0))))


def make_control(worker: Any = None, folder: Any = None, lang: str = "zh", size: tuple[int, int] = (1120, 780),
                 date: dt.date = DATE, mode: str = "classic", autosolve: bool = False,
                 options: dict | None = None, today: Callable[[], dt.date] | None = None,
                 first_run: bool = False, prefs: Any = None, now: Callable[[], dt.datetime] | None = None) -> Any:
    """A :class:`game.app.Control` in ``mode`` on a fake clock (see :func:`make_context`)."""
    from game.app import Control

    ctx = make_context(worker, folder, lang, date, options, today, first_run, prefs, now)
    E.clear()
    return Control(ctx, mode, size=size, autosolve=autosolve)


def frame(c: Any, n: int = 1, dt_s: float = 1 / 60) -> None:
    """Run ``n`` frames of the real loop, each ``dt_s`` seconds long on the fake clock,
    without sleeping (``Control.step(sleep=False)`` still yields the GIL once)."""
    for _ in range(n):
        clock = c.ctx.clock
        if isinstance(clock, FakeClock):
            clock.advance(dt_s)
        c.step(dt_s=dt_s, sleep=False)


def until(c: Any, cond: Callable[[], bool], limit: int = 6000, what: str = "the condition",
          dt_s: float = 1 / 60) -> None:
    """Run frames until ``cond()`` holds; fail naming ``what`` when ``limit`` frames pass."""
    import time

    for _ in range(limit):
        if cond():
            return
        frame(c, 1, dt_s)
        time.sleep(0.001)  # the solver thread runs meanwhile (not a timing assertion)
    assert cond(), f"{what} was not reached within {limit} frames"


def ready(c: Any) -> None:
    """Run frames until the solver worker is ready (it imports numba on its thread)."""
    worker = c.ctx.solver()
    until(c, lambda: worker.ready or bool(worker.failed), what="the solver worker's warm-up")
    assert worker.ready, worker.failed


def post(ev_type: int, **kw: Any) -> None:
    """Post one event to pygame's queue."""
    E.post(E.Event(ev_type, **kw))


def key(k: int, mod: int = 0) -> None:
    """Post a KEYDOWN."""
    post(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0)


def click(pos: tuple[int, int], button: int = 1) -> None:
    """Post a press and a release at ``pos`` (pixels)."""
    post(pygame.MOUSEBUTTONDOWN, pos=tuple(int(v) for v in pos), button=button)
    post(pygame.MOUSEBUTTONUP, pos=tuple(int(v) for v in pos), button=button)


def send_key(scene: Any, k: int, mod: int = 0) -> None:
    """Give one scene a KEYDOWN directly (no frame loop)."""
    scene.handle_event(E.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0))


def send_click(scene: Any, pos: tuple[int, int], button: int = 1) -> None:
    """Give one scene a mouse press directly (no frame loop)."""
    scene.handle_event(E.Event(pygame.MOUSEBUTTONDOWN, pos=tuple(int(v) for v in pos), button=button))


class RecordingFonts:
    """Fonts whose render() records every string drawn (:attr:`drawn`); the rest is the
    real :class:`game.widgets.text.Fonts`' (its ``cut`` and ``raised`` records too)."""

    def __init__(self, fonts):
        self.fonts, self.drawn = fonts, set()

    def render(self, text, *a, **k):  # the text layer draws through Fonts.render
        self.drawn.add(text)
        return self.fonts.render(text, *a, **k)

    def __getattr__(self, name):  # size, plain, chain, raised...: the real fonts'
        return getattr(self.fonts, name)

    def get(self, size, bold=False):
        font, drawn = self.fonts.get(size, bold), self.drawn

        class Proxy:
            def render(self, text, *a, **k):
                drawn.add(text)
                return font.render(text, *a, **k)

            def __getattr__(self, name):
                return getattr(font, name)

        return Proxy()


def play_solution(scene: Any, codes: list[str] | None = None) -> None:
    """Play the hand-checked 2024-05-01 solution's pieces ``codes`` (default: all) by hand."""
    from solver.games.polyomino import place_move
    from test_game_state import solution_placements

    sol = solution_placements()
    for code in codes or list(sol):
        slot = scene.puzzle.formations.index(code)
        assert scene.play(place_move(slot, sol[code])), code


def turn_sequence(code: str, start: int, goal: int) -> list[str]:
    """Shortest list of "R"/"F" presses turning library shape ``code`` from orientation
    ``start`` to ``goal`` (a breadth-first search over its rotate/mirror moves)."""
    from solver.shapes import LIBRARY

    prev: dict[int, Any] = {start: None}
    queue = [start]
    while queue:
        o = queue.pop(0)
        if o == goal:
            break
        for name, n in (("R", LIBRARY[code].rotate(o)), ("F", LIBRARY[code].mirror(o))):
            if n not in prev:
                prev[n] = (o, name)
                queue.append(n)
    out = []
    o = goal
    while prev[o] is not None:
        o, name = prev[o]
        out.append(name)
    return out[::-1]


def aim_piece(c: Any, slot: int, goal: int, r0: int, c0: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """Hover tray ``slot``, turn its piece to orientation ``goal`` with R/F keys (one frame), and
    return (the pixel to grab the piece by, the pixel to drop it at) so that it lands with its
    anchor at board cell ``(r0, c0)``: both are the centre of the orientation's first cell."""
    s = c.scene
    L = s.layout
    post(pygame.MOUSEMOTION, pos=L.slots[slot].center, rel=(0, 0), buttons=(0, 0, 0))
    for name in turn_sequence(s.puzzle.pieces[slot].code, s.ui.tray_orient[slot], goal):
        key(pygame.K_r if name == "R" else pygame.K_f)
    frame(c)
    cells = s.puzzle.pieces[slot].orientations[goal]
    rr, cc = cells[0]
    ox, oy = L.tray_piece_origin(slot, cells)
    grab = (int(ox + (cc + 0.5) * L.tray_cell), int(oy + (rr + 0.5) * L.tray_cell))
    x, y = L.cell_to_px((r0 + rr, c0 + cc))
    return grab, (x + L.cell // 2, y + L.cell // 2)
