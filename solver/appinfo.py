"""What the program is called and which version it is (no pygame, no numba).

The version is written in one place, ``pyproject.toml``.  An installed copy
reads it from the package metadata (:mod:`importlib.metadata`); a plain checkout
that was never installed reads it from the ``pyproject.toml`` beside the
packages.  Both the game and the solver command line use this module.
"""
from __future__ import annotations

import functools
import ntpath
import os
import sys

APP_NAME = "daily-drill"
"""The distribution name, and the folder name used by :mod:`platformdirs`."""

FALLBACK_VERSION = "0+unknown"
"""The version reported when neither the metadata nor ``pyproject.toml`` can be read."""

_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _checkout_version() -> str | None:
    """The ``[project] version`` of the ``pyproject.toml`` beside the packages, or None."""
    path = os.path.join(_ROOT, "pyproject.toml")
    try:
        if sys.version_info >= (3, 11):
            import tomllib
        else:  # pragma: no cover - Python 3.10
            import tomli as tomllib
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except (OSError, ImportError, ValueError):
        return None
    project = data.get("project", {})
    if project.get("name") != APP_NAME or not isinstance(project.get("version"), str):
        return None
    return project["version"]


@functools.lru_cache(maxsize=1)
def version() -> str:
    """The program's version string, e.g. ``"0.1.0"``.

    A checkout (``pyproject.toml`` of this project next to the packages, as in an
    editable install or a plain clone) reads that file, so an edited version is
    seen without reinstalling; otherwise the installed metadata; otherwise
    :data:`FALLBACK_VERSION`.  Never raises.
    """
    v = _checkout_version()
    if v:
        return v
    try:
        from importlib.metadata import PackageNotFoundError, version as _meta_version

        return _meta_version(APP_NAME)
    except (ImportError, PackageNotFoundError, ValueError):
        return FALLBACK_VERSION


def prog_name(module: str, script: str, argv0: str | None = None) -> str:
    """The name to show in usage, help and error lines.

    ``script`` (e.g. ``"daily-drill"``) when the program was started by that
    console script (``argv0``, default ``sys.argv[0]``, names it; ``.exe`` and
    ``-script.py`` suffixes of Windows launchers are ignored), otherwise
    ``"python -m <module>"`` (``python -m``, an in-process call, a test runner).
    """
    arg = sys.argv[0] if argv0 is None else argv0
    base = ntpath.basename(arg or "")  # splits on "/" and on "\\" on every platform
    for suffix in (".exe", "-script.pyw", "-script.py"):
        if base.lower().endswith(suffix):
            base = base[: -len(suffix)]
    return script if base == script else f"python -m {module}"


def flush_stdout() -> bool:
    """Flush ``sys.stdout``; False when its reader has gone (a closed pipe, ``| head -1``).

    After a closed pipe, stdout is pointed at the null device, so that Python's own
    flush at exit has nothing left to fail on (it would print "Exception ignored
    ... BrokenPipeError" and exit 120).  Never raises.
    """
    try:
        sys.stdout.flush()
        return True
    except BrokenPipeError:
        silence_stdout()
        return False
    except (OSError, ValueError, AttributeError):
        return True


def silence_stdout() -> None:
    """Point the stdout file descriptor at the null device (after a broken pipe)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no real file descriptor (a test's capture)
        pass
