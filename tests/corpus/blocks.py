"""The document model shared by the PDF and DOCX writers: a document is a list of simple blocks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tests.corpus.plan import Plan
from tests.corpus.sectors import Prov
from tests.corpus.textfmt import cn_int, fmt_date, fmt_money, money_style_ok


@dataclass
class Title:
    lines: list[str]
    size: float = 18.0


@dataclass
class Para:
    text: str
    align: str = "left"  # left | center | right
    indent: bool = True
    size: float = 11.0
    bold: bool = False


@dataclass
class Table:
    rows: list[list[str]]
    widths: list[float]  # fractions of the text width
    size: float = 10.5


@dataclass
class Sign:
    """落款: lines right-aligned (organ, date); an optional red seal drawn over them."""

    lines: list[str]
    seal: str | None = None
    over_text: bool = True


@dataclass
class Hand:
    """Handwritten-style words (signature, 签收 date): another font, ink colour, slightly offset."""

    label: str
    text: str


@dataclass
class Photo:
    caption: str
    height: float = 200.0


@dataclass
class Break:
    pass


@dataclass
class Letterhead:
    """红头: the organ's name in large red type over a red rule, as on formal 文书."""

    name: str


Block = Title | Para | Table | Sign | Hand | Photo | Break | Letterhead


@dataclass
class Doc:
    type: str
    title: str
    blocks: list[Block]
    officers: list[int] = field(default_factory=list)  # indices into plan.officers, in printed order
    numbered: bool = True  # page number printed bottom right
    party_name: str | None = None  # the party's name as this document prints it
    footer: str | None = None  # e.g. "第{k}页 共{n}页", printed at the foot of each of its pages
    scanned: bool = False  # a paper copy scanned into the file: its pages are images, no text layer


def formal_head(plan: Plan, name: str) -> list[Block]:
    """Heading of a formal 文书 (告知书, 决定书): 红头 with the organ's name where the case's style says so."""
    if plan.style["letterhead"] == "yes":
        return [Letterhead(plan.agency), Title([name])]
    return [title_block(plan, name)]


def title_block(plan: Plan, name: str) -> Title:
    """A document title, with the organ's name as a first line or prefix where the case's style says so."""
    if plan.style["title_prefix"] == "no":
        return Title([name])
    if plan.style["title_break"] == "yes":
        return Title([plan.agency, name])
    return Title([plan.agency + name], size=16.0 if len(plan.agency + name) > 18 else 18.0)


def d(plan: Plan, day: dt.date, kind: str = "form_date") -> str:
    return fmt_date(day, plan.style[kind])


def dt_(plan: Plan, day: dt.date, clock: str) -> str:
    """A date with a time of day: 2024年3月4日10时20分, but 2024.3.4 10时20分 (figures need a gap)."""
    text = d(plan, day)
    return text + clock if text.endswith("日") else f"{text} {clock}"


def money(plan: Plan, amount: float) -> str:
    style = plan.style["money"]
    return fmt_money(amount, style if money_style_ok(amount, style) else "plain")


def _num(plan: Plan, n: int, *, item: bool = False) -> str:
    style = plan.style["numerals"]
    arabic = style == "arabic" or (style == "mixed" and item)
    text = str(n) if arabic else cn_int(n)
    if item:
        paren = plan.style["item_paren"]
        if paren == "full":
            return f"（{text}）"
        if paren == "half":
            return f"({text})"
    return text


def article_text(plan: Plan, prov: Prov) -> str:
    """第三十四条第（十）项 / 第124条第1款第5项 — the article part of a citation."""
    _, _, art, para, item = prov
    arabic = plan.style["numerals"] == "arabic"
    unit_art = "条"
    out = f"第{art if arabic else cn_int(art)}{unit_art}"
    if para is not None:
        out += f"第{para if arabic else cn_int(para)}款"
    if item is not None:
        out += f"第{_num(plan, item, item=True)}项"
    return out


class Citer:
    """Writes citations for one document, honouring the case's law-name style (full / short / 以下简称)."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.seen: set[str] = set()

    def law(self, full: str, short: str) -> str:
        style = self.plan.style["law_names"]
        if style == "short" and full != short:
            return f"《{short}》"
        if style == "full_then_short" and full != short:
            if full in self.seen:
                return f"《{short}》"
            self.seen.add(full)
            return f"《{full}》（以下简称《{short}》）"
        return f"《{full}》"

    def cite(self, provs: tuple[Prov, ...], *, vague: bool = False) -> str:
        """One phrase citing several articles; consecutive articles of one law share its name."""
        parts: list[str] = []
        last_law = ""
        if vague:  # the law only, once: 《…》相关条款 (no article — provision_not_specific)
            laws = dict.fromkeys((p[0], p[1]) for p in provs)
            return "、".join(self.law(full, short) for full, short in laws) + "相关条款"
        for prov in provs:
            full, short = prov[0], prov[1]
            art = article_text(self.plan, prov)
            if full == last_law:
                parts.append(art)
            else:
                parts.append(self.law(full, short) + art)
            last_law = full
        return "、".join(parts)


def party_lines(plan: Plan, *, name: str | None = None, label: str = "当事人") -> list[str]:
    """The party block as label lines (name, id, representative, address)."""
    pt = plan.party
    name = name or pt.name
    lines = [f"{label}：{name}"]
    if pt.kind == "person":
        assert pt.rep is not None
        lines[0] += f"，性别：{'男' if pt.rep.male else '女'}"
        lines.append(f"{pt.id_label}：{pt.pid}")
        lines.append(f"住址：{pt.address}")
    else:
        if pt.reg_no:
            lines.append(f"营业执照注册号：{pt.reg_no}")
        lines.append(f"{pt.id_label}：{pt.pid}")
        if pt.kind == "individual_business":
            lines.append("主体类型：个体工商户")
        assert pt.rep is not None
        lines.append(f"{pt.rep_label}：{pt.rep.name}")
        lines.append(f"{'经营场所' if pt.kind == 'individual_business' else '住所'}：{pt.address}")
    lines.append(f"联系电话：{pt.phone}")
    return lines


def officer_text(plan: Plan, idx: list[int], *, with_cert: bool = True) -> str:
    """张三（执法证号：66010012345）、李四（…）"""
    label = plan.style["cert_label"]
    chosen = [plan.officers[i] for i in idx]
    if with_cert and plan.style["officer_layout"] == "parallel" and all(o.cert for o in chosen):
        return f"{'、'.join(o.name for o in chosen)}    {label}：{'、'.join(str(o.cert) for o in chosen)}"
    parts = []
    for i in idx:
        o = plan.officers[i]
        if with_cert and o.cert:
            parts.append(f"{o.name}（{label}：{o.cert}）")
        else:
            parts.append(o.name)
    return "、".join(parts)


def facts(plan: Plan) -> str:
    v = plan.violation
    return v.fact.format(party="当事人", goods=plan.goods, qty=plan.qty, value=f"{plan.value:.1f}元",
                         place=plan.party.address)


def penalty_items(plan: Plan, fine: float) -> list[str]:
    """The decided (or proposed) penalties, in the case's order: 警告；没收违法所得…；罚款…"""
    out = []
    for t in plan.types:
        if t == "罚款":
            out.append(f"罚款{money(plan, fine)}")
        elif t == "没收违法所得":
            assert plan.confiscation is not None
            out.append(f"没收违法所得{money(plan, plan.confiscation)}")
        else:
            out.append(t)
    return out


def numbered(items: list[str]) -> str:
    marks = "一二三四五六七八九"
    if len(items) == 1:
        return items[0] + "。"
    return "".join(f"{marks[i]}、{t}；" for i, t in enumerate(items))[:-1] + "。"
