"""game/widgets/buttons.py: buttons of every weight, their tooltips and keyboard focus, the banner.

Drawing only reads its arguments.  The weights follow :class:`~game.widgets.layout.Button`:

* primary (:func:`draw_control` with ``kind="primary"``): filled, bold label;
* text: a plain labelled button (:func:`draw_button`, also used by the overlays);
* icon: a square with an icon (:mod:`game.widgets.icons`) or a glyph; hovering it or
  giving it the keyboard focus shows a tooltip (:func:`tooltip_text`,
  :func:`draw_tooltip`) with what it does and its key.

:class:`Focus` is the keyboard focus over a scene's buttons: Ctrl+Tab and
Ctrl+Shift+Tab move it (:mod:`game.keymap` commands ``focus_next`` / ``focus_prev``),
Enter or Space presses the focused button, Esc or a click drops it.
"""
from __future__ import annotations

from typing import Sequence

import pygame

from .. import i18n, keymap
from .. import palette as P
from .icons import draw_icon
from .layout import Button
from .text import MIN_TEXT_PX, DrawCache, Fonts, blit_center, fit_size, fit_text

TIP_KEYS = {"speed": ("faster", "slower"), "prev": ("prev",), "next": ("next",)}
"""Button -> the commands whose keys its tooltip names (default: the button's own command)."""


def draw_button(surface: pygame.Surface, fonts: Fonts, cache: DrawCache, rect: pygame.Rect, text: str,
                size: int = 0, hover: bool = False, enabled: bool = True, active: bool = False) -> None:
    """A rounded, plain button with centred ``text`` (font ``size`` px; 0 = from the button height)."""
    rad = max(4, rect.height // 4)
    pygame.draw.rect(surface, P.PANEL_EDGE, rect.move(0, 2), border_radius=rad)
    fill = P.BUTTON_DISABLED if not enabled else (P.BUTTON_HOVER if hover or active else P.BUTTON)
    pygame.draw.rect(surface, fill, rect, border_radius=rad)
    pygame.draw.rect(surface, P.TITLE if active else P.BUTTON_EDGE, rect, width=2 if active else 1,
                     border_radius=rad)
    col = P.TEXT if enabled else P.LABEL_SOFT
    blit_center(surface, fit_text(cache, fonts, text, size or int(rect.height * 0.42), col, rect.width - 10),
                rect.center)


def draw_control(surface: pygame.Surface, fonts: Fonts, cache: DrawCache, rect: pygame.Rect, spec: Button,
                 label: str, size: int, hover: bool = False, enabled: bool = True, active: bool = False,
                 focus: bool = False, value: str = "") -> None:
    """One bar button or header tool of any weight (see the module docstring).

    Takes the target surface, fonts and cache, its rect (pixels), its :class:`Button`,
    its label (labelled kinds), the font size in pixels, its state, and ``value``: a
    short text beside the icon of a wide icon button (the speed, ``"x1"``).
    """
    if spec.kind == "text":
        draw_button(surface, fonts, cache, rect, label, size, hover, enabled, active)
    else:
        rad = max(5, rect.height // 4)
        pygame.draw.rect(surface, P.PANEL_EDGE, rect.move(0, 2), border_radius=rad)
        if spec.kind == "primary":
            fill = P.BUTTON_DISABLED if not enabled else (P.PRIMARY_HOVER if hover or active else P.PRIMARY)
            pygame.draw.rect(surface, fill, rect, border_radius=rad)
            if active:
                pygame.draw.rect(surface, P.HINT, rect, 3, border_radius=rad)
            col = P.PRIMARY_TEXT if enabled else P.LABEL_SOFT
            blit_center(surface, fit_text(cache, fonts, label, size, col, rect.width - 14, True), rect.center)
        else:
            fill = P.BUTTON_DISABLED if not enabled else (P.BUTTON_HOVER if hover or active else P.BUTTON)
            pygame.draw.rect(surface, fill, rect, border_radius=rad)
            pygame.draw.rect(surface, P.TITLE if active else P.BUTTON_EDGE, rect, 2 if active else 1,
                             border_radius=rad)
            col = P.TEXT if enabled else P.LABEL_SOFT
            side = rect.height
            box = pygame.Rect(rect.x, rect.y, side, side).inflate(-round(side * 0.4), -round(side * 0.4))
            if spec.icon is not None:
                draw_icon(surface, spec.icon, box, col)
            else:
                blit_center(surface, fit_text(cache, fonts, spec.glyph, round(side * 0.55), col, side - 6, True),
                            (rect.x + side / 2, rect.centery))
            if value:
                img = fit_text(cache, fonts, value, size, col, rect.width - side - 2, True)
                surface.blit(img, img.get_rect(midleft=(rect.x + side - 4, rect.centery)))
    if focus:
        pygame.draw.rect(surface, P.FOCUS, rect.inflate(6, 6), 3, border_radius=max(6, rect.height // 4 + 3))


def label_size(fonts: Fonts, labels: Sequence[str], width: int, size: int, bold: bool = False) -> int:
    """One font size (pixels, at least :data:`~game.widgets.text.MIN_TEXT_PX`) for a row of
    labelled buttons ``width`` px wide: the largest at which every label fits."""
    return fit_size(fonts, labels, size, width - 14, bold)


def tooltip_text(key: str, lang: str) -> str:
    """What button ``key`` does and its keys, e.g. ``"Undo (Ctrl+Z)"`` (i18n key ``tip_<key>``)."""
    words = i18n.tr(f"tip_{key}", lang) if i18n.has(f"tip_{key}") else i18n.tr(key, lang)
    keys = [k for cmd in TIP_KEYS.get(key, (key,)) for k in keymap.keys_for(cmd)[:1]]
    return f"{words} ({' / '.join(keys)})" if keys else words


def draw_tooltip(surface: pygame.Surface, fonts: Fonts, cache: DrawCache, anchor: pygame.Rect, text: str,
                 size: int) -> pygame.Rect:
    """A tooltip box for ``anchor`` (the button's rect): below it when the button is in the
    top half of the window, else above; kept inside the window.  Returns the box drawn."""
    w, h = surface.get_size()
    size = max(MIN_TEXT_PX, size)
    img = fit_text(cache, fonts, text, size, P.TOOLTIP_TEXT, w - 24)
    box = pygame.Rect(0, 0, img.get_width() + 16, img.get_height() + 10)
    box.centerx = anchor.centerx
    if anchor.centery < h / 2:
        box.top = anchor.bottom + 6
    else:
        box.bottom = anchor.top - 6
    box.clamp_ip(surface.get_rect().inflate(-4, -4))
    pygame.draw.rect(surface, P.SHADOW, box.move(2, 3), border_radius=6)
    pygame.draw.rect(surface, P.TOOLTIP, box, border_radius=6)
    blit_center(surface, img, box.center)
    return box


class Focus:
    """The keyboard focus over a scene's buttons (see the module docstring).

    Attributes:
        key: the focused button's key, or None.
    """

    def __init__(self) -> None:
        self.key: str | None = None

    def handle(self, ev: pygame.event.Event, cmd: str | None, order: Sequence[str]) -> tuple[bool, str | None]:
        """Follow one event: returns (consumed, the command to run or None).

        ``cmd`` is the event's :mod:`game.keymap` command; ``order`` the keys that can have
        the focus, in focus order.
        """
        if ev.type == pygame.MOUSEBUTTONDOWN:
            self.key = None
            return False, None
        if cmd in ("focus_next", "focus_prev") and order:
            step = 1 if cmd == "focus_next" else -1
            i = order.index(self.key) if self.key in order else (-1 if step > 0 else len(order))
            i += step
            self.key = order[i] if 0 <= i < len(order) else None
            return True, None
        if self.key is None or self.key not in order:
            self.key = None
            return False, None
        if cmd == "activate":
            return True, self.key
        if cmd == "cancel":
            self.key = None
            return True, None
        return False, None


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
