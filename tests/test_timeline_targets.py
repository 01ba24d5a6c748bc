"""The timeline (ahead, now, overdue judged against an injected today) and target histories."""

from datetime import date

import pytest
from rdflib import Graph, Literal

from ros_kg.entities import Entities, entity_in
from ros_kg.namespaces import ROSID
from ros_kg.network import build_network
from ros_kg.report import overview, participants
from ros_kg.targets import target_histories
from ros_kg.timeline import timeline
from tests.test_dependencies import fixture_graph


@pytest.fixture(scope="module")
def deck() -> Graph:
    return fixture_graph("deck_network.ttl")


def marks(graph: Graph, today: date) -> dict[str, str]:
    return {e.entity.iri.rsplit("/", 1)[-1]: e.mark for e in timeline(graph, today=today)}


def test_timeline_is_in_date_order_with_who_takes_part(deck: Graph) -> None:
    events = timeline(deck, today=date(2026, 4, 1))
    assert [e.day for e in events] == sorted(e.day for e in events)
    bod = next(e for e in events if e.entity.iri == str(ROSID["ruimtelijk-bod"]))
    assert {w.name() for w in bod.who} == {"Enschede", "Hengelo", "Provincie Overijssel"}


def test_timeline_marks_ahead_and_now_by_the_whole_period(deck: Graph) -> None:
    found = marks(deck, date(2026, 4, 1))
    assert found["consultatie-2026"] == "now"
    assert found["bo-mirt-2026"] == "ahead"
    assert found["novi"] == "done"


def test_timeline_marks_planned_things_past_their_period_as_overdue(deck: Graph) -> None:
    found = marks(deck, date(2026, 12, 15))
    assert found["consultatie-2026"] == "overdue"
    assert found["bo-mirt-2026"] == "overdue"
    assert found["omgevingsvisie-enschede"] == "ahead"


def test_timeline_from_and_to_are_bound_parameters(deck: Graph) -> None:
    events = timeline(deck, today=date(2026, 4, 1), start=date(2025, 1, 1), end=date(2025, 12, 31))
    assert [e.entity.name("en") for e in events] == ["Draft Nota Ruimte", "Direction for 2050"]


def test_timeline_season_reads_as_the_source_words_it(deck: Graph) -> None:
    event = next(
        e
        for e in timeline(deck, today=date(2026, 4, 1))
        if e.entity.iri.endswith("consultatie-2026")
    )
    assert event.when("nl") == "voorjaar 2026"
    assert event.until == date(2026, 6, 1)


def test_targets_change_from_the_bod_to_the_2050_direction(deck: Graph) -> None:
    changes = {h.quantity.name("en"): h.change for h in target_histories(deck)}
    assert changes == {"inhabitants": 20000, "homes": 20000, "jobs": 10000}


def test_targets_are_in_document_order_with_step_changes(deck: Graph) -> None:
    inhabitants = target_histories(deck)[0]
    assert inhabitants.quantity.name("en") == "inhabitants"
    assert [t.value for t in inhabitants.targets] == [100000, 100000, 120000]
    assert [t.change for t in inhabitants.targets] == [None, 0, 20000]
    assert inhabitants.targets[1].comparator is not None
    assert inhabitants.targets[1].comparator.name("en") == "more than"


def test_participants_as_of_2023_are_the_initiators(deck: Graph) -> None:
    found = participants(deck, as_of=date(2023, 6, 1))
    assert [p.entity.name() for p in found] == ["Provincie Overijssel", "Enschede", "Hengelo"]
    later = {p.entity.name() for p in participants(deck, as_of=date(2025, 6, 1))}
    assert {"Losser", "Waterschap Vechtstromen", "Ministerie van VRO"} <= later


def test_participants_come_in_layer_order(deck: Graph) -> None:
    layers = [p.layer for p in participants(deck, organization=None)]
    order = ["rijk", "province", "water_board", "municipalities", "knowledge", "cross_border"]
    assert [layer for layer in order if layer in layers] == order
    assert layers == sorted(layers, key=lambda layer: [*order, "other"].index(layer))


def test_overview_holds_every_section(deck: Graph) -> None:
    result = overview(deck, today=date(2026, 4, 1))
    assert result.participants and result.key_dependencies and result.bottlenecks
    assert {e.mark for e in result.ahead} <= {"now", "ahead", "overdue"}
    assert len(result.targets) == 3


def test_entities_read_at_once_name_every_node_as_one_lookup_does(deck: Graph) -> None:
    """The report names nodes from labels read in one pass; the answers must not change."""
    network = build_network(deck)
    nodes = {n for triple in deck for n in triple if not isinstance(n, Literal)}
    assert len(nodes) > 150
    assert sum(str(n) in network for n in nodes) > 20  # both ways of naming are compared
    for entities in (Entities(deck), Entities(deck, network)):
        for node in sorted(nodes, key=str):
            one = entity_in(deck, node)
            many = entities(node)
            assert (many, dict(many.label), many.kind) == (one, dict(one.label), one.kind)
        assert entities(ROSID.enschede) is entities(ROSID.enschede)


def test_a_report_gives_the_same_timeline_and_targets_as_each_alone(deck: Graph) -> None:
    shared = Entities(deck)
    today = date(2026, 11, 28)
    assert timeline(deck, today=today, entities=shared) == timeline(deck, today=today)
    alone = target_histories(deck)
    together = target_histories(deck, entities=shared)
    assert together == alone
    assert [t.sources for h in together for t in h.targets] == [
        t.sources for h in alone for t in h.targets
    ]
