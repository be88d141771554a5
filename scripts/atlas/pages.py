"""Markdown pages from the model: pure functions, no file access."""

from __future__ import annotations

from collections.abc import Iterable

from . import __version__, periods
from . import schema as sch
from .markdown import Notes, cell, esc, link, one_page, sort_key, source_line, table
from .model import AccessRegime, Atlas, Entry, Obligation
from .topics import NOT_RECORDED, OVERVIEW, TOPICS, Topic, lower_first

LEGEND = (
    "**How to read the cells.** Numbers in brackets are source footnotes. "
    '<span class="ra-flag ra-secondary">secondary source</span> marks a value confirmed only in a secondary source; '
    '<span class="ra-flag ra-unverified">unverified</span> marks a value we could not confirm. '
    f'"{NOT_RECORDED}" means the atlas holds no data on the point yet; it does not mean "none".'
)

CONCERN = {"general_not_applied", "unknown"}


def page_path(entry: Entry) -> str:
    """Where an entry's page lives, relative to the docs folder."""
    return "eu.md" if entry.group == "eu_level" else f"jurisdictions/{entry.slug}.md"


def page_url(entry: Entry) -> str:
    """The same page's address relative to the site root (directory URLs), for raw HTML and feeds."""
    return page_path(entry).removesuffix(".md") + "/"


def _rel(from_page: str, entry: Entry) -> str:
    depth = from_page.count("/")
    return "../" * depth + page_path(entry)


def _name_link(e: Entry, from_page: str) -> str:
    return f"[{esc(e.name_en)}]({_rel(from_page, e)})"


def _date(d: str | None) -> str:
    return esc(d) if d else "—"


def _footer(notes: Notes) -> str:
    defs = notes.definitions()
    return f"\n\n{defs}\n" if defs else "\n"


# ---- overview and topic matrices -----------------------------------------------------------


def _matrix(entries: Iterable[Entry], columns, page: str, notes: Notes, with_verification: bool = False) -> str:
    headers = ["Code", "Jurisdiction", *[c.label for c in columns]]
    if with_verification:
        headers.append("Verification")
    rows = []
    for e in entries:
        row = [
            sort_key(e.code) + esc(e.code),
            sort_key(e.name_en) + _name_link(e, page),
            *[cell(c.cell(e), notes, sortable=True) for c in columns],
        ]
        if with_verification:
            row.append(verification_breakdown(e))
        rows.append(row)
    return table(headers, rows)


def verification_breakdown(e: Entry) -> str:
    """How many of the entry's values are verified how, e.g. "40 primary, 12 secondary, 3 unverified"."""
    counts = e.verification_counts
    return ", ".join(f"{n} {'primary text' if k == 'primary' else k}" for k, n in counts.items() if n)


def group_anchor(group: str) -> str:
    return "group-" + group.replace("_", "-")


def group_heading(group: str, members: tuple[Entry, ...], level: str = "##") -> str:
    """Section heading of one group, with a stable anchor that the jump line and other pages link to."""
    return f"{level} {esc(sch.heading('jurisdiction.group', group))} ({len(members)}) {{#{group_anchor(group)}}}"


def group_jump(atlas: Atlas) -> str:
    """ "Jump to" line over the group sections, so the EU-27 table is one click away; empty with one group."""
    groups = atlas.groups()
    if len(groups) < 2:
        return ""
    links = [f"[{esc(sch.heading('jurisdiction.group', g))} ({len(m)})](#{group_anchor(g)})" for g, m in groups]
    return "Jump to: " + " · ".join(links) + ". EU figures count EU Member States only; comparators are shown apart.\n"


def home_page(atlas: Atlas) -> str:
    notes = Notes()
    parts = [
        "# Retention Atlas",
        "",
        "How European jurisdictions make telecom providers retain communications metadata, and who may "
        "access it, under which conditions. Every cell links to the source it rests on.",
        "",
        f"Data as of **{esc(atlas.as_of)}** (the newest verification date of any entry). "
        + ", ".join(f"{len(m)} {esc(lower_first(sch.heading('jurisdiction.group', g)))}" for g, m in atlas.groups())
        + ". "
        + ("EU-level instruments and case law: [EU level](eu.md). " if any(e.group == "eu_level" for e in atlas.entries) else "")
        + "Topic tables: "
        + ", ".join(f"[{esc(t.title)}](topics/{t.key}.md)" for t in TOPICS.values())
        + ".",
        "",
        LEGEND,
        "",
    ]
    parts += [group_jump(atlas)]
    for group, members in atlas.groups():
        parts += [group_heading(group, members), "", _matrix(members, OVERVIEW, "index.md", notes, with_verification=True), ""]
    return "\n".join(parts) + _footer(notes)


def topic_page(atlas: Atlas, topic: Topic) -> str:
    notes = Notes()
    page = f"topics/{topic.key}.md"
    parts = [f"# {esc(topic.title)}", "", esc(topic.description), "", LEGEND, "", group_jump(atlas)]
    for group, members in atlas.groups():
        parts += [group_heading(group, members), "", _matrix(members, topic.columns, page, notes), ""]
    parts += [
        "## Cite this table",
        "",
        f"Retention Atlas (version {__version__}), *{esc(topic.title)}*, data as of {esc(atlas.as_of)}, `topics/{topic.key}/`.",
        "",
    ]
    return "\n".join(parts) + _footer(notes)


def topics_index(atlas: Atlas) -> str:
    rows = [[f"[{esc(t.title)}]({t.key}.md)", esc(t.description)] for t in TOPICS.values()]
    return "# Topics\n\n" + table(["Topic", "What it compares"], rows) + "\n"


def jurisdictions_index(atlas: Atlas) -> str:
    parts = ["# Jurisdictions", "", group_jump(atlas)]
    for group, members in atlas.groups():
        rows = [
            [
                esc(e.code),
                f"[{esc(e.name_en)}]({e.slug}.md)",
                esc(e.name_native),
                esc(sch.label("regimeStatusValue", e.regime_status.value)),
                esc(e.last_verified),
            ]
            for e in members
        ]
        parts += [group_heading(group, members), "", table(["Code", "Name", "Native name", "Regime status", "Last verified"], rows), ""]
    return "\n".join(parts) + "\n"


# ---- one jurisdiction --------------------------------------------------------------------


def _obligation_section(ob: Obligation, notes: Notes) -> list[str]:
    title = sch.label("modality", ob.modality)
    if ob.instrument:
        title += f": {ob.instrument.title_en or ob.instrument.title}"
    out = [f"### {esc(title)}", ""]
    facts = [["Status", esc(sch.label("lifecycle", ob.lifecycle.value)) + notes.cite(ob.lifecycle)]]
    if ob.provisions:
        facts.append(["Provisions", esc(ob.provisions)])
    if ob.valid_from or ob.valid_to:
        facts.append(["Valid", f"{_date(ob.valid_from)} to {_date(ob.valid_to) if ob.valid_to else 'today'}"])
    if ob.purposes:
        facts.append(["Purposes", esc(", ".join(sch.label("purpose", p) for p in ob.purposes.value)) + notes.cite(ob.purposes)])
    for key, label in (
        ("providers", "Providers in scope"),
        ("targeting", "Targeting criteria"),
        ("order_approval", "Approval of orders"),
        ("excluded_data", "Data excluded"),
    ):
        value = getattr(ob, key)
        if value is not None:
            facts.append([label, esc(value.value) + notes.cite(value)])
    if ob.storage_location is not None:
        facts.append(
            ["Where data must be stored", esc(sch.label("storageLocation", ob.storage_location.value)) + notes.cite(ob.storage_location)]
        )
    if ob.note:
        facts.append(["Note", esc(ob.note)])
    out += [table(["Aspect", "Details"], facts), ""]
    rows = []
    for c in ob.data_categories:
        period = esc(periods.words(c.period)) if c.period != "unknown" else "**unknown**"
        if c.period_min:
            period = f"{esc(periods.words(c.period_min))} to {period}"
        rows.append(
            [
                esc(sch.label("dataCategory", c.category)),
                period + (f" (`{c.period}`)" if c.period != "unknown" else ""),
                esc(c.period_as_written) if c.period_as_written else "—",
                esc(sch.label("periodStart", c.period_start)) if c.period_start else "—",
                notes.cite(c) or "—",
            ]
        )
    out += [table(["Data category", "Period", "As written", "Counted", "Sources"], rows), ""]
    return out


def _access_section(ar: AccessRegime, notes: Notes) -> list[str]:
    cats = ", ".join(sch.label("dataCategory", c) for c in ar.data_categories)
    out = [f"### {esc(ar.title or cats)}", ""]
    auth = ", ".join(
        esc(a.get("name") or sch.label("authorityType", a["type"]))
        + (f" ({esc(sch.label('authorityType', a['type']))})" if a.get("name") else "")
        for a in ar.authorities.value
    )
    th = ar.threshold.value
    th_text = esc(sch.label("thresholdType", th["type"]))
    if th.get("min_penalty"):
        th_text += f" ({esc(periods.words(th['min_penalty']))})"
    if th.get("text"):
        th_text += f": {esc(th['text'])}"
    pa = ar.prior_authorisation.value
    rows = [
        ["Data categories", esc(cats)],
        ["Authorities", auth + notes.cite(ar.authorities)],
        ["Offence threshold", th_text + notes.cite(ar.threshold)],
        [
            "Prior authorisation",
            esc(sch.label("authorisationBody", pa["body"]))
            + (f": {esc(pa['text'])}" if pa.get("text") else "")
            + notes.cite(ar.prior_authorisation),
        ],
    ]
    for label, value, key in (
        ("Urgency exception", ar.urgency, "exists"),
        ("Notification of the person concerned", ar.notification, "required"),
    ):
        if value is None:
            rows.append([label, NOT_RECORDED])
        else:
            v = value.value
            rows.append([label, esc(sch.label("triState", v[key])) + (f": {esc(v['text'])}" if v.get("text") else "") + notes.cite(value)])
    if ar.note:
        rows.append(["Note", esc(ar.note)])
    return out + [table(["Aspect", "Details"], rows), ""]


def _status_banner(e: Entry) -> list[str]:
    rs = e.regime_status
    kind = "warning" if rs.value in CONCERN else "info"
    text = f"**{esc(sch.label('regimeStatusValue', rs.value))}** (as of {esc(rs.as_of)})"
    if rs.note:
        text += f". {esc(rs.note)}"
    return [f'!!! {kind} "Regime status"', "", f"    {text}"]


def entry_page(e: Entry) -> str:
    with one_page():
        return _entry_page(e)


def _entry_page(e: Entry) -> str:
    notes = Notes()
    page = page_path(e)
    name = f"{esc(e.name_en)} ({esc(e.code)})" if e.group != "eu_level" else esc(e.name_en)
    meta = [
        esc(sch.label("jurisdiction.group", e.group)),
        f"native name: {esc(e.name_native)}",
        f"last verified: **{esc(e.last_verified)}**",
        f"values verified: {verification_breakdown(e)}",
    ]
    out = [f"# {name}", "", " · ".join(meta), ""]
    status_line = _status_banner(e)
    out += status_line
    out[-1] += notes.cite(e.regime_status)
    if e.group != "eu_level":
        facts = [[esc(c.label), cell(c.cell(e), notes)] for c in OVERVIEW[:-1]]
        for t in ("retention", "access", "preservation"):
            for c in TOPICS[t].columns:
                if c.key not in {"traffic", "authorisation"}:
                    facts.append([esc(c.label), cell(c.cell(e), notes)])
        out += ["", "## Key facts", "", table(["Question", "Answer"], facts), ""]
    out += ["", "## Summary", "", esc(e.summary.value) + notes.cite(e.summary), ""]
    if e.group != "eu_level":
        out += _scenario_section(e)
    if e.retention_obligations:
        out += ["## Retention obligations", ""]
        for ob in e.retention_obligations:
            out += _obligation_section(ob, notes)
    if e.access_regimes:
        out += ["## Access to retained data", ""]
        for ar in e.access_regimes:
            out += _access_section(ar, notes)
    if e.preservation:
        v = e.preservation.value
        rows = [["Exists", esc(sch.label("triState", v["exists"])) + notes.cite(e.preservation)]]
        if v.get("issuing_authority"):
            rows.append(["Ordered by", esc(v["issuing_authority"])])
        if v.get("max_duration"):
            rows.append(["Maximum duration", esc(periods.words(v["max_duration"]))])
        if v.get("text"):
            rows.append(["Details", esc(v["text"])])
        out += ["## Preservation (quick freeze)", "", table(["Aspect", "Details"], rows), ""]
    if e.court_decisions:
        rows = []
        for cd in e.court_decisions:
            ident = " ".join(f"`{x}`" for x in (cd.ecli, cd.celex) if x) or "—"
            name = esc(cd.name) + "<br>" if cd.name else ""
            rows.append(
                [
                    esc(cd.date),
                    link(cd.court, cd.url) + (f"<br>{esc(cd.formation)}" if cd.formation else ""),
                    name + esc(cd.case_number or "—"),
                    ident,
                    esc(sch.label("courtDecision.outcome", cd.outcome)),
                    esc(cd.summary) + notes.cite(cd),
                ]
            )
        out += ["## Court decisions", "", table(["Date", "Court", "Case", "ECLI / CELEX", "Outcome", "Holding"], rows), ""]
    if e.events:
        rows = [[esc(ev.date), esc(sch.label("event.kind", ev.kind)), esc(ev.title) + notes.cite(ev)] for ev in e.events]
        out += ["## Timeline", "", table(["Date", "Event", "What happened"], rows), ""]
    out += ["## Pending legislation", ""]
    if e.pending_legislation:
        rows = [
            [link(b.title, b.url), esc(sch.label("bill.stage", b.stage)), _date(b.date), esc(b.summary) + notes.cite(b)]
            for b in e.pending_legislation
        ]
        out += [table(["Bill", "Stage", "Date", "What it would do"], rows), ""]
    else:
        out += ["None recorded.", ""]
    if e.assessments:
        rows = [[esc(a.by), esc(a.date), esc(a.verdict) + notes.cite(a)] for a in e.assessments]
        out += [
            "## Third-party assessments",
            "",
            "Verdicts of others, attributed to them; they are not findings of the Retention Atlas.",
            "",
            table(["By", "Date", "Their assessment"], rows),
            "",
        ]
    if e.instruments:
        rows = []
        for i in e.instruments:
            ident = i.eli or i.celex
            rows.append(
                [
                    link(i.title, i.url) + (f"<br>{esc(i.title_en)}" if i.title_en else ""),
                    esc(sch.label("instrument.kind", i.kind)),
                    esc(i.citation or "—") + (f"<br>`{ident}`" if ident else ""),
                    _date(i.adopted),
                    _date(i.in_force_from)
                    + (f"<br>applies from {esc(i.applies_from)}" if i.applies_from else "")
                    + (f"<br>transpose by {esc(i.transposition_deadline)}" if i.transposition_deadline else ""),
                    esc(sch.label("instrument.status", i.status)) + notes.cite(i),
                ]
            )
        out += [
            "## Legal instruments",
            "",
            table(["Instrument", "Kind", "Official citation", "Adopted", "In force from", "Status"], rows),
            "",
        ]
    src_rows = [[f"`{esc(s.id)}`", source_line(s), esc(sch.label("source.kind", s.kind)), esc(s.language)] for s in e.sources]
    out += ["## Sources", "", table(["Id", "Source", "Kind", "Language"], src_rows), ""]
    out += [
        "## Cite this page",
        "",
        f"Retention Atlas (version {__version__}), *{esc(e.name_en)}*, last verified {esc(e.last_verified)}, "
        f"`{page.removesuffix('.md')}/`.",
        "",
        f'Follow changes to this entry: <a href="{"../" * page_url(e).count("/")}changes/{e.code.lower()}.xml">Atom feed</a>.',
        "",
    ]
    return "\n".join(out) + _footer(notes)


def definitions_page() -> str:
    """Every controlled value with its label, straight from the schema."""
    out = [
        "# Definitions",
        "",
        "The controlled vocabularies used in every entry, taken from the [entry schema](schema/entry.schema.json).",
        "",
    ]
    named = {
        "regimeStatusValue": "Regime status",
        "verification": "Verification",
        "modality": "Modality of retention",
        "lifecycle": "Lifecycle of an obligation",
        "dataCategory": "Data category",
        "purpose": "Purpose",
        "authorityType": "Authority",
        "thresholdType": "Offence threshold",
        "authorisationBody": "Prior authorisation body",
        "periodStart": "Period counted",
    }
    for key, title in named.items():
        d = sch.definition(key)
        rows = [[f"`{v}`", esc(text)] for v, text in sch.labels(key).items()]
        out += [f"## {esc(title)}", ""]
        if d.get("description"):
            out += [esc(d["description"]), ""]
        out += [table(["Value", "Label"], rows), ""]
    return "\n".join(out)


def _field_rows(props: dict, required: set[str]) -> list[list[str]]:
    rows = []
    for name, spec in props.items():
        target = spec
        while "$ref" in target and "enum" not in target and "description" not in target:
            target = sch.resolve(target["$ref"], sch.schema())
        kind = ""
        if "enum" in target:
            kind = ", ".join(f"`{v}`" for v in target["enum"])
        elif target.get("x-hint"):
            kind = esc(target["x-hint"])
        elif spec.get("$ref", "").endswith(("cited", "citedText", "citedTriState")) or target.get("required") == [
            "value",
            "sources",
            "verification",
        ]:
            kind = "cited value: `value`, `sources`, `verification`, `note`"
        elif target.get("type") == "array":
            kind = "list"
        text = spec.get("description") or target.get("description") or spec.get("title") or ""
        rows.append([f"`{name}`" + (" (required)" if name in required else ""), kind, esc(text)])
    return rows


def field_guide_page() -> str:
    """Every field of an entry, from the schema itself: the reference for editors (see CONTRIBUTING.md)."""
    root = sch.schema()
    out = [
        "# Field guide",
        "",
        "Every field an entry may have, taken from the [entry schema](schema/entry.schema.json) "
        "at build time, so it is never out of date. `entries/_template.yaml` shows each in place.",
        "",
        "## Top level",
        "",
        table(["Field", "Values", "Meaning"], _field_rows(root["properties"], set(root["required"]))),
        "",
    ]
    for name, definition in root["$defs"].items():
        props = dict(definition.get("properties", {}))
        if not props or name in {"record", "citation"} or name.startswith("cited"):
            continue
        base = definition.get("$ref")
        required = set(definition.get("required", []))
        if base:
            base_def = sch.resolve(base, root)
            props = {**base_def.get("properties", {}), **props}
            required |= set(base_def.get("required", []))
        out += [f"## {esc(name)}", "", table(["Field", "Values", "Meaning"], _field_rows(props, required)), ""]
    return "\n".join(out)


def overview_pages(atlas: Atlas) -> dict[str, str]:
    """The pages about all jurisdictions at once, by path relative to the docs folder."""
    pages = {
        "index.md": home_page(atlas),
        "topics/index.md": topics_index(atlas),
        "jurisdictions/index.md": jurisdictions_index(atlas),
        "definitions.md": definitions_page(),
        "field-guide.md": field_guide_page(),
    }
    for t in TOPICS.values():
        pages[f"topics/{t.key}.md"] = topic_page(atlas, t)
    return pages


def all_pages(atlas: Atlas) -> dict[str, str]:
    """Every generated page, by path relative to the docs folder."""
    return overview_pages(atlas) | {page_path(e): entry_page(e) for e in atlas.entries}


def data_page(atlas: Atlas) -> str:
    """The /data/ page: what each published file holds and what each column means."""
    from .exports import DATASET_FILE, LICENCE, SOURCE_COLUMNS, WORKBOOK_FILE, citation, topic_columns

    out = [
        "# Open data",
        "",
        f"Data as of **{esc(atlas.as_of)}**. Licence: {esc(LICENCE)}.",
        "",
        f"Cite as: *{esc(citation(atlas))}*",
        "",
        "| File | What it holds |",
        "| --- | --- |",
        f"| [{DATASET_FILE}]({DATASET_FILE}) | every entry in full, in the shape of the "
        "[entry schema](entry.schema.json); the whole file follows the [dataset schema](dataset.schema.json) |",
        f"| [{WORKBOOK_FILE}]({WORKBOOK_FILE}) | one sheet per topic, a sources sheet and a README sheet |",
    ]
    out += [f"| [{key}.csv]({key}.csv) | {esc(t.title)}: one row per jurisdiction |" for key, t in TOPICS.items()]
    out += [
        "| [sources.csv](sources.csv) | every source of every entry |",
        "",
        "Files are UTF-8. Text that a spreadsheet could read as a formula (starting with =, +, -, @) is "
        "prefixed with an apostrophe in CSV and stored as text in XLSX.",
        "",
    ]
    for key, t in TOPICS.items():
        out += [f"## {esc(key)}.csv", "", table(["Column", "Meaning"], [[f"`{c}`", esc(m)] for c, m in topic_columns(t)]), ""]
    out += ["## sources.csv", "", table(["Column", "Meaning"], [[f"`{c}`", esc(m)] for c, m in SOURCE_COLUMNS]), ""]
    return "\n".join(out)


def _scenario_section(e: Entry) -> list[str]:
    """What an investigator abroad can still obtain after a week, a month, … (see the /available/ page)."""
    from .availability import CATEGORIES, SCENARIO_AGES, answer_text, answers, authorisation_text

    headers = ["Age of the data", *[CATEGORIES[c][0] for c in CATEGORIES]]
    by_category = [answers(e, c, [age for _, age in SCENARIO_AGES]) for c in CATEGORIES]
    rows = [[esc(label), *[esc(answer_text(found[i])) for found in by_category]] for i, (label, _) in enumerate(SCENARIO_AGES)]
    first = [found[0] for found in by_category]  # who authorises and preservation do not depend on the age
    return [
        "## Scenario: would the data still be there?",
        "",
        "What the law makes providers keep, by age of the data. Retention by law is an obligation, not proof "
        "that the data exist. [Try other ages and compare jurisdictions](../available.md).",
        "",
        table(headers, rows),
        "",
        f"Prior authorisation: {esc(authorisation_text(first))}. Preservation (quick freeze): {esc(first[0].preservation)}.",
        "",
    ]
