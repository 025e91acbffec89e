"""game/lights_out/anim.py: the Flip scene's animations, as clocks in its UI state.

Cells turn over after a press (:func:`turn`, :data:`~.ui.FLIP_ANIM_S`), the board
flashes when solved, and Solve plays the fewest assisted presses one by one
(:data:`~.ui.SOLVE_STEP_S` apart at speed x1).  :func:`advance` moves the clocks and
yields the presses that are due; the scene plays each through the mid end (kind
SOLVE), so what the animation presses can be undone.  UI state only.
"""
from __future__ import annotations

from typing import Iterator

from solver.games.lights_out import Press, State

from .ui import FLIP_ANIM_S, SOLVE_STEP_S, CellAnim, Ui


def turn(ui: Ui, old: State, new: State, reduce_motion: bool) -> None:
    """Start turning over every cell whose colour changed from ``old`` to ``new`` (with
    ``reduce_motion`` they swap at once); forget a "solved" status that was undone."""
    for cell in range(0 if reduce_motion else new.w * new.h):
        if (old.lit ^ new.lit) >> cell & 1:
            r, c = divmod(cell, new.w)
            ui.anims[(r, c)] = CellAnim(0.0, new.is_lit(r, c))
    if not new.is_solved and ui.status is not None and ui.status.key.startswith("solved"):
        ui.status = None


def advance(ui: Ui, dt_s: float) -> Iterator[Press]:
    """Move the clocks by ``dt_s`` seconds; yields each Solve press that is due, in order
    (play it before taking the next: the mark moves on to the following press then).
    Consume it whole."""
    for cell in list(ui.anims):
        ui.anims[cell].age_s += dt_s
        if ui.anims[cell].age_s >= FLIP_ANIM_S:
            del ui.anims[cell]
    ui.flash_s = max(0.0, ui.flash_s - dt_s)
    if ui.solve_queue:
        ui.solve_clock += dt_s * ui.speed
        while ui.solve_queue and ui.solve_clock >= SOLVE_STEP_S:
            ui.solve_clock -= SOLVE_STEP_S
            yield ui.solve_queue.pop(0)
            nxt = ui.solve_queue[0] if ui.solve_queue else None
            ui.hint_cell = (nxt.row, nxt.col) if nxt else None
