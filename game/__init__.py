"""Daily Drill (每日演兵) pygame front end.

Built the way Simon Tatham's puzzles are: pure back ends in :mod:`solver.games`
(rules, states, moves as text), one mid end for every game (:mod:`game.midend`:
undo/redo, the honest timer, the hand-solved/assisted verdict, saves), and a front
end per kind of game (:mod:`game.polyomino`, :mod:`game.lights_out`: input, UI
state, drawing, animation) on shared widgets (:mod:`game.widgets`).  The frame loop
and the live scenes are :mod:`game.app`; the one key map is :mod:`game.keymap`;
statistics come only from mid-end events (:mod:`game.stats`) and live in one
progress file (:mod:`game.store` on :mod:`game.saves`).  See docs/ARCHITECTURE.md.
Importing this package does not import pygame or numba.

Run ``python -m game`` (or ``make play``); ``--mode classic|drill|flip``,
``--date YYYY-MM-DD``, ``--puzzle FILE.toml``, ``--lang zh|en``; scripted runs:
``--frames N --screenshot out.png [--autosolve]`` (headless with
``SDL_VIDEODRIVER=dummy``; such runs do not touch the saved progress).
"""

import os as _os

# pygame prints a banner on import unless this is set; the game's own output
# (and its one-line errors) should stand alone
_os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
