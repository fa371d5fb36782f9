"""The data files checked against the statute texts: renumbering table, catalogue versions, 简易程序, 生态环境法典.

Texts (tests/data/statutes): 行政处罚法 2021 in full (LawRefBook/Laws@2f4c5c2 行政法/行政处罚法(2021-01-22).md) and
the 2017 articles the renumbering table uses (Theonefkguy/Chinese-Laws@89a557d, marked as from flk.npc.gov.cn).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from scoring.config import load_config
from scoring.rules.citations import chinese_number, renumbering
from scoring.statutes import Force, load_statutes

DATA = Path(__file__).resolve().parents[1] / "data" / "statutes"
D = dt.date


def _articles_2021() -> dict[int, str]:
    text = (DATA / "行政处罚法(2021-01-22).md").read_text(encoding="utf-8")
    out: dict[int, str] = {}
    for part in re.split(r"\n(?=第[一二三四五六七八九十百零]+条\s)", text):
        m = re.match(r"第([一二三四五六七八九十百零]+)条\s", part)
        if m:
            number = chinese_number(m.group(1))
            assert number is not None
            out[number] = re.split(r"\n#+ ", part)[0].replace("\n", "")
    return out


ART2021 = _articles_2021()
EXCERPT2017 = yaml.safe_load((DATA / "行政处罚法(2017-09-01)-摘录.yaml").read_text(encoding="utf-8"))
ART2017: dict[int, str] = {int(k): str(v) for k, v in EXCERPT2017["text"].items()}
_, TABLE = renumbering()


def test_texts_have_the_article_counts_the_catalogue_records() -> None:
    law = load_statutes().get("行政处罚法")
    assert law is not None
    assert sorted(ART2021) == list(range(1, 87))
    assert [(v.in_force, v.articles) for v in law.versions] == [(D(2018, 1, 1), EXCERPT2017["articles"]),
                                                                (D(2021, 7, 15), len(ART2021))]


@pytest.mark.parametrize("old", sorted(TABLE))
def test_renumbering_row_against_both_texts(old: int) -> None:
    """The old topic is in 2017 第old条 and 2021 第new条, not in 2021 第old条, whose own topic is new_words."""
    row = TABLE[old]
    assert any(w in ART2017[old] for w in row.old_words), ART2017[old]
    assert any(w in ART2021[row.new] for w in row.old_words), ART2021[row.new]
    assert not any(w in ART2021[old] for w in row.old_words), ART2021[old]
    assert any(w in ART2021[old] for w in row.new_words), ART2021[old]
    assert not any(w in ART2017[old] for w in row.new_words), ART2017[old]


def test_article_46_is_evidence_in_2021() -> None:
    """2021 第四十六条 "证据包括：（一）书证；…" — the table no longer calls it 公开/保密."""
    assert ART2021[46].startswith("第四十六条 证据包括")
    assert "证据" in TABLE[46].new_words
    assert not {"公开", "保密"} & set(TABLE[46].new_words)


def test_simple_procedure_kinds_are_those_of_article_51() -> None:
    """第五十一条: "…处以二百元以下、…三千元以下罚款或者警告的行政处罚的，可以当场作出" — no 通报批评."""
    art = ART2021[51]
    trig = load_config().simple_procedure
    assert set(trig.penalty_types) == {"罚款", "警告"}
    assert all(kind in art for kind in trig.penalty_types)
    assert "通报批评" not in art
    assert "二百元以下" in art and trig.fine_person == 200  # noqa: PT018
    assert "三千元以下" in art and trig.fine_organization == 3000  # noqa: PT018


def test_eco_code_repeals_ten_laws_on_2026_08_15() -> None:
    """生态环境法典 第一千二百四十二条: 自2026年8月15日起施行，环境保护法等十部法律同时废止."""
    catalogue = load_statutes()
    code = catalogue.get("生态环境法典")
    assert code is not None
    assert (code.in_force, code.articles, code.adopted) == (D(2026, 8, 15), 1242, D(2026, 3, 12))
    repealed = [law for law in catalogue.laws if law.replaced_by == code.name]
    assert sorted(law.name for law in repealed) == sorted(f"中华人民共和国{n}" for n in (
        "环境保护法", "环境影响评价法", "海洋环境保护法", "大气污染防治法", "水污染防治法", "土壤污染防治法",
        "固体废物污染环境防治法", "噪声污染防治法", "放射性污染防治法", "清洁生产促进法"))
    for law in repealed:
        assert law.repealed == D(2026, 8, 15)
        assert law.state_on(D(2026, 8, 14)) is Force.IN_FORCE
        assert law.state_on(D(2026, 8, 15)) is Force.REPEALED
    assert code.state_on(D(2026, 8, 14)) is Force.NOT_YET
    assert code.state_on(D(2025, 1, 1)) is Force.NOT_ADOPTED


def test_versions_pick_the_text_in_force() -> None:
    """行政复议法: 2017 text (43 articles) until 2023-12-31, the 2023 revision (90) from 2024-01-01 (第九十条)."""
    law = load_statutes().get("行政复议法")
    assert law is not None
    before, after = law.version_on(D(2023, 12, 31)), law.version_on(D(2024, 1, 1))
    assert (before.articles if before else None, after.articles if after else None) == (43, 90)
    revised = load_statutes().get("食品安全法")  # read only in texts after its 2015 revision
    assert revised is not None
    assert revised.state_on(D(2014, 1, 1)) is Force.UNKNOWN
    assert revised.version_on(D(2020, 6, 1)) is None  # in force, but that text was not read


def test_every_version_says_where_it_was_read() -> None:
    for law in load_statutes().laws:
        assert law.versions, law.name
        for v in law.versions:
            assert re.search(r"@[0-9a-f]{7} ", v.read), (law.name, v.read)
            assert v.adopted <= v.in_force, (law.name, v)
        if law.repealed:
            assert law.replaced_by, law.name
