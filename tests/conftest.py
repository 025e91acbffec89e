"""Shared test hooks: the solver-worker fixture, and the hardening counts printed at the end.

The other shared helpers (a fake clock, a Control on a fake clock, frames, keys and
clicks) are in ``tests/helpers.py``; the independent exact-cover oracle is
``tests/reference.py``.

Fuzz and fault tests (``tests/test_fuzz*.py``, ``tests/test_faults*.py``) add what
they did to the session-wide :data:`FUZZ_COUNTS` through the ``fuzz_counts``
fixture; :func:`pytest_terminal_summary` prints one line, e.g.
``fuzz: 10432 events, 1200 files, 600 solver cases, 14 faults``.
"""
from __future__ import annotations

import os

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

FUZZ_SCALE = max(1, int(os.environ.get("DAILY_DRILL_FUZZ_SCALE", "1") or 1))
"""Multiplies the fuzz tests' example counts (e.g. 20 for a long bug hunt; CI uses 1)."""

FUZZ_COUNTS = {"events": 0, "files": 0, "solver cases": 0, "faults": 0}
"""Events fed to the game loop, puzzle files parsed, solver cases checked against the
reference, faults injected (each survived, or its test failed)."""


@pytest.fixture(scope="session")
def fuzz_counts() -> dict[str, int]:
    """The session-wide counter dict (session scope, so hypothesis tests may use it)."""
    return FUZZ_COUNTS


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """Print the hardening counts when any fuzz or fault test ran."""
    if any(FUZZ_COUNTS.values()):
        c = FUZZ_COUNTS
        terminalreporter.write_sep("-", "hardening")
        terminalreporter.write_line(
            f"fuzz: {c['events']} events, {c['files']} files, {c['solver cases']} solver cases, "
            f"{c['faults']} faults")


@pytest.fixture(scope="module")
def worker():
    """One solver worker for a test module, as the game has one; stopped at the end."""
    import pygame

    from game.worker import SolverWorker

    pygame.display.init()
    pygame.font.init()
    w = SolverWorker()
    yield w
    w.stop()
    pygame.event.clear()


@pytest.fixture(scope="session", autouse=True)
def _log_dir_of_the_run(tmp_path_factory):
    """Every process of the run (in-process and subprocess) logs into one temporary folder,
    never into the player's own log folder (``DAILY_DRILL_LOG_DIR``, see solver/logs.py)."""
    if not os.environ.get("DAILY_DRILL_LOG_DIR"):
        os.environ["DAILY_DRILL_LOG_DIR"] = str(tmp_path_factory.mktemp("logs"))
    yield os.environ["DAILY_DRILL_LOG_DIR"]
