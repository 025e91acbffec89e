"""game/polyomino/draw.py: the polyomino scene's frame; reads the scene, writes nothing.

Tatham's ``redraw``: everything on screen comes from the state (through the mid end),
the UI state and the layout.  Only the :class:`~game.widgets.text.DrawCache` is
written (a background drawn once per window size, language and puzzle; piece and
text images).  :func:`status_line` is also what the scene uses for its status text;
every rectangle comes from the scene's layout, so drawing and clicking cannot disagree.
"""
from __future__ import annotations

import math
from typing import Any

import pygame

from solver.games.polyomino import slot_for

from .. import dates, i18n
from .. import palette as P
from ..ritual import timer_paused
from ..widgets import controls
from ..widgets.buttons import draw_banner
from ..widgets.layout import Button
from ..widgets.overlays import fmt_time
from ..widgets.text import MIN_TEXT_PX, blit_center, fit_size, fit_text, text_surface
from . import anim
from .assist import BUSY_KEYS
from .pieces import draw_board, draw_placed, draw_target_rings, piece_image
from .ui import BANNER_S

DATE_BAR = (Button("prev", icon="prev_day"), Button("today", icon="today"), Button("next", icon="next_day"),
            Button("pick_date", icon="pick_date"))
PLAY_BAR = (Button("undo", icon="undo", group=1), Button("redo", icon="redo", group=1),
            Button("reset", icon="reset", group=1), Button("speed", icon="speed", group=2, wide=True),
            Button("search", "text", group=3), Button("hint", "primary", group=4),
            Button("solve", "primary", group=4))


def bar(dated: bool) -> tuple[Button, ...]:
    """The bottom bar: date icons (dated modes), history icons, the speed, Show search, and
    the two primary buttons, Hint and Solve."""
    return (DATE_BAR if dated else ()) + PLAY_BAR


def label(scene: Any, key: str) -> str:
    """The label of labelled button ``key`` (Hint and Solve name their key)."""
    t = scene.ctx.t
    return t(key) + {"hint": " (H)", "solve": " (S)"}.get(key, "")


def tools(dated: bool) -> tuple[str, ...]:
    """The header's icon buttons: found solutions, the calendar boards (the picker), the
    calendar (dated modes), statistics, help, settings."""
    return ("browse", "variants") + (("calendar",) if dated else ()) + ("stats", "help", "settings")


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
    if scene.nav.armed:
        _draw_armed(scene, surface)
    scene.ritual.draw(surface, fonts, cache, lang)
    if scene.overlay is None:
        controls.draw_tooltip_for(scene, surface, ui.hover_button)
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
        a = 220 if scene.ctx.settings.reduce_motion else 150 + int(100 * abs(math.sin(ui.hint_t * 6)))
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
    if scene.loading.error is not None:
        text, col = scene.loading.error.text(lang), P.ILLEGAL
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
        key = "solutions_one" if not scene.mode.dated else "solutions" if scene.date == scene.ctx.today() \
            else "solutions_date"  # "today" only when the date shown is today
        out.append(t(key, n=facts.count))
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
    L, t, me = scene.layout, scene.ctx.t, scene.midend
    clock = f"{t('time')} {fmt_time(me.elapsed_s, scene.ctx.lang)}   {t('moves')} {me.moves}"
    mode = "" if scene.mode.title_key == "mode_drill" else i18n.text_of(scene.mode.title_key, scene.ctx.lang)
    sub = dates.long_words(scene.date, scene.ctx.lang) if scene.mode.dated else scene.puzzle.name
    controls.draw_header(scene, surface, L, t("title"), mode, clock, sub, "   ·   ".join(header_facts(scene)),
                         timer_paused(me))


def tray_title(scene: Any) -> str:
    """The tray's heading: its name and how many pieces are placed."""
    st = scene.state
    return f"{scene.ctx.t(scene.mode.tray_key)}   {scene.ctx.t('placed', k=len(st.placed), n=len(st.pieces))}"


def _draw_tray(scene: Any, surface: pygame.Surface) -> None:
    L, ui, st, puzzle = scene.layout, scene.ui, scene.state, scene.puzzle
    fonts, cache = scene.ctx.fonts, scene.cache
    img = fit_text(cache, fonts, tray_title(scene), L.text_px["tray_title"], P.TEXT_SOFT, L.tray_title.width - 20)
    surface.blit(img, img.get_rect(midleft=(L.tray_title.x + 10, L.tray_title.centery)))
    caps = captions(scene)
    cap_px = _caption_px(scene, caps)
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
        img = fit_text(cache, fonts, caps[slot], cap_px, P.LABEL_SOFT if faded else P.TEXT, rect.width - 8)
        blit_center(surface, img, (rect.centerx, rect.bottom - L.caption_height() * 0.55))


def captions(scene: Any) -> list[str]:
    """The tray captions, one form for every piece (so they stay one size).

    The first form whose captions all fit the narrowest tray slot at the smallest text size
    (:data:`~game.widgets.text.MIN_TEXT_PX`): each piece's number key (up to 9 pieces) and
    name ("1  N pentomino"); the name alone; the key and the label the piece carries on the
    board ("1  I4", "2  U"; the shape's code when it has no label).
    """
    pieces, lang = scene.puzzle.pieces, scene.ctx.lang
    memo = ("captions", scene.layout.size, lang, tuple(shape.code for shape in pieces))
    if scene.cache.text.get(memo) is None:
        scene.cache.text[memo] = _caption_form(scene, pieces, lang)
    return scene.cache.text[memo]


def _caption_form(scene: Any, pieces: Any, lang: str) -> list[str]:
    """The captions of :func:`captions`, worked out (measuring every form's text)."""
    keys = [f"{i + 1}  " if len(pieces) <= 9 else "" for i in range(len(pieces))]
    names = [i18n.formation_name(shape, lang) for shape in pieces]
    forms = ([k + n for k, n in zip(keys, names)], names,
             [k + (shape.label or shape.code) for k, shape in zip(keys, pieces)])
    slots = scene.layout.slots
    width = min(r.width for r in slots) - 8 if slots else 100
    fonts = scene.ctx.fonts
    for caps in forms:
        if all(fonts.size(c, MIN_TEXT_PX)[0] <= width for c in caps):
            return caps
    return forms[-1]


def _caption_px(scene: Any, caps: list[str]) -> int:
    """One font size for every tray caption (pixels): the largest at which all of them fit."""
    L, cache = scene.layout, scene.cache
    key = ("caption_px", L.size, tuple(caps))
    if cache.text.get(key) is None:
        width = min(r.width for r in L.slots) - 8 if L.slots else 100
        cache.text[key] = fit_size(scene.ctx.fonts, caps, L.text_px["caption"], width)
    return cache.text[key]


def _draw_buttons(scene: Any, surface: pygame.Surface) -> None:
    ui, me = scene.ui, scene.midend
    labels = {k: label(scene, k) for k in ("hint", "solve", "search")}
    enabled = {"undo": me.can_undo(), "redo": me.can_redo(), "reset": bool(scene.state.placed),
               "browse": bool(scene.found())}
    active = {k for k in scene.assist.pending if k != "count"} | ({"search"} if "trace" in scene.assist.pending else set())
    active |= {"pick_date"} if scene.nav.armed else set()
    active |= {"browse"} if ui.browse_i is not None else set()
    controls.draw_controls(scene, surface, labels, enabled, active, {"speed": f"x{ui.speed:g}"}, ui.hover_button)


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


def footer(scene: Any) -> str:
    """The footer: how to move pieces (no flipping when the puzzle is rotations-only), then
    where the rest is."""
    t = scene.ctx.t
    moves = t("help" if scene.round is None or scene.puzzle.mirror else "help_no_mirror")
    return moves + "   ·   " + t("footer_more")


def _draw_status(scene: Any, surface: pygame.Surface) -> None:
    text, col = status_line(scene)
    controls.draw_status(scene, surface, text, col, footer(scene))


def _draw_armed(scene: Any, surface: pygame.Surface) -> None:
    """The board while a date pick is armed: a focus-coloured frame, the date cells under the
    pointer or the keyboard cursor outlined."""
    L, board = scene.layout, scene.puzzle.board
    pygame.draw.rect(surface, P.FOCUS, L.frame_rect.inflate(8, 8), max(3, L.cell // 14),
                     border_radius=max(6, L.cell // 5))
    for cell in {L.px_to_cell(scene.ui.mouse), scene.ui.cursor if scene.ui.keyboard_used else None}:
        if cell is not None and dates.date_for_label(scene.date, board.label(cell)) is not None:
            pygame.draw.rect(surface, P.FOCUS, L.cell_rect(cell), max(3, L.cell // 14), border_radius=4)


def _draw_flight(scene: Any, surface: pygame.Surface, f: Any) -> None:
    L = scene.layout
    o, r, c = f.placement.orientation()
    sx, sy = L.tray_piece_origin(f.slot, f.placement.shape.orientations[o])
    ex, ey = L.cell_to_px((r, c))
    e = anim.flight_frame(f)
    k = min(1.0, f.t / anim.FLY_S)
    if scene.ctx.settings.reduce_motion:  # pieces appear in place, one after another, without flying
        e, k = 1.0, 1.0
    cell = int(L.tray_cell + (L.cell - L.tray_cell) * e)
    x = sx + (ex - sx) * e
    y = sy + (ey - sy) * e - math.sin(k * math.pi) * L.cell * 0.6
    name = f.placement.shape.name_zh if scene.ctx.lang == "zh" and cell >= 44 else ""
    shape = f.placement.shape
    surface.blit(piece_image(scene.cache, scene.ctx.fonts, shape, o, cell, name, "normal",
                             scene.round.colours.get(shape.code)), (int(x), int(y)))


__all__ = ["draw", "status_line", "footer", "header_facts", "captions", "bar", "tools", "BUSY_KEYS"]
