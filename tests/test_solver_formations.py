"""Formations (docs/RULES.md): orientation counts and true rotations/reflections.

The expected counts are the last column of the formation table (docs/RULES.md), typed into
``tests/reference.py``; the geometry is checked with the reference's own
rotation and reflection code, never with :mod:`solver.shapes`.
"""
from __future__ import annotations

import pytest

from solver.shapes import CLASSIC_SET, CODES, FORMATIONS, PENTOMINOES
from solver.model import IllegalPlacementError, Placement

try:
    from tests.reference import SPEC_SHAPES, dihedral_images, normalise, ref_orientations, shape_cells
except ImportError:  # tests/ is not a package: pytest put it on sys.path
    from reference import SPEC_SHAPES, dihedral_images, normalise, ref_orientations, shape_cells

# docs/RULES.md, last column ("distinct orientations"), by pentomino letter.
SPEC_ORIENTATIONS_BY_LETTER = {
    "O6": 2, "N": 8, "V": 4, "U": 4, "Z": 4, "P": 8, "L": 8, "Y": 8,
    "I": 2, "T": 4, "X": 1, "F": 8, "W": 4,
}


def test_thirteen_formations_in_spec_order():
    assert list(CODES) == list(SPEC_SHAPES)
    assert len(FORMATIONS) == 13


def test_classic_set_is_f6_plus_nvuzply():
    letters = sorted(FORMATIONS[c].letter for c in CLASSIC_SET)
    assert letters == sorted(["O6", "N", "V", "U", "Z", "P", "L", "Y"])
    assert sum(len(shape_cells(c)) for c in CLASSIC_SET) == 41


def test_pentominoes_are_the_twelve():
    assert sorted(PENTOMINOES) == sorted(c for c in SPEC_SHAPES if c != "F6")


@pytest.mark.parametrize("code", list(SPEC_SHAPES))
def test_orientation_count_matches_spec(code):
    letter = FORMATIONS[code].letter
    assert len(FORMATIONS[code].orientations) == SPEC_ORIENTATIONS_BY_LETTER[letter]
    assert len(FORMATIONS[code].orientations) == SPEC_SHAPES[code][1]
    # the reference's own dihedral closure agrees with that column too
    assert len(ref_orientations(code)) == SPEC_SHAPES[code][1]


@pytest.mark.parametrize("code", list(SPEC_SHAPES))
def test_shape_matches_spec_drawing(code):
    assert frozenset(FORMATIONS[code].cells) == shape_cells(code)
    assert FORMATIONS[code].size == len(shape_cells(code))


@pytest.mark.parametrize("code", list(SPEC_SHAPES))
def test_each_orientation_is_a_true_image_of_the_spec_shape(code):
    images = set(dihedral_images(shape_cells(code)))
    got = [frozenset(o) for o in FORMATIONS[code].orientations]
    for cells in got:
        assert cells == normalise(cells), "orientation is not normalised to (0, 0)"
        assert cells in images, f"{sorted(cells)} is not a rotation/reflection of {code}"
    assert len(set(got)) == len(got), "duplicate orientations"
    assert set(got) == images


@pytest.mark.parametrize("code", list(SPEC_SHAPES))
def test_placement_at_and_orientation_round_trip(code):
    for i in range(len(FORMATIONS[code].orientations)):
        pl = Placement.at(code, i, 3, 2)
        assert pl.orientation() == (i, 3, 2)


def test_placement_orientation_rejects_a_wrong_shape():
    # five cells in a plus-minus-one shape that is not a P pentomino
    with pytest.raises(IllegalPlacementError):
        Placement.make("JS", [(0, 0), (0, 1), (0, 2), (0, 3), (1, 3)]).orientation()
