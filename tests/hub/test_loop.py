"""The hub's event loop takes ready sockets a slice at a time, so a timer (a key press, a
screen refresh) waits for at most one slice, not for every phone of a hall voting at once.

Real sockets (socket pairs on this machine), a real event loop."""

from __future__ import annotations

import asyncio
import socket

import pytest

from workshop.hub import loop

READY = 1000
"""Sockets with something to read, all at the same moment: more than one slice."""


def ready_sockets(count: int) -> list[tuple[socket.socket, socket.socket]]:
    pairs = [socket.socketpair() for _ in range(count)]
    for writer, _ in pairs:
        writer.send(b"v")
    return pairs


async def callbacks_before_a_due_timer() -> int:
    """How many socket callbacks run before a timer that was already due runs."""
    running = asyncio.get_running_loop()
    pairs = ready_sockets(READY)
    calls = 0
    seen_at: asyncio.Future[int] = running.create_future()

    def on_ready() -> None:
        nonlocal calls
        calls += 1  # the byte stays unread: the socket stays ready, as an unread vote would

    try:
        for _, reader in pairs:
            running.add_reader(reader, on_ready)
        running.call_later(0, lambda: seen_at.set_result(calls))
        return await asyncio.wait_for(seen_at, 10)
    finally:
        for writer, reader in pairs:
            running.remove_reader(reader)
            writer.close()
            reader.close()


@pytest.fixture
def open_files() -> None:
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < 4 * READY:
        if hard != resource.RLIM_INFINITY and hard < 4 * READY:
            pytest.skip(f"open-file limit {hard} is below {4 * READY}")
        resource.setrlimit(resource.RLIMIT_NOFILE, (4 * READY, hard))


def test_a_due_timer_waits_for_one_slice_not_for_every_socket(open_files: None) -> None:
    waited = loop.run(callbacks_before_a_due_timer())
    assert waited <= loop.READY_PER_PASS


def test_the_default_loop_makes_the_same_timer_wait_for_all_of_them(open_files: None) -> None:
    # What the hub's loop is for: asyncio's own loop runs every ready socket first.
    assert asyncio.run(callbacks_before_a_due_timer()) >= READY


def test_every_ready_socket_is_served_in_turn(open_files: None) -> None:
    async def served() -> set[int]:
        running = asyncio.get_running_loop()
        pairs = ready_sockets(READY)
        seen: set[int] = set()
        done = running.create_future()

        def on_ready(reader: socket.socket) -> None:
            reader.recv(1)  # read: this socket is served
            running.remove_reader(reader)
            seen.add(reader.fileno())
            if len(seen) == READY and not done.done():
                done.set_result(None)

        try:
            for _, reader in pairs:
                running.add_reader(reader, on_ready, reader)
            await asyncio.wait_for(done, 10)
            return seen
        finally:
            for writer, reader in pairs:
                writer.close()
                reader.close()

    assert len(loop.run(served())) == READY
