"""Editors' tools: scaffold a new entry, and the round trip scaffold → validate → build."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from atlas.build import Layout, build_site
from atlas.errors import InvalidEntries
from atlas.load import load_atlas
from atlas.scaffold import ScaffoldError, new_entry

TODAY = dt.date(2026, 6, 1)


def test_new_entry_takes_its_identity_from_iso_3166(tmp_path: Path) -> None:
    path = new_entry("el", tmp_path, TODAY)
    text = path.read_text(encoding="utf-8")
    assert path.name == "EL.yaml"
    assert "  code: EL " in text and "  iso3166_1: GR " in text and "  name_en: Greece\n" in text
    assert "last_verified: 2026-06-01" in text


def test_new_subnational_entry(tmp_path: Path) -> None:
    assert "  name_en: Bayern\n" in new_entry("DE-BY", tmp_path, TODAY).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "code, message", [("ZX", "'ZX' is not an ISO 3166-1 alpha-2 country code"), ("DE-QQ", "'DE-QQ' is not an ISO 3166-2 subdivision code")]
)
def test_new_refuses_codes_that_are_not_countries(tmp_path: Path, code: str, message: str) -> None:
    with pytest.raises(ScaffoldError, match=message):
        new_entry(code, tmp_path, TODAY)


def test_new_never_overwrites(tmp_path: Path) -> None:
    new_entry("EL", tmp_path, TODAY)
    with pytest.raises(ScaffoldError, match="already exists"):
        new_entry("EL", tmp_path, TODAY)


def test_scaffold_validate_build_round_trip(project: Path) -> None:
    (project / "entries" / "XX.yaml").unlink()
    path = new_entry("EL", project / "entries", TODAY)
    with pytest.raises(InvalidEntries) as exc:  # placeholders must be filled before anything is published
        load_atlas(project / "entries", today=TODAY)
    assert all("placeholder" in p.message for p in exc.value.problems)
    text = path.read_text(encoding="utf-8").replace('"…"', '"Filled in from the gazette."').replace("…", "Ελλάδα")
    path.write_text(text.replace("https://placeholder.invalid/", "https://law.example.net/"), encoding="utf-8")
    build_site(Layout(project))
    assert "Greece (EL)" in (project / "site" / "jurisdictions" / "el" / "index.html").read_text(encoding="utf-8")
    shutil.rmtree(project / "site")


# ---- stale ------------------------------------------------------------------------------------


def test_stale_picks_entries_and_sources_by_injected_date(tmp_path: Path) -> None:
    from atlas.stale import stale
    from support import VALID

    text = VALID.read_text(encoding="utf-8").replace(
        "    accessed: 2026-01-15\n    language: en\n    kind: judgment", "    accessed: 2024-03-01\n    language: en\n    kind: judgment"
    )
    (tmp_path / "XX.yaml").write_text(text, encoding="utf-8")
    atlas = load_atlas(tmp_path, today=TODAY)
    assert stale(atlas, dt.date(2026, 6, 1), months=12)[0].sources[0].id == "src-ruling"
    assert not stale(atlas, dt.date(2026, 6, 1), months=12)[0].entry_stale  # entry checked in January
    assert not stale(atlas, dt.date(2027, 2, 1), months=12)[0].entry_stale  # 12 full months: not yet
    late = stale(atlas, dt.date(2027, 3, 1), months=12)[0]
    assert late.entry_stale and late.months == 13
    assert stale(atlas, dt.date(2026, 6, 1), months=36) == []


# ---- links (a local HTTP server on loopback: a good link, a 404, a redirect, a timeout) ----------


@pytest.fixture
def link_server():
    import threading
    import time
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            if self.path == "/slow":
                time.sleep(2)
            status = {"/good": 200, "/missing": 404, "/moved": 301}.get(self.path, 200)
            self.send_response(status)
            if status == 301:
                self.send_header("Location", "/good")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_links_reports_good_missing_redirect_and_timeout(tmp_path: Path, link_server: str) -> None:
    from atlas.links import check_links
    from support import VALID

    text = VALID.read_text(encoding="utf-8")
    entries = []
    for code, path in (("XA", "/good"), ("XB", "/missing"), ("XC", "/moved"), ("XD", "/slow")):
        t = text.replace("code: XX", f"code: {code}").replace("iso3166_1: XX", f"iso3166_1: {code}")
        t = t.replace("https://example.org/act", link_server + path).replace("https://example.org/ruling", link_server + path)
        (tmp_path / f"{code}.yaml").write_text(t, encoding="utf-8")
        entries.append(code)
    atlas = load_atlas(tmp_path, today=TODAY)
    results = {r.url.rsplit("/", 1)[-1]: r for r in check_links(atlas, {}, timeout=0.5)}
    assert results["good"].status == "ok"
    assert results["missing"].status == "broken" and results["missing"].detail == "HTTP 404"
    assert results["moved"].status == "redirect" and results["moved"].detail == "301 → /good"
    assert results["slow"].status == "timeout"
    assert results["missing"].cited_by == ("XB:src-act", "XB:src-ruling")
    allowed = {r.url.rsplit("/", 1)[-1]: r for r in check_links(atlas, {"127.0.0.1": "test server"}, timeout=0.5)}
    assert allowed["missing"].status == "skipped" and "allowed: test server" in allowed["missing"].detail


# ---- fmt --------------------------------------------------------------------------------------


def test_fmt_orders_keys_keeps_comments_and_is_idempotent(tmp_path: Path) -> None:
    from atlas.fmt import fmt_files, formatted
    from support import VALID

    text = VALID.read_text(encoding="utf-8")
    shuffled = text.replace(
        "  name_en: Exemplia\n  name_native: Exemplien\n", "  name_native: Exemplien  # as written locally\n  name_en: Exemplia\n"
    )
    shuffled = shuffled.replace("        period: P6M\n", "        period: p6m\n")
    path = tmp_path / "XX.yaml"
    path.write_text(shuffled, encoding="utf-8")
    assert fmt_files([path], check=True) == [path] and path.read_text(encoding="utf-8") == shuffled  # --check writes nothing
    fmt_files([path], check=False)
    out = path.read_text(encoding="utf-8")
    assert "  name_en: Exemplia\n  name_native: Exemplien  # as written locally\n" in out
    assert "        period: P6M\n" in out
    assert out.startswith("# yaml-language-server: $schema=")
    assert formatted(out) == out and fmt_files([path], check=True) == []
    assert formatted(text) == text, "the fixture itself is canonical"
