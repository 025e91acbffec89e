"""Test helpers shared by every test module (one copy of each).

* :class:`FakeClock`: an injectable monotonic clock (seconds) for the mid end's timer.
* :class:`FakeToday`: an injectable calendar day.
"""
from __future__ import annotations

import datetime as dt


class FakeClock:
    """A monotonic clock that only moves when told: ``clock()`` returns seconds."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        """Move the clock ``seconds`` forward."""
        self.now += seconds


class FakeToday:
    """A calendar day that only changes when told: ``today()`` returns a ``date``."""

    def __init__(self, day: dt.date) -> None:
        self.day = day

    def __call__(self) -> dt.date:
        return self.day
