"""argparse's own words in Chinese (usage, section titles, -h, error messages).

argparse looks its messages up through the module-level ``_`` / ``ngettext`` (gettext) at call time,
so replacing those two names translates every message without touching the process-wide gettext
domain. A test lists every ``_()`` / ``ngettext()`` literal in the running Python's argparse and
fails if one has no translation here (3.11–3.13 differ slightly).
"""

from __future__ import annotations

import argparse

ZH: dict[str, str] = {
    "usage: ": "用法：",
    "options": "选项",
    "positional arguments": "位置参数",
    "subcommands": "子命令",
    "%(heading)s:": "%(heading)s：",
    " (default: %(default)s)": "（默认：%(default)s）",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：用法错误：%(message)s\n",
    "%(prog)s: warning: %(message)s\n": "%(prog)s：警告：%(message)s\n",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项 %(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多一个值",
    "expected at least one argument": "至少需要一个值",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "参数 %s 必须给出其中之一",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义，可能是 %(matches)s",
    "ignored explicit argument %r": "忽略了多余的值 %r",
    "unexpected option string: %s": "意外的选项：%s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "未知的子命令 %(parser_name)r（可选：%(choices)s）",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "argument '%(argument_name)s' is deprecated": "参数“%(argument_name)s”已弃用",
    "option '%(option)s' is deprecated": "选项“%(option)s”已弃用",
    "command '%(parser_name)s' is deprecated": "子命令“%(parser_name)s”已弃用",
    # errors in the program's own parser definitions (a developer sees them, never a user)
    "%r is not callable": "%r 不可调用",
    "'required' is an invalid argument for positionals": "位置参数不能使用 'required'",
    ".__call__() not defined": ".__call__() 未定义",
    'argument "-" with mode %r': '参数 "-" 的模式 %r',
    "cannot have multiple subparser arguments": "不能有多个子命令参数",
    "cannot merge actions - two groups are named %r": "无法合并：两个参数组都叫 %r",
    "conflicting option string: %s": "选项冲突：%s",
    "conflicting option strings: %s": "选项冲突：%s",
    "conflicting subparser alias: %s": "子命令别名冲突：%s",
    "conflicting subparser: %s": "子命令冲突：%s",
    "dest= is required for options like %r": "%r 这样的选项需要 dest=",
    "invalid conflict_resolution value: %r": "无效的 conflict_resolution 值：%r",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r":
        "无效的选项 %(option)r：必须以 %(prefix_chars)r 开头",
    "mutually exclusive arguments must be optional": "互斥的参数必须是选项",
}


def _gettext(message: str) -> str:
    return ZH.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


def install() -> None:
    """Translate argparse's messages in this process."""
    argparse._ = _gettext  # type: ignore[attr-defined]
    argparse.ngettext = _ngettext  # type: ignore[attr-defined]
