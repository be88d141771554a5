"""Script and HTML payloads in every free-text field stay text in every page a browser opens."""

from __future__ import annotations

import shutil

import pytest

from support import VALID

from .conftest import open_page, serve_built_site

pytestmark = pytest.mark.browser

PAYLOAD = "<img src=x onerror=alert(1)><script>alert(2)</script>[x](javascript:alert(3))"


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory):
    entries = tmp_path_factory.mktemp("hostile-entries")
    text = VALID.read_text(encoding="utf-8")
    quoted = PAYLOAD.replace('"', '\\"')
    for old in (
        '"Exemplia requires six months of general retention; access needs a court order."',
        '"Data Retention Act"',
        '"Upheld the Act."',
        '"Act adopted"',
        '"Exemplian Data Retention Act"',
        '"six months"',
        '"Constitutional Court"',
    ):
        text = text.replace(old, f'"{quoted}"')
    text = text.replace("name_en: Exemplia", f'name_en: "Ex {quoted}"')
    (entries / "XX.yaml").write_text(text, encoding="utf-8")
    shutil.copytree(VALID.parents[1] / "options", entries / "options")
    server, url = serve_built_site(tmp_path_factory.mktemp("hostile-site"), entries)
    yield url
    server.shutdown()


@pytest.mark.parametrize(
    "path",
    [
        "",
        "jurisdictions/xx/",
        "compare/?j=XX&t=status,retention,courts",
        "available/?age=P1M",
        "timeline/",
        "changes/",
        "map/",
        "topics/courts/",
        "options/strict/",
    ],
)
def test_payload_stays_inert(browser, hostile_url: str, path: str) -> None:
    context, pg = open_page(browser, hostile_url)
    try:
        pg.goto(f"{hostile_url}/{path}")
        pg.wait_for_load_state("networkidle")
        assert pg.dialogs == [] and pg.errors == []
        assert pg.locator("img[src=x]").count() == 0
        assert pg.locator("a[href^='javascript']").count() == 0
        if path not in ("map/", "options/strict/"):  # the payload is there, shown as text
            assert "onerror=alert(1)" in pg.inner_text("body")
    finally:
        context.close()
