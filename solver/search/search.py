"""The :class:`Search` object: one resumable, cancellable exact-cover search.

A :class:`~solver.model.Puzzle` is a board, a multiset of shapes and optional target
cells left uncovered.  Solutions are tuples of :class:`~solver.model.Placement` in the
board's own orientation (never a rotated or mirrored canonical copy).  The player's
pieces already on the board are passed as ``fixed`` placements and stay.

The placement table comes from :mod:`solver.search.tables`; the search itself is
:func:`solver.kernels.search`, which this object drives (level 0 is set up here) and
whose output (placement rows, trace events) it translates back to the board frame.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .. import kernels as K
from ..board import Cell, InvalidPuzzleError, Mask
from ..model import IllegalPlacementError, Placement, Puzzle, Solution
from .tables import build_table, frame_mask, pivot_formation, prepared, type_code

PRUNE_MODE = 1
"""Default pruning (``kernels.search``'s ``prune``): chosen by benchmarks/run.py."""
PRUNE_MAX_STEPS = 6
"""Flood-fill step bound for ``prune=2``."""

MEMO_MIN_CELLS = 10
"""A state with fewer empty cells is not looked up in the memo (0: every state): the
last piece or two cost less to search than a probe."""

MEMO_LOG2 = 15
"""Slots (log2) of the subtree memo of the all-dates search: 32,768 keys of 16 bytes
(512 kB) and per key one 8-byte count per cell of the hole left (12 months: 3 MB).
Measured (alternating runs on a loaded machine): the Classic board's all dates keep
0.77M of 1.34M nodes with 2^14 slots, 0.69M with 2^15, 0.65M with 2^16; time 0.81,
0.76 and 0.95 of no memo (bigger tables leave the caches); tetromino 10.0M -> 3.1M
nodes with 2^15."""


_POOL = threading.local()


def _memo_take(slots: int, values: int) -> tuple[np.ndarray, np.ndarray]:
    """Memo tables of ``slots`` keys (uint64[2 slots], zeroed: all empty) and ``slots *
    values`` counts (int64, not cleared: read only once written).

    Tables a finished search of this thread gave back (:func:`_memo_give`) are reused:
    a new 3 MB array would be page-faulted in again on every all-dates call.  A search
    keeps its tables while it is paused, so two searches never share them.
    """
    free = getattr(_POOL, "free", None)
    if free is None:
        free = _POOL.free = []
    for i, (keys, vals) in enumerate(free):
        if keys.size >= 2 * slots and vals.size >= slots * values:
            del free[i]
            keys = keys[:2 * slots]
            keys[:] = 0
            return keys, vals[:slots * values]
    return np.zeros(2 * slots, dtype=np.uint64), np.empty(slots * values, dtype=np.int64)


def _memo_give(keys: np.ndarray, vals: np.ndarray) -> None:
    """Give a finished search's memo tables back to this thread's pool (at most two kept)."""
    if keys.size:
        free = getattr(_POOL, "free", None)
        if free is None:
            free = _POOL.free = []
        if len(free) < 2:
            free.append((keys.base if keys.base is not None else keys,
                         vals.base if vals.base is not None else vals))


def mrv_depth_rule(table, depth: int) -> int:
    """How many levels of a search branch by MRV (the rest on the frame's lowest empty cell).

    The rule: every level uses MRV (:func:`solver.kernels.mrv_item`), unless the piece
    types include a one-cell piece (the holes of an all-dates search): then none does.
    Measured by ``benchmarks/mrv_rule.py`` (``benchmarks/mrv_rule.md``) on every kind of
    search the game and the CLI make: an MRV node costs about three lowest-cell nodes,
    and MRV repays it where it shrinks the tree most -- the pentomino rectangles and
    the 8 x 8 board less its centre 4.4-8x fewer nodes, 1.6-3.9x faster; Classic,
    tetromino and Daily Drill dates counted one by one 3.4-4x fewer nodes, 1.3-2x
    faster -- while one-cell pieces fit any label cell, so MRV finds few tight cells
    and the all-dates trees grow (Classic 0.69M -> 0.87M nodes, 3x slower; tetromino
    3.1M -> 4.1M).  MRV on the upper levels only is worse still there: it branches on
    where a hole goes, which splits the dates the one search shares.

    Takes the search's placement table and its depth (pieces to place); returns the
    number of levels (0 or ``depth``).
    """
    if (table.sizes == 1).any():
        return 0
    return depth


def _remaining(puzzle: Puzzle, fixed: Solution, counts: dict[str, int], free: Mask
               ) -> tuple[dict[str, int], Mask]:
    """Pieces left and empty cells after the ``fixed`` placements.

    Takes the puzzle, the placements already on the board, the multiplicities by code
    and the cells to cover; returns ``(counts left by code, empty cells)``.  Raises
    :class:`IllegalPlacementError` for a placement that is not a piece of this puzzle,
    not a true (or, mirror off, not an allowed) orientation, off the board, on a
    blocked, target or occupied cell, or one piece too many.
    """
    counts = dict(counts)
    board = puzzle.board
    for pl in fixed:
        if pl.formation not in counts or pl.shape != puzzle.shape(pl.formation):
            raise IllegalPlacementError(f"{pl.formation} is not a piece of this puzzle")
        o, _, _ = pl.orientation()  # raises when not a true orientation
        if o not in puzzle.allowed(pl.formation):
            raise IllegalPlacementError(
                f"{pl.formation} is turned over, but this puzzle allows rotations only")
        try:
            m = board.mask_of(pl.cells)
        except InvalidPuzzleError as e:
            raise IllegalPlacementError(str(e)) from None
        if m & ~free:
            raise IllegalPlacementError(
                f"{pl.formation} at {list(pl.cells)} covers a blocked, target or occupied cell"
            )
        if counts.get(pl.formation, 0) <= 0:
            raise IllegalPlacementError(f"no {pl.formation} left to place")
        counts[pl.formation] -= 1
        free &= ~m
    return counts, free


class Search:
    """One resumable, cancellable search over a puzzle from a partial position.

    Construct it on any thread; call :meth:`run` (on a worker thread for the game);
    call :meth:`cancel` and read :attr:`nodes` from any other thread.

    Args:
        puzzle: the puzzle (validated here).
        fixed: placements already on the board; they stay in every solution.
        prune: True applies :data:`PRUNE_MODE` (the dead-region check, measured in
            benchmarks/), False none; an int picks a ``kernels.search`` mode (0-3).
        store: how many solutions to keep (``None`` keeps all found).
        trace_capacity: events to record for the step trace (0 = no trace, else
            at least 3: one step records up to 3 events).
        frame: search frame (0..7, see :func:`choose_frame`; ``None`` chooses).
        pivot: let the first level branch on the placements of a pivot formation
            (:func:`solver.search.tables.pivot_formation`) instead of the lowest empty cell.
        mrv: the levels below this one branch by MRV (fewest fitting placements), the
            others on the lowest empty cell; ``None`` chooses (:func:`mrv_depth_rule`).
        memo: log2 of the slots of the subtree memo (:data:`solver.kernels.MEMO_NOTE`),
            0 for none; ``None`` chooses (:meth:`_memo_tables`).  Only a count-only
            search (``store=0``) without a trace or a solution limit uses it.

    Raises:
        InvalidPuzzleError: bad puzzle (area mismatch, bad targets, ...).
        IllegalPlacementError: a fixed placement is not legal.
    """

    def __init__(self, puzzle: Puzzle, fixed: Sequence[Placement] = (), *,
                 prune: bool = True, store: int | None = 1_000_000,
                 trace_capacity: int = 0, _types: tuple | None = None,
                 _allowed: tuple[Mask, ...] | None = None,
                 _counts: dict[str, int] | None = None, frame: int | None = None,
                 pivot: bool = True, mrv: int | None = None, memo: int | None = None) -> None:
        self.puzzle = puzzle
        if _types is None:
            types, cover, base_counts = prepared(puzzle)
        else:
            types, cover, base_counts = _types, puzzle.cover_mask, _counts
        self.fixed: Solution = tuple(fixed)
        board = puzzle.board
        counts, free = _remaining(puzzle, self.fixed, base_counts, cover)
        self.types = types
        # one table per board and set of types: targets and pieces already placed only
        # shrink ``free``, and placements that do not fit it are never candidates
        self.table = build_table(board.width, board.height, board.open_mask, self.types,
                                 _allowed, frame, puzzle.mirror)
        t = self.table
        codes = [type_code(ty) for ty in self.types]
        self.depth = sum(counts[c] for c in codes)
        L = max(self.depth, 1)
        self.counts = np.array([counts[c] for c in codes], dtype=np.int64)
        # one allocation for the four stacks and the control block
        buf = np.zeros(5 * (L + 1) + K.N_CONTROL, dtype=np.int64)
        self.free_stack = buf[: L + 1].view(np.uint64)
        self.ptr = buf[L + 1: 2 * (L + 1)]
        self.end = buf[2 * (L + 1): 3 * (L + 1)]
        self.choice = buf[3 * (L + 1): 4 * (L + 1)]
        self.cand = buf[4 * (L + 1): 5 * (L + 1)].view(np.uint64)
        self.control = buf[5 * (L + 1):]
        self.opts = np.zeros(K.MRV_CAP * (L + 1), dtype=np.int64)        # MRV options per level
        self._memo_req = memo
        self._memo_arrays(counts, codes, L)
        self.fit_buf = np.zeros(max(1, t.grp_valid.size), dtype=np.uint64)
        self.prune = PRUNE_MODE if prune is True else int(prune)
        self.max_steps = PRUNE_MAX_STEPS
        self.hole_type = -1   # set by count_by_targets (kernels.search's holes)
        self.hole_index = np.zeros(0, dtype=np.int64)
        self.buckets = np.zeros(0, dtype=np.int64)
        self._store_cap = 1 << 20 if store is None else store
        self.solutions_arr = np.zeros((min(self._store_cap, 4096), L), dtype=np.int64)
        if 0 < trace_capacity < 3:
            raise ValueError("trace_capacity must be 0 (no trace) or at least 3 events")
        self.trace = np.zeros((trace_capacity, 3), dtype=np.int64)
        self.status: int | None = None
        self.seconds = 0.0
        self._lock = threading.Lock()
        self._kept: list[np.ndarray] = []
        free_f = frame_mask(board.width, board.height, t.frame, free)
        self.trivial = free_f == 0
        self.mrv_depth = mrv_depth_rule(t, self.depth) if mrv is None else int(mrv)
        self.pivot: str | None = None
        if self.trivial:
            # nothing left to cover: the fixed pieces already are a solution
            self.control[K.C_LEVEL] = -1
        else:
            self.free_stack[0] = np.uint64(free_f)
            self.pivot = pivot_formation(codes, counts) if pivot else None
            if self.pivot is not None:
                # level 0 branches on where the pivot goes (all its placements)
                k = codes.index(self.pivot)
                lo, hi = t.type_first[k], t.type_first[k + 1]
                self.ptr[0] = lo
                self.end[0] = hi
                self.cand[0] = K.candidates(t.win_mask, t.win_piece, self.counts, lo, hi,
                                            np.uint64(free_f))
            elif K.open_level(0, np.uint64(free_f), self.counts, t.sizes, self.mrv_depth,
                              t.win_mask, t.win_piece, t.win_first, t.win_off,
                              t.grp_type_first, t.grp_valid, t.grp_first, t.grp_off,
                              t.grp_cover, t.grp_entry, self.fit_buf, self.opts, self.ptr,
                              self.end, self.cand, t.grp_pack) != 0:
                # a dead end already: level 0 has nothing to try
                self.ptr[0] = self.end[0] = 0
                self.cand[0] = 0

    def _memo_arrays(self, counts: dict[str, int], codes: list[str], L: int) -> None:
        """Set up the subtree memo (:data:`solver.kernels.MEMO_NOTE`): the key weights now,
        the tables on the first :meth:`run` (:meth:`_memo_tables`), empty until then."""
        radix, weight = [], 1
        for c in codes:
            radix.append(weight)
            weight *= counts[c] + 1
        self.radix = np.array(radix, dtype=np.int64)
        self._memo_fits = weight < (1 << 62)    # the key of the pieces left is exact
        self._memo_L = L
        self._memo_ready = False
        self._memo_alloc(0, 1)

    def _memo_alloc(self, log2: int, values: int, holes: list[int] = ()) -> None:
        M = 1 << log2 if log2 else 0
        self.memo_keys, self.memo_val = _memo_take(M, values)
        self.memo_info = np.array([values, log2, MEMO_MIN_CELLS, *holes], dtype=np.int64)
        self.mstate = np.zeros((self._memo_L + 2) * (values + 5), dtype=np.int64)
        self.mstate[0] = -1
        # the key code of the pieces left at level 0: 1 + sum counts[k] * radix[k]
        self.mstate[1] = 1 + int(np.dot(self.counts, self.radix))

    def _memo_tables(self) -> None:
        """Allocate the memo before the first run, when this search uses one: ``memo`` slots
        if given, else :data:`MEMO_LOG2` for the all-dates search (set up by
        :func:`solver.search.all_dates.targets_search`: ``hole_type`` >= 0, nothing
        stored); none for other searches, whose MRV trees gain less than the tables cost
        to set up (Classic dates counted one by one).

        On the all-dates search an entry holds a count per cell of the hole left to
        place: per hole type, its number of cells (those its one-cell placements may
        take) and the bucket stride between them are read off ``hole_index``.  Entries
        have room for the hole whose cells come last in the frame order (the months on a
        calendar searched from the bottom): the one left when one is left, as every other
        hole's cells are passed, so placed, first.
        """
        self._memo_ready = True
        log2 = self._memo_req
        if log2 is None:
            log2 = MEMO_LOG2 if (self.hole_type >= 0 and self._store_cap == 0) else 0
        if not log2 or not self._memo_fits:
            return
        values, holes = 1, []
        if self.hole_type >= 0:
            t = self.table
            last = -1
            for h in range(self.hole_index.size // 64):
                cells = int(t.mono_masks[self.hole_type + h])
                n = bin(cells).count("1")
                top = int(self.hole_index[64 * h: 64 * h + 64].max())
                holes += [top // (n - 1) if n > 1 else 0, n]
                if cells.bit_length() > last:
                    last, values = cells.bit_length(), n
        self._memo_alloc(log2, values, holes)

    # -- frame conversion
    def frame_cells(self, m: int) -> tuple[Cell, ...]:
        """The board cells (sorted) of a search-frame bitmask ``m``."""
        back = self.table.back
        out = []
        while m:
            low = m & -m
            out.append(back[low.bit_length() - 1])
            m ^= low
        return tuple(sorted(out))

    def placement(self, index: int) -> Placement:
        """The :class:`Placement` (board frame) of placement row ``index`` of the table."""
        return self.table.placements[index]

    # -- control
    @property
    def nodes(self) -> int:
        """Search-tree nodes (placements tried) so far; safe to read from another thread."""
        return int(self.control[K.C_NODES])

    @property
    def count(self) -> int:
        """Solutions found so far (the total once :attr:`done`)."""
        return int(self.control[K.C_SOLUTIONS]) + (1 if self.trivial else 0)

    @property
    def done(self) -> bool:
        """True when the whole search tree has been explored."""
        return int(self.control[K.C_LEVEL]) < 0

    def cancel(self) -> None:
        """Ask a running :meth:`run` to stop within ~4096 nodes (thread-safe).

        A cancel that arrives before :meth:`run` starts makes that run return
        ``ST_CANCELLED`` at once; calling :meth:`run` again afterwards resumes.
        """
        self.control[K.C_CANCEL] = 1

    def run(self, *, max_solutions: int | None = None, node_budget: int | None = None) -> int:
        """Continue the search.

        Args:
            max_solutions: stop once this many solutions have been found in total
                (``None``: no limit).
            node_budget: stop after this many more nodes (``None``: no budget).

        Returns a ``solver.kernels.ST_*`` status.  Resumable after any status but
        ``ST_DONE``; a cancelled search resumes when :meth:`run` is called again.
        """
        with self._lock:
            if self.status == K.ST_CANCELLED:
                # resuming after a cancel: clear the request that stopped us.  A
                # cancel() that arrives before the first run() is kept, so a
                # search cancelled before it started stops at once.
                self.control[K.C_CANCEL] = 0
            if self.trivial:
                self.status = K.ST_DONE
                return self.status
            self.control[K.C_NODE_BUDGET] = (self.nodes + node_budget) if node_budget else 0
            if not self._memo_ready:
                self._memo_tables()
            t = self.table
            block = self.solutions_arr.shape[0]
            start = time.perf_counter()
            while True:
                n_sol = int(self.control[K.C_SOLUTIONS])
                stored = int(self.control[K.C_STORED])
                cap_left = self._store_cap - self._kept_rows()   # rows still allowed
                rows = max(0, min(block, cap_left))
                limit = max_solutions or 0
                flush = False
                if rows == block and cap_left > block:
                    # more rows may follow this block: stop when it is full, keep it
                    chunk = n_sol + (block - stored)
                    if limit == 0 or chunk < limit:
                        limit, flush = chunk, True
                self.control[K.C_SOL_LIMIT] = limit
                st = K.search(t.win_mask, t.win_piece, t.win_pl, t.win_first, self.cand,
                              t.win_off, t.sizes,
                              self.counts, self.free_stack, self.ptr, self.end, self.choice,
                              t.width, np.uint64(t.not_first_col), np.uint64(t.not_last_col),
                              self.prune, self.max_steps, t.mono_masks,
                              self.control,
                              self.solutions_arr[:rows], self.trace, self.hole_type,
                              self.hole_index, self.buckets, self.mrv_depth,
                              t.grp_type_first, t.grp_valid, t.grp_first, t.grp_off,
                              t.grp_cover, t.grp_entry, self.fit_buf, self.opts,
                              self.memo_keys, self.memo_val, self.memo_info, self.radix,
                              self.mstate, t.grp_pack)
                if st == K.ST_LIMIT and flush:
                    self._kept.append(self.solutions_arr.copy())
                    self.control[K.C_STORED] = 0
                    continue
                break
            self.seconds += time.perf_counter() - start
            self.status = st
            if st == K.ST_DONE and self.memo_keys.size:
                _memo_give(self.memo_keys, self.memo_val)
                self._memo_alloc(0, 1)
            return st

    def _kept_rows(self) -> int:
        return sum(b.shape[0] for b in self._kept)

    def solution_indices(self) -> np.ndarray:
        """Stored solutions as int64[n, depth] placement-row indices (search frame)."""
        stored = int(self.control[K.C_STORED])
        blocks = self._kept + [self.solutions_arr[:stored]]
        return np.concatenate(blocks)[:, : self.depth] if blocks else np.zeros((0, self.depth), np.int64)

    def solutions(self) -> list[Solution]:
        """Stored solutions, each ``fixed`` placements first, then the search's, in level order."""
        if self.trivial:
            return [self.fixed]
        return [self.fixed + tuple(self.placement(int(i)) for i in row)
                for row in self.solution_indices()]

    def take_trace(self) -> list["TraceEvent"]:
        """Decode and clear the recorded step trace (board frame).

        Call it after :meth:`run` returns (``ST_TRACE_FULL`` means more events follow:
        call :meth:`run` again with the same arguments to continue the search).
        Returns a list of :class:`TraceEvent` in search order.
        """
        n = int(self.control[K.C_TRACE_LEN])
        out: list[TraceEvent] = []
        for kind, a, b in self.trace[:n].tolist():
            if kind == K.EV_DEAD:
                mask = (a & 0xFFFFFFFF) | (b << 32)
                out.append(TraceEvent("dead", None, -1, self.frame_cells(mask)))
            else:
                name = {K.EV_PLACE: "place", K.EV_REMOVE: "remove", K.EV_SOLUTION: "solution"}[kind]
                out.append(TraceEvent(name, self.placement(a), b, ()))
        self.control[K.C_TRACE_LEN] = 0
        return out


@dataclass(frozen=True, slots=True)
class TraceEvent:
    """One step of the search, for the Solve animation.

    Attributes:
        kind: ``"place"`` (a piece put down), ``"remove"`` (taken back on backtrack),
            ``"dead"`` (the empty ``region`` cannot be filled: the last placed piece is
            taken back next.  The region is a whole empty region whose size no set of
            the pieces left adds up to; or empty cells that no placement of a piece left
            covers; or, when a piece left fits nowhere, every empty cell),
            ``"solution"`` (the pieces on the board form a solution).
        placement: the piece placed or removed (None for ``"dead"``).
        level: stack depth (0 = first piece the search places), -1 for ``"dead"``.
        region: cells of the dead region (``"dead"`` only), ``(row, col)`` board frame.
    """

    kind: str
    placement: Placement | None
    level: int
    region: tuple[Cell, ...]


