"""Benchmark: our solver against the PyPI exact-cover solvers ``xcover`` and ``exact-cover``.

Cases (all on the same work, checked against the known counts):

* (a) first solution for 2024-12-03 (classic board, Classic set);
* (b) all 67 solutions for 2024-12-03;
* (c) all solutions for the 366 dates of 2024 (24,405 in total);
* (d) the 6 x 10 rectangle with the twelve pentominoes (9,356 solutions);
* (e) the 8 x 8 square less its centre 2 x 2 with the twelve pentominoes (520);
* (f) the 5 x 12 rectangle (4,040) and (g) the 4 x 15 rectangle (1,472), the same set;
* one case per calendar edition (``dragonfjord`` ... ``weekday``): every puzzle of its
  all-dates task (366 dates; 2,562 month/day/weekday puzzles on the weekday board),
  ours in ONE search against xcover on one matrix per puzzle (built outside the
  timing).  Where a full xcover run would take minutes, xcover runs on a fixed
  sample (every k-th puzzle, :data:`EDITION_STRIDE`) and its time is extrapolated
  to all puzzles; the report says so.

Every (solver, case) pair runs in its own forked process: the input is built
(timed on its own), the search runs once to warm up (JIT compilation or cache
loading excluded; reported as "first call"), then ``R`` timed repetitions give the
median and the minimum.  A single call slower than ``--cap`` seconds is killed and
reported as "> cap".  When the warm-up alone takes longer than ``--budget``, fewer
repetitions are made (at least one; the warm-up is the only sample, marked, when
even one would exceed the budget).

Usage::

    python benchmarks/run.py                 # full run, writes benchmarks/RESULTS.md
    python benchmarks/run.py --quick         # fewer repetitions
    python benchmarks/run.py --cases a,b --out -     # print only
    python benchmarks/run.py --reps a=100,d=5 --cap 120 --budget 30
    python benchmarks/run.py --before none   # skip the before/after table (made by
                                             # default only when --cases is not given)

The hint / "still solvable?" latencies are ``benchmarks/bench_hint.py`` (its own file,
``benchmarks/hint_results.md``).

No BLAS is involved, so ``OPENBLAS_*`` / ``OMP_*`` settings make no difference.
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as _dt
import gc
import json
import multiprocessing as mp
import os
import platform
import statistics
import subprocess
import sys
import time
import traceback
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import before_after as BA  # noqa: E402
from common import cpu_name, git_commit, load_average  # noqa: E402
import peers as P  # noqa: E402

DATE = _dt.date(2024, 12, 3)
YEAR = 2024

# case -> (title, expected count, default reps, quick reps, target speed-up over xcover)
CASES: dict[str, tuple[str, int, int, int, float]] = {
    "a": ("(a) first solution, 2024-12-03", 1, 50, 10, 10.0),
    "b": ("(b) all solutions, 2024-12-03", 67, 50, 10, 10.0),
    "c": ("(c) all solutions, 366 dates of 2024", 24405, 3, 1, 10.0),
    "d": ("(d) 6 x 10 rectangle, 12 pentominoes", 9356, 3, 1, 8.0),
    "e": ("(e) 8 x 8 less centre 2 x 2, 12 pentominoes", 520, 3, 1, 5.0),
    "f": ("(f) 5 x 12 rectangle, 12 pentominoes", 4040, 3, 1, 8.0),
    "g": ("(g) 4 x 15 rectangle, 12 pentominoes", 1472, 3, 1, 8.0),
}

RECT_CASES: dict[str, tuple[str, ...]] = {
    "d": P.RECT_6X10_ROWS, "e": P.SQUARE_8X8_HOLE_ROWS,
    "f": ("." * 12,) * 5, "g": ("." * 15,) * 4,
}
"""Rows of the pentomino boards (every solution listed, no symmetry shortcut)."""

ONE_SEARCH_TARGET = 60.0
"""Target speed-up over xcover of (c) as ONE search (the 366 searches keep CASES')."""

EDITIONS = ("dragonfjord", "jarringwords", "creamakerspace", "tetromino", "weekday")
for _name in EDITIONS:  # no published totals: ours and xcover are cross-checked per puzzle
    CASES[_name] = (f"{_name}: all dates", None, 3, 1, 25.0)

EDITION_STRIDE = {"dragonfjord": 1, "jarringwords": 1, "creamakerspace": 1, "tetromino": 1,
                  "weekday": 43}
"""xcover runs on every k-th puzzle of an edition's all-dates task (k = 1: all of them,
3 to 15 s per edition; weekday: 60 of 2,562 puzzles, about 15 s instead of 8-10 minutes,
every weekday sampled since 43 is prime to 7) and its time is scaled by puzzles /
sampled puzzles."""

# solver keys: what each one does per case is in make_job()
MAIN_SOLVERS = ("ours", "ours-366", "xcover", "exact_cover",
                "ours-sym", "xcover-sym", "exact_cover-sym")
VARIANT_SOLVERS = ("ours-noprune", "ours-366-noprune", "exact_cover-count")


# ---------------------------------------------------------------- jobs


@dataclass
class Job:
    """What one (solver, case) measurement does.

    Attributes:
        build: builds the input (timed separately); returns the state ``run`` takes.
        run: one timed call; returns the raw result.
        check: verifies a result (``full=True`` after the warm-up: every solution is
            checked where that is cheap); returns ``{"count": ..., "nodes": ...,
            "per_date": ...}`` and raises ``AssertionError`` on a wrong answer.
        tables: optional (ours only): clears our placement-table cache and returns the
            seconds it takes to build this job's tables again (None when unknown).
    """

    build: Callable[[], Any]
    run: Callable[[Any], Any]
    check: Callable[[Any, Any, bool], dict]
    tables: Callable[[Any], float | None] | None = None


def _ours_cells_ok(puzzle, solution) -> bool:
    board = puzzle.board
    want = set(board.cells_of(puzzle.cover_mask))
    got = [c for pl in solution for c in pl.cells]
    return len(got) == len(set(got)) and set(got) == want


def _ours_clear_tables() -> bool:
    """Clear every ``functools`` cache in :mod:`solver.search.tables` (placement tables and
    the pieces they are built from); False when there is none to clear."""
    from solver.search import tables

    cleared = False
    for name in dir(tables):
        fn = getattr(tables, name)
        if getattr(fn, "__module__", None) == tables.__name__ and callable(
                getattr(fn, "cache_clear", None)):
            fn.cache_clear()
            cleared = True
    return cleared


def _ours_search_tables(puzzles) -> float | None:
    """Seconds to construct a :class:`Search` per puzzle with the table cache cleared."""
    from solver.search import Search

    if not _ours_clear_tables():
        return None
    t0 = time.perf_counter()
    for pz in puzzles if isinstance(puzzles, list) else [puzzles]:
        Search(pz, store=0)
    return time.perf_counter() - t0


def _ours_target_tables(state) -> float | None:
    """Seconds to build the tables of one ``count_by_targets`` search (cache cleared):
    the search is constructed (``targets_search``) but not run."""
    from solver.search.all_dates import targets_search
    from solver.shapes import CLASSIC_SET

    board, months, days = state
    if not _ours_clear_tables():
        return None
    t0 = time.perf_counter()
    targets_search(board, CLASSIC_SET, months, days)
    return time.perf_counter() - t0


def _ours_puzzle(case: str):
    from solver.board import Board, classic_board, date_targets
    from solver.shapes import CLASSIC_SET, PENTOMINOES
    from solver.model import Puzzle

    if case in "ab":
        return Puzzle(classic_board(), CLASSIC_SET, date_targets(DATE))
    if case in RECT_CASES:
        return Puzzle(Board.from_rows(list(RECT_CASES[case])), PENTOMINOES)
    raise ValueError(case)


def _expect(cond: bool, msg: str) -> None:
    if not cond:
        raise AssertionError(msg)


def make_job(solver: str, case: str) -> Job:
    """The :class:`Job` for one solver key and one case letter."""
    if case in EDITIONS:
        return _edition_job(solver, case)
    expected = CASES[case][1]
    dates = P.leap_year_dates(YEAR)

    if solver.startswith("ours"):
        from solver.search import Search, count_by_targets
        from solver.board import classic_board, date_targets, day_cell, month_cell
        from solver.shapes import CLASSIC_SET
        from solver.model import Puzzle

        prune = not solver.endswith("noprune")
        if solver == "ours-sym":
            from solver.search import solve_by_symmetry

            def build():
                return _ours_puzzle(case)

            def run(puzzle):
                return solve_by_symmetry(puzzle, enumerate_all=False, prune=prune)

            def check(puzzle, res, full):
                n, _, seconds, nodes = res
                _expect(n == expected, f"{solver} ({case}): {n} solutions, expected {expected}")
                return {"count": n, "nodes": nodes, "kernel": seconds}

            return Job(build, run, check, _ours_search_tables)
        if case == "c" and "366" in solver:
            def build():
                board = classic_board()
                return [Puzzle(board, CLASSIC_SET, date_targets(d)) for d in dates]

            def run(puzzles):
                out = []
                for pz in puzzles:
                    s = Search(pz, store=0, prune=prune)
                    s.run()
                    out.append((s.count, s.nodes, s.seconds))
                return out

            def check(puzzles, res, full):
                per = {d.isoformat(): n for d, (n, _, _) in zip(dates, res)}
                total = sum(per.values())
                _expect(total == expected, f"{solver} (c): {total} solutions, expected {expected}")
                return {"count": total, "nodes": sum(n for _, n, _ in res), "per_date": per,
                        "kernel": sum(k for _, _, k in res)}

            return Job(build, run, check, _ours_search_tables)
        if case == "c":
            def build():
                return (classic_board(), [month_cell(m) for m in range(1, 13)],
                        [day_cell(d) for d in range(1, 32)])

            def run(state):
                board, months, days = state
                # ours: the all-dates default pruning (prune=3); noprune: none
                kw = {} if prune else {"prune": False}
                return count_by_targets(board, CLASSIC_SET, months, days, **kw)

            def check(state, res, full):
                counts, seconds, nodes = res
                per = {d.isoformat(): counts.get(date_targets(d), 0) for d in dates}
                total = sum(per.values())
                _expect(total == expected, f"{solver} (c): {total} solutions, expected {expected}")
                return {"count": total, "nodes": nodes, "per_date": per, "kernel": seconds}

            return Job(build, run, check, _ours_target_tables)
        if "366" in solver:
            raise ValueError("the 366-search variant is for case c only")

        first = case == "a"

        def build():
            return _ours_puzzle(case)

        def run(puzzle):
            s = Search(puzzle, store=1 if first else None, prune=prune)
            s.run(max_solutions=1 if first else None)
            return s

        def check(puzzle, s, full):
            if first:
                _expect(s.count == 1, f"{solver} ({case}): no first solution")
                if full:
                    sol = s.solutions()[0]
                    _expect(_ours_cells_ok(puzzle, sol), f"{solver} ({case}): not an exact cover")
            else:
                _expect(s.count == expected,
                        f"{solver} ({case}): {s.count} solutions, expected {expected}")
                rows = s.solution_indices()
                _expect(len(rows) == expected,
                        f"{solver} ({case}): {len(rows)} solutions listed, expected {expected}")
                if full:
                    sols = s.solutions()
                    _expect(all(_ours_cells_ok(puzzle, x) for x in sols),
                            f"{solver} ({case}): a listed solution is not an exact cover")
                    _expect(len({frozenset(x) for x in sols}) == expected,
                            f"{solver} ({case}): repeated solutions")
            return {"count": 1 if first else s.count, "nodes": s.nodes, "kernel": s.seconds}

        return Job(build, run, check, _ours_search_tables)

    # ---- peers
    if solver.endswith("-sym"):
        count_fn = P.xcover_count if solver == "xcover-sym" else P.exact_cover_count
        to_input = (P.CoverInput.xcover_arrays if solver == "xcover-sym"
                    else P.CoverInput.bool_matrix)
        rows = P.RECT_6X10_ROWS if case == "d" else P.SQUARE_8X8_HOLE_ROWS

        def build():
            _, subs = P.symmetry_inputs(rows, P.PENTOMINO_CODES)
            return [(to_input(inp), size) for inp, size in subs]

        def run(state):
            return sum(size * count_fn(x) for x, size in state)

        def check(state, n, full):
            _expect(n == expected, f"{solver} ({case}): {n} solutions, expected {expected}")
            return {"count": n}

        return Job(build, run, check)
    if solver == "xcover":
        to_input = P.CoverInput.xcover_arrays
        first_fn, all_fn, count_fn = P.xcover_first, (lambda a: list(P.xcover_solutions(a))), P.xcover_count
    elif solver in ("exact_cover", "exact_cover-count"):
        to_input = P.CoverInput.bool_matrix
        first_fn, count_fn = P.exact_cover_first, P.exact_cover_count
        all_fn = P.exact_cover_all if solver == "exact_cover" else P.exact_cover_count
    else:
        raise ValueError(solver)

    if case == "c":
        def build():
            inps = P.calendar_inputs(dates)
            return inps, [to_input(i) for i in inps]

        def run(state):
            return [count_fn(x) for x in state[1]]

        def check(state, res, full):
            per = {d.isoformat(): int(n) for d, n in zip(dates, res)}
            total = sum(per.values())
            _expect(total == expected, f"{solver} (c): {total} solutions, expected {expected}")
            return {"count": total, "per_date": per}

        return Job(build, run, check)

    def build():
        if case in "ab":
            inp = P.calendar_input(DATE)
        else:
            inp = P.build_input(RECT_CASES[case], P.PENTOMINO_CODES)
        return inp, to_input(inp)

    if case == "a":
        def run(state):
            return first_fn(state[1])

        def check(state, res, full):
            _expect(res is not None and P.is_exact_cover(state[0], res),
                    f"{solver} (a): first solution missing or not an exact cover")
            return {"count": 1}

        return Job(build, run, check)

    def run(state):
        return all_fn(state[1])

    def check(state, res, full):
        if isinstance(res, int):  # count-only variant
            n = res
        else:
            n = len(res)
            if full:
                _expect(all(P.is_exact_cover(state[0], s) for s in res),
                        f"{solver} ({case}): a listed solution is not an exact cover")
                _expect(len({frozenset(s) for s in res}) == n, f"{solver} ({case}): repeated solutions")
        _expect(n == expected, f"{solver} ({case}): {n} solutions, expected {expected}")
        return {"count": n}

    return Job(build, run, check)


def _edition_job(solver: str, name: str) -> Job:
    """Ours: one ``date_counts`` search over every puzzle of the edition; xcover: one
    count per sampled puzzle (:data:`EDITION_STRIDE`) on prebuilt matrices."""
    if solver in ("ours", "ours-noprune"):
        from solver import variants
        from solver.search import date_counts

        def build():
            return variants.load(name)

        def run(v):
            return date_counts(v.board, v.formations, mirror=v.mirror, shapes=v.shapes)

        def check(v, res, full):
            per, seconds, nodes = res
            _expect(list(per) == P.edition_keys(name), f"ours ({name}): wrong puzzle keys")
            return {"count": sum(per.values()), "nodes": nodes, "per_date": per,
                    "kernel": seconds, "puzzles": len(per)}

        return Job(build, run, check)
    if solver != "xcover":
        raise ValueError(f"{solver} is not measured on {name}")
    keys = P.edition_sample(name, EDITION_STRIDE[name])

    def build():
        return [P.CoverInput.xcover_arrays(P.edition_input(name, k)) for k in keys]

    def run(arrays):
        return [P.xcover_count(a) for a in arrays]

    def check(arrays, res, full):
        per = dict(zip(keys, (int(n) for n in res)))
        return {"count": sum(per.values()), "per_date": per, "sample": len(keys),
                "puzzles": len(P.edition_keys(name))}

    return Job(build, run, check)


def applies(solver: str, case: str) -> bool:
    """Whether a solver key is measured on a case."""
    if case in EDITIONS:
        return solver in ("ours", "xcover")
    if "366" in solver:
        return case == "c"
    if solver.endswith("-sym"):
        return case in "de"
    if solver == "exact_cover-count":
        return case in "bde"
    if solver == "exact_cover" and case in "fg":
        return False   # minutes per call (6 x 10 already over the cap)
    return True


# ---------------------------------------------------------------- measuring


def _timed(fn, arg):
    # like timeit: the collector is off while timing; it is run once before the
    # repetitions (_child), not before every call, which would also empty the CPU
    # caches and time every call cold (first solution: 39 us warm, 320 us cold)
    gc.disable()
    try:
        t0 = time.perf_counter()
        res = fn(arg)
        return time.perf_counter() - t0, res
    finally:
        gc.enable()


def _child(conn, solver: str, case: str, reps: int, budget: float) -> None:
    try:
        job = make_job(solver, case)
        t0 = time.perf_counter()
        state = job.build()
        conn.send(("input", time.perf_counter() - t0))
        t, res = _timed(job.run, state)
        info = job.check(state, res, True)
        conn.send(("warm", t, info))
        if t > budget:
            n = 0
        elif t * reps > budget:
            n = max(1, int(budget / max(t, 1e-9)))
        else:
            n = reps
        conn.send(("planned", n))
        gc.collect()
        for _ in range(n):
            t, res = _timed(job.run, state)
            conn.send(("rep", t, job.check(state, res, False).get("kernel")))
        if job.tables is not None:
            conn.send(("tables", job.tables(state)))
        conn.send(("done",))
    except BaseException:
        conn.send(("error", traceback.format_exc()))
    finally:
        conn.close()


@dataclass
class Measure:
    """Outcome of one (solver, case) measurement; times in seconds."""

    solver: str
    case: str
    status: str = "ok"          # ok | cap | error
    input: float | None = None
    first: float | None = None  # the warm-up call (includes JIT compile / cache load)
    times: list[float] = field(default_factory=list)
    warm_only: bool = False     # the warm-up is the only sample (over budget)
    table_build: float | None = None  # ours: building the placement tables
    info: dict = field(default_factory=dict)
    kernel: list[float] = field(default_factory=list)  # ours: search time the solver reports
    error: str = ""

    @property
    def samples(self) -> list[float]:
        """Timed samples (the warm-up when it is the only one)."""
        if self.times:
            return self.times
        return [self.first] if self.warm_only and self.first is not None else []

    @property
    def median(self) -> float | None:
        """Median of the samples, or None."""
        s = self.samples
        return statistics.median(s) if s else None

    @property
    def min(self) -> float | None:
        """Fastest sample, or None."""
        s = self.samples
        return min(s) if s else None


def measure(solver: str, case: str, reps: int, cap: float, budget: float) -> Measure:
    """Run one (solver, case) measurement in a forked process, killing it past ``cap``."""
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, solver, case, reps, budget), daemon=True)
    proc.start()
    child.close()
    m = Measure(solver, case)
    planned = None
    try:
        while True:
            # input building is not capped by the search cap, but still bounded
            if not parent.poll(cap if m.input is not None else max(cap, 300.0)):
                m.status = "cap"
                break
            try:
                msg = parent.recv()
            except EOFError:
                m.status, m.error = "error", f"process died (exit code {proc.exitcode})"
                break
            kind = msg[0]
            if kind == "input":
                m.input = msg[1]
            elif kind == "warm":
                m.first, m.info = msg[1], msg[2]
            elif kind == "planned":
                planned = msg[1]
                m.warm_only = planned == 0
            elif kind == "rep":
                m.times.append(msg[1])
                if msg[2] is not None:
                    m.kernel.append(msg[2])
            elif kind == "tables":
                m.table_build = msg[1]
            elif kind == "error":
                m.status, m.error = "error", msg[1]
                break
            elif kind == "done":
                break
    finally:
        if proc.is_alive() and m.status != "ok":
            proc.kill()
        proc.join(10)
        if proc.is_alive():
            proc.kill()
            proc.join()
        parent.close()
    if m.status == "cap" and planned:
        # some repetitions finished before one went over the cap: still a cap result
        m.times = []
    return m


# ---------------------------------------------------------------- report


def fmt_time(t: float | None) -> str:
    """Seconds as a short string with a unit (us, ms, s)."""
    if t is None:
        return "-"
    if t < 1e-3:
        return f"{t * 1e6:.1f} us"
    if t < 1.0:
        return f"{t * 1e3:.2f} ms"
    return f"{t:.2f} s"


def fmt_cell(m: Measure | None, cap: float) -> str:
    """Median (min) of a measurement, or its failure."""
    if m is None:
        return "-"
    if m.status == "cap":
        return f"> {cap:g} s (cap)"
    if m.status == "error":
        return "error"
    s = f"{fmt_time(m.median)} ({fmt_time(m.min)})"
    if m.warm_only:
        s += " †"
    return s


def ratio(peer: Measure | None, ours: Measure | None, cap: float) -> str:
    """Peer median / our median (``> x`` when the peer hit the cap)."""
    if peer is None or ours is None or ours.median is None:
        return "-"
    if peer.status == "cap":
        return f"> {cap / ours.median:.0f}x"
    if peer.median is None:
        return "-"
    r = peer.median / ours.median
    return f"{r:.1f}x" if r < 100 else f"{r:.0f}x"


def machine_info() -> list[tuple[str, str]]:
    """(label, value) pairs describing the machine and the software versions."""
    def ver(name):
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    cpu = cpu_name()
    commit = git_commit()
    try:
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "solver"], cwd=ROOT,
                               capture_output=True, text=True, timeout=10).stdout.strip()
        if dirty:
            commit += " (solver/ has uncommitted changes)"
    except (OSError, subprocess.SubprocessError):
        pass
    try:
        affinity = len(os.sched_getaffinity(0))
    except AttributeError:
        affinity = os.cpu_count()
    return [
        ("date (UTC)", _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M")),
        ("CPU", f"{cpu}; nproc {affinity}"),
        ("load average at start", load_average()),
        ("OS", platform.platform()),
        ("python", platform.python_version()),
        ("numba / numpy", f"{ver('numba')} / {ver('numpy')}"),
        ("xcover / exact-cover", f"{ver('xcover')} / {ver('exact-cover')}"),
        ("git commit", commit or "unknown"),
    ]


def render(results: dict[tuple[str, str], Measure], cases: list[str], info, args,
           elapsed: float) -> str:
    """The Markdown report."""
    cap = args.cap
    R = results.get
    base = [c for c in cases if c not in EDITIONS]
    out: list[str] = []
    out.append("# Solver benchmark: ours vs xcover and exact-cover\n")
    out.append("Generated by `python benchmarks/run.py` (`make bench`)"
               + (" with `--quick`" if args.quick else "") + "; do not edit by hand.\n")
    out.append("| | |\n|---|---|")
    for k, v in info:
        out.append(f"| {k} | {v} |")
    out.append(f"| load average at end | {load_average()} |")
    out.append(f"| wall time of this run | {elapsed:.0f} s |")
    out.append(f"| command | `{' '.join(['python benchmarks/run.py'] + list(args.argv))}` |")
    out.append("")
    load = os.getloadavg()[0]
    ncpu = os.cpu_count() or 1
    if load > 0.75 * ncpu:
        out.append(f"**Note: the machine was busy (1-minute load {load:.1f} on {ncpu} CPUs) "
                   "when this finished; the timings are noisy and slower than on a quiet "
                   "machine. Re-run `make bench` on a quiet machine for figures to quote.**\n")
    out.append("Times are the median (and the fastest) of the repeated calls after one warm-up "
               "call; the input building is not included (see the second table). Ratios are "
               "peer median / our median; targets vs xcover (column \"target\"): 10x on (a), "
               "(b) and the 366 searches of (c); 60x on (c) as ONE search; 8x on the 6 x 10, "
               "5 x 12 and 4 x 15 rectangles; 5x on the 8 x 8 board less its centre. Every "
               "count here is made without the symmetry shortcut (the rows marked \"by "
               "symmetry orbits\" excepted), so ours and the peers do the same work.\n")
    out.append("| case | solutions | ours | xcover | exact_cover | xcover / ours | "
               "exact_cover / ours | target vs xcover | ours nodes | reps |")
    out.append("|---|---|---|---|---|---|---|---|---|---|")

    def row(label, case, ours_key, xc_key="xcover", ec_key="exact_cover", tgt=None):
        ours, xc, ec = R((ours_key, case)), R((xc_key, case)), R((ec_key, case))
        if ours is None and xc is None and ec is None:
            return
        tgt = CASES[case][4] if tgt is None else tgt
        met = "-"
        if ours is not None and ours.median is not None and xc is not None:
            if xc.status == "cap":
                met = "met"
            elif xc.median is not None:
                met = "met" if xc.median / ours.median >= tgt else "NOT met"
            met = f"{tgt:g}x: {met}"
        nodes = ours.info.get("nodes") if ours is not None else None
        reps = "/".join(str(len(m.samples)) for m in (ours, xc, ec) if m is not None)
        count = ours.info.get("count", "-") if ours is not None else "-"
        out.append(f"| {label} | {count} | {fmt_cell(ours, cap)} | {fmt_cell(xc, cap)} | "
                   f"{fmt_cell(ec, cap)} | {ratio(xc, ours, cap)} | {ratio(ec, ours, cap)} | "
                   f"{met} | {nodes if nodes is not None else '-'} | {reps} |")

    for case in base:
        if case == "c":
            row("(c) 366 dates: ours ONE search (count_by_targets)", "c", "ours",
                tgt=ONE_SEARCH_TARGET)
            row("(c) 366 dates: ours 366 searches", "c", "ours-366")
        elif case in RECT_CASES:
            row(CASES[case][0] + ": all solutions listed", case, "ours")
            if case in "de":
                row(CASES[case][0] + ": counted by symmetry orbits (all three)", case,
                    "ours-sym", "xcover-sym", "exact_cover-sym")
        else:
            row(CASES[case][0], case, "ours")
    out.append("")
    for case in base:
        sym, xc = R(("ours-sym", case)), R(("xcover", case))
        if case in "de" and sym is not None and sym.median is not None and xc is not None:
            out.append(f"{CASES[case][0]}: ours by symmetry orbits vs xcover listing every "
                       f"solution without symmetry: {ratio(xc, sym, cap)} (not the same work: "
                       "the orbit trick is open to the peers too, see the row above).\n")
    out.append("† the warm-up call was the only sample (it took longer than the time budget "
               f"of {args.budget:g} s); \"> cap\": one call took longer than {cap:g} s and was "
               "stopped. reps = samples for ours / xcover / exact_cover.\n")

    out.append("What each solver does per case: **ours** `Search(puzzle, store=1).run(max_solutions=1)` "
               "for (a), `Search(puzzle, store=None).run()` (lists every solution) for (b), (d)-"
               "(g); (c) either one `count_by_targets` search over all month/day pairs (the "
               "366 real dates are summed from its result) or 366 `Search(puzzle, store=0).run()` "
               "counts; \"counted by symmetry orbits\" = `solve_by_symmetry(puzzle, "
               "enumerate_all=False)`. **xcover** `algorithm_c` generator on prebuilt arrays: the first "
               "solution for (a), all solutions listed for (b), (d)-(g), enumerated and counted "
               "per date for (c). **exact_cover** `get_exact_cover` for (a), `get_all_solutions` "
               "for (b), (d), (e) (it runs a counting search and then a listing search), "
               "`get_solution_count` per date for (c). **Symmetry orbits** (rows marked so, "
               "all three solvers): the board's rotations/reflections split the placements "
               "of one pivot formation (the one with the fewest orbits: the X pentomino, "
               "8 orbits of 4 on 6 x 10, 4 orbits of 4 or 8 on the 8 x 8) into orbits; one "
               "search per orbit representative with the pivot fixed there, total = sum of "
               "orbit size x count (exact; Knuth's X restriction generalised); the peers "
               "get one restricted matrix per representative (built by `peers.symmetry_inputs`) "
               "and count (xcover by enumerating, exact_cover by `get_solution_count`).\n")

    out.append("## Input building and first call\n")
    out.append("Input building: ours = building the placement tables (`Search` construction with "
               "every cache of `solver.search.tables` cleared; for (c) one search the table `count_by_targets` asks "
               "for); peers = the exact-cover matrix from "
               "`benchmarks/peers.py` (own rotate/reflect code from the shapes of docs/RULES.md) converted "
               "to the peer's format (for (c): 366 matrices). First call = the warm-up call "
               "(includes numba compilation or cache loading where there is any; xcover's "
               "kernel has an explicit signature and compiles or loads at import).\n")
    out.append("| case | ours input | xcover input | exact_cover input | ours first call | "
               "xcover first call | exact_cover first call |")
    out.append("|---|---|---|---|---|---|---|")
    for case in base:
        keys = [("", "ours", "xcover", "exact_cover")]
        if case == "c":
            keys.append((" (366 searches)", "ours-366", "xcover", "exact_cover"))
        if case in "de":
            keys.append((" (symmetry orbits)", "ours-sym", "xcover-sym", "exact_cover-sym"))
        for suffix, ours_key, xc_key, ec_key in keys:
            ours, xc, ec = R((ours_key, case)), R((xc_key, case)), R((ec_key, case))
            if ours is None and xc is None and ec is None:
                continue
            label = CASES[case][0] + suffix
            out.append(f"| {label} | {fmt_time(ours.table_build if ours else None)} | "
                       f"{fmt_time(xc.input if xc else None)} | {fmt_time(ec.input if ec else None)} | "
                       f"{fmt_time(ours.first if ours else None)} | {fmt_time(xc.first if xc else None)} | "
                       f"{fmt_time(ec.first if ec else None)} |")
    out.append("")

    if not args.no_variants:
        out.append("## Our variants\n")
        out.append("Dead-region pruning on (the default) vs off, same calls as above. \"search "
                   "only\" is the median of the search time our API reports itself "
                   "(`Search.seconds`, the `seconds` of `count_by_targets`): the rest of a call is "
                   "Python set-up around the numba kernel.\n")
        out.append("| case | prune on | prune off | off / on | prune on, search only | "
                   "nodes on | nodes off |")
        out.append("|---|---|---|---|---|---|---|")
        pairs = []
        for case in base:
            if case == "c":
                pairs.append(("(c) one search", "c", "ours", "ours-noprune"))
                pairs.append(("(c) 366 searches", "c", "ours-366", "ours-366-noprune"))
            else:
                pairs.append((CASES[case][0], case, "ours", "ours-noprune"))
        for label, case, on_key, off_key in pairs:
            on, off = R((on_key, case)), R((off_key, case))
            kern = "-"
            if on is not None and on.kernel:
                kern = fmt_time(statistics.median(on.kernel))
            elif on is not None and on.warm_only and on.info.get("kernel") is not None:
                kern = fmt_time(on.info["kernel"])
            out.append(f"| {label} | {fmt_cell(on, cap)} | {fmt_cell(off, cap)} | "
                       f"{ratio(off, on, cap)} | {kern} | {on.info.get('nodes', '-') if on else '-'} | "
                       f"{off.info.get('nodes', '-') if off else '-'} |")
        out.append("")
        if "c" in base:
            one, many = R(("ours", "c")), R(("ours-366", "c"))
            out.append("(c) one search vs 366 searches (prune on): "
                       f"{fmt_cell(one, cap)} vs {fmt_cell(many, cap)}, "
                       f"366 searches / one search = {ratio(many, one, cap)}. The one search "
                       "covers all 12 x 31 month/day pairs (372, six of which are not dates), "
                       "sharing the upper levels of the tree.\n")
        ecc = [(c, R(("exact_cover-count", c))) for c in base if c in "bde"]
        if ecc:
            out.append("exact_cover counting only (`get_solution_count`, no listing) vs "
                       "`get_all_solutions`:\n")
            out.append("| case | exact_cover count only | exact_cover list all | count-only / ours |")
            out.append("|---|---|---|---|")
            for case, m in ecc:
                out.append(f"| {CASES[case][0]} | {fmt_cell(m, cap)} | "
                           f"{fmt_cell(R(('exact_cover', case)), cap)} | "
                           f"{ratio(m, R(('ours', case)), cap)} |")
            out.append("")

    out.extend(render_editions(results, [c for c in cases if c in EDITIONS], cap))
    out.extend(getattr(args, "before_after", None) or [])
    errors = [m for m in results.values() if m.status == "error"]
    if errors:
        out.append("## Errors\n")
        for m in errors:
            out.append(f"### {m.solver} ({m.case})\n\n```\n{m.error.strip()}\n```\n")
    return "\n".join(out) + "\n"


def render_editions(results: dict[tuple[str, str], Measure], names: list[str],
                    cap: float) -> list[str]:
    """The calendar editions' section of the report (Markdown lines)."""
    if not names:
        return []
    out = ["## Calendar editions: every date in one search\n",
           "Ours: `date_counts` (ONE search over every puzzle of the edition, holes as "
           "one-cell pieces, mirroring allowed); time = median of the calls, the search time "
           "our API reports in brackets. xcover: `algorithm_c` counting one prebuilt matrix "
           "per puzzle (matrices built outside the timing). **Where xcover ran on a sample** "
           "(every k-th puzzle in date order, k in `EDITION_STRIDE`), its time is the sample's "
           "time x puzzles / sampled puzzles (an extrapolation, not a measurement of the whole "
           "task); its counts on the sampled puzzles are checked equal to ours. Target: 25x.\n",
           "| edition | puzzles | solutions | ours | ours nodes | xcover puzzles run | "
           "xcover time (run) | xcover time, all puzzles | xcover / ours | 25x |",
           "|---|---|---|---|---|---|---|---|---|---|"]
    for name in names:
        ours, xc = results.get(("ours", name)), results.get(("xcover", name))
        if ours is None or ours.median is None:
            out.append(f"| {name} | - | - | {fmt_cell(ours, cap)} | - | - | - | - | - | - |")
            continue
        kern = statistics.median(ours.kernel) if ours.kernel else ours.info.get("kernel")
        puzzles = ours.info.get("puzzles", "-")
        xc_run = xc_all = ratio_s = met = "-"
        n_run = "-"
        if xc is not None and xc.status == "cap":
            xc_run = fmt_cell(xc, cap)
        elif xc is not None and xc.median is not None:
            n_run, total = xc.info.get("sample", 0), xc.info.get("puzzles", 0)
            full = xc.median * total / max(n_run, 1)
            xc_run, xc_all = fmt_cell(xc, cap), fmt_time(full)
            if n_run != total:
                xc_all += " (extrapolated)"
            r = full / ours.median
            ratio_s = f"{r:.1f}x"
            met = "met" if r >= 25.0 else "NOT met"
        out.append(f"| {name} | {puzzles} | {ours.info.get('count', '-')} | "
                   f"{fmt_cell(ours, cap)} [{fmt_time(kern)}] | {ours.info.get('nodes', '-')} | "
                   f"{n_run} | {xc_run} | {xc_all} | {ratio_s} | {met} |")
    out.append("")
    return out


def before_after_section(ref: str, reps: int) -> list[str]:
    """The "Before and after" section of the report (Markdown lines), or a line saying
    why it is missing (:mod:`before_after`)."""
    out = ["## Before and after\n"]
    try:
        old, new, short = BA.compare(ref, reps)
    except (RuntimeError, OSError, subprocess.SubprocessError) as e:
        return out + [f"Not measured: {e}\n"]
    out.append(f"Our solver at commit `{short}` (before: the lowest-empty-cell search in a "
               "fixed frame) and now, on the same tasks, each tree in its own process, one "
               "after the other (`benchmarks/before_after.py`). Times: the fastest of "
               f"{reps} calls after a warm-up, the whole call and [the search time the API "
               "reports]. No symmetry shortcut anywhere. The all-dates counts sum every "
               "month/day pair (372, six of them not dates).\n")
    out += BA.render(old, new, short, fmt_time)
    out.append("")
    return out


def cross_check(results: dict[tuple[str, str], Measure]) -> list[str]:
    """Disagreements between solvers on per-puzzle counts (case (c) and the editions), on
    the puzzles both counted (empty when all agree)."""
    problems = []
    for case in sorted({k[1] for k in results}):
        per = {k[0]: m.info.get("per_date") for k, m in results.items()
               if k[1] == case and m.status == "ok" and m.info.get("per_date")}
        names = sorted(per)
        for a in names:
            for b in names:
                if a < b:
                    diff = [d for d in per[a] if d in per[b] and per[a][d] != per[b][d]]
                    if diff:
                        problems.append(f"({case}) {a} and {b} disagree on {len(diff)} "
                                        f"puzzles, e.g. {diff[:3]}")
    return problems


def parse_reps(text: str | None, quick: bool) -> dict[str, int]:
    """Repetitions per case from defaults and ``--reps a=50,c=3``."""
    reps = {c: (v[3] if quick else v[2]) for c, v in CASES.items()}
    if text:
        for part in text.split(","):
            k, _, v = part.partition("=")
            if k.strip() not in CASES or not v.strip().isdigit():
                raise SystemExit(f"bad --reps entry {part!r} (use e.g. a=50,c=3)")
            reps[k.strip()] = int(v)
    return reps


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the exit status (1 when a count is wrong)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer repetitions, shorter budget")
    ap.add_argument("--cases", default=",".join(CASES),
                    help="comma-separated subset of a,b,c,d,e,f,g and the editions "
                         + ", ".join(EDITIONS))
    ap.add_argument("--reps", default=None, help="repetitions per case, e.g. a=50,b=50,c=3")
    ap.add_argument("--cap", type=float, default=60.0,
                    help="seconds one call may take before it is stopped (default 60)")
    ap.add_argument("--budget", type=float, default=None,
                    help="seconds of repetitions per measurement before fewer are made "
                         "(default 10, 4 with --quick)")
    ap.add_argument("--solvers", default=None,
                    help="comma-separated solver keys (default: all of "
                         + ", ".join(MAIN_SOLVERS + VARIANT_SOLVERS) + ")")
    ap.add_argument("--no-variants", action="store_true",
                    help="skip the prune-off and exact_cover count-only variants")
    ap.add_argument("--out", default=str(HERE / "RESULTS.md"),
                    help="Markdown output path ('-': print only)")
    ap.add_argument("--json", default=None, help="also write every raw sample to this JSON file")
    ap.add_argument("--before", default=None,
                    help="git commit whose solver the 'Before and after' table compares with "
                         f"(default: {BA.BEFORE_REF}, before the MRV kernel, when --cases is not "
                         "given; none otherwise); 'none' skips it")
    args = ap.parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)
    if args.budget is None:
        args.budget = 4.0 if args.quick else 10.0
    cases = [c.strip() for c in args.cases.split(",") if c.strip()]
    bad = [c for c in cases if c not in CASES]
    if bad:
        ap.error(f"unknown case(s) {bad}; use {','.join(CASES)}")
    reps = parse_reps(args.reps, args.quick)
    solvers = list(MAIN_SOLVERS) + ([] if args.no_variants else list(VARIANT_SOLVERS))
    if args.solvers:
        solvers = [s.strip() for s in args.solvers.split(",") if s.strip()]
        unknown = set(solvers) - set(MAIN_SOLVERS + VARIANT_SOLVERS)
        if unknown:
            ap.error(f"unknown solver(s) {sorted(unknown)}")

    # import the heavy modules once so that every forked measurement inherits them
    import numpy  # noqa: F401
    import solver.search  # noqa: F401
    import xcover  # noqa: F401
    import exact_cover  # noqa: F401

    info = machine_info()
    start = time.perf_counter()
    results: dict[tuple[str, str], Measure] = {}
    for case in cases:
        for s in solvers:
            if not applies(s, case):
                continue
            print(f"  {CASES[case][0]:<48} {s:<18}", end="", flush=True)
            m = measure(s, case, reps[case], args.cap, args.budget)
            results[(s, case)] = m
            note = {"cap": f"> {args.cap:g} s (cap)", "error": "ERROR"}.get(m.status, "")
            inp = m.table_build if s.startswith("ours") else m.input
            print(note or f"{fmt_cell(m, args.cap):<28} input {fmt_time(inp)}", flush=True)
            if m.status == "error":
                print(m.error, file=sys.stderr)
    if args.before is None:
        cases_given = any(a.startswith("--cases") for a in args.argv)
        args.before = "none" if cases_given else BA.BEFORE_REF
    if args.before != "none":
        print(f"  before/after: our solver at {args.before} and now, same tasks", flush=True)
        args.before_after = before_after_section(args.before, 1 if args.quick else 3)
    elapsed = time.perf_counter() - start

    problems = cross_check(results)
    text = render(results, cases, info, args, elapsed)
    print()
    print(text)
    if args.out != "-":
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"written to {args.out}")
    if args.json:
        raw = {"machine": dict(info), "cap": args.cap, "budget": args.budget,
               "measurements": [dataclasses.asdict(m) for m in results.values()]}
        Path(args.json).write_text(json.dumps(raw, indent=1, default=str), encoding="utf-8")
    failed = [m for m in results.values() if m.status == "error"]
    for p in problems:
        print("MISMATCH:", p, file=sys.stderr)
    if failed or problems:
        print(f"FAILED: {len(failed)} measurement(s) raised (wrong counts are errors), "
              f"{len(problems)} cross-check mismatch(es)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
