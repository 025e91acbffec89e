"""Progress file: atomic saves, corrupt files survived, resume of a position (game.stats)."""
from __future__ import annotations

import json
import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from game.stats import Progress


def test_round_trip(tmp_path):
    p = Progress(str(tmp_path))
    p.save_moves("classic 2024-05-01", ["P0:0@2,2"], 12.34)
    p.mark_solved("classic 2024-05-01", 80.0, assisted=False)
    p.mark_solved("classic 2024-05-01", 95.0, assisted=False)
    q = Progress(str(tmp_path))
    assert q.moves("classic 2024-05-01") == ["P0:0@2,2"]
    assert q.elapsed("classic 2024-05-01") == 12.3
    assert q.best("classic 2024-05-01") == 80.0
    assert q.solved_count("classic") == 1
    assert not [f for f in os.listdir(tmp_path) if f.startswith(".progress-")]


def test_assisted_solve_sets_no_best_time(tmp_path):
    p = Progress(str(tmp_path))
    p.mark_solved("k", 10.0, assisted=True)
    assert p.best("k") is None and p.solved_count() == 1


def test_corrupt_file_is_kept_aside_and_play_goes_on(tmp_path):
    (tmp_path / "progress.json").write_text("{not json", encoding="utf-8")
    p = Progress(str(tmp_path))
    assert p.warning and p.moves("x") == []
    assert [f.name for f in tmp_path.glob("progress.json.corrupt-*")] == [p.backup.rsplit("/", 1)[-1]]
    p.save_moves("x", ["R"], 1.0)
    assert json.loads((tmp_path / "progress.json").read_text(encoding="utf-8"))["puzzles"]["x"]["moves"] == ["R"]


def test_wrong_shapes_inside_the_file_are_ignored(tmp_path):
    (tmp_path / "progress.json").write_text(json.dumps({"version": 1, "puzzles": {"a": 3, "b": {"moves": "x"}}}))
    p = Progress(str(tmp_path))
    assert p.moves("a") == [] and p.moves("b") == [] and p.best("a") is None


def test_unwritable_folder_only_disables_saving(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    p = Progress(str(blocker / "sub"))
    assert p.save() is False and p.warning


def test_disabled_progress_writes_nothing(tmp_path):
    p = Progress(str(tmp_path), enabled=False)
    p.save_moves("x", ["R"], 1.0)
    assert os.listdir(tmp_path) == []


def test_scene_resumes_the_saved_position(tmp_path):
    import datetime as dt

    import pygame

    from game.control import Control
    from game.fonts import Fonts
    from game.scene import Context
    from solver.games.polyomino import Place

    pygame.display.init()
    pygame.font.init()
    date = dt.date(2024, 5, 1)
    ctx = Context(lang="zh", fonts=Fonts(), date=date, progress=Progress(str(tmp_path)))
    c = Control(ctx, "classic", size=(800, 600))
    c.scene._do(Place(0, 0, 2, 2))
    c.scene._do(Place(1, 0, 5, 0))
    c.scene.command("undo")
    ctx2 = Context(lang="zh", fonts=Fonts(), date=date, progress=Progress(str(tmp_path)), worker=ctx.worker)
    c2 = Control(ctx2, "classic", size=(800, 600))
    assert c2.scene.state.placed_slots == (0,)
    ctx.worker.stop()
