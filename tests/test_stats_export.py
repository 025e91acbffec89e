"""The statistics export (``--export-stats PATH|-``, the Stats screen's Export and Reset buttons).

Expected exports are written out by hand from hand-built records, following the
daily-ritual rules (one entry per date and mode; assisted solves are marked, have no
time and are never streak days; a streak day is a day whose own puzzle was solved by
hand that day, in any mode); every real export validates against
``docs/stats-export.schema.json`` (jsonschema).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import jsonschema
import pygame
import pytest
from helpers import DATE, FakeToday, frame, make_control, play_solution

from game.stats import Stats, export_name
from game.store import Store

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEMA_PATH = os.path.join(ROOT, "docs", "stats-export.schema.json")
TODAY = dt.date(2024, 5, 10)


@pytest.fixture(scope="module")
def validator():
    with open(SCHEMA_PATH, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def rec(solved_on: str | None, seconds: float | None = None, assisted: bool = False, moves: int = 7, **kw) -> dict:
    """A stored statistics record of a solve (as game.stats writes it)."""
    out = {"solved": True, "assisted": assisted, "seconds": seconds, "moves": moves, "solved_on": solved_on,
           "hints": 0, "solves": 0, "searches": 0, "found": []}
    out.update(kw)
    return out


RECORDS = {
    "classic 2024-05-05": rec("2024-05-05", 80.0),                     # streak day
    "variant:weekday 2024-05-06": rec("2024-05-06", 95.5, moves=9),    # streak day (any mode)
    "classic 2024-05-07": rec("2024-05-07", 30.0, assisted=True, solves=1),  # assisted: breaks the run
    "classic 2024-05-08": rec("2024-05-08", 100.0, moves=8),           # streak day
    "drill 2024-05-09": rec("2024-05-09", 50.0, moves=11),             # streak day
    "classic 2024-05-09": rec("2024-05-09", None, assisted=True, hints=2),
    "flip 4x4 2024-05-10": rec("2024-05-10", None, assisted=True, moves=3),
    "flip 5x5 2024-05-10": rec("2024-05-10", 20.0, moves=6),           # streak day; one Flip entry for the date
    "classic 2024-05-01": rec("2024-05-10", 41.0),                      # archive: practice, no streak day
    "classic 2024-05-03": {"hints": 1, "found": []},                    # not solved: not listed
    "file:Pentomino 6 x 10": rec("2024-05-04", 12.0),                   # undated custom file: not listed
}
EXPECTED_SOLVED = [
    {"date": "2024-05-01", "mode": "classic", "assisted": False, "seconds": 41.0, "moves": 7,
     "solved_on": "2024-05-10", "streak_day": False},
    {"date": "2024-05-05", "mode": "classic", "assisted": False, "seconds": 80.0, "moves": 7,
     "solved_on": "2024-05-05", "streak_day": True},
    {"date": "2024-05-06", "mode": "variant:weekday", "assisted": False, "seconds": 95.5, "moves": 9,
     "solved_on": "2024-05-06", "streak_day": True},
    {"date": "2024-05-07", "mode": "classic", "assisted": True, "seconds": None, "moves": 7,
     "solved_on": "2024-05-07", "streak_day": False},
    {"date": "2024-05-08", "mode": "classic", "assisted": False, "seconds": 100.0, "moves": 8,
     "solved_on": "2024-05-08", "streak_day": True},
    {"date": "2024-05-09", "mode": "classic", "assisted": True, "seconds": None, "moves": 7,
     "solved_on": "2024-05-09", "streak_day": False},
    {"date": "2024-05-09", "mode": "drill", "assisted": False, "seconds": 50.0, "moves": 11,
     "solved_on": "2024-05-09", "streak_day": True},
    {"date": "2024-05-10", "mode": "flip", "assisted": False, "seconds": 20.0, "moves": 6,
     "solved_on": "2024-05-10", "streak_day": True},
]
# streak days 05-05 05-06 | 05-08 05-09 05-10 (05-07 was assisted): current 3, longest 3
EXPECTED_STREAK = {"current": 3, "longest": 3}


def write_records(folder, records: dict) -> None:
    (folder / "progress.json").write_text(json.dumps({"version": 3, "games": {}, "records": records}),
                                          encoding="utf-8")


def streak_from_export(solved: list[dict], today: dt.date) -> tuple[int, int]:
    """A second way to the streaks, from the exported entries only."""
    days = sorted({dt.date.fromisoformat(e["date"]) for e in solved
                   if not e["assisted"] and e["solved_on"] == e["date"]})
    longest = run = 0
    for i, d in enumerate(days):
        run = run + 1 if i and (d - days[i - 1]).days == 1 else 1
        longest = max(longest, run)
    end = today if today in days else today - dt.timedelta(days=1)
    current = 0
    while end in days:
        current, end = current + 1, end - dt.timedelta(days=1)
    return current, longest


def test_export_of_hand_built_records_follows_the_ritual_rules(tmp_path, validator):
    write_records(tmp_path, RECORDS)
    data = Stats(Store(str(tmp_path)), FakeToday(TODAY)).export()
    validator.validate(data)
    assert data["schema"] == 1 and data["today"] == "2024-05-10"
    assert data["solved"] == EXPECTED_SOLVED
    assert data["streak"] == EXPECTED_STREAK
    assert streak_from_export(data["solved"], TODAY) == (3, 3)
    # the day after: today's puzzle still open, the streak stands; two days after, it is gone
    later = Stats(Store(str(tmp_path)), FakeToday(TODAY + dt.timedelta(days=1))).export()
    assert later["streak"] == {"current": 3, "longest": 3}
    gone = Stats(Store(str(tmp_path)), FakeToday(TODAY + dt.timedelta(days=2))).export()
    assert gone["streak"] == {"current": 0, "longest": 3}


def test_an_assisted_record_with_a_stored_time_still_exports_no_time(tmp_path, validator):
    write_records(tmp_path, {"classic 2024-05-10": rec("2024-05-10", 12.5, assisted=True)})
    data = Stats(Store(str(tmp_path)), FakeToday(TODAY)).export()
    validator.validate(data)
    assert data["solved"][0]["seconds"] is None and data["streak"] == {"current": 0, "longest": 0}


def test_no_data_yet_gives_an_empty_list(tmp_path, validator):
    data = Stats(Store(str(tmp_path)), FakeToday(TODAY)).export()
    validator.validate(data)
    assert data["solved"] == [] and data["streak"] == {"current": 0, "longest": 0}
    assert os.listdir(tmp_path) == []  # reading wrote nothing


def test_the_schema_rejects_what_breaks_the_rules(tmp_path, validator):
    write_records(tmp_path, RECORDS)
    good = Stats(Store(str(tmp_path)), FakeToday(TODAY)).export()
    bad_entries = [
        {**EXPECTED_SOLVED[3], "seconds": 30.0},            # assisted with a time
        {**EXPECTED_SOLVED[3], "streak_day": True},         # assisted streak day
        {**EXPECTED_SOLVED[0], "mode": "file:Pentomino"},   # not an exported mode
        {**EXPECTED_SOLVED[0], "date": "24-05-01"},         # not a full date
        {k: v for k, v in EXPECTED_SOLVED[0].items() if k != "moves"},
        {**EXPECTED_SOLVED[0], "moves": -1},
    ]
    for entry in bad_entries:
        with pytest.raises(jsonschema.ValidationError):
            validator.validate({**good, "solved": [entry]})
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({**good, "schema": 2})
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({k: v for k, v in good.items() if k != "streak"})


def test_a_game_played_through_the_mid_end_is_exported(worker, tmp_path, validator):
    """A real hand solve (the loop on a fake clock) shows up with its time and moves."""
    c = make_control(worker, tmp_path, lang="en")
    frame(c, 2)
    play_solution(c.scene, ["F6"])  # the timer starts with the first move
    c.ctx.clock.advance(5.0)
    play_solution(c.scene, ["BDQX", "FS", "SLCS", "JQHH", "JS", "XX", "GX"])
    frame(c, 2)
    assert c.scene.state.is_solved
    data = c.ctx.stats.export()
    validator.validate(data)
    assert len(data["solved"]) == 1
    entry = data["solved"][0]
    assert entry["date"] == DATE.isoformat() and entry["mode"] == "classic" and not entry["assisted"]
    assert entry["moves"] == 8 and entry["seconds"] is not None and entry["seconds"] >= 5.0
    assert entry["streak_day"] and data["streak"] == {"current": 1, "longest": 1}


# ------------------------------------------------------------------ the command line


def run_game(*args: str, data_dir, cwd=None, exe: list[str] | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, DAILY_DRILL_DATA_DIR=str(data_dir))
    return subprocess.run((exe or [sys.executable, "-m", "game"]) + list(args), capture_output=True, text=True,
                          env=env, cwd=cwd or ROOT, timeout=120, encoding="utf-8")


def test_cli_export_to_stdout_path_and_bad_paths(tmp_path, validator):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    write_records(data_dir, RECORDS)
    before = {p.name: p.read_bytes() for p in data_dir.iterdir()}

    out = run_game("--export-stats", "-", data_dir=data_dir)
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("\n") == 1 and out.stderr == ""
    data = json.loads(out.stdout)
    validator.validate(data)
    assert data["solved"] == EXPECTED_SOLVED  # streaks depend on the real today; the list does not

    dest = tmp_path / "mine.json"
    out = run_game("--export-stats", str(dest), data_dir=data_dir)
    assert out.returncode == 0 and out.stdout.count("\n") == 1 and str(dest) in out.stdout, out.stderr
    assert "8 solved puzzles" in out.stdout
    assert json.loads(dest.read_text(encoding="utf-8")) == data
    assert oct(dest.stat().st_mode & 0o777) != oct(0o600)  # an ordinary file, not mkstemp's private one

    for bad in (tmp_path / "no-such-folder" / "x.json", tmp_path):  # a missing folder; a folder
        out = run_game("--export-stats", str(bad), data_dir=data_dir)
        assert out.returncode == 2 and out.stdout == "", out.stdout
        assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr and str(bad) in out.stderr
    assert {p.name: p.read_bytes() for p in data_dir.iterdir()} == before  # the export never writes there


def test_cli_export_with_no_data_and_from_the_console_script(tmp_path, validator):
    script = os.path.join(os.path.dirname(sys.executable), "daily-drill")
    assert os.path.exists(script), "make test installs the console scripts into the venv"
    out = run_game("--export-stats", "-", data_dir=tmp_path / "empty", exe=[script], cwd=str(tmp_path))
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    validator.validate(data)
    assert data["solved"] == [] and data["streak"] == {"current": 0, "longest": 0}
    assert not (tmp_path / "empty").exists()


# ------------------------------------------------------------------ the Stats screen


def click_at(scene, pos) -> None:
    scene.handle_event(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=tuple(int(v) for v in pos), button=1))


@pytest.mark.parametrize("size", [(1120, 780), (700, 560)])
def test_stats_screen_export_button_writes_a_valid_file(worker, tmp_path, monkeypatch, validator, size):
    from game.widgets.dialogs import Dialog
    from game.widgets.overlays import StatsOverlay

    out_dir = tmp_path / "exports"
    monkeypatch.setenv("DAILY_DRILL_EXPORT_DIR", str(out_dir))
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    write_records(data_dir, RECORDS)
    c = make_control(worker, data_dir, lang="en", size=size, today=FakeToday(TODAY))
    s = c.scene
    frame(c)
    assert s.command("stats") and isinstance(s.overlay, StatsOverlay)
    rects = s.overlay.button_rects(s.size)
    assert set(rects) == {"export", "reset"}
    assert all(r.height >= 32 and r.width >= 32 for r in rects.values())
    box = s.overlay.geometry(s.size, 11)[0]
    assert all(box.contains(r) for r in rects.values())
    click_at(s, rects["export"].center)
    frame(c)
    dialog = s.overlay.child
    assert isinstance(dialog, Dialog) and dialog.title[0] == "export_done_title"
    path = out_dir / export_name(TODAY)
    assert str(path) in dialog.texts("en")[1]
    data = json.loads(path.read_text(encoding="utf-8"))
    validator.validate(data)
    assert data["solved"] == EXPECTED_SOLVED and data["streak"] == EXPECTED_STREAK
    ok = dialog.rects(s.size)["buttons"][0]
    click_at(s, ok.center)
    assert isinstance(s.overlay, StatsOverlay) and s.overlay.child is None


def test_stats_screen_reset_asks_keeps_a_copy_and_can_be_undone(worker, tmp_path):
    from game.widgets.overlays import StatsOverlay

    write_records(tmp_path, RECORDS)
    c = make_control(worker, tmp_path, lang="en", today=FakeToday(TODAY))
    s = c.scene
    frame(c)
    s.command("stats")
    ov = s.overlay
    assert ov.summary.hand > 0
    before = (tmp_path / "progress.json").read_bytes()
    # first time: Esc on the question changes nothing
    click_at(s, ov.button_rects(s.size)["reset"].center)
    assert ov.child is not None and ov.child.title[0] == "reset_ask_title"
    assert ov.child.buttons[ov.child.focus].value == "close"  # the safe answer is focused
    s.handle_event(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode="\x1b"))
    assert ov.child is None and s.overlay is ov
    assert json.loads((tmp_path / "progress.json").read_text(encoding="utf-8"))["records"] == RECORDS
    # second time: confirmed
    click_at(s, ov.button_rects(s.size)["reset"].center)
    click_at(s, ov.child.rects(s.size)["buttons"][1].center)
    assert ov.child.title[0] == "reset_done_title"
    copies = list(tmp_path.glob("progress.json.reset-*"))
    assert len(copies) == 1 and str(copies[0]) in ov.child.texts("en")[1]
    assert json.loads(copies[0].read_text(encoding="utf-8"))["records"] == RECORDS
    assert json.loads(before) == json.loads(copies[0].read_bytes())
    assert json.loads((tmp_path / "progress.json").read_text(encoding="utf-8"))["records"] == {}
    assert ov.summary.hand == 0 and ov.summary.assisted == 0
    assert c.ctx.stats.export()["solved"] == []
    # undo, as the dialog says: copy it back over the progress file
    os.replace(copies[0], tmp_path / "progress.json")
    again = Stats(Store(str(tmp_path)), FakeToday(TODAY)).export()
    assert again["solved"] == EXPECTED_SOLVED and again["streak"] == EXPECTED_STREAK
    assert isinstance(s.overlay, StatsOverlay)


def test_stats_screen_without_saving_offers_export_only(worker, tmp_path):
    (tmp_path / "progress.json").write_text(json.dumps({"version": 999, "games": {}, "records": RECORDS}))
    c = make_control(worker, tmp_path, lang="en", today=FakeToday(TODAY))
    s = c.scene
    frame(c)
    s.overlays.close()  # the newer-version notice
    s.command("stats")
    assert set(s.overlay.button_rects(s.size)) == {"export"}


@pytest.mark.parametrize("backup", [None, b"", b"{not json", b'{"version": 3, "records": []}'])
def test_cli_export_says_when_the_backup_is_unusable_too(tmp_path, backup):
    """The file and its backup both damaged (or the backup missing): the export says no usable
    backup exists, prints empty statistics, and changes neither file."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "progress.json").write_bytes(b"\x00" * 40)
    if backup is not None:
        (data_dir / "progress.json.bak").write_bytes(backup)
    before = {p.name: p.read_bytes() for p in data_dir.iterdir()}
    out = run_game("--export-stats", "-", data_dir=data_dir)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["solved"] == []
    lines = out.stderr.splitlines()
    assert len(lines) == 1 and "warning" in lines[0] and "no usable backup" in lines[0], lines
    assert ("missing" if backup is None else "damaged too") in lines[0]
    assert "reading its backup" not in lines[0]
    assert {p.name: p.read_bytes() for p in data_dir.iterdir()} == before


BAD_RECORDS = [{"solved": "maybe"}, {"solved": True, "seconds": "fast"}, {"solved": True, "moves": -3},
               {"solved": True, "solved_on": "yesterday"}, {"solved": True, "found": "all"}, ["solved"],
               {"solved": True, "assisted": 1}, {"hints": True}]


@pytest.mark.parametrize("bad", BAD_RECORDS, ids=[json.dumps(b) for b in BAD_RECORDS])
def test_a_record_of_the_wrong_structure_is_left_out_and_said(tmp_path, bad, validator):
    """Not counted, exported or drawn; the export warns in one line; the game says so on the
    status line; the well-formed records stay, and playing the bad one's date replaces it."""
    from helpers import frame, make_control, play_solution

    data_dir = tmp_path / "data"
    data_dir.mkdir()
    good = rec("2024-05-05", 80.0)
    write_records(data_dir, {"classic 2024-05-01": bad, "classic 2024-05-05": good})
    before = (data_dir / "progress.json").read_bytes()
    out = run_game("--export-stats", "-", data_dir=data_dir)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    validator.validate(data)
    assert [e["date"] for e in data["solved"]] == ["2024-05-05"]
    lines = out.stderr.splitlines()
    assert len(lines) == 1 and "wrong structure" in lines[0] and "classic 2024-05-01" in lines[0], lines
    assert (data_dir / "progress.json").read_bytes() == before

    c = make_control(None, data_dir, lang="en", date=DATE)
    frame(c, 2)
    assert c.ctx.stats.solved_count("classic") == 1
    assert "wrong structure" in c.scene.status_text()
    play_solution(c.scene)
    frame(c, 2)
    assert c.scene.state.is_solved
    saved = json.loads((data_dir / "progress.json").read_text(encoding="utf-8"))["records"]
    assert saved["classic 2024-05-05"] == good
    mine = saved["classic 2024-05-01"]
    assert mine["solved"] is True and mine["assisted"] is False and mine["solved_on"] == DATE.isoformat()
    assert c.ctx.stats.solved_count("classic") == 2
