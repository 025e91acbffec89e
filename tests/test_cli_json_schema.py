"""The ``--json`` contract: every object the solver CLI prints validates against
``docs/cli-output.schema.json`` (JSON Schema 2020-12, checked with the ``jsonschema``
package), carries ``"schema": 1`` and its ``"mode"``; and the schema is strict enough
to reject a wrong output.

Outputs come from real runs of :func:`solver.cli.main`; the expected counts are
published figures (57 solutions on May 1, 24,405 over a leap year; 9,356 tilings of
the 6 x 10 rectangle, 2,339 up to symmetry).
"""
from __future__ import annotations

import copy
import json
import os

import jsonschema
import pytest

from solver import cli

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEMA_PATH = os.path.join(ROOT, "docs", "cli-output.schema.json")


@pytest.fixture(scope="module")
def validator():
    with open(SCHEMA_PATH, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def run_json(argv: list[str], capsys) -> dict:
    """Run the CLI in-process; returns the one JSON object it printed."""
    assert cli.main(argv) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1, "one object on one line"
    return json.loads(out)


PUZZLE = os.path.join(ROOT, "assets", "puzzles", "pentomino_5x5.toml")
CASES = {
    "classic date count": (["classic", "--date", "2024-05-01", "--count", "--json"], "classic"),
    "classic date first": (["classic", "--date", "2024-05-01", "--first", "--json"], "classic"),
    "classic date all": (["classic", "--date", "2024-10-06", "--all", "--json"], "classic"),
    "classic all dates": (["classic", "--all-dates", "--json"], "classic"),
    "drill date": (["drill", "--date", "2024-05-01", "--json"], "drill"),
    "drill date first": (["drill", "--date", "2024-02-29", "--first", "--json"], "drill"),
    "drill year": (["drill", "--year", "2023", "--json"], "drill"),
    "file count": (["file", PUZZLE, "--json"], "file"),
    "file unique all": (["file", PUZZLE, "--unique", "--all", "--json"], "file"),
    "flip solvable": (["flip", "--size", "5", "--on", "0,0;0,1;1,0", "--json"], "flip"),
    "flip unsolvable": (["flip", "--size", "5", "--on", "0,0", "--json"], "flip"),
    "variant date": (["variant", "weekday", "--date", "2024-05-01", "--json"], "variant"),
    "variant date first no mirror": (["variant", "tetromino", "--date", "2024-05-01", "--first",
                                      "--no-mirror", "--json"], "variant"),
    "variant all dates": (["variant", "dragonfjord", "--all-dates", "--json"], "variant"),
    "variant list": (["variant", "--list", "--json"], None),
}


@pytest.mark.parametrize("case", list(CASES))
def test_real_outputs_validate(case, validator, capsys):
    argv, mode = CASES[case]
    obj = run_json(argv, capsys)
    errors = [e.message for e in validator.iter_errors(obj)]
    assert errors == [], errors
    assert obj["schema"] == 1 and obj.get("mode") == mode and next(iter(obj)) == "schema"


def test_published_counts_in_the_json(capsys):
    assert run_json(["classic", "--date", "2024-05-01", "--json"], capsys)["count"] == 57
    alld = run_json(["classic", "--all-dates", "--json"], capsys)
    assert alld["total"] == 24405 and len(alld["dates"]) == 366 and alld["dates"]["10-06"] == 7


def test_the_schema_rejects_wrong_outputs(validator, capsys):
    good = run_json(["classic", "--date", "2024-05-01", "--first", "--json"], capsys)
    flip = run_json(["flip", "--size", "5", "--on", "0,0", "--json"], capsys)
    assert validator.is_valid(good) and validator.is_valid(flip)
    bad = []
    for change in (
        lambda o: o.pop("schema"),
        lambda o: o.update(schema=2),
        lambda o: o.update(mode="drill"),  # drill needs formations, names, board, ...
        lambda o: o.update(date="2024-5-1"),
        lambda o: o.update(count=-1),
        lambda o: o.update(extra=True),
        lambda o: o["solutions"][0][0].update(formation=""),
        lambda o: o["solutions"][0][0]["cells"].append([1]),
    ):
        o = copy.deepcopy(good)
        change(o)
        bad.append(o)
    f = copy.deepcopy(flip)
    f.pop("mode")
    bad.append(f)
    f = copy.deepcopy(flip)
    f["presses"] = "none"
    bad.append(f)
    assert [validator.is_valid(o) for o in bad] == [False] * len(bad)
