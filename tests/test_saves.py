"""The progress file (game.saves, game.store; no pygame): crash safety, backups, schema,
migration of version-1/2 files; solution keys.  Statistics rules: tests/test_game_stats.py."""
from __future__ import annotations

import datetime as dt
import json
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game import saves, store
from game.midend import GameId
from game.stats import parse_solution_key, solution_key
from game.store import Store

KEY = "classic 2024-05-01"
GID = GameId.from_text(KEY)


def put(s: Store, moves: list[str], elapsed: float, gid: GameId = GID) -> None:
    """Store a mid-end save of ``moves`` (all by hand) and write the file."""
    s.put_game(gid, {"moves": [["move", m] for m in moves], "pos": len(moves), "elapsed_s": elapsed,
                     "started": True})


def moves(s: Store, gid: GameId = GID) -> list[str]:
    """The saved move texts of ``gid`` ([] when none)."""
    g = s.game(gid)
    return [m for _, m in g["moves"]] if g else []


def test_crash_between_temp_write_and_replace_keeps_the_previous_save(tmp_path, monkeypatch):
    p = Store(str(tmp_path))
    put(p, ["P0:0@2,2"], 5.0)

    def crash(src, dst):
        raise OSError(5, "simulated crash before rename")

    monkeypatch.setattr(os, "replace", crash)
    put(p, ["P0:0@2,2", "P1:0@5,0"], 9.0)
    assert p.notice is not None and p.notice[0] == "save_failed"
    monkeypatch.undo()
    # temp files cleaned up; the lock file (empty) stays, as filelock leaves it on POSIX
    assert [f for f in os.listdir(tmp_path) if f not in ("progress.json", "progress.json.lock")] == []
    q = Store(str(tmp_path))
    assert moves(q) == ["P0:0@2,2"] and q.game(GID)["elapsed_s"] == 5.0 and q.notice is None


def test_crash_during_json_dump_keeps_the_previous_save(tmp_path, monkeypatch):
    p = Store(str(tmp_path))
    put(p, ["R"], 1.0)
    monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(28, "disk full")))
    put(p, ["R", "R"], 2.0)
    monkeypatch.undo()
    assert moves(Store(str(tmp_path))) == ["R"]


def test_file_is_utf8_json_with_schema_version(tmp_path):
    p = Store(str(tmp_path))
    put(p, ["R"], 0.0, GameId("file:五乘五"))
    data = json.loads((tmp_path / "progress.json").read_bytes().decode("utf-8"))
    assert data["version"] == store.VERSION == 3
    assert "五乘五" in (tmp_path / "progress.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe\x00garbage", b"[1, 2]", b'{"version": "x", "puzzles": {}}',
                                     b""])
def test_unreadable_file_is_kept_aside_with_a_timestamp(tmp_path, content):
    (tmp_path / "progress.json").write_bytes(content)
    p = Store(str(tmp_path))
    assert p.notice is not None and p.notice[0] == "save_corrupt"
    backups = sorted(tmp_path.glob("progress.json.corrupt-*"))
    assert len(backups) == 1 and backups[0].read_bytes() == content
    assert p.notice[1]["name"] == backups[0].name
    put(p, ["R"], 1.0)
    assert moves(Store(str(tmp_path))) == ["R"]


def test_two_corrupt_files_in_the_same_second_both_survive(tmp_path):
    for text in (b"{bad one", b"{bad two"):
        (tmp_path / "progress.json").write_bytes(text)
        Store(str(tmp_path))
    assert {f.read_bytes() for f in tmp_path.glob("progress.json.corrupt-*")} == {b"{bad one", b"{bad two"}


def test_newer_version_is_never_written(tmp_path):
    (tmp_path / "progress.json").write_text(json.dumps({"version": 99, "games": {}, "extra": 1}))
    before = (tmp_path / "progress.json").read_bytes()
    q = Store(str(tmp_path))
    assert q.notice is not None and q.notice[0] == "save_newer" and q.notice[1]["found"] == 99
    assert not q.writable
    put(q, ["R"], 1.0)  # play goes on, in memory only
    assert moves(q) == ["R"] and not q.flush()
    assert (tmp_path / "progress.json").read_bytes() == before
    assert os.listdir(tmp_path) == ["progress.json"]  # no copy, no backup, no lock file


def test_version_1_and_2_files_are_migrated_and_nothing_is_lost(tmp_path):
    """A polyomino move log, a Flip undo list of whole states, statistics and found boards."""
    from solver import flip

    start = flip.daily_pattern(dt.date(2024, 5, 1), 4)
    a = start ^ flip.press_mask(4, 4, 0, 0)
    b = a ^ flip.press_mask(4, 4, 2, 1)
    old = {"version": 2, "puzzles": {
        KEY: {"moves": ["P0:0@2,2", "A1:0@5,0"], "elapsed_s": 42.0, "solved": True, "solved_alone": True,
              "best_s": 30.0, "hints": 2, "found": ["F6:0@3,5"], "times": [{"on": "2024-05-01", "s": 30.0}]},
        "flip 4x4 2024-05-01": {"history": [[start, 0, False], [a, 1, False], [b, 2, True], [start, 0, True]],
                                "pos": 2, "elapsed_s": 7.5},
        "custom 5 x 5": {"moves": ["L3"], "elapsed_s": 1.0},
        "junk": 3}}
    (tmp_path / "progress.json").write_text(json.dumps(old), encoding="utf-8")
    p = Store(str(tmp_path))
    assert p.notice is None
    g = p.game(GID)
    assert g["moves"] == [["move", "P0:0@2,2"], ["solve", "A1:0@5,0"]] and g["pos"] == 2
    assert g["elapsed_s"] == 42.0 and g["recorded"]
    rec = p.peek(GID)
    assert rec["solved"] and not rec["assisted"] and rec["seconds"] == 30.0 and rec["hints"] == 2
    assert rec["found"] == ["F6:0@3,5"] and rec["solved_on"] == "2024-05-01"
    f = p.game(GameId.from_text("flip 4x4 2024-05-01"))
    assert f["moves"] == [["move", "0,0"], ["solve", "A2,1"], ["restart", ""]] and f["pos"] == 2
    assert f["elapsed_s"] == 7.5 and f["assisted"]
    assert moves(p, GameId("file:5 x 5")) == ["L3"]
    p.flush()
    again = json.loads((tmp_path / "progress.json").read_text(encoding="utf-8"))
    assert again["version"] == 3 and "puzzles" not in again


def test_read_only_folder_runs_and_says_progress_will_not_be_saved(tmp_path, monkeypatch):
    import tempfile

    def refuse(*a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    p = Store(str(tmp_path))
    assert not p.writable and p.notice[0] == "save_readonly"
    put(p, ["R"], 1.0)  # no exception
    assert moves(p) == ["R"] and os.listdir(tmp_path) == []


def test_missing_folder_is_created(tmp_path):
    p = Store(str(tmp_path / "a" / "b"))
    put(p, ["R"], 1.0)
    assert (tmp_path / "a" / "b" / "progress.json").exists()


def test_unreadable_existing_file_is_never_overwritten(tmp_path, monkeypatch):
    (tmp_path / "progress.json").write_text('{"version": 2, "puzzles": {"k": {"solved": true}}}')
    real_open = open

    def deny(path, *a, **k):
        if str(path).endswith("progress.json"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *a, **k)

    monkeypatch.setattr("builtins.open", deny)
    p = Store(str(tmp_path))
    monkeypatch.undo()
    assert not p.writable
    put(p, [], 0.0)
    assert "solved" in (tmp_path / "progress.json").read_text()


def test_disabled_store_writes_nothing(tmp_path):
    p = Store(str(tmp_path), enabled=False)
    put(p, ["R"], 1.0)
    assert os.listdir(tmp_path) == [] and moves(p) == ["R"]


def test_env_var_overrides_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("DAILY_DRILL_DATA_DIR", str(tmp_path))
    assert saves.data_dir() == str(tmp_path)
    monkeypatch.delenv("DAILY_DRILL_DATA_DIR")
    assert "daily-drill" in saves.data_dir()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["F6", "BDQX", "FS", "SLCS"]), st.integers(0, 7),
                          st.integers(-3, 9), st.integers(-3, 9)), max_size=9))
def test_solution_key_round_trip_ignores_order(pieces):
    k = solution_key(pieces)
    assert sorted(parse_solution_key(k)) == sorted(pieces)
    assert solution_key(reversed(pieces)) == k


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
    Store(str(tmp_path))
    assert not old.exists() and young.exists()
    assert saves.clean_temp(tmp_path / "missing") == 0
