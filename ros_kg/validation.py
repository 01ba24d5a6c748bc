"""Checks a graph against the SHACL shapes: the one module that imports pySHACL."""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from ros_kg import resources
from ros_kg.labels import label_of
from ros_kg.namespaces import RDF, SH
from ros_kg.store import load_graph, new_graph, parse_turtle


@dataclass(frozen=True, order=True)
class Violation:
    """One broken rule, told the way a person fixes it: which resource, which property, what."""

    severity: str
    focus: str
    focus_label: str
    path: str
    message: str
    value: str


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of checking a graph: conforms when no result has severity Violation."""

    triples: int
    violations: tuple[Violation, ...]

    @property
    def conforms(self) -> bool:
        """True when nothing of severity Violation was found (warnings do not count)."""
        return not any(v.severity == "Violation" for v in self.violations)

    @property
    def warnings(self) -> tuple[Violation, ...]:
        """The results of severity Warning or Info."""
        return tuple(v for v in self.violations if v.severity != "Violation")


def validate_files(extra: Sequence[Path] = (), *, lang: str = "nl") -> ValidationReport:
    """Parse the shipped graph plus ``extra`` and check it against the shapes.

    Syntax errors surface as :class:`~ros_kg.errors.DataError` before any shape is checked.
    """
    return validate_graph(load_graph(extra, derive=False), lang=lang)


def validate_graph(data: Graph, *, lang: str = "nl") -> ValidationReport:
    """Check ``data`` (as written, before derived triples) against ``ontology/shapes.ttl``.

    The ontology's class hierarchy is mixed in so that class targets reach subclasses; no
    RDFS or OWL inference runs, which keeps validation fast and the data graph as written.
    """
    from pyshacl import validate

    from ros_kg.progress import progress
    from ros_kg.store import is_oxigraph

    shapes = new_graph("memory")
    parse_turtle(resources.shapes_file(), shapes)
    checked = data
    if is_oxigraph(data):
        # pySHACL needs a context-aware store; rdflib's memory store is also where it is fastest.
        checked = Graph()
        checked.addN((s, p, o, checked) for s, p, o in data)
    with progress("validating", total=len(data), unit="triples") as step:
        _, results, _ = validate(
            checked,
            shacl_graph=shapes,
            inference="none",
            allow_warnings=True,
            abort_on_first=False,
        )
        step(len(data))
    assert isinstance(results, Graph)
    found = sorted(
        {_violation(data, results, result, lang) for result in _results(results)},
        key=lambda v: (v.severity != "Violation", v.focus_label.casefold(), v.path, v.message),
    )
    return ValidationReport(triples=len(data), violations=tuple(found))


def _results(results: Graph) -> list[Node]:
    return list(results.subjects(RDF.type, SH.ValidationResult))


def _violation(data: Graph, results: Graph, result: Node, lang: str) -> Violation:
    focus = results.value(result, SH.focusNode)
    path = results.value(result, SH.resultPath)
    severity = results.value(result, SH.resultSeverity)
    message = results.value(result, SH.resultMessage)
    value = results.value(result, SH.value)
    return Violation(
        severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
        focus=str(focus),
        focus_label=label_of(data, focus, lang) if focus is not None else "",
        path=data.namespace_manager.normalizeUri(path) if isinstance(path, URIRef) else "",
        message=str(message) if isinstance(message, Literal) else "does not conform",
        value=str(value) if value is not None and value != focus else "",
    )
