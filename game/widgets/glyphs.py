"""game/widgets/glyphs.py: any text draws: each character from the first font that has it.

The game ships two subsets of Noto Sans CJK SC (``assets/fonts``, made by
``assets/fonts/make_subset.py``): the small primary one (the game's own
strings) and a larger fallback (GB2312 level 1: the 3,755 common hanzi, plus
punctuation and full-width forms).  A line of text is split into *runs*, each
drawn with one font, trying in order:

1. the primary subset, 2. the fallback subset, 3. a system CJK font found by
   name with ``pygame.font.match_font`` (:data:`SYSTEM_CJK_NAMES`; looked up only
   when a character is missing from both bundled fonts),

and a character no font has is drawn as an outline box (never a blank).
Zero-width characters (variation selectors, joiners, combining marks) stay
with the character before them when its font has them and are dropped
otherwise; control characters are dropped (one line; a tab is a space).

:func:`split_runs` is the pure rule (coverage given as predicates);
:class:`TextChain` loads fonts with ``pygame.freetype`` (coverage from
``Font.get_metrics``, which gives None for a missing glyph) and renders a line.
No fontTools at run time.
"""
from __future__ import annotations

import contextlib
import os
import unicodedata
from dataclasses import dataclass
from importlib.resources import as_file, files
from typing import Callable, Sequence

import pygame
import pygame.freetype

PRIMARY_FILE = "NotoSansSC-DailyDrill.otf"
FALLBACK_FILE = "NotoSansSC-Fallback.otf"
SYSTEM_CJK_NAMES = (
    "notosanscjksc", "notosanscjk", "sourcehansanssc", "sourcehanssanscn", "wenquanyimicrohei",
    "wenquanyizenhei", "microsoftyahei", "microsoftyaheiui", "pingfangsc", "hiraginosansgb",
    "simhei", "simsun", "droidsansfallback", "arplumingcn", "notosanscjkjp",
)
"""System fonts tried, in order, by :func:`find_system_cjk` (pygame's normalised names:
lower case, no spaces): Linux (Noto, Source Han, WenQuanYi, Droid), Windows (YaHei,
SimHei, SimSun), macOS (PingFang, Hiragino)."""
PROBE_SIZE = 16
"""Pixel size used for coverage queries (coverage does not depend on size)."""

Covers = Callable[[str], bool]
"""A coverage predicate: True when a font has a glyph for the one character given."""


@dataclass(frozen=True)
class Run:
    """A piece of a line drawn with one font.

    Attributes:
        text: the characters (at least one).
        font: index of the font in the chain, or None: no font has them, draw
            each non-space character as a replacement box.
    """

    text: str
    font: int | None


@dataclass(frozen=True)
class Face:
    """A font file and the face to use inside it (collections such as ``.ttc`` hold several).

    Attributes:
        path: the font file.
        index: face index within the file (0 for a single-face file).
        name: where it came from (``"primary"``, ``"fallback"``, a system font name).
    """

    path: str
    index: int = 0
    name: str = ""


def is_zero_width(ch: str) -> bool:
    """True for a character that takes no space of its own: combining marks (Mn, Me),
    format characters (Cf: joiners, direction marks) and variation selectors."""
    cp = ord(ch)
    return (unicodedata.category(ch) in ("Mn", "Me", "Cf")
            or 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF)


def split_runs(text: str, covers: Sequence[Covers]) -> list[Run]:
    """Split ``text`` into runs, each character going to the first font that has it.

    Takes the text (one line) and one coverage predicate per font, in order of
    preference.  Returns the runs in order (adjacent characters of the same
    font share one run); ``Run.font`` is None for characters no font has.
    Whitespace and zero-width characters stay in the current run when its font
    has them; zero-width characters no neighbouring font has are dropped; a tab
    becomes a space and other control characters are dropped.  Never raises.
    """
    runs: list[Run] = []
    buf: list[str] = []
    cur: int | None = None

    def has(i: int | None, ch: str) -> bool:
        return i is not None and covers[i](ch)

    for ch in text:
        if ch == "\t":
            ch = " "
        if unicodedata.category(ch) in ("Cc", "Cs"):  # controls, lone surrogates
            continue
        if is_zero_width(ch):
            if buf and has(cur, ch):
                buf.append(ch)
            continue
        if buf and ch.isspace() and has(cur, ch):
            buf.append(ch)
            continue
        font = next((i for i in range(len(covers)) if covers[i](ch)), None)
        if font is None and ch.isspace():
            ch = " "
            font = cur if buf and has(cur, " ") else next((i for i in range(len(covers)) if covers[i](" ")), None)
        if buf and font != cur:
            runs.append(Run("".join(buf), cur))
            buf = []
        cur = font
        buf.append(ch)
    if buf:
        runs.append(Run("".join(buf), cur))
    return runs


def coverage(font: pygame.freetype.Font) -> Covers:
    """A cached coverage predicate for a ``pygame.freetype.Font`` (``get_metrics`` is None: no glyph)."""
    cache: dict[str, bool] = {}

    def covers(ch: str) -> bool:
        v = cache.get(ch)
        if v is None:
            try:
                m = font.get_metrics(ch, size=PROBE_SIZE)
                v = bool(m) and m[0] is not None
            except (pygame.error, UnicodeError, ValueError):
                v = False
            cache[ch] = v
        return v

    return covers


def _face_index(path: str) -> int:
    """The face to use in ``path``: in a collection, the first Simplified Chinese face
    (family name with an "SC" or "GB" word, or "Simplified"), else 0."""
    if not path.lower().endswith((".ttc", ".otc")):
        return 0
    for i in range(32):
        try:
            name = pygame.freetype.Font(path, PROBE_SIZE, font_index=i).name or ""
        except (OSError, pygame.error, IndexError, ValueError):
            break
        words = name.replace("-", " ").split()
        if "SC" in words or "GB" in words or "Simplified" in name:
            return i
    return 0


def find_system_cjk(names: Sequence[str] = SYSTEM_CJK_NAMES,
                    match: Callable[[str], str | None] | None = None) -> Face | None:
    """The first installed system font from ``names`` that has the glyph 中, or None.

    Takes the pygame-normalised font names to try and the lookup (default
    ``pygame.font.match_font``; injectable for tests).  For a font collection
    the Simplified Chinese face is chosen.  Never raises.
    """
    match = match or pygame.font.match_font
    pygame.freetype.init()
    for name in names:
        try:
            path = match(name)
        except Exception:  # a broken font cache or fc-list: try the next name
            continue
        if not path or not os.path.isfile(path):
            continue
        try:
            index = _face_index(path)
            if coverage(pygame.freetype.Font(path, PROBE_SIZE, font_index=index))("中"):
                return Face(path, index, name)
        except (OSError, pygame.error, ValueError):
            continue
    return None


class TextChain:
    """Fonts tried in order for each character, and a one-line renderer over them.

    Args:
        faces: the fonts in order of preference (a face that fails to load is
            skipped and named in :attr:`warnings`).
        system: called once, the first time a character is missing from every
            face, to find one more (default :func:`find_system_cjk`; None: never).

    Attributes:
        faces: the faces in use, in order (a found system face is appended).
        warnings: one line per face that could not be loaded.
    """

    def __init__(self, faces: Sequence[Face],
                 system: Callable[[], Face | None] | None = find_system_cjk) -> None:
        pygame.freetype.init()
        self.faces: list[Face] = []
        self.warnings: list[str] = []
        self._fonts: list[pygame.freetype.Font] = []
        self._covers: list[Covers] = []
        self._system = system
        self._stack = contextlib.ExitStack()
        for face in faces:
            self._add(face)

    @classmethod
    def bundled(cls, system: Callable[[], Face | None] | None = find_system_cjk) -> "TextChain":
        """The game's chain: primary subset, fallback subset (from ``assets/fonts``), then ``system``."""
        chain = cls([], system)
        for name, file in (("primary", PRIMARY_FILE), ("fallback", FALLBACK_FILE)):
            try:
                ref = files("assets") / "fonts" / file
                if not ref.is_file():
                    chain.warnings.append(f"font file assets/fonts/{file} is missing")
                    continue
                chain._add(Face(str(chain._stack.enter_context(as_file(ref))), 0, name))
            except (ModuleNotFoundError, OSError) as e:
                chain.warnings.append(f"font file assets/fonts/{file} cannot be opened ({e})")
        return chain

    def _add(self, face: Face) -> bool:
        try:
            font = pygame.freetype.Font(face.path, PROBE_SIZE, font_index=face.index)
            font.get_rect("A")
        except (OSError, pygame.error, ValueError, IndexError) as e:
            self.warnings.append(f"font {face.path} (face {face.index}) cannot be loaded ({e})")
            return False
        font.ucs4 = True  # characters beyond U+FFFF as themselves, not surrogate pairs
        font.origin = True  # render_to positions are baseline origins
        font.pad = False
        self.faces.append(face)
        self._fonts.append(font)
        self._covers.append(coverage(font))
        return True

    def runs(self, text: str) -> list[Run]:
        """``text`` split into runs over the chain (:func:`split_runs`); may look up a system font once."""
        runs = split_runs(text, self._covers)
        if self._system is not None and any(r.font is None for r in runs):
            finder, self._system = self._system, None
            face = None
            try:
                face = finder()
            except Exception as e:  # never let a font lookup break drawing
                self.warnings.append(f"system font lookup failed ({e})")
            if face is not None and all(face.path != f.path for f in self.faces) and self._add(face):
                runs = split_runs(text, self._covers)
        return runs

    def _line_metrics(self, runs: list[Run], size: int) -> tuple[int, int]:
        used = {0} | {r.font for r in runs if r.font is not None} if self._fonts else set()
        asc = max([self._fonts[i].get_sized_ascender(size) for i in used] or [round(size * 0.88)])
        desc = min([self._fonts[i].get_sized_descender(size) for i in used] or [-round(size * 0.12)])
        return int(asc), int(desc)

    def _advance(self, run: Run, size: int, strong: bool) -> int:
        if run.font is None:
            return sum(self._space(size) if ch.isspace() else box_advance(size) for ch in run.text)
        font = self._fonts[run.font]
        font.strong = strong
        try:
            metrics = font.get_metrics(run.text, size=size)
        finally:
            font.strong = False
        return int(round(sum(m[4] for m in metrics if m)))

    def _space(self, size: int) -> int:
        for i, f in enumerate(self._fonts):
            if self._covers[i](" "):
                m = f.get_metrics(" ", size=size)
                if m and m[0]:
                    return int(round(m[0][4]))
        return max(1, size // 4)

    def size(self, text: str, size: int, strong: bool = False) -> tuple[int, int]:
        """(width, height) in pixels of ``text`` drawn at ``size`` pixels (height: ascender - descender)."""
        runs = self.runs(text)
        asc, desc = self._line_metrics(runs, size)
        return sum(self._advance(r, size, strong) for r in runs), asc - desc

    def render_to(self, surface: pygame.Surface, pos: tuple[int, int], text: str, size: int,
                  colour: tuple[int, int, int], strong: bool = False) -> pygame.Rect:
        """Draw ``text`` (one line) with its top-left at ``pos``; returns the line's box.

        Takes the target surface, the top-left corner in pixels, the text, the
        pixel size, an RGB(A) colour and synthetic bold.  Every run shares one
        baseline (the largest ascender of the fonts used).
        """
        runs = self.runs(text)
        asc, desc = self._line_metrics(runs, size)
        x, top = int(pos[0]), int(pos[1])
        baseline = top + asc
        for run in runs:
            adv = self._advance(run, size, strong)
            if run.font is None:
                draw_boxes(surface, run.text, x, baseline, size, colour, self._space(size))
            else:
                style = pygame.freetype.STYLE_STRONG if strong else pygame.freetype.STYLE_DEFAULT
                self._fonts[run.font].render_to(surface, (x, baseline), run.text, fgcolor=colour,
                                                style=style, size=size)
            x += adv
        return pygame.Rect(int(pos[0]), top, x - int(pos[0]), asc - desc)

    def render(self, text: str, size: int, colour: tuple[int, int, int], strong: bool = False) -> pygame.Surface:
        """``text`` drawn on a new transparent surface (``SRCALPHA``) exactly :meth:`size` big."""
        w, h = self.size(text, size, strong)
        surf = pygame.Surface((max(1, w), max(1, h)), pygame.SRCALPHA)
        self.render_to(surf, (0, 0), text, size, colour, strong)
        return surf

    def close(self) -> None:
        """Release the bundled font files (only matters for zipped installs)."""
        self._stack.close()


def box_advance(size: int) -> int:
    """Advance in pixels of one replacement box at ``size`` pixels."""
    return max(3, round(size * 0.62))


def draw_boxes(surface: pygame.Surface, text: str, x: int, baseline: int, size: int,
               colour: tuple[int, int, int], space: int) -> int:
    """Draw one outline box per non-space character of ``text`` from pen position ``x``.

    The box spans 0.72 of ``size`` above the baseline and 0.06 below, with a side
    margin of 0.08; a space advances ``space`` pixels.  Returns the new pen position.
    """
    line = max(1, round(size / 16))
    margin = max(1, round(size * 0.08))
    for ch in text:
        if ch.isspace():
            x += space
            continue
        adv = box_advance(size)
        rect = pygame.Rect(x + margin, baseline - round(size * 0.72), adv - 2 * margin, round(size * 0.78))
        pygame.draw.rect(surface, colour, rect, line)
        x += adv
    return x
