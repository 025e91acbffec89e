"""game/windows.py: the overlays a scene opens by name, and where their answers go.

Every front end keeps its overlays in an :class:`~game.widgets.overlays.OverlayHost`
(``scene.overlays``, at most one open; the mid end's timer pauses meanwhile) and its
daily ritual in a :class:`~game.ritual.Ritual` (``scene.ritual``).  Two jobs are the
same for every front end and live here:

* :func:`open_named`: the overlay of a command name: ``"help"`` (the ritual's help:
  the mode's rules, then the key table), ``"settings"``, ``"stats"``, ``"calendar"``
  (dated modes); the same name again closes it.
* :func:`route`: an event goes first to the open overlay, whose answer is followed (a
  date from the calendar: :func:`game.dates.choose`; an edition from the picker: the
  loop switches to its scene; any other value: :meth:`Ritual.take`), then to the
  ritual's own buttons (the midnight banner).

``scene`` is duck-typed: ``ctx``, ``overlays``, ``ritual``, ``size``, ``date``, ``name``,
``next``/``done`` and what :func:`game.dates.choose` needs.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any

import pygame

from . import dates
from .widgets import overlays
from .widgets.picker import Choice
from .widgets.settings_overlay import SettingsOverlay


def open_named(scene: Any, name: str, mode: str, title_key: Any, date: _dt.date | None = None,
               found_here: tuple[int, int | None] | None = None) -> bool:
    """Open the overlay ``name`` over ``scene``, or close the open one instead.

    ``mode`` is the statistics' mode (a game id's mode), ``title_key`` the mode's title
    (:mod:`game.i18n` key or :class:`~game.i18n.Words`), ``date`` the date in play (None:
    an undated mode, no calendar), ``found_here`` (boards found, solutions) for the
    statistics' line about the puzzle in play.  Returns False when nothing changed (an
    unknown name, the calendar of an undated mode).
    """
    if name == "help":
        return scene.overlays.toggle(scene.ritual.help_overlay)
    if name == "settings":
        return scene.overlays.toggle(lambda: SettingsOverlay(scene.ctx))
    return scene.overlays.toggle(lambda: overlays.standard(name, scene.ctx, mode, title_key, date, found_here))


def choose_edition(scene: Any, choice: Choice) -> None:
    """The picker chose an edition: remember it (``Settings.last_variant``) and ask the
    loop to switch to its scene (``next``/``done``; the same scene: nothing)."""
    scene.ctx.prefs.remember(last_variant=choice.ident)
    if choice.scene != scene.name:
        scene.next, scene.done = choice.scene, True


def route(scene: Any, ev: pygame.event.Event) -> bool:
    """Give ``ev`` to the open overlay and follow its answer, else to the ritual's own
    buttons.  True when the event was used up (the scene ignores it then)."""
    used, value = scene.overlays.handle(ev, scene.size)
    if used:
        if isinstance(value, _dt.date):
            dates.choose(scene, value)
        elif isinstance(value, Choice):
            choose_edition(scene, value)
        elif value is not None:
            scene.ritual.take(value)
        return True
    return scene.ritual.handle_event(ev)
