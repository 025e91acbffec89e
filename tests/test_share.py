"""The share card (game/share.py): header rules, emoji grid, piece colouring, the picture, the clipboard."""
from __future__ import annotations

import datetime as dt
import itertools
import os
import random

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from game import share  # noqa: E402
from game.share import BLOCKED as B, TARGET as T, ShareCard  # noqa: E402

# Classic, 2026-12-02 (Dec 2), a solution checked by hand against the board (letters are the
# pieces; Dec is row 1 col 5, day 2 is row 2 col 1; the blocked cells are the top-right corner
# and the end of the last row):
#   L L Y Y Y Y #
#   L U U Y Z * #
#   L * U N Z Z Z
#   L U U N N P Z
#   V O O O N P P
#   V O O O N P P
#   V V V # # # #
LETTERS = """
LLYYYY#
LUUYZ*#
L*UNZZZ
LUUNNPZ
VOOONPP
VOOONPP
VVV####
"""
INDEX = {ch: i for i, ch in enumerate("LYUZNPVO")}  # reading order of first cells
DEC2 = tuple(tuple(B if ch == "#" else T if ch == "*" else INDEX[ch] for ch in line)
             for line in LETTERS.split())

# The expected grid, worked out by hand: 8 pieces, 8 squares, so in reading order each piece
# takes the next square (L red, Y orange, U yellow, Z green, N blue, P purple, V brown, O white);
# trailing blocked cells are left out.
DEC2_GRID = """\
🟥🟥🟧🟧🟧🟧
🟥🟨🟨🟧🟩⭐
🟥⭐🟨🟦🟩🟩🟩
🟥🟨🟨🟦🟦🟪🟩
🟫⬜⬜⬜🟦🟪🟪
🟫⬜⬜⬜🟦🟪🟪
🟫🟫🟫"""


def card(**kw) -> ShareCard:
    base = dict(date=dt.date(2026, 12, 2), mode_title="Classic", lang="en", stars=3,
                seconds=222.9, hints=0, streak=5, board=DEC2)
    base.update(kw)
    return ShareCard(**base)


def test_text_card_exact_hand_solve_english():
    assert share.card_text(card()) == (
        "每日演兵 Daily Drill · 2026-12-02 · Classic ★★★☆☆ · 3:42 · no hints · 🔥 5\n\n" + DEC2_GRID)


def test_text_card_exact_chinese():
    assert share.card_text(card(lang="zh", mode_title="经典", stars=5, seconds=59, streak=1)) == (
        "每日演兵 Daily Drill · 2026-12-02 · 经典 ★★★★★ · 0:59 · 无提示 · 🔥 1\n\n" + DEC2_GRID)


def test_assisted_finish_says_so_instead_of_time_and_stars():
    text = share.card_text(card(seconds=None, hints=2, streak=0))
    assert text.splitlines()[0] == "每日演兵 Daily Drill · 2026-12-02 · Classic · solved with help"
    assert "★" not in text and "☆" not in text and "🔥" not in text
    zh = share.header(card(lang="zh", mode_title="每日演兵", seconds=None, streak=3))
    assert zh == "每日演兵 Daily Drill · 2026-12-02 · 每日演兵 · 有协助完成 · 🔥 3"


def test_header_variants():
    assert share.header(card(stars=None, streak=0)) == "每日演兵 Daily Drill · 2026-12-02 · Classic · 3:42 · no hints"
    assert share.header(card(date=None, mode_title="Custom", stars=0, seconds=3723, hints=1, streak=0)) == \
        "每日演兵 Daily Drill · Custom ☆☆☆☆☆ · 1:02:03 · 1 hint"
    assert share.header(card(hints=4, lang="zh", mode_title="经典", stars=None, streak=0)).endswith("3:42 · 4 次提示")


@pytest.mark.parametrize("seconds,text", [(0, "0:00"), (9.99, "0:09"), (60, "1:00"), (599, "9:59"),
                                          (3599, "59:59"), (3600, "1:00:00"), (36000 + 61, "10:01:01")])
def test_format_time(seconds, text):
    assert share.format_time(seconds) == text


def test_no_board_gives_the_header_only():
    assert share.card_text(card(board=None)) == share.header(card())
    assert "\n" not in share.card_text(card(board=()))


@pytest.mark.parametrize("kw", [dict(stars=6), dict(stars=-1), dict(stars=2.5), dict(seconds=-1),
                                dict(seconds=float("nan")), dict(hints=-1), dict(streak=True),
                                dict(lang="fr"), dict(board=[[0, 1], [0]]), dict(board=[[0, "x"]]),
                                dict(board=[[-1]]), dict(board=[[True]])])
def test_bad_values_are_refused(kw):
    with pytest.raises(ValueError):
        card(**kw)


def test_weekday_board_has_eight_rows_and_blocked_cells_inside_rows_stay():
    rows = [[B, 0, 0, 1, 1, 1, B]] + [[2] * 7] * 6 + [[3, 3, T, B, 4, 4, B]]
    lines = share.grid_lines(rows)
    assert len(lines) == 8
    assert lines[0] == "⬛🟥🟥🟧🟧🟧"     # leading blocked cell kept (keeps the columns), trailing left out
    assert lines[-1] == "🟩🟩⭐⬛🟦🟦"     # blocked inside a row kept


def test_neighbours_share_an_edge_not_a_corner():
    rows = [[0, 1],
            [2, 0]]
    assert share.neighbours(rows) == {0: {1, 2}, 1: {0}, 2: {0}}  # 1 and 2 only touch at a corner
    assert share.neighbours([[0, T, 1]]) == {0: set(), 1: set()}


def is_proper(adj, colours) -> bool:
    return all(colours[a] != colours[b] for a in adj for b in adj[a])


def test_colouring_of_the_hand_made_board_is_proper_and_all_different():
    colours = share.colour_pieces(DEC2)
    assert colours == {i: i for i in range(8)}
    adj = share.neighbours(DEC2)
    # second method: the adjacency read off the letter drawing by hand
    by_hand = {"L": "YUV", "Y": "LUZN", "U": "LYNO", "Z": "YNP", "N": "YUZOP", "P": "ZN", "V": "LO", "O": "UNV"}
    assert adj == {INDEX[a]: {INDEX[b] for b in bs} for a, bs in by_hand.items()}


def test_ten_pieces_reuse_colours_only_between_pieces_that_do_not_touch():
    # ten vertical bars of width 1 on a 10 x 3 board: a path graph 0-1-2-...-9
    rows = [[c for c in range(10)] for _ in range(3)]
    colours = share.colour_pieces(rows)
    assert len(set(colours.values())) == 8
    assert is_proper(share.neighbours(rows), colours)
    assert colours[8] == 0 and colours[9] == 1  # least used first: red and orange come back


def test_greedy_backs_up_when_it_runs_out():
    # 3-colourable (0=a 1=b 2=a 3=c 4=b 5=c), but the greedy choice alone gets stuck at node 3
    order = [0, 1, 2, 3, 4, 5]
    adj = {0: {3, 4}, 1: {3, 5}, 2: {4, 5, 3}, 3: {0, 1, 2}, 4: {0, 2, 5}, 5: {1, 2, 4}}
    # greedy (least used) colours 0->0, 1->1, 2->2, 3 sees {0,1,2}: stuck with 3 colours
    colours = share.colour_graph(order, adj, 3)
    assert is_proper(adj, colours)
    assert set(colours.values()) <= {0, 1, 2}


def test_impossible_colouring_raises():
    k5 = {a: {b for b in range(5) if b != a} for a in range(5)}
    with pytest.raises(ValueError, match="4 colours"):
        share.colour_graph(range(5), k5, 4)


def brute_force_colourable(adj, k) -> bool:
    nodes = sorted(adj)
    for assignment in itertools.product(range(k), repeat=len(nodes)):
        c = dict(zip(nodes, assignment))
        if is_proper(adj, c):
            return True
    return False


def random_tiling(rng: random.Random, h: int, w: int, n: int):
    """A board cut into n connected pieces by growing n seeds at random (every cell covered)."""
    rows = [[-1] * w for _ in range(h)]
    cells = [(r, c) for r in range(h) for c in range(w)]
    for i, (r, c) in enumerate(rng.sample(cells, n)):
        rows[r][c] = i
    while any(v == -1 for row in rows for v in row):
        r, c = rng.choice([(r, c) for r in range(h) for c in range(w) if rows[r][c] != -1])
        rr, cc = rng.choice(((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)))
        if 0 <= rr < h and 0 <= cc < w and rows[rr][cc] == -1:
            rows[rr][cc] = rows[r][c]
    return rows


@pytest.mark.parametrize("seed", range(40))
def test_random_boards_get_a_proper_colouring_even_with_four_colours(seed):
    rng = random.Random(seed)
    rows = random_tiling(rng, rng.randint(3, 8), rng.randint(3, 8), rng.randint(2, 10))
    adj = share.neighbours(rows)
    for k in (8, 4):
        colours = share.colour_pieces(rows, k)
        assert is_proper(adj, colours) and max(colours.values()) < k
    if len(adj) <= 7:
        assert brute_force_colourable(adj, 3) == _colourable(adj, 3)


def _colourable(adj, k) -> bool:
    try:
        share.colour_graph(sorted(adj), adj, k)
        return True
    except ValueError:
        return False


def test_share_strings_exist_in_both_languages():
    from game.i18n import STRINGS

    for key in ("share_word", "share_no_hints", "share_hint_one", "share_hints", "share_helped",
                "share_streak", "share_copied", "share_no_clipboard", "share_saved", "share_not_saved"):
        zh, en = STRINGS[key]
        assert zh and en and zh != en


# -- the picture and the clipboard -----------------------------------------------------------------


def centre(img: pygame.Surface, layout: share.CardLayout, r: int, c: int, k: int = share.PNG_SCALE):
    x, y, w, h = layout.cell_rect(r, c)
    return tuple(img.get_at(((x + w // 2) * k, (y + h // 2) * k)))[:3]


def test_png_is_saved_with_the_right_size_and_colours(tmp_path):
    c = card(mode="classic")
    saved = share.save_png(c, tmp_path)
    assert saved.reason == "" and saved.path == str(tmp_path / "daily-drill-2026-12-02-classic.png")
    assert os.listdir(tmp_path) == ["daily-drill-2026-12-02-classic.png"]  # no temporary file left
    img = pygame.image.load(saved.path)
    # 7 columns fit the minimum width (480); height: header 148 + 7 rows x 44 + margin 32 = 488
    assert img.get_size() == (480 * 2, 488 * 2)
    layout = share.card_layout(c)
    assert layout == (480, 488, (480 - 7 * 44) // 2, 148)
    assert centre(img, layout, 0, 0) == share.SQUARE_RGB[0]      # L: red
    assert centre(img, layout, 0, 2) == share.SQUARE_RGB[1]      # Y: orange
    assert centre(img, layout, 4, 1) == share.SQUARE_RGB[7]      # O: white square
    assert centre(img, layout, 2, 3) == share.SQUARE_RGB[4]      # N: blue
    assert centre(img, layout, 1, 5) == share.STAR_RGB           # Dec: a star
    assert centre(img, layout, 2, 1) == share.STAR_RGB           # day 2: a star
    assert centre(img, layout, 0, 6) == share.CARD_BG            # trailing blocked cells: left out
    assert centre(img, layout, 6, 3) == share.CARD_BG
    # the gap between two squares of one piece shows the card
    x, y, w, h = layout.cell_rect(0, 0)
    assert tuple(img.get_at(((x + w + 1) * 2, (y + h // 2) * 2)))[:3] == share.CARD_BG


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_png_gets_the_usual_permissions(tmp_path):
    mask = os.umask(0o027)
    try:
        saved = share.save_png(card(), tmp_path)
    finally:
        os.umask(mask)
    assert os.stat(saved.path).st_mode & 0o777 == 0o640


def test_png_of_an_eight_row_board_with_a_blocked_cell_inside_a_row(tmp_path):
    rows = [[B, 0, 0, 1, 1, 1, B]] + [[2] * 7] * 6 + [[3, 3, T, B, 4, 4, B]]
    c = card(board=rows, mode="variant:weekday", lang="zh", mode_title="周历")
    saved = share.save_png(c, tmp_path)
    assert saved.path.endswith("daily-drill-2026-12-02-variant-weekday.png")
    img = pygame.image.load(saved.path)
    layout = share.card_layout(c)
    assert img.get_size() == (480 * 2, (148 + 8 * 44 + 32) * 2)
    assert centre(img, layout, 0, 0) == share.BLOCKED_RGB   # leading blocked: drawn, like ⬛
    assert centre(img, layout, 7, 3) == share.BLOCKED_RGB   # inside the row: drawn
    assert centre(img, layout, 7, 6) == share.CARD_BG       # at the end: left out
    assert centre(img, layout, 7, 2) == share.STAR_RGB


def test_header_of_the_picture_has_ink_stars_only_for_a_hand_solve():
    def star_pixels(c):
        img = share.render_card(c)
        band = img.subsurface(pygame.Rect(0, 0, img.get_width(), share.HEADER_H * 2))
        n = sum(1 for x in range(0, band.get_width(), 2) for y in range(0, band.get_height(), 2)
                if tuple(band.get_at((x, y)))[:3] == share.STAR_RGB)
        ink = sum(1 for x in range(0, band.get_width(), 4) for y in range(0, band.get_height(), 4)
                  if tuple(band.get_at((x, y)))[:3] != share.CARD_BG)
        return n, ink

    hand, hand_ink = star_pixels(card(stars=3))
    helped, helped_ink = star_pixels(card(seconds=None))
    assert hand > 100 and helped == 0
    assert hand_ink > 500 and helped_ink > 300  # title, date and words are drawn in both


def test_picture_without_a_board_is_the_header():
    img = share.render_card(card(board=None), scale=1)
    assert img.get_size() == (480, share.HEADER_H + share.MARGIN)


def test_long_titles_widen_the_picture():
    c = card(mode_title="A very long variant name that needs much more room than usual " * 2)
    assert share.render_card(c, scale=1).get_width() > 480


def test_unwritable_folder_returns_none_and_a_reason(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    saved = share.save_png(card(), blocker / "pictures")
    assert saved.path is None and saved.reason


def test_failed_move_leaves_no_partial_picture(tmp_path, monkeypatch):
    def refuse(*a):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    saved = share.save_png(card(mode="classic"), tmp_path)
    assert saved == share.Saved(None, "Permission denied")
    assert os.listdir(tmp_path) == []


def test_pictures_folder_env_override_and_default(tmp_path, monkeypatch):
    monkeypatch.setenv(share.PICTURES_ENV, str(tmp_path / "pics"))
    assert share.pictures_dir() == str(tmp_path / "pics")
    saved = share.save_png(card(date=None, mode="file:乘法/题"))
    assert saved.path == str(tmp_path / "pics" / "daily-drill-file-乘法-题.png")
    assert os.path.isfile(saved.path)
    monkeypatch.delenv(share.PICTURES_ENV)
    import platformdirs

    monkeypatch.setattr(platformdirs, "user_pictures_dir", lambda: "/home/someone/Pictures")
    assert share.pictures_dir() == os.path.join("/home/someone/Pictures", "Daily Drill")


def test_png_name():
    assert share.png_name(card(mode="")) == "daily-drill-2026-12-02.png"
    assert share.png_name(card(date=None, mode="flip")) == "daily-drill-flip.png"
    assert share.png_name(card(mode='variant:a<b>:"c"')) == "daily-drill-2026-12-02-variant-a-b---c.png"


def test_clipboard_falls_back_without_a_real_clipboard():
    pygame.display.quit()
    assert share.copy_text("x") is False  # display not initialised
    pygame.display.init()
    try:
        pygame.display.set_mode((64, 64))
        assert pygame.display.get_driver() == "dummy"
        assert share.copy_text("每日演兵 🔥") is False  # the dummy driver's clipboard never leaves the process
    finally:
        pygame.display.quit()


def test_clipboard_with_a_working_and_a_failing_backend(monkeypatch):
    board = {}
    monkeypatch.setattr(pygame.display, "get_init", lambda: True)
    monkeypatch.setattr(pygame.display, "get_driver", lambda: "x11")
    monkeypatch.setattr(pygame.scrap, "put_text", lambda t: board.update(text=t))
    monkeypatch.setattr(pygame.scrap, "get_text", lambda: board.get("text", ""))
    text = share.card_text(card())
    assert share.copy_text(text) is True and board["text"] == text

    monkeypatch.setattr(pygame.scrap, "get_text", lambda: "")
    assert share.copy_text(text) is False  # not read back: show the text instead

    def broken(t):
        raise pygame.error("Clipboard is not available")

    monkeypatch.setattr(pygame.scrap, "put_text", broken)
    assert share.copy_text(text) is False
