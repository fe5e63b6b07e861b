"""The phone page on the wire: gzip when the phone accepts it (compressed once, at start),
the texts of the session's language inside the page, and a fixed file per language."""

from __future__ import annotations

import asyncio
import gzip
import http.client
import json
import re

import pytest

from tests.hub.conftest import HubHarness
from workshop.hub import static
from workshop.hub.static import CSP, accepts_gzip, phone_texts
from workshop.i18n import CATALOGUES


def request(
    port: int, method: str, path: str, accept: str | None
) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        headers = {"Accept-Encoding": accept} if accept is not None else {}
        # skip_accept_encoding: http.client would otherwise send "identity" by itself.
        connection.putrequest(method, path, skip_accept_encoding=True)
        for name, value in headers.items():
            connection.putheader(name, value)
        connection.endheaders()
        answer = connection.getresponse()
        return answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read()
    finally:
        connection.close()


async def fetch(
    hub: HubHarness, path: str, accept: str | None = "gzip", method: str = "GET"
) -> tuple[int, dict[str, str], bytes]:
    return await asyncio.to_thread(request, hub.hub.port, method, path, accept)


@pytest.mark.parametrize("path", ["/", "/j/K7QX4M", "/app.js", "/app.css", "/t/nl.json"])
async def test_gzip_when_accepted(hub: HubHarness, path: str) -> None:
    status, headers, body = await fetch(hub, path, "gzip, deflate, br")
    assert status == 200
    assert headers["content-encoding"] == "gzip"
    assert headers["vary"] == "Accept-Encoding"
    assert headers["content-length"] == str(len(body))
    assert headers["content-security-policy"] == CSP
    _, plain_headers, plain = await fetch(hub, path, None)
    assert "content-encoding" not in plain_headers
    assert plain_headers["vary"] == "Accept-Encoding"
    assert plain_headers["content-length"] == str(len(plain))
    assert gzip.decompress(body) == plain
    assert len(body) < len(plain)


@pytest.mark.parametrize("accept", [None, "", "identity", "gzip;q=0", "br", "gzip;q=0, *"])
async def test_plain_when_gzip_is_not_accepted(hub: HubHarness, accept: str | None) -> None:
    status, headers, body = await fetch(hub, "/app.js", accept)
    assert status == 200 and "content-encoding" not in headers
    assert not body.startswith(b"\x1f\x8b") and b"new WebSocket(" in body  # plain script


async def test_head_gives_the_compressed_length_and_no_body(hub: HubHarness) -> None:
    _, _, full = await fetch(hub, "/")
    status, headers, body = await fetch(hub, "/", method="HEAD")
    assert status == 200 and body == b""
    assert headers["content-encoding"] == "gzip"
    assert headers["content-length"] == str(len(full))


def test_accept_encoding_parsing() -> None:
    assert accepts_gzip("gzip")
    assert accepts_gzip("deflate, gzip;q=0.5")
    assert accepts_gzip("*")
    assert accepts_gzip("GZIP ; Q=1")
    assert not accepts_gzip(None)
    assert not accepts_gzip("deflate, br")
    assert not accepts_gzip("gzip;q=0")
    assert not accepts_gzip("gzip;q=0.0, *;q=1")
    assert not accepts_gzip("gzip;q=nonsense")


async def test_the_page_carries_its_texts_in_the_sessions_language(hub: HubHarness) -> None:
    _, _, page = await fetch(hub, "/", None)
    html = page.decode()
    assert '<html lang="nl">' in html
    match = re.search(r'<script id="texts" type="application/json">(.*?)</script>', html)
    assert match is not None
    texts = json.loads(match[1])
    assert texts["lang"] == "nl" and texts["languages"] == ["en", "nl"]
    assert texts["texts"] == phone_texts("nl")
    assert texts["texts"]["welcome.heading"] == "Welkom, we beginnen zo"


def test_no_text_can_close_the_script_element(monkeypatch: pytest.MonkeyPatch) -> None:
    """A "<" in a catalogue text is written as \\u003c inside the page's JSON."""
    evil = "</script><script>window.pwned=1</script><!--"
    monkeypatch.setitem(CATALOGUES["nl"], "phone.evil", evil)
    html = static.fill_page(static.TEXTS_SLOT, "nl")
    assert html.count("</script>") == 1 and "<script>" not in html and "<!--" not in html
    data = json.loads(html.removeprefix(static.TEXTS_SLOT[:-11]).removesuffix("</script>"))
    assert data["texts"]["evil"] == evil


async def test_each_language_is_one_fixed_file(hub: HubHarness) -> None:
    _, _, english = await fetch(hub, "/t/en.json", None)
    assert json.loads(english) == {"lang": "en", "texts": phone_texts("en")}
    for path in ("/t/fr.json", "/t/../en.json", "/t/en.json/", "/t/", "/t/EN.json"):
        status, _, _ = await fetch(hub, path)
        assert status == 404, path
