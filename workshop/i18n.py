"""Everything a person reads, in Dutch (default) or English, from one catalogue per language.

Code asks for a message by key: `t("field.missing")`. Placeholders use `str.format` names.
"""

from __future__ import annotations

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
    template = CATALOGUES[_language].get(key) or CATALOGUES[DEFAULT_LANGUAGE][key]
    return template.format(**values) if values else template
