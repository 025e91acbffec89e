"""game/flip_saves.py: saves, statistics, help and the chime for the Flip scene.

:class:`FlipExtras` is a mixin of :class:`game.flip_mode.FlipScene`.  For the
daily deal of each board size it keeps, in the progress file (:mod:`game.stats`)
under the key ``"flip NxN YYYY-MM-DD"``, the undo list (one ``[lit mask, moves,
cheated]`` per entry), the position in it and the play time, so quitting and
restarting finds the board as it was left, undo history included.  Random deals
are not saved (there is nothing to come back to).  A completion is recorded
(time, assisted or not, Hint and Solve counted) and the chime plays.  ``?`` opens
the help overlay and ``I`` the statistics of the Flip mode.

Hooks the host calls: :meth:`FlipExtras.restore_flip` at the end of ``deal``,
:meth:`FlipExtras.sync_flip` at the start of ``update``,
:meth:`FlipExtras.flip_extra_event` first in ``handle_event`` (True: consumed),
:meth:`FlipExtras.draw_extras` last in ``draw``.
"""
from __future__ import annotations

import time
from typing import Any

import pygame

from . import palette as P
from .overlays import CLOSE, Overlay, StatsOverlay, TextOverlay
from .render import fit_text

FLIP_HELP_KEYS: tuple[str, ...] = ("help_fclick", "help_farrows", "help_undo", "help_fhint", "help_fdeal",
                                   "help_stats", "help_lang", "help_modes", "help_help")
"""Rows of the Flip help overlay (:mod:`game.i18n` keys)."""
NOTICE_S = 12.0
"""Seconds a save notice stays in the Flip header."""


class FlipExtras:
    """Mixin: Flip progress per (size, date), completion statistics, help and statistics overlays."""

    overlay: Overlay | None = None
    _flip_sig: Any = None
    _flip_solved_seen: bool = False

    @property
    def flip_key(self) -> str | None:
        """Progress key of the daily deal (``"flip 4x4 2024-05-01"``), None for a random deal."""
        if not getattr(self, "daily", False):
            return None
        return f"flip {self.n}x{self.n} {self.ctx.date.isoformat()}"

    def restore_flip(self) -> None:
        """Reload the saved undo list of this daily deal (ignored when it does not fit the board)."""
        from solver import flip

        self._flip_sig = None
        self._flip_solved_seen = self.state.solved
        prog, key = self.ctx.progress, self.flip_key
        if prog is None or key is None:
            return
        rec = prog.record(key)
        hist, pos = rec.get("history"), rec.get("pos")
        try:
            states = [flip.FlipState(self.n, self.n, int(lit), int(moves), bool(cheated))
                      for lit, moves, cheated in hist]
            if not states or states[0].lit != self.history[0].lit or not 0 <= int(pos) < len(states):
                raise ValueError("saved history does not belong to this deal")
            if any(s.lit >> (self.n * self.n) for s in states):
                raise ValueError("saved pattern off the board")
        except (TypeError, ValueError):
            return
        self.history = states
        self.pos = int(pos)
        el = rec.get("elapsed_s", 0.0)
        self.elapsed_s = float(el) if isinstance(el, (int, float)) else 0.0
        self._flip_solved_seen = self.state.solved
        self.status = "solved" if self.state.solved else self.status

    def save_flip(self) -> None:
        """Write the undo list, position and play time of the daily deal (no-op for random deals)."""
        prog, key = self.ctx.progress, self.flip_key
        if prog is None or key is None:
            return
        rec = prog.record(key)
        rec["history"] = [[s.lit, s.moves, s.cheated] for s in self.history]
        rec["pos"] = self.pos
        rec["elapsed_s"] = round(float(self.elapsed_s), 1)
        prog.save()

    def sync_flip(self) -> None:
        """Save after any change of the position (press, undo, redo, reset); record a completion."""
        sig = (self.pos, len(self.history), self.state)
        if sig == self._flip_sig:
            return
        self._flip_sig = sig
        solved = self.state.solved
        if solved and not self._flip_solved_seen and self.pos > 0:
            prog, key = self.ctx.progress, self.flip_key
            if prog is not None and key is not None:
                prog.mark_solved(key, self.elapsed_s, self.state.cheated)
            from . import sound

            sound.play_chime()
        self._flip_solved_seen = solved
        self.save_flip()

    def note_flip_help(self, kind: str) -> None:
        """Count a Hint (``"hint"``) or Solve (``"solve"``) on the daily deal."""
        prog, key = self.ctx.progress, self.flip_key
        if prog is not None and key is not None and not self.state.solved:
            prog.note_help(key, kind)

    def flip_extra_event(self, ev: pygame.event.Event) -> bool:
        """Overlay input, ``?`` help, ``I`` statistics; counts H / S as help.  True when consumed."""
        if self.overlay is not None:
            if ev.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN):
                if self.overlay.handle_event(ev, self.size) == CLOSE:
                    self.overlay = None
            return ev.type not in (pygame.VIDEORESIZE, getattr(pygame, "WINDOWSIZECHANGED", -1))
        if ev.type == pygame.KEYDOWN and not (getattr(ev, "mod", 0) & pygame.KMOD_CTRL):
            if ev.key in (pygame.K_SLASH, pygame.K_QUESTION):
                self.overlay = TextOverlay("help_title", list(FLIP_HELP_KEYS), translate=True,
                                           toggle_keys=(pygame.K_SLASH, pygame.K_QUESTION))
                return True
            if ev.key == pygame.K_i:
                self.overlay = StatsOverlay(self.ctx.progress, "flip ", "mode_flip")
                return True
            if ev.key in (pygame.K_h, pygame.K_s):
                self.note_flip_help("hint" if ev.key == pygame.K_h else "solve")
        if ev.type == pygame.MOUSEBUTTONDOWN and getattr(ev, "button", 0) == 1:
            try:
                btn = self.get_layout().button_at(ev.pos)
            except (AttributeError, TypeError):
                btn = None
            if btn in ("hint", "solve"):
                self.note_flip_help(btn)
        return False

    def notice_text(self) -> str:
        """The progress file's notice (corrupt file kept aside, read-only folder, failed save) in the
        current language, for :data:`NOTICE_S` seconds after it first appears; "" otherwise."""
        prog = self.ctx.progress
        if prog is None or prog.notice is None:
            return ""
        shown = self.ctx.options.setdefault("flip_notice_t", {})
        now = time.monotonic()
        first = shown.setdefault(repr(prog.notice), now)
        if now - first > NOTICE_S:
            return ""
        key, fields = prog.notice
        return self.ctx.t(key, **fields)

    def draw_extras(self, surface: pygame.Surface) -> None:
        """Paint the save notice (on the status line, until the first press) and the open overlay."""
        text = self.notice_text() if len(self.history) == 1 else ""  # until the first press
        if text:
            L = self.get_layout()
            pygame.draw.rect(surface, P.BACKGROUND, L.status)
            img = fit_text(self.cache, self.ctx.fonts, text, int(L.status.height * 0.75), P.ILLEGAL, L.status.width)
            surface.blit(img, img.get_rect(midleft=(L.status.x, L.status.centery)))
        if self.overlay is not None:
            self.overlay.draw(surface, self.ctx.fonts, self.cache, self.ctx.lang)


__all__ = ["FlipExtras", "FLIP_HELP_KEYS"]
