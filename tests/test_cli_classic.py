"""``python -m solver classic`` (README, command line): the command-line contract.

Runs the real command in a subprocess (``sys.executable``) and checks the JSON
against published counts and the independent exact-cover checker.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

try:
    from tests.reference import (CLASSIC_CODES, classic_open_cells, ref_day_cell, ref_month_cell,
                                 verify_cover, verify_distinct)
except ImportError:  # tests/ is not a package: pytest put it on sys.path
    from reference import (CLASSIC_CODES, classic_open_cells, ref_day_cell, ref_month_cell,
                           verify_cover, verify_distinct)

REPO = Path(__file__).resolve().parents[1]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-m", "solver", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=300)


def one_json(proc: subprocess.CompletedProcess) -> dict:
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return json.loads(proc.stdout)  # exactly one JSON object: json.loads rejects trailing data


def solutions_of(out: dict) -> list[list[tuple[str, list]]]:
    return [[(pl["formation"], [tuple(c) for c in pl["cells"]]) for pl in sol]
            for sol in out["solutions"]]


def test_classic_count_json_may_1():
    out = one_json(run_cli("classic", "--date", "2024-05-01", "--count", "--json"))
    assert out["mode"] == "classic"
    assert out["date"] == "2024-05-01"
    assert out["count"] == 57
    assert isinstance(out["seconds"], (int, float)) and out["seconds"] >= 0
    assert "solutions" not in out


def test_classic_default_is_count():
    out = one_json(run_cli("classic", "--date", "2024-10-06", "--json"))
    assert out["count"] == 7


def test_classic_first_json_is_a_valid_cover():
    out = one_json(run_cli("classic", "--date", "2024-05-21", "--first", "--json"))
    assert out["count"] == 36
    assert out["date"] == "2024-05-21"
    sols = solutions_of(out)
    assert len(sols) == 1
    for sol in sols:
        verify_cover(classic_open_cells(), (ref_month_cell(5), ref_day_cell(21)), CLASSIC_CODES, sol)
    for pl in out["solutions"][0]:
        assert set(pl) == {"formation", "cells"}
        assert all(isinstance(v, int) for cell in pl["cells"] for v in cell)


def test_classic_all_json_may_1():
    out = one_json(run_cli("classic", "--date", "2024-05-01", "--all", "--json"))
    assert out["count"] == 57
    sols = solutions_of(out)
    assert len(sols) == 57
    for sol in sols:
        verify_cover(classic_open_cells(), (ref_month_cell(5), ref_day_cell(1)), CLASSIC_CODES, sol)
    verify_distinct(sols)


def test_classic_all_dates_json():
    out = one_json(run_cli("classic", "--all-dates", "--json"))
    assert out["mode"] == "classic"
    dates = out["dates"]
    assert len(dates) == 366
    assert all(len(k) == 5 and k[2] == "-" for k in dates)
    assert "02-29" in dates and "02-30" not in dates and "04-31" not in dates
    assert out["total"] == 24405 == sum(dates.values())
    assert dates["05-01"] == 57 and dates["05-21"] == 36
    assert [dates[f"01-0{d}"] for d in range(1, 5)] == [64, 109, 47, 103]
    assert dates["10-06"] == 7 == min(dates.values())
    assert dates["01-25"] == 216 == max(dates.values())
    assert isinstance(out["seconds"], (int, float))


def test_classic_text_output_mentions_the_count():
    proc = run_cli("classic", "--date", "2024-05-01", "--first")
    assert proc.returncode == 0, proc.stderr
    assert "57" in proc.stdout
    with pytest.raises(json.JSONDecodeError):
        json.loads(proc.stdout)


@pytest.mark.parametrize("args", [
    ("classic", "--date", "2025-02-30"),
    ("classic", "--date", "2025-13-01"),
    ("classic", "--date", "garbage"),
    ("classic", "--date", "2025-02-30", "--json"),
    ("classic", "--date", "2023-02-29", "--count", "--json"),
    ("classic",),
    ("classic", "--date", "2024-05-01", "--all-dates"),
    ("classic", "--all-dates", "--first", "--json"),
    ("nonsense",),
])
def test_bad_input_exits_2_with_one_line(args):
    proc = run_cli(*args)
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].strip()
    assert proc.stdout.strip() == ""
