"""game/flip_mode.py: the Flip (翻转色块) scene, Lights Out on an n x n grid (n = 3..12).

Clicking a cell flips it and its up, down, left and right neighbours; the goal is
every cell off.  All the puzzle logic (toggle matrix over GF(2), solvability,
fewest presses, dealing, the daily puzzle) lives in :mod:`solver.flip`; this file
only maps input to :class:`solver.flip.Press` moves, keeps the undo list and draws.

Tatham's buckets (STYLE.md "What to absorb"):

* restored on undo: :class:`solver.flip.FlipState` (lit mask, move count, cheated),
  one per entry of :attr:`FlipScene.history`;
* not restored (UI): keyboard cursor, hover cell, hint cell, the queued Solve
  presses, the flip and "solved" animation clocks, the status message;
* params (chosen before dealing): board side ``n``, daily or random deal.

The scene follows :class:`game.scene.Scene`: ``handle_event(ev)``, ``update(dt_s)``,
``draw(surface)``, ``resize(size)``, ``command(name)`` with ``name`` in
:data:`COMMANDS`.  Cell <-> pixel mapping comes only from
:class:`game.geometry.Layout` (board left, info panel in its tray area, buttons
below), rebuilt on every resize, so a click lands on the right cell at any size.

Controls: mouse click on a cell or a button; arrows move the cursor, Space/Enter
press it; Ctrl+Z undo, Ctrl+Y (or Ctrl+Shift+Z) redo; H hint, S solve, R reset,
N new random deal, D daily deal, + / - board size, L language.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

import pygame

from solver import flip

from . import palette as P
from .flip_saves import FlipExtras
from .geometry import Layout
from .render import DrawCache, blit_center, draw_banner, draw_button, fit_text
from .scene import Context, Scene

DEFAULT_SIZE = 4
"""The first board is 4 x 4 (SPEC section 3.4)."""
SOLVE_STEP_S = 0.45
"""Seconds between two presses of the Solve animation."""
FLIP_ANIM_S = 0.18
"""Seconds a cell takes to turn over after a press."""
SOLVED_FLASH_S = 1.2
"""Seconds of the "solved" flash."""

BUTTONS: tuple[str, ...] = ("smaller", "bigger", "daily", "new", "undo", "redo", "hint", "solve",
                            "reset", "lang")
"""Button keys, left to right (each is also a :meth:`FlipScene.command` name)."""
COMMANDS: tuple[str, ...] = BUTTONS
"""Names accepted by :meth:`FlipScene.command`."""

LIT: P.Colour = (250, 190, 50)
"""Fill of a lit cell (amber lamp); lit cells also carry a dot, so colour is not the only cue."""
LIT_DOT: P.Colour = (255, 244, 200)
OFF: P.Colour = (70, 78, 96)
"""Fill of an unlit cell (slate)."""
CURSOR: P.Colour = (40, 170, 90)
HINT_MARK: P.Colour = (40, 200, 240)
"""Hint ring and diamond: sky blue, distinct from both the amber and the slate cells."""
SOLVED_GLOW: P.Colour = (120, 200, 160)

# Flip's own strings, (zh, en).  Every Chinese character here is in the shipped font
# subset (tests/test_game_flip.py checks it against game.i18n.all_text()); shared words
# (undo, hint, moves ...) come from game.i18n through ctx.t().
TEXT: dict[str, tuple[str, str]] = {
    "smaller": ("棋盘 -", "Size -"),
    "bigger": ("棋盘 +", "Size +"),
    "daily": ("每日", "Daily"),
    "new": ("新局", "New"),
    "board": ("棋盘 {n}×{n}", "Board {n}×{n}"),
    "daily_title": ("每日 {date}", "Daily {date}"),
    "random_title": ("新局", "Random deal"),
    "par": ("最佳 {n} 步", "Par {n}"),
    "par_hidden": ("最佳：？", "Par: ?"),
    "lit": ("点亮 {k}", "Lit {k}"),
    "goal": ("目标：关上每一格", "Goal: turn every cell off"),
    "solved_sub": ("{moves} 步 · 最佳 {par} 步", "{moves} moves · par {par}"),
    "hint_cell": ("提示：点击高亮的格子", "Hint: press the highlighted cell"),
    "help": ("点击格子翻转此格和上下左右 · 方向键+回车 · Ctrl+Z 撤销 · H 提示 · S 求解 · ? 全部操作 · I 统计",
             "Click a cell to flip it and its neighbours · arrows+Enter · Ctrl+Z undo · H hint · S solve"
             " · ? all controls · I statistics"),
}


def flip_text(key: str, lang: str, **fields: object) -> str:
    """Flip's own UI string ``key`` in ``lang`` (``"zh"``/``"en"``), formatted with ``fields``."""
    zh, en = TEXT[key]
    text = en if lang == "en" else zh
    return text.format(**fields) if fields else text


@dataclass
class CellAnim:
    """A cell turning over: ``age_s`` seconds since the press, ``to_lit`` its new colour."""

    age_s: float
    to_lit: bool


class FlipScene(FlipExtras, Scene):
    """The Flip mode.

    Args:
        ctx: the shared :class:`~game.scene.Context`. Reads ``ctx.date`` (daily puzzle),
            ``ctx.lang``, ``ctx.fonts`` and ``ctx.options``: ``"flip_size"`` (int, board side,
            default 4), ``"seed"`` (int, random deals; default from the OS) and
            ``"autosolve"`` (press Solve on the first update).

    Attributes:
        n: board side (cells).
        daily: True when the board is today's daily deal (the same for everyone).
        history: undo list of :class:`solver.flip.FlipState`; ``pos`` indexes the current one.
        par: fewest presses for the dealt pattern.
        hint_cell: ``(row, col)`` marked by Hint, or None.
        status: key of the status line (in :data:`TEXT` or :mod:`game.i18n`), "" for none;
            drawn by :meth:`status_text` in the current language.
        solve_queue: presses still to play in the Solve animation.
    """

    name = "flip"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        opts = ctx.options or {}
        self.rng = random.Random(opts.get("seed"))
        self.n = min(flip.MAX_GAME_SIZE, max(flip.MIN_GAME_SIZE, int(opts.get("flip_size") or DEFAULT_SIZE)))
        self.autosolve = bool(opts.get("autosolve"))
        self.cache = DrawCache()
        self.layout: Layout | None = None
        self.cursor: tuple[int, int] = (0, 0)
        self.hover_cell: tuple[int, int] | None = None
        self.hover_button: str | None = None
        self.status = ""
        self.anims: dict[tuple[int, int], CellAnim] = {}
        self.solve_queue: list[flip.Press] = []
        self.solve_clock = 0.0
        self.flash_s = 0.0
        self.elapsed_s = 0.0
        self.hint_cell: tuple[int, int] | None = None
        self.deal(daily=True)

    # ------------------------------------------------------------------ dealing / state

    def deal(self, daily: bool, n: int | None = None) -> None:
        """Start a new puzzle: today's daily board (``daily``) or a uniform random solvable one."""
        if n is not None:
            self.n = min(flip.MAX_GAME_SIZE, max(flip.MIN_GAME_SIZE, n))
        self.daily = daily
        if daily:
            lit = flip.daily_pattern(self.ctx.date, self.n)
        else:
            lit = flip.random_pattern(self.n, self.n, self.rng)
        start = flip.FlipState(self.n, self.n, lit)
        self.history: list[flip.FlipState] = [start]
        self.pos = 0
        self.par = flip.par(self.n, self.n, lit) or 0
        self.hint_cell = None
        self.solve_queue = []
        self.anims.clear()
        self.flash_s = 0.0
        self.elapsed_s = 0.0
        self.cursor = (min(self.cursor[0], self.n - 1), min(self.cursor[1], self.n - 1))
        self.status = "goal"
        self.layout = None
        self.restore_flip()

    @property
    def state(self) -> flip.FlipState:
        """The current :class:`solver.flip.FlipState`."""
        return self.history[self.pos]

    def _push(self, new: flip.FlipState) -> None:
        """Append ``new`` after the current entry (dropping the redo tail) and animate the change."""
        old = self.state
        del self.history[self.pos + 1:]
        self.history.append(new)
        self.pos += 1
        self._animate(old, new)
        if new.solved and not old.solved:
            self.flash_s = SOLVED_FLASH_S
            self.solve_queue = []
            self.status = "solved_by_solver" if new.cheated else "solved"

    def _animate(self, old: flip.FlipState, new: flip.FlipState) -> None:
        """Start the turn-over animation of every cell whose colour changed."""
        diff = old.lit ^ new.lit
        for r, c in flip.mask_to_cells(self.n, diff):
            self.anims[(r, c)] = CellAnim(0.0, bool((new.lit >> (r * self.n + c)) & 1))

    def press(self, r: int, c: int, cheat: bool = False) -> bool:
        """Press cell ``(r, c)``; returns False when the board is already solved.

        ``cheat`` marks a Solve press; pressing the cell that Hint marked counts as
        assisted too (the state's ``cheated`` flag, as in Tatham's ``flip.c``).
        """
        if self.state.solved:
            self.status = "already_solved"
            return False
        from_hint = self.hint_cell == (r, c)
        if not cheat:  # a player's own press stops a running Solve
            self.solve_queue = []
            self.status = ""
        self.hint_cell = None
        self._push(flip.apply(self.state, flip.Press(r, c), cheat=cheat or from_hint))
        return True

    def undo(self) -> bool:
        """Step back one entry; False when there is nothing to undo."""
        if self.pos == 0:
            return False
        self.solve_queue = []
        self.hint_cell = None
        old = self.state
        self.pos -= 1
        self._animate(old, self.state)
        self.status = ""
        return True

    def redo(self) -> bool:
        """Step forward one entry; False when there is nothing to redo."""
        if self.pos >= len(self.history) - 1:
            return False
        old = self.state
        self.pos += 1
        self._animate(old, self.state)
        return True

    def reset(self) -> bool:
        """Back to the dealt pattern as a new (undoable) entry, move count 0; False if already there."""
        start = self.history[0]
        cur = self.state
        if cur.lit == start.lit and cur.moves == 0:
            return False
        self.solve_queue = []
        self.hint_cell = None
        self._push(flip.FlipState(self.n, self.n, start.lit, 0, cur.cheated))
        self.status = "goal"
        return True

    def hint(self) -> bool:
        """Mark one cell of a fewest-press solution of the current pattern."""
        if self.state.solved:
            self.status = "already_solved"
            return False
        mv = flip.hint(self.state)
        if mv is None:  # cannot happen for dealt boards (always solvable); stay safe
            self.status = "no_solution"
            return False
        self.hint_cell = (mv.row, mv.col)
        self.cursor = self.hint_cell
        self.status = "hint_cell"
        return True

    def solve(self) -> bool:
        """Queue the fewest presses from the current pattern; :meth:`update` plays them."""
        if self.state.solved:
            self.status = "already_solved"
            return False
        self.solve_queue = flip.solution_moves(self.state)
        if not self.solve_queue:
            self.status = "no_solution"
            return False
        self.solve_clock = SOLVE_STEP_S  # first press on the next update
        self.status = "solving"
        self.hint_cell = (self.solve_queue[0].row, self.solve_queue[0].col)
        return True

    # ------------------------------------------------------------------ Scene interface

    def command(self, name: str) -> bool:
        """Run ``name`` from :data:`COMMANDS`; False when unknown or nothing happened."""
        if name == "smaller":
            if self.n <= flip.MIN_GAME_SIZE:
                return False
            self.deal(self.daily, self.n - 1)
            return True
        if name == "bigger":
            if self.n >= flip.MAX_GAME_SIZE:
                return False
            self.deal(self.daily, self.n + 1)
            return True
        if name == "daily":
            self.deal(True)
            return True
        if name == "new":
            self.deal(False)
            return True
        if name == "lang":
            self.ctx.lang = "en" if self.ctx.lang == "zh" else "zh"
            self.cache.clear()
            return True
        handler = {"undo": self.undo, "redo": self.redo, "hint": self.hint, "solve": self.solve,
                   "reset": self.reset}.get(name)
        return handler() if handler else False

    def enter(self, persist: dict) -> None:
        """Become current; ``persist`` may carry ``"flip_size"`` to deal that size."""
        size = persist.get("flip_size") if persist else None
        if size and int(size) != self.n:
            self.deal(self.daily, int(size))

    def exit(self) -> dict:
        """Hand on the board side (coming back deals the same size), the language and date."""
        self.save_flip()
        return {"flip_size": self.n, "lang": self.ctx.lang, "date": self.ctx.date}

    def resize(self, size: tuple[int, int]) -> None:
        """New window size (pixels): the layout is rebuilt on the next use."""
        super().resize(size)
        self.layout = None
        self.cache.clear()

    def get_layout(self, size: tuple[int, int] | None = None) -> Layout:
        """The :class:`Layout` for ``size`` (default: the last known window size)."""
        size = size or self.size
        if size == (0, 0):
            size = (960, 720)
        if self.layout is None or self.layout.size != tuple(size) or self.layout.board_w != self.n:
            self.layout = Layout(tuple(size), self.n, self.n, 1, BUTTONS)
        return self.layout

    def handle_event(self, ev: pygame.event.Event) -> None:
        """Mouse (``ev.pos`` pixels) and keyboard input."""
        if self.flip_extra_event(ev):
            return
        if ev.type in (pygame.VIDEORESIZE, getattr(pygame, "WINDOWSIZECHANGED", -1)):
            size = getattr(ev, "size", None) or (getattr(ev, "x", 0), getattr(ev, "y", 0))
            if size and size[0] > 0:
                self.resize(tuple(size))
            return
        if ev.type == pygame.MOUSEMOTION:
            L = self.get_layout()
            self.hover_cell = L.px_to_cell(ev.pos)
            self.hover_button = L.button_at(ev.pos)
            return
        if ev.type == pygame.MOUSEBUTTONDOWN and ev.button == 1:
            L = self.get_layout()
            key = L.button_at(ev.pos)
            if key is not None:
                self.command(key)
                return
            cell = L.px_to_cell(ev.pos)
            if cell is not None:
                self.cursor = cell
                self.press(*cell)
            return
        if ev.type == pygame.KEYDOWN:
            self._key(ev)

    def _key(self, ev: pygame.event.Event) -> None:
        ctrl = bool(ev.mod & pygame.KMOD_CTRL)
        shift = bool(ev.mod & pygame.KMOD_SHIFT)
        k = ev.key
        if ctrl and k == pygame.K_z:
            self.redo() if shift else self.undo()
            return
        if ctrl and k == pygame.K_y:
            self.redo()
            return
        if ctrl:
            return
        moves = {pygame.K_UP: (-1, 0), pygame.K_DOWN: (1, 0), pygame.K_LEFT: (0, -1),
                 pygame.K_RIGHT: (0, 1)}
        if k in moves:
            dr, dc = moves[k]
            self.cursor = ((self.cursor[0] + dr) % self.n, (self.cursor[1] + dc) % self.n)
        elif k in (pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER):
            self.press(*self.cursor)
        elif k in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            self.command("bigger")
        elif k in (pygame.K_MINUS, pygame.K_KP_MINUS):
            self.command("smaller")
        else:
            key = {pygame.K_h: "hint", pygame.K_s: "solve", pygame.K_r: "reset",
                   pygame.K_n: "new", pygame.K_d: "daily", pygame.K_u: "undo",
                   pygame.K_l: "lang"}.get(k)
            if key:
                self.command(key)

    def update(self, dt_s: float) -> None:
        """Advance the clock, the cell animations and the Solve animation by ``dt_s`` seconds."""
        self.sync_flip()
        if self.autosolve:  # Control may already have pressed Solve: do not restart it
            self.autosolve = False
            if not self.solve_queue:
                self.command("solve")
        if not self.state.solved:
            self.elapsed_s += dt_s
        for cell in list(self.anims):
            a = self.anims[cell]
            a.age_s += dt_s
            if a.age_s >= FLIP_ANIM_S:
                del self.anims[cell]
        if self.flash_s > 0:
            self.flash_s = max(0.0, self.flash_s - dt_s)
        if self.solve_queue:
            self.solve_clock += dt_s
            while self.solve_queue and self.solve_clock >= SOLVE_STEP_S:
                self.solve_clock -= SOLVE_STEP_S
                mv = self.solve_queue.pop(0)
                self.press(mv.row, mv.col, cheat=True)
                nxt = self.solve_queue[0] if self.solve_queue else None
                self.hint_cell = (nxt.row, nxt.col) if nxt else None

    # ------------------------------------------------------------------ drawing (reads only)

    def draw(self, surface: pygame.Surface) -> None:
        """Paint the whole frame: header, board, info panel, status, buttons, help."""
        size = surface.get_size()
        if size != self.size:
            self.size = size
        L = self.get_layout(size)
        lang = self.ctx.lang
        fonts = self.ctx.fonts
        surface.fill(P.BACKGROUND)
        # header
        title = self.ctx.t("mode_flip") + " · " + (
            flip_text("daily_title", lang, date=self.ctx.date.isoformat()) if self.daily
            else flip_text("random_title", lang))
        img = fit_text(self.cache, fonts, title, int(L.header.height * 0.6), P.TITLE, L.header.width, True)
        surface.blit(img, img.get_rect(midleft=(L.header.x, L.header.centery)))
        self._draw_board(surface, L)
        self._draw_panel(surface, L)
        # status line
        if self.status:
            img = fit_text(self.cache, fonts, self.status_text(), int(L.status.height * 0.75), P.TEXT,
                           L.status.width)
            surface.blit(img, img.get_rect(midleft=(L.status.x, L.status.centery)))
        for key, rect in L.buttons.items():
            draw_button(surface, fonts, self.cache, rect, self._button_label(key),
                        hover=key == self.hover_button, enabled=self._button_enabled(key),
                        active=(key == "daily" and self.daily) or (key == "solve" and bool(self.solve_queue)))
        img = fit_text(self.cache, fonts, flip_text("help", lang), int(L.help.height * 0.8), P.TEXT_SOFT,
                       L.help.width)
        blit_center(surface, img, L.help.center)
        if self.state.solved and self.flash_s <= 0 and self.pos > 0:
            draw_banner(surface, fonts, self.cache, L.board_rect,
                        self.ctx.t("solved_by_solver") if self.state.cheated else self.ctx.t("solved"),
                        flip_text("solved_sub", lang, moves=self.state.moves, par=self.par))
        self.draw_extras(surface)

    def status_text(self) -> str:
        """The status line in the current language ("" when there is none)."""
        if not self.status:
            return ""
        return flip_text(self.status, self.ctx.lang) if self.status in TEXT else self.ctx.t(self.status)

    def _button_label(self, key: str) -> str:
        return flip_text(key, self.ctx.lang) if key in TEXT else self.ctx.t(key)

    def _button_enabled(self, key: str) -> bool:
        if key == "smaller":
            return self.n > flip.MIN_GAME_SIZE
        if key == "bigger":
            return self.n < flip.MAX_GAME_SIZE
        if key == "undo":
            return self.pos > 0
        if key == "redo":
            return self.pos < len(self.history) - 1
        if key in ("hint", "solve"):
            return not self.state.solved
        if key == "reset":
            return self.pos > 0
        return True

    def _draw_board(self, surface: pygame.Surface, L: Layout) -> None:
        st = self.state
        pygame.draw.rect(surface, P.FRAME, L.frame_rect, border_radius=max(4, L.cell // 6))
        pygame.draw.rect(surface, P.FRAME_DARK, L.frame_rect, width=2, border_radius=max(4, L.cell // 6))
        gap = max(1, L.cell // 16)
        rad = max(2, L.cell // 8)
        # the solved flash sweeps a glow diagonally across the board
        sweep = 1.0 - self.flash_s / SOLVED_FLASH_S if self.flash_s > 0 else None
        for r in range(self.n):
            for c in range(self.n):
                rect = L.cell_rect((r, c)).inflate(-2 * gap, -2 * gap)
                lit = st.is_lit(r, c)
                a = self.anims.get((r, c))
                fill = LIT if lit else OFF
                if a is not None:
                    t = min(1.0, a.age_s / FLIP_ANIM_S)
                    # turn over: squash to a line, swap colour, open again
                    k = abs(1.0 - 2.0 * t)
                    shown = a.to_lit if t >= 0.5 else not a.to_lit
                    fill = LIT if shown else OFF
                    h = max(2, int(rect.height * k))
                    rect = pygame.Rect(rect.x, rect.centery - h // 2, rect.width, h)
                    lit = shown
                if sweep is not None:
                    d = (r + c) / max(1, 2 * (self.n - 1))
                    glow = max(0.0, 1.0 - abs(sweep * 1.4 - 0.2 - d) * 4)
                    fill = P.mix(fill, SOLVED_GLOW, glow)
                pygame.draw.rect(surface, fill, rect, border_radius=rad)
                if lit and rect.height > 6:
                    pygame.draw.circle(surface, LIT_DOT, rect.center, max(2, min(rect.width, rect.height) // 7))
                if (r, c) == self.hover_cell and not st.solved:
                    pygame.draw.rect(surface, P.WHITE, rect, width=2, border_radius=rad)
        if not st.solved:
            rect = L.cell_rect(self.cursor)
            pygame.draw.rect(surface, CURSOR, rect, width=max(2, L.cell // 20), border_radius=rad)
        if self.hint_cell is not None:
            # a thick ring on the tile plus a diamond in its middle: visible on both colours
            rect = L.cell_rect(self.hint_cell).inflate(-2 * gap, -2 * gap)
            pygame.draw.rect(surface, P.SHADOW, rect.inflate(2, 2), width=max(4, L.cell // 9 + 1),
                             border_radius=rad)
            pygame.draw.rect(surface, HINT_MARK, rect, width=max(3, L.cell // 9), border_radius=rad)
            cx, cy = rect.center
            k = max(3, L.cell // 6)
            diamond = [(cx, cy - k), (cx + k, cy), (cx, cy + k), (cx - k, cy)]
            pygame.draw.polygon(surface, HINT_MARK, diamond)
            pygame.draw.polygon(surface, P.SHADOW, diamond, 1)

    def _draw_panel(self, surface: pygame.Surface, L: Layout) -> None:
        tr = L.tray_rect
        pygame.draw.rect(surface, P.PANEL, tr, border_radius=10)
        pygame.draw.rect(surface, P.PANEL_EDGE, tr, width=1, border_radius=10)
        lang = self.ctx.lang
        st = self.state
        mins, secs = divmod(int(self.elapsed_s), 60)
        lines: list[tuple[str, P.Colour, bool]] = [
            (flip_text("board", lang, n=self.n), P.TEXT, True),
            (f"{self.ctx.t('moves')}  {st.moves}", P.TEXT, False),
            (f"{self.ctx.t('time')}  {mins}:{secs:02d}", P.TEXT, False),
            (flip_text("lit", lang, k=st.lit.bit_count()), P.TEXT, False),
            (flip_text("par", lang, n=self.par) if st.solved else flip_text("par_hidden", lang),
             P.TITLE if st.solved else P.TEXT_SOFT, st.solved),
        ]
        if st.cheated:
            lines.append((self.ctx.t("cheated"), P.TEXT_SOFT, False))
        pad = max(8, tr.width // 16)
        size = max(12, min(int(tr.height / (len(lines) * 2.2)), int(tr.width / 9)))
        y = tr.y + pad
        for text, col, bold in lines:
            img = fit_text(self.cache, self.ctx.fonts, text, size, col, tr.width - 2 * pad, bold)
            surface.blit(img, (tr.x + pad, y))
            y += int(size * 1.8)
