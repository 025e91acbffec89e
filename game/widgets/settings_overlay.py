"""game/widgets/settings_overlay.py: the settings overlay (the gear tool, or O).

One row per remembered setting (:class:`game.settings.Settings`): language, full
screen, volume, mute, allow flipping, animation speed, reduce motion.  A change is
applied at once through :meth:`game.scene.Context.change_settings`, which saves the
file and tells the frame loop (full screen) and the current scene (speed, language,
flipping), so there is no "OK" button and nothing to lose.

Keys: Up / Down choose a row, Left / Right change it (off / on, less / more, the
other language), Enter or Space toggles or steps it, Esc or O closes.  Mouse: the
row's controls (a switch, two language buttons, minus / plus), a click outside the
panel closes.  Every control is at least :data:`~game.widgets.layout.MIN_TARGET_PX`
high and every text at least :data:`~game.widgets.text.MIN_TEXT_PX`.

The "Allow flipping" row ends in :meth:`game.app.Control.set_mirror` (the frame loop
listens to setting changes), which applies the rule to the puzzle in play.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pygame

from .. import i18n
from .. import palette as P
from ..settings import SPEEDS, speed_index
from .buttons import draw_button
from .layout import MIN_TARGET_PX, MIN_WINDOW
from .overlays import CLOSE, Overlay
from .overlays import _dim as dim
from .overlays import _panel as panel
from .text import MIN_TEXT_PX, DrawCache, Fonts, blit_center, fit_text

VOLUME_STEP = 0.1


@dataclass(frozen=True)
class Row:
    """One setting: its :class:`~game.settings.Settings` field, its kind and its label key.

    ``kind``: ``"bool"`` (a switch), ``"lang"`` (two buttons), ``"volume"`` (0..1 in
    :data:`VOLUME_STEP`), ``"speed"`` (the game's speed steps).
    """

    name: str
    kind: str
    label: str


ROWS = (Row("lang", "lang", "set_lang"), Row("fullscreen", "bool", "set_fullscreen"),
        Row("volume", "volume", "set_volume"), Row("muted", "bool", "set_muted"),
        Row("mirror", "bool", "set_mirror"), Row("anim_speed", "speed", "set_speed"),
        Row("reduce_motion", "bool", "set_motion"))
"""The rows, top to bottom."""


def current(row: Row, ctx: Any) -> Any:
    """What ``row`` is set to now (the language: this run's, which ``--lang`` may have set)."""
    return ctx.lang if row.name == "lang" else getattr(ctx.settings, row.name)


def step_value(row: Row, ctx: Any, direction: int) -> Any:
    """The value of ``row`` after one step in ``direction`` (-1, +1; 0 toggles or cycles)."""
    v = current(row, ctx)
    if row.kind == "bool":
        return (not v) if direction == 0 else direction > 0
    if row.kind == "lang":
        return ("en" if v == "zh" else "zh") if direction == 0 else ("zh" if direction < 0 else "en")
    if row.kind == "volume":
        d = direction or (1 if v < 1.0 - 1e-9 else -10)
        return round(min(1.0, max(0.0, v + d * VOLUME_STEP)), 2)
    i = speed_index(v) + (direction or 1)
    return SPEEDS[i % len(SPEEDS) if direction == 0 else max(0, min(len(SPEEDS) - 1, i))]


class SettingsOverlay(Overlay):
    """The settings panel (see the module docstring).

    Args:
        ctx: the shared :class:`~game.scene.Context` (its settings, and where they are saved).

    Attributes:
        sel: the row the keyboard is on.
    """

    toggle = "settings"

    def __init__(self, ctx: Any) -> None:
        self.ctx = ctx
        self.sel = 0

    # geometry ---------------------------------------------------------

    def rects(self, size: tuple[int, int]) -> dict[Any, pygame.Rect]:
        """Hit rectangles for a window of ``size`` px: ``"box"``, and per row ``(name, part)``
        with part ``"row"``, ``"switch"`` (bool), ``"zh"`` / ``"en"`` (lang), ``"minus"`` /
        ``"plus"`` / ``"value"`` (volume, speed)."""
        w, h = max(size[0], MIN_WINDOW[0]), max(size[1], MIN_WINDOW[1])
        s = min(w / 1120, h / 780)
        row_h = max(MIN_TARGET_PX + 10, round(54 * s))
        pad = max(12, round(22 * s))
        head = max(40, round(64 * s))
        foot = max(2 * MIN_TEXT_PX + 16, round(60 * s))
        box = pygame.Rect(0, 0, min(int(w * 0.86), max(560, round(680 * s))), 2 * pad + head + len(ROWS) * row_h + foot)
        box.center = (size[0] // 2, size[1] // 2)
        out: dict[Any, pygame.Rect] = {"box": box}
        ctl_h = max(MIN_TARGET_PX, row_h - 14)
        ctl_x = box.x + int(box.width * 0.5)
        ctl_w = box.right - pad - ctl_x
        for i, row in enumerate(ROWS):
            r = pygame.Rect(box.x + pad // 2, box.y + pad + head + i * row_h, box.width - pad, row_h)
            out[(row.name, "row")] = r
            y = r.centery - ctl_h // 2
            if row.kind == "bool":
                out[(row.name, "switch")] = pygame.Rect(ctl_x, y, max(2 * ctl_h, 72), ctl_h)
            elif row.kind == "lang":
                half = (ctl_w - 8) // 2
                out[(row.name, "zh")] = pygame.Rect(ctl_x, y, half, ctl_h)
                out[(row.name, "en")] = pygame.Rect(ctl_x + half + 8, y, half, ctl_h)
            else:
                out[(row.name, "minus")] = pygame.Rect(ctl_x, y, ctl_h, ctl_h)
                out[(row.name, "plus")] = pygame.Rect(box.right - pad - ctl_h, y, ctl_h, ctl_h)
                out[(row.name, "value")] = pygame.Rect(ctl_x + ctl_h + 8, y, ctl_w - 2 * ctl_h - 16, ctl_h)
        out["title"] = pygame.Rect(box.x + pad, box.y + pad, box.width - 2 * pad, head)
        out["footer"] = pygame.Rect(box.x + pad, box.bottom - pad - foot, box.width - 2 * pad, foot)
        return out

    def text_px(self, size: tuple[int, int]) -> dict[str, int]:
        """Font sizes (pixels) of the title, the row labels and the footer for a window of ``size``."""
        s = min(max(size[0], MIN_WINDOW[0]) / 1120, max(size[1], MIN_WINDOW[1]) / 780)
        return {"title": max(MIN_TEXT_PX, round(28 * s)), "label": max(MIN_TEXT_PX, round(18 * s)),
                "footer": max(MIN_TEXT_PX, round(14 * s))}

    # input --------------------------------------------------------------

    def change(self, row: Row, direction: int) -> None:
        """Step ``row`` (see :func:`step_value`) and apply it through the context."""
        value = step_value(row, self.ctx, direction)
        changes: dict[str, Any] = {row.name: value}
        if row.name == "volume" and value > 0 and self.ctx.settings.muted:
            changes["muted"] = False  # turning the volume up means "I want sound"
        self.ctx.change_settings(**changes)

    def handle_event(self, ev: pygame.event.Event, size: tuple[int, int]) -> Any:
        """Keys and clicks (see the module docstring); returns None or :data:`CLOSE`."""
        from .. import keymap

        if ev.type == pygame.KEYDOWN:
            cmd = keymap.command_for(ev)
            if cmd in ("up", "down"):
                self.sel = (self.sel + (1 if cmd == "down" else -1)) % len(ROWS)
            elif cmd in ("left", "right"):
                self.change(ROWS[self.sel], 1 if cmd == "right" else -1)
            elif cmd == "activate":
                self.change(ROWS[self.sel], 0)
            elif self.closes(ev):
                return CLOSE
            return None
        if ev.type == pygame.MOUSEBUTTONDOWN and ev.button == 1:
            r = self.rects(size)
            if not r["box"].collidepoint(ev.pos):
                return CLOSE
            for i, row in enumerate(ROWS):
                if not r[(row.name, "row")].collidepoint(ev.pos):
                    continue
                self.sel = i
                for part, direction in (("switch", 0), ("minus", -1), ("plus", 1), ("value", 0)):
                    hit = r.get((row.name, part))
                    if hit is not None and hit.collidepoint(ev.pos):
                        self.change(row, direction)
                for lang in ("zh", "en"):
                    hit = r.get((row.name, lang))
                    if hit is not None and hit.collidepoint(ev.pos) and self.ctx.lang != lang:
                        self.change(row, -1 if lang == "zh" else 1)
        return None

    # drawing ------------------------------------------------------------

    def value_text(self, row: Row, lang: str) -> str:
        """What ``row`` is set to, as shown (``"80 %"``, ``"x1"``, ``"On"``)."""
        v = current(row, self.ctx)
        if row.kind == "volume":
            return f"{round(v * 100)} %"
        if row.kind == "speed":
            return f"x{v:g}"
        if row.kind == "bool":
            return i18n.tr("on" if v else "off", lang)
        return i18n.tr("lang_name", v)

    def draw(self, surface: pygame.Surface, fonts: Fonts, cache: DrawCache, lang: str) -> None:
        """Dim the scene and draw the panel: title, one row per setting, the keys and the file."""
        dim(surface)
        size = surface.get_size()
        r, px = self.rects(size), self.text_px(size)
        panel(surface, r["box"])
        blit_center(surface, fit_text(cache, fonts, i18n.tr("settings_title", lang), px["title"], P.TITLE,
                                      r["title"].width, True), r["title"].center)
        for i, row in enumerate(ROWS):
            band = r[(row.name, "row")]
            if i == self.sel:
                pygame.draw.rect(surface, P.PANEL, band, border_radius=8)
                pygame.draw.rect(surface, P.FOCUS, band, 2, border_radius=8)
            label = fit_text(cache, fonts, i18n.tr(row.label, lang), px["label"], P.TEXT,
                             int(band.width * 0.5) - 24, i == self.sel)
            surface.blit(label, label.get_rect(midleft=(band.x + 16, band.centery)))
            v = current(row, self.ctx)
            if row.kind == "bool":
                self._switch(surface, fonts, cache, r[(row.name, "switch")], v, self.value_text(row, lang), px)
            elif row.kind == "lang":
                for code in ("zh", "en"):
                    draw_button(surface, fonts, cache, r[(row.name, code)], i18n.tr("lang_name", code),
                                px["label"], active=v == code)
            else:
                low = v <= (0.0 if row.kind == "volume" else SPEEDS[0])
                high = v >= (1.0 if row.kind == "volume" else SPEEDS[-1])
                draw_button(surface, fonts, cache, r[(row.name, "minus")], "−", px["label"], enabled=not low)
                draw_button(surface, fonts, cache, r[(row.name, "plus")], "+", px["label"], enabled=not high)
                self._gauge(surface, fonts, cache, r[(row.name, "value")], row, v, lang, px)
        store = self.ctx.prefs.store
        where = (i18n.tr("settings_where", lang, path=store.path) if store is not None and store.writable
                 else i18n.tr("settings_off", lang))
        foot = r["footer"]
        for j, line in enumerate((i18n.tr("settings_keys", lang), where)):
            img = fit_text(cache, fonts, line, px["footer"], P.TEXT_SOFT, foot.width)
            blit_center(surface, img, (foot.centerx, foot.y + foot.height * (0.3 + 0.45 * j)))

    def _switch(self, surface: pygame.Surface, fonts: Fonts, cache: DrawCache, rect: pygame.Rect, on: bool,
                word: str, px: dict[str, int]) -> None:
        rad = rect.height // 2
        pygame.draw.rect(surface, P.LEGAL if on else P.BUTTON_DISABLED, rect, border_radius=rad)
        pygame.draw.rect(surface, P.BUTTON_EDGE, rect, 1, border_radius=rad)
        knob = (rect.right - rad if on else rect.x + rad, rect.centery)
        pygame.draw.circle(surface, P.WHITE, knob, rad - 3)
        pygame.draw.circle(surface, P.BUTTON_EDGE, knob, rad - 3, 1)
        img = fit_text(cache, fonts, word, px["label"], P.TEXT, 120)
        surface.blit(img, img.get_rect(midleft=(rect.right + 12, rect.centery)))

    def _gauge(self, surface: pygame.Surface, fonts: Fonts, cache: DrawCache, rect: pygame.Rect, row: Row,
               v: float, lang: str, px: dict[str, int]) -> None:
        frac = v if row.kind == "volume" else speed_index(v) / (len(SPEEDS) - 1)
        track = pygame.Rect(rect.x, rect.centery + rect.height // 4, rect.width, max(4, rect.height // 8))
        pygame.draw.rect(surface, P.BUTTON_DISABLED, track, border_radius=3)
        pygame.draw.rect(surface, P.PRIMARY, (track.x, track.y, int(track.width * frac), track.height), border_radius=3)
        muted = row.kind == "volume" and self.ctx.settings.muted
        text = self.value_text(row, lang) + (f"  ({i18n.tr('set_muted', lang)})" if muted else "")
        img = fit_text(cache, fonts, text, px["label"], P.LABEL_SOFT if muted else P.TEXT, rect.width)
        blit_center(surface, img, (rect.centerx, rect.y + rect.height * 0.35))
