"""What the benchmark scripts share: the facts of the machine for a report's header, the
report's ending, and the boards several scripts time.

The boards are plain data (rows of ``.`` open and ``#`` blocked cells, shape codes), so
``before_after.py`` can hand them to an older tree of the solver too.  Imports nothing of
the project.
"""
from __future__ import annotations

import os
import platform
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

RECT_ROWS = {
    "6 x 10": ["." * 10] * 6,
    "5 x 12": ["." * 12] * 5,
    "4 x 15": ["." * 15] * 4,
    "8 x 8 less centre": ["." * 8] * 3 + ["...##..."] * 2 + ["." * 8] * 3,
}
"""The rectangles (and the 8 x 8 square less its centre 2 x 2) the 12 pentominoes tile."""

TETROMINO_ROWS = ["......#", "......#"] + ["......."] * 4 + ["####..."]
TETROMINO_SET = ("O4", "I4", "F6", "SLCS", "FS", "S4", "L4", "JS", "T4")
"""The tetromino edition's frame (7 x 7, days 29-31 at the right of the last row) and pieces."""


def cpu_name() -> str:
    """The CPU's model name from ``/proc/cpuinfo``, else ``platform.machine()``."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def git_commit(ref: str = "HEAD") -> str:
    """The short hash of ``ref`` in this checkout, or ``"unknown"`` outside git."""
    try:
        out = subprocess.run(["git", "rev-parse", "--short", ref], cwd=ROOT,
                             capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        out = ""
    return out or "unknown"


def load_average() -> str:
    """The 1-, 5- and 15-minute load averages, ``"0.84 0.81 1.11"``."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def finish_report(lines: list[str], started: float, out: str) -> str:
    """Append the wall time since ``started`` (``time.perf_counter()``) and the load average,
    print the report and write it to ``out`` (``"-"``: print only); returns the text."""
    lines += ["", f"Wall time of this run: {time.perf_counter() - started:.0f} s; load average "
              f"at end: {load_average()}.", ""]
    text = "\n".join(lines)
    print(text)
    if out != "-":
        Path(out).write_text(text, encoding="utf-8")
    return text
