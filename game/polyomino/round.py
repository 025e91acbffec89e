"""game/polyomino/round.py: the polyomino modes, and one puzzle in play.

A :class:`Mode` is what the player picks (F1, F2, a calendar edition from the
picker, a custom file): the back end's params, its words, whether each date is its
own puzzle.  A calendar edition (a variant file, :mod:`solver.variants`) becomes a
mode through :func:`variant_mode` alone: no edition has code of its own.  A
:class:`Round` is one puzzle of a mode being played: the puzzle, its
:class:`~game.midend.MidEnd` (restored from the progress file and wired to the
statistics and the saves), its UI state and its header facts.  Everything that
changes the position goes through :meth:`Round.play` and :meth:`Round.history_step`,
i.e. through the mid end.

**The mirror rule.**  A puzzle brings its own rule (a variant's or a file's
``mirror``; Classic: pieces may be turned over).  The player's "Allow flipping"
setting (``Settings.mirror``) on keeps it; off makes every polyomino mode
rotations-only, except Daily Drill, whose formation sets are drawn and verified
with turning over allowed (rule v1 stays as it is).  A rotations-only game of a
puzzle that allows turning over is another game: its game id carries the extra
:data:`ROTATIONS` (``"classic rotations 2024-05-01"``), so its saves, found
solutions and statistics never mix with the free game's.
"""
from __future__ import annotations

import copy
import datetime as _dt
import os
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any, Callable

from solver.board import classic_board
from solver.games.polyomino import GAME, Params, Place, State
from solver.games.protocol import IllegalMoveError
from solver.shapes import CLASSIC_SET

from .. import palette as P
from ..i18n import Msg, Words, msg
from ..midend import Completed, GameId, Kind, MidEnd
from . import found
from .assist import Facts
from .input import WHY
from .ui import FLASH_S, Ui


@dataclass(frozen=True)
class Mode:
    """One polyomino mode.

    Attributes:
        name: the scene's registry name (``"classic"``, ``"drill"``, ``"custom"``,
            ``"variant:NAME"``).
        params: the back end's :class:`~solver.games.polyomino.Params`.
        title_key: :mod:`game.i18n` key of its name, or :class:`~game.i18n.Words` (a
            variant's titles from its file).  tray_key: key of its tray's caption.
        dated: each date is its own puzzle (the date buttons and keys work).
        on_worker: building a date's puzzle searches (Daily Drill): done on the solver thread.
        key: the game id's mode (``"variant:NAME"``); "" means ``params.mode``.
        flip_setting: the player's "Allow flipping" setting applies (all but Daily Drill).
        variant: the :class:`~solver.variants.Variant` of a calendar edition, else None.
        legacy: the game-id mode this mode's games had before ids named the puzzle's
            content (a ``--variant-file`` edition's ``"variant:NAME"``), "" for none.
    """

    name: str
    params: Params
    title_key: Any
    tray_key: str = "tray"
    dated: bool = True
    on_worker: bool = False
    key: str = ""
    flip_setting: bool = True
    variant: Any = None
    legacy: str = ""

    @property
    def id_mode(self) -> str:
        """The mode part of this mode's game ids (``"classic"``, ``"variant:weekday"``)."""
        return self.key or self.params.mode

    def game_id(self, date: _dt.date, puzzle: Any = None, extra: str = "") -> GameId:
        """The game id of this mode's puzzle on ``date``; an undated mode's (a custom file)
        is ``"file:"`` and the :attr:`~solver.model.Puzzle.digest` of ``puzzle`` (its own
        rule, as loaded), so two files of one name never share a game and a moved file
        keeps its own.  ``extra`` is :data:`ROTATIONS` for a rotations-only game of a free
        puzzle."""
        if self.dated:
            return GameId(self.id_mode, date, extra)
        return GameId("file:" + (puzzle.digest if puzzle is not None else ""), None, extra)

    def legacy_id(self, date: _dt.date, puzzle: Any, extra: str = "") -> GameId | None:
        """The id this game was saved under before ids named the content (a custom file:
        ``"file:"`` and its ``name``; a variant file: :attr:`legacy`), or None."""
        if not self.dated:
            return GameId("file:" + puzzle.name, None, extra) if puzzle.name else None
        return GameId(self.legacy, date, extra) if self.legacy else None

    def accepts(self, stored: Any, params: Params) -> bool:
        """True when a save whose params text is ``stored``, found under this mode's game
        id, is a game of ``params``: the same text; for a custom file or a calendar
        edition (whose id names the content) the same kind and rule, from any path.
        A save without params text (written before they were kept) is accepted."""
        if not isinstance(stored, str) or not stored:
            return True
        if stored == params.text:
            return True
        mode, rule = _split_rule(stored)
        here, here_rule = _split_rule(params.text)
        family = ("file:",) if here.startswith("file:") else ("variant:", "variant-file:")
        return rule == here_rule and here.startswith(family) and mode.startswith(family)

    def adopts(self, stored: Any, params: Params, digest: str) -> bool:
        """True when a save under :meth:`legacy_id` (params text ``stored``) is this game:
        the same rule and the same file (its path, or a file there with the same content
        ``digest``)."""
        if not isinstance(stored, str) or not self.accepts(stored, params) or stored == "":
            return False
        mode, rule = _split_rule(stored)
        here, _ = _split_rule(params.text)
        old, new = mode.partition(":")[2], here.partition(":")[2]
        if not old or not new or mode.partition(":")[0] != here.partition(":")[0]:
            return False
        if os.path.normcase(os.path.abspath(old)) == os.path.normcase(os.path.abspath(new)):
            return True
        try:
            if here.startswith("file:"):
                from solver import puzzlefile

                return puzzlefile.load(old).digest == digest
            from solver import variants

            return variants.load_file(old).digest == digest
        except (ValueError, OSError):
            return False


def _split_rule(text: str) -> tuple[str, str]:
    """A params text split into its mode and its ``,mirror``/``,nomirror`` rule ("" for none)."""
    for rule in (",mirror", ",nomirror"):
        if text.endswith(rule):
            return text[:-len(rule)], rule
    return text, ""


ROTATIONS = "rotations"
"""Game-id extra of a rotations-only game of a puzzle that allows turning over."""

CLASSIC = Mode("classic", Params("classic"), "mode_classic")
"""Classic (F1): the classic board, the Classic set, the date's month and day as targets."""
DRILL = Mode("drill", Params("drill"), "mode_drill", "today_set", on_worker=True,
             flip_setting=False)
"""Daily Drill (F2): a month-length board and the date's formation set (always its own
mirror rule: the sets of rule v1 are verified with turning over allowed)."""


def plays_as_classic(variant: Any) -> bool:
    """True when a :class:`~solver.variants.Variant` is exactly the Classic puzzle (the
    classic board, the Classic set as a multiset, no shapes of its own, turning over
    allowed): it is played as Classic, keeping Classic's saves and statistics
    (``dragonfjord`` is)."""
    return (variant.board == classic_board() and Counter(variant.formations) == Counter(CLASSIC_SET)
            and not variant.shapes and variant.mirror)


def variant_mode(variant: Any, ident: str | None = None, path: str | None = None, legacy: str = "") -> Mode:
    """The :class:`Mode` of a calendar edition.

    Takes the :class:`~solver.variants.Variant`, its id in the game (default its
    name), for a file outside ``assets/variants/`` its path, and the id its games had
    before ids named the content (:attr:`Mode.legacy`, "" for none).  Returns
    :data:`CLASSIC` when the variant :func:`plays_as_classic`, else the mode
    ``"variant:ID"`` (scene name and game-id mode) with the file's titles and the
    variant's puzzle per date (:func:`solver.games.polyomino.make_puzzle` with
    ``variant:NAME`` or ``variant-file:PATH``; its goal, naming the weekday on a
    weekday board, is :func:`game.rules.goal`'s).
    """
    if plays_as_classic(variant):
        return CLASSIC
    ident = ident or variant.name
    params = Params("variant-file:" + path) if path else Params("variant:" + variant.name)
    return Mode("variant:" + ident, params, Words(variant.title_zh, variant.title), "tray_pieces",
                key="variant:" + ident, variant=variant, legacy="variant:" + legacy if legacy else "")


def file_mode(path: str) -> Mode:
    """The mode of a custom puzzle file (``--puzzle PATH``; its params name the absolute path)."""
    return Mode("custom", Params("file:" + os.path.abspath(path)), "mode_custom", dated=False)


def saved_game(store: Any, mode: Mode, params: Params, gid: GameId, legacy: GameId | None,
               digest: str) -> dict | None:
    """The save to resume ``gid`` from: its own, else one under its ``legacy`` id that
    :meth:`Mode.adopts` (copied to ``gid`` with its statistics record, the old entry
    left as it is), else None."""
    save = store.game(gid)
    if save is not None or legacy is None:
        return save
    old = store.game(legacy)
    if old is None or not mode.adopts(old.get("params"), params, digest):
        return None
    rec = store.peek(legacy)
    if rec and not store.peek(gid):
        store.record(gid).update(copy.deepcopy(rec))
    save = {k: v for k, v in old.items() if k != "saved_at"}
    store.put_game(gid, save)
    return save


STALE_KEYS = frozenset({"dead", "no_solution", "stale"})
"""Status messages about one position (a dead end, no solution): wrong once it moves."""


class Round:
    """One puzzle in play (see the module docstring).

    Args:
        ctx: the shared :class:`~game.scene.Context` (store, statistics, clocks).
        mode: the :class:`Mode`.
        date: the puzzle's date.
        loaded: a :class:`~solver.model.Puzzle`, or ``(Puzzle, info)`` (Daily Drill's
            ``count``, ``stars``, ``grade``, ``grade_zh``).
        pauses: timer pause reasons in force (an overlay open, the window unfocused).
        on_event: a mid-end listener called first by the announcer (the daily ritual:
            finish screens, chimes), before the statistics record the event.
        allow_flip: the player's "Allow flipping" setting (see the module docstring).

    Attributes: ``loaded`` (as given: the puzzle with its own rule), ``puzzle`` (as
    played), ``own_mirror`` (the puzzle's own rule), ``colours`` (fill per shape code).

    Raises the puzzle's ``InvalidPuzzleError`` when it cannot be played.
    """

    def __init__(self, ctx: Any, mode: Mode, date: _dt.date, loaded: Any, pauses: set[str],
                 on_event: Callable[[Any], None] | None = None, allow_flip: bool = True) -> None:
        puzzle, info = loaded if isinstance(loaded, tuple) else (loaded, {})
        puzzle.validate()
        self.ctx = ctx
        self.mode = mode
        self.loaded = loaded
        self.own_mirror = puzzle.mirror
        params, extra = mode.params, ""
        if mode.flip_setting and not allow_flip and puzzle.mirror:
            puzzle, params, extra = replace(puzzle, mirror=False), replace(params, mirror=False), ROTATIONS
        self.puzzle = puzzle
        self.colours = P.piece_colours(puzzle.pieces)
        self.facts = Facts(info.get("count") if not extra else None, dict(info))
        self.on_event = on_event
        own = loaded[0] if isinstance(loaded, tuple) else loaded
        gid = mode.game_id(date, own, extra)
        self.midend = MidEnd.from_save(GAME, params, gid, State.new(puzzle),
                                       saved_game(ctx.store, mode, params, gid, mode.legacy_id(date, own, extra),
                                                  mode.variant.digest if mode.variant is not None else own.digest),
                                       clock=ctx.clock, today=ctx.today, solution_text=found.solution_text,
                                       accepts=lambda text: mode.accepts(text, params))
        if self.midend.refused is not None:
            ctx.store.set_aside_game(gid)
        ctx.bind(self.midend, self._announce)
        for reason in pauses:
            self.midend.pause(reason)
        b = puzzle.board
        self.ui = Ui(tray_orient=[0] * len(puzzle.formations), cursor=(b.height // 2, b.width // 2))
        self.ui.solved_seen = self.midend.state.is_solved

    @property
    def state(self) -> State:
        """The current back-end state."""
        return self.midend.state

    @property
    def flip_off(self) -> bool:
        """True when the player's setting, not the puzzle, forbids turning pieces over."""
        return self.own_mirror and not self.puzzle.mirror

    def refusal(self) -> Msg:
        """What F or a middle click says when pieces may not be turned over."""
        return msg("flip_off" if self.flip_off else "why_turned")

    def found(self) -> tuple[str, ...]:
        """Boards of this puzzle found by hand (solution keys)."""
        return self.ctx.stats.found(self.midend.game_id)

    def play(self, move: Any, kind: Kind = Kind.MOVE) -> bool:
        """Play ``move`` through the mid end; False (and a message) when it is illegal."""
        try:
            self.midend.play(move, kind)
        except IllegalMoveError:
            if isinstance(move, Place):
                reason = self.state.check_place(move.slot, move.placement(self.puzzle)) or ""
                self.ui.say(msg(WHY.get(reason, "stale")), P.ILLEGAL, 2.5)
            return False
        self.changed()
        return True

    def history_step(self, name: str) -> bool:
        """``"reset"`` (an undoable restart), ``"undo"`` or ``"redo"``; stops the animations
        first.  False when there was nothing to do."""
        ui = self.ui
        ui.stop_animations()
        ui.drag = None
        found.stop(ui)
        me = self.midend
        done = {"reset": me.restart, "undo": me.undo, "redo": me.redo}[name]()
        if done:
            self.changed()
        return done

    def changed(self) -> None:
        """After the position moved: clear the dead-end outlines and what the status line said
        about the old position, forget a completion that was undone."""
        ui = self.ui
        ui.dead_slots, ui.dead_t = (), 0.0
        if ui.message is not None and ui.message.key in STALE_KEYS:
            ui.message_ttl = 0.0
        if not self.state.is_solved and ui.solved_seen:
            ui.solved_seen = ui.solved_by_solver = False
            if ui.message is not None and ui.message.key in ("solved", "solved_and"):
                ui.message_ttl = 0.0

    def save_now(self) -> None:
        """Write the mid end's save now (its timer runs on between moves)."""
        me = self.midend
        if me.started or me.assisted or len(me.history) > 1:
            self.ctx.store.put_game(me.game_id, me.to_save())

    def _announce(self, ev: Any) -> None:
        """Mid-end listener (it runs before the statistics, so a find can be told new from
        seen): the completion moment: flash, banner, message; then the ritual (finish
        screen, chime)."""
        if not isinstance(ev, Completed):
            if self.on_event is not None:
                self.on_event(ev)
            return
        ui = self.ui
        ui.solved_seen, ui.banner_t = True, 0.0
        ui.flash_s = 0.0 if self.ctx.prefs.reduce_motion else FLASH_S
        ui.flights.clear()
        me = self.midend
        ui.solved_by_solver = me.history[me.pos].kind is Kind.SOLVE
        text: Msg = msg("solved")
        if self.mode.dated and ev.by_hand:
            known = self.found()
            k, n = len(known) + (ev.solution not in known), self.facts.count
            more = (msg("found_again") if ev.solution in known else
                    msg("found_new", k=k, n=n) if n else msg("found_unknown", k=k))
            text = msg("solved_and", more=more)
        ui.say(text, P.LEGAL, 8.0 if text.key == "solved_and" else 1e9)
        if self.on_event is not None:
            self.on_event(ev)
