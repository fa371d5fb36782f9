"""The 通报 and 监督意见书 as GB/T 9704-2012 公文: golden figures computed here from the planned campaign
(not by the report code), DOCX structure (margins, East-Asian font names, red separator, page-number
fields on odd and even pages), PDF text and drawing checks, empty campaigns, and ``report -o`` not
overwriting."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pymupdf
import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from app.reports import gongwen as gw
from app.reports.model import ReportKind
from app.services import (
    create_campaign,
    ensure_agency,
    ensure_user,
    open_review,
    open_store,
    save_item_score,
    submit_review,
)
from app.services.doc_settings import read_doc_settings, save_doc_settings
from app.services.ledger import set_deadline
from app.services.reconcile import finalise
from app.services.reports import ReportRequest, export_report
from app.store.engine import Store
from tests.e2e.test_reports_campaign import _insert_dossier

CAMPAIGN = "2026年度行政处罚案卷评查"
ISSUED = dt.date(2026, 12, 3)
A, B, SILENT = "第一师/市场监管局", "第二师/市场监管局", "第三师/统计局"  # two units share a leaf name
DEADLINE_A, DEADLINE_B = dt.date(2027, 1, 15), dt.date(2027, 1, 31)


@dataclass(frozen=True)
class File:
    unit: str
    plan: dict[str, float]  # item -> deduction; "veto.no_notice": 1 triggers that veto
    state: str  # final | submitted | none
    reviewers: int = 1  # 2: a second reviewer submits the same scores (not finalised)


FILES = (
    File(A, {}, "final"),  # 100 优秀
    File(A, {"procedure.service_timely": 3.0, "documents.templates": 1.0}, "submitted"),  # 96 优秀, not final
    File(A, {"veto.no_notice": 1.0, "archiving.toc": 1.0}, "final"),  # veto: 0 不合格
    File(B, {"evidence.chain": 3.0, "law.discretion": 4.0, "procedure.legal_review": 4.0}, "final"),  # 89 良好
    File(B, {}, "none"),  # never reviewed
)
TOTALS = (100.0, 96.0, 0.0, 89.0)  # the reviewed files, in order (the rubric's veto_zero: a veto scores 0)
GRADES = ("优秀", "优秀", "不合格", "良好")


@dataclass(frozen=True)
class Built:
    store: Store
    supervisor: object
    campaign_id: int
    dossiers: tuple[int, ...]


def _build(db: Path, files: tuple[File, ...] = FILES) -> Built:
    store = open_store(f"sqlite:///{db}")
    sup = ensure_user(store, "督查组长", role="supervisor")
    reviewer = ensure_user(store, "评查员甲")
    second = ensure_user(store, "评查员乙")
    ids = {u: ensure_agency(store, u).id for u in (A, B, SILENT)}
    campaign = create_campaign(store, CAMPAIGN, year=2026, rubric_id="penalty", user=sup)
    dossiers = []
    for n, f in enumerate(files):
        did, _, _ = _insert_dossier(store, campaign.id, ids[f.unit], n, finding=False)
        dossiers.append(did)
        if f.state == "none":
            continue
        for who in (reviewer, second)[:f.reviewers]:
            review = open_review(store, did, reviewer=who)
            for item in review.items:
                want = f.plan.get(item.item, 0.0)
                if want or item.deducted:
                    review = save_item_score(store, review.id, item.item, deducted=want, pages=(3,) if want else (),
                                             reason=f"问题{item.item}" if want else "无", user=who,
                                             expected_version=review.version)
            submit_review(store, review.id, user=who, expected_version=review.version)
        if f.state == "final":
            finalise(store, did, settled={}, user=sup)
    set_deadline(store, campaign.id, DEADLINE_A, user=sup, unit=A)
    set_deadline(store, campaign.id, DEADLINE_B, user=sup, unit=B)
    return Built(store, sup, campaign.id, tuple(dossiers))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    b = _build(tmp_path_factory.mktemp("gongwen") / "db.sqlite")
    save_doc_settings(
        b.store,
        CAMPAIGN,
        {
            "organ": "兵团司法局",
            "mark": "兵团司法局文件",
            "number": "兵司发〔2026〕12号",
            "recipients": "各师市司法局、兵团有关部门",
            "cc": "兵团法治建设委员会办公室",
            "opinion_prefix": "兵司监",
        },
        user=b.supervisor,
    )  # type: ignore[arg-type]
    return b


def _write(b: Built, kind: ReportKind, fmt: str, out: Path) -> Path:
    req = ReportRequest(CAMPAIGN, kind, fmt, True, issued=ISSUED)
    (path,) = export_report(b.store, req, out, user=b.supervisor)  # type: ignore[arg-type]
    return path


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _pdf_text(path: Path) -> str:
    with pymupdf.open(path) as pdf:
        return _flat("".join(p.get_text() for p in pdf))


def _docx_text(path: Path) -> str:
    doc = Document(str(path))
    return _flat(
        "\n".join(p.text for p in doc.paragraphs)
        + " ".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    )


def _pct(n: int, total: int) -> str:
    return f"{100 * n / total:.2f}%"


def test_settings_are_stored_with_the_campaign(built: Built) -> None:
    s = read_doc_settings(built.store, CAMPAIGN)
    assert (s.organ, s.mark, s.number) == ("兵团司法局", "兵团司法局文件", "兵司发〔2026〕12号")
    assert s.recipients == ("各师市司法局", "兵团有关部门")
    assert s.cc == ("兵团法治建设委员会办公室",)
    assert s.objection_days == 10  # not set: the default


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_circular_figures(built: Built, tmp_path: Path, fmt: str) -> None:
    path = _write(built, ReportKind.CIRCULAR, fmt, tmp_path / f"c.{fmt}")
    text = _pdf_text(path) if fmt == "pdf" else _docx_text(path)
    reviewed, dossiers = len(TOTALS), len(FILES)
    final = sum(1 for f in FILES if f.state == "final")
    assert reviewed == 4
    assert final == 3
    assert dossiers == 5
    average = round(sum(TOTALS) / reviewed, 2)  # 71.25
    assert _flat(f"本次共评查行政执法案卷 {reviewed} 件，平均得分 {average:g} 分") in text
    assert _flat(f"已定稿 {final} 件（{final}/{dossiers}）") in text
    assert "评查工作尚未全部完成" in text
    assert "已完成" not in text.replace("尚未全部完成", "")
    for grade in ("优秀", "良好", "不合格"):
        n = GRADES.count(grade)
        assert _flat(f"{grade} {n} 件，占 {_pct(n, reviewed)}") in text
    assert _flat(f"优秀率 {_pct(2, reviewed)}，合格率 {_pct(3, reviewed)}") in text
    assert _flat(f"单位名录中本次未报送案卷的单位有 1 个：{SILENT}") in text
    assert "行政处罚案卷4件" in text
    assert "否决项：作出处罚决定前未告知拟处罚内容及事实、理由、依据，或拒绝听取陈述申辩" in text
    assert "两名评查人员" not in text  # every file here had one reviewer
    assert "立卷方面" in text
    assert "实体方面" in text
    assert "程序方面" in text
    # the ledger's deadlines (two units, two dates), not the report date + 30 days
    assert _flat(f"（{gw.gw_date(DEADLINE_A)}至{gw.gw_date(DEADLINE_B)}）") in text
    assert gw.gw_date(ISSUED + dt.timedelta(days=30)) not in text
    assert "兵司发〔2026〕12号" in text
    assert "各师市司法局、兵团有关部门：" in text
    assert "抄送：兵团法治建设委员会办公室" in text
    assert "兵团司法局2026年12月3日印发" in text
    assert "附件：2026年度行政处罚案卷评查得分汇总表" in text
    assert A in text
    assert B in text


def test_opinions_one_per_unit_with_measures_basis_objection_and_receipt(built: Built, tmp_path: Path) -> None:
    for fmt in ("docx", "pdf"):
        path = _write(built, ReportKind.OPINION, fmt, tmp_path / f"o.{fmt}")
        text = _pdf_text(path) if fmt == "pdf" else _docx_text(path)
        assert text.count("依据《行政执法监督条例》第二十八条") == 2  # two units with files: A and B, not merged
        assert "兵司监〔2026〕1号" in text
        assert "兵司监〔2026〕2号" in text
        assert _flat(f"{A}：") in text
        assert _flat(f"{B}：") in text
        assert _flat(f"于 {gw.gw_date(DEADLINE_A)} 前将纠正情况") in text
        assert _flat(f"于 {gw.gw_date(DEADLINE_B)} 前将纠正情况") in text
        objection = gw.gw_date(ISSUED + dt.timedelta(days=10))
        assert text.count(_flat(f"依照《行政执法监督条例》第三十条，于 {objection} 前")) == 2
        assert text.count("整改情况回执") >= 4  # 附件说明 and the annex title, per unit
        assert "整改措施" in text
        a_avg = round((100 + 96 + 0) / 3, 2)
        assert _flat(f"对你单位 3 件行政执法案卷进行了评查，平均得分 {a_avg:g} 分") in text
        assert _flat("其中 1 件尚未定稿") in text


def test_docx_follows_gb_t_9704(built: Built, tmp_path: Path) -> None:
    doc = Document(str(_write(built, ReportKind.CIRCULAR, "docx", tmp_path / "c.docx")))
    s = doc.sections[0]
    for got, want in (
        (s.page_width, 210),
        (s.page_height, 297),
        (s.top_margin, 37),
        (s.bottom_margin, 35),
        (s.left_margin, 28),
        (s.right_margin, 26),
    ):
        assert abs(got - Mm(want)) < Mm(0.1)
    grid = s._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "579"  # 225 mm / 22 lines
    body = doc.element.body
    east = {r.get(qn("w:eastAsia")) for r in body.iter(qn("w:rFonts"))}
    assert {gw.FANGSONG, gw.XIAOBIAOSONG, gw.HEITI, gw.KAITI} <= east
    mark = next(p for p in doc.paragraphs if p.text == "兵团司法局文件")
    assert mark.runs[0].font.color.rgb is not None
    assert str(mark.runs[0].font.color.rgb) == gw.RED_HEX
    number = next(p for p in doc.paragraphs if p.text == "兵司发〔2026〕12号")
    line = number._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}")
    assert line is not None
    assert line.get(qn("w:color")) == gw.RED_HEX
    assert doc.settings.odd_and_even_pages_header_footer
    for footer, side in ((s.footer, "right"), (s.even_page_footer, "left")):
        p = footer.paragraphs[0]
        assert p.alignment is not None
        assert p.alignment.name.lower() == side
        assert "PAGE" in "".join(t.text for t in p._p.iter(qn("w:instrText")))
        assert p.text.startswith("— ")
        assert p.text.endswith(" —")
    table = next(x for x in doc.part.package.iter_parts() if str(x.partname) == "/word/fontTable.xml").blob.decode()
    assert f'w:name="{gw.FANGSONG}"><w:altName w:val="{gw.FANGSONG_ALT}"/>' in table  # the fallback


def test_pdf_page_geometry_red_line_and_page_numbers(built: Built, tmp_path: Path) -> None:
    path = _write(built, ReportKind.CIRCULAR, "pdf", tmp_path / "c.pdf")
    mm = 72 / 25.4
    with pymupdf.open(path) as pdf:
        assert pdf.page_count >= 3
        first = pdf[0]
        assert abs(first.rect.width - 210 * mm) < 1
        assert abs(first.rect.height - 297 * mm) < 1
        reds = [d for d in first.get_drawings() if d.get("color") and d["color"][0] > 0.8 and d["color"][1] < 0.1]
        assert reds, "no red separator line"
        red = reds[0]["rect"]
        assert abs(red.x0 - 28 * mm) < 1
        assert abs(red.x1 - (210 - 26) * mm) < 1
        words = first.get_text("words")
        left = min(w[0] for w in words if w[1] > 37 * mm and w[3] < (297 - 35) * mm)
        assert abs(left - 28 * mm) < 2  # 订口 28 mm
        for n in range(pdf.page_count):
            page = pdf[n]
            hits = page.search_for(f"— {n + 1} —")
            assert hits, f"page {n + 1} has no number"
            r = hits[0]
            assert r.y0 > (297 - 35) * mm  # under the text block
            if (n + 1) % 2:
                assert r.x1 > page.rect.width / 2  # odd: right
            else:
                assert r.x0 < page.rect.width / 2  # even: left
        fonts = {f[3] for n in range(pdf.page_count) for f in pdf[n].get_fonts()}
        assert any("SungtiL" in f for f in fonts)
        assert any("Kaiti" in f for f in fonts)


def test_empty_campaign_explains_itself(tmp_path: Path) -> None:
    b = _build(tmp_path / "db.sqlite", files=(File(A, {}, "none"),))
    for kind in (ReportKind.CIRCULAR, ReportKind.OPINION):
        for fmt in ("pdf", "docx"):
            path = _write(b, kind, fmt, tmp_path / f"{kind}.{fmt}")
            text = _pdf_text(path) if fmt == "pdf" else _docx_text(path)
            assert "尚无已提交的评查结果" in text
    circular = _pdf_text(tmp_path / "circular.pdf")
    assert "共有案卷1件" in circular
    assert "平均得分" not in circular


def test_method_counts_files_scored_by_two_reviewers(tmp_path: Path) -> None:
    b = _build(tmp_path / "db.sqlite", files=(File(A, {}, "submitted", reviewers=2), File(B, {}, "submitted")))
    text = _pdf_text(_write(b, ReportKind.CIRCULAR, "pdf", tmp_path / "c.pdf"))
    assert _flat("其中 1 件由两名评查人员分别评查后合议定稿") in text
    assert _flat("已定稿 0 件（0/2）") in text


def test_cli_report_does_not_overwrite(
    built: Built, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.cli import main

    monkeypatch.setenv("CASEREVIEW_USER", "督查组长")  # settings are the supervisor's
    out = tmp_path / "通报.docx"
    out.write_bytes(b"keep me")
    args = [
        "--db",
        built.store.url,
        "report",
        "--campaign",
        CAMPAIGN,
        "--kind",
        "circular",
        "--format",
        "docx",
        "-o",
        str(out),
        "--date",
        "2026-12-03",
    ]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert str(out) in err
    assert "已存在" in err
    assert "--force" in err
    assert out.read_bytes() == b"keep me"
    assert main([*args, "--force", "--objection-days", "15"]) == 0
    assert out.read_bytes()[:2] == b"PK"
    assert read_doc_settings(built.store, CAMPAIGN).objection_days == 15
    save_doc_settings(built.store, CAMPAIGN, {"objection_days": 10}, user=built.supervisor)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("level", "n", "mark"),
    [(1, 1, "一、"), (1, 11, "十一、"), (2, 3, "（三）"), (2, 20, "（二十）"), (3, 12, "12."), (4, 2, "（2）")],
)
def test_heading_ordinals(level: int, n: int, mark: str) -> None:
    assert gw.level_mark(level, n) == mark  # GB/T 9704-2012 7.3.3: 一、（一）1.（1）
