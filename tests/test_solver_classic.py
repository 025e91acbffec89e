"""Classic mode (docs/RULES.md and 3): published solution counts and exact covers.

Expected counts are the published A-Puzzle-A-Day numbers (DragonFjord layout):
May 1 = 57, May 21 = 36, Jan 1..4 = 64 / 109 / 47 / 103, Oct 6 = 7 (the fewest of
any date), Jan 25 = 216 (the most) and 24,405 over the 366 dates of a leap year.
Every solution returned is passed through the independent
:func:`reference.verify_cover`; a few dates are also solved from scratch by the
slow reference solver and compared as sets.
"""
from __future__ import annotations

import datetime as dt

import pytest

from solver.search import Search, all_solutions, count_by_targets, count_solutions, solve_first
from solver.board import classic_board, date_targets, day_cell, leap_year_dates, month_cell
from solver.shapes import CLASSIC_SET
from solver.model import Puzzle

try:
    from tests.reference import (CLASSIC_CODES, canonical, classic_open_cells, ref_day_cell,
                                 ref_month_cell, ref_solutions, verify_cover, verify_distinct)
except ImportError:  # tests/ is not a package: pytest put it on sys.path
    from reference import (CLASSIC_CODES, canonical, classic_open_cells, ref_day_cell,
                           ref_month_cell, ref_solutions, verify_cover, verify_distinct)

PUBLISHED = {
    (5, 1): 57,
    (5, 21): 36,
    (1, 1): 64,
    (1, 2): 109,
    (1, 3): 47,
    (1, 4): 103,
    (10, 6): 7,
    (1, 25): 216,
}
LEAP_YEAR_TOTAL = 24_405


def classic_puzzle(month: int, day: int) -> Puzzle:
    return Puzzle(classic_board(), CLASSIC_SET, date_targets(dt.date(2024, month, day)))


def ref_targets(month: int, day: int):
    return (ref_month_cell(month), ref_day_cell(day))


@pytest.fixture(scope="module")
def by_targets():
    """count_by_targets over all 12 x 31 (month cell, day cell) pairs, computed once."""
    res, seconds, nodes = count_by_targets(
        classic_board(), CLASSIC_SET,
        [month_cell(m) for m in range(1, 13)], [day_cell(d) for d in range(1, 32)])
    assert seconds >= 0 and nodes > 0
    return res


@pytest.fixture(scope="module")
def leap_year_counts(by_targets):
    """{"MM-DD": count} for the 366 dates of 2024 (keyed via the reference's own layout)."""
    out = {}
    for d in leap_year_dates(2024):
        out[f"{d.month:02d}-{d.day:02d}"] = by_targets.get(ref_targets(d.month, d.day), 0)
    return out


# ---------------------------------------------------------------- the board itself


def test_classic_board_layout_matches_spec():
    b = classic_board()
    open_cells = {(r, c) for r in range(7) for c in range(7) if b.is_open(r, c)}
    assert open_cells == set(classic_open_cells())
    assert len(open_cells) == 43
    for m in range(1, 13):
        assert month_cell(m) == ref_month_cell(m)
    for d in range(1, 32):
        assert day_cell(d) == ref_day_cell(d)


def test_leap_year_dates_are_366_distinct_days():
    dates = leap_year_dates(2024)
    assert len(dates) == 366 == len(set(dates))
    assert dt.date(2024, 2, 29) in dates


# ---------------------------------------------------------------- published counts


@pytest.mark.parametrize("month,day", sorted(PUBLISHED))
def test_published_count_per_date(month, day):
    assert count_solutions(classic_puzzle(month, day)) == PUBLISHED[(month, day)]


@pytest.mark.parametrize("month,day", sorted(PUBLISHED))
def test_published_count_via_count_by_targets(by_targets, month, day):
    assert by_targets[ref_targets(month, day)] == PUBLISHED[(month, day)]


def test_leap_year_total(leap_year_counts):
    assert len(leap_year_counts) == 366
    assert sum(leap_year_counts.values()) == LEAP_YEAR_TOTAL


def test_every_real_date_has_a_solution(leap_year_counts):
    assert min(leap_year_counts.values()) >= 1


def test_fewest_is_october_6_and_most_is_january_25(leap_year_counts):
    fewest = min(leap_year_counts.values())
    most = max(leap_year_counts.values())
    assert (fewest, most) == (7, 216)
    assert [k for k, v in leap_year_counts.items() if v == fewest] == ["10-06"]
    assert [k for k, v in leap_year_counts.items() if v == most] == ["01-25"]


@pytest.mark.parametrize("month,day", [(2, 29), (3, 31), (7, 14), (12, 31), (6, 30), (9, 9)])
def test_per_date_search_agrees_with_count_by_targets(by_targets, month, day):
    s = Search(classic_puzzle(month, day), store=0)
    s.run()
    assert s.done
    assert s.count == by_targets[ref_targets(month, day)]


def test_count_by_targets_without_pruning_agrees(by_targets):
    res, _, _ = count_by_targets(
        classic_board(), CLASSIC_SET,
        [month_cell(m) for m in range(1, 13)], [day_cell(d) for d in range(1, 32)], prune=False)
    assert res == by_targets


# ---------------------------------------------------------------- exact covers


@pytest.mark.parametrize("month,day", [(5, 1), (5, 21), (10, 6), (1, 3), (2, 29), (12, 31)])
def test_every_solution_is_an_exact_cover(month, day):
    puzzle = classic_puzzle(month, day)
    sols = all_solutions(puzzle)
    if (month, day) in PUBLISHED:
        assert len(sols) == PUBLISHED[(month, day)]
    assert len(sols) == count_solutions(puzzle)
    for sol in sols:
        verify_cover(classic_open_cells(), ref_targets(month, day), CLASSIC_CODES, sol)
    verify_distinct(sols)


@pytest.mark.parametrize("month,day", [(10, 6), (5, 21), (5, 1)])
def test_solutions_equal_the_reference_solver(month, day):
    got = {canonical(s) for s in all_solutions(classic_puzzle(month, day))}
    want = set(ref_solutions(classic_open_cells(), CLASSIC_CODES, ref_targets(month, day)))
    assert len(want) == PUBLISHED[(month, day)]
    assert got == want


def test_solve_first_is_an_exact_cover_across_the_year():
    # every 9th date (each weekday column and each month are hit), plus Feb 29
    dates = leap_year_dates(2024)[::9] + [dt.date(2024, 2, 29)]
    for d in dates:
        sol = solve_first(classic_puzzle(d.month, d.day))
        assert sol is not None, d
        verify_cover(classic_open_cells(), ref_targets(d.month, d.day), CLASSIC_CODES, sol)


def test_formation_listing_order_never_changes_the_classic_count():
    board = classic_board()
    targets = date_targets(dt.date(2024, 5, 1))
    for order in (CLASSIC_SET, tuple(reversed(CLASSIC_SET)), CLASSIC_SET[3:] + CLASSIC_SET[:3]):
        assert count_solutions(Puzzle(board, order, targets)) == 57
    # names and letters resolve to the same formations
    letters = ("O6", "N", "V", "U", "Z", "P", "L", "Y")
    assert count_solutions(Puzzle(board, letters, targets)) == 57
