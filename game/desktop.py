"""game/desktop.py: desktop integration: the window icon, and the application-menu entry.

The files ship inside the package, in ``assets/desktop/``: a freedesktop.org
``.desktop`` entry, the icon as PNG (48, 128 and 256 px) and SVG (drawn by
``assets/desktop/make_icons.py``), and AppStream metainfo.  All are named after
:data:`APP_ID`, the reverse-DNS application id.

``daily-drill --install-desktop`` copies them into the user's XDG folders
(``$XDG_DATA_HOME``, default ``~/.local/share``; XDG Base Directory spec):
``applications/``, ``icons/hicolor/<n>x<n>/apps/``, ``icons/hicolor/scalable/apps/``
and ``metainfo/``.  ``--uninstall-desktop`` removes exactly those files.  Nothing
here needs a display; only :func:`window_icon` imports pygame.
"""
from __future__ import annotations

import os
import re
import shutil
import sys
from importlib.resources import files
from pathlib import Path

APP_ID = "io.github.daily_drill.DailyDrill"
"""Application id: the desktop entry's and icon's file name, the window class (StartupWMClass)."""

ICON_SIZES = (48, 128, 256)
"""The PNG icon sizes shipped (pixels, square)."""

SCRIPT = "daily-drill"


def asset(name: str):
    """The shipped file ``assets/desktop/<name>`` as an :mod:`importlib.resources` Traversable."""
    return files("assets") / "desktop" / name


def window_icon(size: int = 128):
    """The application icon as a ``size`` x ``size`` :class:`pygame.Surface` (per-pixel alpha),
    for :func:`pygame.display.set_icon`.

    ``size`` is one of :data:`ICON_SIZES` (another value picks the nearest shipped
    PNG).  Call it before or after the window is opened (no ``convert``).  Returns
    None when the file is missing or unreadable, so a broken install still starts.
    """
    import io

    import pygame

    best = min(ICON_SIZES, key=lambda n: abs(n - size))
    try:
        data = asset(f"icon-{best}.png").read_bytes()
        return pygame.image.load(io.BytesIO(data), f"icon-{best}.png")
    except (OSError, ModuleNotFoundError, pygame.error):
        return None


def data_home(environ: dict[str, str] | None = None) -> Path:
    """``$XDG_DATA_HOME`` when it is an absolute path (the spec says ignore a relative one),
    else ``~/.local/share``."""
    env = os.environ if environ is None else environ
    value = env.get("XDG_DATA_HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path(os.path.expanduser("~")) / ".local" / "share"


def installed_files(home: Path) -> list[tuple[str, Path]]:
    """``(shipped name, destination)`` of every file :func:`install` writes under ``home``."""
    out = [(f"{APP_ID}.desktop", home / "applications" / f"{APP_ID}.desktop")]
    for n in ICON_SIZES:
        out.append((f"icon-{n}.png", home / "icons" / "hicolor" / f"{n}x{n}" / "apps" / f"{APP_ID}.png"))
    out.append(("icon.svg", home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"))
    out.append((f"{APP_ID}.metainfo.xml", home / "metainfo" / f"{APP_ID}.metainfo.xml"))
    return out


_SAFE_ARG = re.compile(r"[A-Za-z0-9_@%+=:,./-]+")


def _exec_arg(arg: str) -> str:
    """One argument of an ``Exec`` key, quoted per the Desktop Entry spec when it needs it."""
    if _SAFE_ARG.fullmatch(arg):
        return arg
    quoted = '"' + re.sub(r'(["`$\\])', r"\\\1", arg) + '"'
    return quoted.replace("\\", "\\\\")  # the string-value escape on top of the Exec quoting


def launch_command(argv0: str | None = None) -> list[str]:
    """How the menu entry should start the game: an absolute path, so the entry works even
    when the desktop session's PATH lacks the script's folder.

    The running ``daily-drill`` script (``argv0``, default ``sys.argv[0]``), else the
    one on PATH, else this interpreter with ``-m game``.
    """
    arg = sys.argv[0] if argv0 is None else argv0
    if os.path.basename(arg) == SCRIPT and os.path.isfile(arg):
        return [os.path.abspath(arg)]
    found = shutil.which(SCRIPT)
    if found:
        return [os.path.abspath(found)]
    return [os.path.abspath(sys.executable), "-m", "game"]


def desktop_entry(command: list[str]) -> str:
    """The shipped ``.desktop`` text with ``Exec``/``TryExec`` set to ``command``."""
    text = asset(f"{APP_ID}.desktop").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^Exec=.*$", lambda m: "Exec=" + " ".join(_exec_arg(a) for a in command), text)
    return re.sub(r"(?m)^TryExec=.*$", lambda m: "TryExec=" + command[0].replace("\\", "\\\\"), text)


def install(home: Path | None = None, command: list[str] | None = None) -> list[str]:
    """Copy the desktop entry, icons and metainfo into ``home`` (default :func:`data_home`).

    ``command`` is the entry's ``Exec`` (default :func:`launch_command`).  Existing
    files are replaced.  Returns one line per file written (``"installed PATH"``).
    Raises OSError when a folder cannot be created or a file written.
    """
    home = data_home() if home is None else home
    command = launch_command() if command is None else command
    done = []
    for name, dest in installed_files(home):
        dest.parent.mkdir(parents=True, exist_ok=True)
        data = (desktop_entry(command).encode("utf-8") if name.endswith(".desktop")
                else asset(name).read_bytes())
        tmp = dest.with_name(dest.name + ".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, dest)
        done.append(f"installed {dest}")
    return done


def uninstall(home: Path | None = None) -> list[str]:
    """Remove what :func:`install` wrote under ``home`` (default :func:`data_home`).

    Folders are left in place (they are shared with other applications).  Returns
    one line per file (``"removed PATH"``), or one line saying nothing was installed.
    Raises OSError when a file exists but cannot be removed.
    """
    home = data_home() if home is None else home
    done = []
    for _, dest in installed_files(home):
        if dest.exists():
            dest.unlink()
            done.append(f"removed {dest}")
    return done or [f"nothing to remove: no {APP_ID} files under {home}"]


def main(add: bool, prog: str = SCRIPT) -> int:
    """``--install-desktop`` (``add=True``) or ``--uninstall-desktop``: print what was done.

    Returns 0 on success; 2 on Windows and macOS (no XDG application menu; one line
    says so); 1 when a file cannot be written or removed (one line on stderr).
    """
    flag = "--install-desktop" if add else "--uninstall-desktop"
    if sys.platform.startswith(("win", "darwin", "cygwin")):
        print(f"{prog}: {flag} is for Linux and other freedesktop.org desktops", file=sys.stderr)
        return 2
    try:
        lines = install() if add else uninstall()
    except OSError as e:
        print(f"{prog}: {flag} failed: {e}", file=sys.stderr)
        return 1
    for line in lines:
        print(line)
    return 0
