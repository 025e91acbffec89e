"""game/ritual.py: the daily ritual around a puzzle, one per scene: first-run card, help,
finish screens, chimes, share, midnight.

A :class:`Ritual` is composed into each scene (as :class:`~game.polyomino.assist.Assist`
is) and knows the scene only through a few members every scene has: ``ctx``,
``overlays`` (its :class:`~game.widgets.overlays.OverlayHost`: every screen here is an
overlay, so the mid end's timer pauses while it is open), ``date``, ``size``,
``commands``, ``command(name)`` and ``dirty``; what it needs to know about the game
in play comes from a ``facts`` callable (:class:`Facts`, made by each front end's
``facts.py``).

* **First-run card** (:meth:`Ritual.enter`): the first time a mode is shown, its
  card (:class:`~game.widgets.onboarding.OnboardingCard`) opens, and the mode is
  remembered in the settings (``ctx.prefs``, :mod:`game.prefs`).  The help reopens it.
* **Help** (:meth:`Ritual.help_overlay`): the mode's rules (:mod:`game.rules`), then
  the controls generated from the key map.
* **Finish** (:meth:`Ritual.listen`, a mid-end listener the scene's announcer calls
  before the statistics record anything): on :class:`~game.midend.Solved` (the first
  completion of a game id) the finish screen opens
  (:class:`~game.widgets.win.WinOverlay`: the celebration by hand, the plainer screen
  with help) with the win or solver chime (:mod:`game.chimes`, at the settings'
  volume, silent when muted).  A later completion (:class:`~game.midend.Completed`
  alone) only gets a quieter chime; the scene's banner is its note.
* **Share** (:meth:`Ritual.share`): the text card goes to the clipboard and the
  picture to the pictures folder (:mod:`game.share`); without a clipboard the text
  is shown whole (:class:`~game.widgets.sharepanel.SharePanel`).
* **Midnight** (:meth:`Ritual.update`): when the calendar day changes while the
  window is open, a banner offers the new day's puzzle (its button, or Home); the
  game never switches by itself.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

import pygame

from . import chimes, dates, i18n
from . import palette as P
from . import share as sharing
from .finish import Finish, make_finish
from .i18n import Msg, Raw, msg
from .midend import Completed, GameId, Solved
from .rules import rules_rows
from .settings import valid_mode
from .widgets.help import HelpOverlay
from .widgets.onboarding import OnboardingCard
from .widgets.panel import draw_button, px
from .widgets.sharepanel import SharePanel
from .widgets.text import Fonts, DrawCache, fit_text
from .widgets.win import WinOverlay

AGAIN_VOLUME = 0.5
"""A later completion's chime, as a fraction of the settings' volume."""


@dataclass
class Facts:
    """What the ritual needs to know about the game in play (read fresh from the scene).

    Attributes:
        mode: the game id's mode (``"classic"``, ``"drill"``, ``"variant:NAME"``, ``"flip"``, ``"file:NAME"``).
        title: ``lang -> the mode's name``.
        kind: ``"polyomino"`` or ``"lights_out"``.
        dated: each date is its own puzzle (date keys, the calendar, midnight).
        date: the puzzle's date.
        game_id: the game in play.
        puzzle: a polyomino puzzle (or its preview while it is prepared); None for Flip.
        info: the puzzle's extra facts (Daily Drill's grade).  count: its number of solutions.
        found: boards of this puzzle found by hand.  par: Flip's par.
        counted: the statistics keep this game.
        mouse_rows: i18n keys of the help's mouse rows ("left\\tright").
        board: ``() -> (board rect, [(cell rect, colour), ...])`` for the finish sweep.
        share_board: ``() -> the board for the share card`` (None: no board).
    """

    mode: str
    title: Callable[[str], str]
    kind: str
    dated: bool
    date: _dt.date
    game_id: GameId
    puzzle: Any = None
    info: dict | None = None
    count: int | None = None
    found: int = 0
    par: int | None = None
    counted: bool = True
    mouse_rows: tuple[str, ...] = ()
    board: Callable[[], tuple[pygame.Rect | None, Sequence[tuple[pygame.Rect, P.Colour]]]] = \
        field(default=lambda: (None, ()))
    share_board: Callable[[], Any] = field(default=lambda: None)


def timer_paused(midend: Any) -> bool:
    """True when the solving clock stands still mid-game (a panel open, the window away,
    a minute idle): started, not solved, not running."""
    return bool(midend.started and not midend.recorded and not midend.state.is_solved and not midend.running)


class Ritual:
    """The daily ritual of one scene (see the module docstring).

    Args:
        scene: the scene (``ctx``, ``overlays``, ``date``, ``size``, ``commands``, ``command``, ``dirty``).
        facts: ``() -> Facts`` about the game in play, read fresh at each use.

    Attributes:
        finish: the last first-solve shown (its :class:`Finish`), or None.
        win: its finish screen (reopened after the share text).
        offer: the new day offered by the midnight banner, or None.
    """

    def __init__(self, scene: Any, facts: Callable[[], Facts]) -> None:
        self.scene = scene
        self.facts = facts
        self.ctx = scene.ctx
        self.finish: Finish | None = None
        self.win: WinOverlay | None = None
        self.offer: _dt.date | None = None
        self.day = self.ctx.today()
        self._again: Completed | None = None
        self._facts: Facts | None = None
        self._share_board: Any = None

    # ------------------------------------------------------------ first-run card and help

    def card(self) -> OnboardingCard:
        """The first-run card of the mode in play."""
        f = self.facts()
        return OnboardingCard(f.mode, f.title, lambda: self.facts().puzzle,
                              self.ctx.prefs.reduce_motion)

    def enter(self) -> bool:
        """The scene is shown: open the mode's first-run card unless it was seen; True when it opened."""
        f = self.facts()
        prefs = self.ctx.prefs
        if not valid_mode(f.mode) or prefs.seen(f.mode):
            return False
        prefs.mark_seen(f.mode)
        return self.scene.overlays.open(self.card())

    def help_overlay(self) -> HelpOverlay:
        """The help: the rules of the mode in play, then its controls."""
        f = self.facts()
        scene = self.scene

        def rules(lang: str) -> list[tuple[str, str]]:
            g = self.facts()
            return rules_rows(g.mode, lang, g.puzzle, scene.commands)

        def mouse(lang: str) -> list[tuple[str, str]]:
            return [tuple(i18n.tr(k, lang).partition("\t")[::2]) for k in f.mouse_rows]  # type: ignore[misc]

        commands = frozenset(scene.commands)
        if f.puzzle is not None and not f.puzzle.mirror:
            commands -= {"mirror"}  # rotations only: F does nothing here, so the table leaves it out
        return HelpOverlay(f.title, rules, mouse, commands, f.kind, intro=valid_mode(f.mode))

    def take(self, value: Any) -> None:
        """A value an overlay closed with: ``"intro"`` (the card), ``"back"`` (the finish screen
        again, after the share text), or a command name for the scene to run."""
        if value == "intro":
            self.scene.overlays.open(self.card())
        elif value == "back":
            self.scene.overlays.open(self.win)
        elif isinstance(value, str):
            self.scene.command(value)

    # ------------------------------------------------------------ finishing

    def listen(self, ev: Any) -> None:
        """Mid-end listener, called by the scene's announcer before the statistics record."""
        if isinstance(ev, Completed):
            self._again = ev
        elif isinstance(ev, Solved):
            self._again = None
            self._finished(ev)

    def _finished(self, ev: Solved) -> None:
        f = self.facts()
        stats = self.ctx.stats
        fin = make_finish(ev, stats, info=f.info, count=f.count, found=f.found if not ev.assisted else None,
                          par=f.par, counted=f.counted)
        self.finish, self._facts, self._share_board = fin, f, f.share_board()
        names = ["share"]
        if f.found and f.kind == "polyomino":
            names.append("browse")
        if f.dated:
            names.append("calendar")
        names.append("close")
        today = self.ctx.today()
        today_open = f.dated and fin.practice and not stats.record(
            GameId(f.mode, today, f.game_id.extra)).solved

        def browse(lang: str) -> str:
            found = self.facts().found
            return (i18n.tr("win_browse", lang, k=found, n=f.count) if f.count else
                    i18n.tr("win_browse_k", lang, k=found))

        def date_words(lang: str) -> str:
            return dates.words(f.date, lang) if f.dated else ""

        self.win = WinOverlay(fin, f.title, date_words, f.board, names, browse, self.ctx.now, today_open,
                              self.ctx.prefs.reduce_motion, self.share, self.scene.command)
        self.scene.overlays.open(self.win)
        chimes.play("solver" if fin.assisted else "win", self.ctx.prefs.volume)

    # ------------------------------------------------------------ share

    def share_card(self) -> sharing.ShareCard | None:
        """The share card of the last first solve, in the current language (None before one)."""
        fin, f = self.finish, self._facts
        if fin is None or f is None:
            return None
        lang = self.ctx.lang
        board = self._share_board
        return sharing.ShareCard(
            date=fin.game_id.date if f.dated else None, mode_title=f.title(lang), lang=lang,
            stars=fin.stars if not fin.assisted else None, seconds=fin.seconds, hints=0,
            streak=fin.streak, board=board or None, mode=fin.game_id.mode, colours=self._share_colours(f))

    @staticmethod
    def _share_colours(f: Facts) -> tuple[tuple[int, int, int], ...] | None:
        """The pieces' on-screen colours by tray slot (the share picture's), None without a puzzle."""
        if f.puzzle is None:
            return None
        own = P.piece_colours(f.puzzle.pieces)
        return tuple(tuple(own.get(s.code, P.OTHER)) for s in f.puzzle.pieces)

    def share(self) -> Msg | None:
        """Copy the text card and save the picture; returns what to tell the player.

        Without a clipboard the text is shown whole instead (:class:`SharePanel`).
        """
        card = self.share_card()
        if card is None:
            return None
        text = sharing.card_text(card)
        copied = sharing.copy_text(text)
        saved = sharing.save_png(card)
        said = (msg("share_saved", path=Raw(saved.path)) if saved.path
                else msg("share_not_saved", reason=Raw(saved.reason)))
        if copied:
            return msg("share_and_saved", copied=msg("share_copied"), saved=said)
        self.scene.overlays.open(SharePanel(text, [msg("share_no_clipboard"), said]))
        return said

    # ------------------------------------------------------------ frames

    @property
    def animating(self) -> bool:
        """True while an open ritual overlay moves (the card's picture, the finish sweep)."""
        return bool(getattr(self.scene.overlays.overlay, "animating", False))

    def update(self, dt_s: float) -> None:
        """Move the open overlay's clock; a later completion's chime; midnight."""
        ov = self.scene.overlays.overlay
        if hasattr(ov, "update"):
            ov.update(dt_s)
        if self._again is not None:
            again, self._again = self._again, None
            chimes.play("win" if again.by_hand else "solver", self.ctx.prefs.volume * AGAIN_VOLUME)
        self._midnight()

    def _midnight(self) -> None:
        day = self.ctx.today()
        if day != self.day:
            newer = day > self.day
            self.day = day
            if newer and self.facts().dated and self.scene.date != day:
                self.offer = day
                self.scene.dirty = True
        if self.offer is not None and (self.scene.date == self.offer or self.offer != self.day):
            self.offer = None
            self.scene.dirty = True

    # ------------------------------------------------------------ the midnight banner

    def banner_rects(self, size: tuple[int, int]) -> dict[str, pygame.Rect]:
        """The midnight banner: ``"box"``, ``"play"``, ``"later"`` (px); empty when none shows."""
        if self.offer is None:
            return {}
        w, h = size
        m = max(6, min(w, h) // 60)
        bh = max(44, int(h * 0.065))
        box = pygame.Rect(0, 0, min(w - 2 * m, 820), bh)
        box.midtop = (w // 2, m)
        btn_h = max(32, bh - 12)
        later = pygame.Rect(0, 0, max(72, box.width // 9), btn_h)
        later.midright = (box.right - 6, box.centery)
        play = pygame.Rect(0, 0, max(120, box.width // 5), btn_h)
        play.midright = (later.left - 6, box.centery)
        return {"box": box, "play": play, "later": later}

    def handle_event(self, ev: pygame.event.Event) -> bool:
        """A click on the midnight banner; True when it was used."""
        if ev.type != pygame.MOUSEBUTTONDOWN or getattr(ev, "button", 0) != 1:
            return False
        r = self.banner_rects(self.scene.size)
        if not r or not r["box"].collidepoint(ev.pos):
            return False
        if r["play"].collidepoint(ev.pos):
            self.offer = None
            self.scene.command("today")
        elif r["later"].collidepoint(ev.pos):
            self.offer = None
        self.scene.dirty = True
        return True

    def draw(self, surface: pygame.Surface, fonts: Fonts, cache: DrawCache, lang: str) -> None:
        """The midnight banner over the top of the scene (draw it before the overlays)."""
        r = self.banner_rects(surface.get_size())
        if not r:
            return
        box = r["box"]
        pygame.draw.rect(surface, P.SHADOW, box.move(2, 3), border_radius=10)
        pygame.draw.rect(surface, P.NOTICE, box, border_radius=10)
        size = px(box.height * 0.34)
        words = i18n.tr("midnight_offer", lang, date=dates.words(self.offer, lang))
        img = fit_text(cache, fonts, words, size, P.WHITE, r["play"].left - box.x - 20)
        surface.blit(img, img.get_rect(midleft=(box.x + 14, box.centery)))
        bs = px(r["play"].height * 0.4)
        draw_button(surface, fonts, cache, r["play"], i18n.tr("midnight_play", lang), bs, P.BUTTON, P.WHITE, P.TEXT,
                    focus=True)
        draw_button(surface, fonts, cache, r["later"], i18n.tr("midnight_later", lang), bs, P.NOTICE, P.WHITE,
                    P.WHITE)
