"""game/polyomino/commands.py: the commands that change UI state only (speed, replay, stop).

They never touch the position: the animation speed (``speed`` cycles, ``faster`` and
``slower`` step), ``stop`` (Esc: drop the hint, the fly-in and the replay, stop
browsing), and the search replay's ``pause``, ``step`` and ``finish``.
"""
from __future__ import annotations

from ..i18n import msg
from ..settings import SPEEDS
from . import found
from .ui import Ui

UI_COMMANDS = frozenset({"speed", "faster", "slower", "stop", "pause", "step", "finish"})
"""The commands :func:`anim_command` runs."""


def anim_command(ui: Ui, name: str) -> bool | None:
    """Run ``name`` on ``ui``: True when it is one of :data:`UI_COMMANDS` (the replay's
    commands do nothing while no replay plays), None for any other name."""
    if name not in UI_COMMANDS:
        return None
    rp = ui.replay
    if name in ("speed", "faster", "slower"):
        i = ui.speed_i + (-1 if name == "slower" else 1)
        ui.speed_i = i % len(SPEEDS) if name == "speed" else max(0, min(len(SPEEDS) - 1, i))
        ui.say(msg("speed_is", x=f"{ui.speed:g}"))
    elif name == "stop":
        ui.stop_animations()
        found.stop(ui)
    elif rp is None:
        pass
    elif name == "pause":
        rp.paused = not rp.paused
        ui.say(msg("paused") if rp.paused else msg("speed_is", x=f"{ui.speed:g}"))
    elif name == "step":
        rp.paused, rp.steps = True, rp.steps + 1
    else:  # finish
        rp.paused, rp.acc = False, float(len(rp.events))
    return True
