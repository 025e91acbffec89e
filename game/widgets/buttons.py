"""game/widgets/buttons.py: buttons, the small buttons of a title row, and the banner.

Drawing only reads its arguments.  :func:`pill_rects` computes where the small
buttons at the right of a title row go (words when they fit, else their keys), so
the scene's hit-testing and drawing use one result.
"""
from __future__ import annotations

from typing import Callable, Sequence

import pygame

from .. import palette as P
from .text import DrawCache, Fonts, blit_center, fit_text


def draw_button(surface: pygame.Surface, fonts: Fonts, cache: DrawCache, rect: pygame.Rect, text: str,
                size: int = 0, hover: bool = False, enabled: bool = True, active: bool = False) -> None:
    """A rounded button with centred ``text`` (font ``size`` px; 0 = from the button height)."""
    rad = max(4, rect.height // 4)
    pygame.draw.rect(surface, P.PANEL_EDGE, rect.move(0, 2), border_radius=rad)
    fill = P.BUTTON_DISABLED if not enabled else (P.BUTTON_HOVER if hover or active else P.BUTTON)
    pygame.draw.rect(surface, fill, rect, border_radius=rad)
    pygame.draw.rect(surface, P.TITLE if active else P.BUTTON_EDGE, rect, width=2 if active else 1,
                     border_radius=rad)
    col = P.TEXT if enabled else P.LABEL_SOFT
    blit_center(surface, fit_text(cache, fonts, text, size or int(rect.height * 0.42), col, rect.width - 10),
                rect.center)


def row_font_size(fonts: Fonts, rects: dict[str, pygame.Rect], labels: dict[str, str]) -> int:
    """One font size for a row of buttons: the largest at which every label fits (pixels)."""
    size = int(min(r.height for r in rects.values()) * 0.42) if rects else 12
    while size > 8 and any(fonts.get(size).size(labels.get(k, k))[0] > r.width - 12 for k, r in rects.items()):
        size -= 1
    return size


def pill_rects(row: pygame.Rect, names: Sequence[str], label: Callable[[str, bool], str], fonts: Fonts,
               keep_clear_to: int) -> tuple[dict[str, pygame.Rect], dict[str, str]]:
    """Small buttons right-aligned in ``row`` (pixels): ``name -> rect`` and ``name -> label``.

    ``label(name, words)`` gives a word (``words`` True) or the button's key; words are
    used when every button fits right of ``keep_clear_to`` (x pixel), else keys.
    """
    h = max(14, row.height - 6)
    font = fonts.get(max(8, int(h * 0.62)))
    for words in (True, False):
        rects: dict[str, pygame.Rect] = {}
        labels: dict[str, str] = {}
        x = row.right - 6
        for name in reversed(names):
            labels[name] = label(name, words)
            w = max(h, font.size(labels[name])[0] + 14)
            x -= w
            rects[name] = pygame.Rect(x, row.y + (row.height - h) // 2 + 2, w, h)
            x -= 6
        if x >= keep_clear_to + 4 or not words:
            return rects, labels
    return {}, {}


def draw_banner(surface: pygame.Surface, fonts: Fonts, cache: DrawCache, rect: pygame.Rect,
                title: str, sub: str = "") -> None:
    """The "solved" banner centred on ``rect`` (the board)."""
    w = int(rect.width * 0.72)
    h = int(rect.height * (0.24 if sub else 0.18))
    box = pygame.Rect(0, 0, w, h)
    box.center = rect.center
    shade = pygame.Surface(box.size, pygame.SRCALPHA)
    pygame.draw.rect(shade, (*P.BANNER, 225), shade.get_rect(), border_radius=h // 6)
    surface.blit(shade, box.topleft)
    pygame.draw.rect(surface, P.TARGET_FILL, box, width=3, border_radius=h // 6)
    ty = box.centery - (h * 0.12 if sub else 0)
    blit_center(surface, fit_text(cache, fonts, title, int(h * 0.42), P.BANNER_TEXT, w - 20, True),
                (box.centerx, ty))
    if sub:
        blit_center(surface, fit_text(cache, fonts, sub, int(h * 0.17), P.BANNER_TEXT, w - 20),
                    (box.centerx, box.centery + h * 0.3))
