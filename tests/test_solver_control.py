"""Search control (docs/RULES.md): cancel, resume, node budgets, solution limits, step trace.

No assertion depends on how fast the machine is; the only time bound is a
generous sanity limit on joining a cancelled worker thread.
"""
from __future__ import annotations

import datetime as dt
import threading
import time

import pytest

import solver.kernels as K
from solver.search import Search, all_solutions, count_solutions, solve_first
from solver.board import Board, classic_board, date_targets
from solver.shapes import CLASSIC_SET, PENTOMINOES
from solver.model import Placement, Puzzle

try:
    from tests.reference import (CLASSIC_CODES, PENTOMINO_CODES, canonical, classic_open_cells,
                                 rect_cells, ref_components, ref_placements, ref_solutions,
                                 ref_subset_sums, shape_cells, verify_cover, verify_distinct)
except ImportError:  # tests/ is not a package: pytest put it on sys.path
    from reference import (CLASSIC_CODES, PENTOMINO_CODES, canonical, classic_open_cells,
                           rect_cells, ref_components, ref_placements, ref_solutions,
                           ref_subset_sums, shape_cells, verify_cover, verify_distinct)

JOIN_SANITY_S = 10.0
MAY_1 = ((0, 4), (2, 0))
UZTLP = ("SLCS", "JQHH", "SC", "XX", "JS")


def may1() -> Puzzle:
    return Puzzle(classic_board(), CLASSIC_SET, date_targets(dt.date(2024, 5, 1)))


def rect(h: int, w: int) -> Board:
    return Board.from_rows(["." * w] * h)


# ---------------------------------------------------------------- cancel


def _run_in_thread(search: Search) -> tuple[threading.Thread, dict]:
    result: dict = {}

    def work():
        result["status"] = search.run()

    th = threading.Thread(target=work, daemon=True)
    th.start()
    return th, result


def _wait_until_running(search: Search, th: threading.Thread) -> None:
    """Setup only: wait until the worker has published progress (nodes > 0) and ~50 ms passed."""
    start = time.monotonic()
    while th.is_alive() and (search.nodes == 0 or time.monotonic() - start < 0.05):
        time.sleep(0.002)


def test_cancel_stops_the_6x10_search_and_run_resumes():
    s = Search(Puzzle(rect(6, 10), PENTOMINOES), store=0)
    th, result = _run_in_thread(s)
    _wait_until_running(s, th)
    assert th.is_alive(), "the 6 x 10 search finished before it could be cancelled"
    progress = s.nodes
    assert progress > 0, "progress (nodes) is visible from another thread"
    s.cancel()
    th.join(JOIN_SANITY_S)
    assert not th.is_alive(), "cancel() did not stop the search"
    assert result["status"] == K.ST_CANCELLED
    assert s.status == K.ST_CANCELLED
    assert not s.done
    partial = s.count
    assert 0 <= partial < 9356
    assert s.nodes >= progress
    # run() again continues where it stopped
    assert s.run() == K.ST_DONE
    assert s.done
    assert s.count == 9356


def test_cancel_and_resume_several_times_keeps_the_count():
    s = Search(Puzzle(rect(5, 12), PENTOMINOES), store=0)
    for _ in range(3):
        th, result = _run_in_thread(s)
        _wait_until_running(s, th)
        s.cancel()
        th.join(JOIN_SANITY_S)
        assert not th.is_alive()
        if result["status"] == K.ST_DONE:
            break
        assert result["status"] == K.ST_CANCELLED
    s.run()
    assert s.done and s.count == 4040


def test_concurrent_searches_on_shared_tables_do_not_interfere():
    # searches of the same puzzle share cached placement tables; run several at once
    puzzles = [may1(), may1(), Puzzle(rect(4, 15), PENTOMINOES), may1(),
               Puzzle(rect(4, 15), PENTOMINOES)]
    want = [57, 57, 1472, 57, 1472]
    searches = [Search(p, store=None) for p in puzzles]
    threads = [_run_in_thread(s)[0] for s in searches]
    for th in threads:
        th.join(60)
        assert not th.is_alive()
    assert [s.count for s in searches] == want
    one_shot = [canonical(x) for x in all_solutions(may1())]
    for s, p in zip(searches, puzzles):
        if s.count == 57:
            assert [canonical(x) for x in s.solutions()] == one_shot


# ---------------------------------------------------------------- resume


@pytest.mark.parametrize("budget", [1, 50, 997])
def test_node_budget_chunks_give_the_one_shot_solutions(budget):
    one_shot = all_solutions(may1())
    s = Search(may1(), store=None)
    statuses = []
    while True:
        st = s.run(node_budget=budget)
        statuses.append(st)
        if st == K.ST_DONE:
            break
        assert st == K.ST_BUDGET
        assert len(statuses) < 1_000_000
    assert len(statuses) > 1
    assert s.count == 57
    assert [canonical(x) for x in s.solutions()] == [canonical(x) for x in one_shot]


def test_node_budget_chunks_on_4x15():
    s = Search(Puzzle(rect(4, 15), PENTOMINOES), store=0)
    chunks = 0
    while s.run(node_budget=20_000) != K.ST_DONE:
        chunks += 1
    assert chunks >= 1
    assert s.count == 1472 == count_solutions(Puzzle(rect(4, 15), PENTOMINOES))


def test_max_solutions_one_at_a_time_enumerates_may_1():
    one_shot = all_solutions(may1())
    assert len(one_shot) == 57
    s = Search(may1(), store=None)
    seen = []
    for i in range(1, 60):
        st = s.run(max_solutions=1)
        if st == K.ST_DONE:
            break
        assert st == K.ST_LIMIT
        assert s.count == i, "each call finds exactly one more solution"
        seen.append(s.solutions()[-1])
    assert s.done and s.count == 57
    assert [canonical(x) for x in s.solutions()] == [canonical(x) for x in one_shot]
    assert [canonical(x) for x in seen] == [canonical(x) for x in one_shot]


def test_store_keeps_the_first_solutions_but_counts_all():
    one_shot = all_solutions(may1())
    s = Search(may1(), store=10)
    assert s.run() == K.ST_DONE
    assert s.count == 57
    kept = s.solutions()
    assert [canonical(x) for x in kept] == [canonical(x) for x in one_shot[:10]]


def test_store_above_one_output_block_still_counts_everything():
    # 5000 kept solutions need two 4096-row blocks; run() without max_solutions must
    # still search the whole tree (as it does for store=10)
    s = Search(Puzzle(rect(6, 10), PENTOMINOES), store=5000)
    assert s.run() == K.ST_DONE
    assert s.count == 9356
    assert len(s.solutions()) == 5000


def test_all_solutions_limit():
    one_shot = all_solutions(may1())
    for k in (1, 5, 57, 100):
        got = all_solutions(may1(), limit=k)
        assert [canonical(x) for x in got] == [canonical(x) for x in one_shot[:k]]


def test_all_9356_solutions_of_6x10_are_kept_and_exact():
    # more than one 4096-row output block: solutions must not be lost or duplicated
    sols = all_solutions(Puzzle(rect(6, 10), PENTOMINOES))
    assert len(sols) == 9356
    verify_distinct(sols)
    cells = rect_cells(6, 10)
    for i, sol in enumerate(sols):
        # a cheap full check on every solution, the complete checker on every 5th
        covered = [c for pl in sol for c in pl.cells]
        assert len(covered) == 60 and set(covered) == cells
        assert sorted(pl.formation for pl in sol) == sorted(PENTOMINO_CODES)
        if i % 5 == 0:
            verify_cover(cells, (), PENTOMINO_CODES, sol)


# ---------------------------------------------------------------- step trace


def _collect_trace(search: Search) -> list:
    events = []
    while True:
        st = search.run()
        events += search.take_trace()
        if st == K.ST_DONE:
            return events
        assert st == K.ST_TRACE_FULL


def _replay(events, fixed, formations, open_cells, targets):
    """Apply the trace to a board set; return the solutions seen at "solution" events."""
    fixed_cells = {c for p in fixed for c in p.cells}
    need = set(open_cells) - set(targets)
    stack: list[Placement] = []
    found = []
    for ev in events:
        covered = fixed_cells | {c for p in stack for c in p.cells}
        if ev.kind == "place":
            assert not set(ev.placement.cells) & covered, "placed on a covered cell"
            assert set(ev.placement.cells) <= need, "placed off the cells to cover"
            assert ev.level == len(stack)
            stack.append(ev.placement)
        elif ev.kind == "remove":
            assert stack and stack[-1] == ev.placement, "remove must undo the last place"
            assert ev.level == len(stack) - 1
            stack.pop()
        elif ev.kind == "solution":
            assert covered == need
            found.append(tuple(fixed) + tuple(stack))
        elif ev.kind == "dead":
            region = set(ev.region)
            empty = need - covered
            assert region and region <= empty, "a dead region is made of empty cells"
            # independent soundness check: the region really cannot be filled
            used = [p.formation for p in list(fixed) + stack]
            left = list(formations)
            for code in used:
                left.remove(code)
            assert _dead_reason(region, empty, left), "a dead region that could be filled"
        else:
            raise AssertionError(f"unknown trace event {ev.kind!r}")
    assert stack == [], "the finished search leaves the board as it found it"
    return found


def _dead_reason(region, empty, left) -> str:
    """Why the empty ``region`` (of the empty cells ``empty``) cannot be filled by the
    formations ``left``, checked with the reference code; "" when it could be.

    The three dead ends the search reports: a whole region whose size is no sum of the
    pieces left; empty cells no placement of a piece left covers; or (the region is
    every empty cell) a piece left that fits nowhere.
    """
    codes = sorted(set(left))
    sums = ref_subset_sums([left.count(c) for c in codes], [len(shape_cells(c)) for c in codes])
    if _is_component(region, empty) and len(region) not in sums:
        return "size"
    fits = {c: ref_placements(c, empty) for c in codes}
    if region == empty and any(not fits[c] for c in codes):
        return "a piece fits nowhere"
    coverable = set().union(*(p for c in codes for p in fits[c]))
    if not region & coverable:
        return "no placement covers these cells"
    return ""


def _is_component(region, empty) -> bool:
    """True when ``region`` is a whole 4-connected component of ``empty``."""
    w = max(c for _, c in empty) + 1
    h = max(r for r, _ in empty) + 1
    mask = sum(1 << (r * w + c) for r, c in empty)
    rmask = sum(1 << (r * w + c) for r, c in region)
    return rmask in ref_components(mask, w, h)


@pytest.mark.parametrize("capacity", [16, 1000, 1_000_000])
def test_trace_replays_to_the_solutions_5x5(capacity):
    puzzle = Puzzle(rect(5, 5), UZTLP)
    s = Search(puzzle, store=None, trace_capacity=capacity)
    events = _collect_trace(s)
    found = _replay(events, (), UZTLP, rect_cells(5, 5), ())
    assert [canonical(x) for x in found] == [canonical(x) for x in s.solutions()]
    assert len(found) == 8
    assert canonical(found[0]) == canonical(solve_first(puzzle))


@pytest.mark.parametrize("prune", [True, False])
def test_trace_replays_to_the_solutions_may_1(prune):
    s = Search(may1(), store=None, prune=prune, trace_capacity=4096)
    events = _collect_trace(s)
    found = _replay(events, (), CLASSIC_CODES, classic_open_cells(), MAY_1)
    assert len(found) == 57
    assert [canonical(x) for x in found] == [canonical(x) for x in s.solutions()]
    assert canonical(found[0]) == canonical(solve_first(may1()))
    assert {canonical(x) for x in found} == set(
        ref_solutions(classic_open_cells(), CLASSIC_CODES, MAY_1))
    if prune:
        assert any(ev.kind == "dead" for ev in events), "pruning shows up in the trace"


def test_trace_with_fixed_pieces():
    base = all_solutions(may1())[7]
    fixed = list(base[:2])
    s = Search(may1(), fixed, store=None, trace_capacity=100_000)
    events = _collect_trace(s)
    found = _replay(events, fixed, CLASSIC_CODES, classic_open_cells(), MAY_1)
    assert [canonical(x) for x in found] == [canonical(x) for x in s.solutions()]
    assert canonical(base) in {canonical(x) for x in found}
    assert canonical(found[0]) == canonical(solve_first(may1(), fixed))


def test_trace_up_to_the_first_solution_equals_solve_first():
    s = Search(may1(), store=None, trace_capacity=100_000)
    s.run(max_solutions=1)
    events = s.take_trace()
    stack: list[Placement] = []
    for ev in events:
        if ev.kind == "place":
            stack.append(ev.placement)
        elif ev.kind == "remove":
            stack.pop()
        elif ev.kind == "solution":
            break
    else:
        pytest.fail("no solution event before the first solution was reported")
    first = solve_first(may1())
    verify_cover(classic_open_cells(), MAY_1, CLASSIC_CODES, first)
    assert canonical(stack) == canonical(first)


@pytest.mark.parametrize("capacity", [1, 2, 3])
def test_tiny_trace_buffer_is_refused_or_still_progresses(capacity):
    # a buffer too small for one step (place + solution + remove) must not livelock:
    # either the API refuses it, or repeated run()/take_trace() reaches the end
    puzzle = Puzzle(rect(5, 5), UZTLP)
    try:
        s = Search(puzzle, store=None, trace_capacity=capacity)
    except ValueError:
        return
    for _ in range(20_000):
        st = s.run()
        s.take_trace()
        if st == K.ST_DONE:
            break
    assert s.done, f"trace_capacity={capacity}: run() keeps returning ST_TRACE_FULL"
    assert s.count == 8


def test_trace_on_a_wide_board_is_in_the_board_frame():
    # the API searches wide boards transposed; trace placements must come back untransposed
    board = rect(3, 10)
    formations = ("YZCS", "XX", "JS", "SLCS", "HY", "BDQX")
    puzzle = Puzzle(board, formations)
    s = Search(puzzle, store=None, trace_capacity=1_000_000)
    events = _collect_trace(s)
    found = _replay(events, (), formations, rect_cells(3, 10), ())
    assert {canonical(x) for x in found} == {canonical(x) for x in s.solutions()}
    for sol in found:
        verify_cover(rect_cells(3, 10), (), formations, sol)
