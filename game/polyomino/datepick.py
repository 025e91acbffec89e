"""game/polyomino/datepick.py: choosing the date by clicking the board, only on purpose.

A click on a board cell never changes the date by itself.  The player first arms the
pick (G, or the "pick the date on the board" button: the ``pick_date`` command, which
toggles it); then the next click on a month, day or weekday cell (or Enter/Space on
the keyboard cursor) plays that date, with the month or day kept from the current
date (:func:`game.dates.date_for_label`).  Esc, or a click off the board, disarms it.
The change goes through :func:`game.dates.choose`, so it can be taken back in one
action (J, or the "back to ..." button that shows for a few seconds).

UI state only: the armed flag lives in the scene's :class:`~game.dates.DateNav`.
"""
from __future__ import annotations

from typing import Any

import pygame

from .. import dates
from ..i18n import msg


def toggle(scene: Any) -> None:
    """Arm the pick (the next click on the board chooses the date), or disarm it."""
    nav = scene.nav
    nav.armed = not nav.armed
    scene.ui.say(msg("pick_armed" if nav.armed else "pick_cancelled"), ttl=1e9 if nav.armed else 3.0)


def pick(scene: Any, cell: tuple[int, int]) -> bool:
    """Play the date that board ``cell`` (row, col) names; disarms the pick.  Returns True when
    the date changed (a cell that names no date, or no existing date, says so instead)."""
    scene.nav.armed = False
    board = scene.puzzle.board
    day = dates.date_for_label(scene.date, board.label(cell))
    if day is None:
        scene.say(msg("pick_not_date"))
        return False
    if day == scene.date:
        scene.say(msg("date_now", date=dates.DateWords(day)))
        return False
    return dates.choose(scene, day)


def on_event(scene: Any, ev: pygame.event.Event, cmd: str | None) -> bool:
    """An event while the pick is armed; returns True when it was used up here.

    Esc disarms; Enter/Space picks the keyboard cursor's cell; a left click on the board
    picks that cell; a left click anywhere else disarms and then does what it always does.
    """
    L = scene.layout
    if cmd == "cancel":
        scene.nav.armed = False
        scene.say(msg("pick_cancelled"))
        return True
    if cmd == "activate":
        pick(scene, scene.ui.cursor)
        return True
    if ev.type == pygame.MOUSEBUTTONDOWN and ev.button == 1:
        cell = L.px_to_cell(ev.pos)
        if cell is None:
            scene.nav.armed = False
            scene.ui.message_ttl = 0.0
            return False
        pick(scene, cell)
        return True
    return False
