"""Dates, money, article numbers and 文号 as published documents print them."""

from __future__ import annotations

import datetime as dt
import random

import cn2an

_CN_DIGITS = "〇一二三四五六七八九"
_CN_DIGITS_O = "○一二三四五六七八九"  # U+25CB, as many offices type it
_DAY_WORDS = [
    "", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六",
    "十七", "十八", "十九", "二十", "二十一", "二十二", "二十三", "二十四", "二十五", "二十六", "二十七", "二十八",
    "二十九", "三十", "三十一",
]

DATE_STYLES = ("cn_upper", "cn_upper_o", "arabic", "arabic_pad", "dots", "iso", "slash", "spaced")


def fmt_date(day: dt.date, style: str) -> str:
    y, m, d = day.year, day.month, day.day
    if style == "cn_upper":
        return "".join(_CN_DIGITS[int(c)] for c in str(y)) + f"年{_DAY_WORDS[m]}月{_DAY_WORDS[d]}日"
    if style == "cn_upper_o":
        return "".join(_CN_DIGITS_O[int(c)] for c in str(y)) + f"年{_DAY_WORDS[m]}月{_DAY_WORDS[d]}日"
    if style == "arabic":
        return f"{y}年{m}月{d}日"
    if style == "arabic_pad":
        return f"{y}年{m:02d}月{d:02d}日"
    if style == "dots":
        return f"{y}.{m}.{d}"
    if style == "iso":
        return f"{y}-{m:02d}-{d:02d}"
    if style == "slash":
        return f"{y}/{m}/{d}"
    if style == "spaced":
        return f"{y} 年 {m} 月 {d} 日"
    raise ValueError(style)


def fmt_datetime(day: dt.date, hour: int, minute: int, style: str) -> str:
    base = fmt_date(day, "arabic" if style.startswith("cn") or style in ("dots", "iso", "slash") else style)
    return f"{base}{hour}时{minute:02d}分"


def body_date(day: dt.date, rng: random.Random) -> str:
    """Dates inside running text: mostly arabic 年月日, sometimes padded or spaced."""
    return fmt_date(day, rng.choice(("arabic", "arabic", "arabic", "arabic_pad", "spaced")))


def cn_num(n: int) -> str:
    """124 -> 一百二十四 (article numbers)."""
    return str(cn2an.an2cn(n))


def art_text(article: int, paragraph: int | None = None, item: int | None = None, *, style: str = "cn") -> str:
    """第一百二十四条第一款第（五）项, or arabic 第124条第1款第5项 ('ar'), or 第一百二十四条第一款（五）项
    ('cn_bare')."""
    if style == "ar":
        out = f"第{article}条"
        if paragraph:
            out += f"第{paragraph}款"
        if item:
            out += f"第{item}项"
        return out
    out = f"第{cn_num(article)}条"
    if paragraph:
        out += f"第{cn_num(paragraph)}款"
    if item:
        out += f"（{cn_num(item)}）项" if style == "cn_bare" else f"第（{cn_num(item)}）项"
    return out


def money_upper(amount: float) -> str:
    """5000 -> 伍仟元整, 320.5 -> 叁佰贰拾元伍角."""
    text = f"{amount:.2f}".rstrip("0").rstrip(".")
    return str(cn2an.an2cn(text, "rmb"))


def money_phrase(amount: float, rng: random.Random) -> str:
    """The fine as decisions word it: 人民币伍仟元整（¥5000.00）, 5000元, 0.5万元, 人民币3.2万元 …"""
    style = rng.choice(("upper_paren", "upper_only", "arabic", "wan", "arabic_rmb", "upper_small"))
    if style == "wan" and (amount * 100) % 100 == 0 and amount >= 1000:
        wan = amount / 10000
        return f"人民币{wan:g}万元" if rng.random() < 0.5 else f"{wan:g}万元"
    if style == "upper_paren":
        return f"人民币{money_upper(amount)}（¥{amount:,.2f}）"
    if style == "upper_only":
        return f"人民币{money_upper(amount)}"
    if style == "arabic_rmb":
        return f"人民币{amount:g}元"
    if style == "upper_small":
        return f"{money_upper(amount)}（小写：{amount:.2f}元）"
    return f"{amount:g}元"


def docno(prefix: str, year: int, serial: str, *, bracket: str = "〔〕", word: str = "", space: bool = False) -> str:
    """师市市监处罚〔2024〕15号; 伊州应急罚〔2024〕092（非） 号; 石环罚[2025]4号 …"""
    left, right = bracket[0], bracket[1]
    gap = " " if space else ""
    return f"{prefix}{left}{year}{right}{word}{serial}{gap}号"


def normalise_docno(text: str) -> str:
    """The contract's normal form: as printed, spaces removed."""
    return "".join(text.split())
