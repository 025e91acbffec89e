"""Daily Drill (每日演兵): the deterministic daily formation set (今日阵型), rule v1.

Source of the rule: ``docs/RULES.md`` (the month-length board, Daily Drill). This module is pure Python over :mod:`solver.search`; it does no I/O.

The board and the area
----------------------
A date's board is the month-length board (:func:`solver.board.month_length_board`:
the classic blocked cells plus every day cell after the month's last day); the
targets are the date's month and day cells. The cells to cover are the open cells
less the two targets: 41 (31-day months), 40 (30-day), 39 (29-day February),
38 (28-day February). Formations have 5 cells (the twelve pentominoes) or 6 (方阵,
the only 6-cell formation, which must therefore repeat), so a set of ``a``
pentominoes and ``b`` 方阵 fits when ``5a + 6b = area``:

====== ============================ ==============================================
area   ``(a, b)`` options           rule v1 uses
====== ============================ ==============================================
41     (7, 1), (1, 6)               (7, 1); (1, 6) is solvable on 3 of 31 days (Jan)
40     (8, 0), (2, 5)               (8, 0); (2, 5) is solvable on 20 of 30 days (Jun)
39     (3, 4)                       (3, 4)
38     (4, 3)                       (4, 3)
====== ============================ ==============================================

Rule v1 takes the option with the fewest 方阵 (the most pentominoes). Measured over
the months of 2024 (``benchmarks/bench_drill.py``, ``benchmarks/drill_results.md``):
it is the only option with a solvable set on every date, and it gives the most
varied sets. The "fewer, larger formations" options look harder by the solution
count alone -- almost every day has exactly one solution (April: 28 of 29 days,
against 14 of 30 for (8, 0)) -- but they are not harder to solve: their search
trees are about a hundred times smaller (median 30-154 nodes to enumerate every
solution, against 6,000-21,000 for the rule's sets), because several identical
rectangles leave few real choices. The other options stay available through
``sixes=`` (:func:`set_size_options`); they are not the daily rule.

Sealed cells
------------
One case has no solution for any formation set: in a leap-year February the day
cell 29 (row 6, column 0) touches only day 22 (row 5, column 0) and the blocked
day 30, so on February 22 it is an isolated open cell that nothing can cover.
Rule v1 therefore *seals* (blocks) every connected region of cells to cover that
is smaller than the smallest formation (5 cells). On 2024-02-22 and 2028-02-22 this
blocks day 29, leaving 38 cells (the 28-day February board); no other date from
2024 to 2030 has a sealed cell. :attr:`DailyInfo.sealed` lists such cells.

Choosing the pentominoes
------------------------
The candidate sets are all ``a``-element subsets of the twelve pentominoes (no
pentomino repeats: every set could be cut from one physical box), listed in the order of
docs/RULES.md by :func:`itertools.combinations`. They are visited in a seeded random order
(a lazy Fisher-Yates shuffle driven by :class:`HashStream`); each visited set gets
ONE solver call that counts its solutions, and the first set with at least one
solution is the day's set. Because every candidate is visited at most once the draw
always ends, and it ends with a set exactly when a solvable set exists.

The seed is the text ``"daily-drill/v1/YYYY-MM-DD"`` (plus ``"/sixes=B"`` for a
non-default set size) hashed with SHA-256 by :class:`HashStream`, so the set is the
same on every run, machine and Python version (no :func:`hash`, no global or
unseeded randomness, no dependence on :mod:`random`'s algorithms).

Difficulty
----------
The grade comes from the number of solutions of the chosen set
(:func:`grade_for_count`): fewer solutions, more stars. The thresholds were set
from the measured spread over 2024-2030 (``benchmarks/drill_results.md``): about
26 / 25 / 23 / 16 / 10 % of the days get 5 / 4 / 3 / 2 / 1 stars. Caveat, measured
too: February's sets must hold 3 or 4 方阵, so they mostly have one solution (5
stars) although their search trees are small; the count is the rule's measure,
:attr:`DailyInfo.count` is always shown with it.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import itertools
from dataclasses import dataclass
from functools import lru_cache

from .board import Board, Cell, InvalidPuzzleError, Mask, date_targets, days_in_month, \
    month_length_board, parse_date
from .shapes import FORMATIONS, PENTOMINOES
from .model import Puzzle

RULE_VERSION = 1
"""Version of the daily rule. Any change to the sets it picks must bump it (and the
seed prefix), and regenerate ``tests/golden/drill_v1.json`` as a new file."""

SEED_PREFIX = f"daily-drill/v{RULE_VERSION}/"
"""Prefix of the seed text; the date in ISO form (``YYYY-MM-DD``) follows."""

MIN_FORMATION_CELLS = min(f.size for f in FORMATIONS.values())
"""5: regions of cells to cover smaller than this are sealed (see module docstring)."""

SIX = "F6"
"""The only 6-cell formation (方阵)."""

GRADES: tuple[tuple[int, int, str, str], ...] = (
    # (most solutions for this grade, stars, English word, Chinese word)
    (1, 5, "master", "大师"),
    (3, 4, "hard", "困难"),
    (8, 3, "medium", "中等"),
    (20, 2, "easy", "简单"),
)
"""Difficulty grades by number of solutions, first match wins; more than 20 solutions
is 1 star (:data:`RELAXED`). Thresholds set from the measured spread over 2024-2030
(``benchmarks/drill_results.md``: 26 % of days have exactly one solution, the median
is 3, the 90th percentile 20), so that the grades hold roughly 26 / 25 / 23 / 17 / 10 %
of the days."""

RELAXED = (1, "relaxed", "轻松")
"""Grade for more solutions than the last threshold of :data:`GRADES`."""


class DrillError(InvalidPuzzleError):
    """No formation set of the requested size has a solution for the date (never the
    case for the default size from 2024-01-01 to 2030-12-31), or a set size that does not
    fit the date's area."""


# ---------------------------------------------------------------- the generator


class HashStream:
    """A deterministic stream of uniform integers from SHA-256 in counter mode.

    Block ``k`` (k = 0, 1, 2, ...) is ``sha256(f"{seed}#{k}".encode("utf-8"))``; each
    32-byte block gives four 64-bit words (big-endian). :meth:`below` turns words into
    uniform integers by rejection, so there is no modulo bias. Only :mod:`hashlib` is
    used, so the stream is identical on every platform and Python version.

    Args:
        seed: the seed text (e.g. ``"daily-drill/v1/2024-05-01"``).
    """

    def __init__(self, seed: str) -> None:
        self.seed = seed
        self._block = 0
        self._words: list[int] = []

    def word(self) -> int:
        """The next 64-bit word of the stream (an int in ``[0, 2**64)``)."""
        if not self._words:
            digest = hashlib.sha256(f"{self.seed}#{self._block}".encode("utf-8")).digest()
            self._block += 1
            self._words = [int.from_bytes(digest[i:i + 8], "big") for i in (24, 16, 8, 0)]
        return self._words.pop()

    def below(self, n: int) -> int:
        """A uniform integer in ``[0, n)``; ``n`` must be in ``[1, 2**64]``.

        Rejects words at or above the largest multiple of ``n`` below ``2**64``, then
        reduces modulo ``n``. Raises :class:`ValueError` for ``n`` out of range.
        """
        if not 1 <= n <= 1 << 64:
            raise ValueError(f"n must be in [1, 2**64], got {n}")
        limit = (1 << 64) - (1 << 64) % n
        while True:
            w = self.word()
            if w < limit:
                return w % n


def seed_text(date: _dt.date, sixes: int | None = None) -> str:
    """The seed of a date: ``"daily-drill/v1/YYYY-MM-DD"``, plus ``"/sixes=B"`` when a
    non-default number ``B`` of 方阵 is requested (``None`` = the rule's default)."""
    base = SEED_PREFIX + date.isoformat()
    return base if sixes is None else f"{base}/sixes={sixes}"


# ---------------------------------------------------------------- board and sizes


def _regions(mask: Mask, width: int) -> list[Mask]:
    """Edge-connected regions of a mask on a board ``width`` cells wide."""
    out = []
    while mask:
        seed = mask & -mask
        region = seed
        frontier = seed
        while frontier:
            grow = 0
            f = frontier
            while f:
                low = f & -f
                b = low.bit_length() - 1
                r, c = divmod(b, width)
                grow |= (low << width) | (low >> width)
                if c > 0:
                    grow |= low >> 1
                if c < width - 1:
                    grow |= low << 1
                f ^= low
            frontier = grow & mask & ~region
            region |= frontier
        out.append(region)
        mask &= ~region
    return out


def drill_board(date: _dt.date) -> tuple[Board, tuple[Cell, Cell], tuple[Cell, ...]]:
    """The Daily Drill board of a date under rule v1.

    Takes a :class:`datetime.date`; returns ``(board, targets, sealed)``: the
    month-length board (docs/RULES.md) with every region of cells to cover smaller
    than :data:`MIN_FORMATION_CELLS` blocked, the (month cell, day cell) targets, and
    the cells so blocked (empty except on leap-year February 22).
    """
    board = month_length_board(date.year, date.month)
    targets = date_targets(date)
    cover = board.open_mask & ~board.mask_of(targets)
    sealed_mask = 0
    for region in _regions(cover, board.width):
        if bin(region).count("1") < MIN_FORMATION_CELLS:
            sealed_mask |= region
    if sealed_mask:
        board = Board(board.width, board.height, board.open_mask & ~sealed_mask, board.labels)
    return board, targets, tuple(board.cells_of(sealed_mask))


def set_size_options(area: int) -> list[tuple[int, int]]:
    """Every ``(pentominoes, 方阵)`` pair ``(a, b)`` with ``5a + 6b == area``, ``a <= 12``.

    Takes the number of cells to cover; returns the pairs in increasing ``b`` (the
    first one is rule v1's default). Example: ``set_size_options(41) == [(7, 1), (1, 6)]``.
    """
    return [(a, b) for b in range(area // 6 + 1)
            for a in [(area - 6 * b) // 5] if 5 * a + 6 * b == area and 0 <= a <= len(PENTOMINOES)]


# ---------------------------------------------------------------- grades


def grade_for_count(count: int) -> tuple[int, str, str]:
    """Difficulty of a day from its number of solutions (rule v1 thresholds, :data:`GRADES`).

    Takes a solution count (>= 1 for a playable day); returns ``(stars 1..5, English
    word, Chinese word)``; fewer solutions means more stars. A count of 0 returns
    ``(0, "unsolvable", "无解")``.
    """
    if count <= 0:
        return 0, "unsolvable", "无解"
    for most, stars, en, zh in GRADES:
        if count <= most:
            return stars, en, zh
    return RELAXED


def stars_text(stars: int) -> str:
    """Stars as text, e.g. ``"★★★☆☆"`` for 3 (always five symbols)."""
    return "★" * stars + "☆" * (5 - stars)


# ---------------------------------------------------------------- the daily set


@dataclass(frozen=True, slots=True)
class DailyInfo:
    """The Daily Drill of one date.

    Attributes:
        date: the date.
        rule_version: :data:`RULE_VERSION` of the rule that chose the set.
        formations: formation codes (方阵 first, then pentominoes in the order of docs/RULES.md).
        board: the drill board (month-length board, sealed cells blocked).
        targets: (month cell, day cell), left uncovered.
        sealed: open cells of the month-length board blocked by the rule (usually empty).
        count: number of solutions (identical formations interchangeable).
        stars: difficulty 1..5 (5 = fewest solutions), see :func:`grade_for_count`.
        grade: English difficulty word.
        grade_zh: Chinese difficulty word.
        sixes: number of 方阵 in the set (``len(formations) - pentominoes``).
        draws: candidate sets tried (solver calls made) before one was solvable.
        seconds: search time of those solver calls, in seconds.
    """

    date: _dt.date
    rule_version: int
    formations: tuple[str, ...]
    board: Board
    targets: tuple[Cell, Cell]
    sealed: tuple[Cell, ...]
    count: int
    stars: int
    grade: str
    grade_zh: str
    sixes: int
    draws: int
    seconds: float

    @property
    def names(self) -> tuple[str, ...]:
        """Chinese names of :attr:`formations`, in the same order."""
        return tuple(FORMATIONS[c].name_zh for c in self.formations)

    def puzzle(self) -> Puzzle:
        """The day's :class:`~solver.model.Puzzle` (board, set, targets, a name for people)."""
        return Puzzle(self.board, self.formations, self.targets,
                      f"Daily Drill {self.date.isoformat()}")


def _as_date(date: _dt.date | str) -> _dt.date:
    if isinstance(date, str):
        return parse_date(date)
    if isinstance(date, _dt.datetime):
        return date.date()
    return date


def daily_info(date: _dt.date | str, sixes: int | None = None) -> DailyInfo:
    """Choose (or recall) the Daily Drill set of a date under rule v1.

    Args:
        date: a :class:`datetime.date` or ``"YYYY-MM-DD"``.
        sixes: number of 方阵 in the set; ``None`` (the rule) takes the fewest that fit
            (:func:`set_size_options`). Other sizes use their own seed.

    Returns:
        :class:`DailyInfo` (results are cached per date and size).

    Runs the solver (imports numba on first use; 24 ms median, up to about 2 s on a
    leap-year February day, see ``benchmarks/drill_results.md``): the game should call
    it on its worker thread, never the UI thread.

    Raises:
        InvalidDateError: a text date that does not parse or does not exist.
        DrillError: ``sixes`` does not fit the date's area, or no set of that size has a
            solution (for the default size this never happens from 2024 to 2030).
    """
    return _daily_info(_as_date(date), sixes)


@lru_cache(maxsize=4096)
def _daily_info(date: _dt.date, sixes: int | None) -> DailyInfo:
    from .search import Search  # numba import kept out of module import

    board, targets, sealed = drill_board(date)
    area = bin(board.open_mask & ~board.mask_of(targets)).count("1")
    options = set_size_options(area)
    if sixes is None:
        fives, n6 = options[0]
    else:
        match = [o for o in options if o[1] == sixes]
        if not match:
            fit = ", ".join(f"{b}" for _, b in options)
            raise DrillError(
                f"{date.isoformat()}: {sixes} x 方阵 does not fit {area} cells (use {fit})"
            )
        fives, n6 = match[0]
    candidates = list(itertools.combinations(PENTOMINOES, fives))
    stream = HashStream(seed_text(date, sixes))
    seconds = 0.0
    for i in range(len(candidates)):
        j = i + stream.below(len(candidates) - i)  # lazy Fisher-Yates step
        candidates[i], candidates[j] = candidates[j], candidates[i]
        formations = (SIX,) * n6 + candidates[i]
        puzzle = Puzzle(board, formations, targets, f"Daily Drill {date.isoformat()}")
        search = Search(puzzle, store=0)
        search.run()
        seconds += search.seconds
        if search.count:
            stars, en, zh = grade_for_count(search.count)
            return DailyInfo(date, RULE_VERSION, formations, board, targets, sealed,
                             search.count, stars, en, zh, n6, i + 1, seconds)
    raise DrillError(
        f"{date.isoformat()}: no set of {fives} pentominoes and {n6} x 方阵 has a solution"
    )


def daily_puzzle(date: _dt.date | str, sixes: int | None = None) -> Puzzle:
    """The Daily Drill :class:`~solver.model.Puzzle` of a date (see :func:`daily_info`).

    Takes a date (or ``"YYYY-MM-DD"``) and an optional number of 方阵; returns the
    puzzle on the drill board with the day's set and the date's two target cells.
    Raises as :func:`daily_info` does.
    """
    return daily_info(date, sixes).puzzle()


def year_dates(year: int) -> list[_dt.date]:
    """Every date of a Gregorian year, in order (365 or 366 dates)."""
    start = _dt.date(year, 1, 1)
    n = 366 if days_in_month(year, 2) == 29 else 365
    return [start + _dt.timedelta(days=i) for i in range(n)]

