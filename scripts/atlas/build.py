"""Writes generated pages to disk and builds the site atomically.

Pages go to ``build/docs`` (hand-written ``docs/`` copied in, generated pages beside them), which
``mkdocs.yml`` names as its docs_dir: any static-site generator that reads mkdocs.yml can build
from it. The site is built into a temporary folder and swapped into ``site/`` only on success, so a
failed build leaves the previous site untouched.
"""

from __future__ import annotations

import contextlib
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
from pathlib import Path
from typing import Any

from . import __version__
from .availability import available_json
from .compare_data import compare_json
from .errors import BuildFailed
from .explore_pages import explore_pages
from .exports import DATASET_FILE, all_exports, dataset_json
from .feeds import feed_files
from .gap import Option, load_options
from .load import load_atlas
from .model import Atlas
from .option_pages import option_page, options_index
from .pages import all_pages, data_page
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
        self.site = root / "site"
        self.config = root / "mkdocs.yml"


def generated_files(atlas: Atlas, options: list[Option] | None = None, parallel: bool = True) -> dict[str, bytes]:
    """Every generated file by path under the docs folder. The dataset (serialised and validated
    against its schema, the slowest part) is made on the second core while this one renders pages."""
    global _ATLAS
    _ATLAS = atlas
    with _second_core(parallel) as pool:
        dataset = pool.submit(_dataset_job) if pool else None
        files = {path: text.encode("utf-8") for path, text in all_pages(atlas).items()}
        if options:
            files["options/index.md"] = options_index(options).encode("utf-8")
            files.update({f"options/{o.id}.md": option_page(atlas, o).encode("utf-8") for o in options})
        files["schema/entry.schema.json"] = SCHEMA_PATH.read_bytes()
        files["schema/dataset.schema.json"] = DATASET_SCHEMA_PATH.read_bytes()
        files.update({f"data/{name}": data for name, data in all_exports(atlas, with_dataset=False).items()})
        files["data/index.md"] = data_page(atlas).encode("utf-8")
        files.update(feed_files(atlas))
        files["data/compare.json"] = compare_json(atlas)
        files["data/available.json"] = json.dumps(available_json(atlas), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        files.update({path: text.encode("utf-8") for path, text in explore_pages(atlas).items()})
        files[f"data/{DATASET_FILE}"] = dataset.result() if dataset else dataset_json(atlas)
    return files


_ATLAS: Atlas | None = None  # handed to the forked worker by inheritance, not by pickling


def _dataset_job() -> bytes:
    assert _ATLAS is not None
    return dataset_json(_ATLAS)


@contextlib.contextmanager
def _second_core(wanted: bool) -> Iterator[ProcessPoolExecutor | None]:
    if not wanted or (os.cpu_count() or 1) < 2 or "fork" not in mp.get_all_start_methods():
        yield None
        return
    with ProcessPoolExecutor(1, mp_context=mp.get_context("fork")) as pool:
        yield pool


def site_nav(atlas: Atlas, options: list[Option], pages: list[str]) -> list[Any]:
    """The sidebar in the order a reader works: overview and cross-country views first, then the
    jurisdictions by name, then drafting aids and reference pages. Any page not placed here is
    appended, so a new page can never be left out of the navigation. Titles from entries are
    HTML-escaped: the theme puts nav titles into the page unescaped."""
    from .topics import TOPICS

    countries = sorted(atlas.jurisdictions, key=lambda e: e.name_en)
    nav: list[Any] = [
        {"Overview": "index.md"},
        {"Compare jurisdictions": "compare.md"},
        {"Map": "map.md"},
        {"Would the data still be there?": "available.md"},
        {"Topics": ["topics/index.md", *[{t.title: f"topics/{t.key}.md"} for t in TOPICS.values()]]},
        {
            "Jurisdictions": [
                "jurisdictions/index.md",
                *[{html.escape(f"{e.name_en} ({e.code})"): f"jurisdictions/{e.slug}.md"} for e in countries],
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
    rest = sorted(known - placed(nav))
    return nav + ([{"More": rest}] if rest else [])


def write_tree(files: dict[str, bytes], hand_written: Path, dest: Path) -> int:
    """Make ``dest`` hold exactly the hand-written docs plus ``files``; touch only what changed.

    Unchanged files keep their timestamps so ``mkdocs serve`` does not rebuild in a loop.
    Returns the number of files written.
    """
    wanted: dict[str, bytes] = {}
    if hand_written.is_dir():
        for p in sorted(hand_written.rglob("*")):
            if p.is_file():
                wanted[p.relative_to(hand_written).as_posix()] = p.read_bytes()
    clash = set(wanted) & set(files)
    if clash:
        raise ValueError(f"hand-written docs would be overwritten by generated pages: {', '.join(sorted(clash))}")
    wanted.update(files)
    written = 0
    dest.mkdir(parents=True, exist_ok=True)
    for rel, data in wanted.items():
        target = dest / rel
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
        written += 1
    for p in sorted(dest.rglob("*"), reverse=True):
        rel = p.relative_to(dest).as_posix()
        if p.is_file() and rel not in wanted:
            p.unlink()
        elif p.is_dir() and not any(p.iterdir()):
            p.rmdir()
    return written


def generate(layout: Layout, parallel: bool = True) -> Atlas:
    """Validate all entries, then write the generated docs. Raises before writing if invalid.
    ``parallel=False`` keeps to one process (for callers with threads of their own, like mkdocs serve)."""
    atlas = load_atlas(layout.entries, root=layout.root, parallel=parallel)
    options = load_options(layout.entries / "options", atlas, root=layout.root)
    write_tree(generated_files(atlas, options, parallel), layout.docs, layout.generated)
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
