"""The command lines as programs: ``--version``, the name shown in messages, strict dates,
a closed pipe, and an internal error (exit 1 with a pointer to the log file).

Both programs are run three ways: in-process (``main(argv)``), as ``python -m``, and
as the console scripts ``daily-drill`` / ``daily-drill-solver`` that the project
install put beside the interpreter.  Expected versions come from ``pyproject.toml``
read here with :mod:`tomllib`; expected solution counts are the published ones
(57 for May 1 on the classic board).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from game.__main__ import main as game_main
from solver import cli
from solver.appinfo import prog_name

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.dirname(sys.executable)
ENV = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")


def pyproject_version() -> str:
    """``[project] version`` of the repository's pyproject.toml."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib
    with open(os.path.join(ROOT, "pyproject.toml"), "rb") as f:
        return tomllib.load(f)["project"]["version"]


def script(name: str) -> str:
    """Path of an installed console script (the project is installed into this interpreter)."""
    path = os.path.join(BIN, name + (".exe" if os.name == "nt" else ""))
    assert os.path.isfile(path), f"{name} is not installed beside {sys.executable} (pip install -e .)"
    return path


def run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    """Run ``cmd`` from the repository root with the headless environment; text output."""
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=ENV, timeout=180, **kw)


PROGRAMS = {
    # how it is started -> (argv prefix, name expected in messages)
    "solver -m": ([sys.executable, "-m", "solver"], "python -m solver"),
    "solver script": (None, "daily-drill-solver"),
    "game -m": ([sys.executable, "-m", "game"], "python -m game"),
    "game script": (None, "daily-drill"),
}


def argv_of(how: str) -> tuple[list[str], str]:
    """The argv prefix and the expected program name for a :data:`PROGRAMS` key."""
    prefix, name = PROGRAMS[how]
    return (prefix or [script(name)]), name


# ---------------------------------------------------------------- --version and names


@pytest.mark.parametrize("how", list(PROGRAMS))
def test_version_prints_the_name_and_the_pyproject_version(how):
    prefix, name = argv_of(how)
    out = run([*prefix, "--version"])
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"{name} {pyproject_version()}" and out.stderr == ""


def test_version_in_process(capsys):
    for main, name in ((cli.main, "python -m solver"), (game_main, "python -m game")):
        with pytest.raises(SystemExit) as e:
            main(["--version"])
        assert e.value.code == 0
        assert capsys.readouterr().out.strip() == f"{name} {pyproject_version()}"


@pytest.mark.parametrize("how", list(PROGRAMS))
def test_help_and_errors_show_the_name_the_program_was_called_by(how):
    prefix, name = argv_of(how)
    helped = run([*prefix, "--help"])
    assert helped.returncode == 0 and helped.stdout.startswith(f"usage: {name} "), helped.stdout[:200]
    bad = run([*prefix, "--no-such-option"])
    assert bad.returncode == 2
    assert bad.stderr.count("\n") == 1 and bad.stderr.startswith(f"{name}: "), bad.stderr


@pytest.mark.parametrize("argv0, expected", [
    ("/home/u/.local/bin/daily-drill", "daily-drill"),
    (r"C:\Users\u\Scripts\daily-drill.exe", "daily-drill"),
    ("daily-drill-script.py", "daily-drill"),
    ("/repo/game/__main__.py", "python -m game"),
    ("-c", "python -m game"),
    ("", "python -m game"),
    ("/usr/bin/pytest", "python -m game"),
    ("/usr/bin/daily-drill-solver", "python -m game"),
])
def test_prog_name(argv0, expected):
    assert prog_name("game", "daily-drill", argv0) == expected


# ---------------------------------------------------------------- strict dates

BAD_DATES = ["24-05-01", "2024-5-1", "2024-05-1", "2024-5-01", "1-1-1", " 2024-05-01", "2024-05-01 ",
             " 2024-05-01x", "2024-05-01x", "+2024-05-01", "02024-05-01", "2024-05-01\n",
             "２０２４-05-01", "2024_05_01", "20240501", "2024-W18-3", "0000-01-01", "2024-00-10"]


@pytest.mark.parametrize("text", BAD_DATES)
def test_strict_dates_in_process_exit_2_one_line(text, capsys):
    for argv, name in ((["classic", "--date", text], "python -m solver: error: "),
                       (["drill", "--date", text], "python -m solver: error: ")):
        assert cli.main(argv) == 2, argv
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith(name) and "Traceback" not in err, err
    assert game_main(["--date", text, "--frames", "1"]) == 2  # refused before any window opens
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("python -m game: ")
    assert "YYYY-MM-DD" in err or "not a real date" in err, err


SUBPROCESS_DATES = ["24-05-01", "2024-5-1", "1-1-1", " 2024-05-01x", "2024-05-01\n", "0000-01-01"]
"""The bad dates also run as real processes (all of :data:`BAD_DATES` run in-process)."""


@pytest.fixture(scope="module")
def strict_runs():
    """The bad dates through both console scripts and both ``python -m`` forms, all at once."""
    procs = {}
    for text in SUBPROCESS_DATES:
        for how in PROGRAMS:
            prefix, name = argv_of(how)
            sub = ["classic"] if how.startswith("solver") else ["--frames", "1"]
            procs[text, how] = subprocess.Popen([*prefix, *sub, "--date", text], stdout=subprocess.PIPE,
                                                stderr=subprocess.PIPE, text=True, cwd=ROOT, env=ENV)
    return {k: (p.wait(timeout=180), p.communicate()[1]) for k, p in procs.items()}


@pytest.mark.parametrize("text", SUBPROCESS_DATES)
@pytest.mark.parametrize("how", list(PROGRAMS))
def test_strict_dates_subprocess_exit_2_one_line(text, how, strict_runs):
    code, err = strict_runs[text, how]
    name = PROGRAMS[how][1]
    assert code == 2, (code, err)
    assert err.count("\n") == 1 and err.startswith(f"{name}: ") and "Traceback" not in err, err


def test_a_well_formed_date_still_works(capsys):
    assert cli.main(["classic", "--date", "2024-05-01", "--count", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["count"] == 57


# ---------------------------------------------------------------- closed pipe


@pytest.mark.parametrize("argv", [["classic", "--all-dates"], ["classic", "--all-dates", "--json"],
                                  ["--help"]])
def test_closed_pipe_exits_quietly_with_141(argv):
    """The reader is gone before the first byte is written (as ``| head -1`` after one line).
    argparse itself swallows the error of writing ``--help``, so that one may end 0."""
    p = subprocess.Popen([sys.executable, "-m", "solver", *argv], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, cwd=ROOT, env=ENV)
    p.stdout.close()
    err = p.stderr.read().decode()
    assert p.wait(timeout=180) in ((0, cli.EXIT_BROKEN_PIPE) if argv == ["--help"] else
                                   (cli.EXIT_BROKEN_PIPE,)), err
    assert err == "", err


def test_head_1_through_a_shell_pipe():
    """The real thing: ``... --all-dates | head -1`` prints the first line and nothing else."""
    out = subprocess.run(f'"{sys.executable}" -m solver classic --all-dates | head -1', shell=True,
                         capture_output=True, text=True, cwd=ROOT, env=ENV, timeout=180)
    assert out.stdout == "01-01 64\n" and out.stderr == "", out  # 64 solutions on January 1


# ---------------------------------------------------------------- internal errors


def test_internal_error_exit_1_one_line_and_the_traceback_in_the_log(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DAILY_DRILL_LOG_DIR", str(tmp_path / "logs"))

    def broken(args):
        raise ZeroDivisionError("a bug in the flip command")

    monkeypatch.setattr(cli, "cmd_flip", broken)
    assert cli.main(["flip", "--size", "3"]) == 1
    err = capsys.readouterr().err
    log = tmp_path / "logs" / "daily-drill.log"
    assert err.count("\n") == 1 and err.startswith("python -m solver: internal error"), err
    assert str(log) in err
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "ZeroDivisionError: a bug in the flip command" in text


def test_internal_error_with_no_writable_log_folder(tmp_path, monkeypatch, capsys):
    (tmp_path / "file").write_text("x")
    monkeypatch.setenv("DAILY_DRILL_LOG_DIR", str(tmp_path / "file" / "logs"))  # below a regular file
    monkeypatch.setattr(cli, "cmd_flip", lambda args: [][1])
    assert cli.main(["flip", "--size", "3"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no log file could be written" in err and "Traceback" not in err, err


def test_bad_input_writes_no_log_file(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DAILY_DRILL_LOG_DIR", str(tmp_path / "logs"))
    assert cli.main(["classic", "--date", "2025-02-30"]) == 2
    assert cli.main(["flip", "--size", "3", "--on", "0,0", "--json"]) == 0
    capsys.readouterr()
    assert not (tmp_path / "logs" / "daily-drill.log").exists()


RANGE = "1900-01-01 .. 2999-12-31"
"""The supported dates, as the README's command-line section states them."""


@pytest.mark.parametrize("text", ["0001-01-01", "1899-12-31", "3000-01-01", "9999-12-31"])
def test_the_solver_and_the_game_refuse_the_same_dates_outside_the_range(text, capsys):
    for argv in (["classic", "--date", text, "--count"], ["drill", "--date", text, "--count"],
                 ["variant", "weekday", "--date", text, "--count"]):
        assert cli.main(argv) == 2, argv
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and f"{text} is outside the supported dates {RANGE}" in err, err
    assert game_main(["--date", text, "--frames", "1"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{text} is outside the supported dates {RANGE}" in err, err


@pytest.mark.parametrize("year", ["1899", "3000"])
def test_drill_years_outside_the_range_are_refused(year, capsys):
    assert cli.main(["drill", "--year", year, "--count"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "between 1900 and 2999" in err, err


def test_the_first_and_last_supported_dates_are_solved(capsys):
    """A Classic count depends only on month and day: Jan 1 is the published 64, and the last
    supported date counts as Dec 31 of 2024 does."""
    def count(text):
        assert cli.main(["classic", "--date", text, "--count", "--json"]) == 0
        return json.loads(capsys.readouterr().out)["count"]

    assert count("1900-01-01") == 64
    assert count("2999-12-31") == count("2024-12-31") > 0


@pytest.mark.parametrize("prog,solver", [("daily-drill", "daily-drill-solver"), ("python -m game", "python -m solver")])
def test_the_help_names_the_shipped_editions_and_the_solver_command(prog, solver, capsys):
    """--variant NAME's help lists the editions shipped (the files in assets/variants/) and
    names the solver command as the player has it, not a folder of the source tree."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    shipped = sorted(f[:-5] for f in os.listdir(os.path.join(root, "assets", "variants")) if f.endswith(".toml"))
    assert len(shipped) >= 5
    with pytest.raises(SystemExit) as e:
        game_main(["--help"], prog=prog)
    assert e.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert f"play a shipped calendar edition: {', '.join(shipped)} (see them with {solver} variant --list)" in text
    assert "assets/" not in text
