"""game/settings.py: the player's remembered settings, ``settings.json`` beside the saves (no pygame).

The file lives in the same data folder as ``progress.json``
(:func:`game.saves.data_dir`: ``$DAILY_DRILL_DATA_DIR`` or the platform's user
data folder).  It is UTF-8 JSON, written atomically (:func:`game.saves.atomic_write`)::

    {"version": 1, "lang": "zh", "window": [1120, 780], "fullscreen": false,
     "last_mode": "classic", "last_variant": null, "volume": 0.8, "muted": false,
     "mirror": true, "anim_speed": 1.0, "reduce_motion": false, "onboarded": ["classic"],
     "flip_size": 4}

Never fatal, never lossy:

* every value is checked on its own: a missing or bad value takes its default
  and the others are kept (:meth:`Settings.from_json`);
* a file that is not JSON, not UTF-8 or not an object is kept aside as
  ``settings.json.corrupt-<time>`` (:func:`game.saves.set_aside`) and defaults are used;
* a file that exists but cannot be read (permissions) is left alone and saving
  is switched off, so it is never overwritten with defaults;
* keys this version does not know (written by a newer version) are kept in
  :attr:`Settings.extra` and written back unchanged;
* a folder that cannot be created or written only means the settings are not
  remembered: :meth:`SettingsStore.save` returns False and sets a notice.

Notices are i18n keys plus fields (``("settings_corrupt", {"name": ...})``), drawn
by the front end with :func:`game.i18n.tr`.

The first launch (no file, or no valid ``lang``) takes the language from the
system locale (:func:`system_lang`); later launches use the saved choice.
"""
from __future__ import annotations

import dataclasses
import locale
import math
import os
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Callable, Mapping

from . import saves

FILE_NAME = "settings.json"
VERSION = 1
"""Schema version written to the file."""
LANGS = ("zh", "en")
DEFAULT_WINDOW = (1120, 780)
WINDOW_LIMITS = (320, 16384)
"""Smallest and largest width or height (pixels) accepted from the file; the
front end still applies its own minimum window size."""
SPEED_LIMITS = (0.125, 256.0)
"""Slowest and fastest animation speed multiplier accepted (the game's x0.125 .. x256)."""
SPEEDS = (0.125, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 32.0, 256.0)
"""Animation speed multipliers every scene offers (the ``faster`` / ``slower`` commands,
+ and -): from slow single steps to practically instant."""


def speed_index(speed: float) -> int:
    """The index in :data:`SPEEDS` of the multiplier nearest ``speed`` (by ratio)."""
    return min(range(len(SPEEDS)), key=lambda i: abs(math.log(SPEEDS[i] / max(speed, 1e-6))))


def step_speed(i: int, command: str) -> int:
    """The :data:`SPEEDS` index after ``command`` from index ``i``: ``faster`` / ``slower`` step
    and stop at the ends, ``speed`` (the speed button) cycles."""
    j = i + (-1 if command == "slower" else 1)
    return j % len(SPEEDS) if command == "speed" else max(0, min(len(SPEEDS) - 1, j))


FLIP_SIZES = (2, 64)
"""Smallest and largest Flip board side accepted from the file (the scene keeps to its own
limits within these)."""

BASE_MODES = ("classic", "drill", "flip")
"""Modes without a name part; ``variant:NAME`` and ``file:NAME`` carry one."""
NAMED_MODES = ("variant", "file")
MAX_NAME = 200
"""Longest variant or puzzle-file name kept (characters)."""

Notice = tuple[str, dict[str, Any]]
"""An i18n key and its format fields."""


def system_lang(environ: Mapping[str, str] | None = None,
                getlocale: Callable[[], tuple[str | None, str | None]] = locale.getlocale) -> str:
    """``"zh"`` when the system locale is Chinese, else ``"en"``.

    Takes the environment to look at (default ``os.environ``) and the locale
    query (default :func:`locale.getlocale`, injectable for tests).  The first
    of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set decides (``zh...`` gives
    ``zh``); ``C`` / ``POSIX`` mean English.  ``LANGUAGE`` (GNU gettext's
    priority list, e.g. ``zh_CN:en``), when set alongside a real locale, wins
    with its first entry, as gettext does.  With none of these set (Windows,
    apps started from a macOS Finder), :func:`locale.getlocale` decides:
    ``zh_CN`` or Windows' ``Chinese (Simplified)_China`` give ``zh``.  Never raises.
    """
    env = os.environ if environ is None else environ

    def is_zh(value: str) -> bool:
        return value.strip().lower().startswith(("zh", "chinese"))

    current = next((env[v] for v in ("LC_ALL", "LC_MESSAGES", "LANG") if env.get(v)), "")
    if current:
        if current.split(".")[0].upper() in ("C", "POSIX"):
            return "en"
        first = (env.get("LANGUAGE") or "").split(":")[0]
        return "zh" if is_zh(first or current) else "en"
    try:
        name = getlocale()[0] or ""
    except (ValueError, TypeError, AttributeError):
        name = ""
    return "zh" if is_zh(name) else "en"


def valid_mode(value: Any) -> bool:
    """True for a mode string: ``classic``, ``drill``, ``flip``, ``variant:NAME``, ``file:NAME``.

    NAME is 1..:data:`MAX_NAME` printable characters.
    """
    if not isinstance(value, str):
        return False
    if value in BASE_MODES:
        return True
    kind, sep, name = value.partition(":")
    return bool(sep) and kind in NAMED_MODES and _valid_name(name)


def _valid_name(name: Any) -> bool:
    return isinstance(name, str) and 0 < len(name) <= MAX_NAME and name.isprintable()


def _is_bool(v: Any) -> bool:
    return isinstance(v, bool)


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


@dataclass(frozen=True)
class Settings:
    """Everything the game remembers between runs besides progress.

    Attributes:
        lang: interface language, ``"zh"`` or ``"en"``.
        window: window size (width, height) in pixels when not full screen.
        fullscreen: start in full screen (F11 toggles).
        last_mode: the mode played last (``classic``, ``drill``, ``flip``,
            ``variant:NAME``, ``file:NAME``), opened at the next start.
        last_variant: the calendar variant chosen last (its name), or None.
        volume: sound volume, 0.0 (silent) .. 1.0 (full).
        muted: sound off (M) without losing the volume.
        mirror: allow flipping pieces (mirror images) where the mode permits it.
        anim_speed: animation speed multiplier, :data:`SPEED_LIMITS`.
        reduce_motion: replace moving celebrations with still ones.
        onboarded: modes whose first-run card the player has seen (sorted).
        flip_size: the Flip (Lights Out) board side played last (cells, :data:`FLIP_SIZES`),
            the side Flip opens at.
        extra: keys from the file this version does not know, written back
            unchanged (not compared, not hashed).
    """

    lang: str = "en"
    window: tuple[int, int] = DEFAULT_WINDOW
    fullscreen: bool = False
    last_mode: str = "classic"
    last_variant: str | None = None
    volume: float = 0.8
    muted: bool = False
    mirror: bool = True
    anim_speed: float = 1.0
    reduce_motion: bool = False
    onboarded: tuple[str, ...] = ()
    flip_size: int = 4
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def __post_init__(self) -> None:
        """Check every field; raises ``ValueError`` naming the first bad one."""
        for name, value in self._fields_json().items():
            if not _CHECKS[name](value):
                raise ValueError(f"setting {name!r} cannot be {value!r}")
        object.__setattr__(self, "extra", MappingProxyType(dict(self.extra)))

    def _fields_json(self) -> dict[str, Any]:
        return {"lang": self.lang, "window": list(self.window), "fullscreen": self.fullscreen,
                "last_mode": self.last_mode, "last_variant": self.last_variant,
                "volume": self.volume, "muted": self.muted, "mirror": self.mirror,
                "anim_speed": self.anim_speed, "reduce_motion": self.reduce_motion,
                "onboarded": list(self.onboarded), "flip_size": self.flip_size}

    @property
    def effective_volume(self) -> float:
        """The volume to play at, 0.0 .. 1.0: 0 when muted."""
        return 0.0 if self.muted else float(self.volume)

    def seen(self, mode: str) -> bool:
        """True when the first-run card of ``mode`` has been shown."""
        return mode in self.onboarded

    def with_seen(self, mode: str) -> "Settings":
        """A copy with ``mode`` added to :attr:`onboarded`; raises ``ValueError`` for a bad mode."""
        if not valid_mode(mode):
            raise ValueError(f"{mode!r} is not a mode")
        return self.replace(onboarded=tuple(sorted(set(self.onboarded) | {mode})))

    def replace(self, **changes: Any) -> "Settings":
        """A copy with ``changes`` applied (validated; raises ``ValueError`` for a bad value)."""
        if "window" in changes:
            changes["window"] = tuple(changes["window"])
        if "onboarded" in changes:
            changes["onboarded"] = tuple(sorted(set(changes["onboarded"])))
        return dataclasses.replace(self, **changes)

    def to_json(self) -> dict[str, Any]:
        """The file's JSON object: :attr:`extra` first, then this version's keys and ``version``."""
        out = dict(self.extra)
        out.update(self._fields_json())
        theirs = self.extra.get("version")
        out["version"] = theirs if _is_number(theirs) and theirs > VERSION else VERSION
        return out

    @classmethod
    def from_json(cls, data: Any, lang_default: str = "en") -> "Settings":
        """Settings from a parsed file, each value checked on its own.

        Takes the parsed JSON (anything: a non-dict gives all defaults) and the
        language to use when ``lang`` is missing or bad (the system locale's, on a
        first launch).  Returns a :class:`Settings`; never raises.  Unknown keys
        (and ``version``) go to :attr:`extra`.
        """
        if not isinstance(data, dict):
            data = {}
        base = cls(lang=lang_default if lang_default in LANGS else "en")
        known = base._fields_json()
        values: dict[str, Any] = {}
        for name, default in known.items():
            v = data.get(name, default)
            if name == "onboarded" and isinstance(v, list):
                v = sorted({m for m in v if valid_mode(m)})
            values[name] = v if _CHECKS[name](v) else default
        values["window"] = (int(values["window"][0]), int(values["window"][1]))
        values["onboarded"] = tuple(values["onboarded"])
        values["volume"] = float(values["volume"])
        values["anim_speed"] = float(values["anim_speed"])
        extra = {k: v for k, v in data.items() if k not in known}
        return cls(**values, extra=extra)


def _check_window(v: Any) -> bool:
    lo, hi = WINDOW_LIMITS
    return (isinstance(v, (list, tuple)) and len(v) == 2
            and all(isinstance(x, int) and not isinstance(x, bool) and lo <= x <= hi for x in v))


_CHECKS: dict[str, Callable[[Any], bool]] = {
    "lang": lambda v: v in LANGS,
    "window": _check_window,
    "fullscreen": _is_bool,
    "last_mode": valid_mode,
    "last_variant": lambda v: v is None or _valid_name(v),
    "volume": lambda v: _is_number(v) and 0.0 <= v <= 1.0,
    "muted": _is_bool,
    "mirror": _is_bool,
    "anim_speed": lambda v: _is_number(v) and SPEED_LIMITS[0] <= v <= SPEED_LIMITS[1],
    "reduce_motion": _is_bool,
    "onboarded": lambda v: isinstance(v, (list, tuple)) and all(valid_mode(m) for m in v),
    "flip_size": lambda v: isinstance(v, int) and not isinstance(v, bool) and FLIP_SIZES[0] <= v <= FLIP_SIZES[1],
}


class SettingsStore:
    """Reads and writes ``settings.json`` in one folder.

    Args:
        folder: the data folder (default :func:`game.saves.data_dir`).
        environ: environment for the first launch's :func:`system_lang`
            (default ``os.environ``).

    Attributes:
        path: the settings file's path.
        writable: False after a file that exists could not be read (it is
            never overwritten then); saving is skipped.
        notice: the last thing the player should be told, an i18n key and its
            fields, or None.
    """

    def __init__(self, folder: str | os.PathLike | None = None,
                 environ: Mapping[str, str] | None = None) -> None:
        if folder is None:
            from .saves import data_dir

            folder = data_dir()
        self.folder = os.fspath(folder)
        self.path = os.path.join(self.folder, FILE_NAME)
        self.environ = environ
        self.writable = True
        self.notice: Notice | None = None

    def load(self) -> Settings:
        """The saved settings, or defaults (language from the system locale) for what is missing.

        Returns a :class:`Settings`; never raises.  A damaged file is kept aside
        (``notice`` = ``settings_corrupt``); an unreadable one is left alone and
        saving is switched off (``settings_unreadable``).
        """
        first = system_lang(self.environ)
        try:
            data = saves.read_json(self.path)
        except (FileNotFoundError, NotADirectoryError):  # no file yet (or no folder)
            return Settings.from_json({}, first)
        except ValueError:
            kept = saves.set_aside(self.path, "corrupt")
            self.notice = ("settings_corrupt", {"name": os.path.basename(kept) if kept else self.path})
            if not kept:
                self.writable = False
            return Settings.from_json({}, first)
        except OSError:
            self.writable = False
            self.notice = ("settings_unreadable", {"path": self.path})
            return Settings.from_json({}, first)
        if not isinstance(data, dict):
            kept = saves.set_aside(self.path, "corrupt")
            self.notice = ("settings_corrupt", {"name": os.path.basename(kept) if kept else self.path})
            if not kept:
                self.writable = False
            return Settings.from_json({}, first)
        return Settings.from_json(data, first)

    def save(self, settings: Settings) -> bool:
        """Write ``settings`` atomically; returns True when written.

        Returns False (``notice`` = ``settings_unsaved``) when the folder cannot be
        created or written, or saving was switched off by :meth:`load`; never raises.
        """
        if not self.writable:
            return False
        try:
            os.makedirs(self.folder, exist_ok=True)
            saves.atomic_write(self.path, settings.to_json())
        except (OSError, TypeError, ValueError) as e:
            self.notice = ("settings_unsaved", {"reason": getattr(e, "strerror", None) or str(e)})
            return False
        return True
