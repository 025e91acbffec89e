"""Install like a user: build the sdist and, from it, the wheel; install the wheel into a
fresh virtual environment outside the repository; run both console scripts from an
unrelated folder.

The build uses this environment's ``build`` and ``hatchling`` (the test extra) with
``--no-isolation``, so it needs no network.  The fresh venv gets our wheel and its
dependencies from the configured package index (pip's cache makes that quick).
Nothing in the runs may come from the repository: no ``PYTHONPATH``, the working
folder is a temporary one, and the imported modules are checked to live in the venv.

Expected values: the version in pyproject.toml (read here with tomllib), 57
solutions for May 1 on the classic board (published figure).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import zipfile

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
APP_ID = "io.github.daily_drill.DailyDrill"


def pyproject() -> dict:
    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib
    with open(os.path.join(ROOT, "pyproject.toml"), "rb") as f:
        return tomllib.load(f)["project"]


def clean_env(**extra: str) -> dict[str, str]:
    """This process's environment without anything that points Python at the repository."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "NUMBA_CACHE_DIR", "PYTHONSTARTUP")}
    env.update(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PIP_DISABLE_PIP_VERSION_CHECK="1")
    env.update(extra)
    return env


def run(cmd: list[str], cwd, env=None, timeout: float = 600) -> subprocess.CompletedProcess:
    out = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, cwd=str(cwd),
                         env=env or clean_env(), timeout=timeout)
    assert out.returncode == 0, f"{cmd}: exit {out.returncode}\n{out.stdout[-2000:]}\n{out.stderr[-3000:]}"
    return out


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """``(dist folder, venv bin folder, an unrelated working folder, the run's environment)``."""
    tmp = tmp_path_factory.mktemp("wheel")
    dist = tmp / "dist"
    # sdist first, then the wheel built from the unpacked sdist: a file missing from the
    # sdist fails here too
    run([sys.executable, "-m", "build", "--no-isolation", "--outdir", dist, ROOT], cwd=tmp)
    wheels = list(dist.glob("*.whl"))
    assert len(wheels) == 1 and len(list(dist.glob("*.tar.gz"))) == 1, os.listdir(dist)
    venv = tmp / "venv"
    run([sys.executable, "-m", "venv", venv], cwd=tmp)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    run([bindir / "python", "-m", "pip", "install", "-q", wheels[0]], cwd=tmp)
    elsewhere = tmp / "elsewhere"
    elsewhere.mkdir()
    env = clean_env(HOME=str(tmp / "home"), XDG_CACHE_HOME=str(tmp / "cache"),
                    XDG_DATA_HOME=str(tmp / "share"), DAILY_DRILL_LOG_DIR=str(tmp / "logs"))
    return dist, bindir, elsewhere, env


def test_wheel_contents(installed):
    dist, *_ = installed
    (wheel,) = dist.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    info = f"daily_drill-{pyproject()['version']}.dist-info"
    for need in ["game/__main__.py", "game/desktop.py", "solver/kernels.py", "solver/cli.py",
                 "assets/fonts/NotoSansSC-DailyDrill.otf", "assets/fonts/OFL.txt",
                 f"assets/desktop/{APP_ID}.desktop", f"assets/desktop/{APP_ID}.metainfo.xml",
                 "assets/desktop/icon.svg", "assets/desktop/icon-48.png", "assets/desktop/icon-128.png",
                 "assets/desktop/icon-256.png", "assets/puzzles/pentomino_6x10.toml",
                 f"{info}/licenses/LICENSE", f"{info}/licenses/assets/fonts/OFL.txt", f"{info}/METADATA"]:
        assert need in names, need
    assert not [n for n in names if n.startswith(("tests/", "benchmarks/", "docs/"))
                or n.endswith((".pyc", ".nbi", ".nbc"))], sorted(names)
    meta = zipfile.ZipFile(wheel).read(f"{info}/METADATA").decode("utf-8")
    assert "License-Expression: MIT AND OFL-1.1" in meta and "Requires-Dist: pygame-ce<3,>=2.5" in meta
    entry = zipfile.ZipFile(wheel).read(f"{info}/entry_points.txt").decode("utf-8")
    assert "daily-drill = game.__main__:main" in entry and "daily-drill-solver = solver.cli:main" in entry
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as t:
        top = t.getnames()[0].split("/")[0]
        assert {f"{top}/LICENSE", f"{top}/pyproject.toml", f"{top}/README.md"} <= set(t.getnames())
        assert not [n for n in t.getnames() if {".hypothesis", ".pytest_cache", ".venv", "__pycache__"}
                    & set(n.split("/"))], t.getnames()


def test_both_scripts_report_the_version(installed):
    _, bindir, elsewhere, env = installed
    version = pyproject()["version"]
    for script in ("daily-drill", "daily-drill-solver"):
        out = run([bindir / script, "--version"], cwd=elsewhere, env=env)
        assert out.stdout.strip() == f"{script} {version}"


def test_the_installed_modules_come_from_the_venv(installed):
    _, bindir, elsewhere, env = installed
    out = run([bindir / "python", "-c", "import game, solver, assets; print(game.__file__, solver.__file__, "
               "assets.__file__, solver.CACHE.folder)"], cwd=elsewhere, env=env)
    venv = str(bindir.parent)
    paths = out.stdout.split()
    assert all(p.startswith(venv) for p in paths), paths  # the cache in the venv's own __pycache__


def test_solver_script_counts(installed):
    _, bindir, elsewhere, env = installed
    out = run([bindir / "daily-drill-solver", "classic", "--date", "2024-05-01", "--count", "--json"],
              cwd=elsewhere, env=env)
    obj = json.loads(out.stdout)
    assert obj["count"] == 57 and obj["schema"] == 1 and out.stderr == ""


def test_game_script_draws_a_headless_frame_with_the_fonts(installed):
    _, bindir, elsewhere, env = installed
    shot = elsewhere / "frame.png"
    out = run([bindir / "daily-drill", "--frames", "3", "--screenshot", shot, "--lang", "zh",
               "--date", "2024-05-01"], cwd=elsewhere, env=env)
    assert out.stderr == "", out.stderr  # a missing font prints a one-line warning here
    assert shot.is_file() and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # and the font file the game found is the packaged one
    found = run([bindir / "python", "-c", "import game, pygame; pygame.init(); from game.widgets.text import Fonts; "
                 "f = Fonts(); print(f.path, repr(f.warning))"], cwd=elsewhere, env=env)
    path, warning = found.stdout.split()  # (importing game first hides pygame's banner)
    assert path.startswith(str(bindir.parent)) and path.endswith("NotoSansSC-DailyDrill.otf") and warning == "''"


@pytest.mark.skipif(sys.platform.startswith(("win", "darwin")), reason="XDG desktops only")
def test_installed_game_installs_its_desktop_entry(installed):
    _, bindir, elsewhere, env = installed
    out = run([bindir / "daily-drill", "--install-desktop"], cwd=elsewhere, env=env)
    share = env["XDG_DATA_HOME"]
    desktop = os.path.join(share, "applications", f"{APP_ID}.desktop")
    assert f"installed {desktop}" in out.stdout.splitlines()
    with open(desktop, encoding="utf-8") as f:
        assert f"Exec={bindir / 'daily-drill'}\n" in f.read()
    assert os.path.isfile(os.path.join(share, "icons", "hicolor", "256x256", "apps", f"{APP_ID}.png"))


def test_bundle_spec_refers_to_files_that_exist():
    """``make bundle`` is optional and slow (not run here); its spec must at least be valid
    Python naming files that exist.  Checked by hand: the bundle starts, solves, and
    draws Chinese text with the packaged font."""
    spec_dir = os.path.join(ROOT, "packaging")
    with open(os.path.join(spec_dir, "daily-drill.spec"), encoding="utf-8") as f:
        spec = f.read()
    compile(spec, "daily-drill.spec", "exec")
    assert os.path.isfile(os.path.join(spec_dir, "daily_drill.py"))
    for rel in ("LICENSE", "assets/desktop/icon-256.png"):
        assert f'"{rel.split("/")[0]}"' in spec and os.path.isfile(os.path.join(ROOT, rel)), rel


JUNK = (".hypothesis/examples/0a/1b", ".pytest_cache/v/cache/lastfailed", ".venv/bin/python3",
        "dist/daily_drill-0.0.1.tar.gz", "build/lib/game/__init__.py", "solver/__pycache__/kernels.cpython-311.pyc",
        "solver/__pycache__/kernels.search-1.py311.nbi", "daily_drill.egg-info/PKG-INFO")
"""What running the tests, make and pip leave in a checkout."""


def test_the_sdist_leaves_out_what_a_checkout_gathers(tmp_path):
    """Built from a copy with no .git folder (so no .gitignore is read), the sdist still has
    no test caches, virtual environment, builds or compiled files, and has the sources."""
    import shutil

    src = tmp_path / "daily-drill"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".git", ".venv", ".hypothesis", ".pytest_cache",
                                                             "__pycache__", "dist", "build", "*.egg-info"))
    for name in JUNK:
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text("junk\n", encoding="utf-8")
    run([sys.executable, "-m", "build", "--sdist", "--no-isolation", "--outdir", tmp_path / "out", src], cwd=tmp_path)
    (sdist,) = (tmp_path / "out").glob("*.tar.gz")
    with tarfile.open(sdist) as t:
        names = {n.split("/", 1)[1] for n in t.getnames() if "/" in n}
    assert {"game/__main__.py", "solver/kernels.py", "tests/test_wheel_install.py", "pyproject.toml"} <= names
    folders = {".hypothesis", ".pytest_cache", ".venv", "dist", "build", "__pycache__", "daily_drill.egg-info"}
    junk = sorted(n for n in names if folders & set(n.split("/")[:-1]) or n.endswith((".pyc", ".nbi", ".nbc")))
    assert junk == [], junk
