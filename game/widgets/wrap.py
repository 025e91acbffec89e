"""game/widgets/wrap.py: break text into lines that fit a width, for Chinese and English alike.

English breaks at spaces; Chinese (and any text without spaces) may break between
any two characters, but never before closing punctuation (，。、：；！？）」』 and
the like) nor after opening punctuation.  A word longer than the width is cut
between characters.  Widths are pixels measured with the font that will draw the
text (``font.size(text)[0]``).
"""
from __future__ import annotations

from typing import Any

NO_START = set("，。、：；！？）」』】》〉,.;:!?)]}…·%")
"""Characters a line must not start with (they close or follow what came before)."""
NO_END = set("（「『【《〈([{")
"""Characters a line must not end with (they open what comes next)."""


def _is_wide(ch: str) -> bool:
    return ord(ch) >= 0x2E80


def tokens(text: str) -> list[str]:
    """``text`` split into unbreakable pieces: English words with their following space,
    single wide characters, punctuation glued to its neighbour as :data:`NO_START` and
    :data:`NO_END` ask."""
    out: list[str] = []
    word = ""
    for ch in text:
        if _is_wide(ch) and ch not in NO_START:
            if word and not word.endswith(" ") and not _is_wide(word[-1]):
                word += ch  # "1日": a number and its unit stay together
            else:
                if word:
                    out.append(word)
                word = ch
            if ch in NO_END:
                continue
            out.append(word)
            word = ""
        elif ch == " ":
            word += ch
            out.append(word)
            word = ""
        elif ch in NO_START and not word and out:
            out[-1] += ch
        else:
            if word and _is_wide(word[-1]) and word[-1] not in NO_END:
                out.append(word)
                word = ""
            word += ch
    if word:
        out.append(word)
    return out


def _cut(font: Any, line: str, width: int, out: list[str]) -> str:
    """Move whole-width pieces of an over-long ``line`` into ``out``; returns the rest."""
    while len(line) > 1 and font.size(line.rstrip())[0] > width:
        cut = len(line) - 1
        while cut > 1 and font.size(line[:cut])[0] > width:
            cut -= 1
        out.append(line[:cut])
        line = line[cut:]
    return line


def wrap(font: Any, text: str, width: int) -> list[str]:
    """``text`` as lines at most ``width`` px wide in ``font`` (a ``pygame.font.Font``);
    explicit newlines are kept; trailing spaces are dropped.  Never returns an empty list."""
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for tok in tokens(para):
            if line and font.size((line + tok).rstrip())[0] > width:
                lines.append(line.rstrip())
                line = tok.lstrip()
            else:
                line += tok
            line = _cut(font, line, width, lines)
        lines.append(line.rstrip())
    return lines or [""]
