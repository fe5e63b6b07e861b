"""Remove personal data from free text before it is shown or stored (AVG/GDPR).

Facilitator notes and participants' open answers are free text, and people type what they
know: an e-mail address, a phone number, a BSN, a bank account, a postcode, a street address,
a name. This module replaces each of those with a Dutch placeholder in square brackets
("[e-mailadres]", "[telefoonnummer]", "[BSN]", "[IBAN]", "[postcode]", "[adres]", "[naam]")
and reports how many of each kind it removed.

Two failure modes pull in opposite directions: a miss leaks personal data, a false positive
wrecks a useful discussion note ("in 2024 ging 1.500.000 euro naar art. 28"). So every rule is
deliberately narrow and, where a checksum exists (BSN elfproef, IBAN mod-97), a candidate must
pass it before it is removed.

Names are the exception to "narrow": every part of a declared name is removed, in any case,
with or without accents (see `workshop.engine.names`), because a first name or a surname alone
identifies someone in a room of twenty.

Pure: standard library only, no I/O, no module-level state. The names of a session are given
to a `Scrubber` and live only in that instance (as folded words, or as keyed hashes).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from workshop.engine.names import DeclaredNames, NameTerms, SealedNames, find_names

__all__ = [
    "KINDS",
    "PLACEHOLDERS",
    "Removal",
    "ScrubResult",
    "Scrubber",
    "bsn_is_valid",
    "iban_is_valid",
    "scrub",
]

# The kinds in the fixed order in which `ScrubResult.removed` reports them.
KINDS: tuple[str, ...] = ("email", "telefoon", "bsn", "iban", "postcode", "adres", "naam")

PLACEHOLDERS: dict[str, str] = {
    "email": "[e-mailadres]",
    "telefoon": "[telefoonnummer]",
    "bsn": "[BSN]",
    "iban": "[IBAN]",
    "postcode": "[postcode]",
    "adres": "[adres]",
    "naam": "[naam]",
}


@dataclass(frozen=True)
class Removal:
    """How many values of one kind were removed from a text."""

    kind: str
    count: int


@dataclass(frozen=True)
class ScrubResult:
    """The cleaned text and what was removed from it, per kind, in `KINDS` order."""

    text: str
    removed: tuple[Removal, ...] = ()

    @property
    def changed(self) -> bool:
        """True when anything was removed."""
        return bool(self.removed)


# A rule turns one match into its replacement, or None to leave the match untouched (a
# checksum failed, or the match is a known look-alike such as an amount).
_Replace = Callable[[re.Match[str]], str | None]

# Placeholders already in a text (put there by an earlier pass, an earlier scrub, or typed by
# hand) are never scanned again: otherwise a name like "naam" or "post" would eat into them
# and scrubbing would not be idempotent.
_PLACEHOLDER_ALTERNATIVES = "|".join(re.escape(p) for p in PLACEHOLDERS.values())
_PLACEHOLDER_SPLIT = re.compile(f"({_PLACEHOLDER_ALTERNATIVES})")

# -------------------------------------------------------------------------------- e-mail

# Local part: letters, digits and the usual ".", "_", "%", "+", "-" (plus-addressing), and an
# apostrophe inside (o'brien@...). It starts and ends on a letter/digit/_%+- so that quotes
# and full stops around an address stay in the text. Domain: one or more labels (subdomains),
# then a letter-only TLD or a punycode one. \w is Unicode, so internationalised addresses
# match too. The second look-behind only saves time: a start just after "x." would already
# have been covered by the start at "x" (without it, "a.a.a.a..." is quadratic).
_EMAIL = re.compile(
    r"(?<![\w%+-])(?<![\w%+-][.'])"
    r"[\w%+-](?:[\w.%+'-]*[\w%+-])?"
    r"@"
    r"(?:[^\W_](?:[\w-]*[^\W_])?\.)+"
    r"(?:[^\W\d_]{2,63}|xn--[^\W_][\w-]*)"
    r"(?!\w)"
)


def _replace_email(match: re.Match[str]) -> str | None:
    return PLACEHOLDERS["email"]


# -------------------------------------------------------------------------------- IBAN

# Country -> (total length, BBAN structure). Length and structure come from the SWIFT IBAN
# registry; a candidate must have exactly this shape before the checksum is even tried.
_IBAN_FORMATS: dict[str, tuple[int, str]] = {
    "AT": (20, r"\d{16}"),
    "BE": (16, r"\d{12}"),
    "CH": (21, r"\d{5}[A-Z0-9]{12}"),
    "DE": (22, r"\d{18}"),
    "DK": (18, r"\d{14}"),
    "ES": (24, r"\d{20}"),
    "FI": (18, r"\d{14}"),
    "FR": (27, r"\d{10}[A-Z0-9]{11}\d{2}"),
    "GB": (22, r"[A-Z]{4}\d{14}"),
    "IE": (22, r"[A-Z]{4}\d{14}"),
    "IT": (27, r"[A-Z]\d{10}[A-Z0-9]{12}"),
    "LU": (20, r"\d{3}[A-Z0-9]{13}"),
    "NL": (18, r"[A-Z]{4}\d{10}"),
    "NO": (15, r"\d{11}"),
    "PL": (28, r"\d{24}"),
    "PT": (25, r"\d{21}"),
    "SE": (24, r"\d{20}"),
}
_BBAN = {country: re.compile(bban) for country, (_, bban) in _IBAN_FORMATS.items()}


def _iban_shape(country: str, length: int) -> str:
    """Country code, two check digits, then the BBAN compact or printed in groups of four."""
    groups, rest = divmod(length - 4, 4)
    shape = rf"{country}\d\d(?:[ \u00a0]?[A-Z0-9]{{4}}){{{groups}}}"
    if rest:
        shape += rf"[ \u00a0]?[A-Z0-9]{{{rest}}}"
    return shape


# Case-insensitive: people type "nl91abna0417164300". The boundaries keep an IBAN-shaped
# stretch inside a longer code (or with a trailing extra group character) from matching.
_IBAN = re.compile(
    r"(?<!\w)(?:"
    + "|".join(_iban_shape(country, length) for country, (length, _) in _IBAN_FORMATS.items())
    + r")(?!\w)",
    re.IGNORECASE,
)


def iban_is_valid(iban: str) -> bool:
    """ISO 13616: known country, exact length and BBAN shape, and mod-97 of the rearranged
    number equals 1. Spaces are ignored, case is not significant."""
    compact = "".join(iban.split()).upper()
    country = compact[:2]
    if country not in _IBAN_FORMATS or len(compact) != _IBAN_FORMATS[country][0]:
        return False
    if not compact[2:4].isdecimal() or not _BBAN[country].fullmatch(compact[4:]):
        return False
    # Move country and check digits to the end, then read letters as 10..35 (base 36).
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(char, 36)) for char in rearranged)) % 97 == 1


def _replace_iban(match: re.Match[str]) -> str | None:
    return PLACEHOLDERS["iban"] if iban_is_valid(match.group(0)) else None


# After the IBAN pass, whatever still has the exact shape of an IBAN failed its checksum. It
# is left alone as a whole: its printed groups ("NL92 ABNA 0417 1643 00") would otherwise
# read as a phone number, BSN or postcode, and mangling a half-recognised account number
# helps nobody.
_PROTECTED_AFTER_IBAN = re.compile(f"({_PLACEHOLDER_ALTERNATIVES}|(?i:{_IBAN.pattern}))")


# -------------------------------------------------------------------------------- phone

_SPACE = r"[ \u00a0]"
# Between digit groups of a Dutch number: a space, a dot, or a hyphen (optionally with spaces
# around it: "06 - 12345678").
_SEP = rf"(?:{_SPACE}?-{_SPACE}?|[ \u00a0.])"
# International numbers: no dots, so "+1.500.000" stays an amount.
_SEP_INTL = rf"(?:{_SPACE}?-{_SPACE}?|{_SPACE})"


def _subscriber(count: int) -> str:
    """Exactly `count` digits, optionally split into groups of at least two digits.

    The look-around on each separator forbids one-digit groups, so loose small numbers
    after an area code ("020 1 2 3 4 5 6 7") are not a phone number; the final (?!\\d)
    forbids stopping in the middle of a digit run.
    """
    return rf"\d(?:(?:(?<=\d\d){_SEP}(?=\d\d))?\d){{{count - 1}}}(?!\d)"


def _dutch_number(trunk: str) -> str:
    """A Dutch number after the trunk prefix `trunk` ("0" nationally, "" after +31).

    Dutch numbers have ten digits with the 0: mobile 06 + 8, area codes of three (010, 020)
    or four (0111, 0598) digits + 7 or 6. Information numbers 0800/0900/0906/0909 have 4 or 7
    digits after the prefix. The area code may be in brackets: "(020) 123 4567".
    """

    def area(code: str) -> str:
        return rf"(?:\({trunk}{code}\)|{trunk}{code}){_SEP}?"

    return (
        "(?:"
        + area(r"(?:800|90[069])")
        + f"(?:{_subscriber(7)}|{_subscriber(4)})"
        + "|"
        + area("6")
        + _subscriber(8)
        + "|"
        + area(r"[1-57-9]\d")
        + _subscriber(7)
        + "|"
        + area(r"[1-57-9]\d\d")
        + _subscriber(6)
        + ")"
    )


_PHONE = re.compile(
    # Not glued to a word, to a "+" or to the digits of a larger number or date
    # ("12-06-2025 ...", "1.0612...").
    r"(?<![\w+])(?<!\d[.,:/-])"
    r"(?:"
    # Netherlands, international form: +31 6 12345678, +31(0)6-12345678, 0031 6 12345678,
    # and the common "+31 06 ..." slip.
    rf"(?P<nl>(?:\+|00)31\)?{_SEP}?(?:\(0\){_SEP}?|0{_SEP}?)?{_dutch_number('')})"
    # Netherlands, national form. A date with a four-digit year never starts a number, so
    # "06-03-2025 12 mensen" keeps its date.
    rf"|(?!\d\d?[-./]\d\d?[-./]\d{{4}}(?!\d))(?P<national>{_dutch_number('0')})"
    # Any other country: + or 00, a country code of 1-3 digits, an optional (0), then digits
    # in groups; the callback keeps the longest prefix of 9..15 digits (E.164 allows 15).
    rf"|(?P<intl>(?:\+|00)[1-9]\d{{0,2}}\)?(?:{_SEP_INTL}?\(0\))?"
    rf"(?:{_SEP_INTL}?\(\d{{1,4}}\)|{_SEP_INTL}?\d)+)"
    r")"
)

_E164_MIN, _E164_MAX = 9, 15
_DIGIT_RUN = re.compile(r"\(0\)|\d+")


def _replace_phone(match: re.Match[str]) -> str | None:
    if match.group("intl") is None:
        return PLACEHOLDERS["telefoon"]
    # Generic international number: the regex is greedy, so it may have swallowed a year or
    # another number after the phone number ("+44 20 7946 0958 2024"). Cut at a group
    # boundary where the digit count (country code included, "+"/"00" and "(0)" excluded) is
    # 9..15: the last such boundary, unless a Dutch or international number starts at a
    # group on the way ("+44 20 7946 0958 06 12345678" is two numbers, not one of 14 digits
    # and a stray "12345678"). Whatever follows the cut stays in the text and is scanned
    # again on the next pass.
    text = match.group(0)
    prefix = 1 if text.startswith("+") else 2
    total = 0
    cuts: list[re.Match[str]] = []
    for run in _DIGIT_RUN.finditer(text, prefix):
        if run.group(0) == "(0)":
            continue
        total += len(run.group(0))
        if total > _E164_MAX:
            break
        if total >= _E164_MIN:
            cuts.append(run)
    if not cuts:
        return None  # too short to be a phone number: "+15 000 000" is an amount
    best = cuts[0]
    for run in cuts[1:]:
        if _PHONE.match(match.string, match.start() + run.start()):
            break
        best = run
    return PLACEHOLDERS["telefoon"] + text[best.end() :]


# -------------------------------------------------------------------------------- BSN

# Nine digits, compact or in the usual printed groups: 3-3-3 ("123.456.782", "123 456 782"),
# 4-2-3 (the passport form "1234.56.782") or 3-2-2-2 ("123 45 67 82"), one separator kind
# throughout. Dutch amounts look just like 3-3-3 with dots, so a currency sign or "EUR"
# before, or a decimal part (",50" ",-") or "euro" after, marks an amount, not a BSN.
_BSN = re.compile(
    r"(?<![\w+])(?<!\d[.,])(?<!€)(?<!€[ \u00a0])(?<![Ee][Uu][Rr][ \u00a0])"
    r"(?:\d{9}"
    r"|\d{3}(?P<s1>[. \u00a0])\d{3}(?P=s1)\d{3}"
    r"|\d{4}(?P<s2>[. \u00a0])\d{2}(?P=s2)\d{3}"
    r"|\d{3}(?P<s3>[. \u00a0])\d{2}(?P=s3)\d{2}(?P=s3)\d{2})"
    r"(?!\w)(?![.,][\d-])(?![ \u00a0]?(?i:eur|euro)\b)"
)


def bsn_is_valid(bsn: str) -> bool:
    """The elfproef: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is a multiple of 11, and not all zeros.

    Non-digits (the dots and spaces of a printed BSN) are ignored; anything but nine digits
    is not a BSN.
    """
    # isdecimal, not isdigit: "²" is a digit to isdigit but int() refuses it.
    digits = [int(char) for char in bsn if char.isdecimal()]
    if len(digits) != 9 or not any(digits):
        return False
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return sum(w * d for w, d in zip(weights, digits, strict=True)) % 11 == 0


def _replace_bsn(match: re.Match[str]) -> str | None:
    return PLACEHOLDERS["bsn"] if bsn_is_valid(match.group(0)) else None


# -------------------------------------------------------------------------------- postcode

# Four digits (no leading 0) and two letters. Upper case with or without a space ("1234 AB",
# "1234AB"); lower case only without a space ("1234ab"), because "2024 en" is a year and a
# word. A hyphen straight after the letters means an abbreviation in a compound
# ("1500 EU-subsidies"), so it blocks the match. "NL-1234 AB" (postal notation) does match.
_POSTCODE = re.compile(
    r"(?<!\w)(?<!\d[.,])(?<!€)(?<!€[ \u00a0])"
    r"[1-9]\d{3}(?:[ \u00a0]?(?P<upper>[A-Z]{2})|(?P<lower>[a-z]{2}))"
    r"(?![\w-])"
)
# Never issued by PostNL (SA, SD and SS have Second World War connotations).
_POSTCODE_NEVER = frozenset({"SA", "SD", "SS"})
# Real letter pairs, but after a number in political notes they are far more often an
# abbreviation or a unit ("1500 EU", "2023 TK", "1500 MW", "200 km"): a postcode with one
# of these pairs is left alone. This is a deliberate trade: a postcode alone is weakly
# identifying, a mangled note is a certain loss.
_POSTCODE_LOOKALIKES = frozenset(
    {
        # abbreviations: Europe, the Netherlands, US/UK, UN, parliaments and elections
        *("EU", "EP", "NL", "VS", "US", "UK", "VN", "TK", "EK", "PS", "GR", "WS"),
        # units of length, weight, volume, power, energy, data, area and speed
        *("KM", "CM", "MM", "KG", "MG", "ML", "CL", "DL", "KW", "MW", "GW", "KJ", "PK"),
        *("KB", "MB", "GB", "TB", "HA", "HZ", "MS"),
    }
)


def _replace_postcode(match: re.Match[str]) -> str | None:
    letters = (match.group("upper") or match.group("lower")).upper()
    if letters in _POSTCODE_NEVER or letters in _POSTCODE_LOOKALIKES:
        return None
    return PLACEHOLDERS["postcode"]


# -------------------------------------------------------------------------------- address

# A street address is a street name ending in one of these words, then a house number:
# "Dorpsstraat 12", "Kerkweg 3a", "Laan van Meerdervoort 5", "Oude Gracht 12-bis",
# "Hoofdstraat 1 A". A street name without a number ("de Kerkstraat") is a place, not an
# address, and stays. "ring" after an "e" is a noun ending ("vergadering 3", "aflevering 2").
_STREET_ENDINGS = (
    "straat",
    "weg",
    "laan",
    "plein",
    "gracht",
    "kade",
    "singel",
    "dijk",
    "pad",
    "steeg",
    "hof",
    "dreef",
    "park",
    "ring",
    "plantsoen",
    "markt",
    "boulevard",
    "burgwal",
)
_STREET_SUFFIX = (
    "(?i:"
    + "|".join(r"(?<![eE])ring" if ending == "ring" else ending for ending in _STREET_ENDINGS)
    + ")"
)
_LETTER = r"[^\W\d_]"
_CAPITALISED = rf"[A-ZÀ-ÖØ-Þ]{_LETTER}*(?:['’-]{_LETTER}+)*"
_STREET_PARTICLES = r"(?:van|de|der|den|het|'t|’t|ten|ter|te|op|aan|bij|in|'s|’s)"
# A house number (1..9999) with the usual additions: 3a, 1 A, 12-bis, 12 bis, 12-1, 12-II,
# 12hs, 12-bg.
_HOUSE_NUMBER = (
    r"[1-9]\d{0,3}"
    r"(?:[ \u00a0]?-[ \u00a0]?(?:bis|hs|bg|huis|[1-9]\d{0,3}|I{1,3}|IV|[A-Za-z])"
    r"|[ \u00a0]?(?:bis|hs|bg|huis)"
    r"|[A-Za-z]"
    r"|[ \u00a0](?:I{1,3}|IV|[A-Z])"
    r")?"
)
# A number followed by one of these counts something; it is not a house number
# ("het windpark 12 turbines", "de woningmarkt 3 procent").
_COUNTED = (
    r"(?:%|‰|procent|keer|maal|x|euro|eur|jaar|jaren|maanden|weken|dagen|uur|minuten|"
    r"km|kilometer|m|meter|m2|ha|hectare|mensen|personen|deelnemers|leden|raadsleden|"
    r"stemmen|zetels|woningen|huizen|panden|bomen|turbines|windmolens|stuks)"
)
_ADDRESS = re.compile(
    r"(?<![\w'’-])"
    rf"(?:(?P<before>{_CAPITALISED})(?P<gap>[ \u00a0]+))?"
    rf"(?P<street>{_LETTER}*?{_STREET_SUFFIX})"
    rf"(?P<after>(?:(?:[ \u00a0]+{_STREET_PARTICLES})*[ \u00a0]+{_CAPITALISED}){{0,3}})"
    r"[ \u00a0]+"
    rf"(?P<number>{_HOUSE_NUMBER})"
    r"(?![\w-])(?![.,]\d)"
    rf"(?![ \u00a0]*(?i:{_COUNTED})(?!\w))"
)
# Capitalised words before a street name that are not part of it: sentence starts and
# function words ("In de Kerkstraat 12" keeps "In").
_NOT_BEFORE_A_STREET = frozenset(
    {
        *("de", "het", "een", "in", "op", "aan", "bij", "naar", "van", "uit", "voor", "over"),
        *("ik", "wij", "we", "zij", "ze", "hij", "jij", "je", "u", "en", "of", "maar", "dus"),
        *("via", "tot", "vanaf", "langs", "achter", "naast", "tegenover", "richting"),
    }
)
# Ordinary words with a street ending.
_NOT_A_STREET = frozenset({"onderweg", "halfweg", "midweg"})


def _replace_address(match: re.Match[str]) -> str | None:
    street = match.group("street")
    bare = street.casefold() in _STREET_ENDINGS
    if street.casefold() in _NOT_A_STREET:
        return None
    # A lone "weg 3" or "plein 2" in lower case is a sentence, not a street name.
    if bare and not street[0].isupper():
        return None
    # "Laan van Meerdervoort": only a bare street word takes a name after it.
    if match.group("after") and not bare:
        return None
    number = match.group("number")
    digits = re.match(r"\d+", number)
    assert digits is not None
    if (
        len(digits.group(0)) == 4
        and 1800 <= int(digits.group(0)) <= 2099
        and digits.group(0) == number
    ):
        return None  # a year: "de woningmarkt 2026"
    before = match.group("before")
    if before is not None and before.casefold() in _NOT_BEFORE_A_STREET:
        return before + match.group("gap") + PLACEHOLDERS["adres"]
    return PLACEHOLDERS["adres"]


# -------------------------------------------------------------------------------- names


def _apply_names(names: list[NameTerms], protected: re.Pattern[str], text: str) -> tuple[str, int]:
    """Replace every declared name outside the `protected` spans; returns text and count."""
    count = 0
    pieces = protected.split(text)
    for index in range(0, len(pieces), 2):
        piece = pieces[index]
        spans = find_names(piece, names) if piece else []
        if not spans:
            continue
        count += len(spans)
        out: list[str] = []
        position = 0
        for start, end in spans:
            out += [piece[position:start], PLACEHOLDERS["naam"]]
            position = end
        out.append(piece[position:])
        pieces[index] = "".join(out)
    return "".join(pieces), count


# -------------------------------------------------------------------------------- engine


def _apply(
    pattern: re.Pattern[str], replace: _Replace, protected: re.Pattern[str], text: str
) -> tuple[str, int]:
    """Run one rule over the parts of `text` outside the `protected` spans.

    `protected` has one capturing group around everything it protects. Returns the new text
    and how many matches were replaced (rejected matches do not count).
    """
    count = 0

    def substitute(match: re.Match[str]) -> str:
        nonlocal count
        replacement = replace(match)
        if replacement is None:
            return match.group(0)
        count += 1
        return replacement

    # re.split with one capturing group alternates free text (even) and protected (odd).
    pieces = protected.split(text)
    for index in range(0, len(pieces), 2):
        if pieces[index]:
            pieces[index] = pattern.sub(substitute, pieces[index])
    return "".join(pieces), count


class Scrubber:
    """Scrubs texts for one session; the session's names live only in this instance."""

    def __init__(self, names: Iterable[str] = (), sealed: SealedNames | None = None) -> None:
        """`names`: the names declared for this run (kept as folded words, in memory only);
        `sealed`: names declared before a restart, as keyed hashes."""
        self._names: list[NameTerms] = [DeclaredNames(names)]
        if sealed is not None:
            self._names.append(sealed)
        # Processing order matters: e-mail first (addresses contain digits, names and
        # postcode-like parts), then IBAN (contains a 9- or 10-digit run), phone (a 10-digit
        # run must not be read as a BSN), BSN, postcode, street address and finally names
        # (a street named after a person is an address, not a name).
        # Each rule: kind, pattern, replacement, and the spans it must not touch.
        self._rules: list[tuple[str, re.Pattern[str], _Replace, re.Pattern[str]]] = [
            ("email", _EMAIL, _replace_email, _PLACEHOLDER_SPLIT),
            ("iban", _IBAN, _replace_iban, _PLACEHOLDER_SPLIT),
            ("telefoon", _PHONE, _replace_phone, _PROTECTED_AFTER_IBAN),
            ("bsn", _BSN, _replace_bsn, _PROTECTED_AFTER_IBAN),
            ("postcode", _POSTCODE, _replace_postcode, _PROTECTED_AFTER_IBAN),
            ("adres", _ADDRESS, _replace_address, _PROTECTED_AFTER_IBAN),
        ]

    def with_sealed(self, sealed: SealedNames) -> Scrubber:
        """This scrubber, also scrubbing the sealed names."""
        other = Scrubber()
        other._names = [*self._names, sealed]
        return other

    @property
    def has_names(self) -> bool:
        """True when any name was declared (now or before a restart)."""
        return any(self._names)

    def scrub(self, text: str) -> ScrubResult:
        """`text` with every recognised personal value replaced by its placeholder."""
        counts = dict.fromkeys(KINDS, 0)
        # Repeat the passes until one finds nothing. Usually the second pass is that one; it
        # matters when a replacement exposes a new match (a phone number's swallowed tail is
        # only rescanned on the next pass). Every replacement turns scanned characters into a
        # protected placeholder, so this ends, and the result is a fixed point: scrubbing it
        # again changes nothing.
        while True:
            found = 0
            for kind, pattern, replace, protected in self._rules:
                text, count = _apply(pattern, replace, protected, text)
                counts[kind] += count
                found += count
            text, count = _apply_names(self._names, _PROTECTED_AFTER_IBAN, text)
            counts["naam"] += count
            found += count
            if not found:
                break
        removed = tuple(Removal(kind, counts[kind]) for kind in KINDS if counts[kind])
        return ScrubResult(text, removed)


def scrub(text: str, names: Iterable[str] = ()) -> ScrubResult:
    """Scrub one text; a convenience for `Scrubber(names).scrub(text)`."""
    return Scrubber(names).scrub(text)
