"""Every date of a calendar board in ONE search: the target cells become one-cell pieces."""
from __future__ import annotations

from collections import Counter
from typing import Sequence

import numpy as np

from ..board import MONTHS_EN, WEEKDAYS_EN, Cell, InvalidPuzzleError, leap_year_dates
from ..model import Puzzle
from ..shapes import Shape
from .search import Search
from .tables import frame_maps

ALL_DATES_FRAME = 4
"""Frame of :func:`count_by_targets` (row-major from the bottom-right): measured best
of the eight for the one all-dates search of every shipped edition (no pruning; nodes
in this frame against the best other frame): dragonfjord 1.98M (2.46M), jarringwords
2.05M (2.58M), creamakerspace 1.45M (1.85M), tetromino 13.4M (17.3M), weekday 494M
(638M)."""

ALL_DATES_PRUNE = 3
"""Pruning of :func:`count_by_targets` (``kernels.search`` ``prune=3``): empty regions of
one to three cells must be filled by holes allowed there (``kernels.small_region``),
and no piece may cover the last free cell of a hole still to place.  Measured (nodes,
no pruning -> this): dragonfjord 1.98M -> 1.34M, tetromino 13.4M -> 9.96M, weekday
494M -> 265M (24-28 s -> 17-18 s in one run against the small regions alone, 346M
nodes).  The flood-fill check (``prune=1``) cut tetromino to 11.1M nodes but doubled
the time: with one-cell holes left almost every region size is a sum of piece sizes."""


def targets_search(board, formations: Sequence[str], *hole_cells: Sequence[Cell],
                   prune: bool | int = ALL_DATES_PRUNE, frame: int | None = None,
                   mirror: bool = True, shapes: Sequence[Shape] = ()) -> Search:
    """The (not yet run) :class:`Search` of :func:`count_by_targets`; same arguments."""
    if not hole_cells:
        raise ValueError("count_by_targets needs at least one list of target cells")
    for cells in hole_cells:
        if not cells or len(set(cells)) != len(cells):
            raise ValueError("each list of target cells must be non-empty and without repeats")
    holder = Puzzle(board, tuple(formations), (), shapes=tuple(shapes), mirror=mirror)
    holes = tuple(f"@{h}" for h in range(len(hole_cells)))
    types = holder.types + holes
    allowed = tuple([board.open_mask] * len(holder.types)
                    + [board.mask_of(cells) for cells in hole_cells])
    counts = dict(Counter(holder.formations))
    counts.update((name, 1) for name in holes)
    s = Search(holder, (), prune=prune, store=0, _types=types, _allowed=allowed,
               _counts=counts, frame=ALL_DATES_FRAME if frame is None else frame)
    s.hole_type = len(holder.types)
    _, fwd, _ = frame_maps(board.width, board.height, s.table.frame)
    s.hole_index = np.zeros(64 * len(hole_cells), dtype=np.int64)
    stride = 1
    for h in reversed(range(len(hole_cells))):   # the first list varies slowest
        for i, (r, c) in enumerate(hole_cells[h]):
            s.hole_index[h * 64 + int(fwd[board.bit(r, c)])] = i * stride
        stride *= len(hole_cells[h])
    s.buckets = np.zeros(stride, dtype=np.int64)
    return s


def count_by_targets(board, formations: Sequence[str], *hole_cells: Sequence[Cell],
                     prune: bool | int = ALL_DATES_PRUNE, frame: int | None = None,
                     mirror: bool = True, shapes: Sequence[Shape] = ()
                     ) -> tuple[dict[tuple[Cell, ...], int], float, int]:
    """Count solutions for every target set (one cell from each list) in ONE search.

    ``hole_cells`` are one to three (or more) lists of cells, e.g. the 12 month cells,
    the 31 day cells and on a weekday board the 7 weekday cells.  A one-cell
    pseudo-piece per list may sit only on that list's cells; each tiling of the board
    by the formations plus these holes is a solution for the targets the holes mark.
    The upper levels of the search are shared by all target sets (366 dates, or the
    2,562 month/day/weekday puzzles of a weekday board) instead of being repeated.
    Each solution adds one to the bucket of its hole cells (an array with one entry
    per combination: 12 x 31 x 7 = 2,604 for a weekday board).

    ``prune`` defaults to :data:`ALL_DATES_PRUNE` (``False`` or 0: none); ``frame``
    overrides :data:`ALL_DATES_FRAME`; ``mirror`` False allows rotations only; ``shapes`` are the
    puzzle's own shapes that ``formations`` may name.

    Returns ``(counts by target cells (one per list, in list order) for the target sets
    with at least one solution, search seconds, nodes)``.  Raises ``ValueError`` for an
    empty or repeating list of cells, and as :class:`Search` does.
    """
    s = targets_search(board, formations, *hole_cells, prune=prune, frame=frame,
                       mirror=mirror, shapes=shapes)
    s.run()
    out: dict[tuple[Cell, ...], int] = {}
    for key in np.nonzero(s.buckets)[0].tolist():
        rest, cells = key, []
        for h in reversed(range(len(hole_cells))):
            rest, i = divmod(rest, len(hole_cells[h]))
            cells.append(tuple(hole_cells[h][i]))
        out[tuple(reversed(cells))] = int(s.buckets[key])
    return out, s.seconds, s.nodes


def date_counts(board, formations: Sequence[str], *, mirror: bool = True,
                shapes: Sequence[Shape] = (), frame: int | None = None,
                year: int = 2024) -> tuple[dict[str, int], float, int]:
    """Solutions for every date of a leap year on a labelled calendar board, ONE search.

    Takes a board whose labels name every month (``Jan``..``Dec``) and day (``1``..``31``)
    and, optionally, the seven weekdays (:func:`solver.board.parse_labelled_board`).
    Returns ``(counts, search seconds, nodes)`` where ``counts`` has the keys ``"MM-DD"``
    for the 366 dates of ``year`` (a leap year), or on a board with weekday cells
    ``"MM-DD/Sun"`` .. ``"MM-DD/Sat"`` (all 2,562 month/day/weekday puzzles), in date
    order.  Raises :class:`~solver.board.InvalidPuzzleError` for a missing label.
    """
    kinds = [MONTHS_EN, [str(d) for d in range(1, 32)]]
    if board.has_weekdays:
        kinds.append(WEEKDAYS_EN)
    lists = []
    for labels in kinds:
        cells = [board.cell_of(lab) for lab in labels]
        if None in cells:
            missing = labels[cells.index(None)]
            raise InvalidPuzzleError(f"the board has no cell for {missing!r}")
        lists.append(cells)
    res, seconds, nodes = count_by_targets(board, formations, *lists, frame=frame,
                                           mirror=mirror, shapes=shapes)
    out: dict[str, int] = {}
    for d in leap_year_dates(year):
        key = f"{d.month:02d}-{d.day:02d}"
        month, day = lists[0][d.month - 1], lists[1][d.day - 1]
        if board.has_weekdays:
            for w, name in enumerate(WEEKDAYS_EN):
                out[f"{key}/{name}"] = res.get((month, day, lists[2][w]), 0)
        else:
            out[key] = res.get((month, day), 0)
    return out, seconds, nodes
