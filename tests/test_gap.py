"""Drafting options against regimes: expected verdicts on fixture entries, published rules, bad option files."""

from __future__ import annotations

import shutil
from pathlib import Path

import markdown
import pytest

from atlas.errors import InvalidEntries
from atlas.gap import RULES, assess, load_options
from atlas.load import load_atlas
from atlas.option_pages import option_page
from support import FIXTURES, REPO, TODAY, write_variant

OPTION = FIXTURES / "options" / "strict.yaml"


def setup(tmp_path: Path, *replacements: tuple[str, str]):
    write_variant(tmp_path, *replacements)
    (tmp_path / "options").mkdir()
    shutil.copy(OPTION, tmp_path / "options" / "strict.yaml")
    atlas = load_atlas(tmp_path, today=TODAY)
    (option,) = load_options(tmp_path / "options", atlas)
    return atlas, option


def verdicts(atlas, option) -> dict[str, tuple[str, str]]:
    e = atlas.jurisdictions[0]
    return {
        f"{r.kind}{':' + r.category if r.category else ''}": (v.verdict, v.reason)
        for r, v in ((r, assess(e, r)) for r in option.requirements)
    }


def test_fixture_entry_against_every_requirement(tmp_path: Path) -> None:
    got = verdicts(*setup(tmp_path))
    assert got == {
        "max_retention:traffic": ("exceeds", "keeps up to 6 months; the option allows 3 months"),
        "min_retention:traffic": ("meets", "keeps 6 months"),
        "permitted_modalities": ("exceeds", "in force: General and indiscriminate"),
        "threshold": ("meets", "Penalty threshold"),
        "prior_authorisation": ("meets", "Court / judge"),
        "notification": ("cannot_tell", "not recorded"),
        "storage_in_eu": ("cannot_tell", "not recorded"),
    }


@pytest.mark.parametrize(
    "replacements, key, expected",
    [
        ((("        period: P6M\n", "        period: P2M\n"),), "max_retention:traffic", "meets"),
        ((("        period: P6M\n", "        period: P2M\n"),), "min_retention:traffic", "falls_short"),
        ((("        period: P6M\n", "        period: unknown\n"),), "max_retention:traffic", "cannot_tell"),
        ((("      value: in_force\n", "      value: declared_inapplicable\n"),), "max_retention:traffic", "meets"),
        ((("      value: in_force\n", "      value: declared_inapplicable\n"),), "min_retention:traffic", "falls_short"),
        ((("    modality: general\n", "    modality: targeted_geographic\n"),), "permitted_modalities", "meets"),
        ((("    modality: general\n", "    modality: targeted_geographic\n"),), "min_retention:traffic", "falls_short"),
        ((("      value: {type: min_penalty, min_penalty: P3Y}", "      value: {type: any_offence}"),), "threshold", "falls_short"),
        ((("      value: {body: court}", "      value: {body: prosecutor}"),), "prior_authorisation", "falls_short"),
        ((("      value: {body: court}", "      value: {body: unknown}"),), "prior_authorisation", "cannot_tell"),
    ],
)
def test_verdict_follows_the_national_value(tmp_path: Path, replacements, key: str, expected: str) -> None:
    assert verdicts(*setup(tmp_path, *replacements))[key][0] == expected


def test_option_page_publishes_rules_and_disclaimer(tmp_path: Path) -> None:
    atlas, option = setup(tmp_path)
    page = option_page(atlas, option)
    html = markdown.markdown(page, extensions=["tables", "footnotes", "admonition"])
    assert "Not a legal opinion" in html
    for kind in ("max_retention", "threshold", "storage_in_eu"):
        assert RULES[kind].replace("'", "&#x27;") in html or RULES[kind] in html
    assert "| Requirement" in page and "Would have to change" in page
    assert "[1/2021 \\(2021\\-03\\-01\\)](../jurisdictions/xx.md), para 1" in page


def test_option_must_rest_on_existing_records(tmp_path: Path) -> None:
    atlas, _ = setup(tmp_path)
    bad = OPTION.read_text(encoding="utf-8").replace('{entry: XX, id: xx-cc-2021, at: "para 1"}', "{entry: XX, id: xx-cc-2099}")
    bad = bad.replace("    modalities: [targeted_geographic, expedited_preservation]\n", "")
    (tmp_path / "options" / "strict.yaml").write_text(bad, encoding="utf-8")
    with pytest.raises(InvalidEntries) as exc:
        load_options(tmp_path / "options", atlas, root=tmp_path)
    assert [str(p) for p in exc.value.problems] == [
        "options/strict.yaml:14: requirements[2]: a permitted_modalities requirement needs 'modalities'",
        "options/strict.yaml:21: requirements[4].rests_on[0].id: entry XX has no record 'xx-cc-2099'",
    ]


def test_published_options_assess_the_real_entries() -> None:
    atlas = load_atlas(REPO / "entries", root=REPO)
    options = {o.id: o for o in load_options(REPO / "entries" / "options", atlas)}
    assert {"drd-baseline", "cjeu-limits", "preservation-only"} <= set(options)
    de = atlas.get("DE")
    prior = next(r for r in options["cjeu-limits"].requirements if r.kind == "prior_authorisation")
    assert assess(de, prior).verdict == "meets"  # a court authorises access in Germany
