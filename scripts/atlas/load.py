"""load → validate → model, for one folder of entries. The only module that reads entry files."""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from . import fastcheck
from .errors import InvalidEntries, Problem
from .model import Atlas, Entry, build_entry, sort_key
from .validate import rule_problems, schema_problems
from .yamlread import Document, read_yaml

MAX_BYTES = 2_000_000
SCHEMA_LINE = "# yaml-language-server: $schema="


def entry_files(folder: Path) -> list[Path]:
    """Entry files: ``*.yaml`` not starting with ``_`` (templates, options live elsewhere)."""
    return sorted(p for p in folder.glob("*.y*ml") if not p.name.startswith(("_", ".")))


def check_file(path: Path, display: str, today: dt.date) -> tuple[Entry | None, list[Problem]]:
    """All problems of one file, and its model when it has none."""
    entry, problems, _ = _check_file(path, display, today)
    return entry, problems


def _declared_code(doc: Document | None) -> tuple[str, int] | None:
    """The jurisdiction code a file claims, even when the file has other problems."""
    try:
        code = doc.data["jurisdiction"]["code"]  # type: ignore[union-attr]
    except (AttributeError, KeyError, TypeError):
        return None
    return (code, doc.line_of(("jurisdiction", "code"))) if isinstance(code, str) else None  # type: ignore[union-attr]


def _check_file(path: Path, display: str, today: dt.date) -> tuple[Entry | None, list[Problem], tuple[str, int] | None]:
    if path.suffix != ".yaml":
        return None, [Problem(display, 0, "", "entry files must end in .yaml")], None
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        return None, [Problem(display, 0, "", f"the file is larger than {MAX_BYTES // 1_000_000} MB; split it or trim it")], None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(display, line, "", "the file is not UTF-8 text; save it as UTF-8")], None
    doc, problems = read_yaml(text, display)
    if doc is not None and not text.lstrip("\ufeff").startswith(SCHEMA_LINE):
        problems.insert(
            0, Problem(display, 1, "", f"the first line must be the editor schema line '{SCHEMA_LINE}../schema/entry.schema.json'")
        )
    code = _declared_code(doc)
    if doc is None or problems:
        return None, problems, code
    problems = schema_problems(doc, display)
    if problems:
        return None, problems, code
    problems = rule_problems(doc, display, path.stem, today)
    if problems:
        return None, problems, code
    return build_entry(doc.data, display), [], code


def load_atlas(folder: Path, today: dt.date | None = None, root: Path | None = None, parallel: bool = True) -> Atlas:
    """Load every entry in ``folder``; raise ``InvalidEntries`` with all problems if any."""
    today = today or dt.date.today()
    problems: list[Problem] = []
    entries: list[Entry] = []
    seen: dict[str, str] = {}
    files = entry_files(folder)
    if not files:
        raise InvalidEntries([Problem(str(folder), 0, "", "no entry files found")])
    jobs = [(path, display_path(path, root), today) for path in files]
    for (_, display, _), (entry, found, declared) in zip(jobs, _check_all(jobs, parallel), strict=True):
        problems += found
        if declared:
            code, line = declared
            if code in seen:
                problems.append(
                    Problem(display, line, "jurisdiction.code", f"'{code}' is already described in {seen[code]}; one file per jurisdiction")
                )
                continue
            seen[code] = display
        if entry is not None:
            entries.append(entry)
    if problems:
        raise InvalidEntries(problems)
    return Atlas(tuple(sorted(entries, key=sort_key)))


PARALLEL_FROM = 12  # below this many files a process pool costs more than it saves


def _check_one(job: tuple[Path, str, dt.date]) -> tuple[Entry | None, list[Problem], tuple[str, int] | None]:
    return _check_file(*job)


def _check_all(
    jobs: list[tuple[Path, str, dt.date]], parallel: bool = True
) -> list[tuple[Entry | None, list[Problem], tuple[str, int] | None]]:
    """Check files on every core: parsing and schema checks dominate and are independent per file."""
    workers = min(os.cpu_count() or 1, len(jobs) // PARALLEL_FROM + 1) if parallel else 1
    if workers < 2 or "fork" not in mp.get_all_start_methods():
        return [_check_one(job) for job in jobs]
    fastcheck.prepare()  # compiled once here; the workers inherit it
    with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
        return list(pool.map(_check_one, jobs, chunksize=max(1, len(jobs) // (workers * 4))))


def display_path(path: Path, root: Path | None) -> str:
    """How problems name a file: relative to ``root`` (default: the working folder) where possible."""
    root = root or Path.cwd()
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)
