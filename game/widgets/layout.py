"""game/widgets/layout.py: the one place where cells, tray slots and buttons become pixels.

Like Tatham's ``COORD``/``FROMCOORD`` macros: :class:`Layout` is computed from the
window size alone, and both drawing and hit-testing use it, so a resized window
can never disagree with itself.  All rectangles are ``pygame.Rect`` in window
pixels; cells are ``(row, col)``.

The screen, top to bottom::

    header   title · mode            time  moves   [tools: found calendar stats help settings]
             date words · facts (solutions, difficulty, best time, ...)
    middle   board                   | tray title, tray slots (or a side panel)
    status   the message line                                 [a toast button, e.g. "back to May 1"]
    bar      [date icons] [undo redo reset] [speed] ...          [secondary labelled] [PRIMARY]
    footer   the help line

A hierarchy of controls (:class:`Button`): *primary* buttons (Hint, Solve) are large,
filled and labelled, at the right end of the bar; *text* buttons are labelled but
plain; *icon* buttons are squares with an icon (:mod:`game.widgets.icons`) or a glyph
and a tooltip.  The header *tools* are icon buttons too.

**Readable at any size.**  Every click target is at least :data:`MIN_TARGET_PX`
square and every text size in :attr:`Layout.text_px` is at least
:data:`~game.widgets.text.MIN_TEXT_PX`; instead of shrinking below that, the window
has a minimum size (:data:`MIN_WINDOW`, enforced by the frame loop), and a layout
asked for a smaller size lays out :data:`MIN_WINDOW` (what does not fit the window is
cut off, never shrunk).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

import pygame

from solver.board import Cell

from .text import MIN_TEXT_PX

MIN_TARGET_PX = 32
"""The smallest side of any click target (pixels)."""
MIN_WINDOW = (800, 600)
"""The smallest window (width, height) in pixels at which every target and text keeps its
minimum size; the frame loop does not let the window get smaller."""
DESIGN = (1120, 780)
"""The window size the proportions below were drawn for (scale 1)."""


@dataclass(frozen=True)
class Button:
    """One control of the bottom bar.

    Attributes:
        key: its command (:meth:`game.scene.Scene.command`) and, for labelled buttons, its
            :mod:`game.i18n` label key.
        kind: ``"primary"`` (large, filled, labelled), ``"text"`` (labelled) or ``"icon"``.
        icon: the :mod:`game.widgets.icons` name of an icon button (None: draw :attr:`glyph`).
        glyph: text drawn on an icon button without an icon (``"−"``, ``"+"``).
        group: buttons of one group sit side by side; groups are set apart.
        wide: an icon button with room for a short value beside its icon (the speed).
    """

    key: str
    kind: str = "icon"
    icon: str | None = None
    glyph: str = ""
    group: int = 0
    wide: bool = False


def clamp_size(size: tuple[int, int]) -> tuple[int, int]:
    """``size`` raised to at least :data:`MIN_WINDOW` in each direction."""
    return max(int(size[0]), MIN_WINDOW[0]), max(int(size[1]), MIN_WINDOW[1])


@dataclass
class Layout:
    """Pixel geometry of a play scene for one window size.

    Args:
        size: window (width, height) in pixels (raised to :data:`MIN_WINDOW`).
        board_w: board width in cells.
        board_h: board height in cells.
        n_slots: number of tray pieces.
        buttons: the bottom bar's :class:`Button` s, left to right.
        max_extent: longest side (cells) of any tray piece in any orientation.
        tools: the header's icon buttons (their icon is their name), left to right.
        measure: ``(key, px, bold) -> width`` in pixels of a labelled button's label at a
            font size, so the button is wide enough for it (None: fixed widths).

    Attributes (pixels): ``scale`` (1 at :data:`DESIGN`), ``cell`` (board cell side),
    ``origin`` (board top-left), ``board_rect``, ``frame_rect``, ``header``,
    ``header_row`` (its first line, the tools' row), ``header_sub`` (its second line),
    ``tools`` (name -> rect), ``tray_rect``, ``tray_title``, ``slots`` (one rect per tray
    piece), ``tray_cell`` (cell side of pieces drawn in the tray), ``buttons`` (key ->
    rect), ``specs`` (key -> :class:`Button`), ``status`` (message line), ``help`` (the
    footer), ``text_px`` (role -> font size in pixels: ``title``, ``clock``, ``sub``,
    ``tray_title``, ``caption``, ``status``, ``footer``, ``primary``, ``button``,
    ``tooltip``).
    """

    size: tuple[int, int]
    board_w: int
    board_h: int
    n_slots: int
    buttons_spec: tuple[Button, ...] = ()
    max_extent: int = 4
    tools_spec: tuple[str, ...] = ()
    measure: Callable[[str, int, bool], int] | None = field(default=None, repr=False, compare=False)
    cell: int = field(init=False)
    origin: tuple[int, int] = field(init=False)

    def __post_init__(self) -> None:
        self.size = clamp_size(self.size)
        w, h = self.size
        s = self.scale = min(w / DESIGN[0], h / DESIGN[1])
        px = lambda v, lo=MIN_TEXT_PX: max(lo, round(v * s))  # noqa: E731
        m = self.margin = max(8, round(12 * s))
        gap = self.gap = max(6, round(8 * s))
        self.group_gap = gap * 5 // 2
        self.text_px = {"title": px(30), "clock": px(18), "sub": px(16), "tray_title": px(17),
                        "caption": px(15), "status": px(17), "footer": px(14), "primary": px(19),
                        "button": px(15), "tooltip": px(15, 13)}
        # header: tools' row, then one line of smaller text
        tool = self.tool_side = px(40, MIN_TARGET_PX + 2)
        sub_h = round(self.text_px["sub"] * 1.5)
        self.header = pygame.Rect(m, m, w - 2 * m, tool + sub_h)
        self.header_row = pygame.Rect(m, m, w - 2 * m, tool)
        self.header_sub = pygame.Rect(m, m + tool, w - 2 * m, sub_h)
        self.tools: dict[str, pygame.Rect] = {}
        x = self.header.right
        for name in reversed(self.tools_spec):
            x -= tool
            self.tools[name] = pygame.Rect(x, m, tool, tool)
            x -= gap // 2
        # bottom: footer, the bar (one row, or two when it does not fit), the status line
        self.bar_h = px(46, MIN_TARGET_PX + 4)
        help_h = px(22, MIN_TEXT_PX + 6)
        status_h = px(36, MIN_TARGET_PX)
        self.help = pygame.Rect(m, h - m - help_h, w - 2 * m, help_h)
        rows = self._bar_rows(w - 2 * m)
        bar_top = self.help.top - gap // 2 - len(rows) * self.bar_h - (len(rows) - 1) * gap
        self.buttons: dict[str, pygame.Rect] = {}
        self.specs: dict[str, Button] = {b.key: b for b in self.buttons_spec}
        for i, row in enumerate(rows):
            self._place_row(row, bar_top + i * (self.bar_h + gap), m, w - m)
        self.status = pygame.Rect(m, bar_top - gap // 2 - status_h, w - 2 * m, status_h)
        mid_top = self.header.bottom + m
        mid_bottom = self.status.top - gap // 2
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

    # ---------------------------------------------------------------- the bar

    def button_width(self, b: Button) -> int:
        """Width in pixels of button ``b`` (icons are squares; a wide icon has room for a value)."""
        s, side = self.scale, self.bar_h
        if b.kind in ("primary", "text"):
            primary = b.kind == "primary"
            least = max(96, round(132 * s)) if primary else max(64, round(96 * s))
            if self.measure is not None:
                px = self.text_px["primary" if primary else "button"]
                least = max(least, self.measure(b.key, px, primary) + 28)
            return least
        return side + (max(30, round(34 * s)) if b.wide else 0)

    def _groups(self, specs: tuple[Button, ...]) -> list[list[Button]]:
        groups: list[list[Button]] = []
        for b in specs:
            if groups and groups[-1][0].group == b.group:
                groups[-1].append(b)
            else:
                groups.append([b])
        return groups

    def _span(self, specs: tuple[Button, ...]) -> int:
        groups = self._groups(specs)
        inner = sum(self.button_width(b) for b in specs) + sum(len(g) - 1 for g in groups) * self.gap // 2
        return inner + (len(groups) - 1) * self.group_gap

    def _bar_rows(self, width: int) -> list[tuple[Button, ...]]:
        """One row when every button fits, else the labelled buttons on a second row."""
        specs = self.buttons_spec
        if not specs or self._span(specs) <= width:
            return [specs] if specs else []
        icons = tuple(b for b in specs if b.kind == "icon")
        words = tuple(b for b in specs if b.kind != "icon")
        return [r for r in (icons, words) if r]

    def _place_row(self, row: tuple[Button, ...], y: int, left: int, right: int) -> None:
        """Icon groups from the left, labelled groups right-aligned (primary last, at the right)."""
        x = left
        groups = self._groups(row)
        icon_groups = [g for g in groups if all(b.kind == "icon" for b in g)]
        word_groups = [g for g in groups if g not in icon_groups]
        for g in icon_groups:
            for b in g:
                bw = self.button_width(b)
                self.buttons[b.key] = pygame.Rect(x, y, bw, self.bar_h)
                x += bw + self.gap // 2
            x += self.group_gap - self.gap // 2
        x = right
        for g in reversed(word_groups):
            for b in reversed(g):
                bw = self.button_width(b)
                x -= bw
                self.buttons[b.key] = pygame.Rect(x, y, bw, self.bar_h)
                x -= self.gap // 2
            x -= self.group_gap - self.gap // 2

    # ---------------------------------------------------------------- the tray

    def _layout_tray(self) -> None:
        n = max(1, self.n_slots)
        tr = self.tray_rect
        title_h = max(MIN_TARGET_PX - 4, round(self.text_px["tray_title"] * 1.7))
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
        cap = self.caption_height()
        self.text_px["caption"] = max(MIN_TEXT_PX, min(self.text_px["caption"], int(cap * 0.8)))
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
        """Key of the bar button or header tool under pixel ``pos``, or None."""
        for rects in (self.buttons, self.tools):
            for k, r in rects.items():
                if r.collidepoint(pos):
                    return k
        return None

    def targets(self) -> dict[str, pygame.Rect]:
        """Every button and tool (key -> rect) in reading order (top to bottom, left to right):
        what a click or the keyboard focus can press."""
        both = {**self.tools, **self.buttons}
        return dict(sorted(both.items(), key=lambda kv: (kv[1].top, kv[1].left)))

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
        return max(MIN_TEXT_PX + 6, int(h * 0.16))
