"""Checked entries kept between runs, keyed by everything their checking depends on.

Parsing and checking is most of loading, and almost every build sees the same files as the one
before. A file whose bytes, name, reference date and checking code are unchanged gets back the
model it produced last time. Only files that passed every check are kept, so every problem is
always found afresh. The cache lives in the project's ``build/cache`` and is safe to delete.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import marshal
import os
import pickle
import sys
import time
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO

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


class Checked:
    """The accepted entries of the last run: one pack file of pickles and an index of where each lies.

    One file, not one per entry: creating 5,000 small files cost more than checking a tenth of
    them. A run reads what it needs from the old pack and, if anything changed, writes a new pack
    holding exactly the current entries (so the cache stays the size of one atlas), then switches
    the index to it. A damaged or missing pack or index only means checking afresh."""

    INDEX = "index.marshal"

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.index: dict[str, tuple[str, int, int]] = {}  # key → (pack file, offset, length)
        self._packs: dict[str, BinaryIO] = {}
        self._new: BinaryIO | None = None
        self._new_index: dict[str, tuple[str, int, int]] = {}
        if folder is not None:
            try:
                index = marshal.loads((folder / self.INDEX).read_bytes())
                self.index = index if isinstance(index, dict) else {}
            except (OSError, ValueError, EOFError, TypeError):
                pass

    def get(self, k: str) -> bytes | None:
        """The pickle kept under ``k``, if it can be read whole."""
        where = self.index.get(k)
        if where is None or self.folder is None:
            return None
        name, offset, length = where
        try:
            if name not in self._packs:
                self._packs[name] = open(self.folder / name, "rb")  # noqa: SIM115 - closed in finish()
            pack = self._packs[name]
            pack.seek(offset)
            blob = pack.read(length)
        except (OSError, ValueError):
            return None
        return blob if len(blob) == length else None

    def add(self, k: str, blob: bytes) -> None:
        """Put ``blob`` in the pack being written (best effort: a read-only checkout goes without)."""
        if self.folder is None:
            return
        try:
            if self._new is None:
                self.folder.mkdir(parents=True, exist_ok=True)
                self._name = f"entries-{os.getpid()}-{time.time_ns()}.pack"
                self._new = open(self.folder / self._name, "wb")  # noqa: SIM115 - closed in finish()
            self._new_index[k] = (self._name, self._new.tell(), len(blob))
            self._new.write(blob)
        except OSError:
            self.folder = None

    def finish(self) -> None:
        """Switch to the pack just written, if any, and remove every other pack."""
        for pack in self._packs.values():
            pack.close()
        if self._new is None:
            return
        self._new.close()
        if self.folder is None:  # writing failed part-way: keep the old index, which stays consistent
            return
        try:
            store(self.folder / self.INDEX, marshal.dumps(self._new_index))
            for p in self.folder.iterdir():  # older packs, and whatever earlier versions kept here
                if p.name not in (self._name, self.INDEX) and not p.name.startswith("."):
                    p.unlink(missing_ok=True)
        except OSError:
            pass


def loads(blob: bytes) -> Any | None:
    """What a pickle made by ``dumps`` holds, or None if it is damaged."""
    try:
        return pickle.loads(blob)  # noqa: S301 - written by our own runs only
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, TypeError, IndexError, KeyError):
        return None


def dumps(value: Any) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


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
