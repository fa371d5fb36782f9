"""Shared test set-up: offscreen Qt, plugins for the corpus and PostgreSQL."""

from __future__ import annotations

import os
import tempfile

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The audit chain's external anchors of test databases go to a throwaway folder, not the user's config.
os.environ.setdefault("CASEREVIEW_ANCHOR_DIR", tempfile.mkdtemp(prefix="casereview-anchors-"))
os.environ.setdefault("CASEREVIEW_NO_ERR_DIALOGS", "1")

pytest_plugins = ["tests.plugins.corpus", "tests.plugins.pg"]

# What makes a test slow, said once: the fast subset (`pytest -m "not slow"`) must not wait for the
# generated corpus (minutes when its cache is cold), a PostgreSQL cluster (initdb, server start), OCR or
# a yardstick, whether or not the test's author remembered to mark it.
SLOW_FIXTURES = frozenset({"corpus", "text_corpus", "scan_corpus", "pg_server", "pg_password_server", "pg_url"})
SLOW_FOLDERS = ("tests/yardsticks/", "tests/heldout/")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        path = item.path.as_posix()
        if (SLOW_FIXTURES.intersection(getattr(item, "fixturenames", ()))
                or item.get_closest_marker("pg") is not None
                or any(folder in path for folder in SLOW_FOLDERS) or "yardstick" in item.path.name):
            item.add_marker(pytest.mark.slow)
