"""Everything a person reads, in Dutch (default) or English, from one catalogue per language.

Code asks for a message by key: `t("field.missing")`. Placeholders use `str.format` names.
A message that counts something may have a singular form under `<key>.one`: it is used when
the count (the first placeholder given a whole number) is 1, so "1 deelnemer", never
"1 deelnemers".
"""

from __future__ import annotations

import string

from workshop.locale import en, nl

CATALOGUES: dict[str, dict[str, str]] = {"nl": nl.MESSAGES, "en": en.MESSAGES}
DEFAULT_LANGUAGE = "nl"

_language = DEFAULT_LANGUAGE


def set_language(language: str) -> None:
    """Choose the language for all later messages; unknown languages raise ValueError."""
    global _language
    if language not in CATALOGUES:
        raise ValueError(language)
    _language = language


def language() -> str:
    return _language


def t(key: str, /, **values: object) -> str:
    """The message `key` in the current language, with `values` filled in."""
    template = _template(key)
    if values and _count(template, values) == 1 and _has(f"{key}.one"):
        template = _template(f"{key}.one")
    return template.format(**values) if values else template


def _template(key: str) -> str:
    return CATALOGUES[_language].get(key) or CATALOGUES[DEFAULT_LANGUAGE][key]


def _has(key: str) -> bool:
    return key in CATALOGUES[_language] or key in CATALOGUES[DEFAULT_LANGUAGE]


def _count(template: str, values: dict[str, object]) -> int | None:
    """The value of the template's first placeholder that is given a whole number."""
    for _, field, _, _ in string.Formatter().parse(template):
        value = values.get(field) if field else None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    return None
