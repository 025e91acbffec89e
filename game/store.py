"""game/store.py: what the progress file holds, per game id (no pygame).

One JSON object, schema :data:`VERSION`::

    {"version": 3,
     "games":   {"classic 2024-05-01": <MidEnd.to_save()>, ...},
     "records": {"classic 2024-05-01": <statistics record>, ...}}

``games`` is written by the mid end's save (:meth:`game.midend.MidEnd.to_save`),
``records`` only by :class:`game.stats.Stats` from mid-end events; the found
solutions are part of each record.  The file itself (atomic writes, a corrupt file
set aside, a read-only folder) is :class:`game.saves.ProgressFile`'s business.

Files written by earlier versions (1 and 2: a ``"puzzles"`` table of move logs,
Flip ``"history"`` lists of whole states, solved flags, best times, found
solutions) are migrated on load (:func:`migrate`), so no player loses a position,
an undo list or a statistic.
"""
from __future__ import annotations

import datetime as _dt
import math
from typing import Any, Iterator

from .midend import MAX_ELAPSED_S, GameId, Kind
from .saves import ProgressFile

VERSION = 3
"""Schema version written.  1/2: ``puzzles`` (migrated on load); 3: ``games`` + ``records``."""


def _num(v: Any) -> float | None:
    ok = isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
    return float(v) if ok else None


class Store:
    """The progress file's content, loaded once and written after every change.

    Args:
        folder: the data folder (default: :func:`game.saves.data_dir`).
        enabled: False keeps everything in memory (scripted ``--frames`` runs).

    Attributes:
        file: the :class:`~game.saves.ProgressFile` (``path``, ``writable``, ``notice``...).
        data: the loaded object (see the module docstring).
    """

    def __init__(self, folder: str | None = None, enabled: bool = True) -> None:
        self.file = ProgressFile(folder, enabled)
        self.data: dict[str, Any] = {"version": VERSION, "games": {}, "records": {}}
        loaded = self.file.load(VERSION)
        if loaded is not None:
            self.data = migrate(loaded)

    # ------------------------------------------------------------ file facts

    @property
    def path(self) -> str:
        """Path of the progress file."""
        return self.file.path

    @property
    def writable(self) -> bool:
        """False when saving is off."""
        return self.file.writable

    @property
    def notice(self) -> tuple[str, dict[str, Any]] | None:
        """The latest file problem for the window (:mod:`game.i18n` key, fields), or None."""
        return self.file.notice

    @property
    def warning(self) -> str:
        """The latest file problem as an English sentence ("" when none)."""
        return self.file.warning

    def flush(self) -> bool:
        """Write the file now; True when written (see :meth:`ProgressFile.write`)."""
        return self.file.write(self.data)

    # ------------------------------------------------------------ games

    def game(self, game_id: GameId) -> dict[str, Any] | None:
        """The saved mid end of ``game_id`` (a dict for :meth:`MidEnd.from_save`), or None."""
        g = self.data["games"].get(game_id.text)
        return g if isinstance(g, dict) else None

    def put_game(self, game_id: GameId, save: dict[str, Any]) -> None:
        """Store the mid-end save of ``game_id`` and write the file."""
        self.data["games"][game_id.text] = save
        self.flush()

    # ------------------------------------------------------------ records

    def record(self, game_id: GameId) -> dict[str, Any]:
        """The statistics record of ``game_id`` (created empty); the caller may change it
        and then :meth:`flush`."""
        recs = self.data["records"]
        rec = recs.get(game_id.text)
        if not isinstance(rec, dict):
            rec = {}
            recs[game_id.text] = rec
        return rec

    def peek(self, game_id: GameId) -> dict[str, Any]:
        """The record of ``game_id`` without creating one ({} when none)."""
        rec = self.data["records"].get(game_id.text)
        return rec if isinstance(rec, dict) else {}

    def records(self) -> Iterator[tuple[GameId, dict[str, Any]]]:
        """Every well-formed record with its :class:`GameId`."""
        for key, rec in list(self.data["records"].items()):
            if not isinstance(rec, dict):
                continue
            try:
                yield GameId.from_text(key), rec
            except ValueError:
                continue


# ---------------------------------------------------------------- migration


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """A version-3 object from any version (1 and 2 are converted; 3 and newer are kept,
    with their tables checked); never raises."""
    out: dict[str, Any] = {"version": VERSION, "games": {}, "records": {}}
    for table in ("games", "records"):
        if isinstance(data.get(table), dict):
            out[table] = dict(data[table])
    puzzles = data.get("puzzles")
    if data.get("version", 1) < 3 and isinstance(puzzles, dict):
        for key, rec in puzzles.items():
            if not isinstance(key, str) or not isinstance(rec, dict):
                continue
            gid = _old_game_id(key)
            if gid is None:
                continue
            save = _old_flip_save(gid, rec) if "history" in rec else _old_move_save(rec)
            if save is not None:
                out["games"].setdefault(gid.text, save)
            record = _old_record(gid, rec)
            if record:
                out["records"].setdefault(gid.text, record)
    return out


def _old_game_id(key: str) -> GameId | None:
    """Version-1/2 keys: ``"classic 2024-05-01"``, ``"flip 4x4 2024-05-01"``, ``"custom NAME"``."""
    if key.startswith("custom "):
        return GameId("file:" + key[len("custom "):])
    try:
        return GameId.from_text(key)
    except ValueError:
        return None


def _old_timer(rec: dict[str, Any]) -> float:
    v = _num(rec.get("elapsed_s"))
    return v if v is not None and 0.0 <= v <= MAX_ELAPSED_S else 0.0


def _old_move_save(rec: dict[str, Any]) -> dict[str, Any] | None:
    """A polyomino move log (``"moves": ["P0:0@2,2", ...]``) as a mid-end save."""
    log = rec.get("moves")
    moves = [m for m in log if isinstance(m, str)] if isinstance(log, list) else []
    elapsed = _old_timer(rec)
    if not moves and not elapsed and not rec.get("helped"):
        return None
    return {"params": "", "pos": len(moves), "elapsed_s": elapsed, "started": bool(moves) or elapsed > 0,
            "moves": [[Kind.SOLVE.value if m.startswith("A") else Kind.MOVE.value, m] for m in moves],
            "assisted": bool(rec.get("helped")), "recorded": bool(rec.get("solved")),
            "help_since_done": bool(rec.get("helped"))}


def _old_flip_save(gid: GameId, rec: dict[str, Any]) -> dict[str, Any] | None:
    """A Flip undo list of whole states (``[lit, moves, cheated]`` each) as presses.

    Consecutive states differ by one press (the lit patterns differ by the press's
    cross) or by a reset (move count back to 0 on the dealt pattern); anything else
    ends the list there.
    """
    from solver import flip

    hist, pos = rec.get("history"), rec.get("pos")
    try:
        n = int(gid.extra.split("x")[0])
        states = [(int(lit), int(moves), bool(cheated)) for lit, moves, cheated in hist]
    except (TypeError, ValueError, AttributeError):
        return None
    if not states or not 3 <= n <= 64:
        return None
    crosses = {flip.press_mask(n, n, r, c): (r, c) for r in range(n) for c in range(n)}
    moves: list[list[str]] = []
    for (lit0, _, cheat0), (lit1, m1, cheat1) in zip(states, states[1:]):
        if m1 == 0 and lit1 == states[0][0]:
            moves.append([Kind.RESTART.value, ""])
            continue
        cell = crosses.get(lit0 ^ lit1)
        if cell is None:
            break
        assisted = cheat1 and not cheat0
        moves.append([(Kind.SOLVE if assisted else Kind.MOVE).value, f"{'A' if assisted else ''}{cell[0]},{cell[1]}"])
    p = pos if isinstance(pos, int) and not isinstance(pos, bool) else len(moves)
    return {"params": f"{n},daily", "pos": max(0, min(p, len(moves))), "elapsed_s": _old_timer(rec),
            "started": len(moves) > 0, "moves": moves, "assisted": any(s[2] for s in states),
            "recorded": bool(rec.get("solved")), "help_since_done": False}


def _old_record(gid: GameId, rec: dict[str, Any]) -> dict[str, Any]:
    """The statistics of a version-1/2 entry as a version-3 record ({} when there is none)."""
    hints = _num(rec.get("hints")) or 0
    solves = _num(rec.get("solves")) or 0
    found_v = rec.get("found")
    found = [s for s in found_v if isinstance(s, str)] if isinstance(found_v, list) else []
    if not rec.get("solved") and not hints and not solves and not found:
        return {}
    out: dict[str, Any] = {"hints": int(hints), "solves": int(solves), "searches": 0, "found": found}
    if rec.get("solved"):
        alone = bool(rec.get("solved_alone"))
        times = rec.get("times") if isinstance(rec.get("times"), list) else []
        days = sorted(t["on"] for t in times if isinstance(t, dict) and isinstance(t.get("on"), str))
        on = None
        for d in days:
            try:
                on = _dt.date.fromisoformat(d).isoformat()
                break
            except ValueError:
                continue
        best = _num(rec.get("best_s"))
        out.update(solved=True, assisted=not alone, seconds=best if alone else None, moves=0, solved_on=on)
    return out
