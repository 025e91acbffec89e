"""Slow, obviously correct reference code for the solver tests.

Nothing here imports :mod:`solver`: the shapes are typed in again from the rules
(the 13 formations; the tetrominoes and the chair hexomino of the calendar
editions, each by its face-up drawing), the calendar boards from the editions'
layouts, and every orientation, placement and solution is recomputed with plain
Python sets.  The solver's answers are checked against these.  ``mirror=False``
(the rotations-only rule) keeps the four rotations of the face-up drawing.

Conventions: a cell is ``(row, col)``; a piece is ``(code, cells)`` with
``cells`` any iterable of cells; a solution is an iterable of pieces.  The
canonical form of a solution (:func:`canonical`) is a sorted tuple of
``(code, sorted cells)`` so that solutions compare as sets regardless of the
order the pieces were listed in.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Iterable, Iterator, Sequence

Cell = tuple[int, int]
Piece = tuple[str, tuple[Cell, ...]]

# docs/RULES.md, copied by hand: code -> (one shape, distinct orientations).
SPEC_SHAPES: dict[str, tuple[str, int]] = {
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

# The calendar editions' extra shapes, typed from their face-up drawings:
# code -> (face-up drawing, distinct orientations with mirroring).
VARIANT_SHAPES: dict[str, tuple[str, int]] = {
    "O4": ("##/##", 1),
    "I4": ("####", 2),
    "T4": (".#./###", 4),
    "L4": ("#../###", 8),
    "S4": ("##./.##", 4),
    "H6": ("#../###/#.#", 8),
}

REF_SHAPES: dict[str, tuple[str, int]] = {**SPEC_SHAPES, **VARIANT_SHAPES}
"""Every shape the reference knows, by code; :func:`add_shape` adds a test's own."""

CLASSIC_CODES = ("F6", "BDQX", "FS", "SLCS", "JQHH", "JS", "XX", "GX")
"""docs/RULES.md: 方阵 plus N, V, U, Z, P, L, Y."""

PENTOMINO_CODES = tuple(c for c in SPEC_SHAPES if c != "F6")
"""The twelve free pentominoes."""


def add_shape(code: str, drawing: str) -> None:
    """Teach the reference a test's own shape (a ``[shapes]`` drawing); redefining a
    known code with another drawing is an error."""
    if code in REF_SHAPES:
        assert REF_SHAPES[code][0] == drawing, f"{code} is already {REF_SHAPES[code][0]}"
        return
    REF_SHAPES[code] = (drawing, len(set(dihedral_images(_cells_of_drawing(drawing)))))


def _cells_of_drawing(drawing: str) -> frozenset[Cell]:
    return frozenset(
        (r, c) for r, row in enumerate(drawing.split("/")) for c, ch in enumerate(row) if ch == "#"
    )


@lru_cache(maxsize=None)
def shape_cells(code: str) -> frozenset[Cell]:
    """The filled cells of the face-up drawing of ``code`` (rows split on ``/``)."""
    drawing = REF_SHAPES[code][0]
    return frozenset(
        (r, c) for r, row in enumerate(drawing.split("/")) for c, ch in enumerate(row) if ch == "#"
    )


def normalise(cells: Iterable[Cell]) -> frozenset[Cell]:
    """Translate cells so that the smallest row and the smallest column are 0."""
    cells = list(cells)
    r0 = min(r for r, _ in cells)
    c0 = min(c for _, c in cells)
    return frozenset((r - r0, c - c0) for r, c in cells)


def rotate(cells: Iterable[Cell]) -> frozenset[Cell]:
    """Rotate a cell set a quarter turn clockwise: ``(r, c) -> (c, -r)``, then normalise."""
    return normalise((c, -r) for r, c in cells)


def reflect(cells: Iterable[Cell]) -> frozenset[Cell]:
    """Mirror a cell set left-right: ``(r, c) -> (r, -c)``, then normalise."""
    return normalise((r, -c) for r, c in cells)


def dihedral_images(cells: Iterable[Cell]) -> list[frozenset[Cell]]:
    """The 8 images of a cell set under the symmetries of the square (duplicates kept).

    Order: the 4 rotations of the shape, then the 4 rotations of its mirror image.
    """
    base = normalise(cells)
    out = []
    for start in (base, reflect(base)):
        cur = start
        for _ in range(4):
            out.append(cur)
            cur = rotate(cur)
    return out


@lru_cache(maxsize=None)
def ref_orientations(code: str, mirror: bool = True) -> frozenset[frozenset[Cell]]:
    """The distinct fixed orientations of a shape, as normalised cell sets: all eight
    images, or (``mirror`` False) the four rotations of the face-up drawing only."""
    images = dihedral_images(shape_cells(code))
    return frozenset(images if mirror else images[:4])


def is_orientation(code: str, cells: Iterable[Cell], mirror: bool = True) -> bool:
    """True when ``cells`` is a translate of a rotation (or, ``mirror`` True, a reflection)
    of the face-up drawing of ``code``."""
    cells = list(cells)
    return len(set(cells)) == len(cells) and normalise(cells) in ref_orientations(code, mirror)


# ---------------------------------------------------------------- boards


def rect_cells(height: int, width: int) -> frozenset[Cell]:
    """All cells of a ``height`` x ``width`` rectangle."""
    return frozenset((r, c) for r in range(height) for c in range(width))


def rows_to_cells(rows: Sequence[str]) -> frozenset[Cell]:
    """Open cells of an ASCII board drawing (``.`` open, anything else blocked)."""
    return frozenset((r, c) for r, row in enumerate(rows) for c, ch in enumerate(row) if ch == ".")


CALENDAR_BLOCKED = frozenset({(0, 6), (1, 6), (6, 3), (6, 4), (6, 5), (6, 6)})
"""docs/RULES.md: the six ``#`` cells of the 7 x 7 calendar."""


def classic_open_cells() -> frozenset[Cell]:
    """The 43 open cells of the classic calendar board (docs/RULES.md)."""
    return rect_cells(7, 7) - CALENDAR_BLOCKED


# The calendar editions' boards, typed from their layouts ("#" blocked).
_MONTH_ROWS = ("Jan Feb Mar Apr May Jun #", "Jul Aug Sep Oct Nov Dec #")
_DAY_ROWS = tuple(" ".join(str(d) for d in range(1 + 7 * i, 8 + 7 * i)) for i in range(4))
VARIANT_BOARDS: dict[str, tuple[str, ...]] = {
    "standard": _MONTH_ROWS + _DAY_ROWS + ("29 30 31 # # # #",),
    "tetromino": _MONTH_ROWS + _DAY_ROWS + ("# # # # 29 30 31",),
    "weekday": _MONTH_ROWS + _DAY_ROWS + ("29 30 31 Sun Mon Tue Wed", "# # # # Thu Fri Sat"),
}

# edition -> (board, pieces); the pieces as listed by the editions
VARIANTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "dragonfjord": ("standard", ("F6", "SLCS", "FS", "JQHH", "XX", "BDQX", "GX", "JS")),
    "jarringwords": ("standard", ("F6", "SLCS", "FS", "SC", "XX", "BDQX", "GX", "JS")),
    "creamakerspace": ("standard", ("H6", "SLCS", "FS", "YY", "XX", "BDQX", "GX", "JS")),
    "tetromino": ("tetromino", ("O4", "I4", "F6", "SLCS", "FS", "S4", "L4", "JS", "T4")),
    "weekday": ("weekday", ("I4", "SLCS", "L4", "XX", "S4", "BDQX", "JQHH", "SC", "FS", "JS")),
}

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
"""``date.weekday()`` order (Monday = 0)."""


def board_labels(board: str) -> tuple[frozenset[Cell], dict[str, Cell]]:
    """``(open cells, label -> cell)`` of a :data:`VARIANT_BOARDS` board."""
    open_cells, where = set(), {}
    for r, row in enumerate(VARIANT_BOARDS[board]):
        for c, tok in enumerate(row.split()):
            if tok != "#":
                open_cells.add((r, c))
                where[tok] = (r, c)
    return frozenset(open_cells), where


def ref_variant_puzzle(variant: str, date) -> tuple[frozenset[Cell], tuple[Cell, ...], tuple[str, ...]]:
    """``(open cells, target cells, pieces)`` of an edition on a ``datetime.date``: the month
    and day cells, plus the real weekday's cell on the weekday board."""
    board, pieces = VARIANTS[variant]
    open_cells, where = board_labels(board)
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    labels = [months[date.month - 1], str(date.day)]
    if board == "weekday":
        labels.append(WEEKDAY_NAMES[date.weekday()])
    return open_cells, tuple(where[lab] for lab in labels), pieces


def ref_month_cell(month: int) -> Cell:
    """docs/RULES.md: month ``m`` sits at row ``(m-1)//6``, column ``(m-1)%6``."""
    return ((month - 1) // 6, (month - 1) % 6)


def ref_day_cell(day: int) -> Cell:
    """docs/RULES.md: day ``d`` sits at row ``2+(d-1)//7``, column ``(d-1)%7``."""
    return (2 + (day - 1) // 7, (day - 1) % 7)


# ---------------------------------------------------------------- exact-cover checker


def canonical(solution: Iterable) -> tuple[tuple[str, tuple[Cell, ...]], ...]:
    """Order-free form of a solution: sorted ``(code, sorted cells)`` pairs.

    Accepts pieces as ``(code, cells)`` pairs or any object with ``formation`` and
    ``cells`` attributes (such as :class:`solver.model.Placement`).
    """
    out = []
    for piece in solution:
        if hasattr(piece, "formation"):
            code, cells = piece.formation, piece.cells
        else:
            code, cells = piece
        out.append((str(code), tuple(sorted((int(r), int(c)) for r, c in cells))))
    return tuple(sorted(out))


def verify_cover(open_cells: Iterable[Cell], targets: Iterable[Cell],
                 formations: Iterable[str], solution: Iterable, mirror: bool = True) -> None:
    """Assert that ``solution`` is an exact cover of the puzzle; raise AssertionError if not.

    Checks, independently of the solver: every piece is a true orientation of its
    shape (so it also has the right number of cells) and, with ``mirror`` False, a
    rotation of its face-up drawing; no piece covers a blocked, off-board or target
    cell; every open non-target cell is covered exactly once; the formations used are
    exactly the multiset ``formations``.
    """
    open_cells = frozenset(open_cells)
    targets = frozenset(targets)
    need = open_cells - targets
    pieces = canonical(solution)
    seen: Counter = Counter()
    for code, cells in pieces:
        assert code in REF_SHAPES, f"unknown formation {code!r}"
        assert is_orientation(code, cells), f"{code} at {cells} is not an orientation of its shape"
        assert mirror or is_orientation(code, cells, False), \
            f"{code} at {cells} is turned over, but only rotations are allowed"
        for cell in cells:
            assert cell in open_cells, f"{code} covers {cell}, which is blocked or off the board"
            assert cell not in targets, f"{code} covers target cell {cell}"
            seen[cell] += 1
    doubles = sorted(c for c, n in seen.items() if n > 1)
    assert not doubles, f"cells covered more than once: {doubles}"
    missing = sorted(need - set(seen))
    assert not missing, f"cells left uncovered: {missing}"
    used = Counter(code for code, _ in pieces)
    assert used == Counter(formations), f"formations used {dict(used)} != {dict(Counter(formations))}"


def verify_distinct(solutions: Iterable) -> None:
    """Assert that no two solutions are the same set of pieces (order ignored)."""
    forms = [canonical(s) for s in solutions]
    assert len(set(forms)) == len(forms), f"{len(forms) - len(set(forms))} duplicate solution(s)"


# ---------------------------------------------------------------- reference solver


def ref_placements(code: str, open_cells: Iterable[Cell], mirror: bool = True
                   ) -> list[frozenset[Cell]]:
    """Every placement of every (``mirror`` False: every rotation-only) orientation of
    ``code`` that lies inside ``open_cells``.

    Tries each orientation at every offset of the bounding box of ``open_cells``.
    """
    open_cells = frozenset(open_cells)
    if not open_cells:
        return []
    rmax = max(r for r, _ in open_cells)
    cmax = max(c for _, c in open_cells)
    out = set()
    for o in ref_orientations(code, mirror):
        for dr in range(rmax + 1):
            for dc in range(cmax + 1):
                cells = frozenset((r + dr, c + dc) for r, c in o)
                if cells <= open_cells:
                    out.add(cells)
    return sorted(out, key=sorted)


def ref_solutions(open_cells: Iterable[Cell], formations: Iterable[str],
                  targets: Iterable[Cell] = (), fixed: Iterable = (),
                  mirror: bool = True) -> Iterator[tuple]:
    """Every exact cover, each yielded in canonical form (see :func:`canonical`).

    Plain recursive backtracking: pick the first empty cell in row-major order and
    try every remaining formation *type* (so identical formations are never
    permuted) in every placement whose first cell it is (a placement covering it
    and an earlier cell would overlap: the earlier cells are all covered).  ``fixed`` pieces are put
    down first and appear in every solution; if they overlap, leave the board or
    use a formation not in the multiset, nothing is yielded.  ``mirror`` False
    allows the rotations of each face-up drawing only (fixed pieces included).
    """
    need = set(frozenset(open_cells) - frozenset(targets))
    left = Counter(formations)
    placed: list[Piece] = []
    for code, cells in canonical(fixed):
        cells_set = set(cells)
        if left[code] <= 0 or not cells_set <= need or not is_orientation(code, cells, mirror):
            return
        left[code] -= 1
        need -= cells_set
        placed.append((code, tuple(cells)))
    if sum(len(shape_cells(c)) * n for c, n in left.items()) != len(need):
        return
    # cells as bits in row-major order; a placement can cover the first empty cell only
    # if that cell is its own first cell (every earlier cell is covered already)
    order = sorted(need)
    bit = {cell: 1 << i for i, cell in enumerate(order)}
    by_first: dict[Cell, list[tuple[str, tuple[Cell, ...], int]]] = {cell: [] for cell in order}
    for code in sorted(c for c in left if left[c] > 0):
        for cells in ref_placements(code, need, mirror):
            cells_sorted = tuple(sorted(cells))
            by_first[cells_sorted[0]].append((code, cells_sorted, sum(bit[x] for x in cells)))

    def rec(empty: int) -> Iterator[tuple]:
        if not empty:
            yield canonical(placed)
            return
        first = order[(empty & -empty).bit_length() - 1]
        for code, cells, mask in by_first[first]:
            if left[code] > 0 and mask & empty == mask:
                left[code] -= 1
                placed.append((code, cells))
                yield from rec(empty & ~mask)
                placed.pop()
                left[code] += 1

    yield from rec(sum(bit.values()))


def ref_count(open_cells: Iterable[Cell], formations: Iterable[str],
              targets: Iterable[Cell] = (), fixed: Iterable = (), mirror: bool = True) -> int:
    """Number of solutions found by :func:`ref_solutions`."""
    return sum(1 for _ in ref_solutions(open_cells, formations, targets, fixed, mirror))


def ref_solvable(open_cells: Iterable[Cell], formations: Iterable[str],
                 targets: Iterable[Cell] = (), fixed: Iterable = ()) -> bool:
    """True when :func:`ref_solutions` yields at least one solution."""
    return next(ref_solutions(open_cells, formations, targets, fixed), None) is not None


# ---------------------------------------------------------------- bit helpers


def ref_popcount(x: int) -> int:
    """Set bits of a non-negative int, via its binary string."""
    return bin(x).count("1")


def ref_components(free: int, width: int, height: int) -> list[int]:
    """4-connected regions of the bitmask ``free`` (bit ``r*width + c``), by breadth-first search.

    Returned in order of each region's lowest bit.
    """
    cells = {divmod(b, width) for b in range(width * height) if free >> b & 1}
    regions = []
    while cells:
        start = min(cells)
        todo = [start]
        comp = {start}
        cells.discard(start)
        while todo:
            r, c = todo.pop()
            for nb in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                if nb in cells:
                    cells.discard(nb)
                    comp.add(nb)
                    todo.append(nb)
        regions.append(sum(1 << (r * width + c) for r, c in comp))
    return sorted(regions, key=lambda m: m & -m)


def ref_subset_sums(counts: Sequence[int], sizes: Sequence[int]) -> set[int]:
    """All totals of sub-multisets with ``counts[k]`` pieces of ``sizes[k]`` cells available."""
    sums = {0}
    for n, s in zip(counts, sizes):
        sums = {a + j * s for a in sums for j in range(n + 1)}
    return sums


# A variant file of one's own, as a player would write it: library shapes mixed with
# the file's own shapes (a chair hexomino, a one-cell stick), rotations only.
OWN_VARIANT = """
name = "Chair and friends"
name_zh = "椅子日历"
board = '''
Jan Feb Mar Apr May Jun #
Jul Aug Sep Oct Nov Dec #
1 2 3 4 5 6 7
8 9 10 11 12 13 14
15 16 17 18 19 20 21
22 23 24 25 26 27 28
29 30 31 . # # #
'''
formations = ["chair", "U", "V", "W", "L", "N", "Y", "P", "stick"]
mirror = false

[shapes]
chair = "#../###/#.#"
stick = "#"
"""
