"""Entry script of the PyInstaller bundle (``make bundle``): runs the game's command line.

The executable is called ``daily-drill``, so messages name it that way
(:func:`solver.appinfo.prog_name`).
"""
from game.__main__ import main

raise SystemExit(main())
