"""`casereview calibrate mark|assign|report`: each a call of ``app.services.calibration``."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import Any

from app.commands.supervise import fail, print_json
from app.errors import ErrorCode, KnownError
from app.services import Store, current_user, get_campaign, open_store
from app.services.calibration import (
    CalibrationResult,
    DriftPoint,
    assign_gold,
    calibration_results,
    drift,
    list_gold,
    mark_gold,
)
from app.services.users import list_users


def share(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.1f}%"


def result_lines(r: CalibrationResult) -> list[str]:
    head = (f"案卷 {r.dossier_id} {r.file_name}：{r.reviewer} {r.total:g} 分（{r.grade}），金标准 {r.gold_total:g} 分"
            f"（{r.gold_grade}）；{len(r.items)} 项中 {len(r.differences)} 项不同，一致率 {share(r.agreement)}")
    rows = [f"  {d.title}\t本人扣 {d.mine:g}\t金标准扣 {d.gold:g}\t金标准理由：{d.gold_reason or '（无）'}"
            f"\t本人理由：{d.my_reason or '（无）'}" for d in r.differences]
    return [head, *rows]


def drift_line(p: DriftPoint) -> str:
    gap = "—" if p.total_gap is None else f"{p.total_gap:g}"
    return (f"{p.reviewer}\t{p.period}\t{p.reviews}\t{share(p.gold_agreement)}（{p.gold_agreed}/{p.gold_items}）\t"
            f"{share(p.final_agreement)}（{p.final_agreed}/{p.final_items}）\t{gap}")


def _report(store: Store, campaign_id: int, args: argparse.Namespace) -> tuple[Any, str]:
    results = calibration_results(store, campaign_id, reviewer=args.reviewer)
    points = drift(store, campaign_id, per=args.per, reviewer=args.reviewer)
    lines = [f"金标准案卷 {len(list_gold(store, campaign_id))} 件；校准评查 {len(results)} 份"]
    for r in results:
        lines += result_lines(r)
    lines += ["", "评查人员\t时段\t评查件数\t与金标准一致率\t与定稿一致率\t与定稿总分平均差",
              *(drift_line(p) for p in points)]
    out = {"results": [{**asdict(r), "agreement": r.agreement,
                        "differences": [d.item for d in r.differences]} for r in results],
           "drift": [{**asdict(p), "gold_agreement": p.gold_agreement, "final_agreement": p.final_agreement}
                     for p in points]}
    return out, "\n".join(lines)


def _run(store: Store, args: argparse.Namespace) -> tuple[Any, str]:
    user = current_user(store)
    campaign = get_campaign(store, args.campaign)
    if args.verb == "mark":
        gold = mark_gold(store, campaign.id, args.dossier, user=user, remove=args.remove)
        lines = [f"金标准案卷 {len(gold)} 件：", *(f"{g.dossier_id}\t{g.unit}\t{g.case_number or g.file_name}\t"
                                               f"{g.total:g} 分（{g.grade}）" for g in gold)]
        return [asdict(g) for g in gold], "\n".join(lines)
    if args.verb == "assign":
        reviewer = next((u for u in list_users(store) if u.name == args.reviewer.strip()), None)
        if reviewer is None:
            raise KnownError(ErrorCode.NOT_FOUND, f"用户“{args.reviewer}”不存在")
        new = assign_gold(store, campaign.id, reviewer, user=user)
        return {"reviewer": reviewer.name, "dossiers": new}, (
            f"已把 {len(new)} 件金标准案卷分配给 {reviewer.name}：{'、'.join(map(str, new)) or '（均已分配）'}")
    return _report(store, campaign.id, args)


def run(args: argparse.Namespace) -> int:
    try:
        out, text = _run(open_store(args.db), args)
    except KnownError as exc:
        return fail(f"calibrate {args.verb}", exc)
    if args.format == "json":
        print_json(out)
    else:
        print(text)
    return 0
