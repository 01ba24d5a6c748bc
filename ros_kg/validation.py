"""Checks a graph against the SHACL shapes: the one module that imports pySHACL.

Two engines check the same shapes (``validate --engine``):

- ``sparql``: the shapes compiled to SPARQL (:mod:`ros_kg.shape_queries`) and run in Oxigraph,
  seconds at a million triples;
- ``pyshacl``: the reference implementation, minutes at a million triples.

``auto`` (the default) takes ``sparql`` when every shape compiles and ``pyshacl`` otherwise, so
a shape outside the compiled subset is still checked, never skipped. Both give the same
violations on our shapes; the tests compare them rule by rule. On the memory store, ``auto``
also takes ``pyshacl`` when copying the graph into Oxigraph would rewrite a literal (``2.50``
stored as ``2.5``), because the checks must see the data as written.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Literal as Choice

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

if TYPE_CHECKING:
    from ros_kg.shape_queries import Check

from ros_kg import resources
from ros_kg.errors import DataError
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


Engine = Choice["auto", "sparql", "pyshacl"]
ENGINES: tuple[Engine, ...] = ("auto", "sparql", "pyshacl")


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of checking a graph: conforms when no result has severity Violation."""

    triples: int
    violations: tuple[Violation, ...]
    engine: str = "pyshacl"

    @property
    def conforms(self) -> bool:
        """True when nothing of severity Violation was found (warnings do not count)."""
        return not any(v.severity == "Violation" for v in self.violations)

    @property
    def warnings(self) -> tuple[Violation, ...]:
        """The results of severity Warning or Info."""
        return tuple(v for v in self.violations if v.severity != "Violation")


def validate_files(
    extra: Sequence[Path] = (), *, lang: str = "nl", engine: Engine = "auto"
) -> ValidationReport:
    """Parse the shipped graph plus ``extra`` and check it against the shapes.

    Syntax errors surface as :class:`~ros_kg.errors.DataError` before any shape is checked.
    """
    return validate_graph(load_graph(extra, derive=False), lang=lang, engine=engine)


def validate_graph(
    data: Graph, *, lang: str = "nl", engine: Engine = "auto", shapes: Graph | None = None
) -> ValidationReport:
    """Check ``data`` (as written, before derived triples) against ``shapes``.

    ``shapes`` defaults to ``ontology/shapes.ttl``.

    The data graph holds the ontology, whose class hierarchy lets class targets reach
    subclasses; no RDFS or OWL inference runs, which keeps the data graph as written.

    Raises:
        DataError: ``engine="sparql"`` was asked for and a shape does not compile.
    """
    from ros_kg.oxigraph_store import rewrites_literals
    from ros_kg.shape_queries import UnsupportedShape, compile_shapes

    if shapes is None:
        shapes = new_graph("memory")
        parse_turtle(resources.shapes_file(), shapes)
    if engine != "pyshacl":
        try:
            checks = compile_shapes(shapes)
        except UnsupportedShape as error:
            if engine == "sparql":
                raise DataError(f"the shapes cannot be checked in SPARQL: {error}") from None
        else:
            if engine == "sparql" or not rewrites_literals(data):
                return _sorted(data, _run_checks(data, checks, lang), "sparql")
    return _sorted(data, _run_pyshacl(data, shapes, lang), "pyshacl")


def _sorted(data: Graph, found: set[Violation], engine: str) -> ValidationReport:
    ordered = sorted(
        found,
        key=lambda v: (v.severity != "Violation", v.focus_label.casefold(), v.path, v.message),
    )
    return ValidationReport(triples=len(data), violations=tuple(ordered), engine=engine)


def _run_checks(data: Graph, checks: Sequence["Check"], lang: str) -> set[Violation]:
    """Run compiled checks in Oxigraph and name each broken rule as pySHACL would."""
    from ros_kg.oxigraph_store import native_store, select_terms
    from ros_kg.progress import progress

    found: set[Violation] = set()
    with progress("validating", total=len(checks), unit="rules") as step:
        store = native_store(data)
        for check in checks:
            rows = select_terms(store, check.query)
            if check.focus is not None:
                focus = {row[0] for row in select_terms(store, check.focus)}
                rows = [row for row in rows if row[0] in focus]
            for row in rows:
                this, value = row[0], row[1] if len(row) > 1 else None
                if this is None:
                    continue
                found.add(
                    Violation(
                        severity=check.severity,
                        focus=str(this),
                        focus_label=label_of(data, this, lang),
                        path=data.namespace_manager.normalizeUri(check.path) if check.path else "",
                        message=check.message,
                        value=str(value) if value is not None and value != this else "",
                    )
                )
            step(1)
    return found


def _run_pyshacl(data: Graph, shapes: Graph, lang: str) -> set[Violation]:
    from pyshacl import validate

    from ros_kg.progress import progress
    from ros_kg.store import is_oxigraph

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
    return {_violation(data, results, result, lang) for result in _results(results)}


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
