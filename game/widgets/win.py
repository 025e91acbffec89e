"""game/widgets/win.py: the finish screens: a celebration for a hand solve, a plainer one with help.

:class:`WinOverlay` shows a :class:`game.finish.Finish` (the first solve of a game
id; a later completion gets only the small banner over the board).

* **By hand**: first a short light sweeps over the pieces with a few rising stars
  (:data:`SWEEP_S`; skipped by any key or click, and never drawn with "reduce
  motion"), then a jade-and-gold panel (:data:`game.palette.WIN`, never the error
  red): the time spent solving, the moves, the difficulty stars, the moments
  (a new best, the streak, Flip's par), the buttons, and a countdown to the next
  day's puzzle.
* **With help**: no sweep and a neutral panel that says so: "Solved with help", the
  moves, why there is no time, best or streak, the same buttons and countdown.

Buttons (by name): ``"share"`` (runs the ``on_share`` callback; its message is
shown under the buttons), ``"browse"`` ("found k of N"), ``"calendar"`` (another
date) and ``"close"``.  The keyboard: Tab or the arrows move the focus, Enter or
Space presses the focused button (during the sweep: skips it, as a click does), Esc
closes.  Any other command (Home, [, ], V, D, Ctrl+Z...) closes the screen at any
time and is returned, so the scene runs it: the screen never traps the player.  L
switches the language in place (``run("lang")``).
"""
from __future__ import annotations

import datetime as _dt
import random
from typing import Any, Callable, Sequence

import pygame

from .. import i18n, keymap
from .. import palette as P
from ..finish import Finish, countdown_text, moments, seconds_to_midnight
from ..i18n import Msg
from .icons import draw_icon
from .overlays import CLOSE, Overlay, fmt_time
from .panel import button_row, centred_box, dim, draw_button, panel, px, text_block
from .text import DrawCache, Fonts, blit_center, text_surface

SWEEP_S = 1.3
"""Seconds the light sweeps over the pieces before the panel shows (hand solves)."""
RISE_S = 0.3
"""Seconds the panel takes to rise into place after the sweep."""
SPARKLES = 18
"""Stars rising from the board during the sweep."""
MOMENT_ICONS = {"win_first_best": "star", "win_new_best": "star", "win_best_puzzle": "star", "win_streak": "flame",
                "win_streak_one": "flame", "win_at_par": "check"}
"""Moments that celebrate (drawn in gold with an icon); the others explain (soft text)."""

Board = Callable[[], tuple[pygame.Rect | None, Sequence[tuple[pygame.Rect, P.Colour]]]]
"""``() -> (board rect, [(cell rect, piece colour), ...])`` in window pixels, for the sweep."""


class WinOverlay(Overlay):
    """The finish screen of one first solve (see the module docstring).

    Args:
        finish: the :class:`Finish`.
        title: ``lang -> the mode's name``; date_words: ``lang -> the puzzle's date`` ("" undated).
        board: where the pieces are (:data:`Board`), for the sweep.
        buttons: button names in order (from ``share``, ``browse``, ``calendar``, ``close``).
        browse_label: ``lang -> the Browse button's words`` ("found k of N").
        now: the local wall clock (the countdown).
        today_open: the day's own puzzle of this mode is still unsolved (a hint to play it).
        reduce_motion: no sweep, no rising panel.
        on_share: makes the share card; returns the message to show, or None.
        run: runs a command while the screen stays open (``"lang"``).

    Attributes:
        t: seconds since it opened.  message: the last share result.  focus: the focused
        button's index.
    """

    def __init__(self, finish: Finish, title: Callable[[str], str], date_words: Callable[[str], str], board: Board,
                 buttons: Sequence[str], browse_label: Callable[[str], str] | None = None,
                 now: Callable[[], _dt.datetime] = _dt.datetime.now, today_open: bool = False,
                 reduce_motion: bool = False, on_share: Callable[[], Msg | None] | None = None,
                 run: Callable[[str], Any] | None = None) -> None:
        self.finish = finish
        self.title = title
        self.date_words = date_words
        self.board = board
        self.buttons = tuple(buttons)
        self.browse_label = browse_label
        self.now = now
        self.today_open = today_open
        self.reduce_motion = reduce_motion
        self.on_share = on_share
        self.run = run
        self.t = 0.0 if self.sweeps else SWEEP_S + RISE_S
        self.message: Msg | None = None
        self.focus = 0
        self.hover: str | None = None
        self._fonts: Fonts | None = None
        self._lang = "en"
        seed = sum(ord(ch) * (i + 1) for i, ch in enumerate(finish.game_id.text))
        rng = random.Random(seed)
        self._sparkles = [(rng.random(), rng.random(), rng.uniform(0.0, 0.5), rng.uniform(0.6, 1.0))
                          for _ in range(SPARKLES)]

    # ------------------------------------------------------------ clock

    @property
    def sweeps(self) -> bool:
        """True when this screen opens with the sweep over the pieces (hand solves, motion allowed)."""
        return not self.finish.assisted and not self.reduce_motion

    @property
    def showing_panel(self) -> bool:
        """True once the sweep is over (the panel and its buttons take input)."""
        return self.t >= SWEEP_S

    @property
    def animating(self) -> bool:
        """True while the sweep or the rising panel moves."""
        return self.t < SWEEP_S + RISE_S

    def update(self, dt_s: float) -> None:
        """Move the screen's clock on by ``dt_s`` seconds."""
        self.t += dt_s

    def skip(self) -> None:
        """End the sweep now: the panel shows at once."""
        self.t = max(self.t, SWEEP_S + RISE_S)

    # ------------------------------------------------------------ words

    def labels(self, lang: str) -> dict[str, str]:
        """Button name -> its words in ``lang``."""
        out = {"share": i18n.tr("share_word", lang), "calendar": i18n.tr("win_other_date", lang),
               "close": i18n.tr("win_close", lang), "browse": ""}
        if self.browse_label is not None:
            out["browse"] = self.browse_label(lang)
        return out

    def heading(self, lang: str) -> str:
        """"Solved!" or "Solved with help"."""
        return i18n.tr("win_helped_title" if self.finish.assisted else "win_title", lang)

    def countdown(self, lang: str) -> str:
        """"Next puzzle in H:MM:SS" (to the next local midnight); "" for a custom puzzle (not daily)."""
        if self.finish.custom:
            return ""
        return i18n.tr("win_next", lang, t=countdown_text(seconds_to_midnight(self.now())))

    def words(self, lang: str) -> list[str]:
        """Every line of the panel but the buttons, in ``lang`` (what a reader of the screen sees)."""
        f = self.finish
        out = [self.heading(lang), self.subtitle(lang)]
        if not f.assisted:
            out += [fmt_time(f.seconds, lang), i18n.tr("time", lang)]
        out += [str(f.moves), i18n.tr("moves", lang)]
        out += [m.text(lang) for m in moments(f, lambda s: fmt_time(s, lang))]
        if self.message is not None:
            out.append(self.message.text(lang))
        if self.countdown(lang):
            out.append(self.countdown(lang))
        return out

    def subtitle(self, lang: str) -> str:
        """The mode and the date."""
        date = self.date_words(lang)
        return self.title(lang) + (" · " + date if date else "")

    # ------------------------------------------------------------ geometry

    def _sizes(self, box_h: int) -> dict[str, int]:
        return {"title": px(min(box_h * 0.09, 44)), "sub": px(min(box_h * 0.036, 18)),
                "big": px(min(box_h * 0.075, 36)), "label": px(min(box_h * 0.03, 15)),
                "moment": px(min(box_h * 0.034, 17)), "button": max(36, int(min(box_h * 0.08, 46)))}

    def rects(self, size: tuple[int, int]) -> dict[str, pygame.Rect]:
        """``"box"`` and one rect per button (px), from the last fonts drawn with."""
        return self._layout(size)[0]

    def _layout(self, size: tuple[int, int]) -> tuple[dict[str, pygame.Rect], dict[str, Any]]:
        fonts, lang = self._fonts, self._lang
        box = centred_box(size, 640, 680, 0.94)
        z = self._sizes(box.height)
        pad = max(14, box.width // 24)
        inner = box.width - 2 * pad
        y = pad
        marks: dict[str, Any] = {"sizes": z, "pad": pad}
        marks["title_y"] = y
        y += int(z["title"] * 1.25)
        marks["sub_y"] = y
        y += int(z["sub"] * 1.6)
        marks["stats_y"] = y
        y += int(z["big"] * 1.3) + int(z["label"] * 1.5)
        marks["moments_y"] = y
        if fonts is not None:
            for m in moments(self.finish, lambda s: fmt_time(s, lang)):
                y += text_block(None, fonts, DrawCache(), m.text(lang), z["moment"], P.TEXT,
                                pygame.Rect(0, 0, inner - z["moment"] * 2, 10 ** 6)) + 4
        y += pad // 2
        labels = self.labels(lang)
        names = [n for n in self.buttons if labels.get(n)]
        font_px = px(z["button"] * 0.36)
        rects: dict[str, pygame.Rect] = {}
        if fonts is not None:
            rects = button_row(pygame.Rect(0, y, inner, 10 ** 6), names, labels, fonts, font_px, z["button"])
        bottom = max((r.bottom for r in rects.values()), default=y + z["button"])
        marks["message_y"] = bottom + 8
        message_h = 0
        if fonts is not None and self.message is not None:
            message_h = text_block(None, fonts, DrawCache(), self.message.text(lang), z["label"], P.TEXT,
                                   pygame.Rect(0, 0, inner, 10 ** 6)) + 4
        marks["countdown_y"] = bottom + 8 + message_h
        y = marks["countdown_y"] + int(z["label"] * 1.5) * (1 + self.today_open) + pad
        box.height = min(box.height, max(y, 200))
        box.center = (size[0] // 2, size[1] // 2)
        out = {"box": box}
        for n, r in rects.items():
            out[n] = r.move(box.x + pad, box.y)
        marks["names"] = names
        marks["font_px"] = font_px
        return out, marks

    # ------------------------------------------------------------ input

    def handle_event(self, ev: pygame.event.Event, size: tuple[int, int]) -> Any:
        """See the module docstring; returns None, :data:`CLOSE` or a command name to run."""
        cmd = keymap.command_for(ev)
        if not self.showing_panel and (ev.type == pygame.MOUSEBUTTONDOWN or cmd == "activate"):
            self.skip()
            return None
        rects = self.rects(size)
        names = [n for n in self.buttons if n in rects]
        if ev.type == pygame.MOUSEMOTION:
            self.hover = next((n for n in names if rects[n].collidepoint(ev.pos)), None)
            return None
        if ev.type == pygame.MOUSEBUTTONDOWN and ev.button == 1:
            for n in names:
                if rects[n].collidepoint(ev.pos):
                    return self.press(n)
            return None if rects["box"].collidepoint(ev.pos) else CLOSE
        if cmd is None:
            return None
        if cmd == "cancel":
            return CLOSE
        if names and (cmd in ("left", "up") or (cmd == "tab_prev")):
            self.focus = (self.focus - 1) % len(names)
        elif names and cmd in ("right", "down", "tab_next"):
            self.focus = (self.focus + 1) % len(names)
        elif cmd == "activate" and names:
            return self.press(names[self.focus % len(names)])
        elif cmd == "lang" and self.run is not None:
            self.run("lang")
        else:
            return cmd
        return None

    def press(self, name: str) -> Any:
        """Press button ``name``: share stays open with its message; the others close the screen."""
        if name == "share":
            self.message = self.on_share() if self.on_share is not None else None
            return None
        if name == "close":
            return CLOSE
        return name

    # ------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface, fonts: Fonts, cache: DrawCache, lang: str) -> None:
        """The sweep over the pieces, then the panel."""
        self._fonts, self._lang = fonts, lang
        if self.sweeps and self.t < SWEEP_S:
            draw_sweep(surface, *self.board(), self._sparkles, self.t / SWEEP_S)
            return
        k = 1.0 if not self.sweeps else min(1.0, (self.t - SWEEP_S) / RISE_S)
        dim(surface, int(150 * k))
        rects, marks = self._layout(surface.get_size())
        lift = int((1 - k) ** 2 * 40)
        self._draw_panel(surface, fonts, cache, lang, {n: r.move(0, lift) for n, r in rects.items()}, marks)

    def _draw_panel(self, surface: pygame.Surface, fonts: Fonts, cache: DrawCache, lang: str,
                    rects: dict[str, pygame.Rect], marks: dict[str, Any]) -> None:
        f, z, pad = self.finish, marks["sizes"], marks["pad"]
        box = rects["box"]
        helped = f.assisted
        fill, edge = (P.BACKGROUND, P.HELPED) if helped else (P.WIN, P.WIN_EDGE)
        ink, soft = (P.TEXT, P.TEXT_SOFT) if helped else (P.WIN_TEXT, P.WIN_SOFT)
        panel(surface, box, fill, edge, 4)
        inner = pygame.Rect(box.x + pad, box.y, box.width - 2 * pad, box.height)
        # heading, with a star on each side for a hand solve
        title = text_surface(cache, fonts, self.heading(lang), z["title"], P.HELPED if helped else P.WIN_TEXT, True)
        ty = box.y + marks["title_y"]
        blit_center(surface, title, (box.centerx, ty + title.get_height() / 2))
        if not helped:
            for side in (-1, 1):
                s = z["title"]
                cx = box.centerx + side * (title.get_width() / 2 + s * 0.8)
                draw_icon(surface, "star", pygame.Rect(int(cx - s / 2), ty + (title.get_height() - s) // 2, s, s),
                          P.WIN_EDGE)
        sub = text_surface(cache, fonts, self.subtitle(lang), z["sub"], soft)
        blit_center(surface, sub, (box.centerx, box.y + marks["sub_y"] + sub.get_height() / 2))
        draw_stats(surface, fonts, cache, lang, f, inner, box.y + marks["stats_y"], z, ink, soft)
        y = box.y + marks["moments_y"]
        for m in moments(f, lambda s: fmt_time(s, lang)):
            icon = MOMENT_ICONS.get(m.key)
            colour = P.WIN_EDGE if icon and not helped else soft
            ms = z["moment"]
            text_x = inner.x + (ms + 8 if icon else 0)
            if icon:
                draw_icon(surface, icon, pygame.Rect(inner.x, y + 2, ms, ms), colour)
            y += text_block(surface, fonts, cache, m.text(lang), ms, colour,
                            pygame.Rect(text_x, y, inner.right - text_x, 10 ** 6), bold=bool(icon)) + 4
        labels = self.labels(lang)
        names = marks["names"]
        for i, n in enumerate(names):
            if helped:
                bfill, bedge, bink = P.BUTTON, P.BUTTON_EDGE, P.TEXT
            else:
                bfill, bedge, bink = P.WIN_BUTTON, P.WIN_EDGE, P.WIN_TEXT
            draw_button(surface, fonts, cache, rects[n], labels[n], marks["font_px"], bfill, bedge, bink,
                        hover=self.hover == n, focus=i == self.focus % max(1, len(names)))
        line = int(z["label"] * 1.5)
        if self.message is not None:
            y = box.y + marks["message_y"]
            text_block(surface, fonts, cache, self.message.text(lang), z["label"], ink,
                       pygame.Rect(inner.x, y, inner.width, marks["countdown_y"] - marks["message_y"]), centre=True)
        y = box.y + marks["countdown_y"]
        if self.countdown(lang):
            cd = text_surface(cache, fonts, self.countdown(lang), z["label"], soft, True)
            blit_center(surface, cd, (box.centerx, y + line / 2 + 2))
        if self.today_open:
            img = text_surface(cache, fonts, i18n.tr("win_today_open", lang), z["label"], soft)
            blit_center(surface, img, (box.centerx, y + line * 1.5 + 2))


def draw_sweep(surface: pygame.Surface, board: pygame.Rect | None, cells: Sequence[tuple[pygame.Rect, P.Colour]],
               sparkles: Sequence[tuple[float, float, float, float]], k: float) -> None:
    """A band of light crossing the piece ``cells`` diagonally and stars rising from the ``board``
    (window px); ``k`` 0..1 is how far the sweep is; ``sparkles`` are (x, y, start, speed) in 0..1."""
    if board is None:
        return
    span = board.width + board.height
    glow = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    front = k * 1.5 - 0.25
    for rect, _colour in cells:
        d = ((rect.centerx - board.x) + (rect.centery - board.y)) / max(1, span)
        a = max(0.0, 1.0 - abs(front - d) * 5.0)
        if a > 0:
            pygame.draw.rect(glow, (*P.WIN_GLOW, int(200 * a)), rect, border_radius=max(2, rect.width // 6))
    surface.blit(glow, (0, 0))
    pygame.draw.rect(surface, P.WIN_EDGE, board.inflate(12, 12), max(3, board.width // 120),
                     border_radius=12)
    size = max(10, board.width // 18)
    for x, y, start, speed in sparkles:
        age = k - start
        if age <= 0:
            continue
        cx = board.x + x * board.width
        cy = board.y + y * board.height - age * speed * board.height * 0.6
        s = int(size * (1.0 - 0.5 * age))
        fade = max(0, min(255, int(255 * (1.2 - age * 1.4))))
        if s > 2 and fade > 0:
            draw_icon(surface, "star", pygame.Rect(int(cx - s / 2), int(cy - s / 2), s, s), (*P.WIN_EDGE, fade))


def draw_stats(surface: pygame.Surface, fonts: Fonts, cache: DrawCache, lang: str, f: Finish, inner: pygame.Rect,
               y: int, z: dict[str, int], ink: P.Colour, soft: P.Colour) -> None:
    """The time, the moves and the difficulty (or Flip's par) of ``f`` side by side in ``inner``
    from ``y`` (px); ``z`` holds the text sizes."""
    blocks: list[tuple[str, str, int | None]] = []
    if not f.assisted:
        blocks.append((fmt_time(f.seconds, lang), i18n.tr("time", lang), None))
    blocks.append((str(f.moves), i18n.tr("moves", lang), None))
    if f.stars is not None:
        word = f.grade[1 if lang == "zh" else 0] if f.grade else ""
        blocks.append(("", (i18n.tr("win_difficulty", lang) + (" · " + word if word else "")), f.stars))
    elif f.par is not None:
        blocks.append((str(f.par), i18n.tr("rules_par_word", lang), None))
    w = inner.width // len(blocks)
    for i, (big, label, stars) in enumerate(blocks):
        cx = inner.x + w * i + w // 2
        if stars is not None:
            s = min(z["big"], (w - 8) // 5)
            for j in range(5):
                draw_icon(surface, "star" if j < stars else "star_outline",
                          pygame.Rect(int(cx - 2.5 * s + j * s), y + (z["big"] - s) // 2 + 2, s, s), P.WIN_EDGE)
        else:
            blit_center(surface, text_surface(cache, fonts, big, z["big"], ink, True),
                        (cx, y + z["big"] * 0.65))
        lab = text_surface(cache, fonts, label, z["label"], soft)
        if lab.get_width() > w - 4:
            lab = text_surface(cache, fonts, label.split(" · ")[0], z["label"], soft)
        blit_center(surface, lab, (cx, y + z["big"] * 1.3 + z["label"] * 0.6))
