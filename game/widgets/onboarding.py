"""game/widgets/onboarding.py: the first-run card of a mode: its goal in one sentence, a picture.

The card opens the first time a mode is played (:class:`game.ritual.Ritual`
remembers it per mode in the settings' ``onboarded`` list) and again from the help.
Its picture shows the goal rather than telling it:

* a polyomino puzzle: the puzzle's own board (a small copy) with the date's target
  cells ringed and one piece dropping into place, again and again;
* Flip: a 3 x 3 board with the plus shape lit; a press on the centre turns it all
  off.

The picture plays :data:`LOOPS` times and then rests (so an open card lets the
frame loop sleep).  With "reduce motion" nothing moves: the piece is drawn in place,
and Flip shows the board before and after the press side by side.  The card closes with Esc,
Enter, Space, its Start button or a click anywhere; it keeps no game state.
"""
from __future__ import annotations

import math
from typing import Any, Callable

import pygame

from .. import i18n, keymap
from .. import palette as P
from ..rules import card_points, goal
from .cells import fit_board_labels
from .icons import draw_icon
from .overlays import CLOSE, Overlay
from .panel import MIN_TEXT_PX, centred_box, dim, draw_button, panel, px, text_block
from .text import DrawCache, Fonts, blit_center, text_surface

DROP_PERIOD_S = 3.2
"""One loop of the polyomino picture: the drop, a rest, a fade."""
DROP_S = 0.8
FLIP_PERIOD_S = 3.4
"""One loop of the Flip picture: lit plus, the press, all off, back."""
LOOPS = 3
"""Loops the picture plays; then it stops on its clearest moment (the loop may sleep again)."""
REST_AT = {"polyomino": DROP_S + 0.3, "flip": 0.8}
"""Where in a loop the picture rests after :data:`LOOPS` (s): the piece landed; the press."""
HEAD_MAX = 0.5
"""The most of the card above its Start button the heading and the goal may take (the rest is
the picture and the points)."""
PLUS = ((0, 1), (1, 0), (1, 1), (1, 2), (2, 1))
"""The cells a press on the centre of a 3 x 3 board flips."""


def example_drop(puzzle: Any) -> tuple[Any, int, int, int] | None:
    """The piece the picture drops and where: (shape, orientation, row, col) of its
    bounding box, or None when no piece fits anywhere.

    Takes the first piece that is not a plain rectangle (else the first piece) and its
    first legal place in reading order (open cells, no target), in an orientation the
    puzzle allows.
    """
    pieces = puzzle.pieces
    if not pieces:
        return None
    shapes = [s for s in pieces if len(s.orientations[0]) != _box(s.orientations[0])] or list(pieces)
    board, targets = puzzle.board, set(puzzle.targets)
    for shape in shapes[:3]:
        for r in range(board.height):
            for c in range(board.width):
                for o in puzzle.allowed(shape.code):
                    cells = [(r + dr, c + dc) for dr, dc in shape.orientations[o]]
                    if all(0 <= rr < board.height and 0 <= cc < board.width and board.is_open(rr, cc)
                           and (rr, cc) not in targets for rr, cc in cells):
                        return shape, o, r, c
    return None


def _box(cells: Any) -> int:
    return (max(r for r, _ in cells) + 1) * (max(c for _, c in cells) + 1)


def _ease_out(k: float) -> float:
    k = min(1.0, max(0.0, k))
    return 1 - (1 - k) ** 3


def draw_board_picture(surface: pygame.Surface, rect: pygame.Rect, fonts: Fonts, cache: DrawCache, puzzle: Any,
                       lang: str, t: float | None) -> None:
    """The puzzle's board in ``rect``: targets ringed, one piece dropping in.

    ``t`` is the card's clock (seconds); None draws the still picture (reduce motion).
    """
    board = puzzle.board
    drop = example_drop(puzzle)
    top_room = 1.6  # cells of room above the board for the falling piece
    cell = int(min(rect.width / board.width, rect.height / (board.height + top_room)))
    if cell < 4:
        return
    bw, bh = cell * board.width, cell * board.height
    x0 = rect.centerx - bw // 2
    y0 = rect.bottom - bh
    frame = pygame.Rect(x0, y0, bw, bh).inflate(cell // 2, cell // 2)
    pygame.draw.rect(surface, P.FRAME, frame, border_radius=max(4, cell // 4))
    captions = fit_board_labels(fonts, board.labels or (), lang, int(cell * 0.34), cell - 4)
    for r in range(board.height):
        for c in range(board.width):
            if not board.is_open(r, c):
                continue
            cr = pygame.Rect(x0 + c * cell, y0 + r * cell, cell, cell)
            target = (r, c) in puzzle.targets
            pygame.draw.rect(surface, P.TARGET_FILL if target else P.CELL, cr.inflate(-2, -2), border_radius=3)
            fitted = captions.get(board.label((r, c))) if board.labels else None
            if fitted is not None:
                blit_center(surface, text_surface(cache, fonts, fitted[0], fitted[1],
                                                  P.LABEL if target else P.LABEL_SOFT), cr.center)
    pulse = 0.0 if t is None else 0.5 + 0.5 * math.sin(t * 4.0)
    for r, c in puzzle.targets:
        cr = pygame.Rect(x0 + c * cell, y0 + r * cell, cell, cell)
        grow = int(2 + 3 * pulse)
        pygame.draw.rect(surface, P.TARGET_RING, cr.inflate(grow, grow), max(2, cell // 10),
                         border_radius=max(4, cell // 3))
    if drop is None:
        return
    shape, o, r, c = drop
    phase = 0.0 if t is None else t % DROP_PERIOD_S
    if t is None:
        dy, alpha = 0.0, 255
    else:
        fall = _ease_out(phase / DROP_S)
        dy = -(r + top_room + 1) * cell * (1 - fall)
        fade_in = min(1.0, phase / 0.2)
        fade_out = 1.0 - max(0.0, (phase - (DROP_PERIOD_S - 0.6)) / 0.6)
        alpha = int(255 * fade_in * fade_out)
    fill = P.piece_colours(puzzle.pieces).get(shape.code, P.OTHER)
    layer = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    for dr, dc in shape.orientations[o]:
        cr = pygame.Rect(x0 + (c + dc) * cell, int(y0 + (r + dr) * cell + dy), cell, cell).inflate(-2, -2)
        pygame.draw.rect(layer, (*fill, alpha), cr, border_radius=max(2, cell // 6))
        pygame.draw.rect(layer, (*P.shade(fill, 0.55), alpha), cr, 1, border_radius=max(2, cell // 6))
    clip = surface.get_clip()
    surface.set_clip(rect.inflate(0, cell))
    surface.blit(layer, (0, 0))
    surface.set_clip(clip)


def _flip_board(surface: pygame.Surface, rect: pygame.Rect, lit: set, turning: float | None = None,
                to_lit: bool = False) -> None:
    """A 3 x 3 Flip board in ``rect``; ``turning`` (0..1) squashes the plus cells as they turn over."""
    cell = min(rect.width, rect.height) // 3
    x0, y0 = rect.centerx - 3 * cell // 2, rect.centery - 3 * cell // 2
    frame = pygame.Rect(x0, y0, 3 * cell, 3 * cell).inflate(cell // 4, cell // 4)
    pygame.draw.rect(surface, P.FRAME, frame, border_radius=max(4, cell // 6))
    for r in range(3):
        for c in range(3):
            cr = pygame.Rect(x0 + c * cell, y0 + r * cell, cell, cell).inflate(-max(2, cell // 10), -max(2, cell // 10))
            on = (r, c) in lit
            if turning is not None and (r, c) in PLUS:
                on = to_lit if turning >= 0.5 else not to_lit
                h = max(2, int(cr.height * abs(1.0 - 2.0 * turning)))
                cr = pygame.Rect(cr.x, cr.centery - h // 2, cr.width, h)
            pygame.draw.rect(surface, P.FLIP_LIT if on else P.FLIP_OFF, cr, border_radius=max(2, cell // 8))
            if on and cr.height > 6:
                pygame.draw.circle(surface, P.FLIP_LIT_DOT, cr.center, max(2, cell // 8))


def _press_mark(surface: pygame.Surface, rect: pygame.Rect, k: float) -> None:
    """A ring closing in on the centre cell (the press), ``k`` 0..1."""
    cell = min(rect.width, rect.height) // 3
    rad = int(cell * (0.9 - 0.45 * k))
    pygame.draw.circle(surface, P.TITLE, rect.center, max(4, rad), max(2, cell // 14))


def draw_flip_picture(surface: pygame.Surface, rect: pygame.Rect, fonts: Fonts, cache: DrawCache, lang: str,
                      t: float | None) -> None:
    """Flip's picture in ``rect``: the lit plus, one press on the centre, all off.

    ``t`` is the card's clock (seconds); None draws before and after side by side.
    """
    size = px(rect.height * 0.07)
    cap_h = fonts.get(size).get_linesize() + 4
    if t is None:
        side = min(rect.width * 0.4, rect.height - cap_h)
        left = pygame.Rect(0, 0, side, side)
        left.midleft = (rect.x, rect.y + side / 2)
        right = left.copy()
        right.midright = (rect.right, left.centery)
        _flip_board(surface, left, set(PLUS))
        _press_mark(surface, left, 0.6)
        _flip_board(surface, right, set())
        mid = (left.right + right.left) // 2
        arrow = max(6, int(side * 0.08))
        pygame.draw.polygon(surface, P.TEXT_SOFT, [(mid - arrow, left.centery - arrow),
                                                   (mid + arrow, left.centery), (mid - arrow, left.centery + arrow)])
        for box, key in ((left, "card_press"), (right, "card_all_off")):
            blit_center(surface, text_surface(cache, fonts, i18n.tr(key, lang), size, P.TEXT),
                        (box.centerx, box.bottom + cap_h / 2 + 2))
        return
    side = min(rect.width, rect.height - cap_h)
    board = pygame.Rect(0, 0, side, side)
    board.midtop = (rect.centerx, rect.y)
    phase = t % FLIP_PERIOD_S
    if phase < 1.0:
        _flip_board(surface, board, set(PLUS))
        if phase > 0.4:
            _press_mark(surface, board, (phase - 0.4) / 0.6)
        caption = "card_press"
    elif phase < 1.3:
        _flip_board(surface, board, set(), (phase - 1.0) / 0.3, False)
        caption = "card_press"
    elif phase < 2.8:
        _flip_board(surface, board, set())
        caption = "card_all_off"
    else:
        _flip_board(surface, board, set(), min(1.0, (phase - 2.8) / 0.3), True)
        caption = "card_press"
    img = text_surface(cache, fonts, i18n.tr(caption, lang), size, P.TEXT, True)
    if caption == "card_all_off":
        icon = pygame.Rect(0, 0, size + 4, size + 4)
        icon.midright = (board.centerx - img.get_width() // 2 - 4, board.bottom + cap_h / 2 + 2)
        draw_icon(surface, "check", icon, P.LEGAL)
    blit_center(surface, img, (board.centerx, board.bottom + cap_h / 2 + 2))


def points_px(fonts: Fonts, points: list[str], rect: pygame.Rect, size: int) -> int:
    """The largest size (px, from ``size`` down to the 12 px floor) at which every point, each
    after a bullet, fits in ``rect``."""
    while size > MIN_TEXT_PX:
        y = 0
        for point in points:
            y += text_block(None, fonts, DrawCache(), point, size, P.TEXT,
                            pygame.Rect(0, 0, rect.width - size, 10 ** 6)) + size // 2
        if y - size // 2 <= rect.height:
            break
        size -= 1
    return size


class OnboardingCard(Overlay):
    """The first-run card of a mode (see the module docstring).

    Args:
        mode: the mode string (``"classic"``, ``"drill"``, ``"variant:NAME"``, ``"flip"``).
        title: ``lang -> the mode's name``.
        puzzle: ``() -> the puzzle in play`` (a polyomino :class:`~solver.model.Puzzle`, or None
            while it is prepared; unused for Flip).
        reduce_motion: draw the still picture.

    Attributes:
        t: the card's clock (seconds), moved on by :meth:`update`.
    """

    def __init__(self, mode: str, title: Callable[[str], str], puzzle: Callable[[], Any],
                 reduce_motion: bool = False) -> None:
        self.mode = mode
        self.title = title
        self.puzzle = puzzle
        self.reduce_motion = reduce_motion
        self.t = 0.0
        self.hover = False
        self._fit: tuple[tuple, tuple[int, int, int]] | None = None

    @property
    def period(self) -> float:
        """Seconds of one loop of the picture."""
        return FLIP_PERIOD_S if self.mode == "flip" else DROP_PERIOD_S

    @property
    def animating(self) -> bool:
        """True while the picture moves: :data:`LOOPS` loops, never with reduce motion."""
        return not self.reduce_motion and self.t < LOOPS * self.period

    def clock(self) -> float | None:
        """The picture's time: the card's clock while it moves, then its resting moment;
        None for the still picture of reduce motion."""
        if self.reduce_motion:
            return None
        if self.animating:
            return self.t
        return LOOPS * self.period + REST_AT["flip" if self.mode == "flip" else "polyomino"]

    def update(self, dt_s: float) -> None:
        """Move the picture's clock on by ``dt_s`` seconds."""
        self.t += dt_s

    def texts(self, lang: str) -> tuple[str, str, list[str]]:
        """(heading, goal sentence, short points) in ``lang``."""
        puzzle = self.puzzle() if self.mode != "flip" else None
        return (i18n.tr("card_title", lang, mode=self.title(lang)), goal(self.mode, lang, puzzle),
                card_points(self.mode, lang, puzzle))

    def rects(self, size: tuple[int, int], head_h: int | None = None) -> dict[str, pygame.Rect]:
        """``"box"`` (the card), ``"head"`` (heading and goal), ``"picture"``, ``"text"`` (the
        points), ``"start"`` (the button), px.  ``head_h`` is the heading's height (None: a
        quarter of the card; :meth:`draw` gives what its words need, see :meth:`head_fit`)."""
        box = centred_box(size, 780, 580)
        pad = max(14, box.width // 28)
        if head_h is None:
            head_h = int(box.height * 0.26)
        btn_h = max(36, int(box.height * 0.085))
        start = pygame.Rect(0, 0, max(140, box.width // 4), btn_h)
        start.midbottom = (box.centerx, box.bottom - pad)
        body = pygame.Rect(box.x + pad, box.y + pad + head_h, box.width - 2 * pad,
                           max(0, start.top - pad - (box.y + pad + head_h)))
        if box.width >= 560:
            pic = pygame.Rect(body.x, body.y, int(body.width * 0.46), body.height)
            text = pygame.Rect(pic.right + pad, body.y, body.right - pic.right - pad, body.height)
        else:
            pic = pygame.Rect(body.x, body.y, body.width, int(body.height * 0.55))
            text = pygame.Rect(body.x, pic.bottom + pad // 2, body.width, body.bottom - pic.bottom - pad // 2)
        return {"box": box, "picture": pic, "text": text, "start": start,
                "head": pygame.Rect(box.x + pad, box.y + pad, box.width - 2 * pad, head_h)}

    def head_fit(self, size: tuple[int, int], fonts: Fonts, heading: str, goal_text: str) -> tuple[int, int, int]:
        """(heading px, goal px, head height px) so that the heading and the whole goal fit.

        The head grows from a quarter of the card up to :data:`HEAD_MAX` of the room above
        the Start button (the picture gets smaller); when even that is too little, the
        heading shrinks first (down to the goal's size), then both (down to the 12 px
        floor).  The goal is never cut: at the floor the head takes what it needs.
        """
        key = (size, heading, goal_text, id(fonts))
        if self._fit is not None and self._fit[0] == key:
            return self._fit[1]
        r = self.rects(size)
        box, head = r["box"], r["head"]
        room = max(head.height, int((r["start"].top - head.top) * HEAD_MAX))
        hs = px(min(head.height * 0.24, box.width * 0.045))
        gs = px(min(head.height * 0.17, box.width * 0.034))

        def need(hs: int, gs: int) -> int:
            return (text_block(None, fonts, DrawCache(), heading, hs, P.TITLE, head, bold=True) + 4
                    + text_block(None, fonts, DrawCache(), goal_text, gs, P.TEXT, head, bold=True))

        while need(hs, gs) > room and gs > MIN_TEXT_PX:
            if hs > gs + 2:
                hs -= 1
            else:
                hs, gs = max(MIN_TEXT_PX, hs - 1), gs - 1
        self._fit = (key, (hs, gs, max(head.height, need(hs, gs))))
        return self._fit[1]

    def handle_event(self, ev: pygame.event.Event, size: tuple[int, int]) -> Any:
        """Esc, Enter, Space, ? or a click close the card; the pointer lights the Start button."""
        if ev.type == pygame.MOUSEMOTION:
            self.hover = self.rects(size)["start"].collidepoint(ev.pos)
            return None
        if ev.type == pygame.MOUSEBUTTONDOWN and ev.button == 1:
            return CLOSE
        if ev.type == pygame.KEYDOWN and keymap.command_for(ev) in ("cancel", "activate", "help"):
            return CLOSE
        return None

    def draw(self, surface: pygame.Surface, fonts: Fonts, cache: DrawCache, lang: str) -> None:
        """Dim the scene and draw the card."""
        dim(surface)
        box = self.rects(surface.get_size())["box"]
        panel(surface, box)
        heading, goal_text, points = self.texts(lang)
        hs, gs, head_h = self.head_fit(surface.get_size(), fonts, heading, goal_text)
        r = self.rects(surface.get_size(), head_h)
        head = r["head"]
        used = text_block(surface, fonts, cache, heading, hs, P.TITLE, head, bold=True)
        text_block(surface, fonts, cache, goal_text, gs, P.TEXT,
                   pygame.Rect(head.x, head.y + used + 4, head.width, head.height - used - 4), bold=True)
        t = self.clock()
        if self.mode == "flip":
            draw_flip_picture(surface, r["picture"], fonts, cache, lang, t)
        else:
            puzzle = self.puzzle()
            if puzzle is not None:
                draw_board_picture(surface, r["picture"], fonts, cache, puzzle, lang, t)
        tr = r["text"]
        ps = points_px(fonts, points, tr, px(min(tr.height * 0.075, box.width * 0.028)))
        y = tr.y
        for point in points:
            dot = pygame.Rect(tr.x, y + ps // 3, ps // 2 + 2, ps // 2 + 2)
            pygame.draw.ellipse(surface, P.TITLE, dot)
            h = text_block(surface, fonts, cache, point, ps, P.TEXT,
                           pygame.Rect(tr.x + ps, y, tr.width - ps, tr.bottom - y))
            y += h + ps // 2
        draw_button(surface, fonts, cache, r["start"], i18n.tr("card_start", lang), px(r["start"].height * 0.42),
                    P.BUTTON, P.TITLE, P.TEXT, hover=self.hover, focus=True)
