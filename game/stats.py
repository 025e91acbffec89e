"""game/stats.py: progress and statistics saved between runs (no pygame).

One JSON file in the user's data folder (``platformdirs.user_data_dir``; the
environment variable ``DAILY_DRILL_DATA_DIR`` overrides it).  It holds, per
puzzle key (``"classic 2024-05-01"``, ``"drill 2024-05-01"``, a file name):
the move log of the position in progress (so a crash or a closed window loses
nothing), whether it was solved, the best time in seconds and whether help was
used.

Never lost, never fatal: every write goes to a temporary file that replaces the
old one atomically (``os.replace``); a corrupt or unreadable file is renamed to
``progress.json.corrupt`` and play starts from an empty record; a folder that
cannot be written only disables saving.
"""
from __future__ import annotations

import json
import os
import tempfile
from typing import Any

FILE_NAME = "progress.json"
VERSION = 1


def data_dir() -> str:
    """Folder for the progress file: ``$DAILY_DRILL_DATA_DIR`` or the platform's user data folder."""
    env = os.environ.get("DAILY_DRILL_DATA_DIR")
    if env:
        return env
    try:
        from platformdirs import user_data_dir

        return user_data_dir("daily-drill", appauthor=False)
    except ImportError:
        return os.path.join(os.path.expanduser("~"), ".local", "share", "daily-drill")


class Progress:
    """The progress file, loaded once and saved after every change.

    Args:
        folder: where ``progress.json`` lives (default :func:`data_dir`).
        enabled: False keeps everything in memory (scripted ``--frames`` runs).
    """

    def __init__(self, folder: str | None = None, enabled: bool = True) -> None:
        self.enabled = enabled
        self.folder = folder or data_dir()
        self.path = os.path.join(self.folder, FILE_NAME)
        self.warning = ""
        self.data: dict[str, Any] = {"version": VERSION, "puzzles": {}}
        if enabled:
            self._read()

    def _read(self) -> None:
        try:
            with open(self.path, encoding="utf-8") as f:
                data = json.load(f)
            if not isinstance(data, dict) or not isinstance(data.get("puzzles"), dict):
                raise ValueError("not a progress file")
            self.data = data
        except FileNotFoundError:
            return
        except (OSError, ValueError) as e:
            self.warning = f"progress file unreadable ({type(e).__name__}); starting afresh"
            try:
                os.replace(self.path, self.path + ".corrupt")
            except OSError:
                pass

    def save(self) -> bool:
        """Write the file atomically; returns False (and keeps playing) when it cannot."""
        if not self.enabled:
            return False
        try:
            os.makedirs(self.folder, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".progress-", suffix=".json", dir=self.folder)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(self.data, f, ensure_ascii=False, indent=1, sort_keys=True)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
            return True
        except OSError as e:
            self.warning = f"cannot save progress ({e.strerror or e})"
            return False

    def record(self, key: str) -> dict[str, Any]:
        """The stored record of puzzle ``key`` (a new empty one if none); never raises."""
        rec = self.data["puzzles"].get(key)
        if not isinstance(rec, dict):
            rec = {}
            self.data["puzzles"][key] = rec
        return rec

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

    def elapsed(self, key: str) -> float:
        """Saved play time of the position in progress (seconds, 0 when none)."""
        v = self.record(key).get("elapsed_s", 0.0)
        return float(v) if isinstance(v, (int, float)) else 0.0

    def mark_solved(self, key: str, seconds: float, assisted: bool) -> None:
        """Record a solve of ``key`` in ``seconds``; keeps the best unassisted time."""
        rec = self.record(key)
        rec["solved"] = True
        rec["solved_alone"] = bool(rec.get("solved_alone")) or not assisted
        if not assisted:
            best = rec.get("best_s")
            if not isinstance(best, (int, float)) or seconds < best:
                rec["best_s"] = round(float(seconds), 1)
        self.save()

    def best(self, key: str) -> float | None:
        """Best unassisted time for ``key`` in seconds, or None."""
        v = self.record(key).get("best_s")
        return float(v) if isinstance(v, (int, float)) else None

    def solved_count(self, prefix: str = "") -> int:
        """How many puzzles whose key starts with ``prefix`` were ever solved."""
        return sum(1 for k, r in self.data["puzzles"].items()
                   if k.startswith(prefix) and isinstance(r, dict) and r.get("solved"))
