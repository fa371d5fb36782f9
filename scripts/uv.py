#!/usr/bin/env python3
"""Run uv on a stock Python that has no pip and no venv (Debian 12, Ubuntu 24.04, Windows).

    python3 scripts/uv.py run casereview
    python3 scripts/uv.py run --extra test pytest

Uses `uv` from PATH when it is at least UV_VERSION; otherwise downloads the pinned uv wheel once
from the package index (PyPI, or $UV_DEFAULT_INDEX / $UV_INDEX_URL / $PIP_INDEX_URL, e.g. a mirror),
checks its SHA-256 against the value pinned below, unpacks the uv binary into the user cache and
runs it with the arguments given. Standard library only; nothing is installed into the system Python.
"""

from __future__ import annotations

import hashlib
import os
import platform
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

UV_VERSION = "0.13.9"
# platform -> (wheel file name, SHA-256), from https://pypi.org/pypi/uv/0.13.9/json
WHEELS = {
    "linux-x86_64": ("manylinux_2_17_x86_64.manylinux2014_x86_64",
                     "d7f459fe4fd247d830351c75686d3996ace3c6f3f728eb0e85a30b7ada0cef19"),
    "linux-x86_64-musl": ("musllinux_1_1_x86_64", "2c45530751517d6c3bbc69a19473f6effe47cce047bede01ffd8af7ea7b36b25"),
    "linux-aarch64": ("manylinux_2_17_aarch64.manylinux2014_aarch64.musllinux_1_1_aarch64",
                      "5435c5ce14a56431208ca0996416d310f1598e8c2c8ba707688985a16bb82dbe"),
    "win-amd64": ("win_amd64", "6a44b2ed8111d2f60d2b92627c5dccda3f7ed7570b18ce115e569cd68c28246b"),
    "win-arm64": ("win_arm64", "eeb92051c2123b9730c46b04cc843cfa4bc7d7b0aec56df431a2215ef4cb0273"),
    "macos-x86_64": ("macosx_10_12_x86_64", "c16ed11e013557536b3e60065f1b912f6407bd6518e041b961e23ef9e6b4fbf5"),
    "macos-arm64": ("macosx_11_0_arm64", "66c512266d633bef48384a1f53003f41f2a8e7b36fe6e7fbfd3e0fd52d96fa63"),
}
EXE = ".exe" if os.name == "nt" else ""


def fail(message: str) -> None:
    print(f"scripts/uv.py: {message}", file=sys.stderr)
    raise SystemExit(1)


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", text)[:3])


def uv_on_path() -> str | None:
    found = shutil.which("uv")
    if found is None:
        return None
    try:
        out = subprocess.run([found, "--version"], capture_output=True, text=True, timeout=30, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return found if _version(out.split(" ", 1)[-1]) >= _version(UV_VERSION) else None


def platform_key() -> str:
    machine = platform.machine().lower()
    machine = {"amd64": "x86_64", "x64": "x86_64", "arm64": "aarch64"}.get(machine, machine)
    if sys.platform == "win32":
        return "win-arm64" if machine == "aarch64" else "win-amd64"
    if sys.platform == "darwin":
        return "macos-arm64" if machine == "aarch64" else "macos-x86_64"
    musl = "musl" in (sysconfig.get_config_var("HOST_GNU_TYPE") or "")
    return f"linux-{machine}" + ("-musl" if musl and machine == "x86_64" else "")


def cache_dir() -> Path:
    if os.name == "nt":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "casereview" / f"uv-{UV_VERSION}"


def index_url() -> str:
    for var in ("UV_DEFAULT_INDEX", "UV_INDEX_URL", "PIP_INDEX_URL"):
        if os.environ.get(var, "").startswith(("http://", "https://")):
            return os.environ[var].rstrip("/")
    return "https://pypi.org/simple"


def wheel_url(filename: str) -> str:
    page = f"{index_url()}/uv/"
    request = urllib.request.Request(page, headers={"Accept": "text/html", "User-Agent": "casereview-bootstrap"})
    with urllib.request.urlopen(request, timeout=60) as response:
        html = response.read().decode("utf-8", "replace")
    for href in re.findall(r'href="([^"]+)"', html):
        if urllib.parse.unquote(href.split("#", 1)[0]).rsplit("/", 1)[-1] == filename:
            return urllib.parse.urljoin(page, href.replace("&amp;", "&"))
    fail(f"索引 {page} 中没有 {filename}")
    raise AssertionError


def download_uv() -> Path:
    target = cache_dir() / f"uv{EXE}"
    if target.exists():
        return target
    key = platform_key()
    if key not in WHEELS:
        fail(f"uv 没有适用于本机（{key}）的版本；请另行安装 uv {UV_VERSION} 或更新版本后运行 uv run casereview")
    tag, sha256 = WHEELS[key]
    filename = f"uv-{UV_VERSION}-py3-none-{tag}.whl"
    print(f"首次运行：从 {index_url()} 下载 {filename}（约 17 MB）……", file=sys.stderr)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        wheel = Path(tmp) / filename
        try:
            with urllib.request.urlopen(wheel_url(filename), timeout=300) as response, wheel.open("wb") as out:
                shutil.copyfileobj(response, out)
        except OSError as exc:
            fail(f"无法下载 uv（{exc}）；请检查网络或设置 UV_DEFAULT_INDEX 为可用的 PyPI 镜像")
        digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
        if digest != sha256:
            fail(f"下载的 {filename} 校验失败（SHA-256 {digest}，应为 {sha256}），已丢弃")
        with zipfile.ZipFile(wheel) as archive:
            member = f"uv-{UV_VERSION}.data/scripts/uv{EXE}"
            unpacked = Path(tmp) / f"uv{EXE}"
            unpacked.write_bytes(archive.read(member))
        unpacked.chmod(0o755)
        unpacked.replace(target)
    return target


def main(argv: list[str]) -> int:
    uv = uv_on_path() or str(download_uv())
    if os.name == "nt":
        return subprocess.call([uv, *argv])
    os.execv(uv, [uv, *argv])
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
