"""game/puzzle_scene.py: the polyomino play scene, generic over any :class:`Puzzle`.

Classic (today's date on the 7 x 7 calendar), Daily Drill (month-length board and
a daily multiset) and custom puzzle files all use :class:`PuzzleScene`; only the
``Puzzle`` differs.  Any board up to 64 cells and any multiset of formations
works; repeated formations are separate tray pieces (slots).

Data is sorted with Tatham's test "restored on undo?": the :class:`~game.state.State`
(in the :class:`~game.session.Session`) holds the pieces on the board; :class:`Ui`
holds the drag, tray orientations, highlights and animations; the renderer
(:mod:`game.render`) only reads both.  Input (:meth:`PuzzleScene.handle_event`)
turns events into moves for :meth:`Session.do`.  Hint and Solve go to the
:class:`~game.worker.SolverWorker` and come back as assisted ``Place`` moves.
"""
from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass, field
from typing import Any, Callable

import pygame

from solver.board import InvalidPuzzleError
from solver.model import Placement, Puzzle

from . import i18n
from . import palette as P
from .experience import PlayerExtras
from .geometry import Layout
from .render import (DrawCache, blit_center, draw_banner, draw_board, draw_button, draw_placed,
                     draw_target_rings, fit_text, piece_image, text_surface)
from .scene import FIRST_DATE, LAST_DATE, Context, Scene
from .session import Session
from solver.games.polyomino import (IllegalMoveError, Lift, Place, Reset, State, parse_move, place_move,
                                    slot_for)

FLY_S = 0.3
"""Seconds each solver piece takes to fly in at speed x1."""
HINT_SHOW_S = 0.9
"""Seconds a hint is shown highlighted before it is placed."""
TRACE_RATE = 24.0
"""Search-replay events per second at speed x1."""
BANNER_S = 4.0
"""Seconds the "solved" banner stays over the board (the status line keeps saying it)."""
SPEEDS = (0.125, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 32.0, 256.0)
"""Animation speed multipliers, cycled by the Speed button (and + / -): from slow
single steps (3 search events a second at x0.125) to practically instant (x256)."""

BUTTONS = ("hint", "solve", "search", "reset", "undo", "redo", "speed", "prev", "next", "lang")


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
        anchor: keyboard mode: board (row, col) of the bounding-box top-left.
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
    """A solver piece flying from its tray slot to the board (the Solve animation)."""

    slot: int
    placement: Placement
    t: float = 0.0


@dataclass
class Ui:
    """Non-undoable interface state (Tatham's ``game_ui``)."""

    tray_orient: list[int]
    drag: Drag | None = None
    mouse: tuple[int, int] = (0, 0)
    hover_button: str | None = None
    cursor: tuple[int, int] = (0, 0)
    message: str = ""
    message_colour: P.Colour = P.TEXT_SOFT
    message_ttl: float = 0.0
    hint: tuple[int, Placement] | None = None
    hint_t: float = 0.0
    dead_slots: tuple[int, ...] = ()
    dead_t: float = 0.0
    flights: list[Flight] = field(default_factory=list)
    trace: list[Any] = field(default_factory=list)
    trace_i: int = 0
    trace_acc: float = 0.0
    trace_overlay: dict[int, Placement] = field(default_factory=dict)
    trace_dead: tuple = ()
    trace_solution: tuple[Placement, ...] = ()
    speed_i: int = 3
    trace_paused: bool = False
    trace_steps: int = 0
    flash_s: float = 0.0
    solved_seen: bool = False
    solved_by_solver: bool = False
    anim_s: float = 0.0
    keyboard_used: bool = False
    solved_t: float = 0.0


class PuzzleScene(PlayerExtras, Scene):
    """Play one polyomino puzzle: drag, rotate, flip, undo, Hint, Solve, show search.

    Args:
        ctx: shared :class:`~game.scene.Context`.
        puzzle_for_date: builds the puzzle for a date (Classic / Daily Drill); the
            date buttons are shown only when given.
        puzzle: a fixed puzzle (custom file) when ``puzzle_for_date`` is None.
        title_key: :mod:`game.i18n` key of the mode name shown in the header.
        load_on_worker: build each date's puzzle on the solver thread (Daily Drill:
            choosing the day's set runs searches); the scene shows "preparing…"
            meanwhile and queues Solve/Hint pressed before the puzzle is there.

    ``puzzle_for_date`` returns a :class:`Puzzle`, or ``(Puzzle, info)`` where
    ``info`` may hold ``count`` (solutions), ``stars`` (1..5), ``grade`` and
    ``grade_zh`` (difficulty words) for the header.
    """

    name = "classic"

    def __init__(self, ctx: Context, puzzle_for_date: Callable[[_dt.date], Any] | None = None,
                 puzzle: Puzzle | None = None, title_key: str = "mode_classic",
                 load_on_worker: bool = False) -> None:
        super().__init__(ctx)
        self.puzzle_for_date = puzzle_for_date
        self.title_key = title_key
        self.load_on_worker = load_on_worker
        self.cache = DrawCache()
        self.size = (1120, 780)
        self.deferred: list[str] = []
        self.load_rid: int | None = None
        self.load_error = ""
        self.puzzle: Puzzle | None = None
        self.layout: Layout | None = None
        self.pending: dict[str, int] = {}
        if puzzle is None:
            if puzzle_for_date is None:
                raise InvalidPuzzleError("a puzzle scene needs a puzzle or a puzzle_for_date function")
            if not load_on_worker:
                puzzle = puzzle_for_date(ctx.date)
        if puzzle is not None:
            self._load(puzzle)

    # ---------------------------------------------------------------- setup

    def _load(self, loaded: Any) -> None:
        puzzle, info = loaded if isinstance(loaded, tuple) else (loaded, {})
        puzzle.validate()
        self.puzzle = puzzle
        self.info: dict = dict(info)
        self.session = Session(puzzle)
        self.ui = Ui(tray_orient=[0] * len(puzzle.formations))
        b = puzzle.board
        self.ui.cursor = (b.height // 2, b.width // 2)
        self.count: int | None = self.info.get("count")
        self.count_tries = 0
        self.pending = {}
        self.cache.clear()
        self._relayout()
        self._resume()

    @property
    def key(self) -> str:
        """Progress-file key of this puzzle: mode and date, or mode and puzzle name."""
        mode = self.title_key.removeprefix("mode_")
        if self.puzzle_for_date is not None:
            return f"{mode} {self.ctx.date.isoformat()}"
        return f"{mode} {self.puzzle.name if self.puzzle else ''}"

    def _resume(self) -> None:
        """Replay the saved move log of this puzzle (stops quietly at the first bad move)."""
        prog = self.ctx.progress
        if prog is None:
            return
        for text in prog.moves(self.key):
            try:
                self.session.do(parse_move(text))
            except ValueError:
                break
        self.session.elapsed_s = prog.elapsed(self.key)
        self.ui.solved_seen = self.state.is_solved
        self.ui.solved_t = BANNER_S
        self.show_notice()

    def _changed(self) -> None:
        """Save the position after a move, undo or redo (no-op without a progress file)."""
        prog = self.ctx.progress
        if prog is not None and self.puzzle is not None:
            prog.save_moves(self.key, self.session.move_log(), self.session.elapsed_s)
            self.show_notice()

    def _load_async(self) -> None:
        """Ask the worker to build the puzzle of ``ctx.date``; the scene waits in "preparing"."""
        self.puzzle = None
        self.layout = None
        self.load_error = ""
        self.load_rid = self.ctx.solver().submit("call", None, fn=self.puzzle_for_date, args=(self.ctx.date,))

    def _buttons(self) -> tuple[str, ...]:
        keys = BUTTONS if self.puzzle_for_date is not None else tuple(
            k for k in BUTTONS if k not in ("prev", "next"))
        return keys

    def _relayout(self) -> None:
        if self.puzzle is None:
            return
        b = self.puzzle.board
        ext = max(max(max(r, c) for r, c in s.orientations[0]) + 1 for s in self.puzzle.pieces)
        self.layout = Layout(self.size, b.width, b.height, len(self.puzzle.formations), self._buttons(), ext)
        self.cache.clear()

    def enter(self, persist: dict) -> None:
        """Start the solver worker (warm-up) and ask for the day's solution count."""
        self.ctx.solver()
        if self.puzzle is None:
            self._load_async()
        elif self.count is None:
            self._request("count", fixed=())

    def exit(self) -> dict:
        """Save the position, cancel this scene's searches, hand on the language and date."""
        self._changed()
        worker = self.ctx.worker
        if (self.pending or self.load_rid is not None) and hasattr(worker, "cancel"):
            worker.cancel()  # a mode switch must not leave a long search running for nobody
            self.pending = {}
        return {"lang": self.ctx.lang, "date": self.ctx.date}

    def resize(self, size: tuple[int, int]) -> None:
        """Recompute the :class:`~game.geometry.Layout` for a (width, height) window in pixels."""
        self.size = (max(320, size[0]), max(240, size[1]))
        self._relayout()

    # ---------------------------------------------------------------- helpers

    @property
    def state(self) -> State:
        """The current game state."""
        return self.session.state

    @property
    def speed(self) -> float:
        """Current animation speed multiplier."""
        return SPEEDS[self.ui.speed_i]

    @property
    def animating(self) -> bool:
        """True while a hint, a fly-in or a search replay is playing (input is paused)."""
        return bool(self.ui.flights or self.ui.trace or self.ui.hint)

    def say(self, text: str, colour: P.Colour = P.TEXT_SOFT, ttl: float = 4.0) -> None:
        """Show ``text`` on the status line for ``ttl`` seconds."""
        self.ui.message, self.ui.message_colour, self.ui.message_ttl = text, colour, ttl

    def _name(self, code: str) -> str:
        return i18n.formation_name(self.puzzle.shape(code), self.ctx.lang)

    def _cells(self, slot: int, orientation: int) -> tuple[tuple[int, int], ...]:
        return self.puzzle.pieces[slot].orientations[orientation]

    def _request(self, kind: str, fixed: tuple[Placement, ...] | None = None) -> None:
        worker = self.ctx.solver()
        fx = self.state.placed if fixed is None else fixed
        if kind != "count":
            if not worker.ready:
                self.say(self.ctx.t("queued"), P.TEXT_SOFT, 30)
            elif any(k != "count" for k in self.pending):
                self.say(self.ctx.t("busy"), P.TEXT_SOFT, 30)
            else:
                self.say(self.ctx.t("solving" if kind != "hint" else "thinking"), P.TEXT_SOFT, 30)
        self.pending[kind] = worker.submit(kind, self.puzzle, fx)

    def _do(self, move: Any) -> bool:
        try:
            self.session.do(move)
        except IllegalMoveError as e:
            self.say(str(e), P.ILLEGAL)
            return False
        self.ui.dead_slots = ()
        self._changed()
        return True

    def _stop_animations(self) -> None:
        self.ui.flights.clear()
        self.ui.trace = []
        self.ui.trace_overlay = {}
        self.ui.trace_dead = ()
        self.ui.hint = None

    # ---------------------------------------------------------------- commands

    def command(self, name: str) -> bool:
        """Run a command: hint, solve, search, reset, undo, redo, speed, faster, slower, prev, next,
        today, lang, help, stats, calendar, browse.  Returns False for an unknown name."""
        if self.extra_command(name):
            return True
        if self.puzzle is None:
            if name in ("hint", "solve", "search"):
                self.deferred.append(name)
                return True
            if name == "lang":
                self.ctx.lang = "en" if self.ctx.lang == "zh" else "zh"
                return True
            return False
        ui = self.ui
        if name in ("hint", "solve", "search"):
            if self.animating:
                return True
            if self.state.is_solved:
                self.say(self.ctx.t("already_solved"))
                return True
            ui.drag = None
            self.stop_browsing()
            self._request("trace" if name == "search" else name)
            self.note_help(name)
            return True
        if name == "reset":
            self._stop_animations()
            ui.drag = None
            if self.state.placed:
                self._do(Reset())
            return True
        if name == "undo":
            self._stop_animations()
            ui.drag = None
            if self.session.undo():
                self._changed()
            return True
        if name == "redo":
            self._stop_animations()
            ui.drag = None
            if self.session.redo():
                self._changed()
            return True
        if name == "pause":
            if ui.trace:
                ui.trace_paused = not ui.trace_paused
                self.say(self.ctx.t("paused") if ui.trace_paused else
                         f"{self.ctx.t('speed')} x{self.speed:g}")
            return True
        if name == "step":
            if ui.trace:
                ui.trace_paused = True
                ui.trace_steps += 1
            return True
        if name == "finish":
            if ui.trace:
                ui.trace_paused = False
                ui.trace_acc = float(len(ui.trace))
            return True
        if name == "speed":
            ui.speed_i = (ui.speed_i + 1) % len(SPEEDS)
            self.say(f"{self.ctx.t('speed')} x{self.speed:g}")
            return True
        if name == "slower":
            ui.speed_i = max(0, ui.speed_i - 1)
            self.say(f"{self.ctx.t('speed')} x{self.speed:g}")
            return True
        if name == "faster":
            ui.speed_i = min(len(SPEEDS) - 1, ui.speed_i + 1)
            self.say(f"{self.ctx.t('speed')} x{self.speed:g}")
            return True
        if name in ("prev", "next", "today") and self.puzzle_for_date is not None:
            try:
                day = (_dt.date.today() if name == "today"
                       else self.ctx.date + _dt.timedelta(days=-1 if name == "prev" else 1))
            except OverflowError:
                return True
            if not FIRST_DATE <= day <= LAST_DATE:
                return True
            self.goto_date(day)
            return True
        if name == "lang":
            self.ctx.lang = "en" if self.ctx.lang == "zh" else "zh"
            self.cache.clear()
            return True
        return False

    # ---------------------------------------------------------------- input

    def handle_event(self, ev: pygame.event.Event) -> None:
        """Mouse drag/rotate/flip, keyboard play, shortcuts and buttons."""
        if self.puzzle is None:
            if ev.type == pygame.KEYDOWN and ev.key == pygame.K_l:
                self.command("lang")
            return
        if self.extra_event(ev):
            return
        ui = self.ui
        if ev.type == pygame.MOUSEMOTION:
            ui.mouse = ev.pos
            ui.hover_button = self.layout.button_at(ev.pos)
            if ui.drag is not None and not ui.drag.keyboard:
                ui.drag.pos = ev.pos
        elif ev.type == pygame.MOUSEBUTTONDOWN:
            ui.mouse = ev.pos
            if ev.button == 1:
                self._press(ev.pos)
            elif ev.button == 3:
                self._turn(ev.pos, rotate=True)
            elif ev.button == 2:
                self._turn(ev.pos, rotate=False)
        elif ev.type == pygame.MOUSEBUTTONUP:
            ui.mouse = ev.pos
            if ev.button == 1 and ui.drag is not None and not ui.drag.keyboard:
                ui.drag.pos = ev.pos
                self._drop()
        elif ev.type == pygame.MOUSEWHEEL:
            turns = 1 if ev.y < 0 else 3
            if ev.y != 0:
                self._turn(ui.mouse, rotate=True, turns=turns)
        elif ev.type == pygame.KEYDOWN:
            self._key(ev)

    def _press(self, pos: tuple[int, int]) -> None:
        ui, L = self.ui, self.layout
        btn = L.button_at(pos)
        if btn is not None:
            self.command(btn)
            return
        if self.animating:
            return
        cell = L.px_to_cell(pos)
        if cell is not None:
            slot = self.state.occupant(cell)
            if slot is not None:
                o, r0, c0 = self.state.pieces[slot].orientation()
                fx, fy = L.px_to_cellf(pos)
                ui.drag = Drag(slot, o, fx - c0, fy - r0, pos, from_board=True)
            else:
                self.click_target(cell)
            return
        slot = L.slot_at(pos)
        if slot is not None and self.state.pieces[slot] is None:
            o = ui.tray_orient[slot]
            cells = self._cells(slot, o)
            ox, oy = L.tray_piece_origin(slot, cells)
            h = max(r for r, _ in cells) + 1
            w = max(c for _, c in cells) + 1
            gx = min(max((pos[0] - ox) / L.tray_cell, 0.5), w - 0.5)
            gy = min(max((pos[1] - oy) / L.tray_cell, 0.5), h - 0.5)
            ui.drag = Drag(slot, o, gx, gy, pos)

    def _turn(self, pos: tuple[int, int], rotate: bool, turns: int = 1) -> None:
        """Rotate (``turns`` quarter turns clockwise) or flip the piece in hand, else the tray piece under ``pos``."""
        ui = self.ui
        d = ui.drag
        if d is not None:
            code = self.puzzle.formations[d.slot]
            cells = self._cells(d.slot, d.orientation)
            for _ in range(turns if rotate else 1):
                h = max(r for r, _ in cells) + 1
                w = max(c for _, c in cells) + 1
                if rotate:
                    d.orientation = self.puzzle.shape(code).rotate(d.orientation, 1)
                    d.gx, d.gy = h - d.gy, d.gx
                else:
                    d.orientation = self.puzzle.shape(code).mirror(d.orientation)
                    d.gx = w - d.gx
                cells = self._cells(d.slot, d.orientation)
            if not d.from_board:
                ui.tray_orient[d.slot] = d.orientation
            return
        slot = self.layout.slot_at(pos)
        if slot is not None and self.state.pieces[slot] is None and not self.animating:
            code = self.puzzle.formations[slot]
            o = ui.tray_orient[slot]
            shape = self.puzzle.shape(code)
            ui.tray_orient[slot] = shape.rotate(o, turns) if rotate else shape.mirror(o)

    def _anchor(self, d: Drag) -> tuple[int, int]:
        """Board (row, col) where the piece in hand would go (bounding-box top-left)."""
        if d.keyboard:
            return d.anchor
        fx, fy = self.layout.px_to_cellf(d.pos)
        return math.floor(fy - d.gy + 0.5), math.floor(fx - d.gx + 0.5)

    def ghost(self) -> tuple[Placement, bool] | None:
        """The snapped preview of the piece in hand and whether dropping it there is legal.

        Returns None when nothing is in hand or the piece is entirely off the board.
        """
        d = self.ui.drag
        if d is None:
            return None
        r, c = self._anchor(d)
        pl = Placement.at(self.puzzle.formations[d.slot], d.orientation, r, c)
        b = self.puzzle.board
        if not any(0 <= rr < b.height and 0 <= cc < b.width for rr, cc in pl.cells):
            return None
        if not d.keyboard and not self.layout.frame_rect.inflate(self.layout.cell, self.layout.cell).collidepoint(d.pos):
            return None
        return pl, self.state.check_place(d.slot, pl) is None

    def _drop(self) -> None:
        ui = self.ui
        d = ui.drag
        if d is None:
            return
        g = self.ghost()
        ui.drag = None
        if g is not None and g[1]:
            r, c = self._anchor(d)
            self._do(Place(d.slot, d.orientation, r, c))
            if not d.from_board:
                ui.tray_orient[d.slot] = d.orientation
            return
        if g is not None:
            self.say(self.ctx.t("error", msg=self._why(d)), P.ILLEGAL, 2.5)
            return
        if d.from_board:
            ui.tray_orient[d.slot] = d.orientation
            self._do(Lift(d.slot))

    def _why(self, d: Drag) -> str:
        r, c = self._anchor(d)
        pl = Placement.at(self.puzzle.formations[d.slot], d.orientation, r, c)
        why = self.state.check_place(d.slot, pl) or ""
        if self.ctx.lang == "zh":
            why = {"off the board": "超出棋盘", "on a blocked cell": "压住了不可用的格子",
                   "on a target cell": "压住了目标格", "on another piece": "与其他阵型重叠"}.get(why, why)
        return f"{self._name(pl.formation)}: {why}"

    def _key(self, ev: pygame.event.Event) -> None:
        ui = self.ui
        mod = getattr(ev, "mod", 0)
        ctrl = bool(mod & pygame.KMOD_CTRL)
        shift = bool(mod & pygame.KMOD_SHIFT)
        k = ev.key
        if ctrl and k == pygame.K_z:
            self.command("redo" if shift else "undo")
            return
        if ctrl and k == pygame.K_y:
            self.command("redo")
            return
        if k == pygame.K_r:
            self._turn(ui.mouse, rotate=True, turns=3 if shift else 1)
            return
        if k == pygame.K_f:
            self._turn(ui.mouse, rotate=False)
            return
        if k == pygame.K_h:
            self.command("hint")
            return
        if k == pygame.K_s:
            self.command("solve")
            return
        if k == pygame.K_t:
            self.command("search")
            return
        if k == pygame.K_p and ui.trace:
            self.command("pause")
            return
        if k in (pygame.K_n, pygame.K_PERIOD) and ui.trace:
            self.command("step")
            return
        if k == pygame.K_END and ui.trace:
            self.command("finish")
            return
        if k in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            self.command("faster")
            return
        if k in (pygame.K_MINUS, pygame.K_KP_MINUS):
            self.command("slower")
            return
        if k == pygame.K_l:
            self.command("lang")
            return
        if k == pygame.K_LEFTBRACKET:
            self.command("prev")
            return
        if k == pygame.K_RIGHTBRACKET:
            self.command("next")
            return
        if k == pygame.K_HOME:
            self.command("today")
            return
        if k == pygame.K_ESCAPE:
            if ui.drag is not None:
                ui.drag = None
            elif self.animating:
                self._stop_animations()
            return
        # keyboard play: 1-9 pick a tray piece, arrows move, Enter/Space drop
        if pygame.K_1 <= k <= pygame.K_9 and not self.animating:
            slot = k - pygame.K_1
            if slot < len(self.state.pieces) and self.state.pieces[slot] is None:
                o = ui.tray_orient[slot]
                ui.drag = Drag(slot, o, 0.5, 0.5, ui.mouse, keyboard=True, anchor=ui.cursor)
            return
        moves = {pygame.K_UP: (-1, 0), pygame.K_DOWN: (1, 0), pygame.K_LEFT: (0, -1), pygame.K_RIGHT: (0, 1)}
        if k in moves:
            ui.keyboard_used = True
            dr, dc = moves[k]
            b = self.puzzle.board
            if ui.drag is not None and ui.drag.keyboard:
                r, c = ui.drag.anchor
                ui.drag.anchor = (max(-4, min(b.height - 1, r + dr)), max(-4, min(b.width - 1, c + dc)))
                ui.cursor = (max(0, min(b.height - 1, ui.drag.anchor[0])), max(0, min(b.width - 1, ui.drag.anchor[1])))
            else:
                r, c = ui.cursor
                ui.cursor = (max(0, min(b.height - 1, r + dr)), max(0, min(b.width - 1, c + dc)))
            return
        if k in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            if ui.drag is not None and ui.drag.keyboard:
                g = self.ghost()
                if g is not None and g[1]:
                    self._drop()
                else:
                    self.say(self.ctx.t("error", msg=self._why(ui.drag)), P.ILLEGAL, 2.5)
            else:
                slot = self.state.occupant(ui.cursor)
                if slot is not None and not self.animating:
                    o, r0, c0 = self.state.pieces[slot].orientation()
                    ui.drag = Drag(slot, o, 0.5, 0.5, ui.mouse, from_board=True, keyboard=True, anchor=(r0, c0))
                elif slot is None and not self.animating:
                    self.click_target(ui.cursor)  # empty board: a month / day cell becomes the target
            return
        if k in (pygame.K_BACKSPACE, pygame.K_DELETE):
            slot = self.state.occupant(ui.cursor)
            if slot is not None and not self.animating:
                self._do(Lift(slot))

    # ---------------------------------------------------------------- solver results

    def _fresh(self, res: Any) -> bool:
        return self.pending.get(res.kind) == res.rid

    def _on_result(self, res: Any) -> None:
        ui = self.ui
        if res.kind == "ready":
            if ui.message == self.ctx.t("queued") or not ui.message:
                self.say(self.ctx.t("ready"), P.TEXT_SOFT, 2.0)
            return
        if res.kind == "error" and res.rid == 0:
            self.say(self.ctx.t("error", msg=res.message), P.ILLEGAL, 10)
            return
        if not self._fresh(res):
            return
        del self.pending[res.kind]
        if res.status == "cancelled":
            if res.kind == "count":
                self.count_tries = max(0, self.count_tries - 1)  # asked again once idle
            return
        if res.status == "error":
            self.say(self.ctx.t("error", msg=res.message), P.ILLEGAL, 6)
            return
        if res.kind == "count":
            self.count = res.count
            return
        if tuple(res.fixed) != self.state.placed:
            self.say(self.ctx.t("stale"), P.TEXT_SOFT)
            return
        if res.kind == "hint":
            if res.status == "ok" and res.placement is not None:
                slot = slot_for(self.state, res.placement)
                if slot is not None:
                    ui.hint = (slot, res.placement)
                    ui.hint_t = HINT_SHOW_S
                    self.say(self.ctx.t("hint_given", name=self._name(res.placement.formation)), P.TEXT, 4)
                return
            if res.dead:
                slots = self.state.placed_slots
                ui.dead_slots = tuple(slots[i] for i in res.dead)
                ui.dead_t = 6.0
                self.say(self.ctx.t("dead"), P.DEAD, 6)
            else:
                self.say(self.ctx.t("dead_none"), P.DEAD, 6)
            return
        if res.kind in ("solve", "trace"):
            if res.status != "ok" or res.solution is None:
                if res.kind == "solve":
                    self._request("hint")  # names the pieces that make it dead
                self.say(self.ctx.t("no_solution"), P.DEAD, 6)
                return
            new = res.solution[len(res.fixed):]
            if res.kind == "trace":
                ui.trace = list(res.trace)
                ui.trace_i = 0
                ui.trace_acc = 0.0
                ui.trace_overlay = {}
                ui.trace_solution = tuple(new)
                self.say(self.ctx.t("search") + " …", P.TEXT_SOFT, 30)
                return
            self._queue_flights(new)

    def _on_loaded(self, res: Any) -> None:
        if res.rid != self.load_rid:
            return
        self.load_rid = None
        if res.status != "ok":
            self.load_error = res.message or "?"
            return
        try:
            self._load(res.value)
        except ValueError as e:
            self.load_error = str(e)
            return
        if self.count is None:
            self._request("count", fixed=())
        for name in self.deferred:
            self.command(name)
        self.deferred.clear()

    def _busy_texts(self) -> tuple[str, ...]:
        """Status texts that announce solver work in progress (cleared when it stops)."""
        t = self.ctx.t
        return (t("solving"), t("thinking"), t("queued"), t("busy"), t("search") + " …")

    def _queue_flights(self, new: tuple[Placement, ...]) -> None:
        used: set[int] = set()
        for pl in sorted(new, key=lambda q: q.cells[0]):
            slot = slot_for(self.state, pl, used)
            if slot is None:
                continue
            used.add(slot)
            self.ui.flights.append(Flight(slot, pl))
        self.say(self.ctx.t("solving"), P.TEXT_SOFT, 30)

    # ---------------------------------------------------------------- update

    def update(self, dt_s: float) -> None:
        """Poll the solver, run hint/fly-in/replay animations, the timer and the solved flash."""
        worker = self.ctx.solver()
        for res in worker.poll():
            if res.kind == "call":
                self._on_loaded(res)
            elif self.puzzle is not None:
                self._on_result(res)
        if self.puzzle is None:
            return
        ui = self.ui
        ui.anim_s += dt_s
        ui.message_ttl = max(0.0, ui.message_ttl - dt_s)
        ui.flash_s = max(0.0, ui.flash_s - dt_s)
        if ui.dead_t > 0:
            ui.dead_t -= dt_s
            if ui.dead_t <= 0:
                ui.dead_slots = ()
        if ui.hint is not None:
            ui.hint_t -= dt_s
            if ui.hint_t <= 0:
                slot, pl = ui.hint
                ui.hint = None
                if self.state.pieces[slot] is None and self.state.check_place(slot, pl) is None:
                    self._do(place_move(slot, pl, assisted=True))
        if ui.flights:
            f = ui.flights[0]
            f.t += dt_s * self.speed
            if f.t >= FLY_S:
                ui.flights.pop(0)
                if self.state.pieces[f.slot] is None and self.state.check_place(f.slot, f.placement) is None:
                    self._do(place_move(f.slot, f.placement, assisted=True))
                if self.state.is_solved:
                    ui.solved_by_solver = True
        if ui.trace:
            self._step_trace(dt_s)
        if (ui.message_ttl > 0 and not ui.flights and not ui.trace and ui.hint is None
                and not any(k != "count" for k in self.pending)
                and ui.message in self._busy_texts()):
            # the work the message announced was cancelled (undo, Esc, new request)
            ui.message_ttl = 0.0
        self.session.tick(dt_s)
        solved = self.state.is_solved
        if solved and not ui.solved_seen:
            ui.solved_seen = True
            ui.solved_t = 0.0
            ui.flash_s = 1.2
            ui.flights.clear()
            self.say(self.ctx.t("solved"), P.LEGAL, 1e9)
            self.record_solved()
        elif solved:
            ui.solved_t += dt_s
        elif ui.solved_seen:
            ui.solved_seen = False
            ui.solved_by_solver = False
            if ui.message == self.ctx.t("solved"):
                ui.message_ttl = 0.0
        if (self.count is None and "count" not in self.pending and worker.ready and not worker.busy
                and self.count_tries < 3):
            self.count_tries += 1
            self._request("count", fixed=())

    def _step_trace(self, dt_s: float) -> None:
        ui = self.ui
        if ui.trace_paused:
            # paused: only single steps (N) move the replay on
            ui.trace_acc = float(ui.trace_steps)
            ui.trace_steps = 0
        else:
            ui.trace_acc += dt_s * TRACE_RATE * self.speed
        while ui.trace_acc >= 1.0 and ui.trace_i < len(ui.trace):
            ui.trace_acc -= 1.0
            ev = ui.trace[ui.trace_i]
            ui.trace_i += 1
            if ev.kind == "place":
                ui.trace_overlay[ev.level] = ev.placement
                ui.trace_dead = ()
            elif ev.kind == "remove":
                ui.trace_overlay.pop(ev.level, None)
            elif ev.kind == "dead":
                ui.trace_dead = tuple(ev.region)
        if ui.trace_i >= len(ui.trace):
            sol = ui.trace_solution
            ui.trace = []
            ui.trace_overlay = {}
            ui.trace_dead = ()
            used: set[int] = set()
            for pl in sol:
                slot = slot_for(self.state, pl, used)
                if slot is not None:
                    used.add(slot)
                    self._do(place_move(slot, pl, assisted=True))
            ui.solved_by_solver = self.state.is_solved
            self.say(self.ctx.t("search_done"), P.TEXT_SOFT, 3)

    # ---------------------------------------------------------------- drawing

    def draw(self, surface: pygame.Surface) -> None:
        """Paint the frame: header, board, pieces, previews, tray, buttons, status, banner."""
        if self.puzzle is None:
            self._draw_loading(surface)
            return
        L, ui, st = self.layout, self.ui, self.state
        fonts, cache, lang = self.ctx.fonts, self.cache, self.ctx.lang
        key = (surface.get_size(), lang, id(self.puzzle), self.ctx.date)
        if cache.static is None or cache.static_key != key:
            # everything that only changes with the window, language or puzzle: drawn once
            static = pygame.Surface(surface.get_size())
            static.fill(P.BACKGROUND)
            draw_board(static, L, fonts, cache, self.puzzle.board, self.puzzle.targets, lang, None)
            pygame.draw.rect(static, P.PANEL, L.tray_rect, border_radius=10)
            pygame.draw.rect(static, P.PANEL_EDGE, L.tray_rect, 1, border_radius=10)
            for rect in L.slots:
                pygame.draw.rect(static, P.BUTTON, rect, border_radius=8)
                pygame.draw.rect(static, P.PANEL_EDGE, rect, 1, border_radius=8)
            cache.static, cache.static_key = static, key
        surface.blit(cache.static, (0, 0))
        self._draw_header(surface)
        draw_target_rings(surface, L, self.puzzle.targets, (ui.anim_s * 0.8) % 1.0)
        drag_slot = ui.drag.slot if ui.drag is not None and ui.drag.from_board else None
        for slot, pl in enumerate(self.shown_pieces()):
            if pl is None or slot == drag_slot:
                continue
            o, r, c = pl.orientation()
            # steady red outline (a blink could be caught "off" at any moment)
            style = "dead" if slot in ui.dead_slots else "normal"
            draw_placed(surface, L, fonts, cache, pl.shape, o, r, c, self._label(pl.formation), style)
        for pl in ui.trace_overlay.values():
            o, r, c = pl.orientation()
            draw_placed(surface, L, fonts, cache, pl.shape, o, r, c, self._label(pl.formation), "normal", 200)
        if ui.trace_dead:
            for cell in ui.trace_dead:
                rect = L.cell_rect(cell)
                s = pygame.Surface(rect.size, pygame.SRCALPHA)
                s.fill((*P.ILLEGAL, 110))
                surface.blit(s, rect)
        if ui.hint is not None:
            slot, pl = ui.hint
            o, r, c = pl.orientation()
            a = 150 + int(100 * abs(math.sin(ui.anim_s * 6)))
            draw_placed(surface, L, fonts, cache, pl.shape, o, r, c, self._label(pl.formation), "hint", a)
        if ui.drag is not None and ui.drag.keyboard or (ui.drag is None and ui.keyboard_used):
            pygame.draw.rect(surface, P.TITLE, L.cell_rect(ui.cursor), 3, border_radius=4)
        g = self.ghost()
        if g is not None:
            pl, ok = g
            o, r, c = pl.orientation()
            draw_placed(surface, L, fonts, cache, pl.shape, o, r, c, "", "ghost_ok" if ok else "ghost_bad",
                        200 if ok else 170)
        self._draw_tray(surface)
        self._draw_buttons(surface)
        self._draw_status(surface)
        for f in ui.flights[:1]:
            self._draw_flight(surface, f)
        if ui.drag is not None and not ui.drag.keyboard and g is None:
            d = ui.drag
            code = self.puzzle.formations[d.slot]
            img = piece_image(cache, fonts, self.puzzle.shape(code), d.orientation, L.cell, self._label(code))
            img = img.copy()
            img.set_alpha(215)
            surface.blit(img, (int(d.pos[0] - d.gx * L.cell), int(d.pos[1] - d.gy * L.cell)))
        if ui.flash_s > 0:
            s = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
            s.fill((255, 250, 220, int(170 * ui.flash_s / 1.2)))
            surface.blit(s, (0, 0))
        if st.is_solved and not self.animating and ui.solved_t < BANNER_S:
            sub = self.ctx.t("solved_by_solver") if ui.solved_by_solver else (
                f"{self.ctx.t('time')} {self._clock()}  ·  {self.ctx.t('moves')} {self.session.moves}"
                + (" " + self.ctx.t("cheated") if st.cheated else ""))
            draw_banner(surface, fonts, cache, L.board_rect, self.ctx.t("solved"), sub)
        self.draw_extras(surface)

    def _draw_loading(self, surface: pygame.Surface) -> None:
        fonts, cache = self.ctx.fonts, self.cache
        w, h = surface.get_size()
        surface.fill(P.BACKGROUND)
        blit_center(surface, text_surface(cache, fonts, self.ctx.t("title"), max(24, h // 12), P.TITLE, True),
                    (w / 2, h * 0.38))
        if self.load_error:
            text, col = self.ctx.t("error", msg=self.load_error), P.ILLEGAL
        else:
            text, col = self.ctx.t("preparing", date=self._date_text()), P.TEXT_SOFT
            dots = int(self.ctx.worker.ready if self.ctx.worker else 0)
            text += "" if dots else "  (" + self.ctx.t("warming") + ")"
        blit_center(surface, fit_text(cache, fonts, text, max(14, h // 32), col, w - 40), (w / 2, h * 0.5))

    def _label(self, code: str) -> str:
        return self.puzzle.shape(code).name_zh if self.ctx.lang == "zh" else ""

    def _clock(self) -> str:
        s = int(self.session.elapsed_s)
        return f"{s // 60:02d}:{s % 60:02d}"

    def _date_text(self) -> str:
        d = self.ctx.date
        wd = i18n.tr("weekday", self.ctx.lang)
        if self.ctx.lang == "zh":
            return f"{d.year}年{d.month}月{d.day}日 星期{wd[d.weekday()]}"
        return f"{wd[3 * d.weekday():3 * d.weekday() + 3]}, {i18n.month_name(d.month, 'en')} {d.day}, {d.year}"

    def _draw_header(self, surface: pygame.Surface) -> None:
        L, fonts, cache = self.layout, self.ctx.fonts, self.cache
        hr = L.header
        big = int(hr.height * 0.52)
        title = text_surface(cache, fonts, i18n.tr("title", self.ctx.lang), big, P.TITLE, True)
        surface.blit(title, (hr.x, hr.y))
        if self.ctx.t(self.title_key) != self.ctx.t("title"):  # Daily Drill mode is the title itself
            mode = text_surface(cache, fonts, "· " + self.ctx.t(self.title_key), int(big * 0.62), P.TEXT_SOFT)
            surface.blit(mode, (hr.x + title.get_width() + 10, hr.y + big - mode.get_height()))
        small = int(hr.height * 0.3)
        sub = self._date_text() if self.puzzle_for_date is not None else self.puzzle.name
        surface.blit(text_surface(cache, fonts, sub, small, P.TEXT), (hr.x, hr.y + big + 4))
        right = [f"{self.ctx.t('time')} {self._clock()}   {self.ctx.t('moves')} {self.session.moves}"]
        facts = []  # the second line: solutions, difficulty, best time, days solved
        if self.count is not None:
            facts.append(self.ctx.t("solutions" if self.puzzle_for_date else "solutions_one", n=self.count))
        elif "count" in self.pending:
            facts.append(self.ctx.t("counting"))
        if self.info.get("stars"):
            stars = self.info["stars"]
            word = self.info.get("grade_zh" if self.ctx.lang == "zh" else "grade", "")
            facts.append(f"{self.ctx.t('difficulty')} {'★' * stars}{'☆' * (5 - stars)} {word}")
        prog = self.ctx.progress
        best = prog.best(self.key) if prog is not None else None
        if best is not None:
            facts.append(self.ctx.t("best", t=f"{int(best) // 60:02d}:{int(best) % 60:02d}"))
        if prog is not None and self.puzzle_for_date is not None:
            n = prog.solved_count(self.title_key.removeprefix("mode_") + " ")
            if n:
                facts.append(self.ctx.t("days_solved", n=n))
        facts += self.found_facts()
        if facts:
            right.append("   ·   ".join(facts))
        y = hr.y
        for i, line in enumerate(right):
            img = text_surface(cache, fonts, line, int(big * 0.6) if i == 0 else small,
                               P.TEXT if i == 0 else P.TEXT_SOFT, i == 0)
            surface.blit(img, (hr.right - img.get_width(), y))
            y += img.get_height() + 2

    def _draw_tray(self, surface: pygame.Surface) -> None:
        L, ui, st = self.layout, self.ui, self.state
        fonts, cache = self.ctx.fonts, self.cache
        key = "tray" if self.puzzle_for_date is None or self.title_key == "mode_classic" else "today_set"
        placed = len(st.placed)
        head = f"{self.ctx.t(key)}   {self.ctx.t('placed', k=placed, n=len(st.pieces))}"
        surface.blit(text_surface(cache, fonts, head, int(L.tray_title.height * 0.7), P.TEXT_SOFT),
                     (L.tray_title.x + 10, L.tray_title.y + 4))
        flying = {f.slot for f in ui.flights}
        for pl in ui.trace_overlay.values():  # pieces the search replay has on the board
            slot = slot_for(st, pl, flying)
            if slot is not None:
                flying.add(slot)
        hint_slot = ui.hint[0] if ui.hint else None
        for slot, rect in enumerate(L.slots):
            code = self.puzzle.formations[slot]
            in_hand = ui.drag is not None and ui.drag.slot == slot and not ui.drag.from_board
            on_board = st.pieces[slot] is not None
            if rect.collidepoint(ui.mouse) and not on_board and ui.drag is None:  # hover
                pygame.draw.rect(surface, P.BUTTON_HOVER, rect, border_radius=8)
                pygame.draw.rect(surface, P.BUTTON_EDGE, rect, 1, border_radius=8)
            o = ui.tray_orient[slot] if not on_board else st.pieces[slot].orientation()[0]
            cells = self._cells(slot, o)
            ox, oy = L.tray_piece_origin(slot, cells)
            if on_board or in_hand or slot in flying or slot == hint_slot:
                style = "faded"
            else:
                style = "normal"
            surface.blit(piece_image(cache, fonts, self.puzzle.shape(code), o, L.tray_cell, "", style), (ox, oy))
            cap = f"{slot + 1}  {self._name(code)}" if len(st.pieces) <= 9 else self._name(code)
            col = P.LABEL_SOFT if style == "faded" else P.TEXT
            img = fit_text(cache, fonts, cap, int(L.caption_height() * 0.8), col, rect.width - 8)
            blit_center(surface, img, (rect.centerx, rect.bottom - L.caption_height() * 0.6))

    def _draw_buttons(self, surface: pygame.Surface) -> None:
        L, ui = self.layout, self.ui
        t = self.ctx.t
        labels = {
            "hint": t("hint") + " (H)", "solve": t("solve") + " (S)", "search": t("search"),
            "reset": t("reset"), "undo": t("undo"), "redo": t("redo"),
            "speed": f"{t('speed')} x{self.speed:g}", "prev": "< " + t("prev_day"),
            "next": t("next_day") + " >", "lang": t("lang"),
        }
        enabled = {
            "undo": self.session.can_undo(), "redo": self.session.can_redo(),
            "reset": bool(self.state.placed),
        }
        # one font size for the whole row: the largest at which every label fits
        size = int(min(r.height for r in L.buttons.values()) * 0.42) if L.buttons else 12
        fonts = self.ctx.fonts
        while size > 8 and any(fonts.get(size).size(labels.get(k, k))[0] > r.width - 12
                               for k, r in L.buttons.items()):
            size -= 1
        for key, rect in L.buttons.items():
            draw_button(surface, self.ctx.fonts, self.cache, rect, labels.get(key, key), size,
                        hover=ui.hover_button == key, enabled=enabled.get(key, True),
                        active=(key in self.pending and key != "count"))

    def _draw_status(self, surface: pygame.Surface) -> None:
        L, ui = self.layout, self.ui
        fonts, cache = self.ctx.fonts, self.cache
        worker = self.ctx.worker
        text, col = "", P.TEXT_SOFT
        if ui.trace:
            text = (f"{self.ctx.t('search')}  {ui.trace_i}/{len(ui.trace)}  ·  {self.ctx.t('speed')} x{self.speed:g}"
                    "  (+/-, Esc)")
        elif ui.message_ttl > 0:
            text, col = ui.message, ui.message_colour
        elif worker is not None and worker.failed:
            text, col = self.ctx.t("error", msg=worker.failed), P.ILLEGAL
        elif worker is not None and not worker.ready:
            text = self.ctx.t("warming")
        size = int(L.status.height * 0.72)
        if text:
            blit_center(surface, fit_text(cache, fonts, text, size, col, L.status.width), L.status.center)
        hl = self.ctx.t("help") + "   ·   " + self.ctx.t("help_keys")
        blit_center(surface, fit_text(cache, fonts, hl, int(L.help.height * 0.8), P.LABEL_SOFT, L.help.width),
                    L.help.center)

    def _draw_flight(self, surface: pygame.Surface, f: Flight) -> None:
        L = self.layout
        o, r, c = f.placement.orientation()
        cells = self._cells(f.slot, o)
        sx, sy = L.tray_piece_origin(f.slot, cells)
        ex, ey = L.cell_to_px((r, c))
        k = min(1.0, f.t / FLY_S)
        e = 1 - (1 - k) ** 3  # ease-out cubic
        cell = int(L.tray_cell + (L.cell - L.tray_cell) * e)
        x = sx + (ex - sx) * e
        y = sy + (ey - sy) * e - math.sin(k * math.pi) * L.cell * 0.6
        img = piece_image(self.cache, self.ctx.fonts, f.placement.shape, o, cell,
                          self._label(f.placement.formation) if cell >= 44 else "")
        surface.blit(img, (int(x), int(y)))
