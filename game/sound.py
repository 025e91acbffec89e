"""game/sound.py: the completion chime, generated procedurally (no sound files to license).

:func:`chime` returns a short rising three-note arpeggio (C6, E6, G6, soft sine
partials with an exponential fade) as a ``pygame.mixer.Sound`` built from a numpy
array, or None when there is no audio device.  Every failure is silent: a
machine without a sound card (``pygame.mixer.init`` raises), a dummy driver, a
missing numpy, all simply mean no sound and no error.
"""
from __future__ import annotations

from typing import Any

_CACHE: dict[Any, Any] = {}

RATE = 44100
"""Samples per second of the generated chime."""
NOTES_HZ = (1046.5, 1318.5, 1568.0)
"""C6, E6, G6 in hertz."""
NOTE_S = 0.11
"""Seconds between two notes; the last one rings for :data:`TAIL_S` more."""
TAIL_S = 0.45


def chime_samples(rate: int = RATE):
    """The chime as a float32 numpy array in -1..1 (mono), ``rate`` samples per second."""
    import numpy as np

    total = int(rate * (NOTE_S * len(NOTES_HZ) + TAIL_S))
    t = np.arange(total, dtype=np.float64) / rate
    out = np.zeros(total, dtype=np.float64)
    for i, f in enumerate(NOTES_HZ):
        t0 = i * NOTE_S
        tt = t - t0
        on = tt >= 0
        env = np.where(on, np.exp(-np.clip(tt, 0, None) * 6.0) * np.clip(tt / 0.005, 0, 1), 0.0)
        out += env * (np.sin(2 * np.pi * f * tt) + 0.25 * np.sin(4 * np.pi * f * tt))
    out *= 0.35 / max(1e-9, float(np.abs(out).max()))
    return out.astype(np.float32)


def chime() -> Any:
    """A new ``pygame.mixer.Sound`` of :func:`chime_samples`, or None (no audio: silent, no error).

    The samples are cached, the Sound is not: a Sound made before ``pygame.quit()``
    (or a mixer re-init) must never be played again.  When the mixer cannot be
    initialised once, later calls return None at once.
    """
    if _CACHE.get("failed"):
        return None
    try:
        import numpy as np
        import pygame

        if not pygame.mixer.get_init():
            pygame.mixer.init(frequency=RATE, size=-16, channels=2, buffer=512)
        freq, _size, channels = pygame.mixer.get_init()
        mono = _CACHE.get(("mono", freq))
        if mono is None:
            mono = (chime_samples(freq) * 32767).astype(np.int16)
            _CACHE[("mono", freq)] = mono
        data = np.repeat(mono[:, None], channels, axis=1) if channels > 1 else mono
        return pygame.sndarray.make_sound(np.ascontiguousarray(data))
    except Exception:  # no device, no numpy, odd mixer format: the game stays silent
        _CACHE["failed"] = True
        return None


def play_chime() -> bool:
    """Play the completion chime; returns True when a sound was started, False when silent."""
    snd = chime()
    if snd is None:
        return False
    try:
        snd.play()
    except Exception:
        return False
    _CACHE["playing"] = snd  # keep it alive until it has played (a freed Sound stops)
    return True
