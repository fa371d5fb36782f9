"""`casereview sample`: draw files per agency with a seed that is shown (and logged), assign reviewers
from other units (回避), optionally blind; `--dry-run` draws and shows without saving."""

from __future__ import annotations

import argparse
import re
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from app.commands.supervise import answer, usage
from app.services import Store, UserDTO, current_user, get_campaign, open_store
from app.services.sampling import Draw, DrawRequest, SamplingError, new_seed, preview_draw, save_draw


def split_names(text: str) -> list[str]:
    return [n.strip() for n in re.split(r"[,，、;；\s]+", text) if n.strip()]


def _json(draw: Draw, *, campaign: str) -> dict[str, Any]:
    req = draw.request
    by_id = {c.dossier_id: c for c in draw.drawn}
    drawn = [{"dossier_id": a.dossier_id, "file": by_id[a.dossier_id].file_name, "agency": by_id[a.dossier_id].agency,
              "kind": by_id[a.dossier_id].kind, "reviewers": list(a.reviewers)} for a in draw.assignments]
    return {"campaign": campaign, "seed": req.seed, "count": req.count, "percent": req.percent,
            "per_file": req.per_file, "blind": req.blind, "saved": draw.saved, "drawn": drawn}


def _draw(store: Store, user: UserDTO, *, args: argparse.Namespace, names: list[str]) -> dict[str, Any]:
    campaign = get_campaign(store, args.campaign)
    req = DrawRequest(campaign.id, tuple(names), new_seed() if args.seed is None else int(args.seed),
                      args.count, args.percent, args.per_file, bool(args.blind))
    if args.dry_run:
        draw = preview_draw(store, req, user=user)
        if draw.problem:
            raise SamplingError(draw.problem)
    else:
        draw = save_draw(store, req, user=user)
    return _json(draw, campaign=campaign.name)
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
    def work() -> tuple[dict[str, Any], Callable[[], None]]:
        store = open_store(args.db)
        out = _draw(store, current_user(store), args=args, names=names)
        return out, lambda: _text(out)

    return answer("sample", args.format, work)
