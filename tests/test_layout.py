"""Readable at any window size: click targets, text sizes, the hierarchy of controls, tooltips,
keyboard focus (game/widgets/layout.py, buttons.py, controls.py).

Sizes are read from the layouts the scenes really use (never from screenshots); the
real draw path is then checked to ask for no text below the minimum
(``Fonts.raised`` records any request the text layer had to raise).
"""
from __future__ import annotations

import itertools

import pygame
import pytest
from helpers import frame, key, make_control, until

from game.widgets import controls
from game.widgets.buttons import tooltip_text
from game.widgets.layout import MIN_TARGET_PX, MIN_WINDOW, Layout, clamp_size
from game.widgets.text import MIN_TEXT_PX

SIZES = [MIN_WINDOW, (1120, 780), (640, 480), (820, 1000), (1600, 1000)]
MODES = ["classic", "drill", "flip", "custom"]
PUZZLE = "assets/puzzles/pentomino_6x10.toml"


def layout_of(scene):
    return controls.layout_of(scene)


@pytest.fixture(scope="module")
def scenes(worker):
    """(mode, lang) -> a Control showing that mode with its puzzle loaded."""
    out = {}
    for mode, lang in itertools.product(MODES, ("zh", "en")):
        c = make_control(worker, None, lang=lang, mode=mode, options={"puzzle": PUZZLE})
        until(c, lambda: getattr(c.scene, "midend", None) is not None, what=f"the {mode} puzzle")
        out[(mode, lang)] = c
    yield out
    for c in out.values():
        c.scene.exit()


def resize(c, size):
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=size[0], h=size[1], size=size))
    frame(c)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("mode", MODES)
def test_targets_and_text_sizes_at_any_window_size(scenes, mode, size):
    for lang in ("zh", "en"):
        c = scenes[(mode, lang)]
        resize(c, size)
        L = layout_of(c.scene)
        w, h = clamp_size(size)
        assert L.size == (w, h)
        window = pygame.Rect(0, 0, w, h)
        targets = {**L.targets(), **{f"slot{i}": r for i, r in enumerate(getattr(L, "slots", []))
                                     if mode != "flip"}}
        for name, r in targets.items():
            assert r.width >= MIN_TARGET_PX and r.height >= MIN_TARGET_PX, (mode, size, name, r)
            assert window.contains(r), (mode, size, name, r)
        rects = list(L.targets().items())
        for (a, ra), (b, rb) in itertools.combinations(rects, 2):
            assert not ra.colliderect(rb), (mode, size, a, b)
        assert min(L.text_px.values()) >= MIN_TEXT_PX, (mode, size, L.text_px)
        assert L.help.height >= MIN_TEXT_PX and L.text_px["footer"] >= MIN_TEXT_PX
        # nothing in the middle overlaps the header or the bar
        for r in rects:
            assert not r[1].colliderect(L.board_rect)
        # labelled buttons are wide enough for their words at their size
        fonts = c.ctx.fonts
        for k, spec in L.specs.items():
            if spec.kind != "icon":
                px = L.text_px["primary" if spec.kind == "primary" else "button"]
                label = c.scene.ctx.t(k) + {"hint": " (H)", "solve": " (S)"}.get(k, "")
                assert fonts.size(label, px, spec.kind == "primary")[0] <= L.buttons[k].width - 14, (mode, lang, k)


@pytest.mark.parametrize("size", [MIN_WINDOW, (1120, 780)])
@pytest.mark.parametrize("mode", MODES)
def test_the_real_draw_path_never_asks_for_text_below_the_minimum(scenes, mode, size):
    """Every frame part (header, board, tray, bar, status, footer, tooltip) and every overlay."""
    for lang in ("zh", "en"):
        c = scenes[(mode, lang)]
        resize(c, size)
        s = c.scene
        s.ctx.fonts.raised.clear()
        L = layout_of(s)
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=L.buttons["undo"].center, rel=(0, 0),
                                             buttons=(0, 0, 0)))
        frame(c)
        assert controls.tooltip_key(s, s.ui.hover_button) == "undo"
        for overlay in (None, "help", "stats", "calendar", "settings"):
            if overlay and not s.command(overlay):
                continue
            s.cache.clear()
            s.draw(c.screen)
            if overlay:
                s.command(overlay)
        assert s.ctx.fonts.raised == {}, (mode, lang, size)


def test_tray_captions_are_one_size(scenes):
    from game.polyomino import draw as poly_draw

    for lang in ("zh", "en"):
        c = scenes[("drill", lang)]
        resize(c, MIN_WINDOW)
        s = c.scene
        caps = poly_draw.captions(s)
        px = poly_draw._caption_px(s, caps)
        width = min(r.width for r in s.layout.slots) - 8
        assert px >= MIN_TEXT_PX
        assert all(s.ctx.fonts.size(cap, px)[0] <= width for cap in caps), "a caption would be cut"


def test_hierarchy_primary_buttons_are_the_largest_and_icons_are_squares():
    from game.polyomino.draw import bar, tools

    for size in (MIN_WINDOW, (1120, 780)):
        L = Layout(size, 7, 7, 8, bar(True), 4, tools(True))
        kinds = {k: L.specs[k].kind for k in L.buttons}
        assert {k for k, v in kinds.items() if v == "primary"} == {"hint", "solve"}
        prim = min(L.buttons[k].width * L.buttons[k].height for k in ("hint", "solve"))
        for k, r in L.buttons.items():
            if kinds[k] == "icon":
                assert r.height == L.buttons["hint"].height and r.width * r.height < prim
                assert r.width == r.height or L.specs[k].wide
        # the primary pair at the right end of the bar, Solve last
        assert L.buttons["solve"].right == max(r.right for r in L.buttons.values())
        assert L.buttons["hint"].right < L.buttons["solve"].left
        assert set(L.tools) == {"browse", "variants", "calendar", "stats", "help", "settings"}
        assert all(r.top < L.board_rect.top for r in L.tools.values())


def test_tooltips_name_the_action_and_its_key():
    assert tooltip_text("undo", "en") == "Undo (Ctrl+Z)"
    assert tooltip_text("settings", "en") == "Settings (O)"
    assert tooltip_text("speed", "en") == "Animation speed (+ / -)"
    assert tooltip_text("pick_date", "zh") == "在棋盘上点选日期 (G)"
    assert tooltip_text("calendar", "zh").endswith("(D)")


def test_hovering_an_icon_draws_its_tooltip(worker):
    c = make_control(worker, None, lang="en", size=(1120, 780))  # its own window: the pixels are read
    frame(c)
    s = c.scene
    L = s.layout
    assert c.screen.get_size() == L.size
    rect = L.tools["stats"]
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=rect.center, rel=(0, 0), buttons=(0, 0, 0)))
    frame(c)
    assert controls.tooltip_key(s, s.ui.hover_button) == "stats"
    from game import palette as P

    below = pygame.Rect(rect.x - 60, rect.bottom + 6, rect.width + 120, 40).clip(c.screen.get_rect())
    colours = {tuple(c.screen.get_at((x, y)))[:3] for x in range(below.left, below.right, 3)
               for y in range(below.top, below.bottom, 3)}
    assert P.TOOLTIP in colours
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(5, L.help.top - 40), rel=(0, 0), buttons=(0, 0, 0)))
    frame(c)
    assert controls.tooltip_key(s, s.ui.hover_button) is None
    s.exit()


def test_keyboard_focus_walks_the_buttons_shows_tooltips_and_presses(scenes):
    from helpers import play_solution

    c = scenes[("classic", "en")]
    resize(c, (1120, 780))
    s = c.scene
    L = s.layout
    order = list(L.targets())
    # reading order: the header's tools left to right, then the bar left to right
    assert order[:6] == ["browse", "variants", "calendar", "stats", "help", "settings"] and order[6] == "prev"
    assert order[-2:] == ["hint", "solve"]
    assert s.focus.key is None
    for expected in order[:3]:
        key(pygame.K_TAB, pygame.KMOD_CTRL)
        frame(c)
        assert s.focus.key == expected
        assert controls.tooltip_key(s, None) == expected
    key(pygame.K_TAB, pygame.KMOD_CTRL | pygame.KMOD_SHIFT)
    frame(c)
    assert s.focus.key == order[1]
    # walk to Undo and press it with Enter: a move is taken back
    play_solution(s, [s.puzzle.formations[0]])
    moves = s.midend.moves
    while s.focus.key != "undo":
        key(pygame.K_TAB, pygame.KMOD_CTRL)
        frame(c)
    key(pygame.K_RETURN)
    frame(c)
    assert s.midend.moves == moves - 1
    key(pygame.K_ESCAPE)
    frame(c)
    assert s.focus.key is None
    s.command("reset")


def test_the_window_never_gets_smaller_than_the_minimum(worker):
    c = make_control(worker, None, lang="en", size=(640, 480))  # asked for less: the minimum
    assert pygame.display.get_surface().get_size() == MIN_WINDOW == c.scene.layout.size
    if c.window is not None:  # pygame-ce's Window: SDL keeps the window at least this big
        assert tuple(c.window.minimum_size) == MIN_WINDOW
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=500, h=400, size=(500, 400)))
    frame(c)
    w, h = pygame.display.get_surface().get_size()
    assert w >= MIN_WINDOW[0] and h >= MIN_WINDOW[1]  # a window manager that ignored it is sized back
    assert c.scene.layout.size == MIN_WINDOW
    c.scene.exit()


@pytest.mark.parametrize("edition", ["jarringwords", "creamakerspace", "tetromino", "weekday"])
def test_tray_captions_of_every_edition_draw_whole_at_the_minimum_window(worker, edition):
    """Long English names ("straight tetromino", "chair hexomino") never end in an ellipsis:
    the tray falls back to a shorter caption form for every piece at once."""
    from game.polyomino import draw as poly_draw

    for lang in ("en", "zh"):
        c = make_control(worker, None, lang=lang, mode=f"variant:{edition}", size=MIN_WINDOW)
        try:
            until(c, lambda: getattr(c.scene, "midend", None) is not None, what=f"the {edition} puzzle")
            s = c.scene
            assert tuple(s.layout.size) == MIN_WINDOW
            caps = poly_draw.captions(s)
            assert len(caps) == len(s.puzzle.pieces) and all(caps)
            s.ctx.fonts.cut.clear()
            s.cache.clear()
            s.draw(c.screen)
            assert not any(cap in s.ctx.fonts.cut for cap in caps), (edition, lang, s.ctx.fonts.cut)
            px = poly_draw._caption_px(s, caps)
            width = min(r.width for r in s.layout.slots) - 8
            assert all(s.ctx.fonts.size(cap, px)[0] <= width for cap in caps)
        finally:
            c.scene.exit()
