"""game/lights_out/input.py: events and key commands -> a press, a command, or a UI change.

Tatham's ``interpret_move`` for Flip: a click on a cell (or Enter/Space on the
cursor) is a :class:`~solver.games.lights_out.Press`; a click on a button is a
:class:`Command`; arrows move the cursor (UI state only).  The game state is never
changed here.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Union

import pygame

from solver.games.lights_out import Press

from ..widgets.layout import Layout
from .ui import Ui

PLAY_COMMANDS = frozenset({"up", "down", "left", "right", "activate"})
"""Key commands handled here (the rest are the scene's)."""


@dataclass(frozen=True, slots=True)
class Command:
    """A command for the scene to run (a button's name)."""

    name: str


Result = Union[Press, Command, None]


def on_mouse(ev: pygame.event.Event, ui: Ui, L: Layout) -> Result:
    """A mouse event (``ev.pos`` in pixels)."""
    if ev.type == pygame.MOUSEMOTION:
        ui.hover_cell = L.px_to_cell(ev.pos)
        ui.hover_button = L.button_at(ev.pos)
        return None
    if ev.type == pygame.MOUSEBUTTONDOWN and ev.button == 1:
        key = L.button_at(ev.pos)
        if key is not None:
            return Command(key)
        cell = L.px_to_cell(ev.pos)
        if cell is not None:
            ui.cursor = cell
            return Press(*cell)
    return None


def on_command(name: str, ui: Ui, n: int) -> Result:
    """A key command of :data:`PLAY_COMMANDS` on an ``n`` x ``n`` board (the cursor wraps)."""
    if name == "activate":
        return Press(*ui.cursor)
    dr, dc = {"up": (-1, 0), "down": (1, 0), "left": (0, -1), "right": (0, 1)}[name]
    ui.cursor = ((ui.cursor[0] + dr) % n, (ui.cursor[1] + dc) % n)
    return None
