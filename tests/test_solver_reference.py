"""Property tests: the numba solver against the slow reference solver on random small puzzles.

Each example builds a formation multiset first (repeats allowed), then a board
(at most 5 x 5) with exactly as many open cells as the multiset covers, plus
optional target cells.  Two board builders are used: random open cells (most
such puzzles have no solution, which tests the zero case) and a constructive
one that drops random placements of the multiset onto the board (so at least
one solution exists).  The reference solver (``tests/reference.py``) gives the
expected solutions.
"""
from __future__ import annotations

import itertools
from collections import Counter

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from solver.search import (all_solutions, count_by_targets, count_solutions, explain_dead, hint,
                        is_solvable, solve_first)
from solver.board import Board, InvalidPuzzleError
from solver.model import Placement, Puzzle

try:
    from tests.reference import (SPEC_SHAPES, canonical, ref_placements, ref_solutions,
                                 shape_cells, verify_cover, verify_distinct)
except ImportError:  # tests/ is not a package: pytest put it on sys.path
    from reference import (SPEC_SHAPES, canonical, ref_placements, ref_solutions, shape_cells,
                           verify_cover, verify_distinct)

CODES = list(SPEC_SHAPES)
SETTINGS = settings(max_examples=90, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


def area(formations) -> int:
    return sum(len(shape_cells(c)) for c in formations)


def make_board(h: int, w: int, open_cells) -> Board:
    """A :class:`Board` drawn from the open cells (everything else blocked)."""
    rows = ["".join("." if (r, c) in open_cells else "#" for c in range(w)) for r in range(h)]
    return Board.from_rows(rows)


@st.composite
def multiset_and_dims(draw, max_cells: int = 25):
    """A formation multiset (1..4 pieces, repeats allowed) and board dims that can hold it."""
    formations = draw(st.lists(st.sampled_from(CODES), min_size=1, max_size=4))
    while area(formations) + 2 > max_cells:
        formations.pop()
    n_targets = draw(st.integers(0, 2))
    need = area(formations) + n_targets
    dims = [(h, w) for h in range(1, 6) for w in range(1, 6) if need <= h * w <= max_cells]
    h, w = draw(st.sampled_from(dims))
    return formations, n_targets, h, w


@st.composite
def random_puzzles(draw):
    """Multiset first, then exactly that many open cells (plus targets) at random."""
    formations, n_targets, h, w = draw(multiset_and_dims())
    cells = [(r, c) for r in range(h) for c in range(w)]
    chosen = draw(st.permutations(cells))[: area(formations) + n_targets]
    targets = tuple(chosen[:n_targets])
    return h, w, frozenset(chosen), formations, targets


@st.composite
def solvable_puzzles(draw):
    """Multiset first, then a board built by dropping random placements of it (>= 1 solution)."""
    formations, n_targets, h, w = draw(multiset_and_dims())
    rnd = draw(st.randoms(use_true_random=False))
    all_cells = frozenset((r, c) for r in range(h) for c in range(w))
    for _attempt in range(20):
        used: set = set()
        for code in formations:
            options = ref_placements(code, all_cells - used)
            if not options:
                break
            used |= rnd.choice(options)
        else:
            free = sorted(all_cells - used)
            targets = tuple(rnd.sample(free, min(n_targets, len(free))))
            return h, w, frozenset(used) | frozenset(targets), formations, targets
    assume(False)  # the pieces never fitted this board: discard the example


@st.composite
def rectangle_puzzles(draw):
    """k pentominoes (repeats allowed) on a full k x 5 or 5 x k rectangle, k = 2..5."""
    k = draw(st.integers(2, 5))
    formations = draw(st.lists(st.sampled_from(CODES[1:]), min_size=k, max_size=k))
    h, w = draw(st.sampled_from([(k, 5), (5, k)]))
    return h, w, frozenset((r, c) for r in range(h) for c in range(w)), formations, ()


def check_against_reference(h, w, open_cells, formations, targets):
    puzzle = Puzzle(make_board(h, w, open_cells), formations, targets)
    want = set(ref_solutions(open_cells, formations, targets))
    event(f"solutions: {'0' if not want else '1' if len(want) == 1 else '2-9' if len(want) < 10 else '10+'}")
    sols = all_solutions(puzzle)
    assert count_solutions(puzzle) == len(want)
    assert {canonical(s) for s in sols} == want
    verify_distinct(sols)
    for s in sols:
        verify_cover(open_cells, targets, formations, s)
    first = solve_first(puzzle)
    assert (first is None) == (not want)
    if first is not None:
        assert canonical(first) in want
    return puzzle, want


@SETTINGS
@given(random_puzzles())
def test_random_open_cells_match_reference(case):
    check_against_reference(*case)


@SETTINGS
@given(solvable_puzzles())
def test_constructed_puzzles_match_reference(case):
    _, want = check_against_reference(*case)
    assert want, "a constructed puzzle has at least one solution"


@SETTINGS
@given(rectangle_puzzles())
def test_full_rectangles_match_reference(case):
    check_against_reference(*case)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(solvable_puzzles(), st.randoms(use_true_random=False))
def test_listing_order_never_changes_the_count(case, rnd):
    h, w, open_cells, formations, targets = case
    board = make_board(h, w, open_cells)
    base = count_solutions(Puzzle(board, formations, targets))
    shuffled = list(formations)
    rnd.shuffle(shuffled)
    assert count_solutions(Puzzle(board, shuffled, targets)) == base
    assert count_solutions(Puzzle(board, formations[::-1], targets)) == base


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(solvable_puzzles(), st.randoms(use_true_random=False))
def test_fixed_pieces_and_hints_match_reference(case, rnd):
    h, w, open_cells, formations, targets = case
    puzzle = Puzzle(make_board(h, w, open_cells), formations, targets)
    sols = list(ref_solutions(open_cells, formations, targets))
    if not sols:
        return
    chosen = rnd.choice(sols)
    k = rnd.randint(0, len(chosen))
    fixed = [Placement.make(code, cells) for code, cells in rnd.sample(list(chosen), k)]
    want = set(ref_solutions(open_cells, formations, targets, fixed))
    assert canonical(chosen) in want
    assert count_solutions(puzzle, fixed) == len(want)
    h_pl = hint(puzzle, fixed)
    if k == len(chosen):
        assert h_pl is None
    else:
        assert h_pl is not None
        assert is_solvable(puzzle, fixed + [h_pl])
        assert next(ref_solutions(open_cells, formations, targets, fixed + [h_pl]), None) is not None
        # documented: the hint covers the lowest empty cell in reading order
        covered = {c for p in fixed for c in p.cells}
        assert min(set(open_cells) - set(targets) - covered) in h_pl.cells


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(solvable_puzzles(), st.randoms(use_true_random=False))
def test_explain_dead_is_a_minimum_culprit_set(case, rnd):
    # fixed pieces dropped at random (not from one solution), so many positions are dead
    h, w, open_cells, formations, targets = case
    puzzle = Puzzle(make_board(h, w, open_cells), formations, targets)
    free = set(open_cells) - set(targets)
    left = list(formations)
    fixed: list[Placement] = []
    for _ in range(rnd.randint(1, 3)):
        if not left:
            break
        code = rnd.choice(left)
        options = ref_placements(code, free)
        if not options:
            break
        cells = rnd.choice(options)
        fixed.append(Placement.make(code, cells))
        free -= cells
        left.remove(code)

    def alive(keep):
        return next(ref_solutions(open_cells, formations, targets, keep), None) is not None

    got = explain_dead(puzzle, fixed)
    if not alive([]):
        assert got is None
        return
    assert got is not None
    keep = [p for i, p in enumerate(fixed) if i not in got]
    assert alive(keep), "dropping the named pieces must make the position solvable"
    for k in range(len(got)):
        for drop in itertools.combinations(range(len(fixed)), k):
            assert not alive([p for i, p in enumerate(fixed) if i not in drop]), \
                f"dropping {drop} already suffices, smaller than {got}"
    # documented tie-break: among minimum sets, the first in lexicographic order
    first = next(d for d in itertools.combinations(range(len(fixed)), len(got))
                 if alive([p for i, p in enumerate(fixed) if i not in d]))
    assert tuple(got) == first
    event("dead" if got else "alive")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(multiset_and_dims(), st.integers(1, 3))
def test_area_mismatch_always_raises(md, extra):
    formations, _, h, w = md
    n = area(formations)
    if n + extra > h * w:
        n_open = n - extra  # fewer open cells than the formations need
    else:
        n_open = n + extra  # more open cells than the formations cover
    if n_open <= 0:
        return
    cells = [(r, c) for r in range(h) for c in range(w)][:n_open]
    puzzle = Puzzle(make_board(h, w, frozenset(cells)), formations)
    with pytest.raises(InvalidPuzzleError, match="cover"):
        count_solutions(puzzle)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(solvable_puzzles(), st.randoms(use_true_random=False))
def test_count_by_targets_matches_reference(case, rnd):
    # up to 5 candidate "month" cells and 5 "day" cells, the puzzle's own targets included
    h, w, open_cells, formations, targets = case
    if len(targets) != 2:
        return
    board = make_board(h, w, open_cells)
    cells = sorted(open_cells)
    months = sorted({targets[0], *rnd.sample(cells, min(4, len(cells)))})
    days = sorted({targets[1], *rnd.sample(cells, min(4, len(cells)))})
    res, _, _ = count_by_targets(board, formations, months, days)
    want = Counter()
    for m in months:
        for d in days:
            if m != d:
                want[(m, d)] = sum(1 for _ in ref_solutions(open_cells, formations, (m, d)))
    assert want[tuple(targets)] >= 1
    for pair, n in want.items():
        assert res.get(pair, 0) == n, pair
    assert sum(res.values()) == sum(want.values())
