"""Targets across documents: each quantity in the order the documents stated it, with changes.

The deck gives the same quantities several times: the 2023 ruimtelijk bod (100,000 inhabitants,
60,000 homes, at least 55,000 jobs), the 2024 position paper ("more than 100,000") and the 2025
direction for 2050 (120,000, 80,000, 65,000). Reading them side by side is the point, so each
quantity becomes a history with the change from one document to the next and from first to last.
"""

from dataclasses import dataclass
from datetime import date

from rdflib import Graph, Literal
from rdflib.term import Node

from ros_kg.entities import Entities, Entity
from ros_kg.namespaces import DCTERMS, ROS
from ros_kg.network import date_of
from ros_kg.queries import get_query, run_select

QUANTITY_ORDER = (ROS.Inwoners, ROS.Woningen, ROS.Banen, ROS.Investering)
"""The deck's own order: inhabitants, homes, jobs, then money."""


@dataclass(frozen=True)
class Target:
    """One stated target, and how it differs from the one stated before it."""

    entity: Entity
    value: int
    comparator: Entity | None
    year: int | None
    document: Entity | None
    document_date: date | None
    change: int | None
    """Value minus the previous target's value for the same quantity and area (None: first)."""
    sources: tuple[Entity, ...] = ()
    """The sources that state this target."""


@dataclass(frozen=True)
class TargetHistory:
    """One quantity for one area, as the documents stated it over time."""

    quantity: Entity
    area: Entity | None
    targets: tuple[Target, ...]
    disputed: bool = False
    """True when sources state conflicting values (ros:conflictsWith), not a change over time."""

    @property
    def change(self) -> int:
        """The change from the first statement to the last.

        Examples:
            >>> t = lambda v: Target(Entity(str(v), {}), v, None, 2050, None, None, None)
            >>> TargetHistory(Entity("q", {}), None, (t(60000), t(80000))).change
            20000
        """
        return self.targets[-1].value - self.targets[0].value


def target_histories(
    graph: Graph, *, entities: Entities | None = None
) -> tuple[TargetHistory, ...]:
    """Return every quantity's targets in document order, with the change between them.

    Targets are grouped by quantity and region: an area counts as the region it lies in just
    below the top (``dcterms:isPartOf``), so the bod's "Twente cities" and the 2050 direction's
    "Twente" read as one history, while national targets stay apart. Within a group, targets
    are ordered by the date of the document that states them (undated last), then by IRI.
    ``entities`` names the nodes; a report passes the one it shares with its other parts.
    """
    entity_in = entities if entities is not None else Entities(graph)
    table = run_select(graph, get_query("report_targets").text)
    seen: set[Node] = set()
    groups: dict[tuple[Node, Node | None], list[tuple[Node | None, ...]]] = {}
    for row in table.rows:
        target, quantity, _value, _comparator, _year, area, _document, _day = row
        if target is None or quantity is None or target in seen:
            continue
        seen.add(target)
        groups.setdefault((quantity, _region(graph, area)), []).append(row)
    histories = []
    for (quantity, area), rows in groups.items():
        rows.sort(key=lambda r: (date_of(r[7]) or date.max, str(r[0])))
        targets: list[Target] = []
        for target, _q, value, comparator, year, _a, document, day in rows:
            number = int(value.toPython()) if isinstance(value, Literal) else 0
            targets.append(
                Target(
                    entity=entity_in(target) if target else Entity("", {}),
                    value=number,
                    comparator=entity_in(comparator) if comparator else None,
                    year=_year_of(year),
                    document=entity_in(document) if document else None,
                    document_date=date_of(day),
                    change=number - targets[-1].value if targets else None,
                    sources=_source_titles(graph, target, entity_in),
                )
            )
        histories.append(
            TargetHistory(
                quantity=entity_in(quantity),
                area=entity_in(area) if area else None,
                targets=tuple(targets),
                disputed=_disputed(graph, [t[0] for t in rows]),
            )
        )
    histories.sort(
        key=lambda h: (_rank(h.quantity.iri), h.quantity.iri, h.area.iri if h.area else "")
    )
    return tuple(histories)


def _disputed(graph: Graph, targets: list[Node | None]) -> bool:
    """Tell whether two of ``targets`` are stated to conflict (``ros:conflictsWith``)."""
    members = {t for t in targets if t is not None}
    return any(
        other in members and other != target
        for target in members
        for other in graph.objects(target, ROS.conflictsWith)
    ) or any(
        other in members and other != target
        for target in members
        for other in graph.subjects(ROS.conflictsWith, target)
    )


def _source_titles(graph: Graph, target: Node | None, entity_in: Entities) -> tuple[Entity, ...]:
    sources = sorted(graph.objects(target, DCTERMS.source), key=str)
    return tuple(entity_in(source) for source in sources)


def _region(graph: Graph, area: Node | None) -> Node | None:
    """Return the area just below the top of the ``dcterms:isPartOf`` chain of ``area``.

    Examples:
        >>> from rdflib import URIRef
        >>> g = Graph()
        >>> nl, tw, st = (URIRef(f"urn:{n}") for n in ("nl", "twente", "steden"))
        >>> _ = g.add((tw, DCTERMS.isPartOf, nl)).add((st, DCTERMS.isPartOf, tw))
        >>> _region(g, st) == tw, _region(g, tw) == tw, _region(g, nl) == nl
        (True, True, True)
    """
    if area is None:
        return None
    chain = [area]
    while (parent := graph.value(chain[-1], DCTERMS.isPartOf)) is not None and parent not in chain:
        chain.append(parent)
    return chain[-2] if len(chain) > 1 else chain[0]


def _rank(iri: str) -> int:
    order = [str(q) for q in QUANTITY_ORDER]
    return order.index(iri) if iri in order else len(order)


def _year_of(node: Node | None) -> int | None:
    if isinstance(node, Literal):
        text = str(node)[:4]
        if text.isdigit():
            return int(text)
    return None
