"""flip.py: the Flip (翻转色块) puzzle, Lights Out over GF(2). Pure logic, no pygame.

Rules (docs/RULES.md, Flip): an ``h x w`` grid of lit/unlit cells. Pressing a cell
toggles it and its up, down, left and right neighbours that exist. The goal is all
cells off.

Representation. A pattern (which cells are lit) and a press set (which cells are
pressed, each at most once: pressing twice is the same as not pressing) are both a
:data:`Mask`, a Python ``int`` with bit ``r * w + c`` for cell ``(r, c)``; a board
has ``N = w * h`` cells, so a mask has at most ``N`` bits (Python ints have no size
limit, 30 x 30 is 900 bits).

The maths. Presses commute and cancel in pairs, so a press set ``x`` (a vector in
GF(2)^N) turns pattern ``b`` off exactly when ``A x = b``, where ``A`` is the
``N x N`` toggle matrix over GF(2): column ``j`` is the set of cells that press
``j`` toggles. (``A`` is symmetric: cell ``i`` toggles ``j`` iff ``j`` toggles
``i``.) Gauss-Jordan elimination over GF(2), as in Simon Tatham's ``flip.c``
``solve_game``, gives

* the rank ``r`` of ``A`` and the null space ``ker A`` of dimension ``d = N - r``
  (press sets that change nothing: "quiet patterns");
* a solvability test: ``b`` is solvable iff ``b`` lies in the column space of
  ``A``, i.e. iff the rows of the recorded row operations that reduce to zero rows
  of ``A`` are orthogonal to ``b``;
* a particular solution ``x0`` (free variables set to 0) and with it every
  solution ``x0 + span(ker A)``, ``2**d`` of them.

The fewest presses is the lightest of those ``2**d`` vectors (minimum Hamming
weight in a coset, which is hard in general; here ``d <= min(w, h)`` because
the first row of presses fixes all the others by "light chasing"). See
:func:`fewest_presses` for how the search is bounded.

Dealing (Tatham's ``flip.c`` argues this too): press each cell with probability
1/2. ``x`` is then uniform on GF(2)^N, and ``x -> A x`` is linear, so every
pattern in the image of ``A`` has exactly ``2**d`` preimages and is dealt with
probability ``2**-r``: uniform over the solvable patterns. Redealing the all-off
pattern keeps it uniform over the non-trivial ones.

Bit packing. The elimination runs once per board shape on a numpy ``uint64``
array of shape ``(N, words)``, bit ``j`` of a row in word ``j // 64`` at bit
``j % 64``, with ``A`` and the row-operation record ``T`` side by side; every row
operation is one vectorised XOR over all rows that have the pivot bit. Its result
is cached per ``(w, h)`` (:func:`toggle_system`); a solve after that is a few
hundred Python-int ANDs and popcounts plus the null space search.
"""
from __future__ import annotations

import datetime as _dt
import functools
import hashlib
import re
from dataclasses import dataclass
from typing import Sequence, TypeAlias

import numpy as np

from .board import InvalidPuzzleError

Mask: TypeAlias = int
"""A set of cells of a Flip board as a Python int, bit ``r * w + c`` (any length)."""
Cell = tuple[int, int]

MIN_GAME_SIZE = 3
"""Smallest board the game deals (cells per side)."""
MAX_GAME_SIZE = 12
"""Largest board the game deals (cells per side)."""
MAX_SIZE = 64
"""Largest side the solver and the command line accept (64 x 64 = 4096 cells)."""
EXACT_NULLITY_MAX = 24
"""Null-space dimension up to which :func:`fewest_presses` enumerates every solution
(``2**24`` = 16.8 million candidates, cost ``2**d * ceil(N / 64)`` word operations);
above it, local improvement. Square boards up to 38 x 38 have ``d <= 20`` (n = 30 and 32:
20); by our elimination n = 39 (d = 32) and n = 47 (d = 30) are the first above 24."""
DEAL_RULE_VERSION = 1
"""Version of the daily-deal rule in :func:`daily_pattern`; bump it if the rule changes."""


class InvalidFlipError(InvalidPuzzleError):
    """A Flip board size or cell list that cannot be used; the message is for the player."""


# --------------------------------------------------------------------------------------
# Geometry and masks


def check_size(w: int, h: int) -> None:
    """Raise :class:`InvalidFlipError` unless ``1 <= w, h <= MAX_SIZE`` (ints)."""
    for name, v in (("width", w), ("height", h)):
        if not isinstance(v, (int, np.integer)) or isinstance(v, bool):
            raise InvalidFlipError(f"board {name} must be a whole number, not {v!r}")
        if v < 1:
            raise InvalidFlipError(f"board {name} must be at least 1 (got {v})")
        if v > MAX_SIZE:
            raise InvalidFlipError(f"board {name} must be at most {MAX_SIZE} (got {v})")


def cell_bit(w: int, h: int, r: int, c: int) -> int:
    """Bit index ``r * w + c`` of cell ``(r, c)``; :class:`InvalidFlipError` if off the board."""
    if not (0 <= r < h and 0 <= c < w):
        raise InvalidFlipError(f"cell ({r}, {c}) is off the {h} x {w} board")
    return r * w + c


def cells_to_mask(w: int, h: int, cells: Sequence[Sequence[int]]) -> Mask:
    """Mask of a set of ``(row, col)`` cells (a cell listed twice counts once);
    :class:`InvalidFlipError` for a cell off the board."""
    m = 0
    for r, c in cells:
        m |= 1 << cell_bit(w, h, int(r), int(c))
    return m


def mask_to_cells(w: int, mask: Mask) -> list[Cell]:
    """The ``(row, col)`` cells of ``mask``, sorted row-major (board width ``w``)."""
    out = []
    while mask:
        low = mask & -mask
        i = low.bit_length() - 1
        out.append((i // w, i % w))
        mask ^= low
    return out


def press_mask(w: int, h: int, r: int, c: int) -> Mask:
    """Cells toggled by pressing ``(r, c)``: itself and its orthogonal neighbours on the board."""
    m = 1 << cell_bit(w, h, r, c)
    if r > 0:
        m |= 1 << ((r - 1) * w + c)
    if r < h - 1:
        m |= 1 << ((r + 1) * w + c)
    if c > 0:
        m |= 1 << (r * w + c - 1)
    if c < w - 1:
        m |= 1 << (r * w + c + 1)
    return m


@functools.lru_cache(maxsize=64)
def press_masks(w: int, h: int) -> tuple[Mask, ...]:
    """Columns of the toggle matrix: ``press_masks(w, h)[r * w + c] == press_mask(w, h, r, c)``."""
    check_size(w, h)
    return tuple(press_mask(w, h, i // w, i % w) for i in range(w * h))


def apply_presses(w: int, h: int, pattern: Mask, presses: Mask) -> Mask:
    """Pattern after pressing every cell of ``presses`` once (order does not matter)."""
    cols = press_masks(w, h)
    while presses:
        low = presses & -presses
        pattern ^= cols[low.bit_length() - 1]
        presses ^= low
    return pattern


def toggle_matrix(w: int, h: int) -> np.ndarray:
    """The toggle matrix ``A`` as ``bool[N, N]`` (``N = w * h``): ``A[i, j]`` is True when
    pressing cell ``j`` toggles cell ``i`` (bit order ``r * w + c``). Symmetric."""
    n = w * h
    a = np.zeros((n, n), dtype=bool)
    for j, m in enumerate(press_masks(w, h)):
        for i in range(n):
            a[i, j] = bool((m >> i) & 1)
    return a


# --------------------------------------------------------------------------------------
# Bit-packed GF(2) elimination


def _int_to_words(x: int, words: int) -> np.ndarray:
    """Python int -> ``uint64[words]``, little-endian words (bit j in word j // 64)."""
    return np.frombuffer(x.to_bytes(words * 8, "little"), dtype="<u8").astype(np.uint64)


def _words_to_int(a: np.ndarray) -> int:
    """``uint64[words]`` -> Python int (inverse of :func:`_int_to_words`)."""
    return int.from_bytes(np.ascontiguousarray(a, dtype="<u8").tobytes(), "little")


def pack_rows(rows: Sequence[int], nbits: int) -> np.ndarray:
    """Pack Python-int rows into ``uint64[len(rows), ceil(nbits / 64)]`` (bit j -> word j // 64)."""
    words = max(1, (nbits + 63) // 64)
    out = np.zeros((len(rows), words), dtype=np.uint64)
    for i, x in enumerate(rows):
        out[i] = _int_to_words(x, words)
    return out


def gf2_rref(packed: np.ndarray, ncols: int) -> tuple[np.ndarray, list[int]]:
    """Gauss-Jordan elimination over GF(2) on bit-packed rows, in place.

    Takes ``packed``: ``uint64[m, words]`` (row ``i``, column ``j`` is bit ``j % 64`` of
    word ``j // 64``; words past ``ncols`` bits may hold extra, augmented columns that
    are carried along but never chosen as pivots) and ``ncols``, the number of leading
    columns to eliminate. Returns ``(packed, pivots)``: the same array in reduced row
    echelon form on the first ``ncols`` columns, and the pivot column of each of the
    first ``len(pivots) == rank`` rows (increasing). Row ``i >= rank`` is zero on the
    first ``ncols`` columns.

    Method: for each column, swap a row with that bit up to the pivot position, then
    XOR the pivot row into every other row having the bit (one numpy fancy-index XOR),
    as in the elimination of Tatham's ``flip.c`` ``solve_game`` (which stores one byte per
    coefficient; here 64 coefficients share a word).
    """
    m = packed.shape[0]
    pivots: list[int] = []
    r = 0
    one = np.uint64(1)
    for j in range(ncols):
        if r == m:
            break
        wj, bj = divmod(j, 64)
        sh = np.uint64(bj)
        below = np.flatnonzero((packed[r:, wj] >> sh) & one)
        if below.size == 0:
            continue
        p = r + int(below[0])
        if p != r:
            packed[[r, p]] = packed[[p, r]]
        hit = ((packed[:, wj] >> sh) & one).astype(bool)
        hit[r] = False
        if hit.any():
            packed[hit] ^= packed[r]
        pivots.append(j)
        r += 1
    return packed, pivots


@dataclass(frozen=True)
class ToggleSystem:
    """The reduced toggle matrix of one board shape: everything needed to solve any pattern.

    Attributes:
        w, h: board width and height (cells).
        rank: rank of the ``N x N`` toggle matrix over GF(2), ``N = w * h``.
        pivots: pivot column (cell bit) of reduced rows ``0 .. rank - 1``.
        reduced_rows: the RREF rows of ``A`` as Python ints (``rank`` of them).
        transform_rows: rows of ``T`` with ``T A = RREF`` as Python ints (``N`` of them);
            ``transform_rows[i] & b`` has odd popcount iff row ``i`` of ``T b`` is 1.
        null_basis: a basis of ``ker A`` as press masks (``nullity`` of them), each with
            exactly one free (non-pivot) cell set among the free cells.
    """

    w: int
    h: int
    rank: int
    pivots: tuple[int, ...]
    reduced_rows: tuple[int, ...]
    transform_rows: tuple[int, ...]
    null_basis: tuple[Mask, ...]

    @property
    def n_cells(self) -> int:
        """``N = w * h``."""
        return self.w * self.h

    @property
    def nullity(self) -> int:
        """Dimension ``d = N - rank`` of the null space (quiet patterns)."""
        return self.n_cells - self.rank

    def is_solvable(self, pattern: Mask) -> bool:
        """True when some press set turns ``pattern`` all off (``pattern`` in the image of A).

        ``T`` is invertible, so ``A x = b`` iff ``RREF x = T b``; the zero rows of RREF
        demand ``(T b)_i = 0`` for ``i >= rank``.
        """
        for t in self.transform_rows[self.rank:]:
            if (t & pattern).bit_count() & 1:
                return False
        return True

    def particular(self, pattern: Mask) -> Mask | None:
        """One press set solving ``pattern`` (free cells unpressed), or None if unsolvable."""
        if not self.is_solvable(pattern):
            return None
        x = 0
        for i, pc in enumerate(self.pivots):
            if (self.transform_rows[i] & pattern).bit_count() & 1:
                x |= 1 << pc
        return x


@functools.lru_cache(maxsize=32)
def toggle_system(w: int, h: int) -> ToggleSystem:
    """Eliminate the toggle matrix of a ``w x h`` board once (cached per shape).

    Builds ``[A | I]`` bit-packed (``uint64[N, wa + wt]``), reduces the ``A`` part with
    :func:`gf2_rref` so the ``I`` part records ``T``, and reads off rank, pivots and the
    null space basis: for each free column ``f``, the vector with bit ``f`` set and, for
    each pivot row ``i``, bit ``pivots[i]`` equal to ``RREF[i, f]``.
    Cost: about ``N`` vectorised row XORs on an ``N x 2N``-bit array (N = 900: ~0.1 s).
    """
    check_size(w, h)
    n = w * h
    wa = (n + 63) // 64
    cols = press_masks(w, h)
    # A is symmetric, so row i of A is column i: press_masks serves as the rows too.
    packed = np.concatenate([pack_rows(cols, n), pack_rows([1 << i for i in range(n)], n)], axis=1)
    packed, pivots = gf2_rref(packed, n)
    rank = len(pivots)
    reduced = tuple(_words_to_int(packed[i, :wa]) for i in range(rank))
    transform = tuple(_words_to_int(packed[i, wa:]) for i in range(n))
    pivot_set = set(pivots)
    basis = []
    for f in range(n):
        if f in pivot_set:
            continue
        v = 1 << f
        for i, pc in enumerate(pivots):
            if (reduced[i] >> f) & 1:
                v |= 1 << pc
        basis.append(v)
    return ToggleSystem(w, h, rank, tuple(pivots), reduced, transform, tuple(basis))


def nullity(w: int, h: int | None = None) -> int:
    """Dimension of the null space of the toggle matrix of a ``w x h`` board (``h = w`` if None)."""
    return toggle_system(w, w if h is None else h).nullity


def is_solvable(w: int, h: int, pattern: Mask) -> bool:
    """True when ``pattern`` (bit ``r * w + c`` lit) can be turned all off."""
    return toggle_system(w, h).is_solvable(pattern)


# --------------------------------------------------------------------------------------
# Fewest presses


def _span_table(vectors: Sequence[np.ndarray], words: int) -> np.ndarray:
    """All ``2**len(vectors)`` XOR combinations as ``uint64[2**k, words]``; row ``s`` is the
    XOR of ``vectors[i]`` for the set bits ``i`` of ``s``."""
    t = np.zeros((1, words), dtype=np.uint64)
    for v in vectors:
        t = np.concatenate([t, t ^ v], axis=0)
    return t


def _min_weight_exact(x0: int, basis: Sequence[int], nbits: int) -> tuple[int, int]:
    """Lightest vector of ``x0 + span(basis)``: ``(mask, weight)``, exact, ``2**d`` candidates.

    Split enumeration over the two halves of the basis: table ``L`` holds the
    ``2**a`` combinations of the first half with ``x0`` folded in, table ``R`` the
    ``2**b`` of the second; every pair is scored as ``popcount(L ^ R[k])`` in blocks
    of rows of ``R`` (numpy ``bitwise_count``). Ties go to the smallest combination
    index (deterministic). Weights fit ``uint16`` (at most ``MAX_SIZE**2 = 4096`` cells).
    """
    d = len(basis)
    words = max(1, (nbits + 63) // 64)
    if d == 0:
        return x0, x0.bit_count()
    vecs = [_int_to_words(v, words) for v in basis]
    a = (d + 1) // 2
    left = _span_table(vecs[:a], words) ^ _int_to_words(x0, words)
    right = _span_table(vecs[a:], words)
    best_w, best_l, best_r = None, 0, 0
    block = max(1, (1 << 18) // (left.shape[0] * words))  # ~2 MB temporaries: stays in cache
    for k0 in range(0, right.shape[0], block):
        rb = right[k0:k0 + block]
        wts = np.bitwise_count(left[None, :, :] ^ rb[:, None, :]).sum(axis=2, dtype=np.uint16)
        flat = int(np.argmin(wts))  # row-major: smallest right index first, then left
        kr, kl = divmod(flat, left.shape[0])
        wv = int(wts[kr, kl])
        if best_w is None or wv < best_w:
            best_w, best_l, best_r = wv, kl, k0 + kr
    return _words_to_int(left[best_l] ^ right[best_r]), int(best_w)


def _min_weight_local(x0: int, basis: Sequence[int]) -> tuple[int, int]:
    """Local improvement (not proven minimal): ``(mask, weight)``.

    Start at ``x0`` and repeat until nothing helps: XOR in any single basis vector,
    or any pair of basis vectors, that lowers the weight (first improvement, in index
    order). Each accepted step lowers the weight by at least 1, so it stops after at
    most ``N`` rounds of ``O(d**2)`` tries.
    """
    x = x0
    wt = x.bit_count()
    cands = list(basis) + [u ^ v for i, u in enumerate(basis) for v in basis[i + 1:]]
    improved = True
    while improved:
        improved = False
        for v in cands:
            y = x ^ v
            yw = y.bit_count()
            if yw < wt:
                x, wt, improved = y, yw, True
    return x, wt


@dataclass(frozen=True, slots=True)
class FlipSolution:
    """Result of :func:`solve`.

    Attributes:
        w, h: board width and height.
        solvable: whether the pattern can be turned all off.
        presses: the press set (mask, bit ``r * w + c``); 0 when unsolvable.
        proven_minimal: True when ``presses`` is a fewest-press solution for certain
            (always, when the null space dimension is at most :data:`EXACT_NULLITY_MAX`).
        nullity: null space dimension of this board shape (``2**nullity`` solutions).
    """

    w: int
    h: int
    solvable: bool
    presses: Mask
    proven_minimal: bool
    nullity: int

    @property
    def count(self) -> int:
        """Number of presses (popcount of :attr:`presses`)."""
        return self.presses.bit_count()

    def cells(self) -> list[Cell]:
        """The pressed ``(row, col)`` cells, row-major; empty when unsolvable."""
        return mask_to_cells(self.w, self.presses)


def fewest_presses(w: int, h: int, pattern: Mask,
                   exact_max: int = EXACT_NULLITY_MAX) -> tuple[Mask | None, bool]:
    """Fewest-press solution of ``pattern``: ``(presses, proven_minimal)``, or ``(None, True)``
    when unsolvable.

    Every solution is ``x0 ^ combination of null_basis``. How the search is bounded:

    * ``d = nullity <= exact_max`` (default 24): all ``2**d`` solutions are scored (split
      enumeration, vectorised), so the result is exact: ``proven_minimal`` is True.
      For square boards up to 30 x 30 the largest ``d`` is 20 (n = 30), well inside.
    * ``d > exact_max``: local improvement from the particular solution by single and
      pair basis vectors (:func:`_min_weight_local`); the result is a valid solution but
      ``proven_minimal`` is False. (``d <= min(w, h)``, so this needs a side above 24.)
    """
    sys_ = toggle_system(w, h)
    x0 = sys_.particular(pattern)
    if x0 is None:
        return None, True
    if sys_.nullity <= exact_max:
        x, _ = _min_weight_exact(x0, sys_.null_basis, sys_.n_cells)
        return x, True
    x, _ = _min_weight_local(x0, sys_.null_basis)
    return x, False


def solve(w: int, h: int, pattern: Mask) -> FlipSolution:
    """Solve ``pattern`` on a ``w x h`` board: solvability and the fewest presses."""
    check_size(w, h)
    if pattern < 0 or pattern >> (w * h):
        raise InvalidFlipError(f"pattern has bits outside the {h} x {w} board")
    x, proven = fewest_presses(w, h, pattern)
    sys_ = toggle_system(w, h)
    return FlipSolution(w, h, x is not None, x or 0, proven, sys_.nullity)


# --------------------------------------------------------------------------------------
# Parsing the command-line cell list

_CELL_RE = re.compile(r"^\s*(-?\d+)\s*,\s*(-?\d+)\s*$")


def parse_cells(text: str, size: int) -> list[Cell]:
    """Parse ``"r,c;r,c;..."`` (README, command line) into cells of a ``size x size`` board.

    An empty string (or only separators/whitespace) means no lit cells. Raises
    :class:`InvalidFlipError` for a malformed item or a cell off the board.
    """
    out: list[Cell] = []
    for item in text.split(";"):
        if not item.strip():
            continue
        m = _CELL_RE.match(item)
        if not m:
            raise InvalidFlipError(f"malformed cell {item.strip()!r} in --on (use \"r,c;r,c\")")
        r, c = int(m.group(1)), int(m.group(2))
        cell_bit(size, size, r, c)
        out.append((r, c))
    return out


def draw_text(w: int, h: int, pattern: Mask, presses: Mask = 0) -> str:
    """Text drawing, one line per row: ``#`` lit, ``.`` off; a cell in ``presses`` is drawn
    ``X`` (lit) or ``x`` (off), so one picture shows the pattern and the presses."""
    rows = []
    for r in range(h):
        line = []
        for c in range(w):
            b = r * w + c
            lit = (pattern >> b) & 1
            if (presses >> b) & 1:
                line.append("X" if lit else "x")
            else:
                line.append("#" if lit else ".")
        rows.append(" ".join(line))
    return "\n".join(rows)


# --------------------------------------------------------------------------------------
# Dealing


def _shake_bits(key: str, nbits: int) -> int:
    """``nbits`` pseudo-random bits from SHAKE-256 of ``key`` (stable on every platform)."""
    nbytes = (nbits + 7) // 8
    x = int.from_bytes(hashlib.shake_256(key.encode("utf-8")).digest(nbytes), "little")
    return x & ((1 << nbits) - 1)


def deal_from_bits(w: int, h: int, presses: Mask) -> Mask:
    """The pattern that ``presses`` make from all-off (so it is solvable by ``presses``)."""
    return apply_presses(w, h, 0, presses)


def random_pattern(w: int, h: int, rng) -> Mask:
    """A uniformly random solvable, non-empty pattern (``rng``: a :class:`random.Random`).

    Presses each cell with probability 1/2 (``rng.getrandbits(N)``) and redeals the all-off
    result; see the module docstring for why this is uniform (Tatham's ``flip.c``).
    """
    check_size(w, h)
    while True:
        p = deal_from_bits(w, h, rng.getrandbits(w * h))
        if p:
            return p


def daily_pattern(date: _dt.date, w: int, h: int | None = None) -> Mask:
    """The Flip puzzle of ``date``: the same for everyone, every run, every platform.

    Rule (version :data:`DEAL_RULE_VERSION`): press set = the first ``N`` bits of
    SHAKE-256 of ``"daily-drill/flip/v1/YYYY-MM-DD/WxH/k"`` for ``k = 0, 1, ...``,
    taking the first ``k`` whose pattern is not all off. Uniform over the solvable
    non-empty patterns, as :func:`random_pattern`.
    """
    h = w if h is None else h
    check_size(w, h)
    k = 0
    while True:
        key = f"daily-drill/flip/v{DEAL_RULE_VERSION}/{date.isoformat()}/{w}x{h}/{k}"
        p = deal_from_bits(w, h, _shake_bits(key, w * h))
        if p:
            return p
        k += 1


def par(w: int, h: int, pattern: Mask) -> int | None:
    """Fewest presses that solve ``pattern`` (None when unsolvable)."""
    x, _ = fewest_presses(w, h, pattern)
    return None if x is None else x.bit_count()
