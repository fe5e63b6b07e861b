"""The phone page's files, served from a fixed whitelist with strict headers.

Paths are looked up in a table; nothing is ever built from the request, so no request can
reach a file outside the whitelist.
"""

from __future__ import annotations

import email.utils
import http
import re
from dataclasses import dataclass
from importlib import resources

from websockets.datastructures import Headers
from websockets.http11 import Response

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self' ws: wss:; "
    "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)

FILES = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/app.js": ("app.js", "text/javascript; charset=utf-8"),
    "/app.css": ("app.css", "text/css; charset=utf-8"),
}
JOIN_PATH = re.compile(r"^/j/[A-Za-z0-9]{4,12}$")
"""The QR code's URL: the page reads the code from its own address."""


@dataclass(frozen=True)
class StaticFile:
    body: bytes
    content_type: str


def load_files() -> dict[str, StaticFile]:
    """Read the whitelisted files once, at start."""
    folder = resources.files("workshop") / "phone"
    return {
        path: StaticFile((folder / name).read_bytes(), content_type)
        for path, (name, content_type) in FILES.items()
    }


def response(
    status: int,
    body: bytes,
    content_type: str,
    *,
    head: bool = False,
    extra: dict[str, str] | None = None,
) -> Response:
    """An HTTP response with the headers every answer of the hub carries."""
    code = http.HTTPStatus(status)
    headers = Headers(
        [
            ("Date", email.utils.formatdate(usegmt=True)),
            ("Content-Type", content_type),
            ("Content-Length", str(len(body))),
            ("Connection", "close"),
            ("Cache-Control", "no-store"),
            ("Content-Security-Policy", CSP),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "no-referrer"),
        ]
    )
    for name, value in (extra or {}).items():
        headers[name] = value
    # HEAD: the same headers (Content-Length included), no body.
    return Response(code.value, code.phrase, headers, b"" if head else body)


def text_response(
    status: int, text: str, *, head: bool = False, extra: dict[str, str] | None = None
) -> Response:
    return response(status, text.encode(), "text/plain; charset=utf-8", head=head, extra=extra)


def lookup(files: dict[str, StaticFile], path: str) -> StaticFile | None:
    """The file for a request path (query string ignored), or None."""
    clean = path.split("?", 1)[0]
    if JOIN_PATH.match(clean):
        clean = "/"
    return files.get(clean)
