"""Serialises the graph for other tools: Turtle, N-Triples and JSON-LD."""

from rdflib import Graph

FORMATS: dict[str, str] = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}
"""Export format names on the command line, mapped to rdflib's serializer names."""


def serialise(graph: Graph, fmt: str) -> str:
    """Return ``graph`` as text in ``fmt`` (one of :data:`FORMATS`).

    N-Triples come out sorted, so two exports of the same graph compare equal line by line.
    """
    text = graph.serialize(format=FORMATS[fmt], encoding="utf-8").decode("utf-8")
    if fmt == "nt":
        return "".join(sorted(line + "\n" for line in text.splitlines() if line.strip()))
    return text
