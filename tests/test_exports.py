"""Open data: files open with their own readers, round-trip the values, validate, and stay inert."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest

from atlas import schema as sch
from atlas.exports import all_exports, dataset
from atlas.load import load_atlas
from atlas.serialize import entry_data
from atlas.yamlread import read_yaml
from support import FIXTURES, TODAY

FORMULA = '=HYPERLINK("http://evil.example","x")'


@pytest.fixture
def atlas():
    return load_atlas(FIXTURES / "valid", today=TODAY)


def test_dataset_round_trips_the_entry(atlas) -> None:
    data = json.loads(all_exports(atlas)["retention-atlas.json"])
    raw, _ = read_yaml((FIXTURES / "valid" / "XX.yaml").read_text(encoding="utf-8"), "XX.yaml")
    assert data["entries"] == [raw.data]
    assert data["as_of"] == "2026-01-15" and data["version"] and data["schema_version"] == sch.version()
    sch.validate_dataset(data)


def test_model_round_trip_holds_for_every_published_entry() -> None:
    from support import REPO

    published = load_atlas(REPO / "entries", root=REPO)
    for e in published.entries:
        raw, _ = read_yaml((REPO / "entries" / f"{e.code}.yaml").read_text(encoding="utf-8"), e.code)
        expected = _without_empty(raw.data)
        for key in ("court_decisions", "events"):  # the model keeps these in date order
            if key in expected:
                expected[key] = sorted(expected[key], key=lambda r: r["date"])
        assert entry_data(e) == expected, e.code


def _without_empty(x):
    if isinstance(x, dict):
        return {k: _without_empty(v) for k, v in x.items() if v is not None and (v != [] or k == "sources")}
    if isinstance(x, list):
        return [_without_empty(v) for v in x]
    return x


def test_csv_opens_and_carries_values_and_sources(atlas) -> None:
    files = all_exports(atlas)
    rows = list(csv.DictReader(io.StringIO(files["retention.csv"].decode("utf-8"))))
    assert rows[0]["code"] == "XX"
    assert rows[0]["traffic"] == "6 months"
    assert rows[0]["traffic_sources"] == "src-act (§ 2)"
    assert rows[0]["location"] == "unknown" and rows[0]["location_verification"] == "unverified"
    sources = list(csv.DictReader(io.StringIO(files["sources.csv"].decode("utf-8"))))
    assert {s["id"] for s in sources} == {"src-act", "src-ruling"}


def test_workbook_has_topic_sheets_frozen_headers_and_readme(atlas) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(all_exports(atlas)["retention-atlas.xlsx"]))
    assert wb.sheetnames == ["README", "status", "retention", "access", "preservation", "courts", "sources"]
    ws = wb["retention"]
    assert ws.freeze_panes == "A2"
    assert ws["A1"].font.b and not ws["A2"].font.b  # a bold header row
    assert all(d.width <= 60 for d in ws.column_dimensions.values())
    header = [c.value for c in ws[1]]
    assert header[:4] == ["code", "jurisdiction", "group", "traffic"]
    assert ws.cell(row=2, column=4).value == "6 months"
    readme_text = " ".join(str(c.value) for row in wb["README"].iter_rows() for c in row if c.value)
    assert "Licence: CC BY 4.0" in readme_text and "traffic_sources" in readme_text


def test_formula_payload_stays_text(tmp_path: Path, valid_text: str) -> None:
    text = valid_text.replace('title: "Exemplian Data Retention Act"', f"title: '{FORMULA}'")
    (tmp_path / "XX.yaml").write_text(text, encoding="utf-8")
    files = all_exports(load_atlas(tmp_path, today=TODAY))
    sources = list(csv.reader(io.StringIO(files["sources.csv"].decode("utf-8"))))
    assert sources[1][2] == "'" + FORMULA
    ws = openpyxl.load_workbook(io.BytesIO(files["retention-atlas.xlsx"]))["sources"]
    cell = ws.cell(row=2, column=3)
    assert cell.value == FORMULA and cell.data_type == "s"


def test_exports_are_byte_identical_across_runs(atlas) -> None:
    assert all_exports(atlas) == all_exports(atlas)


def test_published_dataset_schema_rejects_a_broken_dataset(atlas) -> None:
    import jsonschema

    data = json.loads(all_exports(atlas)["retention-atlas.json"])
    data["entries"][0]["regime_status"]["value"] = "maybe"
    with pytest.raises(jsonschema.ValidationError):
        sch.validate_dataset(data)


@pytest.mark.parametrize(
    "definition, cls_name",
    [
        ("source", "Source"),
        ("instrument", "Instrument"),
        ("obligation", "Obligation"),
        ("categoryPeriod", "CategoryPeriod"),
        ("accessRegime", "AccessRegime"),
        ("courtDecision", "CourtDecision"),
        ("event", "Event"),
        ("bill", "Bill"),
        ("assessment", "Assessment"),
    ],
)
def test_model_has_a_field_for_every_schema_field(definition: str, cls_name: str) -> None:
    """A field added to the schema but not to the model would vanish from pages and exports."""
    import dataclasses

    from atlas import model

    props = set(sch.definition(definition).get("properties", {}))
    ref = sch.definition(definition).get("$ref")
    if ref:
        props |= set(sch.definition(ref.rsplit("/", 1)[-1])["properties"])
    fields = {f.name for f in dataclasses.fields(getattr(model, cls_name))}
    assert props - {"sources"} <= fields | {"sources"}
    assert props <= fields, props - fields


def test_streamed_dataset_is_the_dataset_as_one_json_document(atlas) -> None:
    text = all_exports(atlas)["retention-atlas.json"].decode("utf-8")
    assert text == json.dumps(dataset(atlas), ensure_ascii=False, separators=(",", ":")) + "\n"
    assert json.loads(text)["entries"][0]["jurisdiction"]["code"] == "XX"
