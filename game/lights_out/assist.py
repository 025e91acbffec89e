"""game/lights_out/assist.py: Hint and Solve in Flip.

The GF(2) solver (``solver.games.lights_out.GAME.hint`` / ``solve``: elimination,
cached per board size) is fast enough for the UI thread, so, unlike the polyomino
scene's :mod:`game.polyomino.assist`, nothing goes to the worker.
Either makes the game assisted through the mid end (:meth:`MidEnd.note_assist`); the
presses themselves are played later, by the player (Hint) or by the Solve animation
(:mod:`.anim`).
"""
from __future__ import annotations

from typing import Any

from solver.games.lights_out import GAME

from ..i18n import msg
from .ui import SOLVE_STEP_S, Ui


def hint(midend: Any, ui: Ui) -> bool:
    """Mark one cell of a fewest-press solution (the game becomes assisted); False when
    the board is solved already."""
    state = midend.state
    if state.is_solved:
        ui.status = msg("already_solved")
        return False
    mv = GAME.hint(state)
    if mv is None:  # cannot happen for dealt boards (always solvable); stay safe
        ui.status = msg("no_solution")
        return False
    midend.note_assist("hint")
    ui.hint_cell = ui.cursor = (mv.row, mv.col)
    ui.status = msg("hint_cell")
    return True


def solve(midend: Any, ui: Ui) -> bool:
    """Queue the fewest assisted presses from the current pattern (the game becomes
    assisted); :func:`.anim.advance` hands them out.  False when solved already."""
    state = midend.state
    if state.is_solved:
        ui.status = msg("already_solved")
        return False
    queue = GAME.solve(state) or []
    if not queue:
        ui.status = msg("no_solution")
        return False
    midend.note_assist("solve")
    ui.solve_queue, ui.solve_clock = queue, SOLVE_STEP_S  # the first press on the next update
    ui.status = msg("solving")
    ui.hint_cell = (queue[0].row, queue[0].col)
    return True
