"""Headless scripted sessions of the player experience: quit and restart, undo/redo round
trips, corrupt saves, language switch, resize, overlays, found solutions, the honest timer,
scenes kept alive across mode switches."""
from __future__ import annotations

import datetime as dt
import json

import pygame
import pytest
from helpers import (DATE, click, frame, key, make_control, play_solution, post, ready, send_key,
                     until)
from hypothesis import given, settings
from hypothesis import strategies as st

from game.midend import GameId, MidEnd
from game.polyomino import draw as poly_draw
from game.store import Store
from game.widgets.dialogs import Dialog
from game.widgets.help import HelpOverlay
from game.widgets.layout import MIN_WINDOW
from game.widgets.overlays import CalendarPicker, StatsOverlay
from game.widgets.text import Fonts
from solver.board import MONTHS_ZH, day_cell, month_cell
from solver.games import lights_out as lo
from solver.games import polyomino as po
from solver.games.polyomino import IllegalMoveError, Lift, Place, Reset
from test_game_state import MAY1, solution_placements

CLASSIC = GameId("classic", DATE)


# ------------------------------------------------------------------ saves


def test_quit_and_restart_finds_the_board_timer_undo_and_date_as_left(worker, tmp_path):
    c = make_control(worker, tmp_path)
    play_solution(c.scene, ["F6", "BDQX", "FS"])
    c.scene.command("undo")
    frame(c, 30, dt_s=0.1)  # 3 s of play
    key(pygame.K_RIGHTBRACKET)  # next day: May 2, a fresh board
    frame(c)
    assert c.scene.date == dt.date(2024, 5, 2) and c.scene.state.placed == ()
    play_solution(c.scene, ["GX"])
    post(pygame.QUIT)
    frame(c)
    assert c.quit
    c.scene.exit()  # what Control.run does on quit (it also stops the worker, shared here)
    c2 = make_control(worker, tmp_path)
    s2 = c2.scene
    assert len(s2.state.placed) == 2 and s2.midend.elapsed_s == pytest.approx(3.0, abs=0.1)
    assert s2.midend.can_redo() and s2.command("redo") and len(s2.state.placed) == 3  # undo list survived
    key(pygame.K_RIGHTBRACKET)
    frame(c2)
    assert [pl.formation for pl in c2.scene.state.placed] == ["GX"]
    data = json.loads((tmp_path / "progress.json").read_text(encoding="utf-8"))
    assert set(data["games"]) == {"classic 2024-05-01", "classic 2024-05-02"}


def test_corrupt_save_starts_the_game_keeps_a_backup_and_tells_the_player(worker, tmp_path):
    (tmp_path / "progress.json").write_bytes(b'{"version": 2, "puzzles": {"classic 2024-05-01": ')
    c = make_control(worker, tmp_path, lang="en")
    frame(c)
    backups = list(tmp_path.glob("progress.json.corrupt-*"))
    assert len(backups) == 1
    from game.widgets.dialogs import Dialog

    dialog = c.scene.overlay  # no backup to restore: a dialog says so and where the damaged file is
    assert isinstance(dialog, Dialog) and str(backups[0]) in dialog.texts("en")[1]
    c.scene.handle_event(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r"))
    assert c.scene.overlay is None
    frame(c, 2)
    play_solution(c.scene, ["F6"])
    assert Store(str(tmp_path)).game(CLASSIC)["moves"] == [["move", c.scene.midend.move_texts()[0]]]


def test_read_only_data_folder_plays_and_says_progress_is_not_saved(worker, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    c = make_control(worker, blocker / "sub", lang="en")
    frame(c)
    d = c.scene.overlay
    assert isinstance(d, Dialog) and "will not be saved" in " ".join(d.texts("en")[:2])
    send_key(c.scene, pygame.K_RETURN)
    frame(c)
    assert c.scene.overlay is None
    play_solution(c.scene, ["F6"])
    frame(c, 2)
    assert len(c.scene.state.placed) == 1


def test_solve_and_hint_are_undoable_and_mark_the_day_assisted(worker, tmp_path):
    c = make_control(worker, tmp_path)
    s = c.scene
    play_solution(s, ["F6", "BDQX", "FS", "SLCS", "JQHH", "JS", "XX"])
    ready(c)
    s.command("hint")
    until(c, lambda: len(s.state.placed) == 8, what="the hint's piece")
    assert s.state.is_solved and s.state.cheated
    frame(c, 2)
    rec = c.ctx.stats.record(s.game_id)
    assert rec.hints == 1 and rec.assisted and rec.seconds is None and rec.found == ()
    s.command("undo")
    assert not s.state.is_solved and not s.state.cheated
    s.command("redo")
    assert s.state.is_solved and s.state.cheated


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 7), st.integers(0, 7), st.integers(-1, 6),
                          st.integers(-1, 6)), max_size=25))
def test_any_sequence_of_moves_undone_returns_the_start(moves):
    me = MidEnd(po.GAME, po.Params(), CLASSIC, po.State.new(MAY1))
    start = me.state
    states = [start]
    for kind, slot, o, r, c in moves:
        if kind == 0:
            mv = Lift(slot)
        elif kind == 1:
            mv = Reset()
        else:
            mv = Place(slot, o % len(MAY1.pieces[slot].orientations), r, c, assisted=kind == 3)
        try:
            me.play(mv)
        except IllegalMoveError:
            continue
        states.append(me.state)
    final = me.state
    while me.undo():
        assert me.state == states[me.pos]
    assert me.state == start and not me.state.cheated
    while me.redo():
        pass
    assert me.state == final and me.moves == len(states) - 1


# ------------------------------------------------------------------ found k of N, browsing


def test_found_solutions_are_remembered_and_browsable(worker, tmp_path):
    c = make_control(worker, tmp_path, lang="en")
    s = c.scene
    until(c, lambda: s.count is not None, what="the solution count")
    play_solution(s)
    frame(c, 2)
    assert "A new solution! Found 1 of 57" in s.status_text()
    assert "found 1 of 57" in poly_draw.header_facts(s)
    s.command("reset")
    frame(c)
    key(pygame.K_v)
    frame(c)
    assert s.ui.browse_i == 0 and set(s.shown_pieces()) == set(solution_placements().values())
    assert s.state.placed == ()  # browsing does not touch the position in play
    key(pygame.K_ESCAPE)
    frame(c)
    assert s.ui.browse_i is None and s.shown_pieces() == s.state.pieces


# ------------------------------------------------------------------ dates


def test_a_stray_click_or_enter_on_an_empty_board_never_changes_the_date_bug(worker, tmp_path):
    """Clicking a month or day cell on an empty board used to jump to that date (issue 12)."""
    c = make_control(worker, tmp_path)
    s = c.scene
    for cell in (month_cell(6), day_cell(15)):
        click(s.layout.cell_rect(cell).center)
        frame(c)
    s.ui.cursor = (3, 3)
    for k in (pygame.K_UP, pygame.K_UP, pygame.K_UP, pygame.K_RETURN):  # to (0, 3): April, then Enter
        key(k)
    frame(c)
    assert s.date == DATE and s.state.placed == () and not s.midend.can_undo()
    assert set(s.puzzle.targets) == {month_cell(5), day_cell(1)}


def test_calendar_picks_any_date(worker, tmp_path):
    c = make_control(worker, tmp_path)
    s = c.scene
    key(pygame.K_d)
    frame(c)
    assert isinstance(s.overlay, CalendarPicker)
    key(pygame.K_PAGEDOWN)  # June
    key(pygame.K_DOWN)      # a week later
    key(pygame.K_RETURN)
    frame(c)
    assert s.overlay is None and s.date == dt.date(2024, 6, 8)
    key(pygame.K_d)
    frame(c)
    rects = s.overlay.rects(s.size)
    click(rects[dt.date(2024, 6, 20)].center)
    frame(c)
    assert s.date == dt.date(2024, 6, 20) and s.overlay is None
    assert set(s.puzzle.targets) == {month_cell(6), day_cell(20)}


def test_calendar_marks_hand_and_assisted_days(worker, tmp_path):
    c = make_control(worker, tmp_path)
    s = c.scene
    play_solution(s)
    frame(c)
    key(pygame.K_ESCAPE)  # the finish screen
    frame(c)
    s.goto_date(dt.date(2024, 5, 2))
    s.midend.note_assist("hint")
    s.open_overlay("calendar")
    assert s.overlay.marks == {DATE: "hand"}


# ------------------------------------------------------------------ overlays, keyboard, language


def test_help_and_statistics_overlays_open_and_close(worker, tmp_path):
    c = make_control(worker, tmp_path)
    s = c.scene
    key(pygame.K_SLASH, pygame.KMOD_SHIFT)
    frame(c)
    assert isinstance(s.overlay, HelpOverlay)
    key(pygame.K_r)  # swallowed by the overlay
    key(pygame.K_ESCAPE)
    frame(c)
    assert s.overlay is None
    key(pygame.K_i)
    frame(c)
    assert isinstance(s.overlay, StatsOverlay)
    click((5, 5))
    frame(c)
    assert s.overlay is None


def test_help_key_table_is_the_key_map(worker):
    from game import keymap

    c = make_control(worker)
    s = c.scene
    s.open_overlay("help")
    rows = dict(s.overlay.lines("en")[1])
    for command in ("rotate", "reset", "undo", "hint", "prev", "calendar", "browse", "mode_flip"):
        label = keymap.keys_for(command)[0]
        assert any(label in left.split(" · ") for left in rows), command
    assert "Ctrl+R" in rows and "reset" in rows["Ctrl+R"] and "R · Shift+R" in rows
    assert not any("PgUp" in left for left in rows)  # Classic has no board sizes


def test_tab_walks_the_tray_and_enter_places(worker, tmp_path):
    c = make_control(worker, None)
    s = c.scene
    key(pygame.K_TAB)
    key(pygame.K_TAB)
    frame(c)
    assert s.ui.drag is not None and s.ui.drag.slot == 1 and s.ui.drag.keyboard
    key(pygame.K_TAB, pygame.KMOD_SHIFT)
    frame(c)
    assert s.ui.drag.slot == 0
    key(pygame.K_ESCAPE)
    frame(c)
    assert s.ui.drag is None


class RecordingFonts(Fonts):
    """Fonts whose render() records every string drawn."""

    def __init__(self) -> None:
        super().__init__()
        self.drawn: set[str] = set()

    def render(self, text, *a, **k):  # every line the text layer draws comes through here
        self.drawn.add(text)
        return super().render(text, *a, **k)

    def get(self, size: int, bold: bool = False):
        font = super().get(size, bold)
        rec = self.drawn

        class Proxy:
            def render(self, text, *a, **k):
                rec.add(text)
                return font.render(text, *a, **k)

            def __getattr__(self, name):
                return getattr(font, name)

        return Proxy()


def _has_cjk(text: str) -> bool:
    return any(0x3000 <= ord(ch) <= 0x9FFF or 0xFF00 <= ord(ch) <= 0xFFEF for ch in text)


@pytest.mark.parametrize("mode", ["classic", "flip"])
@pytest.mark.parametrize("overlay", [None, "help", "stats", "calendar"])
def test_language_switch_changes_every_visible_string(worker, tmp_path, overlay, mode):
    c = make_control(worker, tmp_path, lang="zh", mode=mode)
    fonts = RecordingFonts()
    c.ctx.fonts = fonts
    s = c.scene
    if overlay:
        s.open_overlay(overlay)
    frame(c, 2)
    zh = set(fonts.drawn)
    key(pygame.K_l) if overlay is None else s.command("lang")
    fonts.drawn.clear()
    s.cache.clear()
    frame(c, 2)
    en = set(fonts.drawn)
    assert c.ctx.lang == "en"
    # in English only the language button and the small Chinese month captions may be Chinese
    allowed = set(MONTHS_ZH) | {"中文"}
    assert [t for t in en if _has_cjk(t) and t not in allowed and "中文" not in t] == []
    assert any(_has_cjk(t) for t in zh - allowed)
    assert zh != en


# ------------------------------------------------------------------ resize


@pytest.mark.parametrize("size", [(1120, 780), (640, 480), (700, 900), (1600, 1000)])
def test_resize_keeps_clicks_and_drags_on_the_right_cell(worker, size):
    c = make_control(worker, None)
    s = c.scene
    post(pygame.VIDEORESIZE, w=size[0], h=size[1], size=size)
    frame(c)
    L = s.layout
    assert L.size == (max(MIN_WINDOW[0], size[0]), max(MIN_WINDOW[1], size[1]))
    start = L.slots[0].center
    cells = s.puzzle.pieces[0].orientations[s.ui.tray_orient[0]]
    ox, oy = L.tray_piece_origin(0, cells)
    grab = (int(ox + L.tray_cell * 0.5), int(oy + L.tray_cell * 0.5))  # the piece's top-left cell
    target = (3, 2)
    dest = L.cell_rect(target).center
    post(pygame.MOUSEBUTTONDOWN, pos=grab, button=1)
    post(pygame.MOUSEMOTION, pos=dest, rel=(0, 0), buttons=(1, 0, 0))
    post(pygame.MOUSEBUTTONUP, pos=dest, button=1)
    frame(c)
    pl = s.state.pieces[0]
    assert pl is not None and pl.orientation()[1:] == target, (start, size)
    # a click on the piece on the board picks up that piece
    post(pygame.MOUSEBUTTONDOWN, pos=L.cell_rect((4, 3)).center, button=1)
    frame(c)
    assert s.ui.drag is not None and s.ui.drag.slot == 0 and s.ui.drag.from_board


# ------------------------------------------------------------------ the honest timer, sound


def test_timer_starts_with_the_first_move_and_pauses_while_unfocused_or_minimised(worker):
    c = make_control(worker, None)
    s = c.scene
    frame(c, 20, dt_s=0.5)                 # ten seconds with the window open: no move yet
    assert s.midend.elapsed_s == 0.0
    play_solution(s, ["F6"])
    frame(c, 10, dt_s=0.1)
    assert s.midend.elapsed_s == pytest.approx(1.0)
    for lost, back in ((pygame.WINDOWFOCUSLOST, pygame.WINDOWFOCUSGAINED),
                       (pygame.WINDOWMINIMIZED, pygame.WINDOWRESTORED)):
        post(lost)
        frame(c, 1, dt_s=0.1)
        t0 = s.midend.elapsed_s
        frame(c, 10, dt_s=0.1)
        assert s.midend.elapsed_s == t0 and not s.midend.running
        post(back)
        frame(c, 1, dt_s=0.1)
        t1 = s.midend.elapsed_s
        frame(c, 10, dt_s=0.1)
        assert s.midend.elapsed_s == pytest.approx(t1 + 1.0)


def test_timer_pauses_while_an_overlay_is_open(worker):
    c = make_control(worker, None)
    s = c.scene
    play_solution(s, ["F6"])
    key(pygame.K_i)
    frame(c)
    t0 = s.midend.elapsed_s
    frame(c, 30, dt_s=0.1)
    assert isinstance(s.overlay, StatsOverlay) and s.midend.elapsed_s == t0
    key(pygame.K_ESCAPE)
    frame(c)
    frame(c, 10, dt_s=0.1)
    assert s.midend.elapsed_s == pytest.approx(t0 + 1.0, abs=0.02)


def test_chime_is_silent_without_an_audio_device(monkeypatch):
    from game import chimes

    monkeypatch.setattr(chimes, "_CACHE", {})
    monkeypatch.setattr(pygame.mixer, "get_init", lambda: None)

    def no_device(*a, **k):
        raise pygame.error("No available audio device")

    monkeypatch.setattr(pygame.mixer, "init", no_device)
    assert chimes.sound("win") is None and chimes.play("win") is False and chimes.play("solver") is False
    monkeypatch.setattr(chimes, "_CACHE", {})
    samples = chimes.samples("win", 8000)  # the samples need no device
    assert 0.45 < float(abs(samples).max()) <= 0.5 and len(samples) == int(8000 * (0.40 + 0.90))


def test_locale_decides_the_default_language():
    from game.__main__ import system_lang

    assert system_lang({"LANG": "zh_CN.UTF-8"}) == "zh"
    assert system_lang({"LC_ALL": "zh_TW", "LANG": "en_US"}) == "zh"
    assert system_lang({"LANG": "en_GB.UTF-8"}) == "en"
    assert system_lang({"LANG": "de_DE"}) == "en"


# ------------------------------------------------------------------ scenes kept alive


def test_flip_size_survives_a_mode_switch(worker, tmp_path):
    c = make_control(worker, tmp_path, mode="flip", size=(900, 700))
    flip = c.scene
    flip.command("bigger")
    flip.command("bigger")
    flip.play(lo.Press(1, 1))
    assert flip.n == 6
    key(pygame.K_F1)
    frame(c)
    assert c.scene.name == "classic"
    play_solution(c.scene, ["F6"])
    key(pygame.K_F3)
    frame(c)
    assert c.scene is flip and flip.n == 6 and flip.state.moves == 1
    key(pygame.K_F1)
    frame(c)
    assert c.scene.name == "classic" and len(c.scene.state.placed) == 1


def test_a_date_change_is_handed_to_the_next_mode(worker, tmp_path):
    c = make_control(worker, tmp_path)
    key(pygame.K_RIGHTBRACKET)
    frame(c)
    key(pygame.K_F3)
    frame(c)
    assert c.scene.name == "flip" and c.scene.date == dt.date(2024, 5, 2)
    assert c.scene.midend.game_id.text == "flip 4x4 2024-05-02"


def test_show_search_alone_is_not_a_solve(worker, tmp_path):
    c = make_control(worker, tmp_path)
    s = c.scene
    ready(c)
    s.command("search")
    until(c, lambda: s.ui.replay is not None, what="the search replay")
    key(pygame.K_ESCAPE)                   # stopped before its end: nothing placed
    frame(c, 3)
    assert s.ui.replay is None and s.state.placed == ()
    rec = c.ctx.stats.record(s.game_id)
    assert (rec.searches, rec.solves, rec.solved) == (1, 0, False) and s.midend.assisted


# ------------------------------------------------------------------ Flip


def test_flip_daily_board_and_undo_list_survive_a_restart_and_completion_is_recorded(tmp_path):
    c = make_control(None, tmp_path, mode="flip", size=(900, 700))
    s = c.scene
    start = s.state
    s.play(lo.Press(0, 0))
    s.play(lo.Press(1, 1))
    s.command("undo")
    frame(c, 5, dt_s=0.2)
    post(pygame.QUIT)
    frame(c)
    c.scene.exit()
    c2 = make_control(None, tmp_path, mode="flip", size=(900, 700))
    s2 = c2.scene
    me = s2.midend
    assert me.history[0].state == start and me.pos == 1 and len(me.history) == 3
    assert me.elapsed_s == pytest.approx(1.0, abs=0.05)
    assert s2.command("redo") and s2.state == s.midend.history[2].state
    s2.command("undo")
    for mv in lo.GAME.solve(s2.state):
        s2.play(lo.Press(mv.row, mv.col))
    frame(c2, 2)
    rec = c2.ctx.stats.record(me.game_id)
    assert me.game_id.text == "flip 4x4 2024-05-01"
    assert rec.solved and rec.by_hand and rec.seconds is not None
    assert c2.ctx.stats.summary("flip", DATE).hand == 1


def test_flip_help_and_stats_overlays_and_hint_counted(tmp_path):
    c = make_control(None, tmp_path, mode="flip", lang="en", size=(900, 700))
    s = c.scene
    key(pygame.K_SLASH)
    frame(c)
    assert isinstance(s.overlay, HelpOverlay)
    key(pygame.K_h)  # swallowed by the overlay
    frame(c)
    assert s.ui.hint_cell is None
    key(pygame.K_ESCAPE)
    key(pygame.K_h)
    frame(c)
    assert s.ui.hint_cell is not None and c.ctx.stats.record(s.midend.game_id).hints == 1
    key(pygame.K_i)
    frame(c)
    assert isinstance(s.overlay, StatsOverlay)


def test_flip_tells_the_player_about_a_corrupt_save(tmp_path):
    (tmp_path / "progress.json").write_text("{bad", encoding="utf-8")
    c = make_control(None, tmp_path, mode="flip", lang="en", size=(900, 700))
    frame(c, 2)
    backup = next(tmp_path.glob("progress.json.corrupt-*"))
    assert str(backup) in c.scene.overlay.texts("en")[1]


# ------------------------------------------------------------------ the real command line


def test_cli_restart_resumes_a_version_1_file_and_a_corrupt_file_is_kept_aside(tmp_path):
    import os
    import subprocess
    import sys

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", DAILY_DRILL_DATA_DIR=str(tmp_path))
    key_ = "classic 2024-05-01"
    (tmp_path / "progress.json").write_text(json.dumps(
        {"version": 1, "puzzles": {key_: {"moves": ["P0:0@3,5"], "elapsed_s": 42.0}}}), encoding="utf-8")
    run = lambda: subprocess.run([sys.executable, "-m", "game", "--frames", "3", "--date", "2024-05-01",  # noqa: E731
                                  "--lang", "en"], capture_output=True, text=True, timeout=120, env=env, cwd=root)
    res = run()
    assert res.returncode == 0, res.stderr
    data = json.loads((tmp_path / "progress.json").read_text(encoding="utf-8"))
    assert data["version"] == 3 and data["games"][key_]["moves"] == [["move", "P0:0@3,5"]]
    assert data["games"][key_]["elapsed_s"] >= 42.0
    (tmp_path / "progress.json").write_text("\x00garbage", encoding="utf-8")
    res = run()
    assert res.returncode == 0 and "Traceback" not in res.stderr
    assert len(list(tmp_path.glob("progress.json.corrupt-*"))) == 1


@pytest.mark.parametrize("size", [(1120, 780), (700, 560)])
def test_header_tools_open_calendar_statistics_help_and_settings(worker, tmp_path, size):
    from game.widgets.settings_overlay import SettingsOverlay

    c = make_control(worker, tmp_path, size=size, lang="en")
    s = c.scene
    frame(c)
    tools = s.tool_rects()
    assert set(tools) == {"browse", "variants", "calendar", "stats", "help", "settings"}
    from game.widgets.picker import VariantPicker

    for name, kind in (("calendar", CalendarPicker), ("stats", StatsOverlay), ("help", HelpOverlay),
                       ("variants", VariantPicker), ("settings", SettingsOverlay)):
        click(tools[name].center)
        frame(c)
        assert isinstance(s.overlay, kind)
        key(pygame.K_ESCAPE)
        frame(c)
        assert s.overlay is None


def test_a_board_finished_by_solve_is_assisted_but_not_a_found_solution(worker, tmp_path):
    c = make_control(worker, tmp_path)
    s = c.scene
    ready(c)
    s.command("solve")
    until(c, lambda: s.state.is_solved, what="the solved board")
    frame(c, 2)
    rec = c.ctx.stats.record(s.game_id)
    assert rec.solved and rec.assisted and rec.solves == 1 and rec.found == ()


def _first_legal_place(state, slot):
    b = state.puzzle.board
    for o in range(len(state.puzzle.pieces[slot].orientations)):
        for r in range(b.height):
            for c_ in range(b.width):
                mv = Place(slot, o, r, c_)
                try:
                    if state.check_place(slot, mv.placement(state.puzzle)) is None:
                        return mv
                except (IllegalMoveError, ValueError):
                    continue
    raise AssertionError("no legal placement")


def test_daily_drill_progress_is_restored_per_date(worker, tmp_path):
    c = make_control(worker, tmp_path, mode="drill")
    until(c, lambda: c.scene.puzzle is not None, what="the Daily Drill puzzle")
    s = c.scene
    assert s.game_id.text == "drill 2024-05-01"
    mv = _first_legal_place(s.state, 0)
    assert s.play(mv)
    post(pygame.QUIT)
    frame(c)
    c.scene.exit()
    c2 = make_control(worker, tmp_path, mode="drill")
    until(c2, lambda: c2.scene.puzzle is not None, what="the Daily Drill puzzle")
    assert c2.scene.midend.move_texts() == [mv.text]
    assert Store(str(tmp_path)).game(CLASSIC) is None  # modes keep separate positions


def test_found_button_browses_once_there_is_a_find(worker, tmp_path):
    c = make_control(worker, tmp_path, lang="en")
    s = c.scene
    frame(c)
    click(s.tool_rects()["browse"].center)
    frame(c)
    assert s.ui.browse_i is None and s.status_text() == "No solution found for this day yet"
    play_solution(s)
    frame(c, 2)
    key(pygame.K_ESCAPE)  # the finish screen
    frame(c)
    s.command("reset")
    frame(c)
    tools = s.tool_rects()
    click(tools["browse"].center)
    frame(c)
    assert s.ui.browse_i == 0
    click(s.tool_rects()["browse"].center)
    frame(c)
    assert s.ui.browse_i is None


def test_keys_mean_the_same_in_flip_and_classic(worker, tmp_path):
    """R rotates and never resets; Ctrl+R resets everywhere; [ and ] change the date everywhere."""
    c = make_control(worker, tmp_path, mode="flip", size=(900, 700))
    s = c.scene
    s.play(lo.Press(0, 0))
    send_key(s, pygame.K_r)
    assert s.state.moves == 1                 # R: no pieces here, nothing happens
    send_key(s, pygame.K_r, pygame.KMOD_CTRL)
    assert s.state.moves == 0 and s.midend.can_undo()
    send_key(s, pygame.K_RIGHTBRACKET)
    assert s.date == dt.date(2024, 5, 2)
    key(pygame.K_F1)
    frame(c)
    p = c.scene
    assert p.date == dt.date(2024, 5, 2)
    play_solution(p, ["F6"])               # (May 2 leaves the 方阵's cells of May 1 open)
    send_key(p, pygame.K_r)
    assert len(p.state.placed) == 1        # R rotates (the tray piece under the pointer): never a reset
    send_key(p, pygame.K_r, pygame.KMOD_CTRL)
    assert p.state.placed == () and p.midend.can_undo()
