"""load → validate → model, for one folder of entries. The only module that reads entry files."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import multiprocessing as mp
import os
import pickle
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from . import entry_cache, fastcheck
from .errors import InvalidEntries, Problem
from .model import Atlas, Entry, build_entry, sort_key
from .validate import rule_problems, schema_problems
from .yamlfast import quick_read
from .yamlread import Document, read_yaml

MAX_BYTES = 2_000_000
Job = tuple[Path, str, dt.date]  # file, name in messages, reference date
Result = tuple[Entry | None, list[Problem], tuple[str, int | None] | None]  # model, problems, declared code and its line
SCHEMA_LINE = "# yaml-language-server: $schema="


def entry_files(folder: Path) -> list[Path]:
    """Entry files: ``*.yaml`` not starting with ``_`` (templates, options live elsewhere)."""
    return sorted(p for p in folder.glob("*.y*ml") if not p.name.startswith(("_", ".")))


def check_file(path: Path, display: str, today: dt.date) -> tuple[Entry | None, list[Problem]]:
    """All problems of one file, and its model when it has none."""
    entry, problems, _ = _checked(path, display, today)
    return entry, problems


def _declared_code(doc: Document | None) -> tuple[str, int] | None:
    """The jurisdiction code a file claims, even when the file has other problems."""
    try:
        code = doc.data["jurisdiction"]["code"]  # type: ignore[union-attr]
    except (AttributeError, KeyError, TypeError):
        return None
    return (code, doc.line_of(("jurisdiction", "code"))) if isinstance(code, str) else None  # type: ignore[union-attr]


def _checked(path: Path, display: str, today: dt.date) -> Result:
    if path.suffix != ".yaml":
        return None, [Problem(display, 0, "", "entry files must end in .yaml")], None
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        return None, [Problem(display, 0, "", f"the file is larger than {MAX_BYTES // 1_000_000} MB; split it or trim it")], None
    entry, problems, code = _check_text(raw, path, display, today)
    if entry is None:
        return entry, problems, code
    return dataclasses.replace(entry, digest=entry_cache.key(raw, display, today)), problems, code


def _key(job: Job) -> str | None:
    """The cache key of a file as it is now (None: it can never be cached)."""
    path, display, today = job
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    return entry_cache.key(raw, display, today) if path.suffix == ".yaml" and len(raw) <= MAX_BYTES else None


def _check_text(raw: bytes, path: Path, display: str, today: dt.date) -> Result:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(display, line, "", "the file is not UTF-8 text; save it as UTF-8")], None
    fast = _accept_quickly(text, path, display, today)
    if fast is not None:
        return fast
    doc, problems = read_yaml(text, display)
    if doc is not None and not _has_schema_line(text):
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


def _has_schema_line(text: str) -> bool:
    return text.lstrip("\ufeff").startswith(SCHEMA_LINE)


def _accept_quickly(text: str, path: Path, display: str, today: dt.date) -> Result | None:
    """The model of a file that passes every check on the fast reading; None sends it to the strict
    reading, which finds and places every problem. The declared code's line is looked up only if
    another file claims the same code."""
    data = quick_read(text) if _has_schema_line(text) else None
    if data is None or not fastcheck.valid(data):
        return None
    if rule_problems(Document(data), display, path.stem, today):
        return None
    return build_entry(data, display), [], (data["jurisdiction"]["code"], None)


def load_atlas(
    folder: Path, today: dt.date | None = None, root: Path | None = None, parallel: bool = True, cache: Path | None = None
) -> Atlas:
    """Load every entry in ``folder``; raise ``InvalidEntries`` with all problems if any.
    With ``cache`` (a folder), files unchanged since a run that accepted them are not checked again."""
    with _bulk():
        return _load(folder, today or dt.date.today(), root, parallel, cache)


@contextlib.contextmanager
def _bulk() -> Iterator[None]:
    """Loading allocates millions of small acyclic objects; the cyclic garbage collector rescanned
    them over and over (a third of the load time at 5,000 entries, and growing faster than linearly).
    Paused while loading; afterwards the model is frozen out of later collections (and stays shared
    with forked workers instead of being copied by the collector touching it)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.freeze()


def _load(folder: Path, today: dt.date, root: Path | None, parallel: bool, cache: Path | None) -> Atlas:
    problems: list[Problem] = []
    entries: list[Entry] = []
    seen: dict[str, str] = {}
    files = entry_files(folder)
    if not files:
        raise InvalidEntries([Problem(str(folder), 0, "", "no entry files found")])
    jobs = [(path, display_path(path, root), today) for path in files]
    jobs_by_display = {display: path for path, display, _ in jobs}
    for (_, display, _), (entry, found, declared) in zip(jobs, _check_all(jobs, parallel, cache), strict=True):
        problems += found
        if declared:
            code, line = declared
            if code in seen:
                line = line or _code_line(jobs_by_display[display])
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


def _code_line(path: Path) -> int:
    """Line of ``jurisdiction.code`` in a file the fast reading accepted (it keeps no lines)."""
    doc, _ = read_yaml(path.read_text(encoding="utf-8"), str(path))
    return doc.line_of(("jurisdiction", "code")) if doc is not None else 1


PARALLEL_FROM = 12  # below this many files a process pool costs more than it saves


def _check_one(job: Job) -> Result | bytes:
    """In a worker: an accepted file goes home as the pickle the cache keeps (pickled once, not twice)."""
    entry, problems, code = _checked(*job)
    return entry_cache.dumps((entry, code)) if entry is not None else (entry, problems, code)


def _check_all(jobs: list[Job], parallel: bool, cache: Path | None) -> list[Result]:
    """Check files on every core: parsing and schema checks dominate and are independent per file.
    Files unchanged since an accepted run come from the cache instead (read here, not in a worker:
    sending a model home from a worker costs about as much as unpickling it)."""
    kept = entry_cache.Checked(cache)
    keys = [_key(job) for job in jobs] if kept.index else [None] * len(jobs)  # a cold run hashes nothing twice
    # A new pack only if the set of accepted files changed; it starts with what is still current.
    rewrite = kept.folder is not None and set(keys) != set(kept.index)
    results: list[Result | None] = []
    for k in keys:
        blob = kept.get(k) if k else None
        value = entry_cache.loads(blob) if blob else None
        if value is not None and rewrite:
            kept.add(k, blob)  # type: ignore[arg-type]
        results.append((value[0], [], value[1]) if value else None)
    if not rewrite and None in results and kept.folder is not None:  # a damaged pack: write a sound one
        rewrite = True
        for k, r in zip(keys, results, strict=True):
            if k and r is not None:
                kept.add(k, kept.get(k) or b"")
    todo = [job for job, r in zip(jobs, results, strict=True) if r is None]
    workers = min(os.cpu_count() or 1, len(todo) // PARALLEL_FROM + 1) if parallel else 1
    if workers < 2 or "fork" not in mp.get_all_start_methods():
        fresh = [_accepted(_checked(*job), kept, rewrite) for job in todo]
    else:
        fastcheck.prepare()  # compiled once here; the workers inherit it
        with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
            chunk = max(1, len(todo) // (workers * 4))
            fresh = [_accepted(x, kept, rewrite) for x in pool.map(_check_one, todo, chunksize=chunk)]
    kept.finish()
    it = iter(fresh)
    return [r if r is not None else next(it) for r in results]


def _accepted(found: Result | bytes, kept: entry_cache.Checked, keep: bool) -> Result:
    """An answer as a result (a worker's comes as a pickle); an accepted entry also goes into the new pack."""
    blob = found if isinstance(found, bytes) else None
    if blob is not None:
        entry, code = pickle.loads(blob)  # noqa: S301 - made by our own worker a moment ago
        found = (entry, [], code)
    assert not isinstance(found, bytes)
    entry, _, code = found
    if keep and entry is not None:
        kept.add(entry.digest, blob or entry_cache.dumps((entry, code)))
    return found


def display_path(path: Path, root: Path | None) -> str:
    """How problems name a file: relative to ``root`` (default: the working folder) where possible."""
    root = root or Path.cwd()
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)
