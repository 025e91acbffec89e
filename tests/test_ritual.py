"""The daily ritual: first-run cards, help, the finish screens, share, midnight, player words.

Headless sessions through the real loop (``Control.step``) and the real input path
(events posted to pygame's queue), on fake clocks and a fake calendar day.  Expected
values come from the hand-checked 2024-05-01 solution (``test_game_state``), the
published Classic figure (57 solutions on 2024-05-01), and hand computation.
"""
from __future__ import annotations

import datetime as dt
import json

import pygame
import pytest
from helpers import DATE, FakeToday, RecordingFonts, aim_piece, click, frame, key, make_control, post, ready, until

from game.finish import (make_finish, moments, seconds_to_midnight, share_board, stars_for)
from game.midend import GameId, Solved
from game.prefs import Prefs
from game.rules import goal, rules_rows
from game.stats import Stats
from game.store import Store
from game.widgets.help import HelpOverlay
from game.widgets.onboarding import OnboardingCard, example_drop
from game.widgets.overlays import CalendarPicker
from game.widgets.sharepanel import SharePanel
from game.widgets.win import WinOverlay
from solver.games import lights_out as lo
from solver.games.polyomino import Params, make_puzzle
from test_game_state import LETTER_CODE, MAY1, MAY1_SOLUTION, solution_placements
from test_player_words import DEVELOPER_WORDS, FailedWorker

CLASSIC = GameId("classic", DATE)


# ------------------------------------------------------------------ helpers


def drag_solution(c, seconds_per_piece: float = 0.0) -> None:
    """Drag every piece of the hand-checked solution from the tray onto the board with
    posted mouse events, ``seconds_per_piece`` of (fake) thinking before each drop."""
    s = c.scene
    for code, pl in solution_placements().items():
        slot = s.puzzle.formations.index(code)
        goal_o, r0, c0 = pl.orientation()
        grab, drop = aim_piece(c, slot, goal_o, r0, c0)
        post(pygame.MOUSEBUTTONDOWN, pos=grab, button=1)
        post(pygame.MOUSEMOTION, pos=drop, rel=(1, 1), buttons=(1, 0, 0))
        frame(c)
        if seconds_per_piece:
            for _ in range(int(seconds_per_piece)):
                post(pygame.MOUSEMOTION, pos=drop, rel=(0, 1), buttons=(1, 0, 0))  # the player is here
                frame(c, 1, dt_s=1.0)
        post(pygame.MOUSEBUTTONUP, pos=drop, button=1)
        frame(c)
        assert s.state.pieces[slot] == pl, code


def click_button(c, name: str) -> None:
    """Click button ``name`` of the open finish screen (its own rectangles)."""
    rects = c.scene.overlay.rects(c.screen.get_size())
    click(rects[name].center)
    frame(c)


@pytest.fixture
def chimes_played(monkeypatch):
    """Every chime asked for, as (name, volume)."""
    played = []
    monkeypatch.setattr("game.chimes.play", lambda name, volume=1.0, muted=False: played.append((name, volume)))
    return played


# ------------------------------------------------------------------ pure rules


def _solved(stats, gid, seconds, day, assisted=False):
    ev = Solved(gid, seconds, 8, assisted, "", day)
    fin = make_finish(ev, stats, count=57)
    stats.listen(ev)
    return fin


def test_finish_best_streak_and_practice_by_hand_computation():
    store = Store(enabled=False)
    stats = Stats(store, lambda: dt.date(2024, 5, 3))
    may = [dt.date(2024, 5, d) for d in (1, 2, 3)]
    f1 = _solved(stats, GameId("classic", may[0]), 200.0, may[0])
    assert f1.best_before is None and f1.new_best and f1.streak_day and f1.streak == 1 and not f1.practice
    assert [m.key for m in moments(f1, str)] == ["win_first_best", "win_streak_one"]
    f2 = _solved(stats, GameId("drill", may[1]), 90.0, may[1])  # another mode: its own best
    assert f2.best_before is None and f2.streak == 2
    f3 = _solved(stats, GameId("classic", may[2]), 150.0, may[2])
    assert f3.best_before == 200.0 and f3.new_best and f3.streak == 3
    assert [m.key for m in moments(f3, str)] == ["win_new_best", "win_streak"]
    assert moments(f3, lambda s: f"{s:.0f}s")[0].text("en") == "New best! Your best was 200s"
    # an older date solved today is practice: no streak day, the streak stays 3, slower than the best
    f4 = _solved(stats, GameId("classic", dt.date(2024, 4, 30)), 400.0, may[2])
    assert f4.practice and not f4.streak_day and f4.streak == 3 and not f4.new_best
    assert [m.key for m in moments(f4, str)] == ["win_best_is", "win_practice"]
    # help: nothing to celebrate
    f5 = _solved(stats, GameId("classic", dt.date(2024, 4, 29)), 10.0, may[2], assisted=True)
    assert f5.assisted and f5.seconds is None and f5.stars is None and not f5.new_best and f5.streak == 0
    assert [m.key for m in moments(f5, str)] == ["win_helped_why"]


def test_random_flip_deal_is_not_counted_and_par_is_judged():
    stats = Stats(Store(enabled=False), lambda: DATE)
    ev = Solved(GameId("flip", None, "4x4"), 30.0, 5, False, "", DATE)
    fin = make_finish(ev, stats, par=5, counted=False)
    assert not fin.new_best and fin.streak == 0 and fin.at_par and fin.stars is None
    assert [m.key for m in moments(fin, str)] == ["win_not_counted", "win_at_par"]
    over = make_finish(Solved(GameId("flip", DATE, "4x4"), 30.0, 7, False, "", DATE), stats, par=5)
    assert not over.at_par and moments(over, str)[-1].text("en") == "Par 5 · you took 7"


def test_stars_are_the_drill_grade_or_the_same_rule_from_the_count():
    assert stars_for("drill", {"stars": 4, "grade": "hard", "grade_zh": "困难"}, 3) == (4, ("hard", "困难"))
    # the Daily Drill thresholds (solver/drill.py GRADES): 1 -> 5, 2..3 -> 4, 4..8 -> 3, 9..20 -> 2, more -> 1
    assert [stars_for("classic", None, n)[0] for n in (1, 3, 4, 8, 9, 20, 21, 57)] == [5, 4, 3, 3, 2, 2, 1, 1]
    assert stars_for("classic", None, None) is None and stars_for("flip", None, 3) is None


def test_countdown_to_midnight():
    assert seconds_to_midnight(dt.datetime(2024, 5, 1, 23, 59, 30)) == 30
    assert seconds_to_midnight(dt.datetime(2024, 5, 1, 0, 0, 0)) == 86400
    assert seconds_to_midnight(dt.datetime(2024, 5, 1, 12, 0, 0, 500000)) == 43200  # rounded up


def test_share_board_is_the_hand_checked_solution():
    from solver.games.polyomino import State, apply, place_move

    st = State.new(MAY1)
    for code, pl in solution_placements().items():
        st = apply(st, place_move(MAY1.formations.index(code), pl))
    board = share_board(MAY1, st.pieces)
    for r, row in enumerate(MAY1_SOLUTION):
        for c, ch in enumerate(row):
            want = "*" if ch == "*" else "#" if ch == "#" else MAY1.formations.index(LETTER_CODE[ch])
            assert board[r][c] == want, (r, c)


def test_the_share_picture_paints_each_piece_in_its_on_screen_colour(worker):
    from game import share
    from helpers import play_solution

    c = make_control(worker, None, lang="en")
    s = c.scene
    frame(c)
    play_solution(s)
    frame(c, 2)
    card = s.ritual.share_card()
    assert card is not None and card.board
    img = share.render_card(card, scale=1)
    layout = share.card_layout(card)
    painted = set()
    for slot, pl in enumerate(s.state.pieces):
        on_screen = s.round.colours[s.puzzle.pieces[slot].code]
        for r, col in pl.cells:
            x, y, w, h = layout.cell_rect(r, col)
            assert tuple(img.get_at((x + w // 2, y + h // 2)))[:3] == tuple(on_screen), (slot, r, col)
        painted.add(tuple(on_screen))
    assert len(painted) == len(s.state.pieces)  # eight pieces, eight colours, as on the board
    pygame.event.clear()


# ------------------------------------------------------------------ rules in words


def test_goal_names_the_puzzles_own_targets_and_mirror_rule():
    assert goal("classic", "en", MAY1) == ("Cover the board with all 8 pieces, leaving only the date open: "
                                           "May and 1.")
    assert "五月、1日" in goal("classic", "zh", MAY1)
    sunday = dt.date(2024, 10, 6)
    weekday = make_puzzle(Params("variant:weekday", False), sunday)[0]
    assert goal("variant:weekday", "en", weekday).endswith("the date open: Oct, 6 and Sun.")
    assert "十月、6日、星期日" in goal("variant:weekday", "zh", weekday)
    rows = dict(rules_rows("variant:weekday", "en", weekday))
    assert "Rotations only" in rows and "Turning" not in rows
    assert "Turning" in dict(rules_rows("classic", "en", MAY1))
    flip = [label for label, _ in rules_rows("flip", "en")]
    assert flip[:5] == ["Goal", "A press", "Lit", "Par", "Daily deal"]


def test_example_drop_is_a_legal_place_off_the_targets():
    shape, o, r, c = example_drop(MAY1)
    cells = [(r + dr, c + dc) for dr, dc in shape.orientations[o]]
    assert all(MAY1.board.is_open(*cell) and cell not in MAY1.targets for cell in cells)


# ------------------------------------------------------------------ first-run cards


def test_first_run_card_shows_once_per_mode_and_is_remembered(worker, tmp_path):
    c = make_control(worker, tmp_path, lang="en", first_run=True)
    s = c.scene
    frame(c)
    assert isinstance(s.overlay, OnboardingCard)
    heading, sentence, _ = s.overlay.texts("en")
    assert heading == "Classic: how to play" and "May and 1" in sentence
    play = s.midend
    assert "overlay" in play.paused  # the solving clock waits behind the card
    assert json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))["onboarded"] == ["classic"]
    key(pygame.K_ESCAPE)
    frame(c)
    assert s.overlay is None and "overlay" not in play.paused
    key(pygame.K_F3)
    frame(c)
    assert isinstance(c.scene.overlay, OnboardingCard) and c.scene.overlay.mode == "flip"
    key(pygame.K_RETURN)
    frame(c)
    assert c.scene.overlay is None
    for k in (pygame.K_F1, pygame.K_F3, pygame.K_F1):
        key(k)
        frame(c)
        assert c.scene.overlay is None  # seen: never again in this run
    c.scene.exit()
    c2 = make_control(worker, tmp_path, lang="en", first_run=True)  # the next start reads the file
    frame(c2)
    assert c2.scene.overlay is None
    key(pygame.K_F2)
    frame(c2)
    assert isinstance(c2.scene.overlay, OnboardingCard) and c2.scene.overlay.mode == "drill"
    assert "this month's board" in c2.scene.overlay.texts("en")[1]
    c2.scene.exit()


def test_card_moves_unless_reduce_motion(worker):
    moving = make_control(worker, None, first_run=True)
    frame(moving)
    assert moving.scene.overlay.animating and moving.scene.animating
    frame(moving, 100, dt_s=0.1)  # three loops of 3.2 s, then the picture rests on the landed piece
    assert isinstance(moving.scene.overlay, OnboardingCard) and not moving.scene.animating
    still = make_control(worker, None, prefs=Prefs.memory(reduce_motion=True))
    frame(still, 3)
    assert isinstance(still.scene.overlay, OnboardingCard)
    assert not still.scene.overlay.animating and not still.scene.animating  # the loop may sleep


def test_help_reopens_the_card_by_button_and_by_enter(worker):
    c = make_control(worker, None, lang="en")
    s = c.scene
    frame(c)
    assert s.overlay is None  # a returning player
    key(pygame.K_SLASH, pygame.KMOD_SHIFT)
    frame(c)
    assert isinstance(s.overlay, HelpOverlay)
    click(s.overlay.rects(c.screen.get_size())["intro"].center)
    frame(c)
    assert isinstance(s.overlay, OnboardingCard)
    key(pygame.K_ESCAPE)
    key(pygame.K_SLASH)
    key(pygame.K_RETURN)
    frame(c)
    assert isinstance(s.overlay, OnboardingCard)


# ------------------------------------------------------------------ help


def _variant_scene(c, name="weekday", mirror=False):
    from game.polyomino.round import Mode
    from game.polyomino.scene import PolyominoScene

    s = PolyominoScene(c.ctx, Mode("variant", Params(f"variant:{name}", mirror), "mode_variant"))
    c.scene.exit()
    c.scene = s
    s.resize(c.screen.get_size())
    s.enter(None)
    return s


@pytest.mark.parametrize("mode", ["classic", "drill", "flip", "variant"])
def test_help_opens_with_the_rules_of_the_mode_then_the_generated_keys(worker, mode):
    from game import keymap

    c = make_control(worker, None, lang="en", mode="classic" if mode == "variant" else mode,
                     date=dt.date(2024, 10, 6))
    s = _variant_scene(c) if mode == "variant" else c.scene
    if mode == "drill":
        until(c, lambda: s.puzzle is not None, what="the Daily Drill puzzle")
    key(pygame.K_SLASH)
    frame(c, 2)
    assert isinstance(s.overlay, HelpOverlay)
    heading, rows, _ = s.overlay.lines("en")
    first, sentence = rows[0]
    assert first == "Goal"
    labels = [left for left, _ in rows]
    if mode == "flip":
        assert sentence == "Turn every cell off." and {"Lit", "Par"} <= set(labels)
    elif mode == "drill":
        assert "this month's board" in sentence and "Oct and 6" in sentence and "Today's set" in labels
    elif mode == "variant":
        assert heading == "How to play · Weekday calendar"
        assert sentence.endswith("Oct, 6 and Sun.") and "Rotations only" in labels
        assert not any(left.split(" · ")[0] == "F" for left in labels)  # F does nothing here
    else:
        assert "Oct and 6" in sentence and "Every date" in labels
    # then the controls, generated from the key map: every supported command's first key is there
    keys_at = labels.index(rows[len(rules_rows(s.ritual.facts().mode, "en", s.ritual.facts().puzzle))][0])
    assert keys_at > 3
    for command in ("undo", "reset", "hint", "calendar", "help"):
        label = keymap.keys_for(command)[0]
        assert any(label in left.split(" · ") for left in labels[keys_at:]), command


@pytest.mark.parametrize("mode", ["classic", "flip"])
def test_help_and_finish_name_only_the_help_tools_the_mode_has(worker, mode):
    c = make_control(worker, None, lang="en", mode=mode)
    s = c.scene
    key(pygame.K_SLASH)
    frame(c, 2)
    assert isinstance(s.overlay, HelpOverlay)
    for lang, watch in (("en", "Watch the solver"), ("zh", "观看求解")):
        rows = s.overlay.lines(lang)[1]
        helped = dict(rows)["Help" if lang == "en" else "协助"]
        has_watch = "search" in s.commands
        assert has_watch == (mode == "classic")
        assert (watch in helped) == has_watch, helped
        assert ("Hint" in helped and "Solve" in helped) if lang == "en" else ("提示" in helped and "求解" in helped)
        everything = " ".join(left + " " + right for left, right in rows)
        assert (watch in everything) == has_watch, everything
    gid = GameId(mode, DATE, "3x3" if mode == "flip" else "")
    fin = make_finish(Solved(gid, None, 9, True, "", DATE), Stats(Store(None)))
    why = " ".join(m.text("en") for m in moments(fin, str))
    assert ("Watch the solver" in why) == (mode == "classic") and "Hint" in why


def test_help_scrolls_at_a_small_window(worker):
    c = make_control(worker, None, lang="en", size=(640, 480))
    s = c.scene
    key(pygame.K_SLASH)
    frame(c, 2)
    assert s.overlay.max_scroll > 0
    post(pygame.MOUSEWHEEL, x=0, y=-3, flipped=False)
    frame(c, 2)
    assert s.overlay.scroll > 0
    key(pygame.K_END)
    frame(c, 2)
    assert s.overlay.scroll == s.overlay.max_scroll


# ------------------------------------------------------------------ the finish


def test_a_hand_solve_shows_the_win_screen_with_the_solving_time(worker, tmp_path, chimes_played, monkeypatch):
    monkeypatch.setenv("DAILY_DRILL_PICTURES_DIR", str(tmp_path / "pictures"))
    c = make_control(worker, tmp_path, lang="en")
    s = c.scene
    ready(c)
    until(c, lambda: s.count == 57, what="the solution count")  # published figure for May 1
    c.ctx.clock.advance(500)  # time before the first move is not solving time
    drag_solution(c, seconds_per_piece=3)
    win = s.overlay
    assert isinstance(win, WinOverlay) and not win.finish.assisted
    fin = win.finish
    # the clock starts with the first drop: 7 more pieces x 3 s of thought, plus 3 frames of 1/60 s each
    assert fin.seconds == pytest.approx(s.midend.elapsed_s) and 21.0 <= fin.seconds < 21.0 + 7 * 4 / 60
    assert fin.moves == 8 and fin.stars == 1 and fin.streak_day and fin.streak == 1
    assert chimes_played == [("win", pytest.approx(0.8))]
    assert win.sweeps and s.animating  # the sweep over the pieces
    frame(c, 100, dt_s=0.02)
    assert win.showing_panel and not s.animating
    words = win.words("en")
    assert "Solved!" in words and "00:" + f"{int(fin.seconds):02d}" in words and "Solving time" in words
    assert "Next puzzle in 12:00:00" in words  # the fake wall clock says noon
    # Share: the picture goes to the pictures folder; no clipboard headless, so the text shows
    click_button(c, "share")
    pics = list((tmp_path / "pictures").glob("*.png"))
    assert [p.name for p in pics] == ["daily-drill-2024-05-01-classic.png"]
    assert pygame.image.load(str(pics[0])).get_width() >= 480
    panel = s.overlay
    assert isinstance(panel, SharePanel)
    assert panel.text.startswith("每日演兵 Daily Drill · 2024-05-01 · Classic ★☆☆☆☆ · 0:")
    assert panel.text.count("\n") == 8 and "🔥 1" in panel.text  # header, blank line, 7 board rows
    key(pygame.K_a, pygame.KMOD_CTRL)
    frame(c)
    assert panel.selected
    key(pygame.K_ESCAPE)
    frame(c)
    assert s.overlay is win and win.message is not None and "Picture saved" in win.message.text("en")
    # Browse solutions: found 1 of 57
    assert win.labels("en")["browse"] == "Browse solutions · found 1 of 57"
    click_button(c, "browse")
    assert s.overlay is None and s.ui.browse_i == 0
    assert c.ctx.stats.record(CLASSIC).seconds == pytest.approx(fin.seconds, abs=0.1)


def test_a_later_completion_gets_only_the_small_note(worker, tmp_path, chimes_played):
    c = make_control(worker, tmp_path, lang="en")
    s = c.scene
    drag_solution(c)
    assert isinstance(s.overlay, WinOverlay)
    key(pygame.K_ESCAPE)
    frame(c)
    key(pygame.K_z, pygame.KMOD_CTRL)
    frame(c)
    assert not s.state.is_solved
    key(pygame.K_y, pygame.KMOD_CTRL)
    frame(c, 2)
    assert s.state.is_solved and s.overlay is None  # no second finish screen
    assert s.ui.banner_t < 4.0 and "Solved!" in s.status_text()  # the note
    assert [name for name, _ in chimes_played] == ["win", "win"] and chimes_played[1][1] < chimes_played[0][1]


def test_the_solver_finish_gets_the_plain_screen_and_another_date(worker, tmp_path, chimes_played):
    c = make_control(worker, tmp_path, lang="en")
    s = c.scene
    ready(c)
    key(pygame.K_s)
    until(c, lambda: isinstance(s.overlay, WinOverlay), what="the finish screen")
    win = s.overlay
    assert win.finish.assisted and not win.sweeps
    words = win.words("en")
    assert words[0] == "Solved with help" and "Solving time" not in words
    assert not any("best" in w.lower() or "streak" in w.lower() for w in words[:-1] if "no time" not in w)
    assert chimes_played[-1][0] == "solver"
    assert "browse" not in win.buttons  # nothing found by hand
    click_button(c, "calendar")
    assert isinstance(s.overlay, CalendarPicker)
    key(pygame.K_RIGHT)
    key(pygame.K_RETURN)
    frame(c)
    assert s.date == DATE + dt.timedelta(days=1)


def test_close_and_keys_never_trap_the_player(worker):
    c = make_control(worker, None, lang="en")
    s = c.scene
    drag_solution(c)
    frame(c, 100, dt_s=0.02)
    key(pygame.K_RIGHTBRACKET)  # a command: the screen closes and the command runs
    frame(c)
    assert s.overlay is None and s.date == DATE + dt.timedelta(days=1)


def test_flip_by_hand_in_par(tmp_path, chimes_played):
    c = make_control(None, tmp_path, mode="flip", lang="en", size=(900, 700))
    s = c.scene
    frame(c)
    L = s.get_layout()
    presses = lo.GAME.solve(s.state)
    for mv in presses:
        click(L.cell_rect((mv.row, mv.col)).center)
        frame(c, 1, dt_s=1.0)
    win = s.overlay
    assert isinstance(win, WinOverlay)
    assert win.finish.par == s.par == len(presses) and win.finish.at_par
    assert "In par, %d presses: perfect!" % s.par in win.words("en")
    assert chimes_played == [("win", pytest.approx(0.8))]


@pytest.fixture
def progress_writes(monkeypatch):
    """Paths written by every atomic replacement of a file (game.saves.atomic_write)."""
    from game import saves

    written, real = [], saves.atomic_write

    def counting(path, *a, **k):
        written.append(str(path))
        return real(path, *a, **k)

    monkeypatch.setattr(saves, "atomic_write", counting)
    return written


def test_a_winning_move_writes_the_progress_file_once_before_the_win_screen(tmp_path, chimes_played,
                                                                              progress_writes):
    """The last piece makes a find, a solve and a change (three mid-end events): one write,
    holding the game and its record, done before the finish screen is drawn."""
    from helpers import play_solution
    from solver.games.polyomino import place_move

    c = make_control(None, tmp_path, lang="en")
    s = c.scene
    frame(c)
    sol = solution_placements()
    *first, last = list(sol)
    play_solution(s, first)
    assert not s.state.is_solved
    progress = str(tmp_path / "progress.json")
    assert progress_writes.count(progress) == len(first)  # one per move
    del progress_writes[:]
    drawn = []
    real_draw = s.draw

    def draw(surface):
        drawn.append(progress_writes.count(progress))
        real_draw(surface)

    s.draw = draw
    assert s.play(place_move(s.puzzle.formations.index(last), sol[last]))
    assert s.state.is_solved and isinstance(s.overlay, WinOverlay)
    assert progress_writes == [progress]
    frame(c)
    assert drawn and drawn[0] == 1  # saved before the first frame that shows the win screen
    data = json.loads((tmp_path / "progress.json").read_text(encoding="utf-8"))
    rec = data["records"][CLASSIC.text]
    assert rec["solved"] and not rec["assisted"] and len(rec["found"]) == 1
    assert len(data["games"][CLASSIC.text]["moves"]) == 8


def test_a_winning_flip_press_and_a_hint_each_write_once(tmp_path, chimes_played, progress_writes):
    c = make_control(None, tmp_path, mode="flip", lang="en", size=(900, 700))
    s = c.scene
    frame(c)
    progress = str(tmp_path / "progress.json")
    assert s.command("hint")  # Assisted, then Changed
    assert progress_writes.count(progress) == 1
    presses = lo.GAME.solve(s.state)
    del progress_writes[:]
    for mv in presses:
        assert s.play(mv)
    assert s.state.is_solved and isinstance(s.overlay, WinOverlay)
    assert progress_writes.count(progress) == len(presses)  # the winning press included: one each


def test_reduce_motion_finish_has_no_sweep_and_no_flash(worker):
    c = make_control(worker, None, prefs=Prefs.memory(cards=False, reduce_motion=True))
    s = c.scene
    drag_solution(c)
    assert s.overlay.showing_panel and not s.overlay.animating and s.ui.flash_s == 0.0


def test_mute_plays_nothing_and_volume_follows_the_settings(worker, chimes_played):
    c = make_control(worker, None, prefs=Prefs.memory(cards=False, muted=True))
    drag_solution(c)
    assert chimes_played == [("win", 0.0)]  # chimes.play is silent at volume 0, touching no device


# ------------------------------------------------------------------ midnight


def test_midnight_offers_the_new_day_and_never_switches_by_itself(worker):
    today = FakeToday(DATE)
    c = make_control(worker, None, lang="en", today=today)
    s = c.scene
    frame(c)
    assert s.ritual.banner_rects(c.screen.get_size()) == {}
    post(pygame.MOUSEMOTION, pos=s.layout.slots[0].center, rel=(0, 0), buttons=(0, 0, 0))
    key(pygame.K_1)  # a piece in hand at midnight
    frame(c)
    today.day = DATE + dt.timedelta(days=1)
    frame(c, 120, dt_s=1.0)
    assert s.date == DATE and s.ui.drag is not None  # still May 1, the piece still in hand
    banner = s.ritual.banner_rects(c.screen.get_size())
    assert banner and s.ritual.offer == DATE + dt.timedelta(days=1)
    click(banner["play"].center)
    frame(c)
    assert s.date == DATE + dt.timedelta(days=1) and s.ritual.offer is None


def test_midnight_banner_can_wait_and_home_also_goes(worker):
    today = FakeToday(DATE)
    c = make_control(worker, None, lang="en", today=today, mode="flip")
    s = c.scene
    frame(c)
    today.day = DATE + dt.timedelta(days=1)
    frame(c, 2)
    click(s.ritual.banner_rects(c.screen.get_size())["later"].center)
    frame(c)
    assert s.ritual.offer is None and s.date == DATE
    today.day = DATE + dt.timedelta(days=2)
    frame(c, 2)
    assert s.ritual.offer == DATE + dt.timedelta(days=2)
    key(pygame.K_HOME)
    frame(c)
    assert s.date == DATE + dt.timedelta(days=2) and s.ritual.offer is None


# ------------------------------------------------------------------ player words


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_drawn_string_has_an_error_prefix_or_solver_ready(lang, tmp_path):
    c = make_control(FailedWorker(), tmp_path, lang=lang, first_run=True)
    fonts = RecordingFonts(c.ctx.fonts)
    c.ctx.fonts = fonts
    s = c.scene
    frame(c, 2)  # the first-run card
    key(pygame.K_ESCAPE)
    for name in ("help", "stats", "calendar"):
        s.open_overlay(name)
        frame(c, 2)
        s.overlays.close()
    frame(c, 2)
    drawn = " | ".join(fonts.drawn)
    assert "numba could not be imported" in drawn  # the failure is told, in player words
    assert not any(w in drawn for w in DEVELOPER_WORDS), drawn
