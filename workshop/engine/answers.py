"""Which answers a question accepts: one place per question kind."""

from __future__ import annotations

from typing import assert_never

from workshop.decks.model import ChoiceQuestion, OpenQuestion, Question, ScaleQuestion
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
        case _:
            assert_never(question)
