"""``atlas``: validate entries, build the site, and answer questions in the terminal."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import availability
from . import schema as sch
from .entry_cache import CHECKED
from .errors import BuildFailed, InvalidEntries
from .load import load_atlas
from .model import Atlas
from .topics import OVERVIEW, TOPICS

# Commands import what only they need (site building, exports, tables) inside their functions,
# so that `atlas validate` starts fast.


ENTRIES = Path(__file__).resolve().parents[2] / "entries"


def _load(args: argparse.Namespace) -> Atlas:
    folder = Path(args.entries)
    # The project's own entries share build/cache with `atlas build`; other folders are checked afresh.
    own = not args.no_cache and folder.resolve() == ENTRIES.resolve()
    return load_atlas(folder, root=Path.cwd(), cache=ENTRIES.parent / CHECKED if own else None)


def cmd_validate(args: argparse.Namespace) -> int:
    atlas = _load(args)
    n = len(atlas.entries)
    print(f"{n} entr{'y' if n == 1 else 'ies'} valid ({', '.join(e.code for e in atlas.entries)})")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from .build import Layout, build_site, generate

    start = time.perf_counter()
    layout = Layout()
    if args.no_cache:
        layout.cache = layout.kept = None
    if args.pages_only:
        atlas = generate(layout)
        print(f"{len(atlas.entries)} entries → {layout.generated}")
    else:
        atlas = build_site(layout)
        print(f"site built in {time.perf_counter() - start:.1f}s from {len(atlas.entries)} entries → {layout.site}")
    return 0


GROUP_ALIASES = {"EU27": "eu_member"}


def _pick(atlas: Atlas, codes: list[str]) -> list:
    """Entries by code; a group name (eu_member, eea, third_country) or EU27 stands for all its members."""
    entries = []
    for code in codes:
        group = GROUP_ALIASES.get(code.upper(), code.lower())
        if group in sch.labels("jurisdiction.group") and group != "eu_level":
            members = atlas.members(group)
            if not members:
                raise SystemExit(f"atlas: no jurisdictions in group '{group}' yet")
            entries += [e for e in members if e not in entries]
            continue
        e = atlas.get(code)
        if e is None:
            known = ", ".join(x.code for x in atlas.entries)
            raise SystemExit(f"atlas: no entry for '{code}' (known: {known})")
        entries.append(e)
    return entries


def cmd_show(args: argparse.Namespace) -> int:
    from .tables import render, rows_by_jurisdiction

    atlas = _load(args)
    (e,) = _pick(atlas, [args.code])
    columns = [
        *OVERVIEW,
        *[c for t in ("retention", "access", "preservation") for c in TOPICS[t].columns if c.key not in {"traffic", "authorisation"}],
    ]
    headers, rows = rows_by_jurisdiction([e], columns)
    rows.append(["Last verified", e.last_verified])
    rows.append(["Verification", sch.label("verification", e.verification_summary)])
    print(render(headers, rows, args.format), end="")
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from .exports import citation
    from .markdown import PlainNotes
    from .tables import render, rows_by_jurisdiction

    atlas = _load(args)
    entries = _pick(atlas, args.codes)
    topics = args.topic or ["retention"]
    columns = [c for t in topics for c in TOPICS[t].columns]
    notes = PlainNotes() if args.format == "md" else None
    headers, rows = rows_by_jurisdiction(entries, columns, notes)
    print(render(headers, rows, args.format), end="")
    if notes is not None:  # ready to paste: sources and a citation line travel with the table
        print("\nSources:\n")
        print("\n".join(f"{line}  " for line in notes.definitions().splitlines()))
        print(
            f"\n{citation(atlas, 'comparison')} Values marked [secondary] rest on secondary sources only; [unverified] were not confirmed."
        )
    return 0


def cmd_available(args: argparse.Namespace) -> int:
    from .tables import render

    atlas = _load(args)
    try:
        age = availability.parse_age(args.age)
    except ValueError as exc:
        raise SystemExit(f"atlas: {exc}") from exc
    categories = [c.strip() for c in args.data.split(",") if c.strip()]
    unknown = [c for c in categories if c not in availability.CATEGORIES]
    if unknown:
        raise SystemExit(f"atlas: unknown data category {', '.join(unknown)} (use: {', '.join(availability.CATEGORIES)})")
    entries = _pick(atlas, args.j.split(",")) if args.j else list(atlas.jurisdictions)
    headers, rows = availability.table_rows(entries, categories, age)
    print(render(headers, rows, args.format), end="")
    if args.format != "csv":
        print(f"\nAge {age}; data as of {atlas.as_of}. Retention by law is an obligation, not proof that the data exist.")
    return 0


def cmd_assess(args: argparse.Namespace) -> int:
    from . import gap
    from .tables import render

    atlas = _load(args)
    options = {o.id: o for o in gap.load_options(Path(args.entries) / "options", atlas, root=Path.cwd())}
    option = options.get(Path(args.option).stem)
    if option is None:
        raise SystemExit(f"atlas: no option '{args.option}' (known: {', '.join(options)})")
    grid = gap.assess_all(atlas, option)
    headers = ["Code", "Jurisdiction", *[r.label for r in option.requirements]]
    rows = [
        [e.code, e.name_en, *[f"{gap.VERDICTS[v.verdict]}: {v.reason}" for v in verdicts]]
        for e, verdicts in zip(atlas.jurisdictions, grid, strict=True)
    ]
    print(render(headers, rows, args.format), end="")
    if args.format != "csv":
        counts = [[req.label, *[c[v] for v in gap.VERDICTS]] for req, c in gap.summary(atlas, option, grid)]
        print()
        print(render(["EU Member States", *gap.VERDICTS.values()], [[str(x) for x in row] for row in counts], args.format), end="")
        print(f"\n{option.title}. Data as of {atlas.as_of}. A mechanical comparison, not a legal opinion.")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .exports import DATASET_FILE, WORKBOOK_FILE, all_exports

    atlas = _load(args)
    files = all_exports(atlas)
    wanted = {"json": [DATASET_FILE], "xlsx": [WORKBOOK_FILE], "csv": [n for n in files if n.endswith(".csv")]}[args.format]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name in wanted:
        (out / name).write_bytes(files[name])
        print(out / name)
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    import datetime as dt

    from .scaffold import ScaffoldError, new_entry

    try:
        path = new_entry(args.code, Path(args.entries), dt.date.today(), args.group)
    except ScaffoldError as exc:
        raise SystemExit(f"atlas: {exc}") from exc
    print(f"{path}: written from the template; fill it in, then run atlas validate")
    return 0


def cmd_stale(args: argparse.Namespace) -> int:
    import datetime as dt

    from .stale import stale
    from .tables import render

    atlas = _load(args)
    today = dt.date.fromisoformat(args.today) if args.today else dt.date.today()
    found = stale(atlas, today, args.months)
    rows = [
        [
            s.code,
            s.last_verified,
            str(s.months),
            "yes" if s.entry_stale else "no",
            "; ".join(f"{src.id} ({src.accessed})" for src in s.sources) or "—",
        ]
        for s in found
    ]
    print(render(["Code", "Last verified", "Months ago", "Entry stale", "Sources to re-read (read on)"], rows, args.format), end="")
    print(f"\n{len(found)} of {len(atlas.entries)} entries need a look (limit {args.months} months, today {today}).")
    return 1 if found and args.fail else 0


def cmd_links(args: argparse.Namespace) -> int:
    from .links import check_links, load_allowlist
    from .tables import render

    atlas = _load(args)
    results = check_links(atlas, load_allowlist(Path(args.entries) / "_links-allowlist.yaml"), timeout=args.timeout)
    bad = [r for r in results if r.status not in ("ok", "skipped")]
    rows = [[r.status, r.url, r.detail, ", ".join(r.cited_by)] for r in results if r.status != "ok" or args.all]
    print(render(["Status", "Address", "Detail", "Cited by"], rows, args.format), end="")
    print(f"\n{len(results)} addresses checked: {len(results) - len(bad)} fine, {len(bad)} to look at.")
    return 1 if bad else 0


def cmd_fmt(args: argparse.Namespace) -> int:
    from .fmt import fmt_files
    from .load import entry_files

    paths = [Path(p) for p in args.files] or entry_files(Path(args.entries))
    try:
        changed = fmt_files(paths, check=args.check)
    except ValueError as exc:
        raise SystemExit(f"atlas: {exc}") from exc
    for path in changed:
        path = path.resolve().relative_to(Path.cwd()) if path.resolve().is_relative_to(Path.cwd()) else path
        print(f"{path}: {'not in canonical form (run atlas fmt)' if args.check else 'reformatted'}")
    if args.check and changed:
        return 1
    print(f"{len(paths)} file(s) checked, {len(changed)} {'to reformat' if args.check else 'reformatted'}")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="atlas", description=__doc__)
    p.add_argument("--entries", default=str(ENTRIES), help="folder of entry files (default: entries/)")
    p.add_argument("--no-cache", action="store_true", help="check every file afresh (ignore build/cache/)")
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="check every entry; print a one-line summary or every problem").set_defaults(func=cmd_validate)
    b = sub.add_parser("build", help="validate, generate pages and build the site into site/")
    b.add_argument("--pages-only", action="store_true", help="only write the generated pages to build/docs")
    b.set_defaults(func=cmd_build)
    fmt = {"choices": ["table", "md", "csv"], "default": "table", "help": "terminal table, Markdown to paste, or CSV"}
    s = sub.add_parser("show", help="one jurisdiction's key facts")
    s.add_argument("code")
    s.add_argument("--format", **fmt)
    s.set_defaults(func=cmd_show)
    c = sub.add_parser("compare", help="jurisdictions side by side on one or more topics")
    c.add_argument("codes", nargs="+", metavar="CODE", help="jurisdiction codes, or a group: EU27 (= eu_member), eea, third_country")
    c.add_argument("--topic", action="append", choices=list(TOPICS), help="topic to compare (repeatable; default retention)")
    c.add_argument("--format", **fmt)
    c.set_defaults(func=cmd_compare)
    av = sub.add_parser("available", help="would data of a given age still be retained, per jurisdiction?")
    av.add_argument("--data", default=",".join(availability.CATEGORIES), help="comma-separated: " + ", ".join(availability.CATEGORIES))
    av.add_argument("--age", required=True, help="age of the data as an ISO 8601 duration, e.g. P4M, P120D")
    av.add_argument("--j", help="comma-separated jurisdiction codes or groups (EU27, eea, third_country; default: all)")
    av.add_argument("--format", **fmt)
    av.set_defaults(func=cmd_available)
    a = sub.add_parser("assess", help="test a drafting option (entries/options/) against every regime")
    a.add_argument("option", help="option id or file, e.g. cjeu-limits")
    a.add_argument("--format", **fmt)
    a.set_defaults(func=cmd_assess)
    nw = sub.add_parser("new", help="start a new entry from the template (identity filled in from ISO 3166)")
    nw.add_argument("code", help="EU protocol code (EL, UK, DE…) or ISO 3166-2 subdivision (DE-BY)")
    nw.add_argument("--group", default="eu_member", choices=list(sch.labels("jurisdiction.group")))
    nw.set_defaults(func=cmd_new)
    st = sub.add_parser("stale", help="entries and sources not checked for longer than a limit")
    st.add_argument("--months", type=int, default=12)
    st.add_argument("--today", help="reference date YYYY-MM-DD (default: today)")
    st.add_argument("--fail", action="store_true", help="exit 1 when anything is stale")
    st.add_argument("--format", **fmt)
    st.set_defaults(func=cmd_stale)
    ln = sub.add_parser("links", help="check every source address (needs the network; opt-in)")
    ln.add_argument("--timeout", type=float, default=10.0)
    ln.add_argument("--all", action="store_true", help="list working addresses too")
    ln.add_argument("--format", **fmt)
    ln.set_defaults(func=cmd_links)
    fm = sub.add_parser("fmt", help="rewrite entries in the canonical layout (key order, period case), keeping comments")
    fm.add_argument("files", nargs="*", help="entry files (default: every entry)")
    fm.add_argument("--check", action="store_true", help="change nothing; exit 1 and name each file that is not canonical")
    fm.set_defaults(func=cmd_fmt)
    x = sub.add_parser("export", help="write open data files (JSON dataset, CSV per topic, XLSX workbook)")
    x.add_argument("--format", choices=["json", "csv", "xlsx"], required=True)
    x.add_argument("--out", default="build/data", help="folder to write into (default: build/data)")
    x.set_defaults(func=cmd_export)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except InvalidEntries as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) found; nothing was written", file=sys.stderr)
        return 1
    except BuildFailed as exc:
        print(f"atlas: the site build failed ({exc}); the previous site/ is unchanged", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
