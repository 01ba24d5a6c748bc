"""Both stores (Oxigraph and rdflib's memory store) load the same graph and answer alike."""

import io
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier

from ros_kg import progress
from ros_kg.cli import cli
from ros_kg.errors import DataError
from ros_kg.queries import named_queries, run_select
from ros_kg.store import is_oxigraph, load_graph, new_graph, parse_turtle

ENSCHEDE = URIRef("https://w3id.org/ros-kg/id/enschede")


@pytest.fixture(scope="module")
def both() -> dict[str, Graph]:
    return {store: load_graph(store=store) for store in ("oxigraph", "memory")}


def test_each_store_is_what_it_says(both: dict[str, Graph]) -> None:
    assert is_oxigraph(both["oxigraph"])
    assert not is_oxigraph(both["memory"])
    assert len(both["oxigraph"]) == len(both["memory"])


def test_both_stores_hold_the_same_triples(both: dict[str, Graph]) -> None:
    def ground(graph: Graph) -> set[tuple[object, ...]]:
        return {t for t in graph if not any(type(x).__name__ == "BNode" for x in t)}

    assert ground(both["oxigraph"]) == ground(both["memory"])


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_named_query_answers_the_same_on_both_stores(
    both: dict[str, Graph], name: str
) -> None:
    query = named_queries()[name]
    if query.form != "SELECT":
        pytest.skip("not a SELECT")
    bindings: dict[str, Identifier] = {}
    for param in query.params:
        if param.kind in ("actor", "resource") and not param.optional:
            bindings[param.name] = ENSCHEDE
        elif param.kind == "date" and not param.optional:
            bindings[param.name] = Literal(date(2025, 6, 1))
        elif param.kind == "year" and not param.optional:
            bindings[param.name] = Literal(2024)
    answers = [run_select(both[s], query.text, bindings) for s in ("oxigraph", "memory")]
    assert answers[0].variables == answers[1].variables
    assert answers[0].rows == answers[1].rows


@pytest.mark.parametrize("args", [["stats"], ["deps", "Enschede"], ["report"], ["central"]])
def test_the_cli_prints_the_same_on_both_stores(args: list[str]) -> None:
    runner = CliRunner()
    out = {s: runner.invoke(cli, ["--store", s, *args]) for s in ("oxigraph", "memory")}
    assert out["oxigraph"].exit_code == 0, out["oxigraph"].output
    assert out["oxigraph"].stdout == out["memory"].stdout


def test_bad_turtle_on_oxigraph_names_file_line_and_text(data_dir: Path) -> None:
    with pytest.raises(DataError) as caught:
        parse_turtle(data_dir / "syntax_error.ttl", new_graph("oxigraph"))
    message = str(caught.value)
    assert message.startswith(f"{data_dir / 'syntax_error.ttl'}:6: ")
    assert "Test municipality" in message
    assert "\n" not in message


def test_an_undeclared_prefix_on_oxigraph_is_named(data_dir: Path) -> None:
    with pytest.raises(DataError, match=r"undeclared_prefix\.ttl:4: .*rdfs:"):
        parse_turtle(data_dir / "undeclared_prefix.ttl", new_graph("oxigraph"))


def test_a_bad_file_adds_nothing_to_an_oxigraph_graph(data_dir: Path) -> None:
    graph = new_graph("oxigraph")
    parse_turtle(data_dir / "extra_dependency.ttl", graph)
    before = len(graph)
    with pytest.raises(DataError):
        parse_turtle(data_dir / "syntax_error.ttl", graph)
    assert len(graph) == before


def test_the_cli_reports_bad_data_on_oxigraph_in_one_line(data_dir: Path) -> None:
    result = CliRunner().invoke(
        cli, ["--store", "oxigraph", "--data", str(data_dir / "syntax_error.ttl"), "stats"]
    )
    assert result.exit_code == 1
    assert "syntax_error.ttl:6:" in result.output
    assert result.output.count("\n") == 1


def test_an_unknown_store_in_the_environment_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ROS_KG_STORE", "sqlite")
    with pytest.raises(DataError, match="not a store"):
        new_graph()


def test_progress_stays_silent_for_short_work() -> None:
    stream = io.StringIO()
    progress.enable(stream)
    try:
        with progress.progress("loading", total=1, unit="MB") as step:
            step(1)
    finally:
        progress.disable()
    assert stream.getvalue() == ""


def test_progress_is_drawn_for_work_past_the_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setattr(progress, "DELAY", 0.05)
    stream = io.StringIO()
    progress.enable(stream)
    try:
        with progress.progress("loading", total=2, unit="MB") as step:
            step(1)
            time.sleep(0.3)
    finally:
        progress.disable()
    assert "loading: 1/2 MB" in stream.getvalue()
    assert stream.getvalue().endswith("done\n")


def test_oxigraph_bulk_reads_give_what_rdflibs_api_gives(both: dict[str, Graph]) -> None:
    from ros_kg.labels import literal_texts
    from ros_kg.oxigraph_store import OxigraphStore

    graph = new_graph("oxigraph")
    graph += both["oxigraph"]
    subject, blank = URIRef("urn:x"), BNode()
    for predicate in (URIRef("urn:p"), URIRef("urn:q")):
        for value in (
            Literal("01", datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer")),
            Literal(""),
            Literal("", lang="en"),
            Literal("tekst", lang="nl-BE"),
            Literal("x", datatype=URIRef("urn:own-type")),
            URIRef("urn:o"),
            blank,
        ):
            graph.add((subject, predicate, value))
            graph.add((blank, predicate, value))
    store = graph.store
    assert isinstance(store, OxigraphStore)
    for prop in sorted({p for p in graph.predicates() if isinstance(p, URIRef)}, key=str):
        general = list(graph.subject_objects(prop))
        assert [(type(s), s, type(o), o) for s, o in store.subject_objects_list(prop)] == [
            (type(s), s, type(o), o) for s, o in general
        ]
        assert store.literal_texts(prop) == list(literal_texts(graph, prop, bulk=False))
    assert (subject, None, "1") in store.literal_texts(URIRef("urn:p"))  # rdflib normalises
