"""Pages for drafting options: the option, its published rules, the verdict grid and the summary."""

from __future__ import annotations

from .gap import RULES, VERDICTS, Option, assess_all, summary
from .markdown import Notes, esc, table
from .model import Atlas
from .pages import group_heading, group_jump, page_path

DISCLAIMER = (
    "A mechanical comparison of the data recorded in the atlas against the option, requirement by "
    "requirement, following the rules published below. It is not a legal opinion: read each verdict "
    "with its reason and sources."
)


def _basis_text(atlas: Atlas, basis: dict[str, str]) -> str:
    entry = atlas.get(basis["entry"])
    record = None
    if entry:
        for group in (entry.court_decisions, entry.instruments, entry.retention_obligations, entry.events):
            record = next((r for r in group if r.id == basis["id"]), record)
    name = getattr(record, "case_number", None) or getattr(record, "title", None) or basis["id"]
    if getattr(record, "name", None):
        name = f"{record.name}, {name}"
    if getattr(record, "date", None):
        name += f" ({record.date})"
    text = f"[{esc(name)}](../{page_path(entry)})" if entry else esc(name)
    return text + (f", {esc(basis['at'])}" if basis.get("at") else "")


def option_page(atlas: Atlas, option: Option) -> str:
    notes = Notes()
    grid = assess_all(atlas, option)
    out = [f"# {esc(option.title)}", "", esc(option.summary), "", '!!! warning "Not a legal opinion"', "", f"    {DISCLAIMER}", ""]
    rows = [
        [esc(r.label), esc(r.value_text), "; ".join(_basis_text(atlas, b) for b in r.rests_on) + (f". {esc(r.note)}" if r.note else "")]
        for r in option.requirements
    ]
    out += ["## What the option requires", "", table(["Requirement", "Option", "Rests on"], rows), ""]
    counts = [
        [esc(req.label), *[str(c[v]) for v in VERDICTS], str(c["exceeds"] + c["falls_short"])] for req, c in summary(atlas, option, grid)
    ]
    members = len(atlas.members("eu_member"))
    out += [
        "## Summary",
        "",
        f"EU Member States in the atlas: {members}. *Would have to change* counts those that exceed or fall short.",
        "",
        table(["Requirement", *VERDICTS.values(), "Would have to change"], counts),
        "",
    ]
    headers = ["Code", "Jurisdiction", *[r.label for r in option.requirements]]
    rows_by_code = {e.code: verdicts for e, verdicts in zip(atlas.jurisdictions, grid, strict=True)}
    out += ["## Verdicts by jurisdiction", "", group_jump(atlas)]
    for group, members in atlas.groups():
        body = [
            [
                esc(e.code),
                f"[{esc(e.name_en)}](../{page_path(e)})",
                *[f"**{esc(VERDICTS[v.verdict])}**: {esc(v.reason)}" + notes.cite(*v.basis) for v in rows_by_code[e.code]],
            ]
            for e in members
        ]
        out += [group_heading(group, members, "###"), "", table(headers, body), ""]
    kinds = list(dict.fromkeys(r.kind for r in option.requirements))
    out += [
        "## How each verdict is reached",
        "",
        "*Exceeds*: the national rule goes further than the option allows. *Falls short*: it lacks what the option "
        "requires. *Cannot tell*: the atlas has no or unknown data on the point.",
        "",
    ]
    out += [f"- **{esc(next(r.label.split(':')[0] for r in option.requirements if r.kind == k))}.** {esc(RULES[k])}" for k in kinds]
    defs = notes.definitions()
    return "\n".join(out) + ("\n\n" + defs + "\n" if defs else "\n")


def options_index(options: list[Option]) -> str:
    rows = [[f"[{esc(o.title)}]({o.id}.md)", esc(o.summary)] for o in options]
    return (
        "# Drafting options\n\nTest a draft rule against every national regime. "
        + esc(DISCLAIMER)
        + "\n\n"
        + table(["Option", "What it says"], rows)
        + "\n"
    )
