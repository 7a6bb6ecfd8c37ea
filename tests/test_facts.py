"""Derived facts: channel groups come from the channel catalogue, and each fact declares the
answers it reads, which is what robustness recomputes."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator, Mapping
from typing import Any

import pytest
from hypothesis import given, settings

from modelo_servicio.domain.errors import RuleError
from modelo_servicio.domain.profile_io import profile_from_data
from modelo_servicio.engine.facts import FactBook
from modelo_servicio.engine.scoring import Engine
from modelo_servicio.knowledge.loader import KnowledgeBase, build, packaged_files

from .conftest import make_profile
from .test_properties import profile_data

VOLUMES = {"in_person": 100, "phone": 200, "chat": 300, "email": 400}


def test_facts_are_recomputed_only_for_the_answers_they_read(kb: KnowledgeBase) -> None:
    book = FactBook.of(kb)
    phone = set(book.reading("demand.contacts_per_month.phone"))
    assert {"total_contacts", "share_phone", "live_share", "contacts_per_customer"} <= phone
    assert "share_email" in phone  # every share divides by the total
    assert "team_avg_skill" not in phone
    assert set(book.reading("customers.active")) == {"contacts_per_customer", "customers_per_staff"}
    assert book.reading("customers.ticket") == ()


def test_group_shares_follow_the_channel_catalogue(kb: KnowledgeBase) -> None:
    ctx = FactBook.of(kb).context(make_profile(demand={"contacts_per_month": VOLUMES}))
    assert ctx["facts.live_share"] == 0.6  # in person, phone, chat
    assert ctx["facts.voice_share"] == 0.3
    assert ctx["facts.digital_share"] == 0.7
    assert ctx["facts.assisted_digital_share"] == 0.7
    assert ctx["facts.total_contacts"] == 1000


def test_a_consultancy_can_reclassify_a_channel_and_add_a_group() -> None:
    """Chat taken out of the live group and put in a new one: the shares and the rules that
    read them follow the catalogue, with no change to the code."""
    text = textwrap.dedent(
        """\
        kind: channels
        channels:
          - id: chat
            name: {es: Chat, en: Chat}
            demands: {es: Escribir rápido, en: Quick writing}
            groups: [digital, assisted_digital, written]
        """
    )
    kb = build([*packaged_files(), ("mine.yaml", text)])
    ctx = Engine(kb).facts.context(make_profile(demand={"contacts_per_month": VOLUMES}))
    assert ctx["facts.live_share"] == 0.3
    assert ctx["facts.written_share"] == 0.3


def test_a_rule_reading_a_group_nobody_declares_is_located() -> None:
    text = textwrap.dedent(
        """\
        kind: rules
        rules:
          - id: mine
            model: online
            points: 5
            when: {field: facts.writen_share, gt: 0.5}
            text: {es: x, en: x}
        """
    )
    with pytest.raises(RuleError) as caught:
        Engine(build([*packaged_files(), ("mine.yaml", text)]))
    assert "mine.yaml:6" in str(caught.value.problems[0])
    assert "unknown field 'facts.writen_share'" in str(caught.value.problems[0])


def test_a_group_name_must_be_an_identifier() -> None:
    from modelo_servicio.domain.errors import ModeloError

    text = "kind: channels\nchannels:\n  - id: sms\n    name: {es: S, en: S}\n    demands: {es: d, en: d}\n    groups: [Live Share]\n"
    with pytest.raises(ModeloError) as caught:
        build([*packaged_files(), ("mine.yaml", text)])
    assert "mine.yaml:6" in str(caught.value.problems[0])


class _Recorder(Mapping[str, Any]):
    """The context, noting every key a fact reads."""

    def __init__(self, answers: dict[str, Any]) -> None:
        self.answers = answers
        self.read: set[str] = set()

    def __getitem__(self, key: str) -> Any:
        self.read.add(key)
        return self.answers[key]

    def __iter__(self) -> Iterator[str]:
        self.read.update(self.answers)
        return iter(self.answers)

    def __len__(self) -> int:
        return len(self.answers)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(profile_data())
def test_every_fact_declares_what_it_reads(engine: Engine, data: dict[str, Any]) -> None:
    """Robustness recomputes a fact when an answer it declares changes: a fact reading an
    undeclared answer would keep a stale value. Traced on generated profiles."""
    profile = profile_from_data(data, "<generated>")
    ctx = engine.facts.context(profile)
    for name, fact in engine.facts.facts.items():
        seen = _Recorder(ctx)
        assert fact.compute(seen, profile.staff) == ctx[f"facts.{name}"]
        assert seen.read <= set(fact.reads), name
