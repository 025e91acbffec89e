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
* *branching* (Knuth's "choose an item"), per level:

  - on the *lowest empty cell* ``c`` (the lowest set bit of ``free``): every
    placement that covers it has ``c`` as its own lowest bit, so the options are
    the placements anchored at ``c``.  These are pre-sorted into *window lists*:
    one list per (anchor ``c``, state of the six window cells ``c + win_off``),
    holding only the placements whose window cells are empty in that state
    (:func:`window_state` picks the list in a few shifts);
  - or, on the levels ``< mrv_depth``, on the item with the *minimum remaining
    values* (Knuth's MRV): the empty cell, or the piece type left once, with the
    fewest fitting placements (:func:`mrv_item`: the fitting placements of every
    orientation are a bitboard of anchors, their cells are summed per cell by
    bit-sliced counters -- shifts and masks, no loop over cells), ties to the cell,
    then to the frame's lowest cell.  An empty cell no placement covers, or a piece
    that fits nowhere, ends the branch (a dead end, traced as a dead region).  The
    options of an MRV choice other than the lowest cell are found from the same
    bitboards and listed per level in ``opts`` (:func:`open_level`);

* each level computes a *candidate bitmask* once (:func:`candidates`): bit ``i`` set
  when entry ``i`` of the current 64-entry chunk of the list fits in ``free`` and
  its piece type is still available; the level then walks the set bits, so no
  entry is re-tested behind an unpredictable branch;
* *pivot level*: the caller may set up level 0 on the list of every placement of
  one piece type (the X pentomino, as in Knuth's "Dancing Links") instead;
* optional pruning (``prune=1``, ``2``): after a placement, an empty connected
  region whose size is not a sum of a sub-multiset of the remaining piece sizes
  is dead (:func:`dead_region`; regions grow by a bit-parallel flood fill: on a
  padded frame, where every row ends in an always-empty bit, by shifts and ``&
  free`` alone; ``prune=3``: :func:`small_region` for the all-dates search);
* *holes*: for the all-dates count, one-cell pseudo-pieces stand for the target
  cells (``hole_type``: month, day and weekday holes); each solution adds one to the
  bucket of its hole cells (``hole_index``) instead of being stored, so every target
  set is counted in one tree;
* *subtree memo* (a transposition table) for a count-only search: the solutions below
  a state (empty cells, pieces left) are kept per hole cell and added again when the
  state comes back (:data:`MEMO_NOTE`).

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

NRT_NOTE = """The search kernel is compiled without numba's reference counting (the
``_nrt=False`` option): it allocates nothing, and with counting on, every array passed
to an inlined helper paid atomic increments and decrements on every node (Classic all
dates: 0.60 s -> 0.06 s).  Helpers the search calls are ``inline="always"``."""

try:  # a private numba option: when a numba release drops it, compile with counting on
    from numba.core.cpu import CPUTargetOptions as _Options

    _NO_NRT = {"_nrt": False} if hasattr(_Options, "_nrt") else {}
except ImportError:  # pragma: no cover - depends on numba's internals
    _NO_NRT = {}

_U0 = np.uint64(0)
_U1 = np.uint64(1)
_ALL = np.uint64(0xFFFFFFFFFFFFFFFF)
_B8 = np.uint64(0xFF)
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


@njit("int64(uint64)", inline="always", **_JIT)
def popcount(x):
    """Number of set bits of a uint64 (LLVM ctpop when compiled)."""
    return _popcnt(x)


@njit("int64(uint64)", inline="always", **_JIT)
def lowest_bit_index(x):
    """Index of the lowest set bit of a non-zero uint64 (count of trailing zeros)."""
    return _ctz(x)


@njit("uint64(int64[::1], int64[::1])", inline="always", **_JIT)
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


@njit("uint64(uint64, uint64, uint64, uint64, int64, int64[::1], int64[::1], int64)", inline="always", **_JIT)
def dead_region(free, near, not_first_col, not_last_col, width, counts, sizes, max_steps):
    """First empty region whose size no sub-multiset of the remaining pieces fills, or 0.

    Takes the empty cells ``free`` (uint64), ``near`` (only regions meeting these
    cells are examined; pass ``free`` for all), the column masks ``not_first_col`` /
    ``not_last_col`` (they stop shifts wrapping between rows) and the width in cells,
    the remaining multiset (``counts``, ``sizes``: int64[n_types]), and ``max_steps``
    (a region still growing after that many flood steps is assumed fillable; 0 = no
    bound).  Skipping a region only weakens the pruning, never its soundness.  On a
    padded frame (every row ends in a bit that is never empty; ``width`` is the row
    stride) both column masks are all ones and a flood step is four shifts and ``&
    free``.  Returns the dead region's uint64 mask, or 0.
    """
    total = popcount(free)
    rest = near & free
    sums = _U0
    have_sums = False
    w = np.uint64(width)
    padded = (not_first_col & not_last_col) == _ALL
    while rest != _U0:
        comp = rest & (~rest + _U1)
        steps = 0
        complete = True
        while True:
            if padded:
                grow = (comp | (comp << _U1) | (comp >> _U1) | (comp << w) | (comp >> w)) & free
            else:
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


@njit("uint64(uint64, uint64, uint64, int64, int64[::1], int64[::1], uint64[::1])",
      inline="always", **_JIT)
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


@njit("uint64(uint64, uint64, uint64, int64)", inline="always", **_JIT)
def dilate(m, not_first_col, not_last_col, width):
    """Cells of ``m`` plus their 4-neighbours (uint64 masks, bit ``r*W+c``)."""
    w = np.uint64(width)
    return (m | ((m << _U1) & not_first_col) | ((m >> _U1) & not_last_col)
            | (m << w) | (m >> w))


@njit("int64(uint64, int64, int64[::1])", inline="always", **_JIT)
def window_state(free, c, win_off):
    """Candidate-list index for anchor ``c``: ``(c << B) | s`` where bit ``i`` of ``s``
    says whether cell ``c + win_off[i]`` is empty in ``free`` (uint64).

    ``win_off`` is int64[B] (offsets below 64 - c read past the board as not empty).
    Placements anchored at ``c`` are pre-sorted into ``2**B`` lists by the window
    cells they need, so only those whose window cells are all empty are looked at.
    """
    x = free >> np.uint64(c)
    if win_off.shape[0] == 6:   # the tables' window: unrolled
        s = (((x >> np.uint64(win_off[0])) & _U1)
             | (((x >> np.uint64(win_off[1])) & _U1) << _U1)
             | (((x >> np.uint64(win_off[2])) & _U1) << np.uint64(2))
             | (((x >> np.uint64(win_off[3])) & _U1) << np.uint64(3))
             | (((x >> np.uint64(win_off[4])) & _U1) << np.uint64(4))
             | (((x >> np.uint64(win_off[5])) & _U1) << np.uint64(5)))
        return (c << 6) | np.int64(s)
    s = _U0
    for i in range(win_off.shape[0]):
        s |= ((x >> np.uint64(win_off[i])) & _U1) << np.uint64(i)
    return (c << win_off.shape[0]) | np.int64(s)


@njit("uint64(uint64[::1], int64[::1], int64[::1], int64, int64, uint64)", inline="always", **_JIT)
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


@njit(inline="always", **_JIT)
def _add(b0, b1, b2, b3, b4, sat, x0, x1, x2):
    """Add a 3-bit number per cell (bit planes ``x0, x1, x2``, uint64) to the bit-sliced
    counters ``b0..b4`` (bits 0..4 of each cell's count) and ``sat`` (set once the count
    reached :data:`MRV_CAP`, then kept).  A ripple of full adders, one per plane;
    returns the new ``(b0, b1, b2, b3, b4, sat)``."""
    c = b0 & x0
    b0 ^= x0
    t = b1 ^ x1
    c1 = (b1 & x1) | (t & c)
    b1 = t ^ c
    t = b2 ^ x2
    c = (b2 & x2) | (t & c1)
    b2 = t ^ c1
    c4 = b3 & c
    b3 ^= c
    sat |= b4 & c4
    b4 ^= c4
    return b0, b1, b2, b3, b4, sat


MRV_CAP = 32
"""Cell counts of :func:`mrv_item` saturate here (five bit planes): an MRV choice other
than the lowest empty cell has at most ``MRV_CAP - 1`` options (``opts``: ``MRV_CAP``
entries per level).  Measured: 3 planes (cap 8) visit 549k nodes on the 8 x 8 board
less its centre, 4 planes 307k, 5 planes 292k, 6 planes no fewer; on 6 x 10, 4.2M
with 4 planes, 3.6M with 5."""


@njit("Tuple((int64, int64, uint64))(uint64, int64[::1], int64[::1], int64[::1], "
      "uint64[::1], int64[::1], int64[::1], uint64[::1], uint64[::1])", inline="always", **_JIT)
def mrv_item(free, counts, sizes, grp_type_first, grp_valid, grp_first, grp_off, fit_buf,
             grp_pack):
    """The item to branch on by Knuth's MRV rule: the fewest fitting placements.

    Takes the empty cells ``free`` (uint64, search frame), the remaining multiplicity
    ``counts`` and the cells ``sizes`` per piece type (int64[K]), the orientation
    groups of the table (:func:`solver.search.tables.orientation_groups`: groups of
    type ``k`` are ``grp_type_first[k] .. grp_type_first[k + 1] - 1``; group ``g`` has
    anchors ``grp_valid[g]`` and cell offsets ``grp_off[grp_first[g]:grp_first[g+1]]``,
    the first one 0, the others also packed a byte each in ``grp_pack[g]`` for groups
    of 4 to 6 cells), and a scratch ``fit_buf`` (uint64[G]).

    For each group of a piece still available, the anchors where it fits are
    ``fits = valid & AND_d (free >> d)`` (written to ``fit_buf[g]``); the shifted
    copies ``fits << d`` (the cells these placements cover) are summed per cell by
    carry-save adders and added to bit-sliced counters (:func:`_add`), so the fitting
    placements of every cell are counted at once with shifts and masks.

    Returns ``(item, n, dead)``:

    * ``dead != 0``: no solution below this position; ``dead`` is the empty cells
      no placement covers (or, when a remaining piece fits nowhere, all of ``free``);
    * else ``item`` is a frame cell ``0..63`` or ``64 + k`` for piece type ``k`` (only
      types with ``counts[k] == 1``: a repeated type is not one item), ``n`` its number
      of fitting placements.  A cell with :data:`MRV_CAP` or more counts as ``MRV_CAP``;
      when every cell does, and no piece has fewer, the item is the lowest empty cell.
      Ties go to a cell, and among cells to the lowest (the frame order).
    """
    b0 = _U0
    b1 = _U0
    b2 = _U0
    b3 = _U0
    b4 = _U0
    sat = _U0
    best_piece = -1
    best_pn = np.int64(1) << 40
    for k in range(sizes.shape[0]):
        if counts[k] <= 0:
            continue
        nk = np.int64(0)
        size = sizes[k]
        for g in range(grp_type_first[k], grp_type_first[k + 1]):
            o = grp_first[g]
            # the first offset is 0 (the anchor); sizes 4, 5 and 6 are unrolled: the
            # copies are summed by full adders (FA: sum = x ^ y ^ z, carry = majority)
            if size == 5:
                pk = grp_pack[g]
                d1 = pk & _B8
                d2 = (pk >> np.uint64(8)) & _B8
                d3 = (pk >> np.uint64(16)) & _B8
                d4 = (pk >> np.uint64(24)) & _B8
                fits = grp_valid[g] & free & (free >> d1) & (free >> d2) & (free >> d3) \
                    & (free >> d4)
                x1 = fits << d1
                x2 = fits << d2
                x3 = fits << d3
                x4 = fits << d4
                u = fits ^ x1
                s = u ^ x2
                cy = (fits & x1) | (u & x2)
                u = s ^ x3
                s0 = u ^ x4
                cy2 = (s & x3) | (u & x4)
                b0, b1, b2, b3, b4, sat = _add(b0, b1, b2, b3, b4, sat, s0, cy ^ cy2, cy & cy2)
            elif size == 4:
                pk = grp_pack[g]
                d1 = pk & _B8
                d2 = (pk >> np.uint64(8)) & _B8
                d3 = (pk >> np.uint64(16)) & _B8
                fits = grp_valid[g] & free & (free >> d1) & (free >> d2) & (free >> d3)
                x1 = fits << d1
                x2 = fits << d2
                x3 = fits << d3
                u = fits ^ x1
                s = u ^ x2
                cy = (fits & x1) | (u & x2)
                s0 = s ^ x3
                cy2 = s & x3
                b0, b1, b2, b3, b4, sat = _add(b0, b1, b2, b3, b4, sat, s0, cy ^ cy2, cy & cy2)
            elif size == 6:
                pk = grp_pack[g]
                d1 = pk & _B8
                d2 = (pk >> np.uint64(8)) & _B8
                d3 = (pk >> np.uint64(16)) & _B8
                d4 = (pk >> np.uint64(24)) & _B8
                d5 = (pk >> np.uint64(32)) & _B8
                fits = grp_valid[g] & free & (free >> d1) & (free >> d2) & (free >> d3) \
                    & (free >> d4) & (free >> d5)
                x1 = fits << d1
                x2 = fits << d2
                x3 = fits << d3
                x4 = fits << d4
                x5 = fits << d5
                u = fits ^ x1
                s = u ^ x2
                cy = (fits & x1) | (u & x2)
                u = x3 ^ x4
                s2 = u ^ x5
                cy2 = (x3 & x4) | (u & x5)
                s0 = s ^ s2
                cy3 = s & s2
                u = cy ^ cy2
                b0, b1, b2, b3, b4, sat = _add(b0, b1, b2, b3, b4, sat, s0, u ^ cy3,
                                           (cy & cy2) | (u & cy3))
            else:
                fits = grp_valid[g] & free
                for i in range(o + 1, grp_first[g + 1]):
                    fits &= free >> np.uint64(grp_off[i])
                for i in range(o, grp_first[g + 1]):
                    b0, b1, b2, b3, b4, sat = _add(b0, b1, b2, b3, b4, sat,
                                               fits << np.uint64(grp_off[i]), _U0, _U0)
            fit_buf[g] = fits
            nk += popcount(fits)
        if nk == 0:
            return np.int64(-1), np.int64(0), free
        if counts[k] == 1 and nk < best_pn:
            best_pn = nk
            best_piece = k
    zero = free & ~(b0 | b1 | b2 | b3 | b4 | sat)
    if zero != _U0:
        return np.int64(-1), np.int64(0), zero
    # the cells of least count: keep, plane by plane from the top, those with a 0 bit
    cand = free & ~sat
    n = np.int64(MRV_CAP)
    cell = lowest_bit_index(free)
    if cand != _U0:
        t = cand & ~b4
        if t != _U0:
            cand = t
        t = cand & ~b3
        if t != _U0:
            cand = t
        t = cand & ~b2
        if t != _U0:
            cand = t
        t = cand & ~b1
        if t != _U0:
            cand = t
        t = cand & ~b0
        if t != _U0:
            cand = t
        cell = lowest_bit_index(cand)
        bit = np.uint64(cell)
        n = np.int64(((b0 >> bit) & _U1) | (((b1 >> bit) & _U1) << _U1)
                     | (((b2 >> bit) & _U1) << np.uint64(2))
                     | (((b3 >> bit) & _U1) << np.uint64(3))
                     | (((b4 >> bit) & _U1) << np.uint64(4)))
    if best_piece >= 0 and best_pn < n:
        return 64 + best_piece, best_pn, _U0
    return cell, n, _U0


@njit("uint64(int64, uint64, int64[::1], int64[::1], int64, uint64[::1], int64[::1], "
      "int64[::1], int64[::1], int64[::1], uint64[::1], int64[::1], int64[::1], uint64[::1], "
      "int64, uint64[::1], int64[::1], int64[::1], int64[::1], uint64[::1], uint64[::1])",
      inline="always", **_JIT)
def open_level(level, free, counts, sizes, mrv_depth, win_mask, win_piece, win_first, win_off,
               grp_type_first, grp_valid, grp_first, grp_off, grp_cover, grp_entry,
               fit_buf, opts, ptr, end, cand, grp_pack):
    """Choose the item of a new search level and set up its options (module docstring).

    Takes the level, its empty cells ``free`` (uint64, non-zero), the remaining
    ``counts`` and the ``sizes`` per type, ``mrv_depth`` (levels below it use MRV,
    the others the lowest empty cell), the table arrays of :func:`search` and the
    level stacks.  The options are a list (``ptr[level] .. end[level] - 1`` of the
    ``win_*`` arrays: the lowest cell's window list) or, for an MRV choice of another
    item, ``ptr[level] = end[level] = -1`` and at most ``MRV_CAP - 1`` entry indices
    in ``opts[MRV_CAP * level ..]``: group ``g`` at anchor ``a`` is entry ``grp_entry +
    64 * g + a``, and the groups' placements covering cell ``c`` are the anchors
    ``fit_buf[g] & grp_cover[64 * g + c]``.  Writes ``cand[level]`` (the bitmask of
    options still to try, of the list's first chunk) and returns 0; or, on an MRV level
    that finds a dead end, returns the dead cells (:func:`mrv_item`).  ``grp_pack``:
    see :func:`mrv_item`.
    """
    c = lowest_bit_index(free)
    if level < mrv_depth:
        item, n, dead = mrv_item(free, counts, sizes, grp_type_first, grp_valid,
                                 grp_first, grp_off, fit_buf, grp_pack)
        if dead != _U0:
            return dead
        if item != c:
            base = level * MRV_CAP
            m = 0
            if item >= 64:   # every fitting placement of piece type k
                k = item - 64
                for g in range(grp_type_first[k], grp_type_first[k + 1]):
                    f = fit_buf[g]
                    while f != _U0:
                        opts[base + m] = grp_entry + (g << 6) + lowest_bit_index(f)
                        m += 1
                        f &= f - _U1
            else:            # every fitting placement covering cell ``item``
                for k in range(sizes.shape[0]):
                    if counts[k] <= 0:
                        continue
                    for g in range(grp_type_first[k], grp_type_first[k + 1]):
                        f = fit_buf[g] & grp_cover[(g << 6) + item]
                        while f != _U0:
                            opts[base + m] = grp_entry + (g << 6) + lowest_bit_index(f)
                            m += 1
                            f &= f - _U1
            ptr[level] = -1
            end[level] = -1
            cand[level] = (_U1 << np.uint64(m)) - _U1
            return _U0
    j = window_state(free, c, win_off)
    lo = win_first[j]
    hi = win_first[j + 1]
    bits = candidates(win_mask, win_piece, counts, lo, hi, free)
    ptr[level] = lo
    end[level] = hi
    cand[level] = bits
    return _U0


MEMO_NOTE = """The subtree memo (a transposition table) of a count-only search.

Below a node, the search depends only on the empty cells ``free`` and the pieces left
(``counts``), not on how the board got there; so the solutions found below a node,
per target set, can be kept and added again when the same state comes back.  For
the all-dates search (holes) a state is only kept once at most one hole type is
left to place, with at most ``V`` cells: its value is then a vector with one count
per cell of that hole (the holes placed above fix the rest of the bucket), or a
plain count when no hole is left.  Measured on the all-dates tasks: of the Classic board's 1.0M nodes after the
day hole is placed, 0.22M states are distinct; tetromino 6.7M and 0.32M.

Arrays (caller-allocated; ``M`` a power of two, ``V`` values per entry):

* ``memo_keys`` uint64[2 M] and ``memo_val`` int64[M V]: the key of slot ``i`` (the
  empty cells at ``2 i``, the pieces left at ``2 i + 1`` as ``1 + sum counts[k] *
  radix[k]``; 0 there: an empty slot) and its value; a slot is overwritten by the next
  state hashed to it;
* ``memo_info`` int64[3 + 2 H]: ``V``, ``log2 M``, the fewest empty cells a state
  needs to be looked up (smaller subtrees cost less than a probe), then per hole type
  ``h``: the bucket stride of its cells and their number (the bucket of hole ``h``'s
  ``i``-th cell is ``prefix + stride * i``);
* ``radix`` int64[K]: mixed-radix weights making the key of ``counts`` exact;
* ``mstate`` int64[(L + 2) (V + 5)]: per level, the slot to fill when the level is
  exhausted (-1: none), the key code of the pieces left, the hole left (-1: none), the
  bucket prefix of the holes placed above, the solutions so far, and the buckets at
  entry.
"""

MEMO_MIN_CELLS = 16
"""States with fewer empty cells are not looked up (their subtrees are cheaper than a
memo probe)."""

MEMO_MIN_CELLS = 16

_GOLD = np.uint64(0x9E3779B97F4A7C15)
_MIX = np.uint64(0xBF58476D1CE4E5B9)


@njit(inline="always", **_JIT)
def _memo_add(slot, rem, hpre, hole_type, buckets, memo_val, memo_info):
    """Add memo entry ``slot`` to the buckets (see :data:`MEMO_NOTE`); returns the
    number of solutions it stands for."""
    base = slot * memo_info[0]
    total = 0
    if rem >= 0:
        stride = memo_info[3 + 2 * rem]
        for i in range(memo_info[4 + 2 * rem]):
            v = memo_val[base + i]
            buckets[hpre + stride * i] += v
            total += v
    else:
        total = memo_val[base]
        if hole_type >= 0:
            buckets[hpre] += total
    return total


@njit(inline="always", **_JIT)
def _memo_enter(level, k, m, free, counts, n_sol, hole_type, hole_index, buckets, memo_keys,
                memo_val, memo_info, radix, mstate, mrow):
    """Look up the state below a placement (piece type ``k``, mask ``m``, leaving the empty
    cells ``free``) in the memo (see :data:`MEMO_NOTE`).

    On a hit, adds the kept solutions to the buckets and returns their number; else
    writes the record of level ``level + 1`` (the slot to fill when it is exhausted, or
    -1 when the state is not kept, and what that needs) and returns -1.
    """
    n_holes = hole_index.shape[0] >> 6 if hole_type >= 0 else 0
    hpre = mstate[level * mrow + 3]
    h = k - hole_type
    if hole_type >= 0 and 0 <= h < n_holes:
        hpre += hole_index[(h << 6) + lowest_bit_index(m)]
    rem = -1
    n_rem = 0
    for h in range(n_holes):
        if counts[hole_type + h] > 0:
            rem = h
            n_rem += 1
    slot = -1
    code = mstate[level * mrow + 1] - radix[k]
    if (n_rem == 0 or (n_rem == 1 and memo_info[4 + 2 * rem] <= memo_info[0])) \
            and popcount(free) >= memo_info[2]:
        hsh = (free ^ (np.uint64(code) * _GOLD)) * _MIX
        slot = np.int64(hsh >> np.uint64(64 - memo_info[1]))
        if memo_keys[2 * slot] == free and memo_keys[2 * slot + 1] == np.uint64(code):
            return _memo_add(slot, rem, hpre, hole_type, buckets, memo_val, memo_info)
    r = (level + 1) * mrow
    mstate[r] = slot
    mstate[r + 1] = code
    mstate[r + 2] = rem
    mstate[r + 3] = hpre
    mstate[r + 4] = n_sol
    if slot >= 0 and rem >= 0:
        stride = memo_info[3 + 2 * rem]
        for i in range(memo_info[4 + 2 * rem]):
            mstate[r + 5 + i] = buckets[hpre + stride * i]
    return -1


@njit(inline="always", **_JIT)
def _memo_store(level, free, n_sol, buckets, memo_keys, memo_val, memo_info, mstate, mrow):
    """Keep the subtree of an exhausted level in its memo slot (see :data:`MEMO_NOTE`)."""
    r = level * mrow
    slot = mstate[r]
    rem = mstate[r + 2]
    base = slot * memo_info[0]
    if rem >= 0:
        hpre = mstate[r + 3]
        stride = memo_info[3 + 2 * rem]
        for i in range(memo_info[4 + 2 * rem]):
            memo_val[base + i] = buckets[hpre + stride * i] - mstate[r + 5 + i]
    else:
        memo_val[base] = n_sol - mstate[r + 4]
    memo_keys[2 * slot] = free
    memo_keys[2 * slot + 1] = np.uint64(mstate[r + 1])
    mstate[r] = -1


@njit(
    "int64(uint64[::1], int64[::1], int64[::1], int64[::1], uint64[::1], int64[::1], "
    "int64[::1], int64[::1], "
    "uint64[::1], int64[::1], int64[::1], int64[::1], "
    "int64, uint64, uint64, int64, int64, uint64[::1], int64[::1], int64[:, ::1], "
    "int64[:, ::1], int64, int64[::1], int64[::1], "
    "int64, int64[::1], uint64[::1], int64[::1], int64[::1], uint64[::1], int64, uint64[::1], "
    "int64[::1], uint64[::1], int64[::1], int64[::1], int64[::1], int64[::1], uint64[::1])",
    **_NO_NRT,  # no reference counting: 4-10x faster, see NRT_NOTE
    **_JIT,
)
def search(win_mask, win_piece, win_pl, win_first, cand, win_off, sizes, counts,
           free_stack, ptr, end, choice,
           width, not_first_col, not_last_col, prune, max_steps, mono_masks,
           control, solutions, trace, hole_type, hole_index, buckets,
           mrv_depth, grp_type_first, grp_valid, grp_first, grp_off, grp_cover, grp_entry,
           fit_buf, opts, memo_keys, memo_val, memo_info, radix, mstate, grp_pack):
    """Resumable exact-cover search (see module docstring).

    Parameters (all caller-allocated; ``L`` = number of pieces to place):
        win_mask: uint64[E] placement masks, grouped into candidate lists: list
            ``j = (c << B) | s`` holds the placements whose lowest cell is ``c``
            and whose cells in the window of :func:`window_state` are empty in state
            ``s``; it spans ``win_first[j] : win_first[j+1]``.
        win_piece: int64[E] piece type of each list entry.
        win_pl: int64[E] placement index (row of the caller's placement table).
        win_first: int64[(n_bits << B) + 1] CSR offsets of the window lists (the
            per-type and per-cell lists follow them in the same arrays).
        cand: uint64[L + 1] per level, the usable entries of the current 64-entry
            chunk ``ptr[level] ..`` not tried yet (:func:`candidates`).
        win_off: int64[B] window offsets (see :func:`window_state`).
        sizes: int64[K] cells per piece type.
        counts: int64[K] remaining multiplicity per type (updated in place).
        free_stack: uint64[L + 1] empty cells at each level; ptr/end: int64[L + 1]
            chunk start and list end per level; choice: int64[L + 1] chosen list
            entry per level.  Level 0 is set up by :class:`solver.search.Search`.
        width: bits per frame row (the stride); not_first_col / not_last_col:
            uint64 masks of the frame cells off the first / last column, or both all
            ones on a padded frame (shifts cannot wrap between rows there).
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
        mrv_depth: levels ``< mrv_depth`` branch by MRV (:func:`open_level`).
        grp_type_first, grp_valid, grp_first, grp_off: orientation groups
            (:func:`mrv_item`); grp_cover: uint64[64 G] anchors of group ``g`` whose
            placement covers cell ``c`` at ``64 g + c``; grp_entry: the ``win_*`` index
            of group 0 at anchor 0 (group ``g`` at anchor ``a``: ``+ 64 g + a``).
        fit_buf: uint64[G] scratch; opts: int64[MRV_CAP (L + 1)] the options of MRV levels;
            grp_pack: uint64[G] packed offsets (:func:`mrv_item`).
        memo_keys, memo_val, memo_info, radix, mstate: the subtree memo of a count-only
            search (:data:`MEMO_NOTE`); ``memo_keys`` empty: no memo.

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
    # the subtree memo: count-only searches (nothing stored or traced, no limit)
    memo_on = memo_keys.shape[0] > 0 and tcap == 0 and scap == 0 and limit == 0
    mrow = (memo_info[0] if memo_on else 1) + 5   # mstate entries per level
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
            if memo_on and mstate[level * mrow] >= 0:
                _memo_store(level, free_stack[level], n_sol, buckets, memo_keys, memo_val,
                            memo_info, mstate, mrow)
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
        p = ptr[level]
        if p >= 0:
            q = p + lowest_bit_index(c_bits)
        else:
            q = opts[level * MRV_CAP + lowest_bit_index(c_bits)]
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
            found = -1      # solutions below this state, when the memo knows them
            if memo_on and dead == _U0:
                found = _memo_enter(level, k, m, newfree, counts, n_sol, hole_type,
                                    hole_index, buckets, memo_keys, memo_val, memo_info, radix,
                                    mstate, mrow)
                if found >= 0:
                    n_sol += found
            known = found >= 0
            if dead == _U0 and not known:
                dead = open_level(level + 1, newfree, counts, sizes, mrv_depth, win_mask,
                                  win_piece, win_first, win_off, grp_type_first, grp_valid,
                                  grp_first, grp_off, grp_cover, grp_entry, fit_buf, opts,
                                  ptr, end, cand, grp_pack)
                if dead != _U0 and memo_on and mstate[(level + 1) * mrow] >= 0:
                    # a dead end is worth keeping too: no solution below this state
                    _memo_store(level + 1, newfree, n_sol, buckets, memo_keys, memo_val,
                                memo_info, mstate, mrow)
            if known:
                counts[k] += 1
            elif dead != _U0:
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
