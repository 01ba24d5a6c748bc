"""Named queries on the shipped graph, the `queries` and `query` commands, and their bad input."""

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef

from benchmarks.synthetic import triples
from ros_kg.cli import cli
from ros_kg.errors import QueryError, QueryTimeoutError
from ros_kg.queries import (
    ResultTable,
    answer_query,
    get_query,
    named_queries,
    query_form,
    with_values,
)
from ros_kg.store import new_graph

ROSID = "https://w3id.org/ros-kg/id/"


@dataclass(frozen=True)
class Expect:
    """What a named query must give on the shipped graph: params, a minimum, a row it holds."""

    params: dict[str, str] = field(default_factory=dict)
    min_rows: int = 1
    holds: Callable[[ResultTable], bool] = lambda table: True


def _has(variable: str, value: str) -> Callable[[ResultTable], bool]:
    """A check that some row has ``value`` (an IRI or a literal's text) in ``variable``."""
    return lambda table: any(str(node) == value for node in table.column(variable))


EXPECTED: dict[str, Expect] = {
    "building_blocks": Expect(),
    "change_events": Expect(),
    "class_counts": Expect(min_rows=10),
    "dependencies_by_kind": Expect(min_rows=5),
    "dependencies_of": Expect({"actor": "Enschede"}),
    "dependency_kind_counts": Expect(min_rows=11),
    "dependents_of": Expect({"actor": "Rijk"}),
    "designations": Expect(),
    "disagreements": Expect(min_rows=2, holds=_has("claim", ROSID + "bewering-novex-16-programma")),
    "document_lineage": Expect(min_rows=2),
    "identifiers": Expect(min_rows=14, holds=_has("code", "GM0153")),
    "joined_in_year": Expect({"year": "2024"}),
    "kind_totals": Expect(min_rows=12),
    "members_as_of": Expect({"asOf": "2025-06-01"}, min_rows=14),
    "participants": Expect(min_rows=14),
    "report_actors": Expect(min_rows=14),
    "report_targets": Expect(),
    "report_timeline": Expect(min_rows=5),
    "report_transitive_dependencies": Expect({"dependent": "Enschede"}),
    "resource_statements": Expect({"resource": "Enschede"}, min_rows=5),
    "sources_of": Expect({"resource": "Enschede"}),
    "statements_by_theme": Expect(),
    "still_to_adopt": Expect(),
    "target_changes": Expect(),
    "targets": Expect(min_rows=3),
    "themes": Expect(),
    "timeline": Expect({"asOf": "2025-06-01"}, min_rows=5),
    "transitive_dependencies": Expect({"actor": "Enschede"}),
}
"""Every shipped query, with what it must return; a new query file fails until it is listed."""


def test_every_query_file_has_an_expectation() -> None:
    missing = sorted(set(named_queries()) - set(EXPECTED))
    stale = sorted(set(EXPECTED) - set(named_queries()))
    assert not missing, f"add these queries to EXPECTED in tests/test_queries.py: {missing}"
    assert not stale, f"these queries are gone; remove them from EXPECTED: {stale}"


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_named_query_runs_on_the_shipped_graph(runner: CliRunner, name: str) -> None:
    expect = EXPECTED.get(name)
    assert expect is not None, f"{name} has no expectation in EXPECTED"
    args = ["query", name, "--format", "json"]
    for key, value in expect.params.items():
        args += ["--param", f"{key}={value}"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    from ros_kg.endpoint import table_from_json

    table = table_from_json(document)
    assert len(table.rows) >= expect.min_rows, f"{name}: {len(table.rows)} rows"
    assert expect.holds(table), f"{name}: the expected row is missing"


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_named_query_has_a_complete_header(name: str) -> None:
    query = get_query(name)
    assert query.title_nl != name and query.title_en != name, "needs title_nl and title_en"
    assert query.summary, "needs a #+ summary: line"
    assert query.view in ("Table", "Graph", "Timeline")
    assert "ORDER BY" in query.text.upper(), "a named query is deterministic: ORDER BY"
    body = "\n".join(x for x in query.text.splitlines() if not x.startswith("#"))
    for prefix in {p.split(":")[0] for p in _prefixed_names(body)}:
        assert f"PREFIX {prefix}:" in body, f"{name} uses {prefix}: without declaring it"


def _prefixed_names(body: str) -> set[str]:
    import re

    no_iris = re.sub(r"<[^>\s]*>", "", body)
    no_strings = re.sub(r'"[^"]*"', "", no_iris)
    return set(re.findall(r"(?<![\w?$])([A-Za-z][\w-]*:[A-Za-z_]\w*)", no_strings))


def test_queries_lists_names_and_titles_in_the_language(runner: CliRunner) -> None:
    dutch = runner.invoke(cli, ["queries", "--format", "markdown"])
    english = runner.invoke(cli, ["--lang", "en", "queries", "--format", "markdown"])
    assert dutch.exit_code == english.exit_code == 0
    assert "Wie hangt af van een actor?" in dutch.output
    assert "Who depends on an actor?" in english.output
    assert "actor=RESOURCE" in english.output
    assert "[asOf=DATE]" in english.output
    assert "lang=" not in english.output, "lang is bound from --lang, not listed"


def test_param_resolves_names_like_every_command(runner: CliRunner) -> None:
    by_label = runner.invoke(cli, ["query", "sources_of", "--param", "resource=enschede"])
    by_code = runner.invoke(cli, ["query", "sources_of", "--param", "resource=GM0153"])
    assert by_label.exit_code == 0, by_label.output
    assert by_label.output == by_code.output


def test_actor_param_must_be_an_actor(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["query", "dependencies_of", "--param", "actor=financiering"])
    assert result.exit_code == 1
    assert "needs an actor" in result.output


def test_lang_follows_the_global_option(runner: CliRunner) -> None:
    nl = runner.invoke(cli, ["query", "dependency_kind_counts", "--format", "csv"])
    assert "financiering" in nl.output
    en = runner.invoke(cli, ["--lang", "en", "query", "participants", "--format", "csv"])
    nl = runner.invoke(cli, ["query", "participants", "--format", "csv"])
    assert en.exit_code == nl.exit_code == 0
    assert en.output != nl.output


def test_unknown_query_name_lists_the_names(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["query", "dependencies_off"])
    assert result.exit_code == 1
    assert "no query called 'dependencies_off'" in result.output
    assert "dependencies_of" in result.output and "timeline" in result.output
    assert "Traceback" not in result.output


def test_missing_param_lists_the_params(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["query", "members_as_of"])
    assert result.exit_code == 1
    assert "needs --param asOf=..." in result.output
    assert "asOf (date)" in result.output


def test_unknown_param_lists_the_params(runner: CliRunner) -> None:
    result = runner.invoke(
        cli, ["query", "members_as_of", "--param", "asOf=2024-01-01", "--param", "who=x"]
    )
    assert result.exit_code == 1
    assert "has no parameter who" in result.output
    assert "asOf (date)" in result.output


@pytest.mark.parametrize("value", ["2024", "01-06-2024", "2024-02-30", "soon"])
def test_date_param_must_be_yyyy_mm_dd(runner: CliRunner, value: str) -> None:
    result = runner.invoke(cli, ["query", "members_as_of", "--param", f"asOf={value}"])
    assert result.exit_code == 1
    assert "asOf" in result.output and "date" in result.output


def test_param_without_equals_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["query", "members_as_of", "--param", "asOf"])
    assert result.exit_code == 2
    assert "VAR=VALUE" in result.output


def test_param_on_an_adhoc_query_is_refused(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["query", "-e", "SELECT * {}", "--param", "x=1"])
    assert result.exit_code == 1
    assert "named query" in result.output


def test_malformed_query_gives_line_and_column(runner: CliRunner) -> None:
    text = "SELECT ?s\nWHERE {\n  ?s ?p ?o .\n  FILTER(?o = ) }"
    result = runner.invoke(cli, ["query", "-e", text])
    assert result.exit_code == 1
    assert "line 4, column" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "LOAD <http://example.org/x.ttl>",
        "CLEAR ALL",
        "DROP GRAPH <http://e/g>",
        "CREATE GRAPH <http://e/g>",
    ],
)
def test_updates_are_refused(runner: CliRunner, update: str) -> None:
    result = runner.invoke(cli, ["query", "-e", update])
    assert result.exit_code == 1
    assert "updates are refused" in result.output


def test_query_from_a_file_and_from_stdin(runner: CliRunner, tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    text = get_query("kind_totals").text
    path = tmp_path / "q.rq"
    path.write_text(text, encoding="utf-8")
    by_name = runner.invoke(cli, ["query", "kind_totals"])
    by_file = runner.invoke(cli, ["query", "--file", str(path)])
    by_stdin = runner.invoke(cli, ["query", "-"], input=text)
    by_file_stdin = runner.invoke(cli, ["query", "--file", "-"], input=text)
    assert by_name.exit_code == 0, by_name.output
    assert by_name.output == by_file.output == by_stdin.output == by_file_stdin.output


def test_exactly_one_query_source(runner: CliRunner) -> None:
    assert runner.invoke(cli, ["query"]).exit_code == 2
    assert runner.invoke(cli, ["query", "timeline", "-e", "ASK {}"]).exit_code == 2


def test_ask_prints_true_or_false_and_sets_the_exit_status(runner: CliRunner) -> None:
    yes = runner.invoke(cli, ["query", "-e", "ASK { ?s a ?o }"])
    no = runner.invoke(cli, ["query", "-e", "ASK { <http://e/none> ?p ?o }"])
    assert (yes.exit_code, yes.output) == (0, "true\n")
    assert (no.exit_code, no.output) == (1, "false\n")


def test_select_json_is_sparql_results_json(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["query", "dependency_kind_counts", "--format", "json"])
    document = json.loads(result.output)
    assert document["head"]["vars"] == ["kind", "label_nl", "label_en", "count"]
    first = document["results"]["bindings"][0]
    assert first["kind"]["type"] == "uri"
    assert first["label_nl"]["xml:lang"] == "nl"
    assert first["count"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("csv", "kind,label_nl,label_en,count\nhttps://w3id.org/ros-kg/def#"),
        ("tsv", "kind\tlabel_nl\tlabel_en\tcount\n<https://w3id.org/ros-kg/def#"),
        ("markdown", "| kind | label_nl | label_en | count |\n| --- |"),
        ("table", "kind "),
    ],
)
def test_select_formats(runner: CliRunner, fmt: str, expected: str) -> None:
    result = runner.invoke(cli, ["query", "dependency_kind_counts", "--format", fmt])
    assert result.exit_code == 0
    assert result.output.startswith(expected)


KINDS_GRAPH = (
    "PREFIX ros: <https://w3id.org/ros-kg/def#>\n"
    "CONSTRUCT { ?k ?p ?o } WHERE { ?k a ros:AfhankelijkheidSoort ; ?p ?o }"
)


@pytest.mark.parametrize(("fmt", "parse_as"), [("ttl", "turtle"), ("nt", "nt")])
def test_construct_formats(runner: CliRunner, fmt: str, parse_as: str) -> None:
    result = runner.invoke(cli, ["query", "-e", KINDS_GRAPH, "--format", fmt])
    assert result.exit_code == 0, result.output
    graph = Graph().parse(data=result.output, format=parse_as)
    assert len(graph) > 20


def test_construct_as_jsonld(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["query", "-e", KINDS_GRAPH, "--format", "jsonld"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.output)) >= 11


def test_describe_gives_turtle(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["query", "-e", "DESCRIBE <https://w3id.org/ros-kg/def#Water>"])
    assert result.exit_code == 0
    assert "ros:Water" in result.output


def test_format_must_fit_the_form(runner: CliRunner) -> None:
    rows_as_graph = runner.invoke(cli, ["query", "kind_totals", "--format", "ttl"])
    graph_as_rows = runner.invoke(
        cli, ["query", "-e", "CONSTRUCT WHERE { ?s ?p ?o }", "--format", "csv"]
    )
    assert rows_as_graph.exit_code == graph_as_rows.exit_code == 1
    assert "SELECT gives rows" in rows_as_graph.output
    assert "gives a graph" in graph_as_rows.output


def test_local_timeout_stops_a_runaway_query() -> None:
    graph = new_graph()
    graph.parse(data="\n".join(triples(10_000)), format="nt")
    text = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?f ?c"
    started = time.monotonic()
    with pytest.raises(QueryTimeoutError, match="longer than 1 s"):
        answer_query(graph, text, timeout=1)
    assert time.monotonic() - started < 4


def test_timeout_option_reaches_the_query(runner: CliRunner) -> None:
    text = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    result = runner.invoke(cli, ["query", "-e", text, "--timeout", "0.5"])
    assert result.exit_code == 1
    assert "ran longer than 0.5 s" in result.output


def test_values_are_terms_never_query_text() -> None:
    sneaky = Literal('x" } } ; DROP ALL ; SELECT * { "')
    text = with_values("SELECT ?s WHERE { ?s ?p ?o }", {"o": sneaky})
    assert query_form(text) == "SELECT"
    graph = Graph()
    graph.add((URIRef("http://e/a"), URIRef("http://e/p"), sneaky))
    answer = answer_query(graph, text)
    assert answer.table is not None
    assert answer.table.rows == ((URIRef("http://e/a"),),)


def test_values_go_into_the_where_clause_of_a_construct() -> None:
    text = with_values("CONSTRUCT { ?s <http://e/q> '{' } WHERE { ?s ?p ?o }", {"o": Literal(1)})
    assert text.index("VALUES") > text.index("WHERE")
    assert query_form(text) == "CONSTRUCT"


def test_values_need_a_where_clause() -> None:
    with pytest.raises(QueryError, match="WHERE"):
        with_values("CONSTRUCT WHERE { ?s ?p ?o }", {"o": Literal(1)})
