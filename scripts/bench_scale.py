"""Scaling benchmark: synthetic knowledge bases of N jurisdictions built from the real entries.

For each size, in a fresh process (so peak memory is that size's own): the floor (parsing the same
YAML with the C loader and nothing else), load + validate, our generation of pages, data files and
feeds, the mkdocs build, peak memory and site size. Run: `python scripts/bench_scale.py 100 1000 5000`
(`--no-mkdocs-above N` skips the mkdocs step for larger sets). Prints a Markdown table for the README.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_project(n: int, dest: Path) -> None:
    """N entries cloned from the real ones under user-assigned sub-national codes XA-0001…"""
    (dest / "entries").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", dest / "docs")
    (dest / "scripts").symlink_to(ROOT / "scripts")
    real = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "entries").glob("[A-Z][A-Z].yaml")) if p.stem != "EU"]
    for i in range(n):
        code = f"XA-{i + 1:04d}"
        text = real[i % len(real)]
        text = re.sub(r"(?m)^  code: \S+", f"  code: {code}", text, count=1)
        text = re.sub(r"(?m)^  iso3166_1: \S+", "  iso3166_1: XA", text, count=1)
        text = re.sub(r"(?m)^  group: \S+", "  group: third_country", text, count=1)
        text = re.sub(r"(?m)^  name_en: .*$", f"  name_en: Synthetic {i + 1}", text, count=1)
        (dest / "entries" / f"{code}.yaml").write_text(text, encoding="utf-8")


def measure(project: Path, with_mkdocs: bool) -> dict[str, float]:
    import yaml

    from atlas.build import Layout, build_site, generated_files
    from atlas.gap import load_options
    from atlas.load import load_atlas

    layout = Layout(project)
    out: dict[str, float] = {}
    start = time.perf_counter()
    for p in sorted(layout.entries.glob("*.yaml")):
        yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    out["floor_s"] = time.perf_counter() - start
    start = time.perf_counter()
    atlas = load_atlas(layout.entries, root=project)
    out["validate_s"] = time.perf_counter() - start
    start = time.perf_counter()
    files = generated_files(atlas, load_options(layout.entries / "options", atlas))
    out["generate_s"] = time.perf_counter() - start
    out["generated_mb"] = sum(len(v) for v in files.values()) / 1e6
    if with_mkdocs:
        start = time.perf_counter()
        build_site(layout)
        out["mkdocs_s"] = time.perf_counter() - start - out["validate_s"] - out["generate_s"]
        out["site_mb"] = sum(f.stat().st_size for f in layout.site.rglob("*") if f.is_file()) / 1e6
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000, 5000])
    parser.add_argument("--no-mkdocs-above", type=int, default=10**9)
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)  # internal: measure one project in this process
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(Path(args.one[0]), args.one[1] == "1")))
        return 0
    print(
        "| jurisdictions | YAML parse floor | load + validate | × floor | generate | mkdocs build | generate / mkdocs "
        "| peak memory | site size |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            make_project(n, Path(tmp))
            with_mkdocs = n <= args.no_mkdocs_above
            run = subprocess.run(
                [sys.executable, __file__, "--one", tmp, "1" if with_mkdocs else "0"], capture_output=True, text=True, check=True
            )
            r = json.loads(run.stdout.strip().splitlines()[-1])
        mk = f"{r['mkdocs_s']:.1f} s" if "mkdocs_s" in r else "skipped"
        ratio = f"{100 * r['generate_s'] / r['mkdocs_s']:.0f} %" if "mkdocs_s" in r else "—"
        site = f"{r['site_mb']:.0f} MB" if "site_mb" in r else "—"
        print(
            f"| {n} | {r['floor_s']:.2f} s | {r['validate_s']:.2f} s | {r['validate_s'] / r['floor_s']:.1f} | "
            f"{r['generate_s']:.2f} s | {mk} | {ratio} | {r['peak_mb']:.0f} MB | {site} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
