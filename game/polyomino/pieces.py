"""game/polyomino/pieces.py: pieces and boards as pixels; these functions only read.

Every function paints onto a surface from its arguments (layout, shapes, cells,
colours) and changes nothing else.  Piece images are cached in the
:class:`~game.widgets.text.DrawCache`, which may be dropped at any time (window
resize, language change) and rebuilt on the next frame, like Tatham's
``game_drawstate``.
"""
from __future__ import annotations

import math
from typing import Iterable

import pygame

from solver.board import MONTHS_EN, MONTHS_ZH, WEEKDAYS_EN, WEEKDAYS_ZH, Board, Cell
from solver.shapes import Shape

from .. import palette as P
from ..widgets.cells import fit_label, label_forms
from ..widgets.layout import Layout
from ..widgets.text import DrawCache, Fonts, blit_center, fit_text, text_surface


MIN_TEXT_PX = 12
"""Smallest text height (px) a board label may shrink to before a shorter form is used."""


def label_cell(cells: Iterable[Cell]) -> Cell:
    """The cell of a piece nearest its centroid (where the letter is drawn)."""
    cells = list(cells)
    cy = sum(r for r, _ in cells) / len(cells)
    cx = sum(c for _, c in cells) / len(cells)
    return min(cells, key=lambda rc: ((rc[0] - cy) ** 2 + (rc[1] - cx) ** 2, rc))


def piece_image(cache: DrawCache, fonts: Fonts, shape: Shape, orientation: int, cell: int,
                name: str = "", style: str = "normal", colour: P.Colour | None = None) -> pygame.Surface:
    """A piece drawn on a transparent surface of (w*cell, h*cell) pixels.

    Args:
        shape: the :class:`~solver.shapes.Shape`; orientation: index into its orientations.
        cell: cell side in pixels.
        name: a short name drawn under the letter when the cell is large enough.
        style: ``"normal"``, ``"ghost_ok"`` (green), ``"ghost_bad"`` (red), ``"hint"``
            (gold outline), ``"dead"`` (red outline), ``"faded"`` (tray silhouette).
        colour: its fill (the puzzle's :func:`~game.palette.piece_colours`); None: the
            library colour of its code.
    """
    base = colour or P.piece_colour(shape.code)
    key = (shape, orientation, cell, name, style, base)
    img = cache.pieces.get(key)
    if img is not None:
        return img
    cells = shape.orientations[orientation]
    h = max(r for r, _ in cells) + 1
    w = max(c for _, c in cells) + 1
    img = pygame.Surface((w * cell, h * cell), pygame.SRCALPHA)
    if style == "ghost_ok":
        fill, edge = P.mix(base, P.LEGAL, 0.45), P.LEGAL
    elif style == "ghost_bad":
        fill, edge = P.mix(base, P.ILLEGAL, 0.55), P.ILLEGAL
    elif style == "faded":
        fill, edge = P.mix(base, P.PANEL, 0.8), P.mix(base, P.PANEL, 0.6)
    else:
        fill, edge = base, P.shade(base, 0.55)
    cs = set(cells)
    lw = max(1, cell // 18)
    for r, c in cells:
        rect = pygame.Rect(c * cell, r * cell, cell, cell)
        pygame.draw.rect(img, fill, rect)
        if style in ("normal", "hint", "dead"):
            # soft bevel: lighter top-left, darker bottom-right inside the piece outline
            hl = P.shade(fill, 1.25)
            dk = P.shade(fill, 0.85)
            if (r - 1, c) not in cs:
                pygame.draw.line(img, hl, (rect.left, rect.top + lw * 2), (rect.right - 1, rect.top + lw * 2), lw)
            if (r + 1, c) not in cs:
                pygame.draw.line(img, dk, (rect.left, rect.bottom - 1 - lw * 2),
                                 (rect.right - 1, rect.bottom - 1 - lw * 2), lw)
    ew = max(2, cell // 14) if style not in ("hint", "dead") else max(3, cell // 9)
    if style == "hint":
        edge = P.HINT
    elif style == "dead":
        edge = P.DEAD
    for r, c in cells:
        x0, y0, x1, y1 = c * cell, r * cell, (c + 1) * cell - 1, (r + 1) * cell - 1
        if (r - 1, c) not in cs:
            pygame.draw.line(img, edge, (x0, y0), (x1, y0), ew)
        if (r + 1, c) not in cs:
            pygame.draw.line(img, edge, (x0, y1 - ew // 2), (x1, y1 - ew // 2), ew)
        if (r, c - 1) not in cs:
            pygame.draw.line(img, edge, (x0, y0), (x0, y1), ew)
        if (r, c + 1) not in cs:
            pygame.draw.line(img, edge, (x1 - ew // 2, y0), (x1 - ew // 2, y1), ew)
    if style != "faded" and cell >= 14:
        ink = P.ink_on(fill)
        lr, lc = label_cell(cells)
        cx, cy = lc * cell + cell / 2, lr * cell + cell / 2
        letter = shape.label
        if name and cell * 0.2 >= MIN_TEXT_PX:
            blit_center(img, text_surface(cache, fonts, letter, int(cell * 0.40), ink, True),
                        (cx, cy - cell * 0.13))
            blit_center(img, fit_text(cache, fonts, name, int(cell * 0.2), ink, int(cell * 0.94)),
                        (cx, cy + cell * 0.26))
        elif cell >= 2 * MIN_TEXT_PX - 4:  # a letter no smaller than readable, or none
            blit_center(img, text_surface(cache, fonts, letter, max(MIN_TEXT_PX, int(cell * 0.5)), ink, True),
                        (cx, cy))
    if len(cache.pieces) > 600:
        cache.pieces.clear()
    cache.pieces[key] = img
    return img


def month_labels(board: Board, cell: Cell) -> tuple[str, str] | None:
    """(Chinese, English) names when the board labels ``cell`` with a month (``一月``,
    ``Jan``) or a weekday (``星期日``, ``Sun``), else None."""
    if not board.labels:
        return None
    text = board.labels[cell[0] * board.width + cell[1]]
    if text in MONTHS_EN:
        i = MONTHS_EN.index(text)
        return MONTHS_ZH[i], MONTHS_EN[i]
    if text in WEEKDAYS_EN:
        i = WEEKDAYS_EN.index(text)
        return WEEKDAYS_ZH[i], WEEKDAYS_EN[i]
    return None


def draw_board(surface: pygame.Surface, L: Layout, fonts: Fonts, cache: DrawCache, board: Board,
               targets: Iterable[Cell], lang: str, pulse: float | None = 0.0) -> None:
    """Board frame, open cells, month/day labels and the marked target cells.

    ``pulse`` (0..1) animates the target ring; None leaves the rings out (see
    :func:`draw_target_rings`, for a cached board drawn once).
    """
    cell = L.cell
    fr = L.frame_rect
    shadow = fr.move(max(2, cell // 14), max(3, cell // 10))
    pygame.draw.rect(surface, P.PANEL_EDGE, shadow, border_radius=max(4, cell // 5))
    pygame.draw.rect(surface, P.FRAME, fr, border_radius=max(4, cell // 5))
    pygame.draw.rect(surface, P.FRAME_DARK, fr, width=max(2, cell // 20), border_radius=max(4, cell // 5))
    targets = set(targets)
    # one form for every weekday cell: 星期日 when it fits a cell at a legible size, else a short one
    weekday_short = fit_label(fonts, (WEEKDAYS_ZH[0],), int(cell * 0.3), int(cell * 0.9)) is None
    for r in range(board.height):
        for c in range(board.width):
            if not board.is_open(r, c):
                continue
            rect = L.cell_rect((r, c))
            weekday = bool(board.labels) and board.labels[r * board.width + c] in WEEKDAYS_EN
            fill = P.TARGET_FILL if (r, c) in targets else P.WEEKDAY_CELL if weekday else P.CELL
            pygame.draw.rect(surface, fill, rect)
            pygame.draw.rect(surface, P.CELL_LINE, rect, 1)
    for r in range(board.height):
        for c in range(board.width):
            if not board.is_open(r, c):
                continue
            rect = L.cell_rect((r, c))
            is_t = (r, c) in targets
            col = P.TEXT if is_t else P.LABEL
            if is_t and pulse is not None:
                draw_target_rings(surface, L, [(r, c)], pulse)
            ml = month_labels(board, (r, c))
            if ml is not None:
                token = board.labels[r * board.width + c]
                other = "zh" if lang == "en" else "en"
                # inside the ring a caption has the ring's chord at its height, not the cell
                forms = label_forms(token, lang)
                if weekday_short and lang == "zh" and token in WEEKDAYS_EN:
                    forms = forms[1:]  # one form for every weekday cell: 周日 or 日, not 星期日
                main = fit_label(fonts, forms, int(cell * 0.3), int(cell * (0.8 if is_t else 0.9)), is_t)
                if main is not None:
                    blit_center(surface, text_surface(cache, fonts, main[0], main[1], col, is_t),
                                (rect.centerx, rect.centery - cell * 0.1))
                sub = fit_label(fonts, label_forms(token, other), max(MIN_TEXT_PX, int(cell * 0.19)),
                                int(cell * (0.74 if is_t else 0.9)))
                if cell >= 4 * MIN_TEXT_PX and sub is not None:  # the other language's name, when readable
                    blit_center(surface, text_surface(cache, fonts, sub[0], sub[1],
                                                      P.LABEL_SOFT if not is_t else col),
                                (rect.centerx, rect.centery + cell * (0.2 if is_t else 0.24)))
            elif board.labels and board.labels[r * board.width + c]:
                text = board.labels[r * board.width + c]
                blit_center(surface, text_surface(cache, fonts, text, int(cell * 0.36), col, is_t), rect.center)


def draw_target_rings(surface: pygame.Surface, L: Layout, targets: Iterable[Cell], pulse: float) -> None:
    """The red ring around each target cell; ``pulse`` (0..1) breathes its radius."""
    ring = max(2, L.cell // 16)
    rad = int(L.cell * (0.47 + 0.02 * math.sin(pulse * math.tau)))
    for cell in targets:
        pygame.draw.circle(surface, P.TARGET_RING, L.cell_rect(cell).center, rad, ring)


def draw_placed(surface: pygame.Surface, L: Layout, fonts: Fonts, cache: DrawCache, shape: Shape,
                orientation: int, row: float, col: float, name: str = "", style: str = "normal",
                alpha: int = 255, colour: P.Colour | None = None) -> None:
    """A piece on the board grid with its bounding-box top-left at (row, col) cells (may be
    fractional); ``colour`` as in :func:`piece_image`."""
    img = piece_image(cache, fonts, shape, orientation, L.cell, name, style, colour)
    x = L.origin[0] + col * L.cell
    y = L.origin[1] + row * L.cell
    if alpha < 255:
        img = img.copy()
        img.set_alpha(alpha)
    surface.blit(img, (int(x), int(y)))
