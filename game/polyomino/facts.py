"""game/polyomino/facts.py: what the daily ritual (:mod:`game.ritual`) needs to know about
a polyomino scene: its mode, title, puzzle, grade, found solutions, where its pieces are.

Reads the scene; changes nothing.  While Daily Drill prepares a date's puzzle on the
solver thread, the first-run card shows a preview: that month's board with the
date's targets and the Classic pieces (no search needed).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

import pygame

from solver.board import date_targets, month_length_board
from solver.games.polyomino import CLASSIC_SET, Params, variant_of
from solver.model import Puzzle

from .. import i18n
from .. import palette as P
from ..finish import share_board
from ..ritual import Facts

MOUSE_ROWS = ("help_mouse", "mouse_turn")
"""The help's mouse rows (i18n keys, "left\\tright")."""
MOUSE_ROWS_NO_MIRROR = ("help_mouse", "mouse_turn_rot")
"""The same where pieces may not be turned over."""


def preview(scene: Any) -> Puzzle | None:
    """The puzzle in play, or while Daily Drill prepares it, that month's board and targets."""
    if scene.puzzle is not None:
        return scene.puzzle
    if scene.mode.dated:
        d = scene.date
        return Puzzle(month_length_board(d.year, d.month), CLASSIC_SET, date_targets(d), "preview")
    return None


@lru_cache(maxsize=32)
def variant_titles(params: Params) -> tuple[str, str] | None:
    """(Chinese, English) title of a variant mode's calendar edition, or None (not a variant,
    or its file cannot be read)."""
    try:
        v = variant_of(params)
    except (ValueError, OSError):
        return None
    return v.title_zh, v.title


def title_of(mode: Any, lang: str) -> str:
    """The name of a polyomino :class:`~game.polyomino.round.Mode` in ``lang``: its title key's
    words, or a calendar edition's own title."""
    if not isinstance(mode.title_key, str):  # a calendar edition's titles from its file
        return i18n.text_of(mode.title_key, lang)
    if not i18n.has(mode.title_key) and mode.params.mode.startswith("variant"):
        titles = variant_titles(mode.params)
        if titles is not None:
            return titles[0] if lang == "zh" else titles[1]
    return i18n.tr(mode.title_key, lang)


def board_cells(scene: Any) -> tuple[pygame.Rect | None, list[tuple[pygame.Rect, P.Colour]]]:
    """The board's frame and every covered cell with its piece's colour (window px)."""
    L = scene.layout
    if L is None or scene.round is None:
        return None, []
    cells = []
    colours = scene.round.colours
    for pl in scene.state.pieces:
        if pl is not None:
            cells += [(L.cell_rect(tuple(c)), colours.get(pl.formation, P.piece_colour(pl.formation)))
                      for c in pl.cells]
    return L.frame_rect, cells


def of(scene: Any) -> Facts:
    """The :class:`~game.ritual.Facts` of a :class:`~game.polyomino.scene.PolyominoScene`."""
    rnd = scene.round
    mode = scene.mode

    def title(lang: str) -> str:
        return title_of(mode, lang)

    return Facts(
        mode=scene.game_id.mode, title=title, kind="polyomino", dated=mode.dated, date=scene.date,
        game_id=scene.game_id, puzzle=preview(scene), info=rnd.facts.info if rnd else None,
        count=rnd.facts.count if rnd else None, found=len(scene.found()),
        mouse_rows=MOUSE_ROWS if scene.puzzle is None or scene.puzzle.mirror else MOUSE_ROWS_NO_MIRROR,
        board=lambda: board_cells(scene),
        share_board=lambda: share_board(scene.puzzle, scene.state.pieces) if scene.round else None)
