"""The back ends, one module per kind of game (pure: no pygame, no files, no clocks).

Each module exposes ``GAME``, an object satisfying :class:`solver.games.protocol.Game`.
:data:`GAMES` lists them by name; a new kind of game is one module and one line here.
"""
from __future__ import annotations

from . import lights_out, polyomino
from .protocol import Game

GAMES: dict[str, Game] = {
    polyomino.GAME.name: polyomino.GAME,
    lights_out.GAME.name: lights_out.GAME,
}
"""Every back end by name."""
