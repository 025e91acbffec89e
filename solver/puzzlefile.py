"""Custom puzzle files: a plain TOML file with the board drawn as ASCII art.

Source: ``docs/RULES.md`` (custom puzzles) and the README's command line section (the
``file`` subcommand). Format (every key but ``board`` and ``formations`` optional)::

    name = "5 x 5 with U, Z, T, L, P"       # a title for people
    description = "..."                      # free text
    board = \"\"\"
    .....
    .....
    .....
    .....
    .....
    \"\"\"                                     # "." open, "#" blocked, "*" target
    formations = ["U", "Z", "T", "L", "P"]   # code, Chinese name, letter or a [shapes] key;
                                             # repeat to repeat
    targets = [[0, 0]]                       # [row, col] cells left uncovered (also "*")
    mirror = true                            # false: pieces may only be rotated, never
                                             # turned over (default true)

    [shapes]                                 # the file's own shapes, by drawing ("#" filled,
    chair = "#../###/#.#"                    # "." empty, "/" between rows); the drawing is
                                             # the face-up side

    [expected]                               # published answers, checked by the tests
    solutions = 8
    up_to_symmetry = 1

When ``formations`` is absent, each shape of the ``[shapes]`` table is used once.
A name that is neither a library shape (the 13 formations, O4 I4 T4 L4 S4 H6) nor a
key of ``[shapes]`` is an error, never dropped.

``board`` is a multi-line string or a list of row strings; blank lines and spaces
inside rows are ignored, so ``". . ."`` is the same row as ``"..."``. Rows are counted
from 0 at the top and columns from 0 at the left (docs/RULES.md).

Every problem is found before any search starts and raised as a subclass of
:class:`solver.board.InvalidPuzzleError` whose message is one line for the player,
prefixed by the puzzle's name (the file name for :func:`load`).
"""
from __future__ import annotations

import os
import sys
from typing import Any

from .board import Board, InvalidPuzzleError
from .shapes import Shape, ShapeDrawingError, UnknownShapeError, lookup, parse_drawing
from .model import Puzzle

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 (pyproject: tomli; python_version < '3.11')
    import tomli as tomllib

KEYS = ("name", "description", "board", "formations", "targets", "mirror", "shapes", "expected")
"""Top-level keys a puzzle file may have (anything else is a typo: error)."""

EXPECTED_KEYS = ("solutions", "up_to_symmetry")
"""Keys of the optional ``[expected]`` table."""


class PuzzleFileError(InvalidPuzzleError):
    """A custom puzzle file that cannot be played; the message is one line for the player."""


class MalformedFileError(PuzzleFileError):
    """The file cannot be read, is not UTF-8, or is not valid TOML."""


class MissingKeyError(PuzzleFileError):
    """A required key (``board`` or ``formations``) is absent."""


class UnknownKeyError(PuzzleFileError):
    """A key that the format does not have (usually a misspelling)."""


class WrongTypeError(PuzzleFileError):
    """A key holds the wrong kind of value (e.g. ``formations = "U"`` instead of a list)."""


class BoardDrawingError(PuzzleFileError):
    """The board drawing is empty, ragged, has an unknown character or more than 64 cells."""


class UnknownFormationInFileError(PuzzleFileError):
    """A formation that is neither a library shape nor a key of the file's ``[shapes]``."""


class BadShapeError(PuzzleFileError):
    """A ``[shapes]`` drawing that is not one connected polyomino of ``#`` cells."""


class TargetError(PuzzleFileError):
    """A target cell off the board, on a blocked cell, or listed twice."""


class AreaMismatchError(PuzzleFileError):
    """The formations' cells do not add up to the open cells less the targets."""


def _type_name(value: Any) -> str:
    return {str: "a string", int: "an integer", float: "a number", bool: "true/false",
            list: "a list", dict: "a table"}.get(type(value), type(value).__name__)


def _board_rows(name: str, value: Any) -> list[str]:
    if isinstance(value, str):
        lines = value.splitlines()
    elif isinstance(value, list) and all(isinstance(x, str) for x in value):
        lines = value
    else:
        raise WrongTypeError(
            f"{name}: 'board' must be a multi-line string or a list of row strings, "
            f"not {_type_name(value)}"
        )
    rows = ["".join(line.split()) for line in lines]
    return [r for r in rows if r]


def _parse_board(name: str, value: Any) -> tuple[Board, list[tuple[int, int]]]:
    rows = _board_rows(name, value)
    starred = [(r, c) for r, row in enumerate(rows) for c, ch in enumerate(row) if ch == "*"]
    try:
        board = Board.from_rows([row.replace("*", ".") for row in rows])
    except InvalidPuzzleError as e:
        raise BoardDrawingError(f"{name}: {e}") from None
    return board, starred


def parse_shapes(name: str, value: Any) -> tuple[Shape, ...]:
    """The ``[shapes]`` table: ``{key: drawing}`` -> one :class:`Shape` per key (code = key).

    Shared with :mod:`solver.variants`.  Raises :class:`WrongTypeError` /
    :class:`BadShapeError` (one line, prefixed by ``name``).
    """
    if not isinstance(value, dict):
        raise WrongTypeError(f"{name}: 'shapes' must be a table of drawings, e.g. "
                             f"chair = \"#../###/#.#\", not {_type_name(value)}")
    out = []
    for key, drawing in value.items():
        if not key or key != key.strip() or "," in key:
            raise WrongTypeError(f"{name}: shape name {key!r} must be a word without spaces or commas")
        try:
            out.append(parse_drawing(drawing, key))
        except ShapeDrawingError as e:
            raise BadShapeError(f"{name}: {e}") from None
    return tuple(out)


def parse_formations(name: str, value: Any, own: tuple[Shape, ...] = ()) -> tuple[str, ...]:
    """The ``formations`` list -> shape codes; ``value`` None (key absent) uses each of
    the file's own shapes once.  Shared with :mod:`solver.variants`.

    Raises :class:`MissingKeyError`, :class:`WrongTypeError` or
    :class:`UnknownFormationInFileError` (one line, prefixed by ``name``).
    """
    if value is None:
        if not own:
            raise MissingKeyError(f"{name}: the key 'formations' is missing "
                                  "(list the pieces, or draw them in a [shapes] table)")
        return tuple(s.code for s in own)
    if not isinstance(value, list):
        raise WrongTypeError(
            f"{name}: 'formations' must be a list of names, e.g. [\"U\", \"Z\"], "
            f"not {_type_name(value)}"
        )
    if not value:
        raise WrongTypeError(f"{name}: 'formations' is empty: list at least one formation")
    extra = {s.code: s for s in own}
    codes = []
    for i, item in enumerate(value):
        if not isinstance(item, str):
            raise WrongTypeError(
                f"{name}: formation {i + 1} must be a string (code, Chinese name or letter), "
                f"not {_type_name(item)}"
            )
        try:
            codes.append(lookup(item, extra).code)
        except UnknownShapeError as e:
            raise UnknownFormationInFileError(f"{name}: {e}") from None
    return tuple(codes)


def parse_mirror(name: str, value: Any) -> bool:
    """The ``mirror`` key (default true); raises :class:`WrongTypeError` unless true/false."""
    if not isinstance(value, bool):
        raise WrongTypeError(f"{name}: 'mirror' must be true or false, not {value!r}")
    return value


def _parse_targets(name: str, value: Any) -> list[tuple[int, int]]:
    shape_msg = f"{name}: 'targets' must be a list of [row, col] pairs, e.g. [[0, 0], [2, 3]]"
    if not isinstance(value, list):
        raise WrongTypeError(f"{shape_msg}, not {_type_name(value)}")
    out = []
    for item in value:
        if (not isinstance(item, list) or len(item) != 2
                or not all(isinstance(x, int) and not isinstance(x, bool) for x in item)):
            raise WrongTypeError(f"{shape_msg}; got {item!r}")
        out.append((item[0], item[1]))
    return out


def _parse_expected(name: str, value: Any) -> dict[str, int]:
    if not isinstance(value, dict):
        raise WrongTypeError(f"{name}: 'expected' must be a table, not {_type_name(value)}")
    for k, v in value.items():
        if k not in EXPECTED_KEYS:
            raise UnknownKeyError(
                f"{name}: unknown key 'expected.{k}' (use {', '.join(EXPECTED_KEYS)})"
            )
        if not isinstance(v, int) or isinstance(v, bool) or v < 0:
            raise WrongTypeError(f"{name}: 'expected.{k}' must be a whole number >= 0, got {v!r}")
    return dict(value)


def parse(data: dict[str, Any], name: str = "puzzle") -> tuple[Puzzle, dict[str, int]]:
    """Build a puzzle from an already-decoded TOML table.

    Args:
        data: the decoded table (``tomllib.loads`` output).
        name: a label for messages and the default puzzle name (e.g. the file name).

    Returns:
        ``(puzzle, expected)``: the validated :class:`~solver.model.Puzzle` and the
        ``[expected]`` table (empty when absent).

    Raises:
        PuzzleFileError: a subclass naming the problem (see the module docstring).
    """
    for key in data:
        if key not in KEYS:
            raise UnknownKeyError(f"{name}: unknown key '{key}' (use {', '.join(KEYS)})")
    if "board" not in data:
        raise MissingKeyError(f"{name}: the key 'board' is missing")
    title = data.get("name", name)
    if not isinstance(title, str):
        raise WrongTypeError(f"{name}: 'name' must be a string, not {_type_name(title)}")
    if not isinstance(data.get("description", ""), str):
        raise WrongTypeError(f"{name}: 'description' must be a string")
    board, starred = _parse_board(name, data["board"])
    own = parse_shapes(name, data.get("shapes", {}))
    codes = parse_formations(name, data.get("formations"), own)
    mirror = parse_mirror(name, data.get("mirror", True))
    targets = starred + _parse_targets(name, data.get("targets", []))
    expected = _parse_expected(name, data.get("expected", {}))

    seen = set()
    for r, c in targets:
        if not (0 <= r < board.height and 0 <= c < board.width):
            raise TargetError(
                f"{name}: target ({r}, {c}) is off the {board.height} x {board.width} board"
            )
        if not board.is_open(r, c):
            raise TargetError(f"{name}: target ({r}, {c}) is a blocked cell")
        if (r, c) in seen:
            raise TargetError(f"{name}: target ({r}, {c}) is given twice")
        seen.add((r, c))
    n_open = bin(board.open_mask).count("1") - len(targets)
    sizes = {s.code: s.size for s in own}
    area = sum(sizes.get(c) or lookup(c).size for c in codes)
    if area != n_open:
        raise AreaMismatchError(
            f"{name}: the formations cover {area} cells but {n_open} are open: "
            "no solution is possible"
        )
    puzzle = Puzzle(board, codes, tuple(sorted(targets)), title, shapes=own, mirror=mirror)
    try:
        puzzle.validate()
    except InvalidPuzzleError as e:  # the checks above already cover validate()'s cases
        raise PuzzleFileError(f"{name}: {e}") from None
    return puzzle, expected


def loads_with_expected(text: str, name: str = "puzzle") -> tuple[Puzzle, dict[str, int]]:
    """Parse puzzle-file text; returns ``(puzzle, expected)`` as :func:`parse` does.

    Raises :class:`MalformedFileError` for invalid TOML, else as :func:`parse`.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise MalformedFileError(f"{name}: not valid TOML ({e})") from None
    except RecursionError:  # tomllib parses nested arrays/tables recursively
        raise MalformedFileError(f"{name}: not valid TOML (nested too deeply)") from None
    return parse(data, name)


def loads(text: str, name: str = "puzzle") -> Puzzle:
    """Parse the text of a puzzle file into a validated :class:`~solver.model.Puzzle`.

    Takes the TOML text and a name used in messages (and as the puzzle's name when
    the file has no ``name`` key). Raises a :class:`PuzzleFileError` subclass with a
    one-line message for any problem, before any search.
    """
    return loads_with_expected(text, name)[0]


def read_text(path: str | os.PathLike) -> str:
    """Read a puzzle file as UTF-8 text.

    Raises :class:`MalformedFileError` (one line) when it cannot be read or decoded.
    """
    label = os.fspath(path)
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as e:
        raise MalformedFileError(f"{label}: cannot read the file ({e.strerror or e})") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MalformedFileError(f"{label}: the file is not UTF-8 text") from None


def load_with_expected(path: str | os.PathLike) -> tuple[Puzzle, dict[str, int]]:
    """Load a puzzle file; returns ``(puzzle, expected)`` (see :func:`parse`).

    Messages are prefixed with the file's base name. Raises :class:`PuzzleFileError`.
    """
    return loads_with_expected(read_text(path), os.path.basename(os.fspath(path)))


def load(path: str | os.PathLike) -> Puzzle:
    """Load a custom puzzle file (``python -m game --puzzle PATH``, ``python -m solver file``).

    Takes a path; returns the validated :class:`~solver.model.Puzzle`. Raises a
    :class:`PuzzleFileError` subclass with a one-line message (unreadable file,
    malformed TOML, missing or unknown key, wrong type, ragged or oversized board,
    unknown formation, bad shape drawing, bad target, area mismatch), always before
    any search.
    """
    return load_with_expected(path)[0]
