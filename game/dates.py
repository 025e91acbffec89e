"""game/dates.py: the playable range of dates and date words (no pygame).

Every dated mode (Classic, Daily Drill, Flip's daily deals) moves through dates with
the same commands: ``prev``, ``next``, ``today`` and the month calendar, plus (on a
labelled board) a pick on the board (:func:`date_for_label`).  Every change the player
asks for goes through :func:`choose`, which remembers the date left in the scene's
:class:`DateNav`, so ``back_date`` (J, or the "back to ..." button) undoes it in one
action (:func:`go_back`).
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any

from solver.board import FIRST_DATE, LAST_DATE  # noqa: F401  (the playable range, shared with the solver)

from . import i18n


def step(date: _dt.date, command: str, today: _dt.date) -> _dt.date | None:
    """The date ``command`` (``"prev"``, ``"next"``, ``"today"``) leads to from ``date``;
    None for another command or a date outside :data:`FIRST_DATE` .. :data:`LAST_DATE`."""
    try:
        day = {"prev": lambda: date - _dt.timedelta(days=1), "next": lambda: date + _dt.timedelta(days=1),
               "today": lambda: today}[command]()
    except (KeyError, OverflowError):
        return None
    return day if FIRST_DATE <= day <= LAST_DATE else None


def words(d: _dt.date, lang: str) -> str:
    """``2024年5月1日`` / ``May 1, 2024``."""
    return i18n.tr("date_fmt", lang, y=d.year, m=d.month, d=d.day, mon=i18n.month_name(d.month, "en"))


@dataclass(frozen=True)
class DateWords:
    """A date as a message field, written in the language of the message (:func:`words`)."""

    day: _dt.date

    def text(self, lang: str) -> str:
        """The date in ``lang``."""
        return words(self.day, lang)


def long_words(d: _dt.date, lang: str) -> str:
    """``2024年5月1日 星期三`` / ``Wed, May 1, 2024``."""
    wd = i18n.tr("weekday", lang)
    if lang == "zh":
        return f"{d.year}年{d.month}月{d.day}日 星期{wd[d.weekday()]}"
    return f"{wd[3 * d.weekday():3 * d.weekday() + 3]}, {i18n.month_name(d.month, 'en')} {d.day}, {d.year}"


BACK_LIMIT = 50
"""Dates :class:`DateNav` remembers for going back."""
TOAST_S = 8.0
"""Seconds the "back to the date before" button stays after a date change."""


def date_for_label(current: _dt.date, label: str) -> _dt.date | None:
    """The date a click on a board cell labelled ``label`` chooses, from ``current``.

    A month (``"Jan"`` .. ``"Dec"``) keeps the year and the day, a day (``"1"`` ..
    ``"31"``) keeps the year and the month, a weekday (``"Sun"`` .. ``"Sat"``) moves
    within the same Sunday-to-Saturday week.  None when the label is not a date part
    (a blank or blocked cell) or the date does not exist (day 31 in a 30-day month,
    Feb 29 outside a leap year), or lies outside :data:`FIRST_DATE` .. :data:`LAST_DATE`.
    """
    from solver.board import token_meaning

    meaning = token_meaning(label) if label else None
    if meaning is None:
        return None
    kind, v = meaning
    try:
        if kind == "month":
            day = _dt.date(current.year, v, current.day)
        elif kind == "day":
            day = _dt.date(current.year, current.month, v)
        else:  # weekday: 0 = Sunday; the week runs Sunday to Saturday
            day = current + _dt.timedelta(days=v - current.isoweekday() % 7)
    except (ValueError, OverflowError):
        return None
    return day if FIRST_DATE <= day <= LAST_DATE else None


class DateNav:
    """The dates a scene was on, for going back in one action, and the armed board pick.

    UI state: never undone with moves, never saved.  Every date change the player asks
    for (previous/next day, today, the calendar, a pick on the board) goes through
    :meth:`moved`, which remembers the date left; :meth:`back` returns it.  After a change
    a "back to ..." button shows for :data:`TOAST_S` seconds (:meth:`toast`).

    Attributes:
        armed: the next click on a board cell chooses its date (G arms it; Esc cancels).
        history: dates left, oldest first (at most :data:`BACK_LIMIT`).
        toast_until: clock time (seconds) until which the "back" button shows.
    """

    def __init__(self) -> None:
        self.armed = False
        self.history: list[_dt.date] = []
        self.toast_until = 0.0

    def moved(self, left: _dt.date, now: float) -> None:
        """The player went from ``left`` to another date at clock time ``now`` (seconds)."""
        self.armed = False
        self.history.append(left)
        del self.history[:-BACK_LIMIT]
        self.toast_until = now + TOAST_S

    def back(self) -> _dt.date | None:
        """The date to go back to (taken off the history), or None when there is none."""
        self.armed = False
        self.toast_until = 0.0
        return self.history.pop() if self.history else None

    def toast(self, now: float) -> _dt.date | None:
        """The date the "back" button offers at clock time ``now``, or None when it is hidden."""
        return self.history[-1] if self.history and now < self.toast_until else None


def choose(scene: Any, day: _dt.date | None) -> bool:
    """The player chose ``day`` (a day button, the calendar, a pick on the board): play it,
    remember the date left (:meth:`DateNav.moved`) and say so with a way back.

    ``scene`` has ``date``, ``nav`` (a :class:`DateNav`), ``goto_date(day) -> bool``,
    ``say(msg)`` and ``ctx.clock``.  Returns False when nothing changed.
    """
    left = scene.date
    if day is None or day == left or not scene.goto_date(day):
        return False
    scene.nav.moved(left, scene.ctx.clock())
    scene.say(i18n.msg("date_now", date=DateWords(day)))
    return True


def go_back(scene: Any) -> bool:
    """Back to the date the player was on before the last change (J, the "back to" button);
    False (and a message) when there is none."""
    day = scene.nav.back()
    if day is None:
        scene.say(i18n.msg("no_back"))
        return False
    if not scene.goto_date(day):
        return False
    scene.say(i18n.msg("date_now", date=DateWords(day)))
    return True


def command(scene: Any, name: str, today: _dt.date) -> bool | None:
    """Run date command ``name`` on ``scene`` (see :func:`choose`): ``prev``, ``next``,
    ``today`` and ``back_date``; None for another name, else whether the date changed."""
    if name == "back_date":
        return go_back(scene)
    if name in ("prev", "next", "today"):
        return choose(scene, step(scene.date, name, today))
    return None
