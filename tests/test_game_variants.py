"""The calendar editions in the game: found from files, picked, drawn, played, counted.

Everything runs through the real loop (``Control``), its key map and its clicks, or
through ``python -m game`` as a process.  Expected values come from outside the
solver: DragonFjord's published 7 solutions on Oct 6, and for the other editions and
the rotations-only rule the plain-Python exact cover of ``tests/reference.py`` (its
own drawings and boards); every finished board is checked by the reference's
independent checker.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys

import pygame
import pytest
from helpers import FakeToday, click, frame, key, make_control, ready, until
from reference import OWN_VARIANT

try:
    from tests.reference import add_shape, board_labels, ref_count, ref_variant_puzzle, verify_cover
except ImportError:  # tests/ is not a package: pytest put it on sys.path
    from reference import add_shape, board_labels, ref_count, ref_variant_puzzle, verify_cover

from game import settings
from game.midend import GameId
from game.polyomino import catalogue
from game.widgets import picker as picker_mod
from game.widgets.picker import VariantPicker

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHIPPED = ("creamakerspace", "dragonfjord", "jarringwords", "tetromino", "weekday")
OCT6 = dt.date(2024, 10, 6)  # a Sunday

OWN_PIECES = ("chair", "SLCS", "FS", "YY", "XX", "BDQX", "GX", "JS", "stick")
SEP9 = dt.date(2024, 9, 9)


def own_file(tmp_path) -> str:
    path = tmp_path / "chairs.toml"
    path.write_text(OWN_VARIANT, encoding="utf-8")
    add_shape("chair", "#../###/#.#")
    add_shape("stick", "#")
    return str(path)


def own_puzzle(date: dt.date):
    """(open cells, targets, pieces) of the test's own edition, from the reference's boards."""
    open_cells, where = board_labels("standard")
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    return open_cells | {(6, 3)}, (where[months[date.month - 1]], where[str(date.day)]), OWN_PIECES


def pieces_of(scene):
    return [(pl.formation, pl.cells) for pl in scene.state.placed]


@pytest.fixture
def fresh_counts():
    picker_mod.COUNTS.clear()
    yield
    picker_mod.COUNTS.clear()


# ------------------------------------------------------------------ found from the files


def test_the_catalogue_is_the_files_and_dragonfjord_is_classic(tmp_path):
    path = own_file(tmp_path)
    entries = catalogue.entries([path])
    assert sorted(e.ident for e in entries[:5]) == sorted(SHIPPED)
    assert entries[0].ident == "dragonfjord" and entries[0].scene == "classic"
    assert {e.ident: e.scene for e in entries[1:5]} == {n: "variant:" + n for n in SHIPPED if n != "dragonfjord"}
    mine = entries[-1]
    assert re.fullmatch(r"chairs-[0-9a-f]{8}", mine.ident)  # its name and its content: never another file's saves
    assert (mine.scene, mine.path) == ("variant:" + mine.ident, os.path.abspath(path))
    assert mine.mode().params.mode == "variant-file:" + os.path.abspath(path)
    # a copy of a shipped file under its own name is the shipped edition (listed once);
    # a different puzzle under a shipped name never shares its saves
    same = tmp_path / "weekday.toml"
    same.write_text((tmp_path / "chairs.toml").read_text().replace("Chair and friends", "x"), encoding="utf-8")
    assert re.fullmatch(r"weekday-[0-9a-f]{8}", catalogue.load_path(str(same)).ident)
    broken = tmp_path / "broken.toml"
    broken.write_text("name = [", encoding="utf-8")
    listed = catalogue.entries([str(broken)])
    assert listed[-1].variant is None and "not valid TOML" in listed[-1].error and listed[-1].scene == ""


def test_a_sixth_file_needs_no_code(tmp_path, monkeypatch):
    """A file added to assets/variants/ is a mode: listed, built, played (no game code names it)."""
    from solver import variants

    folder = tmp_path / "assets" / "variants"
    folder.mkdir(parents=True)
    for name in SHIPPED:
        (folder / f"{name}.toml").write_text((variants._folder() / f"{name}.toml").read_text(encoding="utf-8"),
                                             encoding="utf-8")
    (folder / "sixth.toml").write_text(OWN_VARIANT.replace("mirror = false", "mirror = true"), encoding="utf-8")
    monkeypatch.setattr(variants, "_folder", lambda: folder)
    variants.names.cache_clear()
    variants.load.cache_clear()
    try:
        c = make_control(None, None, lang="en", date=SEP9, mode="variant:sixth")
        s = c.scene
        assert s.name == "variant:sixth" and s.game_id.text == "variant:sixth 2024-09-09"
        assert s.puzzle.formations == ("chair", "SLCS", "FS", "YY", "XX", "BDQX", "GX", "JS", "stick")
        assert "sixth" in [e.ident for e in catalogue.of_context(c.ctx)]
        frame(c, 2)
        c.ctx.solver().stop()
    finally:
        variants.names.cache_clear()
        variants.load.cache_clear()


# ------------------------------------------------------------------ the command line


def test_variant_options_choose_the_first_scene(tmp_path):
    from game.__main__ import choose_scene, parse_args

    path = own_file(tmp_path)
    assert choose_scene(parse_args(["--variant", "weekday"]))[0] == "variant:weekday"
    assert choose_scene(parse_args(["--mode", "variant:tetromino"]))[0] == "variant:tetromino"
    assert choose_scene(parse_args(["--variant", "dragonfjord"]))[0] == "classic"
    scene, options = choose_scene(parse_args(["--variant-file", path]))
    assert scene == "variant:" + catalogue.load_path(path).ident and options["variant_files"] == [path]


@pytest.mark.parametrize("args,message", [
    (["--variant", "nope"], "unknown variant 'nope'"),
    (["--mode", "variant:nope"], "unknown variant 'nope'"),
    (["--variant-file", "/no/such/file.toml"], "cannot read the file"),
    (["--variant", "weekday", "--puzzle", "x.toml"], "cannot be combined"),
    (["--mode", "bogus"], "invalid choice"),
])
def test_bad_variant_options_exit_2_with_one_line_before_the_window(args, message):
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    res = subprocess.run([sys.executable, "-m", "game", *args, "--frames", "1"], capture_output=True, text=True,
                         cwd=ROOT, env=env, timeout=120)
    assert res.returncode == 2, res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in res.stderr


def test_a_broken_variant_file_exits_2_before_the_window(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(OWN_VARIANT.replace('"stick"]', '"stick", "stick"]'), encoding="utf-8")
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    res = subprocess.run([sys.executable, "-m", "game", "--variant-file", str(bad), "--frames", "1"],
                         capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert res.returncode == 2
    assert res.stderr.count("\n") == 1 and "bad.toml" in res.stderr and "cover 43 cells but 42 are open" in res.stderr


def test_a_variant_file_plays_headless_as_a_process(tmp_path):
    path = own_file(tmp_path)
    shot = tmp_path / "shot.png"
    data = tmp_path / "data"
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", DAILY_DRILL_DATA_DIR=str(data))
    res = subprocess.run([sys.executable, "-m", "game", "--variant-file", path, "--date", "2024-09-09",
                          "--frames", "900", "--autosolve", "--screenshot", str(shot), "--lang", "zh"],
                         capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert res.returncode == 0, res.stderr
    assert shot.is_file() and pygame.image.load(str(shot)).get_size() == (1120, 780)
    saved = json.loads((data / "progress.json").read_text(encoding="utf-8"))
    rec = saved["records"][f"variant:{catalogue.load_path(path).ident} 2024-09-09"]
    assert rec["solved"] is True and rec["assisted"] is True


# ------------------------------------------------------------------ played in the real loop


@pytest.mark.parametrize("name", SHIPPED)
def test_each_shipped_edition_autosolves_to_a_valid_board(worker, name):
    scene = "classic" if name == "dragonfjord" else "variant:" + name
    c = make_control(worker, None, lang="en", date=OCT6, mode=scene, autosolve=True)
    s = c.scene
    until(c, lambda: s.state.is_solved and not s.ui.animating, what=f"{name} solved")
    open_cells, targets, pieces = ref_variant_puzzle(name, OCT6)
    assert set(s.puzzle.targets) == set(targets)
    verify_cover(open_cells, targets, pieces, pieces_of(s))
    until(c, lambda: s.count is not None, what="the count")
    assert s.count == (7 if name == "dragonfjord" else ref_count(open_cells, pieces, targets))
    surface = pygame.Surface((1120, 780))
    for lang in ("zh", "en"):
        c.ctx.lang = lang
        s.draw(surface)
    pygame.event.clear()


def test_a_variant_file_is_listed_in_the_picker_chosen_by_a_click_and_solved(worker, tmp_path, fresh_counts):
    path = own_file(tmp_path)
    c = make_control(worker, None, lang="en", date=SEP9, options={"variant_files": [path]})
    store = settings.SettingsStore(tmp_path / "cfg")
    c.ctx.prefs.store = store
    ready(c)
    key(pygame.K_b)
    frame(c)
    p = c.scene.overlay
    assert isinstance(p, VariantPicker)
    idents = [e.ident for e in p.entries]
    chairs = catalogue.load_path(path).ident
    assert chairs in idents
    i = idents.index(chairs)
    until(c, lambda: p.count(p.entries[i]) is not None, what="the picker's count of the file")
    open_cells, targets, pieces = own_puzzle(SEP9)
    assert p.count(p.entries[i]) == ref_count(open_cells, pieces, targets, mirror=False) > 0
    click(p.rects(c.screen.get_size())[i].center)
    frame(c, 2)
    s = c.scene
    assert s.name == "variant:" + chairs and s.overlay is None and not s.puzzle.mirror
    assert c.ctx.prefs.settings.last_variant == chairs
    assert json.loads((tmp_path / "cfg" / "settings.json").read_text())["last_variant"] == chairs
    s.command("solve")
    until(c, lambda: s.state.is_solved and not s.ui.animating, what="the file's board solved")
    verify_cover(open_cells, targets, pieces, pieces_of(s), mirror=False)
    assert s.game_id.text == f"variant:{chairs} 2024-09-09"
    key(pygame.K_b)  # the picker again: the edition in play is the one chosen
    frame(c)
    assert c.scene.overlay.entries[c.scene.overlay.sel].ident == chairs
    pygame.event.clear()


def test_the_picker_counts_on_the_worker_and_says_counting_meanwhile(worker, fresh_counts):
    class Idle:  # a solver thread still warming up: nothing may be asked, nothing blocks
        ready, busy, failed = False, False, ""

        def submit(self, *a, **kw):
            raise AssertionError("asked a worker that is not ready")

    entries = catalogue.entries()
    p = VariantPicker(entries, OCT6, OCT6, "classic", True, lambda: Idle())
    assert not p.update(0.1) and all(p.count(e) is None for e in entries)
    surface = pygame.Surface((800, 600))
    from game.widgets.text import DrawCache, Fonts

    p.draw(surface, Fonts(), DrawCache(), "en")
    c = make_control(worker, None, lang="zh", date=OCT6, today=FakeToday(OCT6))
    ready(c)
    key(pygame.K_F4)
    frame(c)
    p = c.scene.overlay
    assert isinstance(p, VariantPicker)
    until(c, lambda: all(p.count(e) is not None for e in p.entries), what="every count")
    for e in p.entries:
        if e.ident == "dragonfjord":
            assert p.count(e) == 7  # published
        else:
            open_cells, targets, pieces = ref_variant_puzzle(e.ident, OCT6)
            assert p.count(e) == ref_count(open_cells, pieces, targets), e.ident
    key(pygame.K_ESCAPE)
    frame(c)
    assert c.scene.overlay is None
    pygame.event.clear()


def test_weekday_targets_are_the_real_weekday(worker):
    c = make_control(worker, None, lang="en", date=dt.date(2024, 2, 29), mode="variant:weekday")
    s = c.scene
    for d in (dt.date(2024, 2, 29), dt.date(2024, 3, 1), dt.date(2025, 12, 25), dt.date(2026, 1, 4),
              dt.date(1999, 12, 31)):
        s.goto_date(d)
        _, targets, _ = ref_variant_puzzle("weekday", d)
        assert s.puzzle.targets == targets, d
        assert s.puzzle.board.label(targets[2]) == d.strftime("%a")
    key(pygame.K_RIGHTBRACKET)  # the next day through the key map: another weekday
    frame(c)
    assert s.date == dt.date(2000, 1, 1) and s.puzzle.board.label(s.puzzle.targets[2]) == "Sat"
    pygame.event.clear()


def test_each_edition_keeps_its_own_progress_and_statistics(worker, tmp_path):
    c = make_control(worker, tmp_path, lang="en", date=OCT6, mode="variant:weekday", autosolve=True)
    s = c.scene
    until(c, lambda: s.state.is_solved and not s.ui.animating, what="weekday solved")
    c.switch_to("variant:tetromino")
    frame(c, 2)
    assert c.scene.game_id.text == "variant:tetromino 2024-10-06" and not c.scene.state.placed
    c.switch_to("classic")
    frame(c, 2)
    c.ctx.store.flush()
    saved = json.loads((tmp_path / "progress.json").read_text(encoding="utf-8"))
    assert saved["records"]["variant:weekday 2024-10-06"]["solved"] is True
    assert "classic 2024-10-06" not in saved["records"]
    stats = c.ctx.stats
    assert stats.summary("variant:weekday").assisted == 1 and stats.summary("classic").assisted == 0
    assert stats.day_marks("variant:weekday") == {OCT6: "assisted"} and stats.day_marks("classic") == {}
    assert stats.record(GameId("variant:weekday", OCT6)).solves == 1
    c.switch_to("variant:weekday")  # back: the solved board is still there
    frame(c, 2)
    assert c.scene.state.is_solved
    pygame.event.clear()


# ------------------------------------------------------------------ the mirror rule


def test_flipping_off_is_rotations_only_everywhere_but_daily_drill(worker, tmp_path):
    jan1 = dt.date(2024, 1, 1)
    c = make_control(worker, tmp_path, lang="en", date=jan1)
    s = c.scene
    ready(c)
    assert s.puzzle.mirror and s.game_id.text == "classic 2024-01-01"
    c.set_mirror(False)
    assert c.ctx.prefs.settings.mirror is False
    assert not s.puzzle.mirror and s.game_id.text == "classic rotations 2024-01-01"
    # F, and a middle click on a tray piece, say so and turn nothing over
    key(pygame.K_1)
    frame(c)
    before = s.ui.drag.orientation
    key(pygame.K_f)
    frame(c)
    assert s.ui.drag.orientation == before and "Flipping is off" in s.status_text()
    key(pygame.K_ESCAPE)
    frame(c)
    slot = s.layout.slots[0].center
    from helpers import post

    post(pygame.MOUSEMOTION, pos=slot, rel=(0, 0), buttons=(0, 0, 0))
    post(pygame.MOUSEBUTTONDOWN, pos=slot, button=2)
    frame(c)
    assert s.ui.tray_orient[0] == 0 and "Flipping is off" in s.status_text()
    # the solver's count and Solve follow the rule
    open_cells, targets, pieces = ref_variant_puzzle("dragonfjord", jan1)
    until(c, lambda: s.count is not None, what="the rotations-only count")
    assert s.count == ref_count(open_cells, pieces, targets, mirror=False) == 2
    s.command("solve")
    until(c, lambda: s.state.is_solved and not s.ui.animating, what="the rotations-only solve")
    verify_cover(open_cells, targets, pieces, pieces_of(s), mirror=False)
    # a date with no rotations-only solution says what to do about it
    s.goto_date(dt.date(2024, 1, 2))
    open2, targets2, _ = ref_variant_puzzle("dragonfjord", dt.date(2024, 1, 2))
    until(c, lambda: s.count is not None, what="the Jan 2 count")
    assert s.count == ref_count(open2, pieces, targets2, mirror=False) == 0
    assert "Allow flipping" in s.status_text()
    s.goto_date(jan1)
    # Daily Drill keeps its own rule (rule v1 is verified with turning over allowed)
    c.switch_to("drill")
    until(c, lambda: c.scene.puzzle is not None, what="the Daily Drill puzzle")
    assert c.scene.puzzle.mirror and c.scene.game_id.text == "drill 2024-01-01"
    # back on: Classic's free game again; the rotations-only game stays saved
    c.switch_to("classic")
    c.set_mirror(True)
    assert s.puzzle.mirror and s.game_id.text == "classic 2024-01-01" and not s.state.placed
    assert c.ctx.store.game(GameId("classic", jan1, "rotations")) is not None
    assert c.ctx.stats.record(GameId("classic", jan1, "rotations")).solved
    pygame.event.clear()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_footer_offers_flipping_only_when_pieces_may_be_turned_over(worker, lang):
    from helpers import RecordingFonts

    c = make_control(worker, None, lang=lang)
    fonts = RecordingFonts(c.ctx.fonts)
    c.ctx.fonts = fonts
    s = c.scene
    flip_words = {"en": "F/middle-click flip", "zh": "F/中键 翻转"}[lang]

    def footer_drawn() -> str:
        fonts.drawn.clear()
        s.cache.clear()
        s.draw(c.screen)
        lines = [d for d in fonts.drawn if "Ctrl+Z" in d]
        assert len(lines) == 1, lines
        return lines[0]

    frame(c)
    assert flip_words in footer_drawn()
    c.set_mirror(False)
    frame(c)
    assert not s.puzzle.mirror
    text = footer_drawn()
    assert flip_words not in text and "F/" not in text
    assert ("rotate (no flipping)" if lang == "en" else "旋转（不许翻面）") in text
    c.set_mirror(True)
    frame(c)
    assert flip_words in footer_drawn()
    pygame.event.clear()


def test_a_scene_follows_the_setting_when_it_comes_back_and_while_it_is_shown(worker):
    c = make_control(worker, None, lang="en", date=OCT6, mode="variant:weekday")
    c.switch_to("flip")
    c.ctx.prefs.remember(mirror=False)  # e.g. a settings overlay, while Flip is shown
    c.switch_to("variant:weekday")
    assert not c.scene.puzzle.mirror and c.scene.game_id.extra == "rotations"
    c.ctx.prefs.remember(mirror=True)  # changed while the scene is shown: followed on the next frame
    frame(c)
    assert c.scene.puzzle.mirror and c.scene.game_id.extra == ""
    pygame.event.clear()


def test_a_file_that_forbids_turning_over_says_so_in_its_own_words(tmp_path):
    path = own_file(tmp_path)
    c = make_control(None, None, lang="en", date=SEP9, mode="variant:" + catalogue.load_path(path).ident, options={"variant_files": [path]})
    s = c.scene
    key(pygame.K_1)
    key(pygame.K_f)
    frame(c)
    assert "rotations only" in s.status_text() and "Flipping is off" not in s.status_text()
    assert s.game_id.extra == ""  # the file's own rule: no rotations-only copy of the game
    c.ctx.solver().stop()
    pygame.event.clear()


# ------------------------------------------------------------------ keys, words, colours


def test_the_picker_key_is_in_every_help_table_and_opens_from_flip(worker):
    from game import keymap

    c = make_control(worker, None, lang="en", mode="flip")
    for commands, kind in ((c.scene.commands, "lights_out"), (frozenset({"variants"}), "polyomino")):
        rows = dict(keymap.help_rows(commands, kind, "en"))
        assert rows["B · F4"].startswith("choose a calendar board")
    key(pygame.K_b)
    frame(c, 2)
    assert c.scene.name == "classic" and isinstance(c.scene.overlay, VariantPicker)
    key(pygame.K_b)  # the same key closes it
    frame(c)
    assert c.scene.overlay is None
    pygame.event.clear()


def _lab(c):
    def lin(u):
        u /= 255
        return ((u + 0.055) / 1.055) ** 2.4 if u > 0.04045 else u / 12.92
    r, g, b = (lin(v) for v in c)
    xyz = ((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b,
           (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883)
    f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in xyz]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def _delta(a, b):
    return sum((p - q) ** 2 for p, q in zip(_lab(a), _lab(b))) ** 0.5


@pytest.mark.parametrize("name", SHIPPED)
def test_every_piece_has_a_colour_of_its_own_within_its_set(name):
    from game import palette as P
    from solver import variants

    puzzle = variants.load(name).puzzle(OCT6)
    colours = P.piece_colours(puzzle.pieces)
    assert set(colours) == set(puzzle.formations) and P.OTHER not in colours.values()
    codes = sorted(colours)
    closest = min(_delta(colours[a], colours[b]) for i, a in enumerate(codes) for b in codes[i + 1:])
    assert closest >= 20, (name, closest)  # the Classic set's own closest pair: about 26


def test_own_shapes_get_distinct_deterministic_colours(tmp_path):
    from game import palette as P
    from solver import variants

    v = variants.load_file(own_file(tmp_path))
    first = P.piece_colours(v.puzzle(SEP9).pieces)
    again = P.piece_colours(variants.load_file(tmp_path / "chairs.toml").puzzle(SEP9).pieces)
    assert first == again
    assert first["chair"] != first["stick"] and P.OTHER not in first.values()
    assert all(_delta(first[own], first[c]) >= 15 for own in ("chair", "stick") for c in first if c != own)


def test_weekday_labels_draw_in_both_languages_at_the_smallest_sizes(worker):
    """The weekday cells carry text in both languages (non-background pixels inside the
    cell), at the default size and at small windows."""
    for size in ((1120, 780), (800, 600), (640, 480)):
        for lang in ("zh", "en"):
            c = make_control(worker, None, lang=lang, size=size, date=dt.date(2024, 10, 9),
                             mode="variant:weekday")
            frame(c, 2)
            s = c.scene
            c.scene.draw(c.screen)
            for label in ("Sun", "Mon", "Sat"):
                cell = s.puzzle.board.cell_of(label)
                rect = s.layout.cell_rect(cell).inflate(-4, -4)
                sub = c.screen.subsurface(rect)
                colours = {tuple(sub.get_at((x, y)))[:3] for x in range(rect.width) for y in range(rect.height)}
                assert len(colours) > 6, (size, lang, label)
    pygame.event.clear()


def test_worker_receivers_get_exactly_one_answer_each(worker):
    """A request with a receiver is answered to it, once, never through poll(); a newer
    request of the same receiver drops a queued one, which answers "cancelled"."""
    import time

    from solver import variants

    for _ in range(3000):
        if worker.ready:
            break
        time.sleep(0.01)
    assert worker.ready
    worker.poll()
    got: list = []
    puzzle = variants.load("weekday").puzzle(OCT6)
    ids = [worker.submit("count", puzzle, on_result=got.append) for _ in range(3)]
    mine = worker.submit("count", variants.load("jarringwords").puzzle(OCT6))
    seen: list = []
    for _ in range(3000):
        seen += worker.poll()
        if len(got) == 3 and any(r.rid == mine for r in seen):
            break
        time.sleep(0.01)
    assert sorted(r.rid for r in got) == ids and all(r.rid not in ids for r in seen)
    assert [r.status for r in got[:2]] == ["cancelled", "cancelled"]
    last = worker.submit("count", puzzle, on_result=got.append)
    for _ in range(3000):
        worker.poll()
        if got[-1].rid == last:
            break
        time.sleep(0.01)
    assert got[-1].rid == last and got[-1].status == "ok"
    open_cells, targets, pieces = ref_variant_puzzle("weekday", OCT6)
    assert got[-1].count == ref_count(open_cells, pieces, targets)
