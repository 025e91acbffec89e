"""game/stats.py: progress and statistics saved between runs (no pygame).

One JSON file in the user's data folder (``platformdirs.user_data_dir("daily-drill",
appauthor=False)``; the environment variable ``DAILY_DRILL_DATA_DIR`` overrides it),
UTF-8, with a schema version (:data:`VERSION`).  It holds, per puzzle key
(``"classic 2024-05-01"``, ``"drill 2024-05-01"``, ``"custom <name>"``): the move
log of the position in progress and its play time (so a crash or a closed window
loses nothing), whether it was solved (and whether without help), the best
unassisted time, the recent completion times, how many Hints and Solves were
used, and every distinct solution the player completed (``found``).

Never lost, never fatal:

* every write goes to a temporary file in the same folder, is flushed and
  ``os.fsync``-ed, then replaces the old file atomically (``os.replace``); a crash
  at any point leaves either the old or the new file, never half of one
  (:func:`game.saves.atomic_write`; temporary files a killed process left are
  removed at the next start);
* a file that cannot be parsed is renamed to
  ``progress.json.corrupt-YYYYmmddTHHMMSS`` (never overwritten) and play starts
  from an empty record; :attr:`Progress.notice` tells the window what happened;
* a file that exists but cannot be *read* (permissions) is left alone and saving
  is switched off, so it can never be overwritten with an empty record;
* a folder that cannot be created or written only disables saving (the notice
  says that progress will not be saved).

Statistics are computed by :meth:`Progress.summary` from these records; streaks
count consecutive puzzle dates solved without Hint or Solve.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import tempfile
from dataclasses import dataclass, field
from typing import Any, Iterable

from . import saves

FILE_NAME = "progress.json"
VERSION = 2
"""Schema version written to the file.  1: moves, elapsed_s, solved, solved_alone, best_s.
2 adds per record ``times``, ``hints``, ``solves``, ``found``; version 1 files load unchanged."""
RECENT_KEEP = 20
"""Completion times kept per puzzle key (the newest ones)."""
ENV_DIR = "DAILY_DRILL_DATA_DIR"
"""Environment variable that overrides the data folder (tests, portable installs)."""


def data_dir() -> str:
    """Folder for the progress file: ``$DAILY_DRILL_DATA_DIR`` or the platform's user data folder."""
    env = os.environ.get(ENV_DIR)
    if env:
        return env
    try:
        from platformdirs import user_data_dir

        return user_data_dir("daily-drill", appauthor=False)
    except ImportError:
        return os.path.join(os.path.expanduser("~"), ".local", "share", "daily-drill")


def solution_key(pieces: Iterable[tuple[str, int, int, int]]) -> str:
    """Canonical text of a solution: ``"CODE:o@r,c"`` per piece, sorted, space-separated.

    Takes (formation code, orientation index, bounding-box row, col) per placed
    piece.  Identical formations are interchangeable, so the slot they came from
    is not part of the key: two players' equal boards give the same key.
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


@dataclass
class Summary:
    """Statistics over the puzzle keys that start with one prefix (a mode).

    Attributes:
        days_solved: keys ever solved (with or without help).
        days_alone: keys solved at least once without Hint or Solve.
        best_s: best unassisted time over those keys, seconds (None: none yet).
        recent: newest completions, newest first: (key, seconds, assisted).
        current_streak: consecutive dates up to today (or yesterday, when today
            is not solved yet) solved without help.
        longest_streak: the longest such run ever.
        hints: Hints asked for; solves: Solves asked for.
        found: distinct solutions completed, summed over keys.
    """

    days_solved: int = 0
    days_alone: int = 0
    best_s: float | None = None
    recent: list[tuple[str, float, bool]] = field(default_factory=list)
    current_streak: int = 0
    longest_streak: int = 0
    hints: int = 0
    solves: int = 0
    found: int = 0


def _num(v: Any, default: float = 0.0) -> float:
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else default


def streaks(dates: Iterable[_dt.date], today: _dt.date) -> tuple[int, int]:
    """(current, longest) runs of consecutive days in ``dates``.

    The current run ends at ``today``, or at yesterday when ``today`` is not in
    ``dates`` (a streak is not lost before the day is over); 0 otherwise.
    """
    days = sorted(set(dates))
    longest = run = 0
    prev: _dt.date | None = None
    for d in days:
        run = run + 1 if prev is not None and (d - prev).days == 1 else 1
        longest = max(longest, run)
        prev = d
    have = set(days)
    end = today if today in have else today - _dt.timedelta(days=1)
    current = 0
    while end in have:
        current += 1
        end -= _dt.timedelta(days=1)
    return current, longest


class Progress:
    """The progress file, loaded once and saved after every change.

    Args:
        folder: where ``progress.json`` lives (default :func:`data_dir`).
        enabled: False keeps everything in memory (scripted ``--frames`` runs).

    Attributes:
        writable: False when saving is off (disabled, unreadable file, read-only folder).
        warning: the last problem as an English sentence ("" when none).
        notice: the same for the window: (:mod:`game.i18n` key, format fields) or None.
        backup: path of the file set aside after a failed read ("" when none).
    """

    def __init__(self, folder: str | None = None, enabled: bool = True) -> None:
        self.enabled = enabled
        self.folder = folder or data_dir()
        self.path = os.path.join(self.folder, FILE_NAME)
        self.warning = ""
        self.notice: tuple[str, dict[str, Any]] | None = None
        self.backup = ""
        self.writable = enabled
        self.data: dict[str, Any] = {"version": VERSION, "puzzles": {}}
        if enabled:
            self._read()
            if self.writable:
                self._probe()
                saves.clean_temp(self.folder)

    # ---------------------------------------------------------------- file

    def _tell(self, key: str, english: str, **fields: Any) -> None:
        self.warning = english
        self.notice = (key, fields)

    def _set_aside(self, suffix: str) -> str:
        """Rename the progress file to ``progress.json.<suffix>-<time>``; returns the new path ("" on failure)."""
        return saves.set_aside(self.path, suffix)

    def _read(self) -> None:
        try:
            with open(self.path, "rb") as f:
                raw = f.read()
        except FileNotFoundError:
            return
        except IsADirectoryError:
            self._tell("save_readonly", "the progress file is a folder; progress will not be saved")
            self.writable = False
            return
        except OSError as e:  # exists but unreadable: never overwrite it
            self._tell("save_readonly", f"cannot read the progress file ({e.strerror or e}); "
                       "progress will not be saved")
            self.writable = False
            return
        try:
            data = json.loads(raw.decode("utf-8"))
            if not isinstance(data, dict) or not isinstance(data.get("puzzles"), dict):
                raise ValueError("not a progress file")
            version = data.get("version", 1)
            if not isinstance(version, int) or version < 1:
                raise ValueError(f"bad schema version {version!r}")
        except (ValueError, UnicodeDecodeError) as e:
            self.backup = self._set_aside("corrupt")
            if not self.backup:  # cannot move it aside: do not overwrite it either
                self.writable = False
            self._tell("save_corrupt", f"progress file unreadable ({type(e).__name__}); kept as "
                       f"{os.path.basename(self.backup) or FILE_NAME}, starting afresh",
                       name=os.path.basename(self.backup) or FILE_NAME)
            return
        if version > VERSION:  # written by a newer game: keep a copy before we write our version
            self.backup = self._copy_aside(f"v{version}", raw)
            self._tell("save_newer", f"progress file from a newer version; a copy is kept as "
                       f"{os.path.basename(self.backup)}", name=os.path.basename(self.backup))
        data["version"] = VERSION
        self.data = data

    def _copy_aside(self, suffix: str, raw: bytes) -> str:
        stamp = _dt.datetime.now().strftime("%Y%m%dT%H%M%S")
        dest = f"{self.path}.{suffix}-{stamp}"
        try:
            with open(dest, "xb") as f:
                f.write(raw)
        except OSError:
            return ""
        return dest

    def _probe(self) -> None:
        """Check once that the folder can be created and written; else switch saving off."""
        try:
            os.makedirs(self.folder, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".probe-", dir=self.folder)
            os.close(fd)
            os.remove(tmp)
        except OSError as e:
            self.writable = False
            self._tell("save_readonly", f"cannot write to {self.folder} ({e.strerror or e}); "
                       "progress will not be saved")

    def save(self) -> bool:
        """Write the file atomically (temp file, flush, fsync, ``os.replace``).

        Returns True when written; False (and play goes on, with :attr:`notice`
        set) when saving is off or the write failed.  A failed write leaves the
        previous file intact and removes the temporary file.
        """
        if not self.enabled or not self.writable:
            return False
        try:
            os.makedirs(self.folder, exist_ok=True)
            saves.atomic_write(self.path, self.data)
            return True
        except OSError as e:
            self._tell("save_failed", f"cannot save progress ({e.strerror or e})")
            return False

    # ---------------------------------------------------------------- records

    def record(self, key: str) -> dict[str, Any]:
        """The stored record of puzzle ``key`` (a new empty one if none); never raises."""
        rec = self.data["puzzles"].get(key)
        if not isinstance(rec, dict):
            rec = {}
            self.data["puzzles"][key] = rec
        return rec

    def _records(self, prefix: str) -> list[tuple[str, dict[str, Any]]]:
        return [(k, r) for k, r in self.data["puzzles"].items()
                if isinstance(k, str) and k.startswith(prefix) and isinstance(r, dict)]

    def moves(self, key: str) -> list[str]:
        """The saved move log of the position in progress for ``key`` (strings; may be empty)."""
        log = self.record(key).get("moves", [])
        return [m for m in log if isinstance(m, str)] if isinstance(log, list) else []

    def save_moves(self, key: str, moves: list[str], elapsed_s: float) -> None:
        """Store the move log and play time (seconds) of ``key`` and write the file."""
        rec = self.record(key)
        rec["moves"] = list(moves)
        rec["elapsed_s"] = round(float(elapsed_s), 1)
        self.save()

    MAX_ELAPSED_S = 100 * 3600.0
    """Largest timer value taken from a file (seconds); a hand-edited or damaged value
    outside 0 .. 100 h reads as 0 rather than a negative or 60-digit clock."""

    def elapsed(self, key: str) -> float:
        """Saved play time of the position in progress (seconds, 0 when none)."""
        v = _num(self.record(key).get("elapsed_s", 0.0))
        return v if 0.0 <= v <= self.MAX_ELAPSED_S else 0.0

    def note_help(self, key: str, kind: str) -> None:
        """Count one use of help on ``key``: ``kind`` is ``"hint"`` or ``"solve"``; writes the file."""
        field_name = "hints" if kind == "hint" else "solves"
        rec = self.record(key)
        rec[field_name] = int(_num(rec.get(field_name))) + 1
        rec["helped"] = True  # the attempt in progress is assisted, even if the help is undone
        self.save()

    def mark_solved(self, key: str, seconds: float, assisted: bool, solution: str = "",
                    on: _dt.date | None = None) -> bool:
        """Record a completion of ``key`` in ``seconds``; writes the file.

        Args:
            key: puzzle key.
            seconds: play time of this completion.
            assisted: True when Hint or Solve placed a piece.
            solution: :func:`solution_key` of the finished board ("" when unknown).
            on: the calendar day it happened (default: today, local time).

        Help asked for since the last completion (:meth:`note_help`, even when it
        was undone) makes this completion assisted too.  Returns True when
        ``solution`` is a solution this player had not found before.  Keeps the best unassisted time and the :data:`RECENT_KEEP`
        newest times; completing the same board twice in a row (an undo and a
        redo of the last piece) is recorded once.
        """
        rec = self.record(key)
        assisted = bool(assisted) or bool(rec.pop("helped", False))
        times = rec.get("times") if isinstance(rec.get("times"), list) else []
        last = times[-1] if times and isinstance(times[-1], dict) else None
        repeat = bool(solution) and last is not None and last.get("sol") == solution
        rec["solved"] = True
        rec["solved_alone"] = bool(rec.get("solved_alone")) or not assisted
        if not assisted:
            best = rec.get("best_s")
            if not isinstance(best, (int, float)) or seconds < best:
                rec["best_s"] = round(float(seconds), 1)
        if not repeat:
            times.append({"s": round(float(seconds), 1), "assisted": bool(assisted),
                          "on": (on or _dt.date.today()).isoformat(), "sol": solution})
            rec["times"] = times[-RECENT_KEEP:]
        new = False
        if solution:
            found = self.found(key)
            if solution not in found:
                rec["found"] = found + [solution]
                new = True
        self.save()
        return new

    def found(self, key: str) -> list[str]:
        """The distinct solutions completed for ``key``, oldest first (:func:`solution_key` strings)."""
        v = self.record(key).get("found", [])
        return [s for s in v if isinstance(s, str)] if isinstance(v, list) else []

    def best(self, key: str) -> float | None:
        """Best unassisted time for ``key`` in seconds, or None."""
        v = self.record(key).get("best_s")
        return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None

    def solved_count(self, prefix: str = "") -> int:
        """How many puzzles whose key starts with ``prefix`` were ever solved."""
        return sum(1 for _, r in self._records(prefix) if r.get("solved"))

    def summary(self, prefix: str = "", today: _dt.date | None = None) -> Summary:
        """Statistics over the keys starting with ``prefix`` (e.g. ``"classic "``).

        ``today`` (default: local today) anchors the current streak; only keys
        ending in an ISO date count towards streaks.
        """
        today = today or _dt.date.today()
        s = Summary()
        recent: list[tuple[str, str, int, float, bool]] = []
        alone_dates: list[_dt.date] = []
        for key, rec in self._records(prefix):
            if rec.get("solved"):
                s.days_solved += 1
            if rec.get("solved_alone"):
                s.days_alone += 1
                try:
                    alone_dates.append(_dt.date.fromisoformat(key.rsplit(" ", 1)[-1]))
                except ValueError:
                    pass
            b = self.best(key)
            if b is not None and (s.best_s is None or b < s.best_s):
                s.best_s = b
            s.hints += int(_num(rec.get("hints")))
            s.solves += int(_num(rec.get("solves")))
            s.found += len(self.found(key))
            times = rec.get("times")
            for i, t in enumerate(times if isinstance(times, list) else []):
                if isinstance(t, dict):
                    recent.append((str(t.get("on", "")), key, i, _num(t.get("s")), bool(t.get("assisted"))))
        recent.sort(reverse=True)
        s.recent = [(k, sec, a) for _, k, _, sec, a in recent[:10]]
        s.current_streak, s.longest_streak = streaks(alone_dates, today)
        return s
