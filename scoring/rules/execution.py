"""Execution and closing: paid to the treasury, closed after payment, 加处罚款 capped, court enforcement on time.

* 行政处罚法 第六十七条 "作出罚款决定的行政机关应当与收缴罚款的机构分离。…当事人应当自收到行政处罚决定书之日起十五日
  内，到指定的银行或者通过电子支付系统缴纳罚款。银行应当收受罚款，并将罚款直接上缴国库。"
* 第七十二条第一款第（一）项 "到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款，加处罚款的数额不得超出罚款的数额"
  (行政强制法 第四十五条第二款: "加处罚款或者滞纳金的数额不得超出金钱给付义务的数额。").
* 行政强制法 第五十三条 "当事人在法定期限内不申请行政复议或者提起行政诉讼，又不履行行政决定的，没有行政强制执行权的
  行政机关可以自期限届满之日起三个月内…申请人民法院强制执行。" 第五十四条 "…催告书送达十日后当事人仍未履行义务的，
  行政机关可以向…人民法院申请强制执行".
* 行政诉讼法 第四十六条第一款: 起诉期限六个月 — the period that must end before the three months start.
"""

from __future__ import annotations

import datetime as dt
import re

from scoring.rules.base import Context, Outcome, dates_in, ev, failed, not_applicable, passed, rule, unknown
from scoring.rules.textutil import (
    date_value,
    doc_date,
    first_evidence,
    flat,
    labelled,
    last_date,
    readable,
    titled,
    where,
)
from scoring.types import CaseFacts, DocumentInfo, Evidence, Fact

LAW = "《中华人民共和国行政处罚法》"
FORCE = "《中华人民共和国行政强制法》"
_TREASURY = re.compile(r"国库|非税收入|财政|代理银行|银行|缴款书|罚没收入|电子缴税|统一缴款|缴入")
_SELF = re.compile(r"(?:收款单位|收款人|收款机关)[：:\t ]*[^\n]*(?:局|委员会|大队|支队|所)(?![^\n]*(?:银行|国库|财政))")
_PAID_LABELS = ("缴款日期", "缴费日期", "交款日期", "收款日期", "入库日期", "缴款时间")


def _payment_day(facts: CaseFacts, doc: DocumentInfo) -> Fact[dt.date] | None:
    for hit in labelled(facts, doc, _PAID_LABELS):
        found = dates_in(hit.value)
        if found:
            return Fact(found[0], (hit.evidence,))
    return doc_date(doc) or last_date(facts, doc)


@rule(
    "payment_not_to_treasury", "execution", title="罚款由当事人缴入指定银行（国库），罚缴分离",
    basis=f"{LAW}第六十七条",
)
def payment_not_to_treasury(facts: CaseFacts, ctx: Context) -> Outcome:
    receipts = facts.documents_of("payment_receipt")
    if facts.fine_amount is None and not receipts:
        return not_applicable("未处以罚款或未读到罚款")
    if not receipts:
        return unknown("卷内未见罚没款缴款凭证（尚未履行、分期或申请强制执行的，请核对相应材料）")
    doc = receipts[0]
    if not readable(facts, doc, minimum=8):
        return unknown("缴款凭证没有可读文字，无法核对是否缴入国库", where(doc))
    text = flat(facts, doc)
    if _SELF.search(text) and not _TREASURY.search(text):
        own = first_evidence(facts, doc, r"收款单位|收款人|收款机关")
        return failed("缴款凭证显示罚款由执法机关自行收取，未缴入指定银行（国库）", (own,) if own else where(doc))
    bank = first_evidence(facts, doc, _TREASURY.pattern)
    if bank is not None:
        return passed("罚款通过银行（非税收入）缴入国库", (bank,))
    return unknown("缴款凭证未显示收款银行或国库，请核对是否罚缴分离", where(doc))


@rule(
    "closed_before_payment", "execution", title="执行完毕后结案",
    basis=f"{LAW}第六十六条第一款、第六十七条",
)
def closed_before_payment(facts: CaseFacts, ctx: Context) -> Outcome:
    closed, decided = date_value(facts.closing_date), date_value(facts.decision_date)
    receipts = facts.documents_of("payment_receipt")
    if closed is None:
        return unknown("未读到结案日期")
    if not receipts:
        return not_applicable("卷内无缴款凭证（未罚款，或以其他方式执行）")
    paid = _payment_day(facts, receipts[0])
    if paid is None:
        return unknown("缴款凭证未读到缴款日期", where(receipts[0]))
    evidence = paid.evidence + ev(facts.closing_date)
    if decided is not None and closed < decided:
        return not_applicable("结案日期早于决定日期，见日期顺序检查（dates_out_of_order）")
    if closed < paid.value:
        return failed(
            f"结案日期 {closed.isoformat()} 早于缴款日期 {paid.value.isoformat()}，未执行完毕即结案", evidence
        )
    return passed(f"缴款（{paid.value.isoformat()}）后结案（{closed.isoformat()}）", evidence)


_SURCHARGE = re.compile(r"加处罚款[^。；\n\d]{0,12}?(?:人民币)?\s*([\d,，]+(?:\.\d+)?)\s*(万)?元")


@rule(
    "surcharge_over_fine",
    "execution",
    title="加处罚款不超过罚款数额",
    basis=f"{LAW}第七十二条第一款第（一）项；{FORCE}第四十五条第二款",
    kinds=("penalty", "enforcement"),
)
def surcharge_over_fine(facts: CaseFacts, ctx: Context) -> Outcome:
    found: list[tuple[float, Evidence]] = []
    for doc in facts.documents:
        for n in doc.pages:
            for line in facts.page_text(n).splitlines():
                for m in _SURCHARGE.finditer(line):
                    value = float(m.group(1).replace(",", "").replace("，", "")) * (10000 if m.group(2) else 1)
                    found.append((value, Evidence(page=n, text=line.strip()[:80])))
    if not found:
        return not_applicable("卷内未记载加处罚款的具体数额")
    if facts.fine_amount is None:
        return unknown("未读到罚款数额，无法核对加处罚款", tuple(e for _, e in found))
    fine = float(facts.fine_amount.value)
    over = [(v, e) for v, e in found if v > fine + 0.005]
    if over:
        return failed(f"加处罚款 {over[0][0]:g} 元超过罚款数额 {fine:g} 元", (over[0][1], *ev(facts.fine_amount)))
    return passed(f"加处罚款不超过罚款数额 {fine:g} 元", tuple(e for _, e in found))


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


@rule(
    "court_enforcement_late",
    "execution",
    title="在法定期限届满后三个月内、催告十日后申请法院强制执行",
    basis=f"{FORCE}第五十三条、第五十四条；《中华人民共和国行政诉讼法》第四十六条第一款",
    kinds=("penalty", "enforcement"),
)
def court_enforcement_late(facts: CaseFacts, ctx: Context) -> Outcome:
    applications = [d for d in titled(facts, r"强制执行申请|申请(?:人民法院)?强制执行") if "法院" in flat(facts, d)]
    if not applications:
        return not_applicable("卷内无申请人民法院强制执行的材料")
    applied = doc_date(applications[0]) or last_date(facts, applications[0])
    served = date_value(facts.service_date)
    if applied is None or served is None:
        return unknown("未读到强制执行申请日期或决定书送达日期", where(applications[0]))
    if re.search(r"分期|延期|暂缓", "".join(flat(facts, d) for d in facts.documents)):
        return unknown(
            "卷内有延期、分期缴纳，申请期限自其期限结束之日起计算（第七十二条第二款），请核对", where(applications[0])
        )
    period_end = _add_months(served, 6)
    deadline = _add_months(period_end, 3)
    evidence = applied.evidence + ev(facts.service_date)
    if applied.value > deadline:
        return failed(
            f"决定书 {served.isoformat()} 送达，起诉期限届满（{period_end.isoformat()}）后三个月内应申请，"
            f"实际申请日期 {applied.value.isoformat()} 已逾期",
            evidence,
        )
    if applied.value <= period_end:
        return failed(
            f"申请强制执行（{applied.value.isoformat()}）时复议、诉讼期限尚未届满（{period_end.isoformat()}）", evidence
        )
    demands = titled(facts, r"催告")
    demand = (doc_date(demands[0]) or last_date(facts, demands[0])) if demands else None
    if demand is None:
        return unknown("未读到催告书或其日期，无法核对催告后十日方申请（第五十四条）", evidence)
    if (applied.value - demand.value).days < 10:
        return failed(f"催告书（{demand.value.isoformat()}）送达后不满十日即申请强制执行", evidence + demand.evidence)
    return passed("在期限届满后三个月内、催告十日后申请人民法院强制执行", evidence + demand.evidence)
