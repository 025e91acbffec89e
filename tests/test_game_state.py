"""Pure tests of the polyomino back end (solver.games.polyomino): no pygame, no numba.

The mid end's own tests (undo/redo, timer, saves) are tests/test_midend.py."""
from __future__ import annotations

import datetime as dt
import sys

import pytest
from hypothesis import given, strategies as st

from solver.games.polyomino import (IllegalMoveError, InvalidMoveError, Lift, Place, Reset, State, apply,
                                    parse_move, place_move, slot_for)
from solver.board import Board, classic_board, date_targets
from solver.shapes import CLASSIC_SET, LIBRARY
from solver.model import Placement, Puzzle

MAY1 = Puzzle(classic_board(), CLASSIC_SET, date_targets(dt.date(2024, 5, 1)), "Classic 2024-05-01")

# A hand-checked solution for 2024-05-01 (letter per cell; * = May and 1).
MAY1_SOLUTION = ("LLLL*Z#", "LPPZZZ#", "*PPZVVV", "YUPUVOO", "YUUUVOO", "YYNNNOO", "YNN####")
LETTER_CODE = {"O": "F6", "N": "BDQX", "V": "FS", "U": "SLCS", "Z": "JQHH", "P": "JS", "L": "XX", "Y": "GX"}


def solution_placements() -> dict[str, Placement]:
    """The hand-written solution as {code: Placement}."""
    cells: dict[str, list] = {}
    for r, row in enumerate(MAY1_SOLUTION):
        for c, ch in enumerate(row):
            if ch in LETTER_CODE:
                cells.setdefault(LETTER_CODE[ch], []).append((r, c))
    return {code: Placement.make(code, cs) for code, cs in cells.items()}


def test_new_state_is_empty_and_text_form():
    s = State.new(MAY1)
    assert s.placed == () and not s.cheated and not s.is_solved
    assert s.to_text().splitlines()[0] == "....*.#"
    assert s.to_text().splitlines()[2] == "*......"


def test_playing_the_hand_solution_solves():
    s = State.new(MAY1)
    for code, pl in solution_placements().items():
        s = apply(s, place_move(MAY1.formations.index(code), pl))
    assert s.is_solved and not s.cheated
    assert s.to_text() == "\n".join(MAY1_SOLUTION)


def test_apply_never_mutates():
    s0 = State.new(MAY1)
    s1 = apply(s0, Place(0, 0, 2, 2))
    assert s0.placed == () and len(s1.placed) == 1


@pytest.mark.parametrize("move, why", [
    (Place(0, 0, 0, 4), "target"),        # 方阵 over May
    (Place(0, 0, 0, 5), "blocked"),       # over the blocked (0, 6)
    (Place(0, 0, 6, 0), "off"),           # off the bottom
    (Place(9, 0, 2, 2), "no tray piece"),  # no slot 9
    (Place(0, 5, 2, 2), "orientation"),   # 方阵 has 2 orientations
])
def test_illegal_places_are_rejected(move, why):
    with pytest.raises(IllegalMoveError, match=why):
        apply(State.new(MAY1), move)


def test_overlap_rejected_but_moving_own_piece_allowed():
    s = apply(State.new(MAY1), Place(0, 0, 2, 2))
    with pytest.raises(IllegalMoveError, match="another piece"):
        apply(s, Place(1, 0, 2, 2))
    s2 = apply(s, Place(0, 0, 3, 2))  # move 方阵 down one row, overlapping its old cells
    assert s2.pieces[0].cells[0] == (3, 2)


def test_lift_and_reset():
    s = apply(apply(State.new(MAY1), Place(0, 0, 2, 2)), Place(1, 0, 5, 0))
    assert apply(s, Lift(0)).placed_slots == (1,)
    with pytest.raises(IllegalMoveError):
        apply(apply(s, Lift(0)), Lift(0))
    assert apply(s, Reset()).placed == ()


def test_assisted_place_sets_cheated_and_reset_keeps_it():
    s = apply(State.new(MAY1), Place(0, 0, 2, 2, assisted=True))
    assert s.cheated and apply(s, Reset()).cheated


@pytest.mark.parametrize("text", ["P3:2@4,5", "A0:0@0,0", "L7", "R", "P1:0@-1,2"])
def test_move_strings_round_trip(text):
    assert parse_move(text).text == text
    assert type(parse_move(text)).from_text(text).text == text


@pytest.mark.parametrize("text", ["", "X", "P3", "P3:2@4", "L", "Lx", "R1", "P-1:0@0,0"])
def test_bad_move_strings_raise(text):
    with pytest.raises(InvalidMoveError):
        parse_move(text)


@given(st.integers(0, 20), st.integers(0, 7), st.integers(-6, 12), st.integers(-6, 12), st.booleans())
def test_place_round_trip_property(slot, o, r, c, assisted):
    m = Place(slot, o, r, c, assisted)
    assert parse_move(m.text) == m and Place.from_text(m.text) == m


@pytest.mark.parametrize("code", list(LIBRARY))
def test_rotate_four_times_and_flip_twice_is_identity(code):
    shape = LIBRARY[code]
    for o in range(len(shape.orientations)):
        assert shape.rotate(o, 4) == o
        assert shape.rotate(shape.rotate(o, 1), 3) == o
        assert shape.mirror(shape.mirror(o)) == o


def test_rotations_and_flips_reach_every_orientation():
    for shape in LIBRARY.values():
        seen = {0}
        frontier = [0]
        while frontier:
            o = frontier.pop()
            for n in (shape.rotate(o), shape.mirror(o)):
                if n not in seen:
                    seen.add(n)
                    frontier.append(n)
        assert len(seen) == len(shape.orientations)


def test_repeated_formations_are_separate_slots():
    p = Puzzle(Board(6, 2, (1 << 12) - 1), ("F6", "F6"), ())
    s = State.new(p)
    pl = Placement.at("F6", 1, 0, 0)
    assert slot_for(s, pl) == 0
    s = apply(s, place_move(0, pl))
    assert slot_for(s, pl) == 1
    s = apply(s, place_move(1, Placement.at("F6", 1, 0, 3)))
    assert s.is_solved


def test_back_end_does_not_import_pygame_or_numba():
    import subprocess
    code = ("import sys, solver.games, solver.games.polyomino, game.midend, game.stats, game.store, game.i18n; "
            "print('pygame' in sys.modules, 'numba' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
