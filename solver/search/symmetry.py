"""Board symmetries: counting solutions "up to symmetry", and counting faster by symmetry.

The symmetry group of a puzzle is the set of dihedral transforms of its rectangle
(the 4 rotations and 4 reflections of a square; for a non-square rectangle only the
identity, the half turn and the two mirror flips keep its shape) that map the open
cells onto the open cells and the target cells onto the target cells. Two solutions
are the same "up to symmetry" when one such transform maps one onto the other.

Each solution is canonicalised as the smallest, over the group, of its transformed
placement lists (each placement a ``(formation code, sorted cells)`` pair, the list
sorted), so identical formations stay interchangeable, and the distinct canonical
forms are counted. The published counts this reproduces (the tests check them):
6 x 10 with the twelve pentominoes 9,356 tilings = 2,339 up to symmetry; 8 x 8 less
its centre 2 x 2: 520 = 65; 5 x 5 with U, Z, T, L, P: 8 = 1.

A reflected formation is still the same formation (they are free polyominoes), so
the transforms never change a placement's code.  Under the rotations-only rule
(``mirror`` off) the reflections are not symmetries (:func:`symmetry_group`).

:func:`solve_by_symmetry` uses the group the other way round: it searches one
placement per orbit of a pivot piece and multiplies, which is exact.
"""
from __future__ import annotations

from collections import Counter
from typing import Callable, Iterable

import numpy as np

from ..board import Board, Cell
from ..model import Placement, Puzzle, Solution
from .search import Search
from .tables import type_code

Transform = Callable[[int, int], Cell]


def _transforms(height: int, width: int) -> list[tuple[str, Transform]]:
    h, w = height - 1, width - 1
    out: list[tuple[str, Transform]] = [
        ("identity", lambda r, c: (r, c)),
        ("rotate 180", lambda r, c: (h - r, w - c)),
        ("mirror left-right", lambda r, c: (r, w - c)),
        ("mirror top-bottom", lambda r, c: (h - r, c)),
    ]
    if height == width:
        out += [
            ("rotate 90", lambda r, c: (c, h - r)),
            ("rotate 270", lambda r, c: (w - c, r)),
            ("transpose", lambda r, c: (c, r)),
            ("anti-transpose", lambda r, c: (w - c, h - r)),
        ]
    return out


_REFLECTIONS = ("mirror left-right", "mirror top-bottom", "transpose", "anti-transpose")


def symmetry_group(board: Board, targets: Iterable[Cell] = (), mirror: bool = True
                   ) -> list[tuple[str, Transform]]:
    """The dihedral transforms that map the board's open cells and the targets onto themselves.

    Takes a :class:`~solver.board.Board`, the target cells and the mirror rule; returns
    ``(name, transform)`` pairs, the identity first, where ``transform(r, c)`` gives the
    image cell. Between 1 and 8 elements (at most 4 when the board is not square).  With
    ``mirror`` False (pieces may not be turned over) the reflections are left out: they
    would map a solution onto one made of turned-over pieces.
    """
    targets = set(map(tuple, targets))
    open_cells = set(board.cells_of(board.open_mask))
    out = []
    for name, t in _transforms(board.height, board.width):
        if not mirror and name in _REFLECTIONS:
            continue
        if ({t(r, c) for r, c in open_cells} == open_cells
                and {t(r, c) for r, c in targets} == targets):
            out.append((name, t))
    return out


def _key(solution: Iterable[Placement], t: Transform) -> tuple:
    return tuple(sorted((p.formation, tuple(sorted(t(r, c) for r, c in p.cells)))
                        for p in solution))


def canonical(solution: Solution, group: list[tuple[str, Transform]]) -> tuple:
    """Canonical form of a solution under a symmetry group (see the module docstring).

    Takes a solution and a group from :func:`symmetry_group`; returns a hashable
    tuple equal for exactly the solutions that some group element maps onto each other.
    """
    return min(_key(solution, t) for _, t in group)


def unique_solutions(puzzle: Puzzle, solutions: Iterable[Solution]) -> list[Solution]:
    """One solution per symmetry class, the first one met of each, in input order.

    Takes the puzzle (its board and targets define the group) and its solutions;
    returns the representatives, each unchanged (in the board's own orientation).
    Same classes as :func:`canonical`; each placement's images are computed once and
    memoised, since the same placements recur across thousands of solutions.
    """
    group = symmetry_group(puzzle.board, puzzle.targets, puzzle.mirror)
    images: dict[Placement, tuple] = {}
    seen: set[tuple] = set()
    out = []
    for sol in solutions:
        per_t = []
        for pl in sol:
            img = images.get(pl)
            if img is None:
                img = tuple((pl.formation, tuple(sorted(t(r, c) for r, c in pl.cells)))
                            for _, t in group)
                images[pl] = img
            per_t.append(img)
        key = min(tuple(sorted(col)) for col in zip(*per_t))
        if key not in seen:
            seen.add(key)
            out.append(sol)
    return out


def count_up_to_symmetry(puzzle: Puzzle, solutions: Iterable[Solution]) -> int:
    """Number of symmetry classes among the solutions (see :func:`unique_solutions`)."""
    return len(unique_solutions(puzzle, solutions))


def solve_by_symmetry(puzzle: Puzzle, *, enumerate_all: bool = False, prune: bool | int = True
                      ) -> tuple[int, list[Solution] | None, float, int]:
    """Count (and optionally list) every solution, searching only one placement per
    symmetry orbit of one "pivot" formation.

    Let G be the board's symmetry group (:func:`symmetry_group`) and
    take a formation used once.  For a placement ``x`` of it, every ``g`` in G maps
    the solutions with the pivot at ``x`` one-to-one onto those with the pivot at
    ``g(x)``; so with one representative ``r`` per orbit ``O``,
    ``total = sum(|O| * count(r))`` exactly (no assumption about symmetric
    solutions), and the solutions for ``g(r)`` are the images ``g(S)``.  This is
    the X-pentomino restriction of Knuth's "Dancing Links" (arXiv cs/0011047)
    done for any pivot; the pivot is the formation with the fewest orbits.

    Takes a validated-able :class:`Puzzle`; returns ``(count, solutions or None,
    search seconds, nodes)``; every solution listed in the board's own frame.
    Falls back to one plain search when the group is trivial or no formation is
    used exactly once.
    """
    puzzle.validate()
    group = [t for _, t in symmetry_group(puzzle.board, puzzle.targets, puzzle.mirror)]
    counts = Counter(puzzle.formations)
    singles = [ty.code for ty in puzzle.types if counts[ty.code] == 1]
    if len(group) == 1 or not singles:
        s = Search(puzzle, prune=prune, store=None if enumerate_all else 0)
        s.run()
        return s.count, (s.solutions() if enumerate_all else None), s.seconds, s.nodes

    def image(p: Placement, g) -> Placement:
        return Placement.make(p.shape, (g(r, c) for r, c in p.cells))

    probe = Search(puzzle, store=0, prune=prune)
    best = None
    cover = puzzle.cover_mask
    for code in singles:
        k = [type_code(ty) for ty in probe.types].index(code)
        placements = [pl for pl in (probe.placement(i)
                                    for i in np.nonzero(probe.table.pl_piece == k)[0])
                      if puzzle.board.mask_of(pl.cells) & ~cover == 0]
        seen: set[Placement] = set()
        orbits = []
        for p in placements:
            if p in seen:
                continue
            imgs: dict[Placement, object] = {}
            for g in group:
                imgs.setdefault(image(p, g), g)
            seen.update(imgs)
            orbits.append((p, imgs))
        if best is None or len(orbits) < len(best):
            best = orbits
    total, seconds, nodes = 0, 0.0, 0
    sols: list[Solution] | None = [] if enumerate_all else None
    for rep, imgs in best:
        s = Search(puzzle, (rep,), prune=prune, store=None if enumerate_all else 0)
        s.run()
        total += len(imgs) * s.count
        seconds += s.seconds
        nodes += s.nodes
        if enumerate_all:
            found = s.solutions()
            for g in imgs.values():
                sols.extend(tuple(image(p, g) for p in sol) for sol in found)
    return total, sols, seconds, nodes
