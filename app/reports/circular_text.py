"""The 评查通报 as a 公文: its content, in the order published 通报 carry it (天水市 2019, 许昌市 2022, 大埔县
埔府办〔2020〕42号): basis and scope, method, progress, results (grades, 优秀率/合格率, by unit, by case kind),
the 优秀 and 不合格 files, problems grouped 立卷 / 实体 / 程序 with anonymised examples, good practice,
整改要求 with the ledger's deadline, and the score table as 附件.

One definition of 占比 throughout: a count of files over the files reviewed (已提交或已定稿), in per cent.
"""

from __future__ import annotations

from collections import defaultdict

from app.reports import gongwen as gw
from app.reports.layouts import KIND_NAMES, circular_title, fmt, pct
from app.reports.masking import Mask, plain
from app.reports.model import Circular, CommonProblem
from app.vocab.grades import EXCELLENT, FAIL

BASIS = "《行政执法监督条例》第十五条、第十八条"  # 案卷评查 as 日常监督 (15); what it checks (18)
GROUPS = ("立卷", "实体", "程序")
ANNEX = "得分汇总表"


def share(n: int, total: int) -> float:
    """The one 占比: n of ``total`` files, per cent, two decimals."""
    return round(100.0 * n / total, 2) if total else 0.0


def group_of(category: str) -> str:
    """A rubric section as 立卷 (文书、归档), 程序 or 实体 (主体、事实证据、法律适用、决定) — 许昌 2022's grouping."""
    if "归档" in category or "卷" in category:
        return "立卷"
    if any(w in category for w in ("程序", "受理", "送达", "期限", "实施")):
        return "程序"
    if "文书" in category:
        return "立卷"
    return "实体"


def _files_text(files: list[str]) -> str:
    return "、".join(files) if files else "无"


def _scope(c: Circular) -> list[gw.Element]:
    s = c.settings
    units = len(c.agencies)
    kinds = "，".join(f"{KIND_NAMES.get(k, k)}案卷 {n} 件" for k, n in c.by_kind)
    method = s.method or ("评查人员对照评查标准逐卷逐项评分" + (
        f"，其中 {c.double_reviewed} 件由两名评查人员分别评查后合议定稿" if c.double_reviewed else ""))
    silent = (f"单位名录中本次未报送案卷的单位有 {len(c.silent_units)} 个：{'、'.join(c.silent_units)}。"
              if c.silent_units else "单位名录中的单位均报送了案卷。")
    return [
        gw.Heading(1, "一、基本情况"),
        gw.Heading(2, "（一）评查范围。", run_in=(
            f"本次评查对 {units} 个单位报送的 {c.dossiers} 件行政执法案卷开展评查。"
            f"已评查的 {c.reviewed} 件中，{kinds or '无'}。{silent}")),
        gw.Heading(2, "（二）评查方式。", run_in=f"{method}。"),
        gw.Heading(2, "（三）评查进度。", run_in=_progress(c)),
    ]


def _progress(c: Circular) -> str:
    pending = c.reviewed - c.final
    open_ = c.dossiers - c.reviewed
    text = f"截至 {gw.gw_date(c.issued)}，{c.dossiers} 件案卷中已定稿 {c.final} 件（{c.final}/{c.dossiers}）"
    if c.finished:
        return text + "，评查工作已完成。"
    text += f"，已提交待定稿 {pending} 件，尚未评完 {open_} 件，评查工作尚未全部完成。"
    if pending:
        text += "本通报中未定稿案卷的得分按评查人员提交的结果暂计，以定稿结果为准。"
    return text


def _results(c: Circular, mask: Mask) -> list[gw.Element]:
    shares = "；".join(f"{g.grade} {g.count} 件，占 {pct(g.share)}" for g in c.grades)
    good = sum(g.count for g in c.grades if g.grade == EXCELLENT)
    passed = sum(g.count for g in c.grades if g.grade != FAIL)
    out: list[gw.Element] = [
        gw.Heading(1, "二、评查结果"),
        gw.Heading(2, "（一）总体得分。", run_in=(
            f"本次共评查行政执法案卷 {c.reviewed} 件，平均得分 {fmt(c.average if c.reviewed else None)} 分。"
            f"其中{shares}。优秀率 {pct(share(good, c.reviewed))}，合格率 {pct(share(passed, c.reviewed))}"
            "（合格含优秀、良好、合格；占比均为占已评查案卷件数的比例）。")),
    ]
    out += [gw.Image(ch.name, ch.png, ch.title) for ch in c.charts[:1]]
    out.append(gw.Heading(2, "（二）各单位得分。", run_in="各单位案卷得分情况见下表（单位按所属师市列出）。"))
    out.append(gw.GTable(("序号", "单位", "件数", "平均分", "最高分", "最低分", "优秀", "不合格"),
                         tuple((str(i), a.agency, str(a.files), fmt(a.average), fmt(a.highest), fmt(a.lowest),
                                str(a.excellent), str(a.failed)) for i, a in enumerate(c.agencies, 1)),
                         (7, 35, 8, 10, 10, 10, 9, 11), "clrrrrrr"))
    out += [gw.Image(ch.name, ch.png, ch.title) for ch in c.charts[1:]]
    excellent = [
        f"{f.unit} {f.case_number or f.file_name}（{fmt(f.total)} 分）" for f in c.files if f.grade == EXCELLENT
    ]
    out.append(gw.Heading(2, "（三）优秀案卷。", run_in=f"{_files_text(excellent)}。"))
    failed = [
        f"{f.unit} {f.case_number or f.file_name}（{fmt(f.total)} 分，"
        f"{'否决项：' + '；'.join(f.veto_reasons) if f.veto_reasons else '得分未达合格线'}）"
        for f in c.files
        if f.grade == FAIL
    ]
    out.append(gw.Heading(2, "（四）不合格案卷。", run_in=f"{_files_text(failed)}。"))
    return out


def _problem(k: int, p: CommonProblem, reviewed: int, mask: Mask) -> gw.Heading:
    basis = f"（依据：{p.legal_basis}）" if p.legal_basis else ""
    example = f"如{mask(p.example, p.example_dossier)}。" if p.example else ""
    return gw.Heading(
        3,
        f"{k}. {p.item_title}。",
        run_in=(
            f"涉及 {p.files} 件案卷，占已评查案卷的 {pct(share(p.files, reviewed))}，涉及 {len(p.agencies)} 个单位"
            f"{basis}。{example}"
        ),
    )


def _problems(c: Circular, mask: Mask) -> list[gw.Element]:
    grouped: dict[str, list[CommonProblem]] = defaultdict(list)
    for p in c.problems:
        grouped[group_of(p.category)].append(p)
    out: list[gw.Element] = [gw.Heading(1, "三、存在的主要问题")]
    if not c.problems:
        out.append(gw.Para("已评查案卷未发现扣分问题。"))
    n = 0
    for group in GROUPS:
        if not grouped[group]:
            continue
        n += 1
        out.append(gw.Heading(2, f"{gw.level_mark(2, n)}{group}方面。"))
        out += [_problem(k, p, c.reviewed, mask) for k, p in enumerate(grouped[group], 1)]
    return out


def _good_practice(c: Circular) -> list[gw.Element]:
    good = [a.agency for a in c.agencies if a.failed == 0 and a.average >= 90]
    text = (
        f"{'、'.join(good)} 等单位案卷无不合格，平均得分在 90 分以上，案卷制作较为规范。"
        if good
        else "本次评查中没有平均得分在 90 分以上且无不合格案卷的单位。"
    )
    return [gw.Heading(1, "四、好的做法"), gw.Para(text)]


def _demands(c: Circular) -> list[gw.Element]:
    if len(c.deadlines) > 1:
        when = f"按各单位监督意见书和整改台账载明的期限（{gw.gw_date(c.deadlines[0])}至{gw.gw_date(c.deadlines[-1])}）"
    elif c.deadline:
        when = f"于 {gw.gw_date(c.deadline)} 前"
    else:
        when = "在规定期限内"
    return [
        gw.Heading(1, "五、整改要求"),
        gw.Heading(
            2,
            "（一）逐卷逐项整改。",
            run_in=(
                f"各单位要对照本通报和监督意见书指出的问题逐项整改，{when}将整改情况和佐证材料报送{c.settings.organ}。"
                "已归档案卷中无法补正的问题，要在今后执法中杜绝。"
            ),
        ),
        gw.Heading(
            2, "（二）举一反三。", run_in="要健全案卷制作和归档制度，组织执法人员学习评查标准，提高行政执法规范化水平。"
        ),
        gw.Heading(
            2,
            "（三）结果运用。",
            run_in="依据《行政执法监督条例》第三十四条，评查结果作为法治政府建设成效评价的重要内容。",
        ),
    ]


def _annex(c: Circular) -> tuple[str, tuple[gw.Element, ...]]:
    rows = tuple(
        (
            str(i),
            f.unit,
            f.case_number or f.file_name,
            KIND_NAMES.get(f.kind, f.kind),
            fmt(f.total),
            f.grade,
            "已定稿" if f.final else "未定稿",
        )
        for i, f in enumerate(c.files, 1)
    )
    table = gw.GTable(
        ("序号", "单位", "案号", "类型", "得分", "等次", "状态"), rows, (7, 30, 27, 10, 8, 9, 9), "cllcrcc"
    )
    name = c.campaign if c.campaign.endswith(("评查", "评查活动")) else f"{c.campaign}案卷评查"
    return f"{name}{ANNEX}", (table,)


def circular_doc(c: Circular, mask: Mask = plain) -> gw.Doc:
    head = gw.Head(
        c.settings.organ,
        c.settings.mark,
        c.settings.number or f"〔{c.issued.year}〕  号",
        c.settings.recipients,
        c.settings.cc,
    )
    title = circular_title(c.campaign)
    if not c.reviewed:
        why = (
            f"本评查活动共有案卷 {c.dossiers} 件，截至 {gw.gw_date(c.issued)} 尚无已提交的评查结果"
            f"（{'没有导入案卷' if not c.dossiers else '评查表均未提交'}），暂无评查情况可以通报。"
        )
        return gw.Doc(head, title, (gw.Para(why),), c.issued)
    body: list[gw.Element] = [
        gw.Para(
            f"根据{BASIS}{'和' + c.settings.plan if c.settings.plan else ''}，{c.settings.organ}组织开展了"
            f"{c.campaign}。现将评查情况通报如下。"
        )
    ]
    body += _scope(c) + _results(c, mask) + _problems(c, mask) + _good_practice(c) + _demands(c)
    annex = _annex(c)
    return gw.Doc(head, title, tuple(body), c.issued, attachments=(annex[0],), annexes=(annex,))
