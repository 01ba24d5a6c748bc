"""Who depends on whom: closure, chains, impact, bottlenecks and cycles over the network.

Every function here reads the projection of :mod:`ros_kg.network` and returns typed values; none
prints, and none can loop forever: each walk keeps the set of what it has seen, and cycles are
found and returned as results of their own. Nodes and edges are visited in the network's sorted
insertion order, so two runs on the same graph give the same rows in the same order.

The examples below use :func:`example_network`, a six-node network with a cycle and a diamond.
"""

import itertools
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, TypeAlias

from ros_kg.entities import Entity
from ros_kg.network import Network

if TYPE_CHECKING:
    import networkx as nx

    Projection: TypeAlias = "nx.DiGraph[str]"
else:
    Projection: TypeAlias = Any

IMPACT_RELATIONS: Mapping[str, bool] = {
    "depends_on": False,
    "builds_on": False,
    "decided_by": False,
    "condition": False,
    "building_block_for": True,
    "basis_for": True,
    "becomes": True,
}
"""How a stall travels along each relation: ``True`` when it runs with the edge (the ROS is a
building block for the omgevingsvisies, so a stalled ROS stalls them), ``False`` when it runs
against it (Enschede depends on VRO, so a stalled VRO stalls Enschede)."""


@dataclass(frozen=True)
class Step:
    """One edge of a chain, as stated in the graph: ``source`` relates to ``target``.

    For a dependency, ``source`` depends on ``target`` for ``kind`` (``funding``, ...), on the
    ``basis`` of a document or decision, according to ``sources``.
    """

    source: Entity
    target: Entity
    relation: str
    kind: str
    kind_label: Mapping[str, str] = field(compare=False)
    iri: str = ""
    basis: Entity | None = None
    start: date | None = None
    sources: tuple[Entity, ...] = ()

    def what(self, lang: str = "nl") -> str:
        """Say what the step is about: the kind of dependency or the relation, in ``lang``."""
        return self.kind_label.get(lang) or self.kind

    def as_json(self) -> dict[str, Any]:
        """Return the stable JSON form of the step."""
        return {
            "from": self.source.as_json(),
            "to": self.target.as_json(),
            "relation": self.relation,
            "kind": self.kind,
            "kind_label": dict(self.kind_label),
            "dependency": self.iri or None,
            "basis": self.basis.as_json() if self.basis else None,
            "start": self.start.isoformat() if self.start else None,
            "sources": [s.as_json() for s in self.sources],
        }


@dataclass(frozen=True)
class Reach:
    """Something reached from the start at ``distance`` steps, and the chain that explains it."""

    entity: Entity
    distance: int
    chain: tuple[Step, ...]

    @property
    def last(self) -> Step:
        """The step that reaches ``entity``: its kind, basis and sources are the row's."""
        return self.chain[-1]


@dataclass(frozen=True)
class Bottleneck:
    """How much of the dependency network runs through one party or decision.

    ``chains`` counts one shortest chain for every ordered pair of things where the first
    depends, directly or through others, on the second; ``through`` counts those that pass
    through this one on the way (neither start nor end).
    """

    entity: Entity
    direct_dependents: int
    dependents: int
    through: int
    chains: int
    betweenness: float
    approximate: bool = False
    """True when chains and betweenness are estimated from a sample (a large network)."""

    @property
    def reaching(self) -> int:
        """Chains that pass through this one or end at it (one ends here per dependent)."""
        return self.through + self.dependents

    def reading(self, lang: str = "nl") -> str:
        """Say in plain words what the numbers mean.

        Examples:
            >>> e = Entity("x", {"nl": "het Rijk", "en": "the Rijk"})
            >>> print(Bottleneck(e, 2, 5, 7, 30, 0.2).reading("en"))
            12 of 30 chains pass through or end at the Rijk; 5 depend on it, 2 directly
            >>> print(Bottleneck(e, 1, 1, 0, 30, 0.0).reading("nl"))
            1 van 30 ketens loopt via of eindigt bij het Rijk; 1 hangt ervan af, 1 direct
        """
        name = self.entity.name(lang)
        if lang == "en":
            return (
                f"{self.reaching} of {self.chains} chains pass through or end at {name}; "
                f"{self.dependents} depend{'s' if self.dependents == 1 else ''} on it, "
                f"{self.direct_dependents} directly"
                + (" (estimated from a sample)" if self.approximate else "")
            )
        one = self.reaching == 1
        return (
            f"{self.reaching} van {self.chains} ketens {'loopt' if one else 'lopen'} via of "
            f"{'eindigt' if one else 'eindigen'} bij {name}; {self.dependents} "
            f"{'hangt' if self.dependents == 1 else 'hangen'} ervan af, "
            f"{self.direct_dependents} direct"
            + (" (geschat uit een steekproef)" if self.approximate else "")
        )


def entity(network: Network, iri: str) -> Entity:
    """Return the node ``iri`` as an :class:`Entity` (an unknown IRI keeps its IRI as label)."""
    if iri not in network:
        return Entity(iri, {}, "")
    attrs = network.nodes[iri]
    return Entity(iri, dict(attrs.get("label") or {}), str(attrs.get("kind") or ""))


def _step(network: Network, source: str, target: str, attrs: Mapping[str, Any]) -> Step:
    labels: Mapping[str, Mapping[str, str]] = network.graph.get("sources", {})
    basis = attrs.get("basis")
    return Step(
        source=entity(network, source),
        target=entity(network, target),
        relation=str(attrs.get("relation", "")),
        kind=str(attrs.get("kind", "")),
        kind_label=dict(attrs.get("kind_label") or attrs.get("label") or {}),
        iri=str(attrs.get("iri") or ""),
        basis=entity(network, basis) if basis else None,
        start=attrs.get("start"),
        sources=tuple(Entity(s, dict(labels.get(s, {})), "source") for s in attrs["sources"]),
    )


def _dependency_edges(
    network: Network, kinds: Collection[str] | None
) -> Iterator[tuple[str, str, Mapping[str, Any]]]:
    for source, target, attrs in network.edges(data=True):
        if attrs["relation"] == "depends_on" and (not kinds or attrs["kind"] in kinds):
            yield source, target, attrs


Hop = tuple[str, str, Mapping[str, Any]]
"""An edge as walked: the node it leads to, the node it leaves, and its attributes."""


def _walk(
    start: str, hops: Callable[[str], Iterable[tuple[str, Step]]], *, transitive: bool
) -> tuple[Reach, ...]:
    """Breadth-first from ``start``: one row per direct step, then one row per thing further off.

    Every direct step is a row of its own (Enschede may depend on VRO for designation and for
    funding); something further off gets one row with the first of its shortest chains. A node
    is never walked twice, so a cycle ends the walk instead of feeding it.
    """
    distance = {start: 0}
    chain_to: dict[str, tuple[Step, ...]] = {start: ()}
    rows: list[Reach] = []
    frontier = deque([start])
    while frontier:
        node = frontier.popleft()
        if node != start and not transitive:
            break
        for neighbour, step in hops(node):
            if neighbour == start:
                continue
            if neighbour in distance and not (node == start and distance[neighbour] == 1):
                continue
            chain = (*chain_to[node], step)
            if neighbour not in distance:
                distance[neighbour] = distance[node] + 1
                chain_to[neighbour] = chain
                frontier.append(neighbour)
            rows.append(Reach(entity_of(step, neighbour), distance[neighbour], chain))
    return tuple(rows)


def entity_of(step: Step, iri: str) -> Entity:
    """Return whichever end of ``step`` is ``iri``."""
    return step.target if step.target.iri == iri else step.source


def dependencies_of(
    network: Network,
    iri: str,
    *,
    transitive: bool = False,
    kinds: Collection[str] | None = None,
) -> tuple[Reach, ...]:
    """Return what ``iri`` depends on: directly, or through others when ``transitive``.

    Args:
        network: the projection (build it ``as_of`` a date to ask about that day).
        iri: the party, document or decision that depends.
        transitive: follow the chain on: what the things it depends on depend on, and so on.
        kinds: follow only dependencies of these kinds (``funding``, ``designation``, ...).

    Returns:
        One row per dependency that reaches something at its least distance, nearest first.
        The start itself is never among the rows, even when a cycle leads back to it; cycles
        are reported by :func:`dependency_cycles`.

    Examples:
        >>> net = example_network()
        >>> [(r.entity.iri, r.distance, r.last.kind) for r in dependencies_of(net, "a")]
        [('b', 1, 'funding'), ('c', 1, 'designation')]
        >>> sorted({r.entity.iri for r in dependencies_of(net, "a", transitive=True)})
        ['b', 'c', 'd', 'e']
        >>> [r.entity.iri for r in dependencies_of(net, "a", transitive=True, kinds={"funding"})]
        ['b', 'd']
    """
    if iri not in network:
        return ()
    edges = _by_source(network, kinds)

    def hops(node: str) -> Iterator[tuple[str, Step]]:
        for target, attrs in edges.get(node, ()):
            yield target, _step(network, node, target, attrs)

    return _walk(iri, hops, transitive=transitive)


def dependents_of(
    network: Network,
    iri: str,
    *,
    transitive: bool = False,
    kinds: Collection[str] | None = None,
) -> tuple[Reach, ...]:
    """Return who depends on ``iri``: directly, or through others when ``transitive``.

    Each row's chain runs from ``iri`` outwards, so its steps read against the walk: the last
    step says that the row's entity depends on the one before it.

    Examples:
        >>> net = example_network()
        >>> [(r.entity.iri, r.distance) for r in dependents_of(net, "d", transitive=True)]
        [('b', 1), ('c', 1), ('e', 1), ('a', 2)]
    """
    if iri not in network:
        return ()
    edges = _by_target(network, kinds)

    def hops(node: str) -> Iterator[tuple[str, Step]]:
        for source, attrs in edges.get(node, ()):
            yield source, _step(network, source, node, attrs)

    return _walk(iri, hops, transitive=transitive)


def impact_of(network: Network, iri: str) -> tuple[Reach, ...]:
    """Return everything that stalls, directly or downstream, when ``iri`` stalls.

    A stall travels against dependencies (who depends on ``iri``) and along the relations
    between documents and decisions in :data:`IMPACT_RELATIONS` (the ROS is a building block
    for the omgevingsvisies). Rows are grouped by distance, nearest first, each with its chain.

    Examples:
        >>> net = example_network()
        >>> [(r.entity.iri, r.distance) for r in impact_of(net, "e")]
        [('d', 1), ('f', 1), ('b', 2), ('c', 2), ('a', 3)]
        >>> sorted({r.distance for r in impact_of(net, "e")})
        [1, 2, 3]
    """
    if iri not in network:
        return ()
    forward: dict[str, list[tuple[str, Mapping[str, Any]]]] = {}
    backward: dict[str, list[tuple[str, Mapping[str, Any]]]] = {}
    for source, target, attrs in network.edges(data=True):
        along = IMPACT_RELATIONS.get(attrs["relation"])
        if along is True:
            forward.setdefault(source, []).append((target, attrs))
        elif along is False:
            backward.setdefault(target, []).append((source, attrs))

    def hops(node: str) -> Iterator[tuple[str, Step]]:
        for source, attrs in backward.get(node, ()):
            yield source, _step(network, source, node, attrs)
        for target, attrs in forward.get(node, ()):
            yield target, _step(network, node, target, attrs)

    rows = _walk(iri, hops, transitive=True)
    return tuple(sorted(rows, key=lambda r: r.distance))


def chains_between(
    network: Network,
    start: str,
    end: str,
    *,
    limit: int = 5,
    kinds: Collection[str] | None = None,
) -> tuple[tuple[Step, ...], ...]:
    """Return up to ``limit`` dependency chains from ``start`` to ``end``, shortest first.

    A chain says ``start`` depends on something that depends on ... ``end``. Where two things
    are joined by several dependencies (funding and designation), each makes its own chain.
    No chain visits a node twice, so cycles cannot make the list endless.

    Examples:
        >>> net = example_network()
        >>> [[s.target.iri for s in c] for c in chains_between(net, "a", "e")]
        [['b', 'd', 'e'], ['c', 'd', 'e']]
        >>> chains_between(net, "e", "a")
        ()
    """
    import networkx as nx

    if start == end or start not in network or end not in network or limit < 1:
        return ()
    simple = _projection(network, kinds)
    if start not in simple or end not in simple or not nx.has_path(simple, start, end):
        return ()
    found: list[tuple[Step, ...]] = []
    for path in nx.shortest_simple_paths(simple, start, end):
        options = [
            [_step(network, u, v, a) for a in simple.edges[u, v]["all"]]
            for u, v in itertools.pairwise(path)
        ]
        for combination in itertools.product(*options):
            found.append(tuple(combination))
            if len(found) >= limit:
                return tuple(found)
    return tuple(found)


def dependency_cycles(network: Network, *, limit: int = 20) -> tuple[tuple[Step, ...], ...]:
    """Return up to ``limit`` dependency cycles, each starting at its smallest IRI.

    A cycle (A depends on B, which depends on A) is a finding to report, not a fault: the
    walks above stop at it, and this names it.

    Examples:
        >>> [[s.source.iri for s in c] for c in dependency_cycles(example_network())]
        [['d', 'e']]
    """
    import networkx as nx

    simple = _projection(network, None)
    cycles = []
    for cycle in itertools.islice(nx.simple_cycles(simple), limit):
        turn = cycle.index(min(cycle))
        ordered = cycle[turn:] + cycle[:turn]
        steps = tuple(
            _step(network, u, v, simple.edges[u, v]["all"][0])
            for u, v in itertools.pairwise([*ordered, ordered[0]])
        )
        cycles.append(steps)
    return tuple(sorted(cycles, key=lambda c: [s.source.iri for s in c]))


EXACT_LIMIT = 2000
"""Above this many nodes, chains and betweenness are estimated from a seeded sample of this many
starting points: exact counting visits every pair, hours at national scale, while PEERS.md
measured that 2,000 sampled sources find all of the exact top 10 at 12,700 nodes."""


def bottlenecks(
    network: Network, *, top: int = 10, exact_limit: int = EXACT_LIMIT
) -> tuple[Bottleneck, ...]:
    """Rank what most of the dependency network hangs on, most first.

    Ranked by how many chains pass through or end at it, then by how many depend on it
    (directly or through others), then by betweenness; only things something depends on are
    ranked. Beyond ``exact_limit`` nodes the chain counts and betweenness are estimates from a
    seeded sample (reproducible), and each result says so.

    Examples:
        >>> for b in bottlenecks(example_network(), top=2):
        ...     print(b.entity.iri, b.reading("en"))
        d 7 of 10 chains pass through or end at d; 4 depend on it, 3 directly
        e 4 of 10 chains pass through or end at e; 4 depend on it, 1 directly
        >>> [b.approximate for b in bottlenecks(example_network(), top=1, exact_limit=2)]
        [True]
    """
    import random

    import networkx as nx

    simple = _projection(network, None)
    if simple.number_of_edges() == 0:
        return ()
    nodes = sorted(simple)
    approximate = len(nodes) > exact_limit
    if approximate:
        sources = sorted(random.Random(0).sample(nodes, exact_limit))
        betweenness = nx.betweenness_centrality(simple, k=exact_limit, seed=0)
    else:
        sources = nodes
        betweenness = nx.betweenness_centrality(simple)
    through: dict[str, int] = dict.fromkeys(simple, 0)
    chains = 0
    for source in sources:
        for target, path in nx.single_source_shortest_path(simple, source).items():
            if target == source:
                continue
            chains += 1
            for inner in path[1:-1]:
                through[inner] += 1
    scale = len(nodes) / len(sources)
    candidates = [node for node in nodes if simple.in_degree(node)]
    if approximate:
        # ancestors() walks the graph once per node: only for the likely top, not for all.
        candidates.sort(key=lambda node: (-(through[node] + simple.in_degree(node)), node))
        candidates = sorted(candidates[: top * 5])
    ranked = [
        Bottleneck(
            entity=entity(network, node),
            direct_dependents=simple.in_degree(node),
            dependents=len(nx.ancestors(simple, node)),
            through=round(through[node] * scale),
            chains=round(chains * scale),
            betweenness=round(betweenness[node], 4),
            approximate=approximate,
        )
        for node in candidates
    ]
    ranked.sort(key=lambda b: (-b.reaching, -b.dependents, -b.betweenness, b.entity.iri))
    return tuple(ranked[:top])


def _by_source(
    network: Network, kinds: Collection[str] | None
) -> dict[str, list[tuple[str, Mapping[str, Any]]]]:
    edges: dict[str, list[tuple[str, Mapping[str, Any]]]] = {}
    for source, target, attrs in _dependency_edges(network, kinds):
        edges.setdefault(source, []).append((target, attrs))
    return edges


def _by_target(
    network: Network, kinds: Collection[str] | None
) -> dict[str, list[tuple[str, Mapping[str, Any]]]]:
    edges: dict[str, list[tuple[str, Mapping[str, Any]]]] = {}
    for source, target, attrs in _dependency_edges(network, kinds):
        edges.setdefault(target, []).append((source, attrs))
    return edges


def _projection(network: Network, kinds: Collection[str] | None) -> Projection:
    """Collapse parallel dependencies into one edge that keeps them all under ``all``."""
    import networkx as nx

    simple: Projection = nx.DiGraph()
    for source, target, attrs in _dependency_edges(network, kinds):
        if simple.has_edge(source, target):
            simple.edges[source, target]["all"].append(attrs)
        else:
            simple.add_edge(source, target, all=[attrs])
    return simple


def example_network() -> Network:
    """Return a small network for the examples: a diamond a→{b,c}→d and a cycle d→e→d.

    ``f`` is a document that ``e`` is a building block for, so a stall of ``e`` reaches it.
    """
    import networkx as nx

    network: Network = nx.MultiDiGraph()
    for name in "abcdef":
        network.add_node(name, iri=name, kind="municipality", label={"nl": name, "en": name})
    for source, target, kind in (
        ("a", "b", "funding"),
        ("a", "c", "designation"),
        ("b", "d", "funding"),
        ("c", "d", "funding"),
        ("d", "e", "approval"),
        ("e", "d", "cooperation"),
    ):
        network.add_edge(
            source,
            target,
            relation="depends_on",
            kind=kind,
            kind_label={"nl": kind, "en": kind},
            label={},
            iri=f"{source}-{target}",
            basis=None,
            start=None,
            end=None,
            sources=[],
        )
    network.add_edge(
        "e", "f", relation="building_block_for", kind="building_block_for", label={}, iri="",
        basis=None, start=None, end=None, sources=[],
    )  # fmt: skip
    return network
