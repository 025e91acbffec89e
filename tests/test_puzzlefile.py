"""Custom puzzle files (docs/RULES.md, mode 3; section 6, ``file``).

The examples under ``assets/puzzles/`` are checked against published counts:
5 x 5 with U, Z, T, L, P (8 tilings, 1 up to symmetry); 6 x 6 with six 2 x 3
rectangles (2 tilings); 6 x 10 with the twelve pentominoes (9,356; 2,339 up to
symmetry, Haselgrove 1960); 8 x 8 less the centre 2 x 2 (520; 65 up to symmetry,
Scott 1958); the calendar's May 1 with the Classic set (57, docs/RULES.md).
Every solution is checked by the independent checker in ``test_puzzlefile_cover``.
"""
from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest

from solver.search import Search, count_solutions
from solver.board import InvalidPuzzleError
from solver.model import Puzzle
from solver import puzzlefile as pf
from solver.search import count_up_to_symmetry, symmetry_group, unique_solutions

try:
    from tests.test_puzzlefile_cover import open_cells_of, verify_solution
except ImportError:  # pytest's rootdir-relative import mode
    from test_puzzlefile_cover import open_cells_of, verify_solution

ROOT = Path(__file__).resolve().parents[1]
PUZZLES = ROOT / "assets" / "puzzles"

PUBLISHED = {
    # file: (tilings, up to symmetry or None, size of the board's symmetry group)
    "pentomino_5x5.toml": (8, 1, 8),
    "rectangles_6x6.toml": (2, 1, 8),
    "pentomino_6x10.toml": (9356, 2339, 4),
    "pentomino_8x8_centre.toml": (520, 65, 8),
    "calendar_may_1.toml": (57, None, 1),
}


def _solve_all(puzzle):
    s = Search(puzzle, store=None)
    s.run()
    return s.count, s.solutions()


def test_every_shipped_example_is_listed_here():
    assert sorted(p.name for p in PUZZLES.glob("*.toml")) == sorted(PUBLISHED)


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_example_matches_published_counts(name):
    count, unique, group = PUBLISHED[name]
    puzzle, expected = pf.load_with_expected(PUZZLES / name)
    n, sols = _solve_all(puzzle)
    assert n == count == len(sols)
    assert expected["solutions"] == count  # the file's own [expected] table agrees
    assert len(symmetry_group(puzzle.board, puzzle.targets)) == group
    if unique is not None:
        assert expected["up_to_symmetry"] == unique
        assert count_up_to_symmetry(puzzle, sols) == unique
    cells = open_cells_of(puzzle.board.rows())
    for sol in sols:
        verify_solution(cells, puzzle.targets, puzzle.formations, sol)
    assert len({tuple(sorted(sol)) for sol in sols}) == count  # all distinct


def test_all_120_orders_of_the_5x5_set_give_8():
    """docs/RULES.md: the prototype's answer depended on the order of the formations."""
    base = pf.load(PUZZLES / "pentomino_5x5.toml")
    counts = {count_solutions(Puzzle(base.board, order, base.targets))
              for order in itertools.permutations(base.formations)}
    assert counts == {8}
    assert len(list(itertools.permutations(base.formations))) == 120


def test_symmetry_classes_partition_the_solutions():
    puzzle = pf.load(PUZZLES / "pentomino_5x5.toml")
    _, sols = _solve_all(puzzle)
    reps = unique_solutions(puzzle, sols)
    assert len(reps) == 1 and reps[0] == sols[0]  # first met, unchanged (board orientation)


def test_names_codes_and_letters_mean_the_same_formation():
    art = 'board = """\n.....\n.....\n.....\n.....\n.....\n"""\n'
    by_code = pf.loads(art + 'formations = ["SLCS", "JQHH", "SC", "XX", "JS"]')
    by_letter = pf.loads(art + 'formations = ["u", "Z", "T", "L", "P"]')
    by_name = pf.loads(art + 'formations = ["双龙出水阵", "九曲黄河阵", "三才阵", "玄襄阵", "金锁阵"]')
    assert by_code.formations == by_letter.formations == by_name.formations


def test_board_as_a_list_with_spaces_and_targets_in_two_ways():
    text = """
name = "list board"
board = [". . . . .", ". . . . .", "* . . . ."]
formations = ["I", "一字长蛇阵"]
targets = [[2, 1], [2, 2], [2, 3], [2, 4]]
"""
    puzzle = pf.loads(text)
    assert puzzle.name == "list board"
    assert puzzle.board.rows() == ["....."] * 3
    assert puzzle.targets == ((2, 0), (2, 1), (2, 2), (2, 3), (2, 4))
    n, sols = _solve_all(puzzle)
    assert n == 1
    verify_solution(open_cells_of(puzzle.board.rows()), puzzle.targets, ["YZCS"] * 2, sols[0])


# ---------------------------------------------------------------- bad files

GOOD_BOARD = 'board = """\n.....\n.....\n.....\n.....\n.....\n"""\n'
GOOD_SET = 'formations = ["U", "Z", "T", "L", "P"]\n'

BAD = [
    # (text, error class, words the one-line message must contain)
    (GOOD_BOARD + 'formations = ["U", "Z", "T", "L", "Q"]', pf.UnknownFormationInFileError,
     "unknown formation 'Q'"),
    ('board = """\n.....\n....\n.....\n"""\n' + GOOD_SET, pf.BoardDrawingError,
     "ragged: row 2 has 4 cells but row 1 has 5"),
    ('board = """\n' + "\n".join(["." * 9] * 8) + '\n"""\n' + GOOD_SET, pf.BoardDrawingError,
     "72 cells (8 x 9); at most 64"),
    ('board = """\n..x..\n"""\n' + GOOD_SET, pf.BoardDrawingError, "use '.' (open) or '#'"),
    ('board = """\n\n"""\n' + GOOD_SET, pf.BoardDrawingError, "empty"),
    ('board = """\n.....\n.....\n.....\n.....\n....#\n"""\n' + GOOD_SET, pf.AreaMismatchError,
     "the formations cover 25 cells but 24 are open: no solution is possible"),
    (GOOD_BOARD + GOOD_SET + "targets = [[5, 0]]", pf.TargetError, "off the 5 x 5 board"),
    (GOOD_BOARD + GOOD_SET + "targets = [[0, -1]]", pf.TargetError, "off the 5 x 5 board"),
    ('board = """\n#....\n.....\n.....\n.....\n.....\n"""\n' + GOOD_SET + "targets = [[0, 0]]",
     pf.TargetError, "(0, 0) is a blocked cell"),
    (GOOD_BOARD + GOOD_SET + "targets = [[0, 0], [0, 0]]", pf.TargetError, "given twice"),
    (GOOD_BOARD + 'formations = ["U", "Z"', pf.MalformedFileError, "not valid TOML"),
    ('board = """\n.....\n', pf.MalformedFileError, "not valid TOML"),
    (GOOD_SET, pf.MissingKeyError, "the key 'board' is missing"),
    (GOOD_BOARD, pf.MissingKeyError, "the key 'formations' is missing"),
    (GOOD_BOARD + GOOD_SET + "formation = 3", pf.UnknownKeyError, "unknown key 'formation'"),
    (GOOD_BOARD + 'formations = "U"', pf.WrongTypeError, "'formations' must be a list"),
    (GOOD_BOARD + "formations = []", pf.WrongTypeError, "'formations' is empty"),
    (GOOD_BOARD + 'formations = ["U", 5]', pf.WrongTypeError, "formation 2 must be a string"),
    ("board = 7\n" + GOOD_SET, pf.WrongTypeError, "'board' must be a multi-line string"),
    (GOOD_BOARD + GOOD_SET + "targets = [0, 0]", pf.WrongTypeError, "[row, col] pairs"),
    (GOOD_BOARD + GOOD_SET + 'targets = [["a", 1]]', pf.WrongTypeError, "[row, col] pairs"),
    (GOOD_BOARD + GOOD_SET + "name = 3", pf.WrongTypeError, "'name' must be a string"),
    (GOOD_BOARD + GOOD_SET + "[expected]\ntilings = 8", pf.UnknownKeyError,
     "unknown key 'expected.tilings'"),
]


@pytest.mark.parametrize("text, cls, words", BAD, ids=[w[:30] for _, _, w in BAD])
def test_bad_file_gives_one_clear_line(text, cls, words):
    with pytest.raises(cls) as info:
        pf.loads(text, "bad.toml")
    msg = str(info.value)
    assert isinstance(info.value, InvalidPuzzleError)
    assert words in msg
    assert msg.startswith("bad.toml: ")
    assert "\n" not in msg


def test_deeply_nested_toml_is_a_one_line_error_not_a_crash():
    with pytest.raises(pf.MalformedFileError, match="nested too deeply"):
        pf.loads("x = " + "[" * 5000 + "]" * 5000, "deep.toml")


def test_unreadable_and_non_utf8_files(tmp_path):
    with pytest.raises(pf.MalformedFileError, match="cannot read the file"):
        pf.load(tmp_path / "missing.toml")
    p = tmp_path / "latin1.toml"
    p.write_bytes(b'name = "caf\xe9"\n')
    with pytest.raises(pf.MalformedFileError, match="not UTF-8"):
        pf.load(p)


# ---------------------------------------------------------------- command line


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "solver", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=600)


def test_cli_file_json_first_unique():
    r = _cli("file", str(PUZZLES / "pentomino_5x5.toml"), "--all", "--json", "--unique")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["mode"] == "file" and out["count"] == 8 and out["unique"] == 1
    assert out["symmetries"] == 8 and len(out["solutions"]) == 1
    assert out["formations"] == ["SLCS", "JQHH", "SC", "XX", "JS"]
    assert out["board"] == ["....."] * 5 and out["seconds"] >= 0
    sol = [(p["formation"], p["cells"]) for p in out["solutions"][0]]
    verify_solution(open_cells_of(out["board"]), (), out["formations"], sol)


def test_cli_file_all_lists_every_solution():
    r = _cli("file", str(PUZZLES / "rectangles_6x6.toml"), "--all", "--json")
    out = json.loads(r.stdout)
    assert out["count"] == 2 and len(out["solutions"]) == 2
    for s in out["solutions"]:
        verify_solution(open_cells_of(out["board"]), (), ["F6"] * 6,
                        [(p["formation"], p["cells"]) for p in s])


def test_cli_file_text_output():
    r = _cli("file", str(PUZZLES / "pentomino_5x5.toml"), "--first")
    assert r.returncode == 0 and "8 solution(s)" in r.stdout and "solution 1:" in r.stdout


@pytest.mark.parametrize("text, words", [
    (GOOD_BOARD + 'formations = ["U", "Z", "T", "L", "Q"]', "unknown formation 'Q'"),
    ('board = """\n.....\n.....\n.....\n.....\n....#\n"""\n' + GOOD_SET,
     "the formations cover 25 cells but 24 are open: no solution is possible"),
    ("this is = not toml =", "not valid TOML"),
])
def test_cli_bad_file_exit_2_one_line(tmp_path, text, words):
    p = tmp_path / "bad.toml"
    p.write_text(text, encoding="utf-8")
    r = _cli("file", str(p), "--json")
    assert r.returncode == 2
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0] and "Traceback" not in r.stderr


def test_cli_missing_file_exit_2(tmp_path):
    r = _cli("file", str(tmp_path / "nope.toml"))
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1
