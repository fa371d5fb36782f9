"""PostgreSQL fixtures: a throwaway cluster per test session, and `db_url` over SQLite and PostgreSQL.

`pg_cluster()` is also usable outside pytest (benchmarks): `with pg_cluster() as base_url: ...`.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_USER_CANDIDATES = ("postgres", "pgtest")


def _bindir() -> Path | None:
    pg_config = shutil.which("pg_config")
    if pg_config:
        out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=False)
        path = Path(out.stdout.strip())
        if (path / "initdb").exists():
            return path
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run_as() -> tuple[list[str], pwd.struct_passwd | None]:
    """initdb refuses root: drop to an unprivileged system user (created if missing)."""
    if os.geteuid() != 0:
        return [], None
    for name in PG_USER_CANDIDATES:
        with contextlib.suppress(KeyError):
            return ["runuser", "-u", name, "--"], pwd.getpwnam(name)
    subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "pgtest"],
                   check=True, capture_output=True)
    return ["runuser", "-u", "pgtest", "--"], pwd.getpwnam("pgtest")


def pg_unavailable_reason() -> str | None:
    if _bindir() is None:
        return "PostgreSQL 服务器程序（pg_config / initdb）不在本机，跳过 PostgreSQL 测试"
    return None


PASSWORD_HBA = """# the superuser `test` (the schema owner in tests) without a password; every other login by password
local all all trust
host all test 127.0.0.1/32 trust
host all all 127.0.0.1/32 scram-sha-256
"""


@contextlib.contextmanager
def pg_cluster(*, passwords: bool = False) -> Iterator[str]:
    """Start initdb + pg_ctl on a free port in a temp dir (trust auth; with ``passwords``, every login but
    the superuser `test` must give its SCRAM password); yields the server URL (no db)."""
    bindir = _bindir()
    if bindir is None:
        raise RuntimeError(pg_unavailable_reason())
    as_user, pw = _run_as()
    base = Path(tempfile.mkdtemp(prefix="pgtest-"))
    data, sock = base / "data", base / "sock"
    sock.mkdir()
    if pw is not None:
        for p in (base, sock):
            os.chown(p, pw.pw_uid, pw.pw_gid)
    port = _free_port()
    subprocess.run([*as_user, str(bindir / "initdb"), "-D", str(data), "-U", "test", "-A", "trust", "-E", "UTF8",
                    "--locale=C.UTF-8", "--no-sync", "--no-instructions"], check=True, capture_output=True)
    if passwords:
        (data / "pg_hba.conf").write_text(PASSWORD_HBA, encoding="utf-8")
    opts = (f"-c listen_addresses=127.0.0.1 -p {port} -k {sock} -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c max_connections=200")
    subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(base / "log"), "-w", "start",
                    "-o", opts], check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://test@127.0.0.1:{port}"
    finally:
        subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                       check=False, capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


def create_database(server_url: str) -> str:
    """A fresh, empty database on the cluster; returns its URL."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    dsn = server_url.replace("postgresql+psycopg://", "postgresql://") + "/postgres"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{server_url}/{name}"


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    reason = pg_unavailable_reason()
    if reason:
        pytest.skip(reason)
    with pg_cluster() as url:
        yield url


@pytest.fixture(scope="session")
def pg_password_server() -> Iterator[str]:
    """A second throwaway cluster whose logins (all but the superuser `test`) authenticate by password."""
    reason = pg_unavailable_reason()
    if reason:
        pytest.skip(reason)
    with pg_cluster(passwords=True) as url:
        yield url


@pytest.fixture
def pg_url(pg_server: str) -> str:
    """A fresh PostgreSQL database for one test."""
    return create_database(pg_server)


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same test on an SQLite file and on a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return create_database(request.getfixturevalue("pg_server"))
