"""axe-core finds no serious or critical violation on the pages people use most."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PAGES = [
    "",
    "jurisdictions/de/",
    "eu/",
    "compare/?j=DE,FR,IT&t=retention,access",
    "map/",
    "timeline/",
    "topics/retention/",
    "available/",
    "coverage/",
    "options/cjeu-limits/",
    "changes/",
    "field-guide/",
    "data/",
]


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violations(page, site_url: str, path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(f"{site_url}/{path}")
    if path.startswith("compare"):
        page.wait_for_selector("#ra-compare[data-ready='1']")
    result = Axe().run(page)
    bad = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]])
        for v in result.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == []
