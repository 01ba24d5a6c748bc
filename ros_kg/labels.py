"""Picks the label a person reads for a resource, in the language they asked for."""

from collections.abc import Iterable
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from ros_kg.namespaces import RDFS, SKOS

LANGUAGES = ("nl", "en")

_FALLBACKS: dict[str, tuple[str | None, ...]] = {
    lang: (lang, *(other for other in LANGUAGES if other != lang), None) for lang in LANGUAGES
}
"""The languages tried, in order, for a label asked in each of ``LANGUAGES``."""

Text = tuple[Node, str | None, str]
"""A literal as ``(subject, language, text)``: what reading a label needs of it."""


def literal_texts(graph: Graph, predicate: URIRef, *, bulk: bool = True) -> Iterable[Text]:
    """Return ``(subject, language, text)`` for every literal object of ``predicate``.

    The same texts, in the same order, as reading ``graph.subject_objects(predicate)`` and
    keeping ``(s, o.language, str(o))`` of each literal. A store that can do it in bulk (the
    Oxigraph store) is asked to, and answers a list: it skips building an rdflib ``Literal``
    per text. Otherwise, and always with ``bulk=False`` (tests compare the two), the texts are
    read one at a time through rdflib's API.
    """
    read: Any = getattr(graph.store, "literal_texts", None) if bulk else None
    if read is not None:
        found: list[Text] = read(predicate)
        return found
    return (
        (subject, literal.language, str(literal))
        for subject, literal in graph.subject_objects(predicate)
        if isinstance(literal, Literal)
    )


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
    fallbacks = _FALLBACKS.get(lang) or (lang, *(o for o in LANGUAGES if o != lang), None)
    for language in fallbacks:
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

    def __init__(self, graph: Graph, *, bulk: bool = True) -> None:
        self._texts: dict[Node, dict[str | None, str]] = {}
        texts = self._texts
        for predicate in (RDFS.label, SKOS.prefLabel):
            for subject, language, text in literal_texts(graph, predicate, bulk=bulk):
                found = texts.get(subject)
                if found is None:
                    texts[subject] = {language: text}
                elif language not in found:
                    found[language] = text

    def __call__(self, node: Node, lang: str = "nl") -> str:
        """Return the label of ``node`` in ``lang``, with :func:`label_of`'s fallbacks."""
        return _pick(self._texts.get(node, {}), node, lang)

    def per_language(self, node: Node) -> dict[str, str]:
        """Return ``{lang: self(node, lang)}`` for each of ``LANGUAGES``, in that order."""
        candidates = self._texts.get(node)
        if candidates is None:
            name = local_name(node)
            return {lang: name for lang in LANGUAGES}
        return {lang: _pick(candidates, node, lang) for lang in LANGUAGES}

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
