"""game/crash.py: the small modal dialog shown when the game stops on an unexpected error.

The game's entry point (:mod:`game.__main__`) logs the traceback (:mod:`solver.logs`)
and calls :func:`show_error_dialog` so the player sees what happened and where the
details are, instead of a window that vanishes.  Esc, Enter, Space, a click or
closing the window dismisses it.

The text is English, with a Chinese line when the shipped font subset has every
glyph of it (the subset holds only the characters of the string table).
"""
from __future__ import annotations

import time

import pygame

from . import palette as P

HEADLESS_DRIVERS = ("dummy", "offscreen")
"""SDL video drivers with no screen: nobody could close a dialog there."""

SIZE = (560, 230)
"""The dialog window (pixels)."""

TITLE_EN = "Something went wrong"
TITLE_ZH = "游戏出错了"
WHERE_EN = "Details were written to:"
WHERE_ZH = "记录已写入："
NOWHERE_EN = "No log file could be written (the log folder is not writable)."
CLOSE_EN = "Esc, Enter or a click closes this window."
CLOSES = (pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)


def can_show() -> bool:
    """True when a real screen is available (the video driver is not a headless one)."""
    try:
        if not pygame.display.get_init():
            pygame.display.init()
        return pygame.display.get_driver() not in HEADLESS_DRIVERS
    except pygame.error:
        return False


def _font(fonts, size: int, bold: bool = False) -> pygame.font.Font:
    """``fonts.get(size, bold)`` (a :class:`game.widgets.text.Fonts`), or pygame's default font."""
    if fonts is not None:
        try:
            return fonts.get(size, bold)
        except Exception:  # the font cache itself may be what broke
            pass
    f = pygame.font.Font(None, int(size * 1.3))
    f.bold = bold
    return f


def _has_glyphs(fonts, text: str) -> bool:
    """True when the font file of ``fonts`` has a glyph for every character of ``text``.

    Asks :mod:`pygame.freetype` (``get_metrics`` gives None for a missing glyph;
    ``pygame.font`` would quietly draw an empty box).  False without a font file.
    """
    path = getattr(fonts, "path", None)
    if not path:
        return False
    try:
        import pygame.freetype

        pygame.freetype.init()
        return all(m is not None for m in pygame.freetype.Font(path, 16).get_metrics(text))
    except (pygame.error, OSError, ValueError):
        return False


def _wrap(font: pygame.font.Font, text: str, width: int) -> list[str]:
    """Split ``text`` (a path, usually without spaces) into lines at most ``width`` px wide."""
    lines, line = [], ""
    for ch in text:
        if line and font.size(line + ch)[0] > width:
            lines.append(line)
            line = ""
        line += ch
    return lines + [line] if line else lines


def draw(surface: pygame.Surface, log_path: str | None, lang: str = "en", fonts=None) -> None:
    """Draw the dialog onto ``surface`` (any size; laid out for :data:`SIZE`)."""
    w, h = surface.get_size()
    surface.fill(P.BACKGROUND)
    pygame.draw.rect(surface, P.TITLE, (0, 0, w, 6))
    title, body, small = _font(fonts, 24, True), _font(fonts, 16), _font(fonts, 14)
    x, y = 24, 22
    titles = [TITLE_EN]
    if lang == "zh" and _has_glyphs(fonts, TITLE_ZH):
        titles.insert(0, TITLE_ZH)
    surface.blit(title.render(" / ".join(titles), True, P.TITLE), (x, y))
    y += title.get_linesize() + 10
    if log_path:
        where = WHERE_EN
        if lang == "zh" and _has_glyphs(fonts, WHERE_ZH):
            where = f"{WHERE_ZH} {WHERE_EN}"
        lines = [where] + _wrap(body, log_path, w - 2 * x)
    else:
        lines = [NOWHERE_EN]
    for line in lines[:5]:
        surface.blit(body.render(line, True, P.TEXT), (x, y))
        y += body.get_linesize() + 2
    surface.blit(small.render(CLOSE_EN, True, P.TEXT_SOFT), (x, h - small.get_linesize() - 14))


def show_error_dialog(log_path: str | None, lang: str = "en", fonts=None, *,
                      force: bool = False, timeout_s: float | None = None) -> bool:
    """Show the modal error dialog until the player dismisses it.

    Args:
        log_path: the log file holding the traceback, or None when none could be written.
        lang: ``"zh"`` adds the Chinese title when the font can draw it.
        fonts: a :class:`game.widgets.text.Fonts` to draw with (default: pygame's font).
        force: show it even under a headless video driver (tests post the closing event).
        timeout_s: give up after this many seconds (tests); None waits for the player.

    Returns True when the dialog was shown and dismissed, False when there is no
    screen (headless driver), it timed out, or drawing failed.  Never raises.
    """
    try:
        if not force and not can_show():
            return False
        pygame.font.init()
        screen = pygame.display.set_mode(SIZE)
        pygame.display.set_caption("每日演兵 Daily Drill: error")
        clock = pygame.time.Clock()
        end = None if timeout_s is None else time.monotonic() + timeout_s
        while end is None or time.monotonic() < end:
            for ev in pygame.event.get():
                if ev.type == pygame.QUIT or (ev.type == pygame.KEYDOWN and ev.key in CLOSES) \
                        or ev.type == pygame.MOUSEBUTTONUP:
                    return True
            draw(screen, log_path, lang, fonts)
            pygame.display.flip()
            clock.tick(30)
        return False
    except Exception:  # the dialog is a courtesy: the error line on stderr is already out
        return False
