"""Any text draws (game/widgets/glyphs.py and the two bundled font subsets)."""
from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pygame.freetype  # noqa: E402
import pytest  # noqa: E402

from game.widgets import glyphs  # noqa: E402
from game.widgets.glyphs import Face, Run, TextChain, split_runs  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FONTS = os.path.join(ROOT, "assets", "fonts")
PRIMARY = os.path.join(FONTS, glyphs.PRIMARY_FILE)
FALLBACK = os.path.join(FONTS, glyphs.FALLBACK_FILE)


def gb2312_level1_by_bytes() -> list[str]:
    """GB2312 level 1 decoded byte pair by byte pair (rows 0xB0..0xD7, cells 0xA1..0xFE)."""
    out = []
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                out.append(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return out


def ink(surface: pygame.Surface) -> int:
    """Pixels with any alpha on a SRCALPHA surface."""
    w, h = surface.get_size()
    return sum(1 for x in range(w) for y in range(h) if surface.get_at((x, y)).a > 0)


@pytest.fixture(scope="module")
def chain():
    pygame.freetype.init()
    c = TextChain.bundled(system=None)
    assert [f.name for f in c.faces] == ["primary", "fallback"], c.warnings
    yield c
    c.close()


def sets(*groups: str):
    return [lambda ch, g=g: ch in g for g in groups]


# -- the pure rule ---------------------------------------------------------------------------------

def test_split_runs_first_font_wins_and_neighbours_merge():
    covers = sets("ab c", "abc乘 ", "乘𠀀")
    assert split_runs("ab乘c", covers) == [Run("ab", 0), Run("乘", 1), Run("c", 0)]
    assert split_runs("𠀀乘", covers) == [Run("𠀀", 2), Run("乘", 1)]
    assert split_runs("", covers) == []


def test_split_runs_spaces_stay_in_the_current_run():
    covers = sets("ab ", "乘 ")
    assert split_runs("乘 乘 a b", covers) == [Run("乘 乘 ", 1), Run("a b", 0)]
    assert split_runs(" 乘", covers) == [Run(" ", 0), Run("乘", 1)]


def test_split_runs_missing_characters_get_no_font():
    covers = sets("ab ", "乘")
    assert split_runs("a🔥b", covers) == [Run("a", 0), Run("🔥", None), Run("b", 0)]
    assert split_runs("🔥𠀀", covers) == [Run("🔥𠀀", None)]


def test_split_runs_zero_width_and_controls():
    covers = sets("ab \u0301", "乘")
    # a variation selector no font has is dropped, never a box
    assert split_runs("a\u2764\ufe0fb", covers) == [Run("a", 0), Run("\u2764", None), Run("b", 0)]
    # a combining mark the base's font has stays with it; ZWJ (no font) is dropped
    assert split_runs("a\u0301\u200db", covers) == [Run("a\u0301b", 0)]
    assert split_runs("\u0301a", covers) == [Run("a", 0)]  # nothing to attach to
    assert split_runs("a\tb\nc\x00", sets("abc ")) == [Run("a bc", 0)]


def test_split_runs_whitespace_no_font_has_is_a_plain_space():
    covers = sets("ab ")
    assert split_runs("a\u3000b", covers) == [Run("a b", 0)]
    assert split_runs("a\u3000b", sets("ab")) == [Run("a", 0), Run(" ", None), Run("b", 0)]


# -- the bundled subsets ---------------------------------------------------------------------------

def test_fallback_covers_gb2312_level1_and_primary_does_not():
    level1 = gb2312_level1_by_bytes()
    assert len(level1) == 3755 and level1[0] == "啊" and level1[-1] == "座"  # the published figures
    pygame.freetype.init()
    fb = glyphs.coverage(pygame.freetype.Font(FALLBACK, 16))
    pr = glyphs.coverage(pygame.freetype.Font(PRIMARY, 16))
    assert [ch for ch in level1 if not fb(ch)] == []
    extra = "，。、：；！？（）《》「」【】…—“”‘’　ＡＺａｚ０９★☆·→←□"
    assert [ch for ch in extra if not fb(ch)] == []
    assert not pr("乘")  # the reason for the fallback: 乘 is not one of the game's own strings
    assert sum(map(pr, level1)) < 600


def test_fallback_holds_every_ui_character():
    from game.i18n import all_text

    pygame.freetype.init()
    fb = glyphs.coverage(pygame.freetype.Font(FALLBACK, 16))
    assert [ch for ch in all_text() if not ch.isspace() and not fb(ch)] == []


def test_font_files_sizes_and_licence():
    assert os.path.getsize(FALLBACK) < 2_500_000
    assert os.path.getsize(PRIMARY) < 200_000
    with open(os.path.join(FONTS, "OFL.txt"), encoding="utf-8") as f:
        assert "SIL OPEN FONT LICENSE" in f.read().upper()


def test_make_subset_lists_match_a_second_method():
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_subset", os.path.join(FONTS, "make_subset.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.gb2312_level1() == "".join(gb2312_level1_by_bytes())
    primary = mod.primary_text()
    fallback = mod.fallback_text(primary)
    assert set(primary) <= set(fallback)
    assert set(gb2312_level1_by_bytes()) <= set(fallback)
    assert "乘" not in primary and "乘" in fallback


# -- rendering -------------------------------------------------------------------------------------

def test_cheng_draws_with_ink_from_the_fallback(chain):
    assert chain.runs("乘") == [Run("乘", 1)]
    surf = chain.render("乘", 32, (0, 0, 0))
    n = ink(surf)
    assert n > 60
    box = pygame.Surface(surf.get_size(), pygame.SRCALPHA)
    glyphs.draw_boxes(box, "x", 0, 28, 32, (0, 0, 0), 8)
    assert pygame.image.tobytes(surf, "RGBA") != pygame.image.tobytes(box, "RGBA")


def test_every_ui_string_draws_without_a_box(chain):
    from game.i18n import all_text

    runs = chain.runs(all_text())
    assert [r for r in runs if r.font is None] == []


@pytest.mark.parametrize("text", ["𠀀", "🔥", "🟥🟦"])
def test_characters_no_font_has_become_outline_boxes(chain, text):
    runs = chain.runs(text)
    assert runs == [Run(text, None)]
    surf = chain.render(text, 40, (0, 0, 0))
    w, h = surf.get_size()
    assert w == len(text) * glyphs.box_advance(40)
    # an outline: ink on the box's left edge, none in its middle
    col = [surf.get_at((glyphs.box_advance(40) // 2, y)).a for y in range(h)]
    assert max(col) > 0
    mid = surf.get_at((glyphs.box_advance(40) // 2, h // 2)).a
    assert mid == 0


def test_mixed_line_has_ink_in_each_part_and_adds_advances(chain):
    text = "每乘A𠀀"
    runs = chain.runs(text)
    assert [r.font for r in runs] == [0, 1, 0, None]
    parts = [chain.size(r.text, 30)[0] for r in runs]
    surf = chain.render(text, 30, (10, 20, 30))
    assert surf.get_width() == sum(parts)
    x = 0
    for r, w in zip(runs, parts):
        part = surf.subsurface(pygame.Rect(x, 0, w, surf.get_height()))
        assert ink(part) > 0, r
        x += w


def test_strong_text_is_drawn(chain):
    a = chain.render("乘法", 24, (0, 0, 0))
    b = chain.render("乘法", 24, (0, 0, 0), strong=True)
    assert ink(b) > ink(a)


def test_render_to_returns_its_box_and_draws_on_the_baseline(chain):
    surf = pygame.Surface((300, 80), pygame.SRCALPHA)
    rect = chain.render_to(surf, (5, 7), "演兵 乘", 28, (0, 0, 0))
    assert rect.topleft == (5, 7) and rect.size == chain.size("演兵 乘", 28)
    assert ink(surf.subsurface(rect)) == ink(surf)  # nothing outside the returned box


# -- system fonts ----------------------------------------------------------------------------------

def test_system_font_is_looked_up_once_and_only_when_needed():
    calls = []

    def finder():
        calls.append(1)
        return Face(FALLBACK, 0, "pretend system font")

    c = TextChain([Face(PRIMARY, 0, "primary")], system=finder)
    assert c.runs("每日") == [Run("每日", 0)] and calls == []
    assert c.runs("乘") == [Run("乘", 1)] and calls == [1]
    assert c.faces[-1].name == "pretend system font"
    assert c.runs("𠀀") == [Run("𠀀", None)] and calls == [1]  # not searched again


def test_a_failing_system_lookup_never_breaks_drawing():
    def finder():
        raise RuntimeError("fc-list crashed")

    c = TextChain([Face(PRIMARY, 0, "primary")], system=finder)
    assert c.runs("乘") == [Run("乘", None)]
    assert c.render("乘", 20, (0, 0, 0)).get_width() == glyphs.box_advance(20)
    assert any("fc-list crashed" in w for w in c.warnings)


def test_find_system_cjk_takes_the_first_match_with_chinese(tmp_path):
    bogus = tmp_path / "broken.ttf"
    bogus.write_bytes(b"not a font")
    table = {"simhei": str(bogus), "pingfangsc": FALLBACK, "microsoftyahei": PRIMARY}

    def match(name):
        if name == "wenquanyimicrohei":
            raise OSError("font cache broken")
        return table.get(name)

    face = glyphs.find_system_cjk(("nosuchfont", "wenquanyimicrohei", "simhei", "pingfangsc", "microsoftyahei"),
                                  match=match)
    assert face == Face(FALLBACK, 0, "pingfangsc")
    assert glyphs.find_system_cjk(("nosuchfont",), match=lambda n: None) is None


def test_unloadable_faces_are_skipped_with_a_warning(tmp_path):
    bad = tmp_path / "empty.otf"
    bad.write_bytes(b"")
    c = TextChain([Face(str(bad), 0, "bad"), Face(PRIMARY, 0, "primary")], system=None)
    assert [f.name for f in c.faces] == ["primary"]
    assert len(c.warnings) == 1 and "empty.otf" in c.warnings[0]
    assert c.runs("A") == [Run("A", 0)]


def test_no_fonts_at_all_still_draws_boxes():
    c = TextChain([], system=None)
    surf = c.render("乘 A", 20, (0, 0, 0))
    assert surf.get_width() == 2 * glyphs.box_advance(20) + max(1, 20 // 4)


@pytest.mark.parametrize("keep", [0.001, 0.5, 0.95])
def test_a_truncated_font_file_is_skipped_not_fatal(tmp_path, keep):
    with open(FALLBACK, "rb") as f:
        data = f.read()
    bad = tmp_path / "truncated.otf"
    bad.write_bytes(data[: int(len(data) * keep)])
    c = TextChain([Face(str(bad), 0, "truncated"), Face(PRIMARY, 0, "primary")], system=None)
    # skipped with a warning when FreeType refuses it (tables missing); loaded when only the end is
    # cut (here: the character map, so it maps nothing and the next font draws)
    assert [f.name for f in c.faces] in (["primary"], ["truncated", "primary"])
    assert len(c.warnings) == (1 if len(c.faces) == 1 else 0)
    assert c.runs("每")[0].font == len(c.faces) - 1
    assert ink(c.render("每", 24, (0, 0, 0))) > 20
