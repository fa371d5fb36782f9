"""Helpers shared by the store tests: real PDFs made with PyMuPDF, a store per test (no tests here)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pymupdf
import pytest

from app.services import Store, UserDTO, create_campaign, ensure_user, open_store
from app.services.dto import CampaignDTO


def make_pdf(path: Path, pages: list[str]) -> Path:
    """A text PDF whose page i carries pages[i] (Chinese via the built-in CJK font)."""
    doc = pymupdf.open()
    for text in pages:
        page = doc.new_page()
        y = 72.0
        for line in text.split("\n"):
            page.insert_text((72, y), line, fontname="china-s", fontsize=11)
            y += 16
    doc.save(path)
    doc.close()
    return path


def dossier_pages(n: int, *, tag: str) -> list[str]:
    return [f"行政处罚案卷 {tag}\n第{i + 1}页 当事人：某某商贸有限公司\n案号：示例〔2024〕{tag}号" for i in range(n)]


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = open_store(db_url)
    yield s
    s.dispose()


@pytest.fixture
def reviewer(store: Store) -> UserDTO:
    return ensure_user(store, "张评查", role="reviewer")


@pytest.fixture
def campaign(store: Store, reviewer: UserDTO) -> CampaignDTO:
    return create_campaign(store, "2024年度行政处罚案卷评查", year=2024, user=reviewer)
