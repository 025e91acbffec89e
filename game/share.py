"""game/share.py: the share card of a finished puzzle: text with an emoji board.

The text card is one header line, a blank line, then the solved board, one
line per board row::

    每日演兵 Daily Drill · 2026-12-02 · Classic ★★★☆☆ · 3:42 · no hints · 🔥 5

    🟥🟥🟧🟧🟧🟧
    🟥🟨🟨🟧🟩⭐
    ...

Rules (:func:`card_text`):

* the title is always both names, "每日演兵 Daily Drill"; the rest is in the
  player's language; the date is ISO ``YYYY-MM-DD`` (left out for undated puzzles);
* a hand solve shows its stars (0..5, when the mode has a grade), its time
  (``M:SS``, ``H:MM:SS`` from an hour) and "no hints"; an assisted finish
  (``seconds`` None: Hint, Solve or the search replay was used) shows
  "solved with help" instead of time and stars; a streak of 1 or more adds "🔥 n";
* board cells: a piece is one of :data:`SQUARES`, a target cell is
  :data:`TARGET_MARK` (⭐), a blocked cell is :data:`BLOCKED_MARK` (⬛) except
  blocked cells at the end of a row, which are left out (nothing after them
  needs keeping in its column: the calendar's corners read as the board's shape);
* colours: :func:`colour_pieces`, a greedy colouring of the piece adjacency
  graph in reading order that never gives two pieces sharing an edge the same
  square and spreads the colours (each piece takes the least-used colour its
  neighbours do not have), so with 8 or fewer pieces every piece has its own.
"""
from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass
from typing import Mapping, Sequence

from .i18n import STRINGS, tr

BLOCKED = "#"
"""Board cell value: a blocked cell (not part of the board)."""
TARGET = "*"
"""Board cell value: a target cell (left uncovered: the date)."""
SQUARES = ("🟥", "🟧", "🟨", "🟩", "🟦", "🟪", "🟫", "⬜")
"""Piece squares, in order of preference (⬛ is kept for blocked cells)."""
SQUARE_RGB = ((221, 46, 68), (244, 144, 12), (253, 203, 88), (120, 177, 89),
              (85, 172, 238), (170, 142, 214), (193, 105, 79), (230, 231, 232))
"""RGB of each of :data:`SQUARES` as common emoji fonts draw them (Twemoji's fills),
for the PNG card."""
BLOCKED_MARK = "⬛"
BLOCKED_RGB = (49, 55, 61)
TARGET_MARK = "⭐"
STREAK_MARK = "🔥"
SEP = " · "
MAX_STEPS = 200_000
"""Search steps :func:`colour_graph` may take before giving up (it never needs many:
a board's pieces form a planar graph, four colours suffice)."""

Cell = int | str
"""A board cell: a piece index (0, 1, ...), :data:`TARGET` or :data:`BLOCKED`."""


@dataclass(frozen=True)
class ShareCard:
    """Everything a share card shows, as plain data.

    Attributes:
        date: the puzzle's date, or None for an undated puzzle.
        mode_title: the mode's name in the player's language ("Classic", "经典").
        lang: ``"zh"`` or ``"en"`` for the card's words.
        stars: the grade shown for a hand solve, 0..5, or None (no grade).
        seconds: the hand-solve time in seconds, or None for an assisted finish.
        hints: hints used (0 for a hand solve).
        streak: the player's current streak in days (0: not shown).
        board: the solved board, rows of :data:`Cell` (all rows the same length),
            or None / empty for no board (a Flip card).
    Raises ``ValueError`` (one line, for a developer) on a bad value.
    """

    date: _dt.date | None
    mode_title: str
    lang: str = "en"
    stars: int | None = None
    seconds: float | None = None
    hints: int = 0
    streak: int = 0
    board: tuple[tuple[Cell, ...], ...] | None = None

    def __post_init__(self) -> None:
        if self.lang not in ("zh", "en"):
            raise ValueError(f"lang must be 'zh' or 'en', not {self.lang!r}")
        if self.stars is not None and not (isinstance(self.stars, int) and 0 <= self.stars <= 5):
            raise ValueError(f"stars must be 0..5 or None, not {self.stars!r}")
        if self.seconds is not None and not (isinstance(self.seconds, (int, float))
                                             and math.isfinite(self.seconds) and self.seconds >= 0):
            raise ValueError(f"seconds must be a time >= 0 or None, not {self.seconds!r}")
        for name in ("hints", "streak"):
            v = getattr(self, name)
            if not (isinstance(v, int) and not isinstance(v, bool) and v >= 0):
                raise ValueError(f"{name} must be a whole number >= 0, not {v!r}")
        if self.board:
            object.__setattr__(self, "board", check_board(self.board))

    @property
    def assisted(self) -> bool:
        """True for a finish with help (no hand-solve time)."""
        return self.seconds is None


def check_board(board: Sequence[Sequence[Cell]]) -> tuple[tuple[Cell, ...], ...]:
    """``board`` as a tuple of tuples, checked: rectangular, cells piece index >= 0, TARGET or BLOCKED.

    Raises ``ValueError`` naming the first bad row or cell.
    """
    rows = tuple(tuple(r) for r in board)
    width = len(rows[0]) if rows else 0
    for r, row in enumerate(rows):
        if len(row) != width:
            raise ValueError(f"board row {r} has {len(row)} cells, row 0 has {width}")
        for c, v in enumerate(row):
            ok = v in (TARGET, BLOCKED) if isinstance(v, str) else (
                isinstance(v, int) and not isinstance(v, bool) and v >= 0)
            if not ok:
                raise ValueError(f"board cell ({r}, {c}) is {v!r}: a piece index, {TARGET!r} or {BLOCKED!r}")
    return rows


def format_time(seconds: float) -> str:
    """``M:SS`` below an hour, ``H:MM:SS`` from an hour (whole seconds, rounded down)."""
    s = int(seconds)
    h, m, s = s // 3600, s // 60 % 60, s % 60
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def stars_text(stars: int) -> str:
    """``★★★☆☆`` for 3 of 5."""
    return "★" * stars + "☆" * (5 - stars)


def title() -> str:
    """The card's title: both names of the game, "每日演兵 Daily Drill"."""
    zh, en = STRINGS["title"]
    return f"{zh} {en}"


def header_parts(card: ShareCard) -> list[str]:
    """The header's parts in order (joined by :data:`SEP` in :func:`header`)."""
    parts = [title()]
    if card.date is not None:
        parts.append(card.date.isoformat())
    if card.assisted:
        parts += [card.mode_title, tr("share_helped", card.lang)]
    else:
        parts.append(card.mode_title if card.stars is None else f"{card.mode_title} {stars_text(card.stars)}")
        parts.append(format_time(card.seconds))
        parts.append(tr("share_no_hints", card.lang) if card.hints == 0 else
                     tr("share_hint_one" if card.hints == 1 else "share_hints", card.lang, n=card.hints))
    if card.streak > 0:
        parts.append(f"{STREAK_MARK} {card.streak}")
    return parts


def header(card: ShareCard) -> str:
    """The card's first line."""
    return SEP.join(header_parts(card))


def neighbours(board: Sequence[Sequence[Cell]]) -> dict[int, set[int]]:
    """Piece adjacency: piece index -> the pieces sharing at least one cell edge with it.

    Every piece on the board is a key (an isolated piece maps to an empty set).
    """
    adj: dict[int, set[int]] = {}
    rows = check_board(board)
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if isinstance(v, str):
                continue
            adj.setdefault(v, set())
            for rr, cc in ((r + 1, c), (r, c + 1)):
                if rr < len(rows) and cc < len(row):
                    w = rows[rr][cc]
                    if not isinstance(w, str) and w != v:
                        adj[v].add(w)
                        adj.setdefault(w, set()).add(v)
    return adj


def reading_order(board: Sequence[Sequence[Cell]]) -> list[int]:
    """Piece indices in order of their first cell, row by row, left to right."""
    seen: dict[int, None] = {}
    for row in board:
        for v in row:
            if not isinstance(v, str):
                seen.setdefault(v, None)
    return list(seen)


def colour_graph(order: Sequence[int], adj: Mapping[int, set[int]], k: int) -> dict[int, int]:
    """A proper colouring with colours 0..k-1: node -> colour, no edge with one colour at both ends.

    Takes the nodes in the order to colour them, their adjacency and the number
    of colours.  Each node takes, of the colours its coloured neighbours do not
    have, the least used so far (ties: the lowest); when a node has none left,
    the search backs up (depth first) and tries the next choice, so the result
    is the greedy one whenever the greedy succeeds.  Raises ``ValueError`` when
    no colouring with ``k`` colours exists (or none is found within
    :data:`MAX_STEPS` steps).
    """
    order = list(order)
    colour: dict[int, int] = {}
    used = [0] * k
    steps = 0

    def place(i: int) -> bool:
        nonlocal steps
        if i == len(order):
            return True
        node = order[i]
        taken = {colour[n] for n in adj.get(node, ()) if n in colour}
        for c in sorted((c for c in range(k) if c not in taken), key=lambda c: (used[c], c)):
            steps += 1
            if steps > MAX_STEPS:
                return False
            colour[node] = c
            used[c] += 1
            if place(i + 1):
                return True
            used[c] -= 1
            del colour[node]
        return False

    if not place(0):
        raise ValueError(f"the pieces cannot be told apart with {k} colours")
    return colour


def colour_pieces(board: Sequence[Sequence[Cell]], k: int = len(SQUARES)) -> dict[int, int]:
    """Piece index -> index into :data:`SQUARES` (:func:`colour_graph` in reading order).

    Raises ``ValueError`` for a bad board or when ``k`` colours cannot separate
    the pieces (never for a board of whole, connected pieces and ``k`` >= 4).
    """
    return colour_graph(reading_order(board), neighbours(board), k)


def grid_lines(board: Sequence[Sequence[Cell]]) -> list[str]:
    """The board as emoji, one string per row (see the module docstring for the marks)."""
    rows = check_board(board)
    colours = colour_pieces(rows)
    out = []
    for row in rows:
        end = len(row)
        while end and row[end - 1] == BLOCKED:
            end -= 1
        out.append("".join(BLOCKED_MARK if v == BLOCKED else TARGET_MARK if v == TARGET
                           else SQUARES[colours[v]] for v in row[:end]))
    return out


def card_text(card: ShareCard) -> str:
    """The whole text card: the header, then (when there is a board) a blank line and the grid."""
    text = header(card)
    if card.board:
        text += "\n\n" + "\n".join(grid_lines(card.board))
    return text
