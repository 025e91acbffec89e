"""game/saves.py: crash-safe JSON files (no pygame): atomic writes, reads, backups.

The file-level half of the progress file (:mod:`game.stats` keeps the records):

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
