"""Tests of solver.flip against independent references written here.

The references do not use solver.flip: a plain-Python toggle rule on lists of
lists, a brute force over every press set (3 x 3, a 4 x 4 sample), and a
plain-Python GF(2) rank computation over lists of ints for the null-space
dimensions. Known values (5 x 5: all lit needs 15 presses, a single corner is
unsolvable; 3 x 3: every pattern solvable) are asserted as published facts about
Lights Out, not as outputs of the code under test.
"""
from __future__ import annotations

import datetime as dt
import json
import random
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solver import flip
from solver.cli import main as cli_main
from solver.games import lights_out as lo
from solver.games.protocol import IllegalMoveError, InvalidMoveError


# ----------------------------------------------------------------------------------
# Independent references


def ref_press(grid: list[list[int]], r: int, c: int) -> None:
    """Toggle (r, c) and its orthogonal neighbours in a list-of-lists grid, in place."""
    h, w = len(grid), len(grid[0])
    for dr, dc in ((0, 0), (1, 0), (-1, 0), (0, 1), (0, -1)):
        rr, cc = r + dr, c + dc
        if 0 <= rr < h and 0 <= cc < w:
            grid[rr][cc] ^= 1


def ref_effect(w: int, h: int, presses: int) -> int:
    """Pattern (bit r*w+c) produced from all-off by the press set ``presses``."""
    grid = [[0] * w for _ in range(h)]
    for i in range(w * h):
        if (presses >> i) & 1:
            ref_press(grid, i // w, i % w)
    return sum(grid[r][c] << (r * w + c) for r in range(h) for c in range(w))


def ref_fewest_table(w: int, h: int) -> dict[int, int]:
    """Brute force: pattern -> fewest presses, over all 2**(w*h) press sets."""
    best: dict[int, int] = {}
    for x in range(1 << (w * h)):
        p = ref_effect(w, h, x)
        k = bin(x).count("1")
        if p not in best or k < best[p]:
            best[p] = k
    return best


def ref_rank_gf2(rows: list[int]) -> int:
    """Rank over GF(2) of rows given as Python ints (plain elimination, pivot = top bit)."""
    rows = [r for r in rows if r]
    rank = 0
    while rows:
        pivot = max(rows)
        top = pivot.bit_length() - 1
        rows = [r ^ pivot if (r >> top) & 1 else r for r in rows if r is not pivot]
        rows = [r for r in rows if r]
        rank += 1
    return rank


def ref_toggle_rows(w: int, h: int) -> list[int]:
    """Rows of the toggle matrix built from the list-of-lists rule."""
    return [ref_effect(w, h, 1 << i) for i in range(w * h)]


def lit_mask(w: int, cells) -> int:
    return sum(1 << (r * w + c) for r, c in cells)


# ----------------------------------------------------------------------------------
# Null space dimension


@pytest.mark.parametrize("n", range(1, 11))
def test_nullity_matches_independent_rank(n):
    expected = n * n - ref_rank_gf2(ref_toggle_rows(n, n))
    assert flip.nullity(n) == expected
    assert flip.toggle_system(n, n).rank == n * n - expected


@pytest.mark.parametrize("w,h", [(1, 1), (2, 2), (3, 3), (4, 4), (2, 5), (3, 4), (5, 3)])
def test_nullity_by_brute_force_quiet_press_sets(w, h):
    # every press set that changes nothing, by enumeration: there are 2**nullity of them
    quiet = sum(1 for x in range(1 << (w * h)) if ref_effect(w, h, x) == 0)
    assert quiet == 2 ** flip.toggle_system(w, h).nullity


def test_nullity_published_values():
    # OEIS A159257 (dimension of the Lights Out null space, n x n), n = 1..10.
    assert [flip.nullity(n) for n in range(1, 11)] == [0, 0, 0, 4, 2, 0, 0, 0, 8, 0]


@pytest.mark.parametrize("w,h", [(1, 1), (1, 5), (2, 3), (3, 5), (4, 7), (5, 4), (6, 9), (11, 2)])
def test_nullity_rectangular_matches_independent_rank(w, h):
    d = flip.toggle_system(w, h).nullity
    assert d == w * h - ref_rank_gf2(ref_toggle_rows(w, h))
    assert d <= min(w, h)  # light chasing: the first row (or column) of presses fixes the rest


@pytest.mark.parametrize("w,h", [(4, 4), (5, 5), (9, 9), (2, 3), (5, 11), (11, 11)])
def test_null_basis_is_quiet_and_independent(w, h):
    sys_ = flip.toggle_system(w, h)
    assert len(sys_.null_basis) == sys_.nullity
    for v in sys_.null_basis:
        assert v and ref_effect(w, h, v) == 0
    assert ref_rank_gf2(list(sys_.null_basis)) == sys_.nullity


def test_toggle_matrix_matches_reference():
    for w, h in [(3, 3), (4, 2), (5, 5)]:
        a = flip.toggle_matrix(w, h)
        assert a.dtype == np.bool_ and a.shape == (w * h, w * h)
        assert (a == a.T).all()
        for j in range(w * h):
            col = sum(int(a[i, j]) << i for i in range(w * h))
            assert col == ref_effect(w, h, 1 << j)


def test_gf2_rref_rank_and_form():
    rng = random.Random(7)
    for _ in range(30):
        m, n = rng.randint(1, 12), rng.randint(1, 140)
        rows = [rng.getrandbits(n) for _ in range(m)]
        packed, piv = flip.gf2_rref(flip.pack_rows(rows, n), n)
        assert len(piv) == ref_rank_gf2(rows)
        ints = [flip._words_to_int(packed[i]) for i in range(m)]
        for i, pc in enumerate(piv):
            for k in range(m):  # pivot columns are unit columns
                assert ((ints[k] >> pc) & 1) == (k == i)
        assert all(x == 0 for x in ints[len(piv):])


# ----------------------------------------------------------------------------------
# Brute force agreement


def test_3x3_every_pattern_agrees_with_brute_force():
    w = h = 3
    best = ref_fewest_table(w, h)
    assert len(best) == 512  # 3 x 3: every pattern is solvable
    for p in range(512):
        sol = flip.solve(w, h, p)
        assert sol.solvable and sol.proven_minimal
        assert sol.count == best[p]
        assert ref_effect(w, h, sol.presses) == p


@pytest.fixture(scope="module")
def best4():
    return ref_fewest_table(4, 4)


def test_4x4_brute_force_solvable_count(best4):
    # nullity 4: 2**16 / 2**4 solvable patterns
    assert len(best4) == 4096


def test_4x4_sample_agrees_with_brute_force(best4):
    rng = random.Random(2024)
    for p in [rng.getrandbits(16) for _ in range(1500)] + [0, 1, 0xFFFF, 0x8001]:
        sol = flip.solve(4, 4, p)
        assert sol.solvable == (p in best4)
        assert flip.is_solvable(4, 4, p) == (p in best4)
        if sol.solvable:
            assert sol.count == best4[p] and sol.proven_minimal
            assert ref_effect(4, 4, sol.presses) == p
        else:
            assert sol.presses == 0 and sol.cells() == []


def test_2x3_and_1xn_every_pattern_brute_force():
    for w, h in [(2, 3), (3, 2), (1, 6), (5, 1), (2, 2)]:
        best = ref_fewest_table(w, h)
        for p in range(1 << (w * h)):
            sol = flip.solve(w, h, p)
            assert sol.solvable == (p in best)
            if sol.solvable:
                assert sol.count == best[p]
                assert ref_effect(w, h, sol.presses) == p


# ----------------------------------------------------------------------------------
# Known facts


def test_5x5_all_lit_needs_15():
    sol = flip.solve(5, 5, (1 << 25) - 1)
    assert sol.solvable and sol.count == 15 and sol.proven_minimal
    assert ref_effect(5, 5, sol.presses) == (1 << 25) - 1


def test_5x5_single_corner_unsolvable():
    for r, c in [(0, 0), (0, 4), (4, 0), (4, 4)]:
        assert not flip.solve(5, 5, lit_mask(5, [(r, c)])).solvable


def test_5x5_solvable_fraction_is_quarter():
    rng = random.Random(5)
    # Reference: orthogonality to the two quiet patterns of 5 x 5, found by brute force
    # over the first row (light chasing) with the list rule.
    quiet = []
    for first in range(32):
        grid = [[0] * 5 for _ in range(5)]
        x = first
        for c in range(5):
            if (first >> c) & 1:
                ref_press(grid, 0, c)
        for r in range(1, 5):
            for c in range(5):
                if grid[r - 1][c]:
                    ref_press(grid, r, c)
                    x |= 1 << (r * 5 + c)
        if not any(grid[4]) and x:
            quiet.append(x)
    assert len(quiet) == 3  # 2**2 - 1 non-zero quiet patterns
    for _ in range(300):
        p = rng.getrandbits(25)
        ok = all(bin(p & q).count("1") % 2 == 0 for q in quiet)
        assert flip.is_solvable(5, 5, p) == ok


@pytest.mark.parametrize("n", [6, 10, 17, 20, 30])
def test_large_boards_all_lit_solutions_are_valid(n):
    full = (1 << (n * n)) - 1
    sol = flip.solve(n, n, full)
    assert sol.solvable and sol.proven_minimal  # nullity <= 20 for n <= 30
    assert flip.apply_presses(n, n, full, sol.presses) == 0


def test_large_nullity_uses_documented_fallback():
    # exact_max=0 forces the local-improvement path on 9 x 9 (nullity 8)
    p = flip.deal_from_bits(9, 9, random.Random(1).getrandbits(81))
    x, proven = flip.fewest_presses(9, 9, p, exact_max=0)
    assert not proven and flip.apply_presses(9, 9, p, x) == 0
    xe, proven_e = flip.fewest_presses(9, 9, p)
    assert proven_e and xe.bit_count() <= x.bit_count()


def test_exact_min_weight_matches_naive_enumeration():
    rng = random.Random(11)
    for _ in range(40):
        nbits = rng.randint(1, 150)
        d = rng.randint(0, 9)
        basis = [rng.getrandbits(nbits) for _ in range(d)]
        x0 = rng.getrandbits(nbits)
        naive = min(bin(x0 ^ sum_xor).count("1")
                    for sum_xor in (
                        _xor_all(basis[i] for i in range(d) if (s >> i) & 1) for s in range(1 << d)))
        _, wt = flip._min_weight_exact(x0, basis, nbits)
        assert wt == naive


def _xor_all(it):
    acc = 0
    for v in it:
        acc ^= v
    return acc


# ----------------------------------------------------------------------------------
# Input validation, parsing, dealing, state


@pytest.mark.parametrize("w,h", [(0, 3), (3, 0), (-1, -1), (flip.MAX_SIZE + 1, 2)])
def test_bad_size_raises(w, h):
    with pytest.raises(flip.InvalidFlipError):
        flip.solve(w, h, 0)


def test_pattern_off_board_raises():
    with pytest.raises(flip.InvalidFlipError):
        flip.solve(3, 3, 1 << 9)


def test_parse_cells():
    assert flip.parse_cells("0,0; 2,1;", 3) == [(0, 0), (2, 1)]
    assert flip.parse_cells("", 3) == []
    for bad in ["1", "1,2,3", "a,b", "1;;x", "0,-1", "3,0"]:
        with pytest.raises(flip.InvalidFlipError):
            flip.parse_cells(bad, 3)


def test_daily_pattern_stable_and_solvable():
    d = dt.date(2026, 11, 29)
    p = flip.daily_pattern(d, 4)
    assert p == flip.daily_pattern(d, 4) and p != 0
    assert flip.is_solvable(4, 4, p)
    # different dates give different patterns over a year (not all equal)
    pats = {flip.daily_pattern(dt.date(2026, 1, 1) + dt.timedelta(days=k), 5) for k in range(60)}
    assert len(pats) > 50
    assert all(flip.is_solvable(5, 5, q) for q in pats)


def test_daily_pattern_is_fixed_across_processes():
    code = ("import datetime as d; from solver import flip; "
            "print(flip.daily_pattern(d.date(2026, 1, 2), 6))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PYTHONHASHSEED": "123", "PATH": ""}, cwd=_repo_root())
    assert int(out.stdout) == flip.daily_pattern(dt.date(2026, 1, 2), 6)


def _repo_root():
    import pathlib

    return str(pathlib.Path(__file__).resolve().parents[1])


def test_random_pattern_uniform_over_solvable_4x4():
    rng = random.Random(3)
    counts: dict[int, int] = {}
    trials = 40000
    for _ in range(trials):
        p = flip.random_pattern(4, 4, rng)
        counts[p] = counts.get(p, 0) + 1
    assert 0 not in counts
    assert all(flip.is_solvable(4, 4, p) for p in counts)
    # 4095 non-empty solvable patterns; expect ~9.8 each: all reachable, none hugely over
    assert len(counts) > 4000
    assert max(counts.values()) < 40


# The game on top of the maths: the Lights Out back end (solver.games.lights_out)


@given(st.integers(0, 11), st.integers(0, 11), st.booleans())
def test_press_text_round_trip(r, c, assisted):
    m = lo.Press(r, c, assisted)
    assert lo.Press.from_text(m.text) == m and lo.GAME.parse_move(m.text) == m
    assert lo.Press.from_text(m.text).text == m.text


@pytest.mark.parametrize("bad", ["", "1", "a,1", "-1,2", "1,2,3", "B1,2", None])
def test_press_from_text_rejects(bad):
    with pytest.raises(InvalidMoveError):
        lo.Press.from_text(bad)


@pytest.mark.parametrize("text", ["4,daily", "12,random", "3,daily"])
def test_params_text_round_trip(text):
    assert lo.Params.from_text(text).text == text


@settings(max_examples=60, deadline=None)
@given(st.integers(3, 8), st.data())
def test_apply_is_involution_and_hint_is_fewest(n, data):
    presses = data.draw(st.integers(0, (1 << (n * n)) - 1))
    s0 = lo.State(n, n, flip.deal_from_bits(n, n, presses))
    m = lo.Press(data.draw(st.integers(0, n - 1)), data.draw(st.integers(0, n - 1)))
    s1 = lo.apply(s0, m)
    assert s1.moves == 1 and s0.moves == 0 and not s1.cheated
    assert lo.apply(s1, m).lit == s0.lit
    assert s1.lit == s0.lit ^ ref_effect(n, n, 1 << (m.row * n + m.col))
    par0 = flip.par(n, n, s0.lit)
    h = lo.GAME.hint(s0)
    if par0 == 0:
        assert h is None
    else:
        s2 = lo.apply(s0, h)
        assert h.assisted and s2.cheated and flip.par(n, n, s2.lit) == par0 - 1


def test_apply_off_board_raises():
    with pytest.raises(IllegalMoveError):
        lo.apply(lo.State(3, 3, 0), lo.Press(3, 0))


def test_solution_moves_solve_the_state():
    s = lo.GAME.new_game(lo.Params(6, True), dt.date(2026, 3, 1))
    assert s.lit == flip.daily_pattern(dt.date(2026, 3, 1), 6)
    for m in lo.GAME.solve(s):
        s = lo.apply(s, m)
    assert s.is_solved and s.cheated


# ----------------------------------------------------------------------------------
# Command line (README, command line)


def run_cli(args, capsys):
    rc = cli_main(["flip", *args])
    out, err = capsys.readouterr()
    return rc, out, err


def test_cli_json_5x5_all_lit(capsys):
    on = ";".join(f"{r},{c}" for r in range(5) for c in range(5))
    rc, out, _ = run_cli(["--size", "5", "--on", on, "--json"], capsys)
    assert rc == 0
    obj = json.loads(out)
    assert obj["size"] == 5 and obj["solvable"] is True and len(obj["presses"]) == 15
    assert ref_effect(5, 5, lit_mask(5, obj["presses"])) == (1 << 25) - 1


def test_cli_json_unsolvable(capsys):
    rc, out, _ = run_cli(["--size", "5", "--on", "0,0", "--json"], capsys)
    assert rc == 0 and json.loads(out) == {"schema": 1, "mode": "flip", "size": 5, "solvable": False,
                                          "presses": None}


def test_cli_text(capsys):
    rc, out, _ = run_cli(["--size", "3", "--on", "1,1"], capsys)
    assert rc == 0 and "fewest presses" in out and "#" in out


@pytest.mark.parametrize("args", [
    ["--size", "0"], ["--size", "-3", "--on", "0,0"], ["--size", "3", "--on", "3,0"],
    ["--size", "3", "--on", "0;1"], ["--size", "3", "--on", "x,y"], ["--size", "four"],
    ["--on", "0,0"],
])
def test_cli_bad_input_exit_2(args, capsys):
    rc, out, err = run_cli(args, capsys)
    assert rc == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err


def test_cli_subprocess_no_traceback():
    r = subprocess.run([sys.executable, "-m", "solver", "flip", "--size", "0"],
                       capture_output=True, text=True, cwd=_repo_root())
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr


def test_cli_all_3x3_patterns_match_brute_force(capsys):
    best = ref_fewest_table(3, 3)
    rng = random.Random(9)
    for p in rng.sample(range(512), 40):
        on = ";".join(f"{i // 3},{i % 3}" for i in range(9) if (p >> i) & 1)
        rc, out, _ = run_cli(["--size", "3", "--on", on, "--json"], capsys)
        obj = json.loads(out)
        assert rc == 0 and obj["solvable"] and len(obj["presses"]) == best[p]
