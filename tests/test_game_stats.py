"""Statistics from mid-end events only (game.stats; no pygame): one record per game id,
hand vs assisted, best times, streak days, Show search, found boards, the calendar marks.

Time and dates are fake (tests/helpers.py); the moves come from the real back ends.
"""
from __future__ import annotations

import datetime as dt
import json

import pytest
from helpers import FakeClock, FakeToday

from game.midend import Assisted, Completed, GameId, Kind, MidEnd, Solved
from game.stats import Stats, streaks
from game.store import Store
from solver.games import lights_out as lo
from solver.games import polyomino as po
from test_game_state import MAY1, solution_placements

D = dt.date(2024, 5, 10)


def gid(day: dt.date, mode: str = "classic", extra: str = "") -> GameId:
    return GameId(mode, day, extra)


def solved(day: dt.date, on: dt.date, seconds: float = 60.0, assisted: bool = False, mode: str = "classic",
           extra: str = "") -> Solved:
    return Solved(gid(day, mode, extra), seconds, 8, assisted, "", on)


def bound(tmp_path, clock: FakeClock, today: FakeToday) -> tuple[MidEnd, Stats]:
    """A Classic 2024-05-01 mid end wired to statistics on a real progress file."""
    stats = Stats(Store(str(tmp_path)), today)
    me = MidEnd(po.GAME, po.Params("classic"), GameId("classic", dt.date(2024, 5, 1)), po.State.new(MAY1),
                clock=clock, today=today)
    me.listeners.append(stats.listen)
    return me, stats


def hand_places() -> list[po.Place]:
    return [po.place_move(MAY1.formations.index(code), pl) for code, pl in solution_placements().items()]


# ------------------------------------------------------------------ records


def test_one_record_per_game_id_the_first_solve_stands(tmp_path):
    s = Stats(Store(str(tmp_path)))
    s.listen(solved(D, D, 80.0))
    s.listen(solved(D, D + dt.timedelta(days=3), 20.0, assisted=True))
    r = Stats(Store(str(tmp_path))).record(gid(D))  # read back from the file
    assert r.solved and not r.assisted and r.seconds == 80.0 and r.solved_on == D


def test_best_time_comes_from_hand_solves_only(tmp_path):
    s = Stats(Store(str(tmp_path)))
    s.listen(solved(D, D, 5.0, assisted=True))
    s.listen(solved(D - dt.timedelta(days=1), D, 90.0))
    s.listen(solved(D - dt.timedelta(days=2), D, 70.0))
    summ = s.summary("classic", D)
    assert s.best(gid(D)) is None and summ.best_s == 70.0
    assert (summ.hand, summ.assisted) == (2, 1)
    assert summ.recent == [("classic 2024-05-10", None, True), ("classic 2024-05-09", 90.0, False),
                           ("classic 2024-05-08", 70.0, False)]


def test_recent_times_label_each_entry_with_its_date_and_time_or_help(tmp_path):
    from game.widgets.overlays import stats_rows

    s = Stats(Store(str(tmp_path)))
    s.listen(solved(D, D, 5.0, assisted=True))
    s.listen(solved(D - dt.timedelta(days=1), D, 90.0))
    s.listen(solved(D - dt.timedelta(days=2), D, 70.0))
    s.listen(solved(D - dt.timedelta(days=3), D, 17.0, assisted=True))
    summ = s.summary("classic", D)
    en = dict(enumerate(stats_rows(summ, "en")))
    i = next(k for k, (left, _) in en.items() if left == "Recent times")
    # newest first, three to a row; an assisted entry says so beside its date (never a bare mark)
    assert en[i][1] == "May 10 with help  ·  May 9 01:30  ·  May 8 01:10"
    assert en[i + 1] == ("", "May 7 with help")
    zh = stats_rows(summ, "zh")
    assert zh[i] == ("最近用时", "5月10日 有协助  ·  5月9日 01:30  ·  5月8日 01:10")
    assert "*" not in " ".join(right for _, right in zh + list(en.values()))


def test_show_search_alone_is_its_own_kind_of_help_not_a_solve(tmp_path):
    s = Stats(Store(str(tmp_path)))
    s.listen(Assisted(gid(D), "search"))
    s.listen(Assisted(gid(D), "hint"))
    r = s.record(gid(D))
    assert (r.searches, r.hints, r.solves, r.solved) == (1, 1, 0, False)
    summ = s.summary("classic", D)
    assert (summ.searches, summ.solves, summ.hand, summ.assisted) == (1, 0, 0, 0)


def test_found_boards_are_distinct_and_by_hand_only(tmp_path):
    s = Stats(Store(str(tmp_path)))
    for text, by_hand in (("A", True), ("A", True), ("B", False), ("C", True)):
        s.listen(Completed(gid(D), text, by_hand, D))
    assert s.found(gid(D)) == ("A", "C") and s.summary("classic", D).found == 2


# ------------------------------------------------------------------ streaks


def test_a_streak_day_is_that_days_own_puzzle_solved_by_hand_in_any_mode(tmp_path):
    s = Stats(Store(str(tmp_path)))
    day = dt.timedelta(days=1)
    s.listen(solved(D - 2 * day, D - 2 * day))                 # on its day: counts
    s.listen(solved(D - day, D - day, mode="flip", extra="4x4"))  # any mode counts
    s.listen(solved(D, D, assisted=True))                         # assisted: never
    assert s.streak_days() == {D - 2 * day, D - day}
    assert s.streaks(D) == (2, 2)                                 # today still open: through yesterday
    assert s.summary("classic", D).current_streak == 2


def test_practice_dates_solved_later_never_make_a_streak(tmp_path):
    """Solving Nov 28-30 on Dec 2 in one sitting gave a 3-day streak (issue 12)."""
    s = Stats(Store(str(tmp_path)))
    dec2 = dt.date(2026, 12, 2)
    for d in (28, 29, 30):
        s.listen(solved(dt.date(2026, 11, d), dec2))
    s.listen(solved(dt.date(2026, 12, 3), dec2))                  # a future date: practice too
    assert s.streak_days() == set() and s.streaks(dec2) == (0, 0)
    s.listen(solved(dec2, dec2))
    assert s.streaks(dec2) == (1, 1)


def test_streaks_function():
    d = dt.date(2024, 3, 1)
    assert streaks([d - dt.timedelta(days=1), d - dt.timedelta(days=2)], d) == (2, 2)
    assert streaks([d - dt.timedelta(days=2)], d) == (0, 1)
    assert streaks([dt.date(2024, 2, 28), dt.date(2024, 2, 29), d], d) == (3, 3)  # leap day
    assert streaks([], d) == (0, 0)


def test_calendar_marks_hand_and_assisted_days_differently(tmp_path):
    s = Stats(Store(str(tmp_path)))
    s.listen(solved(D, D))
    s.listen(solved(D + dt.timedelta(days=1), D, assisted=True))
    s.listen(solved(D + dt.timedelta(days=2), D, mode="flip", extra="4x4", assisted=True))
    s.listen(solved(D + dt.timedelta(days=2), D, mode="flip", extra="5x5"))
    assert s.day_marks("classic") == {D: "hand", D + dt.timedelta(days=1): "assisted"}
    assert s.day_marks("flip") == {D + dt.timedelta(days=2): "hand"}  # hand wins over another size


# ------------------------------------------------------------------ through the mid end


def test_a_hand_solve_records_its_time_from_the_first_move_without_pauses(tmp_path):
    clock, today = FakeClock(), FakeToday(dt.date(2024, 5, 1))
    me, stats = bound(tmp_path, clock, today)
    clock.advance(300)                      # the window was open five minutes before the first move
    moves = hand_places()
    for i, mv in enumerate(moves):
        me.play(mv)
        clock.advance(10)
        if i == 3:
            me.pause("overlay")             # the help was open for a minute
            clock.advance(60)
            me.resume("overlay")
    r = stats.record(me.game_id)
    assert r.by_hand and r.streak_day and r.moves == 8
    assert r.seconds == pytest.approx(10 * (len(moves) - 1))
    assert len(r.found) == 1


def test_undo_then_redo_of_a_solve_records_one_solve(tmp_path):
    clock, today = FakeClock(), FakeToday(dt.date(2024, 5, 1))
    me, stats = bound(tmp_path, clock, today)
    me.note_assist("solve")
    for mv in po.GAME.solve(me.state):
        me.play(mv, Kind.SOLVE)
    solved_on = stats.record(me.game_id).solved_on
    today.day = dt.date(2024, 5, 3)
    for _ in range(8):
        me.undo()
    for _ in range(8):
        me.redo()
    data = json.loads((tmp_path / "progress.json").read_text(encoding="utf-8"))
    assert list(data["records"]) == ["classic 2024-05-01"]
    r = stats.record(me.game_id)
    assert r.solved and r.assisted and r.seconds is None and r.solves == 1
    assert r.solved_on == solved_on == dt.date(2024, 5, 1) and r.found == ()


def test_hint_undone_still_makes_the_solve_assisted(tmp_path):
    clock, today = FakeClock(), FakeToday(dt.date(2024, 5, 1))
    stats = Stats(Store(str(tmp_path)), today)
    params = lo.Params(4, True)
    me = MidEnd(lo.GAME, params, GameId("flip", today.day, "4x4"), lo.GAME.new_game(params, today.day),
                clock=clock, today=today)
    me.listeners.append(stats.listen)
    me.note_assist("hint")
    me.play(lo.GAME.hint(me.state), Kind.HINT)
    me.undo()
    for p in lo.GAME.solve(me.state):
        me.play(lo.Press(p.row, p.col))
    r = stats.record(me.game_id)
    assert r.solved and r.assisted and r.hints == 1 and not r.streak_day


def test_wrong_types_inside_records_never_crash(tmp_path):
    (tmp_path / "progress.json").write_text(json.dumps({"version": 3, "records": {
        "classic 2024-01-01": {"solved": True, "assisted": False, "seconds": "x", "hints": "3", "found": 7,
                               "solved_on": "2024-01-01"},
        "classic junk": {"found": [1, None, "A"]}, "": {}, "other": []}}))
    store = Store(str(tmp_path))
    s = Stats(store)
    summ = s.summary("classic", dt.date(2024, 1, 1))  # records of the wrong structure are left out
    assert summ.hand == 0 and summ.current_streak == 0 and summ.best_s is None and summ.hints == 0
    assert set(store.set_aside) == {"classic 2024-01-01", "classic junk", "other"}
    assert store.records_notice == ("save_bad_records", {"n": 3})
    s.listen(Completed(GameId.from_text("classic junk"), "B", True, D))  # a new record replaces it
    assert s.found(GameId.from_text("classic junk")) == ("B",)
