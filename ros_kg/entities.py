"""What a report names: an entity with its IRI, its label in each language and its kind.

Every analysis returns entities rather than bare IRIs, so the CLI can print a label in the
language asked for and the JSON can carry both the IRI and the labels.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph
from rdflib.term import Node

from ros_kg.labels import LANGUAGES, label_of


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
