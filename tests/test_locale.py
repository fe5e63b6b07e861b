"""The Dutch and English catalogues say the same things: the same keys, and in every message
the same {placeholders}, so no language can crash or lose a value the other one shows."""

from __future__ import annotations

import string

import pytest

from workshop.i18n import CATALOGUES, DEFAULT_LANGUAGE


def placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}


def test_every_language_has_the_same_keys() -> None:
    dutch = set(CATALOGUES[DEFAULT_LANGUAGE])
    for language, messages in CATALOGUES.items():
        assert set(messages) - dutch == set(), f"only in {language}"
        assert dutch - set(messages) == set(), f"missing in {language}"


@pytest.mark.parametrize("language", sorted(set(CATALOGUES) - {DEFAULT_LANGUAGE}))
def test_every_message_has_the_same_placeholders(language: str) -> None:
    dutch = CATALOGUES[DEFAULT_LANGUAGE]
    different = {
        key: (placeholders(dutch[key]), placeholders(text))
        for key, text in CATALOGUES[language].items()
        if key in dutch and placeholders(dutch[key]) != placeholders(text)
    }
    assert different == {}


def test_placeholders_are_plain_names() -> None:
    """`{n}`, never `{0}` or `{n!r}`: a message is filled with names only."""
    for messages in CATALOGUES.values():
        for key, template in messages.items():
            for _, field, spec, conversion in string.Formatter().parse(template):
                if field is not None:
                    assert field.isidentifier() and not conversion, (key, field)
                    assert not spec or spec.replace(".", "").isalnum(), (key, spec)
