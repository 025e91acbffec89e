"""Vector icons (game/widgets/icons.py): every icon draws inside its rect and only there."""
from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.widgets import icons  # noqa: E402
from game.widgets.icons import NAMES, draw_icon, icon_surface  # noqa: E402

REQUIRED = ("undo", "redo", "reset", "speed", "prev_day", "next_day", "today", "calendar", "stats", "help",
            "settings", "hint", "solve", "share", "browse", "sound_on", "sound_off", "fullscreen", "language")
BG = (244, 239, 230)
INK = (44, 40, 36)


def changed(surface: pygame.Surface, rect: pygame.Rect | None = None) -> tuple[int, int]:
    """(pixels changed inside rect, pixels changed outside rect) against the plain background."""
    inside = outside = 0
    w, h = surface.get_size()
    for y in range(h):
        for x in range(w):
            if surface.get_at((x, y))[:3] != BG:
                if rect is not None and rect.collidepoint(x, y):
                    inside += 1
                else:
                    outside += 1
    return inside, outside


def test_every_required_icon_exists():
    assert set(REQUIRED) <= set(NAMES)


@pytest.mark.parametrize("size", [32, 64])
@pytest.mark.parametrize("name", NAMES)
def test_icon_draws_inside_its_rect_and_nowhere_else(name, size):
    surf = pygame.Surface((size * 3, size * 3))
    surf.fill(BG)
    rect = pygame.Rect(size, size, size, size)
    box = draw_icon(surf, name, rect, INK)
    assert box == rect
    inside, outside = changed(surf, rect)
    assert outside == 0
    assert inside >= size * size // 25, f"{name} at {size}px draws only {inside} pixels"
    assert inside <= size * size * 0.8  # an icon, not a filled square


@pytest.mark.parametrize("size", [24, 48])
def test_icons_are_all_different(size):
    seen = {}
    for name in NAMES:
        data = pygame.image.tobytes(icon_surface(name, size, INK), "RGBA")
        assert data not in seen, f"{name} looks exactly like {seen.get(data)}"
        seen[data] = name


def test_edges_are_antialiased():
    alphas = {c.a for c in (icon_surface("reset", 32, INK).get_at((x, y)) for x in range(32) for y in range(32))}
    assert 0 in alphas and 255 in alphas
    assert len(alphas - {0, 255}) >= 8  # partial coverage along the curve


def test_edges_keep_the_icon_colour():
    surf = icon_surface("help", 32, (200, 30, 30))
    for x in range(32):
        for y in range(32):
            c = surf.get_at((x, y))
            if c.a:
                assert c[:3] == (200, 30, 30)  # only alpha varies: no dark fringe when blitted


def test_mirrored_icons():
    for a, b in (("redo", "undo"), ("next_day", "prev_day")):
        flipped = pygame.transform.flip(icon_surface(b, 40, INK), True, False)
        assert pygame.image.tobytes(icon_surface(a, 40, INK), "RGBA") == pygame.image.tobytes(flipped, "RGBA")


def test_non_square_rect_centres_the_largest_square():
    surf = pygame.Surface((200, 100))
    surf.fill(BG)
    rect = pygame.Rect(20, 30, 120, 40)
    box = draw_icon(surf, "stats", rect, INK)
    assert box.size == (40, 40) and box.center == rect.center
    inside, outside = changed(surf, box)
    assert inside > 0 and outside == 0


def test_alpha_fades_the_icon_and_clip_is_kept():
    surf = pygame.Surface((64, 64))
    surf.fill(BG)
    surf.set_clip(pygame.Rect(0, 0, 64, 20))
    draw_icon(surf, "pause", pygame.Rect(0, 0, 64, 64), (*INK, 128))
    assert surf.get_clip() == pygame.Rect(0, 0, 64, 20)
    inside, outside = changed(surf, pygame.Rect(0, 0, 64, 20))
    assert inside > 0 and outside == 0
    darkest = min(sum(surf.get_at((x, y))[:3]) for x in range(64) for y in range(20))
    assert darkest > sum(INK) + 100  # half transparent: never as dark as the ink


def test_draws_on_a_transparent_surface():
    surf = pygame.Surface((48, 48), pygame.SRCALPHA)
    draw_icon(surf, "flame", surf.get_rect(), (230, 120, 20))
    assert max(surf.get_at((x, y)).a for x in range(48) for y in range(48)) == 255


def test_bad_names_and_sizes():
    surf = pygame.Surface((10, 10))
    with pytest.raises(ValueError, match="no icon named"):
        draw_icon(surf, "rocket", surf.get_rect(), INK)
    with pytest.raises(ValueError, match="no icon named"):
        draw_icon(surf, "rocket", pygame.Rect(0, 0, 0, 0), INK)
    assert draw_icon(surf, "undo", pygame.Rect(0, 0, 0, 5), INK).size == (0, 0)
    with pytest.raises(ValueError):
        icon_surface("undo", 0, INK)


def test_large_icons_use_less_supersampling_but_still_draw():
    surf = icon_surface("settings", 128, INK)
    assert surf.get_size() == (128, 128)
    centre = surf.get_at((64, 64)).a
    ring = surf.get_at((64 + 40, 64)).a
    assert centre == 0 and ring == 255  # the gear's hole and its body
    assert icons.SUPERSAMPLE == 4
