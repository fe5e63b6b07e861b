"""The pure session engine: state machine, results, scrubbing, the anonymous record.

No I/O, no clock, no randomness of its own; no Textual, websockets or tinydb.
"""

from workshop.engine.errors import DomainError, ErrorCode
from workshop.engine.record import restore, to_record
from workshop.engine.results import Result, Shift
from workshop.engine.scrub import Removal, Scrubber, ScrubResult
from workshop.engine.session import Phase, Round, Session

__all__ = [
    "DomainError",
    "ErrorCode",
    "Phase",
    "Removal",
    "Result",
    "Round",
    "ScrubResult",
    "Scrubber",
    "Session",
    "Shift",
    "restore",
    "to_record",
]
