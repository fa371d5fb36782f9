"""Helpers shared by the supervisor's commands (`user`, `sample`, `reconcile`, `ledger`).

Exit codes: 0 done; 1 refused or failed (no permission — ``ErrorCode.FORBIDDEN`` —, record not found,
database error); 2 usage error (bad arguments, or a request the data cannot satisfy as asked).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any

from app.errors import ErrorCode, KnownError
from app.services import AgencyDTO, Store, list_agencies


def fail(command: str, exc: KnownError) -> int:
    """Print the Chinese reason to stderr; 2 for usage errors, 1 for everything else (incl. forbidden)."""
    print(f"casereview {command}: {exc}", file=sys.stderr)
    return 2 if exc.code == ErrorCode.USAGE else 1


def usage(command: str, message: str) -> int:
    print(f"casereview {command}: 用法错误: {message}", file=sys.stderr)
    return 2


def print_json(payload: Any) -> None:
    print(json.dumps(payload, ensure_ascii=False, indent=2))


def answer(command: str, fmt: str, work: Callable[[], tuple[Any, Callable[[], None]]]) -> int:
    """Run a command's use case: its payload as JSON (``--format json``) or its text; a refusal is the exit code."""
    try:
        payload, show_text = work()
    except KnownError as exc:
        return fail(command, exc)
    if fmt == "json":
        print_json(payload)
    else:
        show_text()
    return 0


def agency_paths(store: Store) -> dict[int, str]:
    """Agency id -> "师市/部门"."""
    return {a.id: a.path for a in list_agencies(store)}


def find_agency(store: Store, name: str) -> AgencyDTO:
    """An agency by path ("第一师/市场监管局") or by a name that is unique in the tree."""
    wanted = name.strip().replace("／", "/")
    agencies = list_agencies(store)
    exact = [a for a in agencies if a.path == wanted]
    found = exact or [a for a in agencies if a.name == wanted]
    if not found:
        raise KnownError(ErrorCode.NOT_FOUND, f"单位“{name}”不存在")
    if len(found) > 1:
        raise KnownError(
            ErrorCode.USAGE, f"单位“{name}”不唯一（{'、'.join(a.path for a in found)}），请写全“师市/部门”"
        )
    return found[0]
