"""Words are shown whole: the first-run card's goal, the board's cell captions (target cells
too), the edition picker's small boards.

Headless sessions through the real loop at the smallest window and the usual one, in
both languages; what was drawn is read from the text layer (:class:`helpers.RecordingFonts`
records every string rendered; ``Fonts.cut`` every text drawn shortened).
"""
from __future__ import annotations

import datetime as dt

import pytest
from helpers import RecordingFonts, frame, make_control, until

from game.rules import goal
from game.widgets.layout import MIN_WINDOW
from game.widgets.onboarding import OnboardingCard
from game.widgets.picker import VariantPicker
from solver.board import MONTHS_EN, MONTHS_ZH, WEEKDAYS_EN, WEEKDAYS_ZH

THU_DEC_3 = dt.date(2026, 12, 3)
"""A Thursday in December: the longest month names (十二月, 十一月 beside it) and 星期四."""
SIZES = [MIN_WINDOW, (1120, 780)]


def covered(text: str, drawn: set[str]) -> bool:
    """True when ``text`` is the drawn lines one after another (spaces between lines dropped)."""
    pos = 0
    while pos < len(text):
        if text[pos] == " ":
            pos += 1
            continue
        nexts = [d for d in drawn if d and text.startswith(d, pos)]
        if not nexts:
            return False
        pos += len(max(nexts, key=len))
    return True


def test_covered_needs_every_line():
    assert covered("Cover the board, leaving Dec and 3.", {"Cover the board,", "leaving Dec and 3."})
    assert not covered("Cover the board, leaving Dec and 3.", {"Cover the board,", "leaving the"})


def session(worker, mode, lang, size, first_run=False):
    """A Control on Thu 2026-12-03 whose fonts record what is drawn, its puzzle loaded."""
    c = make_control(worker, None, lang=lang, size=size, mode=mode, date=THU_DEC_3, first_run=first_run)
    fonts = RecordingFonts(c.ctx.fonts)
    c.ctx.fonts = fonts
    until(c, lambda: getattr(c.scene, "round", "flip") is not None, what="the puzzle loaded")
    return c, fonts


def redraw(c, fonts):
    """Draw one frame from empty caches, with fresh records."""
    fonts.drawn.clear()
    fonts.cut.clear()
    c.scene.cache.clear()
    c.scene.draw(c.screen)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("mode", ["variant:creamakerspace", "variant:jarringwords", "variant:weekday", "classic",
                                  "drill", "flip"])
def test_the_first_run_card_shows_the_whole_goal(worker, mode, size):
    for lang in ("en", "zh"):
        c, fonts = session(worker, mode, lang, size, first_run=True)
        card = c.scene.overlay
        assert isinstance(card, OnboardingCard), (mode, lang)
        frame(c, 2)
        redraw(c, fonts)
        heading, goal_text, points = card.texts(lang)
        puzzle = None if mode == "flip" else c.scene.puzzle
        assert goal_text == goal(mode, lang, puzzle)
        for text in (heading, goal_text, *points):
            assert text not in fonts.cut, (mode, lang, size, text, fonts.cut[text])
            assert covered(text, fonts.drawn), (mode, lang, size, text)
        if mode.startswith("variant:") and lang == "en":
            assert goal_text.endswith("Dec, 3 and Thu." if mode == "variant:weekday" else "Dec and 3."), goal_text
        r = card.rects(c.screen.get_size())
        assert r["start"].bottom <= r["box"].bottom and r["picture"].height > 0


@pytest.mark.parametrize("size", SIZES)
def test_the_board_shows_every_cell_caption_whole_targets_too(worker, size):
    for lang in ("en", "zh"):
        c, fonts = session(worker, "variant:weekday", lang, size)
        frame(c, 2)
        redraw(c, fonts)
        names = set(MONTHS_EN + MONTHS_ZH + WEEKDAYS_EN + WEEKDAYS_ZH)
        assert not names & set(fonts.cut), fonts.cut
        # the target cells (Dec, 3, Thu) in a form of their own language, not cut
        wanted = {"en": [("Dec",), ("Thu",)], "zh": [("十二月", "12月"), ("星期四", "周四", "四")]}[lang]
        for forms in wanted:
            assert any(f in fonts.drawn for f in forms), (lang, size, forms)
        assert not any("…" in d for d in fonts.drawn if len(d) <= 4), sorted(fonts.drawn)


@pytest.mark.parametrize("size", SIZES)
def test_the_edition_pickers_small_boards_never_cut_a_caption(worker, size):
    for lang in ("en", "zh"):
        c, fonts = session(worker, "classic", lang, size)
        assert c.scene.open_overlay("variants")
        assert isinstance(c.scene.overlay, VariantPicker)
        frame(c, 2)
        redraw(c, fonts)
        short = [d for d in fonts.drawn if len(d) <= 3]
        assert not any(len(k) <= 3 for k in fonts.cut), fonts.cut
        assert not any("…" in d for d in short), short
        if lang == "en" and size == (1120, 780):  # room for captions: months one form on each board
            months = {d for d in short if d in MONTHS_EN or d in {m[0] for m in MONTHS_EN}}
            assert months, short
            assert "31" in fonts.drawn and any(d in fonts.drawn for d in WEEKDAYS_EN + ("Th",))
