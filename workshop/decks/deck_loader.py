"""Turning one deck file into a `Deck`, reporting every problem in it at once."""

from __future__ import annotations

import re
from typing import Any, TypeVar, assert_never

from workshop.decks.content_rules import check_content
from workshop.decks.fields import FieldSpec, check_table
from workshop.decks.model import (
    OPEN_TEXT_MAX,
    Card,
    ChoiceQuestion,
    Deck,
    DeckKind,
    MultiChoiceQuestion,
    OpenQuestion,
    Option,
    Question,
    QuestionKind,
    ScaleQuestion,
    Tier,
)
from workshop.decks.source import SourceFile
from workshop.decks.themes import THEMES, ZELFTEST_THEMES
from workshop.i18n import t

E = TypeVar("E", DeckKind, QuestionKind)

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANGUAGES = ("nl", "en")
MIN_OPTIONS, MAX_OPTIONS = 2, 10
MAX_SCALE_STEPS = 11

DECK_FIELDS = {
    "id": FieldSpec(str, required=True),
    "titel": FieldSpec(str, required=True),
    "soort": FieldSpec(str, required=True),
    "taal": FieldSpec(str, required=True),
    "beschrijving": FieldSpec(str),
    "kaart": FieldSpec(list, required=True, items=dict),
}

CARD_FIELDS = {
    "id": FieldSpec(str, required=True),
    "titel": FieldSpec(str, required=True),
    "lagen": FieldSpec(list, required=True, items=str),
    "situatie": FieldSpec(str, required=True),
    "vraag": FieldSpec(list, required=True, items=dict),
    "thema": FieldSpec(str),
    "regel": FieldSpec(str),
    "gespreksvraag": FieldSpec(str),
    "doorvragen": FieldSpec(list, items=str),
    "wat_als": FieldSpec(list, items=str),
    "achtergrond": FieldSpec(str),
    "vuistregels": FieldSpec(list, items=str),
    "volgende_stap": FieldSpec(str),
    "aanspreekpunt": FieldSpec(str),
    "reflecties": FieldSpec(list, items=str),
}

# Fields each kind of deck needs on top of the common ones.
REQUIRED_BY_KIND: dict[DeckKind, set[str]] = {
    DeckKind.DILEMMA: {"thema", "doorvragen", "wat_als", "achtergrond", "vuistregels"},
    DeckKind.VUISTREGEL: {"regel", "gespreksvraag"},
    DeckKind.SIGNAAL: {"thema", "volgende_stap", "aanspreekpunt"},
    DeckKind.WARMING_UP: set(),
    DeckKind.AGENDA: set(),
    DeckKind.ZELFTEST: {"thema", "reflecties"},
}

QUESTION_FIELDS = {
    "type": FieldSpec(str, required=True),
    "tekst": FieldSpec(str, required=True),
    "opties": FieldSpec(list, items=dict),
    "min": FieldSpec(int),
    "max": FieldSpec(int),
    "label_min": FieldSpec(str),
    "label_max": FieldSpec(str),
    "max_lengte": FieldSpec(int),
    "max_keuzes": FieldSpec(int),
}


def question_fields(kind: QuestionKind) -> tuple[set[str], set[str]]:
    """The fields a question of `kind` needs, and the fields it may have."""
    match kind:
        case QuestionKind.KEUZE:
            return {"opties"}, {"type", "tekst", "opties"}
        case QuestionKind.SCHAAL:
            scale = {"min", "max", "label_min", "label_max"}
            return scale, {"type", "tekst", *scale}
        case QuestionKind.OPEN:
            return set(), {"type", "tekst", "max_lengte"}
        case QuestionKind.MEERKEUZE:
            return {"opties", "max_keuzes"}, {"type", "tekst", "opties", "max_keuzes"}
        case _:
            assert_never(kind)


OPTION_FIELDS = {"sleutel": FieldSpec(str, required=True), "tekst": FieldSpec(str, required=True)}


def option_key(index: int) -> str:
    """The key of the `index`-th option: A, B, C, ..."""
    return chr(ord("A") + index)


def declared_id(source: SourceFile) -> str:
    """The deck id a file claims, even when the file has problems ('' if it has none)."""
    match = re.search(r'^\s*id\s*=\s*"([^"]*)"', source.text, re.MULTILINE)
    return match.group(1) if match else ""


def load_deck(source: SourceFile) -> Deck | None:
    """Build a deck from a parsed file; None if any problem was found (all are in `source`)."""
    document = source.parse()
    if document is None:
        return None
    before = len(source.problems)
    header = check_table(
        {k: v for k, v in document.items()},
        DECK_FIELDS,
        lambda key, message: source.add(message, line=source.key_line(key), field=key),
    )
    deck_id = header.get("id", "")
    if deck_id and not ID_PATTERN.match(deck_id):
        source.add(t("id.pattern"), line=source.key_line("id"), field="id")
    kind = _enum(DeckKind, header.get("soort"), source, "soort", None, source.key_line("soort"))
    language = header.get("taal")
    if language is not None and language not in LANGUAGES:
        source.add(
            t("value.choice", choices=", ".join(LANGUAGES)),
            line=source.key_line("taal"),
            field="taal",
        )
    cards = [
        _load_card(source, deck_id, kind, index, raw)
        for index, raw in enumerate(header.get("kaart", []))
    ]
    if "kaart" in header and not header["kaart"]:
        source.add(t("deck.no_cards"), field="kaart")
    _check_unique_cards(source, cards)
    if len(source.problems) > before or kind is None:
        return None
    return Deck(
        id=deck_id,
        title=header["titel"],
        kind=kind,
        language=header["taal"],
        cards=tuple(card for card in cards if card is not None),
        description=header.get("beschrijving", ""),
        source=source.path,
    )


def _load_card(
    source: SourceFile, deck_id: str, kind: DeckKind | None, index: int, raw: dict[str, Any]
) -> Card | None:
    start = source.table_line("kaart", index)
    raw_id = raw.get("id")
    card_id = raw_id if isinstance(raw_id, str) else f"#{index + 1}"
    before = len(source.problems)

    def report(key: str, message: str) -> None:
        source.add(message, line=source.key_line(key, start), card=card_id, field=key)

    required = REQUIRED_BY_KIND.get(kind, set()) if kind else set()
    fields = check_table(raw, CARD_FIELDS, report, required)
    if "id" in fields and not ID_PATTERN.match(fields["id"]):
        report("id", t("id.pattern"))
    theme = fields.get("thema")
    themes = ZELFTEST_THEMES if kind is DeckKind.ZELFTEST else THEMES
    if theme is not None and theme not in themes:
        report("thema", t("value.choice", choices=", ".join(themes)))
    tiers = _tiers(fields["lagen"], report) if "lagen" in fields else ()
    questions = [
        _load_question(source, card_id, start, number, question)
        for number, question in enumerate(fields.get("vraag", []))
    ]
    if "vraag" in fields and not questions:
        report("vraag", t("card.no_questions"))
    if kind is DeckKind.ZELFTEST:
        _check_reflections(questions, fields.get("reflecties", []), report)
    for link in fields.get("vuistregels", []):
        if link.count("/") != 1:
            report("vuistregels", t("link.format", link=link))
        else:
            # Checked against all decks later, also when this card has other problems.
            source.links.append((card_id, link))
    if len(source.problems) > before:
        return None
    card = Card(
        deck_id=deck_id,
        id=fields["id"],
        title=fields["titel"],
        tiers=tiers,
        situation=_clean(fields["situatie"]),
        questions=tuple(q for q in questions if q is not None),
        theme=theme,
        rule=_optional(fields.get("regel")),
        discussion_question=_optional(fields.get("gespreksvraag")),
        follow_up=tuple(fields.get("doorvragen", ())),
        what_if=tuple(fields.get("wat_als", ())),
        background=_optional(fields.get("achtergrond")),
        rule_links=tuple(fields.get("vuistregels", ())),
        next_step=_optional(fields.get("volgende_stap")),
        contact=_optional(fields.get("aanspreekpunt")),
        reflections=tuple(_clean(text) for text in fields.get("reflecties", ())),
    )
    if kind is not None:
        check_content(card, kind, report)
    return None if len(source.problems) > before else card


def _check_reflections(
    questions: list[Question | None], reflections: list[str], report: Any
) -> None:
    """A zelftest statement: one question (keuze or schaal) and a reflection per answer."""
    if len(questions) != 1 or questions[0] is None:
        if len(questions) != 1:
            report("vraag", t("zelftest.one_question"))
        return
    question = questions[0]
    match question:
        case ChoiceQuestion():
            answers = len(question.options)
        case ScaleQuestion():
            answers = len(question.values)
        case OpenQuestion() | MultiChoiceQuestion():
            report("vraag", t("zelftest.question_kind"))
            return
        case _:
            assert_never(question)
    if len(reflections) != answers:
        report("reflecties", t("zelftest.reflections", n=answers, got=len(reflections)))


def _tiers(values: list[str], report: Any) -> tuple[Tier, ...]:
    tiers: list[Tier] = []
    for value in values:
        if value not in Tier.__members__.values():
            report("lagen", t("value.choice", choices=", ".join(Tier)))
        elif Tier(value) in tiers:
            report("lagen", t("value.duplicate", value=value))
        else:
            tiers.append(Tier(value))
    if not values:
        report("lagen", t("field.empty"))
    return tuple(tiers)


def _load_question(
    source: SourceFile, card_id: str, card_line: int | None, number: int, raw: dict[str, Any]
) -> Question | None:
    # `[[kaart.vraag]]` headers are counted from the card's own header on.
    line = _nth_after(source, "kaart.vraag", card_line, number)
    label = f"vraag {number + 1}"

    def report(key: str, message: str) -> None:
        source.add(message, line=source.key_line(key, line), card=card_id, field=f"{label}.{key}")

    fields = check_table(raw, QUESTION_FIELDS, report)
    kind = _enum(QuestionKind, fields.get("type"), source, f"{label}.type", card_id, line)
    if kind is None:
        return None
    required, allowed = question_fields(kind)
    for key in required - raw.keys():
        report(key, t("field.missing"))
    for key in fields.keys() - allowed:
        report(key, t("question.field_not_for", kind=kind.value))
    text = fields.get("tekst", "")
    match kind:
        case QuestionKind.KEUZE:
            return _choice(text, fields.get("opties"), report)
        case QuestionKind.SCHAAL:
            return _scale(text, fields, report)
        case QuestionKind.OPEN:
            return _open(text, fields, report)
        case QuestionKind.MEERKEUZE:
            return _multi_choice(text, fields, report)
        case _:
            assert_never(kind)


def _open(text: str, fields: dict[str, Any], report: Any) -> Question | None:
    limit = fields.get("max_lengte", OPEN_TEXT_MAX)
    if not 1 <= limit <= OPEN_TEXT_MAX:
        report("max_lengte", t("value.range", low=1, high=OPEN_TEXT_MAX))
        return None
    return OpenQuestion(text, limit)


def _choice(text: str, raw_options: list[dict[str, Any]] | None, report: Any) -> Question | None:
    options = _options(raw_options, report)
    return ChoiceQuestion(text, options) if options is not None else None


def _multi_choice(text: str, fields: dict[str, Any], report: Any) -> Question | None:
    options = _options(fields.get("opties"), report)
    most = fields.get("max_keuzes")
    if options is None or most is None:
        return None
    if not 1 <= most <= len(options):
        report("max_keuzes", t("value.range", low=1, high=len(options)))
        return None
    return MultiChoiceQuestion(text, options, most)


def _options(raw_options: list[dict[str, Any]] | None, report: Any) -> tuple[Option, ...] | None:
    """The lettered options of a keuze or meerkeuze question; None after reporting why not."""
    if raw_options is None:
        return None
    options: list[Option] = []
    ok = True
    if not MIN_OPTIONS <= len(raw_options) <= MAX_OPTIONS:
        report("opties", t("options.count", low=MIN_OPTIONS, high=MAX_OPTIONS, n=len(raw_options)))
        ok = False
    for index, raw in enumerate(raw_options):
        fields = check_table(raw, OPTION_FIELDS, lambda k, m: report(f"opties.{k}", m))
        key = fields.get("sleutel")
        if key is None or "tekst" not in fields:
            ok = False
            continue
        if key != option_key(index):
            report("opties", t("options.order", expected=option_key(index), got=key))
            ok = False
        options.append(Option(key, fields["tekst"]))
    return tuple(options) if ok else None


def _scale(text: str, fields: dict[str, Any], report: Any) -> Question | None:
    needed = ("min", "max", "label_min", "label_max")
    if any(key not in fields for key in needed):
        return None
    low, high = fields["min"], fields["max"]
    if low >= high:
        report("max", t("scale.order", low=low, high=high))
        return None
    if high - low + 1 > MAX_SCALE_STEPS:
        report("max", t("scale.steps", most=MAX_SCALE_STEPS))
        return None
    return ScaleQuestion(text, low, high, fields["label_min"], fields["label_max"])


def _enum(
    enum: type[E], value: Any, source: SourceFile, field: str, card: str | None, line: int | None
) -> E | None:
    if value is None:
        return None
    try:
        return enum(value)
    except ValueError:
        choices = ", ".join(member.value for member in enum)
        source.add(t("value.choice", choices=choices), line=line, card=card, field=field)
        return None


def _nth_after(source: SourceFile, header: str, after: int | None, number: int) -> int | None:
    index = 0
    while (line := source.table_line(header, index)) is not None:
        if after is None or line > after:
            if number == 0:
                return line
            number -= 1
        index += 1
    return after


def _check_unique_cards(source: SourceFile, cards: list[Card | None]) -> None:
    seen_ids: set[str] = set()
    for card in cards:
        if card is None:
            continue
        if card.id in seen_ids:
            source.add(t("id.duplicate_in_deck"), card=card.id, field="id")
        seen_ids.add(card.id)


def _clean(text: str) -> str:
    """Collapse the line breaks of a TOML multi-line string into running text."""
    paragraphs = [" ".join(part.split()) for part in text.strip().split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def _optional(text: str | None) -> str | None:
    return _clean(text) if text is not None else None
