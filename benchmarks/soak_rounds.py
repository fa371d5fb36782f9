"""The soak's scenarios (benchmarks/soak.py): each round returns an Outcome — did everything hold, was an
acknowledged write lost (or were there two winners), and what was wrong."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field

from sqlalchemy import func, select

from app.services import ensure_user, get_review, list_reviews, open_store
from app.services.ledger import list_problems
from app.services.reconcile import Side, compare, finalise, settle
from app.store.models import AuditEvent, Correction, Dossier, ItemScoreRow
from benchmarks.soak_child import ITEM
from benchmarks.soak_env import (
    CAMPAIGN,
    ROOT,
    Env,
    child,
    dossier_state,
    final_state,
    group_gone,
    result_of,
    verified,
    verify_cli,
    wait_ready,
)


@dataclass
class Outcome:
    survived: bool
    lost: bool
    notes: list[str] = field(default_factory=list)
    detail: str = ""  # e.g. where the kill landed


def _outcome(wrong: list[str], lost: list[str], detail: str = "") -> Outcome:
    return Outcome(not wrong and not lost, bool(lost), [*lost, *wrong], detail)


def _told(results: list[dict[str, object]], names: tuple[str, str]) -> str:
    """Who won, in how long, and the first words the other was told."""
    parts = []
    for name, r in zip(names, results, strict=True):
        said = "成功" if "ok" in r else f"“{str(r.get('told', r.get('error')))[:28]}…”"
        parts.append(f"{name} {r.get('seconds', '?')}s {said}")
    return "；".join(parts)


# --- kill-import ------------------------------------------------------------------------------------


def _import_cmd(env: Env, url: str) -> list[str]:
    folder = env.docs[0].parent
    return [sys.executable, "-m", "app.cli", "--db", url, "import", str(folder), "--campaign", CAMPAIGN,
            "--format", "json", "--workers", "1"]


def import_duration(env: Env) -> tuple[float, float]:
    """(seconds until the first dossier is committed, seconds for the whole batch) of one import here, now."""
    url = env.copy("campaign")
    store = open_store(url, migrate=False)
    start = time.perf_counter()
    proc = subprocess.Popen(_import_cmd(env, url), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    first = None
    while proc.poll() is None:
        if first is None:
            with store.session() as s:
                if s.scalar(select(func.count()).select_from(Dossier)):
                    first = time.perf_counter() - start
        time.sleep(0.02)
    seconds = time.perf_counter() - start
    store.dispose()
    if proc.returncode != 0:
        raise RuntimeError(f"导入失败：{proc.stderr.read() if proc.stderr else ''}")
    env.drop(url)
    return first or seconds, seconds


def _wait_for(url: str, proc: subprocess.Popen[str], count: int) -> int:
    """Until ``count`` dossiers are committed (or the import ended); returns ``count``."""
    if count == 0:
        return 0
    store = open_store(url, migrate=False)
    try:
        while proc.poll() is None:
            with store.session() as s:
                if (s.scalar(select(func.count()).select_from(Dossier)) or 0) >= count:
                    break
            time.sleep(0.01)
    finally:
        store.dispose()
    return count


def kill_import(env: Env, rng: random.Random, span: tuple[float, float]) -> Outcome:
    """``span``: (seconds to the first committed dossier, seconds per further dossier). The moment: k of the
    batch's dossiers committed (k uniform), then a delay uniform within the next one's time."""
    url = env.copy("campaign")
    proc = subprocess.Popen(_import_cmd(env, url), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    start = time.perf_counter()
    after = _wait_for(url, proc, rng.randrange(len(env.docs)))
    time.sleep(rng.uniform(0, span[0] if after == 0 else span[1]))
    moment = time.perf_counter() - start
    killed = proc.poll() is None
    if killed:
        os.killpg(proc.pid, signal.SIGKILL)  # the CLI, its analysis worker, everything in its group
    out, _ = proc.communicate(timeout=60)
    wrong: list[str] = []
    if not group_gone(proc.pid):
        wrong.append("导入进程组中仍有进程存活")
    present, bad = dossier_state(url)
    lost = [b for b in bad if "丢失" in b or "不完整" in b]
    if not killed and proc.returncode == 0:  # finished first: what it reported imported must be there
        reported = {int(f["dossier_id"]) for f in json.loads(out)["details"]["imported"]}
        lost += [f"报告已导入的案卷 {i} 不在数据库中" for i in sorted(reported - present)]
    wrong += [b for b in bad if b not in lost] + verified(url)
    rerun = subprocess.run(_import_cmd(env, url), cwd=ROOT, capture_output=True, text=True, timeout=900, check=False)
    if rerun.returncode != 0:
        wrong.append(f"重新导入失败（{rerun.returncode}）：{rerun.stderr[-300:]}")
    else:
        report = json.loads(rerun.stdout)
        got = (len(report["imported"]), len(report["duplicates"]))
        if got != (len(env.docs) - len(present), len(present)):
            wrong.append(
                f"重新导入：新导入 {got[0]}、重复 {got[1]}，应为 {len(env.docs) - len(present)}、{len(present)}"
            )
    after, bad = dossier_state(url)
    lost += [f"终止时已有的案卷 {i} 在重新导入后不见了" for i in sorted(present - after)]
    store = open_store(url, migrate=False)
    tmp = store.data_dir / "import-tmp"
    store.dispose()
    if tmp.is_dir() and any(tmp.iterdir()):
        wrong.append(f"被终止的导入留下的临时文件未清理：{sorted(p.name for p in tmp.iterdir())}")
    wrong += bad + ([] if len(after) == len(env.docs) else [f"重新导入后 {len(after)} 份案卷"]) + verify_cli(url)
    env.drop(url)
    where = f"{moment:.2f}s，{len(present)}/{len(env.docs)} 份已入库" if killed else f"{moment:.2f}s，导入已结束"
    return _outcome(wrong, lost, where)


# --- kill-finalise ----------------------------------------------------------------------------------


def finalise_duration(env: Env) -> float:
    url = env.copy("reviewed")
    proc = child("finalise", url, "督查组长", "1", "b")
    wait_ready(proc)
    result = result_of(proc)
    env.drop(url)
    if "ok" not in result:
        raise RuntimeError(f"定稿未成功：{result}")
    return float(result["seconds"])  # type: ignore[arg-type]


def kill_finalise(env: Env, rng: random.Random, span: float) -> Outcome:
    url = env.copy("reviewed")
    proc = child("finalise", url, "督查组长", "1", "b")
    wait_ready(proc)
    moment = rng.uniform(0, span)
    time.sleep(moment)
    killed = proc.poll() is None
    if killed:
        os.killpg(proc.pid, signal.SIGKILL)
    out, _ = proc.communicate(timeout=60)
    acknowledged = '"ok"' in out
    who, wrong = final_state(url, 1)
    lost = ["定稿已确认但数据库中没有定稿"] if acknowledged and who is None else []
    if who is None and not wrong:  # untouched: it can still be finalised
        store = open_store(url, migrate=False)
        try:
            rec = compare(store, 1)
            finalise(
                store,
                1,
                settled=settle(rec, {}, take=Side.B),
                user=ensure_user(store, "督查组长二"),
                expected=rec.compared,
            )
        except Exception as exc:  # a round that cannot finalise again did not survive
            wrong.append(f"终止后不能再定稿：{exc!r}")
        finally:
            store.dispose()
        wrong += final_state(url, 1)[1]
    wrong += verified(url)
    env.drop(url)
    state = "已定稿" if who else "未定稿"
    return _outcome(wrong, lost, f"{moment:.3f}s {'终止' if killed else '已结束'}，{state}")


# --- races ------------------------------------------------------------------------------------------


def _race(rng: random.Random, procs: list[subprocess.Popen[str]]) -> list[dict[str, object]]:
    """Both workstations ready; released a random few milliseconds apart, in random order."""
    for p in procs:
        wait_ready(p)
    order = list(procs)
    rng.shuffle(order)
    for i, p in enumerate(order):
        if i:
            time.sleep(rng.uniform(0, 0.03))
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()
    return [result_of(p) for p in procs]


def _one_winner(results: list[dict[str, object]]) -> tuple[int | None, list[str], list[str]]:
    """(index of the winner, lost, wrong): exactly one acknowledged, the other told."""
    oks = [i for i, r in enumerate(results) if "ok" in r]
    errors = [f"错误：{r['error']}" for r in results if "error" in r]
    if len(oks) > 1:
        return None, ["两个工作站都被告知保存成功"], errors
    if not oks:
        return None, [], [*errors, f"没有一方成功：{results}"]
    told = [r for r in results if "told" in r]
    return oks[0], [], errors + ([] if told else [f"失败一方没有得到说明：{results}"])


def _events(url: str, action: str) -> int:
    store = open_store(url, migrate=False)
    try:
        with store.session() as s:
            return int(s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == action)) or 0)
    finally:
        store.dispose()


def race_review(env: Env, rng: random.Random) -> Outcome:
    url = env.copy("reviewed")
    store = open_store(url, migrate=False)
    review = next(r for r in list_reviews(store, 2) if r.reviewer == "评查员丙")
    store.dispose()
    before = _events(url, "item_score.save")
    values = ("1", "0.5")
    results = _race(
        rng, [child("save", url, "评查员丙", str(review.id), str(review.version), v, wait=True) for v in values]
    )
    winner, lost, wrong = _one_winner(results)
    store = open_store(url, migrate=False)
    with store.session() as s:
        row = s.scalars(
            select(ItemScoreRow).where(ItemScoreRow.review_id == review.id, ItemScoreRow.item == ITEM)
        ).first()
    now = get_review(store, review.id)
    store.dispose()
    if winner is not None:
        if row is None or abs(row.deducted - float(values[winner])) > 1e-9 or now.version != results[winner]["ok"]:
            lost.append(
                f"已确认的保存（扣 {values[winner]} 分，版本 {results[winner]['ok']}）不在数据库中："
                f"{row.deducted if row else None}，版本 {now.version}"
            )
        if _events(url, "item_score.save") != before + 1:
            wrong.append("保存的审计事件不是恰好一条")
    wrong += verified(url)
    env.drop(url)
    return _outcome(wrong, lost, _told(results, ("扣1分", "扣0.5分")))


def race_finalise(env: Env, rng: random.Random) -> Outcome:
    url = env.copy("reviewed")
    who = ("督查组长", "督查组长二")
    results = _race(rng, [child("finalise", url, w, "1", side, wait=True) for w, side in zip(who, "ab", strict=True)])
    winner, lost, wrong = _one_winner(results)
    final_by, bad = final_state(url, 1)
    wrong += bad
    if winner is not None and final_by != who[winner]:
        lost.append(f"{who[winner]} 被告知定稿成功，但定稿人是 {final_by}")
    wrong += verified(url)
    env.drop(url)
    return _outcome(wrong, lost, _told(results, who))


def race_ledger(env: Env, rng: random.Random) -> Outcome:
    url = env.copy("finalised")
    store = open_store(url, migrate=False)
    with store.session() as s:
        campaign_id = int(s.scalar(select(Dossier.campaign_id).where(Dossier.id == 1)) or 0)
    row = rng.choice(list_problems(store, campaign_id))
    store.dispose()
    notes = ("甲工作站：已整改", "乙工作站：已整改")
    who = ("督查组长", "督查组长二")
    results = _race(
        rng,
        [
            child("status", url, w, str(row.row_id), str(row.version), n, wait=True)
            for w, n in zip(who, notes, strict=True)
        ],
    )
    winner, lost, wrong = _one_winner(results)
    store = open_store(url, migrate=False)
    with store.session() as s:
        now = s.get(Correction, row.row_id)
        state = (now.status, now.note, now.version) if now else None
    store.dispose()
    if winner is not None and state != ("已整改", notes[winner], results[winner]["ok"]):
        lost.append(f"已确认的整改状态（{notes[winner]}）不在数据库中：{state}")
    if _events(url, "ledger.status") != 1:
        wrong.append("整改状态的审计事件不是恰好一条")
    wrong += verified(url)
    env.drop(url)
    return _outcome(wrong, lost, _told(results, who))


def race_import(env: Env, rng: random.Random) -> Outcome:
    url = env.copy("campaign")
    file = str(rng.choice(env.docs))
    who = ("组织者", "组织者二")
    results = _race(rng, [child("import", url, w, file, CAMPAIGN, wait=True) for w in who])
    winner, lost, wrong = _one_winner(results)
    present, bad = dossier_state(url)
    wrong += bad
    if winner is not None:
        if present != {results[winner]["ok"]}:
            lost.append(f"已确认导入的案卷 {results[winner]['ok']} 与库中 {sorted(present)} 不符")
        loser = results[1 - winner]
        if loser.get("duplicate_of") != results[winner]["ok"]:
            wrong.append(f"另一方没有报告为重复：{loser}")
    wrong += verified(url)
    env.drop(url)
    return _outcome(wrong, lost, _told(results, who))
