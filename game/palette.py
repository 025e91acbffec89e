"""game/palette.py: every colour the game draws, in one place (RGB tuples, 0..255).

Piece colours come from the Okabe-Ito colour-blind-safe palette (8 colours, with
its black replaced by a dark slate) for the Classic set, Paul Tol's "muted"
scheme for the other five formations, and six more for the shapes of the other
calendar editions (O4 I4 T4 L4 S4 H6), chosen so that within every shipped set
the closest two colours are at least as far apart (CIE76 colour difference) as
the Classic set's own closest pair.  A shape of a file's own gets a colour from
:data:`SPARE` (:func:`piece_colours`: deterministic, the one farthest from the
colours already in the set).  Every piece also carries its letter, so colour is
never the only cue.
"""
from __future__ import annotations

import colorsys
from typing import Iterable

Colour = tuple[int, int, int]

BACKGROUND: Colour = (244, 239, 230)
PANEL: Colour = (233, 226, 213)
PANEL_EDGE: Colour = (205, 194, 176)
FRAME: Colour = (120, 84, 58)
FRAME_DARK: Colour = (86, 58, 38)
CELL: Colour = (252, 249, 243)
CELL_LINE: Colour = (214, 204, 188)
LABEL: Colour = (96, 86, 76)
LABEL_SOFT: Colour = (150, 140, 128)
TARGET_FILL: Colour = (255, 226, 140)
WEEKDAY_CELL: Colour = (241, 245, 250)
TARGET_RING: Colour = (200, 60, 40)
TEXT: Colour = (44, 40, 36)
TEXT_SOFT: Colour = (110, 100, 90)
TITLE: Colour = (150, 40, 30)
LEGAL: Colour = (40, 170, 90)
ILLEGAL: Colour = (215, 50, 50)
HINT: Colour = (255, 200, 0)
DEAD: Colour = (215, 50, 50)
BUTTON: Colour = (255, 252, 246)
BUTTON_HOVER: Colour = (255, 240, 214)
BUTTON_EDGE: Colour = (170, 150, 126)
BUTTON_DISABLED: Colour = (225, 220, 212)
BANNER: Colour = (24, 104, 92)
"""The "solved" banner over the board: the win colour, never the error red."""
BANNER_TEXT: Colour = (255, 246, 225)
WHITE: Colour = (255, 255, 255)
SHADOW: Colour = (60, 45, 30)

# the finish screen (game.widgets.win): a celebration in jade and gold, far from the error red
WIN: Colour = (24, 104, 92)
"""Fill of the win panel (deep jade)."""
WIN_EDGE: Colour = (232, 184, 64)
"""Its border, the stars and the moments (gold)."""
WIN_TEXT: Colour = (255, 248, 232)
WIN_SOFT: Colour = (178, 220, 206)
"""Secondary text on the win panel."""
WIN_GLOW: Colour = (255, 236, 160)
"""The light that sweeps over the pieces when a board is solved."""
WIN_BUTTON: Colour = (36, 132, 116)
HELPED: Colour = (92, 100, 112)
"""Title of the plainer "solved with help" screen (slate: neither a win nor an error)."""
NOTICE: Colour = (46, 86, 140)
"""The midnight banner (a calm blue: news, not a warning)."""

# Flip's cells (game.lights_out.draw, and the first-run card's picture)
FLIP_LIT: Colour = (250, 190, 50)
"""A lit cell (amber lamp); it also carries a dot, so colour is never the only cue."""
FLIP_LIT_DOT: Colour = (255, 244, 200)
FLIP_OFF: Colour = (70, 78, 96)
"""An unlit cell (slate)."""

PIECE: dict[str, Colour] = {
    # Okabe-Ito (Classic set)
    "F6": (230, 159, 0),      # orange
    "BDQX": (86, 180, 233),   # sky blue
    "FS": (0, 158, 115),      # bluish green
    "SLCS": (240, 228, 66),   # yellow
    "JQHH": (0, 114, 178),    # blue
    "JS": (213, 94, 0),       # vermillion
    "XX": (204, 121, 167),    # reddish purple
    "GX": (80, 88, 104),      # dark slate (Okabe-Ito black, softened)
    # Paul Tol "muted"
    "YZCS": (51, 34, 136),    # indigo
    "SC": (204, 102, 119),    # rose
    "TM": (17, 119, 51),      # green
    "HY": (153, 153, 51),     # olive
    "YY": (136, 34, 85),      # wine
    # the other calendar editions' shapes
    "O4": (238, 51, 119),     # magenta
    "I4": (119, 85, 187),     # violet
    "T4": (128, 0, 32),       # maroon
    "L4": (153, 102, 51),     # brown
    "S4": (0, 100, 100),      # dark teal
    "H6": (200, 160, 110),    # tan
}

SPARE: tuple[Colour, ...] = (
    (153, 221, 255),  # light cyan
    (187, 204, 51),   # pear
    (255, 170, 187),  # pink
    (40, 60, 120),    # navy
    (180, 160, 220),  # lavender
    (68, 187, 153),   # mint
    (110, 70, 40),    # dark brown
    (119, 170, 221),  # light blue
) + tuple(tuple(int(255 * v) for v in colorsys.hsv_to_rgb((i * 0.618034) % 1.0, 0.55, 0.8))  # type: ignore[misc]
          for i in range(24))
"""Colours for shapes of a file's own (Paul Tol's "light" scheme and a few more, then
golden-angle hues)."""

OTHER: Colour = (150, 150, 150)
"""Fill of a code :func:`piece_colour` does not know."""


def piece_colour(code: str) -> Colour:
    """Fill colour of library shape ``code`` (:data:`OTHER` grey for another code; a
    puzzle's own shapes get theirs from :func:`piece_colours`)."""
    return PIECE.get(code, OTHER)


def _lab(c: Colour) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of an sRGB colour."""
    def lin(u: float) -> float:
        u /= 255
        return ((u + 0.055) / 1.055) ** 2.4 if u > 0.04045 else u / 12.92

    r, g, b = (lin(v) for v in c)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def difference(a: Colour, b: Colour) -> float:
    """CIE76 colour difference (Delta E*ab) of two sRGB colours: about 2.3 is just
    noticeable; the Classic set's closest two pieces differ by about 26."""
    return sum((p - q) ** 2 for p, q in zip(_lab(a), _lab(b))) ** 0.5


def piece_colours(shapes: Iterable) -> dict[str, Colour]:
    """Fill colour per shape code of a puzzle's pieces (``shapes``: its
    :class:`~solver.shapes.Shape` objects, repeats allowed).

    Library shapes keep their :data:`PIECE` colour.  Every other shape, in the order
    given, gets the :data:`SPARE` colour farthest (:func:`difference`) from the
    colours already chosen for this set (the first one on a tie): the same set of
    shapes always gets the same colours.
    """
    out: dict[str, Colour] = {}
    own = []
    for s in shapes:
        code = s.code
        if code in out or code in own:
            continue
        if code in PIECE and getattr(s, "cells", None) == _library_cells(code):
            out[code] = PIECE[code]
        else:
            own.append(code)
    for code in own:
        used = list(out.values())
        free = [c for c in SPARE if c not in used] or list(SPARE)
        out[code] = max(free, key=lambda c: min((difference(c, u) for u in used), default=0.0))
    return out


def _library_cells(code: str) -> tuple | None:
    from solver.shapes import LIBRARY

    s = LIBRARY.get(code)
    return s.cells if s is not None else None


def ink_on(colour: Colour) -> Colour:
    """Black or white text, whichever reads better on ``colour`` (relative luminance)."""
    r, g, b = colour
    lum = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return (20, 20, 20) if lum > 140 else (255, 255, 255)


def shade(colour: Colour, k: float) -> Colour:
    """``colour`` darkened (k < 1) or lightened towards white (k > 1)."""
    if k <= 1:
        return tuple(int(c * k) for c in colour)  # type: ignore[return-value]
    return tuple(int(c + (255 - c) * (k - 1)) for c in colour)  # type: ignore[return-value]


def mix(a: Colour, b: Colour, t: float) -> Colour:
    """Linear blend: ``a`` at t=0, ``b`` at t=1."""
    return tuple(int(x + (y - x) * t) for x, y in zip(a, b))  # type: ignore[return-value]

# controls (game.widgets.buttons): primary buttons, tooltips, the keyboard focus ring
PRIMARY: Colour = (120, 84, 58)
PRIMARY_HOVER: Colour = (146, 104, 72)
PRIMARY_TEXT: Colour = (255, 246, 225)
TOOLTIP: Colour = (58, 48, 40)
TOOLTIP_TEXT: Colour = (255, 248, 236)
FOCUS: Colour = (0, 114, 178)
