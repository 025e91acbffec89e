"""An unexpected error while the game runs: logged with its traceback, one line on stderr
with the log path, exit status 1, and (with a screen) a dialog the player closes.

The error is injected by replacing ``Control.step`` in a subprocess that runs the
real ``game.__main__.main``; the dialog is driven in-process with posted events.
"""
from __future__ import annotations

import os
import subprocess
import sys

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

CRASH = r"""
import sys
from game import app
calls = []
def step(self, dt_s=None, sleep=True):
    calls.append(1)
    if len(calls) == 3:
        raise KeyError("a bug on the third frame")
    return real(self, dt_s, sleep)
real = app.Control.step
app.Control.step = step
from game.__main__ import main
sys.exit(main(["--frames", "10", "--date", "2024-05-01", "--lang", "en"]))
"""


def run_crash(log_dir: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1",
               DAILY_DRILL_LOG_DIR=log_dir)
    return subprocess.run([sys.executable, "-c", CRASH], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=180)


def test_unexpected_error_is_logged_and_reported_in_one_line(tmp_path, fuzz_counts):
    out = run_crash(str(tmp_path / "logs"))
    fuzz_counts["faults"] += 1
    log = tmp_path / "logs" / "daily-drill.log"
    assert out.returncode == 1, out.stderr
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr, out.stderr
    assert out.stderr.startswith("python -m game: something went wrong (KeyError: ")
    assert out.stderr.rstrip().endswith(f"details were written to {log}")
    text = log.read_text(encoding="utf-8")
    assert "starting" in text and "Traceback (most recent call last)" in text
    assert "KeyError: 'a bug on the third frame'" in text


def test_unexpected_error_with_no_writable_log_folder(tmp_path, fuzz_counts):
    (tmp_path / "file").write_text("x")
    out = run_crash(str(tmp_path / "file" / "logs"))  # below a regular file: cannot exist
    fuzz_counts["faults"] += 1
    assert out.returncode == 1 and out.stderr.count("\n") == 1 and "Traceback" not in out.stderr, out.stderr
    assert out.stderr.rstrip().endswith("no log file could be written")


@pytest.fixture
def display():
    pygame.display.init()
    pygame.font.init()
    yield
    pygame.display.quit()


@pytest.mark.parametrize("event", [
    dict(type=pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode="", scancode=41),
    dict(type=pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r", scancode=40),
    dict(type=pygame.MOUSEBUTTONUP, pos=(100, 100), button=1),
    dict(type=pygame.QUIT),
])
def test_error_dialog_closes_on_esc_enter_click_or_close(event, display):
    from game import crash
    from game.widgets.text import Fonts

    assert not crash.can_show()  # the dummy driver: main() prints the line only
    pygame.event.clear()
    pygame.event.post(pygame.event.Event(event.pop("type"), **event))
    assert crash.show_error_dialog("/home/player/.local/state/daily-drill/log/daily-drill.log", "zh",
                                   Fonts(), force=True, timeout_s=30) is True
    assert pygame.display.get_surface().get_size() == crash.SIZE


def test_error_dialog_waits_for_the_player(display):
    from game import crash

    pygame.event.clear()
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_a, mod=0, unicode="a", scancode=4))
    assert crash.show_error_dialog(None, "en", None, force=True, timeout_s=0.3) is False  # not closed


def test_error_dialog_draws_the_path_and_the_chinese_title(display):
    from game import crash
    from game.widgets.text import Fonts

    fonts = Fonts()
    assert fonts.path, fonts.warning
    plain = pygame.Surface(crash.SIZE)
    crash.draw(plain, "/a/b.log", "en", fonts)
    zh = pygame.Surface(crash.SIZE)
    crash.draw(zh, "/a/b.log", "zh", fonts)
    none = pygame.Surface(crash.SIZE)
    crash.draw(none, None, "en", fonts)
    assert pygame.image.tobytes(plain, "RGB") != pygame.image.tobytes(zh, "RGB")
    assert pygame.image.tobytes(plain, "RGB") != pygame.image.tobytes(none, "RGB")
    assert crash._has_glyphs(fonts, crash.TITLE_ZH + crash.WHERE_ZH)  # the subset draws them
    assert not crash._has_glyphs(fonts, "\u9fa5")  # a character outside the subset


@pytest.mark.parametrize("missing", ["filelock", "pygame"])
def test_a_missing_dependency_is_one_line_saying_what_and_how_to_install(tmp_path, missing, fuzz_counts):
    """``python -m game`` with a dependency that cannot be imported (a stand-in module first on
    the path raises as an absent one does): one line naming it and the fix, exit 1, logged."""
    shadow = tmp_path / "shadow"
    shadow.mkdir()
    (shadow / f"{missing}.py").write_text(
        f"raise ModuleNotFoundError(\"No module named '{missing}'\", name={missing!r})\n")
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1",
               DAILY_DRILL_LOG_DIR=str(tmp_path / "logs"),
               PYTHONPATH=os.pathsep.join([str(shadow), ROOT]))
    out = subprocess.run([sys.executable, "-m", "game", "--frames", "1", "--date", "2024-05-01"],
                         capture_output=True, text=True, env=env, cwd=ROOT, timeout=180)
    fuzz_counts["faults"] += 1
    assert out.returncode == 1, out.stderr
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr, out.stderr
    assert out.stderr.startswith(f"python -m game: cannot start: the module '{missing}' is missing"), out.stderr
    assert "make play" in out.stderr and "pip install ." in out.stderr
    log = (tmp_path / "logs" / "daily-drill.log").read_text(encoding="utf-8")
    assert f"module '{missing}' cannot be imported" in log and "ModuleNotFoundError" in log
