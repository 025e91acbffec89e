"""game/keymap.py: the one key map, key -> command name, for every mode.

One key has one meaning in every mode (as Tatham's puzzles share their keys): the
scenes never look at key codes, they ask :func:`command_for` and run the command
if they support it (:attr:`game.scene.Scene.commands`); a command a mode does not
have does nothing there.  The help overlay's key table is generated from
:data:`KEYMAP` (:func:`help_rows`), so it cannot disagree with what the keys do.

The choices that make one meaning possible:

* **R** rotates wherever there are pieces and never resets; **Ctrl+R** resets
  (an undoable move back to the start) in every mode.
* **N** deals a new game where a mode has random games (Flip); **PgUp / PgDn** make
  the board bigger / smaller where a mode has sizes (Flip).
* **[ ] Home D** choose the date (previous, next, today, month calendar) in every
  dated mode, Flip's daily deals included.
* **+ / -** set the animation speed in every mode (the Solve fly-in, the search
  replay, Flip's Solve presses).
* **P . End** pause, single-step and finish the search replay.
* **B** (or **F4**, beside the mode keys F1-F3) opens the calendar-board picker in
  every mode (from Flip, over the polyomino mode played last).
* **F11** full screen and **M** mute in every mode (the frame loop's own), **O** the
  settings; **G** arms picking the date on the board, **J** jumps back to the date
  before; **Ctrl+Tab** moves the keyboard focus through the buttons.

Modifier rules (:attr:`Binding.mods`): ``""`` no Ctrl and no Shift, ``"shift"``,
``"ctrl"``, ``"ctrl+shift"``, ``"any"`` (no Ctrl; Shift either way: for keys whose
character needs Shift on some layouts, such as ``?`` and ``+``).  Cmd on macOS counts
as Ctrl; Alt is ignored.
"""
from __future__ import annotations

from dataclasses import dataclass

import pygame

from . import i18n


@dataclass(frozen=True, slots=True)
class Binding:
    """One key (with a modifier rule) and the command it runs.

    Attributes:
        key: a pygame key code.
        command: the command name (:meth:`game.scene.Scene.command`).
        mods: the modifier rule (see the module docstring).
        label: how the help table shows it ("" hides it, e.g. the keypad twin of a key).
    """

    key: int
    command: str
    mods: str = ""
    label: str = ""

    def matches(self, ctrl: bool, shift: bool) -> bool:
        """True when the modifiers held (Ctrl, Shift) satisfy :attr:`mods`."""
        if self.mods == "any":
            return not ctrl
        return (ctrl, shift) == {"": (False, False), "shift": (False, True), "ctrl": (True, False),
                                 "ctrl+shift": (True, True)}[self.mods]


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the help table: a description (an :mod:`game.i18n` key) and its keys."""

    help: str
    bindings: tuple[Binding, ...]


B = Binding
K = pygame
KEYMAP: tuple[Row, ...] = (
    Row("key_pick", tuple(B(K.K_1 + i, f"pick_{i + 1}", "", "1–9" if i == 0 else "") for i in range(9))
        + (B(K.K_TAB, "tab_next", "", "Tab"), B(K.K_TAB, "tab_prev", "shift", "Shift+Tab"))),
    Row("key_rotate", (B(K.K_r, "rotate", "", "R"), B(K.K_r, "rotate_back", "shift", "Shift+R"))),
    Row("key_mirror", (B(K.K_f, "mirror", "", "F"),)),
    Row("key_arrows", (B(K.K_UP, "up", "any", "↑ ↓ ← →"), B(K.K_DOWN, "down", "any"),
                       B(K.K_LEFT, "left", "any"), B(K.K_RIGHT, "right", "any"))),
    Row("key_activate", (B(K.K_RETURN, "activate", "any", "Enter"), B(K.K_KP_ENTER, "activate", "any"),
                         B(K.K_SPACE, "activate", "any", "Space"))),
    Row("key_lift", (B(K.K_BACKSPACE, "lift", "any", "Backspace"), B(K.K_DELETE, "lift", "any", "Delete"))),
    Row("key_cancel", (B(K.K_ESCAPE, "cancel", "any", "Esc"),)),
    Row("key_undo", (B(K.K_z, "undo", "ctrl", "Ctrl+Z"), B(K.K_y, "redo", "ctrl", "Ctrl+Y"),
                     B(K.K_z, "redo", "ctrl+shift", "Ctrl+Shift+Z"))),
    Row("key_reset", (B(K.K_r, "reset", "ctrl", "Ctrl+R"), B(K.K_r, "reset", "ctrl+shift"))),
    Row("key_assist", (B(K.K_h, "hint", "", "H"), B(K.K_s, "solve", "", "S"), B(K.K_t, "search", "", "T"))),
    Row("key_speed", (B(K.K_PLUS, "faster", "any", "+"), B(K.K_EQUALS, "faster", "any"),
                      B(K.K_KP_PLUS, "faster", "any"), B(K.K_MINUS, "slower", "any", "-"),
                      B(K.K_KP_MINUS, "slower", "any"))),
    Row("key_replay", (B(K.K_p, "pause", "", "P"), B(K.K_PERIOD, "step", "any", "."),
                       B(K.K_END, "finish", "any", "End"))),
    Row("key_new", (B(K.K_n, "new", "", "N"),)),
    Row("key_size", (B(K.K_PAGEUP, "bigger", "any", "PgUp"), B(K.K_PAGEDOWN, "smaller", "any", "PgDn"))),
    Row("key_dates", (B(K.K_LEFTBRACKET, "prev", "any", "["), B(K.K_RIGHTBRACKET, "next", "any", "]"),
                      B(K.K_HOME, "today", "any", "Home"), B(K.K_d, "calendar", "", "D"))),
    Row("key_pick_date", (B(K.K_g, "pick_date", "", "G"),)),
    Row("key_back_date", (B(K.K_j, "back_date", "", "J"),)),
    Row("key_browse", (B(K.K_v, "browse", "", "V"),)),
    Row("key_stats", (B(K.K_i, "stats", "", "I"),)),
    Row("key_lang", (B(K.K_l, "lang", "", "L"),)),
    Row("key_settings", (B(K.K_o, "settings", "", "O"),)),
    Row("key_mute", (B(K.K_m, "mute", "", "M"),)),
    Row("key_fullscreen", (B(K.K_F11, "fullscreen", "any", "F11"),)),
    Row("key_focus", (B(K.K_TAB, "focus_next", "ctrl", "Ctrl+Tab"),
                      B(K.K_TAB, "focus_prev", "ctrl+shift", "Ctrl+Shift+Tab"))),
    Row("key_help", (B(K.K_SLASH, "help", "any", "?"), B(K.K_QUESTION, "help", "any"))),
    Row("key_modes", (B(K.K_F1, "mode_classic", "any", "F1"), B(K.K_F2, "mode_drill", "any", "F2"),
                      B(K.K_F3, "mode_flip", "any", "F3"))),
    Row("key_variants", (B(K.K_b, "variants", "", "B"), B(K.K_F4, "variants", "any", "F4"))),
    Row("key_quit", (B(K.K_q, "quit", "ctrl", "Ctrl+Q"), B(K.K_w, "quit", "ctrl"),
                     B(K.K_q, "quit", "ctrl+shift"))),
)
"""Every key binding, grouped into the rows of the help table, in help order."""

GLOBAL_COMMANDS = frozenset({"mode_classic", "mode_drill", "mode_flip", "variants", "quit", "fullscreen", "mute"})
"""Commands the frame loop (:class:`game.app.Control`) runs itself, in every scene."""

_BY_KEY: dict[int, list[Binding]] = {}
for _row in KEYMAP:
    for _b in _row.bindings:
        _BY_KEY.setdefault(_b.key, []).append(_b)


def command_for(ev: pygame.event.Event) -> str | None:
    """The command a KEYDOWN event asks for, or None (other events, unbound keys)."""
    if ev.type != pygame.KEYDOWN:
        return None
    mod = getattr(ev, "mod", 0)
    ctrl = bool(mod & (pygame.KMOD_CTRL | pygame.KMOD_META))
    shift = bool(mod & pygame.KMOD_SHIFT)
    for b in _BY_KEY.get(getattr(ev, "key", None), ()):
        if b.matches(ctrl, shift):
            return b.command
    return None


def keys_for(command: str) -> list[str]:
    """The help labels of the keys bound to ``command`` (e.g. ``["Ctrl+Z"]``)."""
    return [b.label for row in KEYMAP for b in row.bindings if b.command == command and b.label]


def help_rows(commands: frozenset[str] | set[str], kind: str, lang: str) -> list[tuple[str, str]]:
    """The help table of a scene: (keys, description) per :data:`KEYMAP` row that has a
    command the scene supports (``commands``, plus :data:`GLOBAL_COMMANDS`).

    ``kind`` (``"polyomino"`` or ``"lights_out"``) picks a kind's own wording of a row
    when :mod:`game.i18n` has one (key ``"<row>.<kind>"``).
    """
    have = set(commands) | GLOBAL_COMMANDS
    out = []
    for row in KEYMAP:
        labels = [b.label for b in row.bindings if b.command in have and b.label]
        if not labels:
            continue
        key = f"{row.help}.{kind}"
        out.append((" · ".join(labels), i18n.tr(key if i18n.has(key) else row.help, lang)))
    return out
