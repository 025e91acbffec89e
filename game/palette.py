"""game/palette.py: every colour the game draws, in one place (RGB tuples, 0..255).

Piece colours come from the Okabe-Ito colour-blind-safe palette (8 colours, with
its black replaced by a dark slate) for the Classic set, and Paul Tol's "muted"
scheme for the other five formations.  Every piece also carries its letter, so
colour is never the only cue.
"""
from __future__ import annotations

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
WIN_BUTTON_HOVER: Colour = (52, 156, 138)
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
}


def piece_colour(code: str) -> Colour:
    """Fill colour of formation ``code`` (grey for an unknown code)."""
    return PIECE.get(code, (150, 150, 150))


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
