"""Which answers a question accepts: one place per question kind."""

from __future__ import annotations

from typing import assert_never

from workshop.decks.model import (
    ChoiceQuestion,
    MultiChoiceQuestion,
    OpenQuestion,
    Question,
    ScaleQuestion,
)
from workshop.engine.errors import DomainError, ErrorCode
from workshop.engine.results import Answer


def valid_answer(question: Question, answer: object) -> Answer:
    """The answer as the engine keeps it, or a `DomainError` saying what is wrong with it.

    An open question is not voted on: its answers arrive as texts (`submit_text`).
    """
    match question:
        case ChoiceQuestion():
            if not isinstance(answer, str):
                raise DomainError(ErrorCode.WRONG_ANSWER_TYPE)
            if answer not in question.keys:
                raise DomainError(ErrorCode.UNKNOWN_OPTION, keys=", ".join(question.keys))
            return answer
        case ScaleQuestion():
            if not isinstance(answer, int) or isinstance(answer, bool):
                raise DomainError(ErrorCode.WRONG_ANSWER_TYPE)
            if answer not in question.values:
                raise DomainError(
                    ErrorCode.OUT_OF_RANGE, low=question.minimum, high=question.maximum
                )
            return answer
        case OpenQuestion():
            raise DomainError(ErrorCode.WRONG_ANSWER_TYPE)
        case MultiChoiceQuestion():
            return _picked(question, answer)
        case _:
            assert_never(question)


def _picked(question: MultiChoiceQuestion, answer: object) -> tuple[str, ...]:
    """One to `max_choices` different option keys, kept in the question's order (a new pick
    replaces the whole earlier one, so changing one choice is sending the new set)."""
    if not isinstance(answer, list | tuple) or not all(isinstance(key, str) for key in answer):
        raise DomainError(ErrorCode.WRONG_ANSWER_TYPE)
    unknown = [key for key in answer if key not in question.keys]
    if unknown:
        raise DomainError(ErrorCode.UNKNOWN_OPTION, keys=", ".join(question.keys))
    picked = set(answer)
    if len(picked) != len(answer) or not 1 <= len(picked) <= question.max_choices:
        raise DomainError(ErrorCode.TOO_MANY_CHOICES, most=question.max_choices)
    return tuple(key for key in question.keys if key in picked)
