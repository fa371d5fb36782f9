"""The sampling service: reproducible draws from a campaign, assignments saved, seed in the audit log."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.services import list_events
from app.services.sampling import SamplingError, is_blind, sample_and_assign
from app.store.models import Agency, Assignment, Dossier, User
from tests.e2e.test_reports_campaign import make_campaign


def test_sample_assign_replay_and_avoidance(tmp_path: Path) -> None:
    c = make_campaign(tmp_path / "db.sqlite", files=9)
    names = ["评查员甲", "评查员乙", "评查员丙"]
    first = sample_and_assign(c.store, c.campaign_id, reviewers=names, user=c.supervisor, count=2, seed=20241,
                              per_file=2, blind=True)
    again = sample_and_assign(c.store, c.campaign_id, reviewers=names, user=c.supervisor, count=2, seed=20241,
                              per_file=2, blind=True)
    assert first.drawn == again.drawn
    assert first.assignments == again.assignments
    assert len(first.drawn) == 6  # 2 per agency, 3 agencies
    with c.store.session() as s:
        rows = s.query(Assignment, Dossier.agency_id, User.agency_id).join(Dossier, Dossier.id == Assignment.dossier_id)\
            .join(User, User.id == Assignment.reviewer_id).all()
        assert len(rows) == 12  # the replay added nothing
        assert all(dossier_agency != reviewer_agency for _, dossier_agency, reviewer_agency in rows)
        assert all(a.seed == "20241" and a.blind for a, _, _ in rows)
        reviewer_id = rows[0][0].reviewer_id
        dossier_id = rows[0][0].dossier_id
        assert s.query(Agency).count() == 5
    assert is_blind(c.store, dossier_id, reviewer_id)
    events = [e for e in list_events(c.store, entity="campaign") if e.action == "sample.draw"]
    assert [e.after["seed"] for e in events] == [20241, 20241]
    assert events[0].after["drawn"] == list(first.drawn)


def test_sampling_errors_are_typed(tmp_path: Path) -> None:
    c = make_campaign(tmp_path / "db.sqlite", files=3)
    with pytest.raises(SamplingError, match="不存在"):
        sample_and_assign(c.store, c.campaign_id, reviewers=["无名氏"], user=c.supervisor, count=1, seed=1)
    with pytest.raises(SamplingError, match="回避"):
        sample_and_assign(c.store, c.campaign_id, reviewers=["评查员甲"], user=c.supervisor, count=1, seed=1)
