"""The log file for bug reports: stdlib :mod:`logging` to a small rotating file.

Shared by the game and the solver command line (no pygame, no numba).  Every
module logs to a child of the ``daily_drill`` logger (``daily_drill.solver``,
``daily_drill.game``, ...).  :func:`setup` attaches one rotating file handler to
it; until then, and whenever the log folder is not writable, records go nowhere
(a :class:`logging.NullHandler`, so Python's last-resort handler never prints
them on stderr).

The folder is ``platformdirs.user_log_dir("daily-drill")`` (Linux:
``~/.local/state/daily-drill/log``; macOS: ``~/Library/Logs/daily-drill``;
Windows: ``%LOCALAPPDATA%\\daily-drill\\Logs``), or ``$DAILY_DRILL_LOG_DIR`` when
that is set.  The file is ``daily-drill.log``, at most :data:`MAX_BYTES` bytes,
with :data:`BACKUPS` older files beside it (``.1`` ... ``.3``).
"""
from __future__ import annotations

import logging
import logging.handlers
import os

from .appinfo import APP_NAME

LOGGER_NAME = "daily_drill"
"""The parent logger of every logger in the program."""

LOG_FILE = "daily-drill.log"
MAX_BYTES = 256 * 1024
"""Size cap of the log file before it rotates (bytes)."""
BACKUPS = 3
"""Rotated files kept (``daily-drill.log.1`` ... ``.3``); older ones are deleted."""

ENV_LOG_DIR = "DAILY_DRILL_LOG_DIR"
"""Environment variable naming the log folder (tests, portable installs)."""

logging.getLogger(LOGGER_NAME).addHandler(logging.NullHandler())


class _QuietRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating file handler that never prints ``--- Logging error ---`` on stderr.

    A disk that fills up or a folder that disappears while the program runs
    must not turn into noise or a crash: the failing record is dropped.
    """

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging's name)
        """Drop ``record`` silently (the log is best effort)."""


def log_dir() -> str:
    """The folder the log file goes to: ``$DAILY_DRILL_LOG_DIR`` or the platform's user log folder."""
    env = os.environ.get(ENV_LOG_DIR)
    if env:
        return env
    from platformdirs import user_log_dir

    return user_log_dir(APP_NAME, appauthor=False)


def _handler() -> _QuietRotatingFileHandler | None:
    """The handler :func:`setup` attached, or None."""
    for h in logging.getLogger(LOGGER_NAME).handlers:
        if isinstance(h, _QuietRotatingFileHandler):
            return h
    return None


def log_path() -> str | None:
    """The log file records are written to, or None when :func:`setup` found no writable folder."""
    h = _handler()
    return h.baseFilename if h is not None else None


def setup(level: int = logging.INFO) -> str | None:
    """Send the ``daily_drill`` loggers' records at ``level`` and above to the log file.

    Creates the folder (:func:`log_dir`) if needed.  Idempotent: a second call
    with the same folder keeps the handler, a call after ``$DAILY_DRILL_LOG_DIR``
    changed moves it.  The file itself is opened at the first record.

    Returns the log file's path, or None when the folder cannot be created or
    written (then nothing is logged).  Never raises.
    """
    logger = logging.getLogger(LOGGER_NAME)
    logger.setLevel(level)
    try:
        folder = os.path.abspath(log_dir())
    except Exception:  # platformdirs missing or broken: log nowhere
        folder = None
    path = os.path.join(folder, LOG_FILE) if folder else None
    old = _handler()
    if old is not None:
        if old.baseFilename == path:
            return path
        logger.removeHandler(old)
        old.close()
    if path is None or not _writable_folder(folder):
        return None
    h = _QuietRotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                  encoding="utf-8", delay=True)
    h.setFormatter(logging.Formatter("%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(h)
    return path


def _writable_folder(folder: str) -> bool:
    """Create ``folder`` (mode 0700) if needed; True when a file can be written in it."""
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        probe = os.path.join(folder, f".probe-{os.getpid()}")
        with open(probe, "wb"):
            pass
        os.remove(probe)
        return True
    except OSError:
        return False


def get(name: str) -> logging.Logger:
    """The logger ``daily_drill.<name>`` (e.g. ``get("solver")``)."""
    return logging.getLogger(f"{LOGGER_NAME}.{name}")
