"""Using both cores changes nothing but the time: same model, same files."""

from __future__ import annotations

from atlas.build import generated_files
from atlas.gap import load_options
from atlas.load import load_atlas
from support import REPO


def test_parallel_and_sequential_builds_agree() -> None:
    parallel = load_atlas(REPO / "entries", root=REPO, parallel=True)
    sequential = load_atlas(REPO / "entries", root=REPO, parallel=False)
    assert parallel == sequential
    options = load_options(REPO / "entries" / "options", parallel)
    assert generated_files(parallel, options, parallel=True) == generated_files(sequential, options, parallel=False)
