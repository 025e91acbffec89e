"""Where numba may keep the compiled solver: only in a folder that belongs to the user.

numba's on-disk cache holds pickled code that is loaded and run, so a cache
folder someone else can write to is a way to run their code as you.  This module
picks the folder before numba is imported (numba reads ``NUMBA_CACHE_DIR`` once,
at its own import, and with ``cache=True`` and no writable folder it raises at
decoration time), and tells :mod:`solver.kernels` whether to cache at all.

A folder *qualifies* when it is a directory we can create a file in, and on
POSIX systems it is owned by the current user (``st_uid == os.getuid()``) and
neither group- nor world-writable.  The choice, first that qualifies:

1. ``$NUMBA_CACHE_DIR`` when the user set it (if it does not qualify: no cache);
2. the package's own ``__pycache__`` (numba's default, in-tree cache); numba
   keys each entry by a hash of the source file, so another version's kernels
   never load;
3. ``platformdirs.user_cache_dir("daily-drill")/numba-<version>`` (Linux:
   ``~/.cache/daily-drill/numba-0.1.0``), created with mode 0700; one folder per
   version, so a new version never uses an old compiled solver;
4. none: the kernels are compiled at every start (a few seconds), and the log
   says so once.

There is deliberately no shared fallback such as a fixed ``/tmp`` path.
"""
from __future__ import annotations

import os
import stat
import tempfile
from dataclasses import dataclass
from typing import Callable, Mapping

import platformdirs

ENV = "NUMBA_CACHE_DIR"


@dataclass(frozen=True)
class CacheChoice:
    """The outcome of :func:`choose`.

    Attributes:
        folder: the cache folder numba will use, or None for no cache.
        env: the value to put in ``NUMBA_CACHE_DIR`` before numba is imported,
            or None to leave the environment alone.
        why: one line for the log: where the cache is, or why there is none.
    """

    folder: str | None
    env: str | None
    why: str

    @property
    def enabled(self) -> bool:
        """True when the kernels may be decorated with ``cache=True``."""
        return self.folder is not None


def problem(folder: str, create: bool = True) -> str | None:
    """Why ``folder`` cannot hold the cache (one phrase), or None when it qualifies.

    With ``create``, a missing folder (and its parents) is made with mode 0700.
    Never raises.
    """
    try:
        if create and not os.path.isdir(folder):
            os.makedirs(folder, mode=0o700, exist_ok=True)
        st = os.stat(folder)
    except OSError as e:
        return f"cannot be created ({e.strerror or e})"
    if not stat.S_ISDIR(st.st_mode):
        return "is not a folder"
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        return f"belongs to another user (uid {st.st_uid})"
    if os.name == "posix" and st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"is writable by others (mode {stat.S_IMODE(st.st_mode):o})"
    try:
        tempfile.TemporaryFile(dir=folder).close()  # the same test numba makes
    except OSError as e:
        return f"is not writable ({e.strerror or e})"
    return None


def _user_cache_folder(version: str) -> str:
    """``platformdirs.user_cache_dir("daily-drill")/numba-<version>``."""
    return os.path.join(platformdirs.user_cache_dir("daily-drill", appauthor=False), f"numba-{version}")


def choose(environ: Mapping[str, str], package_dir: str,
           version: Callable[[], str]) -> CacheChoice:
    """Pick the numba cache folder (see the module docstring for the order).

    Args:
        environ: the environment (read only; see :attr:`CacheChoice.env`).
        package_dir: the folder of the package whose kernels are cached.
        version: returns the program version (called only when the user cache is tried).

    Returns a :class:`CacheChoice`.  May create folders; never raises.
    """
    given = environ.get(ENV, "")
    if given:
        why = problem(given)
        if why is None:
            return CacheChoice(given, None, f"numba cache in {given} ({ENV})")
        return CacheChoice(None, None, f"numba cache off: {ENV}={given} {why}")
    reasons = []
    pkg_problem = problem(package_dir, create=False)
    if pkg_problem is None:
        pycache = os.path.join(package_dir, "__pycache__")
        pkg_problem = problem(pycache)
        if pkg_problem is None:
            return CacheChoice(pycache, None, f"numba cache in {pycache}")
        reasons.append(f"{pycache} {pkg_problem}")
    else:
        reasons.append(f"{package_dir} {pkg_problem}")
    user = _user_cache_folder(version())
    user_problem = problem(user)
    if user_problem is None:
        return CacheChoice(user, user, f"numba cache in {user}")
    reasons.append(f"{user} {user_problem}")
    return CacheChoice(None, None, "numba cache off, the solver is compiled at every start: "
                                   + "; ".join(reasons))


def apply(package_dir: str) -> CacheChoice:
    """:func:`choose` for this process, and set ``NUMBA_CACHE_DIR`` when the choice needs it.

    Call before numba is imported.  If numba was imported already (by the program
    that imports this package), its cache folder is fixed: caching stays on only
    when that folder is the one chosen here.
    """
    import sys

    from .appinfo import version

    choice = choose(os.environ, package_dir, version)
    if "numba" in sys.modules and choice.env is not None:
        configured = getattr(getattr(sys.modules["numba"], "config", None), "CACHE_DIR", "")
        if configured != choice.env:
            return CacheChoice(None, None, "numba cache off: numba was imported before the solver "
                                           "chose a private cache folder")
    if choice.env is not None:
        os.environ[ENV] = choice.env
    return choice
