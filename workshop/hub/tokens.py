"""Join codes and participant tokens.

A token is a random nonce plus an HMAC of it under a per-session secret: the hub can check a
token a phone brings back without keeping a list of tokens, and the secret survives a restart
(`--hervat`) so a phone keeps its one vote per round.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

CODE_ALPHABET = "ABCDEFGHJKMNPRSTUWXZ34679"
"""One character of each group of look-alikes (0/O/D/Q, 2/Z, 5/S, 8/B, U/V/Y) and none of
1/I/L, so no two characters of a code can be mistaken for each other."""
LOOK_ALIKES = str.maketrans("0OQ258VY", "DDDZSBUU")
"""A typed look-alike becomes the code character it resembles (O or 0 for D, V or Y for U)."""
CODE_LENGTH = 6
_NONCE_BYTES = 12
_MAC_BYTES = 12


def new_join_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(code: str) -> str:
    """What a person typed, as the hub compares it: upper case, no spaces or dashes, and
    look-alikes mapped onto the code alphabet."""
    return "".join(code.split()).replace("-", "").upper().translate(LOOK_ALIKES)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


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
        nonce_text, _, mac_text = token.partition(".")
        try:
            nonce, mac = _unb64(nonce_text), _unb64(mac_text)
        except (ValueError, TypeError):
            return False
        if len(nonce) != _NONCE_BYTES:
            return False
        return hmac.compare_digest(mac, self._mac(nonce))
