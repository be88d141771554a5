"""Checked entries kept between runs, keyed by everything their checking depends on.

Parsing and checking is most of loading, and almost every build sees the same files as the one
before. A file whose bytes, name, reference date and checking code are unchanged gets back the
model it produced last time. Only files that passed every check are kept, so every problem is
always found afresh. The cache lives in the project's ``build/cache`` and is safe to delete.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import sys
from functools import cache
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent
CACHE = Path("build", "cache")  # under the project root; never committed, safe to delete
CHECKED = CACHE / "entries"  # checked entries
# Third-party code whose answers enter a checked entry or an output (ISO codes, schema checks, parsing).
_LIBRARIES = ("pyyaml", "yaml_rs", "jsonschema", "fastjsonschema", "pycountry")


@cache
def code_version() -> bytes:
    """Every module and schema of the atlas, the libraries it checks with, and Python itself: any
    change to how files are checked or rendered makes everything kept stale. (Hashing all of it,
    not a hand-kept list of the modules that matter, so a new module can never be forgotten.)"""
    import yaml

    from . import schema as sch

    h = hashlib.sha256(sys.version.encode())
    # Installed versions from the dist-info folder names (importlib.metadata takes 0.1 s, too slow here).
    site = Path(yaml.__file__).resolve().parents[1]
    h.update("\0".join(sorted(n for n in os.listdir(site) if n.lower().startswith(_LIBRARIES) and n.endswith(".dist-info"))).encode())
    for p in sorted(_PACKAGE.glob("*.py")) + sorted(sch.SCHEMA_DIR.glob("*.json")):
        h.update(p.name.encode() + b"\0" + p.read_bytes())
    return h.digest()


def key(raw: bytes, display: str, today: dt.date) -> str:
    h = hashlib.sha256(code_version())
    h.update(f"{display}\0{today.isoformat()}\0".encode())
    h.update(raw)
    return h.hexdigest()


def get(folder: Path | None, k: str) -> Any | None:
    if folder is None:
        return None
    try:
        return pickle.loads((folder / f"{k}.pickle").read_bytes())  # noqa: S301 - written by us, below
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None


def put(folder: Path | None, k: str, value: Any) -> bytes:
    """Keep ``value`` under ``k``; returns it pickled (a worker sends those very bytes home)."""
    blob = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    if folder is not None:
        store(folder / f"{k}.pickle", blob)
    return blob


def prune(folder: Path | None, keep: set[str]) -> None:
    """Remove what no current file needs any more (entries edited or deleted since), so the cache
    stays the size of one build."""
    if folder is None or not folder.is_dir():
        return
    for p in folder.iterdir():
        if p.name not in keep and not p.name.startswith("."):
            p.unlink(missing_ok=True)


def store(path: Path, data: bytes) -> None:
    """Best effort and atomic, for caches: a half-written file is never read, and a read-only
    checkout simply goes without."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        pass
