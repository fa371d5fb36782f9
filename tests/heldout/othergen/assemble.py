"""Put a plan's documents in a file order, paginate, number the pages, fill the 卷内目录, write the truth."""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.heldout.othergen import docs_a, docs_b, docs_c, docs_other
from tests.heldout.othergen.common import off
from tests.heldout.othergen.model import Block, Doc, p, paginate, table, title
from tests.heldout.othergen.plan import LOOKALIKE_RULES, TOLERATED, Plan, make_plan
from tests.heldout.othergen.textfmt import normalise_docno

PENALTY_FIELDS = ["case_kind", "case_number", "agency", "party_name", "party_type", "party_id", "officers",
                  "filing_date", "notice_date", "decision_date", "service_date", "closing_date", "penalty_types",
                  "fine_amount", "confiscation_amount", "violated_provisions", "penalty_provisions"]
OTHER_FIELDS = ["case_kind", "agency", "party_name", "party_type", "party_id", "officers", "penalty_types",
                "fine_amount", "confiscation_amount"]
NO_DECISION_UNSCORED = {"decision_date", "service_date", "penalty_types", "fine_amount", "confiscation_amount",
                        "violated_provisions", "penalty_provisions", "notice_date"}


@dataclass
class Page:
    doc: Doc
    blocks: list[Block]
    header: str = ""
    footer: str = ""
    number: int | None = None


@dataclass
class Dossier:
    id: str
    plan: Plan
    docs: list[Doc]
    pages: list[Page] = field(default_factory=list)
    truth: dict[str, object] = field(default_factory=dict)


def build(seed: int, split: str, *, compact: bool = False) -> Dossier:
    plan = make_plan(seed, split, compact=compact)
    docs = _penalty_docs(plan) if plan.kind == "penalty" else _other_docs(plan)
    dossier = Dossier(f"og-{split}-{seed}{'-c' if compact else ''}", plan, docs)
    _paginate(dossier)
    dossier.truth = _truth(dossier)
    return dossier


def _other_docs(plan: Plan) -> list[Doc]:
    maker = {"inspection": docs_other.inspection_file, "license": docs_other.license_file,
             "enforcement": docs_other.enforcement_file}[plan.kind]
    docs = maker(plan)
    if plan.style["cover"] == "yes" and not plan.compact:
        docs.insert(0, _simple_cover(plan))
    return docs


def _simple_cover(plan: Plan) -> Doc:
    kind = {"inspection": "行政检查", "license": "行政许可", "enforcement": "行政强制"}[plan.kind]
    rows = [["案卷名称", f"{plan.party.name}{kind}案卷"], ["办理机关", plan.agency.name],
            ["承办人", "、".join(off(plan, o) for o in plan.officers)], ["保管期限", "长期"]]
    return Doc("cover", "卷宗封面", [title(f"{kind}案卷", 24), table(rows, [1.2, 3.2], 12)], numbered=False)


def _penalty_docs(plan: Plan) -> list[Doc]:
    if plan.procedure == "simple":
        out = [docs_c.simple_decision(plan)]
        if plan.fine:
            out.append(docs_c.payment(plan))
        return out
    r = plan.rng
    planted = set(plan.planted)
    role: dict[str, list[Doc]] = {}
    role["inspect"] = [docs_a.inspection_record(plan)]
    role["filing"] = [] if "missing_document:filing_approval" in planted else [docs_a.filing_approval(plan)]
    role["inquiry"] = [docs_a.inquiry_record(plan, "inquiry1")]
    if not plan.compact and r.random() < 0.5:
        role["inquiry"].append(docs_a.inquiry_record(plan, "inquiry2", witness=True))
    role["evidence"] = docs_a.evidence_docs(plan)
    role["source"] = [docs_a.case_source(plan)] if not plan.compact and r.random() < 0.4 else []
    role["correction"] = [docs_a.correction_order(plan)] if not plan.compact and r.random() < 0.4 else []
    role["extension"] = [docs_a.extension_approval(plan)] if plan.has("extension") else []
    role["report"] = [docs_b.investigation_report(plan)]
    no_review = "missing_document:legal_review" in planted
    role["review"] = [] if no_review else [docs_b.legal_review(plan)]
    role["notice"] = [] if "missing_document:penalty_notice" in planted else [docs_b.notice(plan)]
    no_receipt = "missing_document:service_receipt" in planted   # no 送达回证 at all in the file
    role["notice_receipt"] = [docs_c.receipt(plan, "notice")] if role["notice"] and not no_receipt else []
    wants_statement = "statement" in plan.dates or plan.has("hearing_requested")
    role["statement"] = [docs_b.statement(plan)] if wants_statement and role["notice"] else []
    role["hearing"] = docs_b.hearing_docs(plan) if plan.has("hearing") else []
    if plan.has("hearing"):
        role["hearing"].insert(2, docs_c.receipt(plan, "hearing"))
    role["review2"] = [docs_b.legal_review(plan, "review2")] if plan.has("hearing") and not no_review else []
    wants_disc = plan.has("hearing") or plan.has("major") or (plan.fine or 0) >= 100000 or r.random() < 0.3
    role["discussion"] = (
        [docs_b.collective(plan)] if wants_disc and "missing_document:collective_discussion" not in planted else []
    )
    role["approval"] = [docs_b.decision_approval(plan)] if not plan.compact and r.random() < 0.6 else []
    no_decision = "missing_document:penalty_decision" in planted
    role["decision"] = [] if no_decision else [docs_c.decision(plan)]
    role["decision_receipt"] = [] if no_receipt else [docs_c.receipt(plan, "decision")]
    role["payment"] = [docs_c.payment(plan)] if plan.fine and not no_decision else []
    role["closing"] = [docs_c.closing(plan)]
    role["remarks"] = [docs_c.remarks(plan)] if not plan.compact and r.random() < 0.6 else []
    role["cover"] = [docs_a.cover(plan)] if plan.style["cover"] == "yes" else []
    orders = {
        "chrono": [
            "cover",
            "source",
            "inspect",
            "correction",
            "filing",
            "inquiry",
            "evidence",
            "extension",
            "report",
            "review",
            "notice",
            "notice_receipt",
            "statement",
            "hearing",
            "review2",
            "discussion",
            "approval",
            "decision",
            "decision_receipt",
            "payment",
            "closing",
            "remarks",
        ],
        "main": [
            "cover",
            "filing",
            "decision",
            "notice",
            "notice_receipt",
            "decision_receipt",
            "hearing",
            "inquiry",
            "evidence",
            "inspect",
            "correction",
            "source",
            "extension",
            "report",
            "review",
            "statement",
            "review2",
            "discussion",
            "approval",
            "payment",
            "closing",
            "remarks",
        ],
        "split3": [
            "cover",
            "filing",
            "extension",
            "notice",
            "notice_receipt",
            "hearing",
            "decision",
            "decision_receipt",
            "source",
            "inspect",
            "inquiry",
            "evidence",
            "correction",
            "report",
            "statement",
            "review",
            "review2",
            "discussion",
            "approval",
            "payment",
            "closing",
            "remarks",
        ],
    }
    return [d for key in orders[plan.style["order"]] for d in role[key]]


def _paginate(dossier: Dossier) -> None:
    plan = dossier.plan
    header = {"": "", "agency": plan.agency.name, "kind": "行政执法文书"}[plan.style["header"]]
    pages: list[Page] = []
    number = 0
    for doc in dossier.docs:
        doc.pages = paginate(doc, reserve=14 if header else 0)
        for k, blocks in enumerate(doc.pages, 1):
            numbered = doc.numbered
            if numbered:
                number += 1
            foot = doc.page_footer.format(n=k, total=len(doc.pages)) if doc.page_footer else ""
            pages.append(
                Page(doc, blocks, header if doc.type not in ("cover",) else "", foot, number if numbered else None)
            )
    if plan.style["toc"] == "yes" and plan.kind == "penalty" and plan.procedure == "normal":
        toc = _toc(dossier, pages)
        toc.pages = paginate(toc)
        at = 1 if pages and pages[0].doc.type == "cover" else 0
        for k, blocks in enumerate(toc.pages):
            pages.insert(at + k, Page(toc, blocks))
        dossier.docs.insert(at, toc)
    dossier.pages = pages


def _toc(dossier: Dossier, pages: list[Page]) -> Doc:
    rows = [["序号", "文号", "责任者", "题名", "日期", "页号", "备注"]]
    k = 0
    for doc in dossier.docs:
        nums = [pg.number for pg in pages if pg.doc is doc and pg.number is not None]
        if not nums:
            continue
        k += 1
        span = str(nums[0]) if len(nums) == 1 else f"{nums[0]}-{nums[-1]}"
        rows.append([str(k), doc.docno, doc.author or dossier.plan.agency.name, doc.title, doc.date, span, ""])
    return Doc(
        "toc",
        "卷内目录",
        [
            title(dossier.plan.rng.choice(("卷内文件目录", "卷 内 目 录"))),
            table(rows, [0.5, 1.6, 1.5, 1.8, 1.1, 0.6, 0.5], 9),
        ],
        numbered=False,
    )


def _truth(dossier: Dossier) -> dict[str, object]:
    plan = dossier.plan
    d, planted = plan.dates, set(plan.planted)
    penalty = plan.kind == "penalty"
    simple = plan.procedure == "simple"
    has = {doc.type for doc in dossier.docs}
    no_decision = "missing_document:penalty_decision" in planted
    fields: dict[str, object] = {
        "case_kind": plan.kind,
        "case_number": normalise_docno(plan.docnos["filing"] if no_decision else plan.docnos.get("decision", ""))
        if penalty
        else plan.docnos.get("main"),
        "case_title": docs_a.case_title(plan) if penalty else None,
        "agency": plan.agency.name,
        "party_name": plan.party.name,
        "party_type": plan.party.party_type,
        "party_id": plan.party.party_id.upper(),
        "officers": [
            {"name": off(plan, o), "cert_no": (None if i == 1 and "officer_without_cert" in planted else o.cert)}
            for i, o in enumerate(plan.officers)
        ],
        "filing_date": d["filing"].isoformat() if penalty and not simple else None,
        "notice_date": d["notice"].isoformat() if "penalty_notice" in has else None,
        "decision_date": d["decision"].isoformat() if penalty and not no_decision else None,
        "service_date": (d.get("served_printed") or d["served"]).isoformat()
        if penalty and (simple or "missing_document:service_receipt" not in planted)
        else None,
        "closing_date": d["closing"].isoformat() if "closing_report" in has else None,
        "penalty_types": list(plan.types) if penalty else [],
        "fine_amount": plan.fine if penalty else None,
        "confiscation_amount": plan.confiscation if penalty else None,
        "violated_provisions": [_prov(plan, pr, True) for pr in plan.case.violated] if penalty else [],
        "penalty_provisions": [pr.truth() for pr in plan.case.basis] if penalty else [],
    }
    scored = PENALTY_FIELDS if penalty else OTHER_FIELDS
    if no_decision:
        scored = [f for f in scored if f not in NO_DECISION_UNSCORED]
    features = sorted(plan.features | ({"simple"} if simple else set()))
    lookalikes = [{"feature": f, "rules": list(LOOKALIKE_RULES[f])} for f in features if f in LOOKALIKE_RULES]
    tolerated = sorted({t for pl in plan.planted for t in TOLERATED.get(pl, ())})
    return {
        "id": dossier.id,
        "seed": plan.seed,
        "split": plan.split,
        "scenario": plan.scenario,
        "kind": plan.kind,
        "procedure": plan.procedure,
        "sector": plan.agency.sector,
        "region": plan.region.key,
        "fields": fields,
        "scored_fields": scored,
        "pages": [pg.doc.type for pg in dossier.pages],
        "documents": _doc_spans(dossier),
        "planted": sorted(plan.planted),
        "lookalikes": lookalikes,
        "tolerated": tolerated,
        "style": dict(plan.style),
        "dates": {k: v.isoformat() for k, v in sorted(d.items())},
    }


def _prov(plan: Plan, pr: object, violated: bool) -> dict[str, object]:
    out = pr.truth()  # type: ignore[attr-defined]
    if violated and "provision_not_specific" in plan.planted:
        out.update(article=None, paragraph=None, item=None)
    return out


def _doc_spans(dossier: Dossier) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for i, pg in enumerate(dossier.pages, 1):
        if out and out[-1]["_doc"] is pg.doc:
            out[-1]["pages"].append(i)  # type: ignore[attr-defined]
        else:
            out.append({"_doc": pg.doc, "type": pg.doc.type, "title": pg.doc.title, "pages": [i]})
    for o in out:
        o.pop("_doc")
    return out


__all__ = ["Block", "build", "p"]
