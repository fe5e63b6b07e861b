"""Domain errors: an illegal command, refused with a machine code and a reader's message.

The hub turns one into an `error` reply for the phone that sent it; the TUI into a notice.
Neither crashes the process.
"""

from __future__ import annotations

from enum import StrEnum

from workshop.i18n import t


class ErrorCode(StrEnum):
    """Machine codes, stable across languages (the protocol sends them)."""

    UNKNOWN_PARTICIPANT = "unknown_participant"
    JOINING_LOCKED = "joining_locked"
    NO_QUESTION = "no_question"
    WRONG_ROUND = "wrong_round"
    ROUND_NOT_OPEN = "round_not_open"
    WRONG_PHASE = "wrong_phase"
    UNKNOWN_OPTION = "unknown_option"
    OUT_OF_RANGE = "out_of_range"
    WRONG_ANSWER_TYPE = "wrong_answer_type"
    TOO_MANY_CHOICES = "too_many_choices"
    AGENDA_NOT_READY = "agenda_not_ready"
    UNKNOWN_AGENDA_POINT = "unknown_agenda_point"
    NOT_AGENDA = "not_agenda"
    NOT_ZELFTEST = "not_zelftest"
    TEXT_EMPTY = "text_empty"
    TEXT_TOO_LONG = "text_too_long"
    UNKNOWN_TEXT = "unknown_text"
    NO_SUCH_ITEM = "no_such_item"
    NO_SUCH_NOTE = "no_such_note"
    NO_REVOTE = "no_revote"
    SESSION_ENDED = "session_ended"
    UNKNOWN_AGENDA_ITEM = "unknown_agenda_item"
    UNKNOWN_COMMAND = "unknown_command"
    BAD_ARGUMENTS = "bad_arguments"


class DomainError(Exception):
    """A command the session refuses; `code` for machines, `message` for people."""

    def __init__(self, code: ErrorCode, **values: object) -> None:
        self.code = code
        self.values = values
        super().__init__(code.value)

    @property
    def message(self) -> str:
        """The explanation in the current language."""
        return t(f"error.{self.code.value}", **self.values)

    def __str__(self) -> str:
        return self.message
