"""game/widgets/dialogs.py: modal dialogs: a message with buttons (notices, confirmations).

A :class:`Dialog` is an overlay (the interface of :mod:`game.widgets.overlays`:
``handle_event(ev, size)`` and ``draw(surface, fonts, cache, lang)``): a titled
panel of wrapped text and a row of buttons.  It is modal: clicks outside it do
nothing; Esc closes it (a confirmation: cancels); Tab / arrows move the focus
between buttons and Enter or Space presses the focused one.  ``handle_event``
returns None (stay open), :data:`CLOSE`, or the pressed button's value.

Texts are :mod:`game.i18n` keys with fields, translated when drawn, so a dialog
reads right after the language changes; it draws with the game's own font
(:class:`~game.widgets.text.Fonts`), breaking lines between words, between
Chinese characters, and inside a long path.  Geometry comes from the window size
alone, so hit-testing and drawing always agree.

:func:`for_notice` turns a progress-file notice (:attr:`game.store.Store.notice`)
into the dialog that explains it, for the notices that must not pass unseen
(:data:`NOTICE_DIALOGS`).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import pygame

from .. import i18n, keymap
from .. import palette as P
from .buttons import draw_button
from .text import DrawCache, Fonts, blit_center, fit_text

CLOSE = "close"
"""Returned by an overlay's ``handle_event`` when it should close."""
MIN_TEXT_PX = 12
"""Smallest body text (pixels)."""
NOTICE_DIALOGS = ("save_restored", "save_corrupt", "save_newer", "save_readonly", "save_corrupt_stuck")
"""Progress-file notices shown in a dialog, after any first-run card (the others go to the
status line): a restored, lost or newer file, and progress that will not be saved."""

Text = tuple[str, dict[str, Any]]
"""An i18n key and its format fields."""


@dataclass(frozen=True)
class Button:
    """One dialog button: ``value`` is returned when pressed; ``label`` an i18n key."""

    value: str
    label: str


OK = (Button(CLOSE, "ok"),)
"""The buttons of a plain message."""


def _is_wide(ch: str) -> bool:
    """A character after which a line may break (CJK ideographs, kana, full-width forms)."""
    o = ord(ch)
    return 0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF or 0x3000 <= o <= 0x303F


NO_LINE_START = "，。、：；！？）」』】》…,.:;!?)"
"""Punctuation that never starts a line (it stays with the character before it)."""
NO_LINE_END = "（「『【《("
"""Punctuation that never ends a line (it goes with the character after it)."""


def _tokens(text: str) -> list[str]:
    """Break opportunities: a word with its trailing spaces, or one wide character (with the
    punctuation that may not be parted from it, :data:`NO_LINE_START` / :data:`NO_LINE_END`)."""
    out: list[str] = []
    word = ""
    for ch in text:
        if ch in NO_LINE_START and (word or out) and _is_wide(ch):
            if word:
                word += ch
            else:
                out[-1] += ch
        elif _is_wide(ch):
            if word and not word.endswith(tuple(NO_LINE_END)):
                out.append(word)
                word = ""
            word += ch
            if ch not in NO_LINE_END:
                out.append(word)
                word = ""
        elif ch == " " or not word or not word.endswith(" "):
            word += ch
        else:
            out.append(word)
            word = ch
    if word:
        out.append(word)
    return out


def wrap(font: pygame.font.Font, text: str, width: int) -> list[str]:
    """``text`` broken into lines at most ``width`` px wide in ``font`` ("\\n" starts a new
    line; a word wider than a line, such as a path, is broken between characters).  A line
    never starts with :data:`NO_LINE_START` punctuation: such a mark may stick out past
    ``width`` at the end of the line before, as in Chinese typesetting."""
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for tok in _tokens(para):
            if font.size((line + tok).rstrip())[0] <= width:
                line += tok
                continue
            if line.strip():
                lines.append(line.rstrip())
            line = ""
            word = tok.rstrip()
            for ch in word:  # fits on a line of its own, or is broken between characters
                if line and font.size(line + ch)[0] > width and ch not in NO_LINE_START:
                    lines.append(line)
                    line = ""
                line += ch
            line += tok[len(word):]
        lines.append(line.rstrip())
    return lines


class Dialog:
    """A modal message with buttons.

    Args:
        title: (i18n key, fields) of the heading.
        body: (i18n key, fields) of the text ("\\n" in it starts a new line).
        buttons: left to right; the first is the default (focused) one unless ``focus``.
        cancel: the value Esc returns (:data:`CLOSE`: just close).
        focus: index of the button focused first.
        accent: the heading's colour (:data:`game.palette.TITLE` by default).
    """

    toggle: str | None = None

    def __init__(self, title: Text, body: Text, buttons: tuple[Button, ...] = OK, cancel: str = CLOSE,
                 focus: int = 0, accent: tuple[int, int, int] = P.TITLE) -> None:
        self.title = title
        self.body = body
        self.buttons = buttons
        self.cancel = cancel
        self.focus = max(0, min(focus, len(buttons) - 1))
        self.accent = accent

    def texts(self, lang: str) -> tuple[str, str, list[str]]:
        """(title, body, button labels) in ``lang``."""
        return (i18n.tr(self.title[0], lang, **self.title[1]), i18n.tr(self.body[0], lang, **self.body[1]),
                [i18n.tr(b.label, lang) for b in self.buttons])

    # geometry ---------------------------------------------------------

    def rects(self, size: tuple[int, int]) -> dict[str, Any]:
        """Rectangles for a window of ``size`` (w, h) px: ``"box"`` (the panel), ``"text"``
        (title and body), and ``"buttons"``: one rect per button, left to right."""
        w, h = size
        bw = int(min(w - 24, max(min(420, w - 24), min(760, w * 0.66))))
        bh = int(min(h - 24, max(min(280, h - 24), min(520, h * 0.52))))
        box = pygame.Rect(0, 0, bw, bh)
        box.center = (w // 2, h // 2)
        pad = max(14, bw // 24)
        btn_h = max(34, min(48, h // 16))
        n = max(1, len(self.buttons))
        btn_w = min(260, (bw - pad * (n + 1)) // n)
        total = n * btn_w + (n - 1) * pad
        x = box.centerx - total // 2
        y = box.bottom - pad - btn_h
        buttons = [pygame.Rect(x + i * (btn_w + pad), y, btn_w, btn_h) for i in range(n)]
        text = pygame.Rect(box.x + pad, box.y + pad, bw - 2 * pad, y - pad // 2 - box.y - pad)
        return {"box": box, "text": text, "buttons": buttons}

    # input --------------------------------------------------------------

    def handle_event(self, ev: pygame.event.Event, size: tuple[int, int]) -> Any:
        """Keys move the focus and press; a click on a button presses it; returns None,
        :data:`CLOSE` or a button's value."""
        if ev.type == pygame.KEYDOWN:
            if ev.key in (pygame.K_TAB, pygame.K_RIGHT, pygame.K_DOWN):
                self.focus = (self.focus + 1) % len(self.buttons)
            elif ev.key in (pygame.K_LEFT, pygame.K_UP):
                self.focus = (self.focus - 1) % len(self.buttons)
            elif ev.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
                return self.buttons[self.focus].value
            elif ev.key == pygame.K_ESCAPE or keymap.command_for(ev) == "cancel":
                return self.cancel
            return None
        if ev.type == pygame.MOUSEBUTTONDOWN and ev.button == 1:
            for b, rect in zip(self.buttons, self.rects(size)["buttons"]):
                if rect.collidepoint(ev.pos):
                    return b.value
        return None

    # drawing ------------------------------------------------------------

    def layout_text(self, fonts: Fonts, lang: str, area: pygame.Rect) -> tuple[int, list[str]]:
        """The body font size (px) and its wrapped lines: the largest size, from a size
        fitting the window down to :data:`MIN_TEXT_PX`, at which the title and the body
        fit ``area``."""
        _, body, _ = self.texts(lang)
        size = max(MIN_TEXT_PX, min(22, area.height // 11))
        while True:
            lines = wrap(fonts.get(size), body, area.width)
            need = int(size * 1.25 * 1.6) + len(lines) * int(size * 1.35)
            if need <= area.height or size <= MIN_TEXT_PX:
                return size, lines
            size -= 1

    def draw(self, surface: pygame.Surface, fonts: Fonts, cache: DrawCache, lang: str) -> None:
        """Dim what is behind and draw the panel, the text and the buttons."""
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((40, 30, 20, 150))
        surface.blit(shade, (0, 0))
        r = self.rects(surface.get_size())
        box, area = r["box"], r["text"]
        pygame.draw.rect(surface, P.SHADOW, box.move(4, 6), border_radius=14)
        pygame.draw.rect(surface, P.BACKGROUND, box, border_radius=14)
        pygame.draw.rect(surface, P.FRAME, box, 3, border_radius=14)
        title, _, labels = self.texts(lang)
        size, lines = self.layout_text(fonts, lang, area)
        tsize = int(size * 1.25)
        blit_center(surface, fit_text(cache, fonts, title, tsize, self.accent, area.width, True),
                    (area.centerx, area.y + tsize * 0.8))
        y = area.y + int(tsize * 1.6)
        step = int(size * 1.35)
        clip = surface.get_clip()
        surface.set_clip(area)
        for line in lines:
            if line:
                surface.blit(fit_text(cache, fonts, line, size, P.TEXT, area.width), (area.x, y))
            y += step
        surface.set_clip(clip)
        bsize = max(MIN_TEXT_PX, int(r["buttons"][0].height * 0.42))
        for i, (rect, label) in enumerate(zip(r["buttons"], labels)):
            draw_button(surface, fonts, cache, rect, label, bsize, active=i == self.focus)


def message(title_key: str, body_key: str, **fields: Any) -> Dialog:
    """A plain message with an OK button."""
    return Dialog((title_key, {}), (body_key, fields))


def confirm(title_key: str, body_key: str, yes: str, yes_label: str, no_label: str = "cancel",
            **fields: Any) -> Dialog:
    """A question: [``no_label``] [``yes_label``]; the safe answer (:data:`CLOSE`) is focused
    and is what Esc gives; the other returns ``yes``."""
    return Dialog((title_key, {}), (body_key, fields), (Button(CLOSE, no_label), Button(yes, yes_label)))


def for_notice(notice: Text | None) -> Dialog | None:
    """The dialog explaining a progress-file notice (:data:`NOTICE_DIALOGS`: the file was
    damaged and its backup restored, damaged with no backup, written by a newer version,
    or progress will not be saved: a folder that cannot be written, a damaged file that
    cannot be moved aside), or None for the other notices (they belong on the status
    line) and for None."""
    if notice is None or notice[0] not in NOTICE_DIALOGS:
        return None
    key, fields = notice
    return Dialog((key + "_title", {}), (key, dict(fields)))


def show_notice(ctx: Any, host: Any, say: Callable[[Text], None] | None) -> bool:
    """Show the progress or settings file's new notice (:meth:`game.scene.Context.new_notice`) once:
    its dialog (:func:`for_notice`) opened in ``host`` (an
    :class:`~game.widgets.overlays.OverlayHost`), or else given to ``say`` (the scene's
    status line).  A dialog waits while another overlay is open (a first-run card, the
    help), and with ``say`` None a status-line notice waits: for a later call.
    Returns True when something was shown."""
    n = ctx.peek_notice()
    dialog = for_notice(n)
    if n is None or (dialog is None and say is None) or (dialog is not None and host.overlay is not None):
        return False
    if ctx.new_notice() is None:
        return False
    if dialog is not None:
        host.open(dialog)
    else:
        say(n)
    return True
