"""game/lights_out/facts.py: what the daily ritual (:mod:`game.ritual`) needs to know about
the Flip scene: its game id, par, whether the deal is counted, where its cells are.

Reads the scene; changes nothing.
"""
from __future__ import annotations

from typing import Any

import pygame

from .. import i18n
from .. import palette as P
from ..ritual import Facts

MOUSE_ROWS = ("help_fclick",)
"""The help's mouse rows (i18n keys, "left\\tright")."""


def board_cells(scene: Any) -> tuple[pygame.Rect | None, list[tuple[pygame.Rect, P.Colour]]]:
    """The board's frame and every cell with its colour (window px)."""
    L = scene.get_layout()
    st = scene.state
    cells = [(L.cell_rect((r, c)), P.FLIP_LIT if st.is_lit(r, c) else P.FLIP_OFF)
             for r in range(scene.n) for c in range(scene.n)]
    return L.frame_rect, cells


def of(scene: Any) -> Facts:
    """The :class:`~game.ritual.Facts` of a :class:`~game.lights_out.scene.LightsOutScene`."""
    me = scene.midend

    def title(lang: str) -> str:
        return i18n.tr("mode_flip", lang)

    return Facts(mode="flip", title=title, kind="lights_out", dated=True, date=scene.date,
                 game_id=me.game_id, par=scene.par, counted=scene.daily, mouse_rows=MOUSE_ROWS,
                 board=lambda: board_cells(scene))
