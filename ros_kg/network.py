"""The networkx projection of the graph: the one module that turns RDF into a network.

Nodes are the things a person points at (actors, documents, decisions, events, targets, themes,
areas, statements, conditions); edges are typed relations between them. A dependency, which is a
resource of its own in RDF, becomes one ``depends_on`` edge that keeps its IRI, kind, basis,
dates and sources. Everything is inserted in sorted order, so every analysis and every layout
computed on the network is reproducible.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, TypeAlias

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from ros_kg.labels import LANGUAGES, Labels
from ros_kg.namespaces import DCTERMS, ORG, RDF, RDFS, ROS, SKOS

if TYPE_CHECKING:
    import networkx as nx

    Network: TypeAlias = "nx.MultiDiGraph[str]"
else:
    Network: TypeAlias = Any

KINDS: tuple[tuple[URIRef, str], ...] = (
    (ROS.Rijksoverheid, "national_government"),
    (ROS.Ministerie, "ministry"),
    (ROS.Provincie, "province"),
    (ROS.Waterschap, "water_board"),
    (ROS.Gemeente, "municipality"),
    (ROS.Bestuursorgaan, "governing_body"),
    (ROS.Samenwerkingsverband, "partnership"),
    (ROS.Kennisinstelling, "knowledge_institution"),
    (ROS.GrensoverschrijdendePartner, "cross_border_partner"),
    (ROS.EconomischePartner, "economic_partner"),
    (ROS.Aanwijzing, "designation"),
    (ROS.Afspraak, "agreement"),
    (ROS.Besluit, "decision"),
    (ROS.Document, "document"),
    (ROS.Gebeurtenis, "event"),
    (ORG.ChangeEvent, "change_event"),
    (ROS.Doel, "target"),
    (ROS.Thema, "theme"),
    (ROS.Gebied, "area"),
    (ROS.Opgave, "challenge"),
    (ROS.Ontwikkelprincipe, "principle"),
    (ROS.Bevinding, "lesson"),
    (ROS.Voorwaarde, "condition"),
    (ROS.Bewering, "claim"),
)
"""Node kinds, most specific first: a node takes the first kind among its types."""

KIND_CLASS: dict[str, URIRef] = {kind: cls for cls, kind in KINDS}

ACTOR_KINDS = frozenset(
    {
        "national_government",
        "ministry",
        "province",
        "water_board",
        "municipality",
        "governing_body",
        "partnership",
        "knowledge_institution",
        "cross_border_partner",
        "economic_partner",
    }
)

RELATIONS: tuple[tuple[URIRef, str], ...] = (
    (ORG.subOrganizationOf, "part_of"),
    (ORG.unitOf, "part_of"),
    (ROS.buildsOn, "builds_on"),
    (ROS.elaborates, "builds_on"),
    (ROS.buildingBlockFor, "building_block_for"),
    (ROS.basisFor, "basis_for"),
    (ROS.becomes, "becomes"),
    (ROS.confirms, "confirms"),
    (ROS.participant, "participant"),
    (DCTERMS.creator, "participant"),
    (ROS.decidedBy, "decided_by"),
    (ROS.object, "about"),
    (ROS.statedIn, "stated_in"),
    (ROS.designatedArea, "designates"),
    (ROS.condition, "condition"),
    (ROS.theme, "theme"),
    (ROS.concerns, "concerns"),
    (ROS.about, "about"),
    (ROS.conflictsWith, "conflicts_with"),
    (ORG.originalOrganization, "change_of"),
    (ORG.resultingOrganization, "change_into"),
)
"""Plain RDF properties drawn as edges, with the relation name the network uses."""

STATUS_KEYS = {ROS.Gepland: "planned", ROS.Lopend: "ongoing", ROS.Gereed: "done"}


@dataclass(frozen=True)
class Period:
    """When something held: from ``start`` (inclusive) to ``end`` (exclusive), either open."""

    start: date | None = None
    end: date | None = None

    def holds_on(self, day: date) -> bool:
        """Tell whether the period covers ``day``.

        Examples:
            >>> Period(date(2024, 1, 1)).holds_on(date(2023, 6, 1))
            False
            >>> Period(date(2024, 1, 1), date(2026, 2, 23)).holds_on(date(2025, 6, 1))
            True
        """
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


def build_network(graph: Graph, *, as_of: date | None = None) -> Network:
    """Project ``graph`` onto a MultiDiGraph keyed by IRI strings.

    Args:
        graph: the loaded graph (with derived triples; they are not needed here).
        as_of: keep only what existed and held on this day: nodes whose period covers it and
            edges whose own period, and both ends, do. ``None`` keeps everything.

    Returns:
        The network. Node attributes: ``iri``, ``kind``, ``label`` and ``alt_labels`` (per
        language), ``start``, ``end``, ``date``, ``status``, ``tooi``, ``wikidata``, ``cbs``,
        ``themes``, ``sources``. Edge attributes: ``relation``, ``kind``, ``label`` (per
        language), ``iri``, ``basis``, ``start``, ``end``, ``sources``. The graph attribute
        ``sources`` maps each source IRI to its label per language, so that a report can name
        the source of every step without going back to RDF.
    """
    import networkx as nx

    network: Network = nx.MultiDiGraph()
    labels = Labels(graph)
    network.graph["sources"] = {
        str(source): {lang: labels(source, lang) for lang in LANGUAGES}
        for source in sorted(set(graph.objects(None, DCTERMS.source)), key=str)
        if isinstance(source, URIRef)
    }
    facts = _Facts(graph)
    nodes = sorted(_nodes(graph, facts, labels), key=lambda n: n["iri"])
    for attrs in nodes:
        if as_of is None or Period(attrs["start"], attrs["end"]).holds_on(as_of):
            network.add_node(attrs["iri"], **attrs)
    edges = sorted(
        _edges(graph, facts, labels), key=lambda e: (e[0], e[1], e[2]["relation"], e[2]["iri"])
    )
    for source, target, attrs in edges:
        if source not in network or target not in network:
            continue
        if as_of is not None and not Period(attrs["start"], attrs["end"]).holds_on(as_of):
            continue
        network.add_edge(source, target, key=attrs["iri"] or attrs["relation"], **attrs)
    return network


def node_kind(graph: Graph, node: Node) -> str | None:
    """Return the network kind of ``node``, or ``None`` when it is not drawn as a node."""
    types = set(graph.objects(node, RDF.type))
    for cls, kind in KINDS:
        if cls in types:
            return kind
    return None


class _Facts:
    """The properties the projection reads, fetched one property at a time.

    A lookup per node and property costs a store round trip each (tens of thousands at national
    scale, each converting terms through rdflib's API); one pass per property does the same
    work in bulk. Other reads go to the graph itself.
    """

    PREDICATES = (
        RDF.type, ROS.date, ROS.startDate, ROS.endDate, ROS.statedIn, ROS.about, ROS.status,
        ROS.statusAsOf, ROS.tooi, ROS.wikidata, ROS.cbsCode, ROS.theme, DCTERMS.source,
        SKOS.altLabel, ROS.dateLabel, RDFS.comment, SKOS.definition, ROS.dependent,
        ROS.dependee, ROS.dependencyKind, ROS.basis, SKOS.notation, ORG.member,
        ORG.organization, ORG.role,
    )  # fmt: skip

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self._by: dict[Node, dict[Node, list[Node]]] = {}
        for predicate in self.PREDICATES:
            table: dict[Node, list[Node]] = {}
            for subject, obj in graph.subject_objects(predicate):
                table.setdefault(subject, []).append(obj)
            self._by[predicate] = table

    def objects(self, subject: Node | None, predicate: URIRef) -> list[Node]:
        """Return every object of ``subject`` for a prefetched ``predicate``."""
        return self._by[predicate].get(subject, []) if subject is not None else []

    def value(self, subject: Node | None, predicate: URIRef) -> Node | None:
        """Return one object (the first read), as ``Graph.value`` does."""
        found = self.objects(subject, predicate)
        return found[0] if found else None


def _nodes(graph: Graph, facts: _Facts, labels: Labels) -> Iterator[dict[str, Any]]:
    seen: set[Node] = set()
    for cls, _ in KINDS:
        for subject in graph.subjects(RDF.type, cls):
            if subject in seen or not isinstance(subject, URIRef):
                continue
            seen.add(subject)
            types = set(facts.objects(subject, RDF.type))
            kind = next(kind for cls, kind in KINDS if cls in types)
            yield _node_attrs(facts, labels, subject, kind)


def _node_attrs(graph: _Facts, labels: Labels, subject: URIRef, kind: str) -> dict[str, Any]:
    own_date = date_of(graph.value(subject, ROS.date))
    start = date_of(graph.value(subject, ROS.startDate))
    if start is None and kind in {"target", "claim"}:
        start = min(
            (
                d
                for d in (date_of(graph.value(doc, ROS.date)) for doc in _stating(graph, subject))
                if d
            ),
            default=None,
        )
    status = graph.value(subject, ROS.status)
    return {
        "iri": str(subject),
        "kind": kind,
        "label": {lang: labels(subject, lang) for lang in LANGUAGES},
        "alt_labels": sorted(str(o) for o in graph.objects(subject, SKOS.altLabel)),
        "start": start if start is not None else own_date,
        "end": date_of(graph.value(subject, ROS.endDate)),
        "date": own_date,
        "date_label": _lang_texts(graph, subject, ROS.dateLabel),
        "status": STATUS_KEYS.get(status) if isinstance(status, URIRef) else None,
        "status_as_of": date_of(graph.value(subject, ROS.statusAsOf)),
        "tooi": _text(graph.value(subject, ROS.tooi)),
        "wikidata": _text(graph.value(subject, ROS.wikidata)),
        "cbs": _text(graph.value(subject, ROS.cbsCode)),
        "themes": sorted(str(t) for t in graph.objects(subject, ROS.theme)),
        "sources": sorted(str(s) for s in graph.objects(subject, DCTERMS.source)),
        "comment": _lang_texts(graph, subject, RDFS.comment)
        or _lang_texts(graph, subject, SKOS.definition),
    }


def _stating(graph: _Facts, subject: URIRef) -> Iterable[Node]:
    yield from graph.objects(subject, ROS.statedIn)
    yield from graph.objects(subject, ROS.about)


def _edges(
    graph: Graph, facts: _Facts, labels: Labels
) -> Iterator[tuple[str, str, dict[str, Any]]]:
    yield from _dependency_edges(graph, facts, labels)
    yield from _membership_edges(graph, facts, labels)
    for prop, relation in RELATIONS:
        for subject, obj in graph.subject_objects(prop):
            if isinstance(subject, URIRef) and isinstance(obj, URIRef):
                yield str(subject), str(obj), _plain_edge(relation, prop, labels)


def _plain_edge(relation: str, prop: URIRef, labels: Labels) -> dict[str, Any]:
    return {
        "relation": relation,
        "kind": relation,
        "label": {lang: labels(prop, lang) for lang in LANGUAGES},
        "iri": "",
        "basis": None,
        "start": None,
        "end": None,
        "sources": [],
    }


def _dependency_edges(
    graph: Graph, facts: _Facts, labels: Labels
) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for dependency in graph.subjects(RDF.type, ROS.Afhankelijkheid):
        dependent = facts.value(dependency, ROS.dependent)
        dependee = facts.value(dependency, ROS.dependee)
        kind = facts.value(dependency, ROS.dependencyKind)
        if not isinstance(dependent, URIRef) or not isinstance(dependee, URIRef):
            continue
        basis = facts.value(dependency, ROS.basis)
        yield (
            str(dependent),
            str(dependee),
            {
                "relation": "depends_on",
                "kind": _text(facts.value(kind, SKOS.notation)) or "other" if kind else "other",
                "kind_label": {lang: labels(kind, lang) for lang in LANGUAGES}
                if kind is not None
                else {},
                "label": {lang: labels(dependency, lang) for lang in LANGUAGES},
                "iri": str(dependency),
                "basis": str(basis) if isinstance(basis, URIRef) else None,
                "start": date_of(facts.value(dependency, ROS.startDate)),
                "end": date_of(facts.value(dependency, ROS.endDate)),
                "sources": sorted(str(s) for s in facts.objects(dependency, DCTERMS.source)),
            },
        )


def _membership_edges(
    graph: Graph, facts: _Facts, labels: Labels
) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for membership in graph.subjects(RDF.type, ORG.Membership):
        member = facts.value(membership, ORG.member)
        organisation = facts.value(membership, ORG.organization)
        if not isinstance(member, URIRef) or not isinstance(organisation, URIRef):
            continue
        roles = sorted(facts.objects(membership, ORG.role), key=str)
        yield (
            str(member),
            str(organisation),
            {
                "relation": "member_of",
                "kind": labels(roles[0], "en") if roles else "member",
                "label": {lang: ", ".join(labels(r, lang) for r in roles) for lang in LANGUAGES},
                "iri": str(membership),
                "basis": None,
                "start": date_of(facts.value(membership, ROS.startDate)),
                "end": date_of(facts.value(membership, ROS.endDate)),
                "sources": sorted(str(s) for s in facts.objects(membership, DCTERMS.source)),
            },
        )


def date_of(value: Node | None) -> date | None:
    """Return an ``xsd:date`` literal as a date, anything else as ``None``.

    Examples:
        >>> from rdflib.namespace import XSD
        >>> date_of(Literal("2024-11-01", datatype=XSD.date)), date_of(None)
        (datetime.date(2024, 11, 1), None)
    """
    if isinstance(value, Literal):
        python = value.toPython()
        if isinstance(python, date):
            return python
    return None


def _text(value: Node | None) -> str | None:
    return str(value) if value is not None else None


def _lang_texts(graph: _Facts, subject: Node, predicate: URIRef) -> dict[str, str]:
    texts: dict[str, str] = {}
    for literal in graph.objects(subject, predicate):
        if isinstance(literal, Literal):
            texts.setdefault(literal.language or "", str(literal))
    return texts
