"""Join codes and HMAC tokens."""

from __future__ import annotations

from workshop.hub.tokens import CODE_ALPHABET, TokenIssuer, new_join_code, normalise_code


def test_codes_use_unambiguous_characters() -> None:
    codes = {new_join_code() for _ in range(200)}
    assert len(codes) > 190
    for code in codes:
        assert len(code) == 6 and set(code) <= set(CODE_ALPHABET)
    assert not set("0O1IL") & set(CODE_ALPHABET)


def test_normalise_typed_code() -> None:
    assert normalise_code(" k7q-x4m ") == "K7DX4M"  # Q is typed for the code's D


def test_tokens_verify_only_under_their_secret() -> None:
    issuer = TokenIssuer(b"a" * 32)
    token = issuer.issue()
    assert issuer.verify(token)
    assert TokenIssuer(b"a" * 32).verify(token)  # after a restart with the same secret
    assert not TokenIssuer(b"b" * 32).verify(token)
    nonce, _, mac = token.partition(".")
    assert not issuer.verify(f"{nonce}.{mac[:-2]}AA")
    for junk in ("", ".", "abc", "!!!.???", "a" * 100):
        assert not issuer.verify(junk)
    assert len({issuer.issue() for _ in range(100)}) == 100
