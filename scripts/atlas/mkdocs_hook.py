"""Thin mkdocs hook: during ``mkdocs serve`` only, regenerate pages when entries or docs change.

Building the site never depends on this hook (``atlas build`` generates pages first), so a
generator that ignores mkdocs hooks still builds the same site from ``build/docs``.
"""

from __future__ import annotations

import logging

from atlas.build import Layout, generate
from atlas.errors import InvalidEntries

log = logging.getLogger("mkdocs.atlas")
_serving = False


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_serve(server, config, builder):  # type: ignore[no-untyped-def]
    layout = Layout()
    server.watch(str(layout.entries))
    server.watch(str(layout.docs))
    return server


def on_pre_build(config) -> None:  # type: ignore[no-untyped-def]
    if not _serving:
        return
    try:
        generate(Layout(), parallel=False)  # no fork inside mkdocs' threaded server
    except InvalidEntries as exc:  # keep serving the last good pages, and say why
        for problem in exc.problems:
            log.error(str(problem))
