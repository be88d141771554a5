"""`atlas links`: check every source address (opt-in: it needs the network; tests use loopback).

Sites that refuse automated requests are listed in ``entries/_links-allowlist.yaml`` with a reason;
their failures are reported as skipped, not as broken.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .model import Atlas

USER_AGENT = "RetentionAtlas-linkcheck/1 (+https://github.com/)"


@dataclass(frozen=True)
class LinkResult:
    url: str
    status: str  # ok | redirect | broken | timeout | skipped
    detail: str
    cited_by: tuple[str, ...]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None  # report redirects instead of following them silently


def load_allowlist(path: Path) -> dict[str, str]:
    """host → reason. Every suppression must say why."""
    if not path.exists():
        return {}
    from .yamlread import read_yaml

    doc, problems = read_yaml(path.read_text(encoding="utf-8"), str(path))
    if problems or doc is None or not isinstance(doc.data, dict):
        raise ValueError(f"{path}: must be a mapping of host: reason")
    for host, reason in doc.data.items():
        if not isinstance(reason, str) or not reason.strip():
            raise ValueError(f"{path}:{doc.line_of((host,))}: {host}: give the reason it is allowed to fail")
    return dict(doc.data)


def check_url(url: str, timeout: float) -> tuple[str, str]:
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(url, method="GET", headers={"User-Agent": USER_AGENT})
    try:
        with opener.open(request, timeout=timeout) as response:
            return "ok", str(response.status)
    except urllib.error.HTTPError as exc:
        if 300 <= exc.code < 400:
            return "redirect", f"{exc.code} → {exc.headers.get('Location', '?')}"
        return "broken", f"HTTP {exc.code}"
    except TimeoutError:
        return "timeout", f"no answer within {timeout:g} s"
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            return "timeout", f"no answer within {timeout:g} s"
        return "broken", str(exc.reason)
    except OSError as exc:
        return "broken", str(exc)


def check_links(atlas: Atlas, allowlist: dict[str, str], timeout: float = 10.0, workers: int = 8) -> list[LinkResult]:
    cited: dict[str, list[str]] = {}
    for e in atlas.entries:
        for s in e.sources:
            cited.setdefault(s.url, []).append(f"{e.code}:{s.id}")
    urls = sorted(cited)

    def one(url: str) -> LinkResult:
        status, detail = check_url(url, timeout)
        host = urlsplit(url).hostname or ""
        if status not in ("ok", "redirect") and host in allowlist:
            status, detail = "skipped", f"{detail}; allowed: {allowlist[host]}"
        return LinkResult(url, status, detail, tuple(cited[url]))

    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(one, urls))
