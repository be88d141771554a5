"""Files unchanged since an accepted run are not checked again; anything else always is."""

from __future__ import annotations

from pathlib import Path

import pytest

import atlas.load
from atlas.errors import InvalidEntries
from atlas.load import load_atlas
from support import TODAY, write_variant


def test_unchanged_files_come_from_the_cache_and_give_the_same_model(tmp_path: Path, monkeypatch) -> None:
    entries, cache = tmp_path / "entries", tmp_path / "cache"
    entries.mkdir()
    write_variant(entries)
    first = load_atlas(entries, today=TODAY, cache=cache)
    assert len(list(cache.glob("*.pack"))) == 1

    def no_parsing(*args, **kwargs):
        raise AssertionError("an unchanged file was parsed again")

    monkeypatch.setattr(atlas.load, "read_yaml", no_parsing)
    monkeypatch.setattr(atlas.load, "quick_read", no_parsing)
    assert load_atlas(entries, today=TODAY, cache=cache) == first


def test_an_edited_file_is_checked_again_and_its_problems_reported(tmp_path: Path) -> None:
    entries, cache = tmp_path / "entries", tmp_path / "cache"
    entries.mkdir()
    write_variant(entries)
    load_atlas(entries, today=TODAY, cache=cache)
    write_variant(entries, ("period: P6M", "period: P0M"))
    with pytest.raises(InvalidEntries) as exc:
        load_atlas(entries, today=TODAY, cache=cache)
    assert any("period" in p.path for p in exc.value.problems)


def test_a_different_reference_date_is_not_served_from_the_cache(tmp_path: Path) -> None:
    # An entry dated after the earlier reference date must be refused there, whatever a later run cached.
    import datetime as dt

    entries, cache = tmp_path / "entries", tmp_path / "cache"
    entries.mkdir()
    write_variant(entries, ("last_verified: 2026-01-15", "last_verified: 2026-05-20"))
    load_atlas(entries, today=TODAY, cache=cache)
    with pytest.raises(InvalidEntries):
        load_atlas(entries, today=dt.date(2026, 5, 1), cache=cache)


def test_a_damaged_cache_file_is_ignored(tmp_path: Path) -> None:
    entries, cache = tmp_path / "entries", tmp_path / "cache"
    entries.mkdir()
    write_variant(entries)
    first = load_atlas(entries, today=TODAY, cache=cache)
    (pack,) = cache.glob("*.pack")
    pack.write_bytes(b"not a pickle" * 1000)  # the index still points into it
    assert load_atlas(entries, today=TODAY, cache=cache) == first
    (cache / "index.marshal").write_bytes(b"\x00garbage")
    assert load_atlas(entries, today=TODAY, cache=cache) == first


def test_the_caches_keep_only_what_the_current_files_need(tmp_path: Path) -> None:
    import marshal

    from atlas.build import write_generated

    entries, cache, record = tmp_path / "entries", tmp_path / "cache", tmp_path / "outputs.marshal"
    entries.mkdir()
    (tmp_path / "hand").mkdir()
    for period in ("P6M", "P3M", "P2M"):  # three successive edits of the same entry
        write_variant(entries, ("period: P6M", f"period: {period}"))
        atlas = load_atlas(entries, today=TODAY, cache=cache)
        write_generated(atlas, None, tmp_path / "hand", tmp_path / "out", parallel=False, kept=record)
    assert len(list(cache.glob("*.pack"))) == 1
    assert list(marshal.loads((cache / "index.marshal").read_bytes())) == [atlas.entries[0].digest]
    saved = marshal.loads(record.read_bytes())
    assert list(saved["json"]) == [atlas.entries[0].digest] and [made[0] for made in saved["pages"].values()] == [atlas.entries[0].digest]
