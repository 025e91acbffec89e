"""game/polyomino/catalogue.py: the calendar editions the game can play, found from files.

Every ``assets/variants/*.toml`` file (:func:`solver.variants.names`) and every file
given with ``--variant-file PATH`` (kept in ``ctx.options["variant_files"]``) is an
:class:`Entry`; nothing here, or anywhere in ``game/``, names an edition.  An entry's
scene is ``"variant:ID"`` (its mode, :func:`~game.polyomino.round.variant_mode`), or
``"classic"`` for an edition that is exactly the Classic puzzle (DragonFjord's).

Ids: a shipped file's name without ``.toml``; a file from elsewhere that is exactly a
shipped edition takes that edition's id (and its saves); any other file is its name,
made safe for a game id (letters, digits, ``-`` and ``_``), and the first 8 digits of
its content key (:attr:`solver.variants.Variant.digest`): two files of one name but
different boards never share saves, and a moved file keeps its own.  A file that cannot be read stays in the list with its one-line error (the
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
        ident: its id (``"weekday"``, ``"mine-1a2b3c4d"``); the scene is ``"variant:ID"``
            unless it plays as Classic.
        variant: the loaded :class:`~solver.variants.Variant`, or None when the file is broken.
        path: the file, for one given on the command line; None for a shipped one.
        error: the one-line reason a broken file cannot be played ("" when it can).
        legacy: the id its games had before ids named the content ("" for none).
    """

    ident: str
    variant: Any
    path: str | None = None
    error: str = ""
    legacy: str = ""

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
        return variant_mode(self.variant, self.ident, self.path, self.legacy)


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
    name = safe_id(v.name)
    same = False
    if name in V.names():
        try:
            same = V.load(name) == _without_path(v, V.load(name))
        except InvalidPuzzleError:
            same = False
    if same:
        return Entry(name, v, os.path.abspath(path))
    legacy = name + "-file" if name in V.names() else name  # the id earlier versions gave it
    return Entry(f"{name}-{v.digest[:8]}", v, os.path.abspath(path), legacy=legacy)


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
