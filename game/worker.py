"""game/worker.py: the solver on one daemon thread, talking to the UI through queues.

The UI thread never imports :mod:`solver.search` (its first import compiles or loads
the numba kernels, up to a few seconds) and never waits on a search.  It calls
:meth:`SolverWorker.submit`, which returns at once, and polls
:meth:`SolverWorker.poll` once per frame for :class:`Result` values.

Rules:

* At start the thread imports :mod:`solver.search` and runs one tiny solve (the
  warm-up); :attr:`SolverWorker.ready` turns True and a ``"ready"`` result is posted.
  Requests submitted meanwhile wait in the queue.
* A new request cancels the running search (:meth:`solver.search.Search.cancel`,
  thread-safe) and drops queued requests of the same kind: the newest question
  wins.  Hint/solve/trace requests queue ahead of background ``"count"`` requests.  A cancelled request posts a result with ``status == "cancelled"``.
* Kinds: ``"solve"`` (first solution from ``fixed``), ``"hint"`` (one more safe
  placement from :func:`solver.search.hint`, or, from :func:`solver.search.explain_dead`,
  the indices of the pieces that make the position dead),
  ``"count"`` (number of solutions), ``"trace"`` (first solution plus the search's
  step trace, for the "show search" replay), ``"call"`` (run a function that may
  search, such as building the Daily Drill puzzle: ``submit("call", None, fn=f,
  args=(date,))``).
* A request may name its own receiver: ``submit(..., on_result=f)``.  Its answer is
  not returned by :meth:`SolverWorker.poll` but handed to ``f`` (on the UI thread,
  during whichever ``poll`` sees it), and exactly one answer comes: a queued request
  that is dropped (a newer one from the same receiver, :meth:`~SolverWorker.cancel`)
  answers ``"cancelled"``.  Requests replace queued ones of the same kind *and* the
  same receiver only, so the variant picker's counts never drop the scene's.
"""
from __future__ import annotations

import itertools
import queue
import threading
import traceback
from dataclasses import dataclass, field
from typing import Any

from solver.model import Placement, Puzzle


@dataclass(frozen=True)
class Request:
    """A question for the solver.

    Attributes:
        kind: ``"solve"``, ``"hint"``, ``"count"`` or ``"trace"``.
        puzzle: the puzzle.
        fixed: placements on the board (they stay).
        rid: request id, unique per worker (set by :meth:`SolverWorker.submit`).
        trace_limit: most trace events to record (``"trace"`` only).
        fn: ``"call"`` only: a function to run on the worker thread (e.g. building
            the Daily Drill puzzle, which searches); its return value comes back
            as ``Result.value``.
        args: positional arguments for ``fn``.
        on_result: a callable that receives the :class:`Result` on the UI thread
            instead of :meth:`SolverWorker.poll` returning it (None: returned).
    """

    kind: str
    puzzle: Puzzle | None
    fixed: tuple[Placement, ...] = ()
    rid: int = 0
    trace_limit: int = 4000
    fn: Any = None
    args: tuple = ()
    on_result: Any = None


@dataclass
class Result:
    """An answer posted back to the UI thread.

    Attributes:
        kind: the request's kind, or ``"ready"`` once warm-up finished, or
            ``"error"`` when warm-up failed.
        rid: the request id (0 for ``"ready"``).
        status: ``"ok"``, ``"none"`` (no solution / dead), ``"cancelled"`` or ``"error"``.
        fixed: the request's ``fixed`` placements (to detect stale answers).
        solution: ``"solve"``/``"trace"``: the full solution (fixed first).
        placement: ``"hint"``: the placement to add.
        dead: ``"hint"`` on a dead position: indices into ``fixed`` to remove.
        count: ``"count"``: the number of solutions.
        trace: ``"trace"``: list of :class:`solver.search.TraceEvent`.
        truncated: ``"trace"``: True when the trace stopped at ``trace_limit``.
        message: error text for the player.
        seconds: search time (seconds).
        value: ``"call"``: the function's return value.
    """

    kind: str
    rid: int
    status: str = "ok"
    fixed: tuple[Placement, ...] = ()
    solution: tuple[Placement, ...] | None = None
    placement: Placement | None = None
    dead: tuple[int, ...] | None = None
    count: int = 0
    trace: list[Any] = field(default_factory=list)
    truncated: bool = False
    message: str = ""
    seconds: float = 0.0
    value: Any = None


class _Cancelled(Exception):
    pass


class SolverWorker:
    """One daemon thread that owns every search.

    Requests wait in a list guarded by a lock (so a newer request can replace a
    queued one of the same kind); results come back through a ``queue.Queue``.

    Args:
        start: start the thread now (default True).
    """

    def __init__(self, start: bool = True) -> None:
        self._results: queue.Queue[Result] = queue.Queue()
        self._lock = threading.Lock()
        self._pending: list[Request] = []
        self._current: Request | None = None
        self._search: Any = None
        self._cancel_current = False
        self._ids = itertools.count(1)
        self._receivers: dict[int, Any] = {}
        self._wake = threading.Event()
        self._stop = False
        self.ready = False
        self.failed = ""
        self._thread = threading.Thread(target=self._run, name="solver-worker", daemon=True)
        if start:
            self._thread.start()

    # ---------------------------------------------------------------- UI thread side

    def submit(self, kind: str, puzzle: Puzzle | None, fixed: tuple[Placement, ...] = (), **kw: Any) -> int:
        """Queue a request; returns its id at once (never blocks on a search).

        Cancels the running search and drops queued requests of the same kind.
        """
        req = Request(kind, puzzle, tuple(fixed), next(self._ids), **kw)
        with self._lock:
            same = [r for r in self._pending if r.kind == kind and r.on_result == req.on_result]
            self._pending = [r for r in self._pending if r not in same]
            self._dropped(same)
            if req.on_result is not None:
                self._receivers[req.rid] = req.on_result
            if kind == "count":
                self._pending.append(req)
            else:
                # a player's question goes ahead of background counting
                counts = [r for r in self._pending if r.kind == "count"]
                self._pending = [r for r in self._pending if r.kind != "count"] + [req] + counts
            if self._current is not None:
                self._cancel_current = True
                if self._search is not None:
                    self._search.cancel()
        self._wake.set()
        return req.rid

    def poll(self) -> list[Result]:
        """Every result posted since the last call (non-blocking), except those of requests
        with an ``on_result`` receiver: these are handed to it now."""
        out = []
        while True:
            try:
                res = self._results.get_nowait()
            except queue.Empty:
                return out
            receiver = self._receivers.pop(res.rid, None) if res.rid else None
            if receiver is None:
                out.append(res)
            else:
                receiver(res)

    def _dropped(self, requests: list[Request]) -> None:
        """Answer ``"cancelled"`` for dropped queued requests that have a receiver (call
        with the lock held)."""
        for r in requests:
            if r.on_result is not None:
                self._results.put(Result(r.kind, r.rid, "cancelled", r.fixed))

    @property
    def busy(self) -> bool:
        """True while a request runs or waits."""
        with self._lock:
            return self._current is not None or bool(self._pending)

    def cancel(self) -> None:
        """Drop every queued request and cancel the running search (it answers ``"cancelled"``);
        the thread stays ready for new requests.  For a scene that is being left."""
        with self._lock:
            self._dropped(self._pending)
            self._pending.clear()
            if self._current is not None:
                self._cancel_current = True
                if self._search is not None:
                    self._search.cancel()

    def stop(self) -> None:
        """Ask the thread to end after the current search (cancelled); returns at once."""
        with self._lock:
            self._stop = True
            self._pending.clear()
            if self._search is not None:
                self._search.cancel()
        self._wake.set()

    # ---------------------------------------------------------------- worker thread side

    def _run(self) -> None:
        try:
            from solver import search as api  # compiles or loads the numba kernels: worker thread only
            from solver.board import Board

            tiny = Puzzle(Board(3, 2, 0b111111), ("F6",), ())
            api.solve_first(tiny)
            self._api = api
        except Exception as e:  # the UI shows it; the game stays playable by hand
            self.failed = f"{type(e).__name__}: {e}"
            self._results.put(Result("error", 0, "error", message=self.failed))
            return
        self.ready = True
        self._results.put(Result("ready", 0))
        while True:
            self._wake.wait()
            with self._lock:
                if self._stop:
                    return
                if not self._pending:
                    self._wake.clear()
                    continue
                req = self._pending.pop(0)
                self._current = req
                self._cancel_current = False
            try:
                res = self._answer(req)
            except _Cancelled:
                res = Result(req.kind, req.rid, "cancelled", req.fixed)
            except Exception as e:
                traceback.print_exc()
                res = Result(req.kind, req.rid, "error", req.fixed, message=str(e))
            with self._lock:
                self._current = None
                self._search = None
            self._results.put(res)

    def _new_search(self, puzzle: Puzzle, fixed: tuple[Placement, ...], **kw: Any) -> Any:
        s = self._api.Search(puzzle, fixed, **kw)
        with self._lock:
            self._search = s
            if self._cancel_current or self._stop:
                raise _Cancelled
        return s

    def _run_search(self, s: Any, **kw: Any) -> int:
        st = s.run(**kw)
        if st == 3:  # kernels.ST_CANCELLED
            raise _Cancelled
        return st

    def _first(self, puzzle: Puzzle, fixed: tuple[Placement, ...]) -> tuple[tuple[Placement, ...] | None, float]:
        s = self._new_search(puzzle, fixed, store=1)
        self._run_search(s, max_solutions=1)
        sols = s.solutions()
        return (sols[0] if sols else None), s.seconds

    def _answer(self, req: Request) -> Result:
        p, fixed = req.puzzle, req.fixed
        if req.kind == "call":
            return Result("call", req.rid, "ok", fixed, value=req.fn(*req.args))
        if req.kind == "solve":
            sol, sec = self._first(p, fixed)
            return Result("solve", req.rid, "ok" if sol else "none", fixed, solution=sol, seconds=sec)
        if req.kind == "hint":
            # the solver's own hint (the placement covering the first empty cell of a solution)
            pl = self._api.hint(p, fixed)
            with self._lock:
                if self._cancel_current or self._stop:
                    raise _Cancelled
            if pl is not None:
                return Result("hint", req.rid, "ok", fixed, placement=pl)
            # dead: the smallest set of placed pieces whose removal makes it solvable
            drop = self._api.explain_dead(p, fixed, known_dead=True,
                                          solvable=lambda keep: self._first(p, keep)[0] is not None)
            return Result("hint", req.rid, "none", fixed, dead=drop)
        if req.kind == "count":
            s = self._new_search(p, fixed, store=0)
            self._run_search(s)
            return Result("count", req.rid, "ok", fixed, count=s.count, seconds=s.seconds)
        if req.kind == "trace":
            s = self._new_search(p, fixed, store=1, trace_capacity=4096)
            events: list[Any] = []
            truncated = False
            while True:
                st = self._run_search(s, max_solutions=1)
                events += s.take_trace()
                if st != 4:  # not ST_TRACE_FULL
                    break
                if len(events) >= req.trace_limit:
                    truncated = True
                    break
            if truncated:
                sol, _ = self._first(p, fixed)
            else:
                sols = s.solutions()
                sol = sols[0] if sols else None
            return Result("trace", req.rid, "ok" if sol else "none", fixed, solution=sol,
                          trace=events, truncated=truncated, seconds=s.seconds)
        return Result(req.kind, req.rid, "error", fixed, message=f"unknown request {req.kind!r}")
