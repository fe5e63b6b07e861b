"""The summary as one self-contained HTML5 page, for the party to file and to print on A4.

Everything travels inside the document: inline CSS and inline SVG charts, no scripts, no
fonts, no images and no `src`/`href`/`url(` at all, so opening the file never contacts the
network. Every piece of text (participant texts too) goes through `_e`; SVG coordinates are
computed from numbers only, never from text.
"""

from __future__ import annotations

from html import escape

from workshop.i18n import t
from workshop.summary.build import AgendaSummary, ItemSummary, RoundSummary, Summary

BEFORE = "#1f4e79"  # dark blue: a single round, or the first round of a revote
AFTER = "#c55a11"  # dark orange: the round after the discussion
TRACK = "#e4e9ef"  # light grey behind each bar, so 100% stays visible in print

# Chart geometry in SVG user units; fonts scale with the chart, so a round chart (half the
# page width) and the shift chart (full width, twice as wide in units) print at one size.
LABEL_W = 34  # room for the option key left of the bars
BAR_W = 230  # a bar at 100% of the votes
ROUND_W = LABEL_W + BAR_W + 96  # plus room for "12 (100%)" after a full bar
ROW_H = 28
BAR_H = 18
PAIR_H = 15  # each of the two bars of an option in the shift chart
PAIR_GAP = 14  # between the pairs of two options
SHIFT_BAR_W = ROUND_W * 2 - LABEL_W - 110
SHIFT_LEGEND_H = 30

CSS = f"""
@page {{ size: A4; margin: 18mm; }}
* {{ box-sizing: border-box; }}
html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
body {{ margin: 0; color: #000; background: #fff;
  font: 11pt/1.45 "Liberation Sans", "DejaVu Sans", Arial, Helvetica, sans-serif; }}
main.report {{ max-width: 174mm; margin: 0 auto; }}
h1, h2, h3 {{ break-after: avoid; page-break-after: avoid; line-height: 1.2; }}
h1 {{ font-size: 20pt; margin: 1mm 0 4mm; }}
h2 {{ font-size: 13.5pt; margin: 0 0 3mm; padding-bottom: 1mm;
  border-bottom: 1.5pt solid {BEFORE}; }}
h3 {{ font-size: 11pt; margin: 3mm 0 1.5mm; }}
p {{ margin: 0 0 2.5mm; }}
.kicker {{ margin: 0; font-size: 9pt; font-weight: bold; letter-spacing: .08em;
  text-transform: uppercase; color: {BEFORE}; }}
header.report-head {{ margin-bottom: 8mm; padding-bottom: 3mm; border-bottom: 3pt solid {BEFORE}; }}
dl.meta {{ display: grid; grid-template-columns: max-content 1fr; gap: .8mm 6mm; margin: 0; }}
dl.meta dt {{ font-weight: bold; }}
dl.meta dd {{ margin: 0; }}
section.item {{ break-inside: avoid; page-break-inside: avoid; margin: 0 0 9mm; }}
section.agenda, section.privacy {{ margin: 0 0 8mm; }}
ul.options {{ list-style: none; margin: 0 0 3mm; padding: 0; }}
ul.options li {{ padding-left: 2em; text-indent: -2em; }}
ul.options .key {{ display: inline-block; width: 2em; text-indent: 0; font-weight: bold; }}
.rounds {{ display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 4mm 8mm; }}
figure {{ margin: 0 0 3mm; break-inside: avoid; page-break-inside: avoid; }}
figcaption {{ font-size: 9.5pt; }}
figure.shift {{ margin-top: 1mm; padding-top: 2mm; border-top: .75pt solid #b0b7bf; }}
svg.chart {{ display: block; width: 100%; height: auto; }}
svg.chart text {{ font-family: inherit; fill: #000; }}
.withheld, .not-closed {{ font-style: italic; padding-left: 2mm; border-left: 3pt solid #767676; }}
.shift-text {{ font-weight: bold; }}
blockquote {{ margin: 0 0 2mm; padding: 1.5mm 3mm; border-left: 3pt solid {BEFORE};
  background: #f1f4f8; }}
.note {{ padding: 2mm 3mm; border: .75pt solid #767676; }}
ol.agenda li, ul.privacy li {{ margin-bottom: 1mm; }}
@media screen {{
  body {{ background: #dfe3e8; }}
  main.report {{ margin: 8mm auto; padding: 16mm 18mm; background: #fff;
    max-width: 210mm; box-shadow: 0 1px 4px rgba(0, 0, 0, .25); }}
}}
@media print {{
  main.report {{ max-width: none; margin: 0; padding: 0; }}
  blockquote, .note {{ break-inside: avoid; page-break-inside: avoid; }}
}}
"""


def render_html(summary: Summary) -> str:
    """The whole report as one HTML5 document (UTF-8 text, Dutch `lang`)."""
    meta = [
        (t("summary.programme"), summary.programme),
        (t("summary.day"), summary.day),
        (t("summary.participants"), str(summary.participants)),
        (t("summary.keep_until"), summary.keep_until),
    ]
    agenda = (
        "<ol class='agenda'>" + "".join(f"<li>{_e(a)}</li>" for a in summary.agenda) + "</ol>"
        if summary.agenda
        else f"<p>{_e(t('summary.agenda_empty'))}</p>"
    )
    kicker = t("tui.summary.title")
    if not summary.ended:  # a report of a cut-short evening says so at the top
        kicker += f" · {t('sessions.unfinished')}"
    parts = [
        "<!DOCTYPE html>",
        "<html lang='nl'>",
        "<head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>{_e(summary.title)}</title>",
        f"<style>{CSS}</style></head>",
        "<body><main class='report'>",
        f"<header class='report-head'><p class='kicker'>{_e(kicker)}</p>",
        f"<h1>{_e(summary.title)}</h1><dl class='meta'>",
        *(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in meta),
        "</dl></header>",
        *(_item(item) for item in summary.items),
        f"<section class='agenda'><h2>{_e(t('sessions.agenda'))}</h2>{agenda}",
        *(_agenda_table(vote) for vote in summary.agenda_votes),
        "</section>",
        f"<section class='privacy'><h2>{_e(t('summary.privacy'))}</h2><ul class='privacy'>",
        *(f"<li>{_e(line)}</li>" for line in summary.privacy),
        "</ul></section>",
        "</main></body></html>",
    ]
    return "\n".join(parts) + "\n"


def _e(text: object) -> str:
    """Escape any text for both element content and attribute values."""
    return escape(str(text), quote=True)


def _n(value: float) -> str:
    """An SVG coordinate: a number, at most one decimal, never text from the record."""
    return f"{float(value):.1f}".removesuffix(".0")


def _agenda_table(vote: AgendaSummary) -> str:
    """An agenda item's ranked points as a table: point, votes, wie, wat, wanneer."""
    head = f"<h3>{_e(vote.number)}. {_e(vote.title)}</h3>"
    if vote.withheld:
        return f"{head}<p class='withheld'>{_e(t('results.withheld'))}</p>"
    if not vote.rows:
        return f"{head}<p>{_e(t('summary.agenda_no_vote'))}</p>"
    columns = ("point", "votes", "wie", "wat", "wanneer")
    header = "".join(f"<th>{_e(t('summary.agenda.' + c))}</th>" for c in columns)
    body = []
    for row in vote.rows:
        votes = t("results.below_k") if row.votes is None else str(row.votes)
        cells = (row.point, votes, row.wie, row.wat, row.wanneer)
        body.append(
            f"<tr><td>{row.rank}</td>" + "".join(f"<td>{_e(c)}</td>" for c in cells) + "</tr>"
        )
    voters = t("summary.agenda.voters", n=vote.voters) if vote.voters is not None else ""
    return (
        f"{head}<table class='agenda-table'><thead><tr><th>#</th>{header}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table><p>{_e(voters)}</p>"
    )


def _item(item: ItemSummary) -> str:
    """One programme item: heading, question, options, charts, shift, texts and note."""
    out = [f"<section class='item' data-kind='{_e(item.kind)}'>"]
    out.append(f"<h2>{item.number}. {_e(item.title)}</h2>")
    if item.question:
        out.append(f"<p class='question'><strong>{_e(item.question)}</strong></p>")
    options = [(key, text) for key, text in item.options if text]
    if options:
        out.append("<ul class='options'>")
        out += [f"<li><span class='key'>{_e(k)}:</span> {_e(v)}</li>" for k, v in options]
        out.append("</ul>")
    if item.rounds:
        labelled = len(item.rounds) > 1
        out.append("<div class='rounds'>")
        out += [_round(item, round_, labelled) for round_ in item.rounds]
        out.append("</div>")
    if len(item.rounds) > 1 and item.rounds[0].counts and item.rounds[-1].counts:
        # Both rounds have numbers: compare them option by option in one chart.
        chart = _shift_chart(item, item.rounds[0], item.rounds[-1])
        out.append(f"<figure class='shift'>{chart}</figure>")
    if item.shift is not None:
        if item.shift.lost:
            out.append(f"<p class='shift-text withheld'>{_e(t('results.shift_lost'))}</p>")
        elif item.shift.withheld:
            out.append(f"<p class='shift-text withheld'>{_e(t('results.shift_withheld'))}</p>")
        else:
            moves = "; ".join(t("results.move", old=a, new=b, n=n) for a, b, n in item.shift.moves)
            sentence = t("results.shift", changed=item.shift.changed, compared=item.shift.compared)
            text = f"{sentence}{': ' + moves if moves else ''}."
            out.append(f"<p class='shift-text'>{_e(text)}</p>")
    if item.texts:
        out.append(f"<h3>{_e(t('summary.texts'))}</h3><div class='texts'>")
        out += [f"<blockquote><p>{_e(text)}</p></blockquote>" for text in item.texts]
        out.append("</div>")
    for note in item.notes:
        out.append(f"<p class='note'><strong>{_e(t('sessions.note'))}:</strong> {_e(note)}</p>")
    out.append("</section>")
    return "\n".join(out)


def _label(round_: RoundSummary) -> str:
    """'Eerste ronde' / 'Na het gesprek'; any later attempt falls back to 'ronde N'."""
    if round_.attempt in (1, 2):
        return t(f"summary.round_{round_.attempt}")
    return t("sessions.round", attempt=round_.attempt)


def _round(item: ItemSummary, round_: RoundSummary, labelled: bool) -> str:
    """One round: its chart and totals, or only the reason why there are no numbers."""
    head = f"<h3>{_e(_label(round_))}</h3>" if labelled else ""
    if not round_.closed:
        body = f"<p class='not-closed'>{_e(t('sessions.not_closed'))}</p>"
    elif round_.withheld or round_.counts is None:  # no numbers at all, not even a total
        body = f"<p class='withheld'>{_e(t('results.withheld'))}</p>"
    elif not round_.counts:  # an open question: the answers are the approved texts
        body = f"<p>{_e(t('summary.answers', n=round_.total))}</p>"
    else:
        caption = [t("tui.results.total", n=round_.total)]
        if round_.median is not None:
            caption.append(t("summary.median", median=f"{round_.median:g}"))
        body = _round_chart(item, round_) + f"<figcaption>{_e(' · '.join(caption))}</figcaption>"
    return f"<figure class='round'>{head}{body}</figure>"


def _svg(css_class: str, data: str, width: float, height: float, label: str, body: str) -> str:
    """The `<svg>` wrapper every chart shares: scalable, labelled for screen readers."""
    return (
        f"<svg class='{css_class}' {data} role='img' aria-label='{_e(label)}' "
        f"viewBox='0 0 {_n(width)} {_n(height)}' preserveAspectRatio='xMinYMin meet'>"
        f"<title>{_e(label)}</title>{body}</svg>"
    )


def _bar(y: float, width: float, height: float, round_: RoundSummary, count: int, fill: str) -> str:
    """A grey 100% track, the bar for this count's share on top, and its numbers after it."""
    length = (count / round_.total if round_.total else 0.0) * width
    return (
        f"<rect x='{LABEL_W}' y='{_n(y)}' width='{_n(width)}' height='{_n(height)}' "
        f"fill='{TRACK}'/><rect x='{LABEL_W}' y='{_n(y)}' width='{_n(length)}' "
        f"height='{_n(height)}' fill='{fill}'/><text x='{_n(LABEL_W + length + 6)}' "
        f"y='{_n(y + height / 2 + 5)}' font-size='14'>{_e(_numbers(round_, count))}</text>"
    )


def _numbers(round_: RoundSummary, count: int) -> str:
    """A bar's text: the count and its share, e.g. '3 (75%)'."""
    return f"{count} ({round_.percentage(count)}%)"


def _key(y: float, key: str) -> str:
    """The option key left of its bar(s), vertically centred on `y`."""
    return f"<text x='0' y='{_n(y + 5)}' font-size='15' font-weight='bold'>{_e(key)}</text>"


def _describe(item: ItemSummary, round_: RoundSummary) -> str:
    """The chart in words, e.g. '1. Titel, Eerste ronde: A: 3 (75%), B: 1 (25%); 4 stemmen'."""
    counts = ", ".join(
        f"{k}: {t('results.below_k') if n is None else _numbers(round_, n)}"
        for k, n in round_.rows()
    )
    total = t("tui.results.total", n=round_.total)
    return f"{item.number}. {item.title}, {_label(round_)}: {counts}; {total}"


def _round_chart(item: ItemSummary, round_: RoundSummary) -> str:
    """Horizontal bars, one per option, as a share of this round's votes."""
    fill = AFTER if round_.attempt > 1 else BEFORE
    rows = []
    for row, (key, count) in enumerate(round_.rows()):
        y = row * ROW_H + (ROW_H - BAR_H) / 2
        if count is None:  # meerkeuze: picked by fewer than k, ranked without a number
            below = (
                f"<text x='{LABEL_W}' y='{_n(y + BAR_H / 2 + 5)}' font-size='14' "
                f"font-style='italic'>{_e(t('results.below_k'))}</text>"
            )
            rows.append(_key(y + BAR_H / 2, key) + below)
            continue
        rows.append(_key(y + BAR_H / 2, key) + _bar(y, BAR_W, BAR_H, round_, count, fill))
    data = f"data-round='{round_.attempt}' data-item='{item.number}'"
    height = len(rows) * ROW_H
    return _svg("chart", data, ROUND_W, height, _describe(item, round_), "".join(rows))


def _shift_chart(item: ItemSummary, before: RoundSummary, after: RoundSummary) -> str:
    """Per option a pair of bars: the share before (blue) and after (orange) the discussion."""
    pairs = ((before, dict(before.counts or ()), BEFORE), (after, dict(after.counts or ()), AFTER))
    keys = list(pairs[0][1]) + [key for key in pairs[1][1] if key not in pairs[0][1]]
    body = []
    for index, (round_, _, fill) in enumerate(pairs):  # the legend, above the bars
        x = LABEL_W + index * 200
        body.append(
            f"<rect x='{x}' y='4' width='14' height='14' fill='{fill}'/>"
            f"<text x='{x + 20}' y='16' font-size='14'>{_e(_label(round_))}</text>"
        )
    group = PAIR_H * 2 + PAIR_GAP
    for row, key in enumerate(keys):
        y = SHIFT_LEGEND_H + row * group
        body.append(_key(y + PAIR_H, key))
        for offset, (round_, counts, fill) in enumerate(pairs):
            count = counts.get(key, 0)
            body.append(_bar(y + offset * PAIR_H, SHIFT_BAR_W, PAIR_H - 1, round_, count, fill))
    height = SHIFT_LEGEND_H + len(keys) * group - PAIR_GAP + 4  # no gap after the last pair
    label = " / ".join((_describe(item, before), _describe(item, after)))
    data = f"data-item='{item.number}'"
    return _svg("chart shift-chart", data, ROUND_W * 2, height, label, "".join(body))
