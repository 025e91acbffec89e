"""Exact-cover inputs for the PyPI peers ``xcover`` and ``exact-cover``, built independently.

The peers solve generic exact cover, so every benchmark case is written out as a
matrix:

* items (all primary) = every cell to cover, then one item per formation;
* options = every placement of every fixed orientation of every formation at every
  offset that stays on open cells; an option lists the cells it covers plus its
  formation's item.

Nothing here uses :mod:`solver`: the shapes are typed in from ``docs/RULES.md``
section 2 and the orientations come from the small rotate/reflect code below (the
test ``tests/test_bench_peers.py`` checks both against the orientation counts of docs/RULES.md and
against :mod:`solver.shapes`).  The calendar layout is docs/RULES.md.

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

# docs/RULES.md: code -> (letter, one orientation, distinct fixed orientations).
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

# The calendar editions' extra shapes (face-up drawings): code -> (name, drawing, orientations).
EXTRA_SHAPES: dict[str, tuple[str, str, int]] = {
    "O4": ("O4", "##/##", 1),
    "I4": ("I4", "####", 2),
    "T4": ("T4", ".#./###", 4),
    "L4": ("L4", "#../###", 8),
    "S4": ("S4", "##./.##", 4),
    "H6": ("H6", "#../###/#.#", 8),
}
ALL_SHAPES: dict[str, tuple[str, str, int]] = {**SHAPES, **EXTRA_SHAPES}

CLASSIC_CODES: tuple[str, ...] = ("F6", "BDQX", "FS", "SLCS", "JQHH", "JS", "XX", "GX")
"""docs/RULES.md Classic set: the 2 x 3 rectangle plus N, V, U, Z, P, L, Y."""

PENTOMINO_CODES: tuple[str, ...] = tuple(c for c in SHAPES if c != "F6")
"""The twelve free pentominoes."""

# docs/RULES.md: the classic 7 x 7 calendar board, '#' blocked.
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
    """Cells ``(row, col)`` of a shape drawing such as ``"#./##/.#/.#"``."""
    return tuple((r, c) for r, row in enumerate(shape.split("/"))
                 for c, ch in enumerate(row) if ch == "#")


def _normalise(cells: Iterable[Cell]) -> tuple[Cell, ...]:
    cells = list(cells)
    r0 = min(r for r, _ in cells)
    c0 = min(c for _, c in cells)
    return tuple(sorted((r - r0, c - c0) for r, c in cells))


def orientations(code: str) -> list[tuple[Cell, ...]]:
    """Distinct fixed orientations of a formation: 4 rotations x 2 reflections, de-duplicated.

    Takes a shape code; returns normalised, row-major sorted cell tuples in a sorted
    (deterministic) order.
    """
    cells = shape_cells(ALL_SHAPES[code][1])
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
        lens = [len(o) for o in self.options]
        rows = np.repeat(np.arange(len(self.options)), lens)
        cols = np.fromiter((i for opt in self.options for i in opt), dtype=np.int64,
                           count=int(sum(lens)))
        m[rows, cols] = True
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
    area = sum(len(shape_cells(ALL_SHAPES[c][1])) for c in codes)
    if area != len(cover):
        raise ValueError(f"formations cover {area} cells but {len(cover)} are to cover")
    cell_item = {cell: i for i, cell in enumerate(cover)}
    inp = CoverInput(items=list(cover) + list(codes))
    for k, code, placed in _placements(rows, codes):
        idx = [cell_item.get(cell) for cell in placed]
        if None in idx:
            continue
        inp.options.append(sorted(idx) + [len(cover) + k])
        inp.placements.append((code, placed))
    return inp


# ---------------------------------------------------------------- calendar (docs/RULES.md)


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


def calendar_inputs(dates: Sequence[_dt.date]) -> list[CoverInput]:
    """:func:`calendar_input` for many dates, sharing one placement list.

    The placements on the whole classic board are listed once; each date keeps those
    that avoid its two cells and renumbers the cell items.  Same result as calling
    :func:`calendar_input` per date (the test checks it).
    """
    base = _placements(CLASSIC_ROWS, CLASSIC_CODES)
    open_cells = [(r, c) for r, row in enumerate(CLASSIC_ROWS) for c, ch in enumerate(row)
                  if ch == "."]
    out = []
    for date in dates:
        targets = set(date_cells(date))
        cover = [cell for cell in open_cells if cell not in targets]
        cell_item = {cell: i for i, cell in enumerate(cover)}
        inp = CoverInput(items=list(cover) + list(CLASSIC_CODES))
        for k, code, placed in base:
            if targets.isdisjoint(placed):
                inp.options.append(sorted(cell_item[c] for c in placed) + [len(cover) + k])
                inp.placements.append((code, placed))
        out.append(inp)
    return out


def _placements(rows: Sequence[str], codes: Sequence[str]) -> list[tuple[int, str, tuple[Cell, ...]]]:
    """Every (formation index, code, cells) placement on the open cells of a drawing."""
    height, width = len(rows), len(rows[0])
    out = []
    for k, code in enumerate(codes):
        for cells in orientations(code):
            h = max(r for r, _ in cells) + 1
            w = max(c for _, c in cells) + 1
            for r0 in range(height - h + 1):
                for c0 in range(width - w + 1):
                    placed = tuple((r + r0, c + c0) for r, c in cells)
                    if all(rows[r][c] == "." for r, c in placed):
                        out.append((k, code, placed))
    return out


# ---------------------------------------------------------------- calendar editions

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS = ("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat")
_TOP = ("Jan Feb Mar Apr May Jun #", "Jul Aug Sep Oct Nov Dec #", "1 2 3 4 5 6 7",
        "8 9 10 11 12 13 14", "15 16 17 18 19 20 21", "22 23 24 25 26 27 28")
EDITION_BOARDS: dict[str, tuple[str, ...]] = {
    "standard": _TOP + ("29 30 31 # # # #",),
    "tetromino": _TOP + ("# # # # 29 30 31",),
    "weekday": _TOP + ("29 30 31 Sun Mon Tue Wed", "# # # # Thu Fri Sat"),
}
EDITIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "dragonfjord": ("standard", ("F6", "SLCS", "FS", "JQHH", "XX", "BDQX", "GX", "JS")),
    "jarringwords": ("standard", ("F6", "SLCS", "FS", "SC", "XX", "BDQX", "GX", "JS")),
    "creamakerspace": ("standard", ("H6", "SLCS", "FS", "YY", "XX", "BDQX", "GX", "JS")),
    "tetromino": ("tetromino", ("O4", "I4", "F6", "SLCS", "FS", "S4", "L4", "JS", "T4")),
    "weekday": ("weekday", ("I4", "SLCS", "L4", "XX", "S4", "BDQX", "JQHH", "SC", "FS", "JS")),
}
"""The editions: board name and pieces, typed from their published descriptions."""


def edition_keys(name: str, year: int = 2024) -> list[str]:
    """Every puzzle of an edition's all-dates task: ``"MM-DD"`` for the dates of a leap
    year, or ``"MM-DD/Www"`` for each weekday on the weekday board."""
    weekday = EDITIONS[name][0] == "weekday"
    out = []
    for d in leap_year_dates(year):
        key = f"{d.month:02d}-{d.day:02d}"
        out.extend([f"{key}/{w}" for w in _WEEKDAYS] if weekday else [key])
    return out


def edition_input(name: str, key: str) -> CoverInput:
    """The exact-cover problem of one edition puzzle (``key`` as in :func:`edition_keys`)."""
    board, codes = EDITIONS[name]
    rows, where = [], {}
    for r, line in enumerate(EDITION_BOARDS[board]):
        toks = line.split()
        rows.append("".join("#" if t == "#" else "." for t in toks))
        for c, t in enumerate(toks):
            where[t] = (r, c)
    month, day = int(key[:2]), int(key[3:5])
    labels = [_MONTHS[month - 1], str(day)] + ([key[6:]] if "/" in key else [])
    return build_input(rows, codes, [where[lab] for lab in labels])


def edition_sample(name: str, stride: int) -> list[str]:
    """Every ``stride``-th puzzle key of :func:`edition_keys`, from the first."""
    return edition_keys(name)[::stride]


# ---------------------------------------------------------------- symmetry (orbit counting)


def board_symmetries(rows: Sequence[str], targets: Iterable[Cell] = ()) -> list[dict[Cell, Cell]]:
    """The symmetries of a board drawing: cell maps of the square's 8 (a rectangle's 4)
    rotations and reflections that map the cells to cover onto themselves.

    Returns a list of ``{cell: image}`` dicts over the cells to cover (identity first).
    """
    targets = set(targets)
    h, w = len(rows), len(rows[0])
    cells = {(r, c) for r, row in enumerate(rows) for c, ch in enumerate(row)
             if ch == "." and (r, c) not in targets}
    maps = [
        lambda r, c: (r, c), lambda r, c: (h - 1 - r, w - 1 - c),
        lambda r, c: (h - 1 - r, c), lambda r, c: (r, w - 1 - c),
    ]
    if h == w:
        maps += [
            lambda r, c: (c, r), lambda r, c: (w - 1 - c, h - 1 - r),
            lambda r, c: (c, h - 1 - r), lambda r, c: (w - 1 - c, r),
        ]
    out = []
    for f in maps:
        g = {cell: f(*cell) for cell in cells}
        if set(g.values()) == cells:
            out.append(g)
    return out


def pivot_orbits(inp: CoverInput, group: list[dict[Cell, Cell]]
                 ) -> tuple[str, list[tuple[int, int]]]:
    """Orbits of one formation's placements under ``group``; the formation with the fewest.

    Returns ``(code, [(option index of the orbit's representative, orbit size), ...])``.
    For every solution set ``S`` and symmetry ``g``, ``g(S)`` is a solution, so the
    solutions with the pivot at any placement of an orbit are as many as with it at
    the representative: ``total = sum(size * count(representative))``.
    """
    by_code: dict[str, list[int]] = {}
    for i, (code, _) in enumerate(inp.placements):
        by_code.setdefault(code, []).append(i)
    best: tuple[str, list[tuple[int, int]]] | None = None
    for code, idxs in by_code.items():
        seen: set[frozenset] = set()
        orbits = []
        for i in idxs:
            key = frozenset(inp.placements[i][1])
            if key in seen:
                continue
            images = {frozenset(g[c] for c in key) for g in group}
            seen |= images
            orbits.append((i, len(images)))
        if best is None or len(orbits) < len(best[1]):
            best = (code, orbits)
    assert best is not None
    return best


def restrict(inp: CoverInput, code: str, keep: int) -> CoverInput:
    """A copy of ``inp`` in which formation ``code`` may only take option ``keep``."""
    out = CoverInput(items=list(inp.items))
    for i, (c, cells) in enumerate(inp.placements):
        if c != code or i == keep:
            out.options.append(inp.options[i])
            out.placements.append((c, cells))
    return out


def symmetry_inputs(rows: Sequence[str], codes: Sequence[str]
                    ) -> tuple[CoverInput, list[tuple[CoverInput, int]]]:
    """The full problem and the restricted problems of its pivot orbits.

    Returns ``(full input, [(input with the pivot fixed at a representative, orbit
    size), ...])``; the total count is the sum of orbit size x count.
    """
    full = build_input(rows, codes)
    code, orbits = pivot_orbits(full, board_symmetries(rows))
    return full, [(restrict(full, code, i), size) for i, size in orbits]


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
