"""Printing per-file results the same way for `extract` and `check`."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from typing import Any


def print_results(
    results: Sequence[dict[str, Any]], fmt: str, summary: Callable[[dict[str, Any]], list[str]]
) -> int:
    """JSON (one object, or an array for several files) or a Chinese summary; exit 1 if any file failed."""
    if fmt == "json":
        payload: Any = results[0] if len(results) == 1 else list(results)
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for result in results:
            if "error" in result:
                err = result["error"]
                print(f"{result['file']}：读取失败（{err['code']}）：{err['reason']}", file=sys.stderr)
            else:
                print("\n".join(summary(result)))
    return 1 if any("error" in r for r in results) else 0
