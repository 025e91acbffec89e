"""game/polyomino/catalogue.py: the calendar editions the game can play, found from files.

Every ``assets/variants/*.toml`` file (:func:`solver.variants.names`) and every file
given with ``--variant-file PATH`` (kept in ``ctx.options["variant_files"]``) is an
:class:`Entry`; nothing here, or anywhere in ``game/``, names an edition.  An entry's
scene is ``"variant:ID"`` (its mode, :func:`~game.polyomino.round.variant_mode`), or
``"classic"`` for an edition that is exactly the Classic puzzle (DragonFjord's).

Ids: a shipped file's name without ``.toml``; a file from elsewhere is named the same
way, made safe for a game id (letters, digits, ``-`` and ``_``), with ``-file`` added
when a shipped edition of that name is a different puzzle, so the two never share
saves.  A file that cannot be read stays in the list with its one-line error (the
picker shows it, greyed) and never stops the game.  No pygame, no numba.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any, Iterable

from solver import variants as V
from solver.board import InvalidPuzzleError

from .round import Mode, plays_as_classic, variant_mode

PREFIX = "variant:"
"""Scene names (and game-id modes) of the calendar editions start with this."""


@dataclass(frozen=True)
class Entry:
    """One calendar edition in the picker.

    Attributes:
        ident: its id (``"weekday"``); the scene is ``"variant:ID"`` unless it plays as Classic.
        variant: the loaded :class:`~solver.variants.Variant`, or None when the file is broken.
        path: the file, for one given on the command line; None for a shipped one.
        error: the one-line reason a broken file cannot be played ("" when it can).
    """

    ident: str
    variant: Any
    path: str | None = None
    error: str = ""

    @property
    def scene(self) -> str:
        """The scene that plays it: ``"classic"`` or ``"variant:ID"`` ("" when broken)."""
        if self.variant is None:
            return ""
        return "classic" if plays_as_classic(self.variant) else PREFIX + self.ident

    def mode(self) -> Mode:
        """Its :class:`~game.polyomino.round.Mode`; raises ``ValueError`` when broken."""
        if self.variant is None:
            raise ValueError(self.error)
        return variant_mode(self.variant, self.ident, self.path)


def safe_id(stem: str) -> str:
    """``stem`` with every character but letters, digits, ``-`` and ``_`` made ``_``
    (a game id is split on spaces); ``"variant"`` for an empty result."""
    out = re.sub(r"[^A-Za-z0-9_-]", "_", stem.strip())
    return out or "variant"


def load_path(path: str) -> Entry:
    """The :class:`Entry` of a variant file anywhere.

    Raises the loaders' :class:`~solver.board.InvalidPuzzleError` (one line, naming
    the file) when it cannot be played: ``--variant-file`` checks this before the
    window opens.
    """
    v = V.load_file(path)
    ident = safe_id(v.name)
    if ident in V.names():
        try:
            same = V.load(ident) == _without_path(v, V.load(ident))
        except InvalidPuzzleError:
            same = False
        if not same:
            ident += "-file"
    return Entry(ident, v, os.path.abspath(path))


def _without_path(v: Any, like: Any) -> Any:
    """``v`` with the name and path of ``like`` (to compare the puzzles alone)."""
    from dataclasses import replace

    return replace(v, name=like.name, path=like.path)


def entries(files: Iterable[str] = ()) -> list[Entry]:
    """Every shipped edition (the one that plays as Classic first, then file-name order),
    then each file in ``files`` (command line order; one that repeats an id already
    listed is left out).  Never raises."""
    out: list[Entry] = []
    for name in V.names():
        try:
            out.append(Entry(name, V.load(name)))
        except InvalidPuzzleError as e:
            out.append(Entry(name, None, error=str(e)))
    out.sort(key=lambda e: e.scene != "classic")
    for path in files:
        try:
            e = load_path(path)
        except InvalidPuzzleError as err:
            e = Entry(safe_id(os.path.splitext(os.path.basename(path))[0]) + "-file", None, path, str(err))
        if all(x.ident != e.ident for x in out):
            out.append(e)
    return out


def of_context(ctx: Any) -> list[Entry]:
    """:func:`entries` for a :class:`~game.scene.Context` (its ``variant_files`` option)."""
    return entries(ctx.options.get("variant_files") or ())


def find(ctx: Any, scene: str) -> Entry | None:
    """The playable entry whose scene is ``scene`` (``"variant:weekday"``), or None."""
    if not scene.startswith(PREFIX):
        return None
    for e in of_context(ctx):
        if e.variant is not None and PREFIX + e.ident == scene:
            return e
    return None
