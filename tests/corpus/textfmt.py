"""Writers for the corpus: Chinese numerals, money, dates and identity numbers with valid check characters.

Written from the standards (GB 32100, GB 11643, GB 11714) for the corpus alone: nothing here is shared with
the product's parsers.
"""

from __future__ import annotations

import datetime as dt
import random

DIGITS = "零一二三四五六七八九"
UPPER = "零壹贰叁肆伍陆柒捌玖"


def cn_int(n: int) -> str:
    """Small integer (< 10000) in Chinese: 34 → 三十四, 124 → 一百二十四, 10 → 十."""
    if n == 0:
        return "零"
    units = ["", "十", "百", "千"]
    out = ""
    zero = False
    digits = str(n)
    for i, ch in enumerate(digits):
        d = int(ch)
        pos = len(digits) - i - 1
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += DIGITS[d] + units[pos]
    if 10 <= n < 20:
        out = out[1:]
    return out


def cn_year(year: int, zero: str = "〇") -> str:
    """2024 → 二〇二四 (``zero`` may be 〇, ○ or 零)."""
    return "".join(zero if c == "0" else DIGITS[int(c)] for c in str(year))


DATE_STYLES = ("cn", "cn_pad", "cn_spaced", "upper", "upper_o", "upper_ling", "dot", "dash", "slash")


def fmt_date(day: dt.date, style: str) -> str:
    """Print a date in one of DATE_STYLES."""
    y, m, d = day.year, day.month, day.day
    if style == "cn":
        return f"{y}年{m}月{d}日"
    if style == "cn_pad":
        return f"{y}年{m:02d}月{d:02d}日"
    if style == "cn_spaced":  # a form's printed 年 月 日 with the figures typed into the blanks
        return f"{y} 年 {m} 月 {d} 日"
    if style in ("upper", "upper_o", "upper_ling"):
        zero = {"upper": "〇", "upper_o": "○", "upper_ling": "零"}[style]
        return f"{cn_year(y, zero)}年{cn_int(m)}月{cn_int(d)}日"
    if style == "dot":
        return f"{y}.{m}.{d}"
    if style == "dash":
        return f"{y}-{m:02d}-{d:02d}"
    if style == "slash":
        return f"{y}/{m}/{d}"
    raise ValueError(style)


def _upper_section(n: int) -> str:
    """0..9999 in capital numerals with 仟佰拾, zeros collapsed."""
    units = ["", "拾", "佰", "仟"]
    out = ""
    zero = False
    digits = str(n)
    for i, ch in enumerate(digits):
        d = int(ch)
        pos = len(digits) - i - 1
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += UPPER[d] + units[pos]
    return out


def cn_money_upper(amount: float) -> str:
    """5000 → 伍仟元整; 12345.5 → 壹万贰仟叁佰肆拾伍元伍角; 320.05 → 叁佰贰拾元零伍分."""
    cents = round(amount * 100)
    yuan, rest = divmod(cents, 100)
    jiao, fen = divmod(rest, 10)
    wan, low = divmod(yuan, 10000)
    text = ""
    if wan:
        text += _upper_section(wan) + "万"
        if low and low < 1000:
            text += "零"
    if low:
        text += _upper_section(low)
    if not text:
        text = "零"
    text += "元"
    if not jiao and not fen:
        return text + "整"
    if jiao:
        text += UPPER[jiao] + "角"
    elif fen:
        text += "零"
    if fen:
        text += UPPER[fen] + "分"
    return text


def _num(amount: float, *, comma: bool, decimals: bool) -> str:
    if decimals:
        return f"{amount:,.2f}" if comma else f"{amount:.2f}"
    if amount == int(amount):
        return f"{int(amount):,}" if comma else str(int(amount))
    return f"{amount:,.2f}" if comma else f"{amount:.2f}"


MONEY_STYLES = ("plain", "comma", "upper", "upper_paren", "wan", "yen", "rmb_plain")


def fmt_money(amount: float, style: str) -> str:
    """Print an amount of yuan in one of MONEY_STYLES (the caller adds 罚款/没收 words)."""
    if style == "plain":
        return f"{_num(amount, comma=False, decimals=False)}元"
    if style == "comma":
        return f"{_num(amount, comma=True, decimals=False)}元"
    if style == "upper":
        return f"人民币{cn_money_upper(amount)}"
    if style == "upper_paren":
        return f"人民币{cn_money_upper(amount)}（¥{_num(amount, comma=False, decimals=True)}）"
    if style == "wan":
        wan = amount / 10000
        text = f"{wan:.4f}".rstrip("0").rstrip(".")
        return f"{text}万元"
    if style == "yen":
        return f"¥{_num(amount, comma=True, decimals=True)}"
    if style == "rmb_plain":
        return f"人民币{_num(amount, comma=False, decimals=False)}元"
    raise ValueError(style)


def money_style_ok(amount: float, style: str) -> bool:
    """万元 style only for amounts it prints exactly (e.g. 0.5万元, 3.2万元)."""
    if style == "wan":
        return amount >= 1000 and round(amount) % 100 == 0
    return True


# --- identity numbers -------------------------------------------------------------------------

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def uscc_check(first17: str) -> str:
    """GB 32100-2015 check character of a 统一社会信用代码."""
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def org_code_check(first8: str) -> str:
    """GB 11714 check character of the 组织机构代码 body."""
    total = sum(_ORG_ALPHABET.index(c) * w for c, w in zip(first8, _ORG_WEIGHTS, strict=True))
    c = 11 - total % 11
    return "X" if c == 10 else ("0" if c == 11 else str(c))


def make_uscc(rng: random.Random, *, area: str, kind: str = "91") -> str:
    """A valid 统一社会信用代码: ``kind`` 91 = 企业, 92 = 个体工商户; ``area`` a 6-digit division code."""
    if kind == "92":
        body = "L" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(7))
    else:
        body = rng.choice(["MA", "MA", "58", "69", "31"]) + "".join(
            rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(6)
        )
    org = body + org_code_check(body) if all(c in _ORG_ALPHABET for c in body) else body + "0"
    org = org.replace("I", "1").replace("O", "0").replace("S", "5").replace("V", "U").replace("Z", "2")
    first17 = kind + area + org
    return first17 + uscc_check(first17)


_RIC_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def ric_check(first17: str) -> str:
    """GB 11643-1999 check character of a 公民身份号码."""
    total = sum(int(c) * w for c, w in zip(first17, _RIC_WEIGHTS, strict=True))
    return "10X98765432"[total % 11]


def make_ric(rng: random.Random, *, area: str, male: bool) -> str:
    """A valid 18-digit 公民身份号码 for a person born 1960–2000."""
    birth = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(365 * 40))
    seq = rng.randrange(10, 99) * 10 + rng.choice([1, 3, 5, 7, 9] if male else [0, 2, 4, 6, 8])
    first17 = f"{area}{birth:%Y%m%d}{seq:03d}"
    return first17 + ric_check(first17)


def corrupt_check(number: str) -> str:
    """The same number with a wrong check character (for the invalid_party_id defect)."""
    alphabet = "0123456789X" if number[:17].isdigit() else USCC_ALPHABET
    wrong = [c for c in alphabet if c != number[-1]]
    return number[:-1] + wrong[sum(map(ord, number)) % len(wrong)]
