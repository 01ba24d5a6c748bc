"""Picks the label a person reads for a resource, in the language they asked for."""

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from ros_kg.namespaces import RDFS, SKOS

LANGUAGES = ("nl", "en")


def label_of(graph: Graph, node: Node, lang: str = "nl") -> str:
    """Return the label of ``node`` in ``lang``, falling back to the other language, then the IRI.

    A fallback never returns an empty string, so every row of every report names something.

    Examples:
        >>> from rdflib import Graph, Literal, URIRef
        >>> from ros_kg.namespaces import RDFS
        >>> g = Graph()
        >>> node = URIRef("https://w3id.org/ros-kg/id/ez")
        >>> g.add((node, RDFS.label, Literal("Economische Zaken", lang="nl")))  # doctest: +ELLIPSIS
        <Graph ...>
        >>> label_of(g, node, "en")
        'Economische Zaken'
        >>> label_of(g, URIRef("https://w3id.org/ros-kg/id/onbekend"))
        'onbekend'
    """
    candidates: dict[str | None, str] = {}
    for predicate in (RDFS.label, SKOS.prefLabel):
        for literal in graph.objects(node, predicate):
            if isinstance(literal, Literal):
                candidates.setdefault(literal.language, str(literal))
    return _pick(candidates, node, lang)


def _pick(candidates: dict[str | None, str], node: Node, lang: str) -> str:
    for language in (lang, *(other for other in LANGUAGES if other != lang), None):
        if language in candidates:
            return candidates[language]
    if candidates:
        return sorted(candidates.values())[0]
    return local_name(node)


class Labels:
    """Every label of a graph, read once: for code that names hundreds of nodes in one go.

    Gives the same answers as :func:`label_of`, without a store lookup per call; it reflects the
    graph as it was when built.
    """

    def __init__(self, graph: Graph) -> None:
        self._texts: dict[Node, dict[str | None, str]] = {}
        for predicate in (RDFS.label, SKOS.prefLabel):
            for subject, literal in graph.subject_objects(predicate):
                if isinstance(literal, Literal):
                    self._texts.setdefault(subject, {}).setdefault(literal.language, str(literal))

    def __call__(self, node: Node, lang: str = "nl") -> str:
        """Return the label of ``node`` in ``lang``, with :func:`label_of`'s fallbacks."""
        return _pick(self._texts.get(node, {}), node, lang)

    def has(self, node: Node) -> bool:
        """Tell whether ``node`` has any label."""
        return node in self._texts


def local_name(node: Node) -> str:
    """Return the last segment of an IRI, or the node as text.

    Examples:
        >>> local_name(URIRef("https://w3id.org/ros-kg/def#Gemeente"))
        'Gemeente'
    """
    text = str(node)
    if isinstance(node, URIRef):
        for separator in ("#", "/"):
            if separator in text.rstrip(separator):
                return text.rstrip(separator).rsplit(separator, 1)[-1]
    return text
