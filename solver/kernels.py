"""Numba kernels: exact cover of a <= 64-cell board by polyomino placements.

Only small, flat ``@njit`` functions over numpy arrays and ``np.uint64`` scalars
live here; :mod:`solver.search` builds the arrays (:mod:`solver.search.tables`) and
translates the results back to placements on the board.

The search (:func:`search`) is Knuth's Algorithm X (TAOCP 7.2.2.1) on bitboards:

* the *items* are the cells to cover (bits of ``free``, in a search frame: one of
  the board's eight rotations/reflections) plus one item per piece type with a
  multiplicity (``counts[k]``: identical shapes are one item, so permutations of
  equal pieces are never counted twice);
* the *options* are placements (a ``uint64`` mask: the cells one allowed orientation
  of one shape covers at one offset), precomputed by the caller;
* *branching* is on the lowest empty cell ``c`` (the lowest set bit of ``free``).
  Every placement that covers it has ``c`` as its own lowest bit, so the options
  are the placements anchored at ``c``.  These are pre-sorted into *window lists*:
  one list per (anchor ``c``, state of the six window cells ``c + win_off``), holding
  only the placements whose window cells are empty in that state
  (:func:`window_state` picks the list in a few shifts);
* each level computes a *candidate bitmask* once (:func:`candidates`): bit ``i`` set
  when entry ``i`` of the current 64-entry chunk of the list fits in ``free`` and
  its piece type is still available; the level then walks the set bits, so no
  entry is re-tested behind an unpredictable branch;
* *pivot level*: the caller may set up level 0 on the list of every placement of
  one piece type (the X pentomino, as in Knuth's "Dancing Links") instead of a
  cell's list; deeper levels always branch on the lowest empty cell;
* optional pruning (``prune=1``, ``2``): after a placement, an empty connected
  region whose size is not a sum of a sub-multiset of the remaining piece sizes
  is dead (:func:`dead_region`; regions grow by a bit-parallel flood fill);
* *holes*: for the all-dates count, one-cell pseudo-pieces stand for the target
  cells (``hole_type``: month, day and weekday holes); each solution adds one to the
  bucket of its hole cells (``hole_index``) instead of being stored, so every target
  set is counted in one tree.

The search uses an explicit stack held in caller-allocated arrays, so it is
*resumable*: it stops when a solution limit, a node budget, a full trace buffer or
a cancel request is reached, and a later call with the same arrays continues
exactly where it stopped.

``control`` (``int64[8]``) is shared with the UI thread; see the ``C_*`` indices.
Every 4096 nodes the kernel writes ``nodes`` there and reads the cancel flag
(Knuth's ``delta``/``timeout`` pattern).  numba gives no memory-model guarantee for
this; on x86-64 and aarch64 aligned int64 stores are observed promptly.
"""
from __future__ import annotations

import numpy as np
from numba import njit, types
from numba.extending import intrinsic, overload

from . import CACHE, logs

# cache only where solver/__init__ found a folder of the user's own (solver.cachedir);
# the flag must be known here, before decoration: cache=True without a usable folder raises
_JIT = dict(nogil=True, cache=CACHE.enabled)  # njit implies nopython
(logs.get("solver").info if CACHE.enabled else logs.get("solver").warning)(CACHE.why)

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
_S32 = np.uint64(32)
_LOW32 = np.uint64(0xFFFFFFFF)


def _popcnt(x):
    """Plain-Python popcount (used when a kernel runs as ``.py_func``)."""
    return np.int64(bin(int(x)).count("1"))


def _ctz(x):
    """Plain-Python count of trailing zeros of a non-zero int."""
    x = int(x)
    return np.int64((x & -x).bit_length() - 1)


@intrinsic
def _llvm_ctpop(typingctx, x):
    """LLVM ``ctpop`` on a uint64 (one POPCNT instruction where the CPU has it)."""
    def codegen(context, builder, signature, args):
        return builder.ctpop(args[0])
    return types.uint64(types.uint64), codegen


@intrinsic
def _llvm_cttz(typingctx, x):
    """LLVM ``cttz`` on a uint64 (TZCNT/BSF)."""
    def codegen(context, builder, signature, args):
        return builder.cttz(args[0], context.get_constant(types.boolean, True))
    return types.uint64(types.uint64), codegen


@overload(_popcnt, jit_options=_JIT)
def _popcnt_jit(x):
    return lambda x: np.int64(_llvm_ctpop(x))


@overload(_ctz, jit_options=_JIT)
def _ctz_jit(x):
    return lambda x: np.int64(_llvm_cttz(x))


@njit("int64(uint64)", **_JIT)
def popcount(x):
    """Number of set bits of a uint64 (LLVM ctpop when compiled)."""
    return _popcnt(x)


@njit("int64(uint64)", **_JIT)
def lowest_bit_index(x):
    """Index of the lowest set bit of a non-zero uint64 (count of trailing zeros)."""
    return _ctz(x)


@njit("uint64(int64[::1], int64[::1])", **_JIT)
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


@njit("uint64(uint64, uint64, uint64, uint64, int64, int64[::1], int64[::1], int64)", **_JIT)
def dead_region(free, near, not_first_col, not_last_col, width, counts, sizes, max_steps):
    """First empty region whose size no sub-multiset of the remaining pieces fills, or 0.

    Takes the empty cells ``free`` (uint64), ``near`` (only regions meeting these
    cells are examined; pass ``free`` for all), the column masks ``not_first_col`` /
    ``not_last_col`` (they stop shifts wrapping between rows) and the width in cells,
    the remaining multiset (``counts``, ``sizes``: int64[n_types]), and ``max_steps`` (a region still growing after that many flood steps is
    assumed fillable; 0 = no bound).  Skipping a region only weakens the pruning,
    never its soundness.  Returns the dead region's uint64 mask, or 0.
    """
    total = popcount(free)
    rest = near & free
    sums = _U0
    have_sums = False
    w = np.uint64(width)
    while rest != _U0:
        comp = rest & (~rest + _U1)
        steps = 0
        complete = True
        while True:
            grow = comp | ((comp << _U1) & not_first_col) | ((comp >> _U1) & not_last_col)
            grow = (grow | (comp << w) | (comp >> w)) & free
            if grow == comp:
                break
            comp = grow
            steps += 1
            if max_steps > 0 and steps >= max_steps:
                complete = False
                break
        if complete:
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


@njit("uint64(uint64, uint64, uint64, int64, int64[::1], int64[::1], uint64[::1])", **_JIT)
def small_region(free, not_first_col, not_last_col, width, counts, sizes, mono_masks):
    """Empty cells in regions of one to three cells that the remaining one-cell pieces
    cannot fill, or 0 (``search``'s ``prune=3``).

    Takes the empty cells ``free`` (uint64), the column masks and width as in
    :func:`dead_region`, the remaining multiset (``counts``, ``sizes``: int64[K]) and
    ``mono_masks`` (uint64[K]: the cells each one-cell type may fill, 0 for larger
    types).  A region smaller than every remaining larger piece can only be filled by
    one-cell pieces, one per cell, each allowed there.  Regions are found by counting
    empty neighbours (shifts and masks, no flood fill): a lone cell, a pair of cells
    with one empty neighbour each, and a path of three whose middle cell has exactly
    two empty neighbours, both with one.  Returns the cells of such regions when the
    one-cell pieces cannot fill them all (uint64), else 0.
    """
    w = np.uint64(width)
    d1 = (free << _U1) & not_first_col
    d2 = (free >> _U1) & not_last_col
    d3 = free << w
    d4 = free >> w
    ge1 = d1 | d2 | d3 | d4                       # at least one empty neighbour
    ge2 = (d1 & d2) | (d3 & d4) | ((d1 | d2) & (d3 | d4))
    ge3 = (d1 & d2 & (d3 | d4)) | (d3 & d4 & (d1 | d2))
    one = free & ge1 & ~ge2                       # exactly one empty neighbour
    lone = free & ~ge1
    pair = one & (((one << _U1) & not_first_col) | ((one >> _U1) & not_last_col)
                  | (one << w) | (one >> w))
    busy = free & ge2                             # two or more empty neighbours
    near_busy = (((busy << _U1) & not_first_col) | ((busy >> _U1) & not_last_col)
                 | (busy << w) | (busy >> w))
    mid = busy & ~ge3 & ~near_busy                # exactly two, both with one
    triple = mid | (one & (((mid << _U1) & not_first_col) | ((mid >> _U1) & not_last_col)
                           | (mid << w) | (mid >> w)))
    if (lone | pair | triple) == _U0:
        return _U0
    ok = _U0
    n_mono = 0
    least = 64                                    # smallest remaining larger piece
    for k in range(counts.shape[0]):
        if counts[k] > 0:
            if mono_masks[k] != _U0:
                ok |= mono_masks[k]
                n_mono += counts[k]
            elif sizes[k] < least:
                least = sizes[k]
    small = lone
    if least > 2:
        small |= pair
    if least > 3:
        small |= triple
    if small != _U0 and ((small & ~ok) != _U0 or popcount(small) > n_mono):
        return small
    return _U0


@njit("uint64(uint64, uint64, uint64, int64)", **_JIT)
def dilate(m, not_first_col, not_last_col, width):
    """Cells of ``m`` plus their 4-neighbours (uint64 masks, bit ``r*W+c``)."""
    w = np.uint64(width)
    return (m | ((m << _U1) & not_first_col) | ((m >> _U1) & not_last_col)
            | (m << w) | (m >> w))


@njit("int64(uint64, int64, int64[::1])", **_JIT)
def window_state(free, c, win_off):
    """Candidate-list index for anchor ``c``: ``(c << B) | s`` where bit ``i`` of ``s``
    says whether cell ``c + win_off[i]`` is empty in ``free`` (uint64).

    ``win_off`` is int64[B] (offsets below 64 - c read past the board as not empty).
    Placements anchored at ``c`` are pre-sorted into ``2**B`` lists by the window
    cells they need, so only those whose window cells are all empty are looked at.
    """
    x = free >> np.uint64(c)
    s = _U0
    for i in range(win_off.shape[0]):
        s |= ((x >> np.uint64(win_off[i])) & _U1) << np.uint64(i)
    return (c << win_off.shape[0]) | np.int64(s)


@njit("uint64(uint64[::1], int64[::1], int64[::1], int64, int64, uint64)", **_JIT)
def candidates(win_mask, win_piece, counts, lo, hi, free):
    """Bitmask of the usable entries among list entries ``lo .. min(hi, lo+64)-1``.

    Bit ``i`` is set when entry ``lo + i`` fits in the empty cells ``free`` (uint64)
    and its piece type still has ``counts[k] > 0``.  Computed branch-free once per
    level: neither test can change while the level is open (deeper levels restore
    ``counts`` before returning), so the search then walks the set bits instead of
    re-testing entries behind unpredictable branches.
    """
    n = hi - lo
    if n > 64:
        n = 64
    cand = _U0
    for i in range(n):
        m = win_mask[lo + i]
        ok = ((m & free) == m) & (counts[win_piece[lo + i]] > 0)
        cand |= np.uint64(ok) << np.uint64(i)
    return cand


@njit(
    "int64(uint64[::1], int64[::1], int64[::1], int64[::1], uint64[::1], int64[::1], "
    "int64[::1], int64[::1], "
    "uint64[::1], int64[::1], int64[::1], int64[::1], "
    "int64, uint64, uint64, int64, int64, uint64[::1], int64[::1], int64[:, ::1], int64[:, ::1], "
    "int64, int64[::1], int64[::1])",
    **_JIT,
)
def search(win_mask, win_piece, win_pl, win_first, cand, win_off, sizes, counts,
           free_stack, ptr, end, choice,
           width, not_first_col, not_last_col, prune, max_steps, mono_masks,
           control, solutions, trace, hole_type, hole_index, buckets):
    """Resumable exact-cover search (see module docstring).

    Parameters (all caller-allocated; ``L`` = number of pieces to place):
        win_mask: uint64[E] placement masks, grouped into candidate lists: list
            ``j = (c << B) | s`` holds the placements whose lowest cell is ``c``
            and whose cells in the window of :func:`window_state` are empty in state
            ``s``; it spans ``win_first[j] : win_first[j+1]``.
        win_piece: int64[E] piece type of each list entry.
        win_pl: int64[E] placement index (row of the caller's placement table).
        win_first: int64[(n_cells << B) + 1] CSR offsets of the lists.
        cand: uint64[L + 1] per level, the usable entries of the current 64-entry
            chunk ``ptr[level] ..`` not tried yet (:func:`candidates`).
        win_off: int64[B] window offsets (see :func:`window_state`).
        sizes: int64[K] cells per piece type.
        counts: int64[K] remaining multiplicity per type (updated in place).
        free_stack: uint64[L + 1] empty cells at each level; ptr/end: int64[L + 1]
            chunk start and list end per level; choice: int64[L + 1] chosen list
            entry per level.  Level 0 is set up by :class:`solver.search.Search`.
        width: board width in cells; not_first_col / not_last_col: uint64 masks.
        prune: 0 = none; 1 = check every empty region after each placement;
            2 = check only regions touching the new piece, flood bounded by
            ``max_steps`` steps (cheaper, slightly weaker); 3 = for the all-dates
            search, whose holes are one-cell pieces: empty regions of one to three
            cells need their own one-cell piece each (:func:`small_region`), and a
            piece may not take the last free cells a one-cell piece left to place
            may go on (shifts and masks per node).
        mono_masks: uint64[K] per piece type, the cells a one-cell type may fill (0 for
            larger types); read by ``prune=3``.
        control: int64[8] shared control block (``C_*``).
        solutions: int64[S, L] output rows of placement indices (levels 0..L-1).
        trace: int64[T, 3] output events ``(kind, placement, extra)``; T may be 0.
        hole_type: -1, or the first of ``H`` one-cell "hole" piece types (the last
            ``H`` types; :func:`solver.search.count_by_targets`): each solution then adds
            one to ``buckets[sum_h hole_index[h * 64 + cell_h]]`` where ``cell_h`` is the
            cell (search frame) of hole ``h``, so every target set is counted in one
            search without storing solutions.
        hole_index: int64[H * 64] bucket offset of each (hole, frame cell); empty when
            ``hole_type`` is -1.
        buckets: int64[n] counts per target set (empty when ``hole_type`` is -1).

    Returns an ``ST_*`` status.  Never raises.
    """
    level = control[C_LEVEL]
    if level < 0:
        return ST_DONE
    if control[C_CANCEL] != 0:
        return ST_CANCELLED
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
        c_bits = cand[level]
        if c_bits == _U0:
            if end[level] - ptr[level] > 64:
                # next 64-entry chunk of a long list
                ptr[level] += 64
                cand[level] = candidates(win_mask, win_piece, counts, ptr[level], end[level],
                                         free_stack[level])
                continue
            # level exhausted: backtrack and give the previous piece back
            level -= 1
            if level >= 0:
                q = choice[level]
                counts[win_piece[q]] += 1
                if tcap > 0:
                    trace[tlen, 0] = EV_REMOVE
                    trace[tlen, 1] = win_pl[q]
                    trace[tlen, 2] = level
                    tlen += 1
            continue
        cand[level] = c_bits & (c_bits - _U1)
        q = ptr[level] + lowest_bit_index(c_bits)
        m = win_mask[q]
        k = win_piece[q]
        nodes += 1
        counts[k] -= 1
        choice[level] = q
        newfree = free_stack[level] & ~m
        if tcap > 0:
            trace[tlen, 0] = EV_PLACE
            trace[tlen, 1] = win_pl[q]
            trace[tlen, 2] = level
            tlen += 1
        if newfree == _U0:
            if hole_type >= 0:
                key = 0
                n_holes = hole_index.shape[0] >> 6
                for i in range(level + 1):
                    h = win_piece[choice[i]] - hole_type
                    if h >= 0 and h < n_holes:
                        key += hole_index[(h << 6) + lowest_bit_index(win_mask[choice[i]])]
                buckets[key] += 1
            if stored < scap:
                for i in range(level + 1):
                    solutions[stored, i] = win_pl[choice[i]]
                stored += 1
            n_sol += 1
            counts[k] += 1
            if tcap > 0:
                trace[tlen, 0] = EV_SOLUTION
                trace[tlen, 1] = win_pl[q]
                trace[tlen, 2] = level
                trace[tlen + 1, 0] = EV_REMOVE
                trace[tlen + 1, 1] = win_pl[q]
                trace[tlen + 1, 2] = level
                tlen += 2
            if limit > 0 and n_sol >= limit:
                status = ST_LIMIT
                break
        else:
            dead = _U0
            if prune == 1:
                dead = dead_region(newfree, newfree, not_first_col, not_last_col, width,
                                   counts, sizes, 0)
            elif prune == 2:
                near = dilate(m, not_first_col, not_last_col, width)
                dead = dead_region(newfree, near, not_first_col, not_last_col, width,
                                   counts, sizes, max_steps)
            elif prune == 3:
                dead = small_region(newfree, not_first_col, not_last_col, width, counts, sizes,
                                    mono_masks)
                # the piece took the last free cells a one-cell piece may go on (the
                # all-dates holes are the last types: only those are looked at)
                for kk in range(max(hole_type, 0), mono_masks.shape[0]):
                    if (counts[kk] > 0 and (mono_masks[kk] & m) != _U0
                            and popcount(mono_masks[kk] & newfree) < counts[kk]):
                        dead = m
                        break
            if dead != _U0:
                counts[k] += 1
                if tcap > 0:
                    trace[tlen, 0] = EV_DEAD
                    trace[tlen, 1] = np.int64(dead & _LOW32)
                    trace[tlen, 2] = np.int64(dead >> _S32)
                    trace[tlen + 1, 0] = EV_REMOVE
                    trace[tlen + 1, 1] = win_pl[q]
                    trace[tlen + 1, 2] = level
                    tlen += 2
            else:
                level += 1
                free_stack[level] = newfree
                j = window_state(newfree, lowest_bit_index(newfree), win_off)
                lo = win_first[j]
                hi = win_first[j + 1]
                ptr[level] = lo
                end[level] = hi
                cand[level] = candidates(win_mask, win_piece, counts, lo, hi, newfree)
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
