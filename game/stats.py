"""game/stats.py: statistics built only from mid-end events (no pygame).

:meth:`Stats.note` (in a scene, through :meth:`game.scene.Context.bind`) or
:meth:`Stats.listen` (which also writes the file) is a :class:`game.midend.MidEnd`
listener; nothing else writes the records.  One record per game id (mode + date + extra), in the progress file's
``records`` table (:class:`game.store.Store`)::

    {"solved": true, "assisted": false, "seconds": 142.5, "moves": 9,
     "solved_on": "2024-05-01", "hints": 0, "solves": 0, "searches": 0,
     "found": ["BDQX:1@0,0 F6:0@3,5 ...", ...]}

The rules (issue 12):

* **One record per game id**: the first :class:`~game.midend.Solved` fills it; a
  later solve of the same game id (undo and redo, a reset and a second go) changes
  nothing.  Its verdict is the mid end's: assisted when a Hint, a Solve or the search
  replay was asked for before the solve.
* **Times**: ``seconds`` only for hand solves (first move to solved, pauses
  excluded); best times come from those.
* **Help**: each request counts by kind: ``hints``, ``solves`` and ``searches``
  (the search replay is its own kind of help, never a Solve).
* **Streak day**: a calendar day D on which the player solved D's *own* puzzle by
  hand (``date == solved_on == D``), in any mode.  Past and future dates are
  practice: they never make a streak day.
* **Found solutions**: every distinct board completed by hand
  (:class:`~game.midend.Completed` with ``by_hand``), for "found k of N" and browsing.

**Export** (:meth:`Stats.export`, ``daily-drill --export-stats``, the Stats screen's
button): the player's own record as JSON, documented by
``docs/stats-export.schema.json``: one entry per date and mode (Flip's board sizes of
one date fold into one: a hand solve before an assisted one, then the fastest),
assisted solves marked and timeless, the streaks by the rule above.
"""
from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

import platformdirs

from .midend import Assisted, Completed, GameId, Solved
from .store import Store

HELP_FIELDS = {"hint": "hints", "solve": "solves", "search": "searches"}
"""Record field counting each kind of help."""
RECENT_KEEP = 10
"""Completions listed as "recent" in a summary."""
EXPORT_SCHEMA = 1
"""``"schema"`` of the statistics export (docs/stats-export.schema.json)."""
EXPORT_DIR_ENV = "DAILY_DRILL_EXPORT_DIR"
"""Environment variable that overrides the folder the Stats screen exports to (tests, portable installs)."""
EXPORT_SUBDIR = "Daily Drill"


def solution_key(pieces: Iterable[tuple[str, int, int, int]]) -> str:
    """Canonical text of a solved polyomino board: ``"CODE:o@r,c"`` per piece, sorted.

    Takes (shape code, orientation index, bounding-box row, col) per placed piece.
    Identical shapes are interchangeable, so the tray slot is not part of the key:
    two equal boards give the same key.
    """
    return " ".join(sorted(f"{code}:{o}@{r},{c}" for code, o, r, c in pieces))


def parse_solution_key(text: str) -> list[tuple[str, int, int, int]]:
    """Inverse of :func:`solution_key`: a list of (code, orientation, row, col).

    Raises ``ValueError`` for text that is not a solution key.
    """
    out = []
    for part in text.split():
        code, _, rest = part.partition(":")
        o, _, rc = rest.partition("@")
        r, _, c = rc.partition(",")
        if not code:
            raise ValueError(f"{part!r} is not a piece of a solution key")
        out.append((code, int(o), int(r), int(c)))
    return out


def _int(v: Any) -> int:
    return int(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else 0


def _seconds(v: Any) -> float | None:
    ok = isinstance(v, (int, float)) and not isinstance(v, bool) and v == v and 0 <= v < 1e9
    return float(v) if ok else None


def _day(v: Any) -> _dt.date | None:
    try:
        return _dt.date.fromisoformat(v) if isinstance(v, str) else None
    except ValueError:
        return None


@dataclass(frozen=True)
class Record:
    """One game id's statistics (read from the store; malformed fields read as empty).

    Attributes:
        game_id: the game.
        solved: solved at least once.  assisted: the verdict of that first solve.
        seconds: time of a hand solve (None when assisted or unsolved).
        moves: moves of the first solve.  solved_on: the day it happened.
        hints, solves, searches: help asked for, by kind.
        found: distinct boards completed by hand (solution texts), oldest first.
    """

    game_id: GameId
    solved: bool = False
    assisted: bool = False
    seconds: float | None = None
    moves: int = 0
    solved_on: _dt.date | None = None
    hints: int = 0
    solves: int = 0
    searches: int = 0
    found: tuple[str, ...] = ()

    @property
    def by_hand(self) -> bool:
        """Solved without help."""
        return self.solved and not self.assisted

    @property
    def streak_day(self) -> bool:
        """Solved by hand on the puzzle's own date."""
        return self.by_hand and self.game_id.date is not None and self.solved_on == self.game_id.date

    @classmethod
    def read(cls, game_id: GameId, rec: dict[str, Any]) -> "Record":
        """The record from its stored dict."""
        found = rec.get("found")
        assisted = bool(rec.get("assisted"))
        return cls(game_id, bool(rec.get("solved")), assisted,
                   None if assisted else _seconds(rec.get("seconds")), _int(rec.get("moves")),
                   _day(rec.get("solved_on")), _int(rec.get("hints")), _int(rec.get("solves")),
                   _int(rec.get("searches")),
                   tuple(s for s in found if isinstance(s, str)) if isinstance(found, list) else ())


@dataclass
class Summary:
    """Statistics of one mode (streaks: every mode).

    Attributes:
        hand: game ids solved by hand.  assisted: solved with help.
        best_s: best hand time (seconds), None before the first.
        recent: newest solves first: (game id text, seconds or None when assisted, assisted).
        current_streak: streak days in a row up to today (or yesterday, while today's
            puzzle is still open).  longest_streak: the longest run ever.
        hints, solves, searches: help asked for.  found: distinct boards found by hand.
    """

    hand: int = 0
    assisted: int = 0
    best_s: float | None = None
    recent: list[tuple[str, float | None, bool]] = field(default_factory=list)
    current_streak: int = 0
    longest_streak: int = 0
    hints: int = 0
    solves: int = 0
    searches: int = 0
    found: int = 0


def streaks(days: Iterable[_dt.date], today: _dt.date) -> tuple[int, int]:
    """(current, longest) runs of consecutive days in ``days``.

    The current run ends at ``today``, or at yesterday when ``today`` is not in
    ``days`` (a streak is not lost before the day is over); 0 otherwise.
    """
    have = sorted(set(days))
    longest = run = 0
    prev: _dt.date | None = None
    for d in have:
        run = run + 1 if prev is not None and (d - prev).days == 1 else 1
        longest = max(longest, run)
        prev = d
    seen = set(have)
    end = today if today in seen else today - _dt.timedelta(days=1)
    current = 0
    while end in seen:
        current += 1
        end -= _dt.timedelta(days=1)
    return current, longest


class Stats:
    """Records built from mid-end events, and the summaries the overlays show.

    Args:
        store: the :class:`~game.store.Store` holding the records.
        today: the local calendar day (injectable for tests).
    """

    def __init__(self, store: Store, today: Callable[[], _dt.date] = _dt.date.today) -> None:
        self.store = store
        self.today = today

    def listen(self, event: Any) -> None:
        """The mid-end listener: update the record of the event's game id (:meth:`note`)
        and write the file when it changed."""
        if self.note(event):
            self.store.flush()

    def note(self, event: Any) -> bool:
        """Update the record of the event's game id in the store without writing the file;
        True when it changed (the caller flushes: :meth:`game.scene.Context.bind` writes
        once on the mid end's ``Changed``, which ends every batch of events)."""
        if isinstance(event, Assisted):
            rec = self.store.record(event.game_id)
            name = HELP_FIELDS.get(event.kind, "hints")
            rec[name] = _int(rec.get(name)) + 1
        elif isinstance(event, Solved):
            rec = self.store.record(event.game_id)
            if rec.get("solved"):
                return False  # one record per game id: the first solve stands
            rec.update(solved=True, assisted=bool(event.assisted), moves=int(event.moves),
                       seconds=None if event.assisted else round(float(event.seconds), 1),
                       solved_on=event.on_day.isoformat())
        elif isinstance(event, Completed):
            if not (event.by_hand and event.solution):
                return False
            rec = self.store.record(event.game_id)
            found = rec.get("found") if isinstance(rec.get("found"), list) else []
            if event.solution in found:
                return False
            rec["found"] = [*found, event.solution]
        else:
            return False
        return True

    # ------------------------------------------------------------ reading

    def record(self, game_id: GameId) -> Record:
        """The :class:`Record` of ``game_id`` (empty when there is none)."""
        return Record.read(game_id, self.store.peek(game_id))

    def found(self, game_id: GameId) -> tuple[str, ...]:
        """Distinct boards of ``game_id`` completed by hand, oldest first."""
        return self.record(game_id).found

    def all_records(self) -> list[Record]:
        """Every record in the store."""
        return [Record.read(gid, rec) for gid, rec in self.store.records()]

    def streak_days(self) -> set[_dt.date]:
        """Days on which the player solved that day's own puzzle by hand (any mode)."""
        return {r.game_id.date for r in self.all_records() if r.streak_day}

    def streaks(self, today: _dt.date | None = None) -> tuple[int, int]:
        """(current, longest) streak over every mode (see :func:`streaks`)."""
        return streaks(self.streak_days(), today or self.today())

    def solved_count(self, mode: str) -> int:
        """Game ids of ``mode`` solved (by hand or not)."""
        return sum(1 for r in self.all_records() if r.game_id.mode == mode and r.solved)

    def best(self, game_id: GameId) -> float | None:
        """The hand time of ``game_id`` (seconds), or None."""
        return self.record(game_id).seconds

    def summary(self, mode: str, today: _dt.date | None = None) -> Summary:
        """The :class:`Summary` of ``mode`` (streaks over every mode)."""
        s = Summary()
        recent: list[tuple[str, str, float | None, bool]] = []
        for r in self.all_records():
            if r.game_id.mode != mode:
                continue
            s.hints += r.hints
            s.solves += r.solves
            s.searches += r.searches
            s.found += len(r.found)
            if not r.solved:
                continue
            if r.assisted:
                s.assisted += 1
            else:
                s.hand += 1
                if r.seconds is not None and (s.best_s is None or r.seconds < s.best_s):
                    s.best_s = r.seconds
            recent.append((r.solved_on.isoformat() if r.solved_on else "", r.game_id.text, r.seconds, r.assisted))
        recent.sort(reverse=True)
        s.recent = [(k, sec, a) for _, k, sec, a in recent[:RECENT_KEEP]]
        s.current_streak, s.longest_streak = self.streaks(today)
        return s

    def day_marks(self, mode: str) -> dict[_dt.date, str]:
        """For the month calendar: puzzle date -> ``"hand"`` or ``"assisted"`` (hand wins
        when several game ids of ``mode`` share a date, e.g. Flip sizes)."""
        marks: dict[_dt.date, str] = {}
        for r in self.all_records():
            if r.game_id.mode == mode and r.game_id.date is not None and r.solved:
                if marks.get(r.game_id.date) != "hand":
                    marks[r.game_id.date] = "assisted" if r.assisted else "hand"
        return marks

    # ------------------------------------------------------------ export

    def export(self, today: _dt.date | None = None) -> dict[str, Any]:
        """The player's statistics as a JSON-ready dict (docs/stats-export.schema.json)::

            {"schema": 1, "app": "daily-drill", "version": "0.1.0", "today": "2024-05-03",
             "solved": [{"date": "2024-05-01", "mode": "classic", "assisted": false,
                         "seconds": 142.5, "moves": 9, "solved_on": "2024-05-01",
                         "streak_day": true}, ...],
             "streak": {"current": 3, "longest": 5}}

        ``solved`` lists, sorted by date then mode, one entry per puzzle date and
        mode (:func:`exported_mode`: classic, drill, flip, ``variant:NAME``; undated
        games and custom files are left out) that was solved; ``seconds`` is None for
        an assisted solve; ``streak_day`` says whether it made a streak day (solved by
        hand on its own date).  ``streak`` is :meth:`streaks` on ``today`` (default:
        the local today).  Nothing solved yet: an empty list.
        """
        from solver.appinfo import APP_NAME, version

        today = today or self.today()
        best: dict[tuple[_dt.date, str], Record] = {}
        for r in self.all_records():
            d, mode = r.game_id.date, r.game_id.mode
            if not r.solved or d is None or not exported_mode(mode):
                continue
            old = best.get((d, mode))
            if old is None or _rank(r) < _rank(old):
                best[(d, mode)] = r
        solved = [{"date": d.isoformat(), "mode": mode, "assisted": r.assisted,
                   "seconds": None if r.assisted else r.seconds, "moves": r.moves,
                   "solved_on": r.solved_on.isoformat() if r.solved_on else None, "streak_day": r.streak_day}
                  for (d, mode), r in sorted(best.items())]
        current, longest = self.streaks(today)
        return {"schema": EXPORT_SCHEMA, "app": APP_NAME, "version": version(), "today": today.isoformat(),
                "solved": solved, "streak": {"current": current, "longest": longest}}


def _rank(r: Record) -> tuple:
    """Which of several records of one date and mode the export keeps (smallest first):
    a hand solve, then a streak day, then the fastest, then the fewest moves."""
    return (r.assisted, not r.streak_day, r.seconds if r.seconds is not None else float("inf"), r.moves)


def exported_mode(mode: str) -> bool:
    """True for the modes the export lists: ``classic``, ``drill``, ``flip``, ``variant:NAME``."""
    return mode in ("classic", "drill", "flip") or (mode.startswith("variant:") and len(mode) > len("variant:"))


def exports_dir() -> str:
    """Where the Stats screen's Export button writes: ``$DAILY_DRILL_EXPORT_DIR``, else the
    user's documents folder (``platformdirs.user_documents_dir()``) / "Daily Drill"."""
    env = os.environ.get(EXPORT_DIR_ENV)
    if env:
        return env
    return os.path.join(platformdirs.user_documents_dir(), EXPORT_SUBDIR)


def export_name(today: _dt.date) -> str:
    """The Export button's file name: ``daily-drill-statistics-YYYY-MM-DD.json``."""
    return f"daily-drill-statistics-{today.isoformat()}.json"


def write_export(data: dict[str, Any], path: str | os.PathLike) -> str:
    """Write an export (:meth:`Stats.export`) to ``path`` as UTF-8 JSON, atomically, with the
    usual permissions of a new file (0666 less the umask).  Returns the absolute path.

    Raises ``OSError`` (a missing folder, a folder in the way, no permission).
    """
    from .saves import atomic_write

    path = os.path.abspath(os.fspath(path))
    if os.path.isdir(path):
        raise IsADirectoryError(21, "Is a directory", path)
    atomic_write(path, data, mode=0o666 & ~_umask())
    return path


def export_to_folder(stats: "Stats", folder: str | None = None) -> str:
    """The Stats screen's Export: write :meth:`Stats.export` to ``folder`` (default
    :func:`exports_dir`, created when missing) as :func:`export_name`.  Returns the
    file's path; raises ``OSError``."""
    folder = folder or exports_dir()
    os.makedirs(folder, exist_ok=True)
    return write_export(stats.export(), os.path.join(folder, export_name(stats.today())))


def _umask() -> int:
    """The process's file creation mask (read by setting it and putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
