"""Event storms through the real frame loop, headless, in every mode (hypothesis).

Each example builds a :class:`game.control.Control` (classic, drill, custom file
or flip), feeds it 100+ random pygame events -- mouse down/move/up anywhere
(also outside the window, and a button released outside it), wheel, keys with
modifiers (mode keys F1-F3 included), resizes to odd sizes, focus loss, quit --
through ``pygame.event.post`` and ``Control.step`` (the game's own loop body),
and after every frame checks that the position is still legal:

* classic / drill / custom: every placed piece is its slot's formation in a true
  orientation, on open non-target cells, no two pieces overlap, and
  ``State.is_solved`` is true exactly when the pieces cover every cell to cover;
* flip: the lit pattern lies on the board, is still solvable (a press never makes
  a dealt board unsolvable) and the undo position is inside the history;
* the progress file (saved after every move, resumed by every new example) still
  reads back cleanly at the end.

Frames never sleep (``Control.step(sleep=False)`` on a fake clock); the solver worker is real (one
worker for the module, as in the game), so Hint/Solve/Show-search answers arrive
asynchronously while the storm goes on.  ``derandomize=True``: the same event
sequences on every run.
"""
from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import datetime as dt  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402
from conftest import FUZZ_SCALE  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from helpers import frame, make_control, until  # noqa: E402

from game.app import Control  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CUSTOM = os.path.join(ROOT, "assets", "puzzles", "pentomino_5x5.toml")
DATE = dt.date(2024, 5, 1)
MODES = ("classic", "drill", "custom", "flip")
EXAMPLES_PER_MODE = 16
"""4 modes x 16 examples x ~170 events: above the issue's 10,000 events per run."""

E = pygame.event
W0, H0 = 800, 560
POS_X = st.integers(-200, W0 + 200)
POS_Y = st.integers(-200, H0 + 200)

PLAY_KEYS = [
    pygame.K_r, pygame.K_f, pygame.K_h, pygame.K_s, pygame.K_t, pygame.K_l, pygame.K_z, pygame.K_y,
    pygame.K_u, pygame.K_n, pygame.K_d, pygame.K_PLUS, pygame.K_EQUALS, pygame.K_MINUS,
    pygame.K_KP_PLUS, pygame.K_KP_MINUS, pygame.K_LEFTBRACKET, pygame.K_RIGHTBRACKET, pygame.K_HOME,
    pygame.K_ESCAPE, pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_RETURN,
    pygame.K_KP_ENTER, pygame.K_SPACE, pygame.K_BACKSPACE, pygame.K_DELETE, pygame.K_TAB, pygame.K_a,
    pygame.K_F4, pygame.K_F12,
] + [pygame.K_1 + i for i in range(9)] + [pygame.K_0]
MODS = [0, 0, 0, pygame.KMOD_CTRL, pygame.KMOD_SHIFT, pygame.KMOD_CTRL | pygame.KMOD_SHIFT,
        pygame.KMOD_ALT, pygame.KMOD_LCTRL]
MODE_KEYS = [pygame.K_F1, pygame.K_F2, pygame.K_F3]

action = st.one_of(
    st.tuples(st.just("motion"), POS_X, POS_Y, st.sampled_from([(0, 0, 0), (1, 0, 0), (0, 0, 1)])),
    st.tuples(st.just("down"), POS_X, POS_Y, st.sampled_from([1, 1, 1, 2, 3, 4, 5, 6])),
    st.tuples(st.just("up"), POS_X, POS_Y, st.sampled_from([1, 1, 1, 2, 3])),
    st.tuples(st.just("wheel"), st.sampled_from([-3, -1, 0, 1, 2]), st.booleans()),
    st.tuples(st.just("key"), st.sampled_from(PLAY_KEYS), st.sampled_from(MODS)),
    st.tuples(st.just("key"), st.sampled_from(PLAY_KEYS), st.sampled_from(MODS)),
    st.tuples(st.just("key"), st.integers(0, 0x4000011A), st.sampled_from(MODS)),
    st.tuples(st.just("place"), st.integers(0, 15), st.integers(0, 9), st.integers(0, 9),
              st.integers(0, 7)),
    st.tuples(st.just("place"), st.integers(0, 15), st.integers(0, 9), st.integers(0, 9),
              st.integers(0, 7)),
    st.tuples(st.just("drag_out"), st.integers(0, 15), POS_X, POS_Y),
    st.tuples(st.just("frame"), st.sampled_from([0.0, 1 / 60, 1 / 60, 0.1, 2.0])),
    st.tuples(st.just("wait"), st.integers(2, 8)),
    st.tuples(st.just("resize"), st.integers(1, 2400), st.integers(1, 1600)),
    st.tuples(st.just("focus"), st.sampled_from(["lost", "leave", "minimized", "hidden", "exposed", "active0",
                                                 "gained", "restored", "shown", "active1", "enter"])),
    st.tuples(st.just("text"), st.text(max_size=3)),
    st.tuples(st.just("quit")),
    st.tuples(st.just("mode"), st.sampled_from(MODE_KEYS), st.integers(0, 9)),
    st.tuples(st.just("solve"), st.integers(0, 2)),
)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    """A progress-file folder shared by the module (saves, resume and statistics are exercised)."""
    return str(tmp_path_factory.mktemp("progress"))


def new_control(mode: str, worker, data_dir: str | None = None) -> Control:
    """A fresh Control in ``mode`` on the shared worker, never sleeping, on a fake clock; with
    a progress file in ``data_dir`` (each example resumes where an earlier one left that puzzle)."""
    c = make_control(worker, data_dir, lang="zh", size=(W0, H0), mode=mode,
                     options={"puzzle": CUSTOM, "seed": 7})
    if mode == "drill":  # the day's set is chosen on the worker: let it arrive
        until(c, lambda: c.scene.puzzle is not None, limit=20000, what="the Daily Drill puzzle", dt_s=0.0)
    return c


def post(ev_type: int, **kw) -> int:
    """Post one event to pygame's queue; returns 1 (for the event count)."""
    E.post(E.Event(ev_type, **kw))
    return 1


def key_event(k: int, mod: int) -> int:
    """A KEYDOWN and its KEYUP, as a keyboard sends them; returns 2."""
    post(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0)
    return post(pygame.KEYUP, key=k, mod=mod, unicode="", scancode=0) + 1


def slot_centre(scene, i: int) -> tuple[int, int]:
    """Pixel centre of tray slot ``i`` (modulo the slot count), or the window centre."""
    L = getattr(scene, "layout", None)
    slots = getattr(L, "slots", None) if L is not None else None
    if not slots or scene.name == "flip":
        return (W0 // 2, H0 // 2)
    return slots[i % len(slots)].center


def cell_centre(scene, r: int, c: int, jitter: int) -> tuple[int, int]:
    """Pixel centre of board cell ``(r, c)`` (modulo the board) plus a small offset."""
    if scene.name == "flip":
        L = scene.get_layout()
        n = scene.n
    else:
        L = getattr(scene, "layout", None)
        if L is None:
            return (jitter * 50, jitter * 30)
        n = max(L.board_w, L.board_h)
    x, y = L.cell_to_px((r % max(1, L.board_h), c % max(1, L.board_w)))
    d = (jitter - 3) * max(1, L.cell // 8)
    return (x + L.cell // 2 + d, y + L.cell // 2 - d) if n else (x, y)


def perform(c: Control, act: tuple) -> int:
    """Post the events of one action (or run frames); returns how many events it posted."""
    kind = act[0]
    scene = c.scene
    if kind == "motion":
        return post(pygame.MOUSEMOTION, pos=(act[1], act[2]), rel=(1, -1), buttons=act[3])
    if kind == "down":
        return post(pygame.MOUSEBUTTONDOWN, pos=(act[1], act[2]), button=act[3])
    if kind == "up":
        return post(pygame.MOUSEBUTTONUP, pos=(act[1], act[2]), button=act[3])
    if kind == "wheel":
        return post(pygame.MOUSEWHEEL, x=0, y=act[1], flipped=act[2], precise_x=0.0, precise_y=float(act[1]))
    if kind == "key":
        return key_event(act[1], act[2])
    if kind == "mode":  # F1-F3, rarely (gate 0 of 10): each example stays mostly in its own mode
        return key_event(act[1], 0) if act[2] == 0 else 0
    if kind == "solve":  # Solve, then frames enough for the answer and the fly-in (gate 0 of 3)
        if act[1] != 0:
            return 0
        n = post(pygame.WINDOWFOCUSGAINED)  # the player is back at the window
        n += key_event(pygame.K_s, 0)
        for _ in range(40):
            step(c, 0.1)
        return n
    if kind == "place" and scene.name == "flip":  # a click on a cell
        b = cell_centre(scene, act[2], act[3], act[4])
        return post(pygame.MOUSEBUTTONDOWN, pos=b, button=1) + post(pygame.MOUSEBUTTONUP, pos=b, button=1)
    if kind == "place":  # a deliberate drag from a tray slot onto a board cell
        _, slot, r, col, jit = act
        a = slot_centre(scene, slot)
        b = cell_centre(scene, r, col, jit)
        n = post(pygame.MOUSEBUTTONDOWN, pos=a, button=1)
        n += post(pygame.MOUSEMOTION, pos=((a[0] + b[0]) // 2, (a[1] + b[1]) // 2), rel=(1, 1), buttons=(1, 0, 0))
        n += post(pygame.MOUSEMOTION, pos=b, rel=(1, 1), buttons=(1, 0, 0))
        return n + post(pygame.MOUSEBUTTONUP, pos=b, button=1)
    if kind == "drag_out":  # pick a piece up, leave the window, release the button out there
        a = slot_centre(scene, act[1])
        n = post(pygame.MOUSEBUTTONDOWN, pos=a, button=1)
        n += post(pygame.WINDOWLEAVE)
        n += post(pygame.MOUSEMOTION, pos=(act[2], act[3]), rel=(5, 5), buttons=(1, 0, 0))
        return n + post(pygame.MOUSEBUTTONUP, pos=(act[2], act[3]), button=1)
    if kind == "resize":
        w, h = act[1], act[2]
        n = post(pygame.VIDEORESIZE, size=(w, h), w=w, h=h)
        return n + post(pygame.WINDOWSIZECHANGED, x=w, y=h)
    if kind == "focus":
        ev = {"lost": pygame.WINDOWFOCUSLOST, "leave": pygame.WINDOWLEAVE, "hidden": pygame.WINDOWHIDDEN,
              "minimized": pygame.WINDOWMINIMIZED, "exposed": pygame.WINDOWEXPOSED,
              "gained": pygame.WINDOWFOCUSGAINED, "restored": pygame.WINDOWRESTORED,
              "shown": pygame.WINDOWSHOWN, "enter": pygame.WINDOWENTER}.get(act[1])
        if ev is not None:
            return post(ev)
        return post(pygame.ACTIVEEVENT, gain=int(act[1] == "active1"), state=2)
    if kind == "text":
        return post(pygame.TEXTINPUT, text=act[1]) if act[1] else 0
    if kind == "quit":
        return post(pygame.QUIT)
    if kind == "frame":
        step(c, act[1])
        return 0
    if kind == "wait":
        for _ in range(act[1]):
            step(c, 0.1)
        return 0
    raise AssertionError(kind)


def step(c: Control, dt_s: float) -> None:
    """One real frame (events, update, draw), then the state checks; a QUIT is acknowledged."""
    frame(c, 1, dt_s)
    if c.quit:  # the loop would end here; the storm goes on to test what follows a quit
        c.quit = False
    check_state(c)


def check_state(c: Control) -> None:
    """Assert the current scene's position is legal (see the module docstring)."""
    scene = c.scene
    if scene.name == "flip":
        from solver import flip

        s = scene.state
        n = scene.n
        assert s.w == s.h == n
        assert 0 <= s.lit < 1 << (n * n)
        assert flip.is_solvable(n, n, s.lit), "a press made the board unsolvable"
        me = scene.midend
        assert 0 <= me.pos < len(me.history)
        assert all(e.state.w == n for e in me.history)
        r, col = scene.ui.cursor
        assert 0 <= r < n and 0 <= col < n
        return
    if scene.puzzle is None:  # drill: the day's set is still being chosen
        return
    state = scene.state
    p = state.puzzle
    assert p is scene.puzzle
    b = p.board
    targets = set(p.targets)
    covered: set = set()
    for slot, pl in enumerate(state.pieces):
        if pl is None:
            continue
        assert pl.formation == p.formations[slot], "a slot holds another formation"
        pl.orientation()  # raises unless a true orientation
        cells = set(pl.cells)
        assert len(cells) == len(pl.cells)
        for r, col in cells:
            assert b.is_open(r, col), f"piece on blocked/off-board cell {(r, col)}"
            assert (r, col) not in targets, f"piece on target cell {(r, col)}"
        assert not cells & covered, "two pieces overlap"
        covered |= cells
    to_cover = {(r, col) for r in range(b.height) for col in range(b.width) if b.is_open(r, col)} - targets
    assert state.is_solved == (covered == to_cover), "solved flag disagrees with the cover"
    assert 0 <= scene.midend.pos < len(scene.midend.history)
    assert len(scene.ui.tray_orient) == len(p.formations)
    if scene.ui.drag is not None:
        assert 0 <= scene.ui.drag.slot < len(p.formations)


@pytest.mark.parametrize("mode", MODES)
@settings(max_examples=EXAMPLES_PER_MODE * FUZZ_SCALE, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
@given(actions=st.lists(action, min_size=110, max_size=150))
def test_event_storm_keeps_every_mode_legal(mode, actions, worker, data_dir, fuzz_counts):
    c = new_control(mode, worker, data_dir)
    events = 0
    for act in actions:
        events += perform(c, act)
    step(c, 1 / 60)  # deliver what is still queued
    for _ in range(3):
        step(c, 0.1)
    fuzz_counts["events"] += events
    E.clear()
    from game.store import Store

    again = Store(folder=data_dir)  # the saves written during the storm read back cleanly
    assert again.writable and again.notice is None, again.warning
