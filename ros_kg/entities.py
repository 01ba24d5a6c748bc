"""What a report names: an entity with its IRI, its label in each language and its kind.

Every analysis returns entities rather than bare IRIs, so the CLI can print a label in the
language asked for and the JSON can carry both the IRI and the labels.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rdflib import Graph
from rdflib.term import Node

from ros_kg.labels import LANGUAGES, Labels, label_of

if TYPE_CHECKING:
    from ros_kg.network import Network


@dataclass(frozen=True)
class Entity:
    """A thing as a report shows it: its IRI, its label per language and its kind.

    Examples:
        >>> Entity("https://w3id.org/ros-kg/id/vro", {"nl": "VRO"}).name("en")
        'VRO'
    """

    iri: str
    label: Mapping[str, str] = field(compare=False)
    kind: str = field(compare=False, default="")

    def name(self, lang: str = "nl") -> str:
        """Return the label in ``lang``, falling back to any label, then to the IRI."""
        return self.label.get(lang) or next(iter(self.label.values()), "") or self.iri

    def as_json(self) -> dict[str, Any]:
        """Return the stable JSON form: iri, label (nl and en) and kind."""
        return {"iri": self.iri, "label": dict(self.label), "kind": self.kind}


def entity_in(graph: Graph, node: Node) -> Entity:
    """Return ``node`` as an :class:`Entity`, with its labels and network kind from ``graph``."""
    from ros_kg.network import node_kind

    return Entity(
        str(node),
        {lang: label_of(graph, node, lang) for lang in LANGUAGES},
        node_kind(graph, node) or "",
    )


class Entities:
    """Names many nodes of one graph: its labels read once, each node's entity made once.

    A national report names hundreds of thousands of targets, documents and actors;
    :func:`entity_in` looks each one up in the store (a minute at a million triples), this
    reads every label in one pass and remembers what it made. A node of ``network`` (the
    graph's projection, which holds each node's labels and kind) is named from it without
    touching the store. It gives the same entities as :func:`entity_in` for the graph as it
    was when built.
    """

    def __init__(self, graph: Graph, network: "Network | None" = None) -> None:
        self._graph = graph
        self._nodes: Mapping[str, Mapping[str, Any]] = network.nodes if network is not None else {}
        self._labels: Labels | None = None
        self._made: dict[Node, Entity] = {}

    def __call__(self, node: Node) -> Entity:
        """Return ``node`` as an :class:`Entity`, as :func:`entity_in` would."""
        found = self._made.get(node)
        if found is None:
            found = self._made[node] = self._make(node)
        return found

    def _make(self, node: Node) -> Entity:
        iri = str(node)
        attributes = self._nodes.get(iri)
        if attributes is not None:
            return Entity(iri, attributes["label"], attributes["kind"])
        from ros_kg.network import node_kind

        if self._labels is None:
            self._labels = Labels(self._graph)
        return Entity(iri, self._labels.per_language(node), node_kind(self._graph, node) or "")
