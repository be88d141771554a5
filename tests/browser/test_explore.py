"""What a policy officer does in the browser: compare, share a link, sort, download, print, map, timeline."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


def open_compare(page, site_url: str, query: str) -> None:
    page.goto(f"{site_url}/compare/?{query}")
    page.wait_for_selector("#ra-compare[data-ready='1']")


def row_codes(page) -> list[str]:
    return page.eval_on_selector_all(".ra-compare-table tbody tr", "rows => rows.map(r => r.dataset.code)")


def header_labels(page) -> list[str]:
    return [t.strip() for t in page.eval_on_selector_all(".ra-compare-table thead th", "ths => ths.map(t => t.textContent)")]


def test_compare_view_from_a_shared_url(page, site_url: str) -> None:
    open_compare(page, site_url, "j=DE,FR,IT&t=retention,access")
    assert row_codes(page) == ["DE", "FR", "IT"]  # EU protocol order
    headers = header_labels(page)
    assert headers[:3] == ["Code", "Jurisdiction", "Traffic data"]
    assert "Prior authorisation" in headers and "Preservation" not in headers
    assert page.is_checked("input[name=j][value=FR]") and not page.is_checked("input[name=j][value=BE]")


def test_changing_the_selection_updates_the_url_and_back_restores_it(page, site_url: str) -> None:
    open_compare(page, site_url, "j=DE,FR&t=retention")
    page.check("input[name=j][value=AT]")
    assert re.search(r"[?&]j=DE,FR,AT\b|[?&]j=DE,FR,AT&", page.url) or "AT" in page.url.split("j=")[1].split("&")[0]
    assert row_codes(page) == ["DE", "FR", "AT"]
    page.check("input[name=t][value=preservation]")
    assert "preservation" in page.url
    page.go_back()
    page.go_back()
    page.wait_for_function("document.querySelectorAll('.ra-compare-table tbody tr').length === 2")
    assert row_codes(page) == ["DE", "FR"]


def test_sorting_a_period_column_orders_by_duration(page, site_url: str) -> None:
    open_compare(page, site_url, "j=DE,IE,EL,IT&t=retention")
    page.click(".ra-compare-table thead th:nth-child(3) button")
    keys = page.eval_on_selector_all(
        ".ra-compare-table tbody td[data-col='retention.traffic'] .ra-sort", "s => s.map(x => decodeURIComponent(x.dataset.sort))"
    )
    numbers = [float(k) for k in keys if k]
    assert numbers == sorted(numbers) and len(numbers) >= 2
    assert page.get_attribute(".ra-compare-table thead th:nth-child(3)", "aria-sort") == "ascending"
    # Germany's 10 weeks comes before Greece's 12 months, which text sorting would not give.
    assert row_codes(page).index("DE") < row_codes(page).index("EL")


def test_csv_download_matches_the_table(page, site_url: str) -> None:
    open_compare(page, site_url, "j=DE,IE&t=status")
    with page.expect_download() as info:
        page.click("#ra-download")
    text = Path(info.value.path()).read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Code", "Jurisdiction", "Regime status", "Status as of", "Pending legislation"]
    assert [r[0] for r in rows[1:3]] == ["DE", "IE"]
    shown = page.inner_text(".ra-compare-table tbody tr[data-code=DE] td[data-col='status.status']")
    assert rows[1][2].split("[")[0].strip() in shown
    assert any(r and r[0] == "[1]" for r in rows), "footnotes travel with the table"


def test_print_stylesheet_hides_controls_and_keeps_footnotes(page, site_url: str) -> None:
    open_compare(page, site_url, "j=DE,IE&t=retention")
    page.emulate_media(media="print")
    assert page.eval_on_selector(".ra-picker", "e => getComputedStyle(e).display") == "none"
    assert page.is_visible(".ra-notes li")
    page.emulate_media(media="screen")
    assert page.eval_on_selector(".ra-picker", "e => getComputedStyle(e).display") != "none"


def test_map_tile_leads_to_the_country_page(page, site_url: str) -> None:
    page.goto(f"{site_url}/map/")
    page.click(".ra-map a[data-code=DE]")
    page.wait_for_url(re.compile(r"/jurisdictions/de/$"))
    assert page.inner_text("h1").startswith("Germany")


def test_map_offers_a_table_alternative(page, site_url: str) -> None:
    page.goto(f"{site_url}/map/")
    assert page.locator("table").first.inner_text().count("Germany") == 1


def test_timeline_filters_by_jurisdiction(page, site_url: str) -> None:
    page.goto(f"{site_url}/timeline/")
    total = page.locator("#ra-timeline tbody tr:visible").count()
    page.select_option("#ra-filter-j", "DE")
    visible = page.locator("#ra-timeline tbody tr:visible")
    assert 0 < visible.count() < total
    assert set(visible.evaluate_all("rows => rows.map(r => r.dataset.j)")) == {"DE"}
    assert "j=DE" in page.url
    dates = visible.evaluate_all("rows => rows.map(r => r.cells[0].textContent)")
    assert dates == sorted(dates, reverse=True)


def test_topic_matrix_sorts_periods_by_length(page, site_url: str) -> None:
    page.goto(f"{site_url}/topics/retention/")
    table = page.locator("table").first
    table.locator("thead th").nth(2).locator("button").click()
    keys = table.locator("tbody tr td:nth-child(3) .ra-sort").evaluate_all("s => s.map(x => decodeURIComponent(x.dataset.sort))")
    numbers = [float(k) for k in keys if k]
    assert numbers == sorted(numbers)


def test_availability_slider_updates_map_table_and_url(page, site_url: str) -> None:
    page.goto(f"{site_url}/available/?data=traffic&age=P1M")
    page.wait_for_selector("#ra-available[data-ready='1']")
    de_month = page.get_attribute(".ra-map a[data-code=DE]", "data-class")
    assert page.get_attribute("#ra-avail-table tr[data-code=EL] td[data-cat=traffic]", "data-answer") == "retained"
    page.fill("#ra-age-n", "13")  # 13 months: past Greece's 12
    page.wait_for_function("location.search.includes('age=P13M')")
    assert page.get_attribute("#ra-avail-table tr[data-code=EL] td[data-cat=traffic]", "data-answer") == "not_retained"
    assert page.get_attribute(".ra-map a[data-code=EL]", "data-class") == "not_retained"
    assert de_month in {"not_applied", "not_retained", "unknown"}


def test_eu_27_is_one_click_and_comparators_stay_apart(page, site_url: str) -> None:
    open_compare(page, site_url, "j=DE,CH,US&t=status")
    page.click("button[data-group=eu_member]")
    page.wait_for_function("document.querySelectorAll('.ra-compare-table tbody tr').length === 27")
    codes = row_codes(page)
    assert "DE" in codes and "CH" not in codes and "US" not in codes and "NO" not in codes
    page.click("button[data-group=eea]")
    page.wait_for_function("document.querySelectorAll('.ra-compare-table tbody tr').length === 3")
    assert row_codes(page) == ["IS", "LI", "NO"]
    page.goto(f"{site_url}/available/")
    page.wait_for_selector("#ra-available[data-ready='1']")
    counted = sum(int(n) for n in re.findall(r"(\d+) ", page.inner_text("#ra-avail-status")))
    assert page.inner_text("#ra-avail-status").startswith("EU Member States:") and counted == 27
