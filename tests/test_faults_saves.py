"""Injected faults on the progress file: damaged files (the backup comes back), a file from a
newer version (never written), Windows refusing the rename, kills at any moment of a
save, a Chinese-Windows locale.  Each injected fault adds to ``fuzz_counts["faults"]``.

Expected values are written by hand: the statistics a test builds before the fault
are compared with those read after it through the public API (``Store``, ``Stats``).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time

import pytest

from game import saves
from game.midend import GameId
from game.stats import Stats
from game.store import Store

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TODAY = dt.date(2024, 5, 3)
A = GameId.from_text("classic 2024-05-01")
B = GameId.from_text("drill 2024-05-02")
C = GameId.from_text("classic 2024-05-03")


def game_save(moves: list[str]) -> dict:
    return {"moves": [["move", m] for m in moves], "pos": len(moves), "elapsed_s": 1.0 * len(moves), "started": True}


def history(folder) -> Store:
    """A progress file with a history: three solves (two streak days), help, found boards,
    then one more move, so the backup (the file before the last save) holds every statistic."""
    s = Store(str(folder))
    for gid, seconds, on, assisted in ((A, 61.5, "2024-05-01", False), (B, None, "2024-05-02", True),
                                       (C, 42.0, "2024-05-03", False)):
        s.put_game(gid, game_save(["P0:0@2,2", "P1:0@5,0"]))
        r = s.record(gid)
        r.update(solved=True, assisted=assisted, seconds=seconds, moves=8, solved_on=on, hints=1 if assisted else 0,
                 found=[f"F6:0@{gid.date.day},0"])
        s.flush()
    s.put_game(A, game_save(["P0:0@2,2", "P1:0@5,0", "R"]))
    return s


def facts(store: Store) -> tuple:
    """What a player would miss: per-mode summaries, streaks, found boards."""
    st = Stats(store, lambda: TODAY)
    out = []
    for mode in ("classic", "drill"):
        sm = st.summary(mode)
        out.append((mode, sm.hand, sm.assisted, sm.best_s, sm.hints, sm.found, sm.current_streak, sm.longest_streak))
    return tuple(out)


EXPECTED_FACTS = (("classic", 2, 0, 42.0, 0, 2, 1, 1), ("drill", 0, 1, None, 1, 1, 1, 1))
DAMAGE = {
    "truncated": lambda raw: raw[: len(raw) // 2],
    "empty": lambda raw: b"",
    "NULs": lambda raw: b"\x00" * len(raw),
    "not JSON": lambda raw: b"this is not a progress file\n",
    "wrong structure": lambda raw: b'{"version": 3, "games": [], "records": {}}',
    "a list": lambda raw: b"[1, 2, 3]",
    "bad version": lambda raw: b'{"version": "three"}',
    "not UTF-8": lambda raw: raw.replace(b"{", b"\xff", 1),
}


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_damaged_file_is_kept_aside_and_the_backup_restored(kind, tmp_path, fuzz_counts):
    history(tmp_path)
    assert facts(Store(str(tmp_path))) == EXPECTED_FACTS
    os.chmod(tmp_path / "progress.json", 0o640)
    backup = (tmp_path / "progress.json.bak").read_bytes()
    damaged = DAMAGE[kind]((tmp_path / "progress.json").read_bytes())
    (tmp_path / "progress.json").write_bytes(damaged)
    fuzz_counts["faults"] += 1

    s = Store(str(tmp_path))
    assert s.notice is not None and s.notice[0] == "save_restored", s.notice
    kept = s.notice[1]["kept"]
    assert os.path.dirname(kept) == str(tmp_path) and os.path.basename(kept).startswith("progress.json.corrupt-")
    assert open(kept, "rb").read() == damaged
    assert stat.S_IMODE(os.stat(kept).st_mode) == 0o640  # the save's permissions, not 0600
    assert s.notice[1]["backup"] == str(tmp_path / "progress.json.bak")
    assert (tmp_path / "progress.json").read_bytes() == backup  # put back on disk at once
    assert facts(s) == EXPECTED_FACTS  # statistics and history come back
    assert [m for _, m in s.game(A)["moves"]] == ["P0:0@2,2", "P1:0@5,0"]  # only the very last move is lost
    s.put_game(A, game_save(["P0:0@2,2"]))
    assert facts(Store(str(tmp_path))) == EXPECTED_FACTS and Store(str(tmp_path)).notice is None


def test_damage_while_the_game_runs_is_repaired_at_the_next_save(tmp_path, fuzz_counts):
    s = history(tmp_path)
    (tmp_path / "progress.json").write_bytes(b"\x00" * 100)  # e.g. a crash of the machine, a bad sync tool
    fuzz_counts["faults"] += 1
    s.put_game(B, game_save(["P3:1@0,0"]))
    assert s.notice[0] == "save_restored"
    again = Store(str(tmp_path))
    assert again.notice is None and facts(again) == EXPECTED_FACTS
    assert [m for _, m in again.game(B)["moves"]] == ["P3:1@0,0"]  # the move made meanwhile is kept
    assert len(list(tmp_path.glob("progress.json.corrupt-*"))) == 1


def test_damaged_file_and_damaged_backup_start_afresh_and_keep_the_file(tmp_path, fuzz_counts):
    history(tmp_path)
    (tmp_path / "progress.json").write_bytes(b'{"version": 3, "games": {')
    (tmp_path / "progress.json.bak").write_bytes(b"")
    fuzz_counts["faults"] += 1
    s = Store(str(tmp_path))
    assert s.notice[0] == "save_corrupt" and s.writable
    assert open(s.notice[1]["kept"], "rb").read() == b'{"version": 3, "games": {'
    assert facts(s)[0][1] == 0
    s.put_game(A, game_save(["R"]))
    assert [m for _, m in Store(str(tmp_path)).game(A)["moves"]] == ["R"]


def test_kept_aside_copies_are_capped_oldest_removed(tmp_path, fuzz_counts):
    for i in range(saves.KEEP_ASIDE + 3):
        (tmp_path / "progress.json").write_bytes(b"{bad %d" % i)
        Store(str(tmp_path))
        fuzz_counts["faults"] += 1
    kept = saves.aside_files(tmp_path / "progress.json", "corrupt")
    assert len(kept) == saves.KEEP_ASIDE
    assert [open(p, "rb").read() for p in kept] == [b"{bad %d" % i for i in range(3, saves.KEEP_ASIDE + 3)]


def test_saves_keep_the_file_permissions(tmp_path):
    s = Store(str(tmp_path))
    s.put_game(A, game_save(["R"]))
    os.chmod(tmp_path / "progress.json", 0o644)
    s.put_game(A, game_save(["R", "R"]))
    assert stat.S_IMODE(os.stat(tmp_path / "progress.json").st_mode) == 0o644
    assert stat.S_IMODE(os.stat(tmp_path / "progress.json.bak").st_mode) == 0o644
    kept = s.file.keep_copy("reset")
    assert stat.S_IMODE(os.stat(kept).st_mode) == 0o644


# ---------------------------------------------------------------- a newer version


def test_newer_version_file_is_never_written_in_process(tmp_path, fuzz_counts):
    body = json.dumps({"version": 999, "games": {A.text: game_save(["R"])}, "records": {}, "future": [1, 2]})
    (tmp_path / "progress.json").write_text(body, encoding="utf-8")
    fuzz_counts["faults"] += 1
    s = Store(str(tmp_path))
    assert s.notice[0] == "save_newer" and s.notice[1]["found"] == 999 and s.notice[1]["path"] == s.path
    assert not s.writable
    s.put_game(A, game_save(["R", "R"]))
    Stats(s).listen(__import__("game.midend", fromlist=["Assisted"]).Assisted(A, "hint"))
    with pytest.raises(OSError):
        s.reset_records()
    assert (tmp_path / "progress.json").read_text(encoding="utf-8") == body
    assert os.listdir(tmp_path) == ["progress.json"]


def test_newer_version_file_is_byte_identical_after_a_play_session(tmp_path, fuzz_counts):
    """A real game (``python -m game``) plays and solves, and does not touch the file."""
    body = json.dumps({"version": 999, "games": {}, "records": {}}).encode()
    (tmp_path / "progress.json").write_bytes(body)
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", DAILY_DRILL_DATA_DIR=str(tmp_path))
    out = subprocess.run([sys.executable, "-m", "game", "--date", "2024-05-01", "--frames", "300", "--autosolve",
                          "--lang", "en"], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    fuzz_counts["faults"] += 1
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr[-2000:]
    assert (tmp_path / "progress.json").read_bytes() == body
    # no backup, no copy, no lock file (settings.json, the remembered settings, may appear)
    assert [n for n in os.listdir(tmp_path) if n.startswith(("progress", ".progress"))] == ["progress.json"]


# ---------------------------------------------------------------- Windows refusing the rename


class Refuse:
    """``os.replace`` that raises PermissionError with ``winerror`` for the first ``times`` calls
    (None: always), then does the real rename; counts the calls."""

    def __init__(self, times: int | None, winerror: int | None = 32) -> None:
        self.times, self.winerror, self.calls = times, winerror, 0
        self.real = os.replace

    def __call__(self, src, dst):
        self.calls += 1
        if self.times is None or self.calls <= self.times:
            e = PermissionError(13, "The process cannot access the file because it is being used by another process")
            if self.winerror is not None:
                e.winerror = self.winerror
            raise e
        return self.real(src, dst)


@pytest.fixture
def fake_time(monkeypatch):
    """saves' retry clock and sleep on a fake clock; returns the list of sleeps."""
    now = [0.0]
    slept: list[float] = []

    def sleep(s):
        slept.append(s)
        now[0] += s

    monkeypatch.setattr(saves, "_sleep", sleep)
    monkeypatch.setattr(saves, "_monotonic", lambda: now[0])
    return slept


@pytest.mark.parametrize("winerror", [5, 32])
def test_replace_refused_twice_then_the_save_succeeds(tmp_path, monkeypatch, fake_time, fuzz_counts, winerror):
    s = Store(str(tmp_path))
    s.put_game(A, game_save(["R"]))
    refuse = Refuse(2, winerror)
    monkeypatch.setattr(os, "replace", refuse)
    s.put_game(A, game_save(["R", "R"]))
    monkeypatch.undo()
    fuzz_counts["faults"] += 1
    assert s.notice is None and refuse.calls >= 3 and len(fake_time) == 2
    assert [m for _, m in Store(str(tmp_path)).game(A)["moves"]] == ["R", "R"]


def test_replace_refused_always_keeps_the_previous_save_and_tells(tmp_path, monkeypatch, fake_time, fuzz_counts):
    s = Store(str(tmp_path))
    s.put_game(A, game_save(["R"]))
    s.put_game(A, game_save(["R", "R"]))
    before = {n: (tmp_path / n).read_bytes() for n in ("progress.json", "progress.json.bak")}
    monkeypatch.setattr(os, "replace", Refuse(None, 32))
    s.put_game(A, game_save(["R", "R", "R"]))
    monkeypatch.undo()
    fuzz_counts["faults"] += 1
    assert s.notice is not None and s.notice[0] == "save_busy"
    assert saves.REPLACE_RETRY_S - 0.01 <= sum(fake_time) <= saves.REPLACE_RETRY_S + 0.01
    assert {n: (tmp_path / n).read_bytes() for n in before} == before
    assert sorted(os.listdir(tmp_path)) == ["progress.json", "progress.json.bak", "progress.json.lock"]
    s.put_game(A, game_save(["R", "R", "R", "R"]))  # the file is free again: the next save works
    assert [m for _, m in Store(str(tmp_path)).game(A)["moves"]] == ["R"] * 4


def test_permission_error_without_winerror_is_not_retried(tmp_path, monkeypatch, fake_time, fuzz_counts):
    s = Store(str(tmp_path))
    s.put_game(A, game_save(["R"]))
    monkeypatch.setattr(os, "replace", Refuse(None, None))
    s.put_game(A, game_save(["R", "R"]))
    monkeypatch.undo()
    fuzz_counts["faults"] += 1
    assert fake_time == [] and s.notice[0] == "save_failed"
    assert [m for _, m in Store(str(tmp_path)).game(A)["moves"]] == ["R"]


# ---------------------------------------------------------------- kill -9 at any moment


KILLER = r"""
import os, sys
from game.midend import GameId
from game.store import Store
folder = sys.argv[1]
s = Store(folder)
g = GameId.from_text("classic 2024-05-01")
i = len((s.game(g) or {}).get("moves", []))
open(os.path.join(folder, "started"), "w").close()
while True:
    i += 1
    s.put_game(g, {"moves": [["move", "R"]] * i, "pos": i, "elapsed_s": float(i), "started": True})
    r = s.record(g)
    r["hints"] = i
    s.flush()
"""


def test_kill_9_at_random_moments_of_saving_never_damages_the_file(tmp_path, fuzz_counts):
    """A process saving as fast as it can is SIGKILLed at random moments (a different one
    each round): the next start finds a good file (never a damaged one) with its history."""
    import random

    rng = random.Random(7)
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    last = 0
    for round_ in range(4):
        started = tmp_path / "started"
        if started.exists():
            started.unlink()
        p = subprocess.Popen([sys.executable, "-c", KILLER, str(tmp_path)], cwd=ROOT, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 120
        while not started.exists():
            assert p.poll() is None, p.stderr.read().decode()
            assert time.monotonic() < deadline, "the saving process never started"
            time.sleep(0.01)
        time.sleep(rng.uniform(0.05, 0.4))
        p.send_signal(signal.SIGKILL)
        p.wait(timeout=30)
        p.stderr.close()
        fuzz_counts["faults"] += 1
        s = Store(str(tmp_path))
        assert s.notice is None, s.notice
        n = len(s.game(A)["moves"])
        assert n >= last and s.peek(A)["hints"] in (n, n - 1), (n, s.peek(A))
        last = n
        assert saves.read_json(tmp_path / "progress.json.bak")["version"] == 3
    assert last > 0


# ---------------------------------------------------------------- Chinese Windows


TEXT = {"name": "五乘五 测试™", "note": "测试™", "formation": "蛇形"}


def test_round_trip_with_chinese_text_when_the_default_encoding_is_cp936(tmp_path, monkeypatch, fuzz_counts):
    """Every open() without an explicit encoding is made to use cp936 (as on Chinese Windows):
    the saves never rely on the default."""
    import builtins
    import io

    real_open, real_fdopen = builtins.open, os.fdopen

    def cp936_open(file, mode="r", *a, **kw):
        if "b" not in mode and "encoding" not in kw and len(a) < 2:
            kw["encoding"] = "cp936"
        return real_open(file, mode, *a, **kw)

    def cp936_fdopen(fd, mode="r", *a, **kw):
        if "b" not in mode and "encoding" not in kw and len(a) < 2:
            kw["encoding"] = "cp936"
        return real_fdopen(fd, mode, *a, **kw)

    monkeypatch.setattr(builtins, "open", cp936_open)
    monkeypatch.setattr(io, "open", cp936_open)
    monkeypatch.setattr(os, "fdopen", cp936_fdopen)
    fuzz_counts["faults"] += 1
    gid = GameId("file:" + TEXT["name"])
    s = Store(str(tmp_path))
    s.put_game(gid, {**game_save(["R"]), "note": TEXT["note"]})
    s.record(gid).update(found=[TEXT["formation"]])
    s.flush()
    again = Store(str(tmp_path))
    monkeypatch.undo()
    assert again.notice is None
    assert again.game(gid)["note"] == TEXT["note"] and again.peek(gid)["found"] == [TEXT["formation"]]
    raw = (tmp_path / "progress.json").read_bytes()
    assert "测试™".encode("utf-8") in raw


ROUND_TRIP = r"""
import json, locale, os, sys
from game import saves, settings
from game.midend import GameId
from game.store import Store
folder = sys.argv[1]
text = json.loads(sys.argv[2])
gid = GameId("file:" + text["name"])
s = Store(folder)
s.put_game(gid, {"moves": [["move", "R"]], "pos": 1, "elapsed_s": 1.0, "note": text["note"]})
s.record(gid).update(found=[text["formation"]])
s.flush()
again = Store(folder)
st = settings.SettingsStore(folder)
st.save(st.load())
print(json.dumps({"encoding": locale.getpreferredencoding(False), "notice": again.notice,
                  "note": again.game(gid)["note"], "found": again.peek(gid)["found"],
                  "settings": saves.read_json(os.path.join(folder, "settings.json")) is not None}))
"""


def gbk_locale(tmp_path) -> str | None:
    """A zh_CN.GBK locale compiled into ``tmp_path`` (LOCPATH), or None when this machine cannot."""
    if not shutil.which("localedef") or not os.path.exists("/usr/share/i18n/charmaps/GBK.gz"):
        return None
    tmp_path.mkdir(parents=True, exist_ok=True)
    r = subprocess.run(["localedef", "-i", "zh_CN", "-f", "GBK", str(tmp_path / "zh_CN.GBK")],
                       capture_output=True, text=True)
    return str(tmp_path) if (tmp_path / "zh_CN.GBK").exists() else None


def test_round_trip_in_a_real_gbk_locale_process(tmp_path, fuzz_counts):
    """A process whose locale really is zh_CN.GBK (Python's default encoding: GBK) writes a
    save with Chinese text and "测试™" (which GBK cannot encode) and reads it back."""
    locpath = gbk_locale(tmp_path / "loc")
    if locpath is None:
        pytest.skip("no localedef or GBK charmap on this machine; the in-process cp936 test covers it")
    data = tmp_path / "data"
    env = dict(os.environ, LOCPATH=locpath, LC_ALL="zh_CN.GBK", LANG="zh_CN.GBK", PYTHONUTF8="0",
               PYTHONIOENCODING="utf-8", SDL_VIDEODRIVER="dummy")
    out = subprocess.run([sys.executable, "-c", ROUND_TRIP, str(data), json.dumps(TEXT)], capture_output=True,
                         env=env, cwd=ROOT, timeout=120)
    fuzz_counts["faults"] += 1
    assert out.returncode == 0, out.stderr.decode("utf-8", "replace")
    res = json.loads(out.stdout.decode("utf-8"))
    assert res["encoding"].lower() in ("gbk", "cp936")
    assert res == {**res, "notice": None, "note": TEXT["note"], "found": [TEXT["formation"]], "settings": True}
    assert "测试™".encode("utf-8") in (data / "progress.json").read_bytes()


def test_saves_written_on_linux_and_on_windows_both_load(tmp_path, fuzz_counts):
    """LF and compact (as we write), and CRLF with a UTF-8 byte-order mark (a Windows editor)."""
    body = {"version": 3, "games": {A.text: game_save(["R"])},
            "records": {A.text: {"solved": True, "assisted": False, "seconds": 9.0, "moves": 1,
                                 "solved_on": "2024-05-01", "found": ["测试™"]}}}
    linux = json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8")
    windows = b"\xef\xbb\xbf" + json.dumps(body, ensure_ascii=False, indent=2).replace("\n", "\r\n").encode("utf-8")
    for raw in (linux, windows):
        (tmp_path / "progress.json").write_bytes(raw)
        s = Store(str(tmp_path))
        fuzz_counts["faults"] += 1
        assert s.notice is None and s.peek(A)["found"] == ["测试™"] and s.game(A)["moves"] == [["move", "R"]]
