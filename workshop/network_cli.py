"""`workshop netwerk`: which address the QR code uses, whether the port opens, and the fixes
for what fails most in a community hall (guest Wi-Fi, firewall, phones on mobile data)."""

from __future__ import annotations

import argparse
import ipaddress
import shutil
import socket
import sys
import textwrap
from typing import Any

from workshop import netcheck
from workshop.i18n import t
from workshop.netcheck import Kind, PortState

DEFAULT_PORT = 8765
"""The hub's first choice of port (`session.start.DEFAULT_PORT`; a test keeps them equal)."""
PORT_TRIES = 20
"""How many ports from the first the hub tries (`session.start.PORT_TRIES`)."""
SYSTEMS = ("windows", "macos", "linux")


def add_command(commands: Any) -> None:
    """Register `netwerk` on the main parser's sub-parsers."""
    command = commands.add_parser(
        "netwerk", help=t("cli.cmd.netwerk"), description=t("cli.netwerk.description")
    )
    command.add_argument("--host", help=t("cli.host"))
    command.add_argument("--port", type=int, help=t("cli.port"))
    command.add_argument("--url", help=t("cli.url"))
    command.add_argument(
        "--wacht", type=float, default=0, metavar="SECONDEN", help=t("cli.netwerk.wacht")
    )
    command.set_defaults(run=run)


def this_system() -> str:
    if sys.platform == "win32":
        return "windows"
    return "macos" if sys.platform == "darwin" else "linux"


def run(args: argparse.Namespace) -> int:
    """Print the addresses, the QR address and the port check, then the fixes. Exit 1 when
    phones cannot get in as things are."""
    route = lan_route()
    addresses = netcheck.local_addresses(route)
    wildcard = args.host in (None, "0.0.0.0", "::")
    qr_host = route if wildcard else args.host
    bind_host = "0.0.0.0" if wildcard else args.host
    own = [a.address for a in addresses]
    wanted = DEFAULT_PORT if args.port is None else args.port

    say(t("net.addresses"))
    width = (
        max(len(a.interface) for a in addresses) + 3 if any(a.interface for a in addresses) else 0
    )
    for address in addresses:
        name = f"({address.interface})" if address.interface else ""
        marker = f"  {t('net.qr_uses')}" if address.address == qr_host and not args.url else ""
        kind = t("net.kind." + address.kind.value)
        say(f"{address.address:<16}{name:<{width}}{kind}{marker}", indent=2, hang=16 + width)
    print()
    usable = any(a.kind is not Kind.LOOPBACK for a in addresses)
    if not usable:
        say(t("net.only_loopback"))

    state, tested = netcheck.check_port(own_address(qr_host, own), wanted, own, bind_host)
    port, note = tested, ""
    if state in (PortState.IN_USE, PortState.TAKEN):
        free = netcheck.free_port_from(tested + 1, PORT_TRIES - 1, bind_host)
        if args.port is None and free is not None:
            port, note = free, t("net.port.moves", port=tested, free=free)
        else:
            note = t("net.port.choose", free=free if free is not None else 0)
    page_url = args.url.rstrip("/") + "/" if args.url else f"http://{qr_host}:{port}/"
    say(t("net.qr_url" if args.url else "net.qr_line", url=page_url))
    say(t(f"net.port.{state.value}", port=tested, address=qr_host))
    if note:
        say(note)
    loopback = _is_loopback(own_address(qr_host, own))
    if loopback and not args.url:
        say(t("net.qr_loopback", address=qr_host))
    reachable = state in (PortState.OPEN, PortState.IN_USE)
    ok = bool(args.url) or (usable and reachable and not loopback)
    if ok and not args.wacht:
        say(t("net.port.limit"))
    if args.wacht > 0 and state is not PortState.NOT_OURS:
        ok = _wait_for_a_phone(page_url, port, bind_host, args.wacht) and ok
    print()
    _print_fixes(port)
    return 0 if ok else 1


def say(text: str, indent: int = 0, hang: int = 0) -> None:
    """Print `text` wrapped to the terminal (at most 100 columns), continuation lines
    indented by `indent + hang`, so the fixes read well in a narrow window."""
    columns = min(shutil.get_terminal_size((100, 24)).columns, 100)
    first = " " * indent
    # Commands in the text (a password with dashes, --wacht 60) stay whole on their line.
    print(
        textwrap.fill(
            text,
            columns,
            initial_indent=first,
            subsequent_indent=first + " " * hang,
            break_on_hyphens=False,
            break_long_words=False,
        )
    )


def own_address(host: str, own: list[str]) -> str:
    """`host` as one of this laptop's addresses when it names one (an IP, or a name that
    resolves to one of them); else `host` itself, which the port check then refuses."""
    if host in own:
        return host
    try:
        infos = socket.getaddrinfo(host, None, socket.AF_INET)
    except (OSError, UnicodeError):
        return host
    return next((str(i[4][0]) for i in infos if str(i[4][0]) in own), host)


def _is_loopback(address: str) -> bool:
    """127.x (or `localhost`): the QR code would send every phone to itself."""
    try:
        return ipaddress.IPv4Address(address).is_loopback
    except ValueError:
        return address == "localhost"


def lan_route() -> str:
    """The address the QR code uses without `--host`: the hub's own choice."""
    from workshop.hub.net import lan_address

    return lan_address()


def _wait_for_a_phone(url: str, port: int, bind_host: str, seconds: float) -> bool:
    """Serve a one-line page on the port and say when a phone reached it."""
    try:
        listener = netcheck.bind_listener(port, bind_host)
    except OSError:
        say(t("net.wait.busy", port=port))
        return False
    say(t("net.wait.start", url=url, seconds=f"{seconds:g}"))
    sys.stdout.flush()
    page = (t("net.wait.page") + "\n").encode()
    try:
        with listener:
            visits = netcheck.listen_for_visitors(
                listener, seconds, page, lambda: print(t("net.wait.visit"), flush=True)
            )
    except KeyboardInterrupt:
        visits = 0
    if not visits:
        say(t("net.wait.none"))
    return visits > 0


def _print_fixes(port: int) -> None:
    """The common problems and their fixes, this laptop's system first."""
    here = this_system()
    systems = sorted(SYSTEMS, key=lambda name: name != here)

    def per_system(prefix: str) -> None:
        for name in systems:
            mark = f" {t('net.this_system')}" if name == here else ""
            say(f"{t('net.system.' + name)}{mark}: {t(prefix + name, port=port)}", 3, 2)

    say(t("net.help.title"))
    say(t("net.help.same"), hang=3)
    say(t("net.help.guest"), hang=3)
    say(t("net.help.laptop_hotspot"), hang=3)
    per_system("net.help.laptop_hotspot.")
    say(t("net.help.phone_hotspot"), hang=3)
    say(t("net.help.firewall", port=port), hang=3)
    per_system("net.help.firewall.")
    say(t("net.help.options"), hang=3)
