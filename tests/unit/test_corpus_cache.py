"""The on-disk cache of the generated corpus (tests.plugins.corpus): keyed by what the corpus depends on,
checked before use, generated once when several processes want it at the same moment."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.plugins import corpus as plugin

CHILD = """
import sys
from pathlib import Path
import tests.plugins.corpus as m
real = m.generate_corpus
def counted(*a, **k):
    print("generated", flush=True)
    return real(*a, **k)
m.generate_corpus = counted
folder, cases = m.cached_corpus(Path(sys.argv[1]), n=2, seed=7, scans=0)
print(folder, len(cases), flush=True)
"""


def test_key_follows_the_parameters_and_the_generator_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = plugin.cache_key(n=2, seed=7, scans=0)
    assert key == plugin.cache_key(n=2, seed=7, scans=0)
    assert len({key, plugin.cache_key(n=3, seed=7, scans=0), plugin.cache_key(n=2, seed=8, scans=0),
                plugin.cache_key(n=2, seed=7, scans=1)}) == 4
    copy = tmp_path / "tests" / "corpus"
    copy.parent.mkdir()
    import shutil

    shutil.copytree(plugin.GENERATOR, copy)
    monkeypatch.setattr(plugin, "ROOT", tmp_path)
    monkeypatch.setattr(plugin, "GENERATOR", copy)
    assert plugin.cache_key(n=2, seed=7, scans=0) == key  # the same source, elsewhere: the same key
    with (copy / "plan.py").open("a", encoding="utf-8") as f:
        f.write("\n# a change to the generator\n")
    assert plugin.cache_key(n=2, seed=7, scans=0) != key


@pytest.mark.slow
def test_two_processes_generate_once_and_a_damaged_entry_again(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    root = Path(__file__).resolve().parents[2]
    procs = [subprocess.Popen([sys.executable, "-c", CHILD, str(cache)], cwd=root, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [e for _, e in outs]
    lines = [ln for out, _ in outs for ln in out.splitlines()]
    assert lines.count("generated") == 1  # the second process waited and used the first one's corpus
    folders = {ln.split()[0] for ln in lines if ln != "generated"}
    assert len(folders) == 1
    folder = Path(folders.pop())
    assert sorted(p.name for p in cache.iterdir()) == sorted([folder.name, folder.name + ".lock"])  # no leftovers
    victim = next(p for p in sorted(folder.iterdir()) if p.suffix in (".pdf", ".docx"))
    good = victim.read_bytes()
    victim.write_bytes(good[:100])  # a damaged entry is noticed and made again
    again, cases = plugin.cached_corpus(cache, n=2, seed=7, scans=0)
    assert (again, len(cases)) == (folder, 2)
    assert victim.read_bytes() == good
