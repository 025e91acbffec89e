"""Boards as bitmasks: the 7 x 7 calendar boards and arbitrary rectangles.

Bit order (docs/RULES.md): cell ``(r, c)`` of a board ``W`` cells wide is bit
``r * W + c``. A board has at most 64 cells so that any set of cells fits in one
``numpy.uint64`` (Python side: a plain ``int``, alias :data:`Mask`).

Calendar layout and month lengths: docs/RULES.md; month lengths come from the
standard library's :mod:`calendar` (Gregorian, February 29 in leap years).
"""
from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass
from typing import Iterable, TypeAlias

Mask: TypeAlias = int
"""A set of cells as a Python int, bit ``r * W + c`` (at most 64 bits)."""
Cell = tuple[int, int]

MAX_CELLS = 64

MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTHS_ZH = ("一月", "二月", "三月", "四月", "五月", "六月",
             "七月", "八月", "九月", "十月", "十一月", "十二月")
WEEKDAYS_EN = ("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat")
"""Weekday labels of a weekday board, Sunday first (index = ``date.isoweekday() % 7``)."""
WEEKDAYS_ZH = ("星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六")
"""Chinese weekday names, Sunday first."""


class InvalidPuzzleError(ValueError):
    """A board, date or puzzle file that cannot be played; the message is for the player."""


class InvalidDateError(InvalidPuzzleError):
    """A date that does not exist (e.g. 2025-02-30) or cannot be parsed."""


@dataclass(frozen=True, slots=True)
class Board:
    """A rectangular board with some cells blocked.

    Attributes:
        width: columns (cells), ``W``.
        height: rows (cells), ``H``; ``W * H <= 64``.
        open_mask: bit ``r * W + c`` set for every open (coverable or target) cell.
        labels: optional per-cell text (length ``W * H``; ``""`` where none), for
            the calendar's month and day names. English labels; see :func:`cell_label`.
    """

    width: int
    height: int
    open_mask: Mask
    labels: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.width < 1 or self.height < 1:
            raise InvalidPuzzleError("a board needs at least one row and one column")
        if self.width * self.height > MAX_CELLS:
            raise InvalidPuzzleError(
                f"the board has {self.width * self.height} cells ({self.height} x {self.width}); "
                f"at most {MAX_CELLS} are supported"
            )
        if self.open_mask >> (self.width * self.height):
            raise InvalidPuzzleError("open_mask has bits outside the board")

    @property
    def n_cells(self) -> int:
        """``W * H`` (cells, blocked ones included)."""
        return self.width * self.height

    def bit(self, r: int, c: int) -> int:
        """Bit index of cell ``(r, c)``; raises :class:`InvalidPuzzleError` if off the board."""
        if not (0 <= r < self.height and 0 <= c < self.width):
            raise InvalidPuzzleError(
                f"cell ({r}, {c}) is off the {self.height} x {self.width} board"
            )
        return r * self.width + c

    def is_open(self, r: int, c: int) -> bool:
        """True when ``(r, c)`` is on the board and not blocked."""
        return 0 <= r < self.height and 0 <= c < self.width and bool(
            self.open_mask >> (r * self.width + c) & 1
        )

    def mask_of(self, cells: Iterable[Cell]) -> Mask:
        """Bitmask of a set of cells; raises :class:`InvalidPuzzleError` for a cell off the board."""
        m = 0
        for r, c in cells:
            m |= 1 << self.bit(r, c)
        return m

    def cells_of(self, mask: Mask) -> list[Cell]:
        """The ``(row, col)`` cells of a mask, in bit order."""
        out = []
        while mask:
            low = mask & -mask
            b = low.bit_length() - 1
            out.append(divmod(b, self.width))
            mask ^= low
        return out

    def rows(self) -> list[str]:
        """The board as ASCII rows, ``"."`` open and ``"#"`` blocked (the ``board`` key of the JSON output)."""
        return [
            "".join("." if self.is_open(r, c) else "#" for c in range(self.width))
            for r in range(self.height)
        ]

    def label(self, cell: Cell) -> str:
        """The label of ``cell`` (``"Jan"``, ``"17"``, ``"Sun"``), or ``""`` when it has none."""
        r, c = cell
        return self.labels[self.bit(r, c)] if self.labels else ""

    def cell_of(self, label: str) -> Cell | None:
        """The cell labelled ``label`` (exact text, e.g. ``"Jan"``, ``"31"``), or None."""
        try:
            return divmod(self.labels.index(label), self.width)
        except ValueError:
            return None

    @property
    def has_weekdays(self) -> bool:
        """True when some cell carries a weekday label (``"Sun"`` .. ``"Sat"``)."""
        return any(lab in WEEKDAYS_EN for lab in self.labels)

    def tokens(self) -> list[str]:
        """The board as rows of space-separated tokens (the variant-file format):
        a cell's label, ``.`` for an open cell without one, ``#`` for a blocked cell."""
        return [" ".join((self.label((r, c)) or ".") if self.is_open(r, c) else "#"
                         for c in range(self.width)) for r in range(self.height)]

    @classmethod
    def from_rows(cls, rows: list[str]) -> "Board":
        """Parse ASCII rows (``.`` open, ``#`` blocked).

        Raises :class:`InvalidPuzzleError` for an empty or ragged drawing, an unknown
        character, or more than 64 cells.
        """
        rows = [r.strip() for r in rows if r.strip()]
        if not rows:
            raise InvalidPuzzleError("the board drawing is empty")
        width = len(rows[0])
        for i, row in enumerate(rows):
            if len(row) != width:
                raise InvalidPuzzleError(
                    f"the board is ragged: row {i + 1} has {len(row)} cells but row 1 has {width}"
                )
            bad = set(row) - {".", "#"}
            if bad:
                raise InvalidPuzzleError(
                    f"row {i + 1} of the board has {''.join(sorted(bad))!r}: use '.' (open) or '#' (blocked)"
                )
        if width * len(rows) > MAX_CELLS:
            raise InvalidPuzzleError(
                f"the board has {width * len(rows)} cells ({len(rows)} x {width}); "
                f"at most {MAX_CELLS} are supported"
            )
        mask = 0
        for r, row in enumerate(rows):
            for c, ch in enumerate(row):
                if ch == ".":
                    mask |= 1 << (r * width + c)
        return cls(width, len(rows), mask)


# ---------------------------------------------------------------- calendar (docs/RULES.md)

CAL_W = CAL_H = 7
_CAL_BLOCKED: tuple[Cell, ...] = ((0, 6), (1, 6), (6, 3), (6, 4), (6, 5), (6, 6))


def month_cell(month: int) -> Cell:
    """Cell of month ``1..12``: row ``(m-1)//6``, column ``(m-1)%6`` (docs/RULES.md)."""
    if not 1 <= month <= 12:
        raise InvalidDateError(f"month {month} does not exist (use 1..12)")
    return divmod(month - 1, 6)


def day_cell(day: int) -> Cell:
    """Cell of day ``1..31``: row ``2+(d-1)//7``, column ``(d-1)%7`` (docs/RULES.md)."""
    if not 1 <= day <= 31:
        raise InvalidDateError(f"day {day} does not exist (use 1..31)")
    r, c = divmod(day - 1, 7)
    return 2 + r, c


def _calendar_labels() -> tuple[str, ...]:
    labels = [""] * (CAL_W * CAL_H)
    for m in range(1, 13):
        r, c = month_cell(m)
        labels[r * CAL_W + c] = MONTHS_EN[m - 1]
    for d in range(1, 32):
        r, c = day_cell(d)
        labels[r * CAL_W + c] = str(d)
    return tuple(labels)


def cell_meaning(cell: Cell) -> tuple[str, int] | None:
    """What a calendar cell stands for: ``("month", m)``, ``("day", d)`` or None (blocked)."""
    r, c = cell
    if r < 2 and c < 6:
        return ("month", r * 6 + c + 1)
    if 2 <= r < 7 and 0 <= c < 7:
        d = (r - 2) * 7 + c + 1
        if d <= 31:
            return ("day", d)
    return None


def classic_board() -> Board:
    """The classic 7 x 7 calendar board: 43 open cells (docs/RULES.md, DragonFjord layout)."""
    full = (1 << (CAL_W * CAL_H)) - 1
    blocked = 0
    for r, c in _CAL_BLOCKED:
        blocked |= 1 << (r * CAL_W + c)
    return Board(CAL_W, CAL_H, full & ~blocked, _calendar_labels())


def days_in_month(year: int, month: int) -> int:
    """Gregorian month length from :func:`calendar.monthrange` (Feb 29 in leap years)."""
    if not 1 <= month <= 12:
        raise InvalidDateError(f"month {month} does not exist (use 1..12)")
    return calendar.monthrange(year, month)[1]


def month_length_board(year: int, month: int) -> Board:
    """The Daily Drill board: classic blocked cells plus every day after the month's last day.

    Takes a year and month (1..12); returns a :class:`Board` with
    ``43 - (31 - days_in_month)`` open cells. Raises :class:`InvalidDateError`.
    """
    b = classic_board()
    mask = b.open_mask
    for d in range(days_in_month(year, month) + 1, 32):
        r, c = day_cell(d)
        mask &= ~(1 << (r * CAL_W + c))
    return Board(CAL_W, CAL_H, mask, b.labels)


_DATE_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


FIRST_DATE = _dt.date(1900, 1, 1)
"""The earliest supported date: of the game (its calendar, day steps, ``--date``) and of the
solver's command line (:func:`parse_date`, ``drill --year``)."""
LAST_DATE = _dt.date(2999, 12, 31)
"""The latest supported date (see :data:`FIRST_DATE`)."""


def check_date_range(date: _dt.date) -> _dt.date:
    """``date`` itself when it lies in :data:`FIRST_DATE` .. :data:`LAST_DATE`; else raises
    :class:`InvalidDateError` with a one-line message naming the range."""
    if not FIRST_DATE <= date <= LAST_DATE:
        raise InvalidDateError(f"{date.isoformat()} is outside the supported dates "
                               f"{FIRST_DATE.isoformat()} .. {LAST_DATE.isoformat()}")
    return date


def parse_date(text: str) -> _dt.date:
    """Parse a date written exactly ``YYYY-MM-DD`` (ISO 8601 calendar date, four-digit year).

    Takes the text as given: no surrounding spaces, ASCII digits only, two-digit
    month and day (``2024-05-01``; not ``2024-5-1``, ``24-05-01`` or ``+2024-05-01``).
    Returns a :class:`datetime.date`.  Raises :class:`InvalidDateError` with a
    one-line message for another form, a date that does not exist (``2025-02-30``,
    year ``0000``) or one outside the supported dates (:func:`check_date_range`).
    """
    m = _DATE_RE.fullmatch(text) if isinstance(text, str) else None
    if m is None:
        raise InvalidDateError(f"{text!r} is not a date in the form YYYY-MM-DD "
                               "(four-digit year, two-digit month and day, e.g. 2024-05-01)")
    try:
        date = _dt.date(*(int(g) for g in m.groups()))
    except ValueError as e:
        raise InvalidDateError(f"{text} is not a real date ({e})") from None
    return check_date_range(date)


def date_targets(date: _dt.date) -> tuple[Cell, Cell]:
    """The two target cells (month cell, day cell) of a date (docs/RULES.md)."""
    return month_cell(date.month), day_cell(date.day)


def leap_year_dates(year: int = 2024) -> list[_dt.date]:
    """The 366 dates of a leap year (``--all-dates``, README, command line); default 2024."""
    if not calendar.isleap(year):
        raise InvalidDateError(f"{year} is not a leap year")
    start = _dt.date(year, 1, 1)
    return [start + _dt.timedelta(days=i) for i in range(366)]


# ---------------------------------------------------------------- labelled boards (variant files)


def token_meaning(token: str) -> tuple[str, int] | None:
    """What a board token labels: ``("month", 1..12)``, ``("day", 1..31)``,
    ``("weekday", 0..6)`` (Sunday = 0), or None for ``#`` / ``.`` / anything else."""
    if token in MONTHS_EN:
        return ("month", MONTHS_EN.index(token) + 1)
    if token in WEEKDAYS_EN:
        return ("weekday", WEEKDAYS_EN.index(token))
    if token.isdigit() and token == str(int(token)) and 1 <= int(token) <= 31:
        return ("day", int(token))
    return None


def parse_labelled_board(text: str | Iterable[str]) -> Board:
    """A board from rows of space-separated tokens (the variant-file ``board``).

    Tokens: ``Jan``..``Dec`` (months), ``1``..``31`` (days), ``Sun``..``Sat``
    (weekdays), ``#`` (a blocked cell) and ``.`` (an open cell with no label).
    Takes a multi-line string or a list of row strings; blank rows are skipped.
    Returns a :class:`Board` whose :attr:`Board.labels` hold the labels.

    Raises :class:`InvalidPuzzleError` (one line) for an empty board, an unknown
    token, a ragged board (rows with different numbers of tokens), a label used
    twice, or more than 64 cells.
    """
    lines = text.splitlines() if isinstance(text, str) else list(text)
    rows = [line.split() for line in lines if isinstance(line, str) and line.split()]
    if not rows:
        raise InvalidPuzzleError("the board is empty")
    width = len(rows[0])
    labels: list[str] = []
    mask = 0
    where: dict[str, int] = {}
    for r, row in enumerate(rows):
        if len(row) != width:
            raise InvalidPuzzleError(
                f"the board is ragged: row {r + 1} has {len(row)} cells but row 1 has {width}")
        for c, tok in enumerate(row):
            if tok not in ("#", ".") and token_meaning(tok) is None:
                raise InvalidPuzzleError(
                    f"row {r + 1} of the board has {tok!r}: use Jan..Dec, 1..31, Sun..Sat, "
                    "'#' (blocked) or '.' (open)")
            if tok not in ("#", "."):
                if tok in where:
                    raise InvalidPuzzleError(
                        f"the board has {tok!r} twice (rows {where[tok] + 1} and {r + 1})")
                where[tok] = r
            labels.append("" if tok in ("#", ".") else tok)
            if tok != "#":
                mask |= 1 << (r * width + c)
    if width * len(rows) > MAX_CELLS:
        raise InvalidPuzzleError(
            f"the board has {width * len(rows)} cells ({len(rows)} x {width}); "
            f"at most {MAX_CELLS} are supported")
    return Board(width, len(rows), mask, tuple(labels))


def date_labels(date: _dt.date, weekday: bool = False) -> tuple[str, ...]:
    """The labels a date's targets carry: month and day, plus the weekday when asked."""
    out = (MONTHS_EN[date.month - 1], str(date.day))
    return out + (WEEKDAYS_EN[date.isoweekday() % 7],) if weekday else out


def targets_for_date(board: Board, date: _dt.date) -> tuple[Cell, ...]:
    """The target cells of ``date`` on a labelled board: its month's and day's cells, and
    on a board with weekday cells (:attr:`Board.has_weekdays`) the date's real weekday's.

    Raises :class:`InvalidDateError` when the board has no cell for one of them.
    """
    out = []
    for lab in date_labels(date, board.has_weekdays):
        cell = board.cell_of(lab)
        if cell is None:
            raise InvalidDateError(f"the board has no cell for {lab!r}, so {date} cannot be played")
        out.append(cell)
    return tuple(out)
