"""Finish sounds (game/chimes.py): sample arrays, volume, mute, no audio device."""
from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import numpy as np  # noqa: E402
import pygame  # noqa: E402
import pytest  # noqa: E402

from game import chimes  # noqa: E402


@pytest.fixture(autouse=True)
def fresh_cache(monkeypatch):
    monkeypatch.setattr(chimes, "_CACHE", {})


@pytest.mark.parametrize("rate", [44100, 22050, 48000])
def test_lengths_follow_the_note_timings(rate):
    assert len(chimes.samples("win", rate)) == int(rate * (0.40 + 0.90))
    assert len(chimes.samples("solver", rate)) == int(rate * (0.16 + 0.60))


@pytest.mark.parametrize("name,peak", [("win", 0.5), ("solver", 0.25)])
def test_peak_within_full_scale_and_volume_scales_it(name, peak):
    s = chimes.samples(name)
    assert s.dtype == np.float32 and s.ndim == 1
    assert np.abs(s).max() == pytest.approx(peak, rel=1e-5)
    assert 0 < np.abs(s).max() <= 1
    half = chimes.samples(name, volume=0.5)
    assert np.abs(half).max() == pytest.approx(peak / 2, rel=1e-5)
    np.testing.assert_allclose(half, s * 0.5, atol=1e-7)
    assert not np.any(chimes.samples(name, volume=0.0))
    assert np.abs(chimes.samples(name, volume=7)).max() == pytest.approx(peak, rel=1e-5)  # clipped to 1
    assert not np.any(chimes.samples(name, volume=float("nan")))


def test_solver_tone_is_softer_than_the_win():
    win, solver = chimes.samples("win"), chimes.samples("solver")
    rms = lambda a: float(np.sqrt(np.mean(a.astype(np.float64) ** 2)))  # noqa: E731
    assert np.abs(solver).max() < np.abs(win).max()
    assert rms(solver) < rms(win)


@pytest.mark.parametrize("name", ["win", "solver"])
def test_no_click_at_either_end(name):
    s = chimes.samples(name)
    assert abs(float(s[0])) < 1e-3
    assert np.abs(s[-int(0.005 * chimes.RATE):]).max() < 0.01


def dominant_hz(x: np.ndarray, rate: int) -> float:
    spec = np.abs(np.fft.rfft(x * np.hanning(len(x))))
    return float(np.fft.rfftfreq(len(x), 1 / rate)[np.argmax(spec)])


def test_the_notes_are_the_ones_named():
    rate = chimes.RATE
    win = chimes.samples("win").astype(np.float64)
    first = win[: int(0.085 * rate)]  # C5 alone before E5 starts at 90 ms
    assert dominant_hz(first, rate) == pytest.approx(523.25, abs=15)
    chord = win[int(0.45 * rate): int(0.95 * rate)]
    spec = np.abs(np.fft.rfft(chord * np.hanning(len(chord))))
    freqs = np.fft.rfftfreq(len(chord), 1 / rate)
    top = sorted(freqs[np.argsort(spec)[-40:]])
    for hz in (1046.50, 1318.51, 1567.98):  # C6 E6 G6 all present
        assert min(abs(f - hz) for f in top) < 6, hz
    solver = chimes.samples("solver").astype(np.float64)
    assert dominant_hz(solver[: int(0.15 * rate)], rate) == pytest.approx(783.99, abs=15)  # G5
    assert dominant_hz(solver[int(0.25 * rate):], rate) == pytest.approx(523.25, abs=15)   # then C5


def test_play_with_the_dummy_audio_driver():
    pygame.mixer.quit()
    assert chimes.play("win", volume=0.8) is True
    snd = chimes.sound("solver", volume=0.5)
    assert isinstance(snd, pygame.mixer.Sound)
    freq, _size, channels = pygame.mixer.get_init()
    arr = pygame.sndarray.array(snd)
    assert arr.shape[0] == len(chimes.samples("solver", freq))
    assert abs(int(arr.max())) <= int(32767 * 0.25 * 0.5) + 1
    pygame.mixer.quit()


def test_muted_or_silent_never_touches_the_mixer(monkeypatch):
    def no(*a, **k):
        raise AssertionError("the mixer must not be started")

    monkeypatch.setattr(pygame.mixer, "init", no)
    monkeypatch.setattr(pygame.mixer, "get_init", lambda: None)
    assert chimes.play("win", volume=1.0, muted=True) is False
    assert chimes.play("solver", volume=0.0) is False


def test_no_audio_device_is_silent_and_error_free(monkeypatch):
    calls = []

    def fail(*a, **k):
        calls.append(1)
        raise pygame.error("ALSA: Couldn't open audio device: No such file or directory")

    monkeypatch.setattr(pygame.mixer, "get_init", lambda: None)
    monkeypatch.setattr(pygame.mixer, "init", fail)
    assert chimes.sound("win") is None
    assert chimes.play("win") is False
    assert chimes.play("solver", 0.3) is False
    assert calls == [1]  # tried once, then silent at once


def test_a_sound_that_fails_to_play_is_false(monkeypatch):
    class Broken:
        def play(self):
            raise pygame.error("no channel")

    monkeypatch.setattr(chimes, "sound", lambda name, volume=1.0: Broken())
    assert chimes.play("win") is False


def test_unknown_sound_name_is_a_key_error():
    with pytest.raises(KeyError):
        chimes.play("fanfare")
    with pytest.raises(KeyError):
        chimes.samples("fanfare")
    with pytest.raises(KeyError):
        chimes.sound("fanfare")
