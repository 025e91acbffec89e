"""Regressions found by a fresh-user session (named after the bug, python-chess style)."""
from __future__ import annotations

import json
import subprocess
import sys

import pygame
import pytest
from helpers import E, frame, key, make_control, ready, until

from game.midend import MidEnd


@pytest.fixture
def control(worker):
    """A Classic scene on 2024-05-01 at the default size, on a fake clock."""
    c = make_control(worker, None, lang="en")
    yield c
    E.clear()


@pytest.mark.parametrize("stop", ["undo", "escape"])
def test_solving_message_cleared_when_the_solve_is_stopped_bug(control, stop):
    scene = control.scene
    ready(control)
    scene.command("solve")
    until(control, lambda: bool(scene.ui.flights or scene.state.placed), what="the Solve fly-in")
    if stop == "undo":
        key(pygame.K_z, pygame.KMOD_CTRL)
    else:
        key(pygame.K_ESCAPE)
    frame(control, 30)
    assert not scene.ui.flights
    assert scene.status_text() != control.ctx.t("solving")


def test_ctrl_q_quits_bug(control):
    key(pygame.K_q, pygame.KMOD_CTRL)
    frame(control, 1)
    assert control.quit


def test_damaged_timer_in_the_save_reads_as_zero_bug():
    from solver.games import lights_out as lo
    from game.midend import GameId

    params = lo.Params()
    first = lo.GAME.new_game(params)
    for bad in (-4.4, 1e308, float("nan"), "61", True):
        me = MidEnd.from_save(lo.GAME, params, GameId("flip"), first, {"elapsed_s": bad, "moves": []})
        assert me.elapsed_s == 0.0
    assert MidEnd.from_save(lo.GAME, params, GameId("flip"), first, {"elapsed_s": 61.5}).elapsed_s == 61.5


@pytest.mark.parametrize("date", ["9999-12-31", "0001-01-01"])
def test_dates_outside_the_calendar_range_are_refused_bug(date):
    r = subprocess.run([sys.executable, "-m", "game", "--date", date, "--frames", "1"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_solve_redone_after_undo_is_not_a_found_solution_bug(worker, tmp_path):
    c = make_control(worker, tmp_path, lang="en")
    scene = c.scene
    ready(c)
    scene.command("solve")
    until(c, lambda: scene.state.is_solved, what="the solved board")
    n = len(scene.state.placed)
    for _ in range(n):
        key(pygame.K_z, pygame.KMOD_CTRL)
        frame(c, 1)
    assert not scene.state.placed
    for _ in range(n):                   # the solver's pieces come back by redo
        key(pygame.K_y, pygame.KMOD_CTRL)
        frame(c, 1)
    frame(c, 5)
    assert scene.state.is_solved
    rec = c.ctx.stats.record(scene.game_id)
    assert rec.found == () and rec.solves == 1  # assisted, never "found by the player"
    E.clear()


def test_undo_then_redo_of_a_solve_records_a_second_solve_time_bug(worker, tmp_path):
    c = make_control(worker, tmp_path, lang="en")
    scene = c.scene
    from helpers import play_solution

    play_solution(scene)
    frame(c, 30)
    first = c.ctx.stats.record(scene.game_id)
    scene.command("undo")
    frame(c, 120)
    scene.command("redo")
    frame(c, 2)
    again = c.ctx.stats.record(scene.game_id)
    assert first.by_hand and again == first  # one record: the same time, moves and day
    data = json.loads((tmp_path / "progress.json").read_text(encoding="utf-8"))
    assert list(data["records"]) == ["classic 2024-05-01"]
