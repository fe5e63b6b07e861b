"""`workshop sessies ...`: list, show, delete and clean up the stored session records."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workshop.decks import DeckError, Library, load_checked
from workshop.decks.library import builtin_paths
from workshop.i18n import t
from workshop.paths import data_dir, reports_dir

if TYPE_CHECKING:
    from workshop.engine.results import Shift
    from workshop.engine.stored import StoredRound

# The report formats, without importing the renderers (kept light for --help).
FORMATS = ("md", "html", "csv", "json")
YES = ("j", "ja", "y", "yes")
"""Answers that confirm a deletion, in Dutch and English."""


def add_commands(commands: Any, data_option: argparse.ArgumentParser) -> None:
    """Register the `sessies` sub-commands on the main parser's sub-parsers."""
    sessions = commands.add_parser("sessies", help=t("cli.cmd.sessies"))
    sub = sessions.add_subparsers(dest="session_command", metavar="OPDRACHT", required=True)
    listing = sub.add_parser("lijst", help=t("cli.cmd.sessies.lijst"), parents=[data_option])
    listing.set_defaults(run=_list)
    show = sub.add_parser("toon", help=t("cli.cmd.sessies.toon"), parents=[data_option])
    show.add_argument("id", help=t("cli.sessies.id"))
    show.set_defaults(run=_show)
    delete = sub.add_parser("verwijder", help=t("cli.cmd.sessies.verwijder"), parents=[data_option])
    delete.add_argument("id", help=t("cli.sessies.id"))
    delete.add_argument("--ja", action="store_true", help=t("cli.sessies.ja"))
    delete.set_defaults(run=_delete)
    purge = sub.add_parser("opschonen", help=t("cli.cmd.sessies.opschonen"), parents=[data_option])
    purge.set_defaults(run=_purge)
    report = sub.add_parser("verslag", help=t("cli.cmd.sessies.verslag"), parents=[data_option])
    report.add_argument("id", help=t("cli.sessies.id"))
    report.add_argument("--formaat", choices=FORMATS, help=t("cli.verslag.formaat"))
    report.add_argument("--uit", metavar="PAD", help=t("cli.verslag.uit"))
    report.add_argument("--leesbaar", action="store_true", help=t("cli.verslag.leesbaar"))
    report.set_defaults(run=_report)
    compare = sub.add_parser(
        "vergelijk", help=t("cli.cmd.sessies.vergelijk"), parents=[data_option]
    )
    compare.add_argument("ids", nargs="+", metavar="ID", help=t("cli.vergelijk.ids"))
    compare.set_defaults(run=_compare)


def _open(args: argparse.Namespace, check: bool = True) -> Any:
    """The store, or None after saying why: unreadable, a damaged record (unless `check` is
    off, so that `verwijder` can remove one), or a folder that cannot be made."""
    # Imported here: tinydb is only needed by the commands that touch stored sessions.
    from workshop.store import BadRecordError, CorruptDatabaseError, SessionStore

    folder = data_dir(args.data)
    try:
        store = SessionStore.open(folder)
        if check:
            store.check()
    except (CorruptDatabaseError, BadRecordError) as error:
        print(error, file=sys.stderr)
        return None
    except OSError as error:
        print(t("store.unwritable", folder=folder, error=error), file=sys.stderr)
        return None
    return store


def _written(args: argparse.Namespace, change: Any) -> bool:
    """Run a change to the store; False after saying why when it could not be written."""
    try:
        change()
    except OSError as error:
        print(t("store.unwritable", folder=data_dir(args.data), error=error), file=sys.stderr)
        return False
    return True


def _list(args: argparse.Namespace) -> int:
    store = _open(args)
    if store is None:
        return 1
    records = store.all()
    if not records:
        print(t("sessions.none", folder=data_dir(args.data)))
    from workshop.engine.stored import read_record

    for stored in map(read_record, records):
        status = t("sessions.ended") if stored.ended else t("sessions.unfinished")
        print(
            f"{stored.id}  {stored.day}  {stored.title}  "
            f"{t('sessions.participants', n=stored.participants)}  {status}  "
            f"{t('sessions.keep_until', day=stored.keep_until)}"
        )
    return 0


def _find(args: argparse.Namespace, *session_ids: str) -> list[dict[str, Any]] | None:
    """The stored records, or None after saying why (unreadable database, unknown id)."""
    store = _open(args)
    if store is None:
        return None
    records = []
    for session_id in session_ids:
        record = store.get(session_id)
        if record is None:
            print(t("sessions.unknown", id=session_id), file=sys.stderr)
            return None
        records.append(record)
    return records


def _show(args: argparse.Namespace) -> int:
    found = _find(args, args.id)
    if found is None:
        return 1
    print(render_record(found[0]), end="")
    return 0


def _delete(args: argparse.Namespace) -> int:
    """Delete one session, after asking (or with `--ja`); without a terminal to ask on and
    without `--ja`, nothing is deleted."""
    store = _open(args, check=False)
    if store is None:
        return 1
    record = store.get(args.id)
    if record is None:
        print(t("sessions.unknown", id=args.id), file=sys.stderr)
        return 1
    if not args.ja:
        if not sys.stdin.isatty():
            print(t("sessions.delete_needs_yes", id=args.id), file=sys.stderr)
            return 1
        title, day = record.get("title", "?"), record.get("day", "?")
        question = t("sessions.delete_confirm", id=args.id, title=title, day=day)
        try:
            answer = input(question + " ")
        except EOFError:
            answer = ""
        if answer.strip().lower() not in YES:
            print(t("sessions.not_deleted", id=args.id))
            return 1
    deleted: list[bool] = []
    if not _written(args, lambda: deleted.append(store.delete(args.id))):
        return 1
    if not deleted[0]:
        print(t("sessions.unknown", id=args.id), file=sys.stderr)
        return 1
    print(t("sessions.deleted", id=args.id))
    return 0 if _remove_stale_keys(args, store) else 1


def _purge(args: argparse.Namespace) -> int:
    store = _open(args)
    if store is None:
        return 1
    gone: list[dict[str, Any]] = []
    if not _written(args, lambda: gone.extend(store.purge(date.today()))):
        return 1
    for record in gone:
        print(t("sessions.purged", id=record["id"], day=record["keep_until"]))
    if not gone:
        print(t("sessions.nothing_expired"))
    return 0 if _remove_stale_keys(args, store) else 1


def _remove_stale_keys(args: argparse.Namespace, store: Any) -> bool:
    """Delete the key files (`sleutels/`) of sessions that are ended, deleted or expired,
    also those a crash left behind; False after saying why that failed."""
    from workshop.store.keyfiles import remove_stale_keys

    folder = data_dir(args.data)
    try:
        removed = remove_stale_keys(folder, store.all(), date.today())
    except OSError as error:
        print(t("sessions.keys_not_removed", folder=folder, error=error), file=sys.stderr)
        return False
    if removed:
        print(t("sessions.keys_removed", n=len(removed)))
    return True


def _report(args: argparse.Namespace) -> int:
    from workshop.summary.export import RENDERERS, write_report

    found = _find(args, args.id)
    if found is None:
        return 1
    record = found[0]
    library = _library(args)
    if args.uit == "-":
        if args.formaat is None:
            print(t("cli.verslag.one_format"), file=sys.stderr)
            return 2
        from workshop.summary import build_summary

        print(RENDERERS[args.formaat](build_summary(record, library)), end="")
        return 0
    formats = (args.formaat,) if args.formaat else FORMATS
    # Without --uit: the same documented folder the console's export offers (made 0700).
    folder = Path(args.uit).expanduser() if args.uit else reports_dir()
    for path in write_report(record, library, folder, formats, readable=args.leesbaar):
        print(t("cli.verslag.written", path=path))
    return 0


def _compare(args: argparse.Namespace) -> int:
    from workshop.summary import build_summary
    from workshop.summary.compare import compare, render_agenda_history, render_comparison

    records = _find(args, *args.ids)
    if records is None:
        return 1
    library = _library(args)
    summaries = [build_summary(record, library) for record in records]
    print(render_comparison(compare(summaries)), end="")
    agenda = render_agenda_history(summaries)
    if agenda:
        print("\n" + agenda, end="")
    return 0


def _library(args: argparse.Namespace) -> Library | None:
    """The decks, for question texts; a report still works (with card ids) if they are broken."""
    try:
        return load_checked([*builtin_paths(), *args.kaarten])
    except DeckError:
        return None


def render_record(record: dict[str, Any]) -> str:
    """A stored session as plain text: per item its rounds, counts, shift, texts and note."""
    from workshop.engine.stored import read_record

    stored = read_record(record)
    lines = [
        f"{stored.title} ({stored.id})",
        f"{stored.day} · {t('sessions.participants', n=stored.participants)} · "
        f"{t('sessions.keep_until', day=stored.keep_until)}",
        "",
    ]
    for index, item in enumerate(stored.items):
        lines.append(f"{index + 1}. {item.ref or item.title}")
        for round_ in stored.rounds_of(index):
            lines.append("   " + _round_line(round_))
            if round_.shift is not None:
                lines.append("   " + _shift_line(round_.shift))
            lines.extend(f"   « {text} »" for text in round_.texts)
        lines.extend(f"   {t('sessions.note')}: {note}" for note in stored.notes.get(index, ()))
    if stored.agenda:
        lines += ["", t("sessions.agenda") + ":"]
        lines.extend(f"- {entry}" for entry in stored.agenda)
    return "\n".join(lines) + "\n"


def _round_line(round_: StoredRound) -> str:
    head = t("sessions.round", attempt=round_.attempt)
    result = round_.result
    if result is None:
        return f"{head}: {t('sessions.not_closed')}"
    if result.counts is None:
        return f"{head}: {t('results.withheld')}"
    counts = ", ".join(f"{key}: {count}" for key, count in result.counts)
    median = f" ({t('results.median')} {result.median:g})" if result.median is not None else ""
    return f"{head}: {counts}{median}"


def _shift_line(shift: Shift) -> str:
    if shift.lost:
        return t("results.shift_lost")
    if shift.moves is None:
        return t("results.shift_withheld")
    moves = "; ".join(t("results.move", old=a, new=b, n=n) for a, b, n in shift.moves)
    summary = t("results.shift", changed=shift.changed, compared=shift.compared)
    return f"{summary}{': ' + moves if moves else ''}"
