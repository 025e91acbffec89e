"""Numba kernels: exact cover of a <= 64-cell board by polyomino placements.

Only small, flat ``@njit`` functions over numpy arrays and ``np.uint64`` scalars
live here; :mod:`solver.api` builds the arrays and translates results.

The search is Knuth's Algorithm X (TAOCP 7.2.2.1) specialised to bitboards:

* the *items* are the cells to cover (bits of ``free``) plus one item per piece
  type with a multiplicity (``counts[k]``: identical formations are one item, so
  permutations of equal pieces are never counted twice);
* the *options* are placements (``pl_mask[p]``: the cells one orientation of one
  formation covers at one offset), precomputed by the caller;
* branching is always on the lowest empty cell (``best_item`` = the lowest set bit
  of ``free``).  Every placement that covers it has that cell as its own lowest
  bit, so the candidates are exactly one CSR slice ``cell_first[c]:cell_first[c+1]``
  of placements sorted by their lowest bit;
* optional pruning (``prune=1``): after each placement every connected empty region
  must have a size that is a sum of a sub-multiset of the remaining piece sizes
  (SPEC section 7's sound idea, in general form).  Regions come from a
  bit-parallel flood fill.

The search uses an explicit stack (numba cannot recurse generators) held in
caller-allocated arrays, so it is *resumable*: it stops when a solution limit, a
node budget, a full trace buffer or a cancel request is reached, and a later call
with the same arrays continues exactly where it stopped.

``control`` (``int64[8]``) is shared with the UI thread; see the ``C_*`` indices.
Every 4096 nodes the kernel writes ``nodes`` there and reads the cancel flag
(Knuth's ``delta``/``timeout`` pattern).  numba gives no memory-model guarantee for
this; on x86-64 and aarch64 aligned int64 stores are observed promptly.
"""
from __future__ import annotations

import numpy as np
from numba import njit

_JIT = dict(nogil=True, cache=True)  # njit implies nopython

# control[] indices
C_CANCEL = 0      # in: non-zero asks the search to stop (status ST_CANCELLED)
C_NODES = 1       # out: placements tried so far (search-tree nodes)
C_SOLUTIONS = 2   # out: solutions found so far
C_STORED = 3      # out: solutions written to ``solutions`` so far
C_TRACE_LEN = 4   # out: events written to ``trace`` so far
C_LEVEL = 5       # state: current stack level; -1 once the search is exhausted
C_NODE_BUDGET = 6 # in: stop (ST_BUDGET) when nodes reaches this; 0 = no budget
C_SOL_LIMIT = 7   # in: stop (ST_LIMIT) when solutions reaches this; 0 = no limit
N_CONTROL = 8

# return status
ST_DONE = 0         # the whole tree was searched
ST_LIMIT = 1        # stopped at the solution limit (resumable)
ST_BUDGET = 2       # stopped at the node budget (resumable)
ST_CANCELLED = 3    # stopped by control[C_CANCEL] (resumable)
ST_TRACE_FULL = 4   # stopped because the trace buffer is full (resumable)

# trace event kinds (trace[i] = (kind, placement, extra))
EV_PLACE = 1     # placement put on the board at level ``extra``
EV_REMOVE = 2    # placement taken back (backtrack) at level ``extra``
EV_DEAD = 3      # a dead empty region: mask = placement column (low 32 bits) | extra << 32
EV_SOLUTION = 4  # the placements on the board form a solution

_U0 = np.uint64(0)
_U1 = np.uint64(1)
_M1 = np.uint64(0x5555555555555555)
_M2 = np.uint64(0x3333333333333333)
_M4 = np.uint64(0x0F0F0F0F0F0F0F0F)
_H01 = np.uint64(0x0101010101010101)
_S56 = np.uint64(56)
_S32 = np.uint64(32)
_LOW32 = np.uint64(0xFFFFFFFF)


@njit("int64(uint64)", **_JIT)
def popcount(x):
    """Number of set bits of a uint64 (SWAR, Hacker's Delight 5-1)."""
    x = x - ((x >> _U1) & _M1)
    x = (x & _M2) + ((x >> np.uint64(2)) & _M2)
    x = (x + (x >> np.uint64(4))) & _M4
    return np.int64((x * _H01) >> _S56)


@njit("int64(uint64)", **_JIT)
def lowest_bit_index(x):
    """Index of the lowest set bit of a non-zero uint64 (count of trailing zeros)."""
    return popcount((x & (~x + _U1)) - _U1)


@njit("uint64(uint64, uint64, uint64, uint64, int64)", **_JIT)
def flood(seed, free, not_first_col, not_last_col, width):
    """Connected region of ``free`` containing ``seed`` (4-neighbourhood), bit-parallel.

    Takes uint64 masks (bit ``r*W+c``) and the board width in cells; the two column
    masks stop shifts from wrapping between rows.  Returns the region's mask.
    """
    w = np.uint64(width)
    comp = seed & free
    while True:
        grow = comp | ((comp << _U1) & not_first_col) | ((comp >> _U1) & not_last_col)
        grow = (grow | (comp << w) | (comp >> w)) & free
        if grow == comp:
            return comp
        comp = grow


@njit("uint64(int64[:], int64[:])", **_JIT)
def achievable_sizes(counts, sizes):
    """Bitset of region sizes (cells) fillable by a sub-multiset of the remaining pieces.

    ``counts[k]`` pieces of ``sizes[k]`` cells remain; bit ``s`` of the result is set when
    some sub-multiset has total area ``s`` (sizes above 63 are dropped).
    """
    sums = _U1
    for k in range(counts.shape[0]):
        s = np.uint64(sizes[k])
        for _ in range(counts[k]):
            sums = sums | (sums << s)
    return sums


@njit("uint64(uint64, uint64, uint64, int64, int64[:], int64[:])", **_JIT)
def dead_region(free, not_first_col, not_last_col, width, counts, sizes):
    """First empty region whose size no sub-multiset of the remaining pieces fills, or 0.

    Takes the empty cells ``free`` (uint64), column masks and width as in :func:`flood`,
    and the remaining multiset (``counts``, ``sizes``: int64[n_types]).  Returns the
    dead region's uint64 mask, or 0 when every region passes.
    """
    total = popcount(free)
    rest = free
    sums = _U0
    have_sums = False
    while rest != _U0:
        seed = rest & (~rest + _U1)
        comp = flood(seed, free, not_first_col, not_last_col, width)
        n = popcount(comp)
        if n == total:
            return _U0
        if not have_sums:
            sums = achievable_sizes(counts, sizes)
            have_sums = True
        if n >= 64 or ((sums >> np.uint64(n)) & _U1) == _U0:
            return comp
        rest = rest & ~comp
    return _U0


@njit(
    "int64(uint64[:], int64[:], int64[:], int64[:], int64[:], "
    "uint64[:], int64[:], int64[:], int64[:], "
    "int64, uint64, uint64, int64, int64[:], int64[:,:], int64[:,:])",
    **_JIT,
)
def search(pl_mask, pl_piece, cell_first, sizes, counts,
           free_stack, ptr, end, choice,
           width, not_first_col, not_last_col, prune,
           control, solutions, trace):
    """Resumable exact-cover search (see module docstring).

    Parameters (all caller-allocated; ``L`` = number of pieces to place):
        pl_mask: uint64[P] placement masks, sorted by lowest set bit.
        pl_piece: int64[P] piece type of each placement.
        cell_first: int64[n_cells + 1] CSR offsets: placements whose lowest bit is
            ``c`` are ``cell_first[c]:cell_first[c+1]``.
        sizes: int64[K] cells per piece type.
        counts: int64[K] remaining multiplicity per type (updated in place).
        free_stack: uint64[L + 1] empty cells at each level; ptr/end: int64[L + 1]
            candidate cursor and slice end per level; choice: int64[L + 1] chosen
            placement per level.  Set up by :func:`solver.api` (level 0).
        width: board width in cells; not_first_col / not_last_col: uint64 masks.
        prune: 0 = none, 1 = dead-region check after each placement.
        control: int64[8] shared control block (``C_*``).
        solutions: int64[S, L] output rows of placement indices (levels 0..L-1).
        trace: int64[T, 3] output events ``(kind, placement, extra)``; T may be 0.

    Returns an ``ST_*`` status.  Never raises.
    """
    level = control[C_LEVEL]
    if level < 0:
        return ST_DONE
    nodes = control[C_NODES]
    n_sol = control[C_SOLUTIONS]
    stored = control[C_STORED]
    tlen = control[C_TRACE_LEN]
    tcap = trace.shape[0]
    scap = solutions.shape[0]
    budget = control[C_NODE_BUDGET]
    limit = control[C_SOL_LIMIT]
    status = ST_DONE
    while level >= 0:
        if tcap > 0 and tlen + 3 > tcap:
            status = ST_TRACE_FULL
            break
        free = free_stack[level]
        p = ptr[level]
        e = end[level]
        found = False
        while p < e:
            m = pl_mask[p]
            k = pl_piece[p]
            p += 1
            if (m & free) == m and counts[k] > 0:
                found = True
                break
        ptr[level] = p
        if not found:
            # level exhausted: backtrack and give the previous piece back
            level -= 1
            if level >= 0:
                q = choice[level]
                counts[pl_piece[q]] += 1
                if tcap > 0:
                    trace[tlen, 0] = EV_REMOVE
                    trace[tlen, 1] = q
                    trace[tlen, 2] = level
                    tlen += 1
            continue
        q = p - 1
        nodes += 1
        counts[k] -= 1
        choice[level] = q
        newfree = free & ~m
        if tcap > 0:
            trace[tlen, 0] = EV_PLACE
            trace[tlen, 1] = q
            trace[tlen, 2] = level
            tlen += 1
        if newfree == _U0:
            if stored < scap:
                for i in range(level + 1):
                    solutions[stored, i] = choice[i]
                stored += 1
            n_sol += 1
            counts[k] += 1
            if tcap > 0:
                trace[tlen, 0] = EV_SOLUTION
                trace[tlen, 1] = q
                trace[tlen, 2] = level
                trace[tlen + 1, 0] = EV_REMOVE
                trace[tlen + 1, 1] = q
                trace[tlen + 1, 2] = level
                tlen += 2
            if limit > 0 and n_sol >= limit:
                status = ST_LIMIT
                break
        else:
            dead = _U0
            if prune == 1:
                dead = dead_region(newfree, not_first_col, not_last_col, width, counts, sizes)
            if dead != _U0:
                counts[k] += 1
                if tcap > 0:
                    trace[tlen, 0] = EV_DEAD
                    trace[tlen, 1] = np.int64(dead & _LOW32)
                    trace[tlen, 2] = np.int64(dead >> _S32)
                    trace[tlen + 1, 0] = EV_REMOVE
                    trace[tlen + 1, 1] = q
                    trace[tlen + 1, 2] = level
                    tlen += 2
            else:
                level += 1
                free_stack[level] = newfree
                c = lowest_bit_index(newfree)
                ptr[level] = cell_first[c]
                end[level] = cell_first[c + 1]
        if (nodes & 4095) == 0:
            control[C_NODES] = nodes
            if control[C_CANCEL] != 0:
                status = ST_CANCELLED
                break
        if budget > 0 and nodes >= budget:
            status = ST_BUDGET
            break
    control[C_LEVEL] = level
    control[C_NODES] = nodes
    control[C_SOLUTIONS] = n_sol
    control[C_STORED] = stored
    control[C_TRACE_LEN] = tlen
    return status
