"""game/chimes.py: the finish sounds, generated procedurally (no sound files to license).

Two sounds, chosen by name:

* ``"win"``: a hand solve.  A quick rising arpeggio C5 E5 G5 C6 (90 ms apart),
  then a C major chord an octave up (C6 E6 G6) ringing out for 0.9 s; bell-like
  notes (a sine with its 2nd and 3rd partials, 5 ms attack, exponential decay).
  Peak :data:`PEAK_WIN` of full scale.
* ``"solver"``: the solver finished the board.  A softer, plainer two-note
  fall, G5 then C5 (pure sines, 20 ms attack, slower fade), peak
  :data:`PEAK_SOLVER`: it says "done" without celebrating.

:func:`samples` returns the float samples (mono, -1..1, scaled by a volume
0..1); :func:`play` plays one at the player's volume unless muted.  Every
failure is silent: no audio device (``pygame.mixer.init`` raises), no numpy,
an odd mixer format all mean no sound and no error.
"""
from __future__ import annotations

from typing import Any, Callable

RATE = 44100
"""Samples per second when no mixer dictates another rate."""
PEAK_WIN = 0.5
"""Peak of the win jingle at volume 1, as a fraction of full scale."""
PEAK_SOLVER = 0.25
"""Peak of the solver tone at volume 1 (half the win's: softer)."""
WIN_ARPEGGIO = ((0.00, 523.25), (0.09, 659.25), (0.18, 783.99), (0.27, 1046.50))
"""(start s, Hz): C5 E5 G5 C6."""
WIN_CHORD_AT = 0.40
WIN_CHORD = (1046.50, 1318.51, 1567.98)
"""C6 E6 G6 in hertz, all starting at :data:`WIN_CHORD_AT` seconds."""
WIN_TAIL_S = 0.90
SOLVER_NOTES = ((0.00, 783.99), (0.16, 523.25))
"""(start s, Hz): G5 then C5."""
SOLVER_TAIL_S = 0.60
FADE_S = 0.03
"""Final fade to silence (seconds), so no sound ends with a click."""

_CACHE: dict[Any, Any] = {}


def _note(t, start: float, hz: float, attack: float, decay: float, partials: tuple[float, ...]):
    """One enveloped note over the time axis ``t`` (seconds, float64 array): zero before ``start``."""
    import numpy as np

    tt = t - start
    on = tt >= 0
    env = np.where(on, np.exp(-np.clip(tt, 0, None) * decay) * np.clip(tt / attack, 0, 1), 0.0)
    wave = sum(a * np.sin(2 * np.pi * hz * (i + 1) * tt) for i, a in enumerate(partials))
    return env * wave


def _finish(out, rate: int, peak: float):
    """Fade the last :data:`FADE_S` seconds to zero and scale to ``peak``; float32."""
    import numpy as np

    n = min(len(out), int(rate * FADE_S))
    out[len(out) - n:] *= np.linspace(1.0, 0.0, n)
    out *= peak / max(1e-12, float(np.abs(out).max()))
    return out.astype(np.float32)


def win_samples(rate: int = RATE):
    """The win jingle at volume 1: float32 mono, ``rate`` per second,
    ``int(rate * (WIN_CHORD_AT + WIN_TAIL_S))`` samples, peak :data:`PEAK_WIN`."""
    import numpy as np

    total = int(rate * (WIN_CHORD_AT + WIN_TAIL_S))
    t = np.arange(total, dtype=np.float64) / rate
    out = np.zeros(total)
    bell = (1.0, 0.3, 0.12)
    for start, hz in WIN_ARPEGGIO:
        out += 0.8 * _note(t, start, hz, 0.005, 9.0, bell)
    for hz in WIN_CHORD:
        out += 0.6 * _note(t, WIN_CHORD_AT, hz, 0.005, 3.2, bell)
    out += 0.12 * _note(t, WIN_CHORD_AT + 0.05, WIN_CHORD[0] * 4, 0.01, 6.0, (1.0,))  # a high sparkle
    return _finish(out, rate, PEAK_WIN)


def solver_samples(rate: int = RATE):
    """The solver-finished tone at volume 1: float32 mono,
    ``int(rate * (SOLVER_NOTES[-1][0] + SOLVER_TAIL_S))`` samples, peak :data:`PEAK_SOLVER`."""
    import numpy as np

    total = int(rate * (SOLVER_NOTES[-1][0] + SOLVER_TAIL_S))
    t = np.arange(total, dtype=np.float64) / rate
    out = np.zeros(total)
    for start, hz in SOLVER_NOTES:
        out += _note(t, start, hz, 0.02, 6.0, (1.0,))
    return _finish(out, rate, PEAK_SOLVER)


SOUNDS: dict[str, Callable[[int], Any]] = {"win": win_samples, "solver": solver_samples}
"""Sound name -> sample generator."""


def clamp_volume(volume: float) -> float:
    """``volume`` clipped to 0..1 (anything that is not a number: 0)."""
    try:
        v = float(volume)
    except (TypeError, ValueError):
        return 0.0
    return 0.0 if v != v else min(1.0, max(0.0, v))


def samples(name: str, rate: int = RATE, volume: float = 1.0):
    """Sound ``name`` (:data:`SOUNDS`) as float32 mono samples in -1..1, scaled by ``volume`` (0..1, clipped).

    Raises ``KeyError`` for an unknown name.
    """
    return SOUNDS[name](rate) * clamp_volume(volume)


def sound(name: str, volume: float = 1.0) -> Any:
    """A new ``pygame.mixer.Sound`` of ``name`` at ``volume``, or None (no audio: silent, no error).

    The 16-bit samples are cached per mixer rate, the Sound is not (one made
    before ``pygame.quit()`` must never be played again).  After the mixer
    fails to start once, later calls return None at once.  Raises ``KeyError``
    for an unknown name.
    """
    if name not in SOUNDS:
        raise KeyError(name)
    if _CACHE.get("failed"):
        return None
    try:
        import numpy as np
        import pygame

        if not pygame.mixer.get_init():
            pygame.mixer.init(frequency=RATE, size=-16, channels=2, buffer=512)
        freq, _size, channels = pygame.mixer.get_init()
        key = (name, freq)
        mono = _CACHE.get(key)
        if mono is None:
            mono = SOUNDS[name](freq)
            _CACHE[key] = mono
        data = (mono * clamp_volume(volume) * 32767).astype(np.int16)
        if channels > 1:
            data = np.repeat(data[:, None], channels, axis=1)
        return pygame.sndarray.make_sound(np.ascontiguousarray(data))
    except Exception:  # no device, no numpy, odd mixer format: the game stays silent
        _CACHE["failed"] = True
        return None


def play(name: str, volume: float = 1.0, muted: bool = False) -> bool:
    """Play sound ``name`` at ``volume`` (0..1) unless ``muted`` or silent; True when a sound started.

    Muted or volume 0 touches no audio device at all.  Raises ``KeyError`` for
    an unknown name (a programming error); never for a missing device.
    """
    if name not in SOUNDS:
        raise KeyError(name)
    if muted or clamp_volume(volume) == 0.0:
        return False
    snd = sound(name, volume)
    if snd is None:
        return False
    try:
        snd.play()
    except Exception:
        return False
    _CACHE["playing"] = snd  # keep it alive until it has played (a freed Sound stops)
    return True
