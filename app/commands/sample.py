"""`casereview sample`: draw files per agency with a seed that is shown (and logged), assign reviewers
from other units (回避), optionally blind; `--dry-run` draws and shows without saving."""

from __future__ import annotations

import argparse
import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from app.commands.supervise import agency_paths, fail, print_json, usage
from app.errors import KnownError
from app.services import Store, UserDTO, current_user, get_campaign, list_dossiers, open_store
from app.services.sampling import (
    Assignment,
    assign,
    candidates_of,
    draw_sample,
    new_seed,
    reviewers_named,
    sample_and_assign,
)
from app.services.users import require_role


def split_names(text: str) -> list[str]:
    return [n.strip() for n in re.split(r"[,，、;；\s]+", text) if n.strip()]


def _preview(store: Store, campaign_id: int, *, names: Sequence[str], args: argparse.Namespace,
             seed: int) -> list[Assignment]:
    with store.session() as session:
        candidates = candidates_of(session, campaign_id)
        people, _ = reviewers_named(session, names)
    drawn = draw_sample(candidates, seed=seed, count=args.count, percent=args.percent)
    return assign(drawn, people, seed=seed, per_file=args.per_file)


def _draw(store: Store, user: UserDTO, *, args: argparse.Namespace, names: list[str]) -> dict[str, Any]:
    campaign = get_campaign(store, args.campaign)
    require_role(user, "supervisor", "admin", action="抽样分配")
    seed = new_seed() if args.seed is None else int(args.seed)
    if args.dry_run:
        assignments = _preview(store, campaign.id, names=names, args=args, seed=seed)
    else:
        result = sample_and_assign(store, campaign.id, reviewers=names, user=user, count=args.count,
                                   percent=args.percent, seed=seed, per_file=args.per_file, blind=args.blind)
        assignments = list(result.assignments)
    paths = agency_paths(store)
    rows = {d.id: d for d in list_dossiers(store, campaign.id)}
    drawn = []
    for a in assignments:
        d = rows[a.dossier_id]
        agency = paths.get(d.agency_id) if d.agency_id is not None else None
        drawn.append({"dossier_id": a.dossier_id, "file": d.file_name, "agency": agency or d.agency or "（未指定单位）",
                      "kind": d.kind, "reviewers": list(a.reviewers)})
    return {"campaign": campaign.name, "seed": seed, "count": args.count, "percent": args.percent,
            "per_file": args.per_file, "blind": bool(args.blind), "saved": not args.dry_run, "drawn": drawn}


def _text(out: dict[str, Any]) -> None:
    print(f"抽样种子：{out['seed']}（用相同种子可复现本次抽取）")
    quota = f"每单位 {out['count']} 件" if out["count"] is not None else f"每单位 {out['percent']:g}%"
    print(f"评查活动：{out['campaign']}；{quota}；每卷 {out['per_file']} 人；盲评：{'是' if out['blind'] else '否'}")
    by_agency: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in out["drawn"]:
        by_agency[row["agency"]].append(row)
    for agency in sorted(by_agency):
        print(f"{agency}（{len(by_agency[agency])} 件）：")
        for row in by_agency[agency]:
            print(f"  [{row['dossier_id']}] {row['file']}（{row['kind']}）→ {'、'.join(row['reviewers'])}")
    done = "已保存分配" if out["saved"] else "试抽，未保存（去掉 --dry-run 并用同一种子即可保存）"
    print(f"共抽取 {len(out['drawn'])} 件，{done}")


def run(args: argparse.Namespace) -> int:
    names = split_names(args.reviewers)
    if not names:
        return usage("sample", "--reviewers 至少写一名评查人员")
    try:
        store = open_store(args.db)
        out = _draw(store, current_user(store), args=args, names=names)
    except KnownError as exc:
        return fail("sample", exc)
    if args.format == "json":
        print_json(out)
    else:
        _text(out)
    return 0
