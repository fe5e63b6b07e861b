"""Rich renderables for a projector view's parts (plain dicts, as the hub sends them).

Participant and deck text is always a `Text`, never markup.
"""

from __future__ import annotations

from typing import Any, assert_never

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from workshop.decks.model import QuestionKind
from workshop.i18n import t

FULL, EMPTY = "█", "░"
MAX_WIDTH = 90
"""Bars longer than this are hard to compare across a room."""
View = dict[str, Any]


def options_table(question: View | None) -> RenderableType:
    """A question's answers: the key in a column of its own, long answers wrap under their
    text; a scale as its two ends; an open question as its limit."""
    if question is None:
        return Text()
    kind = question_kind(question)
    if kind is QuestionKind.KEUZE or kind is QuestionKind.MEERKEUZE:
        grid = Table.grid(padding=(0, 2), expand=True)
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        for option in question.get("options", []):
            grid.add_row(
                Text(f" {option['key']} ", style="reverse bold"), Text(str(option["text"]))
            )
        if kind is QuestionKind.MEERKEUZE:
            return Group(Text(t("card.multi", n=question["max_choices"]), style="italic"), grid)
        return grid
    if kind is QuestionKind.SCHAAL:
        return Text(
            t(
                "card.scale",
                low=question["min"],
                label_low=question["label_min"],
                high=question["max"],
                label_high=question["label_max"],
            )
        )
    if kind is QuestionKind.OPEN:
        return Text(t("scherm.open_hint"))
    assert_never(kind)


def question_kind(question: View) -> QuestionKind:
    """The kind of a question view (the `type` the views write)."""
    return QuestionKind(question["type"])


def _labels(question: View | None) -> dict[str, str]:
    if question is None:
        return {}
    match question_kind(question):
        case QuestionKind.KEUZE | QuestionKind.MEERKEUZE:
            return {str(o["key"]): str(o["key"]) for o in question.get("options", [])}
        case QuestionKind.SCHAAL:
            low, high = question["min"], question["max"]
            labels = {str(value): str(value) for value in range(low, high + 1)}
            labels[str(low)] = f"{low} {question['label_min']}"
            labels[str(high)] = f"{high} {question['label_max']}"
            return labels
        case QuestionKind.OPEN:
            return {}
        case unknown:
            assert_never(unknown)


def result_text(question: View | None, result: View | None, width: int) -> Text:
    """Bars with counts and percentages; for a scale one bar per value (a histogram on its
    side) with the median marked; 'te weinig stemmen' when withheld."""
    text = Text()
    if result is None:
        return text
    if result.get("withheld"):
        text.append(t("results.withheld"), style="bold")
        return text
    total = int(result.get("total") or 0)
    labels = _labels(question)
    label_width = max((len(label) for label in labels.values()), default=1)
    bar_width = max(6, min(width, MAX_WIDTH) - label_width - 12)
    percentages = {str(k): v for k, v in result.get("percentages", [])}
    median = result.get("median")
    for key, count in result.get("counts", []):
        key = str(key)
        if count is None:  # meerkeuze: ranked, no number below k
            text.append(f"{labels.get(key, key):<{label_width}} ", style="bold")
            text.append(t("results.below_k") + "\n", style="italic")
            continue
        filled = round(count / total * bar_width) if total else 0
        text.append(f"{labels.get(key, key):<{label_width}} ", style="bold")
        text.append(FULL * filled, style="bold")
        text.append(EMPTY * (bar_width - filled), style="dim")
        text.append(f" {count:>3} {percentages.get(key, 0):>3}%")
        if median is not None and _is_median(key, median):
            text.append(f"  ◀ {t('results.median')}", style="bold")
        text.append("\n")
    if median is not None:
        text.append(t("tui.results.median", median=f"{median:g}"), style="bold")
        text.append("\n")
    text.append(t("tui.results.total", n=total))
    return text


def _is_median(key: str, median: float) -> bool:
    """The bar the median falls on (a half-way median marks the lower of the two)."""
    try:
        return int(key) == int(median)
    except ValueError:
        return False


def shift_text(shift: View | None) -> Text:
    """'2 deelnemers kozen na het gesprek anders; van A naar C: 1'."""
    if shift is None:
        return Text()
    if shift.get("lost"):
        return Text(t("results.shift_lost"), style="bold")
    if shift.get("withheld"):
        return Text(t("results.shift_withheld"), style="bold")
    sentence = t("tui.results.shift", changed=shift["changed"], compared=shift["compared"])
    moves = "; ".join(t("results.move", old=a, new=b, n=n) for a, b, n in shift["moves"])
    return Text(f"{sentence}{'; ' + moves if moves else ''}", style="bold")


def results_block(
    question: View | None, results: list[View], shift: View | None, width: int
) -> RenderableType:
    """One round's result, or before and after side by side with the shift below. An open
    question has no distribution: its approved texts are the result."""
    if question is not None and question.get("type") == "open":
        return Text()
    if len(results) == 2:
        table = Table.grid(expand=True, padding=(0, 4))
        table.add_column(ratio=1)
        table.add_column(ratio=1)
        half = max(20, width // 2 - 4)
        table.add_row(
            Text().append(t("tui.results.before"), style="bold underline"),
            Text().append(t("tui.results.after"), style="bold underline"),
        )
        table.add_row(*(result_text(question, r["result"], half) for r in results))
        return Group(table, Text(), shift_text(shift))
    if results:
        return result_text(question, results[-1]["result"], width)
    return Text()


def texts_block(texts: list[str]) -> Text:
    """Approved open answers, each on its own line (participant text: never markup)."""
    text = Text()
    for number, entry in enumerate(texts):
        if number:
            text.append("\n")
        text.append("« ", style="bold")
        text.append(str(entry))
        text.append(" »", style="bold")
    return text


def agenda_block(agenda: list[str]) -> Text:
    text = Text()
    text.append(t("scherm.agenda") + "\n", style="bold underline")
    if not agenda:
        text.append(t("scherm.agenda_empty"), style="italic")
    for number, entry in enumerate(agenda, start=1):
        text.append(f"{number}. ", style="bold")
        text.append(str(entry) + "\n")
    return text


def agenda_vote_block(vote: View) -> Text:
    """An agenda item: the starting points while proposals come in; once the top-3 vote is
    revealed the ranked points with their votes ("minder dan k" without a number) and what
    was agreed: wie, wat, wanneer."""
    text = Text()
    if vote.get("withheld"):
        text.append(t("results.withheld"), style="bold")
        return text
    if vote.get("ranked"):
        text.append(t("scherm.agenda") + "\n", style="bold underline")
        for rank, row in enumerate(vote["ranked"], start=1):
            votes = row["votes"]
            # Below k the sentence carries its own parentheses: none around it.
            count = (
                t("results.below_k") if votes is None else f"({t('scherm.agenda_votes', n=votes)})"
            )
            text.append(f"{rank}. ", style="bold")
            text.append(str(row["point"]))
            text.append(f"  {count}\n", style="italic")
            action = " · ".join(str(row[part]) for part in ("wie", "wat", "wanneer") if row[part])
            if action:
                text.append("   → " + action + "\n")
        return text
    if vote.get("seeds"):
        text.append(t("scherm.agenda_seeds") + "\n", style="bold underline")
        for seed in vote["seeds"]:
            text.append("• " + str(seed) + "\n")
    return text


def proposals_block(proposals: list[str]) -> Text:
    """The room's own proposals (approved open answers), to choose the agenda from."""
    text = Text()
    text.append(t("scherm.proposals") + "\n", style="bold underline")
    for entry in proposals:
        text.append("« ", style="bold")
        text.append(str(entry))
        text.append(" »\n", style="bold")
    return text


def end_block(end: View, width: int) -> RenderableType:
    """The room's summary: the agenda first (what the evening decided), then what was
    revealed per item and the approved texts; a long evening is cut at the bottom."""
    parts: list[RenderableType] = [
        Text(
            t("scherm.end_facts", day=end["day"], participants=end["participants"]),
            style="italic",
        ),
        Text(),
        _stripped(agenda_block(end["agenda"])),
        Text(),
    ]
    for item in end["items"]:
        parts.append(Text().append(f"{item['number']}. {item['title']}", style="bold underline"))
        question = item.get("question")
        if question is not None:
            parts.append(Text(str(question["text"]), style="italic"))
        if item["results"] and (question is None or question["type"] != "open"):
            parts.append(results_block(question, item["results"], item.get("shift"), width))
        if item["texts"]:
            parts.append(texts_block(item["texts"]))
        parts.append(Text())
    return Group(*parts)


def _stripped(text: Text) -> Text:
    text.rstrip()
    return text
