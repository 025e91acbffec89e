"""game/overlays.py: windows drawn over a scene: help, statistics and the month calendar.

An overlay takes the input while it is open and paints over the scene.  The
scene holds at most one (``scene.overlay``), passes it every event with
:meth:`Overlay.handle_event` ``(ev, size)`` and draws it last with
:meth:`Overlay.draw`.  ``handle_event`` returns None (stay open), :data:`CLOSE`,
or, for :class:`CalendarPicker`, the ``datetime.date`` the player chose.  Layout
is computed from the window size on every call, so hit-testing and drawing always
agree at any window size.  Every text comes from :mod:`game.i18n`.
"""
from __future__ import annotations

import calendar
import datetime as _dt
from typing import Any

import pygame

from . import i18n
from . import palette as P
from .fonts import Fonts
from .render import DrawCache, blit_center, draw_button, fit_text, text_surface
from .scene import FIRST_DATE, LAST_DATE

CLOSE = "close"
"""Returned by :meth:`Overlay.handle_event` when the overlay should close."""

HELP_KEYS: tuple[str, ...] = (
    "help_mouse", "help_rotate", "help_flip", "help_pick", "help_arrows", "help_enter", "help_delete",
    "help_esc", "help_undo", "help_hint", "help_replay", "help_dates", "help_target", "help_browse", "help_stats",
    "help_lang", "help_modes", "help_help", "help_quit",
)
"""The rows of the puzzle scene's help overlay (:mod:`game.i18n` keys, "keys\\tdescription")."""


def fmt_time(seconds: float | None, lang: str = "zh") -> str:
    """``mm:ss`` (or ``h:mm:ss`` from an hour) for ``seconds``; the "none yet" word for None."""
    if seconds is None:
        return i18n.tr("stats_none", lang)
    s = int(seconds)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60:02d}:{s % 60:02d}"


def _dim(surface: pygame.Surface, alpha: int = 150) -> None:
    shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    shade.fill((40, 30, 20, alpha))
    surface.blit(shade, (0, 0))


def _panel(surface: pygame.Surface, rect: pygame.Rect) -> None:
    pygame.draw.rect(surface, P.SHADOW, rect.move(4, 6), border_radius=14)
    pygame.draw.rect(surface, P.BACKGROUND, rect, border_radius=14)
    pygame.draw.rect(surface, P.FRAME, rect, 3, border_radius=14)


class Overlay:
    """Base class: closes on Esc, a click, or its own toggle key.

    Attributes:
        toggle_keys: pygame key codes that close it (the key that opened it).
    """

    toggle_keys: tuple[int, ...] = ()

    def handle_event(self, ev: pygame.event.Event, size: tuple[int, int]) -> Any:
        """React to ``ev`` in a window of ``size`` (w, h) px; returns None, :data:`CLOSE` or a value."""
        if ev.type == pygame.KEYDOWN and (ev.key == pygame.K_ESCAPE or ev.key in self.toggle_keys):
            return CLOSE
        if ev.type == pygame.MOUSEBUTTONDOWN and ev.button == 1:
            return CLOSE
        return None

    def draw(self, surface: pygame.Surface, fonts: Fonts, cache: DrawCache, lang: str) -> None:
        """Paint the overlay over the whole ``surface`` in language ``lang``."""


class TextOverlay(Overlay):
    """A titled panel of two-column rows (left: keys or a label, right: a description or value).

    Args:
        title: heading text (already translated, or an i18n key when ``keys`` is True).
        rows: (left, right) text pairs, or i18n keys whose value is ``"left\\tright"``.
        footer: a line under the rows (e.g. where progress is saved).
        translate: True when ``title`` and ``rows`` are i18n keys, looked up per frame.
    """

    def __init__(self, title: str, rows: list, footer: str = "", translate: bool = False,
                 toggle_keys: tuple[int, ...] = ()) -> None:
        self.title = title
        self.rows = rows
        self.footer = footer
        self.translate = translate
        self.toggle_keys = toggle_keys

    def lines(self, lang: str) -> tuple[str, list[tuple[str, str]], str]:
        """(title, rows, footer) in ``lang``."""
        if not self.translate:
            return self.title, list(self.rows), self.footer
        rows = []
        for key in self.rows:
            left, _, right = i18n.tr(key, lang).partition("\t")
            rows.append((left, right))
        return i18n.tr(self.title, lang), rows, i18n.tr(self.footer, lang) if self.footer else ""

    def draw(self, surface: pygame.Surface, fonts: Fonts, cache: DrawCache, lang: str) -> None:
        """Dim the scene and draw the panel centred, sized to the window."""
        _dim(surface)
        w, h = surface.get_size()
        title, rows, footer = self.lines(lang)
        box = pygame.Rect(0, 0, int(w * 0.86), int(h * 0.9))
        box.center = (w // 2, h // 2)
        _panel(surface, box)
        pad = max(10, box.width // 40)
        n = len(rows) + 3
        line_h = max(12, min(40, (box.height - 2 * pad) // n))
        size = max(9, int(line_h * 0.62))
        y = box.y + pad
        blit_center(surface, fit_text(cache, fonts, title, int(size * 1.4), P.TITLE, box.width - 2 * pad, True),
                    (box.centerx, y + line_h * 0.6))
        y += int(line_h * 1.5)
        # one font size for every row: the largest at which all labels and values fit
        inner = box.width - 2 * pad
        while size > 8:
            f, fb = fonts.get(size), fonts.get(size, True)
            lw = max((fb.size(lt)[0] for lt, _ in rows), default=0) + 16
            rw = max((f.size(rt)[0] for _, rt in rows), default=0)
            if lw <= inner * 0.6 and lw + rw <= inner:
                break
            size -= 1
        left_w = max(int(inner * 0.3), min(int(inner * 0.6), max((fonts.get(size, True).size(lt)[0]
                                                                    for lt, _ in rows), default=0) + 16))
        for i, (left, right) in enumerate(rows):
            if i % 2 == 0:
                band = pygame.Rect(box.x + pad // 2, y, box.width - pad, line_h)
                pygame.draw.rect(surface, P.PANEL, band, border_radius=6)
            li = fit_text(cache, fonts, left, size, P.TEXT, left_w - 8, True)
            surface.blit(li, (box.x + pad, y + (line_h - li.get_height()) // 2))
            ri = fit_text(cache, fonts, right, size, P.TEXT, box.width - 2 * pad - left_w)
            surface.blit(ri, (box.x + pad + left_w, y + (line_h - ri.get_height()) // 2))
            y += line_h
        foot = footer or i18n.tr("close_hint", lang)
        if footer:
            foot += "   ·   " + i18n.tr("close_hint", lang)
        blit_center(surface, fit_text(cache, fonts, foot, int(size * 0.85), P.TEXT_SOFT, box.width - 2 * pad),
                    (box.centerx, box.bottom - pad - line_h * 0.4))


def help_overlay(toggle_keys: tuple[int, ...] = (pygame.K_QUESTION, pygame.K_SLASH)) -> TextOverlay:
    """The help overlay of the puzzle scenes: every control, in the current language."""
    return TextOverlay("help_title", list(HELP_KEYS), translate=True, toggle_keys=toggle_keys)


def stats_rows(summary: Any, lang: str, found_here: tuple[int, int | None] | None = None) -> list[tuple[str, str]]:
    """Rows of the statistics overlay from a :class:`game.stats.Summary`.

    ``found_here`` is (k found, N solutions or None) for the current date.
    """
    t = lambda key, **kw: i18n.tr(key, lang, **kw)  # noqa: E731
    recent = "   ".join(fmt_time(s, lang) + ("*" if a else "") for _, s, a in summary.recent[:5])
    rows = [
        (t("stats_alone"), str(summary.days_alone)),
        (t("stats_all"), str(summary.days_solved)),
        (t("stats_best"), fmt_time(summary.best_s, lang)),
        (t("stats_recent"), recent or t("stats_none")),
        (t("stats_streak"), t("stats_days", n=summary.current_streak)),
        (t("stats_longest"), t("stats_days", n=summary.longest_streak)),
        (t("stats_hints"), str(summary.hints)),
        (t("stats_solves"), str(summary.solves)),
        (t("stats_found"), str(summary.found)),
    ]
    if found_here is not None:
        k, n = found_here
        rows.append((t("stats_here"), t("found", k=k, n=n) if n is not None else t("found_unknown", k=k)))
    return rows


class StatsOverlay(TextOverlay):
    """Statistics of one mode, recomputed from the progress file each time it is opened.

    Args:
        progress: the :class:`game.stats.Progress` (None: nothing saved).
        prefix: key prefix of the mode, e.g. ``"classic "``.
        mode_key: i18n key of the mode's name.
        found_here: (k, N or None) found solutions for the current date, or None.
        today: anchors the current streak (default: local today).
    """

    def __init__(self, progress: Any, prefix: str, mode_key: str, found_here: tuple[int, int | None] | None = None,
                 today: _dt.date | None = None) -> None:
        super().__init__("", [], toggle_keys=(pygame.K_i,))
        self.progress = progress
        self.mode_key = mode_key
        self.found_here = found_here
        from .stats import Summary

        self.summary = progress.summary(prefix, today) if progress is not None else Summary()

    def lines(self, lang: str) -> tuple[str, list[tuple[str, str]], str]:
        """(title, rows, footer) in ``lang``: the footer says where progress is saved, or that it is not."""
        prog = self.progress
        if prog is None or not prog.writable:
            footer = i18n.tr("save_off", lang)
        else:
            footer = i18n.tr("save_where", lang, path=prog.path)
        return (i18n.tr("stats_title", lang, mode=i18n.tr(self.mode_key, lang)),
                stats_rows(self.summary, lang, self.found_here), footer)


class CalendarPicker(Overlay):
    """A month calendar to pick any date.

    Args:
        date: the date shown selected when it opens.
        today: marked and reachable with the Today button (default: local today).
        solved: dates drawn with a solved mark.
        first: earliest date offered; last: latest (None: no limit).

    Keys: arrows move a day / a week, PageUp / PageDown a month, Home today,
    Enter picks, Esc or D closes.  Mouse: click a day, ``<`` / ``>`` change month,
    the Today button picks today.
    """

    toggle_keys = (pygame.K_d,)

    def __init__(self, date: _dt.date, today: _dt.date | None = None, solved: set[_dt.date] | frozenset = frozenset(),
                 first: _dt.date = FIRST_DATE, last: _dt.date = LAST_DATE) -> None:
        self.sel = date
        self.today = today or _dt.date.today()
        self.solved = set(solved)
        self.first, self.last = first, last
        self.year, self.month = date.year, date.month

    # geometry ---------------------------------------------------------

    def rects(self, size: tuple[int, int]) -> dict[Any, pygame.Rect]:
        """Hit rectangles for a window of ``size`` px: ``"box"``, ``"prev"``, ``"next"``, ``"today"``,
        ``"title"`` and one per day of the shown month (key: the ``date``)."""
        w, h = size
        cell = int(max(16, min(w * 0.9 / 7.5, h * 0.92 / 8.9, 88)))
        pad = max(8, cell // 4)
        box = pygame.Rect(0, 0, 7 * cell + 2 * pad, int(8.4 * cell) + 2 * pad)  # 6 week rows fit
        box.center = (w // 2, h // 2)
        head_h = int(cell * 0.9)
        out: dict[Any, pygame.Rect] = {"box": box}
        out["prev"] = pygame.Rect(box.x + pad, box.y + pad, cell, head_h)
        out["next"] = pygame.Rect(box.right - pad - cell, box.y + pad, cell, head_h)
        out["title"] = pygame.Rect(out["prev"].right, box.y + pad, out["next"].left - out["prev"].right, head_h)
        grid_top = box.y + pad + head_h + int(cell * 0.55)
        first_wd, ndays = calendar.monthrange(self.year, self.month)
        for d in range(1, ndays + 1):
            i = first_wd + d - 1
            out[_dt.date(self.year, self.month, d)] = pygame.Rect(box.x + pad + (i % 7) * cell,
                                                                  grid_top + (i // 7) * cell, cell - 4, cell - 4)
        out["today"] = pygame.Rect(0, 0, cell * 3, int(cell * 0.7))
        out["today"].midbottom = (box.centerx, box.bottom - pad)
        return out

    # input --------------------------------------------------------------

    def _show(self, d: _dt.date) -> None:
        d = min(max(d, self.first), self.last)
        self.sel = d
        self.year, self.month = d.year, d.month

    def _shift_month(self, k: int) -> None:
        m = self.year * 12 + (self.month - 1) + k
        y, mo = divmod(m, 12)
        if not 1 <= y <= 9998:
            return
        day = min(self.sel.day, calendar.monthrange(y, mo + 1)[1])
        self._show(_dt.date(y, mo + 1, day))

    def handle_event(self, ev: pygame.event.Event, size: tuple[int, int]) -> Any:
        """Move the selection or pick; returns None, :data:`CLOSE` or the chosen ``date``."""
        if ev.type == pygame.KEYDOWN:
            k = ev.key
            steps = {pygame.K_LEFT: -1, pygame.K_RIGHT: 1, pygame.K_UP: -7, pygame.K_DOWN: 7}
            if k in steps:
                try:
                    self._show(self.sel + _dt.timedelta(days=steps[k]))
                except OverflowError:
                    pass
            elif k == pygame.K_PAGEUP:
                self._shift_month(-1)
            elif k == pygame.K_PAGEDOWN:
                self._shift_month(1)
            elif k == pygame.K_HOME:
                self._show(self.today)
            elif k in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
                return self.sel
            elif k == pygame.K_ESCAPE or k in self.toggle_keys:
                return CLOSE
            return None
        if ev.type == pygame.MOUSEWHEEL and ev.y:
            self._shift_month(-1 if ev.y > 0 else 1)
            return None
        if ev.type == pygame.MOUSEBUTTONDOWN and ev.button == 1:
            r = self.rects(size)
            if not r["box"].collidepoint(ev.pos):
                return CLOSE
            if r["prev"].collidepoint(ev.pos):
                self._shift_month(-1)
                return None
            if r["next"].collidepoint(ev.pos):
                self._shift_month(1)
                return None
            if r["today"].collidepoint(ev.pos):
                return self.today
            for key, rect in r.items():
                if isinstance(key, _dt.date) and rect.collidepoint(ev.pos) and self.first <= key <= self.last:
                    return key
        return None

    # drawing ------------------------------------------------------------

    def draw(self, surface: pygame.Surface, fonts: Fonts, cache: DrawCache, lang: str) -> None:
        """Dim the scene and draw the month grid with weekday names, today and solved marks."""
        _dim(surface)
        r = self.rects(surface.get_size())
        box = r["box"]
        _panel(surface, box)
        cell = r["prev"].width
        size = max(9, int(cell * 0.36))
        title = i18n.tr("month_year", lang, y=self.year, m=self.month, mon=i18n.month_name(self.month, "en"))
        blit_center(surface, fit_text(cache, fonts, title, int(size * 1.3), P.TITLE, r["title"].width, True),
                    r["title"].center)
        draw_button(surface, fonts, cache, r["prev"].inflate(-8, -8), "<", size)
        draw_button(surface, fonts, cache, r["next"].inflate(-8, -8), ">", size)
        wd = i18n.tr("weekday", lang)
        names = [wd[i] for i in range(7)] if lang == "zh" else [wd[3 * i:3 * i + 3] for i in range(7)]
        y = r["title"].bottom + int(cell * 0.28)
        x0 = box.x + (box.width - 7 * cell) // 2
        for i, nm in enumerate(names):
            blit_center(surface, text_surface(cache, fonts, nm, int(size * 0.8), P.TEXT_SOFT), (x0 + i * cell + cell / 2 - 2, y))
        for key, rect in r.items():
            if not isinstance(key, _dt.date):
                continue
            allowed = self.first <= key <= self.last
            fill = P.TARGET_FILL if key == self.sel else (P.BUTTON if allowed else P.BUTTON_DISABLED)
            pygame.draw.rect(surface, fill, rect, border_radius=6)
            edge, width = (P.TARGET_RING, 3) if key == self.today else (P.PANEL_EDGE, 1)
            pygame.draw.rect(surface, edge, rect, width, border_radius=6)
            blit_center(surface, text_surface(cache, fonts, str(key.day), size, P.TEXT if allowed else P.LABEL_SOFT,
                                              key == self.sel), rect.center)
            if key in self.solved:
                pygame.draw.circle(surface, P.LEGAL, (rect.right - cell // 6, rect.top + cell // 6), max(3, cell // 12))
        draw_button(surface, fonts, cache, r["today"], i18n.tr("today", lang), size)
