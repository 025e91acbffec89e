"""game/dates.py: the playable range of dates and date words (no pygame).

Every dated mode (Classic, Daily Drill, Flip's daily deals) moves through dates with
the same commands: ``prev``, ``next``, ``today`` and the month calendar.
"""
from __future__ import annotations

import datetime as _dt

from . import i18n

FIRST_DATE = _dt.date(1900, 1, 1)
"""Earliest playable date (the month calendar's range starts here)."""
LAST_DATE = _dt.date(2999, 12, 31)
"""Latest playable date (the month calendar's range ends here)."""


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


def long_words(d: _dt.date, lang: str) -> str:
    """``2024年5月1日 星期三`` / ``Wed, May 1, 2024``."""
    wd = i18n.tr("weekday", lang)
    if lang == "zh":
        return f"{d.year}年{d.month}月{d.day}日 星期{wd[d.weekday()]}"
    return f"{wd[3 * d.weekday():3 * d.weekday() + 3]}, {i18n.month_name(d.month, 'en')} {d.day}, {d.year}"
