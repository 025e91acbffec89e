"""Puzzle files with their own shapes (``[shapes]``), the mirror rule, and counting by
symmetry (``solver file PATH --count`` and ``--no-symmetry``).

Expected counts come from the plain-Python exact cover of ``tests/reference.py`` and
from published figures (6 x 10 pentominoes 9,356; 8 x 8 less its centre 520; 5 x 5
with U, Z, T, L, P 8).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from solver import puzzlefile as pf
from solver.board import InvalidPuzzleError
from solver.cli import main
from solver.search import all_solutions, count_solutions, solve_by_symmetry, symmetry_group

try:
    from tests.reference import add_shape, canonical, rect_cells, ref_count, ref_solutions, \
        verify_cover
except ImportError:  # tests/ is not a package: pytest put it on sys.path
    from reference import add_shape, canonical, rect_cells, ref_count, ref_solutions, verify_cover

PUZZLES = Path(__file__).resolve().parents[1] / "assets" / "puzzles"

# 3 x 6 rectangle: a chair hexomino of the file's own, an L tetromino of the file's own
# (named "hook": the library's L4 drawn differently), T4 and O4 from the library
OWN = '''
name = "own shapes"
board = """
......
......
......
"""
formations = ["chair", "hook", "T4", "O4"]
mirror = {mirror}

[shapes]
chair = "#../###/#.#"
hook = "###/#.."
'''


@pytest.mark.parametrize("mirror", [True, False])
def test_own_shapes_and_the_mirror_rule_match_the_reference(mirror):
    puzzle = pf.loads(OWN.replace("{mirror}", str(mirror).lower()), "own.toml")
    assert puzzle.mirror is mirror
    assert [s.code for s in puzzle.shapes] == ["chair", "hook"]
    add_shape("chair", "#../###/#.#")
    add_shape("hook", "###/#..")
    pieces = ("chair", "hook", "T4", "O4")
    want = set(ref_solutions(rect_cells(3, 6), pieces, mirror=mirror))
    sols = all_solutions(puzzle)
    for sol in sols:
        verify_cover(rect_cells(3, 6), (), pieces, sol, mirror=mirror)
    assert {canonical(s) for s in sols} == want
    assert want  # a check on this test's input


def test_rotations_only_follows_each_face_up_drawing():
    add_shape("chair", "#../###/#.#")
    add_shape("hook", "###/#..")
    add_shape("hook2", "#../###")  # the other face of hook
    free = ref_count(rect_cells(3, 6), ("chair", "hook", "T4", "O4"), mirror=True)
    up = ref_count(rect_cells(3, 6), ("chair", "hook", "T4", "O4"), mirror=False)
    down = ref_count(rect_cells(3, 6), ("chair", "hook2", "T4", "O4"), mirror=False)
    assert up != free and down != free
    text = OWN.replace("{mirror}", "false")
    assert count_solutions(pf.loads(text, "a.toml")) == up
    assert count_solutions(pf.loads(text.replace('hook = "###/#.."', 'hook = "#../###"'),
                                    "b.toml")) == down
    assert count_solutions(pf.loads(OWN.replace("{mirror}", "true"), "c.toml")) == free


def test_formations_absent_uses_each_own_shape_once():
    text = '''
board = """
....
....
"""
[shapes]
bend = "###/#.."
crook = "..#/###"
'''
    puzzle = pf.loads(text, "two.toml")
    assert puzzle.formations == ("bend", "crook")
    add_shape("bend", "###/#..")
    add_shape("crook", "..#/###")
    assert count_solutions(puzzle) == ref_count(rect_cells(2, 4), ("bend", "crook")) > 0


BAD = [
    ('board = "..."\nformations = ["dot", "Q"]\n[shapes]\ndot = "#"\n', pf.UnknownFormationInFileError,
     "unknown formation 'Q'"),
    ('board = "..."\n', pf.MissingKeyError, "the key 'formations' is missing"),
    ('board = "..."\n[shapes]\nbad = "#.#"\n', pf.BadShapeError, "not one connected piece"),
    ('board = "..."\n[shapes]\nbad = "##/#"\n', pf.BadShapeError, "ragged"),
    ('board = "..."\n[shapes]\nbad = "x"\n', pf.BadShapeError, "use '#'"),
    ('board = "..."\nshapes = 3\n', pf.WrongTypeError, "'shapes' must be a table"),
    ('board = "..."\nmirror = "no"\n[shapes]\nt = "###"\n', pf.WrongTypeError,
     "'mirror' must be true or false"),
    ('board = "...."\n[shapes]\nt = "###"\n', pf.AreaMismatchError, "cover 3 cells but 4"),
]


@pytest.mark.parametrize("text,cls,words", BAD, ids=[w for _, _, w in BAD])
def test_bad_shapes_and_names_are_one_line_errors(text, cls, words):
    with pytest.raises(cls) as info:
        pf.loads(text, "bad.toml")
    msg = str(info.value)
    assert isinstance(info.value, InvalidPuzzleError)
    assert words in msg and msg.startswith("bad.toml: ") and "\n" not in msg


def _file_json(capsys, *argv: str) -> dict:
    assert main(["file", *argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("name,count", [("pentomino_5x5.toml", 8),
                                        ("pentomino_8x8_centre.toml", 520),
                                        ("pentomino_6x10.toml", 9356)])
def test_file_count_by_symmetry_and_without(capsys, name, count):
    default = _file_json(capsys, str(PUZZLES / name), "--count")
    plain = _file_json(capsys, str(PUZZLES / name), "--count", "--no-symmetry")
    assert default["count"] == plain["count"] == count
    assert default["mirror"] is True and plain["mirror"] is True


def test_symmetry_with_mirror_off_uses_rotations_only(tmp_path):
    # rotations only: the 5 x 5 square keeps its 4 rotations, not its 4 reflections
    text = (PUZZLES / "pentomino_5x5.toml").read_text(encoding="utf-8").replace(
        "[expected]", "mirror = false\n\n[expected]")
    puzzle = pf.loads(text, "5x5.toml")
    assert puzzle.mirror is False
    assert len(symmetry_group(puzzle.board, puzzle.targets, puzzle.mirror)) == 4
    want = ref_count(rect_cells(5, 5), ("SLCS", "JQHH", "SC", "XX", "JS"), mirror=False)
    assert solve_by_symmetry(puzzle)[0] == count_solutions(puzzle) == want
    path = tmp_path / "one_sided.toml"
    path.write_text(text, encoding="utf-8")
    assert main(["file", str(path), "--count", "--json"]) == 0


def test_text_output_captions_an_own_shape_once(tmp_path, capsys):
    """A file's own shape without a Chinese name is captioned by its key once ("chair",
    never "chair chair"); a library formation keeps its Chinese name and code."""
    path = tmp_path / "own.toml"
    path.write_text(OWN.replace("{mirror}", "true"), encoding="utf-8")
    assert main(["file", str(path), "--first"]) == 0
    head = capsys.readouterr().out.splitlines()[0]
    name, parts = head.split(": ", 1)
    parts = parts.split(", ")
    assert name == "own shapes" and parts[:2] == ["chair", "hook"], head
    for part, code in zip(parts[2:], ("T4", "O4")):  # a Chinese name, then the code
        zh, tail = part.split(" ")
        assert tail == code and not zh.isascii(), head
