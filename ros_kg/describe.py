"""Summaries of the graph and of one resource: what ``stats`` and ``show`` report."""

from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from ros_kg.labels import label_of
from ros_kg.namespaces import RDF, RDFS, SKOS
from ros_kg.queries import get_query, run_select


@dataclass(frozen=True)
class Count:
    """How many instances a class (or a main kind with its subclasses) has."""

    iri: str
    label: str
    count: int


@dataclass(frozen=True)
class GraphStats:
    """The size of the graph, per main kind and per class."""

    triples: int
    totals: tuple[Count, ...]
    classes: tuple[Count, ...]


@dataclass(frozen=True)
class Statement:
    """One statement about a resource, with the labels a person reads."""

    direction: str
    property: str
    property_label: str
    value: str
    value_label: str
    is_resource: bool


@dataclass(frozen=True)
class Description:
    """Everything the graph says about one resource, both ways."""

    iri: str
    label_nl: str
    label_en: str
    kinds: tuple[str, ...]
    statements: tuple[Statement, ...]


def graph_stats(graph: Graph, lang: str = "nl") -> GraphStats:
    """Count triples, the main kinds (subclasses included) and every ``ros:`` class."""
    label_var = f"label_{lang}"
    return GraphStats(
        triples=len(graph),
        totals=_counts(graph, "kind_totals", "kind", label_var),
        classes=_counts(graph, "class_counts", "class", label_var),
    )


def _counts(graph: Graph, query: str, key: str, label_var: str) -> tuple[Count, ...]:
    table = run_select(graph, get_query(query).text)
    counts = []
    for row in table.rows:
        record = dict(zip(table.variables, row, strict=True))
        iri = record[key]
        label = record.get(label_var)
        assert iri is not None
        counts.append(
            Count(
                iri=str(iri),
                label=str(label) if label is not None else label_of(graph, iri),
                count=int(str(record["count"])),
            )
        )
    return tuple(counts)


def describe(graph: Graph, resource: URIRef, lang: str = "nl") -> Description:
    """Return what ``graph`` says about ``resource``, outgoing statements first."""
    table = run_select(graph, get_query("resource_statements").text, {"resource": resource})
    statements = []
    for direction, prop, value in table.rows:
        assert isinstance(prop, URIRef) and value is not None
        statements.append(
            Statement(
                direction=str(direction),
                property=str(prop),
                property_label=label_of(graph, prop, lang),
                value=str(value),
                value_label=_value_label(graph, value, lang),
                is_resource=isinstance(value, URIRef),
            )
        )
    return Description(
        iri=str(resource),
        label_nl=label_of(graph, resource, "nl"),
        label_en=label_of(graph, resource, "en"),
        kinds=tuple(sorted(label_of(graph, t, lang) for t in graph.objects(resource, RDF.type))),
        statements=tuple(statements),
    )


def _value_label(graph: Graph, value: Node, lang: str) -> str:
    if isinstance(value, Literal):
        suffix = f" @{value.language}" if value.language else ""
        return f"{value}{suffix}"
    if (value, RDFS.label, None) not in graph and (value, SKOS.prefLabel, None) not in graph:
        return str(value)  # an outside identifier (TOOI, Wikidata, a web page): show it whole
    return label_of(graph, value, lang)
