"""The one-page overview a newcomer needs, and the participants it starts with.

It gathers, from the other analyses: who takes part by layer of government and since when, the
key dependencies, the bottlenecks and cycles, what is ahead on the timeline and the targets.
"""

from dataclasses import dataclass
from datetime import date

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from ros_kg.dependencies import Bottleneck, Step, bottlenecks, dependency_cycles
from ros_kg.entities import Entities, Entity, entity_in
from ros_kg.labels import LANGUAGES, label_of
from ros_kg.namespaces import ROSID
from ros_kg.network import KIND_CLASS, Network, Period, build_network, date_of
from ros_kg.queries import get_query, run_select
from ros_kg.targets import TargetHistory, target_histories
from ros_kg.timeline import Event, timeline

LAYERS: tuple[tuple[str, dict[str, str], frozenset[str]], ...] = (
    ("rijk", {"nl": "Rijk", "en": "National government"},
     frozenset({"national_government", "ministry"})),
    ("province", {"nl": "Provincie", "en": "Province"}, frozenset({"province"})),
    ("water_board", {"nl": "Waterschap", "en": "Water board"}, frozenset({"water_board"})),
    ("municipalities", {"nl": "Gemeenten", "en": "Municipalities"},
     frozenset({"municipality"})),
    ("knowledge", {"nl": "Kennispartners", "en": "Knowledge partners"},
     frozenset({"knowledge_institution"})),
    ("cross_border", {"nl": "Grensoverschrijdende partners", "en": "Cross-border partners"},
     frozenset({"cross_border_partner"})),
    ("other", {"nl": "Overige partners", "en": "Other partners"},
     frozenset({"partnership", "economic_partner"})),
    ("governing_bodies", {"nl": "Bestuursorganen", "en": "Governing bodies"},
     frozenset({"governing_body"})),
)  # fmt: skip
"""The layers of the overview, top down; governing bodies come last and only on request."""


ROS_PARTNERSHIP = ROSID["ros-samenwerking"]
"""The partnership that writes the ROS: "who takes part" means a membership of this one."""


@dataclass(frozen=True)
class Membership:
    """A membership of an organisation, with the role and the period it held."""

    organization: Entity
    role: Entity | None
    start: date | None
    end: date | None


@dataclass(frozen=True)
class Participant:
    """An actor with its layer, kind label and memberships; ``since`` is its earliest start."""

    entity: Entity
    layer: str
    kind_label: dict[str, str]
    memberships: tuple[Membership, ...]

    @property
    def since(self) -> date | None:
        """The earliest start of its memberships (``None`` when it has none)."""
        return min((m.start for m in self.memberships if m.start), default=None)


@dataclass(frozen=True)
class KeyDependency:
    """Several parties depending on one for the same thing: the pattern a memo names."""

    dependee: Entity
    kind: str
    kind_label: dict[str, str]
    dependents: tuple[Entity, ...]
    bases: tuple[Entity, ...]


@dataclass(frozen=True)
class Overview:
    """Everything the one-page report shows."""

    today: date
    participants: tuple[Participant, ...]
    key_dependencies: tuple[KeyDependency, ...]
    bottlenecks: tuple[Bottleneck, ...]
    cycles: tuple[tuple[Step, ...], ...]
    ahead: tuple[Event, ...]
    targets: tuple[TargetHistory, ...]


def layer_of(kind: str) -> str:
    """Return the layer a node kind belongs to (``other`` when none names it).

    Examples:
        >>> layer_of("ministry"), layer_of("municipality"), layer_of("theme")
        ('rijk', 'municipalities', 'other')
    """
    return next((key for key, _, kinds in LAYERS if kind in kinds), "other")


def participants(
    graph: Graph,
    *,
    as_of: date | None = None,
    kinds: frozenset[str] | None = None,
    organization: URIRef | None = ROS_PARTNERSHIP,
) -> tuple[Participant, ...]:
    """Return the actors by layer, each with its memberships.

    Args:
        graph: the loaded graph.
        as_of: only actors that existed and had a membership that held on this day: who was
            at the table then.
        kinds: only actors of these node kinds (``municipality``, ``ministry``, ...); governing
            bodies are left out unless asked for, as there are two for every government.
        organization: count only memberships of this organisation (by default the ROS Twente
            partnership, so that "who takes part" means at the ROS table); ``None`` keeps the
            memberships of every partnership (SamenTwente, TECH.LAND, ...) and every actor.
    """
    bindings = {"asOf": Literal(as_of)} if as_of is not None else {}
    table = run_select(graph, get_query("report_actors").text, bindings)
    own: dict[Node, Period] = {}
    memberships: dict[Node, list[Membership]] = {}
    seen: set[tuple[Node, Node | None]] = set()
    for actor, start, end, membership, org, role, m_start, m_end in table.rows:
        if actor is None:
            continue
        if actor not in own:
            own[actor] = Period(date_of(start), date_of(end))
            memberships[actor] = []
        if membership is None or org is None or (membership, role) in seen:
            continue
        if organization is not None and org != organization:
            continue
        seen.add((membership, role))
        memberships[actor].append(
            Membership(
                organization=entity_in(graph, org),
                role=entity_in(graph, role) if isinstance(role, URIRef) else None,
                start=date_of(m_start),
                end=date_of(m_end),
            )
        )
    wanted = kinds or frozenset(k for _, _, ks in LAYERS[:-1] for k in ks)
    found = []
    for actor, period in own.items():
        if as_of is not None and not period.holds_on(as_of):
            continue
        if (as_of is not None or organization is not None) and not memberships[actor]:
            continue
        who = entity_in(graph, actor)
        if who.kind not in wanted:
            continue
        cls = KIND_CLASS.get(who.kind)
        found.append(
            Participant(
                entity=who,
                layer=layer_of(who.kind),
                kind_label={lang: label_of(graph, cls, lang) if cls else who.kind
                            for lang in LANGUAGES},
                memberships=tuple(sorted(memberships[actor], key=_membership_order)),
            )
        )  # fmt: skip
    order = [key for key, _, _ in LAYERS]
    found.sort(
        key=lambda p: (order.index(p.layer), p.since or date.max, p.entity.name().casefold())
    )
    return tuple(found)


def key_dependencies(network: Network, *, top: int = 10) -> tuple[KeyDependency, ...]:
    """Return the dependencies grouped by whom they are on and for what, most dependents first.

    Takes the network rather than the graph, so the overview builds the projection once.
    """
    groups: dict[tuple[str, str], dict[str, object]] = {}
    from ros_kg.dependencies import entity

    for source, target, attrs in network.edges(data=True):
        if attrs["relation"] != "depends_on":
            continue
        group = groups.setdefault(
            (target, attrs["kind"]),
            {"label": dict(attrs.get("kind_label") or {}), "dependents": [], "bases": []},
        )
        dependents = group["dependents"]
        bases = group["bases"]
        assert isinstance(dependents, list) and isinstance(bases, list)
        if source not in dependents:
            dependents.append(source)
        if attrs["basis"] and attrs["basis"] not in bases:
            bases.append(attrs["basis"])
    found = []
    for (target, kind), group in groups.items():
        label = group["label"]
        dependents = group["dependents"]
        bases = group["bases"]
        assert isinstance(label, dict) and isinstance(dependents, list) and isinstance(bases, list)
        found.append(
            KeyDependency(
                dependee=entity(network, target),
                kind=kind,
                kind_label=label,
                dependents=tuple(entity(network, d) for d in dependents),
                bases=tuple(entity(network, b) for b in bases),
            )
        )
    found.sort(key=lambda k: (-len(k.dependents), k.dependee.name().casefold(), k.kind))
    return tuple(found[:top])


def overview(
    graph: Graph, *, today: date, top: int = 5, network: Network | None = None
) -> Overview:
    """Gather the one-page overview as of ``today``.

    The timeline part holds what is not yet behind us: what lies ahead, what is happening now
    and what is overdue. ``network`` is ``graph``'s projection when the caller has it already
    (the CLI reads it from the cache); otherwise it is built here.
    """
    if network is None:
        network = build_network(graph)
    entities = Entities(graph, network)
    return Overview(
        today=today,
        participants=_overview_participants(graph),
        key_dependencies=key_dependencies(network, top=top * 2),
        bottlenecks=bottlenecks(network, top=top),
        cycles=dependency_cycles(network),
        ahead=tuple(
            e
            for e in timeline(graph, today=today, entities=entities)
            if e.mark in ("now", "ahead", "overdue")
        ),
        targets=target_histories(graph, entities=entities),
    )


def _overview_participants(graph: Graph) -> tuple[Participant, ...]:
    """The ROS members, then the knowledge and cross-border partners the deck looks to.

    Universities and TECH.LAND take no seat in the ROS partnership; the overview shows them with
    the partnerships they do belong to, so a newcomer sees who else is in the picture.
    """
    partners = frozenset({"knowledge_institution", "cross_border_partner"})
    return participants(graph) + participants(graph, kinds=partners, organization=None)


def _membership_order(m: Membership) -> tuple[date, str]:
    return (m.start or date.max, m.organization.iri)
