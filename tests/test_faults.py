"""Injected faults: crashes while saving, read-only folders, an unwritable numba cache,
no audio device, a missing or corrupt font.  The game must start and play on, and
lose nothing that was saved before.

Read-only folders: the tests run as root, and root ignores permission bits
(``chmod a-w`` changes nothing, ``os.access`` still says writable).  A read-only
*bind mount* is refused to root too (``EROFS``), so the subprocess tests use
``mount --bind`` + ``mount -o remount,ro,bind`` when the machine allows it (root
with CAP_SYS_ADMIN, as here) and are skipped with that reason otherwise; the
in-process tests need no privileges: they monkeypatch ``os.access`` or point the
data folder below a regular file (``NotADirectoryError``).
"""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KEY = "classic 2024-05-01"


def put(store, moves: list[str], elapsed: float) -> None:
    """Save a Classic 2024-05-01 game of ``moves`` through the store (writes the file)."""
    from game.midend import GameId

    store.put_game(GameId.from_text(KEY), {"moves": [["move", m] for m in moves], "pos": len(moves),
                                           "elapsed_s": elapsed, "started": True})


def again_gid():
    """The game id of :data:`KEY`."""
    from game.midend import GameId

    return GameId.from_text(KEY)


def moves_of(store) -> list[str]:
    """The saved move texts of Classic 2024-05-01 ([] when none)."""
    from game.midend import GameId

    g = store.game(GameId.from_text(KEY))
    return [m for _, m in g["moves"]] if g else []


def env_for_game(**extra: str) -> dict[str, str]:
    """The environment for a headless game subprocess, plus ``extra`` variables."""
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    env.update(extra)
    return env


def run_py(code: str, *args: str, env: dict | None = None, cwd: str = ROOT,
           timeout: float = 180) -> subprocess.CompletedProcess:
    """Run ``python -c code args...`` and capture its output (text)."""
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env=env or env_for_game(), cwd=cwd, timeout=timeout)


@contextlib.contextmanager
def readonly_mount(*paths):
    """Bind-mount each path read-only onto itself for the ``with`` block (skip if not allowed)."""
    done = []
    try:
        for p in paths:
            r = subprocess.run(["mount", "--bind", str(p), str(p)], capture_output=True, text=True)
            if r.returncode != 0:
                pytest.skip(f"read-only bind mount not allowed here ({r.stderr.strip()}); "
                            "covered by the in-process tests")
            done.append(p)
            r = subprocess.run(["mount", "-o", "remount,ro,bind", str(p)], capture_output=True, text=True)
            if r.returncode != 0:
                pytest.skip(f"read-only remount not allowed here ({r.stderr.strip()})")
        yield
    finally:
        for p in reversed(done):
            subprocess.run(["umount", str(p)], capture_output=True)


# ---------------------------------------------------------------- saves


def test_crash_between_temp_file_and_replace_keeps_the_old_save(tmp_path, monkeypatch, fuzz_counts):
    """In-process: the write is interrupted (a BaseException, like a kill) right before os.replace."""
    from game.store import Store

    p = Store(folder=str(tmp_path))
    put(p, ["P0:0@2,2"], 12.0)

    class Crash(BaseException):
        """Stands for the process dying."""

    def crash(src, dst):
        assert os.path.getsize(src) > 0  # the new file was fully written...
        raise Crash                      # ...and the process died before replacing the old one

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(Crash):
        put(p, ["P0:0@2,2", "P1:0@4,4"], 20.0)
    monkeypatch.undo()
    fuzz_counts["faults"] += 1
    again = Store(folder=str(tmp_path))
    assert moves_of(again) == ["P0:0@2,2"] and again.game(again_gid())["elapsed_s"] == 12.0
    assert again.writable and again.notice is None


def test_crash_in_the_middle_of_writing_keeps_the_old_save(tmp_path, monkeypatch, fuzz_counts):
    """In-process: the process dies half-way through writing the temporary file."""
    from game.store import Store

    p = Store(folder=str(tmp_path))
    put(p, ["P0:0@2,2"], 12.0)

    class Crash(BaseException):
        """Stands for the process dying."""

    class Dying(dict):
        """A value the process dies on while it is being written (after what comes before it)."""

        def items(self):
            raise Crash

    from game.midend import GameId

    p.data["games"]["classic 2024-04-30"] = {"moves": [["move", "P0:0@2,2"]], "pos": 1}  # written first
    with pytest.raises(Crash):
        p.put_game(GameId.from_text(KEY), {"moves": [["move", "P0:0@2,2"], ["move", "P1:0@4,4"]], "pos": 2,
                                           "elapsed_s": 20.0, "started": True, "zz": Dying(a=1)})
    fuzz_counts["faults"] += 1
    assert moves_of(Store(folder=str(tmp_path))) == ["P0:0@2,2"]


def test_disk_full_while_saving_keeps_the_old_save_and_plays_on(tmp_path, monkeypatch, fuzz_counts):
    from game.store import Store

    p = Store(folder=str(tmp_path))
    put(p, ["P0:0@2,2"], 12.0)

    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    put(p, ["P0:0@2,2", "P1:0@4,4"], 20.0)  # no exception
    monkeypatch.undo()
    fuzz_counts["faults"] += 1
    assert "No space" in p.warning and p.notice is not None
    assert moves_of(Store(folder=str(tmp_path))) == ["P0:0@2,2"]
    assert [f for f in os.listdir(tmp_path) if f.startswith(".progress-")] == []  # temp file removed


def test_process_killed_before_replace_loses_nothing(tmp_path, fuzz_counts):
    """A real crash: the saving process is SIGKILLed between the temp file and ``os.replace``."""
    code = r"""
import os, sys, signal
from game.midend import GameId
from game.store import Store
g = GameId.from_text("classic 2024-05-01")
p = Store(folder=sys.argv[1])
p.put_game(g, {"moves": [["move", "P0:0@2,2"]], "pos": 1, "elapsed_s": 12.0})
os.replace = lambda src, dst: os.kill(os.getpid(), signal.SIGKILL)
p.put_game(g, {"moves": [["move", "P0:0@2,2"], ["move", "P1:0@4,4"]], "pos": 2, "elapsed_s": 20.0})
print("not reached")
"""
    out = run_py(code, str(tmp_path))
    fuzz_counts["faults"] += 1
    assert out.returncode == -9 and "not reached" not in out.stdout, out.stderr
    leftovers = [f for f in os.listdir(tmp_path) if f.startswith(".progress-")]
    assert leftovers, "the kill should have left the temporary file behind"
    from game.store import Store

    again = Store(folder=str(tmp_path))
    assert moves_of(again) == ["P0:0@2,2"]
    put(again, ["P0:0@2,2", "P1:0@4,4"], 20.0)  # and the next save works
    assert moves_of(Store(folder=str(tmp_path))) == ["P0:0@2,2", "P1:0@4,4"]


@pytest.mark.parametrize("when", ["mid-write", "before replace", "fsync fails"])
def test_saves_atomic_write_interrupted_keeps_the_old_file(when, tmp_path, monkeypatch, fuzz_counts):
    """``game.saves.atomic_write`` interrupted at each step: the previous file still loads."""
    from game import saves

    path = tmp_path / "progress.json"
    saves.atomic_write(path, {"moves": ["P0:0@2,2"]})

    class Crash(BaseException):
        """Stands for the process dying."""

    class Dying(dict):
        """A value the process dies on while it is being written (after what comes before it)."""

        def items(self):
            raise Crash

    new = {"moves": ["P0:0@2,2", "P1:0@4,4"]}
    removed: list[int] = []
    if when == "mid-write":
        new["zz"] = Dying(a=1)  # "moves" is written, then the process dies
        real_remove = os.remove

        def spy(p):  # the temporary file is removed: it was half written
            removed.append(os.path.getsize(p))
            real_remove(p)
        monkeypatch.setattr(os, "remove", spy)
        expect = Crash
    elif when == "before replace":
        def crash(src, dst):
            assert os.path.getsize(src) > 0
            raise Crash
        monkeypatch.setattr(os, "replace", crash)
        expect = Crash
    else:
        def full(fd):
            raise OSError(28, "No space left on device")
        monkeypatch.setattr(os, "fsync", full)
        expect = OSError
    with pytest.raises(expect):
        saves.atomic_write(path, new)
    monkeypatch.undo()
    assert when != "mid-write" or removed and removed[0] > len('{"moves"')
    fuzz_counts["faults"] += 1
    assert saves.read_json(path) == {"moves": ["P0:0@2,2"]}
    assert os.listdir(tmp_path) == ["progress.json"]  # no temporary file left behind


def test_saves_atomic_write_killed_before_replace_loses_nothing(tmp_path, fuzz_counts):
    """A real crash (SIGKILL) between the temp file and ``os.replace``: the old file loads, and
    :func:`game.saves.clean_temp` removes the orphan once it is old enough."""
    code = r"""
import os, sys, signal
from game import saves
path = os.path.join(sys.argv[1], "progress.json")
saves.atomic_write(path, {"moves": ["P0:0@2,2"]})
os.replace = lambda src, dst: os.kill(os.getpid(), signal.SIGKILL)
saves.atomic_write(path, {"moves": ["P0:0@2,2", "P1:0@4,4"]})
print("not reached")
"""
    out = run_py(code, str(tmp_path))
    fuzz_counts["faults"] += 1
    assert out.returncode == -9 and "not reached" not in out.stdout, out.stderr
    from game import saves

    assert saves.read_json(tmp_path / "progress.json") == {"moves": ["P0:0@2,2"]}
    orphans = [f for f in os.listdir(tmp_path) if f.startswith(saves.TEMP_PREFIX)]
    assert len(orphans) == 1
    assert saves.clean_temp(tmp_path, older_than_s=60.0) == 0  # a young one may be a save in progress
    assert saves.clean_temp(tmp_path, older_than_s=0.0) == 1
    assert os.listdir(tmp_path) == ["progress.json"]


# ---------------------------------------------------------------- read-only data folder


def test_data_folder_that_cannot_be_created_only_disables_saving(tmp_path, fuzz_counts):
    from game.store import Store

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    p = Store(folder=str(blocker / "daily-drill"))
    fuzz_counts["faults"] += 1
    assert not p.writable and p.notice is not None
    put(p, ["P0:0@2,2"], 3.0)  # no exception, kept in memory
    assert moves_of(p) == ["P0:0@2,2"]


def test_read_only_data_folder_game_plays_and_keeps_the_file(tmp_path, fuzz_counts):
    """A read-only mount holding a progress file: the game resumes from it, plays, exits 0, writes nothing."""
    from game import saves
    from game.store import Store

    data = tmp_path / "data"
    data.mkdir()
    p = Store(folder=str(data))
    put(p, ["P0:0@2,2"], 5.0)
    before = (data / saves.FILE_NAME).read_bytes()
    with readonly_mount(data):
        out = subprocess.run([sys.executable, "-m", "game", "--date", "2024-05-01", "--frames", "90",
                              "--autosolve", "--lang", "en"], capture_output=True, text=True, cwd=ROOT,
                             env=env_for_game(DAILY_DRILL_DATA_DIR=str(data)), timeout=180)
        assert not os.access(data, os.W_OK)
    fuzz_counts["faults"] += 1
    assert out.returncode == 0, out.stderr[-2000:]
    assert "Traceback" not in out.stderr
    assert (data / saves.FILE_NAME).read_bytes() == before


# ---------------------------------------------------------------- numba cache


def test_numba_cache_only_in_a_folder_of_our_own(tmp_path, monkeypatch, fuzz_counts):
    """``solver.cachedir.choose`` on temporary folders: the package's __pycache__ when it is ours,
    else the per-version user cache folder, else no cache; never a shared fallback."""
    from solver.cachedir import choose

    pkg = tmp_path / "pkg"
    pkg.mkdir(mode=0o755)
    pkg.chmod(0o755)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    env: dict[str, str] = {}
    ours = choose(env, str(pkg), lambda: "9.9")
    assert ours.enabled and ours.folder == str(pkg / "__pycache__") and ours.env is None
    # the package folder is writable by its group: not ours alone -> the user cache, per version
    pkg.chmod(0o775)
    user = choose(env, str(pkg), lambda: "9.9")
    assert user.folder == user.env == str(tmp_path / "cache" / "daily-drill" / "numba-9.9")
    assert os.stat(user.folder).st_mode & 0o777 == 0o700
    assert choose(env, str(pkg), lambda: "10.0").folder.endswith("numba-10.0")
    # the user cache folder is world-writable too: no cache at all, and the log line says why
    os.chmod(user.folder, 0o777)
    off = choose(env, str(pkg), lambda: "9.9")
    assert not off.enabled and off.env is None
    assert "writable by others (mode 775)" in off.why and "writable by others (mode 777)" in off.why
    # a user cache that cannot be created (a file where a folder should be): no cache
    (tmp_path / "file").write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))
    assert not choose(env, str(pkg), lambda: "9.9").enabled
    # NUMBA_CACHE_DIR set by the user: used when it qualifies, else no cache (never a fallback)
    mine = tmp_path / "mine"
    assert choose({"NUMBA_CACHE_DIR": str(mine)}, str(pkg), lambda: "9.9").folder == str(mine)
    mine.chmod(0o777)
    assert not choose({"NUMBA_CACHE_DIR": str(mine)}, str(pkg), lambda: "9.9").enabled
    fuzz_counts["faults"] += 4


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown needs root")
def test_numba_cache_never_in_another_users_folder(tmp_path, monkeypatch, fuzz_counts):
    """Folders owned by another uid (say a planted cache folder) are refused, even though root
    could write to them."""
    from solver.cachedir import choose

    pkg = tmp_path / "pkg"
    (pkg / "__pycache__").mkdir(parents=True)
    planted = tmp_path / "cache" / "daily-drill" / "numba-9.9"
    planted.mkdir(parents=True, mode=0o700)
    for p in (pkg / "__pycache__", planted):
        os.chown(p, 4242, 4242)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    off = choose({}, str(pkg), lambda: "9.9")
    fuzz_counts["faults"] += 1
    assert not off.enabled and off.why.count("belongs to another user (uid 4242)") == 2, off.why


GAME_ON_READ_ONLY = r"""
import sys, time, datetime as dt
import pygame
import game
from game.app import Control
from game.scene import Context
from game.widgets.text import Fonts
assert game.__file__.startswith(sys.argv[1]), game.__file__
pygame.display.init(); pygame.font.init()
ctx = Context(lang="zh", fonts=Fonts(), date=dt.date(2024, 5, 1))
c = Control(ctx, "classic", size=(640, 480), autosolve=True)
end = time.monotonic() + 150
while not c.scene.state.is_solved and not ctx.worker.failed and time.monotonic() < end:
    c.step(0.05, sleep=False)
    time.sleep(0.01)
print("solved", c.scene.state.is_solved, "failed", repr(ctx.worker.failed))
ctx.worker.stop()
"""


def copy_packages(site) -> None:
    """Copy our packages (solver with the repository's compiled cache, game, assets) into ``site``."""
    for pkg in ("solver", "game", "assets"):
        shutil.copytree(os.path.join(ROOT, pkg), site / pkg)


def solver_cli(site, env: dict, cwd) -> subprocess.CompletedProcess:
    """``python -m solver classic --date 2024-05-01 --json`` run from the copied packages."""
    return subprocess.run([sys.executable, "-m", "solver", "classic", "--date", "2024-05-01", "--json"],
                          capture_output=True, text=True, env=env, cwd=str(cwd), timeout=300)


def no_cache_env(site, home, logs, **extra: str) -> dict[str, str]:
    """The environment of a run from the copied packages with no usable cache folder."""
    env = {k: v for k, v in env_for_game().items() if k not in ("NUMBA_CACHE_DIR", "XDG_CACHE_HOME")}
    env.update(HOME=str(home), PYTHONPATH=str(site), PYTHONDONTWRITEBYTECODE="1", DAILY_DRILL_LOG_DIR=str(logs))
    env.update(extra)
    return env


def assert_57_and_logged_once(out: subprocess.CompletedProcess, logs) -> None:
    """The CLI answered May 1 (57 solutions, published figure) and logged "cache off" once."""
    assert out.returncode == 0 and out.stderr == "", out.stderr[-3000:]
    assert json.loads(out.stdout)["count"] == 57
    text = (logs / "daily-drill.log").read_text(encoding="utf-8")
    assert text.count("numba cache off") == 1, text


def test_solver_imports_and_solves_with_package_and_user_cache_read_only(tmp_path, fuzz_counts):
    """Subprocess: a copy of the packages (solver with its __pycache__, game, assets) and HOME on
    read-only mounts, NUMBA_CACHE_DIR unset: ``import solver.search`` must still work (numba
    raises "no locator available" when no cache folder is writable) with no cache at all (never a shared folder), the CLI answers, and the game
    starts and its worker solves Classic."""
    site = tmp_path / "site"
    copy_packages(site)
    home = tmp_path / "home"
    (home / ".cache").mkdir(parents=True)
    code = r"""
import os, sys
pkg = os.path.join(sys.argv[1], "solver")
assert not os.access(pkg, os.W_OK) and not os.access(os.path.expanduser("~/.cache"), os.W_OK)
import solver.search
from solver.board import Board
from solver.model import Puzzle
assert solver.search.__file__.startswith(pkg), solver.search.__file__
print(solver.search.count_solutions(Puzzle(Board.from_rows(["....."] * 5), ("SLCS", "JQHH", "SC", "XX", "JS"))))
print(os.environ.get("NUMBA_CACHE_DIR", "-"), solver.CACHE.enabled)
"""
    env = no_cache_env(site, home, tmp_path / "logs")
    with readonly_mount(site, home):
        out = run_py(code, str(site), env=env, cwd=str(tmp_path))
        cli_out = solver_cli(site, no_cache_env(site, home, tmp_path / "cli-logs"), tmp_path)
        played = run_py(GAME_ON_READ_ONLY, str(site), env=env, cwd=str(tmp_path))
    fuzz_counts["faults"] += 2
    assert out.returncode == 0, out.stderr[-3000:]
    assert played.returncode == 0 and "Traceback" not in played.stderr, played.stderr[-3000:]
    assert played.stdout.split() == ["solved", "True", "failed", "''"], played.stdout
    assert out.stdout.split() == ["8", "-", "False"], out.stdout
    assert_57_and_logged_once(cli_out, tmp_path / "cli-logs")


@pytest.mark.parametrize("how", ["cannot be created", "another user's"])
def test_solver_cli_without_any_cache_folder_of_our_own(how, tmp_path, fuzz_counts):
    """Subprocess, no mounts needed: the package's ``__pycache__`` and the user cache folder are
    unusable (a regular file where the folder should be; or, as root, folders owned by another
    uid, like a cache someone planted): the CLI still answers, without a cache, no traceback."""
    site = tmp_path / "site"
    copy_packages(site)
    shutil.rmtree(site / "solver" / "__pycache__", ignore_errors=True)
    home = tmp_path / "home"
    home.mkdir()
    if how == "cannot be created":
        (site / "solver" / "__pycache__").write_text("not a folder")
        (tmp_path / "file").write_text("x")
        cache_home = tmp_path / "file" / "cache"
    else:
        if not hasattr(os, "geteuid") or os.geteuid() != 0:
            pytest.skip("chown needs root")
        from solver.appinfo import version

        cache_home = tmp_path / "cache"
        planted = cache_home / "daily-drill" / f"numba-{version()}"
        planted.mkdir(parents=True, mode=0o700)
        (site / "solver" / "__pycache__").mkdir()
        for p in (site / "solver" / "__pycache__", planted):
            os.chown(p, 4242, 4242)
    env = no_cache_env(site, home, tmp_path / "logs", XDG_CACHE_HOME=str(cache_home))
    out = solver_cli(site, env, tmp_path)
    fuzz_counts["faults"] += 1
    assert_57_and_logged_once(out, tmp_path / "logs")
    if how == "another user's":
        assert os.listdir(planted) == [] and os.listdir(site / "solver" / "__pycache__") == []


# ---------------------------------------------------------------- audio and fonts


@pytest.mark.parametrize("driver", ["dummy_but_bogus", "alsa"])
def test_no_audio_device_the_game_runs_silent(driver, fuzz_counts):
    """A bogus audio driver (or ALSA with no sound card): the completion chime is silent, no error;
    with the bogus driver the real loop also plays Classic to the end (autosolve: the chime is
    played on completion) and exits 0."""
    code = r"""
import sys, datetime as dt
import pygame
pygame.init()
from game import chimes
print("chime", chimes.play("win"))
if sys.argv[1] != "play":
    print("solved True")
    sys.exit(0)
from game.app import Control
from game.scene import Context
from game.widgets.text import Fonts
ctx = Context(lang="en", fonts=Fonts(), date=dt.date(2024, 5, 1))
c = Control(ctx, "classic", size=(800, 560), autosolve=True)
import time
end = time.monotonic() + 120
while not c.scene.state.is_solved and time.monotonic() < end:
    c.step(0.05, sleep=False)
    time.sleep(0.01)
for _ in range(10):
    c.step(0.05, sleep=False)
print("solved", c.scene.state.is_solved)
ctx.worker.stop()
pygame.quit()
"""
    out = run_py(code, "play" if driver == "dummy_but_bogus" else "chime", env=env_for_game(SDL_AUDIODRIVER=driver))
    fuzz_counts["faults"] += 1
    assert out.returncode == 0, out.stderr[-3000:]
    assert "Traceback" not in out.stderr
    assert "chime False" in out.stdout and "solved True" in out.stdout, out.stdout


FONT_PATCH = r"""
import sys, contextlib
import game.widgets.text as F
v = sys.argv[1]
if v.startswith("/"):  # the shipped font file replaced by a broken one
    class Ref:
        def __truediv__(self, other):
            return self
        def is_file(self):
            return True
    F.files = lambda pkg: Ref()
    F.as_file = lambda ref: contextlib.nullcontext(v)
else:  # the shipped font file is missing
    F.FONT_FILE = v
from game.__main__ import main
sys.exit(main(["--frames", "5", "--lang", "zh", "--date", "2024-05-01"]))
"""


@pytest.mark.parametrize("font", ["missing", "empty", "garbage", "truncated"])
def test_missing_or_corrupt_font_one_warning_and_the_game_runs(font, tmp_path, fuzz_counts):
    """Missing: a one-line warning, default font.  Corrupt: pygame.font would crash the process on
    first use (segfault), so the file is checked first: the same warning, the game runs."""
    if font == "missing":
        arg = "no-such-font.otf"
    else:
        path = tmp_path / "broken.otf"
        real = os.path.join(ROOT, "assets", "fonts", "NotoSansSC-DailyDrill.otf")
        path.write_bytes({"empty": b"", "garbage": b"not a font at all" * 10,
                          "truncated": open(real, "rb").read()[:1000]}[font])
        arg = str(path)
    out = run_py(FONT_PATCH, arg)
    fuzz_counts["faults"] += 1
    assert out.returncode == 0, out.stderr[-3000:]
    assert "Traceback" not in out.stderr and "Fatal" not in out.stderr
    lines = [ln for ln in out.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "font" in lines[0] and "warning" in lines[0], lines
