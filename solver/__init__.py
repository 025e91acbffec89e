"""Daily Drill solver: pure puzzle logic and numba bitmask kernels (no pygame).

Importing this package first makes sure numba has a writable cache folder: numba
reads ``NUMBA_CACHE_DIR`` once, at its own import, and raises "no locator
available" when neither the package folder nor the user cache is writable
(``shared/ENV_NOTES.md`` section 1). So the fallback is set here, before any
module of ours imports numba.
"""
from __future__ import annotations

import os as _os


def _ensure_numba_cache_dir() -> None:
    """Point ``NUMBA_CACHE_DIR`` at a writable folder when the package folder is not.

    Takes nothing, returns nothing; only sets the environment variable when it is
    unset and this package's folder is read-only. Never raises: when no folder is
    writable numba runs without a cache (compiles each start) via
    :func:`solver.kernels` fallback.
    """
    if "NUMBA_CACHE_DIR" in _os.environ:
        return
    here = _os.path.dirname(_os.path.abspath(__file__))
    pycache = _os.path.join(here, "__pycache__")
    probe = pycache if _os.path.isdir(pycache) else here
    if _os.access(probe, _os.W_OK):
        return
    try:
        from platformdirs import user_cache_dir

        base = user_cache_dir("daily-drill", appauthor=False)
    except Exception:  # platformdirs missing: fall back to XDG layout
        base = _os.path.join(
            _os.environ.get("XDG_CACHE_HOME") or _os.path.expanduser("~/.cache"), "daily-drill"
        )
    target = _os.path.join(base, "numba")
    try:
        _os.makedirs(target, exist_ok=True)
        if _os.access(target, _os.W_OK):
            _os.environ["NUMBA_CACHE_DIR"] = target
            return
    except OSError:
        pass
    import tempfile

    target = _os.path.join(tempfile.gettempdir(), "daily-drill-numba")
    try:
        _os.makedirs(target, exist_ok=True)
        _os.environ["NUMBA_CACHE_DIR"] = target
    except OSError:
        pass


_ensure_numba_cache_dir()
