"""Daily Drill benchmark: every date 2024-01-01 .. 2030-12-31 under rule v1.

Run: ``.venv/bin/python benchmarks/bench_drill.py [--first-year 2024] [--last-year 2030]``.
Prints Markdown (the source of ``benchmarks/drill_results.md``):

1. generation time per date (wall clock of :func:`solver.drill.daily_info`, which
   includes building the solver's placement tables, and the search time alone),
   the number of candidate sets tried per date, and that every date is solvable;
2. the spread of difficulty (solution counts and stars) per year;
3. the set-size comparison behind the rule's choice: for each month length and
   each ``(pentominoes, 方阵)`` option, over the months of 2024 (and 2025 for the
   28-day February), how many dates have any solvable set of that size, and the
   solution counts of the sets the rule's draw picks.

The first date is timed separately (numba loads or compiles the kernel then).
Nothing here is asserted; the tests hold the assertions.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import platform
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).absolute().parents[1]))

from solver import drill  # noqa: E402
from solver.board import days_in_month  # noqa: E402


def _quantiles(xs: list[float]) -> str:
    q = statistics.quantiles(xs, n=10, method="inclusive")
    return f"min {min(xs):.3g}, p10 {q[0]:.3g}, median {statistics.median(xs):.3g}, " \
           f"p90 {q[8]:.3g}, max {max(xs):.3g}"


def bench_all(first: int, last: int) -> dict[_dt.date, tuple[drill.DailyInfo, float]]:
    """Generate every date's set; returns ``{date: (info, wall seconds)}``."""
    out = {}
    for year in range(first, last + 1):
        for d in drill.year_dates(year):
            t = time.perf_counter()
            info = drill.daily_info(d)
            out[d] = (info, time.perf_counter() - t)
    return out


def report_generation(res: dict[_dt.date, tuple[drill.DailyInfo, float]], warm: float) -> None:
    """Print section 1 (times, draws, solvability)."""
    infos = [i for i, _ in res.values()]
    wall = [w for _, w in res.values()]
    search = [i.seconds for i in infos]
    draws = [i.draws for i in infos]
    print("## 1. Generation time per date\n")
    print(f"- dates: {len(res)} ({min(res)} .. {max(res)}), all solvable: "
          f"{all(i.count > 0 for i in infos)}")
    print(f"- first call (kernel load/compile + first date): {warm:.2f} s")
    print(f"- wall time per date (rule + solver, tables included): mean "
          f"{statistics.mean(wall) * 1e3:.2f} ms; {_quantiles([w * 1e3 for w in wall])} ms")
    print(f"- search time per date (kernel only, all draws): mean "
          f"{statistics.mean(search) * 1e3:.3f} ms; {_quantiles([s * 1e3 for s in search])} ms")
    print(f"- total wall {sum(wall):.1f} s, total search {sum(search):.2f} s")
    print(f"- candidate sets tried (solver calls) per date: mean {statistics.mean(draws):.2f}; "
          f"{_quantiles(draws)}")
    sealed = [str(d) for d, (i, _) in res.items() if i.sealed]
    print(f"- dates with a sealed cell: {', '.join(sealed) or 'none'}\n")


def report_difficulty(res: dict[_dt.date, tuple[drill.DailyInfo, float]]) -> None:
    """Print section 2 (difficulty spread per year and overall)."""
    print("## 2. Difficulty spread\n")
    print("| year | dates | solutions: min / median / mean / max | 1★ | 2★ | 3★ | 4★ | 5★ |")
    print("|---|---|---|---|---|---|---|---|")
    years = sorted({d.year for d in res})
    for y in years + [None]:
        infos = [i for d, (i, _) in res.items() if y is None or d.year == y]
        counts = [i.count for i in infos]
        stars = Counter(i.stars for i in infos)
        label = str(y) if y is not None else "all"
        cells = " | ".join(f"{stars[s]} ({100 * stars[s] / len(infos):.0f}%)" for s in range(1, 6))
        print(f"| {label} | {len(infos)} | {min(counts)} / {statistics.median(counts):g} / "
              f"{statistics.mean(counts):.1f} / {max(counts)} | {cells} |")
    counts = [i.count for i, _ in res.values()]
    c = Counter(counts)
    print("\nSolution counts, all dates (count: dates): "
          + ", ".join(f"{k}: {c[k]}" for k in sorted(c) if k <= 20)
          + f", >20: {sum(v for k, v in c.items() if k > 20)}")
    print("\nGrades (rule v1, `solver.drill.GRADES`): "
          + "; ".join(f"{stars}★ {en} ≤ {most}" for most, stars, en, _ in drill.GRADES)
          + f"; 1★ {drill.RELAXED[1]} > {drill.GRADES[-1][0]}\n")


def report_set_sizes() -> None:
    """Print section 3 (the set-size options for each month length)."""
    from solver.search import Search

    print("## 3. Set size: every (pentominoes, 方阵) option\n")
    print("Per option, over the dates of the month whose cells to cover number as shown "
          "(a sealed date has fewer and is left out): dates with any solvable set of that "
          "size (exhaustive over all candidate sets); over the dates that have one, the "
          "solution count of the set the seeded draw picks, the search-tree nodes the "
          "solver needs to enumerate all its solutions, and the candidate sets tried.\n")
    print("| month (days) | cells | option (a x 5 + b x 6) | dates solvable | "
          "solutions: median / mean / max | 1-solution dates | nodes: median | "
          "sets tried: mean |")
    print("|---|---|---|---|---|---|---|---|")
    months = [(2024, 1), (2024, 3), (2024, 4), (2024, 6), (2024, 2), (2025, 2)]
    for year, month in months:
        n = days_in_month(year, month)
        area = 43 - (31 - n) - 2
        dates = []
        for d in range(1, n + 1):
            board, targets, _ = drill.drill_board(_dt.date(year, month, d))
            if bin(board.open_mask & ~board.mask_of(targets)).count("1") == area:
                dates.append(_dt.date(year, month, d))
        for a, b in drill.set_size_options(area):
            infos = []
            for d in dates:
                try:
                    infos.append(drill.daily_info(d, b))
                except drill.DrillError:
                    pass
            nodes = []
            for info in infos:
                s = Search(info.puzzle(), store=0)
                s.run()
                nodes.append(s.nodes)
            counts = [i.count for i in infos] or [0]
            tried = [i.draws for i in infos] or [0]
            default = " (rule)" if (a, b) == drill.set_size_options(area)[0] else ""
            print(f"| {year}-{month:02d} ({n}) | {area} | {a} x 5 + {b} x 6{default} | "
                  f"{len(infos)} / {len(dates)} | {statistics.median(counts):g} / "
                  f"{statistics.mean(counts):.1f} / {max(counts)} | "
                  f"{sum(c == 1 for c in counts if infos)} | "
                  f"{statistics.median(nodes or [0]):g} | {statistics.mean(tried):.1f} |")
    print()


def main() -> None:
    """Run the three reports for the years given on the command line (default 2024-2030)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--first-year", type=int, default=2024)
    ap.add_argument("--last-year", type=int, default=2030)
    ap.add_argument("--sizes-only", action="store_true", help="only section 3")
    args = ap.parse_args()
    print(f"# Daily Drill rule v{drill.RULE_VERSION}: benchmark\n")
    print(f"Python {platform.python_version()} on {platform.machine()} "
          f"({platform.system()}), {_dt.datetime.now(_dt.timezone.utc):%Y-%m-%d %H:%M} UTC. "
          f"Command: `.venv/bin/python benchmarks/bench_drill.py`.\n")
    t = time.perf_counter()
    drill.daily_info(_dt.date(args.first_year - 1, 12, 31))
    warm = time.perf_counter() - t
    if not args.sizes_only:
        res = bench_all(args.first_year, args.last_year)
        report_generation(res, warm)
        report_difficulty(res)
    report_set_sizes()


if __name__ == "__main__":
    main()
