"""`casereview db` (placeholder until its issue lands)."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> None:
    p = sub.add_parser("db", help="（尚未实现）")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    print("尚未实现")
    return 2
