"""Generated-corpus fixtures: one corpus per session (text PDFs, DOCX, a few scans) and the bad inputs.

Generating the corpus costs minutes, so it is cached on disk, content-addressed: the key hashes the
generator's source (every file of ``tests/corpus``), the font it draws with, the versions of the
libraries that write the files, and the parameters. Any change to any of them is a new key, so a cached
corpus is always what the generator would write now. Several pytest processes (xdist, two runs at once)
share one: whoever takes the lock first generates into a temporary folder and renames it into place;
the others wait for the lock and use it. Every file's SHA-256 is kept beside it and checked before
use; a damaged cache entry is generated again. ``CASEREVIEW_CORPUS_CACHE=0`` turns the cache off,
``CASEREVIEW_CORPUS_CACHE=DIR`` puts it elsewhere (default: the user cache folder).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path

import platformdirs
import pytest

from tests.corpus import CaseTruth, generate_corpus, load_truth, make_bad_inputs

TEXT_FORMATS = ("pdf", "docx")
SCAN_FORMATS = ("scan_pdf", "images", "tiff")
ROOT = Path(__file__).resolve().parents[2]
GENERATOR = ROOT / "tests" / "corpus"
FONT = ROOT / "resources" / "fonts" / "wqy-microhei.ttc"
LIBRARIES = ("pymupdf", "python-docx", "pillow", "numpy", "lxml")
MANIFEST = "manifest.json"


def cache_key(*, n: int, seed: int, scans: int) -> str:
    """What the corpus depends on: the generator's files, the font, library versions, the parameters."""
    h = hashlib.sha256()
    for path in sorted(GENERATOR.rglob("*.py")):
        h.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    h.update(hashlib.sha256(FONT.read_bytes()).digest())
    for lib in LIBRARIES:
        try:
            h.update(f"{lib}={metadata.version(lib)}\0".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{lib}=-\0".encode())
    h.update(f"n={n} seed={seed} scans={scans}".encode())
    return h.hexdigest()[:24]


def _digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != MANIFEST}


def _sound(folder: Path) -> bool:
    manifest = folder / MANIFEST
    if not manifest.is_file():
        return False
    try:
        return bool(json.loads(manifest.read_text(encoding="utf-8")) == _digests(folder))
    except (OSError, ValueError):
        return False


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # released when the file closes, also if the process dies
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def cached_corpus(cache: Path, *, n: int, seed: int, scans: int) -> tuple[Path, list[CaseTruth]]:
    """The corpus for these parameters from ``cache``, generated there first if missing or damaged."""
    folder = cache / cache_key(n=n, seed=seed, scans=scans)
    with _locked(folder.with_suffix(".lock")):
        if not _sound(folder):
            shutil.rmtree(folder, ignore_errors=True)
            work = Path(tempfile.mkdtemp(prefix=folder.name + ".", dir=cache))
            generate_corpus(work, n=n, seed=seed, scans=scans)
            (work / MANIFEST).write_text(json.dumps(_digests(work), indent=0), encoding="utf-8")
            work.rename(folder)  # atomic: nobody ever sees half a corpus
    return folder, load_truth(folder / "truth.json")


def _cache_dir() -> Path | None:
    setting = os.environ.get("CASEREVIEW_CORPUS_CACHE", "")
    if setting == "0":
        return None
    return Path(setting) if setting else Path(platformdirs.user_cache_dir("casereview")) / "test-corpus"


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[CaseTruth]]:
    """(dir, truths) of the default corpus; CASEREVIEW_CORPUS_N overrides its size (e.g. for a quick run).
    The folder is shared between runs (see the module docstring): read it, never write into it."""
    n = int(os.environ.get("CASEREVIEW_CORPUS_N", "36"))
    scans = min(int(os.environ.get("CASEREVIEW_CORPUS_SCANS", "6")), n)
    cache = _cache_dir()
    if cache is not None:
        return cached_corpus(cache, n=n, seed=2024, scans=scans)
    out = tmp_path_factory.mktemp("corpus")
    return out, generate_corpus(out, n=n, seed=2024, scans=scans)


def text_cases(cases: list[CaseTruth]) -> list[CaseTruth]:
    """The cases whose file has a text layer (text PDF, DOCX)."""
    return [c for c in cases if c.fmt in TEXT_FORMATS]


def scan_cases(cases: list[CaseTruth]) -> list[CaseTruth]:
    """The cases that need OCR (image-only PDF, folder of page images, multi-page TIFF)."""
    return [c for c in cases if c.fmt in SCAN_FORMATS]


@pytest.fixture(scope="session")
def text_corpus(corpus: tuple[Path, list[CaseTruth]]) -> tuple[Path, list[CaseTruth]]:
    return corpus[0], text_cases(corpus[1])


@pytest.fixture(scope="session")
def scan_corpus(corpus: tuple[Path, list[CaseTruth]]) -> tuple[Path, list[CaseTruth]]:
    return corpus[0], scan_cases(corpus[1])


@pytest.fixture(scope="session")
def bad_inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Files that must be refused with a typed error (see tests.corpus.bad)."""
    return make_bad_inputs(tmp_path_factory.mktemp("bad"))
