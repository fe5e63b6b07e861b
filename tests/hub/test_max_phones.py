"""`--max-telefoons`: the cap counts phones only; the facilitator and the room's screen come on
top; a phone over the cap is told `full` and let go; too few open files is said plainly."""

from __future__ import annotations

import asyncio
import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus

from tests.hub.conftest import TIMEOUT, MakeHub, receive, state_where


async def test_the_facilitator_does_not_take_a_phones_place(make_hub: MakeHub) -> None:
    hub = await make_hub(capacity=3)
    boss = await hub.facilitator()  # first in, as the trainer is
    phones = [await hub.phone() for _ in range(3)]  # all three phones get in
    assert all(welcome["role"] == "participant" for _, welcome in phones)
    assert hub.hub.phones == 3
    await hub.command(boss, "next_item")
    await state_where(boss, lambda s: s["item"]["index"] == 1)  # the trainer still drives


async def test_a_phone_over_the_cap_is_told_full_and_let_go(make_hub: MakeHub) -> None:
    hub = await make_hub(capacity=2)
    first, _ = await hub.phone()
    await hub.phone()
    extra = await hub.connect()
    await extra.send(json.dumps({"type": "join", "code": hub.hub.keys.code}))
    assert (await receive(extra, "error"))["code"] == "full"
    with pytest.raises(ConnectionClosed) as closed:
        await extra.recv()
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 1013  # try again later
    # The trainer gets in beside a full room, and a phone that leaves makes room for another.
    await hub.facilitator()
    await first.close()
    async with asyncio.timeout(TIMEOUT):
        while hub.hub.phones != 1:
            await asyncio.sleep(0.01)
    _, welcome = await hub.phone()
    assert welcome["role"] == "participant"


async def test_sockets_beyond_the_spare_places_get_503(make_hub: MakeHub) -> None:
    hub = await make_hub(capacity=1, spare_connections=1)
    await hub.phone()
    await hub.facilitator()
    with pytest.raises(InvalidStatus) as refused:
        await hub.connect()
    assert refused.value.response.status_code == 503


def test_too_few_open_files_for_max_telefoons_says_how_to_raise_the_limit(
    tmp_path: Path,
) -> None:
    def limit_files() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))

    hub = ["hub", "--host", "127.0.0.1", "--port", "0", "--data", str(tmp_path / "data")]
    result = subprocess.run(
        [sys.executable, "-m", "workshop", *hub, "--max-telefoons", "500"],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limit_files,
        env={**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg")},
    )
    assert result.returncode == 1
    assert result.stdout == ""  # no JSON line: the hub never started
    assert "staat maar 256 open bestanden per programma toe" in result.stderr
    assert "voor 500 telefoons zijn er 628 nodig" in result.stderr
    assert "'ulimit -n 628'" in result.stderr
    assert "--max-telefoons (hoogstens 128)" in result.stderr


@pytest.mark.parametrize("value", ["0", "-5", "veel"])
def test_max_telefoons_must_be_a_positive_number(value: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "workshop", "hub", "--max-telefoons", value],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert f"'{value}' is geen geheel getal van 1 of meer" in result.stderr
