"""game/__main__.py: ``python -m game`` command line (see the README), also installed as the
``daily-drill`` console script.

``python -m game [--mode classic|drill|flip|variant:NAME] [--variant NAME | --variant-file PATH]
[--date YYYY-MM-DD] [--puzzle PATH] [--lang zh|en] [--frames N] [--screenshot PATH] [--autosolve]``;
``--version``; ``--install-desktop`` / ``--uninstall-desktop`` (:mod:`game.desktop`);
``--export-stats PATH|-`` writes the player's statistics as JSON (``-``: on stdout,
one line; docs/stats-export.schema.json) and exits, without opening a window.

``--variant NAME`` (or ``--mode variant:NAME``) plays a shipped calendar edition
(``assets/variants/NAME.toml``; ``dragonfjord`` is Classic); ``--variant-file PATH``
plays a variant file from anywhere, and lists it in the board picker (B).

Remembered settings (:mod:`game.settings`, ``settings.json`` beside the saves) are
loaded at start: the language (the system locale on a first launch,
:func:`game.settings.system_lang`; ``--lang`` wins for one run without being saved),
the window size and full screen, and the mode played last (``--mode`` or
``--puzzle`` win).  Scripted runs (``--frames``) keep the player's progress and
settings untouched unless ``DAILY_DRILL_DATA_DIR`` names a data folder.

Bad arguments (an impossible date, a missing mode module, a malformed puzzle or
variant file, an unknown variant) print one line on stderr and exit with status 2
before the window opens, never a traceback; so does a run with no display to open a
window on (SDL's offscreen or dummy driver without ``--frames``).  An
unexpected error exits 1 after logging its traceback to the log file
(:mod:`solver.logs`) and telling the player where that file is.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import os
import sys


def system_lang(*args, **kwargs) -> str:
    """:func:`game.settings.system_lang` (the language of a first launch), imported when called:
    this module imports only the standard library at load time, so a missing dependency is
    reported by :func:`main` in one line rather than by a traceback."""
    from .settings import system_lang as lang

    return lang(*args, **kwargs)


SCRIPT = "daily-drill"
"""The console script that runs :func:`main` (``[project.scripts]`` in pyproject.toml)."""


class _Parser(argparse.ArgumentParser):
    """argparse with a one-line error and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        """Print ``message`` as one line on stderr and exit 2."""
        print(f"{self.prog}: {message}", file=sys.stderr)
        raise SystemExit(2)


def parse_args(argv: list[str] | None, prog: str = "python -m game") -> argparse.Namespace:
    """Parse the command line (see the module docstring); exits 2 on a bad option.

    ``prog`` is the name shown in usage, help and error lines.  ``--version``
    prints ``prog VERSION`` and exits 0.
    """
    from solver.appinfo import version

    ap = _Parser(prog=prog, description="Daily Drill (每日演兵): calendar polyomino puzzle")
    ap.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    ap.add_argument("--mode", type=_mode_arg, default=None, metavar="{classic,drill,flip,variant:NAME}",
                    help="the mode to open (variant:NAME is a calendar edition, as --variant NAME)")
    from solver import variants

    try:
        editions = ": " + ", ".join(variants.names())
    except (ImportError, OSError):  # a broken install: the game says so when it starts
        editions = ""
    solver = "daily-drill-solver" if prog == SCRIPT else "python -m solver"
    ap.add_argument("--variant", metavar="NAME",
                    help=f"play a shipped calendar edition{editions} (see them with {solver} variant --list)")
    ap.add_argument("--variant-file", metavar="PATH", help="play a calendar edition from a variant file")
    ap.add_argument("--date", help="puzzle date YYYY-MM-DD (default: today, local time)")
    ap.add_argument("--puzzle", help="custom puzzle file (board + formations)")
    ap.add_argument("--lang", choices=("zh", "en"), default=None,
                    help="interface language for this run (default: the one chosen last; on a first launch "
                         "the system locale's, zh for Chinese locales, else en)")
    ap.add_argument("--frames", type=int, help="run N frames, then exit 0")
    ap.add_argument("--screenshot", help="save the last frame as PNG")
    ap.add_argument("--autosolve", action="store_true", help="press Solve on the first frame")
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--install-desktop", action="store_true",
                   help="add the game to the desktop's application menu (Linux: XDG folders), then exit")
    g.add_argument("--uninstall-desktop", action="store_true",
                   help="remove what --install-desktop added, then exit")
    g.add_argument("--export-stats", metavar="PATH|-",
                   help="write your statistics as JSON to PATH (- for stdout), then exit")
    args = ap.parse_args(argv)
    if args.frames is not None and args.frames < 1:
        ap.error("--frames must be at least 1")
    return args


def _mode_arg(text: str) -> str:
    """``--mode`` values: ``classic``, ``drill``, ``flip`` or ``variant:NAME`` (checked later)."""
    if text in ("classic", "drill", "flip") or (text.startswith("variant:") and len(text) > len("variant:")):
        return text
    raise argparse.ArgumentTypeError(f"invalid choice: {text!r} (choose from classic, drill, flip, variant:NAME)")


def choose_scene(args: argparse.Namespace) -> tuple[str, dict]:
    """The first scene and the context options from the arguments (no window yet).

    Returns ``(scene name, options)``: ``"classic"``, ``"custom"``, ``"variant:ID"`` ...
    (None when no option names one: the mode played last)
    and ``{"puzzle": PATH or None, "variant_files": [PATH, ...]}``.  Raises ``ValueError``
    with the one-line message for the player: conflicting options, a missing puzzle file,
    an unknown variant, a variant file that cannot be played.
    """
    from .polyomino import catalogue

    named = [o for o, v in (("--puzzle", args.puzzle), ("--variant", args.variant),
                            ("--variant-file", args.variant_file), ("--mode", args.mode)) if v]
    if len(named) > 1:
        raise ValueError(f"{named[0]} cannot be combined with {named[1]}")
    options: dict = {"puzzle": args.puzzle, "variant_files": []}
    if args.puzzle:
        if not os.path.isfile(args.puzzle):
            raise ValueError(f"no such puzzle file: {args.puzzle}")
        return "custom", options
    name = args.variant or (args.mode[len("variant:"):] if args.mode and args.mode.startswith("variant:") else None)
    if args.variant_file:
        entry = catalogue.load_path(args.variant_file)  # InvalidPuzzleError (a ValueError): one line
        options["variant_files"] = [args.variant_file]
        return entry.scene, options
    if name is not None:
        from solver import variants

        if name not in variants.names():
            raise ValueError(f"unknown variant {name!r} (use one of {', '.join(variants.names())}, "
                             "or --variant-file PATH)")
        entry = catalogue.Entry(name, variants.load(name))  # a broken shipped file: one line
        return entry.scene, options
    return args.mode, options  # None: the mode played last (game.settings)


def main(argv: list[str] | None = None, prog: str | None = None) -> int:
    """Run the game; returns the exit status (0 ok, 2 bad input, 1 unexpected error or a
    missing dependency).

    ``prog`` (the name in messages) defaults to ``daily-drill`` when started by that
    console script and ``python -m game`` otherwise (:func:`solver.appinfo.prog_name`).
    An unexpected exception is logged with its traceback (:mod:`solver.logs`), reported
    on one stderr line and, when there is a screen, in a dialog (:mod:`game.crash`).
    A module that cannot be imported (a dependency not installed) is one stderr line
    saying which and how to install it (:func:`missing_part`), logged when logging works.
    """
    try:
        sdl_environment()  # before anything imports pygame
        return _main(argv, prog)
    except ImportError as e:
        return missing_part(e, prog or ("python -m game" if not sys.argv[0].endswith(SCRIPT) else SCRIPT))


FIX_MISSING = "run `make play` in the game's source folder, or `pip install .` there (or reinstall daily-drill)"
"""How to put a missing dependency back, for the one line of :func:`missing_part`."""


def missing_part(e: ImportError, prog: str) -> int:
    """Report ``e`` (a module that cannot be imported) on one stderr line, log it when the
    log can be opened, and return 1."""
    name = e.name or (str(e).splitlines()[0] if str(e) else type(e).__name__)
    print(f"{prog}: cannot start: the module {name!r} is missing or broken; {FIX_MISSING}", file=sys.stderr)
    try:
        from solver import logs

        logs.setup()
        logs.get("game").error("cannot start: module %r cannot be imported", name, exc_info=e)
    except Exception:  # noqa: BLE001  (no log is better than a second traceback)
        pass
    return 1


def _main(argv: list[str] | None, prog: str | None) -> int:
    """:func:`main` itself (an ImportError from anywhere in it is :func:`missing_part`)."""
    from solver.appinfo import flush_stdout, prog_name

    prog = prog or prog_name("game", SCRIPT)
    try:
        args = parse_args(argv, prog)
    except SystemExit:  # --help, --version: printed; a closed pipe must stay quiet
        flush_stdout()
        raise
    if args.install_desktop or args.uninstall_desktop:
        from . import desktop

        return desktop.main(add=args.install_desktop, prog=prog)
    if args.export_stats is not None:
        return export_stats(args.export_stats, prog)
    from solver.board import InvalidPuzzleError, check_date_range, parse_date

    try:  # the supported dates are the solver's (solver.board.FIRST_DATE .. LAST_DATE)
        date = parse_date(args.date) if args.date is not None else check_date_range(_dt.date.today())
    except InvalidPuzzleError as e:
        print(f"{prog}: {e}", file=sys.stderr)
        return 2
    try:
        mode, options = choose_scene(args)
    except ValueError as e:
        print(f"{prog}: {str(e).splitlines()[0] if str(e) else type(e).__name__}", file=sys.stderr)
        return 2
    log = _start_logging()
    running: dict = {}  # what _play opened so far: "fonts" (for the error dialog)
    try:
        return _play(args, prog, date, mode, running, options)
    except ImportError:  # a dependency missing: main() says which and how to install it
        raise
    except Exception as e:  # a bug: keep the details, tell the player where they are
        log.exception("unexpected error; the game stops")
        from solver import logs

        path = logs.log_path()
        what = type(e).__name__ + (f": {str(e).splitlines()[0]}" if str(e).strip() else "")
        where = f"details were written to {path}" if path else "no log file could be written"
        print(f"{prog}: something went wrong ({what}); {where}", file=sys.stderr)
        if args.frames is None:  # scripted runs never wait for a player
            from . import crash

            crash.show_error_dialog(path, running.get("lang") or args.lang or system_lang(), running.get("fonts"))
        return 1
    finally:
        if "pygame" in sys.modules:
            sys.modules["pygame"].quit()


def export_stats(dest: str, prog: str) -> int:
    """``--export-stats``: write :meth:`game.stats.Stats.export` of the player's progress
    file (read only, never changed) to ``dest``, or to stdout as one line for ``-``.

    Prints one line (the file written; for ``-`` the JSON itself) and returns 0; a
    path that cannot be written prints one line on stderr and returns 2.  No
    progress file yet: an empty ``solved`` list.
    """
    import json

    from solver.appinfo import flush_stdout

    from .stats import Stats, write_export
    from .store import Store

    store = Store(read_only=True)
    for warning in (store.warning, store.records_warning):
        if warning:
            print(f"{prog}: warning: {warning}", file=sys.stderr)
    data = Stats(store).export()
    if dest == "-":
        line = json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n"
        try:
            sys.stdout.buffer.write(line.encode("utf-8"))  # UTF-8 whatever the console's code page
        except AttributeError:  # a text-only stdout (a test's capture)
            sys.stdout.write(line)
        except BrokenPipeError:
            pass
        flush_stdout()
        return 0
    try:
        path = write_export(data, dest)
    except OSError as e:
        print(f"{prog}: cannot write the statistics to {dest}: {e.strerror or e}", file=sys.stderr)
        return 2
    n = len(data["solved"])
    print(f"{prog}: wrote {n} solved puzzle{'s' if n != 1 else ''} to {path}")
    flush_stdout()
    return 0


NO_DISPLAY = "No display found: Daily Drill needs a desktop session (or run headless with --frames N)"
"""The one line of a run without a window to open (no ``--frames``)."""
HEADLESS_DRIVERS = ("offscreen", "dummy")
"""SDL video drivers that open no visible window: only scripted ``--frames`` runs use them."""
HEADLESS_ENV = "DAILY_DRILL_HEADLESS"
"""Set (to anything) with ``SDL_VIDEODRIVER=dummy`` to run the real, unscripted loop without a
window on purpose (``benchmarks/idle.py`` measures idle CPU that way)."""


def sdl_environment() -> None:
    """Set SDL's environment for the window; call it before anything imports pygame.

    The window's X11 class and Wayland app id are :data:`game.desktop.APP_ID`, the
    installed desktop entry's ``StartupWMClass``, so docks and task bars show its icon
    and name.  They are set even when already set: pygame's own import sets the X11
    class to the script's file name (``daily-drill``, ``__main__.py``).  Also hides
    pygame's greeting and asks Windows for per-monitor DPI awareness (crisp text; SDL
    scales a DPI-unaware window up, blurred), unless the environment says otherwise.
    """
    from .desktop import APP_ID

    os.environ["SDL_VIDEO_X11_WMCLASS"] = APP_ID
    os.environ["SDL_VIDEO_WAYLAND_WMCLASS"] = APP_ID
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    os.environ.setdefault("SDL_WINDOWS_DPI_AWARENESS", "permonitorv2")


def _display_expected() -> bool:
    """False when a window certainly cannot be shown: on Linux and the BSDs, neither
    ``DISPLAY`` nor ``WAYLAND_DISPLAY`` is set and ``SDL_VIDEODRIVER`` names no driver
    (SDL would fall back to its invisible offscreen driver).  True elsewhere: SDL's
    choice of driver is checked once the display is open (:data:`HEADLESS_DRIVERS`)."""
    if sys.platform.startswith(("win", "darwin")) or os.environ.get("SDL_VIDEODRIVER"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _start_logging():
    """Open the log file (:mod:`solver.logs`), log the start, log uncaught thread errors too;
    returns the ``daily_drill.game`` logger."""
    import platform
    import threading

    from solver import logs
    from solver.appinfo import version

    logs.setup()
    log = logs.get("game")
    log.info("daily-drill %s starting: Python %s on %s", version(), platform.python_version(),
             platform.platform())
    previous = threading.excepthook
    if getattr(previous, "daily_drill", False):  # main() ran before in this process
        return log

    def hook(a: threading.ExceptHookArgs) -> None:
        if a.exc_type is not SystemExit:
            log.error("uncaught exception in thread %s", getattr(a.thread, "name", "?"),
                      exc_info=(a.exc_type, a.exc_value, a.exc_traceback))
        previous(a)

    hook.daily_drill = True  # type: ignore[attr-defined]
    threading.excepthook = hook
    return log


def _play(args: argparse.Namespace, prog: str, date: _dt.date, mode: str | None, running: dict,
          options: dict | None = None) -> int:
    """Open the window and run the game loop; returns the exit status (0, or 2 for bad input).

    ``mode`` is the first scene and ``options`` the context's (:func:`choose_scene`);
    ``mode`` None starts in the mode played last (a remembered setting).  Puts the
    :class:`game.widgets.text.Fonts` it loads into ``running["fonts"]`` and the language
    into ``running["lang"]``.
    """
    sdl_environment()
    if args.frames is None and not _display_expected():
        print(f"{prog}: {NO_DISPLAY}", file=sys.stderr)
        return 2
    import pygame

    from .app import Control, scene_factory
    from .prefs import Prefs
    from .scene import Context
    from .store import Store
    from .widgets.text import Fonts

    try:
        pygame.display.init()
    except pygame.error as e:
        print(f"{prog}: {NO_DISPLAY} ({e})", file=sys.stderr)
        return 2
    if (args.frames is None and pygame.display.get_driver() in HEADLESS_DRIVERS
            and not os.environ.get(HEADLESS_ENV)):
        print(f"{prog}: {NO_DISPLAY}", file=sys.stderr)
        return 2
    pygame.font.init()
    # scripted runs (--frames) neither read nor write the player's progress, unless a
    # data folder is named explicitly (DAILY_DRILL_DATA_DIR: tests of quit-and-restart)
    store = Store(enabled=args.frames is None or bool(os.environ.get("DAILY_DRILL_DATA_DIR")))
    # the settings beside the progress file (defaults in memory when it is not written;
    # the first launch's language from the system locale)
    prefs = Prefs.beside(store)
    settings = prefs.settings if prefs.store is not None else prefs.settings.replace(lang=system_lang())
    prefs.settings = settings
    lang = running["lang"] = args.lang or settings.lang
    fonts = Fonts()
    running["fonts"] = fonts
    if fonts.warning:  # a broken install still starts, and says why the text looks wrong
        print(f"{prog}: warning: {fonts.warning}", file=sys.stderr)
    ctx = Context(lang=lang, fonts=fonts, date=date, store=store,
                  options=dict(options or {"puzzle": args.puzzle}), prefs=prefs)
    if mode is None:  # the mode played last, when it can still be played
        last = prefs.settings.last_mode
        mode = last if last in ("classic", "drill", "flip") or (
            last.startswith("variant:") and scene_factory(last, ctx) is not None) else "classic"
    try:
        control = Control(ctx, mode, size=settings.window, autosolve=args.autosolve,
                          fullscreen=settings.fullscreen and args.frames is None)
    except (ValueError, OSError) as e:  # InvalidPuzzleError and friends from a puzzle file
        print(f"{prog}: {str(e).splitlines()[0] if str(e) else type(e).__name__}", file=sys.stderr)
        return 2
    try:
        control.run(args.frames, args.screenshot)
    except KeyboardInterrupt:
        return 0
    except (pygame.error, OSError) as e:
        print(f"{prog}: {e}", file=sys.stderr)
        return 2
    except BaseException:
        if ctx.worker is not None:  # no search left running behind the error dialog
            ctx.worker.stop()
        raise
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
