"""Saves and statistics (game.stats, no pygame): crash safety, backups, schema, streaks, found solutions."""
from __future__ import annotations

import datetime as dt
import json
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game import stats
from game.stats import Progress, parse_solution_key, solution_key, streaks

KEY = "classic 2024-05-01"


def test_crash_between_temp_write_and_replace_keeps_the_previous_save(tmp_path, monkeypatch):
    p = Progress(str(tmp_path))
    p.save_moves(KEY, ["P0:0@2,2"], 5.0)

    def crash(src, dst):
        raise OSError(5, "simulated crash before rename")

    monkeypatch.setattr(os, "replace", crash)
    p.save_moves(KEY, ["P0:0@2,2", "P1:0@5,0"], 9.0)
    assert p.notice is not None and p.notice[0] == "save_failed"
    monkeypatch.undo()
    assert [f for f in os.listdir(tmp_path) if f != "progress.json"] == []  # temp file cleaned up
    q = Progress(str(tmp_path))
    assert q.moves(KEY) == ["P0:0@2,2"] and q.elapsed(KEY) == 5.0 and q.notice is None


def test_crash_during_json_dump_keeps_the_previous_save(tmp_path, monkeypatch):
    p = Progress(str(tmp_path))
    p.save_moves(KEY, ["R"], 1.0)
    monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(28, "disk full")))
    p.save_moves(KEY, ["R", "R"], 2.0)
    monkeypatch.undo()
    assert Progress(str(tmp_path)).moves(KEY) == ["R"]


def test_file_is_utf8_json_with_schema_version(tmp_path):
    p = Progress(str(tmp_path))
    p.save_moves("custom 五乘五", ["R"], 0.0)
    data = json.loads((tmp_path / "progress.json").read_bytes().decode("utf-8"))
    assert data["version"] == stats.VERSION
    assert "五乘五" in (tmp_path / "progress.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe\x00garbage", b"[1, 2]", b'{"version": "x", "puzzles": {}}',
                                     b""])
def test_unreadable_file_is_kept_aside_with_a_timestamp(tmp_path, content):
    (tmp_path / "progress.json").write_bytes(content)
    p = Progress(str(tmp_path))
    assert p.notice is not None and p.notice[0] == "save_corrupt"
    backups = sorted(tmp_path.glob("progress.json.corrupt-*"))
    assert len(backups) == 1 and backups[0].read_bytes() == content
    assert p.notice[1]["name"] == backups[0].name
    p.save_moves(KEY, ["R"], 1.0)
    assert Progress(str(tmp_path)).moves(KEY) == ["R"]


def test_two_corrupt_files_in_the_same_second_both_survive(tmp_path):
    for text in (b"{bad one", b"{bad two"):
        (tmp_path / "progress.json").write_bytes(text)
        Progress(str(tmp_path))
    assert {f.read_bytes() for f in tmp_path.glob("progress.json.corrupt-*")} == {b"{bad one", b"{bad two"}


def test_version_1_file_loads_and_newer_version_is_copied_first(tmp_path):
    (tmp_path / "progress.json").write_text(json.dumps(
        {"version": 1, "puzzles": {KEY: {"moves": ["R"], "solved": True, "best_s": 30.0}}}), encoding="utf-8")
    p = Progress(str(tmp_path))
    assert p.notice is None and p.best(KEY) == 30.0 and p.moves(KEY) == ["R"]
    (tmp_path / "progress.json").write_text(json.dumps({"version": 99, "puzzles": {}, "extra": 1}))
    q = Progress(str(tmp_path))
    assert q.notice is not None and q.notice[0] == "save_newer"
    assert len(list(tmp_path.glob("progress.json.v99-*"))) == 1


def test_read_only_folder_runs_and_says_progress_will_not_be_saved(tmp_path, monkeypatch):
    import tempfile

    def refuse(*a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    p = Progress(str(tmp_path))
    assert not p.writable and p.notice[0] == "save_readonly"
    p.save_moves(KEY, ["R"], 1.0)  # no exception
    p.mark_solved(KEY, 3.0, False)
    assert p.moves(KEY) == ["R"] and os.listdir(tmp_path) == []


def test_missing_folder_is_created(tmp_path):
    p = Progress(str(tmp_path / "a" / "b"))
    p.save_moves(KEY, ["R"], 1.0)
    assert (tmp_path / "a" / "b" / "progress.json").exists()


def test_unreadable_existing_file_is_never_overwritten(tmp_path, monkeypatch):
    (tmp_path / "progress.json").write_text('{"version": 2, "puzzles": {"k": {"solved": true}}}')
    real_open = open

    def deny(path, *a, **k):
        if str(path).endswith("progress.json"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *a, **k)

    monkeypatch.setattr("builtins.open", deny)
    p = Progress(str(tmp_path))
    monkeypatch.undo()
    assert not p.writable
    p.save_moves(KEY, [], 0.0)
    assert "solved" in (tmp_path / "progress.json").read_text()


def test_env_var_overrides_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("DAILY_DRILL_DATA_DIR", str(tmp_path))
    assert stats.data_dir() == str(tmp_path)
    monkeypatch.delenv("DAILY_DRILL_DATA_DIR")
    assert "daily-drill" in stats.data_dir()


def test_statistics_summary(tmp_path):
    p = Progress(str(tmp_path))
    today = dt.date(2024, 5, 10)
    for day, secs, assisted in ((8, 100.0, False), (9, 80.0, False), (10, 120.0, False), (5, 60.0, True),
                                (1, 90.0, False), (2, 95.0, False), (3, 99.0, False), (4, 91.0, False)):
        p.mark_solved(f"classic 2024-05-{day:02d}", secs, assisted, on=dt.date(2024, 5, day))
    p.note_help("classic 2024-05-05", "hint")
    p.note_help("classic 2024-05-05", "hint")
    p.note_help("classic 2024-05-05", "solve")
    p.mark_solved("drill 2024-05-10", 10.0, False)
    s = Progress(str(tmp_path)).summary("classic ", today)
    assert (s.days_solved, s.days_alone) == (8, 7)
    assert s.best_s == 80.0 and (s.hints, s.solves) == (2, 1)
    assert (s.current_streak, s.longest_streak) == (3, 4)
    assert s.recent[0] == ("classic 2024-05-10", 120.0, False)
    assert all(k.startswith("classic ") for k, _, _ in s.recent)


def test_streak_survives_until_the_day_is_over():
    d = dt.date(2024, 3, 1)
    assert streaks([d - dt.timedelta(days=1), d - dt.timedelta(days=2)], d) == (2, 2)
    assert streaks([d - dt.timedelta(days=2)], d) == (0, 1)
    assert streaks([dt.date(2024, 2, 28), dt.date(2024, 2, 29), d], d) == (3, 3)  # leap day
    assert streaks([], d) == (0, 0)


def test_found_solutions_are_distinct_and_undo_redo_is_one_completion(tmp_path):
    p = Progress(str(tmp_path))
    a = solution_key([("F6", 0, 3, 5), ("BDQX", 1, 0, 0)])
    b = solution_key([("F6", 1, 3, 4), ("BDQX", 1, 0, 0)])
    assert p.mark_solved(KEY, 50.0, False, a) is True
    assert p.mark_solved(KEY, 52.0, False, a) is False  # undo + redo of the last piece
    assert p.mark_solved(KEY, 70.0, True, b) is True
    assert p.found(KEY) == [a, b]
    assert len(p.record(KEY)["times"]) == 2 and p.best(KEY) == 50.0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["F6", "BDQX", "FS", "SLCS"]), st.integers(0, 7),
                          st.integers(-3, 9), st.integers(-3, 9)), max_size=9))
def test_solution_key_round_trip_ignores_order(pieces):
    k = solution_key(pieces)
    assert sorted(parse_solution_key(k)) == sorted(pieces)
    assert solution_key(reversed(pieces)) == k


def test_wrong_types_inside_records_never_crash(tmp_path):
    (tmp_path / "progress.json").write_text(json.dumps({"version": 2, "puzzles": {
        "classic 2024-01-01": {"solved": True, "solved_alone": True, "times": "x", "hints": "3", "found": 7,
                               "best_s": True},
        "classic junk": {"times": [1, None, {"s": "x"}]}, "other": []}}))
    p = Progress(str(tmp_path))
    s = p.summary("classic ", dt.date(2024, 1, 1))
    assert s.days_alone == 1 and s.current_streak == 1 and s.best_s is None and s.hints == 0
    p.mark_solved("classic junk", 5.0, False, "F6:0@0,0")
    assert p.found("classic junk") == ["F6:0@0,0"]


def test_help_that_was_undone_still_marks_the_completion_assisted(tmp_path):
    p = Progress(str(tmp_path))
    p.note_help(KEY, "hint")
    p.mark_solved(KEY, 40.0, assisted=False)
    assert p.best(KEY) is None and not p.record(KEY)["solved_alone"]
    p.mark_solved(KEY, 45.0, assisted=False, solution="F6:0@0,0")  # the next attempt is clean
    assert p.best(KEY) == 45.0 and p.record(KEY)["solved_alone"]


# ------------------------------------------------------------------ game.saves (file level)


def test_atomic_write_round_trip_and_a_crash_before_replace(tmp_path, monkeypatch):
    from game import saves

    path = tmp_path / "save.json"
    saves.atomic_write(path, {"moves": ["P0:0@2,2"], "名": "五"})
    assert saves.read_json(path) == {"moves": ["P0:0@2,2"], "名": "五"}

    class Crash(BaseException):
        """The process dying between the temp file and the rename."""

    def crash(src, dst):
        raise Crash

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(Crash):
        saves.atomic_write(path, {"moves": []})
    monkeypatch.undo()
    assert saves.read_json(path) == {"moves": ["P0:0@2,2"], "名": "五"}
    assert sorted(os.listdir(tmp_path)) == ["save.json"]


def test_temp_files_left_by_a_killed_process_are_cleaned_at_the_next_start(tmp_path):
    import time

    from game import saves

    old = tmp_path / ".progress-abc.json"
    old.write_text("{half")
    t = time.time() - 3600
    os.utime(old, (t, t))
    young = tmp_path / ".progress-def.json"
    young.write_text("{")
    Progress(str(tmp_path))
    assert not old.exists() and young.exists()
    assert saves.clean_temp(tmp_path / "missing") == 0
