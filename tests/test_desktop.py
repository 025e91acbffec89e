"""Desktop integration: the shipped .desktop entry, icons and AppStream metainfo, the window
icon, and ``--install-desktop`` / ``--uninstall-desktop`` into a temporary XDG_DATA_HOME.

The entry is read with :mod:`configparser` and the XML with :mod:`xml.etree`;
the expected keys are those of the freedesktop.org Desktop Entry and AppStream
specifications.
"""
from __future__ import annotations

import configparser
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from game import desktop  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ASSETS = os.path.join(ROOT, "assets", "desktop")
APP_ID = "io.github.daily_drill.DailyDrill"


def read_entry(text: str) -> dict[str, str]:
    """The ``[Desktop Entry]`` group of a .desktop text, keys case-preserved."""
    cp = configparser.ConfigParser(interpolation=None, strict=True)
    cp.optionxform = str
    cp.read_string(text)
    assert cp.sections() == ["Desktop Entry"]
    return dict(cp["Desktop Entry"])


def pyproject_version() -> str:
    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib
    with open(os.path.join(ROOT, "pyproject.toml"), "rb") as f:
        return tomllib.load(f)["project"]["version"]


def test_desktop_entry_keys():
    with open(os.path.join(ASSETS, f"{APP_ID}.desktop"), encoding="utf-8") as f:
        e = read_entry(f.read())
    assert e["Type"] == "Application" and e["Exec"] == "daily-drill" and e["Terminal"] == "false"
    assert e["Name"] == "Daily Drill" and e["Name[zh_CN]"] == "每日演兵" and e["Comment"]
    assert e["Categories"] == "Game;LogicGame;"
    assert e["Icon"] == APP_ID == desktop.APP_ID and e["StartupWMClass"] == APP_ID


def test_appstream_metainfo_structure():
    root = ET.parse(os.path.join(ASSETS, f"{APP_ID}.metainfo.xml")).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable[@type='desktop-id']") == f"{APP_ID}.desktop"
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("project_license")
    assert root.findtext("name") == "Daily Drill"
    assert root.findtext("name[@{http://www.w3.org/XML/1998/namespace}lang='zh-CN']") == "每日演兵"
    assert root.findtext("summary") and root.find("description/p") is not None
    assert {b.text for b in root.findall("provides/binary")} == {"daily-drill", "daily-drill-solver"}
    releases = [r.get("version") for r in root.findall("releases/release")]
    assert releases and releases[0] == pyproject_version(), "add a <release> for the new version"


def test_svg_icon_is_square_svg():
    root = ET.parse(os.path.join(ASSETS, "icon.svg")).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == "0 0 256 256" and len(root.findall("{http://www.w3.org/2000/svg}rect")) > 40


@pytest.mark.parametrize("size", desktop.ICON_SIZES)
def test_png_icons_have_their_size_and_transparent_corners(size):
    img = pygame.image.load(os.path.join(ASSETS, f"icon-{size}.png"))
    assert img.get_size() == (size, size)
    assert img.get_at((0, 0)).a == 0 and img.get_at((size // 2, size // 2)).a == 255


def test_icons_are_what_the_script_draws(tmp_path):
    """The committed icons are the output of ``assets/desktop/make_icons.py`` (regenerate after
    changing it); PNG pixels may differ by rounding between smoothscale builds, so +-2."""
    out = subprocess.run([sys.executable, os.path.join(ASSETS, "make_icons.py"), str(tmp_path)],
                         capture_output=True, text=True, timeout=120,
                         env=dict(os.environ, SDL_VIDEODRIVER="dummy"))
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "icon.svg").read_text(encoding="utf-8") == \
        open(os.path.join(ASSETS, "icon.svg"), encoding="utf-8").read()
    for n in desktop.ICON_SIZES:
        a = pygame.image.load(str(tmp_path / f"icon-{n}.png"))
        b = pygame.image.load(os.path.join(ASSETS, f"icon-{n}.png"))
        worst = max(abs(x - y) for px in range(0, n * n, 7)
                    for x, y in zip(a.get_at(divmod(px, n)), b.get_at(divmod(px, n))))
        assert worst <= 2, (n, worst)


def test_window_icon():
    icon = desktop.window_icon()
    assert isinstance(icon, pygame.Surface) and icon.get_size() == (128, 128)
    assert desktop.window_icon(40).get_size() == (48, 48)
    pygame.display.init()
    try:
        pygame.display.set_icon(icon)  # accepted before a window exists
    finally:
        pygame.display.quit()


def test_exec_quoting_follows_the_desktop_entry_spec():
    entry = read_entry(desktop.desktop_entry(["/usr/bin/daily-drill"]))
    assert entry["Exec"] == entry["TryExec"] == "/usr/bin/daily-drill"
    entry = read_entry(desktop.desktop_entry(["/home/a b/venv/bin/python", "-m", "game"]))
    assert entry["Exec"] == '"/home/a b/venv/bin/python" -m game' and entry["TryExec"] == "/home/a b/venv/bin/python"
    # "$" is reserved: quoted and backslash-escaped, and the backslash escaped again as a string value
    assert read_entry(desktop.desktop_entry(["/x/$HOME/py"]))["Exec"] == '"/x/\\\\$HOME/py"'


def test_data_home_ignores_a_relative_xdg_data_home():
    assert str(desktop.data_home({"XDG_DATA_HOME": "/tmp/x"})) == "/tmp/x"
    assert str(desktop.data_home({"XDG_DATA_HOME": "rel"})).endswith(os.path.join(".local", "share"))


def expected_files(home) -> list[str]:
    """The files --install-desktop writes, by the XDG layout (written out, not taken from the module)."""
    return sorted([
        f"{home}/applications/{APP_ID}.desktop",
        f"{home}/icons/hicolor/48x48/apps/{APP_ID}.png",
        f"{home}/icons/hicolor/128x128/apps/{APP_ID}.png",
        f"{home}/icons/hicolor/256x256/apps/{APP_ID}.png",
        f"{home}/icons/hicolor/scalable/apps/{APP_ID}.svg",
        f"{home}/metainfo/{APP_ID}.metainfo.xml",
    ])


def all_files(folder) -> list[str]:
    return sorted(os.path.join(d, f) for d, _, fs in os.walk(folder) for f in fs)


@pytest.mark.skipif(sys.platform.startswith(("win", "darwin")), reason="XDG desktops only")
@pytest.mark.parametrize("how", ["script", "-m"])
def test_install_and_uninstall_desktop(how, tmp_path):
    home = tmp_path / "share"
    env = dict(os.environ, XDG_DATA_HOME=str(home), SDL_VIDEODRIVER="dummy")
    script = os.path.join(os.path.dirname(sys.executable), "daily-drill")
    assert os.path.isfile(script), "the project is not installed (pip install -e .)"
    cmd = [script] if how == "script" else [sys.executable, "-m", "game"]
    out = subprocess.run([*cmd, "--install-desktop"], capture_output=True, text=True, env=env,
                         cwd=str(tmp_path), timeout=120)
    assert out.returncode == 0 and out.stderr == "", out.stderr
    assert all_files(home) == expected_files(home)
    assert sorted(line.split(" ", 1)[1] for line in out.stdout.splitlines()) == expected_files(home)
    entry = read_entry((home / "applications" / f"{APP_ID}.desktop").read_text(encoding="utf-8"))
    if how == "script":  # the menu starts the very script that installed it, by absolute path
        assert entry["Exec"] == script and entry["TryExec"] == script
    else:
        assert os.path.isabs(entry["TryExec"]) and os.access(entry["TryExec"], os.X_OK)
    assert entry["Name[zh_CN]"] == "每日演兵"
    for n in (48, 128, 256):
        assert (home / f"icons/hicolor/{n}x{n}/apps/{APP_ID}.png").read_bytes() == \
            open(os.path.join(ASSETS, f"icon-{n}.png"), "rb").read()
    (home / "applications" / "other.desktop").write_text("[Desktop Entry]\n")  # not ours: kept
    gone = subprocess.run([*cmd, "--uninstall-desktop"], capture_output=True, text=True, env=env,
                          cwd=str(tmp_path), timeout=120)
    assert gone.returncode == 0 and gone.stderr == "", gone.stderr
    assert sorted(line.split(" ", 1)[1] for line in gone.stdout.splitlines()) == expected_files(home)
    assert all_files(home) == [str(home / "applications" / "other.desktop")]
    again = subprocess.run([*cmd, "--uninstall-desktop"], capture_output=True, text=True, env=env,
                           cwd=str(tmp_path), timeout=120)
    assert again.returncode == 0 and again.stdout.startswith("nothing to remove"), again


def test_install_desktop_into_an_unwritable_folder_is_one_line(tmp_path):
    (tmp_path / "file").write_text("x")
    out = subprocess.run([sys.executable, "-m", "game", "--install-desktop"], capture_output=True,
                         text=True, env=dict(os.environ, XDG_DATA_HOME=str(tmp_path / "file" / "share")),
                         timeout=120)
    assert out.returncode == 1 and out.stderr.count("\n") == 1 and "Traceback" not in out.stderr, out.stderr
    assert out.stderr.startswith("python -m game: --install-desktop failed: ")
