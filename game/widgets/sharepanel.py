"""game/widgets/sharepanel.py: the share card's text, shown whole when there is no clipboard.

pygame cannot select text the way a text field does, so the panel shows the
whole card (:func:`game.share.card_text`: the header line, then the board as
coloured squares drawn as the emoji stand for them) and offers the keys a text
field would: Ctrl+A marks all of it, Ctrl+C copies it (:func:`game.share.copy_text`)
and says whether that worked.  Esc or a click outside goes back (the value
``"back"``: the scene reopens the finish screen).
"""
from __future__ import annotations

from typing import Any, Callable

import pygame

from .. import i18n
from .. import palette as P
from .. import share
from ..i18n import Msg, msg
from .icons import draw_icon
from .overlays import Overlay
from .panel import centred_box, dim, panel, px, text_block
from .text import DrawCache, Fonts, text_surface
from .wrap import wrap

SELECT_FILL = (190, 214, 250)
"""Background of the text once Ctrl+A marked it (the usual selection blue)."""


def square_colour(ch: str) -> P.Colour | None:
    """The colour a board emoji of the card stands for (None: the target star, or not a square)."""
    if ch in share.SQUARES:
        return share.SQUARE_RGB[share.SQUARES.index(ch)]
    if ch == share.BLOCKED_MARK:
        return share.BLOCKED_RGB
    return None


def grid_chars(line: str) -> list[str]:
    """The emoji of one board line of the card (variation selectors dropped)."""
    return [ch for ch in line if ch not in "\ufe0f\ufe0e"]


class SharePanel(Overlay):
    """The card's text (see the module docstring).

    Args:
        text: the card (:func:`game.share.card_text`).
        note: a message shown above it (why it is shown; where the picture went), or None.
        copy: puts text on the clipboard, True when it is there (:func:`game.share.copy_text`).

    Attributes:
        selected: Ctrl+A marked the text.  message: the result of the last Ctrl+C.
    """

    def __init__(self, text: str, note: list[Msg] | None = None,
                 copy: Callable[[str], bool] = share.copy_text) -> None:
        self.text = text
        self.note = list(note or [])
        self.copy = copy
        self.selected = False
        self.message: Msg | None = None

    def handle_event(self, ev: pygame.event.Event, size: tuple[int, int]) -> Any:
        """Ctrl+A, Ctrl+C; Esc, ? or a click outside go back (``"back"``)."""
        if ev.type == pygame.KEYDOWN:
            ctrl = bool(getattr(ev, "mod", 0) & (pygame.KMOD_CTRL | pygame.KMOD_META))
            if ctrl and ev.key == pygame.K_a:
                self.selected = True
            elif ctrl and ev.key == pygame.K_c:
                self.message = msg("share_copied" if self.copy(self.text) else "share_copy_failed")
            elif ev.key == pygame.K_ESCAPE:
                return "back"
            return None
        if ev.type == pygame.MOUSEBUTTONDOWN and ev.button == 1:
            box = centred_box(size, 760, 700)
            return None if box.collidepoint(ev.pos) else "back"
        return None

    def draw(self, surface: pygame.Surface, fonts: Fonts, cache: DrawCache, lang: str) -> None:
        """The title, the note, the card (header text and drawn squares), the keys."""
        dim(surface)
        box = centred_box(surface.get_size(), 760, 700)
        panel(surface, box)
        pad = max(14, box.width // 28)
        inner = pygame.Rect(box.x + pad, box.y + pad, box.width - 2 * pad, box.height - 2 * pad)
        size = px(min(box.height * 0.032, 17))
        y = inner.y
        y += text_block(surface, fonts, cache, i18n.tr("share_title", lang), px(size * 1.4), P.TITLE,
                        pygame.Rect(inner.x, y, inner.width, 200), bold=True) + 4
        for m in self.note:
            y += text_block(surface, fonts, cache, m.text(lang), size, P.TEXT_SOFT,
                            pygame.Rect(inner.x, y, inner.width, 200)) + 2
        foot_h = int(size * 1.6)
        card = pygame.Rect(inner.x, y + 6, inner.width, inner.bottom - foot_h - y - 6)
        pygame.draw.rect(surface, SELECT_FILL if self.selected else P.WHITE, card, border_radius=8)
        pygame.draw.rect(surface, P.PANEL_EDGE, card, 1, border_radius=8)
        self._draw_card(surface, fonts, cache, card.inflate(-16, -16), size)
        foot = self.message.text(lang) + "   ·   " if self.message is not None else ""
        foot += i18n.tr("share_keys", lang)
        img = text_surface(cache, fonts, foot, size, P.TEXT)
        surface.blit(img, img.get_rect(midbottom=(box.centerx, inner.bottom)))

    def _draw_card(self, surface: pygame.Surface, fonts: Fonts, cache: DrawCache, rect: pygame.Rect,
                   size: int) -> None:
        head, _, grid = self.text.partition("\n\n")
        flame = head.find(share.STREAK_MARK)
        words = head if flame < 0 else head[:flame].rstrip()
        font = fonts.get(size)
        step = font.get_linesize()
        lines = wrap(font, words, rect.width)
        y = rect.y
        for line in lines:
            surface.blit(text_surface(cache, fonts, line, size, P.TEXT), (rect.x, y))
            y += step
        if flame >= 0:  # the streak: the flame drawn (no emoji in the fonts), its number written
            n = text_surface(cache, fonts, head[flame + len(share.STREAK_MARK):].strip(), size, share.FLAME_RGB, True)
            x = rect.x + font.size(lines[-1] + " ")[0]
            if x + size + 6 + n.get_width() > rect.right:
                x = rect.x
            else:
                y -= step
            draw_icon(surface, "flame", pygame.Rect(x, y + 2, size, size), share.FLAME_RGB)
            surface.blit(n, (x + size + 4, y))
            y += step
        rows = [grid_chars(line) for line in grid.split("\n") if line]
        if not rows:
            return
        y += size // 2
        cols = max(len(r) for r in rows)
        cell = max(6, min(28, rect.width // max(1, cols), (rect.bottom - y) // max(1, len(rows))))
        for r, row in enumerate(rows):
            for c, ch in enumerate(row):
                sq = pygame.Rect(rect.x + c * cell, y + r * cell, cell - 2, cell - 2)
                colour = square_colour(ch)
                if colour is not None:
                    pygame.draw.rect(surface, colour, sq, border_radius=max(2, cell // 6))
                elif ch == share.TARGET_MARK:
                    draw_icon(surface, "star", sq, share.STAR_RGB)
