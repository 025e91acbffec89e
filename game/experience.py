"""game/experience.py: the player-experience layer of the polyomino scene.

:class:`PlayerExtras` is a mixin of :class:`game.puzzle_scene.PuzzleScene` that adds,
without touching the play logic:

* overlays (:mod:`game.overlays`): help (``?``), statistics (``I``), the month
  calendar (``D``); while one is open it takes every event;
* dates: :meth:`PlayerExtras.goto_date` (previous / next day, today, the calendar)
  and choosing the target by clicking a month or a day cell on an empty board;
* saves: the progress file's notices shown in the window, Hint / Solve counted
  as help, each completion recorded with its solution (:func:`game.stats.solution_key`)
  so "found k of N" and browsing the found solutions (``V``, arrows) work;
* the completion chime (:mod:`game.sound`);
* ``Tab`` / ``Shift+Tab``: take the next / previous tray piece for keyboard play.

The host scene provides ``ctx``, ``puzzle``, ``puzzle_for_date``, ``state``,
``session``, ``ui``, ``layout``, ``size``, ``key``, ``count``, ``say``,
``_changed``, ``_load``, ``_load_async``, ``_request`` and ``load_on_worker``.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any

import pygame

from solver.board import cell_meaning, days_in_month
from solver.model import Placement

from . import i18n
from . import palette as P
from .overlays import CLOSE, CalendarPicker, Overlay, StatsOverlay, help_overlay
from .stats import parse_solution_key, solution_key


class PlayerExtras:
    """Mixin: overlays, date choice, found solutions, notices, chime (see the module docstring).

    Attributes:
        overlay: the open :class:`~game.overlays.Overlay`, or None.
        browse_i: index of the found solution being shown, or None (playing).
    """

    overlay: Overlay | None = None
    browse_i: int | None = None
    _notice_seen: Any = None

    # ------------------------------------------------------------ saves

    def show_notice(self) -> None:
        """Show the progress file's latest notice (corrupt file kept aside, read-only folder,
        failed save) on the status line, once per distinct notice."""
        prog = self.ctx.progress
        if prog is None or prog.notice is None or getattr(self, "ui", None) is None:
            return
        seen = self.ctx.options.setdefault("notices_seen", [])
        if prog.notice in seen:
            return
        seen.append(prog.notice)
        key, fields = prog.notice
        self.say(self.ctx.t(key, **fields), P.ILLEGAL, 12.0)

    def note_help(self, kind: str) -> None:
        """Count a Hint (``kind="hint"``) or Solve (``"solve"``/``"search"``) request on this puzzle."""
        prog = self.ctx.progress
        if prog is not None and self.puzzle is not None:
            prog.note_help(self.key, "hint" if kind == "hint" else "solve")

    def solution_text(self) -> str:
        """:func:`~game.stats.solution_key` of the pieces now on the board."""
        return solution_key((pl.formation, *pl.orientation()) for pl in self.state.placed)

    def record_solved(self) -> None:
        """Record the completion just reached (time, help, solution); say whether it is new; chime.

        A board finished by Solve (or the search replay), or any board the solver
        helped with (the state is ``cheated``: a Hint or Solve move, possibly
        re-applied by redo), counts as an assisted completion but not as a solution
        the player found.
        """
        prog = self.ctx.progress
        if prog is not None:
            by_solver = self.ui.solved_by_solver or self.state.cheated
            sol = "" if by_solver else self.solution_text()
            new = prog.mark_solved(self.key, self.session.elapsed_s, self.state.cheated, sol)
            k = len(prog.found(self.key))
            if self.puzzle_for_date is not None and not by_solver:
                if new:
                    text = (self.ctx.t("found_new", k=k, n=self.count) if self.count
                            else self.ctx.t("found_unknown", k=k))
                else:
                    text = self.ctx.t("found_again")
                self.say(self.ctx.t("solved") + "  " + text, P.LEGAL, 8.0)
            self.show_notice()
        from . import sound

        sound.play_chime()

    def found_facts(self) -> list[str]:
        """Header facts: "found k of N" for the current date (empty before the first find)."""
        prog = self.ctx.progress
        if prog is None or self.puzzle is None:
            return []
        k = len(prog.found(self.key))
        if not k:
            return []
        return [self.ctx.t("found", k=k, n=self.count) if self.count else self.ctx.t("found_unknown", k=k)]

    # ------------------------------------------------------------ browsing found solutions

    def found_placements(self, i: int) -> tuple[Placement, ...]:
        """The ``i``-th found solution of this puzzle as placements (bad entries skipped)."""
        prog = self.ctx.progress
        found = prog.found(self.key) if prog is not None else []
        if not found:
            return ()
        out = []
        try:
            for code, o, r, c in parse_solution_key(found[i % len(found)]):
                out.append(Placement.at(code, o, r, c))
        except (ValueError, KeyError, IndexError):
            return tuple(out)
        return tuple(out)

    def shown_pieces(self) -> tuple[Placement | None, ...]:
        """What the board shows: the browsed solution, or the pieces of the current state."""
        if self.browse_i is not None:
            return self.found_placements(self.browse_i)
        return self.state.pieces

    def browse(self, step: int = 0) -> None:
        """Start browsing found solutions (``step`` 0) or move ``step`` solutions on."""
        prog = self.ctx.progress
        k = len(prog.found(self.key)) if prog is not None else 0
        if not k:
            self.say(self.ctx.t("browse_none"))
            self.browse_i = None
            return
        self.ui.drag = None
        self.browse_i = 0 if self.browse_i is None else (self.browse_i + step) % k
        self.say(self.ctx.t("browse", i=self.browse_i + 1, k=k), P.TEXT, 1e9)

    def stop_browsing(self) -> None:
        """Back to the position in play."""
        if self.browse_i is not None:
            self.browse_i = None
            self.ui.message_ttl = 0.0

    # ------------------------------------------------------------ dates

    def goto_date(self, day: _dt.date) -> bool:
        """Play the puzzle of ``day`` (the current one is saved first; the new one resumes
        where it was left).  Returns False when the mode has no dates or it is the same day."""
        if self.puzzle_for_date is None or (day == self.ctx.date and self.puzzle is not None):
            return False
        self.stop_browsing()
        if self.load_on_worker:
            self._changed()
            self.ctx.date = day
            self._load_async()
            return True
        try:
            puzzle = self.puzzle_for_date(day)
        except (ValueError, LookupError) as e:
            self.say(self.ctx.t("error", msg=str(e)), P.ILLEGAL)
            return False
        self._changed()
        self.ctx.date = day
        self._load(puzzle)
        self._request("count", fixed=())
        return True

    def click_target(self, cell: tuple[int, int]) -> bool:
        """An empty board cell was clicked: a month or day cell becomes the target (new date).

        Only on a dated calendar mode, with no piece on the board (so a stray click in
        play never changes the puzzle).  Returns True when the date changed.
        """
        if self.puzzle_for_date is None or cell in self.puzzle.targets:
            return False
        meaning = cell_meaning(cell) if (self.puzzle.board.width, self.puzzle.board.height) == (7, 7) else None
        if meaning is None or not self.puzzle.board.is_open(*cell):
            return False
        if self.state.placed:
            self.say(self.ctx.t("clear_first"), P.TEXT_SOFT, 3.0)
            return False
        d = self.ctx.date
        kind, v = meaning
        if kind == "month":
            day = _dt.date(d.year, v, min(d.day, days_in_month(d.year, v)))
        elif v <= days_in_month(d.year, d.month):
            day = _dt.date(d.year, d.month, v)
        else:
            return False
        if self.goto_date(day):
            self.say(self.ctx.t("target_set", date=self.date_words(day)), P.TEXT, 3.0)
            return True
        return False

    def date_words(self, d: _dt.date) -> str:
        """``2024年5月1日`` / ``May 1, 2024`` in the current language."""
        return self.ctx.t("date_fmt", y=d.year, m=d.month, d=d.day, mon=i18n.month_name(d.month, "en"))

    def solved_dates(self) -> set[_dt.date]:
        """Dates of this mode solved at least once (for the calendar's marks)."""
        prog = self.ctx.progress
        if prog is None:
            return set()
        prefix = self.key.rsplit(" ", 1)[0] + " "
        out = set()
        for k, rec in prog.data.get("puzzles", {}).items():
            if isinstance(k, str) and k.startswith(prefix) and isinstance(rec, dict) and rec.get("solved"):
                try:
                    out.add(_dt.date.fromisoformat(k[len(prefix):]))
                except ValueError:
                    pass
        return out

    # ------------------------------------------------------------ overlays and keys

    def open_overlay(self, name: str) -> bool:
        """Open ``"help"``, ``"stats"`` or ``"calendar"`` (toggle: closes it when open)."""
        if self.overlay is not None:
            self.overlay = None
            return True
        if name == "help":
            self.overlay = help_overlay()
        elif name == "stats":
            prog = self.ctx.progress
            here = None
            if prog is not None and self.puzzle_for_date is not None and self.puzzle is not None:
                here = (len(prog.found(self.key)), self.count)
            self.overlay = StatsOverlay(prog, self.key.rsplit(" ", 1)[0] + " ", self.title_key, here)
        elif name == "calendar":
            if self.puzzle_for_date is None:
                return False
            self.overlay = CalendarPicker(self.ctx.date, _dt.date.today(), self.solved_dates())
        else:
            return False
        if getattr(self, "ui", None) is not None:
            self.ui.drag = None
        return True

    def extra_command(self, name: str) -> bool:
        """Commands of this layer: help, stats, calendar, browse.  False for other names."""
        if name in ("help", "stats", "calendar"):
            return self.open_overlay(name)
        if name == "browse" and self.puzzle is not None:
            if self.browse_i is None:
                self.browse()
            else:
                self.stop_browsing()
            return True
        return False

    def extra_event(self, ev: pygame.event.Event) -> bool:
        """Events this layer consumes (True): overlay input, browse keys, ? I D V Tab."""
        if self.overlay is not None:
            if ev.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN, pygame.MOUSEWHEEL):
                res = self.overlay.handle_event(ev, self.size)
                if res == CLOSE:
                    self.overlay = None
                elif isinstance(res, _dt.date):
                    self.overlay = None
                    self.goto_date(res)
            return True
        if ev.type == pygame.MOUSEBUTTONDOWN and ev.button == 1:
            for name, rect in self.pill_rects().items():
                if rect.collidepoint(ev.pos):
                    return (self.extra_command(name) if name == "browse" else self.open_overlay(name)) or True
        if ev.type == pygame.KEYDOWN:
            k = ev.key
            shift = bool(getattr(ev, "mod", 0) & pygame.KMOD_SHIFT)
            if k == pygame.K_QUESTION or (k == pygame.K_SLASH):
                return self.open_overlay("help")
            if getattr(ev, "mod", 0) & pygame.KMOD_CTRL:
                return False
            if k == pygame.K_i:
                return self.open_overlay("stats")
            if k == pygame.K_d:
                return self.open_overlay("calendar")
            if self.browse_i is not None:
                if k in (pygame.K_LEFT, pygame.K_UP):
                    self.browse(-1)
                elif k in (pygame.K_RIGHT, pygame.K_DOWN):
                    self.browse(1)
                else:
                    self.stop_browsing()
                return True
            if k == pygame.K_v:
                return self.extra_command("browse")
            if k == pygame.K_TAB:
                self.tab_pick(-1 if shift else 1)
                return True
        elif self.browse_i is not None and ev.type == pygame.MOUSEBUTTONDOWN:
            btn = self.layout.button_at(ev.pos) if self.layout is not None else None
            self.stop_browsing()
            return btn is None  # a click on a button still runs it
        return False

    def tab_pick(self, step: int) -> None:
        """Take the next (``step`` 1) or previous (-1) tray piece in hand for keyboard play."""
        from .puzzle_scene import Drag

        if self.animating:
            return
        free = list(self.state.free_slots)
        if not free:
            return
        ui = self.ui
        cur = ui.drag.slot if ui.drag is not None and not ui.drag.from_board else None
        if cur is None:
            slot = free[0] if step > 0 else free[-1]
        else:
            later = [s for s in free if (s - cur) * step > 0]
            slot = min(later, key=lambda s: abs(s - cur)) if later else (free[0] if step > 0 else free[-1])
        anchor = ui.drag.anchor if ui.drag is not None and ui.drag.keyboard else ui.cursor
        ui.keyboard_used = True
        ui.drag = Drag(slot, ui.tray_orient[slot], 0.5, 0.5, ui.mouse, keyboard=True, anchor=anchor)
        self.say(f"{slot + 1}  {i18n.formation_name(self.puzzle.pieces[slot], self.ctx.lang)}", P.TEXT, 2.0)

    def pill_rects(self) -> dict[str, pygame.Rect]:
        """Small buttons at the right of the tray title: found solutions (once there is one),
        calendar (dated modes), statistics, help.

        Labelled with words ("Calendar", "Stats", "Help") when they fit beside the tray
        title, else with their keys (D, I, ?).  Returns name -> rect in window pixels
        (empty before the puzzle is loaded).
        """
        rects, _ = self._pills()
        return rects

    def _pills(self) -> tuple[dict[str, pygame.Rect], dict[str, str]]:
        L = self.layout
        if L is None or self.puzzle is None:
            return {}, {}
        prog = self.ctx.progress
        found = bool(prog is not None and prog.found(self.key))
        names = (("browse",) if found else ()) + (("calendar",) if self.puzzle_for_date is not None else ()) + (
            "stats", "help")
        row = L.tray_title
        h = max(14, row.height - 6)
        font = self.ctx.fonts.get(max(8, int(h * 0.62)))
        key = "tray" if self.puzzle_for_date is None or self.title_key == "mode_classic" else "today_set"
        head = f"{self.ctx.t(key)}   {self.ctx.t('placed', k=len(self.state.placed), n=len(self.state.pieces))}"
        title_end = row.x + 10 + self.ctx.fonts.get(int(row.height * 0.7)).size(head)[0]
        for words in (True, False):
            out: dict[str, pygame.Rect] = {}
            labels: dict[str, str] = {}
            x = row.right - 6
            for name in reversed(names):
                labels[name] = self.pill_label(name, words)
                w = max(h, font.size(labels[name])[0] + 14)
                x -= w
                out[name] = pygame.Rect(x, row.y + (row.height - h) // 2 + 2, w, h)
                x -= 6
            if x >= title_end + 4 or not words:
                return out, labels
        return {}, {}

    def pill_label(self, name: str, words: bool = True) -> str:
        """Label of a tray-title button: a word in the current language, or its key."""
        if not words:
            return {"browse": "V", "calendar": "D", "stats": "I", "help": "?"}[name]
        return self.ctx.t({"browse": "browse_word", "calendar": "calendar", "stats": "stats_word",
                           "help": "help_word"}[name])

    def draw_extras(self, surface: pygame.Surface) -> None:
        """Paint the browsing frame (a gold border round the board) and the open overlay, last."""
        if self.browse_i is not None and self.layout is not None:
            fr = self.layout.frame_rect
            pygame.draw.rect(surface, P.HINT, fr.inflate(6, 6), max(3, self.layout.cell // 12),
                             border_radius=max(6, self.layout.cell // 5))
        from .render import draw_button

        rects, labels = self._pills()
        for name, rect in rects.items():
            draw_button(surface, self.ctx.fonts, self.cache, rect, labels[name], int(rect.height * 0.62),
                        hover=rect.collidepoint(self.ui.mouse))
        if self.overlay is not None:
            self.overlay.draw(surface, self.ctx.fonts, self.cache, self.ctx.lang)
