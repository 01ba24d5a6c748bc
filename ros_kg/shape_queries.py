"""SHACL shapes compiled to SPARQL, so that Oxigraph checks a million triples in seconds.

pySHACL walks every focus node in Python: about 46 s for 100k triples, minutes for a national
graph. Each constraint of our shapes is a pattern over one property, which SPARQL states directly;
this module turns every constraint into one SELECT of the focus nodes (and values) that break
it, and the validator runs them in Oxigraph.

It compiles the part of SHACL Core our shapes use and refuses the rest with
:class:`UnsupportedShape`, so the validator can hand such shapes to pySHACL rather than check
them wrongly:

- targets: ``sh:targetClass`` (with ``rdfs:subClassOf*``), ``sh:targetSubjectsOf``,
  ``sh:targetObjectsOf``, ``sh:targetNode``;
- property shapes with a single-IRI ``sh:path``;
- ``sh:minCount``, ``sh:maxCount`` (up to :data:`MAX_COUNT`), ``sh:datatype`` (ill-formed
  literals fail), ``sh:class``, ``sh:nodeKind``, ``sh:pattern`` (with ``sh:flags``), ``sh:in``,
  ``sh:languageIn``, ``sh:qualifiedValueShape`` with ``sh:qualifiedMinCount`` /
  ``sh:qualifiedMaxCount``, ``sh:or`` of shapes built from these, ``sh:severity``,
  ``sh:message``;
- ``sh:sparql`` SELECT constraints whose text declares its own prefixes.

The answers are tested to equal pySHACL's, rule by rule, on the shipped graph and on broken
copies of it (``tests/test_shape_queries.py``).
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from ros_kg.namespaces import RDF, RDFS, SH, XSD

VAR = "?_value_"
"""The placeholder for the value node in compiled expressions, replaced by a real variable."""

MAX_COUNT = 4
"""The largest count compiled as distinct-value patterns; larger ones go to pySHACL."""

CASTS = frozenset(
    XSD[name]
    for name in (
        "boolean", "date", "dateTime", "decimal", "double", "duration", "float", "gYear",
        "gYearMonth", "integer", "time",
    )
)  # fmt: skip
"""Datatypes whose lexical forms Oxigraph checks with a cast; an ill-formed one fails."""

NODE_KINDS = {
    SH.IRI: "isIRI(?_value_)",
    SH.BlankNode: "isBlank(?_value_)",
    SH.Literal: "isLiteral(?_value_)",
    SH.BlankNodeOrIRI: "!isLiteral(?_value_)",
    SH.BlankNodeOrLiteral: "!isIRI(?_value_)",
    SH.IRIOrLiteral: "!isBlank(?_value_)",
}

KNOWN = frozenset(
    {
        RDF.type, RDFS.comment, RDFS.label, SH.targetClass, SH.targetSubjectsOf,
        SH.targetObjectsOf, SH.targetNode, SH.property, SH.path, SH.minCount, SH.maxCount,
        SH.datatype, SH["class"], SH.nodeKind, SH.pattern, SH.flags, SH["in"], SH.languageIn,
        SH.qualifiedValueShape, SH.qualifiedMinCount, SH.qualifiedMaxCount, SH["or"],
        SH.severity, SH.message, SH.sparql, SH.name, SH.description, SH.order, SH.group,
    }
)  # fmt: skip
"""Shape properties this module understands; any other makes a shape unsupported."""

VALUE_RULES = (SH.datatype, SH["class"], SH.nodeKind, SH.pattern, SH["in"], SH.languageIn)
"""Constraints on each value by itself, which also make up the shapes inside sh:or."""


class UnsupportedShape(ValueError):
    """A shape uses SHACL this module does not compile; pySHACL must check it."""


@dataclass(frozen=True)
class Check:
    """One constraint as a SELECT of ``?this`` (the focus node) and, where one is named, ``?value``.

    ``focus`` is set for ``sh:sparql`` constraints only: their SELECT runs as written, and its
    answers count where ``?this`` is one of the focus nodes that the ``focus`` query selects.
    """

    query: str
    severity: str
    path: URIRef | None
    message: str
    focus: str | None = None


def compile_shapes(shapes: Graph) -> tuple[Check, ...]:
    """Compile every targeted shape in ``shapes`` into checks, in a stable order.

    Raises:
        UnsupportedShape: a shape uses SHACL outside the compiled subset; nothing is returned
            then, so a caller never checks half of the rules.
    """
    checks: list[Check] = []
    for shape in sorted(_targeted(shapes), key=str):
        checks.extend(_ShapeCompiler(shapes, shape).checks())
    return tuple(checks)


def _targeted(shapes: Graph) -> set[Node]:
    found: set[Node] = set()
    for target in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode):
        found.update(shapes.subjects(target, None))
    return found


class _ShapeCompiler:
    """Compiles one targeted shape and the property shapes it names."""

    def __init__(self, shapes: Graph, shape: Node) -> None:
        self.shapes = shapes
        self.shape = shape
        self.focus = _focus_pattern(shapes, shape)

    def checks(self) -> Iterator[Check]:
        _only_known(self.shapes, self.shape)
        if self.shapes.value(self.shape, SH.path) is not None:
            yield from self._property_checks(self.shape)
        else:
            yield from self._rule_checks(self.shape, "?this", None, self._severity(self.shape))
            for prop in sorted(self.shapes.objects(self.shape, SH.property), key=str):
                _only_known(self.shapes, prop)
                yield from self._property_checks(prop)
        for sparql in sorted(self.shapes.objects(self.shape, SH.sparql), key=str):
            yield self._sparql_check(sparql)

    def _severity(self, shape: Node) -> str:
        severity = self.shapes.value(shape, SH.severity)
        return str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation"

    def _message(self, shape: Node, default: str) -> str:
        messages = sorted(str(m) for m in self.shapes.objects(shape, SH.message))
        return messages[0] if messages else default

    def _property_checks(self, prop: Node) -> Iterator[Check]:
        path = self.shapes.value(prop, SH.path)
        if not isinstance(path, URIRef):
            raise UnsupportedShape(f"{_name(prop)}: only a single IRI is supported as sh:path")
        severity = self._severity(prop)
        for rule, limit, test in _counts(self.shapes, prop):
            query = self._count_query(path.n3(), rule, limit, test)
            if query:
                yield Check(
                    query=query,
                    severity=severity,
                    path=path,
                    message=self._message(prop, f"{_name(rule)} of {path.n3()} is not met"),
                )
        for pattern, name in self._value_patterns(prop, path):
            yield Check(
                query=self._select(pattern, with_value=True),
                severity=severity,
                path=path,
                message=self._message(prop, f"{name} of {path.n3()} is not met"),
            )

    def _value_patterns(self, shape: Node, path: URIRef) -> Iterator[tuple[str, str]]:
        values = f"?this {path.n3()} ?value ."
        for cls in sorted(self.shapes.objects(shape, SH["class"]), key=str):
            # MINUS lets Oxigraph find the instances once, not follow subClassOf* per value.
            yield f"{values} MINUS {{ {_instance_of('?value', cls)} }}", "sh:class"
        tests = [(_name(rule), test) for rule, test in _value_tests(self.shapes, shape)]
        tests += [("sh:or", test) for test in _or_tests(self.shapes, shape)]
        for name, test in tests:
            if name != "sh:class":
                yield f"{values} FILTER(!({test.replace(VAR, '?value')}))", name

    def _rule_checks(
        self, shape: Node, variable: str, path: URIRef | None, severity: str
    ) -> Iterator[Check]:
        """Constraints of a node shape on the focus node itself (sh:class, sh:or, ...)."""
        for rule, test in _value_tests(self.shapes, shape):
            yield Check(
                query=self._select(f"FILTER(!({test.replace(VAR, variable)}))", with_value=False),
                severity=severity,
                path=path,
                message=self._message(shape, f"{_name(rule)} is not met"),
            )
        for alternatives in self.shapes.objects(shape, SH["or"]):
            failing = [
                _failure(self.shapes, alternative)
                for alternative in Collection(self.shapes, alternatives)
            ]
            yield Check(
                query=self._select(f"FILTER({' && '.join(failing)})", with_value=False),
                severity=severity,
                path=path,
                message=self._message(shape, "none of the sh:or alternatives is met"),
            )

    def _count_query(self, path: str, rule: Node, limit: int, test: str | None) -> str:
        """The SELECT of focus nodes with too few or too many values ("" when none can be).

        More than ``limit`` plain values is found by one grouping over the property (offenders
        are rare, so the focus join is small); the other counts test each focus node.
        """
        if not AT_LEAST[rule] and test is None:
            over = (
                f"SELECT ?this WHERE {{ ?this {path} ?_v0 }} GROUP BY ?this "
                f"HAVING (COUNT(DISTINCT ?_v0) > {limit})"
            )
            return f"SELECT DISTINCT ?this WHERE {{ {{ {over} }} {self.focus} }}"
        pattern = _count_pattern(path, limit, AT_LEAST[rule], test)
        return self._select(pattern, with_value=False) if pattern else ""

    def _select(self, pattern: str, *, with_value: bool) -> str:
        """The SELECT of where ``pattern`` holds on a focus node, in the order that is fast.

        A value check (``with_value``) finds the offending values first, usually none, and
        then keeps those on a focus node; a check of the focus node itself takes each focus
        node once. Joining a union of targets with every value was seconds at a million
        triples; each order here is a fraction of a second.
        """
        if with_value:
            return f"SELECT DISTINCT ?this ?value WHERE {{ {{ {pattern} }} {self.focus} }}"
        nodes = f"SELECT DISTINCT ?this WHERE {{ {self.focus} }}"
        return f"SELECT ?this WHERE {{ {{ {nodes} }} {pattern} }}"

    def _sparql_check(self, sparql: Node) -> Check:
        _only(self.shapes, sparql, {RDF.type, SH.select, SH.message, SH.severity})
        text = self.shapes.value(sparql, SH.select)
        if not isinstance(text, Literal):
            raise UnsupportedShape(f"{_name(self.shape)}: sh:sparql needs a sh:select text")
        return Check(
            query=str(text).replace("$this", "?this"),
            severity=self._severity(self.shape),
            path=None,
            message=self._message(sparql, self._message(self.shape, "a SPARQL rule is broken")),
            focus=f"SELECT DISTINCT ?this WHERE {{ {self.focus} }}",
        )


def _focus_pattern(shapes: Graph, shape: Node) -> str:
    """The union of the shape's targets as a group pattern binding ``?this``."""
    branches = [
        _instance_of("?this", cls) for cls in sorted(shapes.objects(shape, SH.targetClass), key=str)
    ]
    subjects_of = sorted(shapes.objects(shape, SH.targetSubjectsOf), key=str)
    objects_of = sorted(shapes.objects(shape, SH.targetObjectsOf), key=str)
    branches += [f"?this {_iri(p)} ?_target ." for p in subjects_of]
    branches += [f"?_target {_iri(p)} ?this ." for p in objects_of]
    nodes = sorted(shapes.objects(shape, SH.targetNode), key=str)
    if nodes:
        branches.append(f"VALUES ?this {{ {' '.join(_constant(n) for n in nodes)} }}")
    return " UNION ".join(f"{{ {branch} }}" for branch in branches)


AT_LEAST: dict[Node, bool] = {SH.minCount: True, SH.maxCount: False, SH.qualifiedMinCount: True,
            SH.qualifiedMaxCount: False}  # fmt: skip
"""The count constraints, and whether each sets a minimum."""


def _counts(shapes: Graph, prop: Node) -> Iterator[tuple[Node, int, str | None]]:
    """Each count constraint of a property shape: the rule, its limit, the test on values."""
    qualified = shapes.value(prop, SH.qualifiedValueShape)
    test = _conjunction(shapes, qualified) if qualified is not None else None
    for rule, at_least in AT_LEAST.items():
        if rule in (SH.qualifiedMinCount, SH.qualifiedMaxCount) and test is None:
            continue
        for limit in shapes.objects(prop, rule):
            chosen = test if rule in (SH.qualifiedMinCount, SH.qualifiedMaxCount) else None
            yield rule, _count(limit, at_least), chosen


def _property_patterns(shapes: Graph, prop: Node, path: str) -> Iterator[tuple[str, str]]:
    """Count constraints of a property shape, as patterns true where the focus breaks them."""
    for rule, limit, test in _counts(shapes, prop):
        pattern = _count_pattern(path, limit, AT_LEAST[rule], test)
        if pattern:
            yield pattern, _name(rule)


def _count(limit: Node, at_least: bool) -> int:
    value = limit.toPython() if isinstance(limit, Literal) else None
    if not isinstance(value, int) or value < 0 or value + (0 if at_least else 1) > MAX_COUNT:
        raise UnsupportedShape(f"count {limit} is outside 0..{MAX_COUNT}")
    return value


def _count_pattern(path: str, limit: int, at_least: bool, test: str | None) -> str:
    """A pattern true when ``?this`` has fewer than (or more than) ``limit`` distinct values.

    Distinct values are spelled out as variables that differ pairwise, which keeps every check
    a semi-join Oxigraph stops at the first witness of, instead of a count over all values.
    ``test`` (with :data:`VAR` for the value) restricts the values counted. An empty string
    means the constraint cannot be broken (``sh:minCount 0``).
    """
    needed = limit if at_least else limit + 1
    if needed == 0:
        return ""
    names = [f"?_v{i}" for i in range(needed)]
    triples = " ".join(f"?this {path} {name} ." for name in names)
    filters = [test.replace(VAR, name) for name in names] if test is not None else []
    filters += [f"!sameTerm({a}, {b})" for i, a in enumerate(names) for b in names[i + 1 :]]
    where = f"{triples} FILTER({' && '.join(filters)})" if filters else triples
    return f"FILTER({'NOT ' if at_least else ''}EXISTS {{ {where} }})"


def _value_tests(shapes: Graph, shape: Node) -> Iterator[tuple[Node, str]]:
    """Each value constraint of ``shape`` as an expression over :data:`VAR`, true where met."""
    for rule in VALUE_RULES:
        for argument in sorted(shapes.objects(shape, rule), key=str):
            yield rule, _TESTS[rule](shapes, shape, argument)


def _or_tests(shapes: Graph, shape: Node) -> Iterator[str]:
    """Each ``sh:or`` of value shapes as an expression over :data:`VAR`, true where met."""
    for alternatives in shapes.objects(shape, SH["or"]):
        options = [_conjunction(shapes, option) for option in Collection(shapes, alternatives)]
        yield " || ".join(f"({o})" for o in options) if options else "false"


def _conjunction(shapes: Graph, shape: Node) -> str:
    """The expression over :data:`VAR` a value meets when it conforms to a value shape."""
    _only(shapes, shape, {*VALUE_RULES, SH["or"], RDF.type, SH.message})
    tests = [test for _, test in _value_tests(shapes, shape)] + list(_or_tests(shapes, shape))
    return " && ".join(f"({t})" for t in tests) if tests else "true"


def _failure(shapes: Graph, alternative: Node) -> str:
    """An expression true when the focus ``?this`` does not conform to ``alternative``."""
    path = shapes.value(alternative, SH.path)
    if path is None:
        return f"!({_conjunction(shapes, alternative).replace(VAR, '?this')})"
    if not isinstance(path, URIRef):
        raise UnsupportedShape(f"{_name(alternative)}: only a single IRI is supported as sh:path")
    _only(shapes, alternative, KNOWN - {SH["or"], SH.property, SH.sparql})
    broken = [pattern for pattern, _ in _property_patterns(shapes, alternative, path.n3())]
    tests = [test for _, test in _value_tests(shapes, alternative)]
    broken += [f"?this {path.n3()} ?_w . FILTER(!({test.replace(VAR, '?_w')}))" for test in tests]
    return "(" + " || ".join(f"EXISTS {{ {p} }}" for p in broken) + ")" if broken else "false"


def _datatype(_: Graph, __: Node, datatype: Node) -> str:
    iri = _iri(datatype)
    if datatype == RDFS.Literal:
        return f"isLiteral({VAR})"
    test = f"isLiteral({VAR}) && datatype({VAR}) = {iri}"
    if datatype in CASTS:
        test += f" && COALESCE({iri}(str({VAR})) = {VAR}, false)"
    return test


def _class(_: Graph, __: Node, cls: Node) -> str:
    return f"EXISTS {{ {_instance_of(VAR, cls)} }}"


def _instance_of(variable: str, cls: Node) -> str:
    """The pattern of a SHACL instance: typed with ``cls`` or one of its subclasses."""
    return f"{variable} {RDF.type.n3()}/{RDFS.subClassOf.n3()}* {_iri(cls)} ."


def _node_kind(_: Graph, __: Node, kind: Node) -> str:
    test = NODE_KINDS.get(kind) if isinstance(kind, URIRef) else None
    if test is None:
        raise UnsupportedShape(f"unknown sh:nodeKind {kind}")
    return test


def _pattern(shapes: Graph, shape: Node, pattern: Node) -> str:
    regex = _constant(Literal(str(pattern)))
    flags = _constant(Literal(str(shapes.value(shape, SH.flags) or "")))
    return f"!isBlank({VAR}) && regex(str({VAR}), {regex}, {flags})"


def _in(shapes: Graph, _: Node, members: Node) -> str:
    allowed = [f"sameTerm({VAR}, {_constant(m)})" for m in Collection(shapes, members)]
    return " || ".join(allowed) if allowed else "false"


def _language_in(shapes: Graph, _: Node, languages: Node) -> str:
    tags = [
        f"langMatches(lang({VAR}), {_constant(Literal(str(t)))})"
        for t in Collection(shapes, languages)
    ]
    return f"isLiteral({VAR}) && ({' || '.join(tags) if tags else 'false'})"


_TESTS: dict[Node, Callable[[Graph, Node, Node], str]] = {
    SH.datatype: _datatype,
    SH["class"]: _class,
    SH.nodeKind: _node_kind,
    SH.pattern: _pattern,
    SH["in"]: _in,
    SH.languageIn: _language_in,
}


def _only_known(shapes: Graph, shape: Node) -> None:
    _only(shapes, shape, KNOWN)


def _only(shapes: Graph, shape: Node, allowed: set[URIRef] | frozenset[URIRef]) -> None:
    for predicate in set(shapes.predicates(shape, None)):
        if predicate not in allowed and predicate != SH.deactivated:
            raise UnsupportedShape(f"{_name(shape)}: {_name(predicate)} is not compiled")
        if predicate == SH.deactivated:
            raise UnsupportedShape(f"{_name(shape)}: sh:deactivated is not compiled")


def _iri(node: Node) -> str:
    if not isinstance(node, URIRef):
        raise UnsupportedShape(f"expected an IRI, found {node!r}")
    return node.n3()


def _constant(node: Node) -> str:
    if isinstance(node, BNode):
        raise UnsupportedShape("blank nodes cannot be named in a query")
    return node.n3()


def _name(node: Node) -> str:
    text = str(node)
    return "sh:" + text.rsplit("#", 1)[-1] if text.startswith(str(SH)) else text
