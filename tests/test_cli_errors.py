"""Every bad input to ``python -m solver`` and ``python -m game``: exit status 2, exactly one
line on stderr, no traceback (README, command line).

``python -m solver`` cases run in-process through :func:`solver.cli.main` (an
uncaught exception fails the test just as a traceback would), and a sample of
them again through the real ``python -m solver`` entry point.  ``python -m game``
cases run as subprocesses (its ``main`` calls ``pygame.quit()``), all started at
once to keep the run short.
"""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from solver import cli

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

FILES = {
    "malformed.toml": 'board = [\n"...."\n',
    "nested.toml": "a = " + "[" * 5000,
    "big.toml": 'board = """\n' + "\n".join(["." * 9] * 8) + '\n"""\nformations = ["U"]\n',
    "unknown.toml": 'board = "....."\nformations = ["Q"]\n',
    "offboard.toml": 'board = "....."\nformations = ["I"]\ntargets = [[9, 9]]\n',
    "area.toml": 'board = "......"\nformations = ["I"]\n',
    "ragged.toml": 'board = """\n.....\n....\n"""\nformations = ["I"]\n',
    "badkey.toml": 'bord = "....."\nboard = "....."\nformations = ["I"]\n',
    "empty.toml": "",
    "notutf8.toml": b"board = '\xff\xfe'\n",
}


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """The bad puzzle files of :data:`FILES`, written once; returns their folder."""
    d = tmp_path_factory.mktemp("bad")
    for name, text in FILES.items():
        (d / name).write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return d


SOLVER_CASES = [
    "classic --date 2025-02-30", "classic --date 2025-13-01", "classic --date 2025-00-10",
    "classic --date 2023-02-29", "classic --date 10000-01-01", "classic --date=", "classic --date=_",
    "classic --date 2024/05/01", "classic --date tomorrow", "classic --date 2024-05-01-01",
    "classic", "classic --all-dates --first", "classic --date 2024-05-01 --all-dates",
    "classic --date 2024-05-01 --first --count",
    "drill --date 2025-02-30", "drill --date=", "drill --year 0", "drill --year 10000", "drill --year abc",
    "drill --year 2024 --all", "drill --date 2024-05-01 --sixes 99", "drill --date 2024-05-01 --sixes -1",
    "file {d}/missing.toml", "file {d}/malformed.toml", "file {d}/nested.toml", "file {d}/big.toml",
    "file {d}/unknown.toml", "file {d}/offboard.toml", "file {d}/area.toml", "file {d}/ragged.toml",
    "file {d}/badkey.toml", "file {d}/empty.toml", "file {d}/notutf8.toml", "file {d}", "file",
    "flip --size 0", "flip --size -1", "flip --size abc", "flip --size 65", "flip --size 3 --on 5,5",
    "flip --size 3 --on a,b", "flip --size 3 --on 1,2,3", "flip --size 3 --on=-1,0", "flip --on 0,0",
    "", "bogus", "classic --bogus", "--date 2024-05-01",
]


def argv_of(case: str, d) -> list[str]:
    """Split a case string into argv (``--x=`` keeps an empty value; ``{d}`` is the files folder)."""
    return [a.replace("_", " ") if a.startswith("--date=") else a for a in case.format(d=d).split()]


@pytest.mark.parametrize("case", SOLVER_CASES)
def test_solver_cli_bad_input_exit_2_one_line(case, files, capsys):
    code = cli.main(argv_of(case, files))
    err = capsys.readouterr().err
    assert code == 2, f"{case!r}: exit {code}, stderr {err!r}"
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("python -m solver: error: ") and "Traceback" not in err, err


@pytest.mark.parametrize("case", ["classic --date 2025-02-30", "drill --date=", "file {d}/big.toml",
                                  "file {d}/nested.toml", "flip --size 0", "flip --size 3 --on 5,5", ""])
def test_solver_entry_point_bad_input_exit_2_one_line(case, files):
    out = subprocess.run([sys.executable, "-m", "solver", *argv_of(case, files)], capture_output=True,
                         text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 2, out.stderr
    assert len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.stderr, out.stderr


GAME_CASES = [
    "--date 2025-02-30", "--date 2025-13-01", "--date=", "--date 10000-01-01", "--mode nope", "--mode",
    "--frames abc", "--frames 0", "--frames -5", "--lang fr", "--puzzle {d}/missing.toml",
    "--puzzle {d}/malformed.toml", "--puzzle {d}/nested.toml", "--puzzle {d}/big.toml",
    "--puzzle {d}/unknown.toml", "--puzzle {d}/offboard.toml", "--puzzle {d}/area.toml",
    "--puzzle {d}/notutf8.toml", "--puzzle {d}/empty.toml", "--puzzle {d}",
    "--puzzle {d}/unknown.toml --mode drill", "--bogus", "extra-argument",
    "--screenshot {d}/no/such/folder/shot.png", "--screenshot {d}",
]


@pytest.fixture(scope="module")
def game_runs(files):
    """Run every :data:`GAME_CASES` command at once (``--frames 2`` added); returns case -> result."""
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    procs = {}
    for case in GAME_CASES:
        procs[case] = subprocess.Popen([sys.executable, "-m", "game", "--frames", "2", *argv_of(case, files)],
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                       cwd=ROOT, env=env)
    out = {}
    for case, p in procs.items():
        stdout, stderr = p.communicate(timeout=180)
        out[case] = (p.returncode, stderr)
    return out


@pytest.mark.parametrize("case", GAME_CASES)
def test_game_cli_bad_input_exit_2_one_line(case, game_runs):
    code, err = game_runs[case]
    assert code == 2, f"{case!r}: exit {code}, stderr {err[-1500:]!r}"
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    assert lines[0].startswith("python -m game: "), lines[0]
