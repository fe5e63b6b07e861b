"""The phone page over plain HTTP: whitelist only, strict headers, HEAD without a body."""

from __future__ import annotations

import asyncio
import http.client

import pytest

from tests.hub.conftest import HubHarness
from workshop.hub.static import CSP


def request(port: int, method: str, path: str) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request(method, path)
        answer = connection.getresponse()
        body = answer.read()
        return answer.status, {k.lower(): v for k, v in answer.getheaders()}, body
    finally:
        connection.close()


async def fetch(hub: HubHarness, method: str, path: str) -> tuple[int, dict[str, str], bytes]:
    return await asyncio.to_thread(request, hub.hub.port, method, path)


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/", "text/html; charset=utf-8"),
        ("/j/K7QX4M", "text/html; charset=utf-8"),
        ("/j/K7QX4M?bron=qr", "text/html; charset=utf-8"),
        ("/app.js", "text/javascript; charset=utf-8"),
        ("/app.css", "text/css; charset=utf-8"),
    ],
)
async def test_whitelisted_files_with_headers(
    hub: HubHarness, path: str, content_type: str
) -> None:
    status, headers, body = await fetch(hub, "GET", path)
    assert status == 200
    assert headers["content-type"] == content_type
    assert headers["content-length"] == str(len(body)) and body
    assert headers["connection"] == "close"
    assert headers["cache-control"] == "no-store"
    assert headers["content-security-policy"] == CSP
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert "server" not in headers


async def test_head_has_length_but_no_body(hub: HubHarness) -> None:
    _, _, full = await fetch(hub, "GET", "/")
    status, headers, body = await fetch(hub, "HEAD", "/")
    assert status == 200
    assert body == b""
    assert headers["content-length"] == str(len(full))


@pytest.mark.parametrize(
    "path",
    [
        "/index.html",
        "/../workshop/cli.py",
        "/%2e%2e/pyproject.toml",
        "/phone/app.js",
        "/j/../../etc/passwd",
        "/favicon.ico",
        "/app.js/",
    ],
)
async def test_anything_else_is_404(hub: HubHarness, path: str) -> None:
    status, headers, body = await fetch(hub, "GET", path)
    assert status == 404
    assert headers["content-security-policy"] == CSP
    assert b"import" not in body


async def test_other_methods_are_refused(hub: HubHarness) -> None:
    status, headers, _ = await fetch(hub, "DELETE", "/")
    assert status == 405
    assert headers["allow"] == "GET, HEAD"


async def test_websocket_path_still_upgrades_after_page_requests(hub: HubHarness) -> None:
    await fetch(hub, "GET", "/")
    _, welcome = await hub.phone()
    assert welcome["type"] == "welcome"
