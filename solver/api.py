"""Typed Python API over the numba exact-cover kernels.

A :class:`Puzzle` is a board, a multiset of formations and optional target cells
left uncovered.  Solutions are tuples of :class:`Placement` in the board's own
orientation (SPEC section 4: never a rotated or mirrored canonical copy).  The
player's pieces already on the board are passed as ``fixed`` placements and stay.

Internals: every placement of every fixed orientation of every formation type is
precomputed once per (board, cells to cover, types) as a ``uint64`` mask and
sorted by its lowest bit into candidate lists (see :mod:`solver.kernels`).  The
search runs in a *frame*: one of the eight rotations/reflections of the board,
whose row-major order is the order the lowest-empty-cell rule fills
(:func:`choose_frame`); results are mapped back to the board's own frame before
they leave this module.
"""
from __future__ import annotations

import itertools
import threading
import time
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, Sequence

import numpy as np

from . import kernels as K
from .board import Cell, InvalidPuzzleError, Mask
from .model import IllegalPlacementError, Placement, Puzzle, Solution
from .shapes import Shape

TypeKey = "Shape | str"
"""A piece type of a placement table: a :class:`Shape`, or ``"@M"``/``"@D"`` (a one-cell
hole pseudo-piece of :func:`count_by_targets`)."""


# ---------------------------------------------------------------- placement tables


@dataclass(frozen=True)
class _Table:
    """Kernel arrays for one (board frame, cells to cover, piece types)."""

    width: int            # width of the search frame
    frame: int            # index into _FRAMES
    types: tuple            # Shape or hole name per type
    sizes: np.ndarray     # int64[K]
    pl_mask: np.ndarray   # uint64[P], sorted by lowest bit
    pl_piece: np.ndarray  # int64[P]
    cell_first: np.ndarray  # int64[n_cells + 1]
    not_first_col: int
    not_last_col: int
    win_mask: np.ndarray = None   # uint64[E] window-filtered candidate lists
    win_piece: np.ndarray = None  # int64[E]
    win_pl: np.ndarray = None     # int64[E]
    win_first: np.ndarray = None  # int64[n_cells * 64 + 1]
    win_off: np.ndarray = None    # int64[B] window offsets (bits)
    win_off_list: tuple = ()      # the same as Python ints
    fwd: tuple = ()               # board bit -> frame bit
    back: tuple = ()              # frame bit -> board (row, col)
    placements: tuple = ()        # Placement (board frame) of each table row
    type_first: tuple = ()        # win-array offsets of the per-type lists (K + 1)


def _type_cells(t, mirror: bool = True) -> tuple[tuple[Cell, ...], ...]:
    """Fixed orientations of a table type: all of a shape's, or its rotations only when
    ``mirror`` is False; one cell for a hole pseudo-piece (``"@M"``/``"@D"``)."""
    if isinstance(t, str):  # a one-cell "hole" pseudo-piece (all-dates search)
        return (((0, 0),),)
    return t.orientations[:len(t.allowed(mirror))]


def _type_code(t) -> str:
    return t if isinstance(t, str) else t.code


# The eight dihedral maps of a board cell (r, c) of an H x W board into a search
# frame; the frame's row-major order is the order the lowest-empty-cell rule fills.
_FRAMES = (
    lambda r, c, H, W: (r, c),                   # 0 row-major from the top-left
    lambda r, c, H, W: (c, r),                   # 1 column-major from the top-left
    lambda r, c, H, W: (r, W - 1 - c),           # 2 row-major from the top-right
    lambda r, c, H, W: (H - 1 - r, c),           # 3 row-major from the bottom-left
    lambda r, c, H, W: (H - 1 - r, W - 1 - c),   # 4 row-major from the bottom-right
    lambda r, c, H, W: (c, H - 1 - r),           # 5 column-major from the bottom-left
    lambda r, c, H, W: (W - 1 - c, r),           # 6 column-major from the top-right
    lambda r, c, H, W: (W - 1 - c, H - 1 - r),   # 7 column-major from the bottom-right
)


def choose_frame(width: int, height: int, cover: Mask) -> int:
    """Search frame (index into the eight dihedral maps) for a board.

    A board wider than it is tall is searched column-major (frame 1) so the
    lowest-empty-cell rule runs along the short side (6 x 10 pentominoes, all
    solutions: 19.7M nodes instead of 123M).  A taller board is searched row-major
    (frame 0) for the same reason.  A square board is searched column-major from
    the top-left, which measured best of the eight frames on the calendar boards
    (53 Classic dates: 1.05M nodes against 1.09M to 1.74M for the others; 30
    Daily Drill dates: 167k against 159k to 258k).  ``cover`` is accepted so a
    future rule may look at the blocked cells.
    """
    if width > height:
        return 1
    if width < height:
        return 0
    return 1


def pivot_formation(types: Sequence[str], counts: dict[str, int]) -> str | None:
    """Formation whose placements the first search level branches on, or None.

    The X pentomino (天门阵, one fixed orientation) when exactly one is left to
    place: it fits in few places and is hard to fit late, which is why Knuth's
    "Dancing Links" (arXiv cs/0011047) places it first.  Measured with the
    twelve pentominoes: 6 x 10, all solutions 19.7M -> 15.7M nodes; 8 x 8 less
    its centre 5.0M -> 2.3M.  On the Classic set (no X) no pivot paid off (the
    2 x 3 rectangle first: 16k -> 41k nodes for 2024-12-03).
    """
    if "TM" in types and counts.get("TM", 0) == 1:
        return "TM"
    return None


ALL_DATES_FRAME = 4
"""Frame of :func:`count_by_targets` (row-major from the bottom-right): measured best
of the eight for the one search over all dates of the Classic board (1.55M nodes
against 1.87M to 4.42M for the others)."""


@lru_cache(maxsize=64)
def _frame_maps(width: int, height: int, frame: int) -> tuple[int, np.ndarray, tuple[Cell, ...]]:
    """``(frame width, board bit -> frame bit int64[W*H], frame bit -> board cell)``."""
    fmap = _FRAMES[frame]
    H, W = (height, width) if frame in (0, 2, 3, 4) else (width, height)
    fwd = np.zeros(width * height, dtype=np.int64)
    back: list[Cell] = [(0, 0)] * (W * H)
    for r in range(height):
        for c in range(width):
            fr, fc = fmap(r, c, height, width)
            fwd[r * width + c] = fr * W + fc
            back[fr * W + fc] = (r, c)
    fwd.setflags(write=False)
    return W, fwd, tuple(back)


@lru_cache(maxsize=512)
def _type_placements(width: int, height: int, code, frame: int, mirror: bool = True
                     ) -> tuple[np.ndarray, np.ndarray, tuple[tuple[Cell, ...], ...]]:
    """Every placement of one piece type on an empty ``height x width`` rectangle.

    ``code`` is a table type (:data:`TypeKey`); ``mirror`` False keeps the rotations of
    the face-up drawing only.  Returns ``(board masks uint64[n], frame masks uint64[n],
    cells per placement)``; each allowed fixed orientation at every offset where it fits,
    cells sorted row-major.
    """
    _, fwd, _ = _frame_maps(width, height, frame)
    masks, fmasks, cells_out = [], [], []
    for cells in _type_cells(code, mirror):
        h = max(r for r, _ in cells) + 1
        w = max(c for _, c in cells) + 1
        for r0 in range(height - h + 1):
            for c0 in range(width - w + 1):
                bits = [(r + r0) * width + c + c0 for r, c in cells]
                masks.append(sum(1 << b for b in bits))
                fmasks.append(sum(1 << int(fwd[b]) for b in bits))
                cells_out.append(tuple(sorted((r + r0, c + c0) for r, c in cells)))
    return (np.array(masks, dtype=np.uint64), np.array(fmasks, dtype=np.uint64),
            tuple(cells_out))


def _lowest_bits(m: np.ndarray) -> np.ndarray:
    """Index of the lowest set bit of each non-zero uint64 (int64 array)."""
    low = m & (~m + np.uint64(1))
    return np.round(np.log2(low.astype(np.float64))).astype(np.int64)


@lru_cache(maxsize=256)
def _table(width: int, height: int, cover: Mask, types: tuple,
           allowed: tuple[Mask, ...] | None = None, frame: int | None = None,
           mirror: bool = True) -> _Table:
    """Build the placement table in a search frame (:func:`choose_frame` by default).

    Placements are generated once per rectangle and type in the board's own frame
    (every fixed orientation at every offset), kept where they lie inside ``cover``
    and mapped into the frame.  ``allowed[k]``, if given, restricts type ``k``'s
    placements to lie inside that mask (board frame); used for the one-cell
    month/day hole pieces.  ``mirror`` False keeps one-sided orientations only.
    """
    if frame is None:
        frame = choose_frame(width, height, cover)
    W, fwd, back = _frame_maps(width, height, frame)
    H = width * height // W
    fmask_parts, piece_parts, cells_all = [], [], []
    for k, code in enumerate(types):
        lim = cover if allowed is None else cover & allowed[k]
        masks, fmasks, cells = _type_placements(width, height, code, frame, mirror)
        keep = np.nonzero((masks & np.uint64(~lim & ((1 << 64) - 1))) == 0)[0]
        fmask_parts.append(fmasks[keep])
        piece_parts.append(np.full(keep.size, k, dtype=np.int64))
        shape = code if isinstance(code, Shape) else None
        cells_all.extend(Placement(shape, cells[i]) for i in keep.tolist())
    fm = np.concatenate(fmask_parts) if fmask_parts else np.zeros(0, np.uint64)
    pc = np.concatenate(piece_parts) if piece_parts else np.zeros(0, np.int64)
    low = _lowest_bits(fm)
    order = np.lexsort((pc, fm, low))  # by lowest bit, then mask, then type
    pl_mask = np.ascontiguousarray(fm[order])
    pl_piece = np.ascontiguousarray(pc[order])
    placements = tuple(cells_all[i] for i in order.tolist())
    n_cells = W * H
    cell_first = np.zeros(n_cells + 1, dtype=np.int64)
    np.cumsum(np.bincount(low, minlength=n_cells)[:n_cells], out=cell_first[1:])
    full = (1 << n_cells) - 1
    first_col = sum(1 << (r * W) for r in range(H))
    last_col = sum(1 << (r * W + W - 1) for r in range(H))
    sizes = np.array([len(_type_cells(t)[0]) for t in types], dtype=np.int64)
    win_off, win_first, win_pl = _window_lists(pl_mask, low[order], n_cells, W)
    # after the window lists: one list per piece type holding all its placements,
    # used as level 0 when the search branches on a pivot formation first
    by_type = np.argsort(pl_piece, kind="stable")
    type_first = (win_pl.size + np.searchsorted(pl_piece[by_type], np.arange(len(types) + 1))
                  ).astype(np.int64)
    win_pl = np.concatenate([win_pl, by_type.astype(np.int64)])
    return _Table(W, frame, types, sizes, pl_mask, pl_piece, cell_first,
                  full & ~first_col, full & ~last_col,
                  pl_mask[win_pl], pl_piece[win_pl], win_pl, win_first, win_off,
                  tuple(int(o) for o in win_off), tuple(int(x) for x in fwd), back,
                  placements, tuple(int(x) for x in type_first))


# The window cells around an anchor (see WINDOW_OFFSETS) sort the placements
# anchored there into 64 candidate lists.
def WINDOW_OFFSETS(W: int) -> tuple[int, ...]:
    """Window cells around an anchor ``c``: offsets in bits in a search frame ``W`` wide.

    Six cells (64 lists per anchor); 4, 8 and 10 cells measured no faster on the
    6 x 10 pentomino count (benchmarks/), and 10 uses 16x the memory.
    """
    return (1, 2, W - 1, W, W + 1, 2 * W)


def _window_lists(pl_mask: np.ndarray, anchor: np.ndarray, n_cells: int,
                  W: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Candidate lists per (anchor cell, window state) for :func:`kernels.search`.

    Takes the placement masks (uint64[P], sorted by lowest bit) and their lowest
    bits (int64[P]).  For anchor ``c`` the window is the ``B`` cells
    ``c + WINDOW_OFFSETS(W)`` (:func:`kernels.window_state`); list ``(c << B) | s``
    keeps, in table order, the placements anchored at ``c`` whose window cells are
    all empty in state ``s``.  Offsets that fall off the 64-bit board read as "not
    empty".

    Returns ``(win_off int64[B], win_first int64[(n_cells << B) + 1], win_pl int64[E])``.
    """
    offsets = np.array(WINDOW_OFFSETS(W), dtype=np.int64)
    B = offsets.size
    need = np.zeros(pl_mask.size, dtype=np.int64)
    for i, off in enumerate(offsets.tolist()):
        b = anchor + off
        inside = (b >= 0) & (b < 64)
        shift = np.where(inside, b, 0).astype(np.uint64)
        bit = ((pl_mask >> shift) & np.uint64(1)).astype(np.int64) * inside
        need |= bit << i
    states = np.arange(1 << B, dtype=np.int64)
    ok = (need[None, :] & ~states[:, None]) == 0          # [state, placement]
    list_id = (anchor[None, :] << B) | states[:, None]
    keys = list_id[ok]
    members = np.broadcast_to(np.arange(pl_mask.size), ok.shape)[ok]
    order = np.lexsort((members, keys))
    win_pl = members[order].astype(np.int64)
    win_first = np.zeros((n_cells << B) + 1, dtype=np.int64)
    np.cumsum(np.bincount(keys, minlength=n_cells << B)[: n_cells << B], out=win_first[1:])
    return offsets, win_first, win_pl


@lru_cache(maxsize=4096)
def _frame_mask(width: int, height: int, frame: int, m: Mask) -> Mask:
    """A board-frame bitmask mapped into search frame ``frame``."""
    _, fwd, _ = _frame_maps(width, height, frame)
    out = 0
    while m:
        low = m & -m
        out |= 1 << int(fwd[low.bit_length() - 1])
        m ^= low
    return out


@lru_cache(maxsize=1024)
def _prepared(puzzle: Puzzle) -> tuple[tuple[Shape, ...], Mask, dict[str, int]]:
    """Validate a puzzle once and return ``(types, cells to cover, multiplicities by code)``."""
    puzzle.validate()
    return puzzle.types, puzzle.cover_mask, dict(Counter(puzzle.formations))


# ---------------------------------------------------------------- search object

PRUNE_MODE = 1
"""Default pruning (``kernels.search``'s ``prune``): chosen by benchmarks/run.py."""
PRUNE_MAX_STEPS = 6
"""Flood-fill step bound for ``prune=2``."""



class Search:
    """One resumable, cancellable search over a puzzle from a partial position.

    Construct it on any thread; call :meth:`run` (on a worker thread for the game);
    call :meth:`cancel` and read :attr:`nodes` from any other thread.

    Args:
        puzzle: the puzzle (validated here).
        fixed: placements already on the board; they stay in every solution.
        prune: apply the dead-region check (default True; measured in benchmarks/).
        store: how many solutions to keep (``None`` keeps all found).
        trace_capacity: events to record for the step trace (0 = no trace, else
            at least 3: one step records up to 3 events).
        frame: search frame (0..7, see :func:`choose_frame`; ``None`` chooses).
        pivot: let the first level branch on the placements of a pivot formation
            (:func:`pivot_formation`) instead of the lowest empty cell.

    Raises:
        InvalidPuzzleError: bad puzzle (area mismatch, bad targets, ...).
        IllegalPlacementError: a fixed placement is not legal.
    """

    def __init__(self, puzzle: Puzzle, fixed: Sequence[Placement] = (), *,
                 prune: bool = True, store: int | None = 1_000_000,
                 trace_capacity: int = 0, _types: tuple | None = None,
                 _allowed: tuple[Mask, ...] | None = None,
                 _counts: dict[str, int] | None = None, frame: int | None = None,
                 pivot: bool = True) -> None:
        self.puzzle = puzzle
        if _types is None:
            types, cover, base_counts = _prepared(puzzle)
        else:
            types, cover, base_counts = _types, puzzle.cover_mask, _counts
        self.fixed: Solution = tuple(fixed)
        board = puzzle.board
        counts = dict(base_counts)
        free = cover
        for pl in self.fixed:
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
        self.types = types
        # one table per board and set of types: targets and pieces already placed only
        # shrink ``free``, and placements that do not fit it are never candidates
        self.table = _table(board.width, board.height, board.open_mask, self.types, _allowed,
                            frame, puzzle.mirror)
        t = self.table
        codes = [_type_code(ty) for ty in self.types]
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
        self.prune = PRUNE_MODE if prune is True else int(prune)
        self.max_steps = PRUNE_MAX_STEPS
        self.hole_type = -1
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
        free_f = _frame_mask(board.width, board.height, t.frame, cover) & ~self._to_frame(
            cover & ~free)
        self.trivial = free_f == 0
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
            else:
                c = (free_f & -free_f).bit_length() - 1
                j = c << len(t.win_off)   # kernels.window_state, in Python
                for i, off in enumerate(t.win_off_list):
                    j |= ((free_f >> (c + off)) & 1) << i
                lo, hi = int(t.win_first[j]), int(t.win_first[j + 1])
            self.ptr[0] = lo
            self.end[0] = hi
            self.cand[0] = K.candidates(t.win_mask, t.win_piece, self.counts, lo, hi,
                                        np.uint64(free_f))

    # -- frame conversion
    def _to_frame(self, m: Mask) -> Mask:
        fwd = self.table.fwd
        out = 0
        while m:
            low = m & -m
            out |= 1 << fwd[low.bit_length() - 1]
            m ^= low
        return out

    def _cells(self, m: int) -> tuple[Cell, ...]:
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
                              self.prune, self.max_steps, self.control,
                              self.solutions_arr[:rows], self.trace, self.hole_type,
                              self.buckets)
                if st == K.ST_LIMIT and flush:
                    self._kept.append(self.solutions_arr.copy())
                    self.control[K.C_STORED] = 0
                    continue
                break
            self.seconds += time.perf_counter() - start
            self.status = st
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
                out.append(TraceEvent("dead", None, -1, self._cells(mask)))
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
            taken back next), ``"solution"`` (the pieces on the board form a solution).
        placement: the piece placed or removed (None for ``"dead"``).
        level: stack depth (0 = first piece the search places), -1 for ``"dead"``.
        region: cells of the dead region (``"dead"`` only), ``(row, col)`` board frame.
    """

    kind: str
    placement: Placement | None
    level: int
    region: tuple[Cell, ...]


# ---------------------------------------------------------------- one-call helpers


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


def count_by_targets(board, formations: Sequence[str], month_cells: Sequence[Cell],
                     day_cells: Sequence[Cell], *, prune: bool | int = False,
                     frame: int | None = None, mirror: bool = True,
                     shapes: Sequence[Shape] = ()
                     ) -> tuple[dict[tuple[Cell, Cell], int], float, int]:
    """Count solutions for every (month cell, day cell) target pair in ONE search.

    Two one-cell pseudo-pieces are added: ``@M`` may sit only on ``month_cells`` and
    ``@D`` only on ``day_cells``; each tiling of the board by the formations plus
    these two holes is a solution for the date the holes mark.  The upper levels of
    the search are shared by all dates instead of being repeated 366 times.

    ``prune`` defaults to off here: in :data:`ALL_DATES_FRAME` the dead-region check
    halves nothing that pays for itself (Classic board: 1.98M nodes in 0.13 s CPU
    without it, 1.55M nodes in 0.21 s with it).  ``frame`` overrides
    :data:`ALL_DATES_FRAME`.

    Returns ``(counts by (month cell, day cell), seconds, nodes)``.
    """
    board_mask = board.open_mask
    holder = Puzzle(board, tuple(formations), (), shapes=tuple(shapes), mirror=mirror)
    types = holder.types + ("@M", "@D")
    allowed = tuple([board_mask] * (len(types) - 2)
                    + [board.mask_of(month_cells), board.mask_of(day_cells)])
    counts = dict(Counter(holder.formations))
    counts["@M"] = counts["@D"] = 1
    s = Search(holder, (), prune=prune, store=0, _types=types, _allowed=allowed,
               _counts=counts, frame=ALL_DATES_FRAME if frame is None else frame)
    s.hole_type = len(types) - 2
    s.buckets = np.zeros(64 * 64, dtype=np.int64)
    s.run()
    out: dict[tuple[Cell, Cell], int] = {}
    for key in np.nonzero(s.buckets)[0].tolist():
        a, b = divmod(key, 64)
        out[(s._cells(1 << a)[0], s._cells(1 << b)[0])] = int(s.buckets[key])
    return dict(out), s.seconds, s.nodes


def solve_by_symmetry(puzzle: Puzzle, *, enumerate_all: bool = False, prune: bool | int = True
                      ) -> tuple[int, list[Solution] | None, float, int]:
    """Count (and optionally list) every solution, searching only one placement per
    symmetry orbit of one "pivot" formation.

    Let G be the board's symmetry group (:func:`solver.symmetry.symmetry_group`) and
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
    from .symmetry import symmetry_group

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
        k = [_type_code(ty) for ty in probe.types].index(code)
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
