"""Headless tests of the pygame front end through its real input path and frame loop."""
from __future__ import annotations

import os
import subprocess
import sys
import threading

import pygame
import pytest
from helpers import aim_piece, frame, key, make_control, post, ready, turn_sequence, until

from game.widgets.text import Fonts
from game.worker import SolverWorker
from solver.games.polyomino import place_move
from test_game_state import MAY1_SOLUTION, solution_placements


@pytest.fixture
def control(worker):
    """A Classic scene on 2024-05-01 at the default size, on a fake clock."""
    c = make_control(worker, None, lang="zh")
    yield c
    pygame.event.clear()


def test_drag_all_pieces_into_the_hand_solution(control):
    scene = control.scene
    frame(control)
    for code, pl in solution_placements().items():
        slot = scene.puzzle.formations.index(code)
        goal, r0, c0 = pl.orientation()
        grab, drop = aim_piece(control, slot, goal, r0, c0)
        assert scene.ui.tray_orient[slot] == goal
        post(pygame.MOUSEBUTTONDOWN, pos=grab, button=1)
        post(pygame.MOUSEMOTION, pos=((grab[0] + drop[0]) // 2, (grab[1] + drop[1]) // 2), rel=(1, 1), buttons=(1, 0, 0))
        post(pygame.MOUSEMOTION, pos=drop, rel=(1, 1), buttons=(1, 0, 0))
        frame(control)
        g = scene.ghost()
        assert g is not None and g[1], f"ghost for {code} should be legal"
        post(pygame.MOUSEBUTTONUP, pos=drop, button=1)
        frame(control)
        assert scene.state.pieces[slot] == pl, f"{code} did not land where dropped"
    assert scene.state.is_solved and not scene.state.cheated
    assert scene.state.to_text() == "\n".join(MAY1_SOLUTION)
    frame(control, 3)
    assert scene.ui.solved_seen and scene.ui.flash_s > 0


def test_illegal_drop_returns_piece_and_drag_off_board_lifts(control):
    scene = control.scene
    L = scene.layout
    frame(control)
    slot = 0  # 方阵, 3 tall x 2 wide: dropping its top-left on May (a target) is illegal
    ox, oy = L.tray_piece_origin(slot, scene.puzzle.pieces[slot].orientations[0])
    grab = (int(ox + 0.5 * L.tray_cell), int(oy + 0.5 * L.tray_cell))
    x, y = L.cell_to_px((0, 4))
    post(pygame.MOUSEBUTTONDOWN, pos=grab, button=1)
    post(pygame.MOUSEMOTION, pos=(x + 5, y + 5), rel=(1, 1), buttons=(1, 0, 0))
    frame(control)
    assert scene.ghost() is not None and not scene.ghost()[1]
    post(pygame.MOUSEBUTTONUP, pos=(x + 5, y + 5), button=1)
    frame(control)
    assert scene.state.placed == ()
    # now a legal drop at (2, 2), then drag it off the board back to the tray
    x, y = L.cell_to_px((2, 2))
    post(pygame.MOUSEBUTTONDOWN, pos=grab, button=1)
    post(pygame.MOUSEMOTION, pos=(x + 5, y + 5), rel=(1, 1), buttons=(1, 0, 0))
    post(pygame.MOUSEBUTTONUP, pos=(x + 5, y + 5), button=1)
    frame(control)
    assert scene.state.placed_slots == (0,)
    post(pygame.MOUSEBUTTONDOWN, pos=(x + 5, y + 5), button=1)
    post(pygame.MOUSEMOTION, pos=L.slots[5].center, rel=(1, 1), buttons=(1, 0, 0))
    post(pygame.MOUSEBUTTONUP, pos=L.slots[5].center, button=1)
    frame(control)
    assert scene.state.placed == ()
    key(pygame.K_z, pygame.KMOD_CTRL)  # undo the lift
    frame(control)
    assert scene.state.placed_slots == (0,)
    key(pygame.K_y, pygame.KMOD_CTRL)
    frame(control)
    assert scene.state.placed == ()


def test_hint_keeps_position_solvable(control):
    from solver.search import is_solvable

    scene = control.scene
    sol = solution_placements()
    for code in ("F6", "XX"):
        assert scene.play(place_move(scene.puzzle.formations.index(code), sol[code]))
    before = len(scene.state.placed)
    ready(control)
    scene.command("hint")
    until(control, lambda: len(scene.state.placed) > before)
    assert scene.state.cheated
    assert is_solvable(scene.puzzle, scene.state.placed)


def test_hint_on_dead_position_highlights_the_culprit(control):
    scene = control.scene
    from solver.model import Placement
    # 方阵 flat at rows 0-1, cols 1-3 cuts off Jan/Jul (day 1 is a target): dead
    assert scene.play(place_move(0, Placement.at("F6", 1, 0, 1)))
    ready(control)
    scene.command("hint")
    until(control, lambda: bool(scene.ui.dead_slots))
    assert scene.ui.dead_slots == (0,)
    assert len(scene.state.placed) == 1


@pytest.mark.parametrize("how", ["reset", "undo"])
def test_the_dead_end_message_and_outline_go_when_the_position_moves(control, how):
    from game.polyomino.draw import status_line
    from solver.model import Placement

    scene = control.scene
    assert scene.play(place_move(0, Placement.at("F6", 1, 0, 1)))  # dead, as above
    ready(control)
    scene.command("hint")
    until(control, lambda: bool(scene.ui.dead_slots))
    dead_text = scene.ctx.t("dead")
    assert status_line(scene)[0] == dead_text
    key(pygame.K_r if how == "reset" else pygame.K_z, pygame.KMOD_CTRL)
    frame(control)
    assert scene.state.placed == ()
    assert scene.ui.dead_slots == () and status_line(scene)[0] != dead_text
    frame(control, 120, dt_s=1 / 60)  # and it does not come back
    assert status_line(scene)[0] != dead_text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_header_says_today_only_for_todays_puzzle(worker, lang):
    import datetime as dt

    from game.polyomino.draw import header_facts
    from helpers import DATE, FakeToday

    today = FakeToday(DATE)
    c = make_control(worker, None, lang=lang, today=today)
    s = c.scene
    until(c, lambda: s.count is not None, what="the count of 2024-05-01")
    assert s.count == 57  # the published Classic figure for May 1
    words = {"en": ("solutions today: 57", "solutions for this date: 57"),
             "zh": ("今日解法 57 种", "当天解法 57 种")}[lang]
    assert words[0] in header_facts(s) and words[1] not in header_facts(s)
    today.day = DATE + dt.timedelta(days=30)  # the same puzzle, looked at a month later
    frame(c)
    assert words[1] in header_facts(s) and words[0] not in header_facts(s)
    assert not any("today" in f or "今日" in f for f in header_facts(s))
    pygame.event.clear()


def test_autosolve_flies_pieces_in_and_solves(control):
    scene = control.scene
    control.autosolve = True
    control.frames = 0
    until(control, lambda: scene.state.is_solved)
    assert scene.state.cheated and len(scene.state.placed) == 8
    assert scene.ui.solved_by_solver


def test_show_search_replay_ends_solved(control, monkeypatch):
    import game.polyomino.anim as anim

    monkeypatch.setattr(anim, "TRACE_RATE", 600.0)
    scene = control.scene
    ready(control)
    for _ in range(3):
        scene.command("faster")
    scene.command("search")
    until(control, lambda: scene.ui.replay is not None, what="the search replay")
    until(control, lambda: scene.state.is_solved, what="the end of the replay")
    assert scene.state.cheated


def test_search_replay_pauses_single_steps_and_jumps_to_the_end(control):
    scene = control.scene
    ready(control)
    scene.command("search")
    until(control, lambda: scene.ui.replay is not None, what="the search replay")
    key(pygame.K_p)                      # pause
    frame(control)
    i = scene.ui.replay.i
    frame(control, 30)
    assert scene.ui.replay.i == i        # paused: the replay does not move
    key(pygame.K_PERIOD)                 # one step
    frame(control)
    assert scene.ui.replay.i == i + 1
    key(pygame.K_PERIOD)
    key(pygame.K_PERIOD)
    frame(control)
    assert scene.ui.replay.i == i + 3
    key(pygame.K_END)                    # straight to the end: the solution is placed
    until(control, lambda: scene.state.is_solved, limit=60, what="the end of the replay")
    assert scene.state.cheated


class SlowWorker(SolverWorker):
    """A worker whose answers wait until the test releases them."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        super().__init__()

    def _answer(self, req):
        self.gate.wait(30)
        return super()._answer(req)


def test_frames_keep_running_while_a_solve_is_in_flight():
    w = SlowWorker()
    c = make_control(w, None, lang="en", size=(900, 640))
    ready(c)
    w.gate.clear()
    c.scene.command("solve")
    start = c.frames
    frame(c, 20)
    assert c.frames == start + 20
    assert w.busy and c.scene.state.placed == ()
    w.gate.set()
    until(c, lambda: c.scene.state.is_solved, what="the solved board")
    w.stop()


def test_resize_recomputes_geometry(control):
    scene = control.scene
    post(pygame.VIDEORESIZE, w=820, h=900, size=(820, 900))
    frame(control)
    L = scene.layout
    assert L.size == (820, 900) and L.portrait
    cx, cy = L.cell_to_px((3, 4))
    assert L.px_to_cell((cx + 1, cy + 1)) == (3, 4)


def run_game(*args, timeout=120):
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True,
                          timeout=timeout, env=env, cwd=root)


def test_cli_frames_and_screenshot(tmp_path):
    shot = tmp_path / "shot.png"
    res = run_game("--frames", "20", "--screenshot", str(shot), "--date", "2024-05-01", "--lang", "en")
    assert res.returncode == 0, res.stderr
    img = pygame.image.load(str(shot))
    assert img.get_width() > 300 and img.get_height() > 200


@pytest.mark.parametrize("args", [
    ("--date", "2025-02-30"),
    ("--date", "tomorrow"),
    ("--frames", "0"),
    ("--lang", "fr"),
    ("--puzzle", "/nonexistent/puzzle.toml"),
])
def test_cli_bad_input_is_one_line_exit_2(args):
    res = run_game("--frames", "1", *args)
    assert res.returncode == 2
    assert "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


def test_font_draws_every_ui_character():
    import pygame.freetype

    from game.i18n import all_text

    pygame.freetype.init()
    f = pygame.freetype.Font(Fonts().path, 24)
    missing = [ch for ch, m in zip(all_text(), f.get_metrics(all_text())) if m is None and ch != " "]
    assert missing == []


def test_keyboard_only_play_places_a_piece(control):
    scene = control.scene
    sol = solution_placements()["F6"]  # 方阵: orientation 0 (3 tall x 2 wide) at rows 3-5, cols 5-6
    goal, r0, c0 = sol.orientation()
    key(pygame.K_1)  # pick tray piece 1 (方阵)
    frame(control)
    assert scene.ui.drag is not None and scene.ui.drag.keyboard
    for name in turn_sequence("F6", scene.ui.drag.orientation, goal):
        key(pygame.K_r if name == "R" else pygame.K_f)
    r, c = scene.ui.drag.anchor
    for _ in range(abs(r0 - r)):
        key(pygame.K_DOWN if r0 > r else pygame.K_UP)
    for _ in range(abs(c0 - c)):
        key(pygame.K_RIGHT if c0 > c else pygame.K_LEFT)
    key(pygame.K_RETURN)
    frame(control)
    assert scene.state.pieces[0] == sol


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_keyboard_piece_stays_on_the_board_and_a_refused_enter_says_why(lang):
    """Arrows, R and F never take a keyboard piece's cells outside the board's bounding
    box (each orientation kept in by its own size); Enter where it does not fit keeps
    it in hand and says why on the status line, in the player's language."""
    from game.i18n import tr
    from game.polyomino.input import WHY
    from solver.model import Placement

    c = make_control(None, None, lang=lang)
    frame(c)
    s = c.scene
    b = s.puzzle.board

    def cells_in_hand():
        d = s.ui.drag
        assert d is not None and d.keyboard
        return Placement.at(s.puzzle.pieces[d.slot], d.orientation, *d.anchor).cells

    walk = [pygame.K_LEFT] * 9 + [pygame.K_UP] * 9 + [pygame.K_r, pygame.K_f, pygame.K_r] \
        + [pygame.K_RIGHT] * 9 + [pygame.K_r, pygame.K_r, pygame.K_f] + [pygame.K_DOWN] * 9 \
        + [pygame.K_r, pygame.K_f, pygame.K_r, pygame.K_LEFT, pygame.K_r]
    for slot in range(len(s.puzzle.pieces)):
        key(pygame.K_1 + slot)
        frame(c)
        assert s.ui.drag is not None and s.ui.drag.slot == slot
        for k in walk:
            key(k)
            frame(c)
            off = [rc for rc in cells_in_hand() if not (0 <= rc[0] < b.height and 0 <= rc[1] < b.width)]
            assert off == [], f"piece {slot + 1} left the board after {pygame.key.name(k)}: {off}"
        key(pygame.K_ESCAPE)
        frame(c)
    key(pygame.K_1)
    frame(c)
    for k in [pygame.K_LEFT] * 9 + [pygame.K_UP] * 9:
        key(k)
    frame(c)
    assert s.ui.drag.anchor == (0, 0)
    slot = s.ui.drag.slot
    for _ in range(b.width):  # along the top row to a place it does not fit
        reason = s.state.check_place(slot, Placement.at(s.puzzle.pieces[slot], s.ui.drag.orientation,
                                                        *s.ui.drag.anchor))
        if reason:
            break
        key(pygame.K_RIGHT)
        frame(c)
    assert reason, "no refused place along the top row"
    key(pygame.K_RETURN)
    frame(c)
    assert s.state.pieces[slot] is None and s.ui.drag is not None and s.ui.drag.slot == slot  # still in hand
    m = s.ui.message
    assert m is not None and m.key == "cannot_place"
    assert tr(WHY[reason], lang) in m.text(lang)


def test_font_draws_every_character_in_game_sources():
    import glob

    import pygame.freetype

    pygame.freetype.init()
    f = pygame.freetype.Font(Fonts().path, 24)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    chars = set()
    paths = glob.glob(os.path.join(root, "game", "**", "*.py"), recursive=True)
    assert len(paths) > 20 and any(os.sep + "polyomino" + os.sep in p for p in paths)
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            chars |= {ch for ch in fh.read() if 0x3000 <= ord(ch) <= 0x9FFF or 0xFF00 <= ord(ch) <= 0xFFEF}
    text = "".join(sorted(chars))
    missing = [ch for ch, m in zip(text, f.get_metrics(text)) if m is None]
    assert missing == [], "run assets/fonts/make_subset.py"


def test_drill_mode_builds_its_puzzle_on_the_worker_and_queues_solve(worker):
    c = make_control(worker, None, lang="en", size=(900, 640), mode="drill", autosolve=True)
    assert c.scene.puzzle is None  # still preparing: the UI thread did not search
    frame(c)
    until(c, lambda: c.scene.puzzle is not None, what="the Daily Drill puzzle")
    p = c.scene.puzzle
    assert p.area == bin(p.cover_mask).count("1")
    until(c, lambda: c.scene.state.is_solved, what="the solved board")


def test_ui_thread_never_imports_numba():
    code = r"""
import os, sys, datetime as dt
os.environ["SDL_VIDEODRIVER"] = "dummy"; os.environ["SDL_AUDIODRIVER"] = "dummy"
import pygame
from game.app import Control
from game.scene import Context
from game.widgets.text import Fonts
from game.worker import SolverWorker
pygame.display.init(); pygame.font.init()
for mode in ("classic", "drill", "flip"):
    ctx = Context(lang="zh", fonts=Fonts(), date=dt.date(2024, 5, 1), worker=SolverWorker(start=False))
    c = Control(ctx, mode, size=(800, 600), autosolve=True)
    for cmd in ("hint", "solve", "search", "next", "prev", "lang", "help", "stats", "calendar"):
        c.scene.command(cmd)
    for _ in range(5):
        c.step(1 / 60, sleep=False)
print("numba" in sys.modules, "solver.search" in sys.modules)
"""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "False"]


def test_function_keys_switch_modes(control):
    key(pygame.K_F3)
    frame(control)
    assert control.scene.name == "flip"
    key(pygame.K_F1)
    frame(control)
    assert control.scene.name == "classic" and control.scene.puzzle is not None


def test_random_input_never_crashes_and_keeps_the_state_legal(control):
    import random

    rng = random.Random(20240501)
    scene = control.scene
    w, h = control.screen.get_size()
    keys = [pygame.K_r, pygame.K_f, pygame.K_1, pygame.K_3, pygame.K_8, pygame.K_9, pygame.K_UP, pygame.K_DOWN,
            pygame.K_LEFT, pygame.K_RIGHT, pygame.K_RETURN, pygame.K_ESCAPE, pygame.K_BACKSPACE, pygame.K_h,
            pygame.K_PLUS, pygame.K_MINUS, pygame.K_l, pygame.K_z, pygame.K_y]
    for i in range(1000):
        pos = (rng.randrange(-20, w + 20), rng.randrange(-20, h + 20))
        kind = rng.random()
        if kind < 0.35:
            post(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=(1, 0, 0))
        elif kind < 0.55:
            post(pygame.MOUSEBUTTONDOWN, pos=pos, button=rng.choice((1, 1, 1, 2, 3)))
        elif kind < 0.75:
            post(pygame.MOUSEBUTTONUP, pos=pos, button=1)
        elif kind < 0.8:
            post(pygame.MOUSEWHEEL, x=0, y=rng.choice((-1, 1)), flipped=False)
        else:
            key(rng.choice(keys), rng.choice((0, 0, pygame.KMOD_CTRL)))
        if i % 10 == 0:
            frame(control)
            st = scene.state
            seen: set = set()
            for slot, pl in enumerate(st.pieces):
                if pl is not None:
                    assert st.check_place(slot, pl) is None
                    assert not seen & set(pl.cells)
                    seen |= set(pl.cells)


# ------------------------------------------------------------------ the frame loop


def test_control_step_runs_without_sleeping(control, monkeypatch):
    import game.app

    slept: list[float] = []
    monkeypatch.setattr(game.app.time, "sleep", slept.append)

    def no_wait(*a, **k):
        raise AssertionError("step(sleep=False) must not block")

    monkeypatch.setattr(pygame.event, "wait", no_wait)
    frames = control.frames
    for _ in range(50):
        control.step(dt_s=1 / 60, sleep=False)
    assert control.frames == frames + 50
    assert len(slept) == 50 and set(slept) == {0}  # it only yields the GIL to the solver thread


def test_idle_loop_blocks_on_events_and_redraws_only_on_change(control, monkeypatch):
    scene = control.scene
    ready(control)
    until(control, lambda: scene.count is not None and not control.ctx.worker.busy, what="an idle solver")
    frame(control, 2)
    waits: list[float] = []

    def wait(timeout_s: float) -> list:
        waits.append(timeout_s)
        return []

    monkeypatch.setattr(control.waiter, "wait", wait)
    draws = control.draws
    for _ in range(20):
        control.step()
    assert waits == [1.0] * 20             # blocks up to a second each time: no 60 fps redraws
    assert control.draws == draws          # and draws nothing: no clock runs before the first move
    key(pygame.K_r)                        # an event: drawn at once
    control.step()
    assert control.draws > draws and len(waits) == 21
    scene.ui.flash_s = 1.0                 # something animates: 60 fps, no blocking
    control.step()
    assert len(waits) == 21


# ------------------------------------------------------------------ puzzles as data


def _scene_for(puzzle, worker=None):
    from helpers import make_context

    from game.polyomino.round import file_mode
    from game.polyomino.scene import PolyominoScene

    s = PolyominoScene(make_context(worker, None, "en"), file_mode("test.toml"), puzzle)
    s.resize((900, 640))
    return s


def test_a_rotations_only_puzzle_refuses_to_turn_a_piece_over():
    from helpers import send_key

    from solver.board import Board
    from solver.games.polyomino import Place
    from solver.model import Puzzle

    p = Puzzle(Board.from_rows(["....."] * 5), ("L", "L", "L", "L", "L"), name="x",
               mirror=False)
    s = _scene_for(p)
    send_key(s, pygame.K_1)
    before = s.ui.drag.orientation
    send_key(s, pygame.K_f)
    assert s.ui.drag.orientation == before and "turned over" in s.status_text()
    send_key(s, pygame.K_r)
    assert s.ui.drag.orientation == p.pieces[0].rotate(before)
    mirrored = p.pieces[0].mirror(0)
    assert mirrored not in p.allowed("XX") and not s.play(Place(0, mirrored, 0, 0))
    surface = pygame.Surface((900, 640))
    s.draw(surface)


def test_a_puzzle_with_its_own_shapes_plays_and_draws():
    from solver.board import Board
    from solver.games.polyomino import Place
    from solver.model import Puzzle
    from solver.shapes import parse_drawing

    hook = parse_drawing("##/#./#.", "HK", "钩", "hook")
    p = Puzzle(Board.from_rows(["....", "...."]), ("HK", "HK"), name="hooks", shapes=(hook,))
    s = _scene_for(p)
    surface = pygame.Surface((900, 640))
    s.draw(surface)
    a = next(o for o, cells in enumerate(hook.orientations) if set(cells) == {(0, 0), (0, 1), (0, 2), (1, 0)})
    b = next(o for o, cells in enumerate(hook.orientations) if set(cells) == {(0, 2), (1, 0), (1, 1), (1, 2)})
    assert s.play(Place(0, a, 0, 0)) and s.play(Place(1, b, 0, 1))
    assert s.state.is_solved and s.ui.solved_seen
    s.ctx.lang = "zh"
    s.draw(surface)
    assert s.game_id.text == "file:" + p.digest and len(p.digest) == 16  # its content, not its name


def _game_env(**changes):
    """The environment with ``changes`` (None removes a variable)."""
    env = dict(os.environ)
    for k, v in changes.items():
        if v is None:
            env.pop(k, None)
        else:
            env[k] = v
    return env


@pytest.mark.skipif(sys.platform.startswith(("win", "darwin")), reason="X11 / Wayland sessions only")
@pytest.mark.parametrize("driver", [None, "offscreen", "dummy"])
def test_no_display_is_one_line_and_exit_2_unless_frames(driver):
    """No desktop session: SDL would run invisibly forever; the game says why and stops."""
    env = _game_env(DISPLAY=None, WAYLAND_DISPLAY=None, SDL_VIDEODRIVER=driver, SDL_AUDIODRIVER="dummy",
                    DAILY_DRILL_DATA_DIR=None)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    res = subprocess.run([sys.executable, "-m", "game", "--date", "2024-05-01"], capture_output=True, text=True,
                         timeout=120, env=env, cwd=root)
    assert res.returncode == 2, res.stderr
    assert "Traceback" not in res.stderr
    ours = [ln for ln in res.stderr.splitlines() if ln.startswith("python -m game:")]
    assert ours == ["python -m game: No display found: Daily Drill needs a desktop session "
                    "(or run headless with --frames N)"], res.stderr


def test_a_headless_run_asked_for_on_purpose_keeps_running(tmp_path):
    """SDL_VIDEODRIVER=dummy with DAILY_DRILL_HEADLESS (the idle benchmark): the real loop
    runs without a window instead of stopping with the no-display line."""
    env = _game_env(DISPLAY=None, WAYLAND_DISPLAY=None, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy",
                    DAILY_DRILL_HEADLESS="1", DAILY_DRILL_DATA_DIR=str(tmp_path))
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    proc = subprocess.Popen([sys.executable, "-m", "game", "--date", "2024-05-01"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=root)
    try:
        with pytest.raises(subprocess.TimeoutExpired):
            proc.wait(timeout=6)
    finally:
        proc.kill()
        _, err = proc.communicate()
    assert "No display found" not in err and "Traceback" not in err, err


WMCLASS_PROBE = r"""
import os, sys
sys.argv[0] = "/somewhere/__main__.py"
import pygame  # pygame's import sets the X11 class to the script's name when DISPLAY is set
before = os.environ.get("SDL_VIDEO_X11_WMCLASS")
seen = []
real = pygame.display.set_mode
def set_mode(*a, **k):
    seen.append((os.environ.get("SDL_VIDEO_X11_WMCLASS"), os.environ.get("SDL_VIDEO_WAYLAND_WMCLASS")))
    return real(*a, **k)
pygame.display.set_mode = set_mode
from game.__main__ import main
rc = main(["--frames", "1", "--date", "2024-05-01"])
print(before, *seen[0])
sys.exit(rc)
"""


def test_the_window_class_is_the_desktop_entrys_startup_wm_class():
    """The X11 class and Wayland app id at window creation are the desktop entry's
    StartupWMClass (assets/desktop), even after pygame's import set its own."""
    import configparser

    from game.desktop import APP_ID

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    entry = configparser.RawConfigParser(strict=False)
    entry.optionxform = str
    entry.read(os.path.join(root, "assets", "desktop", f"{APP_ID}.desktop"), encoding="utf-8")
    wm_class = entry["Desktop Entry"]["StartupWMClass"]
    env = _game_env(DISPLAY=":99", SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", SDL_VIDEO_X11_WMCLASS=None,
                    SDL_VIDEO_WAYLAND_WMCLASS=None, DAILY_DRILL_DATA_DIR=None)
    res = subprocess.run([sys.executable, "-c", WMCLASS_PROBE], capture_output=True, text=True, timeout=120,
                         env=env, cwd=root)
    assert res.returncode == 0, res.stderr
    before, x11, wayland = res.stdout.split()
    assert before == "__main__.py"  # the precondition: pygame set its own class first
    assert x11 == wayland == wm_class


def test_a_solve_on_an_untouched_board_keeps_the_clock_at_zero(control):
    """QA: Classic showed 00:02 after Solve on an untouched board (the fly-in was timed)."""
    scene = control.scene
    ready(control)
    scene.command("solve")
    until(control, lambda: scene.state.is_solved, what="the Solve fly-in to finish")
    assert scene.midend.assisted and scene.midend.elapsed_s == 0.0
