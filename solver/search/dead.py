"""Dead-position diagnosis: which placed pieces make a position unsolvable."""
from __future__ import annotations

import itertools
from typing import Callable, Sequence

from ..model import Placement, Puzzle
from .helpers import is_solvable


def explain_dead(puzzle: Puzzle, fixed: Sequence[Placement], *,
                 solvable: Callable[[tuple[Placement, ...]], bool] | None = None,
                 known_dead: bool = False) -> tuple[int, ...] | None:
    """Smallest set of placed pieces whose removal makes the position solvable.

    Takes the puzzle and the placed pieces; returns indices into ``fixed`` (empty
    tuple when the position is alive already; None when even the empty board has no
    solution).  Tries subsets by increasing size (at most 2**len(fixed) searches,
    each one cheap), so the answer is a minimum, and among minima the first in
    lexicographic order of indices.

    ``solvable(keep)`` replaces :func:`is_solvable` (the game's worker passes its
    cancellable search); ``known_dead=True`` skips re-checking the whole position.
    """
    fixed = tuple(fixed)
    check = solvable or (lambda keep: is_solvable(puzzle, keep))
    for k in range(1 if known_dead else 0, len(fixed) + 1):
        for drop in itertools.combinations(range(len(fixed)), k):
            if check(tuple(p for i, p in enumerate(fixed) if i not in drop)):
                return drop
    return None
