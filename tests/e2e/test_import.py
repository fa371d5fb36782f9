"""Batch import end to end: every bad input rejected with a Chinese reason, the rest imported; ZIPs; CLI."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from app.cli import main
from app.services import Store, UserDTO, import_paths, list_dossiers, original_bytes, search_text
from app.services.dto import CampaignDTO
from app.store.migrate import head_revision
from tests.corpus import make_bad_inputs
from tests.unit.test_store_support import campaign, dossier_pages, make_pdf, reviewer, store

__all__ = ["campaign", "reviewer", "store"]

# Each bad input of issue 4 §4: its error code, and a word its Chinese reason must contain.
BAD = [
    ("encrypted.pdf", "encrypted", "密码"),
    ("corrupt.pdf", "corrupt", "损坏"),
    ("empty.pdf", "empty", "空"),
    ("notes.pdf", "wrong_type", ".pdf"),
    ("report.docx", "wrong_type", ".docx"),
    ("bomb.zip", "too_large", "压缩炸弹"),
    ("slip.zip/../evil.pdf", "unsafe_path", "不安全"),
    ("no-pages.pdf", "no_pages", "没有任何页面"),
]


def test_every_bad_input_rejected_rest_imported(store: Store, tmp_path: Path, campaign: CampaignDTO,
                                                reviewer: UserDTO) -> None:
    bad = make_bad_inputs(tmp_path / "bad")
    good = [make_pdf(tmp_path / f"good{i}.pdf", dossier_pages(2, tag=str(i))) for i in range(2)]
    report = import_paths(store, [good[0], *bad.values(), good[1]], campaign=campaign, user=reviewer, workers=2)
    assert [(r.file, r.code) for r in report.rejected] == [(name, code) for name, code, _ in BAD]  # input order
    for (name, _, word), rejected in zip(BAD, report.rejected, strict=True):
        assert word in rejected.reason, (name, rejected.reason)
    # the good entry of the zip-slip archive and both good files are in
    assert [f.file for f in report.imported] == ["good0.pdf", "slip.zip/dossier-ok.pdf", "good1.pdf"]
    assert report.duplicates == ()
    assert not (tmp_path / "bad" / "evil.pdf").exists()
    assert not (tmp_path / "evil.pdf").exists()
    leftovers = [p for p in (store.data_dir / "import-tmp").rglob("*") if p.is_file()]
    assert leftovers == []  # temp folders inside the data folder are removed
    assert len(list_dossiers(store, campaign.id)) == 3


def test_folder_zip_and_duplicates(store: Store, tmp_path: Path, campaign: CampaignDTO, reviewer: UserDTO) -> None:
    folder = tmp_path / "二〇二四" / "第一批"
    folder.mkdir(parents=True)
    a = make_pdf(folder / "案卷A.pdf", dossier_pages(2, tag="A"))
    make_pdf(folder / "子目录案卷B.pdf", dossier_pages(1, tag="B"))
    (folder / "说明.txt").write_text("不是案卷", encoding="utf-8")  # not a dossier type: skipped
    (folder / "旧.doc").write_bytes(b"\xd0\xcf\x11\xe0old word")
    archive = tmp_path / "批次.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(a, "内层/案卷A副本.pdf")  # same bytes as 案卷A: a duplicate
        zf.writestr("案卷C.pdf", make_pdf(tmp_path / "c.pdf", dossier_pages(1, tag="C")).read_bytes())
    report = import_paths(store, [tmp_path / "二〇二四", archive], campaign=campaign, user=reviewer, workers=0)
    assert [f.file for f in report.imported] == ["二〇二四/第一批/子目录案卷B.pdf", "二〇二四/第一批/案卷A.pdf",
                                                 "批次.zip/案卷C.pdf"]
    assert [(d.file, d.dossier_id) for d in report.duplicates] == [("批次.zip/内层/案卷A副本.pdf", None)]
    assert [(r.file, r.code) for r in report.rejected] == [("二〇二四/第一批/旧.doc", "unsupported")]
    again = import_paths(store, [a], campaign=campaign, user=reviewer, workers=0)
    assert again.imported == ()
    assert [d.dossier_id for d in again.duplicates] == [report.imported[1].dossier_id]
    assert original_bytes(store, report.imported[1].dossier_id) == a.read_bytes()
    assert {h.file_name for h in search_text(store, "行政处罚案卷 C")} == {"案卷C.pdf"}


def test_gbk_names_in_zip_are_decoded(store: Store, tmp_path: Path, campaign: CampaignDTO,
                                      reviewer: UserDTO) -> None:
    pdf = make_pdf(tmp_path / "x.pdf", dossier_pages(1, tag="G")).read_bytes()
    archive = tmp_path / "windows.zip"
    with zipfile.ZipFile(archive, "w") as zf:  # as Chinese Windows writes it: GBK bytes, no UTF-8 flag
        info = zipfile.ZipInfo("abcdefgh.pdf")  # 12 bytes, as long as the GBK name
        zf.writestr(info, pdf)
    raw = archive.read_bytes().replace(b"abcdefgh.pdf", "处罚案卷.pdf".encode("gbk"))
    archive.write_bytes(raw)
    report = import_paths(store, [archive], campaign=campaign, user=reviewer, workers=0)
    assert [f.file for f in report.imported] == ["windows.zip/处罚案卷.pdf"]


def test_cancel_before_start_imports_nothing(store: Store, tmp_path: Path, campaign: CampaignDTO,
                                             reviewer: UserDTO) -> None:
    files = [make_pdf(tmp_path / f"f{i}.pdf", dossier_pages(1, tag=str(i))) for i in range(3)]
    report = import_paths(store, files, campaign=campaign, user=reviewer, cancel=lambda: True)
    assert (report.imported, report.cancelled) == ((), True)
    assert list_dossiers(store, campaign.id) == []


def test_progress_reports_each_file(store: Store, tmp_path: Path, campaign: CampaignDTO, reviewer: UserDTO) -> None:
    files = [make_pdf(tmp_path / f"f{i}.pdf", dossier_pages(1, tag=str(i))) for i in range(3)]
    seen: list[tuple[float, str, dict[str, object]]] = []
    import_paths(store, files, campaign=campaign, user=reviewer, workers=0,
                 progress=lambda f, code, **p: seen.append((f, str(code), p)))
    done = [p["file"] for _, code, p in seen if code == "file_done"]
    assert done == ["f0.pdf", "f1.pdf", "f2.pdf"]
    fractions = [f for f, _, _ in seen]
    assert fractions == sorted(fractions)
    assert seen[-1][:2] == (1.0, "done")


def test_cli_import_json_and_exit_codes(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = make_pdf(tmp_path / "好.pdf", dossier_pages(2, tag="好"))
    empty = tmp_path / "空.pdf"
    empty.write_bytes(b"")
    code = main(["--db", db_url, "import", str(good), str(empty), "--campaign", "命令行活动",
                 "--agency", "第三师/司法局", "--format", "json", "--workers", "0"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1
    assert out["imported"] == ["好.pdf"]
    assert out["duplicates"] == []
    assert out["rejected"] == [{"file": "空.pdf", "reason": "文件是空的（0 字节）"}]
    assert main(["--db", db_url, "import", str(good), "--campaign", "命令行活动", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["duplicates"] == ["好.pdf"]
    assert main(["--db", db_url, "import", str(good), "--campaign", "命令行活动"]) == 0
    printed = capsys.readouterr()
    assert "已导入 0 个，重复 1 个，拒绝 0 个" in printed.out
    assert "100.0%" in printed.err  # the progress bar
    with pytest.raises(SystemExit) as usage:
        main(["--db", db_url, "import", "--campaign", "x"])
    assert usage.value.code == 2
    capsys.readouterr()
    assert main(["--db", db_url, "db", "verify"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0] == "审计日志哈希链完整：4 个事件"  # the account and its row image, the campaign, the import
    assert lines[-1] == "校验通过：评查结果、评分明细、角色与台账均与审计日志一致"


@pytest.mark.slow  # a whole CLI import in a fresh interpreter
def test_cli_as_a_process(tmp_path: Path) -> None:
    good = make_pdf(tmp_path / "好.pdf", dossier_pages(1, tag="好"))
    done = subprocess.run([sys.executable, "-m", "app.cli", "--db", str(tmp_path / "p.db"), "import", str(good),
                           "--campaign", "进程", "--format", "json"], capture_output=True, text=True, check=False,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["imported"] == ["好.pdf"]


def test_cli_db_backup_and_upgrade(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "c.db"
    assert main(["--db", str(db), "db", "upgrade"]) == 0
    assert f"升级到 {head_revision()}" in capsys.readouterr().out
    assert main(["--db", str(db), "db", "upgrade"]) == 0
    assert "已是最新版本" in capsys.readouterr().out
    assert main(["--db", str(db), "db", "backup", str(tmp_path / "copy.db")]) == 0
    assert (tmp_path / "copy.db").stat().st_size > 0
    assert main(["--db", str(db), "db", "backup", str(tmp_path / "copy.db")]) == 2  # never overwrites
    assert main(["--db", str(tmp_path / "copy.db"), "db", "verify"]) == 0


@pytest.mark.slow  # OCR in a worker process
def test_scanned_file_through_the_pool_and_the_process_exits(tmp_path: Path) -> None:
    """OCR runs inside the analysis worker; the CLI must still exit (atexit does not run in workers)."""
    import pymupdf

    text = make_pdf(tmp_path / "text.pdf", ["行政处罚决定书\n当事人：某某商贸有限公司\n罚款人民币伍仟元"])
    with pymupdf.open(text) as src:
        pix = src[0].get_pixmap(dpi=150)
    scan = pymupdf.open()
    page = scan.new_page()
    page.insert_image(page.rect, stream=pix.tobytes("png"))
    scan.save(tmp_path / "扫描件.pdf")
    scan.close()
    done = subprocess.run([sys.executable, "-m", "app.cli", "--db", str(tmp_path / "s.db"), "import",
                           str(tmp_path / "扫描件.pdf"), "--campaign", "扫描", "--workers", "1", "--format", "json"],
                          capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["imported"] == ["扫描件.pdf"]
