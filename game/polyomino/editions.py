"""game/polyomino/editions.py: the scene's calendar-board picker and its mirror rule.

Two jobs of :class:`~game.polyomino.scene.PolyominoScene`, kept here so the scene
stays a router: opening the picker (:func:`picker`: the editions of
:mod:`.catalogue`, counted on the solver thread; the player's choice is followed by
:func:`game.windows.choose_edition`), and following the "Allow flipping" setting
(:func:`set_mirror`: the date in play is played again under the new rule, see
:mod:`.round`).
"""
from __future__ import annotations

from typing import Any

from .. import palette as P
from ..i18n import msg
from ..widgets.picker import VariantPicker
from . import catalogue, found


def picker(scene: Any) -> VariantPicker:
    """The picker for ``scene``: every edition, the scene's date, its card marked."""
    ctx = scene.ctx
    return VariantPicker(catalogue.of_context(ctx), scene.date, ctx.today(), scene.name, scene.allow_flip,
                         ctx.solver, ctx.prefs.settings.last_variant)


def set_mirror(scene: Any, allow: bool) -> bool:
    """Follow the "Allow flipping" setting: off plays the scene's mode rotations-only
    (not Daily Drill, see :mod:`.round`).  The puzzle in play is saved and its date is
    played again under the new rule (that rule's own saved game).  Returns True when
    the puzzle in play changed."""
    allow = bool(allow)
    if allow == scene.allow_flip:
        return False
    scene.allow_flip = allow
    rnd = scene.round
    if not scene.mode.flip_setting or rnd is None or not rnd.own_mirror:
        return False  # Daily Drill, nothing loaded yet, or a puzzle that is rotations-only itself
    found.stop(rnd.ui)
    rnd.save_now()
    scene.assist.cancel()
    try:
        scene.loading.put(rnd.loaded)
    except ValueError:
        return False
    scene.ui.say(msg("flip_on_now" if allow else "flip_off_now"), P.TEXT, 4.0)
    scene.loading.ask_count()
    scene.dirty = True
    return True
