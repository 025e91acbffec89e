"""The mid end (game.midend), pure: undo/redo, the honest timer, verdicts, events, saves.

Timer rules (issue 12) are checked with a fake clock; boards and moves come from the
real back ends (Lights Out, and the polyomino game on the hand-checked 2024-05-01
solution of tests/test_game_state.py).
"""
from __future__ import annotations

import datetime as dt

import pytest
from helpers import FakeClock, FakeToday
from hypothesis import given, settings
from hypothesis import strategies as st

from game.midend import IDLE_S, Assisted, Changed, Completed, GameId, Kind, MidEnd, Solved
from solver.games import lights_out as lo
from solver.games import polyomino as po
from solver.games.protocol import IllegalMoveError
from test_game_state import MAY1, solution_placements

DAY = dt.date(2024, 5, 1)


def lights_out(clock=None, today=None, size=4, date=DAY) -> MidEnd:
    params = lo.Params(size, True)
    first = lo.GAME.new_game(params, date)
    return MidEnd(lo.GAME, params, GameId("flip", date, f"{size}x{size}"), first,
                  clock=clock or FakeClock(), today=today or FakeToday(date))


def hand_presses(me: MidEnd) -> list[lo.Press]:
    """A fewest-press solution of the current position as the player's own presses."""
    return [lo.Press(m.row, m.col) for m in lo.GAME.solve(me.state)]


def classic(clock=None) -> MidEnd:
    return MidEnd(po.GAME, po.Params("classic"), GameId("classic", DAY), po.State.new(MAY1),
                  clock=clock or FakeClock(), today=FakeToday(DAY))


def hand_places() -> list[po.Place]:
    return [po.place_move(MAY1.formations.index(code), pl) for code, pl in solution_placements().items()]


def events_of(me: MidEnd) -> list:
    seen: list = []
    me.listeners.append(seen.append)
    return seen


# ------------------------------------------------------------------ undo / redo / restart


def test_play_undo_redo_and_the_redo_tail():
    me = classic()
    me.play(po.Place(0, 0, 2, 2))
    me.play(po.Place(1, 0, 5, 0))
    assert me.moves == 2 and me.move_texts() == ["P0:0@2,2", "P1:0@5,0"]
    assert me.undo() and me.state.placed_slots == (0,)
    assert me.redo() and me.state.placed_slots == (0, 1)
    me.undo()
    me.play(po.Lift(0))
    assert not me.can_redo() and me.state.placed == ()
    with pytest.raises(IllegalMoveError):
        me.play(po.Lift(0))
    assert me.moves == 2 and me.state.placed == ()


def test_an_illegal_move_changes_nothing_and_emits_nothing():
    me = classic()
    seen = events_of(me)
    with pytest.raises(IllegalMoveError):
        me.play(po.Place(0, 0, 0, 4))  # over May, a target
    assert me.pos == 0 and seen == [] and not me.started


def test_restart_is_an_undoable_entry_and_restarts_the_move_count():
    me = lights_out()
    start = me.state
    me.play(lo.Press(1, 1))
    me.play(lo.Press(0, 0))
    assert me.restart() and me.state == start and me.moves == 0
    assert me.history[-1].kind is Kind.RESTART
    assert not me.restart()  # already there
    assert me.undo() and me.moves == 2 and me.state.lit != start.lit


# ------------------------------------------------------------------ the honest timer


def test_timer_starts_with_the_first_move_not_when_the_game_opens():
    clock = FakeClock()
    me = lights_out(clock)
    clock.advance(30)
    me.note_input()
    clock.advance(5)
    assert me.elapsed_s == 0.0 and not me.running
    me.play(lo.Press(0, 0))
    clock.advance(12.5)
    assert me.elapsed_s == pytest.approx(12.5)


@pytest.mark.parametrize("reason", ["overlay", "unfocused", "minimised", "hidden"])
def test_timer_pauses_for_each_reason_and_resumes(reason):
    clock = FakeClock()
    me = lights_out(clock)
    me.play(lo.Press(0, 0))
    clock.advance(4)
    me.pause(reason)
    clock.advance(100)
    assert me.elapsed_s == pytest.approx(4)
    me.resume(reason)
    clock.advance(3)
    assert me.elapsed_s == pytest.approx(7)


def test_two_pause_reasons_both_have_to_go():
    clock = FakeClock()
    me = lights_out(clock)
    me.play(lo.Press(0, 0))
    me.pause("overlay")
    me.pause("unfocused")
    me.resume("overlay")
    clock.advance(10)
    assert me.elapsed_s == 0.0
    me.resume("unfocused")
    clock.advance(1)
    assert me.elapsed_s == pytest.approx(1)


def test_timer_pauses_after_a_minute_without_input():
    clock = FakeClock()
    me = lights_out(clock)
    me.play(lo.Press(0, 0))
    clock.advance(IDLE_S + 300)       # the first minute of silence counts as thinking
    assert me.elapsed_s == pytest.approx(IDLE_S) and not me.running
    me.note_input()                   # back: counting again from now
    clock.advance(2)
    assert me.elapsed_s == pytest.approx(IDLE_S + 2)


def test_timer_stops_when_solved_and_stays_stopped_after_undo():
    clock = FakeClock()
    me = lights_out(clock)
    presses = hand_presses(me)
    for p in presses:
        clock.advance(2)
        me.play(p)
    done = me.elapsed_s
    assert me.state.is_solved and done == pytest.approx(2 * (len(presses) - 1))
    clock.advance(50)
    me.undo()
    clock.advance(5)
    assert me.elapsed_s == done


@pytest.mark.parametrize("ask", ["solve", "search"])
def test_timer_stands_still_while_the_solver_plays_its_solve(ask):
    clock = FakeClock()
    me = lights_out(clock)
    presses = hand_presses(me)
    me.play(presses[0])
    clock.advance(5)
    me.note_assist(ask)                # Solve pressed: the clock stops here
    assert not me.running and me.elapsed_s == pytest.approx(5)
    for p in presses[1:-1]:            # the solver's presses, one every 0.4 s
        clock.advance(0.4)
        me.note_input()                # the player moves the mouse meanwhile
        me.play(lo.Press(p.row, p.col, True), Kind.SOLVE)
    assert not me.running and me.elapsed_s == pytest.approx(5)
    clock.advance(3)
    me.play(presses[-1])               # the player takes over: the clock runs again
    assert me.state.is_solved and me.elapsed_s == pytest.approx(5)


def test_a_solve_on_an_untouched_board_leaves_the_clock_at_zero():
    clock = FakeClock()
    me = classic(clock)
    seen = events_of(me)
    me.note_assist("solve")
    for mv in hand_places():
        clock.advance(0.5)
        me.play(po.Place(mv.slot, mv.orientation, mv.row, mv.col, True), Kind.SOLVE)
    solved = [e for e in seen if isinstance(e, Solved)]
    assert me.state.is_solved and len(solved) == 1
    assert solved[0].seconds == 0 and solved[0].assisted


def test_after_a_solve_undo_gives_the_clock_back_to_the_player():
    clock = FakeClock()
    me = lights_out(clock)
    presses = hand_presses(me)
    me.play(presses[0])
    clock.advance(2)
    me.note_assist("solve")
    clock.advance(10)                  # the solver's answer and nothing played: still stopped
    assert me.elapsed_s == pytest.approx(2)
    assert me.undo()                   # the player's own action
    clock.advance(4)
    assert me.running and me.elapsed_s == pytest.approx(6)


def test_timers_are_per_game_id():
    clock = FakeClock()
    a = lights_out(clock, date=DAY)
    b = lights_out(clock, date=DAY + dt.timedelta(days=1))
    a.play(lo.Press(0, 0))
    clock.advance(3)
    a.pause("hidden")             # the player turned to the next day's board
    b.play(lo.Press(1, 1))
    clock.advance(4)
    assert (a.elapsed_s, b.elapsed_s) == (pytest.approx(3), pytest.approx(4))
    assert a.game_id.text == "flip 4x4 2024-05-01" and b.game_id.text == "flip 4x4 2024-05-02"


def test_timer_survives_a_restart_and_waits_for_input():
    clock = FakeClock()
    me = lights_out(clock)
    me.play(lo.Press(0, 0))
    clock.advance(42)
    save = me.to_save()
    clock.advance(3600)           # the game was closed for an hour
    again = MidEnd.from_save(lo.GAME, me.params, me.game_id, me.first_state, save, clock=clock,
                             today=me.today)
    clock.advance(20)
    assert again.elapsed_s == pytest.approx(42)  # not running before the player is back
    again.note_input()
    clock.advance(1)
    assert again.elapsed_s == pytest.approx(43)


# ------------------------------------------------------------------ verdicts and events


def test_undo_then_redo_of_a_solve_records_one_solve():
    me = classic()
    seen = events_of(me)
    for mv in hand_places():
        me.play(mv)
    for _ in range(3):
        me.undo()
        me.redo()
    solved = [e for e in seen if isinstance(e, Solved)]
    completed = [e for e in seen if isinstance(e, Completed)]
    assert len(solved) == 1 and not solved[0].assisted and solved[0].moves == 8
    assert len(completed) == 4 and all(e.by_hand for e in completed)
    assert len({e.solution for e in completed}) == 1


def test_help_makes_the_game_assisted_even_when_undone():
    me = lights_out()
    seen = events_of(me)
    hint = lo.GAME.hint(me.state)
    me.note_assist("hint")
    me.play(hint, Kind.HINT)
    me.undo()                     # the hint is taken back...
    for p in hand_presses(me):
        me.play(p)
    solved = [e for e in seen if isinstance(e, Solved)]
    assert solved and solved[0].assisted  # ...the game id stays assisted
    assert [e.kind for e in seen if isinstance(e, Assisted)] == ["hint"]
    assert not [e for e in seen if isinstance(e, Completed) and e.by_hand]


def test_show_search_alone_is_not_a_solve():
    me = classic()
    seen = events_of(me)
    me.note_assist("search")      # the replay was watched and stopped before its end
    assert me.assisted and not me.recorded
    assert [type(e) for e in seen] == [Assisted, Changed] and seen[0].kind == "search"


def test_help_asked_after_the_solve_keeps_the_verdict():
    me = classic()
    seen = events_of(me)
    for mv in hand_places():
        me.play(mv)
    me.restart()
    me.note_assist("solve")
    assert [e.assisted for e in seen if isinstance(e, Solved)] == [False]


# ------------------------------------------------------------------ saves


@pytest.mark.parametrize("kind", ["polyomino", "lights_out"])
def test_a_saved_game_restores_its_undo_history(kind):
    if kind == "polyomino":
        me = classic()
        moves = hand_places()[:4]
    else:
        me = lights_out()
        moves = [lo.Press(0, 0), lo.Press(2, 3), lo.Press(1, 1, True), lo.Press(3, 3)]
    for i, mv in enumerate(moves):
        me.play(mv, Kind.SOLVE if mv.assisted else Kind.MOVE)
        if i == 1:
            me.restart()
    me.undo()
    me.undo()
    again = MidEnd.from_save(me.game, me.params, me.game_id, me.first_state, me.to_save(), clock=me.clock,
                             today=me.today)
    assert [(e.state, e.move, e.kind) for e in again.history] == [(e.state, e.move, e.kind) for e in me.history]
    assert again.pos == me.pos and again.assisted == me.assisted
    while again.redo():
        me.redo()
        assert again.state == me.state


def test_a_save_with_a_bad_move_stops_there():
    me = classic()
    save = {"moves": [["move", "P0:0@2,2"], ["move", "P1:0@2,2"], ["move", "L0"]], "pos": 3,
            "elapsed_s": 1e308, "started": True}
    again = MidEnd.from_save(po.GAME, me.params, me.game_id, me.first_state, save, clock=me.clock,
                             today=me.today)
    assert again.move_texts() == ["P0:0@2,2"] and again.elapsed_s == 0.0
    for junk in (None, [], {"moves": "x", "pos": "y"}, {"moves": [[1, 2], ["zz", "R"]]}):
        fresh = MidEnd.from_save(po.GAME, me.params, me.game_id, me.first_state, junk, clock=me.clock)
        assert fresh.pos == 0 and fresh.state == me.first_state


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.tuples(st.just("press"), st.integers(0, 4), st.integers(0, 4), st.booleans()),
                          st.tuples(st.sampled_from(["undo", "redo", "restart"]))), max_size=30))
def test_any_history_survives_save_and_restore(actions):
    me = lights_out(size=5)
    for act in actions:
        if act[0] == "press":
            try:
                me.play(lo.Press(act[1], act[2], act[3]), Kind.HINT if act[3] else Kind.MOVE)
            except IllegalMoveError:
                pass
        else:
            getattr(me, act[0])()
    again = MidEnd.from_save(lo.GAME, me.params, me.game_id, me.first_state, me.to_save(), clock=me.clock)
    assert [e.state for e in again.history] == [e.state for e in me.history]
    assert (again.pos, again.moves, again.assisted) == (me.pos, me.moves, me.assisted)


@pytest.mark.parametrize("text", ["classic 2024-05-01", "flip 4x4 2024-05-01", "flip 6x6",
                                  "file:5 x 5 with U, Z, T, L, P", "variant:dragon 2025-01-31"])
def test_game_id_text_round_trip(text):
    assert GameId.from_text(text).text == text
