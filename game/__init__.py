"""Daily Drill (每日演兵) pygame front end.

Layers (STYLE.md "What to absorb"): :mod:`game.state` (pure state and moves),
:mod:`game.session` (undo/redo and timer), :mod:`game.worker` (solver thread),
:mod:`game.scene` (scene interface), :mod:`game.puzzle_scene` (the generic
polyomino play scene: Classic, Daily Drill, custom files), :mod:`game.render`
(drawing only), :mod:`game.control` (the one frame loop) and :mod:`game.__main__`
(command line).  Importing this package does not import pygame or numba.

Run ``python -m game`` (or ``make play``); ``--mode classic|drill|flip``,
``--date YYYY-MM-DD``, ``--puzzle FILE.toml``, ``--lang zh|en``; scripted runs:
``--frames N --screenshot out.png [--autosolve]`` (headless with
``SDL_VIDEODRIVER=dummy``; such runs do not touch the saved progress).

Controls: drag pieces from the tray; R / wheel / right click rotate, F / middle
click flip (also while dragging); drag a placed piece off the board to take it
back; H hint, S solve, T show the search, + / - speed, Ctrl+Z / Ctrl+Y undo and
redo, [ / ] / Home change the date, L language, F1 / F2 / F3 Classic / Daily
Drill / Flip; keyboard play: 1-9 pick a piece, arrows move, Enter drop, Esc cancel.
"""

import os as _os

# pygame prints a banner on import unless this is set; the game's own output
# (and its one-line errors) should stand alone
_os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

