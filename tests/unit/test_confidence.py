"""A confidence on every value and finding; a fail resting on a doubtful reading says unknown instead."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from app.extract import extract
from app.ingest.types import Dossier, Line, Page
from scoring import check
from scoring.rules.base import failed, passed
from scoring.types import Evidence, Fact, Finding, How, Status
from tests.unit.test_rule_builders import clean

FILING = "立案审批表\n当事人\t某某商贸有限公司\n立案日期\t2024年3月4日\n负责人意见\t同意立案。 张建国 2024年3月4日"
DECISION = """某某市市场监督管理局
行政处罚决定书
某市监处罚〔2024〕9号
当事人：某某商贸有限公司
经查，当事人销售过期食品。依据《中华人民共和国食品安全法》第一百二十四条的规定，决定罚款人民币5000元。
某某市市场监督管理局
2024年7月1日"""


def _dossier(*pages: tuple[str, float | None]) -> Dossier:
    out = []
    for n, (text, ocr_conf) in enumerate(pages, start=1):
        lines = tuple(
            Line(t, (60.0, 50.0 + 18 * i, 60.0 + 11 * len(t), 62.0 + 18 * i)) for i, t in enumerate(text.split("\n"))
        )
        out.append(Page(n, text, lines, ocr=ocr_conf is not None, confidence=ocr_conf))
    return Dossier(Path("d.pdf"), "d.pdf", "0" * 64, "pdf", tuple(out))


def test_failed_turns_unknown_on_a_low_confidence_value() -> None:
    sure = failed("超期", (Evidence(3, "2024年7月1日", confidence=0.9),), count=2)
    assert (sure.status, sure.count, sure.confidence) == (Status.FAIL, 2, 0.9)
    shaky = failed("超期", (Evidence(3, "2024年7月1日", confidence=0.5), Evidence(2, "立案")))
    assert shaky.status is Status.UNKNOWN
    assert shaky.message == "超期（所依据的第3页“2024年7月1日”识别把握不足（50%），请人工核对）"
    assert passed("ok", (Evidence(1, "x", confidence=0.4),)).status is Status.PASS  # only fails are doubted


def test_a_guessed_date_makes_the_time_limit_unknown() -> None:
    facts = clean()
    guessed = Fact(dt.date(2024, 7, 1), (Evidence(6, "2024年7月1日"),), 0.55, How.INFERENCE, "推断")
    facts = dataclasses.replace(facts, decision_date=guessed)
    finding = next(f for f in check(facts) if f.rule == "decision_over_90_days")
    assert finding.status is Status.UNKNOWN
    assert finding.confidence == 0.55
    sure = dataclasses.replace(facts, decision_date=dataclasses.replace(guessed, confidence=0.9, how=How.POSITION))
    assert next(f for f in check(sure) if f.rule == "decision_over_90_days").status is Status.FAIL


def test_ocr_confidence_scales_the_value_and_reaches_the_rules() -> None:
    poor = extract(_dossier((FILING, None), (DECISION, 0.6)))
    conf = poor.to_contract()["field_confidence"]
    assert conf["decision_date"]["confidence"] == 0.54  # 落款 (0.9) × the page's OCR confidence 0.6
    assert "第2页为 OCR 识别（置信度 0.60）" in conf["decision_date"]["reason"]
    assert conf["filing_date"] == {"confidence": 0.95, "how": "label", "reason": "标签“立案日期”后的日期"}
    finding = next(f for f in check(poor.facts) if f.rule == "decision_over_90_days")
    assert finding.status is Status.UNKNOWN  # 119 days, but the decision's date was read poorly
    good = extract(_dossier((FILING, None), (DECISION, 0.97)))
    assert next(f for f in check(good.facts) if f.rule == "decision_over_90_days").status is Status.FAIL


def test_words_missing_from_a_poorly_read_page_are_no_fail() -> None:
    """A record OCR read with mean confidence 0.5 lacks the words 回避: unknown; on a good scan: fail."""
    text = "询问笔录\n问：我们是执法人员，这是我们的执法证件，请你过目。\n答：看到了。"

    def with_page(conf: float) -> Finding:
        pages = tuple(
            dataclasses.replace(p, text=text, ocr=True, confidence=conf) if p.number == 3 else p for p in clean().pages
        )
        facts = dataclasses.replace(clean(), pages=pages)
        return next(f for f in check(facts) if f.rule == "recusal_right_not_notified")

    poor, good = with_page(0.5), with_page(0.93)
    assert (poor.status, good.status) == (Status.UNKNOWN, Status.FAIL)
    assert "第3页为识别质量较低的扫描页（OCR 置信度 50%）" in poor.message
