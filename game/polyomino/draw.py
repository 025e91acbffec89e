"""game/polyomino/draw.py: the polyomino scene's frame; reads the scene, writes nothing.

Tatham's ``redraw``: everything on screen comes from the state (through the mid end),
the UI state and the layout.  Only the :class:`~game.widgets.text.DrawCache` is
written (a background drawn once per window size, language and puzzle; piece and
text images).  :func:`status_line` and :func:`pills` are also what the scene uses for
its status text and its hit-testing, so drawing and clicking cannot disagree.
"""
from __future__ import annotations

import math
from typing import Any

import pygame

from solver.games.polyomino import slot_for

from .. import dates, i18n
from .. import palette as P
from ..widgets.buttons import draw_banner, draw_button, pill_rects, row_font_size
from ..ritual import timer_paused
from ..widgets.icons import draw_icon
from ..widgets.overlays import fmt_time
from ..widgets.text import blit_center, fit_text, text_surface
from . import anim
from .assist import BUSY_KEYS
from .pieces import draw_board, draw_placed, draw_target_rings, piece_image
from .ui import BANNER_S

PILL_KEYS = {"browse": "V", "variants": "B", "calendar": "D", "stats": "I", "help": "?"}
PILL_WORDS = {"browse": "browse_word", "variants": "variants_word", "calendar": "calendar", "stats": "stats_word",
              "help": "help_word"}


def draw(scene: Any, surface: pygame.Surface) -> None:
    """Paint the whole frame of a :class:`~game.polyomino.scene.PolyominoScene`."""
    if scene.round is None:
        _draw_loading(scene, surface)
        return
    L, ui, st, puzzle = scene.layout, scene.ui, scene.state, scene.puzzle
    fonts, cache, lang = scene.ctx.fonts, scene.cache, scene.ctx.lang
    key = (surface.get_size(), lang, id(puzzle), scene.date)
    if cache.static is None or cache.static_key != key:
        # everything that only changes with the window, language or puzzle: drawn once
        static = pygame.Surface(surface.get_size())
        static.fill(P.BACKGROUND)
        draw_board(static, L, fonts, cache, puzzle.board, puzzle.targets, lang, None)
        pygame.draw.rect(static, P.PANEL, L.tray_rect, border_radius=10)
        pygame.draw.rect(static, P.PANEL_EDGE, L.tray_rect, 1, border_radius=10)
        for rect in L.slots:
            pygame.draw.rect(static, P.BUTTON, rect, border_radius=8)
            pygame.draw.rect(static, P.PANEL_EDGE, rect, 1, border_radius=8)
        cache.static, cache.static_key = static, key
    surface.blit(cache.static, (0, 0))
    _draw_header(scene, surface)
    draw_target_rings(surface, L, puzzle.targets, 0.0)
    _draw_pieces(scene, surface)
    _draw_tray(scene, surface)
    _draw_buttons(scene, surface)
    _draw_status(scene, surface)
    for f in ui.flights[:1]:
        _draw_flight(scene, surface, f)
    g = scene.ghost()
    if ui.drag is not None and not ui.drag.keyboard and g is None:
        d = ui.drag
        shape = puzzle.pieces[d.slot]
        img = piece_image(cache, fonts, shape, d.orientation, L.cell, _label(scene, d.slot), "normal",
                          scene.round.colours.get(shape.code))
        img = img.copy()
        img.set_alpha(215)
        surface.blit(img, (int(d.pos[0] - d.gx * L.cell), int(d.pos[1] - d.gy * L.cell)))
    if ui.flash_s > 0 and scene.overlay is None:  # the finish screen has its own celebration
        s = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        s.fill((255, 250, 220, int(170 * ui.flash_s / 1.2)))
        surface.blit(s, (0, 0))
    if st.is_solved and not ui.animating and ui.banner_t < BANNER_S and ui.browse_i is None and scene.overlay is None:
        me = scene.midend
        sub = scene.ctx.t("solved_by_solver") if ui.solved_by_solver else (
            scene.ctx.t("solved_sub", t=fmt_time(me.elapsed_s, lang), moves=me.moves)
            + (" " + scene.ctx.t("cheated") if st.cheated else ""))
        draw_banner(surface, fonts, cache, L.board_rect, scene.ctx.t("solved"), sub)
    if ui.browse_i is not None:
        fr = L.frame_rect
        pygame.draw.rect(surface, P.HINT, fr.inflate(6, 6), max(3, L.cell // 12), border_radius=max(6, L.cell // 5))
    rects, labels = pills(scene)
    for name, rect in rects.items():
        draw_button(surface, fonts, cache, rect, labels[name], int(rect.height * 0.62),
                    hover=rect.collidepoint(ui.mouse))
    scene.ritual.draw(surface, fonts, cache, lang)
    scene.overlays.draw(surface, fonts, cache, lang)


def _label(scene: Any, slot: int) -> str:
    """The Chinese name drawn on a big piece (none in English: the letter says it)."""
    return scene.puzzle.pieces[slot].name_zh if scene.ctx.lang == "zh" else ""


def _draw_pieces(scene: Any, surface: pygame.Surface) -> None:
    """Placed pieces, the replay's pieces and dead region, the hint, the cursor, the preview."""
    L, ui, fonts, cache = scene.layout, scene.ui, scene.ctx.fonts, scene.cache
    zh = scene.ctx.lang == "zh"
    col = scene.round.colours.get
    drag_slot = ui.drag.slot if ui.drag is not None and ui.drag.from_board else None
    for slot, pl in enumerate(scene.shown_pieces()):
        if pl is None or slot == drag_slot:
            continue
        o, r, c = pl.orientation()
        style = "dead" if slot in ui.dead_slots else "normal"  # a steady outline, never a blink
        draw_placed(surface, L, fonts, cache, pl.shape, o, r, c, pl.shape.name_zh if zh else "", style,
                    colour=col(pl.shape.code))
    rp = ui.replay
    if rp is not None:
        for pl in rp.overlay.values():
            o, r, c = pl.orientation()
            draw_placed(surface, L, fonts, cache, pl.shape, o, r, c, pl.shape.name_zh if zh else "", "normal", 200,
                        col(pl.shape.code))
        for cell in rp.dead:
            rect = L.cell_rect(cell)
            s = pygame.Surface(rect.size, pygame.SRCALPHA)
            s.fill((*P.ILLEGAL, 110))
            surface.blit(s, rect)
    if ui.hint is not None:
        _, pl = ui.hint
        o, r, c = pl.orientation()
        a = 150 + int(100 * abs(math.sin(ui.hint_t * 6)))
        draw_placed(surface, L, fonts, cache, pl.shape, o, r, c, pl.shape.name_zh if zh else "", "hint", a,
                    col(pl.shape.code))
    if (ui.drag is not None and ui.drag.keyboard) or (ui.drag is None and ui.keyboard_used):
        pygame.draw.rect(surface, P.TITLE, L.cell_rect(ui.cursor), 3, border_radius=4)
    g = scene.ghost()
    if g is not None:
        pl, ok = g
        o, r, c = pl.orientation()
        draw_placed(surface, L, fonts, cache, pl.shape, o, r, c, "", "ghost_ok" if ok else "ghost_bad",
                    200 if ok else 170, col(pl.shape.code))


def _draw_loading(scene: Any, surface: pygame.Surface) -> None:
    fonts, cache, lang = scene.ctx.fonts, scene.cache, scene.ctx.lang
    w, h = surface.get_size()
    surface.fill(P.BACKGROUND)
    blit_center(surface, text_surface(cache, fonts, i18n.tr("title", lang), max(24, h // 12), P.TITLE, True),
                (w / 2, h * 0.38))
    if scene.load_error is not None:
        text, col = scene.load_error.text(lang), P.ILLEGAL
    else:
        text, col = i18n.tr("preparing", lang, date=dates.long_words(scene.date, lang)), P.TEXT_SOFT
        worker = scene.ctx.worker
        if worker is None or not worker.ready:
            text += "  (" + i18n.tr("warming", lang) + ")"
    blit_center(surface, fit_text(cache, fonts, text, max(14, h // 32), col, w - 40), (w / 2, h * 0.5))
    scene.ritual.draw(surface, fonts, cache, lang)
    scene.overlays.draw(surface, fonts, cache, lang)


def header_facts(scene: Any) -> list[str]:
    """The header's second line: solutions, difficulty, best time, days solved, found k of N."""
    t, lang = scene.ctx.t, scene.ctx.lang
    stats, gid, facts = scene.ctx.stats, scene.game_id, scene.round.facts
    out = []
    if not scene.puzzle.mirror:
        out.append(t("rotations_only"))
    if facts.count is not None:
        out.append(t("solutions" if scene.mode.dated else "solutions_one", n=facts.count))
    elif "count" in scene.assist.pending:
        out.append(t("counting"))
    stars = (facts.info or {}).get("stars")
    if stars:
        word = facts.info.get("grade_zh" if lang == "zh" else "grade", "")
        out.append(f"{t('difficulty')} {'★' * stars}{'☆' * (5 - stars)} {word}")
    best = stats.best(gid)
    if best is not None:
        out.append(t("best", t=fmt_time(best, lang)))
    if scene.mode.dated:
        n = stats.solved_count(gid.mode)
        if n:
            out.append(t("days_solved", n=n))
    k = len(scene.found())
    if k:
        out.append(t("found", k=k, n=facts.count) if facts.count else t("found_unknown", k=k))
    return out


def _draw_header(scene: Any, surface: pygame.Surface) -> None:
    L, fonts, cache, t = scene.layout, scene.ctx.fonts, scene.cache, scene.ctx.t
    hr = L.header
    big = int(hr.height * 0.52)
    title = text_surface(cache, fonts, t("title"), big, P.TITLE, True)
    surface.blit(title, (hr.x, hr.y))
    if scene.mode.title_key != "mode_drill":  # Daily Drill is the title itself
        mode = text_surface(cache, fonts, "· " + i18n.text_of(scene.mode.title_key, scene.ctx.lang), int(big * 0.62),
                            P.TEXT_SOFT)
        surface.blit(mode, (hr.x + title.get_width() + 10, hr.y + big - mode.get_height()))
    small = int(hr.height * 0.3)
    sub = dates.long_words(scene.date, scene.ctx.lang) if scene.mode.dated else scene.puzzle.name
    surface.blit(text_surface(cache, fonts, sub, small, P.TEXT), (hr.x, hr.y + big + 4))
    me = scene.midend
    right = [f"{t('time')} {fmt_time(me.elapsed_s, scene.ctx.lang)}   {t('moves')} {me.moves}"]
    facts = header_facts(scene)
    if facts:
        right.append("   ·   ".join(facts))
    y = hr.y
    paused = timer_paused(me)
    for i, line in enumerate(right):
        img = text_surface(cache, fonts, line, int(big * 0.6) if i == 0 else small,
                           P.TEXT if i == 0 and not paused else P.TEXT_SOFT, i == 0)
        surface.blit(img, (hr.right - img.get_width(), y))
        if i == 0 and paused:  # the solving clock stands still: say so
            s = img.get_height() - 4
            draw_icon(surface, "pause", pygame.Rect(hr.right - img.get_width() - s - 6, y + 2, s, s), P.TEXT_SOFT)
        y += img.get_height() + 2


def tray_title(scene: Any) -> str:
    """The tray's heading: its name and how many pieces are placed."""
    st = scene.state
    return f"{scene.ctx.t(scene.mode.tray_key)}   {scene.ctx.t('placed', k=len(st.placed), n=len(st.pieces))}"


def _draw_tray(scene: Any, surface: pygame.Surface) -> None:
    L, ui, st, puzzle = scene.layout, scene.ui, scene.state, scene.puzzle
    fonts, cache, lang = scene.ctx.fonts, scene.cache, scene.ctx.lang
    surface.blit(text_surface(cache, fonts, tray_title(scene), int(L.tray_title.height * 0.7), P.TEXT_SOFT),
                 (L.tray_title.x + 10, L.tray_title.y + 4))
    busy = {f.slot for f in ui.flights}
    if ui.replay is not None:
        for pl in ui.replay.overlay.values():  # pieces the search replay has on the board
            slot = slot_for(st, pl, busy)
            if slot is not None:
                busy.add(slot)
    if ui.hint is not None:
        busy.add(ui.hint[0].slot)
    for slot, rect in enumerate(L.slots):
        shape = puzzle.pieces[slot]
        in_hand = ui.drag is not None and ui.drag.slot == slot and not ui.drag.from_board
        on_board = st.pieces[slot] is not None
        if rect.collidepoint(ui.mouse) and not on_board and ui.drag is None:  # hover
            pygame.draw.rect(surface, P.BUTTON_HOVER, rect, border_radius=8)
            pygame.draw.rect(surface, P.BUTTON_EDGE, rect, 1, border_radius=8)
        o = ui.tray_orient[slot] if not on_board else st.pieces[slot].orientation()[0]
        ox, oy = L.tray_piece_origin(slot, shape.orientations[o])
        faded = on_board or in_hand or slot in busy
        surface.blit(piece_image(cache, fonts, shape, o, L.tray_cell, "", "faded" if faded else "normal",
                                 scene.round.colours.get(shape.code)), (ox, oy))
        name = i18n.formation_name(shape, lang)
        cap = f"{slot + 1}  {name}" if len(st.pieces) <= 9 else name
        img = fit_text(cache, fonts, cap, int(L.caption_height() * 0.8), P.LABEL_SOFT if faded else P.TEXT,
                       rect.width - 8)
        blit_center(surface, img, (rect.centerx, rect.bottom - L.caption_height() * 0.6))


def _draw_buttons(scene: Any, surface: pygame.Surface) -> None:
    L, ui, t, me = scene.layout, scene.ui, scene.ctx.t, scene.midend
    labels = {
        "hint": t("hint") + " (H)", "solve": t("solve") + " (S)", "search": t("search"),
        "reset": t("reset"), "undo": t("undo"), "redo": t("redo"),
        "speed": f"{t('speed')} x{ui.speed:g}", "prev": "< " + t("prev_day"),
        "next": t("next_day") + " >", "lang": t("lang"),
    }
    enabled = {"undo": me.can_undo(), "redo": me.can_redo(), "reset": bool(scene.state.placed)}
    active = {k for k in scene.assist.pending if k != "count"} | ({"search"} if "trace" in scene.assist.pending else set())
    size = row_font_size(scene.ctx.fonts, L.buttons, labels)
    for key, rect in L.buttons.items():
        draw_button(surface, scene.ctx.fonts, scene.cache, rect, labels.get(key, key), size,
                    hover=ui.hover_button == key, enabled=enabled.get(key, True), active=key in active)


def status_line(scene: Any) -> tuple[str, P.Colour]:
    """The status line's text and colour ("" when there is nothing to say)."""
    if scene.round is None:
        return "", P.TEXT_SOFT
    ui, lang, worker = scene.ui, scene.ctx.lang, scene.ctx.worker
    rp = ui.replay
    if rp is not None:
        return i18n.tr("replay_status", lang, i=f"{rp.i:,}", n=f"{len(rp.events):,}", x=f"{ui.speed:g}"), P.TEXT_SOFT
    if ui.message_ttl > 0 and ui.message is not None:
        return ui.message.text(lang), ui.message_colour
    if worker is not None and worker.failed:
        return i18n.tr("solver_failed", lang, msg=worker.failed), P.ILLEGAL
    if worker is not None and not worker.ready:
        return i18n.tr("warming", lang), P.TEXT_SOFT
    if scene.round.flip_off and scene.count == 0 and not scene.state.is_solved:
        return i18n.tr("no_solution_rotations", lang), P.ILLEGAL  # the setting, not the puzzle, made it so
    return "", P.TEXT_SOFT


def _draw_status(scene: Any, surface: pygame.Surface) -> None:
    L, fonts, cache, t = scene.layout, scene.ctx.fonts, scene.cache, scene.ctx.t
    text, col = status_line(scene)
    if text:
        img = fit_text(cache, fonts, text, int(L.status.height * 0.72), col, L.status.width)
        blit_center(surface, img, L.status.center)
    hl = t("help") + "   ·   " + t("help_keys")
    blit_center(surface, fit_text(cache, fonts, hl, int(L.help.height * 0.8), P.LABEL_SOFT, L.help.width),
                L.help.center)


def _draw_flight(scene: Any, surface: pygame.Surface, f: Any) -> None:
    L = scene.layout
    o, r, c = f.placement.orientation()
    sx, sy = L.tray_piece_origin(f.slot, f.placement.shape.orientations[o])
    ex, ey = L.cell_to_px((r, c))
    e = anim.flight_frame(f)
    k = min(1.0, f.t / anim.FLY_S)
    cell = int(L.tray_cell + (L.cell - L.tray_cell) * e)
    x = sx + (ex - sx) * e
    y = sy + (ey - sy) * e - math.sin(k * math.pi) * L.cell * 0.6
    name = f.placement.shape.name_zh if scene.ctx.lang == "zh" and cell >= 44 else ""
    shape = f.placement.shape
    surface.blit(piece_image(scene.cache, scene.ctx.fonts, shape, o, cell, name, "normal",
                             scene.round.colours.get(shape.code)), (int(x), int(y)))


def pills(scene: Any) -> tuple[dict[str, pygame.Rect], dict[str, str]]:
    """The small buttons right of the tray title (found solutions once there is one, the
    calendar in dated modes, statistics, help): rects and labels, words when they fit."""
    L = scene.layout
    if L is None or scene.round is None:
        return {}, {}
    names = ((("browse",) if scene.found() else ()) + ("variants",) + (("calendar",) if scene.mode.dated else ())
             + ("stats", "help"))
    title_end = L.tray_title.x + 10 + scene.ctx.fonts.get(int(L.tray_title.height * 0.7)).size(tray_title(scene))[0]
    t = scene.ctx.t
    return pill_rects(L.tray_title, names, lambda n, words: t(PILL_WORDS[n]) if words else PILL_KEYS[n],
                      scene.ctx.fonts, title_end)


__all__ = ["draw", "status_line", "pills", "header_facts", "BUSY_KEYS"]
