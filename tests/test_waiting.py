"""Waiting for events without using the CPU (game/waiting.py) and what the loop draws while idle."""
from __future__ import annotations

import sys
import threading
import time

import pygame
import pytest
from helpers import frame, make_control

from game import waiting


def test_the_sdl_found_is_pygames_own_instance():
    pygame.display.init()
    pygame.display.set_mode((200, 100))
    lib = waiting.find_sdl()
    if sys.platform.startswith("linux"):
        assert lib is not None  # the wheel's SDL, mapped into this process
    if lib is not None:
        assert lib.SDL_WasInit(waiting.SDL_INIT_VIDEO)
        assert lib.SDL_GetCurrentVideoDriver().decode() == pygame.display.get_driver()


def test_headless_waits_by_sleeping_and_leaves_a_posted_event_queued():
    pygame.display.init()
    pygame.display.set_mode((200, 100))
    pygame.event.clear()
    w = waiting.EventWaiter()
    assert w.wait(0.0) == [] and w.how == "sleep"  # the dummy driver cannot block in SDL
    kind = pygame.event.custom_type()
    threading.Timer(0.05, lambda: pygame.event.post(pygame.event.Event(kind))).start()
    assert w.wait(30.0) == []  # returns once the event is queued (not after 30 s)...
    assert [e.type for e in pygame.event.get()] == [kind]  # ...and leaves it for the loop


@pytest.mark.parametrize("mode", ["classic", "flip"])
def test_an_idle_scene_draws_nothing_and_does_not_tick(mode):
    c = make_control(None, None, mode=mode)
    frame(c, 3)
    s = c.scene
    assert not s.animating and not s.ticking  # no move yet: the clock is not running
    draws = c.draws
    for _ in range(5):
        c.ctx.clock.advance(1.0)
        c.step(dt_s=1.0, sleep=False)
        time.sleep(0)
    assert c.draws == draws
    s.command("help")  # an overlay: the timer is paused, still nothing to redraw each second
    frame(c)
    draws = c.draws
    c.ctx.clock.advance(1.0)
    c.step(dt_s=1.0, sleep=False)
    assert c.draws == draws and not s.ticking
