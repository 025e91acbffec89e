"""An independent exact-cover checker for the drill and puzzle-file tests.

Nothing here imports :mod:`solver`: the thirteen shapes are typed in again from
the formation table of ``docs/RULES.md``, and their orientations come from this file's own
rotate / reflect code. :func:`verify_solution` asserts that a solution covers
every open non-target cell exactly once, uses each formation of the multiset once,
and places each piece in a true orientation of its shape. The tests below check
this checker itself against the orientation counts of docs/RULES.md and against hand-made bad
solutions.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Iterable

import pytest

Cell = tuple[int, int]

SHAPES: dict[str, tuple[str, int]] = {
    # code: (drawing, "orientations" column of docs/RULES.md)
    "F6": ("###/###", 2),
    "BDQX": ("#./##/.#/.#", 8),
    "FS": ("###/#../#..", 4),
    "SLCS": ("##/#./##", 4),
    "JQHH": (".##/.#./##.", 4),
    "JS": ("#./##/##", 8),
    "XX": ("####/#...", 8),
    "GX": ("#./#./##/#.", 8),
    "YZCS": ("#####", 2),
    "SC": ("###/.#./.#.", 4),
    "TM": (".#./###/.#.", 1),
    "HY": (".#./.##/##.", 8),
    "YY": (".##/##./#..", 4),
}


def _shift(cells: Iterable[Cell]) -> frozenset[Cell]:
    cells = list(cells)
    r0 = min(r for r, _ in cells)
    c0 = min(c for _, c in cells)
    return frozenset((r - r0, c - c0) for r, c in cells)


@lru_cache(maxsize=None)
def my_orientations(code: str) -> frozenset[frozenset[Cell]]:
    """All rotations (quarter turns (r, c) -> (c, -r)) of the shape and of its mirror
    image ((r, c) -> (r, -c)), each translated to touch row 0 and column 0."""
    rows = SHAPES[code][0].split("/")
    base = [(r, c) for r, row in enumerate(rows) for c, ch in enumerate(row) if ch == "#"]
    out = set()
    for cells in (base, [(r, -c) for r, c in base]):
        for _ in range(4):
            cells = [(c, -r) for r, c in cells]
            out.add(_shift(cells))
    return frozenset(out)


def verify_solution(open_cells: Iterable[Cell], targets: Iterable[Cell],
                    formations: Iterable[str], solution: Iterable) -> None:
    """Assert that ``solution`` (placements with ``.formation``/``.cells``, or
    ``(code, cells)`` pairs) is an exact cover of the open non-target cells by the
    multiset ``formations``, each piece a true orientation of its drawn shape."""
    open_cells = {tuple(c) for c in open_cells}
    targets = {tuple(c) for c in targets}
    seen: Counter = Counter()
    used: Counter = Counter()
    for piece in solution:
        code, cells = (piece.formation, piece.cells) if hasattr(piece, "formation") else piece
        cells = [tuple(c) for c in cells]
        assert code in SHAPES, f"unknown formation {code!r}"
        assert _shift(cells) in my_orientations(code), f"{code} {cells}: not an orientation"
        assert len(set(cells)) == len(cells), f"{code} {cells}: repeated cell"
        for cell in cells:
            assert cell in open_cells, f"{code} covers {cell}: blocked or off the board"
            assert cell not in targets, f"{code} covers the target {cell}"
            seen[cell] += 1
        used[code] += 1
    assert all(n == 1 for n in seen.values()), "a cell is covered twice"
    assert set(seen) == open_cells - targets, "a cell is left uncovered"
    assert used == Counter(formations), f"formations used {dict(used)}"


def open_cells_of(rows: Iterable[str]) -> set[Cell]:
    """Open cells of an ASCII board (``.`` open, anything else blocked)."""
    return {(r, c) for r, row in enumerate(rows) for c, ch in enumerate(row) if ch == "."}


@pytest.mark.parametrize("code", sorted(SHAPES))
def test_my_orientation_counts_match_spec(code):
    assert len(my_orientations(code)) == SHAPES[code][1]


def test_checker_accepts_a_hand_tiling_and_rejects_bad_ones():
    board = [".....", "....."]  # 2 x 5: two I pentominoes
    i1 = ("YZCS", [(0, c) for c in range(5)])
    i2 = ("YZCS", [(1, c) for c in range(5)])
    verify_solution(open_cells_of(board), (), ["YZCS", "YZCS"], [i1, i2])
    with pytest.raises(AssertionError):  # a cell left uncovered
        verify_solution(open_cells_of(board), (), ["YZCS"], [i1])
    with pytest.raises(AssertionError):  # wrong multiset
        verify_solution(open_cells_of(board), (), ["YZCS", "XX"], [i1, i2])
    with pytest.raises(AssertionError):  # not a true orientation (a bent line)
        verify_solution(open_cells_of(board), (), ["YZCS", "YZCS"],
                        [("YZCS", [(0, 0), (0, 1), (0, 2), (0, 3), (1, 4)]), i2])
    with pytest.raises(AssertionError):  # covers a target
        verify_solution(open_cells_of(board), [(0, 0)], ["YZCS", "YZCS"], [i1, i2])
