"""The `workshop` command line.

Only the standard library and the pure deck code are imported at the top: `workshop --help`
must stay fast and must not load Textual.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from workshop import i18n, network_cli, sessions_cli
from workshop.decks import DeckError, Library, load_checked, load_library
from workshop.decks.library import builtin_paths, card_summary
from workshop.decks.render import render_card
from workshop.i18n import t

# argparse's own words (usage, options, errors), in Dutch when the program speaks Dutch.
_ARGPARSE_NL = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "ongeldige keuze: %(value)r (kies uit %(choices)s)"
    ),
    "expected one argument": "verwacht één waarde",
}


def _translate_argparse() -> None:
    words = _ARGPARSE_NL if i18n.language() == "nl" else {}
    argparse._ = lambda text: words.get(text, text)  # type: ignore[attr-defined]


def _language_from(argv: Sequence[str]) -> str:
    """Read `--taal` before the parser is built, so its help is in the right language."""
    for index, arg in enumerate(argv):
        if arg == "--taal" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--taal="):
            return arg.split("=", 1)[1]
    return i18n.DEFAULT_LANGUAGE


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with help in the current language."""
    _translate_argparse()
    parser = argparse.ArgumentParser(
        prog="workshop", description=t("cli.description"), epilog=t("cli.epilog")
    )
    parser.add_argument("--taal", choices=sorted(i18n.CATALOGUES), default="nl", help=t("cli.lang"))
    parser.add_argument(
        "--kaarten",
        action="append",
        default=[],
        type=Path,
        metavar="MAP",
        help=t("cli.decks_dir"),
    )
    parser.add_argument("--data", type=Path, default=None, metavar="MAP", help=t("cli.data"))
    # Sub-commands accept --data too; SUPPRESS keeps them from overriding the global one.
    data_option = argparse.ArgumentParser(add_help=False)
    data_option.add_argument(
        "--data", type=Path, default=argparse.SUPPRESS, metavar="MAP", help=t("cli.data")
    )
    commands = parser.add_subparsers(dest="command", metavar="OPDRACHT")

    start = commands.add_parser(
        "start", help=t("cli.cmd.start"), description=t("cli.cmd.start"), parents=[data_option]
    )
    _add_session_options(start)
    start.set_defaults(run=_start)

    cards = commands.add_parser("kaarten", help=t("cli.cmd.kaarten"))
    card_commands = cards.add_subparsers(dest="card_command", metavar="OPDRACHT", required=True)
    check = card_commands.add_parser(
        "controleer", help=t("cli.cmd.controleer"), description=t("cli.cmd.controleer")
    )
    check.add_argument("paden", nargs="*", type=Path, metavar="PAD", help=t("cli.controleer.paths"))
    check.set_defaults(run=_check)
    listing = card_commands.add_parser(
        "lijst", help=t("cli.cmd.lijst"), description=t("cli.cmd.lijst")
    )
    listing.add_argument("--json", action="store_true", help=t("cli.lijst.json"))
    listing.set_defaults(run=_list)
    show = card_commands.add_parser("toon", help=t("cli.cmd.toon"), description=t("cli.cmd.toon"))
    show.add_argument("ref", metavar="DECK/KAART", help=t("cli.toon.ref"))
    show.set_defaults(run=_show)

    hub = commands.add_parser(
        "hub", help=t("cli.cmd.hub"), description=t("cli.hub.description"), parents=[data_option]
    )
    _add_session_options(hub)
    hub.set_defaults(run=_hub)

    screen = commands.add_parser(
        "scherm",
        help=t("cli.cmd.scherm"),
        description=t("cli.cmd.scherm"),
        parents=[data_option],
    )
    screen.set_defaults(run=_screen)

    sessions_cli.add_commands(commands, data_option)

    capacity = commands.add_parser(
        "capaciteit",
        help=t("cli.cmd.capaciteit"),
        description=t("cli.capaciteit.description"),
    )
    capacity.add_argument(
        "--telefoons",
        type=_positive,
        default=DEFAULT_MAX_PHONES,
        metavar="N",
        help=t("cli.telefoons", n=DEFAULT_MAX_PHONES),
    )
    capacity.add_argument(
        "--max-telefoons",
        type=_positive,
        default=None,
        metavar="N",
        help=t("cli.capaciteit.max"),
    )
    capacity.set_defaults(run=_capacity)
    network_cli.add_command(commands)
    return parser


def _add_session_options(command: argparse.ArgumentParser) -> None:
    """The options `start` and `hub` share."""
    command.add_argument("programma", nargs="?", help=t("cli.start.programme"))
    command.add_argument("--host", help=t("cli.host"))
    command.add_argument("--port", type=int, help=t("cli.port"))
    command.add_argument("--url", help=t("cli.url"))
    command.add_argument("--hervat", action="store_true", help=t("cli.hervat"))
    command.add_argument("--namen", type=Path, metavar="PAD", help=t("cli.namen"))
    command.add_argument(
        "--max-telefoons",
        type=_positive,
        default=DEFAULT_MAX_PHONES,
        metavar="N",
        help=t("cli.max_telefoons", n=DEFAULT_MAX_PHONES),
    )


DEFAULT_MAX_PHONES = 2000
"""Phones that may take part at once unless `--max-telefoons` says otherwise."""


def _positive(text: str) -> int:
    """argparse type: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(t("cli.not_positive", value=text)) from None
    if value < 1:
        raise argparse.ArgumentTypeError(t("cli.not_positive", value=text))
    return value


def _capacity(args: argparse.Namespace) -> int:
    """`workshop capaciteit`: the self-test; exit 0 when this laptop holds the phones."""
    from workshop.capacity.selftest import render_report, run_selftest
    from workshop.hub import loop

    try:
        report = loop.run(run_selftest(args.telefoons, args.max_telefoons))
    except DeckError as error:
        print(t("cli.broken_decks"), file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(render_report(report), end="")
    return 0 if report.holds else 1


def _hub(args: argparse.Namespace) -> int:
    # Imported here: websockets is only loaded by the commands that serve phones.
    from datetime import date

    from workshop.hub import loop
    from workshop.hub.run import run_headless
    from workshop.session import HubOptions

    names = _read_names(args)
    if names is None:
        return 1
    options = HubOptions(
        programme=args.programma,
        host=args.host,
        port=args.port,
        url=args.url,
        data=args.data,
        resume=args.hervat,
        extra_decks=list(args.kaarten),
        names=names,
        capacity=args.max_telefoons,
    )
    try:
        return loop.run(run_headless(options, date.today()))
    except DeckError as error:
        print(t("cli.broken_decks"), file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    language = _language_from(args_list)
    if language in i18n.CATALOGUES:
        i18n.set_language(language)
    args = build_parser().parse_args(args_list)
    run: Callable[[argparse.Namespace], int] = getattr(args, "run", _start)
    try:
        code = run(args)
        sys.stdout.flush()  # a reader that left shows up here, not at interpreter exit
    except BrokenPipeError:
        _drop_output()
        return 1
    return code


def _drop_output() -> None:
    """The reader of our output left early (`workshop kaarten lijst | head`): that is not an
    error worth a traceback. What is still buffered goes nowhere, so the interpreter's last
    flush at exit stays quiet too."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def _library_paths(args: argparse.Namespace) -> list[Path]:
    return [*builtin_paths(), *args.kaarten]


def _load(args: argparse.Namespace) -> Library | None:
    try:
        return load_checked(_library_paths(args))
    except DeckError as error:
        print(t("cli.broken_decks"), file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return None


def _check(args: argparse.Namespace) -> int:
    # Named files are checked against the built-in decks too, so a programme may use them.
    paths = [*_library_paths(args), *args.paden]
    library, problems = load_library(paths)
    if problems:
        print(t("cli.check.failed", n=len(problems)))
        for problem in sorted(problems, key=lambda p: (p.file, p.line or 0)):
            print(f"  {problem}")
        return 1
    cards = sum(len(deck.cards) for deck in library.decks)
    print(
        t(
            "cli.check.ok",
            decks=len(library.decks),
            cards=cards,
            programmes=len(library.programmes),
        )
    )
    return 0


def _list(args: argparse.Namespace) -> int:
    library = _load(args)
    if library is None:
        return 1
    rows = [card_summary(card, deck.kind) for deck in library.decks for card in deck.cards]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for row in rows:
        tiers = ",".join(row["tiers"])
        print(
            f"{row['deck']:<16} {row['id']:<34} {row['kind']:<10} "
            f"{row['theme'] or '-':<22} {row['title']}  [{tiers}]"
        )
    return 0


def _show(args: argparse.Namespace) -> int:
    library = _load(args)
    if library is None:
        return 1
    try:
        card = library.card(args.ref)
    except KeyError:
        print(t("cli.no_card", ref=args.ref), file=sys.stderr)
        return 1
    deck = next(deck for deck in library.decks if deck.id == card.deck_id)
    print(render_card(card, deck), end="")
    return 0


def _read_names(args: argparse.Namespace) -> list[str] | None:
    """The names in `--namen PAD`, one a line (blank lines and # comments skipped); None after
    saying why the file cannot be read. They stay in this process's memory only."""
    path: Path | None = getattr(args, "namen", None)
    if path is None:
        return []
    try:
        text = path.expanduser().read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        reason = t("cli.names.not_utf8")
    except FileNotFoundError:
        reason = t("cli.names.not_found")
    except IsADirectoryError:
        reason = t("cli.names.is_dir")
    except PermissionError:
        reason = t("cli.names.no_access")
    except OSError as error:
        reason = error.strerror or str(error)
    else:
        lines = (line.strip() for line in text.splitlines())
        return [line for line in lines if line and not line.startswith("#")]
    print(t("cli.names_unreadable", path=path, reason=reason), file=sys.stderr)
    return None


def _screen(args: argparse.Namespace) -> int:
    """`workshop scherm`: the room's screen, following the running session of `--data`."""
    from workshop.scherm.app import ScreenOptions, make_screen_app

    app = make_screen_app(ScreenOptions(data=args.data))
    app.run()
    return app.return_code or 0  # 1 after a crash, which Textual has printed


def _start(args: argparse.Namespace) -> int:
    """`workshop` (start screen) or `workshop start [PROGRAMMA]` (straight to the lobby)."""
    # Imported here: only the TUI needs Textual, so --help and the headless hub stay light.
    from workshop.tui.app import TuiOptions
    from workshop.tui.factory import make_app

    direct = getattr(args, "command", None) == "start"
    names = _read_names(args)
    if names is None:
        return 1
    options = TuiOptions(
        programme=getattr(args, "programma", None),
        host=getattr(args, "host", None),
        port=getattr(args, "port", None),
        url=getattr(args, "url", None),
        data=args.data,
        resume=getattr(args, "hervat", False),
        extra_decks=list(args.kaarten),
        capacity=getattr(args, "max_telefoons", DEFAULT_MAX_PHONES),
        names=names,
        start_now=direct,
    )
    if direct:
        # Faults in the data folder are told here, before the TUI takes the terminal.
        from workshop.session import StartError, check_start

        try:
            check_start(options)
        except StartError as error:
            print(error, file=sys.stderr)
            return 1
        except DeckError as error:
            print(t("cli.broken_decks"), file=sys.stderr)
            for problem in error.problems:
                print(f"  {problem}", file=sys.stderr)
            return 1
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        # The trainer's screen draws in a terminal and reads its keys; without one it
        # would run blind (and once spun the processor), so say so and stop.
        print(t("cli.no_terminal"), file=sys.stderr)
        return 1
    from workshop.hub import loop

    app = make_app(options)
    # The hub shares the TUI's loop: one that takes a burst of votes a slice at a time.
    loop.run(app.run_async())
    return app.return_code or 0  # 1 after a crash, which Textual has printed
