"""game/polyomino/input.py: events and play commands -> a move, a command, or a UI change.

Tatham's ``interpret_move``: each function reads the state and the layout, may
change the UI state (:class:`~game.polyomino.ui.Ui`: the piece in hand, the tray
orientations, the cursor) and returns one of

* a back-end move (:class:`~solver.games.polyomino.Place` or ``Lift``), which the
  scene plays through the mid end;
* a :class:`Command` (a button was clicked, Esc asks to stop an animation), which the
  scene runs;
* an :class:`~game.i18n.Msg` to show (why a drop is illegal);
* None: nothing else to do.

It never changes the game state.  A click on an empty board cell does nothing (it
used to jump to another date; choosing a date is the buttons', keys' and calendar's
job).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Union

import pygame

from solver.games.polyomino import Lift, Place, State
from solver.model import Placement

from ..i18n import Msg, Name, msg
from ..widgets.layout import Layout
from .ui import Drag, Ui


@dataclass(frozen=True, slots=True)
class Command:
    """A command for the scene to run (a button's name, or ``"stop"``)."""

    name: str


Result = Union[Place, Lift, Command, Msg, None]

PLAY_COMMANDS = frozenset({"rotate", "rotate_back", "mirror", "tab_next", "tab_prev", "up", "down", "left",
                           "right", "activate", "lift", "cancel"} | {f"pick_{i}" for i in range(1, 10)})
"""Key commands handled here (the rest are the scene's)."""

WHY = {"off the board": "why_off", "on a blocked cell": "why_blocked", "on a target cell": "why_target",
       "on another piece": "why_piece", "turned over": "why_turned"}
"""The back end's reasons (:meth:`State.check_place`) -> :mod:`game.i18n` keys."""


def _cells(state: State, slot: int, orientation: int) -> tuple[tuple[int, int], ...]:
    return state.puzzle.pieces[slot].orientations[orientation]


def keep_on_board(state: State, d: Drag) -> None:
    """Move the keyboard piece ``d`` (its ``anchor``, the bounding-box top-left) the least
    that puts every cell of its orientation inside the board's bounding box, and the
    cursor onto its top-left cell.  A mouse drag is left alone (the pointer leads)."""
    if not d.keyboard:
        return
    cells = _cells(state, d.slot, d.orientation)
    h = max(r for r, _ in cells) + 1
    w = max(c for _, c in cells) + 1
    b = state.puzzle.board
    r, c = d.anchor
    d.anchor = (max(0, min(b.height - h, r)), max(0, min(b.width - w, c)))


def anchor(d: Drag, L: Layout) -> tuple[int, int]:
    """Board (row, col) where the piece in hand would go (bounding-box top-left)."""
    if d.keyboard:
        return d.anchor
    fx, fy = L.px_to_cellf(d.pos)
    return math.floor(fy - d.gy + 0.5), math.floor(fx - d.gx + 0.5)


def ghost(state: State, ui: Ui, L: Layout) -> tuple[Placement, bool] | None:
    """The snapped preview of the piece in hand and whether dropping it there is legal.

    None when nothing is in hand, or the piece is entirely off the board, or the
    pointer is well away from the board.
    """
    d = ui.drag
    if d is None:
        return None
    r, c = anchor(d, L)
    pl = Placement.at(state.puzzle.pieces[d.slot], d.orientation, r, c)
    b = state.puzzle.board
    if not any(0 <= rr < b.height and 0 <= cc < b.width for rr, cc in pl.cells):
        return None
    if not d.keyboard and not L.frame_rect.inflate(L.cell, L.cell).collidepoint(d.pos):
        return None
    return pl, state.check_place(d.slot, pl) is None


def why(state: State, d: Drag, L: Layout) -> Msg:
    """Why the piece in hand cannot be dropped where it is (a message)."""
    r, c = anchor(d, L)
    pl = Placement.at(state.puzzle.pieces[d.slot], d.orientation, r, c)
    reason = state.check_place(d.slot, pl) or ""
    return msg("cannot_place", name=Name(pl.shape), why=msg(WHY.get(reason, "why_off")))


def on_mouse(ev: pygame.event.Event, state: State, ui: Ui, L: Layout, locked: bool) -> Result:
    """A mouse event (``ev.pos`` in pixels).  ``locked``: an animation plays or a found
    solution is shown, so the board takes no piece."""
    if ev.type == pygame.MOUSEMOTION:
        ui.mouse = ev.pos
        ui.hover_button = L.button_at(ev.pos)
        if ui.drag is not None and not ui.drag.keyboard:
            ui.drag.pos = ev.pos
        return None
    if ev.type == pygame.MOUSEBUTTONDOWN:
        ui.mouse = ev.pos
        if ev.button == 1:
            return _press(ev.pos, state, ui, L, locked)
        if ev.button in (2, 3):
            return turn(state, ui, L, rotate=ev.button == 3, locked=locked)
        return None
    if ev.type == pygame.MOUSEBUTTONUP:
        ui.mouse = ev.pos
        if ev.button == 1 and ui.drag is not None and not ui.drag.keyboard:
            ui.drag.pos = ev.pos
            return drop(state, ui, L)
        return None
    if ev.type == pygame.MOUSEWHEEL and ev.y:
        return turn(state, ui, L, rotate=True, turns=1 if ev.y < 0 else 3, locked=locked)
    return None


def _press(pos: tuple[int, int], state: State, ui: Ui, L: Layout, locked: bool) -> Result:
    btn = L.button_at(pos)
    if btn is not None:
        return Command(btn)
    if locked:
        return None
    cell = L.px_to_cell(pos)
    if cell is not None:
        slot = state.occupant(cell)
        if slot is not None:
            o, r0, c0 = state.pieces[slot].orientation()
            fx, fy = L.px_to_cellf(pos)
            ui.drag = Drag(slot, o, fx - c0, fy - r0, pos, from_board=True)
        return None  # an empty cell: nothing (never a change of date)
    slot = L.slot_at(pos)
    if slot is not None and state.pieces[slot] is None:
        o = ui.tray_orient[slot]
        cells = _cells(state, slot, o)
        ox, oy = L.tray_piece_origin(slot, cells)
        h = max(r for r, _ in cells) + 1
        w = max(c for _, c in cells) + 1
        gx = min(max((pos[0] - ox) / L.tray_cell, 0.5), w - 0.5)
        gy = min(max((pos[1] - oy) / L.tray_cell, 0.5), h - 0.5)
        ui.drag = Drag(slot, o, gx, gy, pos)
    return None


def turn(state: State, ui: Ui, L: Layout, rotate: bool, turns: int = 1, locked: bool = False) -> Result:
    """Rotate (``turns`` quarter turns clockwise) or mirror the piece in hand, else the tray
    piece under the pointer.  Under the rotations-only rule mirroring is refused (a message)."""
    shape_of = state.puzzle.pieces
    if not rotate and not state.puzzle.mirror:
        return msg("why_turned") if ui.drag is not None or L.slot_at(ui.mouse) is not None else None
    d = ui.drag
    if d is not None:
        shape = shape_of[d.slot]
        cells = shape.orientations[d.orientation]
        for _ in range(turns if rotate else 1):
            h = max(r for r, _ in cells) + 1
            w = max(c for _, c in cells) + 1
            if rotate:
                d.orientation = shape.rotate(d.orientation, 1)
                d.gx, d.gy = h - d.gy, d.gx
            else:
                d.orientation = shape.mirror(d.orientation)
                d.gx = w - d.gx
            cells = shape.orientations[d.orientation]
        if not d.from_board:
            ui.tray_orient[d.slot] = d.orientation
        keep_on_board(state, d)
        return None
    slot = L.slot_at(ui.mouse)
    if slot is not None and state.pieces[slot] is None and not locked:
        o = ui.tray_orient[slot]
        shape = shape_of[slot]
        ui.tray_orient[slot] = shape.rotate(o, turns) if rotate else shape.mirror(o)
    return None


def drop(state: State, ui: Ui, L: Layout) -> Result:
    """Let go of the piece in hand: a Place where the preview is legal, a Lift when a board
    piece is dropped off the board, a message when the preview is illegal."""
    d = ui.drag
    if d is None:
        return None
    g = ghost(state, ui, L)
    if d.keyboard and (g is None or not g[1]):
        return why(state, d, L)  # keyboard play: the piece stays in hand
    if g is not None and not g[1]:
        ui.drag = None
        return why(state, d, L)
    ui.drag = None
    if g is not None:
        r, c = anchor(d, L)
        if not d.from_board:
            ui.tray_orient[d.slot] = d.orientation
        return Place(d.slot, d.orientation, r, c)
    if d.from_board:
        ui.tray_orient[d.slot] = d.orientation
        return Lift(d.slot)
    return None


def on_command(name: str, state: State, ui: Ui, L: Layout, locked: bool) -> Result:
    """A play command from the key map (:data:`PLAY_COMMANDS`)."""
    if name in ("rotate", "rotate_back", "mirror"):
        return turn(state, ui, L, rotate=name != "mirror", turns=3 if name == "rotate_back" else 1, locked=locked)
    if name == "cancel":
        if ui.drag is not None:
            ui.drag = None
            return None
        return Command("stop")
    if locked:
        return None
    if name.startswith("pick_"):
        slot = int(name[5:]) - 1
        if slot < len(state.pieces) and state.pieces[slot] is None:
            ui.drag = Drag(slot, ui.tray_orient[slot], 0.5, 0.5, ui.mouse, keyboard=True, anchor=ui.cursor)
            keep_on_board(state, ui.drag)
        return None
    if name in ("tab_next", "tab_prev"):
        return tab_pick(state, ui, 1 if name == "tab_next" else -1)
    if name in ("up", "down", "left", "right"):
        _arrow(name, state, ui)
        return None
    if name == "activate":
        if ui.drag is not None and ui.drag.keyboard:
            return drop(state, ui, L)
        slot = state.occupant(ui.cursor)
        if slot is not None:
            o, r0, c0 = state.pieces[slot].orientation()
            ui.drag = Drag(slot, o, 0.5, 0.5, ui.mouse, from_board=True, keyboard=True, anchor=(r0, c0))
        return None  # an empty cell: nothing (never a change of date)
    if name == "lift":
        slot = state.occupant(ui.cursor)
        return Lift(slot) if slot is not None else None
    return None


def _arrow(name: str, state: State, ui: Ui) -> None:
    dr, dc = {"up": (-1, 0), "down": (1, 0), "left": (0, -1), "right": (0, 1)}[name]
    b = state.puzzle.board
    ui.keyboard_used = True
    if ui.drag is not None and ui.drag.keyboard:
        r, c = ui.drag.anchor
        ui.drag.anchor = (r + dr, c + dc)
        keep_on_board(state, ui.drag)  # the piece stops at the edge: every cell stays on the board
        ui.cursor = ui.drag.anchor
    else:
        r, c = ui.cursor
        ui.cursor = (max(0, min(b.height - 1, r + dr)), max(0, min(b.width - 1, c + dc)))


def tab_pick(state: State, ui: Ui, step: int) -> Result:
    """Take the next (``step`` 1) or previous (-1) tray piece in hand for keyboard play;
    returns a message naming it."""
    free = list(state.free_slots)
    if not free:
        return None
    cur = ui.drag.slot if ui.drag is not None and not ui.drag.from_board else None
    if cur is None:
        slot = free[0] if step > 0 else free[-1]
    else:
        later = [s for s in free if (s - cur) * step > 0]
        slot = min(later, key=lambda s: abs(s - cur)) if later else (free[0] if step > 0 else free[-1])
    at = ui.drag.anchor if ui.drag is not None and ui.drag.keyboard else ui.cursor
    ui.keyboard_used = True
    ui.drag = Drag(slot, ui.tray_orient[slot], 0.5, 0.5, ui.mouse, keyboard=True, anchor=at)
    keep_on_board(state, ui.drag)
    return msg("tray_pick", k=slot + 1, name=Name(state.puzzle.pieces[slot]))
