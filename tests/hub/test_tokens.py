"""Join codes and HMAC tokens."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

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


# The issued tokens the property tests mutate: a fixed secret, so a failure reproduces.
PROPERTY_ISSUER = TokenIssuer(b"p" * 32)
ISSUED = [PROPERTY_ISSUER.issue() for _ in range(8)]


def _mutations(token: str) -> st.SearchStrategy[str]:
    """Small changes a phone (or an attacker) could make to a real token."""
    position = st.integers(0, len(token))
    char = st.characters(codec="utf-8")
    return st.one_of(
        st.sampled_from([".", "=", "==", "!!", "\n", " ", "%3D", "\x00", "A", "-"]).map(
            lambda extra: token + extra
        ),
        st.tuples(position, char).map(lambda pc: token[: pc[0]] + pc[1] + token[pc[0] :]),
        st.tuples(st.integers(0, len(token) - 1), char).map(
            lambda pc: token[: pc[0]] + pc[1] + token[pc[0] + 1 :]
        ),
        st.integers(0, len(token) - 1).map(lambda i: token[:i] + token[i + 1 :]),
        st.integers(0, len(token) - 1).map(
            lambda i: token[:i] + token[i].swapcase() + token[i + 1 :]
        ),
        st.just(token.swapcase()),
        st.just(token.upper()),
        st.just(token.lower()),
        st.just(token.replace("-", "+").replace("_", "/")),
    )


@settings(max_examples=1000, deadline=None)
@given(
    st.one_of(
        st.sampled_from(ISSUED).flatmap(_mutations),
        st.text(max_size=80),
        st.from_regex(r"[A-Za-z0-9_=-]{14,18}\.[A-Za-z0-9_=-]{14,18}", fullmatch=True),
    )
)
def test_anything_but_an_issued_token_is_refused(candidate: str) -> None:
    assert PROPERTY_ISSUER.verify(candidate) is (candidate in ISSUED)


def test_every_issued_token_has_one_canonical_form() -> None:
    for token in ISSUED:
        nonce, _, mac = token.partition(".")
        assert len(token) == 33 and len(nonce) == len(mac) == 16
        assert PROPERTY_ISSUER.verify(token)
