"""被评查单位 at import: one unit for the batch, or the folder rule (issue 14 point 4, the import part)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import KnownError
from app.services import ensure_agency, import_paths, list_dossiers
from app.services.import_units import Unit, UnitMatcher
from tests.unit.test_store_support import campaign, dossier_pages, make_pdf, reviewer, store  # noqa: F401

UNITS = [Unit(1, "第八师"), Unit(2, "第八师/石河子市市场监督管理局"), Unit(3, "第八师/石河子市农业农村局"),
         Unit(4, "第一师"), Unit(5, "第一师/阿拉尔市市场监督管理局"), Unit(6, "第二师/铁门关市市场监督管理局"),
         Unit(7, "第六师/五家渠市市场监督管理局"), Unit(8, "第六师/市场监督管理局"), Unit(9, "第七师/市场监督管理局"),
         Unit(10, "第二师"), Unit(11, "第六师"), Unit(12, "第七师")]  # every level is a unit (ensure_agency)


@pytest.mark.parametrize(("display", "unit"), [
    ("送审/第八师/石河子市市场监督管理局/2024/案卷1.pdf", "第八师/石河子市市场监督管理局"),  # the deepest wins
    ("第八师/案卷2.pdf", "第八师"),
    ("第八师/不认识的科室/案卷3.pdf", "第八师"),  # an unknown folder below keeps the unit above
    ("石河子市农业农村局/案卷4.pdf", "第八师/石河子市农业农村局"),  # a unique last level is enough
    ("铁门关市市场监督管理局.zip/a.pdf", None),  # a ZIP's name is not a folder name
    ("市场监督管理局/案卷5.pdf", None),  # ambiguous last level (第六师, 第七师): no guess
    ("第七师/市场监督管理局/案卷6.pdf", "第七师/市场监督管理局"),  # ...unless the folder above says which
    ("第一师 /阿拉尔市市场监督管理局/x.pdf", "第一师/阿拉尔市市场监督管理局"),  # spaces around names ignored
    ("案卷7.pdf", None),
    ("其他/第八师石河子/案卷8.pdf", None),  # names are compared whole, never by substring
])
def test_folder_rule(display: str, unit: str | None) -> None:
    found = UnitMatcher(UNITS).unit_for(display)
    assert (found.path if found else None) == unit


def _batch(root: Path) -> Path:
    for rel in ("第八师/石河子市市场监督管理局/a.pdf", "第八师/b.pdf", "无名/c.pdf"):
        path = root / "送审" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        make_pdf(path, dossier_pages(1, tag=rel))
    return root / "送审"


def test_import_takes_units_from_the_folders(store, campaign, reviewer, tmp_path: Path) -> None:  # noqa: F811
    ensure_agency(store, "第八师/石河子市市场监督管理局")
    report = import_paths(store, [_batch(tmp_path)], campaign=campaign, user=reviewer, workers=0,
                          agency_from_folders=True)
    assert {f.file: f.unit for f in report.imported} == {
        "送审/第八师/b.pdf": "第八师", "送审/第八师/石河子市市场监督管理局/a.pdf": "第八师/石河子市市场监督管理局",
        "送审/无名/c.pdf": None}
    assert report.no_unit == ("送审/无名/c.pdf",)
    rows = {r.file_name: r.agency for r in list_dossiers(store, campaign.id)}
    assert rows == {"a.pdf": "第八师/石河子市市场监督管理局", "b.pdf": "第八师", "c.pdf": None}
    # the agency filter of the case list and of sampling sees them
    assert [r.file_name for r in list_dossiers(store, campaign.id, agency="第八师")] == ["b.pdf", "a.pdf"]


def test_one_unit_for_the_batch_is_created_and_shown(store, campaign, reviewer, tmp_path: Path) -> None:  # noqa: F811
    report = import_paths(store, [_batch(tmp_path)], campaign=campaign, user=reviewer, workers=0,
                          agency="第九师／可克达拉市市场监督管理局")
    assert {f.unit for f in report.imported} == {"第九师/可克达拉市市场监督管理局"}
    assert report.no_unit == ()
    assert {r.agency for r in list_dossiers(store, campaign.id)} == {"第九师/可克达拉市市场监督管理局"}


def test_a_unit_and_the_folder_rule_together_are_refused(store, campaign, reviewer, tmp_path: Path) -> None:  # noqa: F811
    with pytest.raises(KnownError) as caught:
        import_paths(store, [tmp_path], campaign=campaign, user=reviewer, workers=0, agency="第八师",
                     agency_from_folders=True)
    assert caught.value.message == "被评查单位只能二选一：指定一个单位，或按文件夹确定"
