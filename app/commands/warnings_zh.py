"""The reader's warnings in Chinese for people (`extract` / `check` text output).

The extraction contract keeps its warnings as documented (English, stable for programs reading the
JSON); a person reading `--format text` gets them in Chinese. A test finds every warning the readers
in ``app/ingest`` can emit and fails if one is not translated here.
"""

from __future__ import annotations

import re

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), zh) for p, zh in (
    (r"^page (\d+): no text layer, OCR used$", r"第\1页没有文字层，已用 OCR 识别"),
    (r"^page (\d+): no text layer, OCR skipped$", r"第\1页没有文字层，未做 OCR（该页文字未识别）"),
    (r"^page (\d+): image page, OCR skipped$", r"第\1页为图像页，未做 OCR（该页文字未识别）"),
    (r"^page (\d+): OCR found no text$", r"第\1页 OCR 未识别出任何文字"),
    (r"^page (\d+): low OCR confidence \(([0-9.]+)\)$", r"第\1页 OCR 置信度低（\2），请人工核对"),
    (r"^page (\d+): unreadable \((.*)\)$", r"第\1页无法读取（\2）"),
    (r"^file (.+): not a page image, skipped$", r"文件“\1”不是页面图像，已跳过"),
    (r"^file: PDF structure was damaged and repaired by MuPDF$", "PDF 文件结构已损坏，已由 MuPDF 修复后读取"),
    (r"^MuPDF: further messages omitted$", "MuPDF：其余提示从略"),
    (r"^MuPDF: (.*)$", r"MuPDF 提示：\1"),
))


def warning_zh(text: str) -> str:
    """The Chinese wording of one reader warning; text that is already Chinese (or unknown) unchanged."""
    for pattern, replacement in _PATTERNS:
        if pattern.match(text):
            return pattern.sub(replacement, text)
    return text
