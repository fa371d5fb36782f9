"""Shared test set-up: offscreen Qt, plugins for the corpus and PostgreSQL."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The audit chain's external anchors of test databases go to a throwaway folder, not the user's config.
os.environ.setdefault("CASEREVIEW_ANCHOR_DIR", tempfile.mkdtemp(prefix="casereview-anchors-"))
os.environ.setdefault("CASEREVIEW_NO_ERR_DIALOGS", "1")

pytest_plugins = ["tests.plugins.corpus", "tests.plugins.pg"]
