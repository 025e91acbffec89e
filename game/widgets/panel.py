"""game/widgets/panel.py: what the ritual's overlays share: a dimmed scene, a panel, text
blocks, a row of buttons laid out to fit.

Every function only draws (or measures); layout functions return rectangles that
the overlays use both to draw and to hit-test.  Text is never below
:data:`MIN_TEXT_PX` pixels: what does not fit is wrapped (:mod:`.wrap`), not shrunk.
"""
from __future__ import annotations

from typing import Sequence

import pygame

from .. import palette as P
from .text import DrawCache, Fonts, blit_center, note_cut, text_surface
from .wrap import wrap

MIN_TEXT_PX = 12
"""Smallest text drawn (pixels), at any window size."""
MIN_BUTTON_PX = 32
"""Smallest button height and width (pixels): a comfortable click target."""


def px(value: float) -> int:
    """A text size in pixels, never below :data:`MIN_TEXT_PX`."""
    return max(MIN_TEXT_PX, int(value))


def dim(surface: pygame.Surface, alpha: int = 150) -> None:
    """Darken the whole ``surface`` (the scene behind an overlay)."""
    shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    shade.fill((40, 30, 20, alpha))
    surface.blit(shade, (0, 0))


def panel(surface: pygame.Surface, rect: pygame.Rect, fill: P.Colour = P.BACKGROUND,
          edge: P.Colour = P.FRAME, width: int = 3) -> None:
    """A rounded panel with a shadow."""
    rad = max(8, min(16, rect.height // 20))
    pygame.draw.rect(surface, P.SHADOW, rect.move(4, 6), border_radius=rad)
    pygame.draw.rect(surface, fill, rect, border_radius=rad)
    pygame.draw.rect(surface, edge, rect, width, border_radius=rad)


def centred_box(size: tuple[int, int], max_w: int, max_h: int, frac: float = 0.92) -> pygame.Rect:
    """A box centred in a window of ``size`` px: at most ``max_w`` x ``max_h`` and ``frac`` of it."""
    w, h = size
    box = pygame.Rect(0, 0, min(max_w, int(w * frac)), min(max_h, int(h * frac)))
    box.center = (w // 2, h // 2)
    return box


def text_block(surface: pygame.Surface | None, fonts: Fonts, cache: DrawCache, text: str, size: int,
               colour: P.Colour, rect: pygame.Rect, bold: bool = False, centre: bool = False,
               line_gap: float = 1.25) -> int:
    """Draw ``text`` wrapped into ``rect``'s width from its top (``surface`` None: only measure).

    Returns the height used in pixels (all the lines, drawn or not).  Lines below
    ``rect.bottom`` are not drawn, and the text is noted in :attr:`Fonts.cut`.
    """
    font = fonts.get(size, bold)
    step = block_step(fonts, size, bold, line_gap)
    y = rect.y
    shown = []
    for line in wrap(font, text, rect.width):
        if surface is not None and y + step <= rect.bottom + 2:
            img = text_surface(cache, fonts, line, size, colour, bold)
            if centre:
                blit_center(surface, img, (rect.centerx, y + img.get_height() / 2))
            else:
                surface.blit(img, (rect.x, y))
            shown.append(line)
        elif surface is not None:
            note_cut(fonts, text, " ".join(shown))
        y += step
    return y - rect.y


def block_step(fonts: Fonts, size: int, bold: bool = False, line_gap: float = 1.25) -> int:
    """The line step (px) of :func:`text_block` at ``size`` px."""
    return int(fonts.get(size, bold).get_linesize() * line_gap * 0.85)


def button_row(area: pygame.Rect, names: Sequence[str], labels: dict[str, str], fonts: Fonts, size: int,
               height: int) -> dict[str, pygame.Rect]:
    """Buttons for ``names`` centred in ``area`` (pixels), as many per row as fit.

    Each button is as wide as its label needs (at least :data:`MIN_BUTTON_PX`); rows
    are ``height`` px high with a gap; returns name -> rect.
    """
    gap = max(8, height // 4)
    font = fonts.get(size)
    widths = {n: max(MIN_BUTTON_PX, font.size(labels[n])[0] + 2 * max(12, height // 2)) for n in names}
    rows: list[list[str]] = [[]]
    used = 0
    for n in names:
        w = min(widths[n], area.width)
        if rows[-1] and used + gap + w > area.width:
            rows.append([])
            used = 0
        used += (gap if rows[-1] else 0) + w
        rows[-1].append(n)
    out: dict[str, pygame.Rect] = {}
    y = area.y
    for row in rows:
        total = sum(min(widths[n], area.width) for n in row) + gap * (len(row) - 1)
        x = area.centerx - total // 2
        for n in row:
            w = min(widths[n], area.width)
            out[n] = pygame.Rect(x, y, w, height)
            x += w + gap
        y += height + gap
    return out


def draw_button(surface: pygame.Surface, fonts: Fonts, cache: DrawCache, rect: pygame.Rect, text: str,
                size: int, fill: P.Colour, edge: P.Colour, ink: P.Colour, hover: bool = False,
                focus: bool = False) -> None:
    """A rounded button: ``fill`` (lighter on ``hover``), an ``edge`` (thicker with the keyboard
    ``focus``), centred ``text`` in ``ink`` at ``size`` px (wrapped to two lines when long)."""
    rad = max(6, rect.height // 4)
    pygame.draw.rect(surface, P.shade(fill, 0.75), rect.move(0, 2), border_radius=rad)
    pygame.draw.rect(surface, P.shade(fill, 1.12) if hover else fill, rect, border_radius=rad)
    pygame.draw.rect(surface, edge, rect, 3 if focus else 1, border_radius=rad)
    font = fonts.get(size)
    lines = wrap(font, text, rect.width - 12)[:2]
    step = font.get_linesize()
    y0 = rect.centery - step * len(lines) / 2 + step / 2
    for i, line in enumerate(lines):
        blit_center(surface, text_surface(cache, fonts, line, size, ink), (rect.centerx, y0 + i * step))
