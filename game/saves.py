"""game/saves.py: the progress file at file level (no pygame): atomic writes, backups, the lock.

Everything that touches the disk is here; :mod:`game.store` says what the file holds
and how two copies of it merge.

* :func:`atomic_write` writes JSON (UTF-8) to a temporary file in the same
  folder, flushes and ``os.fsync``-s it, gives it the permissions of the file it
  replaces, optionally keeps the previous file as a backup (``backup=``), then
  :func:`replace`-s the target, so a crash at any moment leaves either the old
  file or the new one, never a mix;
* :func:`replace` is ``os.replace`` retried for up to :data:`REPLACE_RETRY_S`
  seconds while Windows refuses it because another process (a virus scanner, an
  indexer) holds the file (``PermissionError`` with ``winerror`` 5 or 32);
* :func:`read_json` reads and parses one (UTF-8 always, whatever the locale);
* :func:`set_aside` renames a damaged file to ``NAME.<suffix>-YYYYmmddTHHMMSS`` and
  :func:`copy_aside` copies one there (permissions kept); at most
  :data:`KEEP_ASIDE` such files of one kind are kept (:func:`prune`: oldest first);
* :func:`clean_temp` removes temporary files left behind by a killed process;
* :class:`ProgressFile` is the one progress file: it loads it once (a damaged file
  is set aside and the backup restored; a file from a newer version is never
  written), and :meth:`ProgressFile.update` does every later write as
  lock - re-read - merge - write, so two game windows never lose each other's
  progress.  :attr:`ProgressFile.notice` tells the window what happened.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import shutil
import stat
import tempfile
import time
from typing import Any, Callable, Iterator

import platformdirs
from filelock import FileLock, Timeout

TEMP_PREFIX = ".progress-"
"""Name prefix of the temporary files :func:`atomic_write` creates."""
REPLACE_RETRY_S = 3.0
"""How long :func:`replace` keeps retrying a rename Windows refuses (seconds)."""
RETRY_WINERRORS = (5, 32)
"""Windows errors that mean "another process has the file open": access denied
(ERROR_ACCESS_DENIED) and sharing violation (ERROR_SHARING_VIOLATION)."""
KEEP_ASIDE = 5
"""Kept-aside copies of one kind (``corrupt``, ``reset``...) kept per file; older ones are removed."""
LOCK_TIMEOUT_S = 5.0
"""Longest wait for another window's save to finish (seconds); then this save is skipped."""

_sleep = time.sleep
_monotonic = time.monotonic


def replace(src: str | os.PathLike, dst: str | os.PathLike, retry_s: float | None = None) -> None:
    """``os.replace(src, dst)``, retried while another process holds the file (Windows).

    A ``PermissionError`` whose ``winerror`` is 5 or 32 (:data:`RETRY_WINERRORS`) is
    retried with growing pauses (10 ms .. 250 ms) for up to ``retry_s`` seconds
    (default :data:`REPLACE_RETRY_S`); then, or for any other error, the error is
    raised and ``dst`` is as it was (``os.replace`` either happens or not).
    """
    budget = REPLACE_RETRY_S if retry_s is None else retry_s
    end = _monotonic() + budget
    pause = 0.01
    while True:
        try:
            os.replace(src, dst)
            return
        except PermissionError as e:
            if getattr(e, "winerror", None) not in RETRY_WINERRORS or _monotonic() >= end:
                raise
        _sleep(min(pause, max(0.0, end - _monotonic())))
        pause = min(pause * 2, 0.25)


def _fsync_folder(folder: str) -> None:
    """Make a rename in ``folder`` durable (POSIX; a no-op where folders cannot be opened)."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _keep_backup(path: str, backup: str) -> None:
    """Make ``backup`` a copy of ``path`` (a hard link when the file system allows it),
    atomically: ``backup`` is always either its previous content or ``path``'s."""
    _copy_atomically(path, backup, link=True)


def _copy_atomically(path: str, dest: str, link: bool = False) -> None:
    """Put a copy of ``path`` (content, permission bits, times) at ``dest`` through a temporary
    file beside it and ``replace``, so ``dest`` is never half-written; ``link``: a hard link
    where the file system has them.  Raises ``OSError``; the temporary file never stays."""
    folder = os.path.dirname(path) or "."
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".json", dir=folder)
    os.close(fd)
    try:
        linked = False
        if link:
            os.remove(tmp)
            try:
                os.link(path, tmp)
                linked = True
            except OSError:  # FAT, some network shares: no hard links
                pass
        if not linked:
            shutil.copy2(path, tmp)
        replace(tmp, dest)
        tmp = ""
    finally:
        if tmp:
            try:
                os.remove(tmp)
            except OSError:
                pass


def _atomic(path: str | os.PathLike, fill: Callable[[Any], None], text: bool, backup: str | None,
            mode: int | None) -> None:
    path = os.fspath(path)
    folder = os.path.dirname(path) or "."
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".json", dir=folder)
    done = False
    try:
        with (os.fdopen(fd, "w", encoding="utf-8", newline="\n") if text else os.fdopen(fd, "wb")) as f:
            fill(f)
            f.flush()
            os.fsync(f.fileno())
        try:  # the file keeps its permissions (mkstemp makes 0600)
            keep = stat.S_IMODE(os.stat(path).st_mode) if mode is None else mode
        except OSError:
            keep = None
        if keep is not None:
            os.chmod(tmp, keep)
        if backup and os.path.isfile(path):
            _keep_backup(path, backup)
        replace(tmp, path)
        done = True
    finally:
        if not done:
            try:
                os.remove(tmp)
            except OSError:
                pass
    _fsync_folder(folder)


PRETTY_LEVELS = 2
"""Levels of objects written one key per line (the tables, then one game or record per
line); deeper values are compact, encoded by the json module's C encoder (fast)."""


def json_chunks(data: Any, levels: int = PRETTY_LEVELS, pad: str = "") -> Iterator[str]:
    """The JSON text of ``data`` in pieces (UTF-8 text, keys sorted): the outer ``levels``
    levels of objects one key per line, anything deeper on one line.  Raises
    ``TypeError``/``ValueError`` for what JSON cannot hold (after the pieces before it)."""
    if levels <= 0 or not isinstance(data, dict) or not data:
        yield json.dumps(data, ensure_ascii=False, sort_keys=True, allow_nan=False)
        return
    inner = pad + " "
    items = sorted(data.items())
    yield "{\n"
    for i, (key, value) in enumerate(items):
        if levels == 1 or not isinstance(value, dict) or not value:  # "key": value in one call
            yield inner + json.dumps({key: value}, ensure_ascii=False, sort_keys=True, allow_nan=False)[1:-1]
        else:
            yield inner + json.dumps(key, ensure_ascii=False) + ": "
            yield from json_chunks(value, levels - 1, inner)
        yield ",\n" if i < len(items) - 1 else "\n"
    yield pad + "}"


def _write_json(data: Any, f: Any) -> None:
    for chunk in json_chunks(data):
        f.write(chunk)
    f.write("\n")


def atomic_write(path: str | os.PathLike, data: Any, *, backup: str | None = None,
                 mode: int | None = None) -> None:
    """Write ``data`` as JSON (UTF-8, sorted keys, :func:`json_chunks`) to ``path`` atomically.

    Takes a file path and a JSON-serialisable value; returns nothing.  The order:
    a temporary file in the same folder, flush, ``os.fsync``; the permissions of the
    file being replaced (``mode``: these permission bits instead; a new file keeps
    mkstemp's 0600 unless ``mode`` is given); when ``backup`` names a file, the
    current ``path`` becomes that backup (the previous good save); then
    :func:`replace`.  Raises ``OSError`` (disk full, read-only folder, a rename
    still refused after the retries...) with ``path`` untouched and the temporary
    file removed; anything raised mid-way (even a ``BaseException``) likewise leaves
    ``path`` as it was.
    """
    _atomic(path, lambda f: _write_json(data, f), True, backup, mode)


def atomic_write_bytes(path: str | os.PathLike, raw: bytes, *, backup: str | None = None,
                       mode: int | None = None) -> None:
    """:func:`atomic_write` for bytes already encoded (a backup put back in place)."""
    _atomic(path, lambda f: f.write(raw), False, backup, mode)


def read_json(path: str | os.PathLike) -> Any:
    """The parsed JSON in ``path`` (decoded as UTF-8, whatever the locale; a byte-order mark,
    as Windows editors write, is allowed).

    Raises ``FileNotFoundError`` / ``OSError`` when it cannot be read and
    ``ValueError`` (including ``UnicodeDecodeError`` and ``json.JSONDecodeError``)
    when it is not UTF-8 JSON.
    """
    with open(path, "rb") as f:
        raw = f.read()
    return json.loads(raw.decode("utf-8-sig"))


def _read_quietly(path: str) -> bytes | None:
    """The bytes of ``path``, or None when it cannot be read (for any reason)."""
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None


def _stamp() -> str:
    return _dt.datetime.now().strftime("%Y%m%dT%H%M%S")


def _free_name(base: str) -> str:
    """``base``, or ``base-N`` numbered after every ``base``/``base-K`` already there (so
    names keep the order they were made in, even after older ones were removed)."""
    folder, head = os.path.split(base)
    try:
        names = os.listdir(folder or ".")
    except OSError:
        names = []
    taken = [0 if n == head else int(n[len(head) + 1:]) for n in names
             if n == head or (n.startswith(head + "-") and n[len(head) + 1:].isdigit())]
    return f"{base}-{max(taken) + 1}" if taken else base


def aside_files(path: str | os.PathLike, suffix: str) -> list[str]:
    """The kept-aside copies ``path.<suffix>-*`` of ``path``, oldest first (by the time in the name)."""
    path = os.fspath(path)
    folder = os.path.dirname(path) or "."
    head = os.path.basename(path) + f".{suffix}-"
    try:
        names = [n for n in os.listdir(folder) if n.startswith(head)]
    except OSError:
        return []

    def order(name: str) -> tuple[str, int]:
        stamp, _, n = name[len(head):].partition("-")
        return stamp, int(n) if n.isdigit() else 0

    return [os.path.join(folder, n) for n in sorted(names, key=order)]


def prune(path: str | os.PathLike, suffix: str, keep: int = KEEP_ASIDE, spare: str = "") -> int:
    """Remove the oldest ``path.<suffix>-*`` copies beyond ``keep``; never ``spare``.

    Returns how many were removed; never raises.
    """
    old = [p for p in aside_files(path, suffix) if p != spare]
    extra = len(old) - (keep - (1 if spare else 0))
    removed = 0
    for p in old[:max(0, extra)]:
        try:
            os.remove(p)
            removed += 1
        except OSError:
            pass
    return removed


def set_aside(path: str | os.PathLike, suffix: str = "corrupt", keep: int = KEEP_ASIDE) -> str:
    """Rename ``path`` to ``path.<suffix>-<local time>`` (``-1``, ``-2``... when taken).

    The file keeps its permissions (a rename).  At most ``keep`` copies of this kind
    stay (:func:`prune`).  Returns the new path, or "" when the rename failed (the
    file stays where it is).
    """
    path = os.fspath(path)
    dest = _free_name(f"{path}.{suffix}-{_stamp()}")
    try:
        replace(path, dest)
    except OSError:
        return ""
    prune(path, suffix, keep, spare=dest)
    return dest


def copy_aside(path: str | os.PathLike, suffix: str, keep: int = KEEP_ASIDE) -> str:
    """Copy ``path`` to ``path.<suffix>-<local time>`` with its permissions and times.

    At most ``keep`` copies of this kind stay (:func:`prune`).  Returns the copy's
    path; raises ``OSError`` when it cannot be made (nothing is left half-written).
    """
    path = os.fspath(path)
    dest = _free_name(f"{path}.{suffix}-{_stamp()}")
    _copy_atomically(path, dest)
    prune(path, suffix, keep, spare=dest)
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
BACKUP_NAME = "progress.json.bak"
"""The previous good progress file, refreshed on every successful save."""
LOCK_NAME = "progress.json.lock"
"""The lock file two game windows take turns on (:mod:`filelock`)."""
ENV_DIR = "DAILY_DRILL_DATA_DIR"
"""Environment variable that overrides the data folder (tests, portable installs)."""


def data_dir() -> str:
    """Folder for the progress file: ``$DAILY_DRILL_DATA_DIR`` or the platform's user data
    folder (``platformdirs.user_data_dir("daily-drill", appauthor=False)``)."""
    env = os.environ.get(ENV_DIR)
    if env:
        return env
    return platformdirs.user_data_dir("daily-drill", appauthor=False)


class Damaged(ValueError):
    """The bytes are not a progress file (truncated, empty, NULs, not JSON, wrong structure)."""


class Newer(Exception):
    """The file was written by a newer version of the game (``version`` = its schema)."""

    def __init__(self, version: int, data: dict[str, Any]) -> None:
        super().__init__(f"progress file version {version}")
        self.version = version
        self.data = data


Check = Callable[[dict[str, Any]], None]
"""Checks the structure of a parsed progress file; raises ``ValueError`` when it is wrong."""


def parse(raw: bytes, version: int, check: Check | None = None) -> dict[str, Any]:
    """The progress file in ``raw`` (UTF-8, a byte-order mark allowed): a dict with an int
    ``version`` >= 1 (1 when absent).

    Raises :class:`Damaged` (not UTF-8 JSON, not an object, a bad version, or
    ``check`` refused it) or :class:`Newer` (its version is above ``version``).
    """
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as e:
        raise Damaged("empty" if not raw.strip(b" \t\r\n") else
                      "not text" if isinstance(e, UnicodeDecodeError) else "not JSON") from e
    if not isinstance(data, dict):
        raise Damaged("not a progress file")
    found = data.get("version", 1)
    if not isinstance(found, int) or isinstance(found, bool) or found < 1:
        raise Damaged(f"bad schema version {found!r}")
    data["version"] = found
    if found > version:
        raise Newer(found, data)
    if check is not None:
        try:
            check(data)
        except ValueError as e:
            raise Damaged(str(e) or "wrong structure") from e
    return data


class ProgressFile:
    """The one progress file: loaded once, then written by lock - re-read - merge - write.

    Args:
        folder: where ``progress.json`` lives (default :func:`data_dir`).
        enabled: False keeps everything in memory (scripted ``--frames`` runs).
        read_only: True never writes anything (not even a repair): the statistics export.

    Attributes:
        path: the file's path.  backup_path: the previous good file (:data:`BACKUP_NAME`).
        writable: False when saving is off (disabled, read-only, a file from a newer
            version or one that cannot be read, a folder that cannot be written).
        warning: the last problem as an English sentence ("" when none).
        notice: the same for the window: (:mod:`game.i18n` key, format fields) or None.
        kept: where the damaged file was set aside ("" when none).
    """

    def __init__(self, folder: str | None = None, enabled: bool = True, read_only: bool = False) -> None:
        self.enabled = enabled
        self.read_only = read_only
        self.folder = folder or data_dir()
        self.path = os.path.join(self.folder, FILE_NAME)
        self.backup_path = os.path.join(self.folder, BACKUP_NAME)
        self.warning = ""
        self.notice: tuple[str, dict[str, Any]] | None = None
        self.kept = ""
        self.writable = enabled and not read_only
        self._version = 1
        self._check: Check | None = None
        self._lock: Any = None

    def _tell(self, key: str, english: str, **fields: Any) -> None:
        self.warning = english
        self.notice = (key, fields)

    # ------------------------------------------------------------ the lock

    def lock(self) -> Any:
        """The inter-process lock around a read-merge-write (a ``filelock.FileLock`` on
        :data:`LOCK_NAME`, waiting up to :data:`LOCK_TIMEOUT_S`); use it as a context
        manager.  Raises ``filelock.Timeout`` or ``OSError`` when it cannot be taken."""
        if self._lock is None:
            self._lock = FileLock(os.path.join(self.folder, LOCK_NAME), timeout=LOCK_TIMEOUT_S)
        return self._lock

    # ------------------------------------------------------------ loading

    def load(self, version: int, check: Check | None = None) -> dict[str, Any] | None:
        """The parsed file, or None when there is none or nothing could be saved from it.

        ``version`` is the schema this game writes; ``check`` refuses a wrong structure
        (``ValueError``).  A damaged file is set aside and the backup put back in its
        place (``read_only``: the backup is only read); a file from a newer version is
        returned for reading but never written.  Sets :attr:`notice` for every
        problem; never raises.
        """
        self._version, self._check = version, check
        if not self.enabled:
            return None
        raw = self._raw(self.path)
        if raw is None:
            data = None
        else:
            try:
                data = parse(raw, version, check)
            except Newer as e:
                data = self._newer(e)
            except Damaged as e:
                data = self._damaged_at_load(e)
        if self.writable:
            self._probe()
            clean_temp(self.folder)
        return data

    def _raw(self, path: str) -> bytes | None:
        """The bytes of ``path``; None when it does not exist.  A file that exists but
        cannot be read switches saving off (it must never be overwritten)."""
        try:
            with open(path, "rb") as f:
                return f.read()
        except FileNotFoundError:
            return None
        except IsADirectoryError:
            self.writable = False
            self._tell("save_readonly", "the progress file is a folder; progress will not be saved", path=path)
        except OSError as e:
            self.writable = False
            self._tell("save_readonly", f"cannot read the progress file ({e.strerror or e}); "
                       "progress will not be saved", path=path)
        return None

    def _newer(self, e: Newer) -> dict[str, Any]:
        self.writable = False
        self._tell("save_newer", f"the progress file was written by a newer version of the game "
                   f"(file version {e.version}); it is left untouched and nothing will be saved",
                   found=e.version, ours=self._version, path=self.path)
        return e.data

    def _damaged_at_load(self, e: Damaged) -> dict[str, Any] | None:
        if self.read_only:  # read the backup, change nothing
            backup = _read_quietly(self.backup_path)
            try:
                data = parse(backup or b"", self._version, self._check)
            except (Damaged, Newer) as b:
                why = "is missing" if backup is None else f"is damaged too ({b})"
                self.warning = (f"the progress file is damaged ({e}) and its backup {self.backup_path} {why}: "
                                "no usable backup exists, so there are no statistics to read")
                return None
            self.warning = f"the progress file is damaged ({e}); reading its backup {self.backup_path}"
            return data
        try:
            with self.lock():  # another window may be repairing it too
                return self._repair()
        except (Timeout, OSError):  # no lock file possible (read-only folder) or a stuck window
            return self._repair()

    def _repair(self) -> dict[str, Any] | None:
        """Under the lock: set a damaged file aside and put the backup in its place.

        Returns the data now in force (the backup's, or None: start afresh).  A file
        another window repaired meanwhile is simply read.
        """
        raw = self._raw(self.path)
        if raw is None:
            return None
        try:
            return parse(raw, self._version, self._check)
        except Newer as e:
            return self._newer(e)
        except Damaged as e:
            why = str(e)
        kept = set_aside(self.path, "corrupt")
        backup = _read_quietly(self.backup_path)
        data = None
        if backup is not None:
            try:
                data = parse(backup, self._version, self._check)
            except (Damaged, Newer):
                data = None
        if not kept:  # cannot move it aside: do not overwrite it either (the backup is only read)
            self.writable = False
            self._tell("save_corrupt_stuck", f"the progress file is damaged ({why}) and cannot be moved "
                       "aside; progress will not be saved", path=self.path)
            return data
        self.kept = kept
        if data is not None:
            try:
                atomic_write_bytes(self.path, backup, mode=stat.S_IMODE(os.stat(self.backup_path).st_mode))
            except OSError:
                pass  # in memory it is restored; the next save writes it
            self._tell("save_restored", f"the progress file was damaged ({why}); it was kept as {kept} "
                       f"and the backup {self.backup_path} was restored",
                       kept=kept, name=os.path.basename(kept), backup=self.backup_path, path=self.path)
            return data
        self._tell("save_corrupt", f"the progress file was damaged ({why}) and no usable backup "
                   f"exists; it was kept as {kept}, starting afresh", kept=kept, name=os.path.basename(kept),
                   path=self.path)
        return None

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
                       "progress will not be saved", path=self.folder)

    # ------------------------------------------------------------ writing

    def update(self, merge: Callable[[dict[str, Any] | None], dict[str, Any]]) -> dict[str, Any] | None:
        """Lock, re-read the file, write ``merge(what is on disk)``, unlock.

        ``merge`` gets the file as it is now (parsed and checked; None when there is
        none; a file damaged meanwhile is set aside and the backup's data given) and
        returns the object to write.  The previous file becomes the backup.
        Returns what was written, or None (play goes on, :attr:`notice` set) when
        saving is off or failed; the file on disk is then as it was.
        """
        if not self.enabled or not self.writable:
            return None
        try:
            os.makedirs(self.folder, exist_ok=True)
            with self.lock():
                raw = self._raw(self.path)
                if not self.writable:  # the file became unreadable
                    return None
                disk = None
                if raw is not None:
                    try:
                        disk = parse(raw, self._version, self._check)
                    except Damaged:
                        disk = self._repair()
                        if not self.writable:
                            return None
                new = merge(disk)
                atomic_write(self.path, new, backup=self.backup_path)
            return new
        except Newer as e:
            self._newer(e)
            return None
        except Timeout:  # another window held the lock for LOCK_TIMEOUT_S (an OSError: first)
            self._tell("save_busy", "cannot save: another game window kept the progress file locked; "
                       "the previous save is intact")
            return None
        except PermissionError as e:
            if getattr(e, "winerror", None) in RETRY_WINERRORS:
                self._tell("save_busy", "cannot save: another program keeps the progress file open; "
                           "the previous save is intact")
            else:
                self._tell("save_failed", f"cannot save progress ({e.strerror or e})", reason=e.strerror or str(e))
            return None
        except OSError as e:
            self._tell("save_failed", f"cannot save progress ({e.strerror or e})", reason=e.strerror or str(e))
            return None

    def write(self, data: dict[str, Any]) -> bool:
        """Write ``data`` as it is (no merge; see :meth:`update`).  True when written."""
        return self.update(lambda disk: data) is not None

    def keep_copy(self, suffix: str) -> str:
        """Under the lock, copy the file to ``progress.json.<suffix>-<time>`` (its
        permissions kept, at most :data:`KEEP_ASIDE` such copies).  Returns the
        copy's path; raises ``OSError`` (nothing to copy: ``FileNotFoundError``)."""
        with self.lock():
            return copy_aside(self.path, suffix)
