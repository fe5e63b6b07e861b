"""The session state machine: one owner of everything that changes during a workshop.

Every change is a command method that either raises `DomainError` or returns the events it
caused. Pure: the caller hands in tokens, today's date and the names to scrub; no clock, no
randomness, no I/O.

Anonymity lives here. The token -> answer map of a round exists only while the round is open
and, for a question that is asked again, until the revote closes (to count how answers
moved); after that only counts remain, and counts below k are withheld.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from workshop.decks.library import Library
from workshop.decks.model import (
    Card,
    CardItem,
    DeckKind,
    FreeItem,
    FreeItemKind,
    OpenQuestion,
    Programme,
    ProgrammeItem,
    Question,
    ScaleQuestion,
)
from workshop.engine.agenda import (
    ACTION_MAX,
    CHOOSE,
    PROPOSE,
    AgendaAction,
    AgendaPlan,
    RuleScore,
    points_for_vote,
    propose_question,
    seeds_from,
)
from workshop.engine.answers import valid_answer
from workshop.engine.errors import DomainError, ErrorCode
from workshop.engine.events import (
    AgendaChanged,
    Event,
    ItemChanged,
    JoiningChanged,
    NoteSaved,
    ParticipantsChanged,
    PhaseChanged,
    ScreenChanged,
    SessionEnded,
    SessionStarted,
    TextModerated,
    TextSubmitted,
    TimerChanged,
    VoteCounted,
    ZelftestFinished,
)
from workshop.engine.names import SealedNames
from workshop.engine.results import Answer, Result, Shift, shift, tally
from workshop.engine.scrub import Removal, Scrubber
from workshop.engine.timer import Timer


class Phase(StrEnum):
    SHOWN = "shown"
    OPEN = "open"
    CLOSED = "closed"
    REVEALED = "revealed"


@dataclass
class OpenText:
    """An answer to an open question, scrubbed on arrival, waiting for the trainer."""

    id: int
    text: str
    token: str


@dataclass
class Round:
    """One time a question is put to the group. Attempt 2 is the revote."""

    id: int
    item_index: int
    attempt: int
    phase: Phase = Phase.SHOWN
    answers: dict[str, Answer] = field(default_factory=dict)
    """token -> answer: in memory only, dropped once counted (see module docstring)."""
    result: Result | None = None
    shift: Shift | None = None
    pending_texts: list[OpenText] = field(default_factory=list)
    approved_texts: list[str] = field(default_factory=list)
    reopened: bool = False
    """Open when the program stopped: its votes were lost and it was opened again, empty."""
    answers_lost: bool = False
    """Restored after a stop: who answered what is gone, so a revote cannot be compared."""

    @property
    def voted(self) -> int:
        if self.result is not None and self.result.total is not None:
            return self.result.total
        return len(self.answers)


def plain_text(text: str) -> str:
    """Text as a person typed it, without control or format characters, on one line.

    A phone can send escape sequences (cursor moves, window titles, clipboard writes) that a
    terminal would obey, or bidi overrides that disguise a text; none of that is kept.
    """
    kept = "".join(
        " " if char.isspace() else char
        for char in text
        if char.isspace() or not unicodedata.category(char).startswith("C")
    )
    return " ".join(kept.split())


def is_agenda(item: ProgrammeItem) -> bool:
    """Is this the integriteitsagenda item (`soort = "agenda"`), which has two rounds?"""
    return isinstance(item, FreeItem) and item.kind is FreeItemKind.AGENDA


def is_zelftest(item: ProgrammeItem) -> bool:
    """Is this a zelftest item: a private self-assessment on every phone?"""
    return isinstance(item, FreeItem) and item.kind is FreeItemKind.ZELFTEST


def timer_seconds(item: ProgrammeItem) -> int | None:
    """The timer an item starts with: a card item's `timer`; a break (`pauze`) counts down
    its planned `minuten`; other items have none."""
    if isinstance(item, CardItem):
        return item.timer_seconds
    if item.kind is FreeItemKind.PAUZE and item.minutes:
        return item.minutes * 60
    return None


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the end of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


class Session:
    """A workshop in progress: items, rounds, participants, notes and the agenda."""

    def __init__(
        self,
        session_id: str,
        programme: Programme,
        library: Library,
        today: date,
        names: Iterable[str] = (),
    ) -> None:
        self.id = session_id
        self.programme = programme
        self.library = library
        self.day = today
        self.keep_until = add_months(today, programme.privacy.retention_months)
        self.min_group = programme.privacy.min_group
        self.scrubber = Scrubber(names)
        self.names_declared = self.scrubber.has_names
        """Whether names to scrub were given (now or before a restart); the record keeps
        only this flag, so the report's privacy statement claims no more than holds."""
        self.item_index = 0
        self.rounds: list[Round] = []
        self.participants: set[str] = set()
        """Tokens that voted or sent a text in this run. A phone counts when it first takes
        part, not when it connects: connecting costs nothing to repeat, so a flood of joins
        must not fill the room or the record."""
        self.restored_participants = 0
        """Participants counted before a restart (their tokens were never stored)."""
        self.connected: dict[str, int] = {}
        """token -> number of open connections (a phone may briefly have two)."""
        self.locked = False
        self.started = False
        self.ended = False
        self.notes: dict[int, list[str]] = {}
        """Item index -> the trainer's notes on it, oldest first, each scrubbed."""
        self.agenda: list[str] = []
        self.agenda_plans: dict[int, AgendaPlan] = {}
        self.zelftest_finished: dict[int, set[str]] = {}
        """Zelftest items by index: the tokens of phones that said they finished. In memory
        only, to count each phone once; the answers themselves never leave the phone."""
        """Agenda items (`soort = "agenda"`) by item index: points, seeds and actions."""
        self.lobby = True
        """The projector shows the lobby (QR code and join code) instead of the item."""
        self.blackout = False
        """The projector is black ("zwart scherm"), whatever else is going on."""
        self.timer = Timer()
        """The countdown of the current item, shown big on the projector."""
        self._next_text_id = 1

    # ----------------------------------------------------------------- reading state

    @property
    def items(self) -> tuple[ProgrammeItem, ...]:
        return self.programme.items

    @property
    def item(self) -> ProgrammeItem:
        return self.items[self.item_index]

    def card_at(self, index: int) -> Card | None:
        item = self.items[index]
        return self.library.card(item.card_ref) if isinstance(item, CardItem) else None

    @property
    def card(self) -> Card | None:
        return self.card_at(self.item_index)

    def question_at(self, index: int) -> Question | None:
        """The question item `index` puts to the group: the card's question the programme
        chose (`vraag`, the first by default); None for a free item."""
        item = self.items[index]
        if is_agenda(item):
            rounds = self.rounds_of(index)
            plan = self.agenda_plans.get(index)
            if rounds and rounds[-1].attempt == CHOOSE and plan is not None:
                return plan.choose_question()
            return propose_question()
        if not isinstance(item, CardItem):
            return None
        return self.library.card(item.card_ref).questions[item.question_index]

    @property
    def question(self) -> Question | None:
        return self.question_at(self.item_index)

    @property
    def current_round(self) -> Round | None:
        """The latest round of the current item, if it has one."""
        for round_ in reversed(self.rounds):
            if round_.item_index == self.item_index:
                return round_
        return None

    def rounds_of(self, item_index: int) -> list[Round]:
        return [r for r in self.rounds if r.item_index == item_index]

    @property
    def participant_count(self) -> int:
        """How many phones took part (voted or sent a text). After a restart, returning phones
        are not counted twice but new ones may not be told apart from old ones: the larger
        count is the honest one."""
        return max(len(self.participants), self.restored_participants)

    @property
    def connected_count(self) -> int:
        """How many phones are connected now (joined with a token, socket open)."""
        return len(self.connected)

    def visible_result(self, round_: Round) -> Result | None:
        """The result anyone may see now: after reveal; live while open for a non-blind item."""
        if round_.phase is Phase.REVEALED:
            return round_.result
        item = self.items[round_.item_index]
        question = self.question_at(round_.item_index)
        if (
            round_.phase is Phase.OPEN
            and isinstance(item, CardItem)
            and not item.blind
            and question is not None
        ):
            return tally(question, round_.answers, self.min_group)
        return None

    # ----------------------------------------------------------------- participants

    def join(self, token: str, returning: bool = False) -> list[Event]:
        """A phone connects (or comes back) with a token the caller issued and verified.

        It becomes a participant only when it first votes or sends a text.
        `returning`: the caller verified a token it issued earlier (also before a restart):
        such a phone was admitted once and may come back when locked.
        """
        self._check_running()
        known = token in self.participants or token in self.connected
        if not known and self.locked and not returning:
            raise DomainError(ErrorCode.JOINING_LOCKED)
        self.connected[token] = self.connected.get(token, 0) + 1
        return [self._participants_changed()]

    def leave(self, token: str) -> list[Event]:
        """A phone's connection closed; it stays a participant and may come back."""
        count = self.connected.get(token, 0) - 1
        if count > 0:
            self.connected[token] = count
        else:
            self.connected.pop(token, None)
        return [self._participants_changed()]

    def set_locked(self, locked: bool) -> list[Event]:
        self.locked = locked
        return [JoiningChanged(locked)]

    def _participants_changed(self) -> ParticipantsChanged:
        return ParticipantsChanged(joined=self.participant_count, connected=self.connected_count)

    def _took_part(self, token: str) -> list[Event]:
        """Count `token` as a participant from its first vote or text on."""
        if token in self.participants:
            return []
        self.participants.add(token)
        return [self._participants_changed()]

    # ----------------------------------------------------------------- navigation

    def start(self) -> list[Event]:
        """Begin at the first item (once, before anything else)."""
        self._check_running()
        if self.started:
            raise DomainError(ErrorCode.WRONG_PHASE, phase="started")
        self.started = True
        return [SessionStarted(), *self._enter(0)]

    def next_item(self) -> list[Event]:
        return self.go_to(self.item_index + 1)

    def previous_item(self) -> list[Event]:
        return self.go_to(self.item_index - 1)

    def go_to(self, index: int) -> list[Event]:
        self._check_running()
        if not 0 <= index < len(self.items):
            raise DomainError(ErrorCode.NO_SUCH_ITEM, number=index + 1, count=len(self.items))
        events = self._close_open_round()
        return events + self._enter(index)

    def _enter(self, index: int) -> list[Event]:
        self.item_index = index
        item = self.items[index]
        self.timer.reset(timer_seconds(item))
        events: list[Event] = [ItemChanged(index)]
        has_rounds = isinstance(item, CardItem) or is_agenda(item)
        if has_rounds and not self.rounds_of(index):
            round_ = Round(id=len(self.rounds) + 1, item_index=index, attempt=1)
            self.rounds.append(round_)
            events.append(PhaseChanged(round_.id, round_.phase))
        if isinstance(item, FreeItem) and is_agenda(item) and index not in self.agenda_plans:
            seeds = seeds_from(self._rule_scores())
            self.agenda_plans[index] = AgendaPlan(seeds=seeds, max_choices=item.max_choices)
        return events

    def _rule_scores(self) -> list[RuleScore]:
        """How the group scored each vuistregel asked with a scale so far (medians of the
        results it may see: never one withheld below k)."""
        kinds = {deck.id: deck.kind for deck in self.library.decks}
        scores = []
        for round_ in self.rounds:
            question = self.question_at(round_.item_index)
            card = self.card_at(round_.item_index)
            result = round_.result
            if (
                card is not None
                and card.rule
                and kinds.get(card.deck_id) is DeckKind.VUISTREGEL
                and isinstance(question, ScaleQuestion)
                and result is not None
                and result.median is not None
            ):
                scores.append(
                    RuleScore(card.rule, result.median, question.minimum, question.maximum)
                )
        return scores

    def _close_open_round(self) -> list[Event]:
        """Leaving an item with voting still open closes it, so nothing stays half-done.

        A first round kept for a revote that did not happen is dropped too: the token map
        lives only until the revote, and leaving the item means there is none now.
        """
        round_ = self.current_round
        events = self.close_voting() if round_ is not None and round_.phase is Phase.OPEN else []
        for kept in self.rounds_of(self.item_index):
            if kept.phase is not Phase.OPEN:
                kept.answers = {}
        return events

    # ----------------------------------------------------------------- voting

    def _round_for_command(self, *phases: Phase) -> Round:
        self._check_running()
        round_ = self.current_round
        if round_ is None:
            raise DomainError(ErrorCode.NO_QUESTION)
        if round_.phase not in phases:
            raise DomainError(ErrorCode.WRONG_PHASE, phase=round_.phase.value)
        return round_

    def open_voting(self) -> list[Event]:
        round_ = self._round_for_command(Phase.SHOWN)
        round_.phase = Phase.OPEN
        return [PhaseChanged(round_.id, round_.phase)]

    def close_voting(self) -> list[Event]:
        round_ = self._round_for_command(Phase.OPEN)
        question = self._question_of(round_)
        round_.phase = Phase.CLOSED
        round_.result = tally(question, round_.answers, self.min_group)
        for pending in round_.pending_texts:
            pending.token = ""  # moderation needs the text, never who wrote it
        first = self._first_attempt(round_)
        if first is not None and first.answers_lost:
            round_.shift = Shift.first_round_lost()
            round_.answers = {}
        elif first is not None:
            round_.shift = shift(first.answers, round_.answers, self.min_group)
            first.answers = {}
            round_.answers = {}
        elif not self._will_revote(round_):
            round_.answers = {}
        return [PhaseChanged(round_.id, round_.phase)]

    def reveal(self) -> list[Event]:
        round_ = self._round_for_command(Phase.CLOSED)
        round_.phase = Phase.REVEALED
        return [PhaseChanged(round_.id, round_.phase)]

    def revote(self) -> list[Event]:
        """Put the same question again after the discussion (attempt 2), open at once."""
        round_ = self._round_for_command(Phase.CLOSED, Phase.REVEALED)
        if round_.attempt != 1 or not self._will_revote(round_):
            raise DomainError(ErrorCode.NO_REVOTE)
        second = Round(
            id=len(self.rounds) + 1, item_index=round_.item_index, attempt=2, phase=Phase.OPEN
        )
        self.rounds.append(second)
        self.timer.reset(self.timer.seconds)
        return [PhaseChanged(second.id, second.phase)]

    def cast_vote(self, token: str, round_id: int, answer: object) -> list[Event]:
        """One answer per participant per round; a new answer replaces the old while open."""
        round_ = self._open_round_for(token, round_id)
        question = self._question_of(round_)
        round_.answers[token] = valid_answer(question, answer)
        return [VoteCounted(round_.id, len(round_.answers)), *self._took_part(token)]

    def submit_text(self, token: str, round_id: int, text: object) -> list[Event]:
        """An open answer: scrubbed at once, then held for the trainer to approve or reject."""
        round_ = self._open_round_for(token, round_id)
        question = self._question_of(round_)
        if not isinstance(question, OpenQuestion):
            raise DomainError(ErrorCode.WRONG_ANSWER_TYPE)
        if not isinstance(text, str) or not text.strip():
            raise DomainError(ErrorCode.TEXT_EMPTY)
        cleaned = plain_text(text)
        if len(cleaned) > question.max_length:
            raise DomainError(ErrorCode.TEXT_TOO_LONG, most=question.max_length)
        scrubbed = self.scrubber.scrub(cleaned).text
        round_.answers[token] = "tekst"
        round_.pending_texts = [p for p in round_.pending_texts if p.token != token]
        pending = OpenText(self._next_text_id, scrubbed, token)
        self._next_text_id += 1
        round_.pending_texts.append(pending)
        submitted = TextSubmitted(round_.id, pending.id, len(round_.pending_texts))
        return [submitted, *self._took_part(token)]

    def moderate(self, text_id: int, approve: bool) -> list[Event]:
        """Approve (shown and kept) or reject (dropped, never stored) one open answer."""
        for round_ in self.rounds:
            for pending in round_.pending_texts:
                if pending.id == text_id:
                    round_.pending_texts.remove(pending)
                    if approve:
                        round_.approved_texts.append(pending.text)
                    return [TextModerated(text_id, approve)]
        raise DomainError(ErrorCode.UNKNOWN_TEXT, id=text_id)

    def pending_texts(self) -> list[tuple[int, OpenText]]:
        """(round id, text) waiting for moderation, oldest first."""
        return [(r.id, p) for r in self.rounds for p in r.pending_texts]

    def _open_round_for(self, token: str, round_id: int) -> Round:
        self._check_running()
        if token not in self.participants and token not in self.connected:
            raise DomainError(ErrorCode.UNKNOWN_PARTICIPANT)
        round_ = self.current_round
        if round_ is None or round_.id != round_id:
            raise DomainError(ErrorCode.WRONG_ROUND)
        if round_.phase is not Phase.OPEN:
            raise DomainError(ErrorCode.ROUND_NOT_OPEN)
        return round_

    def _question_of(self, round_: Round) -> Question:
        question = self.question_at(round_.item_index)
        assert question is not None, "rounds only exist for card items"
        return question

    def _will_revote(self, round_: Round) -> bool:
        item = self.items[round_.item_index]
        return isinstance(item, CardItem) and item.revote

    def _first_attempt(self, round_: Round) -> Round | None:
        if round_.attempt < 2:
            return None
        return next(r for r in self.rounds_of(round_.item_index) if r.attempt == 1)

    # ----------------------------------------------------------------- notes and agenda

    def add_sealed_names(self, sealed: SealedNames) -> None:
        """Names declared before a restart, as keyed hashes: scrubbed from now on as well."""
        self.scrubber = self.scrubber.with_sealed(sealed)
        self.names_declared = self.names_declared or bool(sealed)

    def save_note(self, text: str, item_index: int | None = None) -> list[Event]:
        """Add a note to an item (after its earlier ones; none is ever replaced by adding),
        scrubbed on save. An empty note adds nothing."""
        index = self._note_item(item_index)
        result = self.scrubber.scrub(plain_text(text))
        if result.text:
            self.notes.setdefault(index, []).append(result.text)
        return [NoteSaved(index, result.removed)]

    def edit_note(self, number: int, text: str, item_index: int | None = None) -> list[Event]:
        """Replace note `number` (1 = the item's first) with `text`, scrubbed on save; an
        empty text deletes it."""
        index = self._note_item(item_index)
        position = self._note_position(index, number)
        result = self.scrubber.scrub(plain_text(text))
        if result.text:
            self.notes[index][position] = result.text
        else:
            self._drop_note(index, position)
        return [NoteSaved(index, result.removed)]

    def delete_note(self, number: int, item_index: int | None = None) -> list[Event]:
        """Delete note `number` (1 = the item's first)."""
        index = self._note_item(item_index)
        self._drop_note(index, self._note_position(index, number))
        return [NoteSaved(index, ())]

    def _note_item(self, item_index: int | None) -> int:
        index = self.item_index if item_index is None else item_index
        if not 0 <= index < len(self.items):
            raise DomainError(ErrorCode.NO_SUCH_ITEM, number=index + 1, count=len(self.items))
        return index

    def _note_position(self, index: int, number: int) -> int:
        notes = self.notes.get(index, [])
        if not 1 <= number <= len(notes):
            raise DomainError(ErrorCode.NO_SUCH_NOTE, number=number, count=len(notes))
        return number - 1

    def _drop_note(self, index: int, position: int) -> None:
        del self.notes[index][position]
        if not self.notes[index]:
            del self.notes[index]

    def add_agenda(self, text: str) -> list[Event]:
        """An agreed action for the integrity agenda, scrubbed on save."""
        cleaned = plain_text(text)
        if not cleaned:
            raise DomainError(ErrorCode.TEXT_EMPTY)
        result = self.scrubber.scrub(cleaned)
        self.agenda.append(result.text)
        return [AgendaChanged(result.removed)]

    def finish_zelftest(self, token: str) -> list[Event]:
        """A phone says it finished the zelftest on the current item (no answer comes with
        it: there is none to send). Counted once per phone."""
        self._check_running()
        if token not in self.participants and token not in self.connected:
            raise DomainError(ErrorCode.UNKNOWN_PARTICIPANT)
        if not is_zelftest(self.item):
            raise DomainError(ErrorCode.NOT_ZELFTEST)
        finished = self.zelftest_finished.setdefault(self.item_index, set())
        finished.add(token)
        return [ZelftestFinished(len(finished)), *self._took_part(token)]

    def zelftest_count(self, index: int | None = None) -> int:
        """How many phones finished the zelftest of item `index` (the current one)."""
        index = self.item_index if index is None else index
        return len(self.zelftest_finished.get(index, ()))

    def start_agenda_vote(self) -> list[Event]:
        """On an agenda item whose proposals are closed: put the points (the seeds, then the
        approved proposals) to the vote as a meerkeuze, open at once."""
        self._check_running()
        plan = self.agenda_plans.get(self.item_index)
        round_ = self.current_round
        if plan is None or round_ is None:
            raise DomainError(ErrorCode.NOT_AGENDA)
        points = points_for_vote(plan.seeds, round_.approved_texts)
        ready = round_.attempt == PROPOSE and round_.phase in (Phase.CLOSED, Phase.REVEALED)
        if not ready or len(points) < 2:
            raise DomainError(ErrorCode.AGENDA_NOT_READY)
        plan.points = points
        choose = Round(
            id=len(self.rounds) + 1, item_index=self.item_index, attempt=CHOOSE, phase=Phase.OPEN
        )
        self.rounds.append(choose)
        return [PhaseChanged(choose.id, choose.phase), AgendaChanged()]

    def set_agenda_action(
        self, point: int, wie: str, wat: str, wanneer: str, item_index: int | None = None
    ) -> list[Event]:
        """Record who (a role), what and when for agenda point `point` (0-based, in the order
        of the vote); each part scrubbed like a note. Empty parts clear the action."""
        index = self.item_index if item_index is None else item_index
        plan = self.agenda_plans.get(index)
        if plan is None:
            raise DomainError(ErrorCode.NOT_AGENDA)
        if not 0 <= point < len(plan.points):
            raise DomainError(ErrorCode.UNKNOWN_AGENDA_POINT, number=point + 1)
        removed: list[Removal] = []
        parts: list[str] = []
        for text in (wie, wat, wanneer):
            cleaned = plain_text(text)
            if len(cleaned) > ACTION_MAX:
                raise DomainError(ErrorCode.TEXT_TOO_LONG, most=ACTION_MAX)
            result = self.scrubber.scrub(cleaned)
            removed.extend(result.removed)
            parts.append(result.text)
        if any(parts):
            plan.actions[point] = AgendaAction(*parts)
        else:
            plan.actions.pop(point, None)
        return [AgendaChanged(tuple(removed))]

    def remove_agenda(self, index: int) -> list[Event]:
        if not 0 <= index < len(self.agenda):
            raise DomainError(ErrorCode.UNKNOWN_AGENDA_ITEM, number=index + 1)
        del self.agenda[index]
        return [AgendaChanged()]

    # ----------------------------------------------------------------- the room's screen

    def show_lobby(self, shown: bool) -> list[Event]:
        """Show the lobby (QR and join code) on the projector, or go back to the item."""
        if self.lobby == shown:
            return []
        self.lobby = shown
        return [ScreenChanged(self.lobby, self.blackout)]

    def set_blackout(self, blackout: bool) -> list[Event]:
        """Make the projector black ("zwart scherm") or show it again."""
        if self.blackout == blackout:
            return []
        self.blackout = blackout
        return [ScreenChanged(self.lobby, self.blackout)]

    def start_timer(self, now: float) -> list[Event]:
        self._check_running()
        self.timer.start(now)
        return [self._timer_changed(now)]

    def stop_timer(self, now: float) -> list[Event]:
        self._check_running()
        self.timer.stop(now)
        return [self._timer_changed(now)]

    def adjust_timer(self, delta: int, now: float) -> list[Event]:
        """Give the room more (or less) time: `delta` seconds, never below zero."""
        self._check_running()
        self.timer.adjust(delta, now)
        return [self._timer_changed(now)]

    def _timer_changed(self, now: float) -> TimerChanged:
        return TimerChanged(self.timer.left(now), self.timer.running(now))

    # ----------------------------------------------------------------- the end

    def end(self) -> list[Event]:
        """Close any open round and mark the session finished; drops every in-memory map."""
        events = self._close_open_round() if not self.ended else []
        self.ended = True
        self.lobby = False
        self.timer.reset(None)
        for round_ in self.rounds:
            round_.answers = {}
            round_.pending_texts = []
        self.connected.clear()
        self.zelftest_finished.clear()
        return [*events, SessionEnded()]

    def _check_running(self) -> None:
        if self.ended:
            raise DomainError(ErrorCode.SESSION_ENDED)
