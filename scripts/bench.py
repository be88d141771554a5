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
    print(f"{name:<60} {value:>10.1f} {unit:<3} target <= {target:g} {unit}  {'PASS' if ok else 'FAIL'}")
    return ok


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def compare_ready_ms() -> tuple[float, float] | None:
    """Median over 5 loads of (ms from navigation start, ms after the load event) until the compare
    view, with all jurisdictions and topics, is rendered and sortable (as stamped by compare.js)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(SITE)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/compare/?t=status,retention,access,preservation,courts"
    script = """() => { const t = performance.timing; const ready = +document.getElementById('ra-compare').dataset.readyMs;
                  return [ready, Math.max(0, ready - (t.loadEventEnd - t.navigationStart))]; }"""
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            samples = []
            for _ in range(5):
                page.goto(url)
                page.wait_for_selector("#ra-compare[data-ready='1']")
                page.wait_for_load_state("load")
                samples.append(page.evaluate(script))
            browser.close()
    finally:
        server.shutdown()
    mid = len(samples) // 2
    return sorted(s[0] for s in samples)[mid], sorted(s[1] for s in samples)[mid]


def main() -> int:
    ok = True
    ok &= report("atlas validate, every file checked afresh (best of 3)", timed([*ATLAS, "--no-cache", "validate"]), 0.5, "s")
    ok &= report("atlas validate, unchanged files from the cache (best of 3)", timed([*ATLAS, "validate"]), 0.5, "s")
    ok &= report("atlas build: validate + pages + mkdocs (best of 3)", timed([*ATLAS, "build"]), 30.0, "s")
    ok &= report(
        "compare page + compare.json + its JS", weight("compare/index.html", "data/compare.json", "assets/compare.js") / 1024, 400, "KB"
    )
    ok &= report("map page", weight("map/index.html") / 1024, 150, "KB")
    ready = compare_ready_ms()
    if ready is None:
        print("compare view readiness: playwright not installed (run make test first)")
    else:
        print(f"{'compare view interactive from navigation start (median of 5)':<60} {ready[0]:>8.1f} ms  (information)")
        ok &= report("compare view interactive after load (median of 5)", ready[1], 300, "ms")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
