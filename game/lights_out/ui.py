"""game/lights_out/ui.py: the Flip scene's UI state (Tatham's ``game_ui``).

Never undone, never saved: the keyboard cursor, hover, the cell Hint marks, the
presses the Solve animation still has to make, the cells turning over, the solved
flash and the status line.  The position (lit cells, presses made, ``cheated``) is
the back end's :class:`~solver.games.lights_out.State` in the mid end.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from solver.games.lights_out import Press

from ..i18n import Msg, msg
from ..settings import SPEEDS

SOLVE_STEP_S = 0.45
"""Seconds between two presses of the Solve animation at speed x1."""
FLIP_ANIM_S = 0.18
"""Seconds a cell takes to turn over after a press."""
SOLVED_FLASH_S = 1.2
"""Seconds of the "solved" flash."""


@dataclass
class CellAnim:
    """A cell turning over: ``age_s`` seconds since the press, ``to_lit`` its new colour."""

    age_s: float
    to_lit: bool


@dataclass
class Ui:
    """See the module docstring.

    Attributes:
        cursor: keyboard cursor cell.  hover_cell, hover_button: under the pointer.
        hint_cell: the cell Hint marks (or the Solve animation's next press).
        solve_queue: assisted presses the Solve animation still plays; solve_clock: seconds
            since its last press.
        anims: cells turning over.  flash_s: the solved flash, seconds left.
        status: the status line (an i18n message), None for none.
        speed_i: index into :data:`~game.settings.SPEEDS`.
    """

    cursor: tuple[int, int] = (0, 0)
    hover_cell: tuple[int, int] | None = None
    hover_button: str | None = None
    hint_cell: tuple[int, int] | None = None
    solve_queue: list[Press] = field(default_factory=list)
    solve_clock: float = 0.0
    anims: dict[tuple[int, int], CellAnim] = field(default_factory=dict)
    flash_s: float = 0.0
    status: Msg | None = field(default_factory=lambda: msg("goal"))
    speed_i: int = 3

    @property
    def speed(self) -> float:
        """The animation speed multiplier."""
        return SPEEDS[self.speed_i]

    @property
    def animating(self) -> bool:
        """Cells turning, the Solve animation or the flash."""
        return bool(self.anims or self.solve_queue or self.flash_s > 0)
