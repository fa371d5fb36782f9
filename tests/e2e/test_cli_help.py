"""`casereview --help` and every sub-command's help: Chinese (argparse's own words too), fast, light.

Run as real subprocesses; times are CPU seconds of the child (wall time depends on the shared machine).
"""

from __future__ import annotations

import ast
import inspect
import os
import resource
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.cliargs import COMMANDS

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("sqlalchemy", "pymupdf", "fitz", "numpy", "PySide6", "alembic", "onnxruntime", "rapidocr", "docx",
         "openpyxl", "psycopg", "procrastinate", "scoring", "app.services", "app.store")
ENGLISH = ("usage:", "options:", "positional arguments", "show this help", "error:", "the following arguments",
           "invalid choice", "unrecognized arguments", "expected one argument")
HELP_PATHS = [[], ["gui"], *([name] for name in COMMANDS), ["db", "upgrade"], ["db", "backup"], ["db", "verify"],
              ["db", "info"], ["user", "add"], ["user", "role"], ["user", "list"]]


def _cli(*args: str, env: dict[str, str] | None = None) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run `python -m app.cli ARGS`; returns the result and the child's CPU seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([sys.executable, "-m", "app.cli", *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, **(env or {})}, timeout=120, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return done, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


@pytest.mark.parametrize("path", HELP_PATHS, ids=lambda p: " ".join(p) or "casereview")
def test_help_is_chinese_and_under_half_a_second(path: list[str]) -> None:
    done, cpu = _cli(*path, "--help")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith("用法：casereview")
    assert "显示本帮助并退出" in out
    assert "选项" in out
    for word in ENGLISH:
        assert word not in out
    assert "--db URL" in out  # accepted after the sub-command as well
    assert cpu < 0.5, f"{' '.join(path)} --help took {cpu:.2f} s CPU"


def test_cli_module_imports_no_heavy_library_and_is_fast() -> None:
    code = ("import sys, time; t = time.process_time(); import app.cli; app.cli.build_parser(); "
            "cpu = time.process_time() - t; "
            f"print(cpu); print(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r} or m in {HEAVY!r}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    cpu_line, modules = done.stdout.splitlines()
    assert modules == "[]"
    assert float(cpu_line) < 0.25


def test_usage_errors_are_chinese() -> None:
    missing, _ = _cli("import", "a.pdf")
    assert missing.returncode == 2
    assert "用法错误: 缺少必需的参数：--campaign" in missing.stderr
    bad_choice, _ = _cli("report", "--campaign", "x", "--kind", "memo", "--format", "pdf", "-o", "x.pdf")
    assert bad_choice.returncode == 2
    assert "参数 --kind：无效的选项 'memo'（可选：" in bad_choice.stderr
    unknown, _ = _cli("stats", "--campaign", "x", "--colour")
    assert "无法识别的参数：--colour" in unknown.stderr
    assert "casereview --help" in unknown.stderr
    for done in (missing, bad_choice, unknown):
        assert done.stderr.startswith("用法：")
        for word in ENGLISH:
            assert word not in done.stderr


def test_every_argparse_message_of_this_python_is_translated() -> None:
    import argparse

    from app.cliargs.zh import ZH

    found: set[str] = set()
    for node in ast.walk(ast.parse(inspect.getsource(argparse))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
            found |= {a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)}
    assert found, "argparse's messages were not found"
    assert sorted(found - ZH.keys()) == []


def test_db_after_the_subcommand_and_missing_file_refused(tmp_path: Path) -> None:
    missing = tmp_path / "没有.db"
    done, _ = _cli("db", "info", "--db", str(missing))
    assert done.returncode == 1
    assert f"数据库文件不存在：{missing}" in done.stderr
    assert not missing.exists()
    verify, _ = _cli("db", "verify", "--db", str(missing))
    assert verify.returncode == 1
    assert not missing.exists()
    real = tmp_path / "real.db"
    sqlite3.connect(real).close()
    after, _ = _cli("db", "info", "--db", str(real))
    before, _ = _cli("--db", str(real), "db", "info")
    assert after.returncode == before.returncode == 0
    assert after.stdout == before.stdout
    assert str(real) in after.stdout


def test_db_given_after_overrides_environment(tmp_path: Path) -> None:
    real = tmp_path / "real.db"
    sqlite3.connect(real).close()
    done, _ = _cli("db", "info", "--db", str(real), env={"CASEREVIEW_DB": str(tmp_path / "env.db")})
    assert done.returncode == 0
    assert str(real) in done.stdout
    assert not (tmp_path / "env.db").exists()


def test_literal_choices_match_the_services() -> None:
    from app.cliargs.common import ROLES
    from app.cliargs.report import DEFAULT_ISSUER
    from app.reports.model import ReportKind
    from app.services.report_data import DEFAULT_ISSUER as BUILD_ISSUER
    from app.services.reports import KINDS
    from app.services.users import ROLES as SERVICE_ROLES

    assert ROLES == SERVICE_ROLES
    assert DEFAULT_ISSUER == BUILD_ISSUER
    assert [k.value for k in ReportKind] == [e.spec.kind.value for e in KINDS]  # --kind's choices
