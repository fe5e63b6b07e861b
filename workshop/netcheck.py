"""This laptop's network addresses, and whether the vote port opens on one of them.

Standard library only, no new dependencies. Addresses come from several sources, because no
single one works everywhere: `ip` (Linux), `ifconfig` (macOS, BSD, older Linux), `ipconfig`
(Windows), the host name, and the route the OS would take (the address the QR code uses).
Every source may be missing or fail; the others still count.

The port check only ever connects to an address of this machine: it binds a listener and
connects to itself. That proves the address is this laptop's and the port can be opened; it
cannot prove that a firewall lets phones in (traffic to yourself does not pass it), which is
what `listen_for_visitors` is for: a phone opens the page while it waits.
"""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import re
import select
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum

COMMAND_TIMEOUT = 3.0
"""Seconds an address tool (`ip`, `ifconfig`, `ipconfig`) may take before it is skipped."""
CONNECT_TIMEOUT = 2.0


class Kind(Enum):
    """What an address says about the network it is on."""

    LOOPBACK = "loopback"
    """127.x: only this laptop itself; phones can never use it."""
    LINK_LOCAL = "link_local"
    """169.254.x: the laptop got no address from the network (no DHCP)."""
    PRIVATE = "private"
    """10.x, 172.16-31.x, 192.168.x: a normal home, office, or hotspot network."""
    SHARED = "shared"
    """100.64-127.x: carrier or VPN space (e.g. Tailscale): phones in the hall rarely share it."""
    PUBLIC = "public"
    """Anything else."""


@dataclass(frozen=True)
class Address:
    address: str
    interface: str = ""
    """The network card's name when a tool reported it (`wlan0`, `en0`), else empty."""

    @property
    def kind(self) -> Kind:
        ip = ipaddress.IPv4Address(self.address)
        if ip.is_loopback:
            return Kind.LOOPBACK
        if ip.is_link_local:
            return Kind.LINK_LOCAL
        if ip in ipaddress.IPv4Network("100.64.0.0/10"):
            return Kind.SHARED
        if ip.is_private:
            return Kind.PRIVATE
        return Kind.PUBLIC


# ------------------------------------------------------------------ parsing tool output

_IPV4 = r"(\d{1,3}(?:\.\d{1,3}){3})"
_IP_LINE = re.compile(r"^\d+:\s+(\S+?)\s+inet\s+" + _IPV4 + r"/\d+")
_IFCONFIG_HEAD = re.compile(r"^([^\s:]+):? ")
_IFCONFIG_INET = re.compile(r"^\s+inet (?:addr:)?" + _IPV4)
_IPCONFIG_ADAPTER = re.compile(r"^\S.*?adapter (.+?):\s*$", re.IGNORECASE)
_IPCONFIG_IPV4 = re.compile(r"^\s+[^:]*IPv4[^:]*:\s*" + _IPV4)


def _valid(text: str) -> bool:
    try:
        ipaddress.IPv4Address(text)
    except ValueError:
        return False
    return True


def parse_ip(output: str) -> list[Address]:
    """`ip -o -4 addr show` (Linux): one line per address."""
    found = []
    for line in output.splitlines():
        match = _IP_LINE.match(line)
        if match and _valid(match[2]):
            found.append(Address(match[2], match[1]))
    return found


def parse_ifconfig(output: str) -> list[Address]:
    """`ifconfig` (macOS, BSD, net-tools): a header line per card, `inet` lines below it."""
    found = []
    interface = ""
    for line in output.splitlines():
        head = _IFCONFIG_HEAD.match(line)
        if head:
            interface = head[1]
            continue
        match = _IFCONFIG_INET.match(line)
        if match and _valid(match[1]):
            found.append(Address(match[1], interface))
    return found


def parse_ipconfig(output: str) -> list[Address]:
    """`ipconfig` (Windows, in any language: the address line names 'IPv4')."""
    found = []
    interface = ""
    for line in output.splitlines():
        head = _IPCONFIG_ADAPTER.match(line)
        if head:
            interface = head[1].strip()
            continue
        match = _IPCONFIG_IPV4.match(line)
        if match and _valid(match[1]):
            found.append(Address(match[1], interface))
    return found


# ------------------------------------------------------------------ gathering


def _run(command: list[str]) -> str:
    """A tool's output, or "" when it is missing, fails or hangs."""
    if shutil.which(command[0]) is None:
        return ""
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=COMMAND_TIMEOUT, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout if done.returncode == 0 else ""


def _from_tools() -> list[Address]:
    if sys.platform == "win32":
        return parse_ipconfig(_run(["ipconfig"]))
    found = parse_ip(_run(["ip", "-o", "-4", "addr", "show"]))
    return found or parse_ifconfig(_run(["ifconfig"]))


def _from_host_name() -> list[Address]:
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return []
    return [Address(str(info[4][0])) for info in infos]


def local_addresses(
    route_address: str, sources: Iterable[Callable[[], list[Address]]] | None = None
) -> list[Address]:
    """Every IPv4 address of this laptop, once each, the route's address first.

    A name from a tool wins over the same address without one.
    """
    found: dict[str, Address] = {}
    for source in sources if sources is not None else (_from_tools, _from_host_name):
        for address in source():
            if address.address not in found or not found[address.address].interface:
                found[address.address] = address
    if route_address not in found:
        found[route_address] = Address(route_address)
    return sorted(
        found.values(),
        key=lambda a: (a.address != route_address, a.kind is Kind.LOOPBACK, a.address),
    )


# ------------------------------------------------------------------ the port


class PortState(Enum):
    OPEN = "open"
    """A listener bound here and a connection to it on the address succeeded."""
    IN_USE = "in_use"
    """Something already listens on the port (maybe a running workshop) and answers there."""
    TAKEN = "taken"
    """The port cannot be bound and nothing answers on the address."""
    UNREACHABLE = "unreachable"
    """Bound, but a connection to the address failed: the address is not usable."""
    NOT_OURS = "not_ours"
    """The address is not one of this laptop's: it is never contacted."""


def _connects(address: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as client:
        client.settimeout(CONNECT_TIMEOUT)
        try:
            client.connect((address, port))
        except OSError:
            return False
    return True


def bind_listener(port: int, host: str = "0.0.0.0") -> socket.socket:
    """A listening socket as the hub would open it; raises OSError (EADDRINUSE) if taken."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        if sys.platform != "win32":
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen(16)
    except OSError:
        listener.close()
        raise
    return listener


def check_port(
    address: str, port: int, own: Iterable[str], bind_host: str = "0.0.0.0"
) -> tuple[PortState, int]:
    """Can the hub open `port` and be reached on `address`? The state, and the port tried
    (port 0 becomes the free port the OS gave). Only this laptop's addresses (`own`) are
    ever connected to."""
    if address not in set(own):
        return PortState.NOT_OURS, port
    try:
        listener = bind_listener(port, bind_host)
    except OSError as error:
        if error.errno != errno.EADDRINUSE:
            return PortState.TAKEN, port
        return (PortState.IN_USE if _connects(address, port) else PortState.TAKEN), port
    with listener:
        port = int(listener.getsockname()[1])
        return (PortState.OPEN if _connects(address, port) else PortState.UNREACHABLE), port


def free_port_from(port: int, tries: int, bind_host: str = "0.0.0.0") -> int | None:
    """The first port from `port` on that can be bound (as the hub picks it), or None."""
    for candidate in range(port, port + tries):
        with contextlib.suppress(OSError):
            bind_listener(candidate, bind_host).close()
            return candidate
    return None


# ------------------------------------------------------------------ a phone's visit


def listen_for_visitors(
    listener: socket.socket, seconds: float, page: bytes, on_visit: Callable[[], None]
) -> int:
    """Answer every HTTP request on `listener` with `page` for `seconds`; count the visits.

    Nothing about a visitor is kept or reported: not the address, not the browser.
    """
    listener.setblocking(False)
    deadline = time.monotonic() + seconds
    visits = 0
    while (left := deadline - time.monotonic()) > 0:
        ready, _, _ = select.select([listener], [], [], min(left, 0.5))
        if not ready:
            continue
        try:
            connection, _ = listener.accept()
        except OSError:
            continue
        with connection:
            connection.settimeout(CONNECT_TIMEOUT)
            with contextlib.suppress(OSError):
                request_line = connection.recv(4096).split(b"\r\n", 1)[0]
                # A browser asks for its icon too: one visit is one page, not two.
                page_asked = b"favicon" not in request_line
                status = "200 OK" if page_asked else "404 Not Found"
                body = page if page_asked else b""
                head = (
                    f"HTTP/1.1 {status}\r\nContent-Type: text/plain; charset=utf-8\r\n"
                    f"Content-Length: {len(body)}\r\nConnection: close\r\n"
                    "Cache-Control: no-store\r\n\r\n"
                )
                connection.sendall(head.encode("ascii") + body)
                if page_asked:
                    visits += 1
                    on_visit()
    return visits
