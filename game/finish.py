"""game/finish.py: what the finish screen says about a first solve (no pygame).

:func:`make_finish` turns the mid end's :class:`~game.midend.Solved` event (emitted
once per game id) and the statistics *as they were before the solve* into a
:class:`Finish`: time, moves, stars, the personal-best and streak moments.  The
scene's announcer calls it before :meth:`game.stats.Stats.listen` records the
solve (listeners run in order, :meth:`game.scene.Context.bind`), so "the best
before" really is the best before.

Rules (the statistics' rules, issue 12):

* **Stars** are the puzzle's difficulty: Daily Drill's grade, and for the other
  polyomino puzzles the same rule from their number of solutions
  (:func:`solver.drill.grade_for_count`: fewer solutions, more stars; 1 solution is
  5 stars, more than 20 is 1).  Flip has no stars (its par says how well you did).
* **New best**: a hand solve faster than every earlier hand solve of the same mode
  (and board size: Flip's ``extra``); the first hand solve of a mode is its first
  best.  A game the statistics do not keep (Flip's random deals) has no best and no
  streak.
* **Streak**: a hand solve of the day's own puzzle on that day is a streak day;
  the streak shown is the run of streak days ending today, this one included.  A
  solve of another date is practice and never changes the streak.
* An assisted finish has no time, no stars, no best and no streak.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any

from .i18n import Msg, Raw, msg
from .midend import GameId, Solved
from .stats import Stats, streaks


@dataclass(frozen=True)
class Finish:
    """A first solve, as the finish screen shows it.

    Attributes:
        game_id: the game.
        assisted: help was used (the plainer screen).
        seconds: the hand-solve time (s); None when assisted.
        moves: moves of the solve.
        stars: difficulty 1..5, or None (no grade: Flip, or a count not known yet).
        grade: (English, Chinese) grade words, or None.
        best_before: the mode's best hand time before this solve (s), or None.
        streak: the current streak (days) after this solve; 0 when none.
        streak_day: this solve made its day a streak day.
        practice: a dated puzzle solved on another day (never a streak day).
        on_day: the calendar day of the solve.
        found: boards of this puzzle found by hand, this one included (polyomino), or None.
        count: the puzzle's number of solutions when known, else None.
        par: Flip's fewest presses, else None.
        counted: the statistics keep this game (False: Flip's random deals).
    """

    game_id: GameId
    assisted: bool
    seconds: float | None
    moves: int
    on_day: _dt.date
    stars: int | None = None
    grade: tuple[str, str] | None = None
    best_before: float | None = None
    streak: int = 0
    streak_day: bool = False
    practice: bool = False
    found: int | None = None
    count: int | None = None
    par: int | None = None
    counted: bool = True

    @property
    def new_best(self) -> bool:
        """A counted hand solve faster than the mode's earlier best (or its first hand solve)."""
        return self.counted and not self.assisted and self.seconds is not None and (
            self.best_before is None or self.seconds < self.best_before)

    @property
    def custom(self) -> bool:
        """A custom puzzle file's game: not a daily puzzle (no countdown, no streak, its best
        is this puzzle's own)."""
        return self.game_id.mode.startswith("file:")

    @property
    def at_par(self) -> bool:
        """Flip: solved in exactly the fewest presses."""
        return self.par is not None and self.moves <= self.par


def stars_for(mode: str, info: dict | None, count: int | None) -> tuple[int, tuple[str, str]] | None:
    """The difficulty shown for a puzzle: (stars 1..5, (English, Chinese) words), or None.

    Daily Drill uses the grade that came with its puzzle (``info``: ``stars``, ``grade``,
    ``grade_zh``); other polyomino modes grade their solution ``count`` by the same rule
    (:func:`solver.drill.grade_for_count`); Flip and an unknown count give None.
    """
    if mode == "flip":
        return None
    info = info or {}
    if isinstance(info.get("stars"), int) and 1 <= info["stars"] <= 5:
        return info["stars"], (str(info.get("grade", "")), str(info.get("grade_zh", "")))
    if isinstance(count, int) and count >= 1:
        from solver.drill import grade_for_count

        stars, en, zh = grade_for_count(count)
        return stars, (en, zh)
    return None


def best_before(stats: Stats, game_id: GameId) -> float | None:
    """The best hand time (s) of the games of ``game_id``'s mode and extra, ``game_id`` itself
    left out; None when there is none."""
    times = [r.seconds for r in stats.all_records()
             if r.game_id.mode == game_id.mode and r.game_id.extra == game_id.extra
             and r.game_id != game_id and r.by_hand and r.seconds is not None]
    return min(times) if times else None


def make_finish(ev: Solved, stats: Stats, *, info: dict | None = None, count: int | None = None,
                found: int | None = None, par: int | None = None, counted: bool = True) -> Finish:
    """The :class:`Finish` of ``ev``, read against ``stats`` before they record it.

    Args:
        ev: the :class:`Solved` event.
        stats: the statistics (not yet updated with ``ev``).
        info: the puzzle's extra facts (Daily Drill's grade), count: its number of
            solutions, found: boards found by hand including this one, par: Flip's par,
            counted: False for a game the statistics do not keep.
    """
    gid, day = ev.game_id, ev.on_day
    dated = gid.date is not None and counted
    hand = not ev.assisted
    streak_day = hand and dated and gid.date == day
    streak = 0
    if hand and counted:
        days = stats.streak_days() | ({day} if streak_day else set())
        streak = streaks(days, day)[0]
    grade = stars_for(gid.mode, info, count) if hand else None
    best = best_before(stats, gid) if hand and counted else None
    return Finish(gid, ev.assisted, float(ev.seconds) if hand else None, int(ev.moves), day,
                  grade[0] if grade else None, grade[1] if grade else None, best, streak, streak_day,
                  dated and gid.date != day, found, count, par, counted)


def moments(f: Finish, fmt_time: Any) -> list[Msg]:
    """The moments a finish celebrates or explains, in order, as messages.

    ``fmt_time(seconds) -> str`` writes a time.  A hand solve: new best (or how far off
    it was), the streak (or why this solve is practice), Flip's par.  An assisted
    finish: why it has no time, best or streak.
    """
    out: list[Msg] = []
    if f.assisted:
        out.append(msg("win_helped_why.lights_out" if f.game_id.mode == "flip" else "win_helped_why"))  # its tools
        return out
    if not f.counted:
        out.append(msg("win_not_counted"))
    elif f.custom:
        out.append(msg("win_best_puzzle"))
    elif f.best_before is None:
        out.append(msg("win_first_best"))
    elif f.new_best:
        out.append(msg("win_new_best", was=Raw(fmt_time(f.best_before))))
    else:
        out.append(msg("win_best_is", t=Raw(fmt_time(f.best_before))))
    if f.streak_day:
        out.append(msg("win_streak", n=f.streak) if f.streak > 1 else msg("win_streak_one"))
    elif f.practice:
        out.append(msg("win_practice"))
    if f.par is not None:
        out.append(msg("win_at_par", par=f.par) if f.at_par else msg("win_par", par=f.par, moves=f.moves))
    return out


def share_board(puzzle: Any, pieces: Any) -> tuple[tuple[Any, ...], ...]:
    """The solved board for the share card (:class:`game.share.ShareCard`): one row per board
    row, each cell a piece index (its tray slot), ``"*"`` for a target, ``"#"`` for a blocked cell.

    Takes the :class:`~solver.model.Puzzle` and the state's pieces (slot -> placement or
    None); an open cell no piece covers (an unsolved board) counts as blocked.
    """
    from .share import BLOCKED, TARGET

    board, targets = puzzle.board, set(puzzle.targets)
    owner: dict[tuple[int, int], int] = {}
    for slot, pl in enumerate(pieces):
        if pl is not None:
            for cell in pl.cells:
                owner[tuple(cell)] = slot
    return tuple(tuple(TARGET if (r, c) in targets and board.is_open(r, c) else
                       owner.get((r, c), BLOCKED) if board.is_open(r, c) else BLOCKED
                       for c in range(board.width)) for r in range(board.height))


def seconds_to_midnight(now: _dt.datetime) -> int:
    """Whole seconds from ``now`` (local, naive) to the next local midnight, 1 .. 86400."""
    tomorrow = _dt.datetime.combine(now.date() + _dt.timedelta(days=1), _dt.time())
    return max(1, int((tomorrow - now.replace(tzinfo=None)).total_seconds() + 0.999))


def countdown_text(seconds: int) -> str:
    """``H:MM:SS`` for a countdown of ``seconds``."""
    s = max(0, int(seconds))
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"
