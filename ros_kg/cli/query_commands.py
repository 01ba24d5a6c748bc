"""Commands for SPARQL: list the named queries and run one, a file or a query typed inline."""

import json
import sys
from typing import TYPE_CHECKING, Any

import click

from ros_kg.cli.app import Session, pass_session
from ros_kg.cli.render import render

if TYPE_CHECKING:
    from rdflib.term import Identifier, Node

    from ros_kg.queries import Answer, NamedQuery, QueryParam, ResultTable

ROW_FORMATS = ("table", "csv", "tsv", "json", "markdown")
GRAPH_FORMATS = ("ttl", "nt", "jsonld")


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "markdown", "json"]),
    default="table",
    show_default=True,
)
@pass_session
def queries(session: Session, fmt: str) -> None:
    """List the named queries: name and title, in --lang.

    Run one with `ros-kg query NAME --param VAR=VALUE`; the --param column shows what each
    query takes ([...] is optional). The files are plain SPARQL in ros_kg/queries/, each
    runnable as is in any SPARQL console.
    """
    from ros_kg.queries import named_queries

    rows = [
        {
            "name": q.name,
            "title": q.title(session.lang),
            "params": ", ".join(_param_usage(p) for p in q.params if p.name != "lang"),
            "view": q.view,
            "summary": q.summary,
        }
        for q in named_queries().values()
    ]
    title = "titel" if session.lang == "nl" else "title"
    columns = [("name", "name"), ("title", title), ("params", "--param")]
    click.echo(render(rows, columns, fmt), nl=False)


def _param_usage(param: "QueryParam") -> str:
    usage = f"{param.name}={param.kind.upper()}"
    return f"[{usage}]" if param.optional else usage


@click.command()
@click.argument("name", required=False)
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="VAR=VALUE",
    help="Bind a parameter of the named query (repeatable); actors and resources by name.",
)
@click.option(
    "--file",
    "query_file",
    type=click.File("r", encoding="utf-8"),
    help="Run the query in this .rq file ('-' reads standard input).",
)
@click.option("-e", "--expression", help="Run this query text.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice([*ROW_FORMATS, *GRAPH_FORMATS]),
    help="SELECT: table (default), csv, tsv, json (SPARQL 1.1 results JSON) or markdown; "
    "CONSTRUCT and DESCRIBE: ttl (default), nt or jsonld.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=30.0,
    show_default=True,
    help="Stop the query after this many seconds.",
)
@pass_session
def query(
    session: Session,
    name: str | None,
    params: tuple[str, ...],
    query_file: Any,
    expression: str | None,
    fmt: str | None,
    timeout: float,
) -> None:
    """Run a named query, a query file (--file) or a query text (-e), locally or at --endpoint.

    NAME is one of `ros-kg queries`; NAME '-' reads the query from standard input. Only
    read-only queries run: INSERT, DELETE, LOAD, CLEAR, DROP and other updates are refused.

    An ASK query prints true or false and exits with status 0 for true and 1 for false, so a
    script can test it like grep.

    \b
    Examples:
      ros-kg query dependencies_of --param actor=Enschede
      ros-kg query members_as_of --param asOf=2023-06-01 --format csv
      ros-kg query -e 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
      ros-kg --endpoint http://127.0.0.1:7878/query query timeline
    """  # noqa: D301  (click needs a real \b to keep the examples' lines)
    text, named = _query_text(name, query_file, expression)
    bindings = _bindings(session, named, params)
    answer = session.answer(text, bindings, timeout)
    _print_answer(answer, fmt, session)


def _query_text(name: str | None, query_file: Any, expression: str | None) -> tuple[str, Any]:
    from ros_kg.errors import QueryError
    from ros_kg.queries import get_query

    given = [x for x in (name, query_file, expression) if x is not None]
    if len(given) != 1:
        raise click.UsageError("give one of: a query NAME, --file Q.rq, -e 'QUERY' or '-'")
    if expression is not None:
        return expression, None
    if query_file is not None:
        return str(query_file.read()), None
    if name == "-":
        return sys.stdin.read(), None
    assert name is not None
    if name.endswith(".rq"):
        raise QueryError(f"to run the file {name}, use: ros-kg query --file {name}")
    named = get_query(name)
    return named.text, named


def _bindings(
    session: Session, named: "NamedQuery | None", params: tuple[str, ...]
) -> "dict[str, Identifier]":
    from ros_kg.errors import QueryError
    from ros_kg.queries import bind_params

    given: dict[str, str] = {}
    for pair in params:
        var, equals, value = pair.partition("=")
        if not equals or not var.strip():
            raise click.BadParameter(f"'{pair}' is not VAR=VALUE", param_hint="--param")
        given[var.strip().lstrip("?$")] = value
    if named is not None and "lang" in {p.name for p in named.params}:
        given.setdefault("lang", session.lang)
    if named is None:
        if given:
            raise QueryError(
                "--param binds the parameters of a named query; write values into your own "
                "query, or save it in ros_kg/queries/ with a '#+ param:' header"
            )
        return {}

    def resolve(param: "QueryParam", text: str) -> "Identifier":
        if param.kind == "actor":
            from ros_kg.namespaces import ROS

            return session.names().resolve_kind(text, [ROS.Actor], "an actor", lang=session.lang)
        return session.resolve(text)

    return bind_params(named, given, resolve)


def _print_answer(answer: "Answer", fmt: str | None, session: Session) -> None:
    from ros_kg.errors import QueryError

    if answer.boolean is not None:
        if fmt == "json":
            click.echo(json.dumps({"head": {}, "boolean": answer.boolean}))
        else:
            click.echo("true" if answer.boolean else "false")
        sys.exit(0 if answer.boolean else 1)
    if answer.table is not None:
        fmt = fmt or "table"
        if fmt not in ROW_FORMATS:
            raise QueryError(f"a SELECT gives rows: use --format {', '.join(ROW_FORMATS)}")
        click.echo(format_table(answer.table, fmt), nl=False)
        return
    fmt = fmt or "ttl"
    if fmt not in GRAPH_FORMATS:
        raise QueryError(f"a {answer.form} gives a graph: use --format {', '.join(GRAPH_FORMATS)}")
    from ros_kg.export import serialise
    from ros_kg.store import new_graph

    assert answer.graph is not None
    graph = new_graph()
    for triple in answer.graph:
        graph.add(triple)
    click.echo(serialise(graph, fmt), nl=False)


def format_table(table: "ResultTable", fmt: str) -> str:
    """Return SELECT rows as text: SPARQL results JSON, SPARQL CSV/TSV, or a table."""
    from ros_kg.queries import to_sparql_json

    if fmt == "json":
        return json.dumps(to_sparql_json(table), ensure_ascii=False, indent=2) + "\n"
    cell = {"csv": _plain, "tsv": _n3}.get(fmt, _short)
    rows = [
        {v: cell(term) for v, term in zip(table.variables, row, strict=True)} for row in table.rows
    ]
    columns = [(v, v) for v in table.variables]
    return render(rows, columns, fmt)


def _plain(term: "Node | None") -> str:
    return "" if term is None else str(term)


def _n3(term: "Node | None") -> str:
    return "" if term is None else term.n3()


def _short(term: "Node | None") -> str:
    from rdflib import URIRef

    from ros_kg.namespaces import PREFIXES

    if isinstance(term, URIRef):
        text = str(term)
        for prefix, namespace in PREFIXES.items():
            if text.startswith(str(namespace)) and len(text) > len(str(namespace)):
                return f"{prefix}:{text[len(str(namespace)) :]}"
        return text
    return _plain(term)


COMMANDS = (queries, query)
