"""Remembered settings in the real game (game/settings.py wired through game/__main__.py,
game/scene.py Context.change_settings, game/app.py, game/widgets/settings_overlay.py):
the overlay, F11, M, the speed, the language, the window and the last mode, all of them
coming back after a restart.
"""
from __future__ import annotations

import json

import pygame
import pytest
from helpers import DATE, FakeClock, FakeToday, frame, key, make_control

from game import chimes, keymap
from game.settings import Settings, SettingsStore
from game.widgets.settings_overlay import ROWS, SettingsOverlay


def control_with_settings(folder, lang=None, mode="classic", environ=None, worker=None):
    """A Control whose settings come from (and go to) ``folder``, as ``python -m game`` starts one."""
    from game.app import Control
    from game.prefs import Prefs
    from game.scene import Context
    from game.widgets.text import Fonts

    pygame.display.init()
    pygame.font.init()
    store = SettingsStore(folder, environ=environ if environ is not None else {"LANG": "en_GB.UTF-8"})
    settings = store.load().replace(onboarded=("classic", "drill", "flip"))  # no first-run cards in the way
    ctx = Context(lang=lang or settings.lang, fonts=Fonts(), date=DATE, worker=worker, clock=FakeClock(),
                  today=FakeToday(DATE), prefs=Prefs(settings, store))
    pygame.event.clear()
    return Control(ctx, mode, size=settings.window, fullscreen=settings.fullscreen)


def saved(folder) -> dict:
    return json.loads((folder / "settings.json").read_text(encoding="utf-8"))


def test_a_language_change_lays_the_polyomino_scene_out_for_the_new_words():
    """The bar's labelled buttons are sized to their words: after a change of language in
    the settings they are laid out as in a window started in that language."""
    c = make_control(None, None, lang="zh")
    frame(c)
    s = c.scene
    zh = dict(s.layout.buttons)
    c.ctx.change_settings(lang="en")
    frame(c)
    fresh = make_control(None, None, lang="en")
    frame(fresh)
    assert dict(s.layout.buttons) == dict(fresh.scene.layout.buttons) != zh


def test_language_chosen_in_the_overlay_comes_back_after_a_restart(worker, tmp_path):
    c = control_with_settings(tmp_path, environ={"LANG": "zh_CN.UTF-8"}, worker=worker)
    assert c.ctx.lang == "zh"  # a first launch follows the system locale
    frame(c)
    s = c.scene
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=s.layout.tools["settings"].center, button=1))
    frame(c)
    assert isinstance(s.overlay, SettingsOverlay)
    english = s.overlay.rects(c.screen.get_size())[("lang", "en")]
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=english.center, button=1))
    frame(c)
    assert c.ctx.lang == "en" and saved(tmp_path)["lang"] == "en"
    assert isinstance(s.overlay, SettingsOverlay)  # it stays open: the change is already applied
    key(pygame.K_ESCAPE)
    frame(c)
    assert s.overlay is None
    c.scene.exit()
    again = control_with_settings(tmp_path, environ={"LANG": "zh_CN.UTF-8"}, worker=worker)
    assert again.ctx.lang == "en"  # the saved choice beats the locale on later launches
    once = control_with_settings(tmp_path, lang="zh", worker=worker)  # --lang wins for one run...
    assert once.ctx.lang == "zh"
    assert saved(tmp_path)["lang"] == "en"  # ...and is not saved


def test_every_row_of_the_overlay_changes_its_setting_by_keyboard(tmp_path):
    c = control_with_settings(tmp_path)
    s = c.scene
    key(pygame.K_o)
    frame(c)
    assert isinstance(s.overlay, SettingsOverlay)
    start = c.ctx.settings
    for i, row in enumerate(ROWS):
        assert s.overlay.sel == i
        if row.name == "fullscreen":
            key(pygame.K_DOWN)
            frame(c)
            continue  # F11's own test below
        key(pygame.K_RIGHT if row.kind in ("volume", "speed") else pygame.K_RETURN)
        frame(c)
        now = c.ctx.lang if row.name == "lang" else getattr(c.ctx.settings, row.name)
        before = start.lang if row.name == "lang" else getattr(start, row.name)
        assert now != before or row.kind == "volume" and before == 1.0, row.name
        key(pygame.K_DOWN)
        frame(c)
    on_disk = saved(tmp_path)
    assert on_disk["muted"] is True and on_disk["reduce_motion"] is True and on_disk["mirror"] is False
    assert on_disk["anim_speed"] == 2.0 and on_disk["volume"] == pytest.approx(0.9)


def test_f11_toggles_full_screen_and_back_and_it_is_remembered(tmp_path):
    c = control_with_settings(tmp_path)
    frame(c)
    windowed = c.screen.get_size()
    key(pygame.K_F11)
    frame(c, 3)
    assert c.fullscreen and c.ctx.settings.fullscreen and saved(tmp_path)["fullscreen"] is True
    assert pygame.display.is_fullscreen()
    size = pygame.display.get_surface().get_size()
    assert c.scene.layout.size == size
    c.scene.exit()
    c2 = control_with_settings(tmp_path)  # comes back in full screen
    assert c2.fullscreen and pygame.display.is_fullscreen()
    key(pygame.K_F11)
    frame(c2, 3)
    assert not c2.fullscreen and not pygame.display.is_fullscreen()
    assert pygame.display.get_surface().get_size() == windowed
    assert saved(tmp_path)["fullscreen"] is False
    assert "F11" in keymap.keys_for("fullscreen")


def test_m_mutes_every_chime_and_the_volume_reaches_the_mixer(tmp_path, monkeypatch):
    """The finish chimes (game.ritual) play at the settings' volume, and never while muted (M)."""
    from game.ritual import AGAIN_VOLUME
    from helpers import play_solution

    played = []

    class FakeSound:
        def __init__(self, volume):
            self.volume = volume

        def play(self):
            played.append(self.volume)

    monkeypatch.setattr(chimes, "sound", lambda name, volume=1.0: FakeSound(volume))
    c = control_with_settings(tmp_path)
    s = c.scene
    play_solution(s)
    frame(c, 2)
    assert s.state.is_solved and played == [pytest.approx(0.8)]  # the first finish, at the default volume
    key(pygame.K_ESCAPE)  # close the finish screen
    key(pygame.K_m)
    frame(c)
    assert c.ctx.settings.muted and saved(tmp_path)["muted"] is True
    assert s.status_text() == "Sound off (M turns it on)"
    s.command("reset")
    play_solution(s)
    frame(c, 2)
    assert s.state.is_solved and len(played) == 1  # solved again, muted: silence
    key(pygame.K_m)
    frame(c)
    assert not c.ctx.settings.muted and s.status_text() == "Sound on"
    c.ctx.change_settings(volume=0.3)
    s.command("reset")
    play_solution(s)
    frame(c, 2)
    assert len(played) == 2 and played[-1] == pytest.approx(0.3 * AGAIN_VOLUME)


def test_speed_window_size_and_last_mode_come_back(worker, tmp_path):
    c = control_with_settings(tmp_path, worker=worker)
    key(pygame.K_EQUALS)  # + : faster
    frame(c)
    assert c.scene.ui.speed == 2.0 and saved(tmp_path)["anim_speed"] == 2.0
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=930, h=690, size=(930, 690)))
    frame(c)
    key(pygame.K_F3)
    frame(c)
    assert c.scene.name == "flip" and c.scene.ui.speed == 2.0  # one speed for every mode
    assert saved(tmp_path)["last_mode"] == "flip"
    c.run(frames=1)  # quitting saves the window size
    assert saved(tmp_path)["window"] == [930, 690]
    c2 = control_with_settings(tmp_path, worker=worker, mode=Settings.from_json(saved(tmp_path)).last_mode)
    assert c2.scene.name == "flip" and c2.scene.ui.speed == 2.0
    assert c2.screen.get_size() == (930, 690)


def test_python_m_game_starts_in_the_last_mode_unless_told_otherwise(tmp_path, monkeypatch):
    """The real entry point (game.__main__.main) with a data folder: settings are read at start."""
    from game import app
    from game.__main__ import main

    seen = []
    real_run = app.Control.run

    def run(self, frames=None, screenshot=None):
        seen.append((self.scene.name, self.ctx.lang, self.screen.get_size()))
        return real_run(self, frames, screenshot)

    monkeypatch.setattr(app.Control, "run", run)
    monkeypatch.setenv("DAILY_DRILL_DATA_DIR", str(tmp_path))
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert main(["--frames", "1", "--date", "2024-05-01"]) == 0
    assert seen[-1][:2] == ("classic", "zh")  # first launch: the locale's language, Classic
    (tmp_path / "settings.json").write_text(json.dumps(
        {"version": 1, "lang": "en", "last_mode": "flip", "window": [900, 640]}), encoding="utf-8")
    assert main(["--frames", "1", "--date", "2024-05-01"]) == 0
    assert seen[-1] == ("flip", "en", (900, 640))
    assert main(["--frames", "1", "--date", "2024-05-01", "--mode", "drill", "--lang", "zh"]) == 0
    assert seen[-1][:2] == ("drill", "zh")
    assert json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))["lang"] == "en"
    pygame.display.init()
    pygame.font.init()


def test_a_broken_settings_file_is_kept_aside_and_said(tmp_path):
    (tmp_path / "settings.json").write_text("{not json", encoding="utf-8")
    c = control_with_settings(tmp_path)
    frame(c)
    assert "settings file was damaged" in c.scene.status_text()
    assert list(tmp_path.glob("settings.json.corrupt-*"))


def test_help_lists_the_new_keys_in_every_mode():
    poly = make_control(None, None, lang="en").scene.commands
    rows = dict(keymap.help_rows(poly, "polyomino", "en"))
    for label in ("F11", "M", "O", "G", "J", "Ctrl+Tab · Ctrl+Shift+Tab"):
        assert label in rows, label
    from game.lights_out.scene import LightsOutScene

    flip = dict(keymap.help_rows(LightsOutScene.commands, "lights_out", "en"))
    assert {"F11", "M", "O", "J"} <= set(flip) and "G" not in flip
    # one key, one meaning: no key and modifier rule is bound twice
    seen = {}
    for row in keymap.KEYMAP:
        for b in row.bindings:
            for mods in ((False, False), (False, True), (True, False), (True, True)):
                if b.matches(*mods):
                    assert seen.setdefault((b.key, mods), b.command) == b.command, (b, seen[(b.key, mods)])


def test_reduce_motion_keeps_flashes_and_turning_cells_still(tmp_path):
    from solver.games import lights_out as lo

    c = control_with_settings(tmp_path, mode="flip")
    s = c.scene
    s.play(lo.Press(0, 0))
    assert s.ui.anims and s.animating  # cells turn over
    s.command("undo")
    frame(c, 30)
    c.ctx.change_settings(reduce_motion=True)
    s.play(lo.Press(0, 0))
    assert not s.ui.anims and not s.animating  # they swap at once
    c.scene.exit()
    c2 = control_with_settings(tmp_path)
    from helpers import play_solution

    play_solution(c2.scene)
    assert c2.scene.state.is_solved and c2.scene.ui.flash_s == 0.0 and not c2.scene.animating


def test_a_date_without_a_rotations_only_solution_says_so_and_a_hint_of_nothing_is_no_help(tmp_path):
    """QA: Allow flipping off, Classic 2026-11-30 (no solution with rotations only): H said
    only "This puzzle has no solution" and still counted a hint and marked the day assisted."""
    import datetime as dt

    from helpers import make_control

    from game.prefs import Prefs
    from game.worker import SolverWorker

    day = dt.date(2026, 11, 30)
    prefs = Prefs.memory(cards=False, mirror=False)
    worker = SolverWorker()  # its own: an earlier test here quits its Control, which stops the shared one
    c = make_control(worker, tmp_path, "en", date=day, prefs=prefs)
    try:
        _no_rotations_solution(c, worker)
    finally:
        worker.stop()


def _no_rotations_solution(c, worker):
    from helpers import frame, ready, until

    s = c.scene
    ready(c)
    assert s.round.flip_off
    until(c, lambda: s.count is not None, what="the count")
    assert s.count == 0
    s.command("hint")
    until(c, lambda: not s.assist.player_waiting, what="the hint's answer")
    frame(c)
    text = s.status_text()
    assert "rotations only" in text and "Allow flipping" in text and "(O)" in text, text
    assert not s.midend.assisted and c.ctx.stats.record(s.game_id).hints == 0
    c.ctx.lang = "zh"
    assert "允许翻转" in s.status_text() and "只旋转" in s.status_text()
    s.command("solve")
    until(c, lambda: not s.assist.player_waiting, what="the solve's answer")
    frame(c)
    assert not s.midend.assisted and c.ctx.stats.record(s.game_id).solves == 0
    assert "允许翻转" in s.status_text()
