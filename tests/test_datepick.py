"""Choosing a date on the board only on purpose, and going back in one action
(game/polyomino/datepick.py, game/dates.py DateNav, the "back to" toast)."""
from __future__ import annotations

import datetime as dt

import pygame
import pytest
from helpers import DATE, click, frame, key, make_control, play_solution

from game import dates
from game.widgets import controls
from solver.board import MONTHS_EN, WEEKDAYS_EN


def _expected(current: dt.date, label: str) -> dt.date | None:
    """A second method: strptime for months and days, a walk over the Sunday-first week."""
    try:
        if label in MONTHS_EN:
            return dt.datetime.strptime(f"{current.year} {label} {current.day}", "%Y %b %d").date()
        if label.isdigit():
            return dt.datetime.strptime(f"{current.year}-{current.month}-{label}", "%Y-%m-%d").date()
    except ValueError:
        return None
    if label in WEEKDAYS_EN:
        sunday = current - dt.timedelta(days=(current.weekday() + 1) % 7)
        return next(sunday + dt.timedelta(days=k) for k in range(7)
                    if (sunday + dt.timedelta(days=k)).strftime("%a") == label)
    return None


def test_date_for_label_matches_a_second_method():
    labels = list(MONTHS_EN) + [str(d) for d in range(1, 32)] + list(WEEKDAYS_EN) + ["", "#", "0", "32", "x"]
    day = dt.date(2023, 1, 1)
    while day <= dt.date(2024, 12, 31):
        for label in labels:
            assert dates.date_for_label(day, label) == _expected(day, label), (day, label)
        day += dt.timedelta(days=3)


def test_datenav_remembers_where_the_player_was():
    nav = dates.DateNav()
    assert nav.back() is None and nav.toast(0.0) is None
    nav.moved(dt.date(2024, 5, 1), now=100.0)
    nav.moved(dt.date(2024, 5, 2), now=101.0)
    assert nav.toast(101.0 + dates.TOAST_S - 0.1) == dt.date(2024, 5, 2)
    assert nav.toast(101.0 + dates.TOAST_S) is None  # the button goes, B still works
    assert nav.back() == dt.date(2024, 5, 2) and nav.back() == dt.date(2024, 5, 1) and nav.back() is None
    for i in range(dates.BACK_LIMIT + 10):
        nav.moved(DATE + dt.timedelta(days=i), now=0.0)
    assert len(nav.history) == dates.BACK_LIMIT


def _cell_of(scene, label):
    b = scene.puzzle.board
    return next((r, c) for r in range(b.height) for c in range(b.width) if b.label((r, c)) == label)


@pytest.fixture()
def classic(worker):
    c = make_control(worker, None, lang="en")
    frame(c, 2)
    yield c
    c.scene.exit()


def test_a_click_on_a_date_cell_does_nothing_until_the_pick_is_armed(classic):
    c, s = classic, classic.scene
    june = s.layout.cell_rect(_cell_of(s, "Jun")).center
    click(june)
    frame(c)
    assert s.date == DATE and s.ui.drag is None
    key(pygame.K_g)
    frame(c)
    assert s.nav.armed and "Click a month or a day" in s.status_text()
    click(june)
    frame(c)
    assert s.date == dt.date(2024, 6, 1) and not s.nav.armed
    assert set(s.puzzle.targets) == {_cell_of(s, "Jun"), _cell_of(s, "1")}
    assert s.status_text() == "Now playing Jun 1, 2024"
    # the toast button takes it back in one click
    rect, label = controls.toast(s, s.layout)
    assert label == "Back to May 1, 2024"
    click(rect.center)
    frame(c)
    assert s.date == DATE and controls.toast(s, s.layout) is None


def test_pick_by_day_by_keyboard_and_back_with_b(classic):
    c, s = classic, classic.scene
    key(pygame.K_g)
    frame(c)
    s.ui.cursor = _cell_of(s, "17")
    key(pygame.K_RETURN)
    frame(c)
    assert s.date == dt.date(2024, 5, 17)
    key(pygame.K_RIGHTBRACKET)  # ] next day: also remembered
    frame(c)
    assert s.date == dt.date(2024, 5, 18)
    key(pygame.K_j)
    frame(c)
    assert s.date == dt.date(2024, 5, 17)
    key(pygame.K_j)
    frame(c)
    assert s.date == DATE
    key(pygame.K_j)
    frame(c)
    assert s.date == DATE and s.status_text() == "No earlier date to go back to"


def test_esc_or_a_click_off_the_board_disarms_and_a_non_date_does_nothing(classic):
    c, s = classic, classic.scene
    key(pygame.K_g)
    frame(c)
    key(pygame.K_ESCAPE)
    frame(c)
    assert not s.nav.armed and s.date == DATE
    s.command("pick_date")
    click((s.layout.tray_rect.centerx, s.layout.tray_rect.bottom - 2))
    frame(c)
    assert not s.nav.armed and s.date == DATE
    # May has no 32nd, but the 31st exists; from Jan 31, February has no 31st
    s.command("pick_date")
    click(s.layout.cell_rect(_cell_of(s, "Jan")).center)
    frame(c)
    s.command("pick_date")
    click(s.layout.cell_rect(_cell_of(s, "31")).center)
    frame(c)
    assert s.date == dt.date(2024, 1, 31)
    s.command("pick_date")
    click(s.layout.cell_rect(_cell_of(s, "Feb")).center)
    frame(c)
    assert s.date == dt.date(2024, 1, 31) and s.status_text() == "That cell is not a date: the date stays"


def test_going_back_keeps_each_dates_own_position(classic):
    c, s = classic, classic.scene
    play_solution(s, [s.puzzle.formations[0]])
    placed = s.state.placed
    key(pygame.K_g)
    click(s.layout.cell_rect(_cell_of(s, "Aug")).center)
    frame(c)
    assert s.date == dt.date(2024, 8, 1) and s.state.placed == ()
    assert not s.midend.can_undo()  # the date change is not a move of the new date's game
    key(pygame.K_j)
    frame(c)
    assert s.date == DATE and s.state.placed == placed and s.midend.can_undo()


def test_flip_goes_back_to_the_date_before_too(worker):
    c = make_control(worker, None, lang="en", mode="flip")
    s = c.scene
    frame(c)
    key(pygame.K_LEFTBRACKET)
    frame(c)
    assert s.date == DATE - dt.timedelta(days=1)
    rect, _ = controls.toast(s, s.get_layout())
    click(rect.center)
    frame(c)
    assert s.date == DATE and s.daily
    assert "pick_date" not in s.commands  # no date cells on a Lights Out board


def test_a_weekday_cell_picks_that_day_of_the_same_week(worker):
    c = make_control(worker, None, lang="en", mode="variant:weekday")
    s = c.scene
    frame(c, 2)
    assert s.puzzle is not None and s.puzzle.board.has_weekdays
    key(pygame.K_g)
    frame(c)
    click(s.layout.cell_rect(_cell_of(s, "Fri")).center)
    frame(c)
    assert DATE.strftime("%a") == "Wed" and s.date == dt.date(2024, 5, 3)
    assert {s.puzzle.board.label(cell) for cell in s.puzzle.targets} == {"May", "3", "Fri"}
    c.scene.exit()
