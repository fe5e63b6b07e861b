"""The summary as JSON (everything) and CSV (the counts), for analysis.

JSON fields (all present, null where not applicable):

- ``session_id``, ``title``, ``programme`` (programme id), ``day`` (YYYY-MM-DD, no time),
  ``keep_until`` (YYYY-MM-DD), ``participants`` (phones that took part), ``min_group`` (k:
  smaller distributions are withheld), ``ended`` (bool);
- ``items``: in programme order, each with ``number`` (1-based), ``kind`` (``kaart`` or a
  free item kind), ``title``, ``ref`` (``deck/card``), ``question``, ``question_type``
  (``keuze``/``schaal``/``open``), ``options`` (list of ``[key, text]``), ``rounds`` (each
  ``attempt`` 1 or 2, ``counts`` as ``[key, count]`` pairs or null when withheld or not
  closed, ``total``, ``median`` for schaal, ``withheld``, ``closed``, ``hidden``: for
  meerkeuze the option keys picked by fewer than k, ranked, without a count), ``shift`` (null, or
  ``withheld``, ``lost`` (the first round was lost when the program stopped), ``compared``,
  ``changed``, ``moves`` as ``[from, to, count]``), ``texts``
  (approved open answers), ``notes`` (the trainer's scrubbed notes, a list, oldest first);
- ``agenda``: the integrity agenda, in order; ``privacy``: the privacy statement lines;
- ``agenda_votes``: per agenda item (``soort = "agenda"``) its ``number``, ``title``,
  ``seeds`` (starting points from the lowest-scored vuistregels), ``rows`` (ranked: ``rank``,
  ``point``, ``votes`` or null below k, ``wie`` (a role), ``wat``, ``wanneer``), ``voters``
  and ``withheld``.

CSV: one row per round and option with the columns in `CSV_COLUMNS`; a withheld round has
its rows with empty ``count``, ``total`` and ``percentage`` and ``withheld`` = 1. A
``meerkeuze`` round lists its options ranked (most picked first); an option picked by fewer
than k has an empty ``count`` and ``percentage`` and ``withheld`` = 1. An agenda item's
vote adds one row per point, ranked: ``option`` is the rank, ``option_text`` the point,
``count`` its votes (empty below k), and ``wie`` (a role), ``wat``, ``wanneer`` what was
agreed; those three columns are empty on every other row.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json

from workshop.summary.build import Summary

CSV_COLUMNS = (
    "session_id",
    "day",
    "item",
    "ref",
    "title",
    "attempt",
    "option",
    "option_text",
    "count",
    "total",
    "percentage",
    "withheld",
    "wie",
    "wat",
    "wanneer",
)


def render_json(summary: Summary) -> str:
    return json.dumps(dataclasses.asdict(summary), ensure_ascii=False, indent=2) + "\n"


def _cell(value: object) -> str:
    """Text for a spreadsheet cell; a leading = + - @ is neutralised (formula injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def render_csv(summary: Summary) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for item in summary.items:
        labels = dict(item.options)
        for round_ in item.rounds:
            if not round_.closed:
                continue
            keys = [key for key, _ in round_.rows()] if round_.counts else list(labels)
            counts = dict(round_.counts or ())
            for key in keys:
                count = counts.get(key) if not round_.withheld else None
                below_k = key in round_.hidden
                row = (
                    summary.session_id,
                    summary.day,
                    item.number,
                    item.ref,
                    item.title,
                    round_.attempt,
                    key,
                    labels.get(key, ""),
                    count,
                    None if round_.withheld else round_.total,
                    None if count is None else round_.percentage(count),
                    1 if round_.withheld or below_k else 0,
                    None,
                    None,
                    None,
                )
                writer.writerow([_cell(value) for value in row])
    for vote in summary.agenda_votes:
        for agenda_row in vote.rows:
            votes = agenda_row.votes
            share = round(votes * 100 / vote.voters) if votes is not None and vote.voters else None
            cells = (
                summary.session_id,
                summary.day,
                vote.number,
                None,
                vote.title,
                2,
                agenda_row.rank,
                agenda_row.point,
                votes,
                vote.voters,
                share,
                1 if votes is None else 0,
                agenda_row.wie,
                agenda_row.wat,
                agenda_row.wanneer,
            )
            writer.writerow([_cell(value) for value in cells])
    return out.getvalue()
