"""Named SPARQL queries: the ``.rq`` files in ``ros_kg/queries/`` and how to run them on rdflib.

Each file is self-contained (its own PREFIXes, an ORDER BY) and starts with a header::

    #+ title_nl: Wie doet mee aan de ROS?
    #+ title_en: Who takes part in the ROS?
    #+ summary: The members of the ROS partnership with role and start date.
    #+ param: asOf date optional  Only memberships that held on this date.
    #defaultView:Table

Parameters are bound with rdflib's ``initBindings`` (or VALUES against an endpoint), never
pasted into the query text.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from rdflib import Graph
from rdflib.query import Result
from rdflib.term import Identifier, Node, Variable

from ros_kg import resources
from ros_kg.errors import QueryError

_HEADER = re.compile(r"^#\+\s*(?P<key>\w+)\s*:\s*(?P<value>.*)$")
_VIEW = re.compile(r"^#defaultView:\s*(?P<view>\w+)", re.IGNORECASE)
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


@dataclass(frozen=True)
class QueryParam:
    """A parameter of a named query: a variable the caller binds before the query runs."""

    name: str
    kind: str
    optional: bool
    description: str


@dataclass(frozen=True)
class NamedQuery:
    """A query file with its header read."""

    name: str
    text: str
    title_nl: str
    title_en: str
    summary: str
    params: tuple[QueryParam, ...]
    view: str
    form: str

    def title(self, lang: str) -> str:
        """Return the title in ``lang`` (Dutch unless English is asked for)."""
        return self.title_en if lang == "en" else self.title_nl


@dataclass(frozen=True)
class ResultTable:
    """The rows of a SELECT, with rdflib's loose types narrowed once, here."""

    variables: tuple[str, ...]
    rows: tuple[tuple[Node | None, ...], ...]

    def column(self, variable: str) -> list[Node | None]:
        """Return one column by variable name."""
        index = self.variables.index(variable)
        return [row[index] for row in self.rows]


def parse_header(name: str, text: str) -> NamedQuery:
    r"""Read the ``#+`` header of a query file.

    Examples:
        >>> q = parse_header("x", "#+ title_en: X\n#+ param: who actor  Whom\nSELECT * {}")
        >>> (q.title_en, q.params[0].name, q.params[0].kind, q.form, q.view)
        ('X', 'who', 'actor', 'SELECT', 'Table')
    """
    fields: dict[str, str] = {}
    params: list[QueryParam] = []
    view = "Table"
    for line in text.splitlines():
        header = _HEADER.match(line)
        if header and header["key"] == "param":
            params.append(_param(name, header["value"]))
        elif header:
            fields[header["key"]] = header["value"].strip()
        elif (found := _VIEW.match(line)) is not None:
            view = found["view"]
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    form = _FORM.search(_without_prefixes(body))
    return NamedQuery(
        name=name,
        text=text,
        title_nl=fields.get("title_nl", name),
        title_en=fields.get("title_en", fields.get("title_nl", name)),
        summary=fields.get("summary", ""),
        params=tuple(params),
        view=view,
        form=form[1].upper() if form else "SELECT",
    )


def _without_prefixes(body: str) -> str:
    return re.sub(r"(?im)^\s*(PREFIX|BASE)\s+\S*\s*<[^>]*>", "", body)


def _param(query: str, spec: str) -> QueryParam:
    parts = spec.split(None, 2)
    if len(parts) < 2:
        raise ValueError(f"{query}.rq: a param line needs a name and a kind: {spec!r}")
    name, kind = parts[0].lstrip("?$"), parts[1]
    rest = parts[2] if len(parts) > 2 else ""
    optional = rest.startswith("optional")
    description = rest.removeprefix("optional").strip()
    return QueryParam(name=name, kind=kind, optional=optional, description=description)


@cache
def named_queries() -> dict[str, NamedQuery]:
    """Return every shipped named query by name (the file name without ``.rq``)."""
    found = {}
    for path in sorted(resources.queries_dir().glob("*.rq")):
        found[path.stem] = parse_header(path.stem, path.read_text(encoding="utf-8"))
    return found


def get_query(name: str) -> NamedQuery:
    """Return the named query ``name``.

    Raises:
        QueryError: no such query; the message lists the names there are.
    """
    queries = named_queries()
    if name not in queries:
        raise QueryError(f"no query called '{name}'; there are: {', '.join(queries)}")
    return queries[name]


def run_select(
    graph: Graph, text: str, bindings: Mapping[str, Identifier] | None = None
) -> ResultTable:
    """Run a SELECT on ``graph`` with ``bindings`` bound, and return typed rows.

    Raises:
        QueryError: the query does not parse or is not a SELECT.
    """
    result = run_query(graph, text, bindings)
    if result.type != "SELECT":
        raise QueryError(f"expected a SELECT query, got {result.type}")
    variables = tuple(str(v) for v in (result.vars or []))
    rows = tuple(tuple(row) for row in result)  # type: ignore[arg-type]
    return ResultTable(variables=variables, rows=rows)


def run_query(graph: Graph, text: str, bindings: Mapping[str, Identifier] | None = None) -> Result:
    """Run any read-only query on ``graph`` with ``bindings`` bound.

    Raises:
        QueryError: the query does not parse (with line and column) or is an update.
    """
    from rdflib.plugins.sparql import prepareQuery

    try:
        prepared = prepareQuery(text)
    except Exception as exc:  # pyparsing and rdflib raise several unrelated types
        raise QueryError(describe_parse_error(text, exc)) from None
    init = {Variable(k): v for k, v in (bindings or {}).items()}
    return graph.query(prepared, initBindings=init)


def describe_parse_error(text: str, exc: Exception) -> str:
    """Say why a query failed to parse, with line and column where the parser knows them."""
    if _is_update(text):
        return "updates are refused: ros-kg is read-only (INSERT, DELETE, LOAD, CLEAR, DROP, ...)"
    line = getattr(exc, "lineno", None)
    column = getattr(exc, "col", None)
    message = getattr(exc, "msg", None) or str(exc).splitlines()[0]
    if line is not None and column is not None:
        source = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
        where = f"line {line}, column {column}"
        return f"query does not parse at {where}: {message}  >>> {source.strip()}"
    return f"query does not parse: {message}"


def _is_update(text: str) -> bool:
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except Exception:  # not an update either: the caller reports the query's own error
        return False
    return True
