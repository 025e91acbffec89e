"""Modal dialogs (game.widgets.dialogs): line breaking, keys and clicks, fitting small windows."""
from __future__ import annotations

import os

import pygame
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.widgets import dialogs
from game.widgets.dialogs import CLOSE, Dialog, for_notice, wrap
from game.widgets.text import Fonts

LONG_PATH = "/home/someone/.local/share/daily-drill/progress.json.corrupt-20240501T101010-3"
NOTICES = {
    "save_restored": {"kept": LONG_PATH, "backup": "/home/someone/.local/share/daily-drill/progress.json.bak"},
    "save_corrupt": {"kept": LONG_PATH},
    "save_newer": {"found": 999, "ours": 3, "path": "/home/someone/.local/share/daily-drill/progress.json"},
}


@pytest.fixture(scope="module")
def fonts():
    pygame.display.init()
    pygame.font.init()
    f = Fonts()
    assert f.path is not None, f.warning  # the bundled font draws the dialogs
    return f


def test_the_overlays_close_value_is_the_dialogs():
    from game.widgets import overlays

    assert overlays.CLOSE is dialogs.CLOSE


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet="ab 测试存档，。：（）/-_.\n™", max_size=120), st.integers(40, 400))
def test_wrap_keeps_every_character_and_the_width(fonts, text, width):
    font = fonts.get(16)
    lines = wrap(font, text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "").replace("\n", "")
    for line in lines:
        core = line.rstrip(dialogs.NO_LINE_START)  # closing marks may stick out at the end
        assert font.size(core)[0] <= width or len(core) <= 1
    for para in text.split("\n"):  # inside a paragraph no line starts with closing punctuation
        for line in wrap(font, para, width)[1:]:
            assert not line or line[0] not in dialogs.NO_LINE_START or not dialogs._is_wide(line[0])


def test_wrap_breaks_a_long_path_and_keeps_words_whole(fonts):
    font = fonts.get(16)
    sentence = "Your progress file was damaged and no usable backup exists, so play starts afresh."
    head = wrap(font, sentence, 240)
    path = wrap(font, LONG_PATH, 240)
    assert wrap(font, sentence + "\n" + LONG_PATH, 240) == head + path
    assert len(head) > 1 and " ".join(head) == sentence  # broken between words only
    assert len(path) > 1 and "".join(path) == LONG_PATH  # a path is broken between characters
    assert all(font.size(line)[0] <= 240 for line in head + path)


@pytest.mark.parametrize("size", [(1120, 780), (700, 500)])
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("key", list(NOTICES))
def test_notice_dialogs_fit_at_12_px_or_more(fonts, key, lang, size):
    d = for_notice((key, NOTICES[key]))
    assert isinstance(d, Dialog)
    area = d.rects(size)["text"]
    px, lines = d.layout_text(fonts, lang, area)
    assert px >= dialogs.MIN_TEXT_PX
    assert int(px * 1.25 * 1.6) + len(lines) * int(px * 1.35) <= area.height, (px, len(lines))
    body = d.texts(lang)[1]
    for value in NOTICES[key].values():
        assert str(value) in body  # both paths are named
    r = d.rects(size)
    assert r["box"].contains(r["buttons"][0]) and r["buttons"][0].height >= 32
    surface = pygame.Surface(size)
    d.draw(surface, fonts, __import__("game.widgets.text", fromlist=["DrawCache"]).DrawCache(), lang)


def test_other_notices_are_not_dialogs():
    assert for_notice(("save_failed", {})) is None and for_notice(("save_busy", {})) is None
    assert for_notice(None) is None


def key(k: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0)


def test_confirm_keys_and_clicks():
    d = dialogs.confirm("reset_ask_title", "reset_ask", "reset", "reset_yes", folder="/x")
    size = (800, 600)
    assert d.handle_event(key(pygame.K_RETURN), size) == CLOSE  # the safe answer is focused
    d.handle_event(key(pygame.K_TAB), size)
    assert d.handle_event(key(pygame.K_RETURN), size) == "reset"
    assert d.handle_event(key(pygame.K_ESCAPE), size) == CLOSE
    outside = pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(2, 2), button=1)
    assert d.handle_event(outside, size) is None  # modal: a stray click does nothing
    yes = d.rects(size)["buttons"][1]
    assert d.handle_event(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=yes.center, button=1), size) == "reset"


def test_a_damaged_save_opens_the_dialog_in_flip_too(tmp_path):
    from helpers import frame, make_control

    (tmp_path / "progress.json.bak").write_text('{"version": 3, "games": {}, "records": {}}', encoding="utf-8")
    (tmp_path / "progress.json").write_bytes(b"\x00" * 64)
    c = make_control(None, tmp_path, mode="flip", lang="zh", size=(700, 500))
    frame(c, 2)
    d = c.scene.overlay
    assert isinstance(d, Dialog) and d.title[0] == "save_restored_title"
    assert str(tmp_path / "progress.json.bak") in d.texts("zh")[1]
    assert c.scene.midend.paused  # the timer waits while the dialog is open
    c.scene.handle_event(key(pygame.K_ESCAPE))
    assert c.scene.overlay is None and not c.scene.midend.paused
    assert os.path.exists(d.body[1]["kept"])


def test_a_notice_dialog_waits_while_another_overlay_is_open(tmp_path):
    """A first-run card or the help stays until it is closed; then the dialog comes."""
    from helpers import make_context

    from game.widgets.overlays import OverlayHost, TextOverlay

    (tmp_path / "progress.json").write_bytes(b"")
    ctx = make_context(None, tmp_path)
    host = OverlayHost()
    card = TextOverlay(lambda lang: "card", lambda lang: [])
    host.open(card)
    said = []
    assert not dialogs.show_notice(ctx, host, said.append) and host.overlay is card
    host.close()
    assert dialogs.show_notice(ctx, host, said.append)
    assert isinstance(host.overlay, Dialog) and host.overlay.title[0] == "save_corrupt_title" and said == []
    assert not dialogs.show_notice(ctx, host, said.append)  # once


@pytest.mark.parametrize("close", [pygame.K_RETURN, pygame.K_ESCAPE])
@pytest.mark.parametrize("mode", ["classic", "flip"])
def test_a_data_folder_that_cannot_be_written_is_said_after_the_first_run_card(tmp_path, close, mode):
    """Nothing can be written (the settings neither, so the card opens at every launch):
    once the card closes, by Enter or Esc, a dialog says progress will not be saved, and
    it says so again at the next launch."""
    from helpers import frame, make_control

    from game.widgets.onboarding import OnboardingCard

    (tmp_path / "blocked").write_text("a file, not a folder", encoding="utf-8")
    folder = tmp_path / "blocked" / "data"
    for launch in (1, 2):
        c = make_control(None, folder, mode=mode, lang="en", size=(1000, 700), first_run=True)
        assert not c.ctx.store.writable and c.ctx.store.notice[0] == "save_readonly"
        frame(c, 3)
        assert isinstance(c.scene.overlay, OnboardingCard), f"launch {launch}: the card opens"
        c.scene.handle_event(key(close))
        frame(c, 3)
        d = c.scene.overlay
        assert isinstance(d, Dialog) and d.body[0] == "save_readonly", f"launch {launch}: {d!r}"
        title, body, _ = d.texts("en")
        assert "will not be saved" in title and "will not be saved" in body and str(folder) in body
        c.scene.handle_event(key(pygame.K_RETURN))
        frame(c, 3)
        assert c.scene.overlay is None
