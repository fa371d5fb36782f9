"""The sampling service: reproducible draws from a campaign, assignments saved, seed in the audit log."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.services import list_events
from app.services.sampling import DrawRequest, SamplingError, is_blind, preview_draw, save_draw
from app.store.models import Agency, Assignment, Dossier, User
from tests.e2e.test_reports_campaign import make_campaign


def test_sample_assign_replay_and_avoidance(tmp_path: Path) -> None:
    c = make_campaign(tmp_path / "db.sqlite", files=9)
    names = ["评查员甲", "评查员乙", "评查员丙"]
    req = DrawRequest(c.campaign_id, tuple(names), 20241, count=2, per_file=2, blind=True)
    preview = preview_draw(c.store, req, user=c.supervisor)
    first = save_draw(c.store, req, user=c.supervisor)
    again = save_draw(c.store, req, user=c.supervisor)
    assert (preview.saved, first.saved) == (False, True)
    assert preview.drawn == first.drawn == again.drawn  # the preview is exactly what is saved
    assert preview.assignments == first.assignments
    assert (first.existing, again.existing) == (0, 12)
    assert first.changes.assignments == frozenset({c.campaign_id})
    assert first.assignments == again.assignments
    assert len(first.drawn) == 6  # 2 per agency, 3 agencies
    with c.store.session() as s:
        rows = (
            s.query(Assignment, Dossier.agency_id, User.agency_id)
            .join(Dossier, Dossier.id == Assignment.dossier_id)
            .join(User, User.id == Assignment.reviewer_id)
            .all()
        )
        assert len(rows) == 12  # the replay added nothing
        assert all(dossier_agency != reviewer_agency for _, dossier_agency, reviewer_agency in rows)
        assert all(a.seed == "20241" and a.blind for a, _, _ in rows)
        reviewer_id = rows[0][0].reviewer_id
        dossier_id = rows[0][0].dossier_id
        assert s.query(Agency).count() == 5
    assert is_blind(c.store, dossier_id, reviewer_id)
    events = [e for e in list_events(c.store, entity="campaign") if e.action == "sample.draw"]
    assert [e.after["seed"] for e in events] == [20241, 20241]
    assert events[0].after["drawn"] == [d.dossier_id for d in first.drawn]


def test_sampling_errors_are_typed(tmp_path: Path) -> None:
    c = make_campaign(tmp_path / "db.sqlite", files=3)
    with pytest.raises(SamplingError, match="不存在"):
        save_draw(c.store, DrawRequest(c.campaign_id, ("无名氏",), 1, count=1), user=c.supervisor)
    alone = DrawRequest(c.campaign_id, ("评查员甲",), 1, count=1)
    with pytest.raises(SamplingError, match="回避"):
        save_draw(c.store, alone, user=c.supervisor)
    assert "回避" in preview_draw(c.store, alone, user=c.supervisor).problem  # the preview says why, not raises


def test_units_are_told_apart_by_their_path(tmp_path: Path) -> None:
    """Two 市场监督管理局 under different 师市 are two strata, and 回避 applies to one of them only."""
    from app.services import create_campaign, ensure_agency, ensure_user
    from app.services.sampling import conflicted
    from app.store.models import Campaign, StoredFile

    c = make_campaign(tmp_path / "db.sqlite", files=1)
    first = ensure_agency(c.store, "第一师/市场监督管理局")
    eighth = ensure_agency(c.store, "第八师/市场监督管理局")
    ensure_user(c.store, "第一师审查员", agency="第一师/市场监督管理局")
    camp = create_campaign(c.store, "同名单位", year=2025, user=c.supervisor)
    with c.store.write() as s:
        template = s.query(Dossier).first()
        assert template is not None
        assert s.get(Campaign, camp.id) is not None
        for i, unit in enumerate([first.id] * 3 + [eighth.id] * 3):
            s.add(StoredFile(sha256=f"{i:064d}", size=0, chunks=0))
            s.flush()
            s.add(
                Dossier(
                    campaign_id=camp.id,
                    agency_id=unit,
                    sha256=f"{i:064d}",
                    file_name=f"{i}.pdf",
                    pages=1,
                    case_kind="penalty",
                    extraction={},
                    rubric_id=template.rubric_id,
                    rubric_version=template.rubric_version,
                )
            )
    ensure_user(c.store, "第八师审查员", agency="第八师/市场监督管理局")
    result = save_draw(c.store, DrawRequest(camp.id, ("第一师审查员", "第八师审查员"), 5, count=2), user=c.supervisor)
    assert len(result.drawn) == 4  # 2 from each unit, not 2 from one merged 市场监督管理局
    with c.store.session() as s:
        unit_of = {d.id: d.agency_id for d in s.query(Dossier).filter(Dossier.campaign_id == camp.id)}
    for a in result.assignments:  # each reviewer gets the other 师市's files: same name, different unit
        assert a.reviewers == (("第八师审查员",) if unit_of[a.dossier_id] == first.id else ("第一师审查员",))
    assert conflicted("第一师/市场监督管理局", "第一师/市场监督管理局")
    assert not conflicted("第一师/市场监督管理局", "第八师/市场监督管理局")
    assert conflicted("第八师", "第八师/市场监督管理局")  # the 师市 above the unit
    assert conflicted("第八师/市场监督管理局", "第八师")
    assert not conflicted("第八师/公安局", "第八师/市场监督管理局")
    assert not conflicted(None, "第八师/市场监督管理局")
