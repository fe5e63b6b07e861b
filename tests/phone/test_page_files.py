"""The phone page's files: small, self-contained, and never inserting data as HTML."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from workshop.hub.static import load_files, phone_texts
from workshop.i18n import CATALOGUES

FILES = ("index.html", "app.js", "app.css")


def read(name: str) -> str:
    return (resources.files("workshop") / "phone" / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("language", sorted(CATALOGUES))
def test_served_page_and_assets_within_8_kib_of_gzip(language: str) -> None:
    """As the hub sends them: the page with its texts filled in, the script and the style,
    gzip-compressed (the browser test measures the same bytes as Chromium receives them)."""
    files = load_files(language)
    total = sum(len(files[path].gzipped) for path in ("/", "/app.js", "/app.css"))
    # 8 KiB held the page with keuze, schaal and open questions (8155 B in Dutch, measured
    # 2026-12-03). Issue 14 needs about 400 B more in the page itself: meerkeuze (checkboxes,
    # ranked results with rows below k) +269 B, the agenda item and the hook that loads the
    # zelftest +110 B. The zelftest itself (script and statements) is not in the page: it is
    # fetched only while a zelftest item is on. Hence 8.5 KiB.
    assert total <= 8 * 1024 + 512, total


def test_every_text_the_page_asks_for_is_in_both_catalogues() -> None:
    html, script = read("index.html"), read("app.js")
    asked = set(re.findall(r'data-t="([^"]+)"', html))
    asked |= set(re.findall(r"\btr\('([^']+)'", script))
    asked |= set(re.findall(r"'((?:status|ack|results|phase|vote|code)\.[a-z_]+)'", script))
    assert len(asked) > 30
    for language in CATALOGUES:
        missing = asked - set(phone_texts(language))
        assert not missing, (language, missing)


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


def test_the_sent_script_drops_comments_but_keeps_strings() -> None:
    """Comments go before the script is sent (whole lines and after a statement); a '//'
    inside a string, as in the websocket address, stays."""
    from workshop.hub.static import strip_script

    source = (
        "// a comment\nlet tick = 0; // after a statement\n  const url = 'ws:' + '//' + host;\n"
    )
    assert strip_script(source) == "let tick = 0;\nconst url = 'ws:' + '//' + host;\n"
    sent = strip_script(read("app.js"))
    assert "scheme + '//' + location.host" in sent
    assert not any(" // " in line for line in sent.splitlines())
