"""Two windows, no loss: every save is lock - re-read - merge - write (game.store, game.saves).

In-process: two ``Store`` objects on one folder stand for two windows.  Real
processes: two (and two real ``python -m game``) processes save at the same moment,
held at a barrier (a file both wait for) so their writes overlap.  Merged records are
checked against facts written out by hand (the union: solved stays solved, assisted
stays assisted, the fastest hand time, every found board, help counts added up).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from game.midend import GameId
from game.store import Store, merge_record

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
D1 = GameId.from_text("classic 2024-05-01")
D2 = GameId.from_text("classic 2024-05-02")
F1 = GameId.from_text("flip 4x4 2024-05-01")


def game_save(moves: list[str]) -> dict:
    return {"moves": [["move", m] for m in moves], "pos": len(moves), "elapsed_s": float(len(moves)), "started": True}


def moves(store: Store, gid: GameId) -> list[str]:
    g = store.game(gid)
    return [m for _, m in g["moves"]] if g else []


# ---------------------------------------------------------------- merge_record, by hand


def test_merge_record_keeps_the_union_of_facts():
    disk = {"solved": True, "assisted": False, "seconds": 80.0, "moves": 9, "solved_on": "2024-05-01",
            "hints": 1, "found": ["A", "B"]}
    base = {"hints": 0, "found": []}
    mine = {"solved": True, "assisted": False, "seconds": 60.0, "moves": 12, "solved_on": "2024-05-02",
            "hints": 2, "solves": 1, "found": ["B", "C"]}
    out = merge_record(disk, mine, base)
    assert out == {"solved": True, "assisted": False, "seconds": 60.0, "moves": 9, "solved_on": "2024-05-01",
                   "hints": 3, "solves": 1, "found": ["A", "B", "C"]}
    assert disk["found"] == ["A", "B"] and mine["found"] == ["B", "C"]  # arguments unchanged


def test_merge_record_assisted_stays_assisted_and_solved_stays_solved():
    hand = {"solved": True, "assisted": False, "seconds": 50.0, "moves": 8, "solved_on": "2024-05-01"}
    helped = {"solved": True, "assisted": True, "seconds": None, "moves": 8, "solved_on": "2024-05-01", "solves": 1}
    out = merge_record(hand, helped, {})
    assert out["solved"] and out["assisted"] and out["seconds"] is None and out["solves"] == 1
    out = merge_record(helped, hand, {})
    assert out["solved"] and out["assisted"] and out["seconds"] is None
    # an unsolved window never unsolves: it only adds its help
    out = merge_record(hand, {"hints": 1}, {})
    assert out["solved"] and not out["assisted"] and out["seconds"] == 50.0 and out["hints"] == 1


def test_merge_record_does_not_bring_back_what_a_reset_removed():
    """The file was reset in another window (record gone); this window had read the old record
    and then asked one hint: only that hint is new."""
    old = {"solved": True, "assisted": False, "seconds": 50.0, "moves": 8, "solved_on": "2024-05-01",
           "hints": 2, "found": ["A"]}
    mine = {**old, "hints": 3, "found": ["A", "B"]}
    assert merge_record({}, mine, old) == {"hints": 1, "found": ["B"]}


# ---------------------------------------------------------------- two Stores, one folder


def test_two_windows_saving_different_dates_keep_both(tmp_path):
    a, b = Store(str(tmp_path)), Store(str(tmp_path))
    a.put_game(D1, game_save(["P0:0@2,2"]))
    b.put_game(D2, game_save(["P1:0@5,0"]))
    a.put_game(D1, game_save(["P0:0@2,2", "R"]))
    fresh = Store(str(tmp_path))
    assert moves(fresh, D1) == ["P0:0@2,2", "R"] and moves(fresh, D2) == ["P1:0@5,0"]
    assert moves(a, D2) == ["P1:0@5,0"]  # a window sees the other's progress after its own save


def test_two_windows_on_the_same_date_keep_the_newer_game_and_every_fact(tmp_path):
    a, b = Store(str(tmp_path)), Store(str(tmp_path))
    a.record(D1).update(solved=True, assisted=False, seconds=70.0, moves=8, solved_on="2024-05-01", found=["A"])
    a.put_game(D1, game_save(["x"] * 8))
    b.record(D1).update(hints=1, found=["B"])
    b.put_game(D1, game_save(["y"]))
    fresh = Store(str(tmp_path))
    assert moves(fresh, D1) == ["y"]  # the newer change of the game
    r = fresh.peek(D1)
    assert r["solved"] and r["seconds"] == 70.0 and r["hints"] == 1 and r["found"] == ["A", "B"]


def test_a_save_that_failed_is_merged_later_and_an_older_change_loses(tmp_path, monkeypatch):
    a, b = Store(str(tmp_path)), Store(str(tmp_path))
    monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(28, "No space left on device")))
    a.put_game(D1, game_save(["old"]))  # fails: stays pending in a
    monkeypatch.undo()
    time.sleep(0.01)
    b.put_game(D1, game_save(["new"]))
    a.put_game(D2, game_save(["other"]))  # a's pending D1 goes now, but b's D1 is newer
    fresh = Store(str(tmp_path))
    assert moves(fresh, D1) == ["new"] and moves(fresh, D2) == ["other"]


def test_reset_in_one_window_is_not_undone_by_the_other(tmp_path):
    a = Store(str(tmp_path))
    a.record(D1).update(solved=True, assisted=False, seconds=30.0, moves=8, solved_on="2024-05-01", hints=1)
    a.record(D2).update(solved=True, assisted=False, seconds=40.0, moves=8, solved_on="2024-05-02")
    a.flush()
    b = Store(str(tmp_path))
    kept = a.reset_records()
    assert os.path.exists(kept)
    b.record(D1)["hints"] = 2  # b asks one more hint on D1
    b.put_game(D2, game_save(["R"]))
    fresh = Store(str(tmp_path))
    assert fresh.data["records"] == {D1.text: {"hints": 1}}
    assert moves(fresh, D2) == ["R"]


# ---------------------------------------------------------------- real processes


SAVER = r"""
import json, os, sys, time
from game.midend import GameId
from game.store import Store
folder, name, gid_text, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
s = Store(folder)
g = GameId.from_text(gid_text)
open(os.path.join(folder, "ready-" + name), "w").close()
while not os.path.exists(os.path.join(folder, "go")):  # the barrier: both start together
    time.sleep(0.001)
for i in range(1, n + 1):
    s.put_game(g, {"moves": [["move", name]] * i, "pos": i, "elapsed_s": float(i), "started": True})
    r = s.record(g)
    r["hints"] = r.get("hints", 0) + 1
    r["found"] = list(r.get("found", [])) + [f"{name}-{i}"]
    s.flush()
print(json.dumps({"notice": s.notice}))
"""


def run_two_savers(folder, jobs: list[tuple[str, GameId]], n: int) -> list[dict]:
    """Start one saving process per (name, game id); release them together; their outputs."""
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    procs = [subprocess.Popen([sys.executable, "-c", SAVER, str(folder), name, gid.text, str(n)], cwd=ROOT,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for name, gid in jobs]
    deadline = time.monotonic() + 120
    while not all((folder / f"ready-{name}").exists() for name, _ in jobs):
        assert all(p.poll() is None for p in procs), [p.communicate() for p in procs]
        assert time.monotonic() < deadline, "the saving processes never got ready"
        time.sleep(0.01)
    (folder / "go").touch()
    outs = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        outs.append(json.loads(out))
    return outs


@pytest.mark.parametrize("same_date", [False, True], ids=["different dates", "same date"])
def test_two_processes_saving_at_once_lose_nothing(tmp_path, fuzz_counts, same_date):
    n = 40
    jobs = [("a", D1), ("b", D1 if same_date else D2)]
    outs = run_two_savers(tmp_path, jobs, n)
    fuzz_counts["faults"] += 1
    assert all(o["notice"] is None for o in outs)  # no save was skipped
    s = Store(str(tmp_path))
    assert s.notice is None
    if same_date:
        r = s.peek(D1)
        assert r["hints"] == 2 * n  # every hint of both windows
        assert sorted(r["found"]) == sorted(f"{w}-{i}" for w in "ab" for i in range(1, n + 1))
        assert moves(s, D1) in (["a"] * n, ["b"] * n)  # one whole game, the newer
    else:
        for name, gid in jobs:
            assert moves(s, gid) == [name] * n
            assert s.peek(gid)["hints"] == n and s.peek(gid)["found"] == [f"{name}-{i}" for i in range(1, n + 1)]


def test_two_game_processes_playing_different_dates_at_once_keep_both(tmp_path, fuzz_counts):
    """Two real games (``python -m game --autosolve``) on 2024-05-01 and 2024-05-02, one data folder:
    each asks Solve on its first frame and plays the solution within its 600 frames (10 s)."""
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", DAILY_DRILL_DATA_DIR=str(tmp_path))
    procs = [subprocess.Popen([sys.executable, "-m", "game", "--date", day, "--frames", "600", "--autosolve",
                               "--lang", "en"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
             for day in ("2024-05-01", "2024-05-02")]
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0 and "Traceback" not in err, err[-2000:]
    fuzz_counts["faults"] += 1
    s = Store(str(tmp_path))
    for gid in (D1, D2):
        assert s.peek(gid).get("solved") and s.peek(gid).get("assisted"), (gid, s.data["records"])
        assert s.peek(gid)["solves"] == 1 and len(s.game(gid)["moves"]) == 8
