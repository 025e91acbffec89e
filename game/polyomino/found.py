"""game/polyomino/found.py: browsing the boards the player found by hand (UI state only).

The found solutions of a game id come from the statistics
(:meth:`game.stats.Stats.found`, solution keys of :func:`game.stats.solution_key`);
browsing them shows one over the board without touching the position in play.
"""
from __future__ import annotations

from typing import Iterable

import pygame

from solver.games.polyomino import State
from solver.model import Placement, Puzzle

from .. import palette as P
from ..i18n import msg
from ..stats import parse_solution_key, solution_key
from .ui import Ui


def solution_text(state: State) -> str:
    """The solved board as a :func:`~game.stats.solution_key` (the mid end's ``solution_text``)."""
    return solution_key((pl.formation, *pl.orientation()) for pl in state.placed)


def placements(puzzle: Puzzle, key: str) -> tuple[Placement, ...]:
    """A found solution's placements (pieces that do not fit ``puzzle`` are left out)."""
    out = []
    try:
        for code, o, r, c in parse_solution_key(key):
            out.append(puzzle.placement(code, o, r, c))
    except (ValueError, KeyError, IndexError):
        pass
    return tuple(out)


def shown(state: State, ui: Ui, found: tuple[str, ...]) -> tuple[Placement | None, ...]:
    """What the board shows: the browsed solution, or the pieces of the current state."""
    if ui.browse_i is not None and found:
        return placements(state.puzzle, found[ui.browse_i % len(found)])
    return state.pieces


def browse(ui: Ui, found: tuple[str, ...], step: int = 0) -> None:
    """Start browsing (``step`` 0) or move ``step`` solutions on; says which one is shown."""
    if not found:
        ui.say(msg("browse_none"))
        ui.browse_i = None
        return
    ui.drag = None
    ui.browse_i = 0 if ui.browse_i is None else (ui.browse_i + step) % len(found)
    ui.say(msg("browse", i=ui.browse_i + 1, k=len(found)), P.TEXT, 1e9)


def toggle(ui: Ui, found: tuple[str, ...]) -> None:
    """The Found button (V): start browsing, or go back to play."""
    if ui.browse_i is None:
        browse(ui, found)
    else:
        stop(ui)


def stop(ui: Ui) -> None:
    """Back to the position in play."""
    if ui.browse_i is not None:
        ui.browse_i = None
        ui.message_ttl = 0.0


def browse_event(ui: Ui, found: tuple[str, ...], ev: pygame.event.Event, cmd: str | None, layout: object,
                 pills: Iterable[pygame.Rect]) -> bool:
    """An event while a found solution is shown: arrows browse; the overlay, language and
    Found keys and buttons work as always; anything else goes back to play (a click on a
    button still runs it).  Returns True when the event was used up here."""
    if cmd in ("help", "stats", "calendar", "settings", "browse", "lang"):
        return False
    if ev.type == pygame.KEYDOWN:
        if cmd in ("left", "up", "right", "down"):
            browse(ui, found, -1 if cmd in ("left", "up") else 1)
        else:
            stop(ui)
        return True
    if ev.type == pygame.MOUSEBUTTONDOWN:
        if any(r.collidepoint(ev.pos) for r in pills):
            return False  # the Found button itself stops browsing
        stop(ui)
        return layout.button_at(ev.pos) is None
    return False
