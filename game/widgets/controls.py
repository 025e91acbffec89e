"""game/widgets/controls.py: the frame around every play scene: header, bar, status line, footer.

Both front ends (:mod:`game.polyomino.draw`, :mod:`game.lights_out.draw`) draw their
header, their buttons, their status line and their footer with these functions, over
one :class:`~game.widgets.layout.Layout`, so every mode has the same hierarchy of
controls, the same tooltips and the same keyboard focus:

* :func:`draw_header`: title and mode, the clock, the header's icon tools, the date
  (or puzzle name) and the facts line;
* :func:`draw_controls`: every bar button and tool at its weight (:func:`~game.widgets.buttons.draw_control`);
* :func:`draw_status`: the message line, the "back to <date>" toast button after a
  date change, and the footer;
* :func:`draw_tooltip_for`: the tooltip of the hovered or focused icon button;
* :func:`handle_event`: keyboard focus (Ctrl+Tab) and the toast's click, before the
  scene's own input.

A scene provides ``ctx``, ``cache``, ``focus`` (a :class:`~game.widgets.buttons.Focus`),
``nav`` (a :class:`~game.dates.DateNav`), ``command(name)`` and its layout (``layout``,
or ``get_layout()``).  Drawing reads only.
"""
from __future__ import annotations

from typing import Any

import pygame

from .. import dates
from .. import palette as P
from .buttons import draw_control, draw_tooltip, label_size, tooltip_text
from .icons import draw_icon
from .layout import Button, Layout
from .text import blit_center, fit_text


def layout_of(scene: Any) -> Layout | None:
    """The scene's current :class:`Layout` (None before it has one)."""
    get = getattr(scene, "get_layout", None)
    return get() if get is not None else scene.layout


def spec_of(L: Layout, key: str) -> Button:
    """The :class:`Button` of bar button or header tool ``key`` (a tool is an icon of its name)."""
    return L.specs.get(key) or Button(key, "icon", icon=key)


def draw_header(scene: Any, surface: pygame.Surface, L: Layout, title: str, mode: str, clock: str, sub: str,
                facts: str, paused: bool = False) -> None:
    """The header: ``title`` (bold) and ``mode`` at the left, ``clock`` (bold) right of them
    before the tools (``paused``: greyed, after a pause sign, as the solving clock stands
    still); then ``sub`` (the date or the puzzle's name) and ``facts`` (right-aligned)."""
    fonts, cache, px = scene.ctx.fonts, scene.cache, L.text_px
    row, gap = L.header_row, L.gap
    right = min((r.left for r in L.tools.values()), default=row.right) - 2 * gap
    if clock:
        img = fit_text(cache, fonts, clock, px["clock"], P.TEXT_SOFT if paused else P.TEXT,
                       max(60, right - row.x) // 2, True)
        right -= img.get_width()
        surface.blit(img, img.get_rect(midleft=(right, row.centery)))
        if paused:
            side = img.get_height() - 4
            right -= side + gap
            draw_icon(surface, "pause", pygame.Rect(right, row.centery - side // 2, side, side), P.TEXT_SOFT)
        right -= 2 * gap
    img = fit_text(cache, fonts, title, px["title"], P.TITLE, right - row.x, True)
    surface.blit(img, img.get_rect(midleft=(row.x, row.centery)))
    if mode:
        x = row.x + img.get_width() + gap
        small = fit_text(cache, fonts, "· " + mode, px["clock"], P.TEXT_SOFT, max(0, right - x))
        if x + small.get_width() <= right:
            surface.blit(small, small.get_rect(midleft=(x, row.centery + 2)))
    line = L.header_sub
    left_w = line.width if not facts else min(line.width // 2, fonts.size(sub, px["sub"])[0] + 1)
    img = fit_text(cache, fonts, sub, px["sub"], P.TEXT, left_w)
    surface.blit(img, img.get_rect(midleft=(line.x, line.centery)))
    if facts:
        img = fit_text(cache, fonts, facts, px["sub"], P.TEXT_SOFT, line.width - left_w - 3 * gap)
        surface.blit(img, img.get_rect(midright=(line.right, line.centery)))


def draw_controls(scene: Any, surface: pygame.Surface, labels: dict[str, str], enabled: dict[str, bool],
                  active: set[str], values: dict[str, str], hover: str | None) -> None:
    """Every bar button and header tool of the scene's layout, at its weight.

    Takes the labels of labelled buttons (default: the i18n word of the key), which are
    enabled (default True), which are active (a request pending, a mode armed), short
    values shown beside icons (the speed) and the key under the pointer.
    """
    L = layout_of(scene)
    fonts, cache, t = scene.ctx.fonts, scene.cache, scene.ctx.t
    words = {k: labels.get(k) or t(k) for k, b in L.specs.items() if b.kind != "icon"}
    sizes = {}
    for kind in ("primary", "text"):
        keys = [k for k, b in L.specs.items() if b.kind == kind]
        if keys:
            width = min(L.buttons[k].width for k in keys)
            base = L.text_px["primary" if kind == "primary" else "button"]
            sizes[kind] = label_size(fonts, [words[k] for k in keys], width, base, kind == "primary")
    for key, rect in L.targets().items():
        spec = spec_of(L, key)
        draw_control(surface, fonts, cache, rect, spec, words.get(key, ""),
                     sizes.get(spec.kind, L.text_px["button"]), hover=hover == key,
                     enabled=enabled.get(key, True), active=key in active,
                     focus=scene.focus.key == key, value=values.get(key, ""))


def toast(scene: Any, L: Layout) -> tuple[pygame.Rect, str] | None:
    """The "back to <date>" button shown after a date change: (rect, label), or None."""
    day = scene.nav.toast(scene.ctx.clock())
    if day is None:
        return None
    label = scene.ctx.t("back_to", date=dates.words(day, scene.ctx.lang))
    w = scene.ctx.fonts.size("← " + label, L.text_px["button"])[0] + 28
    rect = pygame.Rect(0, 0, min(w, L.status.width // 2), L.status.height)
    rect.midright = L.status.midright
    return rect, label


def draw_status(scene: Any, surface: pygame.Surface, text: str, colour: P.Colour, footer: str) -> None:
    """The message line (with the toast button at its right end, when shown) and the footer."""
    L = layout_of(scene)
    fonts, cache = scene.ctx.fonts, scene.cache
    width = L.status.width
    shown = toast(scene, L)
    if shown is not None:
        rect, label = shown
        draw_control(surface, fonts, cache, rect, Button("back_date", "text"), "← " + label,
                     L.text_px["button"], hover=rect.collidepoint(getattr(scene.ui, "mouse", (-1, -1))),
                     focus=scene.focus.key == "back_date")
        width = rect.left - L.status.left - 2 * L.gap
    if text:
        img = fit_text(cache, fonts, text, L.text_px["status"], colour, width)
        centre = L.status.center if shown is None else (L.status.x + width // 2, L.status.centery)
        blit_center(surface, img, centre)
    blit_center(surface, fit_text(cache, fonts, footer, L.text_px["footer"], P.LABEL_SOFT, L.help.width),
                L.help.center)


def tooltip_key(scene: Any, hover: str | None) -> str | None:
    """The button whose tooltip shows: the focused one, else the hovered icon button."""
    L = layout_of(scene)
    if L is None:
        return None
    if scene.focus.key in L.targets():
        return scene.focus.key
    if hover in L.targets() and spec_of(L, hover).kind == "icon":
        return hover
    return None


def draw_tooltip_for(scene: Any, surface: pygame.Surface, hover: str | None) -> None:
    """The tooltip of :func:`tooltip_key` (nothing when there is none)."""
    key = tooltip_key(scene, hover)
    if key is not None:
        L = layout_of(scene)
        draw_tooltip(surface, scene.ctx.fonts, scene.cache, L.targets()[key], tooltip_text(key, scene.ctx.lang),
                     L.text_px["tooltip"])


def handle_event(scene: Any, ev: pygame.event.Event, cmd: str | None) -> bool:
    """Keyboard focus over the buttons and a click on the toast; True when ``ev`` was used up.

    A focused button is pressed with Enter or Space (its command runs through
    ``scene.command``).
    """
    L = layout_of(scene)
    if L is None:
        return False
    shown = toast(scene, L)
    order = list(L.targets()) + (["back_date"] if shown is not None else [])
    if ev.type == pygame.MOUSEBUTTONDOWN and ev.button == 1 and shown is not None and shown[0].collidepoint(ev.pos):
        scene.focus.key = None
        scene.command("back_date")
        return True
    used, pressed = scene.focus.handle(ev, cmd, order)
    if pressed:
        scene.command(pressed)
    return used


def follow_settings(scene: Any, names: set[str]) -> None:
    """Make ``scene`` follow changed remembered settings ``names``: its animation speed and,
    for a new language, its layout (labelled buttons fit their words) and text cache.
    ("Allow flipping" is the frame loop's: :meth:`game.app.Control.set_mirror`.)"""
    from ..settings import speed_index

    ui = getattr(scene, "ui", None)
    if "anim_speed" in names and ui is not None:
        ui.speed_i = speed_index(scene.ctx.settings.anim_speed)
    if "lang" in names:
        relayout = getattr(scene, "relayout", None)
        relayout() if relayout is not None else scene.cache.clear()
    scene.dirty = True
