"""`casereview check`: the check contract per file, a Chinese text summary, exit codes 0 / 1 / 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from tests.corpus import generate_case


@pytest.fixture(scope="module")
def dossiers(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("check")
    clean = generate_case(out, seed=7, sector="市场监管", fmt="pdf")
    broken = generate_case(out, seed=8, sector="交通运输", fmt="docx", defects=("decision_over_90_days",))
    return out / clean.file, out / broken.file


def test_json_contract(dossiers: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(dossiers[1]), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert sorted(out) == ["contract", "extraction", "file", "findings", "rubric", "score", "sha256"]
    assert out["contract"] == 1
    assert out["rubric"]["id"] == "penalty"
    assert len(out["rubric"]["version"]) == 12
    assert out["extraction"]["contract"] == 1
    assert out["extraction"]["sha256"] == out["sha256"]
    late = [f for f in out["findings"] if f["rule"] == "decision_over_90_days"]
    assert [f["status"] for f in late] == ["fail"]
    assert late[0]["legal_basis"] == "《中华人民共和国行政处罚法》第六十条"
    assert all(e["page"] >= 1 for e in late[0]["evidence"])
    item = next(i for i in out["score"]["items"] if i["item"] == "procedure.decision_time_limit")
    assert (item["deducted"], item["rules"]) == (3.0, ["decision_over_90_days"])
    assert out["score"]["total"] <= 97.0


def test_several_files_and_a_bad_one(dossiers: tuple[Path, Path], tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "坏文件.pdf"
    bad.write_bytes(b"not a pdf at all")
    code = main(["check", str(dossiers[0]), str(bad), "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1
    assert [("error" in r) for r in out] == [False, True]
    assert out[1]["file"] == "坏文件.pdf"
    assert out[1]["error"]["reason"]


def test_text_summary_in_chinese(dossiers: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(dossiers[1]), "--format", "text", "--rubric", "penalty"]) == 0
    text = capsys.readouterr().out
    assert "预评分：" in text
    assert "行政处罚案卷评查标准（普通程序）" in text
    assert "[decision_over_90_days]" in text
    assert "依据：《中华人民共和国行政处罚法》第六十条" in text


def test_unknown_rubric_is_a_usage_error(dossiers: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(dossiers[0]), "--rubric", "nope"]) == 2
    assert "未找到评查标准 “nope”" in capsys.readouterr().err


def test_bad_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["check", "x.pdf", "--format", "xml"])
    assert info.value.code == 2


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_several_scans_finish(tmp_path: Path) -> None:
    """Two scanned files go to two check workers, each starting OCR workers of its own; the command must
    end when they are done (it hung: a worker's exit joined its idle OCR workers) and leave no process."""
    import os
    import signal
    import subprocess
    import sys

    from tests.corpus import make_large_pdf

    files = [tmp_path / f"scan{i}.pdf" for i in (1, 2)]
    for i, f in enumerate(files):
        make_large_pdf(f, pages=2, scanned=True, seed=i)
    cmd = [sys.executable, "-c", "import sys; from app.cli import main; sys.exit(main())", "check", "--format", "json",
           *map(str, files)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=400)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail("casereview check on two scanned files did not finish within 400 s")
    assert proc.returncode == 0, err
    results = json.loads(out)
    assert [r["file"] for r in results] == ["scan1.pdf", "scan2.pdf"]
    assert [(r.get("error"), r["extraction"]["pages"]) for r in results] == [(None, 2), (None, 2)]
    import time

    left = ""
    for _ in range(100):  # helpers (OCR workers, multiprocessing's resource tracker) may take a moment to go
        left = subprocess.run(["ps", "-o", "pid=,args=", "-g", str(proc.pid)], capture_output=True, text=True).stdout
        if not left.strip():
            break
        time.sleep(0.1)
    assert not left.strip(), f"processes of casereview check outlived it:\n{left}"
