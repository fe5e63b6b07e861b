"""The JSON protocol between the hub and phones (and a facilitator), as a pure codec.

Every frame is a JSON text with a `type`. `parse` turns a client frame into one typed message
or raises `ProtocolError` with a machine code; the `encode_*` functions build server frames.
No I/O here: the hub imports this, tests fuzz it.

Client -> server
----------------
``{"type": "join", "code": "K7QX4M", "token": "..."}``
    A phone joins with the join code from the QR URL. `token` is optional: a phone sends the
    one it got before (kept in localStorage), so it keeps its one vote per round.
``{"type": "vote", "round": 3, "choice": "B"}``
    An answer for round 3: an option key (`keuze`), a whole number (`schaal`) or a list of
    option keys (`meerkeuze`, at most `max_keuzes`). A new vote in the same open round
    replaces the earlier one.
``{"type": "text", "round": 4, "text": "..."}``
    An answer to an open question (at most 280 characters; moderated before anyone sees it).
``{"type": "klaar"}``
    The phone finished the zelftest of the current item. Nothing else: the answers stay on
    the phone, and the frame has no field that could carry one.
``{"type": "facilitate", "key": "..."}``
    Become the facilitator, with the per-session key the hub printed at start.
``{"type": "scherm", "key": "..."}``
    Become the room's screen (`workshop scherm`), read-only, with the per-session screen key
    the hub wrote to `sleutels/` (never shown). It then receives the projector view and may
    send nothing else.
``{"type": "command", "name": "open_voting", "args": {}}``
    Facilitator only: any engine command (see `workshop.session.controller.COMMANDS`), for example
    `next_item`, `go_to {"index": 3}`, `open_voting`, `close_voting`, `reveal`, `revote`,
    `moderate {"text_id": 2, "approve": true}`, `save_note {"text": "..."}`,
    `add_agenda {"text": "..."}`, `set_locked {"locked": true}`, `end`.

Server -> client
----------------
``{"type": "welcome", "role": "participant", "token": "...", "answer": "B" | null}``
    After `join`: the token to keep, and this phone's answer in the current round if any.
``{"type": "welcome", "role": "facilitator"}``
    After a correct `facilitate` (or `"role": "scherm"` after a correct `scherm`).
``{"type": "ack", "round": 3, "choice": "B"}``
    The vote (or, with `"text": true`, the open answer) was counted.
``{"type": "state", ...}``
    The full current state, sent on connect and after every change (batched, at most ten a
    second): `session` (title, ended, locked), `item` (index, count, kind, title, situation),
    `round` (id, attempt, phase, question with options or scale, or null), `joined`,
    `connected`, `voted`, and `results` (`null`; `{"withheld": true}` below the group
    minimum; or `counts`, `percentages`, `total`, `median`) once revealed and allowed.
    The facilitator's state adds `pending_texts`, `approved_texts`, `notes`, `agenda` and the
    results whenever they exist, blind or not. The scherm's state is the projector view
    instead (see `workshop.views.projector`): lobby, item, count, timer, revealed results,
    approved texts, the agenda on the closing item, the end, the black-screen flag.
``{"type": "error", "code": "round_not_open", "message": "..."}``
    A refused message: a machine code (stable) and a message for people (Dutch by default).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

MAX_MESSAGE_BYTES = 4096
"""Larger frames are refused by the server before they reach `parse`."""
MAX_TEXT = 1000
MAX_SHORT = 128
MAX_ARGS = 8

JSONScalar = str | int | bool | None


class ProtocolError(Exception):
    """A frame that is not a valid client message."""

    def __init__(self, code: str, field: str | None = None) -> None:
        self.code = code
        self.field = field
        super().__init__(f"{code}: {field}" if field else code)


@dataclass(frozen=True)
class Join:
    code: str
    token: str | None = None


Choice = str | int | tuple[str, ...]
"""An option key, a scale value, or the picked option keys of a `meerkeuze` question."""
MAX_PICKS = 10
"""A `meerkeuze` question has at most ten options."""


@dataclass(frozen=True)
class Vote:
    round: int
    choice: Choice


@dataclass(frozen=True)
class Text:
    round: int
    text: str


@dataclass(frozen=True)
class Done:
    """The zelftest is finished on this phone (it carries nothing else)."""


@dataclass(frozen=True)
class Facilitate:
    key: str


@dataclass(frozen=True)
class Screen:
    key: str


@dataclass(frozen=True)
class Command:
    name: str
    args: dict[str, JSONScalar]


ClientMessage = Join | Vote | Text | Done | Facilitate | Screen | Command

# type -> {field: (checker, required)}
_FIELDS: dict[str, dict[str, tuple[str, bool]]] = {
    "join": {"code": ("short", True), "token": ("short_or_null", False)},
    "vote": {"round": ("round", True), "choice": ("choice", True)},
    "text": {"round": ("round", True), "text": ("text", True)},
    "klaar": {},
    "facilitate": {"key": ("short", True)},
    "scherm": {"key": ("short", True)},
    "command": {"name": ("short", True), "args": ("args", False)},
}


_PLAIN_VOTE = re.compile(
    rb'\{"type": ?"vote", ?"round": ?([1-9][0-9]{0,6}), ?"choice": ?"([A-Za-z0-9]{1,8})"\}'
)
"""A vote for an option, exactly as the phone page writes it (`JSON.stringify`; Python's
`json.dumps` adds spaces): the one frame a hall sends thousands of at once. What it matches
is a valid vote by the rules below (a round of 1 to 10**6, a key of 1 to 8 plain characters),
so the hub can count it without decoding JSON; anything else goes through `parse`."""


def plain_vote(payload: bytes | bytearray | memoryview) -> Vote | None:
    """The vote in a frame's raw payload when it is a plain vote (see `_PLAIN_VOTE`: all
    ASCII, so valid UTF-8), else None: then `parse` the decoded text the whole way."""
    plain = _PLAIN_VOTE.fullmatch(payload)
    if plain is None or int(plain[1]) > 10**6:
        return None
    return Vote(int(plain[1]), plain[2].decode("ascii"))


def parse(frame: str | bytes) -> ClientMessage:
    """Parse and validate one client frame; raises ProtocolError with a machine code."""
    if isinstance(frame, bytes):
        if len(frame) > MAX_MESSAGE_BYTES:
            raise ProtocolError("too_large")
        try:
            frame = frame.decode("utf-8")
        except UnicodeDecodeError:
            raise ProtocolError("bad_json") from None
    # A character is at most four bytes in UTF-8: only a long text needs encoding to count.
    if len(frame) * 4 > MAX_MESSAGE_BYTES and len(frame.encode("utf-8", "surrogatepass")) > (
        MAX_MESSAGE_BYTES
    ):
        raise ProtocolError("too_large")
    try:
        data = json.loads(frame)
    except (json.JSONDecodeError, RecursionError):
        raise ProtocolError("bad_json") from None
    if not isinstance(data, dict):
        raise ProtocolError("not_object")
    kind = data.get("type")
    if not isinstance(kind, str) or kind not in _FIELDS:
        raise ProtocolError("unknown_type", "type")
    fields = _FIELDS[kind]
    for key in data:
        if key != "type" and key not in fields:
            raise ProtocolError("unknown_field", str(key)[:40])
    values: dict[str, Any] = {}
    for key, (checker, required) in fields.items():
        if key not in data:
            if required:
                raise ProtocolError("missing_field", key)
            continue
        value = data[key]
        if not _CHECKS[checker](value):
            raise ProtocolError("bad_field", key)
        values[key] = value
    if kind == "join":
        return Join(values["code"], values.get("token"))
    if kind == "vote":
        choice = values["choice"]
        return Vote(values["round"], tuple(choice) if isinstance(choice, list) else choice)
    if kind == "text":
        return Text(values["round"], values["text"])
    if kind == "klaar":
        return Done()
    if kind == "facilitate":
        return Facilitate(values["key"])
    if kind == "scherm":
        return Screen(values["key"])
    return Command(values["name"], dict(values.get("args", {})))


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text(value: Any, most: int) -> bool:
    """A string of at most `most` characters that is valid Unicode: JSON may carry a lone
    surrogate ("\\ud800"), which no encoder accepts, so it is refused here, once."""
    if not isinstance(value, str) or len(value) > most:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _key(value: Any) -> bool:
    return _text(value, 8) and len(value) > 0


def _keys(value: Any) -> bool:
    """The picked keys of a `meerkeuze` answer: a list of at most ten option keys."""
    return isinstance(value, list) and len(value) <= MAX_PICKS and all(_key(v) for v in value)


def _short(value: Any) -> bool:
    return _text(value, MAX_SHORT) and len(value) > 0


def _args(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and len(value) <= MAX_ARGS
        and all(_short(key) for key in value)
        and all(_scalar(item) for item in value.values())
    )


def _scalar(value: Any) -> bool:
    if value is None or isinstance(value, bool):
        return True
    if _is_int(value):
        return bool(-(10**9) <= value <= 10**9)
    return _text(value, MAX_TEXT)


_CHECKS = {
    "short": _short,
    "short_or_null": lambda v: v is None or _short(v),
    "round": lambda v: _is_int(v) and 1 <= v <= 10**6,
    "choice": lambda v: _key(v) or (_is_int(v) and -1000 <= v <= 1000) or _keys(v),
    "text": lambda v: _text(v, MAX_TEXT),
    "args": _args,
}


def _dump(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def encode_welcome(role: str, token: str | None = None, answer: Choice | None = None) -> str:
    payload: dict[str, Any] = {"type": "welcome", "role": role}
    if role == "participant":
        payload["token"] = token
        payload["answer"] = answer
    return _dump(payload)


def encode_ack(round_id: int, choice: Choice | None = None, text: bool = False) -> str:
    payload: dict[str, Any] = {"type": "ack", "round": round_id}
    if text:
        payload["text"] = True
    else:
        payload["choice"] = choice
    return _dump(payload)


def encode_error(code: str, message: str) -> str:
    return _dump({"type": "error", "code": code, "message": message})


def encode_state(state: dict[str, Any]) -> str:
    return _dump({"type": "state", **state})
