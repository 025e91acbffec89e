"""The exact-cover search over polyomino puzzles (imports numba: keep it off the UI thread).

One module per job:

* :mod:`.tables` -- placement tables, search frames, window lists;
* :mod:`.search` -- :class:`Search` (resumable, cancellable), :class:`TraceEvent`;
* :mod:`.helpers` -- one-call helpers from a partial position;
* :mod:`.dead` -- :func:`explain_dead`, which placed pieces make a position dead;
* :mod:`.all_dates` -- :func:`count_by_targets`, every date of a calendar in one search;
* :mod:`.symmetry` -- board symmetry groups, counting up to symmetry, and
  :func:`solve_by_symmetry` (one search per orbit of a pivot piece).

The kernels themselves are :mod:`solver.kernels`.
"""
from __future__ import annotations

from .all_dates import count_by_targets, date_counts
from .dead import explain_dead
from .helpers import all_solutions, count_solutions, hint, is_solvable, solve_first
from .search import Search, TraceEvent
from .symmetry import (canonical, count_up_to_symmetry, solve_by_symmetry, symmetry_group,
                       unique_solutions)

__all__ = ["Search", "TraceEvent", "solve_first", "count_solutions", "all_solutions",
           "is_solvable", "hint", "explain_dead", "count_by_targets", "date_counts", "solve_by_symmetry",
           "symmetry_group", "canonical", "unique_solutions", "count_up_to_symmetry"]
