"""assets/fonts/make_subset.py: regenerate the two Noto Sans CJK SC subsets the game ships.

Usage (from the repo root; only needed after adding text, never at run time)::

    apt-get update && apt-get install -y fonts-noto-cjk   # provides NotoSansCJK-Regular.ttc
    .venv/bin/pip install -e '.[dev]'                     # fontTools
    .venv/bin/python assets/fonts/make_subset.py [--source PATH] [--out-dir DIR]

One command writes both files:

* ``NotoSansSC-DailyDrill.otf`` (primary, small): :func:`game.i18n.all_text`
  (every UI string in both languages, the formation names, the month names)
  plus every non-ASCII character in the game's own ``.py`` files, so adding a
  string and re-running this script is all a new text needs;
* ``NotoSansSC-Fallback.otf`` (fallback, larger): the primary's characters plus
  the 3,755 characters of GB2312 level 1 (the common hanzi, byte rows
  0xB0..0xD7), ASCII, CJK symbols and punctuation (U+3000..U+303F), the
  full-width forms (U+FF01..U+FF5E, U+FFE0..U+FFE6), general punctuation
  (U+2010..U+2027) and ``★☆·→←□○●``, so a puzzle name or a player's text in
  everyday Chinese draws (see :mod:`game.widgets.glyphs`).

Face index 2 of the collection is "Noto Sans CJK SC".  Options: CFF outlines
as in the source, ``--no-hinting --desubroutinize`` (smallest once zipped in a
wheel or git: see the sizes printed by ``--compare``).  ``--name-IDs='*'``
keeps the licence name records (SIL Open Font License 1.1; see OFL.txt next to
this file, which must ship with both files).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PRIMARY = "NotoSansSC-DailyDrill.otf"
FALLBACK = "NotoSansSC-Fallback.otf"
DEFAULT_SOURCES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
)
FACE_SC = 2
"""Index of "Noto Sans CJK SC" in NotoSansCJK-Regular.ttc."""
OPTIONS = ("--no-hinting", "--desubroutinize")
SYMBOLS = "★☆·→←□○●"
"""Symbols the UI and the share card use, kept in the fallback too."""


def source_text(folder: str) -> str:
    """Every non-ASCII character in the ``.py`` files under ``folder`` (its subfolders too).

    Takes a folder path; returns the characters as one string (unsorted, may repeat).
    """
    out = []
    for top, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
        for name in sorted(names):
            if name.endswith(".py"):
                with open(os.path.join(top, name), encoding="utf-8") as f:
                    out.append("".join(ch for ch in f.read() if ord(ch) > 0x7E))
    return "".join(out)


def gb2312_level1() -> str:
    """The 3,755 hanzi of GB2312 level 1 in code order (rows 16..55: bytes 0xB0A1..0xD7F9).

    Decoded with Python's ``gb2312`` codec; the five unassigned codes at the end
    of row 55 (0xD7FA..0xD7FE) are skipped.
    """
    out = []
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                out.append(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return "".join(out)


def _span(lo: int, hi: int) -> str:
    return "".join(chr(i) for i in range(lo, hi + 1))


def primary_text() -> str:
    """Sorted unique characters of the primary subset (UI strings and source text)."""
    sys.path.insert(0, ROOT)
    from game.i18n import all_text

    text = all_text() + source_text(os.path.join(ROOT, "game"))
    return "".join(sorted(set(text) - {"\n", "\t", "\r"}))


def fallback_text(primary: str) -> str:
    """Sorted unique characters of the fallback subset: ``primary`` plus GB2312 level 1 and the rest."""
    extra = (gb2312_level1() + _span(0x20, 0x7E) + _span(0x3000, 0x303F) + _span(0xFF01, 0xFF5E)
             + _span(0xFFE0, 0xFFE6) + _span(0x2010, 0x2027) + SYMBOLS)
    return "".join(sorted(set(primary + extra) - {"\n", "\t", "\r"}))


def subset(src: str, text: str, output: str, options: tuple[str, ...] = OPTIONS) -> int:
    """Run fontTools' subsetter on face :data:`FACE_SC` of ``src``; returns the output's size in bytes.

    Raises ``subprocess.CalledProcessError`` when fontTools fails (or is not installed).
    """
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as f:
        f.write(text)
        text_file = f.name
    try:
        cmd = [sys.executable, "-m", "fontTools.subset", src, f"--font-number={FACE_SC}",
               f"--text-file={text_file}", "--name-IDs=*", *options, f"--output-file={output}"]
        subprocess.run(cmd, check=True)
    finally:
        os.remove(text_file)
    return os.path.getsize(output)


def to_truetype(otf: str, ttf: str) -> None:
    """Convert CFF outlines in ``otf`` to TrueType quadratic outlines in ``ttf`` (cu2qu, 1 unit error).

    For :func:`compare` only (the shipped files stay CFF).  The steps follow
    fontTools' ``Snippets/otf2ttf.py``.
    """
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable

    font = TTFont(otf)
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements", "maxComponentDepth"):
        setattr(maxp, attr, 1 if attr == "maxZones" else 0)
    post = font["post"]
    post.formatType, post.extraNames, post.mapping, post.glyphOrder = 2.0, [], {}, order
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    font.sfntVersion = "\x00\x01\x00\x00"
    font["head"].glyphDataFormat = 0
    font.save(ttf)


def compare(src: str, text: str) -> None:
    """Print the fallback's size (raw and zlib level 9) per option set, CFF and TrueType."""
    def report(label: str, path: str) -> None:
        with open(path, "rb") as f:
            data = f.read()
        print(f"{label:40s} {len(data):>9,} bytes, {len(zlib.compress(data, 9)):>9,} zipped")

    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "t.otf")
        for opts in ((), ("--no-hinting",), ("--desubroutinize",), OPTIONS):
            subset(src, text, out, opts)
            report(f"CFF {' '.join(opts) or '(defaults)'}", out)
        ttf = os.path.join(tmp, "t.ttf")
        to_truetype(out, ttf)
        report(f"TrueType from CFF {' '.join(OPTIONS)}", ttf)


def main(argv: list[str] | None = None) -> int:
    """Build both subsets; takes CLI args, returns a process exit status (0 ok, 2 no source)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", help="path to NotoSansCJK-Regular.ttc")
    ap.add_argument("--out-dir", default=HERE, help="where to write both files (default: next to this script)")
    ap.add_argument("--compare", action="store_true", help="also print the fallback's size per option set")
    args = ap.parse_args(argv)
    src = args.source or next((p for p in DEFAULT_SOURCES if os.path.exists(p)), None)
    if not src or not os.path.exists(src):
        print("NotoSansCJK-Regular.ttc not found: apt-get install -y fonts-noto-cjk "
              "or pass --source", file=sys.stderr)
        return 2
    primary = primary_text()
    fallback = fallback_text(primary)
    for name, text in ((PRIMARY, primary), (FALLBACK, fallback)):
        out = os.path.join(args.out_dir, name)
        size = subset(src, text, out)
        print(f"{out}: {len(text)} characters, {size} bytes")
    if args.compare:
        compare(src, fallback)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
