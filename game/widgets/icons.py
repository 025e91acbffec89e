"""game/widgets/icons.py: vector icons for icon buttons, drawn with pygame.draw at any size.

Each icon is drawn on a 24 x 24 unit grid (strokes 2 units wide, like common
outline icon sets) into a transparent square four times the target size,
then shrunk with ``pygame.transform.smoothscale``: the shrink averages each
4 x 4 block, so every edge (lines, arcs, polygons) is antialiased.  The square
is pre-filled with the icon colour at alpha 0, so the edges do not darken.

:func:`draw_icon` draws one icon centred in a rect; :func:`icon_surface` gives
the (cached) surface.  :data:`NAMES` lists every icon.
"""
from __future__ import annotations

import math
from functools import lru_cache
from typing import Callable, Sequence

import pygame

GRID = 24.0
"""Icon design grid (units per side)."""
STROKE = 2.0
"""Line width in grid units."""
SUPERSAMPLE = 4
"""Drawing scale before the smooth shrink (2 from 96 px, where edges are already fine)."""

Point = tuple[float, float]


class _Pen:
    """Draws on a square surface in grid units (0..24), opaque, with round line caps and joins."""

    def __init__(self, surface: pygame.Surface, colour: tuple[int, int, int]) -> None:
        self.s = surface
        self.k = surface.get_width() / GRID
        self.ink = (*colour[:3], 255)
        self.clear = (*colour[:3], 0)

    def p(self, pt: Point) -> tuple[float, float]:
        return pt[0] * self.k, pt[1] * self.k

    def dot(self, c: Point, r: float, erase: bool = False) -> None:
        pygame.draw.circle(self.s, self.clear if erase else self.ink, self.p(c), r * self.k)

    def ring(self, c: Point, r: float, w: float = STROKE) -> None:
        pygame.draw.circle(self.s, self.ink, self.p(c), (r + w / 2) * self.k)
        pygame.draw.circle(self.s, self.clear, self.p(c), (r - w / 2) * self.k)

    def line(self, a: Point, b: Point, w: float = STROKE, erase: bool = False) -> None:
        colour = self.clear if erase else self.ink
        (ax, ay), (bx, by) = self.p(a), self.p(b)
        dx, dy = bx - ax, by - ay
        n = math.hypot(dx, dy) or 1.0
        ox, oy = -dy / n * w * self.k / 2, dx / n * w * self.k / 2
        pygame.draw.polygon(self.s, colour, [(ax + ox, ay + oy), (bx + ox, by + oy),
                                             (bx - ox, by - oy), (ax - ox, ay - oy)])
        pygame.draw.circle(self.s, colour, (ax, ay), w * self.k / 2)
        pygame.draw.circle(self.s, colour, (bx, by), w * self.k / 2)

    def lines(self, pts: Sequence[Point], w: float = STROKE, closed: bool = False, erase: bool = False) -> None:
        pts = list(pts) + ([pts[0]] if closed else [])
        for a, b in zip(pts, pts[1:]):
            self.line(a, b, w, erase)

    def poly(self, pts: Sequence[Point], erase: bool = False) -> None:
        pygame.draw.polygon(self.s, self.clear if erase else self.ink, [self.p(q) for q in pts])

    def arc(self, c: Point, r: float, a0: float, a1: float, w: float = STROKE) -> list[Point]:
        """Stroke a circular arc from angle ``a0`` to ``a1`` (degrees, 0 = east, 90 = south);
        returns its points."""
        steps = max(2, int(abs(a1 - a0) / 6) + 1)
        pts = [(c[0] + r * math.cos(math.radians(a0 + (a1 - a0) * i / steps)),
                c[1] + r * math.sin(math.radians(a0 + (a1 - a0) * i / steps))) for i in range(steps + 1)]
        self.lines(pts, w)
        return pts

    def rounded(self, x: float, y: float, w: float, h: float, radius: float, width: float = STROKE) -> None:
        """A rounded rectangle outline, centred on the stroke (box x, y, w, h in grid units)."""
        outer = pygame.Rect(*self.p((x - width / 2, y - width / 2)),
                            (w + width) * self.k, (h + width) * self.k)
        inner = outer.inflate(-2 * width * self.k, -2 * width * self.k)
        pygame.draw.rect(self.s, self.ink, outer, border_radius=int((radius + width / 2) * self.k))
        pygame.draw.rect(self.s, self.clear, inner, border_radius=max(0, int((radius - width / 2) * self.k)))


def _head(pen: _Pen, tip: Point, towards: Point, size: float = 4.0) -> None:
    """An open arrow head (two strokes) at ``tip``, pointing away from ``towards``."""
    dx, dy = tip[0] - towards[0], tip[1] - towards[1]
    n = math.hypot(dx, dy) or 1.0
    ux, uy = dx / n, dy / n
    for s in (1, -1):
        pen.line(tip, (tip[0] - size * (ux - s * uy), tip[1] - size * (uy + s * ux)))


def _star_points(c: Point, r_out: float, r_in: float, n: int = 5, turn: float = -90.0) -> list[Point]:
    return [(c[0] + (r_out if i % 2 == 0 else r_in) * math.cos(math.radians(turn + i * 180.0 / n)),
             c[1] + (r_out if i % 2 == 0 else r_in) * math.sin(math.radians(turn + i * 180.0 / n)))
            for i in range(2 * n)]


def _undo(p: _Pen) -> None:
    p.lines([(4, 9), (15, 9)])
    p.arc((15, 14), 5, -90, 90)
    p.line((15, 19), (9, 19))
    _head(p, (4, 9), (15, 9))


def _reset(p: _Pen) -> None:
    """A counter-clockwise circular arrow (back to the start)."""
    a0 = -55.0
    pts = p.arc((12, 12.5), 7.5, a0, 225)
    # the head at the arc's upper-right end, along the counter-clockwise tangent (sin a, -cos a)
    d = (math.sin(math.radians(a0)), -math.cos(math.radians(a0)))
    _head(p, pts[0], (pts[0][0] - d[0], pts[0][1] - d[1]))


def _speed(p: _Pen) -> None:
    p.poly([(2.5, 6), (12, 12), (2.5, 18)])
    p.poly([(12, 6), (21.5, 12), (12, 18)])


def _prev(p: _Pen) -> None:
    p.lines([(15, 4.5), (7.5, 12), (15, 19.5)], w=2.4)


def _calendar_frame(p: _Pen) -> None:
    p.rounded(3.5, 5, 17, 15.5, 2)
    p.line((3.5, 10), (20.5, 10))
    p.line((8, 3), (8, 7))
    p.line((16, 3), (16, 7))


def _calendar(p: _Pen) -> None:
    _calendar_frame(p)
    for r in (13.5, 17):
        for c in (8, 12, 16):
            p.dot((c, r), 1.2)


def _today(p: _Pen) -> None:
    _calendar_frame(p)
    p.poly([(12.5, 12.5), (17.5, 12.5), (17.5, 17.5), (12.5, 17.5)])


def _stats(p: _Pen) -> None:
    p.line((3, 21), (21, 21))
    for x, top in ((6.5, 12), (12, 5), (17.5, 9)):
        p.poly([(x - 2.2, top), (x + 2.2, top), (x + 2.2, 19.5), (x - 2.2, 19.5)])


def _help(p: _Pen) -> None:
    p.ring((12, 12), 9.5)
    p.arc((12, 9.6), 3.0, 180, 360 + 45)
    a = math.radians(45)
    p.lines([(12 + 3 * math.cos(a), 9.6 + 3 * math.sin(a)), (12, 13.2), (12, 14.2)])
    p.dot((12, 17.4), 1.35)


def _settings(p: _Pen) -> None:
    teeth = 8
    pts = []
    for i in range(teeth):
        base = i * 360.0 / teeth
        for da, r in ((-15, 7.6), (-10, 10.5), (10, 10.5), (15, 7.6)):
            a = math.radians(base + da)
            pts.append((12 + r * math.cos(a), 12 + r * math.sin(a)))
    p.poly(pts)
    p.dot((12, 12), 3.3, erase=True)


def _hint(p: _Pen) -> None:
    pts = p.arc((12, 9.5), 6.5, 135, 405)
    left, right = pts[0], pts[-1]
    p.lines([left, (9.5, 15.5), (9.5, 17)])
    p.lines([right, (14.5, 15.5), (14.5, 17)])
    p.line((9, 18), (15, 18))
    p.line((10, 21), (14, 21))


def _sparkle(p: _Pen, c: Point, r: float) -> None:
    p.poly(_star_points(c, r, r * 0.3, n=4, turn=-90))


def _solve(p: _Pen) -> None:
    p.line((3.5, 20.5), (14, 10), w=2.6)
    p.line((14, 10), (16.5, 7.5), w=4.4)
    _sparkle(p, (19, 4.8), 3.8)
    _sparkle(p, (20.5, 14), 2.8)
    _sparkle(p, (9.5, 4.5), 2.8)


def _share(p: _Pen) -> None:
    a, b, c = (18, 5.5), (6, 12), (18, 18.5)
    p.line(a, b, w=1.8)
    p.line(b, c, w=1.8)
    for q in (a, b, c):
        p.dot(q, 3.0)


def _browse(p: _Pen) -> None:
    p.lines([(12, 7.5), (9.5, 5), (2.5, 5), (2.5, 18), (9, 18), (12, 20)])
    p.lines([(12, 7.5), (14.5, 5), (21.5, 5), (21.5, 18), (15, 18), (12, 20)])
    p.line((12, 7.5), (12, 20))


def _speaker(p: _Pen) -> None:
    p.poly([(3, 9), (7, 9), (12, 4.5), (12, 19.5), (7, 15), (3, 15)])


def _sound_on(p: _Pen) -> None:
    _speaker(p)
    p.arc((12, 12), 4.2, -45, 45)
    p.arc((12, 12), 8.2, -50, 50)


def _sound_off(p: _Pen) -> None:
    _speaker(p)
    p.line((15.5, 9), (21, 15))
    p.line((21, 9), (15.5, 15))


def _fullscreen(p: _Pen) -> None:
    for pts in (((3, 8.5), (3, 3), (8.5, 3)), ((15.5, 3), (21, 3), (21, 8.5)),
                ((21, 15.5), (21, 21), (15.5, 21)), ((8.5, 21), (3, 21), (3, 15.5))):
        p.lines(pts)


def _language(p: _Pen) -> None:
    # 文: dot, bar, and the two crossing strokes
    p.line((7.5, 1.6), (7.5, 3.6), w=2.0)
    p.line((2, 5.4), (13, 5.4), w=2.0)
    p.line((10.8, 7.2), (2.6, 15.2), w=2.0)
    p.line((4.2, 7.2), (12.6, 15.2), w=2.0)
    # A
    p.lines([(13.2, 22), (17.6, 11), (22, 22)], w=2.0)
    p.line((14.8, 18.3), (20.4, 18.3), w=2.0)


def _star(p: _Pen) -> None:
    p.poly(_star_points((12, 12.8), 10.5, 4.3))


def _star_outline(p: _Pen) -> None:
    p.lines(_star_points((12, 12.8), 9.8, 4.2), w=1.8, closed=True)


def _flame(p: _Pen) -> None:
    outer = [(12, 2), (15, 6.5), (18.5, 10.5), (19.5, 14.5), (18, 18.5), (15, 21), (12, 21.8),
             (9, 21), (6, 18.5), (4.5, 14.5), (5.5, 10.5), (8, 12), (9, 8), (10.5, 5)]
    p.poly(outer)
    inner = [(12.5, 11), (15, 15), (15, 18), (12, 20.2), (9, 18), (9.2, 15.5), (11, 16)]
    p.poly(inner, erase=True)


def _close(p: _Pen) -> None:
    p.line((5.5, 5.5), (18.5, 18.5))
    p.line((18.5, 5.5), (5.5, 18.5))


def _check(p: _Pen) -> None:
    p.lines([(4, 12.5), (9.5, 18), (20, 6.5)], w=2.4)


def _play(p: _Pen) -> None:
    p.poly([(6.5, 4), (19.5, 12), (6.5, 20)])


def _pause(p: _Pen) -> None:
    for x in (6, 14):
        p.poly([(x, 4.5), (x + 4, 4.5), (x + 4, 19.5), (x, 19.5)])


def _pick_date(p: _Pen) -> None:
    """A calendar with a mouse pointer on it: choose the date by clicking the board."""
    _calendar_frame(p)
    p.dot((8, 13.5), 1.2)
    p.dot((8, 17), 1.2)
    p.dot((12, 13.5), 1.2)
    pointer = [(12.5, 10.5), (22, 18.5), (17.8, 19), (20.2, 23.2), (18.2, 24.2), (16, 20), (12.5, 22.8)]
    for dx, dy in ((-1.6, 0), (1.6, 0), (0, -1.6), (0, 1.6), (-1.2, -1.2), (1.2, 1.2), (-1.2, 1.2), (1.2, -1.2)):
        p.poly([(x + dx, y + dy) for x, y in pointer], erase=True)  # a clear halo round the pointer
    p.poly(pointer)


def _variants(p: _Pen) -> None:
    """Calendar boards to choose from: a board in front of another."""
    p.rounded(7.5, 3, 13.5, 13.5, 2)
    p.poly([(2, 8), (16.5, 8), (16.5, 22), (2, 22)], erase=True)  # the front board hides the back one
    p.rounded(3, 8, 13.5, 13.5, 2)
    for r in (12.5, 17):
        for c in (7, 12):
            p.dot((c, r), 1.3)


_DRAW: dict[str, Callable[[_Pen], None]] = {
    "undo": _undo, "reset": _reset, "speed": _speed, "prev_day": _prev, "today": _today,
    "calendar": _calendar, "stats": _stats, "help": _help, "settings": _settings, "hint": _hint,
    "solve": _solve, "share": _share, "browse": _browse, "sound_on": _sound_on, "sound_off": _sound_off,
    "fullscreen": _fullscreen, "language": _language, "star": _star, "star_outline": _star_outline,
    "flame": _flame, "close": _close, "check": _check, "play": _play, "pause": _pause,
    "pick_date": _pick_date, "variants": _variants,
}
_MIRRORED = {"redo": "undo", "next_day": "prev_day"}
"""Icons drawn as the left-right mirror image of another."""

NAMES: tuple[str, ...] = tuple(sorted((*_DRAW, *_MIRRORED)))
"""Every icon name: undo redo reset speed prev_day next_day today calendar stats help
settings hint solve share browse sound_on sound_off fullscreen language, plus star,
star_outline, flame (win screen, share card), close, check, play, pause, and pick_date
(choose the date by clicking the board), variants (the calendar-board picker)."""


@lru_cache(maxsize=512)
def icon_surface(name: str, size: int, colour: tuple[int, ...]) -> pygame.Surface:
    """Icon ``name`` as a ``size`` x ``size`` transparent surface (``SRCALPHA``) in ``colour`` (RGB).

    Cached (up to 512): treat the surface as read-only.  Raises ``ValueError``
    for an unknown name or a size below 1 pixel.
    """
    if name not in _DRAW and name not in _MIRRORED:
        raise ValueError(f"no icon named {name!r}; known: {', '.join(NAMES)}")
    if size < 1:
        raise ValueError(f"icon size must be at least 1 pixel, not {size}")
    scale = SUPERSAMPLE if size < 96 else 2
    big = pygame.Surface((size * scale, size * scale), pygame.SRCALPHA)
    big.fill((*colour[:3], 0))
    _DRAW[_MIRRORED.get(name, name)](_Pen(big, tuple(colour[:3])))
    if name in _MIRRORED:
        big = pygame.transform.flip(big, True, False)
    return pygame.transform.smoothscale(big, (size, size))


def draw_icon(surface: pygame.Surface, name: str, rect: pygame.Rect | Sequence[int],
              colour: Sequence[int]) -> pygame.Rect:
    """Draw icon ``name`` in ``colour`` (RGB; an alpha, if given, fades it) centred in ``rect``.

    The icon is the largest square that fits in ``rect`` (its design keeps about
    one twelfth as margin); nothing is drawn outside ``rect``.  Returns the
    square drawn in.  Raises ``ValueError`` for an unknown name.
    """
    rect = pygame.Rect(rect)
    side = min(rect.w, rect.h)
    box = pygame.Rect(0, 0, side, side)
    box.center = rect.center
    if side < 1:
        if name not in _DRAW and name not in _MIRRORED:
            raise ValueError(f"no icon named {name!r}; known: {', '.join(NAMES)}")
        return box
    icon = icon_surface(name, side, tuple(int(c) for c in colour[:3]))
    if len(colour) > 3 and int(colour[3]) < 255:
        icon = icon.copy()
        icon.fill((255, 255, 255, int(colour[3])), special_flags=pygame.BLEND_RGBA_MULT)
    clip = surface.get_clip()
    surface.set_clip(rect.clip(clip) if clip else rect)
    surface.blit(icon, box)
    surface.set_clip(clip)
    return box
