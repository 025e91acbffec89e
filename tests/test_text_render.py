"""Any text draws, at a readable size, in the game's own draw path (game/widgets/text.py).

A puzzle file named with characters outside the primary font subset (乘 from the
bundled fallback subset, 龘 from a system CJK font when one is installed, U+20000
from no font: an outline box) is played in the real game loop; every character of
its name must leave ink where it is drawn, never a blank.
"""
from __future__ import annotations

import os

from helpers import frame, make_control

import pygame  # noqa: E402

from game.widgets import text as T  # noqa: E402
from game.widgets.glyphs import find_system_cjk  # noqa: E402

PUZZLE = """name = "{name}"
board = \"\"\"
.....
.....
.....
.....
.....
\"\"\"
formations = ["U", "Z", "T", "L", "P"]
"""


def _segments(fonts: T.Fonts, text: str, size: int) -> list[tuple[int, int]]:
    """(x0, x1) pixel span of each non-space character of ``text`` drawn at ``size`` px."""
    out = []
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        x0 = fonts.size(text[:i], size)[0] if i else 0
        out.append((x0, fonts.size(text[:i + 1], size)[0]))
    return out


def _ink_in(surface: pygame.Surface, x0: int, x1: int) -> int:
    w, h = surface.get_size()
    return sum(1 for x in range(max(0, x0 + 1), min(w, x1 - 1)) for y in range(h) if surface.get_at((x, y)).a > 0)


class Recording(T.Fonts):
    """Fonts that keep every (text, size, surface) they render."""

    def __init__(self) -> None:
        super().__init__()
        self.rendered: list[tuple[str, int, pygame.Surface]] = []

    def render(self, text, size, colour, bold=False):
        s = super().render(text, size, colour, bold)
        self.rendered.append((text, max(T.MIN_TEXT_PX, int(size)), s))
        return s


def test_a_puzzle_named_with_rare_characters_draws_every_glyph(tmp_path):
    name = "乘法 龘 \U00020000"
    path = tmp_path / "cheng.toml"
    path.write_text(PUZZLE.format(name=name), encoding="utf-8")
    c = make_control(None, None, lang="zh", mode="custom", options={"puzzle": str(path)})
    fonts = Recording()
    c.ctx.fonts = fonts
    c.scene.cache.clear()
    frame(c, 2)
    assert c.scene.puzzle.name == name
    drawn = [(t, size, s) for t, size, s in fonts.rendered if "乘法" in t]
    assert drawn, "the puzzle's name was never drawn"
    for text, size, surf in drawn:
        assert not fonts.plain(text)  # drawn through the glyph chain, not pygame.font alone
        start = text.index("乘法")
        for ch, (x0, x1) in zip(text[start:], _segments(fonts, text, size)[start:]):
            assert _ink_in(surf, x0, x1) > 0, f"{ch!r} drew blank in {text!r}"
    # 乘 comes from the bundled fallback subset, 龘 from the system font (when installed)
    runs = fonts.chain.runs(name)
    by_char = {ch: r.font for r in runs for ch in r.text}
    faces = [f.name for f in fonts.chain.faces]
    assert faces[by_char["乘"]] == "fallback" and faces[by_char["法"]] == "primary"
    if find_system_cjk() is not None:
        assert faces[by_char["龘"]] not in ("primary", "fallback")
    c.run(frames=1)


def test_no_text_is_drawn_below_the_minimum_size():
    pygame.display.init()
    pygame.font.init()
    fonts, cache = T.Fonts(), T.DrawCache()
    small = T.text_surface(cache, fonts, "Hg", 5, (0, 0, 0))
    assert small.get_height() >= fonts.get(T.MIN_TEXT_PX).get_height()
    line = "A line of text far too long for the little box it has to go in"
    img = T.fit_text(cache, fonts, line, 30, (0, 0, 0), 120)
    assert img.get_width() <= 120
    assert img.get_height() >= fonts.get(T.MIN_TEXT_PX).get_height()
    short = T.elide(fonts, line, T.MIN_TEXT_PX, 120)
    assert short.endswith(T.ELLIPSIS) and line.startswith(short[:-1])
    assert fonts.size(short, T.MIN_TEXT_PX)[0] <= 120
    assert T.elide(fonts, "fits", 14, 500) == "fits"


def test_measure_and_render_agree_for_mixed_lines():
    pygame.display.init()
    pygame.font.init()
    fonts = T.Fonts(system=None)
    for text in ("Daily Drill", "每日演兵", "乘法", "a乘b\U00020000"):
        w, _ = fonts.size(text, 20)
        assert abs(fonts.render(text, 20, (0, 0, 0)).get_width() - w) <= 1, text
    assert os.path.basename(fonts.path or "") == T.FONT_FILE
