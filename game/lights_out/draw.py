"""game/lights_out/draw.py: the Flip scene's frame; reads the scene, writes nothing.

Lit cells are amber with a dot (colour is never the only cue), unlit ones slate; a
press turns the changed cells over (squash, swap colour, open again); a solved board
gets a diagonal glow.  Cell <-> pixel mapping comes only from the scene's
:class:`~game.widgets.layout.Layout`.
"""
from __future__ import annotations

from typing import Any

import pygame

from .. import dates
from .. import palette as P
from ..ritual import timer_paused
from ..widgets import controls
from ..widgets.buttons import draw_banner
from ..widgets.icons import draw_icon
from ..widgets.layout import Button, Layout
from ..widgets.text import fit_text
from .ui import FLIP_ANIM_S, SOLVED_FLASH_S

LIT: P.Colour = P.FLIP_LIT
"""Fill of a lit cell (amber lamp)."""
LIT_DOT: P.Colour = P.FLIP_LIT_DOT
OFF: P.Colour = P.FLIP_OFF
"""Fill of an unlit cell (slate)."""
CURSOR: P.Colour = (40, 170, 90)
HINT_MARK: P.Colour = (40, 200, 240)
"""Hint ring and diamond: sky blue, distinct from both the amber and the slate cells."""
SOLVED_GLOW: P.Colour = (120, 200, 160)

BAR: tuple[Button, ...] = (
    Button("prev", icon="prev_day"), Button("today", icon="today"), Button("next", icon="next_day"),
    Button("undo", icon="undo", group=1), Button("redo", icon="redo", group=1), Button("reset", icon="reset", group=1),
    Button("smaller", glyph="−", group=2), Button("bigger", glyph="+", group=2),
    Button("daily", "text", group=4), Button("new", "text", group=4),
    Button("hint", "primary", group=5), Button("solve", "primary", group=5))
"""The bottom bar: date icons, history icons, board size, the deals, Hint and Solve (the
animation speed: + and -, and the settings)."""
TOOLS: tuple[str, ...] = ("calendar", "stats", "help", "settings")
"""The header's icon buttons."""


def draw(scene: Any, surface: pygame.Surface) -> None:
    """Paint the whole frame of a :class:`~game.lights_out.scene.LightsOutScene`."""
    L = scene.get_layout(surface.get_size())
    t, fonts, cache, ui = scene.ctx.t, scene.ctx.fonts, scene.cache, scene.ui
    surface.fill(P.BACKGROUND)
    mode = t("daily_title", date=scene.date.isoformat()) if scene.daily else t("random_title")
    sub = dates.long_words(scene.date, scene.ctx.lang) if scene.daily else ""
    controls.draw_header(scene, surface, L, t("mode_flip"), mode, "", sub, "")
    _draw_board(scene, surface, L)
    _draw_panel(scene, surface, L)
    text = scene.status_text()
    colour = P.ILLEGAL if ui.status is not None and ui.status.key.startswith("save_") else P.TEXT
    controls.draw_status(scene, surface, text, colour, t("flip_help"))
    me = scene.midend
    enabled = {"smaller": scene.n > scene.min_size, "bigger": scene.n < scene.max_size,
               "undo": me.can_undo(), "redo": me.can_redo(), "hint": not me.state.is_solved,
               "solve": not me.state.is_solved, "reset": me.can_undo()}
    active = ({"daily"} if scene.daily else set()) | ({"solve"} if ui.solve_queue else set())
    labels = {k: label(scene, k) for k in ("hint", "solve", "daily", "new")}
    controls.draw_controls(scene, surface, labels, enabled, active, {"speed": f"x{ui.speed:g}"}, ui.hover_button)
    st = me.state
    if st.is_solved and ui.flash_s <= 0 and me.pos > 0 and scene.overlay is None:
        draw_banner(surface, fonts, cache, L.board_rect, t("solved_by_solver") if st.cheated else t("solved"),
                    t("flip_solved_sub", moves=st.moves, par=scene.par))
    scene.ritual.draw(surface, fonts, cache, scene.ctx.lang)
    if scene.overlay is None:
        controls.draw_tooltip_for(scene, surface, ui.hover_button)
    scene.overlays.draw(surface, fonts, cache, scene.ctx.lang)


def label(scene: Any, key: str) -> str:
    """The label of labelled button ``key`` (Hint and Solve name their key)."""
    return scene.ctx.t(key) + {"hint": " (H)", "solve": " (S)"}.get(key, "")


def _draw_board(scene: Any, surface: pygame.Surface, L: Layout) -> None:
    st, ui, n = scene.midend.state, scene.ui, scene.n
    pygame.draw.rect(surface, P.FRAME, L.frame_rect, border_radius=max(4, L.cell // 6))
    pygame.draw.rect(surface, P.FRAME_DARK, L.frame_rect, width=2, border_radius=max(4, L.cell // 6))
    gap = max(1, L.cell // 16)
    rad = max(2, L.cell // 8)
    # the solved flash sweeps a glow diagonally across the board
    sweep = 1.0 - ui.flash_s / SOLVED_FLASH_S if ui.flash_s > 0 else None
    for r in range(n):
        for c in range(n):
            rect = L.cell_rect((r, c)).inflate(-2 * gap, -2 * gap)
            lit = st.is_lit(r, c)
            a = ui.anims.get((r, c))
            if a is not None:
                k = min(1.0, a.age_s / FLIP_ANIM_S)
                # turn over: squash to a line, swap colour, open again
                lit = a.to_lit if k >= 0.5 else not a.to_lit
                h = max(2, int(rect.height * abs(1.0 - 2.0 * k)))
                rect = pygame.Rect(rect.x, rect.centery - h // 2, rect.width, h)
            fill = LIT if lit else OFF
            if sweep is not None:
                d = (r + c) / max(1, 2 * (n - 1))
                fill = P.mix(fill, SOLVED_GLOW, max(0.0, 1.0 - abs(sweep * 1.4 - 0.2 - d) * 4))
            pygame.draw.rect(surface, fill, rect, border_radius=rad)
            if lit and rect.height > 6:
                pygame.draw.circle(surface, LIT_DOT, rect.center, max(2, min(rect.width, rect.height) // 7))
            if (r, c) == ui.hover_cell and not st.is_solved:
                pygame.draw.rect(surface, P.WHITE, rect, width=2, border_radius=rad)
    if not st.is_solved:
        pygame.draw.rect(surface, CURSOR, L.cell_rect(ui.cursor), width=max(2, L.cell // 20), border_radius=rad)
    if ui.hint_cell is not None:
        # a thick ring on the tile plus a diamond in its middle: visible on both colours
        rect = L.cell_rect(ui.hint_cell).inflate(-2 * gap, -2 * gap)
        pygame.draw.rect(surface, P.SHADOW, rect.inflate(2, 2), width=max(4, L.cell // 9 + 1), border_radius=rad)
        pygame.draw.rect(surface, HINT_MARK, rect, width=max(3, L.cell // 9), border_radius=rad)
        cx, cy = rect.center
        k = max(3, L.cell // 6)
        diamond = [(cx, cy - k), (cx + k, cy), (cx, cy + k), (cx - k, cy)]
        pygame.draw.polygon(surface, HINT_MARK, diamond)
        pygame.draw.polygon(surface, P.SHADOW, diamond, 1)


def _draw_panel(scene: Any, surface: pygame.Surface, L: Layout) -> None:
    tr = L.tray_rect
    pygame.draw.rect(surface, P.PANEL, tr, border_radius=10)
    pygame.draw.rect(surface, P.PANEL_EDGE, tr, width=1, border_radius=10)
    t, me = scene.ctx.t, scene.midend
    st = me.state
    mins, secs = divmod(int(me.elapsed_s), 60)
    lines: list[tuple[str, P.Colour, bool]] = [
        (t("board", n=scene.n), P.TEXT, True),
        (f"{t('moves')}  {st.moves}", P.TEXT, False),
        (f"{t('time')}  {mins}:{secs:02d}", P.TEXT_SOFT if timer_paused(me) else P.TEXT, False),
        (t("lit", k=st.lit.bit_count()), P.TEXT, False),
        (t("par", n=scene.par) if st.is_solved else t("par_hidden"), P.TITLE if st.is_solved else P.TEXT_SOFT,
         st.is_solved),
    ]
    if st.cheated:
        lines.append((t("cheated"), P.TEXT_SOFT, False))
    pad = max(8, tr.width // 16)
    size = max(L.text_px["status"], min(int(tr.height / (len(lines) * 2.2)), int(tr.width / 9)))
    y = tr.y + pad
    for i, (text, col, bold) in enumerate(lines):
        img = fit_text(scene.cache, scene.ctx.fonts, text, size, col, tr.width - 2 * pad, bold)
        surface.blit(img, (tr.x + pad, y))
        if i == 2 and timer_paused(me):  # the solving clock stands still: say so
            s = img.get_height() - 4
            draw_icon(surface, "pause", pygame.Rect(tr.x + pad + img.get_width() + 8, y + 2, s, s), P.TEXT_SOFT)
        y += int(size * 1.8)
