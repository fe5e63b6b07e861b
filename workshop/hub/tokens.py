"""Join codes and participant tokens.

A token is a random nonce plus an HMAC of it under a per-session secret: the hub can check a
token a phone brings back without keeping a list of tokens, and the secret survives a restart
(`--hervat`) so a phone keeps its one vote per round.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
import secrets

CODE_ALPHABET = "ABCDEFGHJKMNPRSTUWXZ34679"
"""One character of each group of look-alikes (0/O/D/Q, 2/Z, 5/S, 8/B, U/V/Y) and none of
1/I/L, so no two characters of a code can be mistaken for each other."""
LOOK_ALIKES = str.maketrans("0OQ258VY", "DDDZSBUU")
"""A typed look-alike becomes the code character it resembles (O or 0 for D, V or Y for U)."""
CODE_LENGTH = 6
_NONCE_BYTES = 12
_MAC_BYTES = 12
_TOKEN_FORM = re.compile(r"[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{16}")
"""An issued token, character for character: 12 bytes base64url (16 characters, no padding),
a dot, 12 bytes of MAC the same way. 12 bytes fill 16 characters exactly, so each token has
one spelling; anything else (padding, stray characters, another length) is not a token."""


def new_join_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(code: str) -> str:
    """What a person typed, as the hub compares it: upper case, no spaces or dashes, and
    look-alikes mapped onto the code alphabet."""
    return "".join(code.split()).replace("-", "").upper().translate(LOOK_ALIKES)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    """Strict decoding: `validate=True` refuses characters outside the alphabet, which the
    default decoder would silently skip (so `T!!` would decode like `T`)."""
    return base64.b64decode(text, altchars=b"-_", validate=True)


class TokenIssuer:
    """Issues and verifies participant tokens under one secret."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def _mac(self, nonce: bytes) -> bytes:
        return hmac.new(self._secret, nonce, hashlib.sha256).digest()[:_MAC_BYTES]

    def issue(self) -> str:
        nonce = secrets.token_bytes(_NONCE_BYTES)
        return f"{_b64(nonce)}.{_b64(self._mac(nonce))}"

    def verify(self, token: str) -> bool:
        """True only for a token this secret issued, spelled exactly as it was issued."""
        if not token.isascii() or _TOKEN_FORM.fullmatch(token) is None:
            return False
        nonce_text, _, mac_text = token.partition(".")
        try:
            nonce, mac = _unb64(nonce_text), _unb64(mac_text)
        except (ValueError, binascii.Error):
            return False
        if _b64(nonce) != nonce_text or _b64(mac) != mac_text:
            return False  # the one canonical spelling: decoding and encoding give it back
        return hmac.compare_digest(mac, self._mac(nonce))
