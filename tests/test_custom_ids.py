"""Which saved game a custom puzzle file or a variant file resumes (QA: two files with the
same ``name`` shared one save, and the second's moves were replayed onto the first).

A custom file's game id names its content (board, targets, pieces, rule), not its name
or its path; saves under the name-keyed ids of earlier versions are adopted only when
their params name this file; a save whose params are another game's is never replayed.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil

import pytest
from helpers import make_context

from game.midend import GameId, Kind, MidEnd
from game.polyomino import catalogue
from game.polyomino.round import file_mode
from game.polyomino.scene import PolyominoScene
from game.store import Store
from solver.games.polyomino import GAME, Params, Place, State

# Two puzzles with one name: a 2 x 3 room for one 方阵 (F6), and a 3 x 2 one.
WIDE = 'name = "QA hooks and blocks"\nboard = """\n...\n...\n"""\nformations = ["F6"]\n'
TALL = 'name = "QA hooks and blocks"\nboard = """\n..\n..\n..\n"""\nformations = ["F6"]\n'


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return str(path)


def scene(folder, path):
    s = PolyominoScene(make_context(None, folder, "en"), file_mode(path))
    s.resize((900, 640))
    return s


def solve_f6(s):
    """Place the one 方阵 in its only orientation that fits the board (found by trying)."""
    b = s.puzzle.board
    for o, cells in enumerate(s.puzzle.pieces[0].orientations):
        if max(r for r, _ in cells) + 1 == b.height and max(c for _, c in cells) + 1 == b.width:
            assert s.play(Place(0, o, 0, 0))
            return o
    raise AssertionError("no orientation of the 2 x 3 rectangle fits")


def saved(folder):
    return json.loads((folder / "progress.json").read_text(encoding="utf-8"))


def test_two_files_with_one_name_keep_two_games(tmp_path):
    data = tmp_path / "data"
    wide = write(tmp_path / "mine3.toml", WIDE)
    tall = write(tmp_path / "mine4.toml", TALL)
    a = scene(data, wide)
    solve_f6(a)
    assert a.state.is_solved
    a.exit()
    b = scene(data, tall)
    assert b.game_id != a.game_id
    assert not b.state.is_solved and b.midend.moves == 0 and not b.midend.started  # not the first's game
    solve_f6(b)
    b.exit()
    again = scene(data, wide)
    assert again.state.is_solved and again.midend.moves == 1  # the first's position is still there
    games = saved(data)["games"]
    assert games[a.game_id.text]["params"] == "file:" + os.path.abspath(wide)
    assert games[b.game_id.text]["params"] == "file:" + os.path.abspath(tall)


def test_a_moved_file_keeps_its_game_and_the_id_ignores_name_and_path(tmp_path):
    data = tmp_path / "data"
    first = write(tmp_path / "a.toml", WIDE)
    s = scene(data, first)
    solve_f6(s)
    s.exit()
    os.makedirs(tmp_path / "elsewhere")
    moved = shutil.move(first, tmp_path / "elsewhere" / "renamed.toml")
    t = scene(data, str(moved))
    assert t.game_id == s.game_id and t.state.is_solved
    renamed = write(tmp_path / "b.toml", WIDE.replace("QA hooks and blocks", "another title"))
    assert scene(data, renamed).game_id == s.game_id
    assert GameId.from_text(s.game_id.text) == s.game_id
    rot = GameId(s.game_id.mode, None, "rotations")
    assert GameId.from_text(rot.text) == rot


def _legacy_store(data, key, params, moves):
    st = Store(str(data))
    gid = GameId.from_text(key)
    st.put_game(gid, {"params": params, "moves": [[Kind.MOVE.value, m] for m in moves], "pos": len(moves),
                      "elapsed_s": 12.5, "started": True, "assisted": False, "recorded": False,
                      "help_since_done": False})
    st.record(gid).update(hints=2)
    st.flush()
    return gid


def test_a_name_keyed_save_of_this_file_is_adopted_and_left_in_place(tmp_path):
    data = tmp_path / "data"
    wide = write(tmp_path / "mine3.toml", WIDE)
    o = next(i for i, c in enumerate(_load(wide).pieces[0].orientations)
             if max(r for r, _ in c) == 1 and max(cc for _, cc in c) == 2)  # the wide one: 2 rows, 3 columns
    old = _legacy_store(data, "file:QA hooks and blocks", "file:" + os.path.abspath(wide), [f"P0:{o}@0,0"])
    before = saved(data)["games"][old.text]
    s = scene(data, wide)
    assert s.state.is_solved and s.midend.elapsed_s == pytest.approx(12.5)
    assert s.ctx.stats.record(s.game_id).hints == 2  # its statistics follow the new id
    after = saved(data)
    assert after["games"][old.text] == before  # the old entry is untouched
    assert after["games"][s.game_id.text]["moves"] == [["move", f"P0:{o}@0,0"]]


def test_a_name_keyed_save_of_another_file_is_not_replayed(tmp_path):
    data = tmp_path / "data"
    wide = write(tmp_path / "mine3.toml", WIDE)
    tall = write(tmp_path / "mine4.toml", TALL)
    old = _legacy_store(data, "file:QA hooks and blocks", "file:" + os.path.abspath(tall), ["P0:0@0,0"])
    before = saved(data)["games"][old.text]
    s = scene(data, wide)
    assert not s.midend.started and s.midend.moves == 0 and s.midend.elapsed_s == 0.0
    assert s.ctx.stats.record(s.game_id).hints == 0
    solve_f6(s)
    assert saved(data)["games"][old.text] == before


def _load(path):
    from solver import puzzlefile

    return puzzlefile.load(path)


DAY = dt.date(2024, 5, 1)


def test_a_save_with_another_games_params_is_never_replayed_and_kept_aside(tmp_path):
    from helpers import DATE

    from game.polyomino.round import CLASSIC
    from solver.games.polyomino import make_puzzle

    data = tmp_path / "data"
    gid = GameId("classic", DATE)
    puzzle, _ = make_puzzle(Params("classic"), DATE)
    legal = next(Place(0, 0, r, c) for r in range(7) for c in range(7)
                 if State.new(puzzle).check_place(0, Place(0, 0, r, c).placement(puzzle)) is None)
    st = Store(str(data))
    foreign = {"params": "variant:weekday", "moves": [["move", legal.text]], "pos": 1, "elapsed_s": 30.0,
               "started": True, "assisted": True, "recorded": False, "help_since_done": True}
    st.put_game(gid, foreign)
    me = MidEnd.from_save(GAME, Params("classic"), gid, State.new(puzzle), st.game(gid))
    assert me.refused is not None and len(me.history) == 1 and not me.assisted and me.elapsed_s == 0.0
    ok = MidEnd.from_save(GAME, Params("classic"), gid, State.new(puzzle), {**foreign, "params": "classic"})
    assert ok.refused is None and len(ok.history) == 2
    s = PolyominoScene(make_context(None, data, "en"), CLASSIC)
    assert not s.midend.started and not s.midend.assisted
    games = saved(data)["games"]
    kept = [v for k, v in games.items() if k.startswith("set-aside classic 2024-05-01")]
    assert len(kept) == 1 and kept[0]["moves"] == foreign["moves"] and kept[0]["params"] == "variant:weekday"


VARIANT = """name = "Mine"
board = '''
Jan Feb Mar Apr May Jun #
Jul Aug Sep Oct Nov Dec #
1 2 3 4 5 6 7
8 9 10 11 12 13 14
15 16 17 18 19 20 21
22 23 24 25 26 27 28
29 30 31 # # # #
'''
formations = ["O4", "I4", "F6", "SLCS", "FS", "S4", "L4", "JS", "T4"]
"""


def test_two_variant_files_with_one_name_are_two_editions(tmp_path):
    """A variant's name is its file's stem: two ``mine.toml`` in two folders used to share
    every date's game (``variant:mine DATE``)."""
    os.makedirs(tmp_path / "a")
    os.makedirs(tmp_path / "b")
    one = write(tmp_path / "a" / "mine.toml", VARIANT)
    two = write(tmp_path / "b" / "mine.toml", VARIANT.replace("29 30 31 # # # #", "# # # # 29 30 31"))
    e1, e2 = catalogue.load_path(one), catalogue.load_path(two)
    assert e1.ident != e2.ident and e1.ident.startswith("mine-") and e2.ident.startswith("mine-")
    moved = shutil.copy(one, tmp_path / "mine.toml")
    assert catalogue.load_path(str(moved)).ident == e1.ident
    assert e1.legacy == e2.legacy == "mine"
    m1, m2 = e1.mode(), e2.mode()
    assert m1.game_id(DAY) != m2.game_id(DAY)
    assert m1.legacy_id(DAY, None) == GameId("variant:mine", DAY)
    assert m1.adopts("variant-file:" + os.path.abspath(one), m1.params, e1.variant.digest)
    assert m1.adopts("variant-file:" + str(moved), m1.params, e1.variant.digest)  # the same content
    assert not m1.adopts("variant-file:" + os.path.abspath(two), m1.params, e1.variant.digest)



def test_a_variant_files_old_saves_are_adopted_by_that_file_only(tmp_path):
    data = tmp_path / "data"
    os.makedirs(tmp_path / "a")
    os.makedirs(tmp_path / "b")
    one = write(tmp_path / "a" / "mine.toml", VARIANT)
    two = write(tmp_path / "b" / "mine.toml", VARIANT.replace("29 30 31 # # # #", "# # # # 29 30 31"))
    e1, e2 = catalogue.load_path(one), catalogue.load_path(two)
    puzzle = e1.variant.puzzle(DAY)
    legal = next(Place(0, 0, r, c) for r in range(7) for c in range(7)
                 if State.new(puzzle).check_place(0, Place(0, 0, r, c).placement(puzzle)) is None)
    old = _legacy_store(data, "variant:mine 2024-05-01", "variant-file:" + os.path.abspath(one), [legal.text])
    s2 = PolyominoScene(make_context(None, data, "en", date=DAY), e2.mode())
    assert not s2.midend.started  # the other file's game is not replayed onto this board
    s1 = PolyominoScene(make_context(None, data, "en", date=DAY), e1.mode())
    assert s1.midend.started and s1.state.pieces[0] is not None and s1.game_id.mode == "variant:" + e1.ident
    assert old.text in saved(data)["games"]


def test_a_custom_puzzle_is_not_daily_on_its_finish_screen_and_in_its_statistics(tmp_path):
    """QA: a custom puzzle's finish showed "Next puzzle in 19:00:53" and "first best time in
    this mode"; its Statistics listed streak rows and "Solutions found (all dates)"."""
    import pygame

    from game.widgets.overlays import stats_rows
    from game.widgets.win import WinOverlay

    s = scene(tmp_path / "data", write(tmp_path / "mine.toml", WIDE))
    solve_f6(s)
    win = s.overlay
    assert isinstance(win, WinOverlay)
    for lang in ("en", "zh"):
        words = " | ".join(win.words(lang))
        assert "Next puzzle" not in words and "下一题" not in words and "mode" not in words, words
        assert "streak" not in words.lower() and "连续" not in words
    assert "Your best time for this puzzle!" in win.words("en")
    s.draw(pygame.Surface((900, 640)))  # the panel without its countdown line draws
    s.overlays.close()
    assert s.open_overlay("stats")
    s.draw(pygame.Surface((900, 640)))
    for lang in ("en", "zh"):
        rows = stats_rows(s.overlay.summary, lang, s.overlay.found_here, s.overlay.daily)
        text = " | ".join(a + " " + b for a, b in rows)
        assert "streak" not in text.lower() and "连续" not in text and "all dates" not in text and "全部日期" not in text
    rows = dict(stats_rows(s.overlay.summary, "en", None, s.overlay.daily))
    assert rows["Solved by hand"] == "1" and "Best time for this puzzle" in rows
