"""The statute catalogue (resources/statutes.yaml) and its loader."""

from __future__ import annotations

from collections import Counter

import pytest

from scoring.statutes import load_statutes

REQUIRED = [
    "行政处罚法", "行政强制法", "行政许可法", "食品安全法", "产品质量法", "安全生产法", "道路运输条例",
    "道路交通安全法", "大气污染防治法", "水污染防治法", "固体废物污染环境防治法", "环境保护法",
    "环境影响评价法", "城乡规划法", "广告法", "价格法", "反不正当竞争法", "消费者权益保护法", "药品管理法",
    "医疗器械监督管理条例", "化妆品监督管理条例", "计量法", "标准化法", "特种设备安全法", "食品安全法实施条例",
    "农产品质量安全法", "农药管理条例", "种子法", "动物防疫法", "渔业法", "土地管理法", "建筑法", "消防法",
    "职业病防治法", "传染病防治法", "医师法", "公共场所卫生管理条例", "烟草专卖法", "网络安全法",
    "市场主体登记管理条例", "无证无照经营查处办法", "生产安全事故应急条例",
]  # fmt: skip


@pytest.mark.parametrize("name", REQUIRED)
def test_required_laws_are_known(name: str) -> None:
    assert load_statutes().get(name) is not None


@pytest.mark.parametrize(
    ("cited", "full"),
    [
        ("食品安全法", "中华人民共和国食品安全法"),
        ("《食品安全法》", "中华人民共和国食品安全法"),
        ("《中华人民共和国食品安全法》", "中华人民共和国食品安全法"),
        ("《 食品 安全法 》", "中华人民共和国食品安全法"),
        ("中华人民共和国食品安全法实施条例", "中华人民共和国食品安全法实施条例"),
        ("食品安全法实施条例", "中华人民共和国食品安全法实施条例"),
        ("《医疗器械监督管理条例》", "医疗器械监督管理条例"),
        ("道路运输条例", "中华人民共和国道路运输条例"),
    ],
)
def test_full_name(cited: str, full: str) -> None:
    assert load_statutes().full_name(cited) == full


def test_unknown_law() -> None:
    assert load_statutes().get("《某某省某某条例》") is None
    assert load_statutes().full_name("某某法") is None


@pytest.mark.parametrize(
    ("name", "articles"),
    [
        ("行政处罚法", 86),
        ("行政强制法", 71),
        ("行政许可法", 83),
        ("食品安全法", 154),
        ("产品质量法", 74),
        ("安全生产法", 119),
        ("反不正当竞争法", 41),
        ("传染病防治法", 115),
        ("烟草专卖法", 43),
        ("公共场所卫生管理条例", 19),
        ("无证无照经营查处办法", 19),
        ("市场主体登记管理条例", 55),
        ("渔业法", 90),  # revised 2025-12-27, in force 2026-05-01
        ("网络安全法", 81),  # amended 2025-10-28
        ("生态环境法典", 1242),
        ("兽药管理条例", 75),
    ],
)
def test_article_counts(name: str, articles: int | None) -> None:
    law = load_statutes().get(name)
    assert law is not None
    assert law.articles == articles


def test_catalogue_is_consistent() -> None:
    laws = load_statutes().laws
    names = Counter(law.name for law in laws)
    assert [n for n, c in names.items() if c > 1] == []
    aliases = Counter(a for law in laws for a in law.aliases)
    assert [a for a, c in aliases.items() if c > 1] == []
    assert all(a not in names for a in aliases)  # an alias never names another law
    assert all(law.kind in ("law", "regulation", "rule") for law in laws)
    assert all(law.articles is None or 1 <= law.articles <= 1242 for law in laws)
    assert all("《" not in law.name and " " not in law.name for law in laws)
