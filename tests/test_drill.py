"""Daily Drill rule v1 (docs/RULES.md and 3, mode 2; section 6, ``drill``).

Guards: every date of 2024 gets a solvable set whose first solution passes the
independent exact-cover check; the set is stable (frozen golden file
``tests/golden/drill_v1.json``, a fresh process with another hash seed); the board is
the month-length board rebuilt here from :mod:`calendar`; the area and set-size
arithmetic; the grades; the command line.
"""
from __future__ import annotations

import calendar
import datetime as dt
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from solver import drill
from solver.search import count_solutions, solve_first
from solver.board import InvalidDateError
from solver.cli import main as cli_main
from solver.model import Puzzle

try:
    from tests.test_puzzlefile_cover import SHAPES, open_cells_of, verify_solution
except ImportError:  # pytest's rootdir-relative import mode
    from test_puzzlefile_cover import SHAPES, open_cells_of, verify_solution

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = json.loads((ROOT / "tests" / "golden" / "drill_v1.json").read_text(encoding="utf-8"))

# docs/RULES.md, typed in again: the classic blocked cells, month and day cells.
CLASSIC_BLOCKED = {(0, 6), (1, 6), (6, 3), (6, 4), (6, 5), (6, 6)}


def ref_month(m: int) -> tuple[int, int]:
    """Month cell, docs/RULES.md."""
    return (m - 1) // 6, (m - 1) % 6


def ref_day(d: int) -> tuple[int, int]:
    """Day cell, docs/RULES.md."""
    return 2 + (d - 1) // 7, (d - 1) % 7


def ref_month_length_open(year: int, month: int) -> set[tuple[int, int]]:
    """Open cells of the month-length board, from the standard library's calendar."""
    last = calendar.monthrange(year, month)[1]
    cells = {(r, c) for r in range(7) for c in range(7)} - CLASSIC_BLOCKED
    return cells - {ref_day(d) for d in range(last + 1, 32)}


def ref_isolated(cells: set, targets: set) -> set:
    """Cells to cover in connected regions of fewer than 5 cells (rule v1 seals them)."""
    todo = set(cells) - set(targets)
    out = set()
    while todo:
        stack = [todo.pop()]
        region = set(stack)
        while stack:
            r, c = stack.pop()
            for n in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                if n in todo:
                    todo.discard(n)
                    region.add(n)
                    stack.append(n)
        if len(region) < 5:
            out |= region
    return out


def _year(year: int) -> list[dt.date]:
    d = dt.date(year, 1, 1)
    out = []
    while d.year == year:
        out.append(d)
        d += dt.timedelta(days=1)
    return out


# ---------------------------------------------------------------- the generator and seed


def test_hash_stream_reproduces_the_frozen_words():
    g = GOLDEN["hash_stream"]
    s = drill.HashStream(g["seed"])
    assert [str(s.word()) for _ in range(len(g["first_words"]))] == g["first_words"]
    s = drill.HashStream(g["seed"])
    assert [s.below(n) for n in (792, 791, 790, 12, 7, 1)] == g["below_sequence"]


def test_hash_stream_is_uniform_enough_and_in_range():
    s = drill.HashStream("test/uniform")
    draws = [s.below(6) for _ in range(6000)]
    assert set(draws) == set(range(6))
    assert all(800 < n < 1200 for n in Counter(draws).values())
    with pytest.raises(ValueError):
        s.below(0)


def test_seed_text():
    assert drill.seed_text(dt.date(2024, 5, 1)) == "daily-drill/v1/2024-05-01"
    assert drill.seed_text(dt.date(2024, 5, 1), 6) == "daily-drill/v1/2024-05-01/sixes=6"
    assert drill.RULE_VERSION == GOLDEN["rule_version"] == 1


# ---------------------------------------------------------------- golden (frozen rule)


@pytest.mark.parametrize("date", sorted(GOLDEN["dates"]))
def test_rule_reproduces_the_golden_sets(date):
    want = GOLDEN["dates"][date]
    info = drill.daily_info(date)
    assert list(info.formations) == want["formations"]
    assert list(info.names) == want["names"]
    assert info.count == want["count"]
    assert info.stars == want["stars"]
    assert info.draws == want["draws"]
    assert [list(c) for c in info.sealed] == want["sealed"]
    assert info.board.rows() == want["board"]
    assert info.rule_version == 1


def test_a_fresh_process_with_another_hash_seed_gives_the_same_sets():
    dates = ["2024-05-01", "2028-02-22", "2030-12-31"]
    code = ("import json, sys; from solver import drill; "
            "print(json.dumps({d: list(drill.daily_info(d).formations) for d in sys.argv[1:]}))")
    env = dict(os.environ, PYTHONHASHSEED="12345")
    r = subprocess.run([sys.executable, "-c", code, *dates], capture_output=True, text=True,
                       cwd=ROOT, env=env, timeout=600)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == {d: GOLDEN["dates"][d]["formations"] for d in dates}


# ---------------------------------------------------------------- a full year


@pytest.fixture(scope="module")
def year_2024_with_first():
    """``{date: (info, first solution)}``; each solution is found right after its set is
    chosen, while the solver's placement table for that set is still cached."""
    out = {}
    for d in _year(2024):
        info = drill.daily_info(d)
        out[d] = (info, solve_first(info.puzzle()))
    return out


@pytest.fixture(scope="module")
def year_2024(year_2024_with_first):
    """``{date: DailyInfo}`` for every date of 2024."""
    return {d: info for d, (info, _) in year_2024_with_first.items()}


def test_every_2024_date_has_a_solvable_verified_set(year_2024_with_first):
    assert len(year_2024_with_first) == 366
    for date, (info, sol) in year_2024_with_first.items():
        month_cell, day_cell = ref_month(date.month), ref_day(date.day)
        assert info.targets == (month_cell, day_cell)
        open_cells = ref_month_length_open(date.year, date.month)
        sealed = ref_isolated(open_cells, {month_cell, day_cell})
        assert set(info.sealed) == sealed
        assert open_cells_of(info.board.rows()) == open_cells - sealed
        # the multiset fills the area exactly, with the fewest 方阵 that fit
        area = len(open_cells - sealed) - 2
        assert sum(SHAPES[c][0].count("#") for c in info.formations) == area
        sixes = info.formations.count("F6")
        assert sixes == min(b for b in range(8) if (area - 6 * b) % 5 == 0 and area >= 6 * b)
        pentominoes = [c for c in info.formations if c != "F6"]
        assert len(set(pentominoes)) == len(pentominoes)  # rule v1: no repeated pentomino
        assert info.count >= 1 and 1 <= info.stars <= 5
        verify_solution(open_cells - sealed, (month_cell, day_cell), info.formations, sol)


def test_only_leap_february_22_has_a_sealed_cell(year_2024):
    sealed = {d: i.sealed for d, i in year_2024.items() if i.sealed}
    assert sealed == {dt.date(2024, 2, 22): ((6, 0),)}  # day 29 cut off by the target 22


def test_the_rule_is_stable_when_recomputed(year_2024):
    sample = [dt.date(2024, 1, 1) + dt.timedelta(days=k) for k in range(0, 366, 17)]
    for d in sample:
        again = drill._daily_info.__wrapped__(d, None)  # recomputed, not from the cache
        assert again.formations == year_2024[d].formations
        assert again.count == year_2024[d].count


def test_grade_matches_count_and_spreads_over_the_year(year_2024):
    stars = Counter(i.stars for i in year_2024.values())
    assert set(stars) == {1, 2, 3, 4, 5}  # every grade occurs in a year
    for info in year_2024.values():
        assert (info.stars, info.grade, info.grade_zh) == drill.grade_for_count(info.count)


def test_cli_year_covers_every_date(year_2024, capsys):
    assert cli_main(["drill", "--year", "2024", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["mode"] == "drill"
    assert list(out["dates"]) == [d.isoformat() for d in _year(2024)]
    assert out["dates"]["2024-05-01"] == year_2024[dt.date(2024, 5, 1)].count
    assert out["total"] == sum(out["dates"].values())
    assert all(n >= 1 for n in out["dates"].values()) and out["seconds"] >= 0


# ---------------------------------------------------------------- arithmetic and options


def test_set_size_options():
    assert drill.set_size_options(41) == [(7, 1), (1, 6)]
    assert drill.set_size_options(40) == [(8, 0), (2, 5)]
    assert drill.set_size_options(39) == [(3, 4)]
    assert drill.set_size_options(38) == [(4, 3)]


@pytest.mark.parametrize("date, cells", [("2024-01-15", 41), ("2024-04-15", 40),
                                         ("2024-02-15", 39), ("2025-02-15", 38),
                                         ("2024-02-22", 38)])
def test_cells_to_cover_per_month_length(date, cells):
    assert drill.daily_puzzle(date).area == cells


def test_other_set_sizes_on_request():
    # (1 pentomino + 6 x 方阵) has a solution on 2024-01-07 (measured: 4 of 12 sets)
    info = drill.daily_info("2024-01-07", sixes=6)
    assert info.formations.count("F6") == 6 and len(info.formations) == 7
    verify_solution(open_cells_of(info.board.rows()), info.targets, info.formations,
                    solve_first(info.puzzle()))
    with pytest.raises(drill.DrillError, match="no set of 1 pentominoes and 6"):
        drill.daily_info("2024-01-01", sixes=6)
    with pytest.raises(drill.DrillError, match="does not fit 41 cells"):
        drill.daily_info("2024-01-01", sixes=2)


def test_formation_order_never_changes_the_count():
    info = drill.daily_info("2024-05-01")
    rev = Puzzle(info.board, tuple(reversed(info.formations)), info.targets)
    assert count_solutions(rev) == info.count


def test_grades_boundaries():
    assert drill.grade_for_count(0) == (0, "unsolvable", "无解")
    assert drill.grade_for_count(1)[0] == 5
    assert drill.grade_for_count(2)[0] == drill.grade_for_count(3)[0] == 4
    assert drill.grade_for_count(4)[0] == drill.grade_for_count(8)[0] == 3
    assert drill.grade_for_count(9)[0] == drill.grade_for_count(20)[0] == 2
    assert drill.grade_for_count(21) == (1, "relaxed", "轻松")
    assert drill.stars_text(3) == "★★★☆☆"


def test_bad_dates():
    with pytest.raises(InvalidDateError):
        drill.daily_info("2025-02-29")
    with pytest.raises(InvalidDateError):
        drill.daily_puzzle("yesterday")


# ---------------------------------------------------------------- command line, one date


def test_cli_date_json_first(capsys):
    assert cli_main(["drill", "--date", "2024-02-22", "--first", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    want = GOLDEN["dates"]["2024-02-22"]
    assert out["mode"] == "drill" and out["date"] == "2024-02-22"
    assert out["formations"] == want["formations"] and out["names"] == want["names"]
    assert out["board"] == want["board"] and out["rule_version"] == 1
    assert out["count"] == want["count"] and out["sealed"] == [[6, 0]]
    assert len(out["solutions"]) == 1
    verify_solution(open_cells_of(out["board"]), [(0, 1), (5, 0)], out["formations"],
                    [(p["formation"], p["cells"]) for p in out["solutions"][0]])


def test_cli_date_all_lists_count_solutions(capsys):
    assert cli_main(["drill", "--date", "2024-06-15", "--all", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out["solutions"]) == out["count"] == GOLDEN["dates"]["2024-06-15"]["count"]
    tgt = [ref_month(6), ref_day(15)]
    for s in out["solutions"]:
        verify_solution(open_cells_of(out["board"]), tgt, out["formations"],
                        [(p["formation"], p["cells"]) for p in s])


def test_cli_text_output(capsys):
    assert cli_main(["drill", "--date", "2024-05-01"]) == 0
    text = capsys.readouterr().out
    assert "今日阵型" in text and "rule v1" in text and "solution(s)" in text


@pytest.mark.parametrize("argv", [["drill", "--date", "2024-02-30"],
                                  ["drill", "--year", "2024", "--all"],
                                  ["drill", "--year", "0"],
                                  ["drill", "--date", "2024-01-01", "--sixes", "2"],
                                  ["drill", "--date", ""],
                                  ["drill"]])
def test_cli_bad_input_exit_2(argv, capsys):
    assert cli_main(argv) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and err.startswith("python -m solver: error: ")
