"""An official document (公文) as GB/T 9704-2012《党政机关公文格式》 lays it out, independent of the file format.

The DOCX writer (``gongwen_docx``) and the PDF writer (``gongwen_pdf``) both render a :class:`Doc`; the
circular and the opinion build one (``circular_text``, ``opinion_text``). Clause numbers below are those of
GB/T 9704-2012:

* 5.1 幅面: A4 (210 mm × 297 mm). 5.2.1 天头 37 mm ± 1 mm, 订口 28 mm ± 1 mm, 版心 156 mm × 225 mm, so the
  bottom margin is 297 − 37 − 225 = 35 mm and the right margin 210 − 28 − 156 = 26 mm.
* 5.2.2 如无特殊说明，各要素一般用 3 号仿宋体字. 5.2.3 一般每面排 22 行，每行排 28 个字，并撑满版心.
* 7.2.4 发文机关标志 红色小标宋体字，居中. 7.2.5 发文字号 居中，年份、发文顺序号用阿拉伯数字，年份用六角括号〔〕.
  7.2.7 发文字号之下 4 mm 处居中印一条与版心等宽的红色分隔线.
* 7.3.1 标题 2 号小标宋体字，居中. 7.3.2 主送机关 标题下空一行，居左顶格. 7.3.3 正文 结构层次序数依次用
  “一、”“（一）”“1.”“（1）”，第一层用黑体字、第二层用楷体字、第三层和第四层用仿宋体字.
* 7.3.4 附件说明 正文下空一行左空二字编排“附件”二字. 7.3.5 署名、成文日期 用阿拉伯数字将年、月、日标全.
* 7.4 版记 置于最后一面，分隔线与版心等宽，首条和末条用粗线（0.35 mm），中间用细线（0.25 mm）; 抄送、印发机关
  和印发日期一般用 4 号仿宋体字.
* 7.5 页码 一般用 4 号半角宋体阿拉伯数字，编排在版心下边缘之下，数字左右各放一条一字线；一字线上距版心下边缘
  7 mm。单页码居右空一字，双页码居左空一字.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import cn2an

# Geometry (mm), GB/T 9704-2012 5.1 and 5.2.1.
PAGE_W, PAGE_H = 210.0, 297.0
TOP, BOTTOM, LEFT, RIGHT = 37.0, 35.0, 28.0, 26.0
LINES, CHARS = 22, 28  # 5.2.3
BODY_PT = 16.0  # 3号
TITLE_PT = 22.0  # 2号
MARK_PT = 36.0  # 发文机关标志 (7.2.4: 红色小标宋体字, size left to the office: 醒目、美观、庄重)
PAGE_NO_PT = 14.0  # 4号
RED = (0xE6, 0x00, 0x12)  # 红色 (5.2: 红色油墨 Y80% M80%); on screen this red
RED_HEX = "".join(f"{c:02X}" for c in RED)
TEXT_W_PT = (PAGE_W - LEFT - RIGHT) / 25.4 * 72  # 442.2 pt
LINE_PITCH_PT = (PAGE_H - TOP - BOTTOM) / LINES / 25.4 * 72  # 225 mm / 22 lines = 28.99 pt

# The faces GB/T 9704 names, under the names offices have installed (DOCX), each with a fallback name.
FANGSONG = "仿宋_GB2312"
FANGSONG_ALT = "仿宋"
XIAOBIAOSONG = "方正小标宋简体"
XIAOBIAOSONG_ALT = "宋体"
HEITI = "黑体"
HEITI_ALT = "SimHei"
KAITI = "楷体_GB2312"
KAITI_ALT = "楷体"

LEVEL_MARKS = ("一、", "（一）", "1.", "（1）")


def cn_number(n: int) -> str:
    """n in Chinese numerals as headings write them (一, 十一, 二十三), by cn2an."""
    return str(cn2an.an2cn(n, "low"))


def level_mark(level: int, n: int) -> str:
    """The ordinal of a heading of ``level`` (1..4) numbered ``n``: 一、 （一） 1. （1）."""
    if level == 1:
        return f"{cn_number(n)}、"
    if level == 2:
        return f"（{cn_number(n)}）"
    if level == 3:
        return f"{n}."
    return f"（{n}）"


def mark_size(mark: str, width_pt: float) -> float:
    """The 发文机关标志's size: MARK_PT, smaller when a long name would wrap (it stays on one line)."""
    return min(MARK_PT, round(width_pt / max(1, len(mark)) - 0.5, 1))


def gw_date(d: dt.date | None) -> str:
    """成文日期 in Arabic numerals with year, month and day in full (7.3.5.4): 2026年12月3日."""
    return f"{d.year}年{d.month}月{d.day}日" if d else "    年  月  日"


@dataclass(frozen=True, slots=True)
class Heading:
    level: int  # 1 黑体, 2 楷体, 3 and 4 仿宋 (7.3.3)
    text: str  # with its ordinal, e.g. "一、总体情况"
    run_in: str = ""  # body text on the same paragraph after a level-3/4 heading


@dataclass(frozen=True, slots=True)
class Para:
    text: str
    indent: bool = True  # 首行缩进二字
    align: str = "l"  # l | c | r


@dataclass(frozen=True, slots=True)
class GTable:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # percentages of the text width
    align: str = ""  # one of l c r per column
    caption: str = ""


@dataclass(frozen=True, slots=True)
class PageBreak:
    pass


@dataclass(frozen=True, slots=True)
class Image:
    name: str
    png: bytes
    caption: str = ""


Element = Heading | Para | GTable | PageBreak | Image


@dataclass(frozen=True, slots=True)
class Head:
    """The campaign's document settings: who issues, under which number, to whom."""

    organ: str  # 发文机关 (署名, 印发机关)
    mark: str = ""  # 发文机关标志, e.g. "××市司法局文件"; "" : the organ's name
    number: str = ""  # 发文字号, e.g. "×司发〔2026〕12号"
    recipients: tuple[str, ...] = ()  # 主送机关
    cc: tuple[str, ...] = ()  # 抄送机关


@dataclass(frozen=True, slots=True)
class Doc:
    """One 公文: 版头, 主体 and 版记. ``annexes`` start on a new page each, after the 落款 and before the 版记
    (7.3.7: 附件应当另面编排，并在版记之前)."""

    head: Head
    title: str
    body: tuple[Element, ...]
    issued: dt.date
    attachments: tuple[str, ...] = ()  # 附件说明: the names of the annexes, in order
    annexes: tuple[tuple[str, tuple[Element, ...]], ...] = ()  # (附件 title, content)
    printed_by: str = ""  # 印发机关 ("" : the organ)
    recipients_line: str = field(default="")  # 主送 as written; "" : the head's recipients joined by 、

    @property
    def to_line(self) -> str:
        names = self.recipients_line or "、".join(self.head.recipients)
        return f"{names}：" if names else ""

    @property
    def printer(self) -> str:
        return self.printed_by or self.head.organ
