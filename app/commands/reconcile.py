"""`casereview reconcile`: files waiting for a settlement, the differing items of one file side by side,
settling and finalising (已定稿), and the agreement report of the campaign."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict
from typing import Any

from app.commands.supervise import agency_paths, fail, print_json, usage
from app.errors import ErrorCode, KnownError
from app.services import CampaignDTO, ReviewDTO, Store, UserDTO, current_user, get_campaign, open_store
from app.services.campaigns import load_rubric_known
from app.services.dossiers import list_dossiers
from app.services.dto import DossierRow
from app.services.reconcile import (
    AgreementReport,
    Reconciliation,
    Settlement,
    agreement,
    differences,
    finalise,
    finalise_single,
    pending,
)
from app.services.reviews import list_reviews
from app.services.users import require_role

SETTLE = re.compile(r"^\s*(?P<item>[^=＝]+?)\s*[=＝]\s*(?P<ded>[0-9]+(?:\.[0-9]+)?)\s*(?:[:：]\s*(?P<reason>.*))?$")


def parse_settlements(texts: Sequence[str]) -> dict[str, tuple[float, str | None]]:
    """``ITEM=DEDUCTION[:REASON]`` -> {item: (deduction, reason or None)}; KnownError(USAGE) on bad text."""
    out: dict[str, tuple[float, str | None]] = {}
    for text in texts:
        m = SETTLE.match(text)
        if m is None:
            raise KnownError(ErrorCode.USAGE, f"裁定“{text}”应写成 评查项=扣分[:理由]，如 documents.templates=1:文书不规范")
        item = m["item"].strip()
        if item in out:
            raise KnownError(ErrorCode.USAGE, f"评查项 {item} 裁定了两次")
        reason = m["reason"].strip() if m["reason"] is not None else None
        out[item] = (float(m["ded"]), reason or None)
    return out


def _dossier(store: Store, campaign: CampaignDTO, *, dossier_id: int) -> DossierRow:
    row = next((d for d in list_dossiers(store, campaign.id) if d.id == dossier_id), None)
    if row is None:
        raise KnownError(ErrorCode.NOT_FOUND, f"评查活动“{campaign.name}”中没有案卷 {dossier_id}")
    return row


def _agency(row: DossierRow, paths: Mapping[int, str]) -> str:
    return (paths.get(row.agency_id) if row.agency_id is not None else None) or row.agency or "（未指定单位）"


# --- listing -------------------------------------------------------------------------------------


def _pending_rows(store: Store, campaign: CampaignDTO) -> dict[str, list[dict[str, Any]]]:
    paths = agency_paths(store)
    rows = {d.id: d for d in list_dossiers(store, campaign.id)}
    double = pending(store, campaign.id)
    out: dict[str, list[dict[str, Any]]] = {"double": [], "single": [], "waiting": []}
    for dossier_id in double:
        rec = differences(store, dossier_id)
        out["double"].append({
            "dossier_id": dossier_id, "file": rows[dossier_id].file_name, "agency": _agency(rows[dossier_id], paths),
            "reviewers": [rec.first.reviewer, rec.second.reviewer], "totals": [rec.first.total, rec.second.total],
            "differing_items": len(rec.differences), "total_difference": rec.total_difference})
    for d in rows.values():
        if d.id in double or d.status != "已提交":
            continue
        subs = [r for r in list_reviews(store, d.id) if r.status == "submitted"]
        if len(subs) != 1:
            continue
        base = {"dossier_id": d.id, "file": d.file_name, "agency": _agency(d, paths)}
        others = _others(d, subs[0].reviewer)
        if others:
            out["waiting"].append({**base, "submitted": [subs[0].reviewer], "waiting_for": others})
        else:
            out["single"].append({**base, "reviewer": subs[0].reviewer, "total": subs[0].total, "grade": subs[0].grade})
    return out


def _others(row: DossierRow, submitter: str) -> list[str]:
    """Reviewers assigned to (or drafting) the file besides the one who submitted."""
    return [n for n in row.reviewers if n != submitter]


def _print_pending(out: Mapping[str, list[dict[str, Any]]]) -> None:
    print(f"待合议（两人评查均已提交）：{len(out['double'])} 件")
    for r in out["double"]:
        print(f"  [{r['dossier_id']}] {r['file']}（{r['agency']}）{r['reviewers'][0]} {r['totals'][0]:g} 分 / "
              f"{r['reviewers'][1]} {r['totals'][1]:g} 分：分歧 {r['differing_items']} 项，总分差 {r['total_difference']:+g}")
    print(f"待定稿（一人评查已提交）：{len(out['single'])} 件")
    for r in out["single"]:
        print(f"  [{r['dossier_id']}] {r['file']}（{r['agency']}）{r['reviewer']} {r['total']:g} 分 {r['grade']}")
    if out["waiting"]:
        print(f"等待第二人提交：{len(out['waiting'])} 件")
    for r in out["waiting"]:
        print(f"  [{r['dossier_id']}] {r['file']}（{r['agency']}）{r['submitted'][0]} 已提交，"
              f"等待 {'、'.join(r['waiting_for'])}")


# --- one file side by side -----------------------------------------------------------------------


def _diff_json(rec: Reconciliation) -> dict[str, Any]:
    return {
        "dossier_id": rec.dossier_id, "total_difference": rec.total_difference,
        "a": {"reviewer": rec.first.reviewer, "total": rec.first.total, "grade": rec.first.grade},
        "b": {"reviewer": rec.second.reviewer, "total": rec.second.total, "grade": rec.second.grade},
        "differences": [{"item": d.item, "title": d.title, "points": d.points,
                         "a": {"deducted": d.first.deducted, "reason": d.first.reason},
                         "b": {"deducted": d.second.deducted, "reason": d.second.reason}} for d in rec.differences],
    }


def _print_diff(rec: Reconciliation, row: DossierRow, *, agency: str) -> None:
    a, b = rec.first, rec.second
    print(f"案卷 [{rec.dossier_id}] {row.file_name}（{agency}）")
    print(f"评查人 A：{a.reviewer} {a.total:g} 分 {a.grade}；评查人 B：{b.reviewer} {b.total:g} 分 {b.grade}；"
          f"总分差 {rec.total_difference:+g}")
    print(f"分歧 {len(rec.differences)} 项：")
    for d in rec.differences:
        print(f"  {d.item} {d.title}（{d.points:g} 分）")
        print(f"    A {a.reviewer}：扣 {d.first.deducted:g} 分  {d.first.reason or '（无理由）'}")
        print(f"    B {b.reviewer}：扣 {d.second.deducted:g} 分  {d.second.reason or '（无理由）'}")
    if rec.differences:
        print("裁定：--settle 评查项=扣分[:理由] ... 或 --take a|b，再加 --finalise 定稿")


# --- settling ------------------------------------------------------------------------------------


def _resolve_item(rec: Reconciliation, key: str) -> str:
    for item in rec.first.items:
        if key in (item.item, item.title):
            return item.item
    raise KnownError(ErrorCode.USAGE, f"评查项“{key}”不在本案卷的评查标准中")


def _settlement(rec: Reconciliation, item: str, *, deducted: float, reason: str | None) -> Settlement:
    """A named settlement; without a reason, the reason of the reviewer whose deduction it repeats."""
    a, b = rec.first.item(item), rec.second.item(item)
    same = [s for s in (a, b) if abs(s.deducted - deducted) < 1e-6]
    pages = same[0].pages if same else tuple(sorted(set(a.pages) | set(b.pages)))
    if reason is None:
        reason = same[0].reason if same and deducted > 0 else ""
    return Settlement(deducted, reason, pages if deducted > 0 else ())


def settlements(rec: Reconciliation, named: Mapping[str, tuple[float, str | None]], *,
                take: str | None) -> dict[str, Settlement]:
    """Named items as given; the other differing items from side ``take``; error if one is left open."""
    out = {_resolve_item(rec, k): v for k, v in named.items()}
    settled = {item: _settlement(rec, item, deducted=ded, reason=reason) for item, (ded, reason) in out.items()}
    open_items = [d for d in rec.differences if d.item not in settled]
    if open_items and take is None:
        raise KnownError(ErrorCode.USAGE, f"案卷 {rec.dossier_id} 还有 {len(open_items)} 个分歧项未裁定："
                         f"{'、'.join(d.item for d in open_items)}；请用 --settle 评查项=扣分[:理由] 逐项裁定，"
                         "或用 --take a|b 采用一方的扣分")
    for d in open_items:
        side = d.first if take == "a" else d.second
        settled[d.item] = Settlement(side.deducted, side.reason, side.pages if side.deducted > 0 else ())
    return settled


def _final_json(review: ReviewDTO, settled: Mapping[str, Settlement]) -> dict[str, Any]:
    return {"dossier_id": review.dossier_id, "review_id": review.id, "status": review.status, "total": review.total,
            "grade": review.grade, "settled": {k: {"deducted": v.deducted, "reason": v.reason}
                                               for k, v in sorted(settled.items())}}


def _finalise(store: Store, user: UserDTO, *, row: DossierRow, args: argparse.Namespace) -> dict[str, Any]:
    require_role(user, "supervisor", "admin", action="合议定稿")
    subs = [r for r in list_reviews(store, row.id) if r.status == "submitted"]
    if len(subs) == 1:
        others = _others(row, subs[0].reviewer)
        if others:
            raise KnownError(ErrorCode.USAGE, f"案卷 {row.id} 还在等待 {'、'.join(others)} 提交评查，不能单人定稿")
        if args.settle or args.take:
            raise KnownError(ErrorCode.USAGE, f"案卷 {row.id} 只有一人评查，无需裁定；只用 --finalise 定稿")
        return _final_json(finalise_single(store, subs[0].id, user=user), {})
    rec = differences(store, row.id)
    settled = settlements(rec, parse_settlements(args.settle), take=args.take)
    return _final_json(finalise(store, row.id, settled=settled, user=user), settled)


def _print_final(out: Mapping[str, Any]) -> None:
    for item, s in out["settled"].items():
        print(f"  裁定 {item}：扣 {s['deducted']:g} 分  {s['reason']}")
    print(f"案卷 [{out['dossier_id']}] 已定稿：{out['total']:g} 分，{out['grade']}")


# --- agreement -----------------------------------------------------------------------------------


def _print_agreement(rep: AgreementReport, titles: Mapping[str, str]) -> None:
    def k(v: float | None) -> str:
        return "—" if v is None else f"{round(v, 3) + 0.0:.3f}"  # + 0.0: no "-0.000"

    print(f"双人评查 {rep.pairs} 对")
    print("各评查项（一致比例，kappa：扣分/未扣分）：")
    for i in rep.items:
        print(f"  {i.item_id} {titles.get(i.item_id, '')}：{i.pairs} 对，一致 {i.equal_share * 100:.1f}%，kappa {k(i.kappa)}")
    print("各评查人员：")
    for r in rep.reviewers:
        print(f"  {r.reviewer}：{r.files} 件，一致 {r.equal_share * 100:.1f}%，kappa {k(r.kappa)}，"
              f"总分平均差 {r.mean_total_difference:+g}")
    print("评查尺度（平均扣分，对比全体）：")
    for s in rep.strictness:
        print(f"  {s.reviewer}：{s.reviews} 份，平均扣 {s.mean_deduction:g} 分（全体 {s.campaign_mean:g}，{s.difference:+g}）")


# --- dispatch ------------------------------------------------------------------------------------


def _single(store: Store, row: DossierRow) -> tuple[dict[str, Any], Callable[[], None]] | None:
    """A file with one submitted review has nothing to compare: say so, and what comes next."""
    subs = [r for r in list_reviews(store, row.id) if r.status == "submitted"]
    if len(subs) != 1 or any(r.status == "final" for r in list_reviews(store, row.id)):
        return None
    r, others = subs[0], _others(row, subs[0].reviewer)
    out = {"dossier_id": row.id, "single": {"reviewer": r.reviewer, "total": r.total, "grade": r.grade},
           "waiting_for": others}
    then = f"等待 {'、'.join(others)} 提交后合议" if others else "无需合议；用 --finalise 定稿"
    return out, lambda: print(f"案卷 [{row.id}] 只有 {r.reviewer} 已提交评查（{r.total:g} 分，{r.grade}），{then}")


def _titles(campaign: CampaignDTO) -> dict[str, str]:
    try:
        return {i.id: i.title for i in load_rubric_known(campaign.rubric_id).items}
    except KnownError:
        return {}  # a custom rubric file that moved: ids only


def _run(store: Store, args: argparse.Namespace) -> tuple[dict[str, Any], Callable[[], None]]:
    campaign = get_campaign(store, args.campaign)
    if args.agreement:
        rep = agreement(store, campaign.id)
        titles = _titles(campaign)
        return asdict(rep), lambda: _print_agreement(rep, titles)
    if args.dossier is None:
        listed = _pending_rows(store, campaign)
        return listed, lambda: _print_pending(listed)
    row = _dossier(store, campaign, dossier_id=args.dossier)
    if args.finalise:
        done = _finalise(store, current_user(store), row=row, args=args)
        return done, lambda: _print_final(done)
    single = _single(store, row)
    if single is not None:
        return single
    rec = differences(store, row.id)
    agency = _agency(row, agency_paths(store))
    return _diff_json(rec), lambda: _print_diff(rec, row, agency=agency)


def run(args: argparse.Namespace) -> int:
    if (args.settle or args.take) and not args.finalise:
        return usage("reconcile", "--settle / --take 须与 --finalise 一起使用（裁定即定稿）")
    if (args.settle or args.take or args.finalise) and args.dossier is None:
        return usage("reconcile", "定稿须指定 --dossier 案卷编号")
    if args.agreement and args.dossier is not None:
        return usage("reconcile", "--agreement 针对整个评查活动，不能与 --dossier 同用")
    try:
        out, show = _run(open_store(args.db), args)
    except KnownError as exc:
        return fail("reconcile", exc)
    if args.format == "json":
        print_json(out)
    else:
        show()
    return 0
