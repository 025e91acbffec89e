"""Custom rectangles (docs/RULES.md): classic pentomino counts.

Published fixed-orientation counts (the well-known counts up to symmetry, times
the board's symmetries): 6 x 10 with the twelve pentominoes 2,339 x 4 = 9,356;
5 x 12 1,010 x 4 = 4,040; 4 x 15 368 x 4 = 1,472; 3 x 20 2 x 4 = 8; the 8 x 8
square less its centre 2 x 2 65 x 8 = 520.  Small boards are compared with the
reference solver as sets of solutions.
"""
from __future__ import annotations

import pytest

from solver.search import all_solutions, count_solutions, is_solvable, solve_first
from solver.board import Board
from solver.shapes import PENTOMINOES
from solver.model import Puzzle

try:
    from tests.reference import (PENTOMINO_CODES, canonical, rect_cells, ref_solutions,
                                 rows_to_cells, verify_cover, verify_distinct)
except ImportError:  # tests/ is not a package: pytest put it on sys.path
    from reference import (PENTOMINO_CODES, canonical, rect_cells, ref_solutions, rows_to_cells,
                           verify_cover, verify_distinct)

CENTRE_HOLE_8X8 = ["........"] * 3 + ["...##..."] * 2 + ["........"] * 3
UZTLP = ("SLCS", "JQHH", "SC", "XX", "JS")


def rect(h: int, w: int) -> Board:
    return Board.from_rows(["." * w] * h)


def test_6x10_pentominoes_9356():
    assert count_solutions(Puzzle(rect(6, 10), PENTOMINOES)) == 9356


@pytest.mark.parametrize("h,w,count", [(5, 12, 4040), (4, 15, 1472), (3, 20, 8), (20, 3, 8)])
def test_other_pentomino_rectangles(h, w, count):
    assert count_solutions(Puzzle(rect(h, w), PENTOMINOES)) == count


def test_8x8_less_centre_2x2_is_520():
    assert count_solutions(Puzzle(Board.from_rows(CENTRE_HOLE_8X8), PENTOMINOES)) == 520


def test_8x8_less_centre_first_solution_is_an_exact_cover():
    sol = solve_first(Puzzle(Board.from_rows(CENTRE_HOLE_8X8), PENTOMINOES))
    verify_cover(rows_to_cells(CENTRE_HOLE_8X8), (), PENTOMINO_CODES, sol)


def _image(solution, h, w, flip_rows, flip_cols):
    """A solution mapped by a symmetry of the h x w rectangle (canonical form)."""
    return canonical(
        (code, [((h - 1 - r) if flip_rows else r, (w - 1 - c) if flip_cols else c) for r, c in cells])
        for code, cells in canonical(solution))


def test_3x20_solutions_are_exact_covers_closed_under_symmetry():
    sols = all_solutions(Puzzle(rect(3, 20), PENTOMINOES))
    assert len(sols) == 8
    for s in sols:
        verify_cover(rect_cells(3, 20), (), PENTOMINO_CODES, s)
    verify_distinct(sols)
    # 2 solutions up to symmetry: the set maps onto itself under the rectangle's 4 symmetries
    forms = {canonical(s) for s in sols}
    for fr, fc in ((True, False), (False, True), (True, True)):
        assert {_image(s, 3, 20, fr, fc) for s in forms} == forms
    assert len({min(_image(s, 3, 20, fr, fc) for fr in (False, True) for fc in (False, True))
                for s in forms}) == 2


def test_5x5_uztlp_has_8_solutions():
    sols = all_solutions(Puzzle(rect(5, 5), UZTLP))
    assert len(sols) == 8
    for s in sols:
        verify_cover(rect_cells(5, 5), (), UZTLP, s)
    assert {canonical(s) for s in sols} == set(ref_solutions(rect_cells(5, 5), UZTLP))


def test_6x6_six_rectangles_has_2_solutions():
    # all horizontal or all vertical: a 3-wide or 3-tall strip cannot mix them
    sols = all_solutions(Puzzle(rect(6, 6), ["F6"] * 6))
    assert len(sols) == 2
    for s in sols:
        verify_cover(rect_cells(6, 6), (), ["F6"] * 6, s)
    assert {canonical(s) for s in sols} == set(ref_solutions(rect_cells(6, 6), ["F6"] * 6))


def test_repeated_formations_are_not_permuted():
    # 2 x 10 strip with four I pentominoes: exactly one tiling (rows of I), not 4! of them
    assert count_solutions(Puzzle(rect(2, 10), ["YZCS"] * 4)) == 1
    # 5 x 5 with five I: all rows or all columns
    assert count_solutions(Puzzle(rect(5, 5), ["YZCS"] * 5)) == 2


def test_unsolvable_board_gives_zero_and_none():
    puzzle = Puzzle(rect(5, 5), ["TM"] * 5)  # an X can never cover a corner
    assert count_solutions(puzzle) == 0
    assert solve_first(puzzle) is None
    assert all_solutions(puzzle) == []
    assert not is_solvable(puzzle)


def test_solutions_are_in_the_board_orientation():
    # a wide board is searched transposed inside the API; answers must come back untransposed
    board = Board.from_rows(["..........", "..........", "#.........", "........##", ".........."])
    open_cells = rows_to_cells(board.rows())
    assert len(open_cells) == 47
    formations = ("F6", "YZCS", "TM", "XX", "JS", "SC", "HY", "YY", "BDQX")
    assert sum(6 if f == "F6" else 5 for f in formations) == 46
    targets = ((0, 0),)
    sols = all_solutions(Puzzle(board, formations, targets), limit=50)
    assert sols, "expected at least one solution"
    for s in sols:
        verify_cover(open_cells, targets, formations, s)
