"""The one table of document types (scoring/doctypes.py) guards itself (issue 13.3 and 13.5).

A new row needs nothing else to be recognised and required: segmentation reads its titles, the
missing-document rules and the check configuration read its required_in. These tests fail when a row
is inconsistent or when a consumer stops following the table.
"""

from __future__ import annotations

import pytest

from app.extract import segment
from app.extract.catalogue import TITLES
from app.ingest.types import Line, Page
from scoring import doctypes
from scoring.config import CASE_KINDS, CheckConfig
from scoring.doctypes import DOCUMENT_TYPES

TYPED = [d for d in DOCUMENT_TYPES if d.id not in {"cover", "toc"}]  # cover and TOC have their own readers


def test_ids_and_labels_are_unique_and_every_row_has_a_title() -> None:
    ids = [d.id for d in DOCUMENT_TYPES]
    labels = [d.label for d in DOCUMENT_TYPES]
    assert len(set(ids)) == len(ids)
    assert len(set(labels)) == len(labels)
    assert all(d.titles and d.label and d.stage for d in DOCUMENT_TYPES)
    assert set(doctypes.labels()) == set(ids)


def test_required_kinds_are_case_kinds_and_the_config_follows_the_table() -> None:
    for d in DOCUMENT_TYPES:
        assert set(d.required_in) <= set(CASE_KINDS), d.id
        assert set(d.main_in) <= set(CASE_KINDS), d.id
    required = CheckConfig().required_documents
    for kind in CASE_KINDS:
        assert set(required[kind]) == {d.id for d in DOCUMENT_TYPES if kind in d.required_in}


def test_segmentation_reads_its_titles_from_the_table() -> None:
    assert dict(TITLES) == {d.id: d.titles for d in DOCUMENT_TYPES}


@pytest.mark.parametrize("doc", TYPED, ids=[d.id for d in TYPED])
def test_a_page_headed_by_each_types_usual_title_is_that_type(doc: doctypes.DocType) -> None:
    title = doc.titles[0]
    text = f"{title}\n编号：〔2026〕1号\n当事人：某某有限公司"
    lines = tuple(Line(t, (60.0, 50.0 + 18 * i, 520.0, 62.0 + 18 * i)) for i, t in enumerate(text.split("\n")))
    found = segment([Page(1, text, lines)])
    assert [d.type for d in found] == [doc.id]
