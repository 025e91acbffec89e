"""Solver faults: a new request cancels the running search; one worker compiles, on its thread.

The long search used throughout is the 8 x 8 square with four 方阵 and eight
pentominoes: more than 20 million nodes (several seconds), so a test can only
finish quickly when the search really is cancelled.  No assertion is about time:
every wait is bounded (``LIMIT_S``) only so that a broken cancel fails instead of
hanging the run.
"""
from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import datetime as dt  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402
from helpers import key, make_control  # noqa: E402

from solver.board import Board  # noqa: E402
from solver.shapes import PENTOMINOES  # noqa: E402
from solver.model import Puzzle  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LIMIT_S = 60.0
LONG = Puzzle(Board.from_rows(["........"] * 8), ("F6",) * 4 + PENTOMINOES[:8], (), "long 8x8")
LONG_TOML = ('name = "long 8x8"\nboard = """\n' + "\n".join(["........"] * 8) + '\n"""\n'
             f"formations = {list(('F6',) * 4 + PENTOMINOES[:8])!r}\n").replace("'", '"')


def wait_for(cond, what: str) -> None:
    """Poll ``cond()`` until true; fail (not hang) after :data:`LIMIT_S` seconds."""
    end = time.monotonic() + LIMIT_S
    while not cond():
        assert time.monotonic() < end, f"gave up waiting for: {what}"
        time.sleep(0.002)


def running_search(worker):
    """The search the worker is running now (None when idle)."""
    with worker._lock:
        return worker._search


def results_until(worker, pred, what: str) -> list:
    """Collect ``worker.poll()`` results until ``pred(results)``; bounded by :data:`LIMIT_S`."""
    out: list = []
    wait_for(lambda: out.extend(worker.poll()) or pred(out), what)
    return out


def test_search_cancel_from_another_thread_stops_it(fuzz_counts):
    from solver import kernels as K
    from solver.search import Search

    s = Search(LONG, store=0)
    status: list[int] = []
    t = threading.Thread(target=lambda: status.append(s.run()), daemon=True)
    t.start()
    wait_for(lambda: s.nodes > 0, "the search to start")
    s.cancel()
    t.join(LIMIT_S)
    fuzz_counts["faults"] += 1
    assert not t.is_alive(), "cancel did not stop the kernel"
    assert status == [K.ST_CANCELLED] and not s.done
    # and it resumes where it stopped
    nodes = s.nodes
    assert s.run(node_budget=10_000) != K.ST_CANCELLED and s.nodes > nodes


@pytest.fixture
def worker():
    """A started, warmed-up SolverWorker of its own (stopped after the test)."""
    from game.worker import SolverWorker

    w = SolverWorker()
    wait_for(lambda: w.ready or w.failed, "the worker warm-up")
    yield w
    w.stop()


def start_long(worker) -> int:
    """Submit the long count and wait until the kernel is running it; returns its id."""
    rid = worker.submit("count", LONG)
    wait_for(lambda: (s := running_search(worker)) is not None and s.puzzle == LONG and s.nodes > 0,
             "the long count to run")
    return rid


def test_new_request_cancels_the_running_search(worker, fuzz_counts):
    from solver.games.polyomino import Params, make_puzzle

    long_rid = start_long(worker)
    solve_rid = worker.submit("solve", make_puzzle(Params("classic"), dt.date(2024, 5, 1))[0])
    res = results_until(worker, lambda rs: {r.rid for r in rs} >= {long_rid, solve_rid}, "both answers")
    by_id = {r.rid: r for r in res}
    fuzz_counts["faults"] += 1
    assert by_id[long_rid].status == "cancelled"
    assert by_id[solve_rid].status == "ok" and by_id[solve_rid].solution


def test_quit_cancels_the_running_search(worker, fuzz_counts):
    start_long(worker)
    worker.stop()
    worker._thread.join(LIMIT_S)
    fuzz_counts["faults"] += 1
    assert not worker._thread.is_alive(), "the worker thread kept searching after stop()"


def new_control(mode: str, worker, tmp_path):
    """A Control on ``worker``; ``custom`` plays the long 8 x 8 puzzle (its count runs at once)."""

    path = tmp_path / "long.toml"
    path.write_text(LONG_TOML, encoding="utf-8")
    return make_control(worker, None, lang="en", size=(800, 560), mode=mode, options={"puzzle": str(path)})


def test_closing_the_window_cancels_the_running_search(worker, tmp_path, fuzz_counts):
    """QUIT through the real ``Control.run`` loop while the custom puzzle's long count runs."""
    c = new_control("custom", worker, tmp_path)
    wait_for(lambda: (s := running_search(worker)) is not None and s.puzzle == LONG and s.nodes > 0,
             "the scene's count to run")
    long_search = running_search(worker)
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    c.run()  # returns after the frame that saw QUIT; stops the worker
    worker._thread.join(LIMIT_S)
    fuzz_counts["faults"] += 1
    assert not worker._thread.is_alive(), "the worker kept searching after the window closed"
    assert not long_search.done


@pytest.mark.parametrize("how", ["mode switch", "solve again", "date change"])
def test_player_actions_cancel_the_running_search(how, worker, tmp_path, fuzz_counts):
    if how == "mode switch":
        c = new_control("custom", worker, tmp_path)  # enter() asked for the long count
        wait_for(lambda: (s := running_search(worker)) is not None and s.puzzle == LONG and s.nodes > 0,
                 "the scene's count to run")
        long_search = running_search(worker)
        key(pygame.K_F3)  # to Flip, which never asks the solver anything
        c.step(dt_s=0.0, sleep=False)
        assert c.scene.name == "flip"
    else:
        c = new_control("classic", worker, tmp_path)
        for _ in range(3):
            c.step(dt_s=0.0, sleep=False)
        start_long(worker)
        long_search = running_search(worker)
        if how == "solve again":
            c.scene.command("solve")
        else:
            c.scene.command("next")
        c.step(dt_s=0.0, sleep=False)
    fuzz_counts["faults"] += 1
    wait_for(lambda: running_search(worker) is not long_search, f"{how} to cancel the long search")
    assert not long_search.done, "the long search ran to its end instead of being cancelled"
    pygame.event.clear()


def test_one_worker_and_solver_api_imported_only_on_its_thread(fuzz_counts):
    """Every mode, switched back and forth: one solver thread, and it alone imports solver.search."""
    code = r"""
import os, sys, threading, datetime as dt, importlib.abc
os.environ["SDL_VIDEODRIVER"] = "dummy"; os.environ["SDL_AUDIODRIVER"] = "dummy"
seen = []
class Spy(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name in ("solver.search", "solver.kernels", "numba"):
            seen.append((name, threading.current_thread().name))
        return None
sys.meta_path.insert(0, Spy())
import pygame
from game.app import Control
from game.scene import Context
from game.widgets.text import Fonts
pygame.display.init(); pygame.font.init()
ctx = Context(lang="en", fonts=Fonts(), date=dt.date(2024, 5, 1), options={"puzzle": sys.argv[1]})
c = Control(ctx, "classic", size=(800, 560))
for k in (pygame.K_F2, pygame.K_F3, pygame.K_F1, pygame.K_F2, pygame.K_F1, pygame.K_F3, pygame.K_F2):
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0))
    for _ in range(20):
        c.step(1 / 60, sleep=False)
c.scene.command("solve")
w = ctx.worker
import time
end = time.monotonic() + 60
while not (w.ready or w.failed) and time.monotonic() < end:
    c.step(1 / 60, sleep=False)
    time.sleep(0.01)
names = [t.name for t in threading.enumerate() if t.name == "solver-worker"]
print(len(names), sorted(set(seen)), w.ready)
"""
    path = os.path.join(ROOT, "assets", "puzzles", "pentomino_5x5.toml")
    out = subprocess.run([sys.executable, "-c", code, path], capture_output=True, text=True, cwd=ROOT,
                         timeout=180)
    assert out.returncode == 0, out.stderr[-2000:]
    n, imports, ready = out.stdout.strip().split(" ", 1)[0], out.stdout.strip().split(" ", 1)[1].rsplit(" ", 1)[0], \
        out.stdout.strip().rsplit(" ", 1)[1]
    assert n == "1", out.stdout
    assert ready == "True"
    assert "MainThread" not in imports, f"the UI thread imported the solver: {imports}"
    assert "solver-worker" in imports
