"""game/__main__.py: ``python -m game`` command line (SPEC section 6).

``python -m game [--mode classic|drill|flip] [--date YYYY-MM-DD] [--puzzle PATH]
[--lang zh|en] [--frames N] [--screenshot PATH] [--autosolve]``

``--lang`` defaults to the system locale (:func:`system_lang`).  Scripted runs
(``--frames``) keep the player's progress untouched unless ``DAILY_DRILL_DATA_DIR``
names a data folder.

Bad arguments (an impossible date, a missing mode module, a malformed puzzle
file) print one line on stderr and exit with status 2, never a traceback.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import os
import sys


class _Parser(argparse.ArgumentParser):
    """argparse with a one-line error and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        """Print ``message`` as one line on stderr and exit 2."""
        print(f"python -m game: {message}", file=sys.stderr)
        raise SystemExit(2)


def system_lang(environ: dict[str, str] | None = None) -> str:
    """``"zh"`` when the system locale is Chinese, else ``"en"``.

    Looks at ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` (first one set) in ``environ``
    (default ``os.environ``), then at :func:`locale.getlocale`.
    """
    import locale

    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    try:
        name = locale.getlocale()[0] or ""
    except (ValueError, TypeError):
        name = ""
    return "zh" if name.lower().startswith(("zh", "chinese")) else "en"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Parse the command line (see the module docstring); exits 2 on a bad option."""
    ap = _Parser(prog="python -m game", description="Daily Drill (每日演兵): calendar polyomino puzzle")
    ap.add_argument("--mode", choices=("classic", "drill", "flip"), default=None)
    ap.add_argument("--date", help="puzzle date YYYY-MM-DD (default: today, local time)")
    ap.add_argument("--puzzle", help="custom puzzle file (board + formations)")
    ap.add_argument("--lang", choices=("zh", "en"), default=None,
                    help="interface language (default: from the system locale; zh for Chinese locales, else en)")
    ap.add_argument("--frames", type=int, help="run N frames, then exit 0")
    ap.add_argument("--screenshot", help="save the last frame as PNG")
    ap.add_argument("--autosolve", action="store_true", help="press Solve on the first frame")
    args = ap.parse_args(argv)
    if args.lang is None:
        args.lang = system_lang()
    if args.frames is not None and args.frames < 1:
        ap.error("--frames must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the game; returns the exit status (0 ok, 2 bad input)."""
    args = parse_args(argv)
    from solver.board import InvalidPuzzleError, parse_date

    try:
        date = parse_date(args.date) if args.date is not None else _dt.date.today()
    except InvalidPuzzleError as e:
        print(f"python -m game: {e}", file=sys.stderr)
        return 2
    from .dates import FIRST_DATE, LAST_DATE

    if not FIRST_DATE <= date <= LAST_DATE:
        print(f"python -m game: {date} is outside the playable range {FIRST_DATE} .. {LAST_DATE}",
              file=sys.stderr)
        return 2
    mode = args.mode or ("custom" if args.puzzle else "classic")
    if args.puzzle and args.mode not in (None,):
        print("python -m game: --puzzle cannot be combined with --mode", file=sys.stderr)
        return 2
    if args.puzzle and not os.path.isfile(args.puzzle):
        print(f"python -m game: no such puzzle file: {args.puzzle}", file=sys.stderr)
        return 2
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    # crisp text on high-DPI Windows screens (SDL scales a DPI-unaware window up, blurred)
    os.environ.setdefault("SDL_WINDOWS_DPI_AWARENESS", "permonitorv2")
    import pygame

    from .app import Control
    from .scene import Context
    from .store import Store
    from .widgets.text import Fonts

    pygame.display.init()
    pygame.font.init()
    try:
        # scripted runs (--frames) neither read nor write the player's progress, unless a
        # data folder is named explicitly (DAILY_DRILL_DATA_DIR: tests of quit-and-restart)
        store = Store(enabled=args.frames is None or bool(os.environ.get("DAILY_DRILL_DATA_DIR")))
        fonts = Fonts()
        if fonts.warning:  # a broken install still starts, and says why the text looks wrong
            print(f"python -m game: warning: {fonts.warning}", file=sys.stderr)
        ctx = Context(lang=args.lang, fonts=fonts, date=date, store=store, options={"puzzle": args.puzzle})
        try:
            control = Control(ctx, mode, autosolve=args.autosolve)
        except (ValueError, OSError) as e:  # InvalidPuzzleError and friends from a puzzle file
            print(f"python -m game: {str(e).splitlines()[0] if str(e) else type(e).__name__}", file=sys.stderr)
            return 2
        try:
            control.run(args.frames, args.screenshot)
        except KeyboardInterrupt:
            return 0
        except (pygame.error, OSError) as e:
            print(f"python -m game: {e}", file=sys.stderr)
            return 2
    finally:
        pygame.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
