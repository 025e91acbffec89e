"""Numba kernels, run twice: compiled and as plain Python (``.py_func``), emg3d style.

In the plain-Python run every dispatcher of :mod:`solver.kernels` is replaced by
its ``py_func`` for the duration of the test, so kernels that call other kernels
(``dead_region`` -> ``achievable_sizes``, ``search`` -> ``dead_region`` ...) and the API's
``Search.run`` all execute as Python; coverage then sees the kernel lines.
Results are compared with the slow reference code in ``tests/reference.py``.
"""
from __future__ import annotations

import datetime as dt
import inspect
import random
import types
import warnings

import numpy as np
import pytest

import solver.kernels as K
from solver.search import Search, all_solutions, count_by_targets, count_solutions
from solver.board import Board, classic_board, date_targets
from solver.shapes import CLASSIC_SET
from solver.model import Puzzle
from solver.shapes import parse_drawing

try:
    from tests.reference import (CLASSIC_CODES, PENTOMINO_CODES, add_shape, canonical,
                                 classic_open_cells, rect_cells, ref_components, ref_count,
                                 ref_orientations, ref_placements, ref_popcount, ref_solutions,
                                 ref_subset_sums, rows_to_cells, shape_cells, verify_cover)
except ImportError:  # tests/ is not a package: pytest put it on sys.path
    from reference import (CLASSIC_CODES, PENTOMINO_CODES, add_shape, canonical,
                           classic_open_cells, rect_cells, ref_components, ref_count,
                           ref_orientations, ref_placements, ref_popcount, ref_solutions,
                           ref_subset_sums, rows_to_cells, shape_cells, verify_cover)

U64 = (1 << 64) - 1
UZTLP = ("SLCS", "JQHH", "SC", "XX", "JS")
KERNEL_NAMES = ("popcount", "lowest_bit_index", "achievable_sizes", "dead_region", "small_region",
                "mrv_item", "open_level", "search")


SEARCH_JIT, OPEN_LEVEL_JIT = K.search, K.open_level


@pytest.fixture(params=[True, False], ids=["njit", "py_func"])
def kern(request, monkeypatch):
    """The kernels module's functions, compiled (``njit``) or as plain Python (``py_func``).

    In the ``py_func`` case every numba dispatcher in :mod:`solver.kernels` is patched
    with its ``py_func`` (so nested calls and :class:`solver.search.Search` use Python too),
    and numpy's uint64 wrap-around warnings are silenced: the kernels rely on modular
    arithmetic, which is what numba does.
    """
    if request.param:
        yield types.SimpleNamespace(compiled=True, **{n: getattr(K, n) for n in KERNEL_NAMES})
        return
    for name, obj in list(vars(K).items()):
        if hasattr(obj, "py_func"):
            monkeypatch.setattr(K, name, obj.py_func)
    with np.errstate(over="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        yield types.SimpleNamespace(compiled=False, **{n: getattr(K, n) for n in KERNEL_NAMES})


def test_every_kernel_has_a_py_func():
    for name in KERNEL_NAMES:
        assert callable(getattr(K, name).py_func), name


def col_masks(width: int, height: int) -> tuple[int, int]:
    """(not first column, not last column) masks of a width x height board, built here."""
    full = (1 << (width * height)) - 1
    first = sum(1 << (r * width) for r in range(height))
    last = sum(1 << (r * width + width - 1) for r in range(height))
    return full & ~first, full & ~last


def interesting_u64(rng: random.Random, n: int) -> list[int]:
    vals = [0, 1, 2, 3, 1 << 63, U64, U64 >> 1, 0x5555555555555555, 0xAAAAAAAAAAAAAAAA,
            0x8000000000000001, 0x00000000FFFFFFFF, 0xFFFFFFFF00000000]
    vals += [rng.getrandbits(64) for _ in range(n)]
    vals += [1 << rng.randrange(64) for _ in range(n)]
    vals += [rng.getrandbits(64) & rng.getrandbits(64) & rng.getrandbits(64) for _ in range(n)]
    return vals


# ---------------------------------------------------------------- bit helpers


def test_popcount(kern):
    rng = random.Random(1)
    for x in interesting_u64(rng, 60):
        assert kern.popcount(np.uint64(x)) == ref_popcount(x), hex(x)


def test_lowest_bit_index(kern):
    rng = random.Random(2)
    for x in interesting_u64(rng, 60):
        if x:
            assert kern.lowest_bit_index(np.uint64(x)) == (x & -x).bit_length() - 1, hex(x)


@pytest.mark.parametrize("width,height", [(5, 5), (7, 7), (8, 8), (4, 6), (10, 6), (1, 9), (9, 1)])
def test_dead_region_floods_the_region_of_near_like_breadth_first_search(kern, width, height):
    # with no piece left every region but a whole-board one is dead, so ``dead_region``
    # returns the region its flood fill grows from the one cell given as ``near``
    rng = random.Random(width * 100 + height)
    nfc, nlc = col_masks(width, height)
    full = (1 << (width * height)) - 1
    checked = 0
    for _ in range(25):
        density = rng.choice([0.3, 0.5, 0.7, 0.9, 1.0])
        free = sum(1 << b for b in range(width * height) if rng.random() < density) & full
        regions = ref_components(free, width, height)
        for region in regions:
            bits = [b for b in range(64) if region >> b & 1]
            seed = 1 << rng.choice(bits)
            got = kern.dead_region(np.uint64(free), np.uint64(seed), np.uint64(nfc),
                                   np.uint64(nlc), np.int64(width), np.zeros(1, np.int64),
                                   np.ones(1, np.int64), np.int64(0))
            assert int(got) == (0 if region == free else region)
            checked += region != free
        # a cell outside ``free`` starts no region
        outside = full & ~free
        if outside:
            seed = outside & -outside
            assert int(kern.dead_region(np.uint64(free), np.uint64(seed), np.uint64(nfc),
                                        np.uint64(nlc), np.int64(width), np.zeros(1, np.int64),
                                        np.ones(1, np.int64), np.int64(0))) == 0
    assert checked


def test_achievable_sizes_is_the_subset_sum_set(kern):
    rng = random.Random(3)
    for _ in range(60):
        k = rng.randint(1, 4)
        sizes = [rng.choice([1, 2, 5, 6, 7]) for _ in range(k)]
        counts = [rng.randint(0, 4) for _ in range(k)]
        got = int(kern.achievable_sizes(np.array(counts, dtype=np.int64),
                                        np.array(sizes, dtype=np.int64)))
        want = sum(1 << s for s in ref_subset_sums(counts, sizes) if s < 64)
        assert got == want, (counts, sizes)


def call_dead_region(kern, free, nfc, nlc, width, counts, sizes) -> int:
    """Call ``dead_region`` by keyword, asking for the full check (all regions, no step bound).

    Keyword calls keep this test valid when the kernel gains or reorders parameters;
    an unknown new parameter fails loudly here.
    """
    known = {
        "free": np.uint64(free), "near": np.uint64(free), "not_first_col": np.uint64(nfc),
        "not_last_col": np.uint64(nlc), "width": np.int64(width),
        "counts": np.array(counts, dtype=np.int64), "sizes": np.array(sizes, dtype=np.int64),
        "max_steps": np.int64(0),
    }
    params = list(inspect.signature(K.dead_region.py_func if hasattr(K.dead_region, "py_func")
                                    else K.dead_region).parameters)
    unknown = [p for p in params if p not in known]
    assert not unknown, f"dead_region has new parameters {unknown}: update this test"
    return int(kern.dead_region(*[known[p] for p in params]))


@pytest.mark.skipif(not hasattr(K, "dilate"), reason="no dilate kernel in this version")
@pytest.mark.parametrize("width,height", [(5, 5), (8, 8), (10, 6)])
def test_dilate_adds_the_four_neighbours(kern, width, height):
    rng = random.Random(width + 7 * height)
    nfc, nlc = col_masks(width, height)
    full = (1 << (width * height)) - 1
    for _ in range(30):
        m = sum(1 << b for b in range(width * height) if rng.random() < 0.15)
        want = 0
        for b in range(width * height):
            if m >> b & 1:
                r, c = divmod(b, width)
                for rr, cc in ((r, c), (r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                    if 0 <= rr < height and 0 <= cc < width:
                        want |= 1 << (rr * width + cc)
        got = int(getattr(K, "dilate")(np.uint64(m), np.uint64(nfc), np.uint64(nlc),
                                       np.int64(width)))
        assert got & full == want


@pytest.mark.parametrize("width,height", [(5, 5), (7, 7), (8, 8), (6, 4)])
def test_small_region_matches_breadth_first_search(kern, width, height):
    rng = random.Random(width * 7 + height)
    nfc, nlc = col_masks(width, height)
    n = width * height
    seen = {"dead": 0, "alive": 0}
    for _ in range(80):
        free = sum(1 << b for b in range(n) if rng.random() < rng.choice([0.3, 0.5, 0.7]))
        mono = sum(1 << b for b in range(n) if rng.random() < 0.5)
        sizes = [1, 2, 5]
        counts = [rng.randint(0, 3), rng.choice([0, 0, 1]), rng.randint(0, 3)]
        regions = ref_components(free, width, height)
        least = min([s for s, c in zip(sizes[1:], counts[1:]) if c] or [64])
        small = [r for r in regions if ref_popcount(r) < least and ref_popcount(r) <= 3]
        cells = sum(small)
        ok = mono if counts[0] else 0
        dead = bool(cells) and (cells & ~ok != 0 or ref_popcount(cells) > counts[0])
        got = int(kern.small_region(np.uint64(free), np.uint64(nfc), np.uint64(nlc),
                                    np.int64(width), np.array(counts, dtype=np.int64),
                                    np.array(sizes, dtype=np.int64),
                                    np.array([mono, 0, 0], dtype=np.uint64)))
        assert got == (cells if dead else 0), (hex(free), counts)
        seen["dead" if dead else "alive"] += 1
    assert seen["dead"] and seen["alive"]


def _ref_dead_region(free, width, height, counts, sizes):
    """First region (by lowest bit) whose size is not a sub-multiset sum, else 0."""
    sums = ref_subset_sums(counts, sizes)
    regions = ref_components(free, width, height)
    if len(regions) <= 1:
        return 0
    for region in regions:
        if ref_popcount(region) not in sums:
            return region
    return 0


@pytest.mark.parametrize("width,height", [(5, 5), (7, 7), (8, 8), (6, 4)])
def test_dead_region_matches_reference(kern, width, height):
    rng = random.Random(width * 10 + height)
    nfc, nlc = col_masks(width, height)
    n = width * height
    dead_seen = alive_seen = 0
    for _ in range(60):
        sizes = [5, 6]
        counts = [rng.randint(0, n // 10), rng.randint(0, n // 12)]
        area = 5 * counts[0] + 6 * counts[1]
        if area == 0 or area > n:
            continue
        free = sum(1 << b for b in rng.sample(range(n), area))  # area matches the pieces
        want = _ref_dead_region(free, width, height, counts, sizes)
        got = call_dead_region(kern, free, nfc, nlc, width, counts, sizes)
        assert got == want
        dead_seen += want != 0
        alive_seen += want == 0
    assert dead_seen and alive_seen


def test_dead_region_single_cell_in_a_corner(kern):
    # 5 x 5, everything free except (0, 1) and (1, 0): (0, 0) is a one-cell region
    free = ((1 << 25) - 1) & ~(1 << 1) & ~(1 << 5)
    nfc, nlc = col_masks(5, 5)
    assert call_dead_region(kern, free, nfc, nlc, 5, [3, 0], [5, 6]) == 1


# ---------------------------------------------------------------- whole searches


@pytest.mark.parametrize("prune", [True, False])
def test_search_5x5_uztlp(kern, prune):
    # the API really calls the plain-Python kernel in the py_func run
    assert hasattr(K.search, "py_func") == kern.compiled
    s = Search(Puzzle(Board.from_rows(["....."] * 5), UZTLP), prune=prune, store=None)
    assert s.run() == K.ST_DONE
    sols = s.solutions()
    assert s.count == len(sols) == 8
    for sol in sols:
        verify_cover(rect_cells(5, 5), (), UZTLP, sol)
    assert {canonical(x) for x in sols} == set(ref_solutions(rect_cells(5, 5), UZTLP))


@pytest.mark.parametrize("prune", [True, False])
def test_search_6x6_six_rectangles(kern, prune):
    s = Search(Puzzle(Board.from_rows(["......"] * 6), ["F6"] * 6), prune=prune, store=None)
    assert s.run() == K.ST_DONE
    sols = s.solutions()
    assert s.count == 2 == ref_count(rect_cells(6, 6), ["F6"] * 6)
    assert {canonical(x) for x in sols} == set(ref_solutions(rect_cells(6, 6), ["F6"] * 6))


def test_search_wide_board_with_holes(kern):
    # wider than tall (the API searches it transposed), with blocked cells and a target
    rows = ["........", "........", "......##"]
    formations = ("XX", "JS", "SLCS", "F6")
    targets = ((1, 0),)
    open_cells = rows_to_cells(rows)
    puzzle = Puzzle(Board.from_rows(rows), formations, targets)
    got = {canonical(x) for x in all_solutions(puzzle)}
    want = set(ref_solutions(open_cells, formations, targets))
    assert got == want and want


def test_search_classic_october_6(kern):
    # the date with the fewest solutions: 7 (published)
    puzzle = Puzzle(classic_board(), CLASSIC_SET, date_targets(dt.date(2024, 10, 6)))
    sols = all_solutions(puzzle)
    assert len(sols) == 7
    targets = puzzle.targets
    for sol in sols:
        verify_cover(classic_open_cells(), targets, CLASSIC_CODES, sol)


def test_search_node_budget_resumes(kern):
    puzzle = Puzzle(Board.from_rows(["....."] * 5), UZTLP)
    s = Search(puzzle, store=None)
    calls = 0
    while s.run(node_budget=7) != K.ST_DONE:
        calls += 1
        assert calls < 10_000
    assert calls > 1
    assert s.count == 8
    assert {canonical(x) for x in s.solutions()} == set(ref_solutions(rect_cells(5, 5), UZTLP))


@pytest.mark.parametrize("prune", [False, 3])
@pytest.mark.parametrize("formations", [("FS", "JS"), ("JS", "JS")])
def test_count_by_targets_small_board(kern, formations, prune):
    # 3 x 4 board, two pentominoes (10 cells), one "month" hole and one "day" hole;
    # prune=3 (isolated cells need a one-cell piece allowed there) changes no count
    board = Board.from_rows(["...."] * 3)
    months = [(0, c) for c in range(4)] + [(1, 0)]
    days = [(2, c) for c in range(4)] + [(1, 3)]
    res, _, _ = count_by_targets(board, formations, months, days, prune=prune)
    want = {(m, d): ref_count(rect_cells(3, 4), formations, (m, d)) for m in months for d in days}
    assert sum(want.values()) == 10  # found by the reference; a check on this test's input
    for pair, n in want.items():
        assert res.get(pair, 0) == n, pair
    assert sum(res.values()) == 10


def test_count_solutions_through_py_func_matches_compiled(kern):
    formations = ("JS", "XX", "SLCS", "SC")
    puzzle = Puzzle(Board.from_rows(["...."] * 5), formations)
    assert count_solutions(puzzle) == ref_count(rect_cells(5, 4), formations)


@pytest.mark.parametrize("prune", [0, 1, 3])
def test_isolated_cell_pruning_with_a_one_cell_shape(kern, prune):
    # a one-cell shape of the puzzle's own may fill isolated cells anywhere
    dot = parse_drawing("#", "dot")
    add_shape("dot", "#")
    formations = ("L4", "T4", "dot", "dot")
    puzzle = Puzzle(Board.from_rows(["..."] * 3 + ["#.#"]), formations, shapes=(dot,))
    s = Search(puzzle, prune=prune, store=None)
    assert s.run() == K.ST_DONE
    open_cells = rows_to_cells(["..."] * 3 + ["#.#"])
    want = set(ref_solutions(open_cells, formations))
    assert {canonical(x) for x in s.solutions()} == want and want


@pytest.mark.parametrize("prune", [0, 3])
def test_two_cell_regions_with_and_without_a_domino(kern, prune):
    # prune=3 treats a two-cell region as needing two one-cell pieces, unless a
    # two-cell piece remains: both cases against the reference
    dot = parse_drawing("#", "dot")
    domino = parse_drawing("##", "domino")
    add_shape("dot", "#")
    add_shape("domino", "##")
    rows = ["....", "....", "..##"]
    open_cells = rows_to_cells(rows)
    for formations in (("L4", "T4", "dot", "dot"), ("L4", "L4", "domino")):
        puzzle = Puzzle(Board.from_rows(rows), formations, shapes=(dot, domino))
        s = Search(puzzle, prune=prune, store=None)
        assert s.run() == K.ST_DONE
        want = set(ref_solutions(open_cells, formations))
        assert {canonical(x) for x in s.solutions()} == want and want, formations


# ---------------------------------------------------------------- MRV (fewest fitting placements)


def ref_groups(open_cells, width: int, codes):
    """The orientation-group arrays of :func:`solver.kernels.mrv_item`, built here from the
    reference shapes for a board whose cell ``(r, c)`` is bit ``r * width + c``.

    Returns ``(grp_type_first, grp_valid, grp_first, grp_off, grp_cover, groups)`` where
    ``groups[g]`` is ``(type index, normalised cells)``; :func:`ref_pack` gives the
    packed offsets.
    """
    open_cells = frozenset(open_cells)
    height = max(r for r, _ in open_cells) + 1
    type_first, valid, first, offs, cover, groups = [0], [], [0], [], [], []
    for k, code in enumerate(codes):
        for o in sorted(ref_orientations(code), key=sorted):
            r0, c0 = min(o)
            d = sorted((r - r0) * width + (c - c0) for r, c in o)
            anchors = [(R + r0) * width + (C + c0)
                       for R in range(-r0, height) for C in range(-c0, width)
                       if all(0 <= c + C < width and (r + R, c + C) in open_cells for r, c in o)]
            if not anchors:
                continue
            valid.append(sum(1 << a for a in anchors))
            offs += d
            first.append(len(offs))
            cov = [0] * 64
            for a in anchors:
                for x in d:
                    cov[a + x] |= 1 << a
            cover += cov
            groups.append((k, o))
        type_first.append(len(valid))
    return (np.array(type_first, np.int64), np.array(valid, np.uint64), np.array(first, np.int64),
            np.array(offs, np.int64), np.array(cover, np.uint64), groups)


def ref_pack(first, offs):
    """The offsets after the anchor of each group, a byte each (groups up to 7 cells)."""
    out = []
    for g in range(len(first) - 1):
        rest = [int(d) for d in offs[first[g] + 1: first[g + 1]]]
        out.append(sum(d << (8 * i) for i, d in enumerate(rest)) if len(rest) <= 6 else 0)
    return np.array(out, np.uint64)


def ref_mrv(free_cells, codes, counts, width: int, cap: int):
    """Knuth's MRV choice by brute force: ``(item, n, dead cells)`` as :func:`mrv_item`
    returns them (cells as bits ``r * width + c``)."""
    fits = {k: ref_placements(code, free_cells) for k, code in enumerate(codes) if counts[k] > 0}
    bit = lambda rc: rc[0] * width + rc[1]  # noqa: E731
    free = sum(1 << bit(c) for c in free_cells)
    if any(not p for p in fits.values()):
        return -1, 0, free
    per_cell = {c: sum(c in p for ps in fits.values() for p in ps) for c in free_cells}
    zero = sum(1 << bit(c) for c, n in per_cell.items() if n == 0)
    if zero:
        return -1, 0, zero
    best = min((min(n, cap), bit(c)) for c, n in per_cell.items())
    n, cell = best
    if n == cap:
        cell = min(bit(c) for c in free_cells)
    pieces = [(len(fits[k]), k) for k in sorted(fits) if counts[k] == 1]
    if pieces:
        pn, pk = min(pieces)
        if pn < n:
            return 64 + pk, pn, 0
    return cell, n, 0


def random_position(rng, open_cells, codes, counts):
    """Empty cells after placing a few random pieces (reference placements) on ``open_cells``;
    returns ``(free cells, counts left)``."""
    free, counts = set(open_cells), list(counts)
    for _ in range(rng.randint(0, 6)):
        ks = [k for k in range(len(codes)) if counts[k] > 0]
        if not ks:
            break
        k = rng.choice(ks)
        ps = ref_placements(codes[k], free)
        if not ps:
            break
        free -= rng.choice(ps)
        counts[k] -= 1
    for _ in range(rng.choice([0, 0, 1, 2])):    # a stray blocked cell or two
        if free:
            free.discard(rng.choice(sorted(free)))
    return frozenset(free), counts


add_shape("tro", "##/#.")           # sizes 3 and 7 take the kernel's general loop
add_shape("hept", "####/###")
MRV_BOARDS = [
    ("8 x 8 less centre", ["........"] * 3 + ["...##..."] * 2 + ["........"] * 3, PENTOMINO_CODES),
    ("6 x 10", ["......"] * 10, PENTOMINO_CODES),
    ("calendar", ["......#", "......#"] + ["......."] * 4 + ["...####"], CLASSIC_CODES),
    ("tetrominoes", ["......."] * 6, ("O4", "I4", "T4", "L4", "S4", "F6", "F6")),
    ("trominoes", ["......"] * 5, ("tro", "tro", "tro", "hept", "O4", "I4")),
]


@pytest.mark.parametrize("name,rows,codes", MRV_BOARDS, ids=[b[0] for b in MRV_BOARDS])
def test_mrv_item_matches_brute_force(kern, name, rows, codes):
    # the item with the fewest fitting placements, its count, and the dead ends, against
    # a count of reference placements per cell and per piece
    width = len(rows[0])
    open_cells = rows_to_cells(rows)
    kinds = sorted(set(codes))
    start = [codes.count(c) for c in kinds]
    tf, valid, first, offs, _, groups = ref_groups(open_cells, width, kinds)
    sizes = np.array([len(ref_placements(c, rect_cells(8, 8))[0]) for c in kinds], np.int64)
    rng = random.Random(name)
    seen = set()
    for _ in range(30):
        free_cells, counts = random_position(rng, open_cells, kinds, start)
        if not free_cells:
            continue
        free = sum(1 << (r * width + c) for r, c in free_cells)
        fit_buf = np.zeros(len(groups), np.uint64)
        item, n, dead = kern.mrv_item(np.uint64(free), np.array(counts, np.int64), sizes, tf,
                                      valid, first, offs, fit_buf, ref_pack(first, offs))
        want = ref_mrv(free_cells, kinds, counts, width, K.MRV_CAP)
        assert (int(item), int(n), int(dead)) == want
        seen.add("dead" if want[2] else "piece" if want[0] >= 64 else "cell")
        if not dead:   # each group's fitting anchors were left in fit_buf
            for g, (k, o) in enumerate(groups):
                if counts[k] > 0:
                    r0, c0 = min(o)
                    want_fit = {(min(p)[0] * width + min(p)[1])
                                for p in ref_placements(kinds[k], free_cells)
                                if frozenset((r - min(p)[0] + r0, c - min(p)[1] + c0)
                                             for r, c in p) == o}
                    assert int(fit_buf[g]) == sum(1 << a for a in want_fit)
    assert "cell" in seen


def test_mrv_item_prefers_a_cell_on_a_tie_and_a_scarcer_piece(kern):
    # 3 x 5 with one X pentomino left: X fits once (in the middle) while every cell
    # has one or no placement covering it -- the corner has none: dead
    rows = ["....."] * 3
    open_cells = rows_to_cells(rows)
    tf, valid, first, offs, _, groups = ref_groups(open_cells, 5, ["TM"])
    args = (np.array([1], np.int64), np.array([5], np.int64), tf, valid, first, offs,
            np.zeros(len(groups), np.uint64), ref_pack(first, offs))
    free = (1 << 15) - 1
    item, n, dead = kern.mrv_item(np.uint64(free), *args)
    assert int(dead) == 1 | 1 << 4 | 1 << 10 | 1 << 14   # the four corners
    # only the plus shape itself left empty: the cell and the piece both have one
    # placement; the tie goes to the cell (the lowest of the five)
    plus = (1 << 2) | (7 << 6) | (1 << 12)
    item, n, dead = kern.mrv_item(np.uint64(plus), *args)
    assert (int(item), int(n), int(dead)) == (2, 1, 0)


@pytest.mark.parametrize("name,rows,codes", MRV_BOARDS[:3], ids=[b[0] for b in MRV_BOARDS[:3]])
def test_search_mrv_and_lowest_cell_find_the_same_solutions(kern, name, rows, codes, monkeypatch):
    # both branching rules, against the reference solver, from positions with 25 or
    # fewer empty cells left: MRV on every level, on the first two, and never.  The
    # positions are random prefixes of solutions (found by the compiled solver: input
    # only), every second one with one placed piece moved to a random place
    width = len(rows[0])
    open_cells = rows_to_cells(rows)
    board = Board.from_rows(rows)
    rng = random.Random(name + "search")
    targets = ((0, 0), (6, 2)) if name == "calendar" else ()
    with monkeypatch.context() as m:
        m.setattr(K, "search", SEARCH_JIT)
        m.setattr(K, "open_level", OPEN_LEVEL_JIT)
        sols = all_solutions(Puzzle(board, codes, targets), limit=40)
    free0 = open_cells - set(targets)
    checked = solutions = 0
    for i in range(6 if kern.compiled else 2):
        sol = list(rng.choice(sols))
        rng.shuffle(sol)
        keep = sol[:-rng.randint(3, 5)]
        left = [p.formation for p in sol[len(keep):]]
        free = free0 - {c for p in keep for c in p.cells}
        if i % 2:                  # move one placed piece somewhere else
            moved = keep.pop()
            free |= set(moved.cells)
            free -= rng.choice(ref_placements(moved.formation, free))
        want = set(ref_solutions(free, left))
        b = Board(width, len(rows), sum(1 << (r * width + c) for r, c in free))
        for mrv in (None, 2, 0):
            s = Search(Puzzle(b, tuple(left)), store=None, mrv=mrv)
            assert s.run() == K.ST_DONE
            assert {canonical(x) for x in s.solutions()} == want, (mrv, sorted(free))
        checked += 1
        solutions += len(want)
    assert solutions   # some positions were solvable


@pytest.mark.parametrize("name,rows,codes", MRV_BOARDS, ids=[b[0] for b in MRV_BOARDS])
def test_open_level_lists_the_options_of_the_mrv_item(kern, name, rows, codes):
    # an MRV choice other than the lowest cell lists exactly the fitting placements that
    # cover the chosen cell (or of the chosen piece), against reference placements
    width = len(rows[0])
    open_cells = rows_to_cells(rows)
    kinds = sorted(set(codes))
    tf, valid, first, offs, cover, groups = ref_groups(open_cells, width, kinds)
    sizes = np.array([len(shape_cells(c)) for c in kinds], np.int64)
    G = len(groups)
    # entries: 64 per group, one per anchor (only the groups' own entries are used
    # here; the window lists of the lowest cell are left empty)
    win_mask = np.zeros(64 * G, np.uint64)
    win_piece = np.zeros(64 * G, np.int64)
    for g, (k, o) in enumerate(groups):
        r0, c0 = min(o)
        pat = sum(1 << ((r - r0) * width + (c - c0)) for r, c in o)
        for a in range(64):
            win_mask[64 * g + a] = (pat << a) & U64
            win_piece[64 * g + a] = k
    win_first = np.zeros((64 << 6) + 1, np.int64)
    win_off = np.array([1, 2, width - 1, width, width + 1, 2 * width], np.int64)
    rng = random.Random(name + "open")
    kinds_seen = set()
    for _ in range(30):
        free_cells, counts = random_position(rng, open_cells, kinds, [codes.count(c) for c in kinds])
        if not free_cells:
            continue
        free = sum(1 << (r * width + c) for r, c in free_cells)
        opts = np.full(2 * K.MRV_CAP, -1, np.int64)
        ptr, end = np.zeros(2, np.int64), np.zeros(2, np.int64)
        cand = np.zeros(2, np.uint64)
        dead = kern.open_level(1, np.uint64(free), np.array(counts, np.int64), sizes, 99,
                               win_mask, win_piece, win_first, win_off, tf, valid, first, offs,
                               cover, 0, np.zeros(G, np.uint64), opts, ptr, end, cand,
                               ref_pack(first, offs))
        item, n, want_dead = ref_mrv(free_cells, kinds, counts, width, K.MRV_CAP)
        assert int(dead) == want_dead
        if want_dead or item == min(r * width + c for r, c in free_cells):
            kinds_seen.add("dead" if want_dead else "lowest")
            continue
        assert ptr[1] == end[1] == -1
        listed = [int(opts[K.MRV_CAP + i]) for i in range(64) if int(cand[1]) >> i & 1]
        got = {(kinds[int(win_piece[e])], int(win_mask[e])) for e in listed}
        assert len(got) == len(listed) == n
        bits = lambda p: sum(1 << (r * width + c) for r, c in p)  # noqa: E731
        if item >= 64:
            code = kinds[item - 64]
            want = {(code, bits(p)) for p in ref_placements(code, free_cells)}
            kinds_seen.add("piece")
        else:
            cell = divmod(item, width)
            want = {(c, bits(p)) for k, c in enumerate(kinds) if counts[k] > 0
                    for p in ref_placements(c, free_cells) if cell in p}
            kinds_seen.add("cell")
        assert got == want
    assert "cell" in kinds_seen or "piece" in kinds_seen


@pytest.mark.parametrize("width,height", [(7, 7), (7, 8), (5, 9), (3, 3)])
def test_dead_region_on_padded_rows_matches_breadth_first_search(kern, width, height):
    # a padded frame: row r, column c is bit r * (width + 1) + c, the last bit of each
    # row is never empty, and the column masks are all ones (no wrap to guard against)
    stride = width + 1
    assert stride * height <= 64
    rng = random.Random(stride * 100 + height)
    checked = 0
    for _ in range(25):
        cells = [(r, c) for r in range(height) for c in range(width) if rng.random() < 0.6]
        free_rc = sum(1 << (r * width + c) for r, c in cells)            # unpadded layout
        free = sum(1 << (r * stride + c) for r, c in cells)               # padded layout
        for region in ref_components(free_rc, width, height):
            bits = [b for b in range(64) if region >> b & 1]
            seed_rc = rng.choice(bits)
            seed = 1 << (seed_rc // width * stride + seed_rc % width)
            want = sum(1 << (b // width * stride + b % width) for b in bits)
            got = kern.dead_region(np.uint64(free), np.uint64(seed), np.uint64(U64),
                                   np.uint64(U64), np.int64(stride), np.zeros(1, np.int64),
                                   np.ones(1, np.int64), np.int64(0))
            assert int(got) == (0 if region == free_rc else want)
            checked += region != free_rc
    assert checked


# ---------------------------------------------------------------- the subtree memo


@pytest.mark.parametrize("log2", [1, 3, 16])
def test_count_by_targets_with_a_memo_matches_the_reference(kern, log2, monkeypatch):
    # the all-dates count keeps per-hole vectors of finished subtrees; a tiny table (2
    # or 8 slots: entries keep being overwritten) and a large one give the reference
    # counts.  A 4 x 5 board, a month hole on the top row, a day hole on the others.
    import solver.search.search as S
    monkeypatch.setattr(S, "MEMO_LOG2", log2)
    monkeypatch.setattr(S, "MEMO_MIN_CELLS", 0)
    board = Board.from_rows(["....."] * 4)
    formations = ("L4", "T4", "JS", "XX")     # 18 cells: 20 less the two holes
    months = [(0, c) for c in range(5)]
    days = [(r, c) for r in range(1, 4) for c in range(5)]
    res, _, nodes = count_by_targets(board, formations, months, days)
    want = {(m, d): ref_count(rect_cells(4, 5), formations, (m, d)) for m in months for d in days}
    assert sum(want.values()) > 20      # a check on this test's input
    assert {k: v for k, v in want.items() if v} == res
    monkeypatch.setattr(S, "MEMO_LOG2", 0)
    _, _, nodes_without = count_by_targets(board, formations, months, days)
    assert nodes < nodes_without        # the memo was used


@pytest.mark.parametrize("log2", [0, 2, 12])
def test_count_only_search_with_a_memo(kern, log2):
    # a plain count (no holes) keeps one count per finished subtree; resumed under a
    # node budget it still gives the reference count
    formations = ("BDQX", "FS", "SLCS", "JQHH", "JS", "GX")
    puzzle = Puzzle(Board.from_rows(["......"] * 5), formations)
    want = ref_count(rect_cells(5, 6), formations)
    assert want > 0
    s = Search(puzzle, store=0, memo=log2)
    assert s.run() == K.ST_DONE and s.count == want
    s = Search(puzzle, store=0, memo=log2)
    calls = 0
    while s.run(node_budget=50) != K.ST_DONE:
        calls += 1
        assert calls < 10_000
    assert calls > 1 and s.count == want
