"""`workshop netwerk`: this laptop's addresses, the port check on its own address only, the
fixes in Dutch and English, and a phone's visit through `--wacht` (all on 127.0.0.1)."""

from __future__ import annotations

import os
import select
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from workshop import netcheck
from workshop.hub.net import lan_address
from workshop.netcheck import Address, Kind, PortState
from workshop.network_cli import DEFAULT_PORT, PORT_TRIES
from workshop.session import start as session_start

TIMEOUT = 30

IP_OUTPUT = """\
1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever
3: wlp2s0    inet 192.168.1.23/24 brd 192.168.1.255 scope global dynamic wlp2s0\\  valid_lft
5: tailscale0    inet 100.101.3.4/32 scope global tailscale0\\       valid_lft forever
"""
IFCONFIG_MACOS = """\
lo0: flags=8049<UP,LOOPBACK,RUNNING,MULTICAST> mtu 16384
\tinet 127.0.0.1 netmask 0xff000000
\tinet6 ::1 prefixlen 128
en0: flags=8863<UP,BROADCAST,SMART,RUNNING,SIMPLEX,MULTICAST> mtu 1500
\tether 3c:22:fb:00:00:01
\tinet 172.20.10.3 netmask 0xfffffff0 broadcast 172.20.10.15
bridge100: flags=8863<UP,BROADCAST,SMART,RUNNING,SIMPLEX,MULTICAST> mtu 1500
\tinet 192.168.2.1 netmask 0xffffff00 broadcast 192.168.2.255
"""
IFCONFIG_OLD_LINUX = """\
eth0      Link encap:Ethernet  HWaddr 00:16:3e:00:00:01
          inet addr:10.0.0.7  Bcast:10.0.0.255  Mask:255.255.255.0
"""
IPCONFIG_NL = """\
Windows IP-configuratie

Draadloos LAN-adapter Wi-Fi:

   Verbindingsspecifiek DNS-achtervoegsel: home
   IPv4-adres. . . . . . . . . . . . . . : 192.168.178.41
   Subnetmasker. . . . . . . . . . . . . : 255.255.255.0

Draadloos LAN-adapter LAN-verbinding* 10:

   IPv4-adres. . . . . . . . . . . . . . : 192.168.137.1
"""
IPCONFIG_EN = """\
Ethernet adapter Ethernet:

   Media State . . . . . . . . . . . : Media disconnected

Wireless LAN adapter Wi-Fi:

   IPv4 Address. . . . . . . . . . . : 10.1.2.3(Preferred)
   Autoconfiguration IPv4 Address. . : 169.254.10.20
"""


@pytest.mark.parametrize(
    ("parse", "output", "expected"),
    [
        (
            netcheck.parse_ip,
            IP_OUTPUT,
            [("127.0.0.1", "lo"), ("192.168.1.23", "wlp2s0"), ("100.101.3.4", "tailscale0")],
        ),
        (
            netcheck.parse_ifconfig,
            IFCONFIG_MACOS,
            [("127.0.0.1", "lo0"), ("172.20.10.3", "en0"), ("192.168.2.1", "bridge100")],
        ),
        (netcheck.parse_ifconfig, IFCONFIG_OLD_LINUX, [("10.0.0.7", "eth0")]),
        (
            netcheck.parse_ipconfig,
            IPCONFIG_NL,
            [("192.168.178.41", "Wi-Fi"), ("192.168.137.1", "LAN-verbinding* 10")],
        ),
        (
            netcheck.parse_ipconfig,
            IPCONFIG_EN,
            [("10.1.2.3", "Wi-Fi"), ("169.254.10.20", "Wi-Fi")],
        ),
        (netcheck.parse_ip, "", []),
        (netcheck.parse_ifconfig, "command not found\n", []),
        (netcheck.parse_ipconfig, "   IPv4 Address: 999.1.1.1\n", []),
    ],
)
def test_tool_output_is_parsed(parse: object, output: str, expected: list[tuple[str, str]]) -> None:
    assert callable(parse)
    assert [(a.address, a.interface) for a in parse(output)] == expected


def test_address_kinds() -> None:
    kinds = {
        "127.0.0.1": Kind.LOOPBACK,
        "169.254.10.20": Kind.LINK_LOCAL,
        "192.168.137.1": Kind.PRIVATE,
        "10.1.2.3": Kind.PRIVATE,
        "172.20.10.3": Kind.PRIVATE,
        "100.101.3.4": Kind.SHARED,
        "8.8.8.8": Kind.PUBLIC,
    }
    for address, kind in kinds.items():
        assert Address(address).kind is kind, address


def test_addresses_once_each_with_the_route_first() -> None:
    def tools() -> list[Address]:
        return netcheck.parse_ip(IP_OUTPUT)

    def host_name() -> list[Address]:
        return [Address("192.168.1.23"), Address("10.9.9.9")]

    found = netcheck.local_addresses("192.168.1.23", [host_name, tools])
    assert found[0].address == "192.168.1.23"
    assert found[0].interface == "wlp2s0"  # the named one wins
    assert sorted(a.address for a in found) == sorted(
        ["127.0.0.1", "192.168.1.23", "100.101.3.4", "10.9.9.9"]
    )
    assert found[-1].kind is Kind.LOOPBACK
    # The route's address is listed even when no tool reported it.
    assert [a.address for a in netcheck.local_addresses("10.0.0.2", [])] == ["10.0.0.2"]


def test_this_machine_lists_the_address_the_qr_code_uses() -> None:
    route = lan_address()
    found = netcheck.local_addresses(route)
    assert found[0].address == route
    assert any(a.address == "127.0.0.1" for a in found) or route != "127.0.0.1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_port_check_binds_and_reaches_itself() -> None:
    port = free_port()
    assert netcheck.check_port("127.0.0.1", port, ["127.0.0.1"], "127.0.0.1") == (
        PortState.OPEN,
        port,
    )
    state, given = netcheck.check_port("127.0.0.1", 0, ["127.0.0.1"], "127.0.0.1")
    assert state is PortState.OPEN and given > 0


def test_port_check_sees_a_listener_already_there() -> None:
    with netcheck.bind_listener(0, "127.0.0.1") as busy:
        port = busy.getsockname()[1]
        state, _ = netcheck.check_port("127.0.0.1", port, ["127.0.0.1"], "127.0.0.1")
        assert state is PortState.IN_USE
        assert netcheck.free_port_from(port, 1, "127.0.0.1") is None


def test_port_check_never_contacts_an_address_that_is_not_ours() -> None:
    with netcheck.bind_listener(0, "127.0.0.1") as listener:
        port = listener.getsockname()[1]
        state, _ = netcheck.check_port("127.0.0.1", port, ["10.20.30.40"], "127.0.0.1")
        assert state is PortState.NOT_OURS
        ready, _, _ = select.select([listener], [], [], 0.3)
        assert ready == []  # nobody knocked


def test_the_hub_and_the_check_agree_on_ports() -> None:
    assert DEFAULT_PORT == session_start.DEFAULT_PORT
    assert PORT_TRIES == session_start.PORT_TRIES


def workshop(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "100"}
    return subprocess.run(
        [sys.executable, "-m", "workshop", *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env=env,
        stdin=subprocess.DEVNULL,
    )


FIXES_NL = (
    "hetzelfde netwerk",
    "Gast-wifi",
    "client-isolatie",
    "hotspot op de laptop",
    "hotspot op een telefoon",
    "firewall",
    "Windows",
    "macOS",
    "Linux",
    "--host",
    "--url",
)


def test_netwerk_names_the_qr_address_checks_the_port_and_explains() -> None:
    port = free_port()
    result = workshop("netwerk", "--port", str(port))
    out = result.stdout
    route = lan_address()
    qr_line = next(line for line in out.splitlines() if "dit adres komt in de QR-code" in line)
    assert route in qr_line
    assert f"De QR-code wijst naar: http://{route}:{port}/" in out
    assert f"Poort {port} op {route}: in orde" in out
    for fix in FIXES_NL:
        assert fix in out, fix
    assert f"localport={port}" in out and f"ufw allow {port}/tcp" in out
    assert "Traceback" not in result.stderr
    # Exit 0 only when phones could get in: a real network address, not only loopback.
    assert result.returncode == (1 if route.startswith("127.") else 0), out


def test_netwerk_in_english() -> None:
    result = workshop("--taal", "en", "netwerk", "--port", str(free_port()))
    for words in ("This laptop's network addresses", "Guest Wi-Fi", "client isolation"):
        assert words in result.stdout
    assert "Netwerkadressen" not in result.stdout


def test_netwerk_with_loopback_or_a_foreign_host_says_what_is_wrong() -> None:
    result = workshop("netwerk", "--host", "127.0.0.1", "--port", str(free_port()))
    assert result.returncode == 1
    assert "alleen deze laptop zelf: een telefoon die de QR-code scant" in result.stdout
    result = workshop("netwerk", "--host", "203.0.113.9", "--port", str(free_port()))
    assert result.returncode == 1
    assert "203.0.113.9 is geen adres van deze laptop" in result.stdout


def test_netwerk_with_the_port_taken_names_the_next_free_one() -> None:
    with netcheck.bind_listener(0, "0.0.0.0") as busy:
        port = busy.getsockname()[1]
        result = workshop("netwerk", "--host", "127.0.0.1", "--port", str(port))
    assert f"Poort {port} op 127.0.0.1: er luistert al iets" in result.stdout
    assert "--port" in result.stdout


def test_netwerk_wacht_answers_a_phone_and_says_so() -> None:
    port = free_port()
    env = {**os.environ, "COLUMNS": "100"}
    process = subprocess.Popen(
        [sys.executable, "-m", "workshop", "netwerk", "--port", str(port), "--wacht", "4"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    try:
        assert process.stdout is not None
        deadline = time.monotonic() + TIMEOUT
        seen = ""
        while "Open nu" not in seen and time.monotonic() < deadline:
            seen += process.stdout.readline()
        assert "Open nu" in seen
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as page:
            assert "Verbinding gelukt" in page.read().decode()
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/favicon.ico", timeout=5)
        out, err = process.communicate(timeout=TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert out.count("Gelukt: een telefoon heeft de laptop bereikt.") == 1
    assert "Geen telefoon" not in out
    assert "Traceback" not in err
