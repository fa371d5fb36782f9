"""The generated corpus: deterministic, valid identity numbers, files that open, truth that the text shows,
and defect cases that differ from their clean twin only in the planted way."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import cn2an
import docx
import pymupdf
import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image
from stdnum.cn import ric, uscc

from tests.corpus import (
    DEFECTS,
    SECTORS,
    CaseTruth,
    cal,
    generate_case,
    load_truth,
    make_bad_inputs,
    make_large_pdf,
)
from tests.corpus.plan import make_plan
from tests.corpus.textfmt import cn_int, cn_money_upper, fmt_date, fmt_money, make_ric, make_uscc
from tests.plugins.corpus import scan_cases, text_cases


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_text(path: Path) -> str:
    with pymupdf.open(str(path)) as doc:
        return squash("".join(page.get_text() for page in doc))


def docx_text(path: Path) -> str:
    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    parts += [c.text for t in d.tables for r in t.rows for c in r.cells]
    return squash("".join(parts))


def docx_pieces(path: Path) -> int:
    """Pieces of a DOCX as the contract counts them: page-break runs, pageBreakBefore, next-page sections."""
    body = docx.Document(str(path)).element.body
    runs = len(body.xpath('.//w:br[@w:type="page"]'))
    before = len(body.xpath(".//w:pPr/w:pageBreakBefore"))
    sections = len(body.xpath(".//w:pPr/w:sectPr"))
    return runs + before + sections + 1


def truth_strings(case: CaseTruth) -> list[str]:
    f = case.fields
    out = [case.notes["case_number_printed"], f["case_title"], f["agency"], f["party_name"], f["party_id"]]
    for o in f["officers"]:
        out.append(o["name"])
        if o["cert_no"]:
            out.append(o["cert_no"])
    return [squash(s) for s in out]


# --- writers ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("amount", "text"), [
    (5000, "伍仟元整"), (12345.5, "壹万贰仟叁佰肆拾伍元伍角"), (320.05, "叁佰贰拾元零伍分"),
    (100000, "壹拾万元整"), (10010, "壹万零壹拾元整"), (30500, "叁万零伍佰元整"), (1000000, "壹佰万元整"),
])  # fmt: skip
def test_money_upper(amount: float, text: str) -> None:
    assert cn_money_upper(amount) == text


@given(st.integers(min_value=100, max_value=99_999_999_99))
def test_money_upper_agrees_with_cn2an(cents: int) -> None:
    amount = cents / 100
    assert cn_money_upper(amount) == cn2an.an2cn(f"{amount:.2f}", "rmb")


@given(st.integers(min_value=0, max_value=9999))
def test_small_numerals_agree_with_cn2an(n: int) -> None:
    assert cn_int(n) == cn2an.an2cn(n)


def test_money_and_date_styles() -> None:
    day = dt.date(2024, 3, 4)
    assert [fmt_date(day, s) for s in ("cn", "cn_pad", "upper", "upper_o", "upper_ling", "dot", "dash", "slash")] == [
        "2024年3月4日", "2024年03月04日", "二〇二四年三月四日", "二○二四年三月四日", "二零二四年三月四日",
        "2024.3.4", "2024-03-04", "2024/3/4"]
    assert fmt_date(dt.date(2020, 10, 10), "upper") == "二〇二〇年十月十日"
    assert [fmt_money(5000, s) for s in ("plain", "comma", "upper", "upper_paren", "wan", "yen")] == [
        "5000元", "5,000元", "人民币伍仟元整", "人民币伍仟元整（¥5000.00）", "0.5万元", "¥5,000.00"]


def test_identity_numbers_pass_stdnum() -> None:
    import random

    rng = random.Random(3)
    for k in range(200):
        assert uscc.is_valid(make_uscc(rng, area="659001", kind="91" if k % 2 else "92"))
        assert ric.is_valid(make_ric(rng, area="652801", male=bool(k % 2)))


def test_working_days_follow_holidays_and_makeup_days() -> None:
    assert not cal.is_workday(dt.date(2024, 10, 1))  # 国庆
    assert cal.is_workday(dt.date(2024, 10, 12))  # Saturday, 调休上班
    assert cal.is_workday(dt.date(2026, 1, 4))  # Sunday, 调休上班
    assert cal.add_workdays(dt.date(2024, 9, 27), 7) == dt.date(2024, 10, 12)
    assert cal.workdays_between(dt.date(2024, 2, 8), dt.date(2024, 2, 19)) == 3  # 春节 2.10–2.17, 2.18 上班


# --- single cases --------------------------------------------------------------------------------------


def test_generate_case_is_deterministic(tmp_path: Path) -> None:
    a = generate_case(tmp_path / "a", seed=11, sector="生态环境", fmt="pdf")
    b = generate_case(tmp_path / "b", seed=11, sector="生态环境", fmt="pdf")
    assert a == b
    assert (tmp_path / "a" / a.file).read_bytes() == (tmp_path / "b" / b.file).read_bytes()  # same sha256
    c = generate_case(tmp_path / "c", seed=12, sector="生态环境", fmt="pdf")
    assert c.fields != a.fields


def test_docx_pieces_match_page_types(tmp_path: Path) -> None:
    case = generate_case(tmp_path, seed=5, sector="农业农村", fmt="docx")
    again = generate_case(tmp_path / "again", seed=5, sector="农业农村", fmt="docx")
    assert (tmp_path / case.file).read_bytes() == (tmp_path / "again" / again.file).read_bytes()
    assert docx_pieces(tmp_path / case.file) == len(case.page_types)
    text = docx_text(tmp_path / case.file)
    assert all(s in text for s in truth_strings(case))
    rfonts = set(docx.Document(str(tmp_path / case.file)).element.body.xpath(".//w:rFonts/@w:eastAsia"))
    assert "楷体" in rfonts
    assert rfonts & {"宋体", "仿宋_GB2312", "SimSun"}


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 6, 7])
def test_docx_page_break_kinds_all_count(tmp_path: Path, seed: int) -> None:
    case = generate_case(tmp_path, seed=seed, sector="市场监管", fmt="docx")
    assert docx_pieces(tmp_path / case.file) == len(case.page_types), case.notes["style"]["docx_break"]


def test_documents_cover_every_page_once(tmp_path: Path) -> None:
    case = generate_case(tmp_path, seed=8, sector="交通运输", fmt="pdf")
    pages = sorted(p for d in case.documents for p in d["pages"])
    assert pages == list(range(1, len(case.page_types) + 1))
    with pymupdf.open(str(tmp_path / case.file)) as doc:
        assert doc.page_count == len(case.page_types)
    assert case.page_types[:2] == ["cover", "toc"]
    assert case.page_types[-1] == "remarks"


def _seal_count(path: Path, page: int) -> int:
    with pymupdf.open(str(path)) as doc:
        return len(doc[page - 1].get_images())


def _find_twin(sector: str, defect: str, ok: object) -> int:
    for seed in range(300):
        plan = make_plan(seed, sector)
        quick = plan.style["scanned_evidence"] == "no"  # no page rasterised: a faster pair
        if quick and plan.dates.extension is None and ok(plan):  # type: ignore[operator]
            return seed
    raise AssertionError("no twin seed")


FIELD_DIFFS = {
    "decision_over_90_days": {"notice_date", "decision_date", "service_date", "closing_date"},
    "service_over_7_days": {"service_date", "closing_date"},
    "notice_to_decision_under_5_days": {"decision_date", "service_date", "closing_date"},
    "officers_fewer_than_two": {"officers"},
    "officer_without_cert": {"officers"},
    "missing_document:legal_review": set(),
    "missing_document:service_receipt": {"service_date"},
    "provision_not_specific": {"penalty_provisions", "violated_provisions"},  # one of them, by variant
    "fine_mismatch_notice_decision": set(),
    "party_name_mismatch": set(),
    "no_remedy_notice": set(),
    "dates_out_of_order": {"closing_date", "service_date"},  # one of them, by variant
    "invalid_party_id": {"party_id"},
    "missing_signature_or_seal": set(),
}


def _assert_changed(defect: str, changed: set[str]) -> None:
    """Only the fields the defect may move changed; those that must show it did."""
    allowed = FIELD_DIFFS[defect]
    assert changed <= allowed
    if allowed and not defect.endswith("days"):
        assert changed


def _twin_condition(defect: str):  # type: ignore[no-untyped-def]
    if defect == "missing_document:legal_review":
        return lambda p: p.hearing and p.fine >= 100000
    if defect == "notice_to_decision_under_5_days":
        return lambda p: not p.hearing and not p.waiver and p.seed % 3
    if defect == "missing_document:service_receipt":
        return lambda p: p.seed % 5 < 2  # clean twin already has the notice signed on its face
    return lambda p: True


@pytest.mark.parametrize("defect", DEFECTS)
def test_defect_differs_from_clean_twin_only_as_planted(tmp_path: Path, defect: str) -> None:
    sector = "生态环境" if defect == "missing_document:legal_review" else SECTORS[DEFECTS.index(defect) % 7]
    seed = _find_twin(sector, defect, _twin_condition(defect))
    clean = generate_case(tmp_path / "clean", seed=seed, sector=sector, fmt="pdf")
    bad = generate_case(tmp_path / "bad", seed=seed, sector=sector, fmt="pdf", defects=[defect])
    assert bad.defects == [defect]
    assert clean.defects == []
    changed = {k for k in clean.fields if clean.fields[k] != bad.fields[k]}
    _assert_changed(defect, changed)
    clean_types = [d["type"] for d in clean.documents]
    bad_types = [d["type"] for d in bad.documents]
    if defect.startswith("missing_document:"):
        gone = defect.split(":")[1]
        assert gone in clean_types
        assert gone not in bad_types
        assert [t for t in clean_types if t != gone] == bad_types
    else:
        assert clean_types == bad_types
    _check_planted_text(defect, tmp_path, clean, bad)


def _check_planted_text(defect: str, tmp: Path, clean: CaseTruth, bad: CaseTruth) -> None:
    ctext, btext = pdf_text(tmp / "clean" / clean.file), pdf_text(tmp / "bad" / bad.file)
    if defect == "no_remedy_notice":
        assert "行政复议" in ctext
        assert "行政复议" not in btext
    elif defect == "missing_signature_or_seal":
        kind = ("penalty_decision", "penalty_notice")[bad.seed % 2]
        page = next(d["pages"][-1] for d in bad.documents if d["type"] == kind)
        assert _seal_count(tmp / "clean" / clean.file, page) == 1
        assert _seal_count(tmp / "bad" / bad.file, page) == 0
    elif defect == "fine_mismatch_notice_decision":
        assert bad.notes["notice_fine"] != bad.fields["fine_amount"] == clean.notes["notice_fine"]
    elif defect == "party_name_mismatch":
        assert ctext.count(clean.fields["party_name"]) > btext.count(bad.fields["party_name"])
    elif defect == "officer_without_cert":
        assert bad.fields["officers"][1]["cert_no"] is None
        assert clean.fields["officers"][1]["cert_no"] not in btext
    elif defect == "invalid_party_id":
        assert not (uscc.is_valid(bad.fields["party_id"]))
        assert not (ric.is_valid(bad.fields["party_id"]))
    else:
        assert ctext != btext


def test_planted_time_limits_hold(tmp_path: Path) -> None:
    over90 = make_plan(3, "市场监管", ("decision_over_90_days",)).dates
    assert (over90.decision - over90.filing).days > 90
    late = make_plan(3, "市场监管", ("service_over_7_days",)).dates
    assert cal.workdays_between(late.decision, late.service) > 7
    short = make_plan(3, "市场监管", ("notice_to_decision_under_5_days",)).dates
    assert cal.workdays_between(short.notice_service, short.decision) < 5
    backwards = make_plan(2, "市场监管", ("dates_out_of_order",)).dates  # variant 0: 结案 before 决定
    assert backwards.closing < backwards.decision
    served_early = make_plan(3, "市场监管", ("dates_out_of_order",)).dates  # variant 1: 送达 before 决定
    assert served_early.service < served_early.decision


def test_clean_plans_satisfy_the_law() -> None:
    for seed in range(60):
        for sector in SECTORS:
            p = make_plan(seed, sector)
            d = p.dates
            assert len(p.officers) >= 2
            assert all(o.cert for o in p.officers)
            if d.extension is None:
                assert (d.decision - d.filing).days <= 90
            else:
                assert d.extension < d.filing + dt.timedelta(days=90) < d.decision <= d.filing + dt.timedelta(120)
            assert cal.workdays_between(d.decision, d.service) <= 7
            assert p.waiver or cal.workdays_between(d.notice_service, d.decision) >= 5
            assert d.source <= d.filing <= d.inquiry <= d.report <= d.notice <= d.notice_service
            assert d.notice_service < d.decision <= d.service <= d.payment <= d.closing
            assert d.legal_review <= d.notice
            assert (d.hearing or d.notice_service) <= d.discussion < d.decision
            assert d.hearing is None or cal.workdays_between(d.notice_service, d.hearing) >= 8
            assert p.notice_fine == p.fine


# --- the session corpus --------------------------------------------------------------------------------


def test_corpus_mix(corpus: tuple[Path, list[CaseTruth]]) -> None:
    root, cases = corpus
    assert load_truth(root / "truth.json") == cases
    assert json.loads((root / "truth.json").read_text(encoding="utf-8"))[0]["fields"].keys() == cases[0].fields.keys()
    if len(cases) >= 28:
        assert {c.sector for c in cases} == set(SECTORS)
        assert {c.defects[0] for c in cases if c.defects} == set(DEFECTS)
        assert abs(sum(not c.defects for c in cases) - len(cases) / 2) <= 1
        assert {c.fmt for c in cases} == {"pdf", "docx", "scan_pdf", "images", "tiff"}


def test_corpus_ids_valid_unless_planted(corpus: tuple[Path, list[CaseTruth]]) -> None:
    for case in corpus[1]:
        pid = case.fields["party_id"]
        valid = uscc.is_valid(pid) or ric.is_valid(pid)
        assert valid != ("invalid_party_id" in case.defects), case.file


def test_text_layer_shows_the_truth(corpus: tuple[Path, list[CaseTruth]]) -> None:
    root, cases = corpus
    for case in text_cases(cases):
        path = root / case.file
        text = pdf_text(path) if case.fmt == "pdf" else docx_text(path)
        missing = [s for s in truth_strings(case) if s not in text]
        assert missing == [], case.file
        assert [c for c in text if 0xF900 <= ord(c) <= 0xFAFF] == [], case.file  # no compatibility ideographs
        if case.fmt == "pdf":
            with pymupdf.open(str(path)) as doc:
                assert doc.page_count == len(case.page_types)
        else:
            assert docx_pieces(path) == len(case.page_types)


def test_scans_have_no_text_layer(corpus: tuple[Path, list[CaseTruth]]) -> None:
    root, cases = corpus
    for case in scan_cases(cases):
        path = root / case.file
        assert len(case.page_types) <= 8
        if case.fmt == "scan_pdf":
            with pymupdf.open(str(path)) as doc:
                assert doc.page_count == len(case.page_types)
                assert all(page.get_text().strip() == "" for page in doc)
        elif case.fmt == "tiff":
            with Image.open(path) as img:
                assert img.n_frames == len(case.page_types)
        else:
            assert len(sorted(path.iterdir())) == len(case.page_types)


# --- bad inputs and large files ------------------------------------------------------------------------


def test_bad_inputs(bad_inputs: dict[str, Path]) -> None:
    import zipfile

    assert set(bad_inputs) == {"encrypted_pdf", "corrupt_pdf", "zero_byte", "not_a_pdf", "docx_not_zip",
                               "zip_bomb", "zip_slip", "zero_pages_pdf"}
    with pymupdf.open(str(bad_inputs["encrypted_pdf"])) as doc:
        assert doc.needs_pass
    assert bad_inputs["zero_byte"].stat().st_size == 0
    assert not bad_inputs["not_a_pdf"].read_bytes().startswith(b"%PDF")
    assert not zipfile.is_zipfile(bad_inputs["docx_not_zip"])
    with zipfile.ZipFile(bad_inputs["zip_bomb"]) as zf:
        assert sum(i.file_size for i in zf.infolist()) > 1_000_000_000
    assert bad_inputs["zip_bomb"].stat().st_size < 2_000_000
    with zipfile.ZipFile(bad_inputs["zip_slip"]) as zf:
        assert "../evil.pdf" in zf.namelist()
    with pymupdf.open(str(bad_inputs["zero_pages_pdf"])) as doc:
        assert doc.page_count == 0
    with pymupdf.open(str(bad_inputs["corrupt_pdf"])) as doc:
        assert doc.page_count == 0


def test_make_bad_inputs_elsewhere(tmp_path: Path) -> None:
    assert sorted(p.name for p in make_bad_inputs(tmp_path).values()) == sorted(p.name for p in tmp_path.iterdir())


@pytest.mark.parametrize("scanned", [False, True])
def test_large_pdf_has_exact_page_count(tmp_path: Path, scanned: bool) -> None:
    path = tmp_path / "long.pdf"
    make_large_pdf(path, pages=60, scanned=scanned, seed=1)
    with pymupdf.open(str(path)) as doc:
        assert doc.page_count == 60
        assert (doc[30].get_text().strip() == "") is scanned


def test_demo_dossiers_are_current_and_small(tmp_path: Path) -> None:
    from tests.corpus.demo import DEMO_DIR, make_demo

    committed = load_truth(DEMO_DIR / "truth.json")
    assert make_demo(tmp_path) == committed
    assert all((DEMO_DIR / c.file).is_file() for c in committed)
    assert sum(p.stat().st_size for p in DEMO_DIR.iterdir()) < 2_000_000
    assert "虚构" in (DEMO_DIR / "README.md").read_text(encoding="utf-8")
    assert [bool(c.defects) for c in committed].count(True) >= 2


@pytest.mark.parametrize("defect", DEFECTS)
def test_short_scan_dossiers_keep_the_planted_defect(defect: str) -> None:
    from tests.corpus.assemble import build, truth_documents, truth_fields

    sector = "生态环境" if defect == "missing_document:legal_review" else SECTORS[DEFECTS.index(defect) % 7]
    seed = _find_twin(sector, defect, _twin_condition(defect))
    clean_plan, bad_plan = make_plan(seed, sector), make_plan(seed, sector, (defect,))
    clean, bad = build(clean_plan, short=True), build(bad_plan, short=True)
    assert len(clean.pages) <= 8
    assert len(bad.pages) <= 8
    cf, bf = truth_fields(clean_plan, clean), truth_fields(bad_plan, bad)
    changed = {k for k in cf if cf[k] != bf[k]}
    _assert_changed(defect, changed)
    if defect.startswith("missing_document:"):
        gone = defect.split(":")[1]
        assert gone in truth_documents(clean)[0]
        assert gone not in truth_documents(bad)[0]
