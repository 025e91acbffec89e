"""Placement tables: every placement of every piece type as a bitmask, in a search frame.

A table is built once per (board, cells that may be covered, piece types, mirror rule)
and shared by every search on that board: targets and pieces already placed only
shrink the empty cells a search starts from.  Each placement is a ``uint64`` mask;
the masks are grouped into the *window lists* the kernel branches on
(:func:`window_lists`, :func:`solver.kernels.window_state`).

The search runs in a *frame*: one of the eight rotations/reflections of the board,
whose row-major order is the order the lowest-empty-cell rule fills
(:func:`choose_frame`).  A frame row is ``stride`` bits: the frame width plus one
always-empty *padding* bit when the padded board still fits 64 bits (7 x 7 calendar
boards: 8 bits a row, 56 bits; the 7 x 8 weekday board: 64), so that a shift by one
bit never wraps from one row into the next and a flood fill needs no column masks;
larger boards (6 x 10, 8 x 8) use ``stride = width`` and column masks.
Tables hold both the frame masks (for the kernel) and the
:class:`~solver.model.Placement` of every row in the board's own frame (for results).

Besides the window lists of the lowest-empty-cell rule a table holds one list per
piece type (a pivot formation's level 0) and what the MRV rule (Knuth's "minimum
remaining values") needs: the *orientation groups* (:func:`orientation_groups`), from
which :func:`solver.kernels.mrv_item` counts the fitting placements of every cell at
once with shifts and masks, and one entry per group and anchor for its options.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

import numpy as np

from ..board import Cell, Mask
from ..model import Placement, Puzzle
from ..shapes import Shape

TypeKey = "Shape | str"
"""A piece type of a placement table: a :class:`Shape`, or a hole name such as ``"@M"``
(a one-cell pseudo-piece of :func:`solver.search.count_by_targets`)."""


@dataclass(frozen=True)
class Table:
    """Kernel arrays for one (board frame, cells to cover, piece types).

    ``E`` is the number of window-list entries, ``B`` the number of window cells,
    ``K`` the number of piece types.
    """

    width: int            # bits per frame row (the stride: frame width, + 1 when padded)
    frame: int            # index into FRAMES
    padded: bool          # a padding bit ends every frame row (flood fills need no column masks)
    types: tuple          # Shape or hole name per type
    sizes: np.ndarray     # int64[K] cells per type
    pl_piece: np.ndarray  # int64[P] type of each placement row
    not_first_col: int    # frame mask of every cell not in the first column (padded: all ones)
    not_last_col: int     # frame mask of every cell not in the last column (padded: all ones)
    win_mask: np.ndarray  # uint64[E] placement mask of each list entry
    win_piece: np.ndarray  # int64[E] piece type of each list entry
    win_pl: np.ndarray    # int64[E] placement row of each list entry
    win_first: np.ndarray  # int64[(n_cells << B) + 1] CSR offsets of the lists
    win_off: np.ndarray   # int64[B] window offsets (bits)
    win_off_list: tuple   # the same as Python ints
    back: tuple           # frame bit -> board (row, col)
    placements: tuple     # Placement (board frame) of each placement row
    type_first: tuple     # win-array offsets of the per-type lists (K + 1)
    mono_masks: np.ndarray  # uint64[K] frame cells a one-cell type may fill (0: larger)
    grp_type_first: np.ndarray  # int64[K + 1] orientation groups of each type
    grp_valid: np.ndarray  # uint64[G] anchors (lowest cells) where the orientation lies inside
    grp_first: np.ndarray  # int64[G + 1] CSR offsets into grp_off
    grp_off: np.ndarray   # int64[sum of sizes] cell offsets (bits) from the anchor, 0 first
    grp_cover: np.ndarray  # uint64[64 G] anchors of group g covering cell c, at 64 g + c
    grp_entry: int        # win-array index of group 0 at anchor 0 (64 entries a group)
    grp_pack: np.ndarray  # uint64[G] offsets 1.. of a group (up to 7 cells), a byte each


def type_cells(t, mirror: bool = True) -> tuple[tuple[Cell, ...], ...]:
    """Fixed orientations of a table type: all of a shape's, or its rotations only when
    ``mirror`` is False; one cell for a hole pseudo-piece (a string such as ``"@M"``)."""
    if isinstance(t, str):
        return (((0, 0),),)
    return t.orientations[:len(t.allowed(mirror))]


def type_code(t) -> str:
    """The code of a table type (a shape's code, or the hole name itself)."""
    return t if isinstance(t, str) else t.code


# The eight dihedral maps of a board cell (r, c) of an H x W board into a search
# frame; the frame's row-major order is the order the lowest-empty-cell rule fills.
FRAMES = (
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
    """Search frame (index into :data:`FRAMES`) for a board.

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


def frame_shape(width: int, height: int, frame: int) -> tuple[int, int, int]:
    """``(frame width, frame height, stride)`` of a ``width x height`` board in a frame.

    ``stride`` (bits per frame row) is the frame width plus one padding bit when
    ``(W + 1) * H <= 64``, else the frame width.
    """
    H, W = (height, width) if frame in (0, 2, 3, 4) else (width, height)
    stride = W + 1 if (W + 1) * H <= 64 else W
    return W, H, stride


@lru_cache(maxsize=64)
def frame_maps(width: int, height: int, frame: int
               ) -> tuple[int, np.ndarray, tuple[Cell | None, ...]]:
    """``(stride, board bit -> frame bit int64[width*height], frame bit -> board cell)``.

    A frame bit is ``row * stride + col`` in the frame; padding bits map back to None.
    """
    fmap = FRAMES[frame]
    W, H, stride = frame_shape(width, height, frame)
    fwd = np.zeros(width * height, dtype=np.int64)
    back: list[Cell | None] = [None] * (stride * H)
    for r in range(height):
        for c in range(width):
            fr, fc = fmap(r, c, height, width)
            fwd[r * width + c] = fr * stride + fc
            back[fr * stride + fc] = (r, c)
    fwd.setflags(write=False)
    return stride, fwd, tuple(back)


@lru_cache(maxsize=512)
def type_placements(width: int, height: int, code, frame: int, mirror: bool = True
                    ) -> tuple[np.ndarray, np.ndarray, tuple[tuple[Cell, ...], ...]]:
    """Every placement of one piece type on an empty ``height x width`` rectangle.

    ``code`` is a table type (:data:`TypeKey`); ``mirror`` False keeps the rotations of
    the face-up drawing only.  Returns ``(board masks uint64[n], frame masks uint64[n],
    cells per placement)``; each allowed fixed orientation at every offset where it fits,
    cells sorted row-major.
    """
    _, fwd, _ = frame_maps(width, height, frame)
    masks, fmasks, cells_out = [], [], []
    for cells in type_cells(code, mirror):
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
def build_table(width: int, height: int, cover: Mask, types: tuple,
                allowed: tuple[Mask, ...] | None = None, frame: int | None = None,
                mirror: bool = True) -> Table:
    """Build the placement table in a search frame (:func:`choose_frame` by default).

    Placements are generated once per rectangle and type in the board's own frame
    (every fixed orientation at every offset), kept where they lie inside ``cover``
    and mapped into the frame.  ``allowed[k]``, if given, restricts type ``k``'s
    placements to lie inside that mask (board frame); used for the one-cell
    hole pieces.  ``mirror`` False keeps one-sided orientations only.
    """
    if frame is None:
        frame = choose_frame(width, height, cover)
    stride, fwd, back = frame_maps(width, height, frame)
    W, H, _ = frame_shape(width, height, frame)
    fmask_parts, piece_parts, cells_all = [], [], []
    for k, code in enumerate(types):
        lim = cover if allowed is None else cover & allowed[k]
        masks, fmasks, cells = type_placements(width, height, code, frame, mirror)
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
    n_bits = stride * H
    padded = stride > W
    full = (1 << n_bits) - 1
    if padded:   # shifts cannot wrap between rows: the column masks are all ones
        not_first_col = not_last_col = (1 << 64) - 1
    else:
        not_first_col = full & ~sum(1 << (r * W) for r in range(H))
        not_last_col = full & ~sum(1 << (r * W + W - 1) for r in range(H))
    sizes = np.array([len(type_cells(t)[0]) for t in types], dtype=np.int64)
    anchor = low[order]
    win_off, win_first, win_pl = window_lists(pl_mask, anchor, n_bits, stride)
    # after the window lists: one list per piece type holding all its placements
    # (level 0 of a pivot formation), then 64 entries per orientation group, one per
    # anchor (the options of an MRV choice, :func:`solver.kernels.open_level`)
    by_type = np.argsort(pl_piece, kind="stable")
    type_first = (win_pl.size + np.searchsorted(pl_piece[by_type], np.arange(len(types) + 1))
                  ).astype(np.int64)
    grp_type_first, grp_valid, grp_first, grp_off, grp_cover, grp_rows = orientation_groups(
        pl_mask, anchor, pl_piece, len(types))
    grp_entry = win_pl.size + by_type.size
    win_pl = np.concatenate([win_pl, by_type.astype(np.int64), grp_rows])
    win_mask = pl_mask[win_pl]
    win_mask[grp_entry:][grp_rows < 0] = 0   # anchors where the group has no placement
    mono = np.zeros(len(types), dtype=np.uint64)
    for k in np.nonzero(sizes == 1)[0].tolist():
        mono[k] = np.bitwise_or.reduce(pl_mask[pl_piece == k]) if np.any(pl_piece == k) else 0
    return Table(stride, frame, padded, types, sizes, pl_piece, not_first_col,
                 not_last_col, win_mask, pl_piece[win_pl], win_pl, win_first,
                 win_off, tuple(int(o) for o in win_off), back,
                 placements, tuple(int(x) for x in type_first), mono, grp_type_first,
                 grp_valid, grp_first, grp_off, grp_cover, int(grp_entry),
                 pack_offsets(grp_first, grp_off))


def pack_offsets(grp_first: np.ndarray, grp_off: np.ndarray) -> np.ndarray:
    """Each group's cell offsets after the anchor, a byte each (offset ``i`` in bits
    ``8 (i - 1) ..``), for groups of up to 7 cells (0 for larger ones): uint64[G]."""
    out = np.zeros(grp_first.size - 1, dtype=np.uint64)
    for g in range(out.size):
        offs = grp_off[grp_first[g] + 1: grp_first[g + 1]].tolist()
        if len(offs) <= 6:
            out[g] = sum(d << (8 * i) for i, d in enumerate(offs))
    return out


def orientation_groups(pl_mask: np.ndarray, anchor: np.ndarray, pl_piece: np.ndarray,
                       n_types: int) -> tuple[np.ndarray, ...]:
    """Placements grouped by (piece type, cell pattern relative to the lowest cell).

    One group per fixed orientation of each type: every placement of a group is the
    same pattern ``mask >> anchor`` at another anchor.  The placements of group ``g``
    that fit the empty cells ``free`` are then, as a bitboard of anchors,
    ``valid & AND over the pattern's offsets d of (free >> d)``, and the cells they
    cover are ``OR over d of (fits << d)`` (:func:`solver.kernels.mrv_item`).

    Takes the placement masks (uint64[P], frame), their lowest bits (int64[P]), their
    types (int64[P]) and the number of types ``K``.  Returns, groups sorted by type:
    ``grp_type_first`` int64[K + 1] (the groups of type ``k`` are
    ``grp_type_first[k] .. grp_type_first[k + 1] - 1``), ``grp_valid`` uint64[G] (the
    anchors), ``grp_first`` int64[G + 1] and ``grp_off`` int64[...] (CSR cell offsets
    from the anchor, 0 first), ``grp_cover`` uint64[64 G] (at ``64 g + c``: the anchors
    whose placement of group ``g`` covers cell ``c``) and ``grp_rows`` int64[64 G] (at
    ``64 g + a``: the placement row of group ``g`` at anchor ``a``, or -1).
    """
    groups: dict[tuple[int, int], dict[int, int]] = {}
    for row, (m, a, k) in enumerate(zip(pl_mask.tolist(), anchor.tolist(), pl_piece.tolist())):
        groups.setdefault((k, m >> a), {})[a] = row
    keys = sorted(groups)
    G = len(keys)
    grp_type_first = np.searchsorted(np.array([k for k, _ in keys], dtype=np.int64),
                                     np.arange(n_types + 1)).astype(np.int64)
    grp_valid = np.array([sum(1 << a for a in groups[key]) for key in keys], dtype=np.uint64)
    offs = [[b for b in range(64) if pat >> b & 1] for _, pat in keys]
    grp_first = np.zeros(G + 1, dtype=np.int64)
    np.cumsum([len(o) for o in offs], out=grp_first[1:])
    grp_off = np.array([b for o in offs for b in o], dtype=np.int64)
    grp_cover = np.zeros(64 * G, dtype=np.uint64)
    grp_rows = np.full(64 * G, -1, dtype=np.int64)
    for g, key in enumerate(keys):
        cover = [0] * 64
        for a, row in groups[key].items():
            grp_rows[64 * g + a] = row
            for d in offs[g]:
                cover[a + d] |= 1 << a
        grp_cover[64 * g: 64 * g + 64] = np.array(cover, dtype=np.uint64)
    return grp_type_first, grp_valid, grp_first, grp_off, grp_cover, grp_rows


def window_offsets(W: int) -> tuple[int, ...]:
    """Window cells around an anchor ``c``: offsets in bits in a search frame of stride ``W``.

    Six cells (64 lists per anchor); 4, 8 and 10 cells measured no faster on the
    6 x 10 pentomino count (benchmarks/), and 10 uses 16x the memory.
    """
    return (1, 2, W - 1, W, W + 1, 2 * W)


def window_lists(pl_mask: np.ndarray, anchor: np.ndarray, n_cells: int,
                 W: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Candidate lists per (anchor cell, window state) for :func:`solver.kernels.search`.

    Takes the placement masks (uint64[P], sorted by lowest bit) and their lowest
    bits (int64[P]).  For anchor ``c`` the window is the ``B`` cells
    ``c + window_offsets(W)`` (:func:`solver.kernels.window_state`); list ``(c << B) | s``
    keeps, in table order, the placements anchored at ``c`` whose window cells are
    all empty in state ``s``.  Offsets that fall off the 64-bit board read as "not
    empty".

    Returns ``(win_off int64[B], win_first int64[(n_cells << B) + 1], win_pl int64[E])``.
    """
    offsets = np.array(window_offsets(W), dtype=np.int64)
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
def frame_mask(width: int, height: int, frame: int, m: Mask) -> Mask:
    """A board-frame bitmask mapped into search frame ``frame``."""
    _, fwd, _ = frame_maps(width, height, frame)
    out = 0
    while m:
        low = m & -m
        out |= 1 << int(fwd[low.bit_length() - 1])
        m ^= low
    return out


@lru_cache(maxsize=1024)
def prepared(puzzle: Puzzle) -> tuple[tuple[Shape, ...], Mask, dict[str, int]]:
    """Validate a puzzle once and return ``(types, cells to cover, multiplicities by code)``."""
    puzzle.validate()
    return puzzle.types, puzzle.cover_mask, dict(Counter(puzzle.formations))
