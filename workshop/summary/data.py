"""The summary as JSON (everything) and CSV (the counts), for analysis.

JSON fields (all present, null where not applicable):

- ``session_id``, ``title``, ``programme`` (programme id), ``day`` (YYYY-MM-DD, no time),
  ``keep_until`` (YYYY-MM-DD), ``participants`` (phones that took part), ``min_group`` (k:
  smaller distributions are withheld), ``ended`` (bool);
- ``items``: in programme order, each with ``number`` (1-based), ``kind`` (``kaart`` or a
  free item kind), ``title``, ``ref`` (``deck/card``), ``question``, ``question_type``
  (``keuze``/``schaal``/``open``), ``options`` (list of ``[key, text]``), ``rounds`` (each
  ``attempt`` 1 or 2, ``counts`` as ``[key, count]`` pairs or null when withheld or not
  closed, ``total``, ``median`` for schaal, ``withheld``, ``closed``), ``shift`` (null, or
  ``withheld``, ``lost`` (the first round was lost when the program stopped), ``compared``,
  ``changed``, ``moves`` as ``[from, to, count]``), ``texts``
  (approved open answers), ``notes`` (the trainer's scrubbed notes, a list, oldest first);
- ``agenda``: the integrity agenda, in order; ``privacy``: the privacy statement lines.

CSV: one row per round and option with the columns in `CSV_COLUMNS`; a withheld round has
its rows with empty ``count``, ``total`` and ``percentage`` and ``withheld`` = 1.
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
            keys = [key for key, _ in round_.counts] if round_.counts else list(labels)
            counts = dict(round_.counts or ())
            for key in keys:
                count = counts.get(key) if not round_.withheld else None
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
                    1 if round_.withheld else 0,
                )
                writer.writerow([_cell(value) for value in row])
    return out.getvalue()
