"""Player words: what the window says is in the player's language, never a developer's
("Error:", "Solver ready", "Show search 23/4096", "overlay", "assisted"), in both languages."""
from __future__ import annotations

import pygame
from helpers import make_control

from game import i18n

DEVELOPER_WORDS = ("Error:", "error:", "出错", "Solver ready", "求解器就绪", "Show search", "演示搜索",
                   "overlay", "窗口层", "assisted", "request queued", "Exception", "Traceback")


def test_no_player_string_uses_developer_words():
    for key, (zh, en) in i18n.STRINGS.items():
        for text in (zh, en):
            assert not any(w in text for w in DEVELOPER_WORDS), (key, text)


def test_replay_status_says_watch_the_solver_think_with_thousands_separators(worker):
    from game.polyomino.ui import Replay

    for lang, want in (("en", "Watch the solver think · step 1,234 of 4,096"),
                       ("zh", "观看求解器思考 · 第 1,234 步，共 4,096 步")):
        c = make_control(worker, None, lang=lang)
        c.scene.ui.replay = Replay(events=[None] * 4096, moves=[], i=1234)
        assert c.scene.status_text().startswith(want)
        pygame.event.clear()


class FailedWorker:
    """A solver thread that could not start (its warm-up failed)."""

    failed = "numba could not be imported"
    ready = False
    busy = False

    def poll(self):
        return []

    def submit(self, *a, **k):
        return 0

    def cancel(self):
        pass

    def stop(self):
        pass


def test_a_failed_solver_is_told_in_player_words():
    for lang, want in (("en", "The solver could not start: numba could not be imported"),
                       ("zh", "求解器无法启动：numba could not be imported")):
        c = make_control(FailedWorker(), None, lang=lang)
        assert c.scene.status_text() == want


# Counts that are never 1: a calendar board has dozens of cells and several pieces, a
# Daily Drill set several formations; "{date} is" is not a count.
NEVER_ONE = {("variant_cells", "n"), ("variant_cells", "k"), ("goal_drill", "n"), ("midnight_offer", "date")}


def test_english_counts_of_one_are_singular():
    """QA: the edition picker said "Today: 1 solutions"."""
    import re

    from game.i18n import STRINGS, tr

    assert tr("variant_count", "en", date="Today", n=1) == "Today: 1 solution"
    assert tr("variant_count", "en", date="Today", n=2) == "Today: 2 solutions"
    assert tr("variant_count", "zh", date="今天", n=1) == "今天：1 种解法"
    assert "1 statistics record in" in tr("save_bad_records", "en", n=1) and " is left out" in tr(
        "save_bad_records", "en", n=1)
    for key, (_, en) in STRINGS.items():
        for m in re.finditer(r"\{(\w+)\}[ -](?:target )?([A-Za-z]+s)\b", en):
            field = m.group(1)
            if (key, field) in NEVER_ONE or m.group(2) == "statistics":  # an adjective there
                continue
            fields = {f: (1 if f == field else 7) for f in re.findall(r"\{(\w+)\}", en)}
            text = tr(key, "en", **fields)
            assert not re.search(r"\b1[ -](target )?" + m.group(2) + r"\b", text), (key, text)
            assert tr(key, "en", **{**fields, field: 2}) == en.format(**{**fields, field: 2})
