"""Headless tests of the Flip scene (game/lights_out/): clicks, keys, undo, Hint, Solve.

Runs with ``SDL_VIDEODRIVER=dummy``; events are synthetic and carry ``ev.pos``.
Expected board changes come from a plain toggle rule written here, not from
solver.flip.
"""
from __future__ import annotations

import datetime as dt
import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402
from helpers import frame, make_context, make_control, send_click, send_key  # noqa: E402

from game.lights_out.scene import LightsOutScene  # noqa: E402
from game.scene import Handoff  # noqa: E402
from solver import flip  # noqa: E402
from solver.games.lights_out import GAME, Press  # noqa: E402

DATE = dt.date(2026, 11, 29)


def ref_toggle(n: int, lit: int, r: int, c: int) -> int:
    """Independent press rule: flip (r, c) and its orthogonal neighbours on an n x n board."""
    for dr, dc in ((0, 0), (1, 0), (-1, 0), (0, 1), (0, -1)):
        rr, cc = r + dr, c + dc
        if 0 <= rr < n and 0 <= cc < n:
            lit ^= 1 << (rr * n + cc)
    return lit


@pytest.fixture(scope="module", autouse=True)
def _pygame():
    pygame.init()
    yield
    pygame.quit()


def make_scene(lang="zh", **options):
    opts = {"seed": 5}
    opts.update(options)
    return LightsOutScene(make_context(None, None, lang, DATE, opts))


def run(scene, seconds, dt_s=1 / 30):
    for _ in range(int(seconds / dt_s) + 1):
        scene.update(dt_s)


def test_first_board_is_daily_4x4():
    s = make_scene()
    assert s.n == 4 and s.daily
    assert s.state.lit == flip.daily_pattern(DATE, 4) != 0
    assert s.state.moves == 0 and not s.state.is_solved


@pytest.mark.parametrize("size", [(960, 720), (640, 480), (1600, 900), (500, 800), (320, 240)])
def test_clicks_land_on_the_right_cell_at_any_size(size):
    s = make_scene()
    surf = pygame.Surface(size)
    s.handle_event(pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1]))
    s.draw(surf)
    L = s.get_layout()
    n = s.n
    for r in range(n):
        for c in range(n):
            rect = L.cell_rect((r, c))
            # near each corner of the cell as well as its centre
            for px in (rect.center, (rect.left + 2, rect.top + 2), (rect.right - 3, rect.bottom - 3)):
                before = s.state.lit
                send_click(s, px)
                assert s.state.lit == ref_toggle(n, before, r, c), (size, r, c, px)
                assert s.ui.cursor == (r, c)
                s.command("undo")
    assert s.midend.pos == 0


def test_click_outside_board_does_nothing():
    s = make_scene()
    s.resize((960, 720))
    L = s.get_layout()
    before = s.state
    send_click(s, (L.board_rect.right + 3, L.board_rect.top - 5))
    send_click(s, (1, 1))
    send_click(s, L.board_rect.center, button=3)
    assert s.state == before


def test_buttons_by_click_and_size_bounds():
    s = make_scene()
    s.resize((960, 720))
    L = s.get_layout()
    send_click(s, L.buttons["bigger"].center)
    assert s.n == 5 and s.state.lit == flip.daily_pattern(DATE, 5)
    for _ in range(12):
        s.command("bigger")
    assert s.n == flip.MAX_GAME_SIZE == 12
    assert not s.command("bigger")
    for _ in range(12):
        s.command("smaller")
    assert s.n == flip.MIN_GAME_SIZE == 3
    send_click(s, s.get_layout().buttons["new"].center)
    assert not s.daily and flip.is_solvable(3, 3, s.state.lit) and s.state.lit
    send_click(s, s.get_layout().buttons["daily"].center)
    assert s.daily and s.state.lit == flip.daily_pattern(DATE, 3)


def test_undo_redo_and_counter():
    s = make_scene()
    start = s.state.lit
    s.play(Press(0, 0))
    s.play(Press(2, 1))
    assert s.state.moves == 2
    assert s.state.lit == ref_toggle(4, ref_toggle(4, start, 0, 0), 2, 1)
    send_key(s, pygame.K_z, pygame.KMOD_CTRL)
    assert s.state.moves == 1 and s.state.lit == ref_toggle(4, start, 0, 0)
    send_key(s, pygame.K_y, pygame.KMOD_CTRL)
    assert s.state.moves == 2
    s.command("undo")
    s.command("undo")
    assert s.state.lit == start and not s.command("undo")
    s.play(Press(3, 3))  # drops the redo tail
    assert not s.command("redo") and s.state.moves == 1


def test_reset_is_undoable():
    s = make_scene()
    start = s.state.lit
    s.play(Press(1, 1))
    assert s.command("reset")
    assert s.state.lit == start and s.state.moves == 0
    s.command("undo")
    assert s.state.lit == ref_toggle(4, start, 1, 1)


def test_keyboard_cursor_and_press():
    s = make_scene()
    start = s.state.lit
    send_key(s, pygame.K_RIGHT)
    send_key(s, pygame.K_DOWN)
    send_key(s, pygame.K_DOWN)
    assert s.ui.cursor == (2, 1)
    send_key(s, pygame.K_SPACE)
    assert s.state.lit == ref_toggle(4, start, 2, 1)
    send_key(s, pygame.K_UP)
    send_key(s, pygame.K_UP)
    send_key(s, pygame.K_UP)  # wraps
    assert s.ui.cursor == (3, 1)


def test_hint_marks_a_fewest_press_cell():
    s = make_scene()
    par0 = flip.par(4, 4, s.state.lit)
    assert s.command("hint")
    r, c = s.ui.hint_cell
    s.play(Press(r, c))
    assert flip.par(4, 4, s.state.lit) == par0 - 1
    assert s.state.cheated and s.ui.hint_cell is None


def test_solve_animates_fewest_presses_one_by_one():
    s = make_scene()
    s.command("bigger")  # 5 x 5: non-trivial null space
    par = s.par
    assert par == flip.par(5, 5, s.state.lit)
    assert s.command("solve")
    seen = [s.state.moves]
    for _ in range(int(par * 0.45 * 30) + 60):
        s.update(1 / 30)
        if s.state.moves != seen[-1]:
            seen.append(s.state.moves)
    assert s.state.is_solved and s.state.cheated
    assert s.state.moves == par
    assert seen == list(range(par + 1))  # one press at a time


def test_solved_moment_and_par_shown(tmp_path):
    s = make_scene(lang="en")
    for mv in GAME.solve(s.state):
        s.play(Press(mv.row, mv.col))
    assert s.state.is_solved and not s.state.cheated
    assert s.ui.flash_s > 0 and s.status_text() == "Solved!"
    assert not s.play(Press(0, 0))  # board is locked once solved
    surf = pygame.Surface((800, 600))
    s.draw(surf)  # during the flash
    run(s, 2.0)
    assert s.ui.flash_s == 0
    s.draw(surf)  # banner with par
    pygame.image.save(surf, str(tmp_path / "solved.png"))
    assert (tmp_path / "solved.png").stat().st_size > 1000


def test_autosolve_option():
    c = make_control(None, None, mode="flip", autosolve=True, options={"seed": 5})
    frame(c, int(0.45 * 17 / 0.05) + 20, dt_s=0.05)
    assert c.scene.state.is_solved and c.scene.state.cheated


def test_player_press_stops_solve():
    s = make_scene()
    s.command("solve")
    s.play(Press(0, 0))
    assert s.ui.solve_queue == []


def test_flip_strings_are_in_the_font_subset():
    from game.i18n import STRINGS, all_text

    chars = set(all_text())
    for key_ in ("smaller", "bigger", "daily", "new", "board", "daily_title", "random_title", "par", "par_hidden",
                 "lit", "goal", "flip_solved_sub", "hint_cell", "flip_help", "rules_press_text", "rules_par_text", "help_fclick"):
        zh, en = STRINGS[key_]
        missing = {ch for ch in zh + en if ch not in chars and not ch.isspace()}
        assert not missing, (key_, missing)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_draw_every_size_both_languages(lang):
    s = make_scene(lang=lang)
    surf = pygame.Surface((900, 650))
    for n in range(3, 13):
        s.deal(daily=True, n=n)
        s.play(Press(n // 2, n // 2))
        s.command("hint")
        s.update(0.05)
        s.draw(surf)
    assert surf.get_at((2, 2))[:3] != (0, 0, 0)


def test_real_loop_flip_mode_screenshot(tmp_path):
    """``python -m game --mode flip --autosolve --frames N --screenshot`` ends solved, exit 0."""
    import pathlib
    import subprocess
    import sys

    root = pathlib.Path(__file__).resolve().parents[1]
    shot = tmp_path / "flip.png"
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    r = subprocess.run([sys.executable, "-m", "game", "--mode", "flip", "--date", DATE.isoformat(),
                        "--lang", "en", "--autosolve", "--frames", "20", "--screenshot", str(shot)],
                       capture_output=True, text=True, cwd=root, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    assert shot.stat().st_size > 1000
    img = pygame.image.load(str(shot))
    assert img.get_width() > 300 and img.get_height() > 200


def test_language_toggle_and_the_handoff_keeps_the_size():
    s = make_scene()
    surf = pygame.Surface((700, 500))
    assert s.command("lang") and s.ctx.lang == "en"
    s.draw(surf)
    send_key(s, pygame.K_l)
    assert s.ctx.lang == "zh"
    s.command("bigger")
    assert s.exit() == Handoff(DATE)
    later = DATE + dt.timedelta(days=3)
    s.enter(Handoff(later))                # the daily deal follows the date, at the same size
    assert s.n == 5 and s.date == later and s.state.lit == flip.daily_pattern(later, 5)
    t = make_scene(flip_size=7)
    assert t.n == 7 and t.state.lit == flip.daily_pattern(DATE, 7)


def test_the_clock_stands_still_while_the_solver_presses():
    """QA: Flip's clock went 0:01 -> 0:08 while Solve pressed; solver time is not solving time."""
    c = make_control(None, None, mode="flip")
    frame(c, 3)
    s = c.scene
    assert s.play(Press(0, 0))  # the player's own press starts the clock
    frame(c, 60)  # one second of thought on the fake clock
    before = s.midend.elapsed_s
    assert before == pytest.approx(1.0, abs=0.05)
    assert s.command("solve")
    for _ in range(3000):
        if s.midend.state.is_solved:
            break
        frame(c)
    assert s.midend.state.is_solved and s.midend.assisted
    assert s.midend.elapsed_s == pytest.approx(before)


def test_flip_reopens_at_the_board_size_left(tmp_path):
    """QA: F3, PgUp twice (6 x 6), presses, quit, start again: Flip opened at 4 x 4."""
    from helpers import key

    from game.prefs import Prefs
    from game.store import Store

    def start():
        prefs = Prefs.beside(Store(str(tmp_path)))  # what a new run reads: settings.json
        prefs.settings = prefs.settings.replace(onboarded=("classic", "drill", "flip"))
        return make_control(None, tmp_path, "en", date=DATE, mode="flip", prefs=prefs)

    c = start()
    assert c.scene.n == 4
    key(pygame.K_PAGEUP)
    key(pygame.K_PAGEUP)
    frame(c, 2)
    assert c.scene.n == 6
    c.scene.play(Press(2, 3))
    c.scene.exit()
    again = start()
    assert again.scene.n == 6 and again.scene.midend.moves == 1  # the 6 x 6 position is back
    key(pygame.K_PAGEDOWN)
    frame(again, 2)
    assert start().scene.n == 5
