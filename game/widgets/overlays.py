"""game/widgets/overlays.py: windows drawn over a scene: text panels, statistics, the month calendar.

An overlay takes the input while it is open and paints over the scene.  A scene
keeps at most one in an :class:`OverlayHost` (composed, not inherited), which passes
it every event (:meth:`Overlay.handle_event` ``(ev, size)``), draws it last and tells
the scene when one opens or closes (the mid end's timer pauses meanwhile).
``handle_event`` returns None (stay open), :data:`CLOSE`, or, for
:class:`CalendarPicker`, the ``datetime.date`` the player chose.  Layout is computed
from the window size on every call, so hit-testing and drawing always agree.  Texts
are computed per language when drawn: nothing here holds translated words.
"""
from __future__ import annotations

import calendar
import datetime as _dt
from typing import Any, Callable

import pygame

from .. import i18n, keymap
from .. import palette as P
from ..dates import FIRST_DATE, LAST_DATE
from ..midend import GameId
from .buttons import draw_button
from .dialogs import CLOSE, Dialog, confirm, message
from .text import MIN_TEXT_PX, DrawCache, Fonts, blit_center, fit_text, text_surface

Rows = Callable[[str], list[tuple[str, str]]]
"""``lang -> [(left, right), ...]``: the rows of a :class:`TextOverlay` in a language."""


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
    """Base class: closes on Esc, a click, or the command that opened it (its key again).

    Attributes:
        toggle: the :mod:`game.keymap` command that opened it (``"help"``, ``"stats"``...).
    """

    toggle: str | None = None

    def closes(self, ev: pygame.event.Event) -> bool:
        """True for Esc or this overlay's own key."""
        cmd = keymap.command_for(ev)
        return cmd == "cancel" or (cmd is not None and cmd == self.toggle)

    def handle_event(self, ev: pygame.event.Event, size: tuple[int, int]) -> Any:
        """React to ``ev`` in a window of ``size`` (w, h) px; returns None, :data:`CLOSE` or a value."""
        if ev.type == pygame.KEYDOWN and self.closes(ev):
            return CLOSE
        if ev.type == pygame.MOUSEBUTTONDOWN and ev.button == 1:
            return CLOSE
        return None

    def draw(self, surface: pygame.Surface, fonts: Fonts, cache: DrawCache, lang: str) -> None:
        """Paint the overlay over the whole ``surface`` in language ``lang``."""


class TextOverlay(Overlay):
    """A titled panel of two-column rows (left: keys or a label, right: a description or value).

    Args:
        title: ``lang -> heading``.
        rows: ``lang -> [(left, right), ...]``.
        footer: ``lang -> a line under the rows`` (e.g. where progress is saved), or None.
        toggle: the command that opened it.
    """

    def __init__(self, title: Callable[[str], str], rows: Rows, footer: Callable[[str], str] | None = None,
                 toggle: str | None = None) -> None:
        self.title = title
        self.rows = rows
        self.footer = footer
        self.toggle = toggle
        self.page = 0
        self.pages = 1  # as last drawn: rows that do not fit at a readable size go on more pages

    def handle_event(self, ev: pygame.event.Event, size: tuple[int, int]) -> Any:
        """Arrows and PgUp / PgDn turn the page (when there are several); else as :class:`Overlay`."""
        if ev.type == pygame.KEYDOWN and self.pages > 1:
            turn = {pygame.K_RIGHT: 1, pygame.K_DOWN: 1, pygame.K_PAGEDOWN: 1, pygame.K_SPACE: 1,
                    pygame.K_LEFT: -1, pygame.K_UP: -1, pygame.K_PAGEUP: -1}.get(ev.key)
            if turn is not None:
                self.page = (self.page + turn) % self.pages
                return None
        return super().handle_event(ev, size)

    def lines(self, lang: str) -> tuple[str, list[tuple[str, str]], str]:
        """(title, rows, footer) in ``lang``."""
        return self.title(lang), self.rows(lang), self.footer(lang) if self.footer else ""

    reserve = 0
    """Line heights kept free under the rows (for buttons)."""

    def geometry(self, size: tuple[int, int], n_rows: int) -> tuple[pygame.Rect, int, int]:
        """(panel rect, padding px, line height px) in a window of ``size`` for ``n_rows`` rows."""
        w, h = size
        box = pygame.Rect(0, 0, int(w * 0.86), int(h * 0.9))
        box.center = (w // 2, h // 2)
        pad = max(10, box.width // 40)
        line_h = max(round(MIN_TEXT_PX * 1.6), min(40, (box.height - 2 * pad) // (n_rows + 3 + self.reserve)))
        return box, pad, line_h

    def draw(self, surface: pygame.Surface, fonts: Fonts, cache: DrawCache, lang: str) -> None:
        """Dim the scene and draw the panel centred, sized to the window."""
        _dim(surface)
        title, rows, footer = self.lines(lang)
        box, pad, line_h = self.geometry(surface.get_size(), len(rows))
        _panel(surface, box)
        per = max(1, (box.height - 2 * pad) // line_h - 3 - self.reserve)
        self.pages = -(-len(rows) // per)
        self.page = min(self.page, self.pages - 1)
        rows = rows[self.page * per:(self.page + 1) * per]
        size = max(MIN_TEXT_PX, int(line_h * 0.62))
        y = box.y + pad
        blit_center(surface, fit_text(cache, fonts, title, int(size * 1.4), P.TITLE, box.width - 2 * pad, True),
                    (box.centerx, y + line_h * 0.6))
        y += int(line_h * 1.5)
        # one font size for every row: the largest at which all labels and values fit
        inner = box.width - 2 * pad
        while size > MIN_TEXT_PX:
            lw = max((fonts.size(lt, size, True)[0] for lt, _ in rows), default=0) + 16
            rw = max((fonts.size(rt, size)[0] for _, rt in rows), default=0)
            if lw <= inner * 0.6 and lw + rw <= inner:
                break
            size -= 1
        left_w = max(int(inner * 0.3), min(int(inner * 0.6), max((fonts.size(lt, size, True)[0]
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
        if self.pages > 1:
            foot = i18n.tr("page_of", lang, i=self.page + 1, n=self.pages) + "   ·   " + foot
        blit_center(surface, fit_text(cache, fonts, foot, max(MIN_TEXT_PX, int(size * 0.85)), P.TEXT_SOFT,
                                      box.width - 2 * pad),
                    (box.centerx, box.bottom - pad - line_h * 0.4))


RECENT_SHOWN = 6
"""Recent completions the statistics list (newest first)."""
RECENT_PER_ROW = 3
"""Recent completions on one row of the statistics."""


def recent_entry(game_id: str, seconds: float | None, assisted: bool, lang: str) -> str:
    """One recent completion: its puzzle's date and the solving time, or "with help"
    (``"May 10 01:30"``, ``"5月10日 有协助"``); no date for an undated puzzle."""
    try:
        day = GameId.from_text(game_id).date
    except ValueError:
        day = None
    what = i18n.tr("stats_with_help", lang) if assisted or seconds is None else fmt_time(seconds, lang)
    if day is None:
        return what
    date = f"{day.month}月{day.day}日" if lang == "zh" else f"{i18n.month_name(day.month, 'en')} {day.day}"
    return f"{date} {what}"


def stats_rows(summary: Any, lang: str, found_here: tuple[int, int | None] | None = None,
               daily: bool = True) -> list[tuple[str, str]]:
    """Rows of the statistics overlay from a :class:`game.stats.Summary`.

    ``found_here`` is (k found, N solutions or None) for the current date.  ``daily`` False
    (a custom puzzle: one puzzle, no dates): no streak rows, and the best time and the
    solutions found are this puzzle's.
    """
    t = lambda key, **kw: i18n.tr(key, lang, **kw)  # noqa: E731
    recent = [recent_entry(gid, s, a, lang) for gid, s, a in summary.recent[:RECENT_SHOWN]]
    lines = ["  ·  ".join(recent[i:i + RECENT_PER_ROW]) for i in range(0, len(recent), RECENT_PER_ROW)]
    rows = [
        (t("stats_hand"), str(summary.hand)),
        (t("stats_helped"), str(summary.assisted)),
        (t("stats_best" if daily else "stats_best_puzzle"), fmt_time(summary.best_s, lang)),
        (t("stats_recent"), lines[0] if lines else t("stats_none")),
        *(("", line) for line in lines[1:]),
        *(((t("stats_streak"), t("stats_days", n=summary.current_streak)),
            (t("stats_longest"), t("stats_days", n=summary.longest_streak))) if daily else ()),
        (t("stats_hints"), str(summary.hints)),
        (t("stats_solves"), str(summary.solves)),
        (t("stats_searches"), str(summary.searches)),
        (t("stats_found" if daily else "stats_found_puzzle"), str(summary.found)),
    ]
    if found_here is not None:
        k, n = found_here
        rows.append((t("stats_here"), t("found", k=k, n=n) if n is not None else t("found_unknown", k=k)))
    return rows


class StatsOverlay(TextOverlay):
    """Statistics of one mode (:meth:`game.stats.Stats.summary`), read when it opens, with
    two buttons when ``stats`` is given: Export (:func:`game.stats.export_to_folder`, then
    a message saying where the file is) and Reset (a confirmation, then
    :meth:`game.store.Store.reset_records`, then a message saying where the copy is).

    Args:
        summary: the :class:`game.stats.Summary`.
        mode_key: i18n key of the mode's name (or words with their own translation, :func:`game.i18n.text_of`).
        saved_in: where progress is saved, or None when it is not saved.
        found_here: (k, N or None) found solutions for the current date, or None.
        stats: the :class:`game.stats.Stats` (and its store) the buttons act on; None: no buttons.
        mode: the mode whose summary is shown (read again after a reset); a custom
            puzzle's (``"file:..."``) has no streak rows (:func:`stats_rows`).

    Attributes:
        child: the open :class:`~game.widgets.dialogs.Dialog` over it, or None.
    """

    BUTTONS = (("export", "stats_export"), ("reset", "stats_reset"))
    """(action, i18n key) of the buttons, left to right (Reset only while progress is saved)."""

    def __init__(self, summary: Any, mode_key: str, saved_in: str | None,
                 found_here: tuple[int, int | None] | None = None, stats: Any = None, mode: str = "") -> None:
        super().__init__(lambda lang: i18n.tr("stats_title", lang, mode=i18n.text_of(mode_key, lang)),
                         lambda lang: stats_rows(self.summary, lang, self.found_here, self.daily), self._footer,
                         toggle="stats")
        self.summary = summary
        self.saved_in = saved_in
        self.found_here = found_here
        self.stats = stats
        self.mode = mode
        self.daily = not mode.startswith("file:")
        self.child: Dialog | None = None
        writable = stats is not None and stats.store.writable
        self.actions = tuple((n, k) for n, k in self.BUTTONS if stats is not None and (n != "reset" or writable))
        self.reserve = 2 if self.actions else 0

    def _footer(self, lang: str) -> str:
        where = (i18n.tr("save_where", lang, path=self.saved_in) if self.saved_in
                 else i18n.tr("save_off", lang))
        return i18n.tr("stats_streak_rule", lang) + "   ·   " + where if self.daily else where

    def button_rects(self, size: tuple[int, int]) -> dict[str, pygame.Rect]:
        """The buttons' rectangles (action -> rect, window pixels); {} without ``stats``."""
        if not self.actions:
            return {}
        box, pad, line_h = self.geometry(size, len(stats_rows(self.summary, "en", self.found_here, self.daily)))
        n = len(self.actions)
        h = max(32, min(48, int(line_h * 1.5)))
        w = min(260, (box.width - (n + 1) * pad) // n)
        y = box.bottom - pad - int(line_h * 0.9) - h
        x = box.centerx - (n * w + (n - 1) * pad) // 2
        return {name: pygame.Rect(x + i * (w + pad), y, w, h) for i, (name, _) in enumerate(self.actions)}

    def handle_event(self, ev: pygame.event.Event, size: tuple[int, int]) -> Any:
        """A dialog over it first; then its buttons; anything else closes it as before."""
        if self.child is not None:
            res = self.child.handle_event(ev, size)
            if res == "reset":
                self.child = self._reset()
            elif res is not None:
                self.child = None
            return None
        if ev.type == pygame.MOUSEBUTTONDOWN and ev.button == 1:
            for name, rect in self.button_rects(size).items():
                if rect.collidepoint(ev.pos):
                    self.child = self._export() if name == "export" else self._ask_reset()
                    return None
        return super().handle_event(ev, size)

    def _export(self) -> Dialog:
        from ..stats import export_to_folder, exports_dir

        try:
            return message("export_done_title", "export_done", path=export_to_folder(self.stats))
        except OSError as e:
            return message("export_failed_title", "export_failed", path=exports_dir(),
                           reason=e.strerror or str(e))

    def _ask_reset(self) -> Dialog:
        import os

        return confirm("reset_ask_title", "reset_ask", "reset", "reset_yes",
                       folder=os.path.dirname(self.stats.store.path))

    def _reset(self) -> Dialog:
        try:
            kept = self.stats.store.reset_records()
        except OSError as e:
            return message("reset_failed_title", "reset_failed", reason=e.strerror or str(e))
        self.summary = self.stats.summary(self.mode)
        return message("reset_done_title", "reset_done", kept=kept, path=self.stats.store.path)

    def draw(self, surface: pygame.Surface, fonts: Fonts, cache: DrawCache, lang: str) -> None:
        """The statistics panel, its buttons, and the dialog over it if one is open."""
        super().draw(surface, fonts, cache, lang)
        rects = self.button_rects(surface.get_size())
        for name, key in self.actions:
            if name in rects:
                draw_button(surface, fonts, cache, rects[name], i18n.tr(key, lang),
                            max(12, int(rects[name].height * 0.42)))
        if self.child is not None:
            self.child.draw(surface, fonts, cache, lang)


class CalendarPicker(Overlay):
    """A month calendar to pick any date.

    Args:
        date: the date shown selected when it opens.
        today: marked and reachable with the Today button (default: local today).
        marks: date -> ``"hand"`` (a filled green dot) or ``"assisted"`` (a hollow grey
            ring): how the date's puzzle was solved (:meth:`game.stats.Stats.day_marks`).
        first: earliest date offered; last: latest.

    Keys: arrows move a day / a week, PageUp / PageDown a month, Home today,
    Enter picks, Esc or D closes.  Mouse: click a day, ``<`` / ``>`` change month,
    the Today button picks today.
    """

    toggle = "calendar"

    def __init__(self, date: _dt.date, today: _dt.date | None = None, marks: dict[_dt.date, str] | None = None,
                 first: _dt.date = FIRST_DATE, last: _dt.date = LAST_DATE) -> None:
        self.sel = date
        self.today = today or _dt.date.today()
        self.marks = dict(marks or {})
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
            elif self.closes(ev):
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
            mark = self.marks.get(key)
            if mark is not None:
                _mark(surface, mark, (rect.right - cell // 6, rect.top + cell // 6), max(3, cell // 12))
        draw_button(surface, fonts, cache, r["today"], i18n.tr("today", lang), size)
        # the legend, one mark on each side of the Today button: how a solved date is marked
        y, rad = r["today"].centery, max(3, cell // 12)
        pad = max(8, cell // 4)
        for mark, key, x0, x1 in (("hand", "calendar_hand", box.x + pad, r["today"].left - 6),
                                  ("assisted", "calendar_helped", r["today"].right + 10, box.right - pad)):
            img = fit_text(cache, fonts, i18n.tr(key, lang), int(size * 0.75), P.TEXT_SOFT, x1 - x0 - 2 * rad - 6)
            _mark(surface, mark, (x0 + rad, y), rad)
            surface.blit(img, (x0 + 2 * rad + 6, y - img.get_height() // 2))


def _mark(surface: pygame.Surface, mark: str, centre: tuple[int, int], rad: int) -> None:
    """A solved date's mark: a filled green dot (by hand) or a hollow grey ring (with help)."""
    if mark == "hand":
        pygame.draw.circle(surface, P.LEGAL, centre, rad)
    else:
        pygame.draw.circle(surface, P.LABEL_SOFT, centre, rad, max(1, rad // 2))


def standard(name: str, ctx: Any, mode: str, title_key: Any, date: _dt.date | None = None,
             found_here: tuple[int, int | None] | None = None) -> Overlay | None:
    """The overlay a scene opens for ``name``: ``"stats"`` (the statistics of ``mode``,
    headed by ``title_key``; ``found_here`` is (boards found, solutions) of the puzzle in
    play), ``"calendar"`` (dated scenes: pick a date, solved days marked); None for
    another name.  (The help is the ritual's: :meth:`game.ritual.Ritual.help_overlay`.)

    ``ctx`` is the scene's :class:`~game.scene.Context` (statistics, store, today).
    """
    if name == "stats":
        store = ctx.store
        return StatsOverlay(ctx.stats.summary(mode), title_key, store.path if store.writable else None, found_here,
                            ctx.stats, mode)
    if name == "calendar" and date is not None:
        return CalendarPicker(date, ctx.today(), ctx.stats.day_marks(mode))
    return None


class OverlayHost:
    """The open overlay of a scene (at most one), composed into each scene.

    Args:
        on_change: called with True when an overlay opens and False when it closes
            (the scene pauses the mid end's timer meanwhile).

    Attributes:
        overlay: the open :class:`Overlay`, or None.
    """

    def __init__(self, on_change: Callable[[bool], None] | None = None) -> None:
        self.overlay: Overlay | None = None
        self.on_change = on_change

    def open(self, overlay: Overlay | None) -> bool:
        """Show ``overlay`` (replacing any open one); False (nothing opens) for None."""
        if overlay is None:
            return False
        self.overlay = overlay
        if self.on_change:
            self.on_change(True)
        return True

    def toggle(self, make: Callable[[], Overlay | None]) -> bool:
        """Close the open overlay, or else open ``make()``; False when nothing changed."""
        if self.overlay is not None:
            self.close()
            return True
        return self.open(make())

    def close(self) -> None:
        """Close the open overlay, if any."""
        if self.overlay is not None:
            self.overlay = None
            if self.on_change:
                self.on_change(False)

    def handle(self, ev: pygame.event.Event, size: tuple[int, int]) -> tuple[bool, Any]:
        """Give ``ev`` to the open overlay: (consumed, value), the value being what the
        overlay returned other than None/:data:`CLOSE` (a chosen date).  With no overlay
        open nothing is consumed."""
        if self.overlay is None:
            return False, None
        if ev.type not in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN, pygame.MOUSEWHEEL, pygame.MOUSEMOTION):
            return ev.type not in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED), None
        res = self.overlay.handle_event(ev, size)
        if res is None:
            return True, None
        self.close()
        return True, None if res == CLOSE else res

    def draw(self, surface: pygame.Surface, fonts: Fonts, cache: DrawCache, lang: str) -> None:
        """Draw the open overlay over ``surface``."""
        if self.overlay is not None:
            self.overlay.draw(surface, fonts, cache, lang)
