"""game/widgets/picker.py: the calendar-board picker, an overlay listing every edition.

Each card shows an edition (an entry of :mod:`game.polyomino.catalogue`, passed in as
data): its board drawn small with the date's target cells, its pieces in their
colours, its title in the current language (the other one under it), its size, a
mark when it has weekday cells, and the number of solutions on the date in play.
The counts are asked of the solver thread one at a time, only while it has nothing
else to do (:meth:`VariantPicker.update`), and arrive through the worker's
``on_result`` receiver: the picker never blocks the frame and shows "counting…"
until a count is known.  Counts are remembered per puzzle for the whole run
(:data:`COUNTS`), so the picker opens with what it learnt before.

Input: arrow keys (or Tab) move the choice, Enter or Space plays it, 1-9 play an
entry at once, a click on a card plays it, Esc (or B / F4, the keys that open it) or
a click outside closes.  :meth:`VariantPicker.handle_event` returns a :class:`Choice`
for the scene to switch to.  Geometry (:meth:`VariantPicker.rects`) is computed from
the window size for drawing and hit-testing alike.  Never imports a front end.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any, Callable, Sequence

import pygame

from solver.board import WEEKDAYS_EN

from .. import i18n, keymap
from .. import palette as P
from .cells import fit_board_labels
from .overlays import CLOSE, Overlay, _dim, _panel
from .text import DrawCache, Fonts, blit_center, fit_text, text_surface

COUNTS: dict[tuple, int] = {}
"""Solution counts learnt this run: (entry id, file path, date, mirror rule) -> count."""


@dataclass(frozen=True)
class Choice:
    """The edition the player chose: the scene that plays it and its id."""

    scene: str
    ident: str


class VariantPicker(Overlay):
    """The picker (see the module docstring).

    Args:
        entries: catalogue entries (``ident``, ``variant`` or None, ``path``, ``error``,
            ``scene``), in display order.
        date: the date in play (targets drawn, solutions counted for it).
        today: the local calendar day (the count says "today" for it).
        current: the scene in play (its card is marked).
        allow_flip: the player's "Allow flipping" setting (counts follow the rule played).
        solver: returns the shared solver worker (``ctx.solver``).
        last: the id chosen last (``Settings.last_variant``): selected when it opens.
    """

    toggle = "variants"

    def __init__(self, entries: Sequence[Any], date: _dt.date, today: _dt.date, current: str,
                 allow_flip: bool, solver: Callable[[], Any], last: str | None = None) -> None:
        self.entries = list(entries)
        self.date, self.today = date, today
        self.current = current
        self.allow_flip = allow_flip
        self.solver = solver
        self.asked: int | None = None
        self.changed = False
        here = [i for i, e in enumerate(self.entries) if e.scene and e.scene == current]
        mine = [i for i, e in enumerate(self.entries) if e.ident == last and e.variant is not None]
        self.sel = (here or mine or [0])[0] if self.entries else 0

    # ------------------------------------------------------------ counts

    def mirror_of(self, entry: Any) -> bool:
        """The mirror rule the entry would be played with."""
        return bool(entry.variant.mirror) and self.allow_flip

    def count_key(self, entry: Any) -> tuple:
        """The :data:`COUNTS` key of an entry on the picker's date."""
        return entry.ident, entry.path, self.date, self.mirror_of(entry)

    def count(self, entry: Any) -> int | None:
        """The entry's number of solutions on the date, or None until counted."""
        return COUNTS.get(self.count_key(entry)) if entry.variant is not None else None

    def update(self, dt_s: float = 0.0) -> bool:
        """Ask the solver for the next missing count when it is idle; returns True when
        something new is to be drawn (a count arrived since the last call)."""
        changed, self.changed = self.changed, False
        if self.asked is not None:
            return changed
        todo = [e for e in self.entries if e.variant is not None and self.count(e) is None]
        if not todo:
            return changed
        worker = self.solver()
        if worker.ready and not worker.busy and not worker.failed:
            e = todo[0]
            puzzle = e.variant.puzzle(self.date, mirror=self.mirror_of(e))
            key = self.count_key(e)
            self.asked = worker.submit("count", puzzle, on_result=lambda res, k=key: self._counted(k, res))
        return changed

    def _counted(self, key: tuple, res: Any) -> None:
        """Receiver of a count answer (UI thread): a cancelled count is asked again later."""
        self.asked = None
        if res.status == "ok":
            COUNTS[key] = res.count
            self.changed = True

    # ------------------------------------------------------------ geometry

    def grid(self, size: tuple[int, int]) -> tuple[pygame.Rect, int, int]:
        """(panel box, columns, rows) for a window of ``size`` px: the column count that
        gives the largest board drawing."""
        w, h = size
        box = pygame.Rect(0, 0, int(w * 0.94), int(h * 0.94))
        box.center = (w // 2, h // 2)
        n = max(1, len(self.entries))
        best = None
        for cols in range(1, n + 1):
            rows = -(-n // cols)
            cw, ch = box.width / cols, (box.height * 0.84) / rows
            # a card: text lines above and below, the board and the pieces side by side
            cell = min(cw * 0.5 / 7, (ch - 4.6 * _line(ch)) / 8)
            if best is None or cell > best[0] + 0.01:
                best = (cell, cols, rows)
        return box, best[1], best[2]

    def rects(self, size: tuple[int, int]) -> dict[Any, pygame.Rect]:
        """``"box"``, ``"title"``, ``"footer"`` and one card rect per entry index."""
        box, cols, rows = self.grid(size)
        pad = max(6, box.width // 80)
        title_h = int(box.height * 0.08)
        foot_h = int(box.height * 0.06)
        out: dict[Any, pygame.Rect] = {"box": box}
        out["title"] = pygame.Rect(box.x + pad, box.y + pad // 2, box.width - 2 * pad, title_h)
        out["footer"] = pygame.Rect(box.x + pad, box.bottom - foot_h - pad // 2, box.width - 2 * pad, foot_h)
        top, bottom = out["title"].bottom, out["footer"].top
        cw, ch = (box.width - 2 * pad) // cols, (bottom - top) // rows
        for i in range(len(self.entries)):
            r, c = divmod(i, cols)
            out[i] = pygame.Rect(box.x + pad + c * cw, top + r * ch, cw, ch).inflate(-pad, -pad)
        return out

    # ------------------------------------------------------------ input

    def handle_event(self, ev: pygame.event.Event, size: tuple[int, int]) -> Any:
        """Move the choice or choose; returns None, :data:`CLOSE` or a :class:`Choice`."""
        n = len(self.entries)
        if ev.type == pygame.KEYDOWN:
            cmd = keymap.command_for(ev)
            _, cols, _ = self.grid(size)
            steps = {"left": -1, "right": 1, "up": -cols, "down": cols, "tab_next": 1, "tab_prev": -1}
            if cmd in steps and n:
                self.sel = (self.sel + steps[cmd]) % n if cmd.startswith("tab") else \
                    min(n - 1, max(0, self.sel + steps[cmd]))
                return None
            if cmd == "activate":
                return self.choose(self.sel)
            if cmd is not None and cmd.startswith("pick_"):
                return self.choose(int(cmd[5:]) - 1)
            return CLOSE if self.closes(ev) else None
        if ev.type == pygame.MOUSEBUTTONDOWN and ev.button == 1:
            r = self.rects(size)
            if not r["box"].collidepoint(ev.pos):
                return CLOSE
            for i in range(n):
                if r[i].collidepoint(ev.pos):
                    self.sel = i
                    return self.choose(i)
        return None

    def choose(self, i: int) -> Any:
        """A :class:`Choice` for entry ``i``; None (stay open) when it is broken or missing."""
        if not 0 <= i < len(self.entries):
            return None
        e = self.entries[i]
        if e.variant is None:
            self.sel = i
            return None
        return Choice(e.scene, e.ident)

    # ------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface, fonts: Fonts, cache: DrawCache, lang: str) -> None:
        """Dim the scene and draw one card per edition."""
        _dim(surface)
        r = self.rects(surface.get_size())
        box = r["box"]
        _panel(surface, box)
        t = r["title"]
        blit_center(surface, fit_text(cache, fonts, i18n.tr("variants_title", lang), int(t.height * 0.62), P.TITLE,
                                      t.width, True), t.center)
        f = r["footer"]
        blit_center(surface, fit_text(cache, fonts, i18n.tr("variants_hint", lang), int(f.height * 0.5),
                                      P.TEXT_SOFT, f.width), f.center)
        for i, e in enumerate(self.entries):
            self._card(surface, fonts, cache, lang, r[i], e, i)

    def _card(self, surface: pygame.Surface, fonts: Fonts, cache: DrawCache, lang: str, rect: pygame.Rect,
              e: Any, i: int) -> None:
        sel = i == self.sel
        playing = bool(e.scene) and e.scene == self.current
        pygame.draw.rect(surface, P.BUTTON_HOVER if sel else P.BUTTON, rect, border_radius=10)
        pygame.draw.rect(surface, P.TITLE if sel else P.PANEL_EDGE, rect, 3 if sel else 1, border_radius=10)
        line = _line(rect.height)
        pad = max(4, int(line * 0.4))
        x, w = rect.x + pad, rect.width - 2 * pad
        y = rect.y + pad // 2
        v = e.variant
        if v is None:  # a file that cannot be played: its name and why
            surface.blit(fit_text(cache, fonts, f"{i + 1}  {e.ident}", line, P.LABEL_SOFT, w, True), (x, y))
            surface.blit(fit_text(cache, fonts, e.error, int(line * 0.7), P.ILLEGAL, w), (x, y + int(line * 1.4)))
            return
        title = v.title if lang == "en" else v.title_zh
        other = v.title_zh if lang == "en" else v.title
        if e.path:  # a file from the command line: its name beside the other title
            other += "  ·  " + i18n.tr("variant_file", lang, name=e.path.replace("\\", "/").rsplit("/", 1)[-1])
        head = fit_text(cache, fonts, f"{i + 1}  {title}", line, P.TEXT, w, True)
        surface.blit(head, (x, y))
        y += head.get_height()
        sub = fit_text(cache, fonts, other, int(line * 0.72), P.TEXT_SOFT, w)
        surface.blit(sub, (x, y))
        y += sub.get_height() + pad // 2
        bottom_h = int(line * 2.3)
        area = pygame.Rect(x, y, w, rect.bottom - pad // 2 - bottom_h - y)
        puzzle = v.puzzle(self.date, mirror=self.mirror_of(e))
        b = v.board
        cell = max(3, min(int(area.width * 0.5 / b.width), int(area.height / b.height)))
        board_rect = pygame.Rect(area.x, area.y + (area.height - cell * b.height) // 2, cell * b.width,
                                 cell * b.height)
        draw_mini_board(surface, fonts, cache, board_rect, b, puzzle.targets, cell, lang)
        pieces_rect = pygame.Rect(board_rect.right + pad, area.y, area.right - board_rect.right - pad, area.height)
        draw_piece_set(surface, pieces_rect, puzzle.pieces, P.piece_colours(puzzle.pieces))
        # facts and the count
        y = rect.bottom - pad // 2 - bottom_h
        small = int(line * 0.78)
        facts = [i18n.tr("variant_cells", lang, n=v.cells, k=len(v.formations))]
        if v.weekdays:
            facts.append(i18n.tr("variant_weekdays", lang))
        if not puzzle.mirror:
            facts.append(i18n.tr("variant_rotations", lang))
        if e.scene == "classic":
            facts.append(i18n.tr("variant_classic", lang))
        surface.blit(fit_text(cache, fonts, " · ".join(facts), small, P.TEXT, w), (x, y))
        y += int(line * 1.1)
        n = self.count(e)
        day = i18n.tr("variant_today", lang) if self.date == self.today else (
            f"{self.date.month}月{self.date.day}日" if lang == "zh" else
            f"{i18n.month_name(self.date.month, 'en')} {self.date.day}")
        text = i18n.tr("counting", lang) if n is None else i18n.tr("variant_count", lang, date=day, n=n)
        colour = P.TEXT_SOFT if n is None else (P.ILLEGAL if n == 0 else P.TEXT)
        img = fit_text(cache, fonts, text, small, colour, w - (0 if not playing else w // 3))
        surface.blit(img, (x, y))
        if playing:
            tag = fit_text(cache, fonts, i18n.tr("variant_playing", lang), small, P.LEGAL, w // 3, True)
            surface.blit(tag, (rect.right - pad - tag.get_width(), y))


def _line(height: float) -> int:
    """Text line height (px) in a card ``height`` px tall."""
    return max(12, min(24, int(height * 0.085)))


def draw_mini_board(surface: pygame.Surface, fonts: Fonts, cache: DrawCache, rect: pygame.Rect, board: Any,
                    targets: Sequence[tuple[int, int]], cell: int, lang: str) -> None:
    """A board ``cell`` px per cell in ``rect``: open cells, the targets filled, and the
    labels when a cell is large enough to read them (weekday cells tinted)."""
    pygame.draw.rect(surface, P.FRAME, rect.inflate(cell // 2, cell // 2), border_radius=max(2, cell // 4))
    tset = set(targets)
    captions = fit_board_labels(fonts, board.labels or (), lang, int(cell * 0.4), cell - 2)
    for r in range(board.height):
        for c in range(board.width):
            if not board.is_open(r, c):
                continue
            cr = pygame.Rect(rect.x + c * cell, rect.y + r * cell, cell, cell)
            label = board.label((r, c))
            fill = P.TARGET_FILL if (r, c) in tset else (P.WEEKDAY_CELL if label in WEEKDAYS_EN else P.CELL)
            pygame.draw.rect(surface, fill, cr)
            pygame.draw.rect(surface, P.CELL_LINE, cr, 1)
            if (r, c) in tset:
                pygame.draw.circle(surface, P.TARGET_RING, cr.center, max(2, cell // 2 - 1), max(1, cell // 10))
            fitted = captions.get(label)
            if fitted is not None:  # one form per kind that fits every cell (Jan / J), else none
                blit_center(surface, text_surface(cache, fonts, fitted[0], fitted[1], P.LABEL), cr.center)


def draw_piece_set(surface: pygame.Surface, rect: pygame.Rect, pieces: Sequence[Any],
                   colours: dict[str, P.Colour]) -> None:
    """Every piece (face-up drawing, its colour) laid out in rows inside ``rect``, as large
    as fits."""
    if not pieces or rect.width < 4 or rect.height < 4:
        return
    shapes = [(s, s.orientations[s.face_up]) for s in pieces]
    dims = [(max(c for _, c in cells) + 1, max(r for r, _ in cells) + 1) for _, cells in shapes]
    best = None
    for cols in range(1, len(shapes) + 1):
        rows = -(-len(shapes) // cols)
        wide = max(w for w, _ in dims) + 1
        tall = max(h for _, h in dims) + 1
        cell = min(rect.width / (cols * wide), rect.height / (rows * tall))
        if best is None or cell > best[0]:
            best = (cell, cols, wide, tall)
    cell_f, cols, wide, tall = best
    cell = max(2, int(cell_f))
    for i, ((s, cells), (w, h)) in enumerate(zip(shapes, dims)):
        r, c = divmod(i, cols)
        ox = rect.x + int(c * wide * cell_f + (wide - w) * cell_f / 2)
        oy = rect.y + int(r * tall * cell_f + (tall - h) * cell_f / 2)
        fill = colours.get(s.code, P.OTHER)
        edge = P.shade(fill, 0.55)
        for rr, cc in cells:
            cr = pygame.Rect(ox + cc * cell, oy + rr * cell, cell, cell)
            pygame.draw.rect(surface, fill, cr)
            pygame.draw.rect(surface, edge, cr, 1)
