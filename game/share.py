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

The same card as a picture: :func:`render_card` draws it with pygame (the
game's fonts through :class:`game.widgets.glyphs.TextChain`; the squares,
stars and flame are drawn, not emoji glyphs, which the bundled fonts lack) and
:func:`save_png` writes it to the player's pictures folder.  :func:`copy_text`
puts the text on the clipboard when there is one.  pygame is imported only by
these three, so the text card needs no pygame.
"""
from __future__ import annotations

import datetime as _dt
import math
import os
import tempfile
from dataclasses import dataclass
from typing import TYPE_CHECKING, Mapping, NamedTuple, Sequence

import platformdirs

from . import palette
from .i18n import STRINGS, tr

if TYPE_CHECKING:
    import pygame

    from .widgets.glyphs import TextChain

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
        mode: the mode string (``"classic"``, ``"variant:weekday"``), only for
            the picture's file name ("" leaves it out).
        colours: the picture's fill per piece index, (r, g, b) each, as the pieces look on
            screen (:func:`game.palette.piece_colours`); None or too few: the text card's
            :data:`SQUARE_RGB` colouring.
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
    mode: str = ""
    colours: tuple[tuple[int, int, int], ...] | None = None

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


# -- the picture ---------------------------------------------------------------------------------

PICTURES_ENV = "DAILY_DRILL_PICTURES_DIR"
"""Environment variable that overrides the folder pictures are saved in (tests, portable installs)."""
PICTURES_SUBDIR = "Daily Drill"
NO_CLIPBOARD_DRIVERS = ("dummy", "offscreen")
"""SDL video drivers whose clipboard never leaves the process."""
HEADER_H = 148
"""Height of the header band above the board (logical pixels)."""
CELL = 44
"""Board cell pitch (logical pixels); each square is ``CELL - GAP`` wide."""
GAP = 5
RADIUS = 8
MARGIN = 32
MIN_WIDTH = 480
PNG_SCALE = 2
"""Device pixels per logical pixel in the saved picture (sharp on phone screens)."""
CARD_BG = (250, 247, 240)
STAR_RGB = (255, 172, 51)
"""Fill of the target star and the grade stars (as ⭐ is usually drawn)."""
FLAME_RGB = (234, 104, 28)


class CardLayout(NamedTuple):
    """Where the parts of the picture go, in logical pixels (multiply by the scale).

    Attributes: width, height of the card; board_x, board_y of the board's top-left cell.
    """

    width: int
    height: int
    board_x: int
    board_y: int

    def cell_rect(self, r: int, c: int) -> tuple[int, int, int, int]:
        """(x, y, w, h) of the square of board cell (r, c)."""
        return (self.board_x + c * CELL + GAP // 2, self.board_y + r * CELL + GAP // 2, CELL - GAP, CELL - GAP)


def card_layout(card: ShareCard, text_width: int = 0) -> CardLayout:
    """The picture's layout: :data:`MIN_WIDTH` wide at least, wider for a wide board or ``text_width``.

    Height: :data:`HEADER_H` + rows x :data:`CELL` + :data:`MARGIN` (no board: the
    header and a margin).  The board is centred.  Takes the card and the widest
    header line in logical pixels; returns a :class:`CardLayout`.
    """
    rows = len(card.board) if card.board else 0
    cols = len(card.board[0]) if card.board else 0
    width = max(MIN_WIDTH, cols * CELL + 2 * MARGIN, text_width + 2 * MARGIN)
    return CardLayout(width, HEADER_H + rows * CELL + MARGIN, (width - cols * CELL) // 2, HEADER_H)


def _header_lines(card: ShareCard) -> tuple[str, str]:
    """(second line, third line's text) of the picture: date and mode; time and hints, or "with help"."""
    second = SEP.join(([card.date.isoformat()] if card.date else []) + [card.mode_title])
    if card.assisted:
        third = tr("share_helped", card.lang)
    else:
        hints = (tr("share_no_hints", card.lang) if card.hints == 0 else
                 tr("share_hint_one" if card.hints == 1 else "share_hints", card.lang, n=card.hints))
        third = SEP.join([format_time(card.seconds), hints])
    return second, third


def render_card(card: ShareCard, chain: "TextChain | None" = None, scale: int = PNG_SCALE) -> "pygame.Surface":
    """The card as a picture: a ``pygame.Surface`` of :func:`card_layout` size times ``scale``.

    Header: the title (每日演兵 bold in the title colour, "Daily Drill"), the date
    and mode, then the grade stars, time and hints (or "solved with help") and,
    when there is one, a flame with the streak.  Below it the board, one rounded
    square per cell in the pieces' own colours (``card.colours``, as on screen; else the
    colours of :data:`SQUARE_RGB`, the text card's squares),
    a star on each target, :data:`BLOCKED_RGB` on blocked cells except at the end
    of a row.  Takes the card, the fonts (default :meth:`TextChain.bundled`) and the
    scale; needs no display (headless-safe).
    """
    import pygame

    from .widgets.glyphs import TextChain
    from .widgets.icons import draw_icon

    chain = chain or TextChain.bundled()
    k = scale
    second, third = _header_lines(card)
    zh_title, en_title = STRINGS["title"]
    streak = tr("share_streak", card.lang, n=card.streak) if card.streak > 0 else ""
    title_w = (chain.size(zh_title + " ", 30 * k, strong=True)[0] + chain.size(en_title, 30 * k)[0]) // k
    second_w = chain.size(second, 20 * k)[0] // k + (chain.size(streak, 20 * k, strong=True)[0] // k + 60
                                                      if streak else 0)
    stars_w = 0 if card.assisted or card.stars is None else 5 * 26 + 10
    third_w = stars_w + chain.size(third, 21 * k, strong=not card.assisted)[0] // k
    layout = card_layout(card, max(title_w, second_w, third_w))
    surf = pygame.Surface((layout.width * k, layout.height * k))
    surf.fill(CARD_BG)
    pygame.draw.rect(surf, palette.PANEL_EDGE, surf.get_rect(), max(1, k))

    x, right = MARGIN * k, (layout.width - MARGIN) * k
    r = chain.render_to(surf, (x, 26 * k), zh_title + " ", 30 * k, palette.TITLE, strong=True)
    chain.render_to(surf, (r.right, 26 * k), en_title, 30 * k, palette.TEXT)
    chain.render_to(surf, (x, 72 * k), second, 20 * k, palette.TEXT_SOFT)
    if streak:
        sw = chain.size(streak, 20 * k, strong=True)[0]
        chain.render_to(surf, (right - sw, 72 * k), streak, 20 * k, FLAME_RGB, strong=True)
        draw_icon(surf, "flame", pygame.Rect(right - sw - 27 * k, 73 * k, 24 * k, 24 * k), FLAME_RGB)
    y3 = 102 * k
    if stars_w:
        for i in range(5):
            draw_icon(surf, "star" if i < card.stars else "star_outline",
                      pygame.Rect(x + i * 26 * k, y3 + 1 * k, 24 * k, 24 * k), STAR_RGB)
        x += stars_w * k
    chain.render_to(surf, (x, y3), third, 21 * k, palette.TEXT_SOFT if card.assisted else palette.TEXT,
                    strong=not card.assisted)

    if card.board:
        used = {v for row in card.board for v in row if isinstance(v, int)}
        own = card.colours if card.colours and used <= set(range(len(card.colours))) else None
        colours = None if own else colour_pieces(card.board)
        for rr, row in enumerate(card.board):
            end = len(row)
            while end and row[end - 1] == BLOCKED:
                end -= 1
            for cc, v in enumerate(row[:end]):
                cx, cy, cw, ch = layout.cell_rect(rr, cc)
                rect = pygame.Rect(cx * k, cy * k, cw * k, ch * k)
                if v == TARGET:
                    draw_icon(surf, "star", rect.inflate(2 * k, 2 * k), STAR_RGB)
                else:
                    fill = BLOCKED_RGB if v == BLOCKED else tuple(own[v]) if own else SQUARE_RGB[colours[v]]
                    pygame.draw.rect(surf, fill, rect, border_radius=RADIUS * k)
                    # a darker rim, so the light square reads on the light card
                    pygame.draw.rect(surf, palette.shade(fill, 0.82), rect, k, border_radius=RADIUS * k)
    return surf


class Saved(NamedTuple):
    """What :func:`save_png` did: the picture's path, or None and the reason (for the player)."""

    path: str | None
    reason: str = ""


def pictures_dir() -> str:
    """Folder for share pictures: ``$DAILY_DRILL_PICTURES_DIR``, else the user's pictures folder
    (``platformdirs.user_pictures_dir()``) / "Daily Drill"."""
    env = os.environ.get(PICTURES_ENV)
    if env:
        return env
    return os.path.join(platformdirs.user_pictures_dir(), PICTURES_SUBDIR)


def png_name(card: ShareCard) -> str:
    """The picture's file name: ``daily-drill[-DATE][-MODE].png``, the mode's ``:`` and anything
    outside letters, digits, ``-`` and ``_`` turned into ``-``."""
    parts = ["daily-drill"]
    if card.date is not None:
        parts.append(card.date.isoformat())
    if card.mode:
        parts.append("".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in card.mode).strip("-"))
    return "-".join(p for p in parts if p) + ".png"


def save_png(card: ShareCard, folder: str | os.PathLike | None = None,
             chain: "TextChain | None" = None) -> Saved:
    """Render the card (:func:`render_card`) and save it as PNG in ``folder`` (default :func:`pictures_dir`).

    The file is written to a temporary name and moved into place, so a failure
    never leaves half a picture; the same card saved again replaces its file.
    The file gets the usual permissions (0666 less the umask).
    Returns :class:`Saved` with the path, or with None and a one-line reason when
    the folder cannot be created or written (never raises for that).
    """
    import pygame

    folder = os.fspath(folder) if folder is not None else pictures_dir()
    path = os.path.join(folder, png_name(card))
    tmp = None
    try:
        surf = render_card(card, chain)
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".share-", suffix=".png", dir=folder)
        os.close(fd)
        pygame.image.save(surf, tmp)
        os.chmod(tmp, 0o666 & ~_umask())  # a picture like any other, not mkstemp's private 0600
        os.replace(tmp, path)
        tmp = None
    except (OSError, pygame.error) as e:
        return Saved(None, getattr(e, "strerror", None) or str(e) or type(e).__name__)
    finally:
        if tmp is not None:
            try:
                os.remove(tmp)
            except OSError:
                pass
    return Saved(path)


def _umask() -> int:
    """The process's file creation mask (read by setting it and putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def copy_text(text: str) -> bool:
    """Put ``text`` on the system clipboard; True when it is there.

    Uses pygame-ce's clipboard (``pygame.scrap.put_text`` / ``get_text``, which
    need only the display initialised).  Returns False, never raises, when the
    display is not initialised, the video driver has no system clipboard
    (:data:`NO_CLIPBOARD_DRIVERS`: SDL keeps such a clipboard inside the
    process), or the clipboard refuses or does not read back the text: the UI
    then shows the text for the player to select.
    """
    try:
        import pygame

        if not pygame.display.get_init() or pygame.display.get_driver() in NO_CLIPBOARD_DRIVERS:
            return False
        pygame.scrap.put_text(text)
        return pygame.scrap.get_text() == text
    except Exception:  # no clipboard support, no window, an old pygame: show the text instead
        return False
