"""game/polyomino/ui.py: the polyomino scene's UI state (Tatham's ``game_ui``).

Everything here fails Tatham's test "would a player expect this restored on undo?":
the piece in hand, the tray orientations, the keyboard cursor, hover, messages, the
animations and their clocks, the solution being browsed.  It is never undone and
never saved; the position itself lives in the mid end (:class:`game.midend.MidEnd`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from solver.games.polyomino import Place
from solver.model import Placement

from .. import palette as P
from ..i18n import Msg
from ..settings import SPEEDS

FLY_S = 0.3
"""Seconds each solver piece takes to fly in at speed x1."""
HINT_SHOW_S = 0.9
"""Seconds a hint is shown highlighted before it is placed."""
TRACE_RATE = 24.0
"""Search-replay events per second at speed x1."""
BANNER_S = 4.0
"""Seconds the "solved" banner stays over the board (the status line keeps saying it)."""
FLASH_S = 1.2
"""Seconds of the light flash when the board is completed."""
DEAD_S = 6.0
"""Seconds the pieces that make a position dead stay outlined."""


@dataclass
class Drag:
    """A piece in the hand.

    Attributes:
        slot: tray slot being moved.
        orientation: current orientation index.
        gx: grab point, columns from the piece's bounding-box left (fractional cells).
        gy: grab point, rows from the bounding-box top (fractional cells).
        pos: last pointer position (pixels).
        from_board: True when the piece was picked up from the board.
        keyboard: True for keyboard play (the piece sits at ``anchor``, no pointer).
        anchor: keyboard play: board (row, col) of the bounding-box top-left.
    """

    slot: int
    orientation: int
    gx: float
    gy: float
    pos: tuple[int, int]
    from_board: bool = False
    keyboard: bool = False
    anchor: tuple[int, int] = (0, 0)


@dataclass
class Flight:
    """A solver piece flying from its tray slot to the board (the Solve animation).

    Attributes:
        move: the assisted :class:`Place` played when it lands.
        placement: where it lands.
        t: seconds flown (at speed x1).
    """

    move: Place
    placement: Placement
    t: float = 0.0

    @property
    def slot(self) -> int:
        """The tray slot of the flying piece."""
        return self.move.slot


@dataclass
class Replay:
    """The search replay ("Show search"): the solver's trace played back step by step.

    Attributes:
        events: the :class:`solver.search.TraceEvent` list.
        moves: the assisted moves that place the found solution at the end.
        i: events shown so far.  acc: events due (fractional).
        overlay: search level -> placement shown.  dead: cells of a dead region shown.
        paused: only single steps move it on.  steps: single steps asked for.
    """

    events: list[Any]
    moves: list[Place]
    i: int = 0
    acc: float = 0.0
    overlay: dict[int, Placement] = field(default_factory=dict)
    dead: tuple = ()
    paused: bool = False
    steps: int = 0


@dataclass
class Ui:
    """Non-undoable interface state of one puzzle (see the module docstring).

    Attributes:
        tray_orient: per tray slot, the orientation it shows (and is picked up in).
        drag: the piece in hand, or None.  mouse: last pointer position (pixels).
        hover_button: button under the pointer.  cursor: keyboard cursor cell.
        keyboard_used: the cursor is shown once the keyboard was used.
        message, message_colour, message_ttl: the status line (an i18n message) and
            how many more seconds it shows.
        hint: (the assisted move, its placement) shown before it is placed; hint_t:
            seconds left.
        dead_slots, dead_t: pieces outlined as the cause of a dead position.
        flights: the Solve fly-in, first one moving.  replay: the search replay.
        speed_i: index into :data:`SPEEDS`.
        flash_s: the completion flash, seconds left.  banner_t: seconds since completion.
        solved_seen: the board is shown as completed.  solved_by_solver: Solve finished it.
        browse_i: which found solution is shown (None: the position in play).
    """

    tray_orient: list[int]
    drag: Drag | None = None
    mouse: tuple[int, int] = (0, 0)
    hover_button: str | None = None
    cursor: tuple[int, int] = (0, 0)
    keyboard_used: bool = False
    message: Msg | None = None
    message_colour: P.Colour = P.TEXT_SOFT
    message_ttl: float = 0.0
    hint: tuple[Place, Placement] | None = None
    hint_t: float = 0.0
    dead_slots: tuple[int, ...] = ()
    dead_t: float = 0.0
    flights: list[Flight] = field(default_factory=list)
    replay: Replay | None = None
    speed_i: int = 3
    flash_s: float = 0.0
    banner_t: float = BANNER_S
    solved_seen: bool = False
    solved_by_solver: bool = False
    browse_i: int | None = None

    @property
    def speed(self) -> float:
        """The animation speed multiplier."""
        return SPEEDS[self.speed_i]

    @property
    def animating(self) -> bool:
        """True while a hint, a fly-in or the search replay plays (input to the board waits)."""
        return bool(self.flights or self.replay or self.hint)

    def say(self, message: Msg | None, colour: P.Colour = P.TEXT_SOFT, ttl: float = 4.0) -> None:
        """Show ``message`` on the status line for ``ttl`` seconds."""
        self.message, self.message_colour, self.message_ttl = message, colour, ttl

    def tick(self, dt_s: float) -> None:
        """Count the message, flash, banner and dead-outline clocks down by ``dt_s`` seconds."""
        self.message_ttl = max(0.0, self.message_ttl - dt_s)
        self.flash_s = max(0.0, self.flash_s - dt_s)
        self.banner_t = min(BANNER_S, self.banner_t + dt_s) if self.solved_seen else BANNER_S
        self.dead_t = max(0.0, self.dead_t - dt_s)
        if not self.dead_t:
            self.dead_slots = ()

    def stop_animations(self) -> None:
        """Drop the hint, the fly-in and the replay (nothing they would place is placed)."""
        self.flights.clear()
        self.replay = None
        self.hint = None
