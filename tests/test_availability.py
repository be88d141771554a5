"""'Would the data still be there?' on fixture entries: each answer kind, the boundary day, unknowns."""

from __future__ import annotations

from pathlib import Path

import pytest

from atlas.availability import answer, parse_age, reason
from atlas.load import load_atlas
from support import TODAY, write_variant

RULING = "    affects: [xx-act-2020]\n"


def entry(tmp_path: Path, *replacements: tuple[str, str]):
    write_variant(tmp_path, *replacements)
    return load_atlas(tmp_path, today=TODAY).entries[0]


@pytest.mark.parametrize(
    "replacements, category, age, kind",
    [
        ((), "traffic", "P1M", "retained"),
        ((), "traffic", "P6M", "retained"),  # the boundary day itself: six months into a six-month period
        ((), "traffic", "P7M", "not_retained"),
        ((), "traffic", "P26W", "retained"),  # 182 days < six months on average
        ((), "traffic", "P190D", "not_retained"),
        ((("      value: in_force\n", "      value: declared_inapplicable\n"),), "traffic", "P1M", "not_applied"),
        ((("      value: in_force\n", "      value: declared_inapplicable\n"),), "traffic", "P7M", "not_retained"),
        ((("    modality: general\n", "    modality: targeted_geographic\n"),), "traffic", "P1M", "some_cases"),
        ((("    modality: general\n", "    modality: national_security_order\n"),), "traffic", "P1M", "some_cases"),
        ((), "location", "P1M", "unknown"),  # the entry gives no period for location data
        ((), "subscriber", "P1M", "unknown"),  # nothing recorded, and the entry does not say there is none
    ],
)
def test_answer_kinds(tmp_path: Path, replacements, category: str, age: str, kind: str) -> None:
    assert answer(entry(tmp_path, *replacements), category, age).kind == kind


def test_no_obligation_means_not_retained(tmp_path: Path) -> None:
    e = entry(tmp_path, ("  value: general_in_force\n", "  value: no_obligation\n"), ("      value: in_force\n", "      value: repealed\n"))
    a = answer(e, "traffic", "P1W")
    assert a.kind == "not_retained"
    assert reason(a) == "No retention obligation recorded for this data; the entry states there is none."


def test_answer_carries_period_authorisation_and_reason(tmp_path: Path) -> None:
    a = answer(entry(tmp_path), "traffic", "P4M")
    assert a.period == "P6M" and a.authorisation == "Court / judge"
    assert reason(a) == "General and indiscriminate obligation of 6 months from the communication; in force."
    assert {c.source.id for b in a.basis for c in b.sources} >= {"src-act"}


@pytest.mark.parametrize("text", ["4 months", "P", "PT5H", "-P1M"])
def test_bad_ages_are_refused_with_the_accepted_forms(text: str) -> None:
    with pytest.raises(ValueError, match="is not an age such as P4M, P120D, P10W or P1Y"):
        parse_age(text)
