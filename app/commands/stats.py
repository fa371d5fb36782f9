"""`casereview stats --campaign NAME [--format json|text]`: the dashboard's figures, aggregated in SQL."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from typing import Any

from app.errors import KnownError
from app.services import current_user, open_store
from app.services.objections import ObjectionStats, objection_stats
from app.services.reconcile import agreement
from app.services.reports import dashboard
from app.services.review_result import unreviewable_files
from app.stats import CampaignStats, Filters


def _text(s: CampaignStats) -> None:
    p = s.progress
    print(f"评查活动：{s.campaign}")
    print(f"进度：案卷 {p.dossiers} 件，已分配 {p.assigned}，未评 {p.not_started}，评查中 {p.in_progress}，"
          f"已提交 {p.submitted}，已定稿 {p.final}")
    print(f"已评查 {s.reviewed} 件，平均得分 {s.average:g} 分")
    print("等次分布：" + "；".join(f"{g.grade} {g.count} 件（{g.share:.2f}%）" for g in s.grades))
    print("各单位：")
    for a in s.agencies:
        print(f"  {a.agency}：{a.files} 件，平均 {a.average:g}，"
              f"最高 {a.highest:g}，最低 {a.lowest:g}，优秀 {a.excellent}，不合格 {a.failed}")
    print("常见问题（按评查项）：")
    for p_ in s.by_item[:15]:
        print(f"  {p_.title}（{p_.key}）：{p_.files} 件，扣 {p_.deducted:g} 分，累计 {p_.cumulative:.2f}%")
    print("自动检查规则采纳率：")
    for r in s.acceptance:
        rate = "—" if r.precision is None else f"{r.precision * 100:.1f}%"
        print(
            f"  {r.rule}：发现 {r.findings}，采纳 {r.accepted}，改分 {r.overridden}，否定 {r.rejected}，采纳率 {rate}"
        )


def _objections(o: ObjectionStats, unreviewable: int) -> None:
    print(f"不符合评查条件：{unreviewable} 件（不计分，不计入平均分）")
    print(f"异议：提出 {o.raised} 件，成立 {o.upheld}，不成立 {o.rejected}，待答复 {o.raised - o.upheld - o.rejected}")
    for label, rows in (("按单位", o.by_unit), ("按评查项", o.by_item)):
        if rows:
            print(f"  {label}：" + "；".join(f"{r.title} 提出 {r.raised}，成立 {r.upheld}" for r in rows))


def run(args: argparse.Namespace) -> int:
    try:
        store = open_store(args.db)
        stats = dashboard(
            store,
            args.campaign,
            user=current_user(store),
            filters=Filters(agency=args.agency, kind=args.kind, reviewer=args.reviewer),
        )
        extra = agreement(store, stats.campaign_id) if args.agreement else None
        objections = objection_stats(store, stats.campaign_id)
        unreviewable = len(unreviewable_files(store, stats.campaign_id))
    except KnownError as exc:
        print(f"casereview stats: {exc}", file=sys.stderr)
        return 2 if exc.code == "usage" else 1
    if args.format == "json":
        out: dict[str, Any] = stats.to_json()
        if extra is not None:
            out["agreement"] = asdict(extra)
        out["objections"] = asdict(objections)
        out["unreviewable"] = unreviewable
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        _text(stats)
        _objections(objections, unreviewable)
        if extra is not None:
            print(f"双人评查一致性：{extra.pairs} 对")
            for r in extra.reviewers:
                k = "—" if r.kappa is None else f"{r.kappa:.3f}"
                print(
                    f"  {r.reviewer}：{r.files} 件，一致 {r.equal_share * 100:.1f}%，kappa {k}，"
                    f"总分差 {r.mean_total_difference:+g}"
                )
            for st in extra.strictness:
                print(
                    f"  尺度 {st.reviewer}：平均扣 {st.mean_deduction:g} 分"
                    f"（全体 {st.campaign_mean:g}，{st.difference:+g}）"
                )
    return 0
