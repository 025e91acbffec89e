"""game/widgets/layout.py: the one place where cells, tray slots and buttons become pixels.

Like Tatham's ``COORD``/``FROMCOORD`` macros: :class:`Layout` is computed from the
window size alone, and both drawing and hit-testing use it, so a resized window
can never disagree with itself.  All rectangles are ``pygame.Rect`` in window
pixels; cells are ``(row, col)``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import pygame

from solver.board import Cell


@dataclass
class Layout:
    """Pixel geometry of the puzzle scene for one window size.

    Args:
        size: window (width, height) in pixels.
        board_w: board width in cells.
        board_h: board height in cells.
        n_slots: number of tray pieces.
        button_keys: button keys, left to right.
        max_extent: longest side (cells) of any tray piece in any orientation.

    Attributes (pixels): ``cell`` (board cell side), ``origin`` (board top-left),
    ``board_rect``, ``header``, ``tray_rect``, ``slots`` (one rect per tray piece),
    ``tray_cell`` (cell side of pieces drawn in the tray), ``buttons`` (key -> rect),
    ``status`` (message line), ``help`` (help line).
    """

    size: tuple[int, int]
    board_w: int
    board_h: int
    n_slots: int
    button_keys: tuple[str, ...] = ()
    max_extent: int = 4
    cell: int = field(init=False)
    origin: tuple[int, int] = field(init=False)

    def __post_init__(self) -> None:
        w, h = max(self.size[0], 320), max(self.size[1], 240)
        m = max(8, int(min(w, h) * 0.02))
        self.margin = m
        self.header = pygame.Rect(m, m, w - 2 * m, max(44, int(h * 0.085)))
        btn_h = max(30, int(h * 0.06))
        help_h = max(16, int(h * 0.028))
        status_h = max(22, int(h * 0.04))
        gap = max(6, m // 2)
        n = max(1, len(self.button_keys))
        # one row of buttons when each can be at least 96 px wide, else two rows
        rows = 1 if (w - 2 * m - gap * (n - 1)) // n >= 96 else 2
        per_row = math.ceil(n / rows)
        bottom = h - m
        self.help = pygame.Rect(m, bottom - help_h, w - 2 * m, help_h)
        btn_top = self.help.top - m // 2 - rows * btn_h - (rows - 1) * gap
        mid_top = self.header.bottom + m
        self.status = pygame.Rect(m, btn_top - m // 2 - status_h, w - 2 * m, status_h)
        mid_bottom = self.status.top - m // 2
        mid_h = max(60, mid_bottom - mid_top)
        frame = 0.35  # frame thickness in cells, on each side
        self.portrait = h > w * 1.05
        if self.portrait:
            # board on top (about 62 % of the height), tray below
            area = pygame.Rect(m, mid_top, w - 2 * m, int((mid_h - m) * 0.62))
            tray = pygame.Rect(m, area.bottom + m, w - 2 * m, mid_bottom - area.bottom - m)
        else:
            # board on the left (about 58 % of the width), tray on the right
            area = pygame.Rect(m, mid_top, int((w - 3 * m) * 0.58), mid_h)
            tray = pygame.Rect(area.right + m, mid_top, w - m - (area.right + m), mid_h)
        self.cell = max(8, int(min(area.width / (self.board_w + 2 * frame),
                                   area.height / (self.board_h + 2 * frame))))
        bw, bh = self.cell * self.board_w, self.cell * self.board_h
        bx = area.x + (area.width - bw) // 2
        by = area.y + (area.height - bh) // 2
        fr = int(self.cell * frame)
        self.origin = (bx, by)
        self.board_rect = pygame.Rect(bx, by, bw, bh)
        self.frame_rect = self.board_rect.inflate(2 * fr, 2 * fr)
        self.tray_rect = tray
        self._layout_tray()
        self.buttons: dict[str, pygame.Rect] = {}
        bw_each = min(150, (w - 2 * m - gap * (per_row - 1)) // per_row)
        for i, key in enumerate(self.button_keys):
            row, col = divmod(i, per_row)
            in_row = min(per_row, n - row * per_row)
            x0 = (w - (bw_each * in_row + gap * (in_row - 1))) // 2
            self.buttons[key] = pygame.Rect(x0 + col * (bw_each + gap), btn_top + row * (btn_h + gap),
                                            bw_each, btn_h)

    def _layout_tray(self) -> None:
        n = max(1, self.n_slots)
        tr = self.tray_rect
        title_h = max(22, int(self.size[1] * 0.035))
        self.tray_title = pygame.Rect(tr.x, tr.y, tr.width, title_h)
        area = pygame.Rect(tr.x, tr.y + title_h, tr.width, tr.height - title_h)
        best = None
        for cols in range(1, n + 1):
            rows = math.ceil(n / cols)
            side = min(area.width / cols, area.height / rows)
            if best is None or side > best[0]:
                best = (side, cols, rows)
        _, cols, rows = best
        sw, sh = area.width // cols, area.height // rows
        self.slots: list[pygame.Rect] = []
        for i in range(n):
            r, c = divmod(i, cols)
            self.slots.append(pygame.Rect(area.x + c * sw, area.y + r * sh, sw, sh).inflate(-6, -6))
        s0 = self.slots[0] if self.slots else area
        # the longest piece side must fit both ways (pieces rotate); leave room for a caption
        ext = self.max_extent + 0.7
        cap = max(14, int(s0.height * 0.16))
        self.tray_cell = max(6, min(int(s0.width / ext), int((s0.height - cap) / ext), int(self.cell * 0.75)))

    # ---------------------------------------------------------------- conversions

    def cell_to_px(self, cell: Cell) -> tuple[int, int]:
        """Top-left pixel of board cell ``(row, col)``."""
        r, c = cell
        return self.origin[0] + c * self.cell, self.origin[1] + r * self.cell

    def cell_rect(self, cell: Cell) -> pygame.Rect:
        """Pixel rectangle of board cell ``(row, col)``."""
        x, y = self.cell_to_px(cell)
        return pygame.Rect(x, y, self.cell, self.cell)

    def px_to_cell(self, pos: tuple[float, float]) -> Cell | None:
        """Board cell ``(row, col)`` under pixel ``pos``, or None when off the board."""
        fx, fy = self.px_to_cellf(pos)
        r, c = math.floor(fy), math.floor(fx)
        if 0 <= r < self.board_h and 0 <= c < self.board_w:
            return r, c
        return None

    def px_to_cellf(self, pos: tuple[float, float]) -> tuple[float, float]:
        """Fractional board coordinates ``(x in columns, y in rows)`` of pixel ``pos``."""
        return (pos[0] - self.origin[0]) / self.cell, (pos[1] - self.origin[1]) / self.cell

    def slot_at(self, pos: tuple[int, int]) -> int | None:
        """Tray slot whose rectangle contains pixel ``pos``, or None."""
        for i, r in enumerate(self.slots):
            if r.collidepoint(pos):
                return i
        return None

    def button_at(self, pos: tuple[int, int]) -> str | None:
        """Key of the button under pixel ``pos``, or None."""
        for k, r in self.buttons.items():
            if r.collidepoint(pos):
                return k
        return None

    def tray_piece_origin(self, slot: int, cells: tuple[Cell, ...]) -> tuple[int, int]:
        """Top-left pixel where a tray piece with normalised ``cells`` is drawn, centred in its slot."""
        rect = self.slots[slot]
        h = max(r for r, _ in cells) + 1
        w = max(c for _, c in cells) + 1
        cap = self.caption_height()
        x = rect.centerx - w * self.tray_cell // 2
        y = rect.y + (rect.height - cap - h * self.tray_cell) // 2
        return x, y

    def caption_height(self) -> int:
        """Pixel height reserved under each tray piece for its name."""
        h = self.slots[0].height if self.slots else 100
        return max(14, int(h * 0.16))
