"""Network helpers: the laptop's LAN address, and room for many open sockets."""

from __future__ import annotations

import socket


def lan_address() -> str:
    """The address other devices on the network reach this laptop at.

    Connecting a UDP socket sends nothing; it only asks the OS which interface would be used.
    Falls back to 127.0.0.1 when there is no network at all.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
            address = str(probe.getsockname()[0])
        except OSError:
            return "127.0.0.1"
    return address if not address.startswith("0.") else "127.0.0.1"


SPARE_FILES = 128
"""Open files the hub needs besides one per phone: the facilitator, the projector screen and
sockets that have not joined yet, the listening socket, the data files, the TUI's pipes."""


def files_needed(phones: int) -> int:
    """The open-file limit a hub for `phones` phones needs."""
    return phones + SPARE_FILES


def raise_open_file_limit(wanted: int = 8192) -> int:
    """Raise the soft limit on open files (one per phone) as far as the OS allows."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Windows
        return -1
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft < target:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        except (ValueError, OSError):
            return soft
        return target
    return soft
