"""Regenerate the application icons: ``icon.svg`` and ``icon-48/128/256.png``.

Run ``python assets/desktop/make_icons.py [OUT_DIR]`` (needs pygame-ce; headless;
OUT_DIR defaults to this folder).  The motif is the classic 7 x 7 calendar board solved for
May 1: the eight Classic formations in the game's colours (:mod:`game.palette`),
the two target cells (May, 1) left open, the six blocked cells showing the frame.
The SVG and the PNGs are drawn from the same geometry; the PNGs are drawn at four
times their size and scaled down smoothly.
"""
from __future__ import annotations

import os
import sys

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))

import pygame  # noqa: E402

from game import palette as P  # noqa: E402

# one solution of the classic board for 2024-05-01 (`python -m solver classic --date
# 2024-05-01 --first`): letters of the formations, * target, # blocked
GRID = """\
PPYU*U#
PPYUUU#
*PYYNZZ
LLYNNZV
LOONZZV
LOONVVV
LOO####"""
CODE = {"O": "F6", "N": "BDQX", "V": "FS", "U": "SLCS", "Z": "JQHH", "P": "JS", "L": "XX", "Y": "GX"}

SIZE = 256          # design units (the SVG's viewBox)
OUTER = (8, 8, 240, 240, 44)   # x, y, w, h, corner radius: the dark rim
INNER = (16, 16, 224, 224, 38)  # the frame
CELL = 28           # cell pitch
GAP = 3             # gap between two formations
ORIGIN = (SIZE - 7 * CELL) // 2  # top-left of the board (30)
PNG_SIZES = (48, 128, 256)
SCALE = 4           # PNGs are drawn at SCALE x their size, then scaled down


def hexc(c: tuple[int, int, int]) -> str:
    """``#rrggbb`` of an RGB tuple."""
    return "#%02x%02x%02x" % c


def shapes() -> list[tuple[str, tuple[float, float, float, float], tuple[int, int, int], float]]:
    """The icon as a list of ``(kind, (x, y, w, h), colour, radius)`` in design units;
    ``kind`` is ``"fill"`` or ``"ring"`` (an outline 4 units wide)."""
    rows = GRID.splitlines()
    out = [("fill", OUTER[:4], P.FRAME_DARK, OUTER[4]), ("fill", INNER[:4], P.FRAME, INNER[4])]
    h = GAP / 2
    for r, row in enumerate(rows):
        for c, ch in enumerate(row):
            x, y = ORIGIN + c * CELL, ORIGIN + r * CELL
            if ch == "#":
                continue
            if ch == "*":
                out.append(("fill", (x + h, y + h, CELL - GAP, CELL - GAP), P.TARGET_FILL, 4))
                out.append(("ring", (x + h + 2, y + h + 2, CELL - GAP - 4, CELL - GAP - 4), P.TARGET_RING, 3))
                continue
            col = P.piece_colour(CODE[ch])
            same = lambda rr, cc: 0 <= rr < 7 and 0 <= cc < len(rows[rr]) and rows[rr][cc] == ch  # noqa: E731
            out.append(("fill", (x + h, y + h, CELL - GAP, CELL - GAP), col, 0))
            if same(r, c + 1):
                out.append(("fill", (x + CELL - h, y + h, GAP, CELL - GAP), col, 0))
            if same(r + 1, c):
                out.append(("fill", (x + h, y + CELL - h, CELL - GAP, GAP), col, 0))
            if same(r, c + 1) and same(r + 1, c) and same(r + 1, c + 1):
                out.append(("fill", (x + CELL - h, y + CELL - h, GAP, GAP), col, 0))
    return out


def svg() -> str:
    """The icon as SVG text (viewBox 0 0 256 256)."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" '
             f'viewBox="0 0 {SIZE} {SIZE}">',
             "  <title>Daily Drill (每日演兵)</title>"]
    for kind, (x, y, w, h), col, rad in shapes():
        r = f' rx="{rad:g}"' if rad else ""
        if kind == "fill":
            lines.append(f'  <rect x="{x:g}" y="{y:g}" width="{w:g}" height="{h:g}"{r} fill="{hexc(col)}"/>')
        else:
            lines.append(f'  <rect x="{x + 2:g}" y="{y + 2:g}" width="{w - 4:g}" height="{h - 4:g}"{r} '
                         f'fill="none" stroke="{hexc(col)}" stroke-width="4"/>')
    lines.append("</svg>")
    return "\n".join(lines) + "\n"


def png(size: int) -> pygame.Surface:
    """The icon as a ``size`` x ``size`` RGBA surface."""
    k = size * SCALE / SIZE
    big = pygame.Surface((size * SCALE, size * SCALE), pygame.SRCALPHA)
    for kind, (x, y, w, h), col, rad in shapes():
        rect = pygame.Rect(round(x * k), round(y * k), round((x + w) * k) - round(x * k),
                           round((y + h) * k) - round(y * k))
        width = 0 if kind == "fill" else max(1, round(4 * k))
        pygame.draw.rect(big, col, rect, width, border_radius=round(rad * k))
    return pygame.transform.smoothscale(big, (size, size))


def main(out_dir: str = HERE) -> None:
    """Write icon.svg and the PNGs into ``out_dir`` (default: next to this script)."""
    with open(os.path.join(out_dir, "icon.svg"), "w", encoding="utf-8", newline="\n") as f:
        f.write(svg())
    for n in PNG_SIZES:
        pygame.image.save(png(n), os.path.join(out_dir, f"icon-{n}.png"))
    print(f"wrote icon.svg and " + ", ".join(f"icon-{n}.png" for n in PNG_SIZES) + f" in {out_dir}")


if __name__ == "__main__":
    main(*sys.argv[1:2])
