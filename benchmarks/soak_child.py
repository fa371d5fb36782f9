"""One workstation of the soak (benchmarks/soak.py): a separate process doing one write through the services.

    python -m benchmarks.soak_child OP DB_URL [ARG ...] [--wait]

It opens the store and reads what the person would have on screen (the user; for 定稿, the comparison),
prints ``ready``; with ``--wait`` it then waits for a line on stdin (the other
workstation is released at the same moment); then it does OP and prints one JSON line:
``{"ok": ...}`` when the write was acknowledged, ``{"told": message}`` when it was refused with a
message for the user (a conflict, already final, a duplicate), ``{"error": repr}`` for anything else.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.errors import KnownError  # noqa: E402
from app.services import ensure_user, import_paths, open_store, save_item_score  # noqa: E402
from app.services.dto import UserDTO  # noqa: E402
from app.services.ledger import set_status  # noqa: E402
from app.services.reconcile import Side, compare, finalise, settle  # noqa: E402
from app.services.store import Store  # noqa: E402

ITEM = "documents.templates"  # the item both reviewers' workstations save in race-review


def do_finalise(store: Store, user: UserDTO, dossier: str, take: str) -> Callable[[], dict[str, object]]:
    rec = compare(store, int(dossier))  # what the supervisor looked at, before either writes

    def write() -> dict[str, object]:
        done = finalise(store, int(dossier), settled=settle(rec, {}, take=Side(take)), user=user,
                        expected=rec.compared)
        return {"ok": done.review.id, "total": done.review.total, "ledger_added": done.ledger.added}
    return write


def do_save(store: Store, user: UserDTO, review: str, version: str, deducted: str) -> Callable[[], dict[str, object]]:
    def write() -> dict[str, object]:
        dto = save_item_score(store, int(review), ITEM, deducted=float(deducted), reason=f"{user.name}：{deducted}",
                              user=user, expected_version=int(version))
        return {"ok": dto.version, "deducted": float(deducted)}
    return write


def do_status(store: Store, user: UserDTO, row: str, version: str, note: str) -> Callable[[], dict[str, object]]:
    def write() -> dict[str, object]:
        done = set_status(store, {int(row): int(version)}, status="已整改", user=user, note=note)
        return {"ok": done.problems[0].version, "note": note}
    return write


def do_import(store: Store, user: UserDTO, path: str, campaign: str) -> Callable[[], dict[str, object]]:
    def write() -> dict[str, object]:
        report = import_paths(store, [path], campaign=campaign, user=user, workers=0)
        if report.imported:
            return {"ok": report.imported[0].dossier_id}
        if report.duplicates:
            dup = report.duplicates[0].dossier_id
            return {"told": f"重复文件，已是案卷 {dup}", "duplicate_of": dup}
        return {"error": f"rejected {report.rejected}"}
    return write


OPS: dict[str, Callable[..., Callable[[], dict[str, object]]]] = {
    "finalise": do_finalise, "save": do_save, "status": do_status, "import": do_import,
}


def main(argv: list[str]) -> int:
    wait = "--wait" in argv
    op, url, *args = [a for a in argv if a != "--wait"]
    store = open_store(url, migrate=False)
    user = ensure_user(store, args[0], role="reviewer" if op == "save" else "supervisor")  # existing: kept as is
    try:
        write = OPS[op](store, user, *args[1:])
    except KnownError as exc:
        print(json.dumps({"error": f"not ready: {exc.message}"}, ensure_ascii=False), flush=True)
        return 1
    print("ready", flush=True)
    if wait:
        sys.stdin.readline()
    start = time.perf_counter()
    try:
        out = write()
    except KnownError as exc:
        out = {"told": exc.message, "code": str(exc.code)}
    except Exception as exc:  # reported to the soak as an error, never hidden
        out = {"error": repr(exc)}
    out["seconds"] = round(time.perf_counter() - start, 4)
    print(json.dumps(out, ensure_ascii=False), flush=True)
    store.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
