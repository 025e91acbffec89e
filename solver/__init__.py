"""Daily Drill solver: pure puzzle logic and numba bitmask kernels (no pygame).

Importing this package first decides where numba may cache the compiled kernels
(:mod:`solver.cachedir`): numba reads ``NUMBA_CACHE_DIR`` once, at its own
import, and raises "no locator available" at decoration time when caching is on
and no folder is writable.  So the choice is made here, before any module of
ours imports numba, and :data:`CACHE` tells :mod:`solver.kernels` whether to
decorate with ``cache=True``.
"""
from __future__ import annotations

import os as _os

from . import cachedir as _cachedir

CACHE: _cachedir.CacheChoice = _cachedir.apply(_os.path.dirname(_os.path.abspath(__file__)))
"""Where numba caches the kernels (``CACHE.folder``), or why it does not (``CACHE.why``)."""
