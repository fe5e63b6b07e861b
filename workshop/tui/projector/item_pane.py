"""An item on the room's screen: title, situation, question and answers in large type, the
live count and the timer in big type, then results, approved texts and the agenda."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from workshop.i18n import t
from workshop.tui.projector.big_timer import BigTimer
from workshop.tui.projector.render import (
    agenda_block,
    agenda_vote_block,
    options_table,
    proposals_block,
    results_block,
    texts_block,
)
from workshop.tui.widgets.big_number import BigNumber
from workshop.tui.widgets.steady import show


class ItemPane(Vertical):
    def __init__(self, timer: BigTimer, id: str | None = None) -> None:
        super().__init__(id=id)
        self.timer = timer
        self.view: dict[str, Any] | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="room-top"):
            with Vertical(id="room-heading"):
                yield Static("", id="room-progress", markup=False)
                yield Static("", id="room-phase", markup=False)
            with Horizontal(id="room-count"):
                yield BigNumber("0", id="room-voted")
                yield Static("", id="room-count-label", markup=False)
            yield self.timer
        yield Static("", id="room-title", markup=False)
        yield Static("", id="room-situation", markup=False)
        yield Static("", id="room-question", markup=False)
        yield Static("", id="room-options", markup=False)
        yield Static("", id="room-results", markup=False)
        yield Static("", id="room-texts", markup=False)
        yield Static("", id="room-proposals", markup=False)
        yield Static("", id="room-agenda", markup=False)
        yield Static("", id="room-agenda-vote", markup=False)

    def on_resize(self) -> None:
        if self.view is not None:
            self.show(self.view)  # bar lengths follow the width

    def show(self, view: dict[str, Any]) -> None:
        self.view = view
        item, round_ = view["item"], view["round"]
        show(
            self.query_one("#room-progress", Static),
            t("tui.item.progress", n=item["index"] + 1, count=item["count"]),
        )
        phase = round_["phase"] if round_ else None
        label = t(f"scherm.phase.{phase}") if phase else ""
        # The agenda item's second round is its choice of points, not a revote.
        if round_ and round_["attempt"] == 2 and phase == "open" and item.get("kind") != "agenda":
            label = t("scherm.phase.revote")
        phase_widget = self.query_one("#room-phase", Static)
        show(phase_widget, label)
        phase_widget.set_classes(f"phase-{phase or 'free'}")
        phase_widget.display = bool(label)
        shown = round_ is not None and phase in ("open", "closed")
        zelftest = view.get("zelftest")
        self.query_one("#room-count").display = shown or zelftest is not None
        if zelftest is not None:  # how many finished; what they answered never comes here
            self.query_one("#room-voted", BigNumber).update(str(zelftest["finished"]))
            show(self.query_one("#room-count-label", Static), t("scherm.zelftest_finished"))
        if shown:
            of = max(view["connected"], view["voted"])
            open_question = round_["question"]["type"] == "open"
            label = "scherm.answered_of" if open_question else "scherm.voted_of"
            self.query_one("#room-voted", BigNumber).update(str(view["voted"]))
            show(self.query_one("#room-count-label", Static), t(label, n=of))
        situation = Text()
        if item.get("rule"):
            situation.append(str(item["rule"]) + "\n\n", style="bold")
        situation.append(str(item.get("situation") or ""))
        show(self.query_one("#room-title", Static), str(item["title"]))
        show(self.query_one("#room-situation", Static), situation)
        question = round_["question"] if round_ else None
        question_widget = self.query_one("#room-question", Static)
        show(question_widget, Text(str(question["text"])) if question else "")
        options = self.query_one("#room-options", Static)
        show(options, lambda: options_table(question), given=question)
        question_widget.display = options.display = question is not None
        width = max(40, self.size.width - 4)
        results = self.query_one("#room-results", Static)
        show(
            results,
            lambda: results_block(question, view["results"], view["shift"], width),
            given=(question, view["results"], view["shift"], width),
        )
        results.display = (
            bool(view["results"]) and question is not None and (question["type"] != "open")
        )
        texts = self.query_one("#room-texts", Static)
        show(texts, lambda: texts_block(view["texts"]), given=view["texts"])
        texts.display = bool(view["texts"])
        proposals = self.query_one("#room-proposals", Static)
        proposals.display = bool(view.get("proposals"))
        if view.get("proposals"):
            show(proposals, lambda: proposals_block(view["proposals"]), given=view["proposals"])
        agenda_vote = view.get("agenda_vote")
        vote_widget = self.query_one("#room-agenda-vote", Static)
        show(
            vote_widget,
            lambda: agenda_vote_block(agenda_vote) if agenda_vote else "",
            given=agenda_vote,
        )
        vote_widget.display = bool(agenda_vote and (agenda_vote["ranked"] or agenda_vote["seeds"]))
        if agenda_vote and agenda_vote["ranked"]:
            results.display = False  # the ranked agenda, with the points' texts, says it all
        agenda = self.query_one("#room-agenda", Static)
        agenda.display = view["agenda"] is not None
        if view["agenda"] is not None:
            show(agenda, lambda: agenda_block(view["agenda"]), given=view["agenda"])
