"""game/rules.py: the rules of a mode in the player's words, made from the puzzle (no pygame).

The help overlay opens with :func:`rules_rows` and the first-run card states
:func:`goal` and :func:`card_points`.  Nothing here is a fixed sentence per board:
the goal names the puzzle's own targets (the date's month and day, and its weekday
where the board has weekday cells), the number of pieces, and the mirror rule
when turning pieces over is not allowed, all read from the
:class:`~solver.model.Puzzle`.  The mode is the mode string of the game id
(``"classic"``, ``"drill"``, ``"variant:NAME"``, ``"flip"``, ``"file:NAME"``).
"""
from __future__ import annotations

from typing import Any

from solver.board import WEEKDAYS_EN, WEEKDAYS_ZH, token_meaning

from . import i18n


def target_words(puzzle: Any, lang: str) -> str:
    """The puzzle's targets as words: ``"May and 1"``, ``"May, 1 and Wed"``, ``"五月、1日、星期三"``.

    Targets without a month, day or weekday label (a custom file) are counted instead:
    ``"the 2 target cells"``.
    """
    words = []
    board = puzzle.board
    for cell in puzzle.targets:
        meaning = token_meaning(board.label(cell)) if board.labels else None
        if meaning is None:
            return i18n.tr("rules_n_targets", lang, n=len(puzzle.targets))
        what, v = meaning
        if what == "month":
            words.append(i18n.month_name(v, lang))
        elif what == "day":
            words.append(f"{v}日" if lang == "zh" else str(v))
        else:
            words.append(WEEKDAYS_ZH[v] if lang == "zh" else WEEKDAYS_EN[v])
    if not words:  # no targets at all (a custom file that covers every cell)
        return i18n.tr("rules_n_targets", lang, n=0)
    if lang == "zh":
        return "、".join(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def goal(mode: str, lang: str, puzzle: Any = None) -> str:
    """One sentence: what solves a puzzle of ``mode`` (``puzzle`` None: said without its numbers)."""
    t = lambda key, **kw: i18n.tr(key, lang, **kw)  # noqa: E731
    if mode == "flip":
        return t("goal_flip")
    if puzzle is None:
        return t("goal_drill_any" if mode == "drill" else "goal_any")
    n, targets = len(puzzle.formations), target_words(puzzle, lang)
    if mode == "drill":
        return t("goal_drill", n=n, targets=targets)
    if mode.startswith("file:") and not (puzzle.board.labels and puzzle.targets):
        return t("goal_file", n=n) if not puzzle.targets else t("goal_file_targets", n=n, targets=targets)
    return t("goal_date", n=n, targets=targets)


def card_points(mode: str, lang: str, puzzle: Any = None) -> list[str]:
    """Two or three short lines under the goal on the first-run card."""
    t = lambda key, **kw: i18n.tr(key, lang, **kw)  # noqa: E731
    if mode == "flip":
        return [t("card_flip_lit"), t("card_flip_par"), t("card_again")]
    mirror = puzzle is None or puzzle.mirror
    return [t("card_pieces" if mirror else "card_pieces_no_mirror"), t("card_clock"), t("card_again")]


ASSIST_COMMANDS = ("hint", "solve", "search")
"""The commands that mark a game as solved with help, in the order the help names them."""


def assist_words(lang: str, commands: Any = None) -> str:
    """The help tools of a mode by their button names: ``"Hint, Solve and Watch the solver"``,
    ``"提示和求解"`` (``commands``: the scene's commands; None: all of them)."""
    names = [i18n.tr(c, lang) for c in ASSIST_COMMANDS if commands is None or c in commands]
    if len(names) < 2:
        return "".join(names)
    if lang == "zh":
        return "、".join(names[:-1]) + "和" + names[-1]
    return ", ".join(names[:-1]) + " and " + names[-1]


def rules_rows(mode: str, lang: str, puzzle: Any = None, commands: Any = None) -> list[tuple[str, str]]:
    """The rules of ``mode`` as (label, text) rows, the goal first (the help's first part).

    ``commands`` (the scene's commands; None: every help tool) decides which help tools the
    "Help" row names: only those the mode has.
    """
    t = lambda key, **kw: i18n.tr(key, lang, **kw)  # noqa: E731
    rows = [(t("rules_goal"), goal(mode, lang, puzzle))]
    if mode == "flip":
        rows += [(t("rules_press"), t("rules_press_text")), (t("rules_lit"), t("rules_lit_text")),
                 (t("rules_par_word"), t("rules_par_text")), (t("rules_deals"), t("rules_deals_text"))]
    else:
        mirror = puzzle is None or puzzle.mirror
        rows.append((t("rules_pieces"), t("rules_pieces_text")))
        rows.append((t("rules_turn"), t("rules_turn_text")) if mirror
                    else (t("rules_no_mirror"), t("rules_no_mirror_text")))
        if mode == "drill":
            rows.append((t("rules_set"), t("rules_set_text")))
        elif not mode.startswith("file:"):  # the every-date claim is a published fact of Classic only
            rows.append((t("rules_dates"), t("rules_dates_text" if mode == "classic" else "rules_dates_any")))
    rows += [(t("rules_clock"), t("rules_clock_text")), (t("rules_help"), t("rules_help_text", tools=assist_words(lang, commands)))]
    if not mode.startswith("file:"):
        rows.append((t("rules_streak"), t("rules_streak_text")))
    return rows
