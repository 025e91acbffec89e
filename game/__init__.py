"""Daily Drill (每日演兵) pygame front end.

Layers (STYLE.md "What to absorb"): :mod:`game.state` (pure state and moves),
:mod:`game.session` (undo/redo and timer), :mod:`game.worker` (solver thread),
:mod:`game.scene` (scene interface), :mod:`game.puzzle_scene` (the generic
polyomino play scene: Classic, Daily Drill, custom files), :mod:`game.render`
(drawing only), :mod:`game.control` (the one frame loop) and :mod:`game.__main__`
(command line).  Importing this package does not import pygame or numba.
"""
