"""Partial positions (docs/RULES.md): fixed pieces, hints, dead positions, bad input.

Expected answers come from the reference solver (``tests/reference.py``) or from
positions built by hand (a piece that cuts a single cell off in a corner).
"""
from __future__ import annotations

import datetime as dt

import pytest

from solver.search import (Search, all_solutions, count_solutions, explain_dead, hint, is_solvable,
                        solve_first)
from solver.board import Board, InvalidPuzzleError, classic_board, date_targets
from solver.shapes import CLASSIC_SET, UnknownShapeError
from solver.model import IllegalPlacementError, Placement, Puzzle

try:
    from tests.reference import (CLASSIC_CODES, canonical, classic_open_cells, is_orientation,
                                 rect_cells, ref_count, ref_solvable, ref_solutions, verify_cover)
except ImportError:  # tests/ is not a package: pytest put it on sys.path
    from reference import (CLASSIC_CODES, canonical, classic_open_cells, is_orientation, rect_cells,
                           ref_count, ref_solvable, ref_solutions, verify_cover)

MAY_1 = ((0, 4), (2, 0))  # docs/RULES.md: May at row 0 col 4, day 1 at row 2 col 0
UZTLP = ("SLCS", "JQHH", "SC", "XX", "JS")
# A P pentomino (".##/###") that cuts Jan (0, 0) off from the rest of the board.
P_ISOLATING_JAN = Placement.make("JS", [(0, 1), (0, 2), (1, 0), (1, 1), (1, 2)])


def may1() -> Puzzle:
    return Puzzle(classic_board(), CLASSIC_SET, date_targets(dt.date(2024, 5, 1)))


def rect5() -> Puzzle:
    return Puzzle(Board.from_rows(["....."] * 5), UZTLP)


@pytest.fixture(scope="module")
def may1_reference():
    """All 57 May 1 solutions from the reference solver (canonical form)."""
    sols = list(ref_solutions(classic_open_cells(), CLASSIC_CODES, MAY_1))
    assert len(sols) == 57
    return sols


def as_placements(canon) -> list[Placement]:
    return [Placement.make(code, cells) for code, cells in canon]


# ---------------------------------------------------------------- fixed pieces


def test_may1_targets_are_the_reference_cells():
    assert tuple(may1().targets) == MAY_1


@pytest.mark.parametrize("pick", [(0,), (2, 5), (1, 3, 6)])
def test_fixed_pieces_stay_in_every_solution(may1_reference, pick):
    base = as_placements(may1_reference[len(may1_reference) // 2])
    fixed = [base[i] for i in pick]
    sols = all_solutions(may1(), fixed)
    want = {canonical(s) for s in ref_solutions(classic_open_cells(), CLASSIC_CODES, MAY_1, fixed)}
    assert {canonical(s) for s in sols} == want
    assert len(sols) == count_solutions(may1(), fixed) == len(want) >= 1
    for s in sols:
        assert list(s[:len(fixed)]) == fixed, "fixed pieces must come first, unchanged"
        verify_cover(classic_open_cells(), MAY_1, CLASSIC_CODES, s)


def test_fixed_order_does_not_change_the_count(may1_reference):
    base = as_placements(may1_reference[3])
    fixed = base[:3]
    assert count_solutions(may1(), fixed) == count_solutions(may1(), fixed[::-1])


def test_fixed_full_solution_is_the_only_solution(may1_reference):
    full = as_placements(may1_reference[0])
    assert count_solutions(may1(), full) == 1
    assert canonical(solve_first(may1(), full)) == canonical(full)
    assert [canonical(s) for s in all_solutions(may1(), full)] == [canonical(full)]
    assert hint(may1(), full) is None


# ---------------------------------------------------------------- hints


def _empty_cells(open_cells, targets, placed):
    covered = {c for p in placed for c in p.cells}
    return sorted(set(open_cells) - set(targets) - covered)


@pytest.mark.parametrize("n_fixed", [0, 1, 2, 3])
def test_hint_keeps_a_small_position_solvable(n_fixed):
    puzzle = rect5()
    sol0 = next(ref_solutions(rect_cells(5, 5), UZTLP))
    fixed = as_placements(sol0)[:n_fixed]
    h = hint(puzzle, fixed)
    assert h is not None
    assert is_orientation(h.formation, h.cells)
    assert not set(h.cells) & {c for p in fixed for c in p.cells}
    assert is_solvable(puzzle, fixed + [h])
    assert ref_solvable(rect_cells(5, 5), UZTLP, (), fixed + [h])
    # documented: the hint covers the lowest empty cell in reading order
    assert _empty_cells(rect_cells(5, 5), (), fixed)[0] in h.cells


def test_repeated_hints_complete_the_classic_board():
    puzzle = may1()
    placed: list[Placement] = []
    for _ in range(len(CLASSIC_SET)):
        h = hint(puzzle, placed)
        assert h is not None
        placed.append(h)
        assert ref_solvable(classic_open_cells(), CLASSIC_CODES, MAY_1, placed)
    verify_cover(classic_open_cells(), MAY_1, CLASSIC_CODES, placed)
    assert hint(puzzle, placed) is None


def test_hint_on_a_dead_position_is_none():
    assert hint(may1(), [P_ISOLATING_JAN]) is None
    assert not is_solvable(may1(), [P_ISOLATING_JAN])
    assert solve_first(may1(), [P_ISOLATING_JAN]) is None


# ---------------------------------------------------------------- dead positions


def test_isolating_piece_is_a_true_orientation_and_reference_dead():
    assert is_orientation("JS", P_ISOLATING_JAN.cells)
    assert not ref_solvable(classic_open_cells(), CLASSIC_CODES, MAY_1, [P_ISOLATING_JAN])


def test_explain_dead_names_the_isolating_piece(may1_reference):
    # a harmless piece from a real solution that avoids the P's cells and is not a P
    harmless = next(pl for sol in may1_reference for pl in as_placements(sol)
                    if pl.formation != "JS" and not set(pl.cells) & set(P_ISOLATING_JAN.cells))
    assert ref_solvable(classic_open_cells(), CLASSIC_CODES, MAY_1, [harmless])
    assert explain_dead(may1(), [P_ISOLATING_JAN]) == (0,)
    assert explain_dead(may1(), [harmless, P_ISOLATING_JAN]) == (1,)
    assert explain_dead(may1(), [P_ISOLATING_JAN, harmless]) == (0,)


def test_explain_dead_on_a_live_position_is_empty(may1_reference):
    fixed = as_placements(may1_reference[10])[:2]
    assert explain_dead(may1(), fixed) == ()


def test_explain_dead_when_even_the_empty_board_fails():
    puzzle = Puzzle(Board.from_rows(["....."] * 5), ["TM"] * 5)
    assert ref_count(rect_cells(5, 5), ["TM"] * 5) == 0
    assert explain_dead(puzzle, []) is None


def test_explain_dead_small_board_agrees_with_reference():
    # 5 x 5, the same P cuts the top-left cell off: dead for the reference too
    assert not ref_solvable(rect_cells(5, 5), UZTLP, (), [P_ISOLATING_JAN])
    assert explain_dead(rect5(), [P_ISOLATING_JAN]) == (0,)
    # a U next to it that fits some solution: only the P is to blame
    for sol in ref_solutions(rect_cells(5, 5), UZTLP):
        u = next(Placement.make(c, cells) for c, cells in sol if c == "SLCS")
        if not set(u.cells) & set(P_ISOLATING_JAN.cells) and (0, 0) not in u.cells:
            break
    else:
        pytest.skip("no 5 x 5 solution has a U clear of the P")
    assert explain_dead(rect5(), [u, P_ISOLATING_JAN]) == (1,)


# ---------------------------------------------------------------- illegal placements


@pytest.mark.parametrize("cells,formation,why", [
    ([(6, 0), (6, 1), (6, 2), (7, 0), (7, 1), (7, 2)], "F6", "off the board"),
    ([(0, 5), (0, 6), (1, 5), (1, 6), (2, 5), (2, 6)], "F6", "on a blocked cell"),
    ([(0, 3), (0, 4), (1, 3), (1, 4), (2, 3), (2, 4)], "F6", "on the month target"),
    ([(2, 0), (2, 1), (2, 2), (3, 0), (3, 1), (3, 2)], "F6", "on the day target"),
    ([(3, 0), (3, 1), (3, 2), (3, 3), (4, 3)], "JS", "not a P (it is an L)"),
    ([(3, 0), (3, 1), (3, 2), (3, 3), (3, 4)], "YZCS", "I is not in the Classic set"),
    ([(3, 0), (3, 1), (3, 2), (3, 3), (3, 4)], "NOPE", "unknown formation"),
    ([(3, 0), (3, 1), (3, 2), (3, 3), (3, 3)], "XX", "repeated cell"),
])
def test_illegal_fixed_placement_raises(cells, formation, why):
    pl = Placement(formation, tuple(sorted(cells)))
    with pytest.raises(IllegalPlacementError):
        Search(may1(), [pl])
    with pytest.raises(IllegalPlacementError):
        count_solutions(may1(), [pl])


def test_overlapping_fixed_pieces_raise():
    a = Placement.make("F6", [(3, 0), (3, 1), (3, 2), (4, 0), (4, 1), (4, 2)])
    b = Placement.make("XX", [(4, 2), (4, 3), (4, 4), (4, 5), (3, 5)])
    assert is_orientation("XX", b.cells)
    with pytest.raises(IllegalPlacementError):
        solve_first(may1(), [a, b])


def test_the_same_fixed_piece_twice_raises():
    a = Placement.make("F6", [(3, 0), (3, 1), (3, 2), (4, 0), (4, 1), (4, 2)])
    with pytest.raises(IllegalPlacementError):
        count_solutions(may1(), [a, a])


def test_same_formation_twice_raises_when_the_set_has_one():
    a = Placement.make("F6", [(3, 0), (3, 1), (3, 2), (4, 0), (4, 1), (4, 2)])
    b = Placement.make("F6", [(3, 3), (3, 4), (3, 5), (4, 3), (4, 4), (4, 5)])
    with pytest.raises(IllegalPlacementError):
        hint(may1(), [a, b])


def test_illegal_placement_is_a_value_error():
    assert issubclass(IllegalPlacementError, ValueError)
    assert issubclass(InvalidPuzzleError, ValueError)


# ---------------------------------------------------------------- bad puzzles


def test_area_mismatch_raises_with_the_area_message():
    puzzle = Puzzle(Board.from_rows(["....."] * 5), ("SLCS", "JQHH", "SC", "XX"))
    with pytest.raises(InvalidPuzzleError) as e:
        count_solutions(puzzle)
    msg = str(e.value)
    assert "20" in msg and "25" in msg and "cover" in msg
    with pytest.raises(InvalidPuzzleError):
        Search(puzzle)


def test_classic_without_targets_is_an_area_mismatch():
    with pytest.raises(InvalidPuzzleError, match="41.*43|43.*41"):
        solve_first(Puzzle(classic_board(), CLASSIC_SET))


@pytest.mark.parametrize("targets", [
    ((0, 6), (2, 0)),   # blocked cell
    ((0, 4), (0, 4)),   # repeated
    ((0, 4), (9, 9)),   # off the board
])
def test_bad_targets_raise(targets):
    with pytest.raises(InvalidPuzzleError):
        count_solutions(Puzzle(classic_board(), CLASSIC_SET, targets))


def test_no_formations_raises():
    with pytest.raises(InvalidPuzzleError):
        count_solutions(Puzzle(Board.from_rows(["#"]), ()))


def test_board_over_64_cells_raises():
    with pytest.raises(InvalidPuzzleError):
        Board.from_rows(["........"] * 9)
    with pytest.raises(InvalidPuzzleError):
        Board(13, 5, 0)


def test_unknown_formation_in_puzzle_raises():
    with pytest.raises(UnknownShapeError):
        Puzzle(Board.from_rows(["....."]), ("ZZZ",))
