"""The networkx projection of the graph: the one module that turns RDF into a network.

Nodes are the things a person points at (actors, documents, decisions, events, targets, themes,
areas, statements, conditions); edges are typed relations between them. A dependency, which is a
resource of its own in RDF, becomes one ``depends_on`` edge that keeps its IRI, kind, basis,
dates and sources. Everything is inserted in sorted order, so every analysis and every layout
computed on the network is reproducible.
"""

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, TypeAlias

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from ros_kg.labels import LANGUAGES, Labels, literal_texts
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
        the source of every step without going back to RDF. Attribute values are shared
        between nodes and edges where they are equal (the label of a relation, an empty list,
        a list of sources): read them, never change them in place.
    """
    return _project(graph, as_of, bulk=True)


def _project(graph: Graph, as_of: date | None, *, bulk: bool) -> Network:
    """Build the network; ``bulk=False`` reads through rdflib's API only (the general path)."""
    import networkx as nx

    with _collector_paused():
        network: Network = nx.MultiDiGraph()
        labels = Labels(graph, bulk=bulk)
        facts = _Facts(graph, bulk=bulk)
        network.graph["sources"] = {
            str(source): labels.per_language(source)
            for source in sorted(facts.all_objects(_SOURCE), key=str)
            if isinstance(source, URIRef)
        }
        shared = _Shared()
        kinds, dependencies, memberships = _classify(facts.table(_TYPE))
        nodes = sorted(_nodes(facts, labels, shared, kinds), key=_iri_of)
        del kinds
        if as_of is None:
            network.add_nodes_from(_node_items(nodes))
        else:
            network.add_nodes_from(item for item in _node_items(nodes) if _holds(item[1], as_of))
        edges = list(_dependency_edges(facts, labels, shared, dependencies))
        edges.extend(_membership_edges(facts, labels, shared, memberships))
        del facts, dependencies, memberships
        edges.extend(_plain_edges(graph, labels, shared, bulk=bulk))
        del labels, shared
        edges.sort(key=_edge_order)
        edges.reverse()  # popped from the end, so that each is freed once the network holds it
        present = network.nodes
        add_edge = network.add_edge
        while edges:
            source, target, attrs = edges.pop()
            if source not in present or target not in present:
                continue
            if as_of is not None and not _holds(attrs, as_of):
                continue
            add_edge(source, target, attrs["iri"] or attrs["relation"], **attrs)
    return network


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the duration, then restore it.

    The projection allocates millions of small dicts, lists and tuples and makes no reference
    cycles; every collection those allocations trigger walks all of them, which took over a
    third of the time at a million triples. Reference counting still frees what the projection
    drops, and a cycle made meanwhile elsewhere is collected once the collector runs again.
    """
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _iri_of(attrs: dict[str, Any]) -> str:
    iri: str = attrs["iri"]
    return iri


def _edge_order(edge: tuple[str, str, dict[str, Any]]) -> tuple[str, str, str, str]:
    source, target, attrs = edge
    return source, target, attrs["relation"], attrs["iri"]


def _holds(attrs: dict[str, Any], day: date) -> bool:
    return Period(attrs["start"], attrs["end"]).holds_on(day)


def _node_items(nodes: list[dict[str, Any]]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield ``(iri, attrs)`` in order, letting go of each record once networkx copied it."""
    nodes.reverse()
    while nodes:
        attrs = nodes.pop()
        yield attrs["iri"], attrs


def node_kind(graph: Graph, node: Node) -> str | None:
    """Return the network kind of ``node``, or ``None`` when it is not drawn as a node."""
    types = set(graph.objects(node, RDF.type))
    for cls, kind in KINDS:
        if cls in types:
            return kind
    return None


# The properties as plain constants: a namespace attribute builds a new URIRef on every read,
# and a table keyed by one object is found fastest with that same object.
_TYPE, _DATE, _START, _END = RDF.type, ROS.date, ROS.startDate, ROS.endDate
_STATED_IN, _ABOUT, _STATUS, _STATUS_AS_OF = ROS.statedIn, ROS.about, ROS.status, ROS.statusAsOf
_TOOI, _WIKIDATA, _CBS, _THEME = ROS.tooi, ROS.wikidata, ROS.cbsCode, ROS.theme
_SOURCE, _ALT_LABEL, _DATE_LABEL = DCTERMS.source, SKOS.altLabel, ROS.dateLabel
_COMMENT, _DEFINITION, _NOTATION = RDFS.comment, SKOS.definition, SKOS.notation
_DEPENDENT, _DEPENDEE, _DEPENDENCY_KIND = ROS.dependent, ROS.dependee, ROS.dependencyKind
_BASIS, _MEMBER, _ORGANIZATION, _ROLE = ROS.basis, ORG.member, ORG.organization, ORG.role
_DEPENDENCY, _MEMBERSHIP = ROS.Afhankelijkheid, ORG.Membership
_KIND_RANK: dict[Node, int] = {cls: rank for rank, (cls, _) in reversed(list(enumerate(KINDS)))}
_DATED_BY_STATEMENT = frozenset({"target", "claim"})
"""Kinds that start, when they have no start date of their own, on their earliest document."""


def subject_objects(
    graph: Graph, predicate: URIRef, *, bulk: bool = True
) -> Iterable[tuple[Node, Node]]:
    """Return what ``graph.subject_objects(predicate)`` yields, in bulk where the store can.

    The Oxigraph store reads a property whole in one loop and answers a list
    (``subject_objects_list``); otherwise, and always with ``bulk=False`` (tests compare the
    two), the pairs come one at a time through rdflib's API.
    """
    read: Any = getattr(graph.store, "subject_objects_list", None) if bulk else None
    if read is not None:
        found: list[tuple[Node, Node]] = read(predicate)
        return found
    return graph.subject_objects(predicate)


class _Table:
    """The objects of one property per subject, in the order the store gave them.

    ``first`` holds the first object of every subject; ``more`` every object of the subjects
    that have several (a list per subject would cost a list for each of a million values).
    """

    __slots__ = ("first", "more")

    def __init__(self, pairs: Iterable[tuple[Node, Node]]) -> None:
        self.first: dict[Node, Node] = {}
        self.more: dict[Node, list[Node]] = {}
        first, more = self.first, self.more
        for subject, obj in pairs:
            found = first.get(subject)
            if found is None:
                first[subject] = obj
            else:
                listed = more.get(subject)
                if listed is None:
                    more[subject] = [found, obj]
                else:
                    listed.append(obj)

    def objects(self, subject: Node | None) -> list[Node]:
        """Return every object of ``subject``, in the order read."""
        listed = self.more.get(subject)  # type: ignore[arg-type]
        if listed is not None:
            return listed
        found = self.first.get(subject)  # type: ignore[arg-type]
        return [found] if found is not None else []

    def values(self) -> Iterator[Node]:
        """Yield every object (those of a subject with several, each of them)."""
        more = self.more
        for subject, found in self.first.items():
            if subject in more:
                yield from more[subject]
            else:
                yield found


class _Facts:
    """The properties the projection reads, fetched one property at a time.

    A lookup per node and property costs a store round trip each (tens of thousands at national
    scale, each converting terms through rdflib's API); one pass per property does the same
    work in bulk. Texts (date labels, comments) are kept as their first text per language.
    """

    PREDICATES = (
        _TYPE, _DATE, _START, _END, _STATED_IN, _ABOUT, _STATUS, _STATUS_AS_OF, _TOOI,
        _WIKIDATA, _CBS, _THEME, _SOURCE, _ALT_LABEL, _DEPENDENT, _DEPENDEE,
        _DEPENDENCY_KIND, _BASIS, _NOTATION, _MEMBER, _ORGANIZATION, _ROLE,
    )  # fmt: skip
    TEXTS = (_DATE_LABEL, _COMMENT, _DEFINITION)

    def __init__(self, graph: Graph, *, bulk: bool = True) -> None:
        self.tables = {p: _Table(subject_objects(graph, p, bulk=bulk)) for p in self.PREDICATES}
        self.texts: dict[URIRef, dict[Node, dict[str, str]]] = {}
        for predicate in self.TEXTS:
            texts: dict[Node, dict[str, str]] = {}
            for subject, language, text in literal_texts(graph, predicate, bulk=bulk):
                found = texts.get(subject)
                if found is None:
                    texts[subject] = {language or "": text}
                else:
                    found.setdefault(language or "", text)
            self.texts[predicate] = texts

    def table(self, predicate: URIRef) -> _Table:
        """Return the table of a prefetched ``predicate``."""
        return self.tables[predicate]

    def all_objects(self, predicate: URIRef) -> set[Node]:
        """Return every object of a prefetched ``predicate``, once each."""
        return set(self.tables[predicate].values())


_NO_TEXTS: dict[str, str] = {}
_NO_LIST: list[str] = []


class _Shared:
    """Hands out one object per distinct value: the string of an IRI, a list of IRI strings.

    The network keeps a string per node, per edge end and per source mention, and a list of
    sources per node; equal values shared cost memory once. Values are never changed in place
    (see :func:`build_network`).
    """

    def __init__(self) -> None:
        self._text: dict[Node, str] = {}
        self._lists: dict[tuple[str, ...], list[str]] = {}

    def text(self, node: Node) -> str:
        """Return ``str(node)``, the same string object for the same node."""
        found = self._text.get(node)
        if found is None:
            found = self._text[node] = str(node)
        return found

    def sorted_texts(self, table: _Table, subject: Node) -> list[str]:
        """Return ``sorted(str(o) for o in table.objects(subject))``, shared when equal."""
        more = table.more.get(subject)
        if more is None:
            found = table.first.get(subject)
            if found is None:
                return _NO_LIST
            key: tuple[str, ...] = (self.text(found),)
        else:
            key = tuple(sorted([self.text(o) for o in more]))
        listed = self._lists.get(key)
        if listed is None:
            listed = self._lists[key] = list(key)
        return listed


def _classify(types: _Table) -> tuple[list[tuple[URIRef, str]], list[Node], list[Node]]:
    """Return the nodes with their kind, the dependencies and the memberships, from the types.

    A node is an IRI with a type among ``KINDS`` and takes the first such kind.
    """
    nodes: list[tuple[URIRef, str]] = []
    dependencies: list[Node] = []
    memberships: list[Node] = []
    # Per type object: its rank among KINDS and whether it is a dependency or membership
    # (a few dozen distinct type objects, each looked up once in the module's tables).
    seen: dict[Node, tuple[int | None, bool, bool]] = {}
    more = types.more
    for subject, first in types.first.items():
        if subject in more:
            every = more[subject]
            ranks = [_KIND_RANK[t] for t in every if t in _KIND_RANK]
            rank = min(ranks) if ranks else None
            dependency, membership = _DEPENDENCY in every, _MEMBERSHIP in every
        else:
            known = seen.get(first)
            if known is None:
                known = seen[first] = (
                    _KIND_RANK.get(first),
                    first == _DEPENDENCY,
                    first == _MEMBERSHIP,
                )
            rank, dependency, membership = known
        if rank is not None and isinstance(subject, URIRef):
            nodes.append((subject, KINDS[rank][1]))
        if dependency:
            dependencies.append(subject)
        if membership:
            memberships.append(subject)
    return nodes, dependencies, memberships


def _nodes(
    facts: _Facts, labels: Labels, shared: _Shared, kinds: list[tuple[URIRef, str]]
) -> Iterator[dict[str, Any]]:
    """Yield the attributes of every node."""
    table = facts.table
    dates, starts, ends = table(_DATE).first, table(_START).first, table(_END).first
    statuses, status_dates = table(_STATUS).first, table(_STATUS_AS_OF).first
    tooi, wikidata, cbs = table(_TOOI).first, table(_WIKIDATA).first, table(_CBS).first
    stated_in, about = table(_STATED_IN), table(_ABOUT)
    alt_labels, themes, sources = table(_ALT_LABEL), table(_THEME), table(_SOURCE)
    date_labels = facts.texts[_DATE_LABEL]
    comments, definitions = facts.texts[_COMMENT], facts.texts[_DEFINITION]
    status_keys: dict[Node, str | None] = {}
    for subject, kind in kinds:
        own_date = date_of(dates.get(subject))
        start = date_of(starts.get(subject))
        if start is None and kind in _DATED_BY_STATEMENT:
            stating = (*stated_in.objects(subject), *about.objects(subject))
            start = min(
                (d for d in (date_of(dates.get(doc)) for doc in stating) if d), default=None
            )
        status = statuses.get(subject)
        if status is None:
            status_key = None
        elif status in status_keys:
            status_key = status_keys[status]
        else:
            status_key = status_keys[status] = (
                STATUS_KEYS.get(status) if isinstance(status, URIRef) else None
            )
        yield {
            "iri": shared.text(subject),
            "kind": kind,
            "label": labels.per_language(subject),
            "alt_labels": shared.sorted_texts(alt_labels, subject),
            "start": start if start is not None else own_date,
            "end": date_of(ends.get(subject)),
            "date": own_date,
            "date_label": date_labels.get(subject) or _NO_TEXTS,
            "status": status_key,
            "status_as_of": date_of(status_dates.get(subject)),
            "tooi": _text(tooi.get(subject)),
            "wikidata": _text(wikidata.get(subject)),
            "cbs": _text(cbs.get(subject)),
            "themes": shared.sorted_texts(themes, subject),
            "sources": shared.sorted_texts(sources, subject),
            "comment": comments.get(subject) or definitions.get(subject) or _NO_TEXTS,
        }


def _plain_edges(
    graph: Graph, labels: Labels, shared: _Shared, *, bulk: bool
) -> Iterator[tuple[str, str, dict[str, Any]]]:
    text = shared.text
    for prop, relation in RELATIONS:
        attrs = _plain_edge(relation, prop, labels)
        for subject, obj in subject_objects(graph, prop, bulk=bulk):
            if isinstance(subject, URIRef) and isinstance(obj, URIRef):
                yield text(subject), text(obj), attrs


def _plain_edge(relation: str, prop: URIRef, labels: Labels) -> dict[str, Any]:
    """Return the attributes of every edge of ``prop``: one dict, shared by all of them."""
    return {
        "relation": relation,
        "kind": relation,
        "label": labels.per_language(prop),
        "iri": "",
        "basis": None,
        "start": None,
        "end": None,
        "sources": _NO_LIST,
    }


def _dependency_edges(
    facts: _Facts, labels: Labels, shared: _Shared, dependencies: list[Node]
) -> Iterator[tuple[str, str, dict[str, Any]]]:
    table = facts.table
    dependents, dependees = table(_DEPENDENT).first, table(_DEPENDEE).first
    kinds, bases = table(_DEPENDENCY_KIND).first, table(_BASIS).first
    starts, ends, notations = table(_START).first, table(_END).first, table(_NOTATION).first
    sources = table(_SOURCE)
    known: dict[Node, tuple[str, dict[str, str]]] = {}
    for dependency in dependencies:
        dependent = dependents.get(dependency)
        dependee = dependees.get(dependency)
        kind = kinds.get(dependency)
        if not isinstance(dependent, URIRef) or not isinstance(dependee, URIRef):
            continue
        if kind is None:
            kind_key, kind_label = "other", _NO_TEXTS
        else:
            if kind not in known:  # a dozen kinds: their key and labels are shared
                known[kind] = (
                    _text(notations.get(kind)) or "other" if kind else "other",
                    labels.per_language(kind),
                )
            kind_key, kind_label = known[kind]
        basis = bases.get(dependency)
        yield (
            shared.text(dependent),
            shared.text(dependee),
            {
                "relation": "depends_on",
                "kind": kind_key,
                "kind_label": kind_label,
                "label": labels.per_language(dependency),
                "iri": str(dependency),
                "basis": str(basis) if isinstance(basis, URIRef) else None,
                "start": date_of(starts.get(dependency)),
                "end": date_of(ends.get(dependency)),
                "sources": shared.sorted_texts(sources, dependency),
            },
        )


def _membership_edges(
    facts: _Facts, labels: Labels, shared: _Shared, memberships: list[Node]
) -> Iterator[tuple[str, str, dict[str, Any]]]:
    table = facts.table
    members, organisations = table(_MEMBER).first, table(_ORGANIZATION).first
    starts, ends, roles_of, sources = (
        table(_START).first, table(_END).first, table(_ROLE), table(_SOURCE),
    )  # fmt: skip
    for membership in memberships:
        member = members.get(membership)
        organisation = organisations.get(membership)
        if not isinstance(member, URIRef) or not isinstance(organisation, URIRef):
            continue
        roles = sorted(roles_of.objects(membership), key=str)
        yield (
            shared.text(member),
            shared.text(organisation),
            {
                "relation": "member_of",
                "kind": labels(roles[0], "en") if roles else "member",
                "label": {lang: ", ".join(labels(r, lang) for r in roles) for lang in LANGUAGES},
                "iri": str(membership),
                "basis": None,
                "start": date_of(starts.get(membership)),
                "end": date_of(ends.get(membership)),
                "sources": shared.sorted_texts(sources, membership),
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
