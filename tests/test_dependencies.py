"""Dependency analysis over the network: closure, chains, impact, bottlenecks, cycles."""

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef

from ros_kg import resources
from ros_kg.dependencies import (
    bottlenecks,
    chains_between,
    dependencies_of,
    dependency_cycles,
    dependents_of,
    impact_of,
)
from ros_kg.namespaces import RDF, RDFS, ROS, ROSID
from ros_kg.network import build_network
from ros_kg.queries import get_query, run_select
from ros_kg.store import add_derived, new_graph, parse_turtle

DATA = Path(__file__).parent / "data"


def fixture_graph(*names: str) -> Graph:
    """The ontology plus the named fixtures, without the shipped data."""
    graph = new_graph()
    for path in [*resources.ontology_files(), *(DATA / n for n in names)]:
        parse_turtle(path, graph)
    add_derived(graph)
    return graph


@pytest.fixture(scope="module")
def deck() -> Graph:
    return fixture_graph("deck_network.ttl")


def iri(name: str) -> str:
    return str(ROSID[name])


def sparql_closure(graph: Graph, start: str) -> set[str]:
    table = run_select(
        graph, get_query("report_transitive_dependencies").text, {"dependent": URIRef(start)}
    )
    return {str(n) for n in table.column("dependee")} - {start}


def test_direct_dependencies_carry_kind_basis_and_source(deck: Graph) -> None:
    rows = dependencies_of(build_network(deck), iri("enschede"))
    found = {(r.entity.iri, r.last.kind, r.last.basis.iri if r.last.basis else None) for r in rows}
    assert (iri("vro"), "designation", iri("ontwerp-nota-ruimte")) in found
    assert (iri("provincie-overijssel"), "cooperation", iri("ruimtelijk-bod")) in found
    assert all(r.distance == 1 for r in rows)
    assert rows[0].last.sources[0].name("en") == "ROS Twente deck"


def test_transitive_dependencies_reach_the_rijk_through_the_province(deck: Graph) -> None:
    rows = dependencies_of(build_network(deck), iri("enschede"), transitive=True)
    rijk = next(r for r in rows if r.entity.iri == iri("rijk"))
    assert rijk.distance == 2
    assert [s.kind for s in rijk.chain] == ["cooperation", "funding"]


def test_kind_filter_follows_only_that_kind(deck: Graph) -> None:
    rows = dependencies_of(build_network(deck), iri("hengelo"), transitive=True, kinds={"funding"})
    assert [r.entity.iri for r in rows] == [iri("provincie-overijssel"), iri("rijk")]
    assert dependencies_of(build_network(deck), iri("hengelo"), kinds={"water"}) == ()


def test_as_of_drops_dependencies_that_did_not_hold_yet(deck: Graph) -> None:
    before = dependencies_of(build_network(deck, as_of=date(2024, 6, 1)), iri("enschede"))
    assert [r.entity.iri for r in before] == [iri("provincie-overijssel")]


def test_dependents_transitive_lists_each_party_once(deck: Graph) -> None:
    rows = dependents_of(build_network(deck), iri("rijk"), transitive=True)
    names = [r.entity.iri for r in rows]
    assert len(names) == len(set(names))
    assert set(names) == {
        iri(n) for n in ("provincie-overijssel", "enschede", "hengelo", "vechtstromen", "losser")
    }
    assert next(r for r in rows if r.entity.iri == iri("losser")).distance == 3


def test_impact_of_bo_mirt_reaches_the_omgevingsvisie_through_the_ros(deck: Graph) -> None:
    rows = impact_of(build_network(deck), iri("bo-mirt-2026"))
    by_iri = {r.entity.iri: r for r in rows}
    assert by_iri[iri("ros")].distance == 1
    visie = by_iri[iri("omgevingsvisie-enschede")]
    assert visie.distance == 2
    assert [s.relation for s in visie.chain] == ["depends_on", "building_block_for"]
    assert [r.distance for r in rows] == sorted(r.distance for r in rows)


def test_chains_are_shortest_first_and_bounded(deck: Graph) -> None:
    network = build_network(deck)
    chains = chains_between(network, iri("losser"), iri("rijk"), limit=5)
    assert [[s.target.iri for s in c] for c in chains] == [
        [iri("enschede"), iri("provincie-overijssel"), iri("rijk")]
    ]
    assert chains_between(network, iri("rijk"), iri("losser")) == ()
    assert chains_between(network, iri("losser"), iri("losser")) == ()


def test_bottlenecks_rank_the_province_and_read_plainly(deck: Graph) -> None:
    ranked = bottlenecks(build_network(deck), top=3)
    assert ranked[0].entity.iri == iri("provincie-overijssel")
    assert ranked[0].reading("en").startswith("8 of 13 chains pass through or end at Province")


def test_cycles_are_found_and_walks_end() -> None:
    graph = fixture_graph("dependency_cycle.ttl")
    network = build_network(graph)
    a = "https://example.org/ros-kg-test/kringgemeente-a"
    b = "https://example.org/ros-kg-test/kringgemeente-b"
    assert [r.entity.iri for r in dependencies_of(network, a, transitive=True)] == [b]
    assert [r.entity.iri for r in impact_of(network, a)] == [b]
    cycles = dependency_cycles(network)
    assert [[s.source.iri for s in c] for c in cycles] == [[a, b]]


def test_unknown_node_gives_empty_results_not_errors(deck: Graph) -> None:
    network = build_network(deck, as_of=date(2019, 1, 1))
    assert dependencies_of(network, iri("ros")) == ()
    assert impact_of(network, iri("ros")) == ()


def test_networkx_closure_equals_sparql_property_path_on_the_fixture(deck: Graph) -> None:
    network = build_network(deck)
    for node in sorted({str(s) for s in deck.subjects(ROS.dependsOn, None)}):
        ours = {r.entity.iri for r in dependencies_of(network, node, transitive=True)}
        assert ours == sparql_closure(deck, node), node


def test_networkx_closure_equals_sparql_property_path_on_the_shipped_graph(
    shipped_graph: Graph,
) -> None:
    network = build_network(shipped_graph)
    dependents = sorted({str(s) for s in shipped_graph.subjects(ROS.dependsOn, None)})
    assert dependents, "the shipped graph has dependencies"
    for node in dependents:
        ours = {r.entity.iri for r in dependencies_of(network, node, transitive=True)}
        assert ours == sparql_closure(shipped_graph, node), node


edges = st.lists(
    st.tuples(st.integers(0, 7), st.integers(0, 7)).filter(lambda e: e[0] != e[1]),
    max_size=20,
)


@settings(max_examples=60, deadline=None)
@given(edges)
def test_networkx_closure_equals_sparql_on_generated_graphs_with_cycles(
    pairs: list[tuple[int, int]],
) -> None:
    graph = new_graph()
    node = [ROSID[f"gemeente-{i}"] for i in range(8)]
    for n in node:
        graph.add((n, RDF.type, ROS.Gemeente))
        graph.add((n, RDFS.label, Literal(str(n)[-10:], lang="nl")))
    for number, (a, b) in enumerate(pairs):
        dependency = ROSID[f"afh-{number}"]
        graph.add((dependency, RDF.type, ROS.Afhankelijkheid))
        graph.add((dependency, ROS.dependent, node[a]))
        graph.add((dependency, ROS.dependee, node[b]))
        graph.add((dependency, ROS.dependencyKind, ROS.Financiering))
    add_derived(graph)
    network = build_network(graph)
    for n in node:
        ours = {r.entity.iri for r in dependencies_of(network, str(n), transitive=True)}
        assert ours == sparql_closure(graph, str(n))


def test_generated_diamond_and_cycle_walks_end() -> None:
    graph = new_graph()
    pairs = [(0, 1), (0, 2), (1, 3), (2, 3), (3, 0)]
    for number, (a, b) in enumerate(pairs):
        dependency = ROSID[f"afh-{number}"]
        for n in (a, b):
            graph.add((ROSID[f"g{n}"], RDF.type, ROS.Gemeente))
        graph.add((dependency, RDF.type, ROS.Afhankelijkheid))
        graph.add((dependency, ROS.dependent, ROSID[f"g{a}"]))
        graph.add((dependency, ROS.dependee, ROSID[f"g{b}"]))
    network = build_network(graph)
    rows = dependencies_of(network, str(ROSID.g0), transitive=True)
    assert sorted(r.entity.iri for r in rows) == [str(ROSID[f"g{i}"]) for i in (1, 2, 3)]
    assert len(dependency_cycles(network)) == 2


def test_bottlenecks_of_a_large_network_are_estimated_reproducibly_and_say_so(
    shipped_graph: Graph,
) -> None:
    network = build_network(shipped_graph)
    exact = bottlenecks(network, top=3)
    estimated = bottlenecks(network, top=3, exact_limit=40)
    assert not any(b.approximate for b in exact)
    assert all(b.approximate for b in estimated)
    assert estimated == bottlenecks(network, top=3, exact_limit=40)
    assert "estimated from a sample" in estimated[0].reading("en")
    assert "steekproef" in estimated[0].reading("nl")
    # Dependents are counted exactly even when chains are sampled.
    exact_dependents = {b.entity.iri: b.dependents for b in exact}
    for b in estimated:
        if b.entity.iri in exact_dependents:
            assert b.dependents == exact_dependents[b.entity.iri]
