"""What the last completed build wrote for each entry, reused where the entry is unchanged.

A country page and an entry's part of the dataset depend on that entry alone; rendering them is most
of generation, and after an edit almost every entry is unchanged. So a build records, for the folder
it wrote, which entry digest each country page was made from and where each entry's JSON lies in the
dataset file. The next build into the same folder leaves those pages alone and copies that JSON from
the old dataset. An entry's digest covers its file, the reference date and all checking and rendering
code (``entry_cache.key``), so a reused output is byte for byte what rendering would give.

The record is removed when a build starts and written when it completes: a build that fails midway
leaves nothing to trust. (Keeping a second copy of every output instead cost 10,000 files and 400 MB
at 5,000 jurisdictions.)
"""

from __future__ import annotations

import marshal
import os
from pathlib import Path
from typing import BinaryIO

from .entry_cache import store
from .model import Entry


class Kept:
    """The record of the build that last completed into ``dest`` (nothing if ``record`` is None)."""

    def __init__(self, record: Path | None, dest: Path, dataset: str):
        self.record, self.dest, self.dataset = record, dest, dest / dataset
        self.pages: dict[str, tuple[str, int, int]] = {}  # page path → (entry digest, size, mtime) as written
        self.json: dict[str, tuple[int, int]] = {}  # entry digest → (offset, length) in the dataset
        self.new_json: dict[str, tuple[int, int]] = {}  # the same for the dataset being written now
        self._old: BinaryIO | None = None
        self._stamp: tuple[int, int] = (-1, -1)
        if record is None:
            return
        try:
            saved = marshal.loads(record.read_bytes())
            if saved["dest"] == str(dest.resolve()):
                self.pages, self.json, self._stamp = saved["pages"], saved["json"], tuple(saved["dataset"])
        except (OSError, ValueError, EOFError, KeyError, TypeError):
            pass
        record.unlink(missing_ok=True)

    def page(self, rel: str, e: Entry) -> bool:
        """True if the page at ``rel`` was made from this very entry and is still there as written
        (a build run without the record, or anything else, may have rewritten it since)."""
        made = self.pages.get(rel)
        if not e.digest or made is None or made[0] != e.digest:
            return False
        try:
            return _stamp(self.dest / rel) == made[1:]
        except OSError:
            return False

    def entry_json(self, e: Entry) -> bytes | None:
        """This entry's JSON as the old dataset holds it, or None."""
        where = self.json.get(e.digest) if e.digest else None
        if where is None or not self._open():
            return None
        assert self._old is not None
        self._old.seek(where[0])
        data = self._old.read(where[1])
        return data if len(data) == where[1] and data.startswith(b"{") and data.endswith(b"}") else None

    def _open(self) -> bool:
        """The old dataset, opened before this build replaces it (the open file stays readable),
        and only if it is the very file the record describes."""
        if self._old is None:
            try:
                self._old = open(self.dataset, "rb")  # noqa: SIM115 - read while the new one is written
                stamp = _stamp(self._old.fileno())
            except OSError:
                self.json = {}
                return False
            if stamp != self._stamp:
                self.json = {}
                return False
        return True

    def save(self, pages: dict[str, str]) -> None:
        """Record what this (completed) build wrote: for each page path, the entry digest it was made from."""
        if self._old is not None:
            self._old.close()
        if self.record is None:
            return
        try:
            dataset = _stamp(self.dataset)
            written = {rel: (digest, *_stamp(self.dest / rel)) for rel, digest in pages.items()}
        except OSError:
            return
        saved = {"dest": str(self.dest.resolve()), "pages": written, "json": self.new_json, "dataset": dataset}
        store(self.record, marshal.dumps(saved))


def _stamp(path: Path | int) -> tuple[int, int]:
    """Size and modification time: enough to tell a file rewritten since (a path or an open descriptor)."""
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns
