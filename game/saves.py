"""game/saves.py: the progress file at file level (no pygame): atomic writes, reads, backups.

Everything that touches the disk is here; :mod:`game.store` says what the file holds.

* :class:`ProgressFile` opens the file once and writes it back after each change,
  and never loses a save: an unreadable file is set aside, not overwritten; a file
  from a newer version is copied aside first; a folder that cannot be written
  only switches saving off.  Its :attr:`ProgressFile.notice` tells the window;
* :func:`atomic_write` writes JSON (UTF-8) to a temporary file in the same
  folder, flushes, ``os.fsync``-s it, then ``os.replace``-s the target, so a crash
  at any moment leaves either the old file or the new one, never a mix;
* :func:`read_json` reads and parses one (UTF-8 always);
* :func:`set_aside` renames an unreadable file to ``NAME.<suffix>-YYYYmmddTHHMMSS``
  (never overwriting an earlier backup);
* :func:`clean_temp` removes temporary files left behind by a killed process.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import tempfile
import time
from typing import Any

TEMP_PREFIX = ".progress-"
"""Name prefix of the temporary files :func:`atomic_write` creates."""


def atomic_write(path: str | os.PathLike, data: Any) -> None:
    """Write ``data`` as JSON (UTF-8, sorted keys) to ``path`` atomically.

    Takes a file path and a JSON-serialisable value; returns nothing.  Raises
    ``OSError`` (disk full, read-only folder...) with ``path`` untouched and the
    temporary file removed; anything raised mid-way (even a ``BaseException``)
    likewise leaves ``path`` as it was.
    """
    path = os.fspath(path)
    folder = os.path.dirname(path) or "."
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".json", dir=folder)
    done = False
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=1, sort_keys=True)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        done = True
    finally:
        if not done:
            try:
                os.remove(tmp)
            except OSError:
                pass


def read_json(path: str | os.PathLike) -> Any:
    """The parsed JSON in ``path`` (decoded as UTF-8).

    Raises ``FileNotFoundError`` / ``OSError`` when it cannot be read and
    ``ValueError`` (including ``UnicodeDecodeError`` and ``json.JSONDecodeError``)
    when it is not UTF-8 JSON.
    """
    with open(path, "rb") as f:
        raw = f.read()
    return json.loads(raw.decode("utf-8"))


def set_aside(path: str | os.PathLike, suffix: str = "corrupt") -> str:
    """Rename ``path`` to ``path.<suffix>-<local time>`` (``-1``, ``-2``... when taken).

    Returns the new path, or "" when the rename failed (the file stays where it is).
    """
    path = os.fspath(path)
    stamp = _dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    base = f"{path}.{suffix}-{stamp}"
    dest, n = base, 1
    while os.path.exists(dest):
        dest, n = f"{base}-{n}", n + 1
    try:
        os.replace(path, dest)
    except OSError:
        return ""
    return dest


def clean_temp(folder: str | os.PathLike, older_than_s: float = 60.0) -> int:
    """Remove :func:`atomic_write` temporary files in ``folder`` older than ``older_than_s`` seconds.

    A killed process can leave one behind; a younger one may belong to a save in
    progress and is kept.  Returns how many were removed; never raises.
    """
    removed = 0
    now = time.time()
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    for name in names:
        if name.startswith(TEMP_PREFIX) and name.endswith(".json"):
            p = os.path.join(folder, name)
            try:
                if now - os.path.getmtime(p) >= older_than_s:
                    os.remove(p)
                    removed += 1
            except OSError:
                pass
    return removed


FILE_NAME = "progress.json"
"""Name of the progress file in the data folder."""
ENV_DIR = "DAILY_DRILL_DATA_DIR"
"""Environment variable that overrides the data folder (tests, portable installs)."""


def data_dir() -> str:
    """Folder for the progress file: ``$DAILY_DRILL_DATA_DIR`` or the platform's user data
    folder (``platformdirs.user_data_dir("daily-drill", appauthor=False)``)."""
    env = os.environ.get(ENV_DIR)
    if env:
        return env
    try:
        from platformdirs import user_data_dir

        return user_data_dir("daily-drill", appauthor=False)
    except ImportError:
        return os.path.join(os.path.expanduser("~"), ".local", "share", "daily-drill")


class ProgressFile:
    """The one progress file: read once, written atomically after every change.

    Args:
        folder: where ``progress.json`` lives (default :func:`data_dir`).
        enabled: False keeps everything in memory (scripted ``--frames`` runs).

    Attributes:
        path: the file's path.
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

    def _tell(self, key: str, english: str, **fields: Any) -> None:
        self.warning = english
        self.notice = (key, fields)

    def load(self, version: int) -> dict[str, Any] | None:
        """The parsed file (a dict with an int ``version`` >= 1), or None when there is none
        or it cannot be used.  ``version`` is the schema this game writes: a newer file is
        copied aside first.  Sets :attr:`notice` for every problem; never raises.
        """
        if not self.enabled:
            return None
        data = self._read(version)
        if self.writable:
            self._probe()
            clean_temp(self.folder)
        return data

    def _read(self, version: int) -> dict[str, Any] | None:
        try:
            with open(self.path, "rb") as f:
                raw = f.read()
        except FileNotFoundError:
            return None
        except IsADirectoryError:
            self._tell("save_readonly", "the progress file is a folder; progress will not be saved")
            self.writable = False
            return None
        except OSError as e:  # exists but unreadable: never overwrite it
            self._tell("save_readonly", f"cannot read the progress file ({e.strerror or e}); "
                       "progress will not be saved")
            self.writable = False
            return None
        try:
            data = json.loads(raw.decode("utf-8"))
            if not isinstance(data, dict):
                raise ValueError("not a progress file")
            found = data.get("version", 1)
            if not isinstance(found, int) or isinstance(found, bool) or found < 1:
                raise ValueError(f"bad schema version {found!r}")
            data["version"] = found
        except (ValueError, UnicodeDecodeError) as e:
            self.backup = set_aside(self.path, "corrupt")
            if not self.backup:  # cannot move it aside: do not overwrite it either
                self.writable = False
            name = os.path.basename(self.backup) or FILE_NAME
            self._tell("save_corrupt", f"progress file unreadable ({type(e).__name__}); kept as {name}, "
                       "starting afresh", name=name)
            return None
        if found > version:  # written by a newer game: keep a copy before we write our version
            self.backup = self._copy_aside(f"v{found}", raw)
            self._tell("save_newer", f"progress file from a newer version; a copy is kept as "
                       f"{os.path.basename(self.backup)}", name=os.path.basename(self.backup))
        return data

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

    def write(self, data: Any) -> bool:
        """Write ``data`` atomically (:func:`atomic_write`).

        Returns True when written; False (play goes on, :attr:`notice` set) when saving
        is off or the write failed; the previous file is then intact.
        """
        if not self.enabled or not self.writable:
            return False
        try:
            os.makedirs(self.folder, exist_ok=True)
            atomic_write(self.path, data)
            return True
        except OSError as e:
            self._tell("save_failed", f"cannot save progress ({e.strerror or e})")
            return False
