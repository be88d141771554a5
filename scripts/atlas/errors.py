"""Problems found in entries, reported like a compiler: ``file:line: field.path: message``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one entry file; ``line`` is 1-based, ``path`` a dotted field path."""

    file: str
    line: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:" if self.line else f"{self.file}:"
        return f"{where} {self.path}: {self.message}" if self.path else f"{where} {self.message}"


class AtlasError(Exception):
    """Base of the errors the atlas raises on purpose."""


class InvalidEntries(AtlasError):
    """Raised by ``load_model`` when any entry has problems; carries all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(f"{len(self.problems)} problem(s) in entries")


class BuildFailed(AtlasError):
    """Raised by ``build_site`` when mkdocs fails or warns in strict mode; ``site/`` is left as it was."""
