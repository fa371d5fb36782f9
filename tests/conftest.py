"""Shared test set-up: offscreen Qt, plugins for the corpus and PostgreSQL."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("CASEREVIEW_NO_ERR_DIALOGS", "1")

pytest_plugins = ["tests.plugins.corpus", "tests.plugins.pg"]
