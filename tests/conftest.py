"""Shared fixtures.

- `shared_dir`: the ../shared folder beside the project root, or a skip when it is absent
  (a clone elsewhere has none).
- `dev_corpus`: the five shipped development articles in corpus/.
"""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared, or skip: tests that use it are measurements, not requirements."""
    if not (SHARED / "eval" / "score.py").exists():
        pytest.skip("../shared is not present (only on the development machines)")
    return SHARED


@pytest.fixture(scope="session")
def dev_corpus() -> Path:
    """The corpus/ folder shipped with the project."""
    return ROOT / "corpus"
