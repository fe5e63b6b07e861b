"""The phone page's files: small, self-contained, and never inserting data as HTML."""

from __future__ import annotations

import re
from importlib import resources

FILES = ("index.html", "app.js", "app.css")


def read(name: str) -> str:
    return (resources.files("workshop") / "phone" / name).read_text(encoding="utf-8")


def test_total_size_within_16_kib() -> None:
    total = sum(len(read(name).encode("utf-8")) for name in FILES)
    assert total <= 16 * 1024, total


def test_no_external_request_of_any_kind() -> None:
    for name in FILES:
        text = read(name)
        assert not re.search(r"https?://", text), name
        assert "@import" not in text and "url(" not in text.replace("url(data:", ""), name


def test_html_basics() -> None:
    html = read("index.html")
    assert '<html lang="nl"' in html
    assert 'name="viewport"' in html
    assert "aria-live" in html
    assert re.search(r'<script src="/app.js"', html)
    assert "<script>" not in html and " style=" not in html  # the CSP allows neither


def test_script_never_writes_html() -> None:
    script = read("app.js")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script, sink
    assert "textContent" in script


def test_dark_mode_and_large_targets() -> None:
    css = read("app.css")
    assert "prefers-color-scheme: dark" in css
    assert re.search(r"min-height:\s*(4[89]|[5-9]\d)px", css)
