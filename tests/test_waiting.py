"""Waiting for events without using the CPU (game/waiting.py) and what the loop draws while idle."""
from __future__ import annotations

import sys
import threading
import time

import pygame
import pytest
from helpers import frame, make_control, until

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


@pytest.mark.parametrize("mode", ["classic", "flip"])
def test_the_frame_after_the_idle_minute_shows_the_clock_paused(mode):
    """The mid end stops the clock after IDLE_S seconds without input; the loop draws that
    once (greyed, the pause sign), then goes back to drawing nothing."""
    from game.midend import IDLE_S
    from game.ritual import timer_paused

    c = make_control(None, None, mode=mode)
    frame(c, 3)
    s = c.scene
    if mode == "classic":
        from helpers import play_solution
        from test_game_state import solution_placements
        play_solution(s, [next(iter(solution_placements()))])  # one piece placed by hand: the clock starts
    else:
        from solver.games.lights_out import Press
        assert s.play(Press(0, 0))  # one press by hand: the clock starts
    me = s.midend
    assert me.running and s.ticking
    until(c, lambda: not s.animating, what="the move's animation to end")
    c.ctx.clock.advance(IDLE_S - 5.0)
    s.dirty = True
    c.step(dt_s=1.0, sleep=False)
    assert me.running and not timer_paused(me)
    draws = c.draws
    c.ctx.clock.advance(6.0)  # the idle minute runs out; no event, no input
    c.step(dt_s=1.0, sleep=False)
    assert timer_paused(me) and not s.ticking
    assert c.draws == draws + 1, "the clock stopped but the screen still shows it running"
    shown = pygame.image.tobytes(c.screen, "RGB")
    s.dirty = True
    c.step(dt_s=0.0, sleep=False)
    assert pygame.image.tobytes(c.screen, "RGB") == shown  # that frame is the paused clock, drawn whole
    draws = c.draws
    for _ in range(5):  # then idle at zero again
        c.ctx.clock.advance(1.0)
        c.step(dt_s=1.0, sleep=False)
        time.sleep(0)
    assert c.draws == draws
