"""`casereview reconcile`: files waiting for a settlement, the differing items of one file side by side,
settling and finalising (已定稿), and the agreement report of the campaign. Every decision is made in
``app.services.reconcile``; this module parses arguments and prints."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict
from typing import Any

from app.commands.supervise import answer, usage
from app.errors import ErrorCode, KnownError
from app.services import (
    CampaignDTO,
    Store,
    current_user,
    get_campaign,
    list_dossiers,
    open_store,
    rubric_titles,
)
from app.services.dto import ReviewItemDTO
from app.services.reconcile import (
    AgreementReport,
    Finalised,
    Reconciliation,
    Settlement,
    Side,
    Unsettled,
    Waiting,
    WaitKind,
    agreement,
    compare,
    finalise,
    settle,
    waiting_list,
)

SETTLE = re.compile(r"^\s*(?P<item>[^=＝]+?)\s*[=＝]\s*(?P<ded>[0-9]+(?:\.[0-9]+)?)\s*(?:[:：]\s*(?P<reason>.*))?$")


def parse_settlements(texts: Sequence[str]) -> dict[str, tuple[float, str | None]]:
    """``ITEM=DEDUCTION[:REASON]`` -> {item: (deduction, reason or None)}; KnownError(USAGE) on bad text."""
    out: dict[str, tuple[float, str | None]] = {}
    for text in texts:
        m = SETTLE.match(text)
        if m is None:
            raise KnownError(
                ErrorCode.USAGE, f"裁定“{text}”应写成 评查项=扣分[:理由]，如 documents.templates=1:文书不规范"
            )
        item = m["item"].strip()
        if item in out:
            raise KnownError(ErrorCode.USAGE, f"评查项 {item} 裁定了两次")
        reason = m["reason"].strip() if m["reason"] is not None else None
        out[item] = (float(m["ded"]), reason or None)
    return out


def _decision(i: ReviewItemDTO) -> str:
    if i.veto_item:
        return "否决" if i.veto else "不否决"
    return f"扣 {i.deducted:g} 分"


def _waiting(store: Store, campaign: CampaignDTO) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {str(k): [] for k in WaitKind}
    for w in waiting_list(store, campaign.id, user=current_user(store)):
        base = {"dossier_id": w.dossier_id, "file": w.file_name, "agency": w.unit}
        if w.rec is not None:
            rec = w.rec
            out[w.kind].append(
                {
                    **base,
                    "reviewers": list(w.reviewers),
                    "totals": [rec.first.total, rec.second.total],
                    "differing_items": w.differing,
                    "total_difference": w.total_difference,
                }
            )
        elif w.submitted is not None and w.kind == WaitKind.WAITING:
            out[w.kind].append({**base, "submitted": [w.submitted.reviewer], "waiting_for": list(w.waiting_for)})
        elif w.submitted is not None:
            out[w.kind].append(
                {**base, "reviewer": w.submitted.reviewer, "total": w.submitted.total, "grade": w.submitted.grade}
            )
    return out


def _print_waiting(out: Mapping[str, list[dict[str, Any]]]) -> None:
    print(f"待合议（两人评查均已提交）：{len(out['double'])} 件")
    for r in out["double"]:
        print(
            f"  [{r['dossier_id']}] {r['file']}（{r['agency']}）{r['reviewers'][0]} {r['totals'][0]:g} 分 / "
            f"{r['reviewers'][1]} {r['totals'][1]:g} 分：分歧 {r['differing_items']} 项，"
            f"总分差 {r['total_difference']:+g}"
        )
    print(f"待定稿（一人评查已提交）：{len(out['single'])} 件")
    for r in out["single"]:
        print(f"  [{r['dossier_id']}] {r['file']}（{r['agency']}）{r['reviewer']} {r['total']:g} 分 {r['grade']}")
    if out["waiting"]:
        print(f"等待第二人提交：{len(out['waiting'])} 件")
    for r in out["waiting"]:
        print(
            f"  [{r['dossier_id']}] {r['file']}（{r['agency']}）{r['submitted'][0]} 已提交，"
            f"等待 {'、'.join(r['waiting_for'])}"
        )


def _diff_json(rec: Reconciliation) -> dict[str, Any]:
    return {
        "dossier_id": rec.dossier_id,
        "total_difference": rec.total_difference,
        "a": {
            "reviewer": rec.first.reviewer,
            "total": rec.first.total,
            "grade": rec.first.grade,
            "veto": rec.first.veto,
        },
        "b": {
            "reviewer": rec.second.reviewer,
            "total": rec.second.total,
            "grade": rec.second.grade,
            "veto": rec.second.veto,
        },
        "differences": [
            {
                "item": d.item,
                "title": d.title,
                "points": d.points,
                "veto_item": d.veto_item,
                "a": {"deducted": d.first.decided, "reason": d.first.reason},
                "b": {"deducted": d.second.decided, "reason": d.second.reason},
            }
            for d in rec.differences
        ],
    }


def _print_diff(w: Waiting, rec: Reconciliation) -> None:
    a, b = rec.first, rec.second
    print(f"案卷 [{rec.dossier_id}] {w.file_name}（{w.unit}）")
    print(
        f"评查人 A：{a.reviewer} {a.total:g} 分 {a.grade}；评查人 B：{b.reviewer} {b.total:g} 分 {b.grade}；"
        f"总分差 {rec.total_difference:+g}"
    )
    for note in dict.fromkeys(r.rubric_note for r in (a, b) if r.rubric_note):
        print(f"注意：{note}")
    print(f"分歧 {len(rec.differences)} 项：")
    for d in rec.differences:
        print(f"  {d.item} {d.title}（{'否决项' if d.veto_item else f'{d.points:g} 分'}）")
        print(f"    A {a.reviewer}：{_decision(d.first)}  {d.first.reason or '（无理由）'}")
        print(f"    B {b.reviewer}：{_decision(d.second)}  {d.second.reason or '（无理由）'}")
    if rec.differences:
        print("裁定：--settle 评查项=扣分[:理由] ... 或 --take a|b，再加 --finalise 定稿")


def _single(w: Waiting) -> tuple[dict[str, Any], Callable[[], None]]:
    """A file with one submitted review has nothing to compare: say so, and what comes next."""
    r = w.submitted
    assert r is not None
    out = {
        "dossier_id": w.dossier_id,
        "single": {"reviewer": r.reviewer, "total": r.total, "grade": r.grade},
        "waiting_for": list(w.waiting_for),
    }
    then = f"等待 {'、'.join(w.waiting_for)} 提交后合议" if w.waiting_for else "无需合议；用 --finalise 定稿"
    return out, lambda: print(
        f"案卷 [{w.dossier_id}] 只有 {r.reviewer} 已提交评查（{r.total:g} 分，{r.grade}），{then}"
    )


def _final_json(done: Finalised, settled: Mapping[str, Settlement]) -> dict[str, Any]:
    r = done.review
    return {
        "dossier_id": r.dossier_id,
        "review_id": r.id,
        "status": r.status,
        "total": r.total,
        "grade": r.grade,
        "veto": r.veto,
        "settled": {k: {"deducted": v.deducted, "reason": v.reason} for k, v in sorted(settled.items())},
    }


def _print_final(out: Mapping[str, Any]) -> None:
    for item, s in out["settled"].items():
        print(f"  裁定 {item}：{s['deducted']:g}  {s['reason']}")
    print(f"案卷 [{out['dossier_id']}] 已定稿：{out['total']:g} 分，{out['grade']}")


def _finalise(store: Store, w: Waiting, args: argparse.Namespace) -> dict[str, Any]:
    if w.kind == WaitKind.WAITING:
        raise KnownError(
            ErrorCode.USAGE, f"案卷 {w.dossier_id} 还在等待 {'、'.join(w.waiting_for)} 提交评查，不能单人定稿"
        )
    settled: dict[str, Settlement] = {}
    if w.rec is not None:
        try:
            settled = settle(w.rec, parse_settlements(args.settle), take=Side(args.take) if args.take else None)
        except Unsettled as exc:
            raise KnownError(
                ErrorCode.USAGE,
                f"案卷 {w.dossier_id} 还有 {len(exc.items)} 个分歧项未裁定："
                f"{'、'.join(exc.items)}；请用 --settle 评查项=扣分[:理由] 逐项裁定，"
                "或用 --take a|b 采用一方的意见",
            ) from exc
    elif args.settle or args.take:
        raise KnownError(ErrorCode.USAGE, f"案卷 {w.dossier_id} 只有一人评查，无需裁定；只用 --finalise 定稿")
    done = finalise(store, w.dossier_id, settled=settled, user=current_user(store), expected=w.compared)
    return _final_json(done, settled)


def _print_agreement(rep: AgreementReport, titles: Mapping[str, str]) -> None:
    def k(v: float | None) -> str:
        return "—" if v is None else f"{round(v, 3) + 0.0:.3f}"  # + 0.0: no "-0.000"

    print(f"双人评查 {rep.pairs} 对")
    print("各评查项（一致比例，kappa：扣分/未扣分）：")
    for i in rep.items:
        print(
            f"  {i.item_id} {titles.get(i.item_id, '')}：{i.pairs} 对，"
            f"一致 {i.equal_share * 100:.1f}%，kappa {k(i.kappa)}"
        )
    print("各评查人员：")
    for r in rep.reviewers:
        print(
            f"  {r.reviewer}：{r.files} 件，一致 {r.equal_share * 100:.1f}%，kappa {k(r.kappa)}，"
            f"总分平均差 {r.mean_total_difference:+g}"
        )
    print("评查尺度（平均扣分，对比全体）：")
    for s in rep.strictness:
        print(
            f"  {s.reviewer}：{s.reviews} 份，平均扣 {s.mean_deduction:g} 分"
            f"（全体 {s.campaign_mean:g}，{s.difference:+g}）"
        )


def _one(store: Store, campaign: CampaignDTO, dossier_id: int) -> Waiting:
    found = next(iter(waiting_list(store, campaign.id, user=current_user(store), only=[dossier_id])), None)
    if found is None:
        if dossier_id not in {d.id for d in list_dossiers(store, campaign.id)}:
            raise KnownError(ErrorCode.NOT_FOUND, f"评查活动“{campaign.name}”中没有案卷 {dossier_id}")
        compare(store, dossier_id)  # says why: already final, or no submitted review yet
        raise KnownError(ErrorCode.USAGE, f"案卷 {dossier_id} 不在待定稿之列")
    return found


def _run(store: Store, args: argparse.Namespace) -> tuple[Any, Callable[[], None]]:
    campaign = get_campaign(store, args.campaign)
    if args.agreement:
        rep = agreement(store, campaign.id)
        titles = rubric_titles(store, campaign)
        return asdict(rep), lambda: _print_agreement(rep, titles)
    if args.dossier is None:
        listed = _waiting(store, campaign)
        return listed, lambda: _print_waiting(listed)
    w = _one(store, campaign, args.dossier)
    if args.finalise:
        done = _finalise(store, w, args)
        return done, lambda: _print_final(done)
    if w.rec is None:
        return _single(w)
    rec = w.rec
    return _diff_json(rec), lambda: _print_diff(w, rec)


def run(args: argparse.Namespace) -> int:
    if (args.settle or args.take) and not args.finalise:
        return usage("reconcile", "--settle / --take 须与 --finalise 一起使用（裁定即定稿）")
    if (args.settle or args.take or args.finalise) and args.dossier is None:
        return usage("reconcile", "定稿须指定 --dossier 案卷编号")
    if args.agreement and args.dossier is not None:
        return usage("reconcile", "--agreement 针对整个评查活动，不能与 --dossier 同用")
    return answer("reconcile", args.format, lambda: _run(open_store(args.db), args))
