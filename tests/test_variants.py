"""Calendar variants: the five shipped editions, variant files, the mirror rule.

Expected values come from outside the solver: DragonFjord's published figures
(24,405 solutions over the 366 dates; 7 on Oct 6; 216 on Jan 25; 64, 109, 47 and 103
on Jan 1-4), and for the other editions and the rotations-only rule the plain-Python
exact cover of ``tests/reference.py`` over its own drawings and boards.  Every
solution the solver returns is checked by the reference's independent checker.
"""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import textwrap

import pytest

from solver import variants
from solver.board import (InvalidPuzzleError, classic_board, parse_labelled_board,
                          targets_for_date)
from solver.cli import main
from solver.games.polyomino import Params, make_puzzle
from solver.search import all_solutions, count_by_targets, count_solutions, date_counts

try:
    from tests.reference import (OWN_VARIANT, VARIANTS, add_shape, board_labels, canonical,
                                 ref_count, ref_solutions, ref_variant_puzzle, verify_cover,
                                 verify_distinct)
except ImportError:  # tests/ is not a package: pytest put it on sys.path
    from reference import (OWN_VARIANT, VARIANTS, add_shape, board_labels, canonical,
                           ref_count, ref_solutions, ref_variant_puzzle, verify_cover,
                           verify_distinct)

SHIPPED = ("creamakerspace", "dragonfjord", "jarringwords", "tetromino", "weekday")


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def cli_json(capsys, *argv: str) -> dict:
    rc, out, err = run_cli(capsys, *argv, "--json")
    assert rc == 0, err
    return json.loads(out)


# ---------------------------------------------------------------- the shipped files


def test_the_five_variants_ship_with_the_editions_facts():
    assert variants.names() == SHIPPED
    for name in SHIPPED:
        v = variants.load(name)
        board, pieces = VARIANTS[name]
        open_cells, where = board_labels(board)
        assert set(v.board.cells_of(v.board.open_mask)) == set(open_cells), name
        for label, cell in where.items():
            assert v.board.cell_of(label) == cell, (name, label)
        assert sorted(v.formations) == sorted(pieces), name
        assert v.mirror is True
        assert v.weekdays == (board == "weekday")
        assert v.cells == len(open_cells) == (50 if board == "weekday" else 43)


def test_list_json_contract(capsys):
    out = cli_json(capsys, "variant", "--list")
    assert out["schema"] == 1
    got = {v["name"]: v for v in out["variants"]}
    assert tuple(got) == SHIPPED
    assert set(got["weekday"]) == {"name", "title", "title_zh", "cells", "formations", "mirror"}
    assert got["weekday"]["cells"] == 50 and got["weekday"]["title_zh"] == "星期日历"
    assert got["weekday"]["formations"] == list(variants.load("weekday").formations)
    assert all(v["mirror"] is True for v in got.values())
    rc, text, _ = run_cli(capsys, "variant", "--list")
    assert rc == 0 and all(name in text for name in SHIPPED)


def test_the_standard_board_text_is_the_classic_board():
    assert variants.load("dragonfjord").board == classic_board()
    assert parse_labelled_board(classic_board().tokens()) == classic_board()


# ---------------------------------------------------------------- published figures


def test_dragonfjord_all_dates_published_figures_and_classic_agree(capsys):
    out = cli_json(capsys, "variant", "dragonfjord", "--all-dates")
    assert out["schema"] == 1 and out["mode"] == "variant"
    assert out["variant"] == "dragonfjord" and out["mirror"] is True
    dates = out["dates"]
    assert len(dates) == 366 and "02-29" in dates and list(dates)[0] == "01-01"
    assert out["total"] == sum(dates.values()) == 24405
    assert dates["10-06"] == 7 and dates["01-25"] == 216
    assert [dates[f"01-0{d}"] for d in range(1, 5)] == [64, 109, 47, 103]
    assert out["seconds"] > 0
    classic = cli_json(capsys, "classic", "--all-dates")
    assert classic["dates"] == dates and classic["total"] == 24405
    assert classic["mirror"] is True


@pytest.mark.parametrize("date,count", [("2024-10-06", 7), ("2024-01-25", 216), ("2024-01-01", 64)])
def test_classic_and_variant_dragonfjord_give_the_same_date_answer(capsys, date, count):
    v = cli_json(capsys, "variant", "dragonfjord", "--date", date, "--all")
    c = cli_json(capsys, "classic", "--date", date, "--all")
    assert v["count"] == c["count"] == count
    assert {canonical((p["formation"], p["cells"]) for p in s) for s in v["solutions"]} == \
           {canonical((p["formation"], p["cells"]) for p in s) for s in c["solutions"]}
    assert v["mode"] == "variant" and v["variant"] == "dragonfjord" and v["mirror"] is True
    assert v["date"] == date and v["schema"] == 1
    assert c["mirror"] is True


# ---------------------------------------------------------------- every variant vs the reference

# (variant, date, mirror): a handful per edition, mirror off for some; the weekday
# dates fall on different weekdays
CASES = [
    ("dragonfjord", dt.date(2024, 1, 1), False),
    ("dragonfjord", dt.date(2024, 7, 31), False),
    ("jarringwords", dt.date(2024, 3, 14), True),
    ("jarringwords", dt.date(2024, 12, 25), True),
    ("jarringwords", dt.date(2024, 3, 14), False),
    ("creamakerspace", dt.date(2024, 2, 29), True),
    ("creamakerspace", dt.date(2024, 9, 9), True),
    ("creamakerspace", dt.date(2024, 6, 30), False),
    ("tetromino", dt.date(2024, 4, 30), True),
    ("tetromino", dt.date(2024, 11, 5), True),
    ("tetromino", dt.date(2024, 8, 18), False),
    ("weekday", dt.date(2024, 10, 6), True),     # a Sunday
    ("weekday", dt.date(2025, 5, 16), True),     # a Friday
    ("weekday", dt.date(2024, 1, 1), False),     # a Monday
    ("weekday", dt.date(2026, 2, 28), False),    # a Saturday
]


@pytest.mark.parametrize("name,date,mirror", CASES,
                         ids=[f"{n}-{d}-{'free' if m else 'rotations'}" for n, d, m in CASES])
def test_variant_dates_match_the_reference(name, date, mirror):
    v = variants.load(name)
    puzzle = v.puzzle(date, mirror)
    open_cells, targets, pieces = ref_variant_puzzle(name, date)
    assert set(puzzle.targets) == set(targets)
    want = set(ref_solutions(open_cells, pieces, targets, mirror=mirror))
    sols = all_solutions(puzzle)
    for sol in sols:
        verify_cover(open_cells, targets, pieces, sol, mirror=mirror)
    verify_distinct(sols)
    assert {canonical(s) for s in sols} == want
    assert count_solutions(puzzle) == len(want)


def test_mirror_toggle_changes_jan_1_and_back():
    # the rule is an argument, never a value frozen into compiled code
    open_cells, targets, pieces = ref_variant_puzzle("dragonfjord", dt.date(2024, 1, 1))
    rotations_only = ref_count(open_cells, pieces, targets, mirror=False)
    assert rotations_only != 64
    v = variants.load("dragonfjord")
    got = [count_solutions(v.puzzle(dt.date(2024, 1, 1), m)) for m in (True, False, True, False)]
    assert got == [64, rotations_only, 64, rotations_only]


def test_no_mirror_flag_and_game_params(capsys):
    open_cells, targets, pieces = ref_variant_puzzle("tetromino", dt.date(2024, 8, 18))
    want = ref_count(open_cells, pieces, targets, mirror=False)
    out = cli_json(capsys, "variant", "tetromino", "--date", "2024-08-18", "--no-mirror", "--first")
    assert out["mirror"] is False and out["count"] == want
    verify_cover(open_cells, targets, pieces,
                 [(p["formation"], p["cells"]) for p in out["solutions"][0]], mirror=False)
    puzzle, _ = make_puzzle(Params.from_text("variant:tetromino,nomirror"), dt.date(2024, 8, 18))
    assert puzzle.mirror is False and count_solutions(puzzle) == want
    puzzle, _ = make_puzzle(Params.from_text("variant:weekday"), dt.date(2024, 10, 6))
    assert puzzle.targets == variants.load("weekday").targets(dt.date(2024, 10, 6))


def test_weekday_date_uses_the_real_weekday(capsys):
    _, where = board_labels("weekday")
    for day, weekday in ((6, "Sun"), (7, "Mon"), (8, "Tue"), (9, "Wed"), (10, "Thu"),
                         (11, "Fri"), (12, "Sat")):
        date = dt.date(2024, 10, day)
        assert targets_for_date(variants.load("weekday").board, date)[2] == where[weekday]
    out = cli_json(capsys, "variant", "weekday", "--date", "2024-10-12", "--count")
    assert [tuple(t) for t in out["targets"]] == [where["Oct"], where["12"], where["Sat"]]


# ---------------------------------------------------------------- all dates in one search


def test_count_by_targets_three_hole_lists_match_the_reference():
    # 3 x 4 board, a tetromino and a pentomino (9 cells), three one-cell holes from three lists
    board = parse_labelled_board([". . . .", ". . . .", ". . . ."])
    a = [(0, 0), (0, 1), (1, 0)]
    b = [(0, 3), (1, 3), (2, 3), (1, 1)]
    c = [(2, 0), (2, 1), (2, 2)]
    formations = ("L4", "JS")
    res, _, _ = count_by_targets(board, formations, a, b, c)
    cells = frozenset((r, col) for r in range(3) for col in range(4))
    want = {(x, y, z): ref_count(cells, formations, (x, y, z)) for x in a for y in b for z in c}
    assert sum(want.values()) > 0  # a check on this test's input
    assert res == {k: n for k, n in want.items() if n}


@pytest.mark.parametrize("name", ["tetromino", "creamakerspace"])
def test_all_dates_agrees_with_one_search_per_date(name):
    v = variants.load(name)
    dates, _, _ = date_counts(v.board, v.formations, mirror=True, shapes=v.shapes)
    assert len(dates) == 366
    for date in (dt.date(2024, 1, 1), dt.date(2024, 2, 29), dt.date(2024, 4, 30),
                 dt.date(2024, 11, 5), dt.date(2024, 12, 31)):
        assert dates[date.strftime("%m-%d")] == count_solutions(v.puzzle(date)), date


def test_all_dates_mirror_off_agrees_with_the_reference(capsys):
    out = cli_json(capsys, "variant", "jarringwords", "--all-dates", "--no-mirror")
    assert out["mirror"] is False and len(out["dates"]) == 366
    for date in (dt.date(2024, 3, 14), dt.date(2024, 6, 1), dt.date(2024, 10, 31)):
        open_cells, targets, pieces = ref_variant_puzzle("jarringwords", date)
        assert out["dates"][date.strftime("%m-%d")] == ref_count(open_cells, pieces, targets,
                                                                 mirror=False)


WEEKDAY_DOTS = """
name = "Weekday dots"
name_zh = "星期点阵"
board = '''
Jan Feb Mar Apr May Jun #
Jul Aug Sep Oct Nov Dec #
1 2 3 4 5 6 7
8 9 10 11 12 13 14
15 16 17 18 19 20 21
22 23 24 25 26 27 28
29 30 31 Sun Mon Tue Wed
# # # # Thu Fri Sat
'''
formations = [{dots}]
[shapes]
dot = "#"
"""


def test_weekday_all_dates_keys_cover_all_2562_puzzles(tmp_path, capsys):
    # 47 one-cell pieces: every month/day/weekday puzzle has exactly one solution
    path = tmp_path / "dots.toml"
    path.write_text(WEEKDAY_DOTS.replace("{dots}", ", ".join(['"dot"'] * 47)), encoding="utf-8")
    out = cli_json(capsys, "variant", "--file", str(path), "--all-dates")
    assert out["variant"] == "dots" and out["schema"] == 1
    dates = out["dates"]
    assert len(dates) == 2562 and out["total"] == 2562
    assert set(dates.values()) == {1}
    assert list(dates)[:8] == ["01-01/Sun", "01-01/Mon", "01-01/Tue", "01-01/Wed", "01-01/Thu",
                               "01-01/Fri", "01-01/Sat", "01-02/Sun"]
    assert "02-29/Thu" in dates and "02-30/Sun" not in dates


# ---------------------------------------------------------------- a variant file of one's own



def test_a_variant_file_in_a_temporary_folder_is_listed_and_solved(tmp_path, capsys):
    path = tmp_path / "chairs.toml"
    path.write_text(OWN_VARIANT, encoding="utf-8")
    listed = cli_json(capsys, "variant", "--list", "--file", str(path))
    mine = listed["variants"][-1]
    assert mine == {"name": "chairs", "title": "Chair and friends", "title_zh": "椅子日历",
                    "cells": 44, "formations": ["chair", "SLCS", "FS", "YY", "XX", "BDQX", "GX",
                                                "JS", "stick"], "mirror": False}
    add_shape("chair", "#../###/#.#")
    add_shape("stick", "#")
    board = variants.load("dragonfjord").board
    open_cells = frozenset(board.cells_of(board.open_mask)) | {(6, 3)}
    pieces = ("chair", "SLCS", "FS", "YY", "XX", "BDQX", "GX", "JS", "stick")
    targets = ((1, 2), (3, 1))  # Sep, 9
    out = cli_json(capsys, "variant", "--file", str(path), "--date", "2024-09-09", "--all")
    assert out["variant"] == "chairs" and out["mirror"] is False
    want = set(ref_solutions(open_cells, pieces, targets, mirror=False))
    assert out["count"] == len(want) > 0
    for sol in out["solutions"]:
        verify_cover(open_cells, targets, pieces, [(p["formation"], p["cells"]) for p in sol],
                     mirror=False)
    assert {canonical((p["formation"], p["cells"]) for p in s) for s in out["solutions"]} == want
    # the same file with mirroring allowed
    free = variants.load_file(path).with_mirror(True).puzzle(dt.date(2024, 9, 9))
    n_free = ref_count(open_cells, pieces, targets, mirror=True)
    assert count_solutions(free) == n_free > len(want)
    out = cli_json(capsys, "variant", "--file", str(path), "--all-dates")
    assert out["dates"]["09-09"] == len(want) and out["mirror"] is False


# ---------------------------------------------------------------- bad input: exit 2, one line


def _bad_variant(board: str | None = None, formations: str | None = None,
                 shapes: str = "") -> str:
    std = variants.load("dragonfjord").board.tokens()
    board = board if board is not None else "\n".join(std)
    formations = formations if formations is not None else \
        '["F6", "SLCS", "FS", "JQHH", "XX", "BDQX", "GX", "JS"]'
    return f'name = "x"\nboard = """\n{board}\n"""\nformations = {formations}\n{shapes}'


_STD = [
    "Jan Feb Mar Apr May Jun #", "Jul Aug Sep Oct Nov Dec #", "1 2 3 4 5 6 7",
    "8 9 10 11 12 13 14", "15 16 17 18 19 20 21", "22 23 24 25 26 27 28", "29 30 31 # # # #",
]

BAD_FILES = [
    (_bad_variant(formations='["F6", "SLCS", "FS", "JQHH", "XX", "BDQX", "GX", "JS", "Q"]'),
     "unknown formation 'Q'"),
    (_bad_variant(formations='["F6", "SLCS", "FS", "JQHH", "XX", "BDQX", "GX", "blob"]',
                  shapes='[shapes]\nblob = "##/.#/#."'), "not one connected piece"),
    (_bad_variant(formations='["F6", "SLCS", "FS", "JQHH", "XX", "BDQX", "GX", "blob"]',
                  shapes='[shapes]\nblob = "##/#"'), "ragged"),
    (_bad_variant(board="\n".join(_STD[:-1] + ["29 30 31 # # #"])), "ragged"),
    (_bad_variant(board="\n".join(_STD[:-1] + ["29 30 31 # # 5 #"])), "'5' twice"),
    (_bad_variant(board="\n".join(_STD + ["# # # # # # #"] * 3)), "at most 64"),
    (_bad_variant(board="\n".join(_STD[:-1] + ["29 30 31 . # # #"])), "the formations cover 41"),
    (_bad_variant(board="\n".join(_STD[:-1] + ["29 30 # # # # #"])), "no cell for '31'"),
    (_bad_variant(board="\n".join(_STD[:-1] + ["29 30 31 Foo # # #"])), "'Foo'"),
    (_bad_variant(board="\n".join(_STD[:-1] + ["29 30 31 Sun # # #"])), "some weekdays"),
    (_bad_variant() + "colour = 3\n", "unknown key 'colour'"),
    ("name = [", "not valid TOML"),
]


@pytest.mark.parametrize("text,message", BAD_FILES, ids=[m for _, m in BAD_FILES])
def test_a_bad_variant_file_exits_2_with_one_line_before_any_search(tmp_path, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    code = textwrap.dedent(f"""
        import sys
        from solver.cli import main
        rc = main(["variant", "--file", {str(path)!r}, "--date", "2024-01-01"])
        print(rc, "solver.kernels" in sys.modules)
    """)
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert res.stdout.split() == ["2", "False"], (res.stdout, res.stderr)
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("python -m solver: error: "), res.stderr
    assert message in lines[0] and "Traceback" not in res.stderr


def test_unknown_variant_and_bad_flags_exit_2(capsys):
    for argv, message in ((["variant", "nope", "--date", "2024-01-01"], "unknown variant 'nope'"),
                          (["variant", "weekday"], "--date"),
                          (["variant", "weekday", "--date", "2024-02-30"], "not a real date"),
                          (["variant", "weekday", "--all-dates", "--first"], "--count only"),
                          (["variant", "weekday", "--file", "x.toml", "--date", "2024-01-01"],
                           "not both")):
        rc, out, err = run_cli(capsys, *argv)
        assert rc == 2 and out == "", argv
        assert len(err.strip().splitlines()) == 1 and message in err, (argv, err)


def test_variant_params_errors_are_one_line():
    from solver.games.protocol import InvalidParamsError

    with pytest.raises(InvalidParamsError, match="unknown variant 'nope'"):
        Params.from_text("variant:nope")
    with pytest.raises(InvalidPuzzleError, match="cannot read"):
        make_puzzle(Params("variant-file:/nonexistent/v.toml"), dt.date(2024, 1, 1))


def test_variant_discovery_reads_the_assets_package():
    # through importlib.resources on the top-level assets package, as fonts are
    from importlib.resources import files

    shipped = sorted(f.name for f in (files("assets") / "variants").iterdir()
                     if f.name.endswith(".toml"))
    assert shipped == [f"{n}.toml" for n in SHIPPED]


def test_a_variant_name_that_is_a_path_is_read_as_the_file(capsys, tmp_path, monkeypatch):
    """``variant ./mycal.toml`` does what ``variant --file ./mycal.toml`` does; an unknown
    plain name says how to give a file; a missing path says it cannot be read."""
    path = tmp_path / "mycal.toml"
    from importlib.resources import files

    path.write_text((files("assets") / "variants" / "jarringwords.toml").read_text(encoding="utf-8"),
                    encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    rc, by_file, err = run_cli(capsys, "variant", "--file", "mycal.toml", "--date", "2024-01-01", "--count", "--json")
    assert rc == 0, err
    for name in ("./mycal.toml", "mycal.toml", str(path)):
        rc, out, err = run_cli(capsys, "variant", name, "--date", "2024-01-01", "--count", "--json")
        assert rc == 0, (name, err)
        got, want = json.loads(out), json.loads(by_file)
        got.pop("seconds", None), want.pop("seconds", None)
        assert got == want and got["count"] > 0, name
    rc, out, err = run_cli(capsys, "variant", "nope", "--date", "2024-01-01")
    assert rc == 2 and "unknown variant 'nope'" in err and "--file PATH" in err and "a file path" not in err
    rc, out, err = run_cli(capsys, "variant", "./missing.toml", "--date", "2024-01-01")
    assert rc == 2 and out == "" and len(err.strip().splitlines()) == 1 and "missing.toml" in err, err
