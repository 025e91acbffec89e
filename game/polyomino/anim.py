"""game/polyomino/anim.py: the hint, the Solve fly-in and the search replay, as clocks.

Animations are UI state (:class:`~game.polyomino.ui.Ui`).  :func:`advance` moves
their clocks by ``dt_s`` seconds and returns the moves that are now due, with their
mid-end kind: a hint is shown for :data:`~game.polyomino.ui.HINT_SHOW_S` seconds and
then placed (HINT); each flying piece lands (SOLVE); the replay, once every trace
event was shown, places the solution it found (SOLVE).  The scene plays them
through the mid end, so everything an animation places can be undone.
"""
from __future__ import annotations

from typing import Any

from solver.games.polyomino import Place, State, solution_moves
from solver.model import Placement

from ..midend import Kind
from .ui import FLY_S, HINT_SHOW_S, TRACE_RATE, Flight, Replay, Ui


def start_hint(ui: Ui, state: State, placement: Placement) -> Place | None:
    """Show ``placement`` (from the solver) as a hint; returns its assisted move, or None
    when no free tray piece has that shape."""
    moves = solution_moves(state, (*state.placed, placement))
    if not moves:
        return None
    ui.hint = (moves[0], placement)
    ui.hint_t = HINT_SHOW_S
    return moves[0]


def start_flights(ui: Ui, state: State, solution: tuple[Placement, ...]) -> None:
    """Fly in the pieces ``solution`` (a full solution, the placed pieces first) adds."""
    for mv in solution_moves(state, solution):
        ui.flights.append(Flight(mv, mv.placement(state.puzzle)))


def start_replay(ui: Ui, state: State, trace: list[Any], solution: tuple[Placement, ...]) -> None:
    """Play back the search ``trace``; ``solution`` is placed when it ends."""
    ui.replay = Replay(list(trace), solution_moves(state, solution))


def advance(ui: Ui, dt_s: float) -> list[tuple[Place, Kind]]:
    """Move the animation clocks on by ``dt_s`` seconds; returns the moves now due."""
    due: list[tuple[Place, Kind]] = []
    if ui.hint is not None:
        ui.hint_t -= dt_s
        if ui.hint_t <= 0:
            due.append((ui.hint[0], Kind.HINT))
            ui.hint = None
    if ui.flights:
        f = ui.flights[0]
        f.t += dt_s * ui.speed
        if f.t >= FLY_S:
            ui.flights.pop(0)
            due.append((f.move, Kind.SOLVE))
    if ui.replay is not None:
        due += _step_replay(ui, ui.replay, dt_s)
    return due


def _step_replay(ui: Ui, rp: Replay, dt_s: float) -> list[tuple[Place, Kind]]:
    if rp.paused:  # only single steps move a paused replay on
        rp.acc = float(rp.steps)
        rp.steps = 0
    else:
        rp.acc += dt_s * TRACE_RATE * ui.speed
    while rp.acc >= 1.0 and rp.i < len(rp.events):
        rp.acc -= 1.0
        ev = rp.events[rp.i]
        rp.i += 1
        if ev.kind == "place":
            rp.overlay[ev.level] = ev.placement
            rp.dead = ()
        elif ev.kind == "remove":
            rp.overlay.pop(ev.level, None)
        elif ev.kind == "dead":
            rp.dead = tuple(ev.region)
    if rp.i < len(rp.events):
        return []
    ui.replay = None
    return [(mv, Kind.SOLVE) for mv in rp.moves]


def flight_frame(f: Flight) -> float:
    """How far ``f`` has flown, 0..1, eased (ease-out cubic)."""
    k = min(1.0, f.t / FLY_S)
    return 1 - (1 - k) ** 3
