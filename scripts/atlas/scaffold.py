"""`atlas new XX`: a new entry from the template, with the identity filled in from ISO 3166."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .validate import EU_CODES

TEMPLATE = Path(__file__).resolve().parents[2] / "entries" / "_template.yaml"


class ScaffoldError(ValueError):
    """Raised by ``new_entry`` for a code that is not a country, or an entry that already exists."""


def identity(code: str) -> dict[str, str]:
    """Codes and English name for an EU protocol code (EL, UK, DE…) or an ISO 3166-2 subdivision (DE-BY)."""
    import pycountry

    code = code.upper()
    country, _, sub = code.partition("-")
    iso = EU_CODES.get(country, country)
    record = pycountry.countries.get(alpha_2=iso)
    if record is None:
        raise ScaffoldError(f"'{country}' is not an ISO 3166-1 alpha-2 country code (use EL for Greece, UK for the United Kingdom)")
    name = getattr(record, "common_name", None) or record.name
    if sub:
        division = pycountry.subdivisions.get(code=f"{iso}-{sub}")
        if division is None:
            raise ScaffoldError(f"'{iso}-{sub}' is not an ISO 3166-2 subdivision code")
        name = division.name
    return {"code": code, "iso3166_1": iso, "name_en": name}


def new_entry(code: str, entries: Path, today: dt.date, group: str = "eu_member") -> Path:
    """Write ``entries/<CODE>.yaml`` from the template; refuse to overwrite."""
    ident = identity(code)
    target = entries / f"{ident['code']}.yaml"
    if target.exists():
        raise ScaffoldError(f"{target} already exists; edit it instead")
    text = TEMPLATE.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^  code: XX(\s)", f"  code: {ident['code']}\\1", text, count=1)
    text = re.sub(r"(?m)^  iso3166_1: XX(\s)", f"  iso3166_1: {ident['iso3166_1']}\\1", text, count=1)
    text = re.sub(r"(?m)^  name_en: Example$", f"  name_en: {ident['name_en']}", text, count=1)
    text = re.sub(r"(?m)^  name_native: Exemplia$", "  name_native: …  # the name in the official language", text, count=1)
    text = re.sub(r"(?m)^  group: eu_member(\s)", f"  group: {group}\\1", text, count=1)
    text = text.replace("2026-11-29", today.isoformat())
    target.write_text(text, encoding="utf-8")
    return target
