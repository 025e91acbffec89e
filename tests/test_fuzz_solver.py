"""The numba solver against the slow reference solver on random small puzzles (hypothesis).

Over 500 cases per run (``derandomize=True``: the same cases every run).  Each
case is a random multiset of 1-5 formations (repeats allowed) on a random board
of at most 40 cells inside a frame up to 8 x 8 -- wide frames too, which the API
searches transposed -- built one of three ways:

* *tiled*: the pieces are dropped at random, touching, and the board is their
  union (at least one solution; often several);
* *random*: the right number of open cells scattered in the frame (mostly none);
* *rectangle*: a full 2 x 5 ... 6 x 6 rectangle and a fitting multiset;
* *partial*: a tiled board with 1-2 legal pieces already placed (``fixed``),
  taken from a reference solution or placed at random (then often dead).

Targets (0-2 extra open cells that must stay uncovered) are added at random.
The solver's count must equal :func:`reference.ref_count`, and when there are at
most 40 solutions the solution sets must be equal too.
"""
from __future__ import annotations

import random

from conftest import FUZZ_SCALE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solver.search import all_solutions, count_solutions
from solver.board import Board
from solver.model import Placement, Puzzle

try:
    from tests.reference import SPEC_SHAPES, canonical, ref_placements, ref_solutions, shape_cells
except ImportError:  # tests/ is not a package: pytest put it on sys.path
    from reference import SPEC_SHAPES, canonical, ref_placements, ref_solutions, shape_cells

CODES = tuple(SPEC_SHAPES)
CASES = 520


def random_case(rng: random.Random):
    """One random puzzle: ``(height, width, open cells, formations, targets, fixed pieces)``.

    Uses only :mod:`reference` to place pieces, never the solver under test.
    """
    if rng.random() < 0.25:  # a full rectangle: symmetric, often several solutions
        h, w = rng.choice(((2, 5), (3, 5), (4, 5), (5, 5), (5, 3), (6, 5), (3, 10), (2, 10), (4, 6), (6, 4),
                           (3, 6), (6, 6)))
        n6 = rng.choice([k for k in range(7) if (h * w - 6 * k) >= 0 and (h * w - 6 * k) % 5 == 0])
        n5 = (h * w - 6 * n6) // 5
        forms = ["F6"] * n6 + [rng.choice(CODES[1:]) if rng.random() < 0.2 else c
                               for c in rng.sample(CODES[1:], n5)]
        return h, w, {(r, c) for r in range(h) for c in range(w)}, forms, [], []
    k = rng.randint(1, 5)
    forms = [rng.choice(CODES)]
    for _ in range(k - 1):
        forms.append(rng.choice(forms) if rng.random() < 0.25 else rng.choice(CODES))
    area = sum(len(shape_cells(f)) for f in forms)
    n_targets = rng.choice((0, 0, 0, 1, 2))
    kind = rng.choice(("tiled", "tiled", "tiled", "random", "partial", "partial"))
    while True:
        h, w = rng.randint(1, 8), rng.randint(1, 8)
        if area + n_targets <= h * w <= 40:
            break
        if area + n_targets > 40:  # keep the reference fast
            forms.pop()
            area = sum(len(shape_cells(f)) for f in forms)
    frame = {(r, c) for r in range(h) for c in range(w)}
    if kind == "random":
        open_cells = set(rng.sample(sorted(frame), area + n_targets))
        targets = rng.sample(sorted(open_cells), n_targets)
    else:
        open_cells = set()
        for f in forms:
            spots = ref_placements(f, frame - open_cells)
            touching = [p for p in spots if not open_cells
                        or any((r + dr, c + dc) in open_cells for r, c in p
                               for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)))]
            pool = touching or spots
            if not pool:  # no room left: scatter the rest of the cells
                rest = sorted(frame - open_cells)
                need = area - len(open_cells)
                open_cells |= set(rng.sample(rest, min(need, len(rest))))
                break
            open_cells |= rng.choice(pool)
        spare = sorted(frame - open_cells)
        targets = rng.sample(spare, min(n_targets, len(spare)))  # left uncovered: still tiled
        open_cells |= set(targets)
    fixed: list[tuple[str, frozenset]] = []
    if kind == "partial" and len(forms) > 1:
        need = open_cells - set(targets)
        if rng.random() < 0.5:
            sol = next(ref_solutions(open_cells, forms, targets), None)
            if sol:
                fixed = [(code, frozenset(cells)) for code, cells in rng.sample(sol, rng.randint(1, 2))]
        if not fixed:
            code = rng.choice(forms)
            spots = ref_placements(code, need)
            if spots:
                fixed = [(code, rng.choice(spots))]
    return h, w, open_cells, forms, targets, fixed


def board_of(h: int, w: int, open_cells: set) -> Board:
    """A :class:`Board` ``w`` wide and ``h`` tall with exactly ``open_cells`` open."""
    mask = 0
    for r, c in open_cells:
        mask |= 1 << (r * w + c)
    return Board(w, h, mask)


@settings(max_examples=CASES * FUZZ_SCALE, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
@given(seed=st.integers(0, 2**32 - 1))
def test_solver_counts_match_the_reference(seed, fuzz_counts):
    h, w, open_cells, forms, targets, fixed = random_case(random.Random(seed))
    area = sum(len(shape_cells(f)) for f in forms)
    if len(open_cells) - len(targets) != area:
        return  # the generator could not make a well-formed puzzle (rare): nothing to compare
    puzzle = Puzzle(board_of(h, w, open_cells), tuple(forms), tuple(targets))
    placed = tuple(Placement.make(code, cells) for code, cells in fixed)
    ref = sorted(ref_solutions(open_cells, forms, targets, fixed))
    got = count_solutions(puzzle, placed)
    fuzz_counts["solver cases"] += 1
    assert got == len(ref), f"{h}x{w} {forms} targets={targets} fixed={fixed}: solver {got}, reference {len(ref)}"
    if len(ref) <= 40:
        sols = all_solutions(puzzle, placed)
        assert sorted(canonical(s) for s in sols) == ref
