"""The summary as plain Markdown, readable in any editor; text bars for distributions."""

from __future__ import annotations

from workshop.engine.scrub import PLACEHOLDERS
from workshop.i18n import t
from workshop.summary.build import AgendaSummary, ItemSummary, RoundSummary, Summary

BAR_WIDTH = 20

_SPECIAL = "\\`*_[]()<>!#|"
_PLACEHOLDERS = tuple(placeholder.strip("[]") for placeholder in PLACEHOLDERS.values())


def escape(text: str) -> str:
    """Participant and trainer text as literal Markdown: no links, images or raw HTML.

    The scrubber's placeholders stay readable ("[naam]"); with "(" escaped after them they
    can never become a link.
    """
    escaped = "".join("\\" + char if char in _SPECIAL else char for char in text)
    for word in _PLACEHOLDERS:
        escaped = escaped.replace(f"\\[{word}\\]", f"[{word}]")
    return escaped


def render_markdown(summary: Summary) -> str:
    lines = [
        f"# {summary.title}",
        "",
        f"- {t('summary.programme')}: {summary.programme}",
        f"- {t('summary.day')}: {summary.day}",
        f"- {t('summary.participants')}: {summary.participants}",
        f"- {t('summary.keep_until')}: {summary.keep_until}",
        "",
    ]
    for item in summary.items:
        lines += _item(item)
    lines += [f"## {t('sessions.agenda')}", ""]
    lines += [f"{n}. {escape(entry)}" for n, entry in enumerate(summary.agenda, 1)] or [
        t("summary.agenda_empty")
    ]
    for vote in summary.agenda_votes:
        lines += ["", *_agenda_table(vote)]
    lines += ["", f"## {t('summary.privacy')}", ""]
    lines += [f"- {line}" for line in summary.privacy]
    return "\n".join(lines) + "\n"


def _agenda_table(vote: AgendaSummary) -> list[str]:
    """An agenda item's ranked points as a table: point, votes, wie, wat, wanneer."""
    lines = [f"### {vote.number}. {escape(vote.title)}", ""]
    if vote.withheld:
        return [*lines, t("results.withheld")]
    if not vote.rows:
        return [*lines, t("summary.agenda_no_vote")]
    header = [
        "#",
        t("summary.agenda.point"),
        t("summary.agenda.votes"),
        t("summary.agenda.wie"),
        t("summary.agenda.wat"),
        t("summary.agenda.wanneer"),
    ]
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in vote.rows:
        votes = t("results.below_k") if row.votes is None else str(row.votes)
        typed = [escape(cell) for cell in (row.point, row.wie, row.wat, row.wanneer)]
        cells = [str(row.rank), typed[0], votes, *typed[1:]]
        lines.append("| " + " | ".join(cells) + " |")
    if vote.voters is not None:
        lines += ["", t("summary.agenda.voters", n=vote.voters)]
    return lines


def _item(item: ItemSummary) -> list[str]:
    lines = [f"## {item.number}. {item.title}", ""]
    if item.question:
        lines += [f"**{item.question}**", ""]
    for key, text in item.options:
        if text:
            lines.append(f"- {key}: {text}")
    if item.options:
        lines.append("")
    for round_ in item.rounds:
        lines += _round(round_, len(item.rounds) > 1)
    if item.shift is not None:
        if item.shift.lost:
            lines += [t("results.shift_lost"), ""]
        elif item.shift.withheld:
            lines += [t("results.shift_withheld"), ""]
        else:
            moves = "; ".join(t("results.move", old=a, new=b, n=n) for a, b, n in item.shift.moves)
            sentence = t("results.shift", changed=item.shift.changed, compared=item.shift.compared)
            lines += [f"{sentence}{': ' + moves if moves else ''}.", ""]
    if item.texts:
        lines += [f"{t('summary.texts')}:", ""]
        lines += [f"> {escape(text)}" for text in item.texts]
        lines.append("")
    for note in item.notes:
        lines += [f"{t('sessions.note')}: {escape(note)}", ""]
    return lines


def _round(round_: RoundSummary, label: bool) -> list[str]:
    head = [f"{t('summary.round_' + str(round_.attempt))}:"] if label else []
    if not round_.closed:
        return [*head, t("sessions.not_closed"), ""]
    if round_.withheld or round_.counts is None:
        return [*head, t("results.withheld"), ""]
    if not round_.counts:  # an open question: the answers are the approved texts
        return [*head, t("summary.answers", n=round_.total), ""]
    width = max(len(key) for key, _ in round_.rows())
    body = ["```"]
    for key, count in round_.rows():
        if count is None:  # meerkeuze: picked by fewer than k, no number
            body.append(f"{key:<{width}} {t('results.below_k')}")
            continue
        filled = round(count / round_.total * BAR_WIDTH) if round_.total else 0
        bar = "█" * filled + "·" * (BAR_WIDTH - filled)
        body.append(f"{key:<{width}} {bar} {count:>3} ({round_.percentage(count)}%)")
    body.append("```")
    extra = [t("summary.median", median=f"{round_.median:g}")] if round_.median is not None else []
    return [*head, *body, *extra, t("tui.results.total", n=round_.total), ""]
