"""game/widgets/help.py: the help of a mode: its rules first, then every control.

The rules come from :func:`game.rules.rules_rows` (made from the puzzle in play:
its targets, its piece count, its mirror rule); the controls are the key table
generated from :data:`game.keymap.KEYMAP` for the commands the scene supports
(:func:`game.keymap.help_rows`) plus the scene's mouse rows, so the table cannot
disagree with the keys.  Long texts wrap; text is never below 12 px, and what does
not fit the window scrolls (the wheel, the arrow keys, PgUp/PgDn, Home/End).

The "Show the intro card" button (or Enter) closes the help with the value
``"intro"``: the scene then reopens the mode's first-run card.
"""
from __future__ import annotations

from typing import Any, Callable

import pygame

from .. import i18n, keymap
from .. import palette as P
from .overlays import CLOSE, Overlay
from .panel import centred_box, dim, draw_button, panel, px
from .text import DrawCache, Fonts, text_surface
from .wrap import wrap

Rows = Callable[[str], list[tuple[str, str]]]
"""``lang -> [(left, right), ...]``."""
SCROLL_KEYS = {pygame.K_UP: -1, pygame.K_DOWN: 1, pygame.K_PAGEUP: -8, pygame.K_PAGEDOWN: 8}
"""Keys that scroll the help, in lines (PgUp/PgDn a page)."""


class HelpOverlay(Overlay):
    """The help (see the module docstring).

    Args:
        mode_title: ``lang -> the mode's name``.
        rules: ``lang -> the rules rows`` (:func:`game.rules.rules_rows`).
        controls: ``lang -> the mouse rows`` ("left\\tright" texts already split).
        commands: the scene's commands (the key table shows their keys).
        kind: ``"polyomino"`` or ``"lights_out"`` (a kind's own wording of a key row).
        intro: offer the "Show the intro card" button.

    Attributes:
        scroll: how far the body is scrolled (pixels, clamped when drawn).
    """

    toggle = "help"

    def __init__(self, mode_title: Callable[[str], str], rules: Rows, controls: Rows, commands: frozenset[str],
                 kind: str, intro: bool = True) -> None:
        self.mode_title = mode_title
        self.rules = rules
        self.controls = controls
        self.commands = commands
        self.kind = kind
        self.intro = intro
        self.scroll = 0
        self.max_scroll = 0
        self.hover = False
        self._line = 20

    # ------------------------------------------------------------ content

    def key_rows(self, lang: str) -> list[tuple[str, str]]:
        """The controls: the mouse rows, then the key table generated from the key map."""
        return self.controls(lang) + keymap.help_rows(self.commands, self.kind, lang)

    def lines(self, lang: str) -> tuple[str, list[tuple[str, str]], str]:
        """(heading, every row: the rules then the controls, footer) in ``lang``."""
        return (i18n.tr("help_heading", lang, mode=self.mode_title(lang)), self.rules(lang) + self.key_rows(lang),
                i18n.tr("help_close", lang))

    # ------------------------------------------------------------ geometry

    def rects(self, size: tuple[int, int]) -> dict[str, pygame.Rect]:
        """``"box"``, ``"head"`` (heading row), ``"intro"`` (button), ``"body"`` (scrolled), ``"foot"``; px."""
        box = centred_box(size, 940, 760, 0.94)
        pad = max(12, box.width // 40)
        head_h = max(40, int(box.height * 0.09))
        foot_h = max(22, int(box.height * 0.05))
        head = pygame.Rect(box.x + pad, box.y + pad // 2, box.width - 2 * pad, head_h)
        intro = pygame.Rect(0, 0, 0, 0)
        if self.intro:
            intro = pygame.Rect(0, 0, max(120, int(box.width * 0.26)), max(32, int(head_h * 0.72)))
            intro.midright = (head.right, head.centery)
        body = pygame.Rect(box.x + pad, head.bottom + 4, box.width - 2 * pad,
                           box.bottom - foot_h - pad // 2 - head.bottom - 4)
        foot = pygame.Rect(box.x + pad, body.bottom, box.width - 2 * pad, foot_h)
        return {"box": box, "head": head, "intro": intro, "body": body, "foot": foot}

    def _layout(self, fonts: Fonts, lang: str, body: pygame.Rect, size: int) -> tuple[list[tuple], int]:
        """Body items as (kind, y, data) from y 0, and the total height (px)."""
        items: list[tuple] = []
        y = 0
        step = fonts.get(size).get_linesize()
        for title, rows in ((i18n.tr("help_rules", lang), self.rules(lang)),
                            (i18n.tr("help_controls", lang), self.key_rows(lang))):
            items.append(("section", y, title))
            y += int(step * 1.5)
            bold = fonts.get(size, True)
            left_w = min(int(body.width * 0.36), max((bold.size(lt)[0] for lt, _ in rows), default=0) + 18)
            right_w = body.width - left_w - 8
            for i, (left, right) in enumerate(rows):
                lefts = wrap(bold, left, left_w - 12)
                rights = wrap(fonts.get(size), right, right_w)
                h = max(len(lefts), len(rights)) * step + step // 3
                items.append(("row", y, (i, lefts, rights, left_w, h)))
                y += h
            y += step // 2
        return items, y

    # ------------------------------------------------------------ input

    def handle_event(self, ev: pygame.event.Event, size: tuple[int, int]) -> Any:
        """Scroll, open the intro card (``"intro"``) or close; other keys are ignored."""
        r = self.rects(size)
        if ev.type == pygame.MOUSEMOTION:
            self.hover = r["intro"].collidepoint(ev.pos)
            return None
        if ev.type == pygame.MOUSEWHEEL:
            self.scroll -= int(ev.y) * self._line * 3
            return None
        if ev.type == pygame.MOUSEBUTTONDOWN and ev.button == 1:
            if self.intro and r["intro"].collidepoint(ev.pos):
                return "intro"
            return None if r["box"].collidepoint(ev.pos) else CLOSE
        if ev.type == pygame.MOUSEBUTTONDOWN and ev.button in (4, 5):  # old-style wheel
            self.scroll += (-1 if ev.button == 4 else 1) * self._line * 3
            return None
        if ev.type != pygame.KEYDOWN:
            return None
        if ev.key in SCROLL_KEYS:
            self.scroll += SCROLL_KEYS[ev.key] * self._line
        elif ev.key == pygame.K_HOME:
            self.scroll = 0
        elif ev.key == pygame.K_END:
            self.scroll = 10 ** 6
        elif self.closes(ev):
            return CLOSE
        elif self.intro and keymap.command_for(ev) == "activate":
            return "intro"
        return None

    # ------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface, fonts: Fonts, cache: DrawCache, lang: str) -> None:
        """Dim the scene; draw the heading, the scrolled rules and controls, the footer."""
        dim(surface)
        r = self.rects(surface.get_size())
        box, head, body = r["box"], r["head"], r["body"]
        panel(surface, box)
        heading = i18n.tr("help_heading", lang, mode=self.mode_title(lang))
        hs = px(min(head.height * 0.5, 28))
        room = (r["intro"].left - 10 if self.intro else head.right) - head.x
        while hs > 12 and fonts.get(hs, True).size(heading)[0] > room:
            hs -= 1
        img = text_surface(cache, fonts, heading, hs, P.TITLE, True)
        surface.blit(img, (head.x, head.centery - img.get_height() // 2))
        if self.intro:
            draw_button(surface, fonts, cache, r["intro"], i18n.tr("help_intro", lang), px(r["intro"].height * 0.4),
                        P.BUTTON, P.TITLE, P.TEXT, hover=self.hover)
        size = px(min(box.height * 0.028, box.width * 0.02, 17))
        items, total = self._layout(fonts, lang, body, size)
        step = fonts.get(size).get_linesize()
        self._line = step
        self.max_scroll = max(0, total - body.height)
        self.scroll = max(0, min(self.scroll, self.max_scroll))
        clip = surface.get_clip()
        surface.set_clip(body)
        top = body.y - self.scroll
        for kind, y, data in items:
            y += top
            if kind == "section":
                if y + step * 1.5 < body.y or y > body.bottom:
                    continue
                sec = text_surface(cache, fonts, data, px(size * 1.15), P.TITLE, True)
                surface.blit(sec, (body.x, y + 2))
                pygame.draw.line(surface, P.PANEL_EDGE, (body.x, y + sec.get_height() + 4),
                                 (body.right, y + sec.get_height() + 4))
                continue
            i, lefts, rights, left_w, h = data
            if y + h < body.y or y > body.bottom:
                continue
            if i % 2 == 0:
                pygame.draw.rect(surface, P.PANEL, (body.x, y, body.width, h), border_radius=6)
            for k, line in enumerate(lefts):
                surface.blit(text_surface(cache, fonts, line, size, P.TEXT, True), (body.x + 6, y + 2 + k * step))
            for k, line in enumerate(rights):
                surface.blit(text_surface(cache, fonts, line, size, P.TEXT), (body.x + left_w, y + 2 + k * step))
        surface.set_clip(clip)
        if self.max_scroll:
            bar_h = max(24, body.height * body.height // (total or 1))
            bar_y = body.y + (body.height - bar_h) * self.scroll // self.max_scroll
            pygame.draw.rect(surface, P.PANEL_EDGE, (body.right + 3, bar_y, 5, bar_h), border_radius=3)
        foot = i18n.tr("help_close", lang)
        if self.max_scroll:
            foot = i18n.tr("help_scroll", lang) + "   ·   " + foot
        img = text_surface(cache, fonts, foot, px(size * 0.9), P.TEXT_SOFT)
        surface.blit(img, img.get_rect(center=r["foot"].center))
