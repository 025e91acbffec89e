"""game/store.py: what the progress file holds, per game id, and how two copies merge (no pygame).

One JSON object, schema :data:`VERSION`::

    {"version": 3,
     "games":   {"classic 2024-05-01": <MidEnd.to_save()> + {"saved_at": <unix time>}, ...},
     "records": {"classic 2024-05-01": <statistics record>, ...}}

``games`` is written by the mid end's save (:meth:`game.midend.MidEnd.to_save`),
``records`` only by :class:`game.stats.Stats` from mid-end events; the found
solutions are part of each record.  The file itself (atomic writes, the backup, a
damaged file set aside, the lock, a read-only folder) is
:class:`game.saves.ProgressFile`'s business.

**Two windows, no loss.**  Every write is lock - re-read - merge - write
(:meth:`Store.flush`): the file on disk is taken as it is now, and only the game ids
this window changed since it loaded (or last wrote) are merged in:

* a game (a position with its undo list) cannot be mixed: the newer change wins, by
  ``saved_at`` (the wall-clock time of the change);
* a statistics record merges fact by fact (:func:`merge_record`): solved stays
  solved, assisted stays assisted, the hand time is the fastest hand solve, the day
  solved the earliest, found boards are the union, and help counts add up what
  each window added.

Files written by earlier versions (1 and 2: a ``"puzzles"`` table of move logs,
Flip ``"history"`` lists of whole states, solved flags, best times, found
solutions) are migrated on load (:func:`migrate`), so no player loses a position,
an undo list or a statistic.
"""
from __future__ import annotations

import copy
import datetime as _dt
import math
import time
from typing import Any, Iterator

from .midend import MAX_ELAPSED_S, GameId, Kind
from .saves import ProgressFile

VERSION = 3
"""Schema version written.  1/2: ``puzzles`` (migrated on load); 3: ``games`` + ``records``."""
RESET_SUFFIX = "reset"
"""Name part of the copy kept when statistics are reset: ``progress.json.reset-<time>``."""
SET_ASIDE = "set-aside"
"""Key prefix, in the ``games`` table, of a save kept aside (:meth:`Store.set_aside_game`)."""
COUNTS = ("hints", "solves", "searches")
"""Record fields that count help asked for (merged by adding what each window added)."""
FACTS = ("solved", "assisted", "seconds", "moves", "solved_on")
"""Record fields about the first solve (merged as one fact, see :func:`merge_record`)."""


def _num(v: Any) -> float | None:
    ok = isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
    return float(v) if ok else None


def check(data: dict[str, Any]) -> None:
    """Refuse a progress file of the wrong structure (``ValueError``): a ``games``,
    ``records`` or ``puzzles`` table that is there but not an object (a missing table
    reads as empty)."""
    for name in ("games", "records", "puzzles"):
        if name in data and not isinstance(data[name], dict):
            raise ValueError(f"the {name} table is not an object")


def record_problem(rec: Any) -> str | None:
    """What is wrong with a statistics record as read from the file, or None when it is
    well formed: an object whose known fields (written by :class:`game.stats.Stats`)
    have their types: ``solved`` and ``assisted`` true or false, ``seconds`` a number
    of at least 0 or null, ``moves`` and the help counts (:data:`COUNTS`) whole numbers
    of at least 0, ``solved_on`` a ``YYYY-MM-DD`` date or null, ``found`` a list of
    texts.  Other keys are allowed (a newer game's)."""
    if not isinstance(rec, dict):
        return "not an object"
    for name in ("solved", "assisted"):
        if name in rec and not isinstance(rec[name], bool):
            return f"{name!r} is not true or false"
    if rec.get("seconds") is not None and not (_num(rec["seconds"]) is not None and rec["seconds"] >= 0):
        return "'seconds' is not a time"
    for name in ("moves",) + COUNTS:
        v = rec.get(name)
        if name in rec and not (isinstance(v, int) and not isinstance(v, bool) and v >= 0):
            return f"{name!r} is not a count"
    day = rec.get("solved_on")
    if day is not None:
        try:
            _dt.date.fromisoformat(day if isinstance(day, str) else "")
        except ValueError:
            return "'solved_on' is not a date"
    found = rec.get("found")
    if "found" in rec and not (isinstance(found, list) and all(isinstance(f, str) for f in found)):
        return "'found' is not a list of solutions"
    return None


class Store:
    """The progress file's content, loaded once and written after every change.

    Args:
        folder: the data folder (default: :func:`game.saves.data_dir`).
        enabled: False keeps everything in memory (scripted ``--frames`` runs).
        read_only: True reads the file (or its backup) and never writes (the export).

    Attributes:
        file: the :class:`~game.saves.ProgressFile` (``path``, ``writable``, ``notice``...).
        data: the loaded object (see the module docstring).
        set_aside: the statistics records of the wrong structure found at load
            (:func:`record_problem`): game id text -> what is wrong.  They are left out
            of every statistic; one is replaced when its game is played again.
        records_notice: the same for the window, ``("save_bad_records", {"n": count})``,
            or None.  records_warning: the same as an English sentence ("" when none).
    """

    def __init__(self, folder: str | None = None, enabled: bool = True, read_only: bool = False) -> None:
        self.file = ProgressFile(folder, enabled, read_only)
        self.data: dict[str, Any] = {"version": VERSION, "games": {}, "records": {}}
        loaded = self.file.load(VERSION, check)
        if loaded is not None:
            self.data = migrate(loaded)
        self.set_aside = {key: why for key, rec in self.data["records"].items()
                          if (why := record_problem(rec)) is not None}
        self.records_notice: tuple[str, dict[str, Any]] | None = None
        self.records_warning = ""
        if self.set_aside:
            n = len(self.set_aside)
            self.records_notice = ("save_bad_records", {"n": n})
            first, why = next(iter(self.set_aside.items()))
            self.records_warning = (f"{n} statistics record{'s' if n != 1 else ''} in {self.path} "
                                    f"{'have' if n != 1 else 'has'} the wrong structure and "
                                    f"{'are' if n != 1 else 'is'} left out (first: {first!r}, {why})")
        self._synced(set(), set())

    def _synced(self, games: set[str], records: set[str]) -> None:
        """The file and :attr:`data` agree now, except for these changed game ids."""
        self._changed_games = games
        self._changed_records = records
        self._base = dict(self.data["records"])  # the records as last read or written

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
        """Write the file now: lock, re-read, merge this window's changes in, write
        (:meth:`ProgressFile.update`).  Afterwards :attr:`data` is what the file holds,
        other windows' progress included.  True when written; False when saving is off
        or failed (the changes stay pending and go with the next flush)."""
        written = self.file.update(self._merge)
        if written is None:
            return False
        self.data = written
        self._synced(set(), set())
        return True

    def _merge(self, disk: dict[str, Any] | None) -> dict[str, Any]:
        """What to write, given the file as it is now (None: no file)."""
        if disk is None:
            return {"version": VERSION, "games": dict(self.data["games"]), "records": dict(self.data["records"])}
        theirs = migrate(disk)
        games, records = dict(theirs["games"]), dict(theirs["records"])
        for key, mine in self.data["games"].items():
            other = games.get(key)
            if not isinstance(other, dict) or (key in self._changed_games and _saved_at(mine) >= _saved_at(other)):
                games[key] = mine
        for key in self._changed_records:
            mine = self.data["records"].get(key)
            if isinstance(mine, dict):
                other = records.get(key)
                base = self._base.get(key)
                records[key] = merge_record(other if record_problem(other) is None else {}, mine,
                                            base if record_problem(base) is None else {})
        return {"version": VERSION, "games": games, "records": records}

    # ------------------------------------------------------------ games

    def game(self, game_id: GameId) -> dict[str, Any] | None:
        """The saved mid end of ``game_id`` (a dict for :meth:`MidEnd.from_save`), or None."""
        g = self.data["games"].get(game_id.text)
        return g if isinstance(g, dict) else None

    def put_game(self, game_id: GameId, save: dict[str, Any]) -> None:
        """Store the mid-end save of ``game_id`` (stamped with the time, ``saved_at``) and
        write the file."""
        self.data["games"][game_id.text] = {**save, "saved_at": round(time.time(), 3)}
        self._changed_games.add(game_id.text)
        self.flush()

    def set_aside_game(self, game_id: GameId) -> str | None:
        """Keep the save of ``game_id`` as it is under ``"set-aside <id> <saved_at>"`` (a game
        the mid end would not replay: another puzzle's), so the game played under
        ``game_id`` from now on never overwrites it.  Returns that key, or None when
        there was no save."""
        save = self.data["games"].pop(game_id.text, None)
        if not isinstance(save, dict):
            return None
        key = f"{SET_ASIDE} {game_id.text} {_saved_at(save):.3f}"
        self.data["games"][key] = save
        self._changed_games.add(key)
        self.flush()
        return key

    # ------------------------------------------------------------ records

    def record(self, game_id: GameId) -> dict[str, Any]:
        """The statistics record of ``game_id`` (created empty), to change: the caller may
        change it and then :meth:`flush`."""
        key = game_id.text
        recs = self.data["records"]
        rec = recs.get(key)
        if record_problem(rec) is not None:  # none yet, or the wrong structure: start afresh
            rec = {}
        if key not in self._changed_records:  # keep the record as read for the merge
            rec = copy.deepcopy(rec)
            self._changed_records.add(key)
        recs[key] = rec
        return rec

    def peek(self, game_id: GameId) -> dict[str, Any]:
        """The record of ``game_id`` without creating one ({} when none); do not change it."""
        rec = self.data["records"].get(game_id.text)
        return rec if record_problem(rec) is None else {}

    def records(self) -> Iterator[tuple[GameId, dict[str, Any]]]:
        """Every well-formed record (:func:`record_problem`) with its :class:`GameId`."""
        for key, rec in list(self.data["records"].items()):
            if record_problem(rec) is not None:
                continue
            try:
                yield GameId.from_text(key), rec
            except ValueError:
                continue

    def reset_records(self) -> str:
        """Reset the statistics: keep a copy of the progress file beside it
        (``progress.json.reset-<time>``: copying it back over ``progress.json`` undoes
        the reset), then empty the ``records`` table; games in progress stay.

        Returns the copy's path.  Raises ``OSError`` with nothing changed when saving
        is off or the copy or the write fails.
        """
        if not self.writable:
            raise PermissionError(self.warning or "progress is not being saved")
        with self.file.lock():  # one turn: no other window writes between the copy and the reset
            if not self.flush():  # the copy holds everything up to now
                raise OSError(self.warning or "cannot save")
            kept = self.file.keep_copy(RESET_SUFFIX)
            written = self.file.update(lambda disk: {**migrate(disk or self.data), "records": {}})
        if written is None:
            raise OSError(self.warning or "cannot save")
        self.data = written
        self._synced(set(), set())
        return kept


def _saved_at(save: dict[str, Any]) -> float:
    return _num(save.get("saved_at")) or 0.0


def merge_record(disk: dict[str, Any], mine: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
    """One game id's statistics record from two windows: ``disk`` (the file now) and
    ``mine`` (this window's), ``base`` being what this window read before changing it.

    The union of facts (the rules of :mod:`game.stats`), taking from ``mine`` only
    what it added since ``base`` (so a record emptied meanwhile, by a statistics
    reset in another window, does not come back): solved stays solved and assisted
    stays assisted; ``seconds`` is the fastest hand solve (None once assisted);
    ``solved_on`` is the earliest day and ``moves`` those of that solve; ``found``
    keeps every board of both, the file's first; the help counts (:data:`COUNTS`)
    are the file's plus what this window added.  Other keys of ``mine`` are kept
    when the file lacks them.  Returns a new dict; the arguments are not changed.
    """
    out = dict(disk)
    for key, value in mine.items():
        if key not in out and key not in FACTS + COUNTS + ("found",):
            out[key] = value
    solves = [r for r, ok in ((disk, bool(disk.get("solved"))),
                              (mine, bool(mine.get("solved")) and not base.get("solved"))) if ok]
    if solves:
        first = min(solves, key=lambda r: (str(r.get("solved_on") or "9999-99-99"), _num(r.get("moves")) or 0))
        assisted = any(bool(r.get("assisted")) for r in solves)
        hand = [t for t in (_num(r.get("seconds")) for r in solves) if t is not None]
        out.update(solved=True, assisted=assisted, solved_on=first.get("solved_on"), moves=first.get("moves", 0),
                   seconds=None if assisted or not hand else min(hand))
    for name in COUNTS:
        added = max(0, int(_num(mine.get(name)) or 0) - int(_num(base.get(name)) or 0))
        if added or name in disk:
            out[name] = int(_num(disk.get(name)) or 0) + added
    had = set(_strings(base.get("found")))
    found = _strings(disk.get("found"))
    found += [f for f in dict.fromkeys(_strings(mine.get("found"))) if f not in had and f not in found]
    if found or "found" in disk:
        out["found"] = found
    return out


def _strings(v: Any) -> list[str]:
    return [s for s in v if isinstance(s, str)] if isinstance(v, list) else []


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
