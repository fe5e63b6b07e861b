"""The phone page's files, served from a fixed whitelist with strict headers.

Paths are looked up in a table; nothing is ever built from the request, so no request can
reach a file outside the whitelist. The page's texts come from the locale catalogue: the
session's language is filled into the page itself, every language is a fixed `/t/<taal>.json`
for the switch on the page. Every file is gzip-compressed once, at start, and sent compressed
to a phone that accepts it.
"""

from __future__ import annotations

import email.utils
import gzip
import http
import json
import re
from dataclasses import dataclass
from importlib import resources

from websockets.datastructures import Headers
from websockets.http11 import Response

from workshop.i18n import CATALOGUES, DEFAULT_LANGUAGE

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self' ws: wss:; "
    "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)

FILES = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/app.js": ("app.js", "text/javascript; charset=utf-8"),
    "/app.css": ("app.css", "text/css; charset=utf-8"),
    "/zelftest.js": ("zelftest.js", "text/javascript; charset=utf-8"),
}
ZELFTEST_DATA = "/zelftest.json"
"""The zelftest's statements and texts, fetched by a phone only while a zelftest is on."""
TEXT_FILES = {f"/t/{language}.json": language for language in CATALOGUES}
"""The page's texts per language, for the language switch: one fixed path per catalogue."""
JOIN_PATH = re.compile(r"^/j/[A-Za-z0-9]{4,12}$")
"""The QR code's URL: the page reads the code from its own address."""
TEXTS_SLOT = '<script id="texts" type="application/json">{}</script>'
"""Where index.html receives its texts: a JSON data block (never run, so the CSP allows it)."""
PHONE_PREFIX = "phone."


@dataclass(frozen=True)
class StaticFile:
    body: bytes
    content_type: str
    gzipped: bytes
    """The same body gzip-compressed (once, at start), for phones that accept gzip."""


def _static_file(body: bytes, content_type: str) -> StaticFile:
    # mtime=0: the same bytes on every start.
    return StaticFile(body, content_type, gzip.compress(body, compresslevel=9, mtime=0))


def phone_texts(language: str) -> dict[str, str]:
    """The page's texts in one language: the catalogue's `phone.` keys without the prefix."""
    return {
        key.removeprefix(PHONE_PREFIX): text
        for key, text in CATALOGUES[language].items()
        if key.startswith(PHONE_PREFIX)
    }


def _json(data: object) -> str:
    # "<" written as \u003c: no text can close the script element the JSON sits in.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def fill_page(html: str, language: str) -> str:
    """index.html with the session's language: its `lang` and its texts."""
    if TEXTS_SLOT not in html:
        raise ValueError("index.html has no texts slot")
    texts = {"lang": language, "languages": sorted(CATALOGUES), "texts": phone_texts(language)}
    html = html.replace(TEXTS_SLOT, TEXTS_SLOT.replace("{}", _json(texts)), 1)
    return html.replace('<html lang="nl">', f'<html lang="{language}">', 1)


# A comment after a statement: " // " right after ; { , or ). A "//" inside a string (the
# websocket URL's '//') never has that shape.
_TRAILING_COMMENT = re.compile(r"(?<=[;{,)]) +// .*$")


def strip_script(source: str) -> str:
    """app.js as sent: without its comment lines, comments after a statement, indentation
    and blank lines.

    The file stays readable and commented; phones get a tenth fewer bytes. Only comments and
    leading whitespace go, which JavaScript never needs (the script has no multi-line
    strings or template literals for this to change)."""
    lines = (_TRAILING_COMMENT.sub("", line.strip()) for line in source.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//")) + "\n"


def load_files(language: str = DEFAULT_LANGUAGE) -> dict[str, StaticFile]:
    """Read the whitelisted files once, at start, the page in `language`."""
    folder = resources.files("workshop") / "phone"
    files = {}
    for path, (name, content_type) in FILES.items():
        body = (folder / name).read_bytes()
        if name == "index.html":
            body = fill_page(body.decode("utf-8"), language).encode("utf-8")
        elif name in ("app.js", "zelftest.js"):
            body = strip_script(body.decode("utf-8")).encode("utf-8")
        files[path] = _static_file(body, content_type)
    for path, other in TEXT_FILES.items():
        body = _json({"lang": other, "texts": phone_texts(other)}).encode("utf-8")
        files[path] = _static_file(body, "application/json; charset=utf-8")
    return files


def zelftest_file(content: dict[str, object]) -> dict[str, StaticFile]:
    """The zelftest's statements as a whitelisted file (see `views.zelftest`)."""
    body = _json(content).encode("utf-8")
    return {ZELFTEST_DATA: _static_file(body, "application/json; charset=utf-8")}


def accepts_gzip(accept_encoding: str | None) -> bool:
    """Whether an Accept-Encoding header allows gzip: named (or `*`) with a q above 0; a
    named gzip decides over `*`."""
    weights: dict[str, float] = {}
    for part in (accept_encoding or "").split(","):
        name, *params = (piece.strip() for piece in part.split(";"))
        weight = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        weights[name.lower()] = weight
    for name in ("gzip", "x-gzip", "*"):
        if name in weights:
            return weights[name] > 0
    return False


def file_response(found: StaticFile, accept_encoding: str | None, *, head: bool) -> Response:
    """A whitelisted file: gzip-compressed when the phone accepts it (then Content-Length is
    the compressed size), and `Vary: Accept-Encoding` either way."""
    extra = {"Vary": "Accept-Encoding"}
    body = found.body
    if accepts_gzip(accept_encoding):
        body = found.gzipped
        extra["Content-Encoding"] = "gzip"
    return response(200, body, found.content_type, head=head, extra=extra)


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
