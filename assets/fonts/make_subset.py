"""assets/fonts/make_subset.py: regenerate the Noto Sans CJK SC subset the game ships.

Usage (from the repo root)::

    apt-get install -y fonts-noto-cjk        # provides NotoSansCJK-Regular.ttc
    .venv/bin/python assets/fonts/make_subset.py [--source PATH]

The character list is :func:`game.i18n.all_text` (every UI string in both
languages, the formation names and the month names) plus every non-ASCII
character found in ``game/**/*.py`` (so other modes' own strings are covered), so
adding a string and re-running this script is all a new text needs.  Face index
2 of the collection is "Noto Sans CJK SC".  ``--name-IDs='*'`` keeps the licence
name records (SIL Open Font License 1.1; see OFL.txt next to this file).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUTPUT = os.path.join(HERE, "NotoSansSC-DailyDrill.otf")
DEFAULT_SOURCES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
)


def source_text(folder: str) -> str:
    """Every non-ASCII character in the ``.py`` files under ``folder`` (subpackages too).

    Takes a folder path; returns the characters as one string (unsorted, may repeat).
    """
    out = []
    for root, _dirs, names in sorted(os.walk(folder)):
        for name in sorted(names):
            if name.endswith(".py"):
                with open(os.path.join(root, name), encoding="utf-8") as f:
                    out.append("".join(ch for ch in f.read() if ord(ch) > 0x7E))
    return "".join(out)


def main(argv: list[str] | None = None) -> int:
    """Build the subset; takes CLI args, returns a process exit status (0 ok, 2 no source)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", help="path to NotoSansCJK-Regular.ttc")
    ap.add_argument("--output", default=OUTPUT)
    args = ap.parse_args(argv)
    src = args.source or next((p for p in DEFAULT_SOURCES if os.path.exists(p)), None)
    if not src or not os.path.exists(src):
        print("NotoSansCJK-Regular.ttc not found: apt-get install -y fonts-noto-cjk "
              "or pass --source", file=sys.stderr)
        return 2
    sys.path.insert(0, ROOT)
    from game.i18n import all_text

    text = all_text() + source_text(os.path.join(ROOT, "game"))
    text = "".join(sorted(set(text) - {"\n", "\t", "\r"}))
    cmd = [sys.executable, "-m", "fontTools.subset", src, "--font-number=2",
           f"--text={text}", "--name-IDs=*", "--no-hinting", "--desubroutinize",
           f"--output-file={args.output}"]
    subprocess.run(cmd, check=True)
    print(f"{args.output}: {len(text)} characters, {os.path.getsize(args.output)} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
