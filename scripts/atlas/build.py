"""Writes generated pages to disk and builds the site atomically.

Pages go to ``build/docs`` (hand-written ``docs/`` copied in, generated pages beside them), which
``mkdocs.yml`` names as its docs_dir: any static-site generator that reads mkdocs.yml can build
from it. The site is built into a temporary folder and swapped into ``site/`` only on success, so a
failed build leaves the previous site untouched.
"""

from __future__ import annotations

import contextlib
import filecmp
import gzip
import html
import json
import logging
import multiprocessing as mp
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import chain
from pathlib import Path
from typing import Any

from . import __version__
from .availability import available_json
from .compare_data import compare_chunks
from .entry_cache import CACHE, CHECKED
from .errors import BuildFailed
from .explore_pages import explore_pages
from .exports import DATASET_FILE, dataset_chunks, entry_json, export_files
from .feeds import feeds
from .gap import Option, load_options
from .kept import Kept
from .load import load_atlas
from .model import Atlas, Entry
from .option_pages import option_page, options_index
from .pages import data_page, entry_page, overview_pages, page_path
from .schema import DATASET_SCHEMA_PATH, SCHEMA_PATH
from .schema import version as schema_version

ROOT = Path(__file__).resolve().parents[2]


class Layout:
    """Where things are, so tests can build throwaway projects in temporary folders."""

    def __init__(self, root: Path = ROOT):
        self.root = root
        self.entries = root / "entries"
        self.docs = root / "docs"
        self.generated = root / "build" / "docs"
        # Kept between runs (see entry_cache); None checks and renders everything afresh.
        self.cache: Path | None = root / CHECKED
        self.kept: Path | None = root / CACHE / "outputs.marshal"  # see kept.py
        self.site = root / "site"
        self.config = root / "mkdocs.yml"


# One country page in this many goes to the second core, beside the data files, so that both halves
# take about as long (measured with scripts/bench_scale.py at 1,000 and 5,000 jurisdictions).
SECOND_CORE_PAGES = 3
DATASET_PATH = f"data/{DATASET_FILE}"  # under the docs folder
# Files to write, by path; a large file may come as chunks, written as they come; None: already there as it should be.
Files = Iterator[tuple[str, bytes | Iterator[bytes] | None]]


def _first_share(atlas: Atlas, options: list[Option] | None, kept: Kept) -> Files:
    """Pages and feeds: this core's half of the work (measured to balance the data files)."""
    for path, text in overview_pages(atlas).items():
        yield path, text.encode("utf-8")
    for i, e in enumerate(atlas.entries):
        if i % SECOND_CORE_PAGES:
            yield _page(e, kept)
    yield from feeds(atlas)
    if options:
        yield "options/index.md", options_index(options).encode("utf-8")
        for o in options:
            yield f"options/{o.id}.md", option_page(atlas, o).encode("utf-8")
    yield "schema/entry.schema.json", SCHEMA_PATH.read_bytes()
    yield "schema/dataset.schema.json", DATASET_SCHEMA_PATH.read_bytes()
    yield "data/index.md", data_page(atlas).encode("utf-8")
    for path, text in explore_pages(atlas).items():
        yield path, text.encode("utf-8")


def _page(e: Entry, kept: Kept) -> tuple[str, bytes | None]:
    rel = page_path(e)
    return rel, None if kept.page(rel, e) else entry_page(e).encode("utf-8")


def _second_share(atlas: Atlas, kept: Kept) -> Files:
    """The data files: the second core's half."""
    yield DATASET_PATH, _dataset(atlas, kept)
    for name, data in export_files(atlas):
        yield f"data/{name}", data
    yield "data/compare.json", compare_chunks(atlas)
    yield "data/available.json", json.dumps(available_json(atlas), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    for e in atlas.entries[::SECOND_CORE_PAGES]:
        yield _page(e, kept)


def _dataset(atlas: Atlas, kept: Kept) -> Iterator[bytes]:
    """The dataset, with each unchanged entry's JSON copied from the last one; notes where each
    entry's JSON now lies (the layout is ``object_with_list``'s: prefix, then items joined by commas)."""
    sizes: list[tuple[str, int]] = []

    def encode(e: Entry) -> bytes:
        data = kept.entry_json(e) or entry_json(e)
        sizes.append((e.digest, len(data)))
        return data

    chunks = dataset_chunks(atlas, encode)
    prefix = next(chunks)
    yield prefix
    yield from chunks
    at = len(prefix)
    for i, (digest, size) in enumerate(sizes):
        at += 1 if i else 0
        if digest:
            kept.new_json[digest] = (at, size)
        at += size


def generated_files(atlas: Atlas, options: list[Option] | None = None) -> dict[str, bytes]:
    """Every generated file by path under the docs folder, in memory (for tests and checks)."""
    nothing = Kept(None, Path(), DATASET_PATH)
    files = chain(_first_share(atlas, options, nothing), _second_share(atlas, nothing))
    return {rel: data if isinstance(data, bytes) else b"".join(data or ()) for rel, data in files}


def write_generated(
    atlas: Atlas, options: list[Option] | None, hand_written: Path, dest: Path, parallel: bool = True, kept: Path | None = None
) -> int:
    """Make ``dest`` hold exactly the hand-written docs plus the generated files; touch only what changed.

    Files are written as they are made, never all held in memory (at thousands of jurisdictions that
    was most of the peak). With two cores the second makes its half in a forked process and writes it
    itself. Unchanged files keep their timestamps so ``mkdocs serve`` does not rebuild in a loop.
    With ``kept`` (a record file, see kept.py), what an unchanged entry alone decides (its page, its
    JSON) is not rendered again. Returns the number of files written."""
    global _PLAN
    record = Kept(kept, dest, DATASET_PATH)
    hand = (
        {p.relative_to(hand_written).as_posix(): p for p in sorted(hand_written.rglob("*")) if p.is_file()} if hand_written.is_dir() else {}
    )
    dest.mkdir(parents=True, exist_ok=True)
    done = [(rel, _put(dest, rel, path.read_bytes())) for rel, path in hand.items()]
    _PLAN = (atlas, dest, frozenset(hand), record)
    try:
        with _second_core(parallel) as pool:
            theirs = pool.submit(_second_job) if pool else None
            done += _write_all(_first_share(atlas, options, record), dest, frozenset(hand))
            if theirs:
                written, record.new_json = theirs.result()
                done += written
            else:
                done += _write_all(_second_share(atlas, record), dest, frozenset(hand))
    finally:
        _PLAN = None
    _prune(dest, {rel for rel, _ in done})
    record.save({page_path(e): e.digest for e in atlas.entries if e.digest})
    return sum(changed for _, changed in done)


_PLAN: tuple[Atlas, Path, frozenset[str], Kept] | None = None  # handed to the forked worker by inheritance, not pickling


def _second_job() -> tuple[list[tuple[str, bool]], dict[str, tuple[int, int]]]:
    assert _PLAN is not None
    atlas, dest, hand, record = _PLAN
    return _write_all(_second_share(atlas, record), dest, hand), record.new_json


def _write_all(files: Files, dest: Path, hand: frozenset[str]) -> list[tuple[str, bool]]:
    out = []
    for rel, data in files:
        if rel in hand:
            raise ValueError(f"hand-written docs would be overwritten by a generated page: {rel}")
        out.append((rel, False if data is None else _put(dest, rel, data)))
    return out


def _put(dest: Path, rel: str, data: bytes | Iterator[bytes]) -> bool:
    """Write one file atomically unless it already holds the same bytes; True if written."""
    target = dest / rel
    if isinstance(data, bytes) and target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as out:
        if isinstance(data, bytes):
            out.write(data)
        else:
            out.writelines(data)
    if not isinstance(data, bytes) and target.is_file() and filecmp.cmp(tmp, target, shallow=False):
        tmp.unlink()
        return False
    os.replace(tmp, target)
    return True


def _prune(dest: Path, keep: set[str]) -> None:
    """Remove what an earlier build wrote and this one did not (a deleted entry's page)."""
    for p in sorted(dest.rglob("*"), reverse=True):
        rel = p.relative_to(dest).as_posix()
        if p.is_file() and rel not in keep:
            p.unlink()
        elif p.is_dir() and not any(p.iterdir()):
            p.rmdir()


@contextlib.contextmanager
def _second_core(wanted: bool) -> Iterator[ProcessPoolExecutor | None]:
    if not wanted or (os.cpu_count() or 1) < 2 or "fork" not in mp.get_all_start_methods():
        yield None
        return
    with ProcessPoolExecutor(1, mp_context=mp.get_context("fork")) as pool:
        yield pool


NAV_JURISDICTIONS = 80  # above this many, the sidebar links the jurisdictions index instead of every country


def listed_in_nav(atlas: Atlas) -> bool:
    """Every page carries the whole sidebar, so listing thousands of countries in it made each page
    megabytes and the site quadratic in size; past a few dozen the index page (a table) serves better."""
    return len(atlas.jurisdictions) <= NAV_JURISDICTIONS


def site_nav(atlas: Atlas, options: list[Option], pages: list[str]) -> list[Any]:
    """The sidebar in the order a reader works: overview and cross-country views first, then the
    jurisdictions by name, then drafting aids and reference pages. Any page not placed here is
    appended, so a new page can never be left out of the navigation. Titles from entries are
    HTML-escaped: the theme puts nav titles into the page unescaped."""
    from .topics import TOPICS

    countries = sorted(atlas.jurisdictions, key=lambda e: e.name_en) if listed_in_nav(atlas) else []
    nav: list[Any] = [
        {"Overview": "index.md"},
        {"Compare jurisdictions": "compare.md"},
        {"Map": "map.md"},
        {"Would the data still be there?": "available.md"},
        {"Topics": ["topics/index.md", *[{t.title: f"topics/{t.key}.md"} for t in TOPICS.values()]]},
        {
            "Jurisdictions": [
                "jurisdictions/index.md",
                *[{html.escape(f"{e.name_en} ({e.code})"): page_path(e)} for e in countries],
            ]
        },
        {"EU level": "eu.md"},
        {"Timeline": "timeline.md"},
        {"What changed": "changes/index.md"},
        {"Drafting options": ["options/index.md", *[{html.escape(o.title): f"options/{o.id}.md"} for o in options]]},
        {"Coverage and freshness": "coverage.md"},
        {"Open data": "data/index.md"},
        {"Methodology": "methodology.md"},
        {"Field guide": "field-guide.md"},
        {"Definitions": "definitions.md"},
    ]

    def placed(items: list[Any]) -> set[str]:
        out: set[str] = set()
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            out |= placed(value) if isinstance(value, list) else {value}
        return out

    def present(items: list[Any]) -> list[Any]:
        """Only pages this build has (a project without options has no options section)."""
        kept: list[Any] = []
        for item in items:
            if isinstance(item, str):
                kept += [item] if item in known else []
                continue
            title, value = next(iter(item.items()))
            value = present(value) if isinstance(value, list) else value
            if value and (isinstance(value, list) or value in known):
                kept.append({title: value})
        return kept

    known = set(pages)
    nav = present(nav)
    rest = sorted(known - placed(nav) - ({page_path(e) for e in atlas.jurisdictions} if not countries else set()))
    return nav + ([{"More": rest}] if rest else [])


def generate(layout: Layout, parallel: bool = True) -> Atlas:
    """Validate all entries, then write the generated docs. Raises before writing if invalid.
    ``parallel=False`` keeps to one process (for callers with threads of their own, like mkdocs serve)."""
    atlas = load_atlas(layout.entries, root=layout.root, parallel=parallel, cache=layout.cache)
    options = load_options(layout.entries / "options", atlas, root=layout.root)
    write_generated(atlas, options, layout.docs, layout.generated, parallel, layout.kept)
    return atlas


def build_site(layout: Layout) -> Atlas:
    """generate → mkdocs build --strict into a temp folder → swap into ``site/``."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    atlas = generate(layout)
    options = load_options(layout.entries / "options", atlas, root=layout.root)
    pages = sorted(p.relative_to(layout.generated).as_posix() for p in layout.generated.rglob("*.md"))
    layout.site.parent.mkdir(parents=True, exist_ok=True)
    tmp_site = Path(tempfile.mkdtemp(prefix=".site-", dir=layout.site.parent))
    try:
        os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
        _log_mkdocs_warnings()
        footer = (
            f"Retention Atlas {__version__} · entry schema {schema_version()} · data as of {atlas.as_of} · "
            "data under CC BY 4.0; see Open data for how to cite"
        )
        cfg = load_config(
            str(layout.config),
            site_dir=str(tmp_site),
            docs_dir=str(layout.generated),
            strict=True,
            copyright=footer,
            nav=site_nav(atlas, options, pages),
            # Country pages left out of a long sidebar on purpose are reached from the jurisdictions index.
            not_in_nav="" if listed_in_nav(atlas) else "/jurisdictions/*.md\n!/jurisdictions/index.md",
        )
        try:
            build(cfg)
        except MkDocsException as exc:
            raise BuildFailed(str(exc)) from exc
        _reproducible_sitemap(tmp_site, atlas.as_of)
        _swap(tmp_site, layout.site)
    except BaseException:
        shutil.rmtree(tmp_site, ignore_errors=True)
        raise
    return atlas


def _reproducible_sitemap(site: Path, as_of: str) -> None:
    """mkdocs stamps the build date into sitemap.xml and the gzip time into sitemap.xml.gz; use the
    data's as-of date instead, so that two builds of the same commit are byte-identical."""
    sitemap = site / "sitemap.xml"
    if not sitemap.exists():
        return
    text = re.sub(r"<lastmod>[^<]*</lastmod>", f"<lastmod>{as_of}</lastmod>", sitemap.read_text(encoding="utf-8"))
    sitemap.write_text(text, encoding="utf-8")
    with open(site / "sitemap.xml.gz", "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(text.encode("utf-8"))


def _log_mkdocs_warnings() -> None:
    """mkdocs' own CLI sets up its logging; through the API we must, or warnings vanish silently."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_atlas", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("mkdocs %(levelname)s: %(message)s"))
        handler._atlas = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(logging.WARNING)


def _swap(new: Path, current: Path) -> None:
    old = current.with_name(f".{current.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if current.exists():
        os.replace(current, old)
    os.replace(new, current)
    shutil.rmtree(old, ignore_errors=True)
