"""Headless scripted sessions of the player experience: quit and restart, undo/redo round
trips, corrupt saves, language switch, resize, overlays, found solutions, focus pause."""
from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import datetime as dt
import json

import pygame
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.control import Control
from game.fonts import Fonts
from game.overlays import CalendarPicker, StatsOverlay, TextOverlay
from game.scene import Context
from game.session import Session
from solver.games.polyomino import IllegalMoveError, Lift, Place, Reset, place_move
from game.stats import Progress
from game.worker import SolverWorker
from solver.board import MONTHS_ZH, day_cell, month_cell
from test_game_state import MAY1, solution_placements

DATE = dt.date(2024, 5, 1)
E = pygame.event


@pytest.fixture(scope="module")
def worker():
    w = SolverWorker()
    yield w
    w.stop()


def make(worker, folder, lang="zh", size=(1120, 780), date=DATE, mode="classic") -> Control:
    pygame.display.init()
    pygame.font.init()
    pygame.event.clear()
    ctx = Context(lang=lang, fonts=Fonts(), date=date, worker=worker,
                  progress=Progress(str(folder)) if folder is not None else None)
    return Control(ctx, mode, size=size)


def frame(c: Control, n: int = 1, dt_s: float = 1 / 60) -> None:
    for _ in range(n):
        c.step(dt_s=dt_s)


def until(c: Control, cond, limit: int = 900) -> None:
    for _ in range(limit):
        if cond():
            return
        frame(c)
    assert cond(), "condition not reached within the frame limit"


def key(k: int, mod: int = 0) -> None:
    E.post(E.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0))


def click(pos, button: int = 1) -> None:
    E.post(E.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button))
    E.post(E.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button))


def play_solution(scene, codes=None) -> None:
    sol = solution_placements()
    for code in codes or list(sol):
        slot = scene.puzzle.formations.index(code)
        assert scene._do(place_move(slot, sol[code]))


# ------------------------------------------------------------------ saves


def test_quit_and_restart_finds_the_board_timer_and_date_as_left(worker, tmp_path):
    c = make(worker, tmp_path)
    play_solution(c.scene, ["F6", "BDQX", "FS"])
    frame(c, 30, dt_s=0.1)  # 3 s of play
    key(pygame.K_RIGHTBRACKET)  # next day: May 2, a fresh board
    frame(c)
    assert c.scene.ctx.date == dt.date(2024, 5, 2) and c.scene.state.placed == ()
    play_solution(c.scene, ["GX"])
    E.post(E.Event(pygame.QUIT))
    frame(c)
    assert c.quit
    c.scene.exit()  # what Control.run does on quit (it also stops the worker, shared here)
    c2 = make(worker, tmp_path)
    assert len(c2.scene.state.placed) == 3 and c2.scene.session.elapsed_s == pytest.approx(3.0, abs=0.2)
    key(pygame.K_RIGHTBRACKET)
    frame(c2)
    assert [pl.formation for pl in c2.scene.state.placed] == ["GX"]
    data = json.loads((tmp_path / "progress.json").read_text(encoding="utf-8"))
    assert set(data["puzzles"]) == {"classic 2024-05-01", "classic 2024-05-02"}


def test_corrupt_save_starts_the_game_keeps_a_backup_and_tells_the_player(worker, tmp_path):
    (tmp_path / "progress.json").write_bytes(b'{"version": 2, "puzzles": {"classic 2024-05-01": ')
    c = make(worker, tmp_path, lang="en")
    backups = list(tmp_path.glob("progress.json.corrupt-*"))
    assert len(backups) == 1
    assert backups[0].name in c.scene.ui.message and c.scene.ui.message_ttl > 0
    frame(c, 2)
    play_solution(c.scene, ["F6"])
    assert Progress(str(tmp_path)).moves("classic 2024-05-01") == [c.scene.session.move_log()[0]]


def test_read_only_data_folder_plays_and_says_progress_is_not_saved(worker, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    c = make(worker, blocker / "sub", lang="en")
    assert "will not be saved" in c.scene.ui.message
    play_solution(c.scene, ["F6"])
    frame(c, 2)
    assert len(c.scene.state.placed) == 1


def test_solve_and_hint_are_undoable_and_mark_the_day_assisted(worker, tmp_path):
    c = make(worker, tmp_path)
    s = c.scene
    play_solution(s, ["F6", "BDQX", "FS", "SLCS", "JQHH", "JS", "XX"])
    s.command("hint")
    until(c, lambda: len(s.state.placed) == 8)
    assert s.state.is_solved and s.state.cheated
    frame(c, 2)
    prog = c.ctx.progress
    assert prog.record(s.key)["hints"] == 1 and prog.best(s.key) is None
    s.command("undo")
    assert not s.state.is_solved and not s.state.cheated
    s.command("redo")
    assert s.state.is_solved and s.state.cheated


# ------------------------------------------------------------------ undo / redo


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 7), st.integers(0, 7), st.integers(-1, 6),
                          st.integers(-1, 6)), max_size=25))
def test_any_sequence_of_moves_undone_returns_the_start(moves):
    s = Session(MAY1)
    start = s.state
    states = [start]
    for kind, slot, o, r, c in moves:
        if kind == 0:
            mv = Lift(slot)
        elif kind == 1:
            mv = Reset()
        else:
            mv = Place(slot, o % len(MAY1.pieces[slot].orientations), r, c, assisted=kind == 3)
        try:
            s.do(mv)
        except IllegalMoveError:
            continue
        states.append(s.state)
    final = s.state
    while s.undo():
        assert s.state == states[s.pos]
    assert s.state == start and not s.state.cheated
    while s.redo():
        pass
    assert s.state == final and s.moves == len(states) - 1


# ------------------------------------------------------------------ found k of N, browsing


def test_found_solutions_are_remembered_and_browsable(worker, tmp_path):
    c = make(worker, tmp_path, lang="en")
    s = c.scene
    until(c, lambda: s.count is not None)
    play_solution(s)
    frame(c, 2)
    assert "A new solution! Found 1 of 57" in s.ui.message
    assert s.found_facts() == ["found 1 of 57"]
    s.command("reset")
    frame(c)
    key(pygame.K_v)
    frame(c)
    assert s.browse_i == 0 and set(s.shown_pieces()) == set(solution_placements().values())
    assert s.state.placed == ()  # browsing does not touch the position in play
    key(pygame.K_ESCAPE)
    frame(c)
    assert s.browse_i is None and s.shown_pieces() == s.state.pieces


# ------------------------------------------------------------------ dates


def test_clicking_month_and_day_cells_on_an_empty_board_picks_the_target(worker, tmp_path):
    c = make(worker, tmp_path)
    s = c.scene
    click(s.layout.cell_to_px(month_cell(6)))
    frame(c)
    assert c.ctx.date == dt.date(2024, 6, 1)
    s = c.scene
    x, y = s.layout.cell_rect(day_cell(15)).center
    click((x, y))
    frame(c)
    assert c.ctx.date == dt.date(2024, 6, 15) and set(s.puzzle.targets) == {month_cell(6), day_cell(15)}
    click(s.layout.cell_rect(day_cell(31)).center)  # June 31 does not exist
    frame(c)
    assert c.ctx.date == dt.date(2024, 6, 15)
    assert s._do(Place(0, 0, 3, 5))
    click(s.layout.cell_rect(month_cell(1)).center)  # pieces on the board: no change
    frame(c)
    assert c.ctx.date == dt.date(2024, 6, 15)


def test_calendar_picks_any_date(worker, tmp_path):
    c = make(worker, tmp_path)
    s = c.scene
    key(pygame.K_d)
    frame(c)
    assert isinstance(s.overlay, CalendarPicker)
    key(pygame.K_PAGEDOWN)  # June
    key(pygame.K_DOWN)      # a week later
    key(pygame.K_RETURN)
    frame(c)
    assert s.overlay is None and c.ctx.date == dt.date(2024, 6, 8)
    key(pygame.K_d)
    frame(c)
    rects = s.overlay.rects(s.size)
    click(rects[dt.date(2024, 6, 20)].center)
    frame(c)
    assert c.ctx.date == dt.date(2024, 6, 20) and s.overlay is None


# ------------------------------------------------------------------ overlays, keyboard, language


def test_help_and_statistics_overlays_open_and_close(worker, tmp_path):
    c = make(worker, tmp_path)
    s = c.scene
    key(pygame.K_SLASH, pygame.KMOD_SHIFT)
    frame(c)
    assert isinstance(s.overlay, TextOverlay)
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


def test_tab_walks_the_tray_and_enter_places(worker, tmp_path):
    c = make(worker, None)
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


@pytest.mark.parametrize("overlay", [None, "help", "stats", "calendar"])
def test_language_switch_changes_every_visible_string(worker, tmp_path, overlay):
    c = make(worker, tmp_path, lang="zh")
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
    c = make(worker, None)
    s = c.scene
    E.post(E.Event(pygame.VIDEORESIZE, w=size[0], h=size[1], size=size))
    frame(c)
    L = s.layout
    assert L.size[0] == max(320, size[0])
    start = L.slots[0].center
    cells = s._cells(0, s.ui.tray_orient[0])
    ox, oy = L.tray_piece_origin(0, cells)
    grab = (int(ox + L.tray_cell * 0.5), int(oy + L.tray_cell * 0.5))  # the piece's top-left cell
    target = (3, 2)
    dest = L.cell_rect(target).center
    E.post(E.Event(pygame.MOUSEBUTTONDOWN, pos=grab, button=1))
    E.post(E.Event(pygame.MOUSEMOTION, pos=dest, rel=(0, 0), buttons=(1, 0, 0)))
    E.post(E.Event(pygame.MOUSEBUTTONUP, pos=dest, button=1))
    frame(c)
    pl = s.state.pieces[0]
    assert pl is not None and pl.orientation()[1:] == target, (start, size)
    # a click on the piece on the board picks up that piece
    E.post(E.Event(pygame.MOUSEBUTTONDOWN, pos=L.cell_rect((4, 3)).center, button=1))
    frame(c)
    assert s.ui.drag is not None and s.ui.drag.slot == 0 and s.ui.drag.from_board


# ------------------------------------------------------------------ timer pause, sound


def test_timer_pauses_while_the_window_is_unfocused_or_minimised(worker):
    c = make(worker, None)
    s = c.scene
    frame(c, 10, dt_s=0.1)
    t0 = s.session.elapsed_s
    assert t0 == pytest.approx(1.0)
    for lost, back in ((pygame.WINDOWFOCUSLOST, pygame.WINDOWFOCUSGAINED),
                       (pygame.WINDOWMINIMIZED, pygame.WINDOWRESTORED)):
        E.post(E.Event(lost))
        frame(c, 10, dt_s=0.1)
        assert s.session.elapsed_s == t0
        E.post(E.Event(back))
        frame(c, 10, dt_s=0.1)
        assert s.session.elapsed_s == pytest.approx(t0 + 1.0)
        t0 = s.session.elapsed_s


def test_chime_is_silent_without_an_audio_device(monkeypatch):
    from game import sound

    sound._CACHE.clear()
    monkeypatch.setattr(pygame.mixer, "get_init", lambda: None)

    def no_device(*a, **k):
        raise pygame.error("No available audio device")

    monkeypatch.setattr(pygame.mixer, "init", no_device)
    assert sound.chime() is None and sound.play_chime() is False
    sound._CACHE.clear()
    samples = sound.chime_samples(8000)
    assert 0.3 < float(abs(samples).max()) <= 0.36 and len(samples) == int(8000 * (0.11 * 3 + 0.45))


def test_locale_decides_the_default_language():
    from game.__main__ import system_lang

    assert system_lang({"LANG": "zh_CN.UTF-8"}) == "zh"
    assert system_lang({"LC_ALL": "zh_TW", "LANG": "en_US"}) == "zh"
    assert system_lang({"LANG": "en_GB.UTF-8"}) == "en"
    assert system_lang({"LANG": "de_DE"}) == "en"


# ------------------------------------------------------------------ Flip


def _flip(tmp_path, lang="zh"):
    pygame.display.init()
    pygame.font.init()
    pygame.event.clear()
    ctx = Context(lang=lang, fonts=Fonts(), date=DATE, progress=Progress(str(tmp_path)))
    return Control(ctx, "flip", size=(900, 700))


def test_flip_daily_board_and_undo_list_survive_a_restart_and_completion_is_recorded(tmp_path):
    from solver import flip

    c = _flip(tmp_path)
    s = c.scene
    start = s.state
    s.press(0, 0)
    s.press(1, 1)
    s.undo()
    frame(c, 5, dt_s=0.2)
    E.post(E.Event(pygame.QUIT))
    frame(c)
    c.scene.exit()
    c2 = _flip(tmp_path)
    s2 = c2.scene
    assert s2.history[0] == start and s2.pos == 1 and len(s2.history) == 3
    assert s2.elapsed_s == pytest.approx(0.5, abs=0.05)  # 5 frames, dt capped at 0.1 s
    assert s2.redo() and s2.state == s.history[2]
    s2.undo()
    for mv in flip.solution_moves(s2.state):
        s2.press(mv.row, mv.col)
    frame(c2, 2)
    prog = Progress(str(tmp_path))
    key = f"flip 4x4 {DATE.isoformat()}"
    assert prog.record(key)["solved"] and prog.best(key) is not None
    assert prog.summary("flip ", DATE).days_alone == 1


def test_flip_help_and_stats_overlays_and_hint_counted(tmp_path):
    c = _flip(tmp_path, lang="en")
    s = c.scene
    key(pygame.K_SLASH)
    frame(c)
    assert isinstance(s.overlay, TextOverlay)
    key(pygame.K_h)  # swallowed by the overlay
    frame(c)
    assert s.hint_cell is None
    key(pygame.K_ESCAPE)
    key(pygame.K_h)
    frame(c)
    assert s.hint_cell is not None and c.ctx.progress.record(s.flip_key)["hints"] == 1
    key(pygame.K_i)
    frame(c)
    assert isinstance(s.overlay, StatsOverlay)


# ------------------------------------------------------------------ the real command line


def test_cli_restart_resumes_and_a_corrupt_file_is_kept_aside(tmp_path):
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
    assert data["version"] == 2 and data["puzzles"][key_]["moves"] == ["P0:0@3,5"]
    assert data["puzzles"][key_]["elapsed_s"] >= 42.0
    (tmp_path / "progress.json").write_text("\x00garbage", encoding="utf-8")
    res = run()
    assert res.returncode == 0 and "Traceback" not in res.stderr
    assert len(list(tmp_path.glob("progress.json.corrupt-*"))) == 1


@pytest.mark.parametrize("size", [(1120, 780), (700, 560)])
def test_tray_title_buttons_open_calendar_statistics_and_help(worker, tmp_path, size):
    c = make(worker, tmp_path, size=size, lang="en")
    s = c.scene
    frame(c)
    pills = s.pill_rects()
    assert set(pills) == {"calendar", "stats", "help"}
    for name, kind in (("calendar", CalendarPicker), ("stats", StatsOverlay), ("help", TextOverlay)):
        click(pills[name].center)
        frame(c)
        assert isinstance(s.overlay, kind)
        key(pygame.K_ESCAPE)
        frame(c)
        assert s.overlay is None


def test_a_board_finished_by_solve_is_assisted_but_not_a_found_solution(worker, tmp_path):
    c = make(worker, tmp_path)
    s = c.scene
    until(c, lambda: worker.ready)
    s.command("solve")
    until(c, lambda: s.state.is_solved)
    frame(c, 2)
    prog = c.ctx.progress
    assert prog.record(s.key)["solved"] and not prog.record(s.key).get("solved_alone")
    assert prog.record(s.key)["solves"] == 1 and prog.found(s.key) == []


def test_flip_tells_the_player_about_a_corrupt_save(tmp_path):
    (tmp_path / "progress.json").write_text("{bad", encoding="utf-8")
    c = _flip(tmp_path, lang="en")
    frame(c, 2)
    backup = next(tmp_path.glob("progress.json.corrupt-*")).name
    assert backup in c.scene.notice_text()


def _first_legal_place(state, slot):
    b = state.puzzle.board
    for o in range(len(state.puzzle.pieces[slot].orientations)):
        for r in range(b.height):
            for c_ in range(b.width):
                mv = Place(slot, o, r, c_)
                try:
                    mv.placement(state.puzzle)
                    if state.check_place(slot, mv.placement(state.puzzle)) is None:
                        return mv
                except (IllegalMoveError, ValueError):
                    continue
    raise AssertionError("no legal placement")


def test_daily_drill_progress_is_restored_per_date(worker, tmp_path):
    pytest.importorskip("solver.drill")
    c = make(worker, tmp_path, mode="drill")
    until(c, lambda: c.scene.puzzle is not None, limit=3000)
    s = c.scene
    assert s.key == "drill 2024-05-01"
    mv = _first_legal_place(s.state, 0)
    assert s._do(mv)
    E.post(E.Event(pygame.QUIT))
    frame(c)
    c.scene.exit()
    c2 = make(worker, tmp_path, mode="drill")
    until(c2, lambda: c2.scene.puzzle is not None, limit=3000)
    assert c2.scene.session.move_log() == [mv.text]
    classic = Progress(str(tmp_path)).moves("classic 2024-05-01")
    assert classic == []  # modes keep separate positions


def test_keyboard_cursor_and_enter_on_a_month_cell_picks_the_target(worker):
    c = make(worker, None)
    s = c.scene
    s.ui.cursor = (3, 3)
    for k in (pygame.K_UP, pygame.K_UP, pygame.K_UP, pygame.K_RETURN):  # to (0, 3): April
        key(k)
    frame(c)
    assert c.ctx.date == dt.date(2024, 4, 1)


def test_found_button_appears_after_the_first_find_and_browses(worker, tmp_path):
    c = make(worker, tmp_path, lang="en")
    s = c.scene
    assert "browse" not in s.pill_rects()
    play_solution(s)
    frame(c, 2)
    s.command("reset")
    frame(c)
    pills = s.pill_rects()
    assert "browse" in pills
    click(pills["browse"].center)
    frame(c)
    assert s.browse_i == 0
    click(s.pill_rects()["browse"].center)
    frame(c)
    assert s.browse_i is None
