"""game/widgets/cells.py: the caption of a calendar cell, in a form that fits the cell.

A month, day or weekday cell has a full name and shorter forms (``十二月`` / ``12月``,
``星期四`` / ``周四`` / ``四``, ``Thu`` / ``Th``, ``Jan`` / ``J``).  :func:`fit_label` picks
the longest form that fits a width at a readable size (from the size asked down to
:data:`~game.widgets.text.MIN_TEXT_PX`), or none: a cell caption is never cut with an
ellipsis.  The board, the first-run card's picture and the edition picker's small
boards all label their cells through it.
"""
from __future__ import annotations

import functools

from solver.board import MONTHS_EN, MONTHS_ZH, WEEKDAYS_EN, WEEKDAYS_ZH, token_meaning

from .text import Fonts, fit_size

WEEKDAYS_EN_SHORT = ("Su", "Mo", "Tu", "We", "Th", "Fr", "Sa")
"""Two-letter English weekdays, Sunday first (one letter would make T and S ambiguous)."""


def label_forms(token: str, lang: str) -> tuple[str, ...]:
    """The captions of a cell labelled ``token`` (``"Jan"``, ``"31"``, ``"Thu"``) in ``lang``,
    longest first; () for a cell without a month, day or weekday."""
    meaning = token_meaning(token) if token else None
    if meaning is None:
        return ()
    what, v = meaning
    if what == "day":
        return (str(v),)
    if what == "month":
        return (MONTHS_ZH[v - 1], f"{v}月") if lang == "zh" else (MONTHS_EN[v - 1], MONTHS_EN[v - 1][0])
    if lang == "zh":
        return (WEEKDAYS_ZH[v], "周" + WEEKDAYS_ZH[v][-1], WEEKDAYS_ZH[v][-1])
    return (WEEKDAYS_EN[v], WEEKDAYS_EN_SHORT[v])


def fit_label(fonts: Fonts, forms: tuple[str, ...] | list[str], size: int, width: int,
              bold: bool = False) -> tuple[str, int] | None:
    """(caption, px) of the first of ``forms`` that is at most ``width`` px wide at some size
    from ``size`` down to the 12 px floor; None when none fits (draw no caption)."""
    for text in forms:
        px = fit_size(fonts, (text,), size, width, bold)
        if fonts.size(text, px, bold)[0] <= width:
            return text, px
    return None


def fit_board_labels(fonts: Fonts, tokens: list[str] | tuple[str, ...], lang: str, size: int,
                     width: int) -> dict[str, tuple[str, int]]:
    """See :func:`_fit_board_labels` (cached: the same small board is drawn every frame)."""
    return _fit_board_labels(fonts, tuple(tokens), lang, int(size), int(width))


@functools.lru_cache(maxsize=128)
def _fit_board_labels(fonts: Fonts, tokens: tuple[str, ...], lang: str, size: int,
                      width: int) -> dict[str, tuple[str, int]]:
    """Captions of a small board's cells, one form and one size per kind (month, day, weekday):
    token -> (caption, px) for the longest form every cell of that kind fits in ``width`` px
    at some size from ``size`` down to the 12 px floor.  A kind with no such form gets no
    captions (rather than some cells with and some without)."""
    kinds: dict[str, list[str]] = {}
    for token in tokens:
        meaning = token_meaning(token) if token else None
        if meaning is not None and token not in kinds.get(meaning[0], []):
            kinds.setdefault(meaning[0], []).append(token)
    out: dict[str, tuple[str, int]] = {}
    for same in kinds.values():
        forms = {t: label_forms(t, lang) for t in same}
        for i in range(max(len(f) for f in forms.values())):
            texts = {t: f[min(i, len(f) - 1)] for t, f in forms.items()}
            px = fit_size(fonts, texts.values(), size, width)
            if all(fonts.size(x, px)[0] <= width for x in texts.values()):
                out.update((t, (x, px)) for t, x in texts.items())
                break
    return out
