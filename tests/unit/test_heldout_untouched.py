"""No commit that changes the extractor (app/extract/) may also change the held-out set (tests/heldout/).

The held-out yardsticks of issue 11 are the test set the extractor's authors never read; a commit
that touches both is the trace of tuning on it. Merge commits are left out (a merge only joins
work already committed on its own). Skipped, with the reason, outside a git checkout or in a
shallow clone, where the history to inspect is not there.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXTRACTOR = "app/extract/"
HELDOUT = "tests/heldout/"
MARK = "@@commit "


def offending_commits(log: str) -> list[str]:
    """Commits of a ``git log --name-only --format='@@commit %H'`` listing touching both trees."""
    bad: list[str] = []
    sha, files = "", []
    for line in [*log.splitlines(), MARK + "end"]:
        if line.startswith(MARK):
            if (
                sha
                and any(f.startswith(EXTRACTOR) for f in files)
                and any(f.startswith(HELDOUT) for f in files)
            ):
                bad.append(sha)
            sha, files = line[len(MARK) :].strip(), []
        elif line.strip():
            files.append(line.strip())
    return bad


def _git(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)


def test_the_check_finds_a_commit_touching_both() -> None:
    log = (
        f"{MARK}aaa\n\napp/extract/fields.py\ntests/heldout/real/r01/truth.json\n"
        f"{MARK}bbb\n\napp/extract/fields.py\ntests/unit/test_extract.py\n"
        f"{MARK}ccc\n\ntests/heldout/README.md\n"
    )
    assert offending_commits(log) == ["aaa"]
    assert offending_commits(f"{MARK}ddd\n\napp/extractor_notes.md\ntests/heldout/x\n") == []


def test_no_extractor_commit_touches_the_heldout_set() -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed: cannot read the history")
    inside = _git("rev-parse", "--is-inside-work-tree")
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        pytest.skip("not a git checkout: no history to inspect")
    if _git("rev-parse", "--is-shallow-repository").stdout.strip() == "true":
        pytest.skip("shallow clone: the history is incomplete, the check would prove nothing")
    log = _git("log", "--no-merges", "--name-only", f"--format={MARK}%H")
    assert log.returncode == 0, log.stderr
    bad = offending_commits(log.stdout)
    assert not bad, f"commits touching both {EXTRACTOR} and {HELDOUT}: {bad}"
