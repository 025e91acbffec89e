"""game/waiting.py: wait for the next event without using the CPU while waiting.

``pygame.event.wait(timeout)`` in pygame-ce looks at the queue every millisecond
(measured here: about 2-4 % of a core while the game sits idle, in a real window
and headless alike).  SDL itself can block properly: ``SDL_WaitEventTimeout``
sleeps on the window system's connection (X11, Wayland, Windows, macOS) until an
event or the timeout.  :class:`EventWaiter` calls it through ``ctypes`` on the very
SDL library pygame loaded (found in the process, checked to be the initialised
instance), with a NULL event so the event stays queued for ``pygame.event.get``.
``ctypes`` releases the GIL meanwhile, so the solver thread runs.

Where SDL cannot block (the ``dummy`` and ``offscreen`` drivers: tests, benchmarks,
screenshots) it sleeps in steps of :data:`HEADLESS_STEP_S`, looking at the queue
between steps; where the library cannot be found it falls back to
``pygame.event.wait``.  :attr:`EventWaiter.how` says which is used.
"""
from __future__ import annotations

import ctypes
import glob
import os
import sys
import time

import pygame

HEADLESS_STEP_S = 0.05
"""Sleep between two looks at the queue where SDL cannot block (seconds)."""
SDL_INIT_VIDEO = 0x20
HEADLESS = ("dummy", "offscreen")


def _candidates() -> list[str]:
    """Paths of the SDL 2 library pygame may have loaded, most likely first."""
    out = []
    try:  # Linux: the libraries mapped into this process
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as f:
            out += [line.split()[-1] for line in f if "libSDL2-2" in line or "libSDL2.so" in line]
    except OSError:
        pass
    base = os.path.dirname(pygame.__file__)
    for pattern in ("SDL2.dll", ".dylibs/libSDL2*.dylib", "../pygame_ce.libs/libSDL2*", "libSDL2*"):
        out += glob.glob(os.path.join(base, pattern))
    return list(dict.fromkeys(p for p in out if os.path.isfile(p)))


def find_sdl() -> ctypes.CDLL | None:
    """pygame's own SDL library with ``SDL_WaitEventTimeout`` ready to call, or None.

    A library counts only when its video subsystem is initialised and its video
    driver is pygame's: the same instance, not a second copy.  Never raises.
    """
    driver = (pygame.display.get_driver() if pygame.display.get_init() else "").encode()
    for path in _candidates():
        try:
            lib = ctypes.CDLL(path)
            lib.SDL_WasInit.restype = ctypes.c_uint32
            lib.SDL_WasInit.argtypes = [ctypes.c_uint32]
            lib.SDL_GetCurrentVideoDriver.restype = ctypes.c_char_p
            if not lib.SDL_WasInit(SDL_INIT_VIDEO) or lib.SDL_GetCurrentVideoDriver() != driver:
                continue
            lib.SDL_WaitEventTimeout.restype = ctypes.c_int
            lib.SDL_WaitEventTimeout.argtypes = [ctypes.c_void_p, ctypes.c_int]
            return lib
        except (OSError, AttributeError, ValueError):
            continue
    return None


class EventWaiter:
    """Blocks until an event is queued or a timeout passes (see the module docstring).

    Attributes:
        how: ``"sdl"`` (SDL blocks), ``"sleep"`` (headless: short sleeps), or
            ``"pygame"`` (``pygame.event.wait``, polling); decided on first use.
    """

    def __init__(self) -> None:
        self.how = ""
        self._sdl: ctypes.CDLL | None = None

    def _decide(self) -> None:
        driver = pygame.display.get_driver() if pygame.display.get_init() else "dummy"
        if driver in HEADLESS:
            self.how = "sleep"
            return
        self._sdl = find_sdl() if sys.platform != "emscripten" else None
        self.how = "sdl" if self._sdl is not None else "pygame"

    def wait(self, timeout_s: float) -> list[pygame.event.Event]:
        """Return once an event is queued or ``timeout_s`` seconds passed.

        Returns the events it had to take off the queue itself (only the ``"pygame"``
        way takes one); the rest stay queued for ``pygame.event.get``.
        """
        if not self.how:
            self._decide()
        ms = max(0, int(timeout_s * 1000))
        if self.how == "sdl":
            self._sdl.SDL_WaitEventTimeout(None, ms)
            return []
        if self.how == "sleep":
            end = time.monotonic() + timeout_s
            while not pygame.event.peek():
                left = end - time.monotonic()
                if left <= 0:
                    break
                time.sleep(min(HEADLESS_STEP_S, left))
            return []
        ev = pygame.event.wait(ms)
        return [ev] if ev.type != pygame.NOEVENT else []
