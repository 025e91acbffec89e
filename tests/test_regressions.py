"""Regressions found by a fresh-user session (named after the bug, python-chess style)."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.control import Control  # noqa: E402
from game.fonts import Fonts  # noqa: E402
from game.scene import Context  # noqa: E402
from game.stats import Progress  # noqa: E402
from game.worker import SolverWorker  # noqa: E402

E = pygame.event


@pytest.fixture(scope="module")
def worker():
    """One solver worker for the module."""
    w = SolverWorker()
    yield w
    w.stop()


@pytest.fixture
def control(worker):
    """A Classic scene on 2024-05-01 at the default size."""
    pygame.display.init()
    pygame.font.init()
    ctx = Context(lang="en", fonts=Fonts(), date=dt.date(2024, 5, 1), worker=worker)
    c = Control(ctx, "classic", size=(1120, 780))
    yield c
    E.clear()


def frames(c: Control, n: int) -> None:
    """Run ``n`` frames of the real loop with a fixed 1/60 s step."""
    for _ in range(n):
        c.step(dt_s=1 / 60)


def key(k: int, mod: int = 0) -> None:
    """Post a KEYDOWN event."""
    E.post(E.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0))


@pytest.mark.parametrize("stop", ["undo", "escape"])
def test_solving_message_cleared_when_the_solve_is_stopped_bug(control, stop):
    scene = control.scene
    for _ in range(900):
        if control.ctx.worker.ready:
            break
        frames(control, 1)
    scene.command("solve")
    for _ in range(600):            # until the first piece is in flight or placed
        frames(control, 1)
        if scene.ui.flights or scene.state.placed:
            break
    if stop == "undo":
        key(pygame.K_z, pygame.KMOD_CTRL)
    else:
        key(pygame.K_ESCAPE)
    frames(control, 30)
    assert not scene.ui.flights
    assert scene.ui.message_ttl == 0 or scene.ui.message != control.ctx.t("solving")


def test_ctrl_q_quits_bug(control):
    key(pygame.K_q, pygame.KMOD_CTRL)
    frames(control, 1)
    assert control.quit


def test_damaged_timer_in_the_save_reads_as_zero_bug(tmp_path):
    p = Progress(folder=str(tmp_path))
    for bad in (-4.4, 1e308, float("nan")):
        p.data.setdefault("puzzles", {})["k"] = {"elapsed_s": bad}
        assert p.elapsed("k") == 0.0
    p.data["puzzles"]["k"] = {"elapsed_s": 61.5}
    assert p.elapsed("k") == 61.5


@pytest.mark.parametrize("date", ["9999-12-31", "0001-01-01"])
def test_dates_outside_the_calendar_range_are_refused_bug(date):
    r = subprocess.run([sys.executable, "-m", "game", "--date", date, "--frames", "1"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_solve_redone_after_undo_is_not_a_found_solution_bug(worker, tmp_path):
    pygame.display.init()
    pygame.font.init()
    prog = Progress(str(tmp_path))
    ctx = Context(lang="en", fonts=Fonts(), date=dt.date(2024, 5, 1), worker=worker, progress=prog)
    c = Control(ctx, "classic", size=(1120, 780))
    scene = c.scene
    for _ in range(900):
        if worker.ready:
            break
        frames(c, 1)
    scene.command("solve")
    for _ in range(1500):
        frames(c, 1)
        if scene.state.is_solved:
            break
    assert scene.state.is_solved
    n = len(scene.state.placed)
    for _ in range(n):
        key(pygame.K_z, pygame.KMOD_CTRL)
        frames(c, 1)
    assert not scene.state.placed
    for _ in range(n):                   # the solver's pieces come back by redo
        key(pygame.K_y, pygame.KMOD_CTRL)
        frames(c, 1)
    frames(c, 5)
    assert scene.state.is_solved
    assert prog.found(scene.key) == []   # assisted, never "found by the player"
    E.clear()
