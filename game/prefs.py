"""game/prefs.py: the remembered settings as the scenes read and change them (no pygame).

A :class:`Prefs` holds the player's :class:`~game.settings.Settings` and, when they
are remembered, the :class:`~game.settings.SettingsStore` that writes
``settings.json``.  The shared :class:`~game.scene.Context` carries one
(``ctx.prefs``); the daily ritual reads ``reduce_motion``, ``volume`` and ``muted``
from it and records which modes' first-run cards were seen (``onboarded``).

Where the file lives follows the progress file: the same folder
(:meth:`Prefs.beside`), and nothing is written when the progress is kept in
memory only (scripted ``--frames`` runs, tests), so such a run never touches the
player's settings.  Saving never raises: a folder that cannot be written only
means the settings are not remembered (the store keeps a notice).
"""
from __future__ import annotations

from typing import Any

from .settings import Settings, SettingsStore


class Prefs:
    """The settings in force and where they are remembered.

    Args:
        settings: the settings in force.
        store: the file they are written to after a change, or None (kept in memory).
        cards: show first-run cards at all (False: a scripted session that plays as a
            returning player in every mode, custom files and variants included).

    Attributes:
        settings: the current :class:`Settings` (replaced, never mutated, on a change).
        store: the :class:`SettingsStore`, or None.
        cards: see Args.
    """

    def __init__(self, settings: Settings | None = None, store: SettingsStore | None = None,
                 cards: bool = True) -> None:
        self.settings = settings if settings is not None else Settings()
        self.store = store
        self.cards = cards

    @classmethod
    def beside(cls, progress: Any) -> "Prefs":
        """The settings of the folder holding ``progress`` (a :class:`game.store.Store`):
        read from its ``settings.json`` when the progress file is written, else defaults
        kept in memory."""
        file = getattr(progress, "file", None)
        if file is None or not getattr(file, "enabled", False):
            return cls()
        store = SettingsStore(file.folder)
        return cls(store.load(), store)

    @classmethod
    def memory(cls, cards: bool = True, **values: Any) -> "Prefs":
        """Settings kept in memory only, with ``values`` changed from the defaults
        (e.g. ``onboarded=("classic", "drill", "flip")``, ``reduce_motion=True``)."""
        return cls(Settings().replace(**values) if values else Settings(), cards=cards)

    # ------------------------------------------------------------ reading

    @property
    def reduce_motion(self) -> bool:
        """True when moving celebrations are replaced by still ones."""
        return self.settings.reduce_motion

    @property
    def volume(self) -> float:
        """The volume sounds play at, 0.0 .. 1.0 (0 when muted)."""
        return self.settings.effective_volume

    def seen(self, mode: str) -> bool:
        """True when the first-run card of ``mode`` (a mode string) was shown, or cards are off."""
        return not self.cards or self.settings.seen(mode)

    # ------------------------------------------------------------ changing

    def update(self, **changes: Any) -> bool:
        """Apply ``changes`` (``Settings.replace`` keywords) and write them when remembered.

        Returns True when written (False: kept in memory only, or the folder refused).
        Raises ``ValueError`` for a bad value (a programming error).
        """
        self.settings = self.settings.replace(**changes)
        return self.store.save(self.settings) if self.store is not None else False

    def remember(self, **changes: Any) -> bool:
        """:meth:`update`, but a value the settings cannot hold (a variant name over the
        length limit) is left unremembered instead of raising.  Returns True when written."""
        try:
            return self.update(**changes)
        except ValueError:
            return False

    def mark_seen(self, mode: str) -> None:
        """Remember that the first-run card of ``mode`` was shown (a bad mode string is ignored)."""
        try:
            new = self.settings.with_seen(mode)
        except ValueError:
            return
        if new != self.settings:
            self.settings = new
            if self.store is not None:
                self.store.save(new)
