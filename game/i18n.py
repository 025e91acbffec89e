"""game/i18n.py: every string the player sees, in Chinese and English.

One table, :data:`STRINGS`, maps a key to ``(zh, en)``.  The font subset shipped
in ``assets/fonts`` is generated from :func:`all_text` (this table plus the
formation names and month names from :mod:`solver`), so a new string here only
needs ``python assets/fonts/make_subset.py`` to be drawable.  No pygame import.
"""
from __future__ import annotations

from solver.board import MONTHS_EN, MONTHS_ZH
from solver.shapes import FORMATIONS, LIBRARY, Shape

LANGS: tuple[str, ...] = ("zh", "en")
"""Supported languages: ``zh`` (default) and ``en``."""

STRINGS: dict[str, tuple[str, str]] = {
    "title": ("每日演兵", "Daily Drill"),
    "mode_classic": ("经典", "Classic"),
    "mode_drill": ("每日演兵", "Daily Drill"),
    "mode_custom": ("自定义", "Custom"),
    "mode_flip": ("翻转色块", "Flip"),
    "hint": ("提示", "Hint"),
    "solve": ("求解", "Solve"),
    "search": ("演示搜索", "Show search"),
    "reset": ("重置", "Reset"),
    "undo": ("撤销", "Undo"),
    "redo": ("重做", "Redo"),
    "speed": ("速度", "Speed"),
    "lang": ("English", "中文"),
    "tray": ("阵型", "Formations"),
    "today_set": ("今日阵型", "Today's formations"),
    "time": ("用时", "Time"),
    "moves": ("步数", "Moves"),
    "solutions": ("今日解法 {n} 种", "solutions today: {n}"),
    "solutions_one": ("解法 {n} 种", "solutions: {n}"),
    "counting": ("正在统计解法…", "Counting solutions…"),
    "warming": ("求解器预热中…", "Solver warming up…"),
    "ready": ("求解器就绪", "Solver ready"),
    "busy": ("求解器正忙，已排队", "Solver busy: request queued"),
    "queued": ("求解器预热中，请求已排队", "Solver warming up: request queued"),
    "thinking": ("思考中…", "Thinking…"),
    "hint_given": ("提示：放置{name}", "Hint: place {name}"),
    "dead": ("此局面无解：请移开高亮的阵型", "Dead end: no solution from here. Move the highlighted pieces"),
    "dead_none": ("此谜题无解", "This puzzle has no solution"),
    "stale": ("局面已改变，请再试一次", "The position changed; try again"),
    "solved": ("完成！", "Solved!"),
    "solved_by_solver": ("求解器完成", "Solved by the solver"),
    "already_solved": ("已经完成", "Already solved"),
    "solving": ("求解中…", "Solving…"),
    "no_solution": ("从此局面无解", "No solution from this position"),
    "error": ("出错：{msg}", "Error: {msg}"),
    "help": ("拖动阵型到棋盘 · R/滚轮/右键 旋转 · F/中键 翻转 · Ctrl+Z 撤销",
             "Drag pieces onto the board · R/wheel/right-click rotate · F/middle-click flip · Ctrl+Z undo"),
    "help_keys": ("? 全部操作（键盘）· D 月历 · I 统计 · V 已找到的解法",
                  "? all controls (keyboard too) · D calendar · I statistics · V found solutions"),
    "target": ("目标", "Target"),
    "cheated": ("（有协助）", "(assisted)"),
    "date": ("日期", "Date"),
    "prev_day": ("前一天", "Prev day"),
    "next_day": ("后一天", "Next day"),
    "weekday": ("一二三四五六日", "MonTueWedThuFriSatSun"),
    "date_fmt": ("{y}年{m}月{d}日", "{mon} {d}, {y}"),
    "search_done": ("搜索演示结束", "Search replay finished"),
    "placed": ("已放置 {k}/{n}", "Placed {k}/{n}"),
    "preparing": ("正在准备{date}的演兵…", "Preparing the drill for {date}…"),
    "difficulty": ("难度", "Difficulty"),
    "best": ("最佳 {t}", "Best {t}"),
    "days_solved": ("已完成 {n} 天", "days solved: {n}"),
    # saves and statistics (game.stats notices, the statistics overlay)
    "save_corrupt": ("存档无法读取，已另存为 {name}，本次从头开始",
                     "The progress file could not be read; it was kept as {name} and play starts afresh"),
    "save_newer": ("存档来自更新的版本，已另存一份 {name}",
                   "The progress file is from a newer version; a copy was kept as {name}"),
    "save_readonly": ("无法写入存档文件夹：本次进度不会保存", "The data folder cannot be written: progress will not be saved"),
    "save_failed": ("保存失败：进度暂未保存", "Saving failed: progress is not saved yet"),
    "save_off": ("进度不会保存", "Progress will not be saved"),
    "save_where": ("存档：{path}", "Saved in: {path}"),
    "stats_title": ("统计 · {mode}", "Statistics · {mode}"),
    "stats_alone": ("独立完成（无提示、无求解）", "Days solved without help"),
    "stats_all": ("完成（含协助）", "Days solved (any)"),
    "stats_best": ("最佳用时", "Best time"),
    "stats_recent": ("最近用时（* 有协助）", "Recent times (* assisted)"),
    "stats_streak": ("当前连续天数", "Current streak"),
    "stats_longest": ("最长连续天数", "Longest streak"),
    "stats_hints": ("使用提示次数", "Hints used"),
    "stats_solves": ("使用求解次数", "Solves used"),
    "stats_found": ("已找到的解法（全部日期）", "Solutions found (all dates)"),
    "stats_days": ("{n} 天", "{n} d"),
    "stats_none": ("暂无", "none yet"),
    "stats_here": ("当天", "This date"),
    "close_hint": ("按 Esc 或点击任意处关闭", "Esc or click anywhere to close"),
    "found": ("已找到 {k}/{n}", "found {k} of {n}"),
    "found_unknown": ("已找到 {k}", "found {k}"),
    "found_new": ("新解法！已找到 {k}/{n}", "A new solution! Found {k} of {n}"),
    "found_again": ("这个解法之前已找到过", "You had found this solution before"),
    "browse": ("已找到的解法 {i}/{k}（← → 翻看，Esc 返回）", "Found solution {i} of {k} (← → browse, Esc back)"),
    "browse_none": ("这一天还没有找到解法", "No solution found for this day yet"),
    "pick_date": ("选择日期", "Pick a date"),
    "today": ("今天", "Today"),
    "calendar": ("月历", "Calendar"),
    "stats_word": ("统计", "Stats"),
    "help_word": ("帮助", "Help"),
    "browse_word": ("已找到", "Found"),
    "month_year": ("{y}年{m}月", "{mon} {y}"),
    "target_set": ("目标改为 {date}", "Target set to {date}"),
    "clear_first": ("先清空棋盘，再点月份或日期格改变目标", "Clear the board first to pick a target by clicking a month or day cell"),
    "paused": ("已暂停", "Paused"),
    "help_title": ("操作说明", "Controls"),
    "help_mouse": ("鼠标拖动\t从阵型栏拿起阵型，放到棋盘；拖回阵型栏即收回",
                   "Mouse drag\tpick a piece up from the tray, drop it on the board; drag it off to return it"),
    "help_rotate": ("R · 滚轮 · 右键\t旋转（Shift+R 反向）", "R · wheel · right click\trotate (Shift+R: the other way)"),
    "help_flip": ("F · 中键\t翻转（镜像）", "F · middle click\tflip (mirror)"),
    "help_pick": ("1–9 · Tab\t从阵型栏选取阵型（Shift+Tab 反向）", "1–9 · Tab\ttake a tray piece (Shift+Tab: back)"),
    "help_arrows": ("方向键\t移动光标或手中的阵型", "Arrow keys\tmove the cursor or the piece in hand"),
    "help_enter": ("回车 · 空格\t拿起光标下的阵型 / 放下", "Enter · Space\tpick up the piece under the cursor / drop"),
    "help_delete": ("退格 · Delete\t把光标下的阵型放回阵型栏", "Backspace · Delete\treturn the piece under the cursor"),
    "help_esc": ("Esc\t取消拖动、停止动画、关闭窗口层", "Esc\tcancel a drag, stop an animation, close an overlay"),
    "help_undo": ("Ctrl+Z · Ctrl+Y\t撤销 · 重做（含提示与求解）", "Ctrl+Z · Ctrl+Y\tundo · redo (Hint and Solve too)"),
    "help_hint": ("H · S · T\t提示 · 求解 · 演示搜索（+ / - 调速度）",
                  "H · S · T\thint · solve · show the search (+ / - speed)"),
    "help_replay": ("P · N · End\t演示搜索时：暂停 / 继续 · 下一步 · 直接到结尾",
                    "P · N · End\tduring the search replay: pause / resume · single step · jump to the end"),
    "help_dates": ("[ · ] · Home · D\t前一天 · 后一天 · 今天 · 月历选日期",
                   "[ · ] · Home · D\tprevious day · next day · today · calendar"),
    "help_target": ("点击 / 回车 月份格或日期格\t棋盘为空时，直接改变目标日期",
                    "Click / Enter on a month or day cell\ton an empty board, make it the target"),
    "help_browse": ("V\t翻看这一天已找到的解法", "V\tbrowse the solutions you found for this day"),
    "help_stats": ("I\t统计：完成天数、最佳用时、连续天数", "I\tstatistics: days solved, best times, streaks"),
    "help_lang": ("L\t切换中文 / English", "L\tswitch language (中文 / English)"),
    "help_modes": ("F1 · F2 · F3\t经典 · 每日演兵 · 翻转色块", "F1 · F2 · F3\tClassic · Daily Drill · Flip"),
    "help_help": ("?\t显示 / 关闭本说明", "?\tshow / hide this help"),
    "help_quit": ("Ctrl+Q\t退出（进度自动保存）", "Ctrl+Q\tquit (progress is saved)"),
    "help_fclick": ("点击格子\t翻转此格与上下左右相邻的格子", "Click a cell\tflip it and its up, down, left and right neighbours"),
    "help_farrows": ("方向键 · 回车 · 空格\t移动光标 · 按下光标处的格子", "Arrows · Enter · Space\tmove the cursor · press the cell under it"),
    "help_fhint": ("H · S · R\t提示 · 求解（最少步数）· 重置", "H · S · R\thint · solve (fewest presses) · reset"),
    "help_fdeal": ("+ / - · N · D\t棋盘变大 / 变小 · 新局 · 每日一局", "+ / - · N · D\tbigger / smaller board · new deal · daily deal"),
    # remembered settings (game.settings notices)
    "settings_corrupt": ("设置文件已损坏，已另存为 {name}；设置已恢复为默认值",
                         "The settings file was damaged; it was kept as {name} and the defaults are used"),
    "settings_unreadable": ("无法读取设置文件 {path}：本次设置不会保存",
                            "The settings file {path} cannot be read: settings will not be saved this time"),
    "settings_unsaved": ("无法保存设置：{reason}", "Settings could not be saved: {reason}"),
    # the share card (game.share)
    "share_word": ("分享", "Share"),
    "share_no_hints": ("无提示", "no hints"),
    "share_hint_one": ("1 次提示", "1 hint"),
    "share_hints": ("{n} 次提示", "{n} hints"),
    "share_helped": ("有协助完成", "solved with help"),
    "share_streak": ("连续 {n} 天", "{n}-day streak"),
    "share_copied": ("已复制到剪贴板", "Copied to the clipboard"),
    "share_no_clipboard": ("这里没有剪贴板：请选中下面的文字复制", "No clipboard here: select the text below to copy it"),
    "share_saved": ("图片已保存：{path}", "Picture saved: {path}"),
    "share_not_saved": ("无法保存图片：{reason}", "The picture could not be saved: {reason}"),
}
"""Key -> (Chinese, English).  Values may hold ``str.format`` fields."""


def tr(key: str, lang: str = "zh", **fields: object) -> str:
    """The text for ``key`` in ``lang`` (``"zh"`` or ``"en"``), formatted with ``fields``.

    Unknown keys return the key itself, so a missing entry never crashes the UI.
    """
    zh, en = STRINGS.get(key, (key, key))
    text = en if lang == "en" else zh
    return text.format(**fields) if fields else text


def formation_name(shape: "Shape | str", lang: str = "zh") -> str:
    """Display name of a shape (or a library code): its Chinese name (zh) or ``"N pentomino"`` (en)."""
    f = LIBRARY.get(shape, None) if isinstance(shape, str) else shape
    if f is None:
        return str(shape)
    return f.name_en if lang == "en" else f.name_zh


def month_name(month: int, lang: str = "zh") -> str:
    """``一月`` … ``十二月`` (zh) or ``Jan`` … ``Dec`` (en) for month 1..12."""
    return (MONTHS_EN if lang == "en" else MONTHS_ZH)[month - 1]


EXTRA_CHARS = (
    "".join(chr(i) for i in range(0x20, 0x7F))
    + "·…—–‘’“”•×÷°±→←↑↓，。、：；！？（）【】《》「」『』～％＋－＝"
    + "★☆"
    + "年月日时分秒周星期今明昨天前后上下左右一二三四五六七八九十百千万零两"
    + "个种次步局阵型棋盘格子块色翻转开关灯点击放置移动旋转对称镜像完成成功失败胜利"
    + "提示求解重置撤销重做速度设置语言中文英文退出暂停继续新游戏难度简单普通困难"
    + "统计记录最佳平均总共已未有无可不能是否确定取消选择日期模式经典自定义每演兵"
    + "器预热就绪正忙排队思考请再试此面位置改变出错误拖动到键鼠标滚轮右中入回车高亮"
    + "的了和与或在从为把被让给帮助说明关于版本作者许可字体"
)
"""Common characters kept in the font subset beyond the strings table."""


def all_text() -> str:
    """Every character the UI may draw: strings table, formation names, months, extras.

    Returns a string of unique characters in a stable (sorted) order, for the
    font subset script.
    """
    parts = [EXTRA_CHARS]
    for zh, en in STRINGS.values():
        parts += [zh, en]
    for f in FORMATIONS.values():
        parts += [f.name_zh, f.name_en, f.letter, f.code]
    parts += list(MONTHS_ZH) + list(MONTHS_EN)
    try:  # difficulty words of the Daily Drill rule (no numba at import)
        from solver import drill

        parts += [w for g in drill.GRADES for w in g[2:]] + list(drill.RELAXED[1:])
    except (ImportError, AttributeError):
        pass
    chars = set("".join(parts)) - {"\n", "\t"}
    return "".join(sorted(chars))
