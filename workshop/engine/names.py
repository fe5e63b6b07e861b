"""Finding declared names in free text: every part, in any case, with or without accents.

A trainer declares the names that must not reach the record ("Pieter Jansen, Anouk de Boer").
People then type parts of them: "Pieter", "jansen", "Anoük", "Jansens voorstel", "Jansen's".
So a name is matched as a sequence of words after folding (case, accents and compatibility
forms removed), and every part of it is a name on its own. The particles of surnames ("de",
"van der", "'t", "ten") are ordinary Dutch words: they stay, unless a whole declared name is
just that. A part inside a longer word stays too ("Jan" in "Janssen", "Pieter" in
"Pieterskerk"): only whole words are names.

The terms of a session can be held in two forms that match exactly the same text:

- `DeclaredNames`: the folded words in memory, for the run that was given them;
- `SealedNames`: keyed hashes (HMAC-SHA256 with a per-session key) of the same terms, which
  may be written to disk so that a session resumed after a crash still scrubs them, without
  the names being readable from the file.

Pure: standard library only, no I/O; keys are passed in.
"""

from __future__ import annotations

import hmac
import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from hashlib import sha256
from typing import Protocol

__all__ = [
    "MAX_WORDS",
    "PARTICLES",
    "DeclaredNames",
    "NameTerms",
    "SealedNames",
    "find_names",
    "fold",
    "name_terms",
    "seal_term",
]

MAX_WORDS = 6
"""The longest word sequence that is matched as one name ("Anne-Marie van der Berg-Smit")."""

PARTICLES = frozenset(
    {
        # Dutch and Flemish tussenvoegsels (split into words: "van der" is "van" + "der";
        # "'t" and "'s" fold to the one-letter words "t" and "s", which never count alone)
        *("de", "den", "der", "des", "het", "te", "ten", "ter", "van", "vd", "in", "op"),
        *("aan", "bij", "uit", "tot", "toe", "thoe", "voor", "onder", "over"),
        # German, French, Italian, Spanish, Portuguese, Scandinavian
        *("von", "vom", "zu", "zum", "zur", "du", "la", "le", "les", "di", "da", "do"),
        *("del", "della", "dei", "dal", "dos", "das", "af", "av"),
        # Arabic and Turkish articles and kinship words that are not names by themselves
        *("el", "al", "bin", "ben", "ibn", "bint", "ould"),
    }
)
"""Words of a declared name that stay in the text when they appear on their own."""

# Apostrophes and hyphens people type for the same thing.
_APOSTROPHES = frozenset("'’‘ʼ`´")
_HYPHENS = frozenset("-‐‑")
_WORD = re.compile(r"\w+")
# What may stand between two words of one name: spaces and line breaks, a hyphen
# ("Jansen-Smit"), an apostrophe ("O'Brien") and a dot after an initial ("J.P. Balkenende").
_JOIN = re.compile(r"[\s'.-]+")


@lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    """One character without case, accents and compatibility forms ("É" -> "e", "ß" -> "ss").

    A combining mark on its own folds to "" (it belongs to the letter before it).
    """
    if char in _APOSTROPHES:
        return "'"
    if char in _HYPHENS:
        return "-"
    folded = unicodedata.normalize("NFKD", char)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    # casefold can bring accents back ("İ" -> "i̇"): strip them once more.
    return "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))


def fold(text: str) -> str:
    """`text` without case and accents, as names are compared: "Anoük" -> "anouk"."""
    return "".join(_fold_char(char) for char in text)


def _fold_with_origin(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the index it came from in `text`."""
    pieces: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = _fold_char(char)
        pieces.append(folded)
        origin.extend([index] * len(folded))
    return "".join(pieces), origin


def _is_part(word: str) -> bool:
    """A word of a name that identifies on its own: two letters or more, not a particle."""
    return len(word) >= 2 and word not in PARTICLES


def name_terms(name: str) -> set[tuple[str, ...]]:
    """The word sequences that count as this name: the whole name, and every run of its
    words that starts and ends with a real part ("Anne-Marie de Boer" gives "anne marie de
    boer", "anne marie", "marie de boer", "anne", "marie", "boer", ... but not "de boer").
    """
    words = tuple(_WORD.findall(fold(name)))
    terms: set[tuple[str, ...]] = set()
    if not words:
        return terms
    if len(words) <= MAX_WORDS:
        terms.add(words)
    for start, first in enumerate(words):
        if not _is_part(first):
            continue
        for end in range(start + 1, min(len(words), start + MAX_WORDS) + 1):
            if _is_part(words[end - 1]):
                terms.add(words[start:end])
    return terms


class NameTerms(Protocol):
    """Answers whether a sequence of folded words is a declared name."""

    def __contains__(self, words: object) -> bool: ...

    def __bool__(self) -> bool: ...

    def may_start(self, word: str) -> bool:
        """Whether some declared term begins with this word (a cheap first test)."""
        ...


class DeclaredNames:
    """The terms of the names given to this run, in memory only."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        terms: set[tuple[str, ...]] = set()
        for name in names:
            terms |= name_terms(name)
        self._terms = frozenset(terms)
        self._starts = frozenset(term[0] for term in terms)

    def __contains__(self, words: object) -> bool:
        return words in self._terms

    def __bool__(self) -> bool:
        return bool(self._terms)

    def may_start(self, word: str) -> bool:
        return word in self._starts

    def sealed(self, key: bytes) -> SealedNames:
        """The same terms as keyed hashes, to be kept across a restart."""
        digests = {seal_term(key, term) for term in self._terms}
        digests |= {seal_term(key, _start_marker(word)) for word in self._starts}
        return SealedNames(key, frozenset(digests))


def _start_marker(word: str) -> tuple[str, ...]:
    """The term under which "a term starts with `word`" is sealed; a real term never holds
    an empty word, so this never equals one."""
    return ("", word)


_NEGATIVE_CACHE = 50_000
"""How many words that start no name a `SealedNames` remembers before it starts over."""


def seal_term(key: bytes, words: tuple[str, ...]) -> str:
    """The keyed hash of one term (hex, 128 bits)."""
    message = "\x1f".join(words).encode("utf-8")
    return hmac.new(key, message, sha256).hexdigest()[:32]


class SealedNames:
    """Terms as keyed hashes: they match text like `DeclaredNames` but cannot be read back.

    Whoever has both the key and the hashes can still test a guessed name; the form only keeps
    the names from being read (or grepped) from the file.
    """

    def __init__(self, key: bytes, digests: Iterable[str]) -> None:
        self.key = key
        self.digests = frozenset(digests)
        self._starts_nothing: set[str] = set()

    def __contains__(self, words: object) -> bool:
        if not isinstance(words, tuple):
            return False
        return seal_term(self.key, words) in self.digests

    def __bool__(self) -> bool:
        return bool(self.digests)

    def may_start(self, word: str) -> bool:
        # Most words start no name, and the same words come back in every text: remember
        # those (never the ones that do start a name, so no name is kept in clear).
        if word in self._starts_nothing:
            return False
        if seal_term(self.key, _start_marker(word)) in self.digests:
            return True
        if len(self._starts_nothing) >= _NEGATIVE_CACHE:
            self._starts_nothing.clear()
        self._starts_nothing.add(word)
        return False

    def __or__(self, other: SealedNames) -> SealedNames:
        if other.key != self.key:
            raise ValueError("sealed names with different keys cannot be merged")
        return SealedNames(self.key, self.digests | other.digests)


def _candidates(words: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """The sequence as typed, then with a genitive -s taken off its last word ("jansens")."""
    yield words
    last = words[-1]
    if len(last) > 2 and last.endswith("s"):
        yield (*words[:-1], last[:-1])


def _joins(folded: str, word: re.Match[str], following: re.Match[str]) -> bool:
    """May these two neighbouring words belong to one name? A dot only after an initial
    ("J.P.", "J. P."), so "Jan. De Vries kwam" keeps its sentence end."""
    separator = folded[word.end() : following.start()]
    if not _JOIN.fullmatch(separator):
        return False
    return "." not in separator or len(word.group()) == 1


def _may_start(terms: NameTerms, word: str) -> bool:
    """Whether a term may begin at this word, also as a genitive ("jansens")."""
    if terms.may_start(word):
        return True
    return len(word) > 2 and word.endswith("s") and terms.may_start(word[:-1])


def find_names(text: str, terms: Iterable[NameTerms]) -> list[tuple[int, int]]:
    """The (start, end) spans in `text` of every declared name, longest match first.

    A span covers whole words only; a genitive -s ("Jansens") is part of the span, an
    apostrophe genitive ("Jansen's") is not.
    """
    known = [group for group in terms if group]
    if not known:
        return []
    folded, origin = _fold_with_origin(text)
    words = list(_WORD.finditer(folded))
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(words):
        first = words[index].group()
        if not any(_may_start(group, first) for group in known):
            index += 1
            continue
        last = index
        while (
            last + 1 < len(words)
            and last + 1 - index < MAX_WORDS
            and _joins(folded, words[last], words[last + 1])
        ):
            last += 1
        found = None
        for end in range(last, index - 1, -1):
            sequence = tuple(word.group() for word in words[index : end + 1])
            if any(c in group for c in _candidates(sequence) for group in known):
                found = end
                break
        if found is None:
            index += 1
            continue
        start = origin[words[index].start()]
        stop = origin[words[found].end() - 1] + 1
        # Combining marks after the last letter ("Anouk" + U+0308) belong to the name.
        while stop < len(text) and not _fold_char(text[stop]):
            stop += 1
        spans.append((start, stop))
        index = found + 1
    return spans
