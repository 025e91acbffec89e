"""One-call helpers over :class:`~solver.search.search.Search`: first solution, count,
every solution, solvability and a hint, each from a partial position."""
from __future__ import annotations

from typing import Sequence

from ..model import Placement, Puzzle, Solution
from .search import Search


def solve_first(puzzle: Puzzle, fixed: Sequence[Placement] = ()) -> Solution | None:
    """First solution from a partial position, or None when there is none.

    Takes a :class:`Puzzle` and the placements already on the board; returns a tuple
    of placements (``fixed`` first) covering every cell to cover exactly once.
    Raises :class:`InvalidPuzzleError` / :class:`IllegalPlacementError` on bad input.
    """
    s = Search(puzzle, fixed, store=1)
    s.run(max_solutions=1)
    sols = s.solutions()
    return sols[0] if sols else None


def count_solutions(puzzle: Puzzle, fixed: Sequence[Placement] = ()) -> int:
    """Number of distinct tilings (identical formations interchangeable) from a position."""
    s = Search(puzzle, fixed, store=0)
    s.run()
    return s.count


def all_solutions(puzzle: Puzzle, fixed: Sequence[Placement] = (),
                  limit: int | None = None) -> list[Solution]:
    """Every solution (or the first ``limit``), each a tuple of placements, ``fixed`` first."""
    s = Search(puzzle, fixed, store=limit)
    s.run(max_solutions=limit)
    return s.solutions()


def is_solvable(puzzle: Puzzle, fixed: Sequence[Placement] = ()) -> bool:
    """True when the partial position can still be completed."""
    return solve_first(puzzle, fixed) is not None


def hint(puzzle: Puzzle, fixed: Sequence[Placement] = ()) -> Placement | None:
    """One more placement that keeps the position solvable, or None when it is dead.

    The placement returned covers the lowest empty cell (row-major), so repeated
    hints fill the board in reading order.  Raises as :class:`Search` does.
    """
    sol = solve_first(puzzle, fixed)
    if sol is None:
        return None
    new = sol[len(fixed):]
    if not new:
        return None
    return min(new, key=lambda p: p.cells[0])
