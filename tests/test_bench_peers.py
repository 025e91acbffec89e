"""The benchmark's peer inputs are right: correctness only, no timings.

``benchmarks/peers.py`` builds the exact-cover matrices for ``xcover`` and
``exact-cover`` without using :mod:`solver`; these tests check its orientations
against docs/RULES.md and the solver, and that both peers find the known counts on small work.
"""
from __future__ import annotations

import datetime as dt
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"


def _load(name: str):
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location(f"_bench_{name}", BENCH / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up while the class is built
    spec.loader.exec_module(mod)
    return mod


P = _load("peers")
RUN = _load("run")

xcover = pytest.importorskip("xcover")
exact_cover = pytest.importorskip("exact_cover")


def test_orientation_counts_match_spec():
    for code, (_, _, n) in P.SHAPES.items():
        assert len(P.orientations(code)) == n, code


def test_shapes_and_orientations_match_solver():
    from solver.shapes import FORMATIONS

    assert set(P.SHAPES) == set(FORMATIONS)
    for code, (letter, shape, _) in P.SHAPES.items():
        assert FORMATIONS[code].drawing == shape
        assert FORMATIONS[code].letter == letter
        assert set(P.orientations(code)) == set(FORMATIONS[code].orientations)


def test_calendar_matrix_shape():
    inp = P.calendar_input(dt.date(2024, 5, 1))
    m = inp.bool_matrix()
    assert m.shape[1] == 41 + 8  # 41 cells to cover + one item per formation
    assert m.dtype == bool and m.flags.c_contiguous
    assert all(row.sum() in (6, 7) for row in m)  # 5 or 6 cells + the formation item
    assert len(inp.placements) == m.shape[0]
    # the month and day cells are not items
    assert (0, 4) not in inp.items and (2, 0) not in inp.items
    arrays = inp.xcover_arrays()
    assert arrays[1][-1] == m.sum() and arrays[3] == m.shape[1] and arrays[4] == 0


def test_both_peers_count_57_for_may_1():
    inp = P.calendar_input(dt.date(2024, 5, 1))
    assert P.xcover_count(inp.xcover_arrays()) == 57
    m = inp.bool_matrix()
    assert P.exact_cover_count(m) == 57
    sols = P.exact_cover_all(m)
    assert len(sols) == 57
    assert all(P.is_exact_cover(inp, s) for s in sols)
    listed = list(P.xcover_solutions(inp.xcover_arrays()))
    assert {frozenset(s) for s in listed} == {frozenset(s) for s in sols}


def test_first_solutions_are_exact_covers():
    inp = P.calendar_input(dt.date(2024, 12, 3))
    assert P.is_exact_cover(inp, P.xcover_first(inp.xcover_arrays()))
    assert P.is_exact_cover(inp, P.exact_cover_first(inp.bool_matrix()))


@pytest.mark.parametrize("date", [dt.date(2024, 5, 21), dt.date(2024, 12, 3), dt.date(2024, 2, 29)])
def test_peers_agree_with_our_solver(date):
    from solver.search import count_solutions
    from solver.board import classic_board, date_targets
    from solver.shapes import CLASSIC_SET
    from solver.model import Puzzle

    inp = P.calendar_input(date)
    assert P.date_cells(date) == date_targets(date)
    ours = count_solutions(Puzzle(classic_board(), CLASSIC_SET, date_targets(date)))
    assert P.xcover_count(inp.xcover_arrays()) == ours
    assert P.exact_cover_count(inp.bool_matrix()) == ours
    if date == dt.date(2024, 5, 21):
        assert ours == 36  # docs/RULES.md
    if date == dt.date(2024, 12, 3):
        assert ours == 67


def test_small_rectangle_with_five_pentominoes():
    # docs/RULES.md example: a 5 x 5 empty board with U, Z, T, L, P
    inp = P.build_input(("." * 5,) * 5, ("SLCS", "JQHH", "SC", "XX", "JS"))
    n_x = P.xcover_count(inp.xcover_arrays())
    assert n_x == P.exact_cover_count(inp.bool_matrix())
    assert n_x > 0


def test_pentomino_boards_have_the_known_placement_counts():
    # Knuth, "Dancing Links": 2056 placements on the 6 x 10 board (no symmetry removed),
    # 1568 on the 8 x 8 board less its centre
    assert len(P.build_input(P.RECT_6X10_ROWS, P.PENTOMINO_CODES).options) == 2056
    assert len(P.build_input(P.SQUARE_8X8_HOLE_ROWS, P.PENTOMINO_CODES).options) == 1568


def test_build_input_rejects_bad_work():
    with pytest.raises(ValueError):
        P.build_input(("." * 10,) * 6, P.PENTOMINO_CODES[:-1])  # area mismatch
    with pytest.raises(ValueError):
        P.build_input(("." * 5,) * 2, ("YZCS", "YZCS"))  # repeated formation


def test_calendar_inputs_equal_one_by_one_builds():
    dates = [dt.date(2024, 1, 1), dt.date(2024, 2, 29), dt.date(2024, 12, 31)]
    for shared, date in zip(P.calendar_inputs(dates), dates):
        single = P.calendar_input(date)
        assert shared.items == single.items
        assert sorted(zip(map(tuple, shared.options), shared.placements)) == \
            sorted(zip(map(tuple, single.options), single.placements))


def test_symmetry_orbits_count_the_whole_problem():
    group = P.board_symmetries(P.SQUARE_8X8_HOLE_ROWS)
    assert len(group) == 8 and len(P.board_symmetries(P.RECT_6X10_ROWS)) == 4
    _, subs = P.symmetry_inputs(P.SQUARE_8X8_HOLE_ROWS, P.PENTOMINO_CODES)
    assert sum(size for _, size in subs) == sum(
        1 for code, _ in P.build_input(P.SQUARE_8X8_HOLE_ROWS, P.PENTOMINO_CODES).placements
        if code == "TM")  # the X pentomino is the pivot; orbits partition its placements
    # a small board where both peers can count every orbit quickly
    rows = ("." * 5,) * 5
    codes = ("SLCS", "JQHH", "SC", "XX", "JS")
    full, subs = P.symmetry_inputs(rows, codes)
    whole = P.exact_cover_count(full.bool_matrix())
    assert sum(size * P.exact_cover_count(i.bool_matrix()) for i, size in subs) == whole
    assert sum(size * P.xcover_count(i.xcover_arrays()) for i, size in subs) == whole


def test_leap_year_dates():
    dates = P.leap_year_dates(2024)
    assert len(dates) == 366 and dt.date(2024, 2, 29) in dates


def test_harness_runs_end_to_end(tmp_path):
    # a separate process: the harness forks, and this test process may have threads
    out = tmp_path / "RESULTS.md"
    proc = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--quick", "--cases", "a,b",
         "--solvers", "ours,exact_cover", "--reps", "a=1,b=1", "--out", str(out)],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    text = out.read_text(encoding="utf-8")
    assert "| (a) first solution, 2024-12-03 | 1 |" in text
    assert "| (b) all solutions, 2024-12-03 | 67 |" in text
    assert "nproc" in text and "numba" in text


def test_harness_report_renders():
    run = RUN
    ours = run.Measure("ours", "a", input=1e-4, first=0.1, times=[2e-5, 3e-5], table_build=5e-3,
                       info={"count": 1, "nodes": 10}, kernel=[1e-5])
    xc = run.Measure("xcover", "a", input=1e-2, first=1e-3, times=[4e-4], info={"count": 1})
    ec = run.Measure("exact_cover", "a", status="cap")
    results = {("ours", "a"): ours, ("xcover", "a"): xc, ("exact_cover", "a"): ec}
    args = run.argparse.Namespace(cap=60.0, budget=15.0, quick=False, no_variants=False,
                                  argv=["--cases", "a"])
    text = run.render(results, ["a"], [("python", "3")], args, 1.0)
    assert "| (a) first solution, 2024-12-03 | 1 |" in text
    assert "16.0x" in text  # 4e-4 / 2.5e-5
    assert "> 60 s (cap)" in text
    assert run.parse_reps("a=5,c=2", False)["a"] == 5
    with pytest.raises(SystemExit):
        run.parse_reps("z=1", False)


@pytest.mark.parametrize("name,key", [("dragonfjord", "10-06"), ("jarringwords", "03-14"),
                                      ("creamakerspace", "09-09"), ("tetromino", "04-30"),
                                      ("weekday", "05-16/Fri")])
def test_edition_matrices_count_what_the_solver_counts(name, key):
    from solver import variants
    from solver.search import count_solutions

    date = dt.date(2024 if key[:5] != "05-16" else 2025, int(key[:2]), int(key[3:5]))
    n = P.xcover_count(P.edition_input(name, key).xcover_arrays())
    assert n == count_solutions(variants.load(name).puzzle(date)) > 0
    keys = P.edition_keys(name)
    assert len(keys) == (2562 if name == "weekday" else 366) and len(set(keys)) == len(keys)


def test_before_after_table_renders():
    # the "Before and after" rows of RESULTS.md: nodes and times side by side, and a
    # count that changed between the two trees is flagged
    ba = _load("before_after")
    old = {"6 x 10": {"count": 9356, "nodes": 400, "call": 2.0, "search": 1.5},
           "classic date": {"count": 66, "nodes": 50, "call": 0.5, "search": 0.4}}
    new = {"6 x 10": {"count": 9356, "nodes": 100, "call": 0.5, "search": 0.4},
           "classic date": {"count": 67, "nodes": 10, "call": 0.25, "search": 0.2}}
    lines = ba.render(old, new, "abc1234", lambda t: f"{t:.1f} s")
    row = next(x for x in lines if x.startswith("| 6 x 10"))
    assert "| 9356 | 400 | 100 | 4.0x | 2.0 s [1.5 s] | 0.5 s [0.4 s] | 4.0x |" in row
    assert any("MISMATCH" in x for x in lines if x.startswith("| Classic 2024-12-03, all"))
    assert len(lines) == 2 + 2
