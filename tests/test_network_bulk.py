"""The network projection's bulk reads give exactly what rdflib's API gives.

``build_network`` reads each property whole; on the Oxigraph store it asks the store for the
pairs and label texts in bulk (``OxigraphStore.subject_objects_list`` and ``literal_texts``),
elsewhere it goes through ``Graph.subject_objects``. Both paths must build the same network:
the same nodes, edges and attributes, with the same types, inserted in the same order. Each
test runs on both stores (``pytest --store memory`` runs the memory store's side).
"""

import gc
from datetime import date
from typing import Any

import pytest
from rdflib import Graph, URIRef

from benchmarks.national_graph import write_turtle
from ros_kg.labels import LANGUAGES, Labels, literal_texts
from ros_kg.namespaces import ORG, RDF, RDFS, SKOS
from ros_kg.network import RELATIONS, _Facts, _project, build_network, subject_objects
from ros_kg.store import is_oxigraph, load_graph

# Everything the projection has to get right in one file: several values where one is read
# (the first counts), several types, labels in other languages or typed or empty or missing,
# blank nodes, a literal where an IRI belongs, two properties giving the same relation between
# the same two nodes, texts per language.
EDGE_CASES = """\
@prefix ros: <https://w3id.org/ros-kg/def#> .
@prefix rosid: <https://w3id.org/ros-kg/id/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

rosid:t-two-dates a ros:Document, ros:Gemeente ;
    rdfs:label "Twee data"@nl, "Two dates"@en, "Zwei Daten"@de, "Nog een"@nl ;
    skos:prefLabel "Voorkeur"@nl ;
    skos:altLabel "alt b", "alt a"@en, rosid:alt-iri ;
    ros:date "2024-05-01"^^xsd:date, "2023-01-01"^^xsd:date ;
    ros:startDate "not a date" ;
    ros:status "gepland" ;
    ros:dateLabel "mei"@nl, "May"@en, "zonder taal", "May again"@en ;
    rdfs:comment "Opmerking"@nl ;
    skos:definition "Definition"@en ;
    ros:theme rosid:thema-b, rosid:thema-a ;
    dcterms:source rosid:bron-b, rosid:bron-a, "a literal source" ;
    ros:tooi <https://identifier.overheid.nl/tooi/id/x> ;
    ros:cbsCode "GM9999", "GM9998" .

rosid:t-german a ros:Thema ; rdfs:label "Nur Deutsch"@de ; ros:status ros:Lopend .
rosid:t-typed a ros:Thema ; rdfs:label "01"^^xsd:integer, ""@en ; ros:status ros:Gereed .
rosid:t-empty a ros:Thema ; rdfs:label "" .
rosid:t-nolabel a ros:Gebied .
rosid:t-iri-label a ros:Gebied ; rdfs:label rosid:not-a-literal .

rosid:t-target a ros:Doel ; rdfs:label "Doel"@nl ;
    ros:statedIn rosid:t-two-dates, rosid:t-doc-2 ; ros:about rosid:t-doc-3 .
rosid:t-doc-2 a ros:Document ; ros:date "2022-03-01"^^xsd:date .
rosid:t-doc-3 a ros:Document ; ros:date "2021-03-01"^^xsd:date ;
    ros:endDate "2030-01-01"^^xsd:date .
rosid:t-claim a ros:Bewering ; ros:statedIn rosid:t-nolabel .

[] a ros:Gemeente ; rdfs:label "Blank"@nl .

rosid:t-dep-1 a ros:Afhankelijkheid ; rdfs:label "Afh 1"@nl ;
    ros:dependent rosid:t-german ; ros:dependee rosid:t-typed, rosid:t-empty ;
    ros:dependencyKind rosid:kind-x ; ros:basis "a literal basis" ;
    ros:startDate "2020-01-01"^^xsd:date ; dcterms:source rosid:bron-a, rosid:bron-b .
rosid:t-dep-2 a ros:Afhankelijkheid ;
    ros:dependent rosid:t-german ; ros:dependee rosid:t-typed ;
    ros:dependencyKind "literal kind" ; ros:basis rosid:t-doc-2 .
rosid:t-dep-3 a ros:Afhankelijkheid ;
    ros:dependent rosid:t-german ; ros:dependee rosid:t-empty ; ros:dependencyKind rosid:kind-y .
rosid:t-dep-4 a ros:Afhankelijkheid ; ros:dependent rosid:t-german ; ros:dependee "literal" .
[] a ros:Afhankelijkheid ; ros:dependent rosid:t-typed ; ros:dependee rosid:t-german .
rosid:kind-x skos:notation "x-kind" ; rdfs:label "Soort X"@nl, "Kind X"@en .
rosid:kind-y rdfs:label "Soort Y"@nl .

rosid:t-membership a org:Membership ; org:member rosid:t-german ;
    org:organization rosid:t-typed ; org:role rosid:role-b, rosid:role-a ;
    ros:startDate "2019-01-01"^^xsd:date ; ros:endDate "2021-01-01"^^xsd:date .
rosid:role-a rdfs:label "Rol A"@nl, "Role A"@en .

rosid:t-german org:subOrganizationOf rosid:t-typed ; org:unitOf rosid:t-typed ;
    ros:buildsOn rosid:t-typed, "not a node" ; ros:elaborates rosid:t-typed .
"""


def _view(value: Any) -> Any:
    """Return ``value`` with every type and every order made part of what ``==`` compares."""
    if isinstance(value, dict):
        return ("dict", [(_view(k), _view(v)) for k, v in value.items()])
    if isinstance(value, list | tuple):
        return (type(value).__name__, [_view(v) for v in value])
    return (type(value).__name__, value)


def network_view(network: Any) -> Any:
    """Everything about a network: graph attributes, nodes, edges and adjacency, in order."""
    return (
        _view(network.graph),
        [(_view(n), _view(a)) for n, a in network.nodes(data=True)],
        [
            (_view(u), _view(v), _view(k), _view(a))
            for u, v, k, a in network.edges(keys=True, data=True)
        ],
        [(n, list(network.pred[n])) for n in network],
    )


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    """The shipped graph, a small national graph and the edge cases, in this session's store."""
    folder = tmp_path_factory.mktemp("network-bulk")
    write_turtle(3_000, folder / "national.ttl")
    (folder / "edge-cases.ttl").write_text(EDGE_CASES, encoding="utf-8")
    return load_graph([folder / "national.ttl", folder / "edge-cases.ttl"])


@pytest.mark.parametrize("as_of", [None, date(2020, 6, 1)])
def test_bulk_and_general_path_build_the_same_network_on_the_shipped_graph(
    shipped_graph: Graph, as_of: date | None
) -> None:
    bulk = _project(shipped_graph, as_of, bulk=True)
    general = _project(shipped_graph, as_of, bulk=False)
    assert network_view(bulk) == network_view(general)
    assert network_view(build_network(shipped_graph, as_of=as_of)) == network_view(general)


@pytest.mark.parametrize("as_of", [None, date(2020, 6, 1)])
def test_bulk_and_general_path_build_the_same_network_on_a_generated_graph(
    generated: Graph, as_of: date | None
) -> None:
    bulk = _project(generated, as_of, bulk=True)
    general = _project(generated, as_of, bulk=False)
    assert bulk.number_of_nodes() > 500
    assert network_view(bulk) == network_view(general)


def test_the_edge_cases_come_out_as_the_projection_defines_them(generated: Graph) -> None:
    network = build_network(generated)
    iri = "https://w3id.org/ros-kg/id/"
    node = network.nodes[iri + "t-two-dates"]
    assert node["kind"] == "municipality"  # the first of its kinds in KINDS
    assert node["alt_labels"] == ["alt a", "alt b", iri + "alt-iri"]
    assert node["themes"] == [iri + "thema-a", iri + "thema-b"]
    assert node["sources"] == ["a literal source", iri + "bron-a", iri + "bron-b"]
    assert node["comment"] == {"nl": "Opmerking"}
    assert node["status"] is None
    assert set(node["date_label"]) == {"nl", "en", ""}
    assert node["date"] in (date(2024, 5, 1), date(2023, 1, 1))
    assert network.nodes[iri + "t-german"]["label"] == {"nl": "Nur Deutsch", "en": "Nur Deutsch"}
    assert network.nodes[iri + "t-nolabel"]["label"] == {"nl": "t-nolabel", "en": "t-nolabel"}
    assert network.nodes[iri + "t-target"]["start"] == date(2021, 3, 1)
    assert network.nodes[iri + "t-claim"]["start"] is None
    kinds = {a["iri"]: a["kind"] for _, _, a in network.edges(data=True) if a["iri"]}
    assert kinds[iri + "t-dep-1"] == "x-kind"
    assert kinds[iri + "t-dep-2"] == "other"
    assert kinds[iri + "t-dep-3"] == "other"
    assert iri + "t-dep-4" not in kinds
    assert kinds[iri + "t-membership"] == "Role A"
    between = network.get_edge_data(iri + "t-german", iri + "t-typed")
    assert set(between) - {iri + "t-dep-1"} == {
        "part_of",
        "builds_on",
        iri + "t-dep-2",
        iri + "t-membership",
    }
    # t-dep-1 has two dependees: one edge, to the one read first (store order).
    other = network.get_edge_data(iri + "t-german", iri + "t-empty")
    assert (iri + "t-dep-1" in between) != (iri + "t-dep-1" in other)
    # Two properties give part_of between the same two nodes: one edge, the later one's label.
    assert between["part_of"]["label"] == Labels(generated).per_language(ORG.unitOf)
    assert all(n.startswith("https://") for n in network)  # no blank node becomes a node


def test_bulk_reads_match_rdflibs_api_term_for_term(generated: Graph) -> None:
    predicates = [
        *_Facts.PREDICATES,
        *_Facts.TEXTS,
        RDFS.label,
        SKOS.prefLabel,
        *(p for p, _ in RELATIONS),
    ]
    for predicate in predicates:
        bulk = list(subject_objects(generated, predicate, bulk=True))
        general = list(subject_objects(generated, predicate, bulk=False))
        assert _view(bulk) == _view(general), predicate
        assert _view(list(literal_texts(generated, predicate, bulk=True))) == _view(
            list(literal_texts(generated, predicate, bulk=False))
        ), predicate
    t_typed = URIRef("https://w3id.org/ros-kg/id/t-typed")
    assert (t_typed, None, "1") in list(literal_texts(generated, RDFS.label))  # rdflib normalises


def test_labels_read_in_bulk_answer_as_labels_read_through_rdflib(generated: Graph) -> None:
    bulk, general = Labels(generated, bulk=True), Labels(generated, bulk=False)
    subjects = {s for s, _ in generated.subject_objects(RDFS.label)}
    subjects |= {s for s, _ in generated.subject_objects(RDF.type)}
    for subject in subjects:
        assert bulk.per_language(subject) == general.per_language(subject)
        assert bulk.per_language(subject) == {lang: general(subject, lang) for lang in LANGUAGES}


def test_the_oxigraph_store_takes_the_bulk_path(generated: Graph) -> None:
    store = generated.store
    has_bulk = hasattr(store, "subject_objects_list") and hasattr(store, "literal_texts")
    assert has_bulk == is_oxigraph(generated)


@pytest.mark.parametrize("enabled", [True, False])
def test_the_garbage_collector_is_left_as_it_was(shipped_graph: Graph, enabled: bool) -> None:
    was = gc.isenabled()
    try:
        if enabled:
            gc.enable()
        else:
            gc.disable()
        build_network(shipped_graph)
        assert gc.isenabled() is enabled
    finally:
        if was:
            gc.enable()
        else:
            gc.disable()
