"""Exact-cover inputs for the PyPI peers ``xcover`` and ``exact-cover``, built independently.

The peers solve generic exact cover, so every benchmark case is written out as a
matrix:

* items (all primary) = every cell to cover, then one item per formation;
* options = every placement of every fixed orientation of every formation at every
  offset that stays on open cells; an option lists the cells it covers plus its
  formation's item.

Nothing here uses :mod:`solver`: the shapes are copied from ``shared/SPEC.md``
section 2 and the orientations come from the small rotate/reflect code below (the
test ``tests/test_bench_peers.py`` checks both against SPEC's orientation counts and
against :mod:`solver.formations`).  The calendar layout is SPEC section 1.

Two peer-specific encodings are produced from one :class:`CoverInput`:

* ``xcover``: the sparse arrays of ``xcover.algorithm_c`` (``options``,
  ``options_ptr``, ``colors``, ``n_items``, ``n_secondary``); ``xcover.covers`` and
  ``xcover.covers_bool`` are thin wrappers that build exactly these arrays and then
  call ``algorithm_c``, so the search is timed without that conversion;
* ``exact_cover``: a C-contiguous ``bool`` matrix (rows = options, columns = items),
  the only input ``exact_cover`` 1.5.0 takes.
"""
from __future__ import annotations

import calendar
import datetime as _dt
from dataclasses import dataclass, field
from typing import Iterable, Sequence

import numpy as np

Cell = tuple[int, int]

# SPEC section 2: code -> (letter, one orientation, distinct fixed orientations).
SHAPES: dict[str, tuple[str, str, int]] = {
    "F6": ("O6", "###/###", 2),
    "BDQX": ("N", "#./##/.#/.#", 8),
    "FS": ("V", "###/#../#..", 4),
    "SLCS": ("U", "##/#./##", 4),
    "JQHH": ("Z", ".##/.#./##.", 4),
    "JS": ("P", "#./##/##", 8),
    "XX": ("L", "####/#...", 8),
    "GX": ("Y", "#./#./##/#.", 8),
    "YZCS": ("I", "#####", 2),
    "SC": ("T", "###/.#./.#.", 4),
    "TM": ("X", ".#./###/.#.", 1),
    "HY": ("F", ".#./.##/##.", 8),
    "YY": ("W", ".##/##./#..", 4),
}

CLASSIC_CODES: tuple[str, ...] = ("F6", "BDQX", "FS", "SLCS", "JQHH", "JS", "XX", "GX")
"""SPEC section 2 Classic set: the 2 x 3 rectangle plus N, V, U, Z, P, L, Y."""

PENTOMINO_CODES: tuple[str, ...] = tuple(c for c in SHAPES if c != "F6")
"""The twelve free pentominoes."""

# SPEC section 1: the classic 7 x 7 calendar board, '#' blocked.
CLASSIC_ROWS: tuple[str, ...] = (
    "......#",
    "......#",
    ".......",
    ".......",
    ".......",
    ".......",
    "...####",
)
RECT_6X10_ROWS: tuple[str, ...] = ("." * 10,) * 6
SQUARE_8X8_HOLE_ROWS: tuple[str, ...] = ("." * 8,) * 3 + ("...##...",) * 2 + ("." * 8,) * 3


# ---------------------------------------------------------------- shapes


def shape_cells(shape: str) -> tuple[Cell, ...]:
    """Cells ``(row, col)`` of a SPEC shape string such as ``"#./##/.#/.#"``."""
    return tuple((r, c) for r, row in enumerate(shape.split("/"))
                 for c, ch in enumerate(row) if ch == "#")


def _normalise(cells: Iterable[Cell]) -> tuple[Cell, ...]:
    cells = list(cells)
    r0 = min(r for r, _ in cells)
    c0 = min(c for _, c in cells)
    return tuple(sorted((r - r0, c - c0) for r, c in cells))


def orientations(code: str) -> list[tuple[Cell, ...]]:
    """Distinct fixed orientations of a formation: 4 rotations x 2 reflections, de-duplicated.

    Takes a SPEC code; returns normalised, row-major sorted cell tuples in a sorted
    (deterministic) order.
    """
    cells = shape_cells(SHAPES[code][1])
    out: set[tuple[Cell, ...]] = set()
    for mirror in (False, True):
        pts = [(r, -c) for r, c in cells] if mirror else list(cells)
        for _ in range(4):
            pts = [(c, -r) for r, c in pts]  # rotate by 90 degrees
            out.add(_normalise(pts))
    return sorted(out)


# ---------------------------------------------------------------- the matrix


@dataclass
class CoverInput:
    """One exact-cover problem in peer-neutral form.

    Attributes:
        items: item labels; cells as ``(row, col)`` first, then formation codes.
        options: for each option, the sorted item indices it covers.
        placements: for each option, ``(code, cells)`` (for reading solutions back).
    """

    items: list = field(default_factory=list)
    options: list[list[int]] = field(default_factory=list)
    placements: list[tuple[str, tuple[Cell, ...]]] = field(default_factory=list)

    @property
    def n_items(self) -> int:
        """Number of items (columns); all are primary."""
        return len(self.items)

    def xcover_arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, int, int]:
        """Arguments for ``xcover.algorithm_c``: (options, options_ptr, colors, n_items, 0).

        Same layout ``xcover.covers`` builds: options flattened into ``uint32``, a
        ``uint32`` pointer array of option starts, all-zero colours, no secondary items.
        """
        flat = np.fromiter((i for opt in self.options for i in opt), dtype=np.uint32)
        ptr = np.zeros(len(self.options) + 1, dtype=np.uint32)
        ptr[1:] = np.cumsum([len(o) for o in self.options])
        colors = np.zeros(len(flat), dtype=np.uint32)
        return flat, ptr, colors, self.n_items, 0

    def bool_matrix(self) -> np.ndarray:
        """The 0/1 matrix (rows = options, columns = items), ``bool``, C-contiguous.

        This is ``exact_cover``'s input (its ``DTYPE_FOR_ARRAY`` is ``numpy.bool_``).
        """
        m = np.zeros((len(self.options), self.n_items), dtype=np.bool_)
        for r, opt in enumerate(self.options):
            m[r, opt] = True
        return np.ascontiguousarray(m)


def build_input(rows: Sequence[str], codes: Sequence[str],
                targets: Iterable[Cell] = ()) -> CoverInput:
    """Build the exact-cover problem for a board drawing, a set of formations and targets.

    Args:
        rows: board drawing, ``"."`` open and ``"#"`` blocked.
        codes: formation codes; each used once (no repeats: one item per formation).
        targets: open cells left uncovered (the date's month and day cells).

    Raises ``ValueError`` when a code repeats or the areas differ.
    """
    if len(set(codes)) != len(codes):
        raise ValueError("repeated formations need a multiset encoding; not supported here")
    targets = set(targets)
    cover = [(r, c) for r, row in enumerate(rows) for c, ch in enumerate(row)
             if ch == "." and (r, c) not in targets]
    area = sum(len(shape_cells(SHAPES[c][1])) for c in codes)
    if area != len(cover):
        raise ValueError(f"formations cover {area} cells but {len(cover)} are to cover")
    cell_item = {cell: i for i, cell in enumerate(cover)}
    inp = CoverInput(items=list(cover) + list(codes))
    height, width = len(rows), len(rows[0])
    for k, code in enumerate(codes):
        piece_item = len(cover) + k
        for cells in orientations(code):
            h = max(r for r, _ in cells) + 1
            w = max(c for _, c in cells) + 1
            for r0 in range(height - h + 1):
                for c0 in range(width - w + 1):
                    placed = tuple((r + r0, c + c0) for r, c in cells)
                    idx = [cell_item.get(cell) for cell in placed]
                    if None in idx:
                        continue
                    inp.options.append(sorted(idx) + [piece_item])
                    inp.placements.append((code, placed))
    return inp


# ---------------------------------------------------------------- calendar (SPEC section 1)


def date_cells(date: _dt.date) -> tuple[Cell, Cell]:
    """Month cell ``((m-1)//6, (m-1)%6)`` and day cell ``(2+(d-1)//7, (d-1)%7)`` of a date."""
    m, d = date.month, date.day
    return ((m - 1) // 6, (m - 1) % 6), (2 + (d - 1) // 7, (d - 1) % 7)


def leap_year_dates(year: int = 2024) -> list[_dt.date]:
    """The 366 dates of a leap year."""
    assert calendar.isleap(year)
    start = _dt.date(year, 1, 1)
    return [start + _dt.timedelta(days=i) for i in range(366)]


def calendar_input(date: _dt.date) -> CoverInput:
    """Classic board, Classic set, the date's two cells left uncovered."""
    return build_input(CLASSIC_ROWS, CLASSIC_CODES, date_cells(date))


# ---------------------------------------------------------------- running the peers


def xcover_solutions(arrays):
    """A generator of solutions (lists of option indices) from ``xcover.algorithm_c``."""
    from xcover import algorithm_c

    return algorithm_c(*arrays)


def xcover_first(arrays) -> list[int] | None:
    """First solution found by xcover (option indices), or None."""
    return next(iter(xcover_solutions(arrays)), None)


def xcover_count(arrays) -> int:
    """Number of solutions, by enumerating them all with xcover (it has no count-only call)."""
    n = 0
    for _ in xcover_solutions(arrays):
        n += 1
    return n


def exact_cover_first(matrix: np.ndarray) -> list[int] | None:
    """First solution from ``exact_cover.get_exact_cover`` (row indices), or None."""
    import exact_cover
    from exact_cover.error import NoSolution

    try:
        return [int(i) for i in exact_cover.get_exact_cover(matrix)]
    except NoSolution:
        return None


def exact_cover_count(matrix: np.ndarray) -> int:
    """Number of solutions from ``exact_cover.get_solution_count`` (counts, lists nothing)."""
    import exact_cover

    return int(exact_cover.get_solution_count(matrix))


def exact_cover_all(matrix: np.ndarray) -> set[tuple[int, ...]]:
    """All solutions from ``exact_cover.get_all_solutions`` as a set of row-index tuples.

    Note: with no ``max_count`` that call first runs the counting search to size its
    output, then a second, listing search; it raises ``NoSolution`` when there is none
    (returned here as an empty set).
    """
    import exact_cover
    from exact_cover.error import NoSolution

    try:
        return exact_cover.get_all_solutions(matrix)
    except NoSolution:
        return set()


def is_exact_cover(inp: CoverInput, rows: Iterable[int]) -> bool:
    """True when the options ``rows`` cover every item exactly once."""
    seen = [0] * inp.n_items
    for r in rows:
        for i in inp.options[r]:
            seen[i] += 1
    return all(x == 1 for x in seen)
