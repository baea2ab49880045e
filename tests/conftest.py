"""Shared fixtures. Module-specific fixtures live next to their tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.settings import load_settings

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def repo_dir() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared (read-only research data); tests that need it skip when it is absent."""
    if not (SHARED / "corpora").is_dir():
        pytest.skip("../shared/corpora is not present next to the repository")
    return SHARED


@pytest.fixture()
def settings():
    return load_settings()


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return REPO / "data" / "samples"
