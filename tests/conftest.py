"""Shared fixtures (figures are closed after every test by the root conftest.py; the
missing-glyph check is :func:`tests.helpers.missing_glyphs`)."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parent.parent
#: the team's real public files; NAVTRAIN_SHARED_DATA points elsewhere (e.g. from a git worktree)
SHARED_DATA = Path(os.environ.get("NAVTRAIN_SHARED_DATA") or REPO.parent / "shared" / "data")


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The team's real public files (read-only); skipped on a user's clone."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real test data not present at {SHARED_DATA} (only on the team's machines)")
    return SHARED_DATA


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    """The 21-row synthetic sample (``nt.load_sample()``), loaded once per test module.

    Module scope, so property tests (hypothesis) may use it; navtrain functions never change
    their input, and a test that wants to change the table works on ``sample.copy()``.
    """
    import navtrain as nt

    return nt.load_sample()
