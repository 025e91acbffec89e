"""game/i18n.py: every string the player sees, in Chinese and English.

One table, :data:`STRINGS`, maps a key to ``(zh, en)``.  The font subset shipped
in ``assets/fonts`` is generated from :func:`all_text` (this table plus the
formation names and month names from :mod:`solver`), so a new string here only
needs ``python assets/fonts/make_subset.py`` to be drawable.  No pygame import.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from solver.board import MONTHS_EN, MONTHS_ZH, WEEKDAYS_EN, WEEKDAYS_ZH
from solver.shapes import LIBRARY, Shape

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
    "search": ("观看求解", "Watch the solver"),
    "reset": ("重置", "Reset"),
    "undo": ("撤销", "Undo"),
    "redo": ("重做", "Redo"),
    "speed": ("速度", "Speed"),
    "lang": ("English", "中文"),
    "tray": ("阵型", "Formations"),
    "today_set": ("今日阵型", "Today's formations"),
    "time": ("解题用时", "Solving time"),
    "moves": ("步数", "Moves"),
    "solutions": ("今日解法 {n} 种", "solutions today: {n}"),
    "solutions_one": ("解法 {n} 种", "solutions: {n}"),
    "solutions_date": ("当天解法 {n} 种", "solutions for this date: {n}"),
    "counting": ("正在统计解法…", "Counting solutions…"),
    "warming": ("求解器准备中…", "Getting the solver ready…"),
    "busy": ("求解器还在想上一个问题，你的请求排在后面", "The solver is still on the last question; yours is next"),
    "queued": ("求解器马上就好，你的请求随后开始", "The solver is almost ready; your request comes next"),
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
    "error": ("出了点问题：{msg}", "Something went wrong: {msg}"),
    "load_failed": ("这一天的题目没能准备好：{msg}", "This puzzle could not be prepared: {msg}"),
    "solver_failed": ("求解器无法启动：{msg}", "The solver could not start: {msg}"),
    "solver_problem": ("求解器没能回答：{msg}", "The solver could not answer: {msg}"),
    "help": ("拖动阵型到棋盘 · R/滚轮/右键 旋转 · F/中键 翻转 · Ctrl+Z 撤销",
             "Drag pieces onto the board · R/wheel/right-click rotate · F/middle-click flip · Ctrl+Z undo"),
    "help_no_mirror": ("拖动阵型到棋盘 · R/滚轮/右键 旋转（不许翻面） · Ctrl+Z 撤销",
                       "Drag pieces onto the board · R/wheel/right-click rotate (no flipping) · Ctrl+Z undo"),
    "cheated": ("（有协助）", "(with help)"),
    "date": ("日期", "Date"),
    "prev_day": ("前一天", "Prev day"),
    "next_day": ("后一天", "Next day"),
    "weekday": ("一二三四五六日", "MonTueWedThuFriSatSun"),
    "date_fmt": ("{y}年{m}月{d}日", "{mon} {d}, {y}"),
    "placed": ("已放置 {k}/{n}", "Placed {k}/{n}"),
    "preparing": ("正在准备{date}的演兵…", "Preparing the drill for {date}…"),
    "difficulty": ("难度", "Difficulty"),
    "best": ("最佳 {t}", "Best {t}"),
    "days_solved": ("已完成 {n} 天", "days solved: {n}"),
    # saves and statistics (game.stats notices, the statistics overlay)
    "save_restored_title": ("已从备份恢复进度", "Progress restored from the backup"),
    "save_restored": ("存档文件已损坏，游戏已换回上一次保存时留下的备份。统计和历史记录都已找回，"
                      "只有最后一步改动可能缺失。\n损坏的文件另存为：\n{kept}\n备份文件：\n{backup}",
                      "Your progress file was damaged, so the game put back the backup kept at your previous "
                      "save. Your statistics and history are back; only your very last change may be missing."
                      "\nThe damaged file was kept as:\n{kept}\nThe backup is:\n{backup}"),
    "save_corrupt_title": ("存档文件已损坏", "The progress file was damaged"),
    "save_corrupt": ("存档文件已损坏，且没有可用的备份，本次从头开始。损坏的文件已另存，以便日后找回：\n{kept}",
                     "Your progress file was damaged and no usable backup exists, so play starts afresh. "
                     "The damaged file was kept, in case it can be recovered:\n{kept}"),
    "save_corrupt_stuck_title": ("进度不会保存", "Progress will not be saved"),
    "save_corrupt_stuck": ("存档文件已损坏且无法移开：本次进度不会保存。\n文件：\n{path}",
                           "The progress file is damaged and cannot be moved aside: progress will not be saved."
                           "\nFile:\n{path}"),
    "save_newer_title": ("存档来自更新的版本", "Saved by a newer version"),
    "save_newer": ("存档由更新版本的每日演兵写入（文件版本 {found}，本游戏最高支持 {ours}）。为保护存档，"
                   "本游戏不会改动它：可以照常游玩，但本次进度不会保存。请更新游戏。\n文件：\n{path}",
                   "Your progress file was written by a newer version of Daily Drill (file version {found}; "
                   "this game knows up to {ours}). To keep it safe, this game will not change it: you can "
                   "play, but nothing from this session is saved. Please update the game.\nFile:\n{path}"),
    "save_busy": ("未能保存：存档正被其他程序占用，之前的存档完好",
                  "Not saved: another program holds the progress file; your last save is safe"),
    "save_readonly_title": ("进度不会保存", "Progress will not be saved"),
    "save_readonly": ("无法写入存档文件夹：本次进度不会保存。\n{path}",
                      "The data folder cannot be written: progress will not be saved.\n{path}"),
    "save_failed": ("保存失败：进度暂未保存", "Saving failed: progress is not saved yet"),
    "save_bad_records": ("存档中有 {n} 个统计记录格式有误，不计入统计",
                         "{n} statistics record(s) in the progress file have the wrong structure and are left out"),
    "save_off": ("进度不会保存", "Progress will not be saved"),
    "save_where": ("存档：{path}", "Saved in: {path}"),
    "ok": ("好的", "OK"),
    "cancel": ("取消", "Cancel"),
    "stats_export": ("导出统计", "Export statistics"),
    "stats_reset": ("重置统计", "Reset statistics"),
    "export_done_title": ("统计已导出", "Statistics exported"),
    "export_done": ("你的统计已写入这个文件（JSON 格式）：\n{path}",
                    "Your statistics were written to this file (JSON):\n{path}"),
    "export_failed_title": ("无法导出统计", "Could not export"),
    "export_failed": ("无法写入 {path}：{reason}", "Could not write {path}: {reason}"),
    "reset_ask_title": ("重置全部统计？", "Reset all statistics?"),
    "reset_ask": ("这会清除所有模式的完成记录、用时、连续天数和已找到的解法；进行中的棋局保留。"
                  "重置前会在存档旁保留一份副本，可以用它撤销：\n{folder}",
                  "This clears solved days, times, streaks and found solutions in every mode; games in "
                  "progress stay. A copy of your progress file is kept beside it first, so this can be "
                  "undone:\n{folder}"),
    "reset_yes": ("重置", "Reset"),
    "reset_done_title": ("统计已重置", "Statistics reset"),
    "reset_done": ("之前的进度副本保存在：\n{kept}\n如需撤销，请退出游戏，再用这个文件覆盖：\n{path}",
                   "A copy of your previous progress is kept at:\n{kept}\nTo undo, quit the game and copy "
                   "that file over:\n{path}"),
    "reset_failed_title": ("无法重置统计", "Could not reset"),
    "reset_failed": ("{reason}。没有任何改动。", "{reason}. Nothing was changed."),
    "stats_title": ("统计 · {mode}", "Statistics · {mode}"),
    "stats_best": ("最佳用时", "Best time"),
    "stats_recent": ("最近用时", "Recent times"),
    "stats_with_help": ("有协助", "with help"),
    "stats_streak": ("当前连续天数", "Current streak"),
    "stats_longest": ("最长连续天数", "Longest streak"),
    "stats_hints": ("使用提示次数", "Hints used"),
    "stats_solves": ("使用求解次数", "Solves used"),
    "stats_found": ("已找到的解法（全部日期）", "Solutions found (all dates)"),
    "stats_found_puzzle": ("已找到的解法", "Solutions found"),
    "stats_best_puzzle": ("这道题的最佳用时", "Best time for this puzzle"),
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
    "month_year": ("{y}年{m}月", "{mon} {y}"),
    "paused": ("已暂停", "Paused"),
    "help_mouse": ("鼠标拖动\t从阵型栏拿起阵型，放到棋盘；拖回阵型栏即收回",
                   "Mouse drag\tpick a piece up from the tray, drop it on the board; drag it off to return it"),
    "mouse_turn": ("滚轮 · 右键 · 中键\t旋转 · 旋转 · 翻转（镜像）",
                   "Wheel · right click · middle click\trotate · rotate · flip (mirror)"),
    "help_fclick": ("点击格子\t翻转此格与上下左右相邻的格子", "Click a cell\tflip it and its up, down, left and right neighbours"),
    # the key table (game.keymap rows; "<row>.<kind>" is a kind's own wording)
    "key_pick": ("从阵型栏选取阵型（Shift+Tab 反向）", "take a tray piece (Shift+Tab: back)"),
    "key_rotate": ("旋转（Shift+R 反向）", "rotate (Shift+R: the other way)"),
    "key_mirror": ("翻转（镜像）", "flip (mirror)"),
    "key_arrows": ("移动光标或手中的阵型", "move the cursor or the piece in hand"),
    "key_arrows.lights_out": ("移动光标", "move the cursor"),
    "key_activate": ("拿起光标下的阵型 / 放下", "pick up the piece under the cursor / drop"),
    "key_activate.lights_out": ("按下光标处的格子", "press the cell under the cursor"),
    "key_lift": ("把光标下的阵型放回阵型栏", "return the piece under the cursor to the tray"),
    "key_cancel": ("取消拖动、停止动画、关闭面板", "cancel a drag, stop an animation, close a panel"),
    "key_cancel.lights_out": ("停止求解动画、关闭面板", "stop the Solve animation, close a panel"),
    "key_undo": ("撤销 · 重做（含提示与求解）", "undo · redo (Hint and Solve too)"),
    "key_reset": ("重置（可撤销）", "reset (undoable)"),
    "key_assist": ("提示 · 求解 · 观看求解器思考", "hint · solve · watch the solver think"),
    "key_assist.lights_out": ("提示 · 求解（最少步数）", "hint · solve (fewest presses)"),
    "key_speed": ("动画速度（+ 与 -）", "animation speed: faster / slower"),
    "key_replay": ("观看求解器思考时：暂停 / 继续 · 下一步 · 直接到结尾",
                   "while you watch the solver think: pause / resume · one step · jump to the end"),
    "key_new": ("新局", "new random deal"),
    "key_size": ("棋盘变大 / 变小", "bigger / smaller board"),
    "key_dates": ("前一天 · 后一天 · 今天 · 月历选日期", "previous day · next day · today · month calendar"),
    "key_dates.lights_out": ("前一天 · 后一天 · 今天 · 月历选日期（每日一局）",
                             "previous day · next day · today · month calendar (daily deals)"),
    "key_browse": ("翻看这一天已找到的解法", "browse the solutions you found for this day"),
    "key_stats": ("统计：完成天数、最佳用时、连续天数", "statistics: days solved, best times, streaks"),
    "key_lang": ("切换中文 / English", "switch language (中文 / English)"),
    "key_help": ("显示 / 关闭本说明", "show / hide this help"),
    "key_modes": ("经典 · 每日演兵 · 翻转色块", "Classic · Daily Drill · Flip"),
    "key_quit": ("退出（进度自动保存）", "quit (progress is saved)"),
    # statistics built from the mid end's events (game.stats)
    "stats_hand": ("独立完成（没用提示、求解或观看求解）", "Solved by hand"),
    "stats_helped": ("有协助完成", "Solved with help"),
    "stats_searches": ("观看求解次数", "Times you watched the solver"),
    "stats_streak_rule": ("连续天数：当天的题目，独立完成", "A streak day: that day's own puzzle, solved by hand"),
    "calendar_hand": ("独立完成", "by hand"),
    "calendar_helped": ("有协助", "with help"),
    # why a piece cannot go where it was dropped
    "cannot_place": ("{name}：{why}", "{name}: {why}"),
    "why_off": ("超出棋盘", "off the board"),
    "why_blocked": ("压住了不可用的格子", "on a blocked cell"),
    "why_target": ("压住了目标格", "on a target cell"),
    "why_piece": ("与其他阵型重叠", "on another piece"),
    "why_turned": ("本题不许翻转", "turned over (rotations only)"),
    "tray_pick": ("{k}  {name}", "{k}  {name}"),
    "replay_wait": ("观看求解器思考…", "Watch the solver think…"),
    "solved_and": ("完成！  {more}", "Solved!  {more}"),
    "speed_is": ("速度 x{x}", "Speed x{x}"),
    "replay_status": ("观看求解器思考 · 第 {i} 步，共 {n} 步 · 速度 x{x}（+/-，Esc）",
                      "Watch the solver think · step {i} of {n} · speed x{x} (+/-, Esc)"),
    "solved_sub": ("用时 {t} · 步数 {moves}", "Time {t} · moves {moves}"),
    # Flip (翻转色块)
    "smaller": ("棋盘 -", "Size -"),
    "bigger": ("棋盘 +", "Size +"),
    "daily": ("每日", "Daily"),
    "new": ("新局", "New"),
    "board": ("棋盘 {n}×{n}", "Board {n}×{n}"),
    "daily_title": ("每日 {date}", "Daily {date}"),
    "random_title": ("新局", "Random deal"),
    "par": ("最佳 {n} 步", "Par {n}"),
    "par_hidden": ("最佳：完成后显示", "Par: shown when solved"),
    "lit": ("点亮 {k}", "Lit {k}"),
    "goal": ("目标：关上每一格", "Goal: turn every cell off"),
    "flip_solved_sub": ("{moves} 步 · 最佳 {par} 步", "{moves} moves · par {par}"),
    "hint_cell": ("提示：点击高亮的格子", "Hint: press the highlighted cell"),
    "flip_help": ("点击格子翻转此格和上下左右 · 方向键+回车 · Ctrl+Z 撤销 · H 提示 · S 求解 · ? 全部操作 · I 统计",
                  "Click a cell to flip it and its neighbours · arrows+Enter · Ctrl+Z undo · H hint · S solve"
                  " · ? all controls · I statistics"),
    # remembered settings (game.settings notices)
    "settings_corrupt": ("设置文件已损坏，已另存为 {name}；设置已恢复为默认值",
                         "The settings file was damaged; it was kept as {name} and the defaults are used"),
    "settings_unreadable": ("无法读取设置文件 {path}：本次设置不会保存",
                            "The settings file {path} cannot be read: settings will not be saved this time"),
    "settings_unsaved": ("无法保存设置：{reason}", "Settings could not be saved: {reason}"),
    # the settings overlay (game.widgets.settings_overlay)
    "settings_title": ("设置", "Settings"),
    "set_lang": ("语言", "Language"),
    "set_fullscreen": ("全屏（F11）", "Full screen (F11)"),
    "set_volume": ("音量", "Volume"),
    "set_muted": ("静音（M）", "Mute (M)"),
    "set_mirror": ("允许翻转阵型", "Allow flipping pieces"),
    "set_speed": ("动画速度", "Animation speed"),
    "set_motion": ("减少动态效果", "Reduce motion"),
    "on": ("开", "On"),
    "off": ("关", "Off"),
    "lang_name": ("中文", "English"),
    "settings_keys": ("↑ ↓ 选择 · ← → 调整 · 回车 切换 · Esc 关闭", "↑ ↓ choose · ← → change · Enter toggles · Esc closes"),
    "settings_where": ("设置保存在：{path}", "Settings are kept in: {path}"),
    "settings_off": ("本次设置不会保存", "Settings are not saved this time"),
    "muted_now": ("已静音（M 打开声音）", "Sound off (M turns it on)"),
    "unmuted_now": ("声音已打开", "Sound on"),
    # choosing a date on the board, and going back (one action)
    "pick_armed": ("点棋盘上的月份或日期格来选日期 · Esc 取消", "Click a month or a day on the board to play that date · Esc cancels"),
    "pick_cancelled": ("已取消在棋盘上选日期", "Picking a date on the board was cancelled"),
    "pick_not_date": ("这一格不是日期：日期没有改变", "That cell is not a date: the date stays"),
    "date_now": ("现在是 {date}", "Now playing {date}"),
    "back_to": ("回到 {date}", "Back to {date}"),
    "no_back": ("没有之前的日期可以回去", "No earlier date to go back to"),
    # tooltips of the icon buttons (game.widgets.buttons.tooltip_text adds the key)
    "page_of": ("第 {i}/{n} 页（← → 翻页）", "page {i} of {n} (← → turn)"),
    "footer_more": ("? 规则与全部操作", "? rules and all controls"),
    "tip_prev": ("前一天", "Previous day"),
    "tip_next": ("后一天", "Next day"),
    "tip_today": ("今天", "Today"),
    "tip_pick_date": ("在棋盘上点选日期", "Pick the date on the board"),
    "tip_undo": ("撤销", "Undo"),
    "tip_redo": ("重做", "Redo"),
    "tip_reset": ("重置（可撤销）", "Reset (undoable)"),
    "tip_speed": ("动画速度", "Animation speed"),
    "tip_calendar": ("月历", "Calendar"),
    "tip_stats": ("统计", "Statistics"),
    "tip_help": ("帮助：规则与操作", "Help: rules and controls"),
    "tip_settings": ("设置", "Settings"),
    "tip_browse": ("翻看这一天已找到的解法", "Solutions you found for this day"),
    "tip_variants": ("选择日历棋盘", "Choose a calendar board"),
    "tip_smaller": ("棋盘变小", "Smaller board"),
    "tip_bigger": ("棋盘变大", "Bigger board"),
    "tip_search": ("看求解器一步步搜索", "Watch the solver search"),
    "tip_daily": ("回到每日一局", "Back to the daily deal"),
    "tip_new": ("随机新局", "A new random deal"),
    "tip_hint": ("提示", "Hint"),
    "tip_solve": ("求解", "Solve"),
    # key table rows added with the settings
    "key_pick_date": ("在棋盘上点选日期（再点月份或日期格；Esc 取消）",
                      "pick the date on the board (then click a month or a day; Esc cancels)"),
    "key_back_date": ("跳回之前的日期", "jump back to the date you were on before"),
    "key_settings": ("设置", "settings"),
    "key_mute": ("静音 / 打开声音", "sound off / on"),
    "key_fullscreen": ("全屏 / 窗口", "full screen / window"),
    "key_focus": ("在按钮间移动焦点（回车按下）", "move the focus through the buttons (Enter presses)"),
    # the share card (game.share)
    "share_word": ("分享", "Share"),
    "share_no_hints": ("无提示", "no hints"),
    "share_hint_one": ("1 次提示", "1 hint"),
    "share_hints": ("{n} 次提示", "{n} hints"),
    "share_helped": ("有协助完成", "solved with help"),
    "share_streak": ("连续 {n} 天", "{n}-day streak"),
    "share_copied": ("已复制到剪贴板", "Copied to the clipboard"),
    "share_no_clipboard": ("这里没有剪贴板：下面是要分享的文字", "No clipboard here: this is the text to share"),
    "share_saved": ("图片已保存：{path}", "Picture saved: {path}"),
    "share_not_saved": ("无法保存图片：{reason}", "The picture could not be saved: {reason}"),
    # calendar editions (variants) and the mirror rule
    "tray_pieces": ("拼块", "Pieces"),
    "variants_title": ("日历棋盘", "Calendar boards"),
    "variants_hint": ("方向键选择 · 回车或点击开始 · Esc 关闭", "Arrows choose · Enter or click to play · Esc closes"),
    "variant_cells": ("{n} 格 · {k} 块", "{n} cells · {k} pieces"),
    "variant_weekdays": ("含星期", "with weekdays"),
    "variant_count": ("{date}：{n} 种解法", "{date}: {n} solutions"),
    "variant_today": ("今天", "Today"),
    "variant_playing": ("正在玩", "playing"),
    "variant_classic": ("即经典模式（F1）", "our Classic (F1)"),
    "variant_file": ("文件：{name}", "file: {name}"),
    "variant_rotations": ("只可旋转", "rotations only"),
    "key_variants": ("选择日历棋盘（各种版本）", "choose a calendar board (the other editions)"),
    "rotations_only": ("只可旋转", "rotations only"),
    "flip_off": ("翻转已关闭：拼块只能旋转（设置里的「允许翻转」）",
                 "Flipping is off: pieces only rotate (Allow flipping, in Settings)"),
    "flip_on_now": ("允许翻转：拼块可以翻面", "Flipping allowed: pieces may be turned over"),
    "flip_off_now": ("只可旋转：拼块不能翻面", "Rotations only: pieces cannot be turned over"),
    "no_solution_rotations": ("这一天只旋转无解：在设置（O）里打开「允许翻转」",
                              "No solution on this date with rotations only: turn on Allow flipping in Settings (O)"),
    # the daily ritual: first-run cards, help, the finish screens, share, midnight (game.ritual)
    "rules_n_targets": ("{n} 个目标格", "the {n} target cells"),
    "goal_flip": ("关上每一格：让所有格子都熄灭。", "Turn every cell off."),
    "goal_any": ("用全部阵型铺满棋盘，只空出日期的格子。", "Cover the board with all the pieces, leaving only the date's cells open."),
    "goal_drill_any": ("用今日阵型铺满本月的棋盘，只空出今天的月份和日期。",
                       "Cover this month's board with today's formations, leaving only today's month and day open."),
    "goal_drill": ("用今日的 {n} 个阵型铺满本月的棋盘，只空出日期：{targets}。",
                   "Cover this month's board with today's {n} formations, leaving only the date open: {targets}."),
    "goal_date": ("用全部 {n} 个阵型铺满棋盘，只空出日期：{targets}。",
                  "Cover the board with all {n} pieces, leaving only the date open: {targets}."),
    "goal_file": ("用全部 {n} 个阵型铺满棋盘的每一格。", "Cover every open cell with all {n} pieces."),
    "goal_file_targets": ("用全部 {n} 个阵型铺满棋盘，只空出{targets}。",
                          "Cover the board with all {n} pieces, leaving only {targets} open."),
    "card_title": ("{mode} · 玩法", "{mode}: how to play"),
    "card_pieces": ("把阵型拖到棋盘上 · R 旋转 · F 翻面", "Drag a piece onto the board · R turns it · F flips it over"),
    "card_pieces_no_mirror": ("把阵型拖到棋盘上 · R 旋转 · 这个棋盘不许翻面",
                              "Drag a piece onto the board · R turns it · no flipping over on this board"),
    "card_clock": ("计时从你的第一步开始，打开面板或离开时暂停",
                   "The clock starts with your first move and pauses while you are away"),
    "card_again": ("随时按 ? 查看全部规则和按键，也能再看这张卡片",
                   "Press ? any time for all the rules and keys, and for this card again"),
    "card_flip_lit": ("点亮：亮着的格子（琥珀色，带圆点）", "Lit: a cell that is on (amber, with a dot)"),
    "card_flip_par": ("最佳：解开这一局最少要按几下，完成后显示",
                      "Par: the fewest presses that solve the board, shown once you solve it"),
    "card_start": ("开始", "Start"),
    "card_press": ("按一下", "one press"),
    "card_all_off": ("全部熄灭！", "all off!"),
    "rules_goal": ("目标", "Goal"),
    "rules_press": ("按格子", "A press"),
    "rules_press_text": ("点击格子（或在光标处按回车）：这一格和上下左右相邻的格子一起翻转。",
                         "Click a cell (or Enter on the cursor): it flips, and so do its up, down, left and right"
                         " neighbours."),
    "rules_lit": ("点亮", "Lit"),
    "rules_lit_text": ("亮着的格子：琥珀色，带圆点。右侧面板显示还有几格点亮。",
                       "A cell that is on: amber, with a dot. The panel counts the lit cells."),
    "rules_par_word": ("最佳", "Par"),
    "rules_par_text": ("解开这一局最少要按几下，完成后显示。按的次数等于最佳，就是完美的一局。",
                       "The fewest presses that solve this board, shown once you have solved it. Match it for a"
                       " perfect game."),
    "rules_deals": ("每日一局", "Daily deal"),
    "rules_deals_text": ("每个日期、每种大小各有一局，人人相同；「新局」随机发一局，不计入统计。",
                         "One board per date and size, the same for everyone. New deals a random board, which the"
                         " statistics do not keep."),
    "rules_pieces": ("阵型", "Pieces"),
    "rules_pieces_text": ("从阵型栏把阵型拖到棋盘上；拖回阵型栏即收回。",
                          "Drag a piece from the tray onto the board; drag it off the board to take it back."),
    "rules_turn": ("旋转与翻面", "Turning"),
    "rules_turn_text": ("R、滚轮或右键旋转；F 或中键翻面（镜像）。",
                        "R, the wheel or a right click turns a piece; F or a middle click flips it over (its mirror"
                        " image)."),
    "rules_no_mirror": ("只许旋转", "Rotations only"),
    "rules_no_mirror_text": ("这个棋盘的阵型只能旋转（R、滚轮、右键），不能翻面：没有镜像。",
                             "On this board pieces turn (R, the wheel, a right click) but never flip over: no mirror"
                             " images."),
    "rules_set": ("今日阵型", "Today's set"),
    "rules_set_text": ("每个日期有自己的一组阵型，难度 1 到 5 星：解法越少，星越多。",
                       "Each date has its own set of formations and a difficulty of 1 to 5 stars: the fewer"
                       " solutions, the more stars."),
    "rules_dates": ("每个日期", "Every date"),
    "rules_dates_text": ("一年中每个日期都至少有一种解法。[ 和 ] 换日期，D 打开月历。",
                         "Every date of the year has at least one solution. [ and ] change the date, D opens the"
                         " calendar."),
    "rules_dates_any": ("每个日期都是一道新题。[ 和 ] 换日期，D 打开月历。",
                        "Each date is a puzzle of its own. [ and ] change the date, D opens the calendar."),
    "mouse_turn_rot": ("滚轮 · 右键\t旋转（这个棋盘不许翻面）", "Wheel · right click\trotate (no flipping over on this board)"),
    "rules_clock": ("计时", "Clock"),
    "rules_clock_text": ("只计解题时间：从第一步开始；打开面板、窗口不在前台、或一分钟没有操作时暂停。",
                         "Counts solving time only: it starts with your first move and pauses while a panel is"
                         " open, while the window is in the background and after a minute without input."),
    "rules_help": ("协助", "Help"),
    "rules_help_text": ("{tools}会把这一局记为「有协助」：没有用时、最佳和连续天数。",
                        "{tools} mark the puzzle as solved with help: no time, no best, no streak."),
    "rules_streak": ("连续天数", "Streak"),
    "rules_streak_text": ("当天独立完成当天的题目，就是一个连续天；其他日期是练习。",
                          "A streak day is a day on which you solve that day's own puzzle by hand. Other dates are"
                          " practice."),
    "help_heading": ("{mode} · 玩法与按键", "How to play · {mode}"),
    "help_rules": ("规则", "Rules"),
    "help_controls": ("按键与鼠标", "Controls"),
    "help_intro": ("再看入门卡片", "Show the intro card"),
    "help_scroll": ("滚轮或 ↑ ↓ 滚动", "Wheel or ↑ ↓ to scroll"),
    "help_close": ("Esc 关闭", "Esc closes"),
    "win_title": ("完成！", "Solved!"),
    "win_helped_title": ("有协助完成", "Solved with help"),
    "win_difficulty": ("难度", "Difficulty"),
    "win_first_best": ("这个模式的第一个最佳用时！", "Your first best time in this mode!"),
    "win_best_puzzle": ("这道题的最佳用时！", "Your best time for this puzzle!"),
    "win_new_best": ("新纪录！之前最佳 {was}", "New best! Your best was {was}"),
    "win_best_is": ("你的最佳用时：{t}", "Your best: {t}"),
    "win_streak": ("连续 {n} 天！", "{n}-day streak!"),
    "win_streak_one": ("连续第 1 天：明天再来！", "Day 1 of a streak: come back tomorrow!"),
    "win_practice": ("练习：只有当天的题目计入连续天数", "Practice: only the day's own puzzle counts for the streak"),
    "win_not_counted": ("随机局不计入统计", "Random deals are not kept in the statistics"),
    "win_at_par": ("正好 {par} 步，等于最佳：完美！", "In par, {par} presses: perfect!"),
    "win_par": ("最佳 {par} 步 · 你用了 {moves} 步", "Par {par} · you took {moves}"),
    "win_helped_why": ("用了提示、求解或观看求解：这一局没有用时、星级、最佳和连续天数。",
                       "Hint, Solve or Watch the solver was used: no time, stars, best or streak for this one."),
    "win_helped_why.lights_out": ("用了提示或求解：这一局没有用时、最佳和连续天数。",
                                  "Hint or Solve was used: no time, best or streak for this one."),
    "win_browse": ("翻看解法 · 已找到 {k}/{n}", "Browse solutions · found {k} of {n}"),
    "win_browse_k": ("翻看解法 · 已找到 {k}", "Browse solutions · found {k}"),
    "win_other_date": ("换个日期", "Another date"),
    "win_close": ("关闭", "Close"),
    "win_next": ("下一题还有 {t}", "Next puzzle in {t}"),
    "win_today_open": ("今天的题目还在等你（Home）", "Today's puzzle is still waiting (Home)"),
    "share_title": ("分享卡片", "Share card"),
    "share_keys": ("Ctrl+A 全选 · Ctrl+C 复制 · Esc 关闭", "Ctrl+A selects all · Ctrl+C copies · Esc closes"),
    "share_copy_failed": ("复制没有成功：这里没有剪贴板", "Copying did not work: there is no clipboard here"),
    "share_and_saved": ("{copied} · {saved}", "{copied} · {saved}"),
    "midnight_offer": ("新的一天：{date} 的题目已经准备好", "A new day: the puzzle of {date} is ready"),
    "midnight_play": ("去玩（Home）", "Play it (Home)"),
    "midnight_later": ("稍后", "Later"),
}
"""Key -> (Chinese, English).  Values may hold ``str.format`` fields."""


def has(key: str) -> bool:
    """True when the strings table has ``key``."""
    return key in STRINGS


@dataclass(frozen=True)
class Msg:
    """A message kept as an i18n key and its fields until it is drawn (never as text, so
    nothing is keyed on translated words and a language switch redraws it).

    Field values that have a ``text(lang)`` method (another :class:`Msg`, a
    :class:`Name`) are translated too.
    """

    key: str
    fields: tuple[tuple[str, Any], ...] = ()

    def text(self, lang: str) -> str:
        """The message in ``lang``."""
        vals = {k: (v.text(lang) if hasattr(v, "text") and callable(v.text) else v) for k, v in self.fields}
        return tr(self.key, lang, **vals)


def msg(key: str, **fields: Any) -> Msg:
    """:class:`Msg` ``key`` with ``fields``."""
    return Msg(key, tuple(fields.items()))


@dataclass(frozen=True)
class Name:
    """A shape's name, translated when drawn (:func:`formation_name`)."""

    shape: Any

    def text(self, lang: str) -> str:
        """The name in ``lang``."""
        return formation_name(self.shape, lang)


@dataclass(frozen=True)
class Words:
    """Words that come with their own translation (a variant file's ``name_zh`` and
    ``name``), for use where an :mod:`game.i18n` key is expected (:func:`text_of`)."""

    zh: str
    en: str

    def text(self, lang: str) -> str:
        """The words in ``lang``."""
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True)
class Raw:
    """Text that needs no translation (a file name, a number) as a message field."""

    value: str

    def text(self, lang: str) -> str:
        """The text itself."""
        return self.value


ENGLISH_ONE: dict[str, tuple[str, str]] = {
    "variant_count": ("n", "{date}: {n} solution"),
    "rules_n_targets": ("n", "the {n} target cell"),
    "goal_date": ("n", "Cover the board with the one piece, leaving only the date open: {targets}."),
    "goal_file": ("n", "Cover every open cell with the one piece."),
    "goal_file_targets": ("n", "Cover the board with the one piece, leaving only {targets} open."),
    "flip_solved_sub": ("moves", "{moves} move · par {par}"),
    "save_bad_records": ("n", "{n} statistics record in the progress file has the wrong structure and is left out"),
    "share_hints": ("n", "{n} hint"),
    "win_at_par": ("par", "In par, {par} press: perfect!"),
}
"""English singular forms: key -> (the count field, the text when that field is 1).
Chinese has no plural; every other English text with a count reads right for any n."""


def tr(key: str, lang: str = "zh", **fields: object) -> str:
    """The text for ``key`` in ``lang`` (``"zh"`` or ``"en"``), formatted with ``fields``.

    English takes the singular form (:data:`ENGLISH_ONE`) when the key's count field is 1.
    Unknown keys return the key itself, so a missing entry never crashes the UI.
    """
    zh, en = STRINGS.get(key, (key, key))
    one = ENGLISH_ONE.get(key)
    if lang == "en" and one is not None and fields.get(one[0]) == 1:
        en = one[1]
    text = en if lang == "en" else zh
    return text.format(**fields) if fields else text


def text_of(key: Any, lang: str = "zh", **fields: object) -> str:
    """:func:`tr` for an i18n key; the object's own ``text(lang)`` for a :class:`Words`,
    :class:`Msg` or :class:`Raw` (a mode title that comes from a file)."""
    if hasattr(key, "text") and callable(key.text):
        return key.text(lang)
    return tr(key, lang, **fields)


def weekday_names(lang: str = "zh") -> tuple[str, ...]:
    """``星期日`` … ``星期六`` (zh) or ``Sun`` … ``Sat`` (en), Sunday first (board labels)."""
    return WEEKDAYS_EN if lang == "en" else WEEKDAYS_ZH


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
    for f in LIBRARY.values():
        parts += [f.name_zh, f.name_en, f.letter, f.code, f.label]
    parts += list(MONTHS_ZH) + list(MONTHS_EN) + list(WEEKDAYS_ZH) + list(WEEKDAYS_EN)
    try:  # the titles of the shipped calendar editions (assets/variants/*.toml)
        from solver import variants

        for v in variants.shipped():
            parts += [v.title, v.title_zh]
    except (ImportError, ValueError, OSError):
        pass
    try:  # difficulty words of the Daily Drill rule (no numba at import)
        from solver import drill

        parts += [w for g in drill.GRADES for w in g[2:]] + list(drill.RELAXED[1:])
    except (ImportError, AttributeError):
        pass
    chars = set("".join(parts)) - {"\n", "\t"}
    return "".join(sorted(chars))
