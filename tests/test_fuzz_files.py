"""Random puzzle files: a puzzle or a clean one-line error, never a crash (hypothesis).

Three sources of files, over 1,000 per run (``derandomize=True``: the same files
every run):

* structured files: every key of the format with random values -- boards of any
  size (huge ones too) drawn with ``.#*``, spaces and stray characters, as a string
  or a list; formation names that are codes, Chinese names, letters, garbage or
  not strings at all; targets of every wrong shape; unknown keys; ``[expected]``;
* mutations of the shipped example files (cut, pasted, duplicated, garbled);
* raw text and raw bytes (not UTF-8), written to disk and read with ``load``.

The property: :func:`solver.puzzlefile.loads` returns a puzzle that passes
``validate`` (at most 64 cells, the formations' area equals the cells to cover),
or raises :class:`~solver.puzzlefile.PuzzleFileError` with a non-empty one-line
message; any other exception fails.  Every puzzle that loads is also opened in
the game's :class:`~game.polyomino.scene.PolyominoScene` and drawn once, headless.
"""
from __future__ import annotations

import glob
import json
import os
import random

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import datetime as dt  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402
from conftest import FUZZ_SCALE  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from solver import puzzlefile  # noqa: E402
from solver.board import MAX_CELLS  # noqa: E402
from solver.shapes import FORMATIONS  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLES = sorted(glob.glob(os.path.join(ROOT, "assets", "puzzles", "*.toml")))
EXAMPLE_TEXTS = [open(p, encoding="utf-8").read() for p in EXAMPLES]
SETTINGS = dict(deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))

NAMES = ([f.code for f in FORMATIONS.values()] + [f.name_zh for f in FORMATIONS.values()]
         + [f.letter for f in FORMATIONS.values()] + ["o", "n ", " 方阵", "Q", "", "pentomino", "F7", "阵"])


def toml_value(v) -> str:
    """A TOML literal for ``v`` (strings as JSON strings, which TOML mostly accepts)."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v) if not isinstance(v, float) or v == v and abs(v) != float("inf") else "nan"
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{json.dumps(str(k))} = {toml_value(x)}" for k, x in v.items()) + "}"
    raise TypeError(type(v))


def to_toml(table: dict) -> str:
    """A TOML document for a flat table; a multi-line board string is written as ``\"\"\"``."""
    lines = []
    for k, v in table.items():
        if k == "board" and isinstance(v, str) and "\n" in v and '"""' not in v and "\\" not in v:
            lines.append(f'board = """\n{v}\n"""')
        else:
            lines.append(f"{k} = {toml_value(v)}")
    return "\n".join(lines) + "\n"


def random_board(rng: random.Random):
    """A board drawing: random size (up to 9 x 9, one in ten far beyond 64 cells), mostly ``.#*``;
    sometimes ragged, sometimes not a drawing at all (a number, a list of numbers)."""
    big = rng.randrange(10) == 0
    h = rng.randint(1, 120 if big else 9)
    w = rng.randint(1, 120 if big else 9)
    alphabet = rng.choice([".", ".", ".", "....#", "....#", "....#*", "......#*", ".# *", ".#*x\t", "．#"])
    rows = ["".join(rng.choice(alphabet) for _ in range(w)) if not big else rng.choice(alphabet) * w
            for _ in range(h)]
    if rng.randrange(16) == 0:  # a ragged row
        rows[rng.randrange(h)] += "."
    form = rng.randrange(12)
    if form == 0:
        return rng.choice([7, 1.5, True, "", [1, 2], [".", 3], {"a": 1}])
    return rows if form < 5 else "\n".join(rows)


def random_formations(rng: random.Random, area: int):
    """Formation names: usually a list whose area equals ``area`` (5 x pentominoes + 6 x 方阵)
    when that is possible, else near it; sometimes junk names or not a list."""
    kind = rng.randrange(10)
    if kind == 0:
        return rng.choice(["U", 5, True, {"U": 1}, 2.5])
    if kind == 1:
        return rng.choice([[], [1, 2], ["U", None and 0 or 3], [["U"]]])
    n6 = next((k for k in range(5) if area - 6 * k >= 0 and (area - 6 * k) % 5 == 0), rng.randrange(3))
    n5 = max(0, min(14, (area - 6 * n6) // 5))
    if kind == 2:
        n5 += rng.choice([-1, 1])
    names = [rng.choice(NAMES[:39]) for _ in range(max(0, n5))] + [rng.choice(["F6", "方阵", "o"])] * n6
    if kind == 3 and names:
        names[rng.randrange(len(names))] = rng.choice(NAMES)
    return names


def random_table(rng: random.Random) -> dict:
    """A whole puzzle table: board, formations, targets and optional (or misspelt) keys."""
    board = random_board(rng)
    if isinstance(board, list):
        area = sum(r.count(".") for r in board if isinstance(r, str))
    else:
        area = board.count(".") if isinstance(board, str) else 0
    table: dict = {}
    if rng.randrange(20):
        table["board"] = board
    if rng.randrange(20):
        table["formations"] = random_formations(rng, area)
    k = rng.randrange(8)
    if k == 0:
        table["targets"] = [[rng.randint(-2, 10), rng.randint(-2, 10)] for _ in range(rng.randrange(3))]
    elif k == 1:
        table["targets"] = rng.choice([[[0]], [[0, 0, 0]], [["0", 0]], [[True, 0]], [0, 0], "0,0", [[1.0, 2]]])
    if rng.randrange(2):
        table["name"] = rng.choice(["x", "", "名字", "x", "", "名字", 3, ["a"], "a\u0007b", "\u202e"])
    if rng.randrange(4) == 0:
        table["description"] = rng.choice(["d", "", "长", "d", "", "长", 1, []])
    if rng.randrange(5) == 0:
        table["expected"] = rng.choice([{"solutions": 8}, {"up_to_symmetry": 1, "solutions": 2},
                                        {"solutions": -1}, {"solutions": True}, {"solution": 1}, 3, {}])
    if rng.randrange(25) == 0:
        table[rng.choice(["bord", "formation", "Board", "target"])] = 1
    keys = list(table)
    rng.shuffle(keys)
    return {key: table[key] for key in keys}


@st.composite
def mutated_examples(draw):
    """A shipped example file with 1-3 random edits (delete, insert, duplicate, replace)."""
    text = draw(st.sampled_from(EXAMPLE_TEXTS))
    for _ in range(draw(st.integers(1, 3))):
        n = len(text)
        i = draw(st.integers(0, n))
        j = draw(st.integers(i, min(n, i + 40)))
        op = draw(st.integers(0, 3))
        if op == 0:
            text = text[:i] + text[j:]
        elif op == 1:
            text = text[:i] + draw(st.text(alphabet='.#*[]{}="\n 01-,UFL方阵abc\\\'', max_size=12)) + text[i:]
        elif op == 2:
            text = text[:j] + text[i:j] + text[j:]
        else:
            text = text[:i] + draw(st.sampled_from(['"""', "[", "]", "\n", "#", "=", "'", "99", "-1"])) + text[j:]
    return text


def check_text(text: str, fuzz_counts: dict, scene_check) -> None:
    """The property: a valid puzzle (then drawn in a scene) or a one-line PuzzleFileError."""
    fuzz_counts["files"] += 1
    try:
        p = puzzlefile.loads(text, "fuzz.toml")
    except puzzlefile.PuzzleFileError as e:
        msg = str(e)
        assert msg and "\n" not in msg and "\r" not in msg, repr(msg)
        return
    p.validate()
    assert p.board.n_cells <= MAX_CELLS
    assert p.area == bin(p.cover_mask).count("1")
    scene_check(p)


@pytest.fixture(scope="module")
def scene_check():
    """A function that opens a puzzle in the game's polyomino scene and draws one frame."""
    pygame.display.init()
    pygame.font.init()
    from game.polyomino.round import file_mode
    from game.polyomino.scene import PolyominoScene
    from game.scene import Context
    from game.widgets.text import Fonts

    fonts = Fonts()
    seen: set = set()
    surface = pygame.Surface((640, 480))

    def check(p) -> None:
        if p in seen:  # mutations often give the same puzzle again: draw each once
            return
        seen.add(p)
        scene = PolyominoScene(Context(lang="en", fonts=fonts, date=dt.date(2024, 5, 1)), file_mode("fuzz.toml"), p)
        scene.resize(surface.get_size())
        scene.draw(surface)
        scene.ctx.lang = "zh"
        scene.draw(surface)

    return check


@settings(max_examples=700 * FUZZ_SCALE, **SETTINGS)
@given(seed=st.integers(0, 2**32 - 1))
def test_structured_files_load_or_fail_cleanly(seed, fuzz_counts, scene_check):
    check_text(to_toml(random_table(random.Random(seed))), fuzz_counts, scene_check)


@settings(max_examples=250 * FUZZ_SCALE, **SETTINGS)
@given(text=mutated_examples())
def test_mutated_examples_load_or_fail_cleanly(text, fuzz_counts, scene_check):
    check_text(text, fuzz_counts, scene_check)


@settings(max_examples=150 * FUZZ_SCALE, **SETTINGS)
@given(data=st.one_of(st.binary(max_size=200), st.text(max_size=200).map(lambda s: s.encode("utf-8")),
                      st.integers(1, 3000).map(lambda n: b"a = " + b"[" * n),
                      st.integers(1, 3000).map(lambda n: b"a = " + b"{b=" * n)))
def test_raw_bytes_files_load_or_fail_cleanly(data, tmp_path_factory, fuzz_counts, scene_check):
    path = tmp_path_factory.mktemp("raw") / "raw.toml"
    path.write_bytes(data)
    fuzz_counts["files"] += 1
    try:
        p = puzzlefile.load(path)
    except puzzlefile.PuzzleFileError as e:
        assert str(e) and "\n" not in str(e)
        return
    p.validate()
    scene_check(p)


def test_structured_strategy_makes_valid_puzzles_too(fuzz_counts, scene_check):
    """Guard for the fuzzers above: a hand-made table in the same format does load."""
    table = {"board": "\n".join(["....."] * 5), "formations": ["U", "Z", "T", "L", "P"]}
    check_text(to_toml(table), fuzz_counts, scene_check)
    table = {"board": ["..*.."] + ["....."] * 4, "formations": ["I"] * 4 + ["L"], "targets": [], "name": "x"}
    with pytest.raises(puzzlefile.AreaMismatchError):
        puzzlefile.loads(to_toml(table))  # 24 cells to cover, the formations have 25
