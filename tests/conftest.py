"""Shared fixtures: fixture entries and throwaway mini-projects for site builds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support import REPO, VALID


@pytest.fixture
def valid_text() -> str:
    return VALID.read_text(encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's site configuration with one fixture entry, built from tmp_path."""
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(REPO / "docs", tmp_path / "docs")
    (tmp_path / "scripts").symlink_to(REPO / "scripts")
    (tmp_path / "entries").mkdir()
    shutil.copy(VALID, tmp_path / "entries" / "XX.yaml")
    return tmp_path
