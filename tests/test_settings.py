"""Remembered settings (game/settings.py): round trip, damaged and partial files, no crash, locale."""
from __future__ import annotations

import json
import os
import stat

import pytest

from game import settings as S
from game.i18n import STRINGS, tr
from game.settings import Settings, SettingsStore, system_lang

ZH_ENV = {"LANG": "zh_CN.UTF-8"}
EN_ENV = {"LANG": "en_US.UTF-8"}


def write(folder, text: str | bytes) -> str:
    path = os.path.join(folder, S.FILE_NAME)
    with open(path, "wb") as f:
        f.write(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def aside(folder) -> list[str]:
    return sorted(n for n in os.listdir(folder) if n.startswith(S.FILE_NAME + ".corrupt-"))


def test_round_trip_every_field(tmp_path):
    store = SettingsStore(tmp_path, environ=EN_ENV)
    s = Settings(lang="zh", window=(900, 640), fullscreen=True, last_mode="variant:weekday",
                 last_variant="weekday", volume=0.25, muted=True, mirror=False, anim_speed=4.0,
                 reduce_motion=True, onboarded=("classic", "flip"))
    assert store.save(s) is True
    back = SettingsStore(tmp_path, environ=EN_ENV).load()
    assert back == s
    assert back.window == (900, 640) and isinstance(back.window, tuple)
    with open(tmp_path / S.FILE_NAME, encoding="utf-8") as f:
        data = json.load(f)
    assert data["version"] == S.VERSION
    assert data["window"] == [900, 640]
    assert data["onboarded"] == ["classic", "flip"]


def test_defaults_when_no_file_and_language_from_locale(tmp_path):
    assert SettingsStore(tmp_path, environ=ZH_ENV).load() == Settings(lang="zh")
    assert SettingsStore(tmp_path, environ=EN_ENV).load() == Settings(lang="en")
    assert not os.listdir(tmp_path)  # loading alone writes nothing


def test_saved_language_wins_over_locale_on_later_launches(tmp_path):
    SettingsStore(tmp_path, environ=ZH_ENV).save(Settings(lang="en"))
    assert SettingsStore(tmp_path, environ=ZH_ENV).load().lang == "en"


@pytest.mark.parametrize("text", ["{", "", "\x00" * 64, "[1, 2]", "null", '"text"', b"\xff\xfe{}"])
def test_corrupt_file_is_kept_aside_and_defaults_used(tmp_path, text):
    write(tmp_path, text)
    store = SettingsStore(tmp_path, environ=ZH_ENV)
    s = store.load()
    assert s == Settings(lang="zh")
    kept = aside(tmp_path)
    assert len(kept) == 1
    assert store.notice == ("settings_corrupt", {"name": kept[0]})
    with open(tmp_path / kept[0], "rb") as f:
        assert f.read() == (text.encode("utf-8") if isinstance(text, str) else text)
    assert store.save(s.replace(volume=0.5))
    assert SettingsStore(tmp_path).load().volume == 0.5


def test_partial_file_keeps_good_values_each_independently(tmp_path):
    write(tmp_path, json.dumps({
        "lang": "klingon",             # bad -> locale default
        "window": [800, "600"],        # bad -> default size
        "fullscreen": "yes",           # bad -> False
        "last_mode": "drill",          # good
        "last_variant": "",            # bad -> None
        "volume": 0.3,                 # good
        "muted": 1,                    # bad (not a bool) -> False
        "mirror": False,               # good
        "anim_speed": 1000,            # out of range -> 1.0
        "reduce_motion": True,         # good
        "onboarded": ["classic", 7, "nonsense", "file:my puzzle"],  # keeps the valid ones
    }))
    store = SettingsStore(tmp_path, environ=ZH_ENV)
    s = store.load()
    assert s == Settings(lang="zh", last_mode="drill", volume=0.3, mirror=False, reduce_motion=True,
                         onboarded=("classic", "file:my puzzle"))
    assert store.notice is None and aside(tmp_path) == []


@pytest.mark.parametrize("key,bad", [
    ("window", [100, 100]), ("window", [800, 600, 1]), ("window", [True, 600]),
    ("window", [800.5, 600]), ("volume", -0.1), ("volume", 1.01), ("volume", "0.5"),
    ("volume", True), ("anim_speed", 0), ("anim_speed", -1), ("last_mode", "variant:"),
    ("last_mode", "chess"), ("last_mode", "file:a\nb"), ("last_mode", 3), ("lang", None),
    ("onboarded", "classic"), ("last_variant", 5),
])
def test_each_bad_value_falls_back_to_its_default(tmp_path, key, bad):
    good = Settings(lang="zh", window=(1000, 700), fullscreen=True, last_mode="flip", last_variant="x",
                    volume=0.1, muted=True, mirror=False, anim_speed=2.0, reduce_motion=True,
                    onboarded=("drill",))
    data = good.to_json()
    data[key] = bad
    s = Settings.from_json(data, "en")
    default = getattr(Settings(lang="en"), key)
    assert getattr(s, key) == default
    for other in ("lang", "window", "fullscreen", "last_mode", "last_variant", "volume", "muted",
                  "mirror", "anim_speed", "reduce_motion", "onboarded"):
        if other != key:
            assert getattr(s, other) == getattr(good, other), other


def test_nan_and_huge_numbers_fall_back(tmp_path):
    write(tmp_path, '{"volume": NaN, "anim_speed": Infinity, "window": [1e400, 600]}')
    s = SettingsStore(tmp_path, environ=EN_ENV).load()
    assert s.volume == 0.8 and s.anim_speed == 1.0 and s.window == S.DEFAULT_WINDOW


def test_unknown_keys_from_a_newer_version_are_preserved(tmp_path):
    write(tmp_path, json.dumps({"version": 3, "lang": "zh", "volume": 0.4,
                                "theme": {"name": "night", "contrast": [1, 2]}, "colour_blind": True}))
    store = SettingsStore(tmp_path, environ=EN_ENV)
    s = store.load()
    assert s.lang == "zh" and s.volume == 0.4
    assert dict(s.extra) == {"version": 3, "theme": {"name": "night", "contrast": [1, 2]}, "colour_blind": True}
    assert store.save(s.replace(muted=True))
    with open(tmp_path / S.FILE_NAME, encoding="utf-8") as f:
        data = json.load(f)
    assert data["theme"] == {"name": "night", "contrast": [1, 2]} and data["colour_blind"] is True
    assert data["version"] == 3  # never marked as older than the version that wrote it
    assert data["muted"] is True and data["volume"] == 0.4


def test_extra_is_read_only_and_not_compared():
    s = Settings.from_json({"future": 1})
    with pytest.raises(TypeError):
        s.extra["future"] = 2  # type: ignore[index]
    assert s == Settings() and hash(s) == hash(Settings())


def test_validation_on_construction_and_replace():
    with pytest.raises(ValueError, match="volume"):
        Settings(volume=2.0)
    with pytest.raises(ValueError, match="last_mode"):
        Settings().replace(last_mode="nope")
    s = Settings().replace(window=[640, 480])
    assert s.window == (640, 480)


def test_onboarding_per_mode():
    s = Settings()
    assert not s.seen("classic")
    s2 = s.with_seen("flip").with_seen("classic").with_seen("flip")
    assert s2.onboarded == ("classic", "flip")
    assert s2.seen("flip") and not s2.seen("drill") and not s.seen("flip")
    with pytest.raises(ValueError):
        s.with_seen("bogus")


def test_effective_volume_respects_mute():
    assert Settings(volume=0.6).effective_volume == 0.6
    assert Settings(volume=0.6, muted=True).effective_volume == 0.0


def test_unwritable_folder_never_crashes(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    store = SettingsStore(blocker / "sub", environ=EN_ENV)  # folder cannot be created under a file
    assert store.load() == Settings()
    assert store.save(Settings(volume=0.1)) is False
    key, fields = store.notice
    assert key == "settings_unsaved" and fields["reason"]
    assert tr(key, "en", **fields).startswith("Settings could not be saved")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions, not root")
def test_read_only_folder_returns_false(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        store = SettingsStore(folder, environ=EN_ENV)
        assert store.save(Settings()) is False
        assert store.notice[0] == "settings_unsaved"
    finally:
        folder.chmod(stat.S_IRWXU)


def test_atomic_write_failure_leaves_the_old_file(tmp_path, monkeypatch):
    store = SettingsStore(tmp_path, environ=EN_ENV)
    assert store.save(Settings(volume=0.2))

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    assert store.save(Settings(volume=0.9)) is False
    assert store.notice == ("settings_unsaved", {"reason": "No space left on device"})
    monkeypatch.undo()
    assert SettingsStore(tmp_path).load().volume == 0.2
    assert [n for n in os.listdir(tmp_path) if n != S.FILE_NAME] == []  # no temp file left


def test_unreadable_file_is_never_overwritten(tmp_path, monkeypatch):
    path = write(tmp_path, json.dumps({"lang": "zh", "volume": 0.3}))

    def denied(p):
        raise PermissionError(13, "Permission denied", p)

    monkeypatch.setattr(S.saves, "read_json", denied)
    store = SettingsStore(tmp_path, environ=EN_ENV)
    assert store.load() == Settings(lang="en")
    assert store.notice == ("settings_unreadable", {"path": path})
    assert store.save(Settings(lang="en")) is False
    monkeypatch.undo()
    assert SettingsStore(tmp_path).load().volume == 0.3


def test_default_folder_is_the_saves_folder(tmp_path, monkeypatch):
    from game.saves import ENV_DIR

    monkeypatch.setenv(ENV_DIR, str(tmp_path))
    store = SettingsStore()
    assert store.path == os.path.join(str(tmp_path), "settings.json")
    assert store.save(Settings(lang="zh"))
    assert (tmp_path / "settings.json").is_file()


def test_settings_written_as_utf8_whatever_the_locale(tmp_path, monkeypatch):
    import locale as _locale

    monkeypatch.setattr(_locale, "getpreferredencoding", lambda *a: "cp936")
    s = Settings(last_mode="file:乘法 puzzle™", last_variant="周历™")
    store = SettingsStore(tmp_path, environ=EN_ENV)
    assert store.save(s)
    raw = (tmp_path / S.FILE_NAME).read_bytes()
    assert "乘法 puzzle™".encode("utf-8") in raw
    assert SettingsStore(tmp_path, environ=EN_ENV).load() == s


@pytest.mark.parametrize("env,expected", [
    ({"LANG": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "zh_TW.Big5"}, "zh"),
    ({"LC_ALL": "zh_TW", "LANG": "en_US"}, "zh"),
    ({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
    ({"LC_MESSAGES": "zh_HK.UTF-8", "LANG": "en_GB"}, "zh"),
    ({"LANG": "en_GB.UTF-8"}, "en"),
    ({"LANG": "de_DE"}, "en"),
    ({"LANG": "C.UTF-8", "LANGUAGE": "zh_CN"}, "en"),   # gettext ignores LANGUAGE in the C locale
    ({"LANG": "POSIX"}, "en"),
    ({"LANG": "en_US.UTF-8", "LANGUAGE": "zh_CN:en"}, "zh"),
    ({"LANG": "zh_CN.UTF-8", "LANGUAGE": "en_US:zh_CN"}, "en"),
    ({"LANG": "zh_CN.UTF-8", "LANGUAGE": ""}, "zh"),
])
def test_system_lang_from_environment(env, expected):
    assert system_lang(env, getlocale=lambda: ("zh_CN", "UTF-8") if expected == "en" else ("en_US", "UTF-8")) \
        == expected


@pytest.mark.parametrize("loc,expected", [
    (("zh_CN", "UTF-8"), "zh"),
    (("Chinese (Simplified)_China", "936"), "zh"),
    (("English_United States", "1252"), "en"),
    ((None, None), "en"),
])
def test_system_lang_from_locale_when_no_variable_is_set(loc, expected):
    assert system_lang({}, getlocale=lambda: loc) == expected


def test_system_lang_survives_a_broken_locale_query():
    def broken():
        raise ValueError("unknown locale: UTF-8")

    assert system_lang({}, getlocale=broken) == "en"


def test_notice_keys_exist_in_both_languages():
    for key in ("settings_corrupt", "settings_unreadable", "settings_unsaved"):
        zh, en = STRINGS[key]
        assert zh and en and zh != en
