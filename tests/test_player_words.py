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
