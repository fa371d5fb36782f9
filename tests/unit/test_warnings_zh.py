"""Every warning the readers in app/ingest can emit has a Chinese wording for `extract --format text`."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from app.commands.warnings_zh import warning_zh

INGEST = Path(__file__).resolve().parents[2] / "app" / "ingest"
ALLOWED_LATIN = {"OCR", "PDF", "MuPDF"}


def _sample(node: ast.expr) -> str | None:
    """The text a warnings.append(...) argument produces, with every placeholder as 7."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "7" for v in node.values)
    return None


def _emitted() -> list[str]:
    found = []
    for path in sorted(INGEST.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "append"
                    and isinstance(node.func.value, ast.Name) and node.func.value.id in ("warnings", "sink")
                    and node.args):
                text = _sample(node.args[0])
                if text is not None:
                    found.append(text)
    return found


def test_the_readers_emit_warnings() -> None:
    assert len(_emitted()) >= 5


@pytest.mark.parametrize("english", [*_emitted(), "MuPDF: format error: cmsOpenProfileFromMem failed"])
def test_each_reader_warning_reads_in_chinese(english: str) -> None:
    chinese = warning_zh(english)
    assert chinese != english
    ours = chinese.split("MuPDF 提示：", 1)[0]  # MuPDF's own message follows that label verbatim
    assert set(re.findall(r"[A-Za-z]+", ours)) <= ALLOWED_LATIN


@pytest.mark.parametrize(("english", "chinese"), [
    ("page 7: no text layer, OCR used", "第7页没有文字层，已用 OCR 识别"),
    ("page 12: low OCR confidence (0.41)", "第12页 OCR 置信度低（0.41），请人工核对"),
    ("file 说明.txt: not a page image, skipped", "文件“说明.txt”不是页面图像，已跳过"),
    ("卷内目录第3项未找到对应文书", "卷内目录第3项未找到对应文书"),
])
def test_exact_wording(english: str, chinese: str) -> None:
    assert warning_zh(english) == chinese
