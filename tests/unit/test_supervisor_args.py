"""The supervisor commands' small parsers: `--settle ITEM=DEDUCTION[:REASON]`, `--reviewers A,B,C`,
and how ``app.services.reconcile.settle`` fills the items a supervisor did not name."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.commands.reconcile import parse_settlements
from app.commands.sample import split_names
from app.errors import ErrorCode, KnownError
from app.services.dto import ReviewDTO, ReviewItemDTO
from app.services.reconcile import ItemDiff, Reconciliation, Settlement, Side, settle

ITEM_IDS = st.from_regex(r"[a-z]{1,8}\.[a-z_]{1,12}", fullmatch=True)
REASONS = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=20).map(str.strip)


@pytest.mark.parametrize(("text", "expected"), [
    ("documents.templates=1:文书填写不规范", {"documents.templates": (1.0, "文书填写不规范")}),
    ("archiving.toc=0", {"archiving.toc": (0.0, None)}),
    ("law.discretion ＝ 2.5 ：理由：含冒号", {"law.discretion": (2.5, "理由：含冒号")}),
    ("使用规定格式执法文书=1:", {"使用规定格式执法文书": (1.0, None)}),
])
def test_parse_settlements_examples(text: str, expected: dict[str, tuple[float, str | None]]) -> None:
    assert parse_settlements([text]) == expected


@pytest.mark.parametrize("text", ["documents.templates", "x=", "x=-1", "=1", "x=一分", "x=1=2"])
def test_parse_settlements_rejects_bad_text(text: str) -> None:
    with pytest.raises(KnownError) as bad:
        parse_settlements([text])
    assert bad.value.code == ErrorCode.USAGE
    assert bad.value.message == f"裁定“{text}”应写成 评查项=扣分[:理由]，如 documents.templates=1:文书不规范"


def test_parse_settlements_rejects_an_item_twice() -> None:
    with pytest.raises(KnownError, match=r"评查项 a\.b 裁定了两次"):
        parse_settlements(["a.b=1:x", "a.b=0"])


@given(ITEM_IDS, st.integers(0, 400).map(lambda n: n / 4), REASONS)
def test_parse_settlements_round_trip(item: str, deducted: float, reason: str) -> None:
    text = f"{item}={deducted:g}" + (f":{reason}" if reason else "")
    assert parse_settlements([text]) == {item: (deducted, reason or None)}


@given(st.lists(st.from_regex(r"[\u4e00-\u9fa5A-Za-z]{1,6}", fullmatch=True), min_size=1, max_size=6),
       st.sampled_from([",", "，", "、", ", ", " "]))
def test_split_names_any_separator(names: list[str], sep: str) -> None:
    assert split_names(sep.join(names)) == names


def _item(item_id: str, deducted: float, reason: str = "") -> ReviewItemDTO:
    return ReviewItemDTO(item=item_id, title=item_id, category="", points=4.0, auto_deducted=0.0, deducted=deducted,
                         reason=reason, pages=(3,) if deducted else (), rules=(), needs_review=False, overridden=False)


def _review(review_id: int, name: str, items: dict[str, float]) -> ReviewDTO:
    rows = tuple(_item(k, v, f"{name}：{k}" if v else "") for k, v in items.items())
    return ReviewDTO(id=review_id, dossier_id=7, reviewer=name, reviewer_id=review_id, rubric_id="penalty",
                     rubric_version="1", status="submitted", version=1, total=100 - sum(items.values()), max=100.0,
                     grade="优秀", veto=False, items=rows)


def _rec() -> Reconciliation:
    a = _review(1, "甲", {"x.one": 1.0, "x.two": 0.0, "x.three": 2.0})
    b = _review(2, "乙", {"x.one": 0.0, "x.two": 3.0, "x.three": 2.0})
    diffs = tuple(ItemDiff(i, i, 4.0, a.item(i), b.item(i)) for i in ("x.one", "x.two"))
    return Reconciliation(7, a, b, diffs)


def test_settlements_named_items_and_take() -> None:
    got = settle(_rec(), {"x.one": (1.0, None)}, take=Side.B)
    assert got == {"x.one": Settlement(1.0, "甲：x.one", (3,)),  # A's reason: the settled value repeats A's
                   "x.two": Settlement(3.0, "乙：x.two", (3,))}  # taken from B


def test_settlements_open_items_need_take() -> None:
    with pytest.raises(KnownError) as open_:
        settle(_rec(), {"x.one": (0.5, "折中")})
    assert open_.value.message == "案卷 7 还有 1 个分歧项未裁定：x.two；请逐项裁定，或采用一方（A 或 B）的意见"
    with pytest.raises(KnownError, match=r"评查项“x\.nine”不在本案卷的评查标准中"):
        settle(_rec(), {"x.nine": (1.0, None)}, take=Side.A)
