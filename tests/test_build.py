"""Using both cores changes nothing but the time: same model, same files."""

from __future__ import annotations

from pathlib import Path

from atlas.build import generated_files, write_generated
from atlas.gap import load_options
from atlas.load import load_atlas
from support import REPO


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
    atlas = load_atlas(entries, root=REPO)
    kept, hand = tmp_path / "kept", tmp_path / "hand"
    hand.mkdir()
    write_generated(atlas, None, hand, tmp_path / "cold", cache=kept)
    write_generated(atlas, None, hand, tmp_path / "warm", cache=kept)
    read = lambda d: {p.relative_to(d).as_posix(): p.read_bytes() for p in d.rglob("*") if p.is_file()}  # noqa: E731
    assert read(tmp_path / "warm") == read(tmp_path / "cold") == generated_files(atlas)
    # An edited entry must not be served from what was kept for its earlier text.
    de = entries / "DE.yaml"
    de.write_text(de.read_text(encoding="utf-8").replace("name_en: Germany", "name_en: Germany (edited)"), encoding="utf-8")
    edited = load_atlas(entries, root=REPO)
    write_generated(edited, None, hand, tmp_path / "warm", cache=kept)
    assert rb"# Germany \(edited\)" in (tmp_path / "warm" / "jurisdictions" / "de.md").read_bytes()
    assert read(tmp_path / "warm") == generated_files(edited)
