"""Using both cores changes nothing but the time: same model, same files."""

from __future__ import annotations

from pathlib import Path

import pytest

from atlas.build import generated_files, write_generated
from atlas.gap import load_options
from atlas.load import load_atlas
from support import FIXTURES, REPO, TODAY


def test_parallel_and_sequential_builds_agree() -> None:
    parallel = load_atlas(REPO / "entries", root=REPO, parallel=True)
    sequential = load_atlas(REPO / "entries", root=REPO, parallel=False)
    assert parallel == sequential
    options = load_options(REPO / "entries" / "options", parallel)
    assert generated_files(parallel, options) == generated_files(sequential, options)


def test_files_written_on_two_cores_are_exactly_the_generated_ones(tmp_path: Path) -> None:
    atlas = load_atlas(REPO / "entries", root=REPO)
    options = load_options(REPO / "entries" / "options", atlas)
    (tmp_path / "hand").mkdir()
    (tmp_path / "hand" / "methodology.md").write_text("# Methodology\n", encoding="utf-8")
    dest = tmp_path / "out"
    (dest / "jurisdictions").mkdir(parents=True)
    (dest / "jurisdictions" / "gone.md").write_text("left by an earlier build", encoding="utf-8")
    expected = generated_files(atlas, options) | {"methodology.md": b"# Methodology\n"}
    written = write_generated(atlas, options, tmp_path / "hand", dest, parallel=True)
    on_disk = {p.relative_to(dest).as_posix(): p.read_bytes() for p in dest.rglob("*") if p.is_file()}
    assert on_disk == expected and written == len(expected)
    assert write_generated(atlas, options, tmp_path / "hand", dest, parallel=True) == 0  # nothing changed, nothing touched


def test_kept_outputs_give_the_same_files_and_follow_an_edited_entry(tmp_path: Path) -> None:
    import shutil

    entries = tmp_path / "entries"
    shutil.copytree(REPO / "entries", entries, ignore=shutil.ignore_patterns("options"))
    atlas = load_atlas(entries, root=REPO, cache=tmp_path / "checked")  # entries from a cache carry their digest
    record, hand, out = tmp_path / "outputs.marshal", tmp_path / "hand", tmp_path / "out"
    hand.mkdir()
    read = lambda: {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}  # noqa: E731
    write_generated(atlas, None, hand, out, kept=record)
    assert record.is_file() and read() == generated_files(atlas)
    page = out / "jurisdictions" / "fr.md"
    page.touch()
    before = page.stat().st_mtime_ns
    write_generated(atlas, None, hand, out, kept=record)
    assert page.stat().st_mtime_ns == before  # an unchanged entry's page is left alone, not rendered again
    assert read() == generated_files(atlas)  # and the dataset made from kept JSON is the same bytes
    # An edited entry must not be served from what was kept for its earlier text.
    de = entries / "DE.yaml"
    de.write_text(de.read_text(encoding="utf-8").replace("name_en: Germany", "name_en: Germany (edited)"), encoding="utf-8")
    edited = load_atlas(entries, root=REPO, cache=tmp_path / "checked")
    write_generated(edited, None, hand, out, kept=record)
    assert rb"# Germany \(edited\)" in (out / "jurisdictions" / "de.md").read_bytes()
    assert read() == generated_files(edited)
    # Back to the first text after a build that kept no record: the page on disk is the edited one, so it
    # must not be taken for the page recorded for this text two builds ago.
    write_generated(atlas, None, hand, out, kept=record)
    write_generated(edited, None, hand, out, kept=None)
    write_generated(atlas, None, hand, out, kept=record)
    assert read() == generated_files(atlas)


def test_a_build_that_fails_midway_leaves_nothing_to_reuse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import atlas.build as build

    atlas = load_atlas(FIXTURES / "valid", today=TODAY, cache=tmp_path / "checked")
    record, hand, out = tmp_path / "outputs.marshal", tmp_path / "hand", tmp_path / "out"
    hand.mkdir()
    write_generated(atlas, None, hand, out, parallel=False, kept=record)
    assert record.is_file()
    monkeypatch.setattr(build, "explore_pages", lambda atlas: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        write_generated(atlas, None, hand, out, parallel=False, kept=record)
    assert not record.exists()  # half-written outputs are never taken for kept ones
