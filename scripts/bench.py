"""Benchmark: build and validation times, page weights, and compare-view readiness in Chromium.

Targets are checked here, never by timed assertions in tests. Run: make bench (after make test has
installed the browser tools). Prints one line per measure with its target and PASS/FAIL.
"""

from __future__ import annotations

import functools
import subprocess
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "site"
ATLAS = [sys.executable, "-m", "atlas.cli"]


def timed(cmd: list[str], runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def weight(*paths: str) -> int:
    return sum((SITE / p).stat().st_size for p in paths)


def report(name: str, value: float, target: float, unit: str) -> bool:
    ok = value <= target
    print(f"{name:<48} {value:>10.1f} {unit:<3} target <= {target:g} {unit}  {'PASS' if ok else 'FAIL'}")
    return ok


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def compare_ready_ms() -> float | None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(SITE)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/compare/?t=status,retention,access,preservation,courts"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            times = []
            for _ in range(5):
                page.goto(url)
                page.wait_for_selector("#ra-compare[data-ready='1']")
                # from navigation start (stricter than "after load") to a rendered, sortable table
                # with all jurisdictions and all topics, as stamped by compare.js itself
                times.append(float(page.get_attribute("#ra-compare", "data-ready-ms")))
            browser.close()
            return sorted(times)[len(times) // 2]
    finally:
        server.shutdown()


def main() -> int:
    ok = True
    ok &= report("atlas validate (best of 3)", timed([*ATLAS, "validate"]), 2.0, "s")
    ok &= report("atlas build: validate + pages + mkdocs (best of 3)", timed([*ATLAS, "build"]), 30.0, "s")
    ok &= report(
        "compare page + compare.json + its JS", weight("compare/index.html", "data/compare.json", "assets/compare.js") / 1024, 400, "KB"
    )
    ok &= report("map page", weight("map/index.html") / 1024, 150, "KB")
    ready = compare_ready_ms()
    if ready is None:
        print("compare view readiness: playwright not installed (run make test first)")
    else:
        ok &= report("compare view interactive from navigation (median of 5)", ready, 300, "ms")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
