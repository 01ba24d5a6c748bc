"""The SPARQL client against a real Oxigraph server on 127.0.0.1: push, query, fail well."""

import json
from collections.abc import Iterator

import pytest
from click.testing import CliRunner
from rdflib import Graph

from benchmarks.synthetic import triples
from ros_kg import endpoint
from ros_kg.cli import cli
from ros_kg.endpoint import answer_query, put_graph
from ros_kg.errors import EndpointError, QueryTimeoutError
from ros_kg.queries import named_queries
from ros_kg.server import OxigraphServer, free_port
from tests.test_queries import EXPECTED

pytestmark = pytest.mark.endpoint

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def store() -> Iterator[OxigraphServer]:
    """A writable, in-memory Oxigraph server; stopped by PID when the module is done."""
    with OxigraphServer(None, port=free_port(), writable=True, watchdog_after=0) as server:
        yield server


@pytest.fixture(scope="module")
def pushed(store: OxigraphServer) -> OxigraphServer:
    """The store after `ros-kg push` of the shipped graph into its default graph."""
    result = CliRunner().invoke(cli, ["push", "--endpoint", store.store_url])
    assert result.exit_code == 0, result.output
    assert "pushed" in result.output
    return store


def _count(url: str) -> int:
    answer = answer_query(url, COUNT)
    assert answer.table is not None
    return int(str(answer.table.rows[0][0]))


def _run(runner: CliRunner, name: str, endpoint_url: str | None = None) -> str:
    args = ["--endpoint", endpoint_url] if endpoint_url else []
    args += ["query", name, "--format", "json"]
    for key, value in EXPECTED[name].params.items():
        args += ["--param", f"{key}={value}"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_named_query_gives_the_same_rows_remotely(
    runner: CliRunner, pushed: OxigraphServer, name: str
) -> None:
    local = json.loads(_run(runner, name))
    remote = json.loads(_run(runner, name, pushed.query_url))
    assert remote == local


def test_reports_run_unchanged_against_the_endpoint(
    runner: CliRunner, pushed: OxigraphServer
) -> None:
    local = runner.invoke(cli, ["stats"])
    remote = runner.invoke(cli, ["--endpoint", pushed.query_url, "stats"])
    assert remote.exit_code == 0, remote.output
    assert remote.output == local.output


def test_push_into_a_named_graph(runner: CliRunner, store: OxigraphServer) -> None:
    graph_iri = "https://example.org/ros-kg"
    result = runner.invoke(cli, ["push", "--endpoint", store.store_url, "--graph", graph_iri])
    assert result.exit_code == 0, result.output
    answer = answer_query(store.query_url, f"ASK {{ GRAPH <{graph_iri}> {{ ?s a ?o }} }}")
    assert answer.boolean is True


def test_broken_payload_leaves_the_old_graph(pushed: OxigraphServer) -> None:
    before = _count(pushed.query_url)
    broken = b"<http://e/a> <http://e/b> <http://e/c> .\nthis is not N-Triples\n"
    with pytest.raises(EndpointError, match=r"answered 400.*Parser error at line 2"):
        put_graph(pushed.store_url, broken)
    assert _count(pushed.query_url) == before


def test_push_interrupted_midway_leaves_the_old_graph(
    pushed: OxigraphServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _count(pushed.query_url)
    payload = b"".join(
        f"<http://e/s{i}> <http://e/p> <http://e/o> .\n".encode() for i in range(50_000)
    )

    def half_then_lost(data: bytes, progress: object) -> Iterator[bytes]:
        yield data[: len(data) // 2]
        raise ConnectionResetError(104, "Connection reset by peer")

    monkeypatch.setattr(endpoint, "_chunks", half_then_lost)
    with pytest.raises(EndpointError, match=pushed.store_url):
        put_graph(pushed.store_url, payload)
    assert _count(pushed.query_url) == before


def test_unreachable_endpoint_names_the_url(runner: CliRunner) -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    result = runner.invoke(cli, ["--endpoint", url, "query", "kind_totals"])
    assert result.exit_code == 1
    assert f"cannot reach {url}" in result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)


def test_unreachable_store_on_push_names_the_url(runner: CliRunner) -> None:
    url = f"http://127.0.0.1:{free_port()}/store"
    result = runner.invoke(cli, ["push", "--endpoint", url])
    assert result.exit_code == 1
    assert f"cannot reach {url}" in result.output


def test_endpoint_error_midway_shows_what_the_server_said(store: OxigraphServer) -> None:
    # rdflib accepts this query; Oxigraph refuses a SERVICE call to a non-http IRI
    text = "SELECT * WHERE { SERVICE <urn:nowhere> { ?s ?p ?o } }"
    with pytest.raises(EndpointError, match="stopped its answer midway with: A URI scheme"):
        answer_query(store.query_url, text)


def test_endpoint_error_shows_the_status_and_message(
    runner: CliRunner, store: OxigraphServer
) -> None:
    url = store.url + "nothing-here"
    result = runner.invoke(cli, ["--endpoint", url, "query", "kind_totals"])
    assert result.exit_code == 1
    assert f"{url} answered 404" in result.output


def test_updates_are_refused_before_they_are_sent(
    runner: CliRunner, pushed: OxigraphServer
) -> None:
    before = _count(pushed.query_url)
    result = runner.invoke(cli, ["--endpoint", pushed.query_url, "query", "-e", "DROP ALL"])
    assert result.exit_code == 1
    assert "updates are refused" in result.output
    assert _count(pushed.query_url) == before


def test_not_an_http_url(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--endpoint", "ftp://x/query", "query", "kind_totals"])
    assert result.exit_code == 1
    assert "not an http(s) URL" in result.output


@pytest.fixture(scope="module")
def slow_store() -> Iterator[OxigraphServer]:
    """Oxigraph with a 1 s query timeout over a synthetic graph big enough to be slow."""
    with OxigraphServer(
        None, port=free_port(), writable=True, timeout=1, watchdog_after=0
    ) as server:
        payload = "\n".join(triples(10_000)).encode("utf-8") + b"\n"
        put_graph(server.store_url, payload)
        yield server


def test_truncated_answer_is_a_timeout_not_a_partial_result(slow_store: OxigraphServer) -> None:
    # Streams rows until Oxigraph's timeout cuts the body off with status 200.
    text = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
    with pytest.raises(QueryTimeoutError, match="incomplete"):
        answer_query(slow_store.query_url, text, timeout=60)


def test_truncated_construct_is_a_timeout(slow_store: OxigraphServer) -> None:
    text = "CONSTRUCT { ?a ?b ?f } WHERE { ?a ?b ?c . ?d ?e ?f }"
    with pytest.raises(QueryTimeoutError, match="incomplete"):
        answer_query(slow_store.query_url, text, timeout=60)


def test_client_timeout_fires_when_the_server_does_not_stop(slow_store: OxigraphServer) -> None:
    # A three-way join with COUNT sends nothing until done, and Oxigraph may never cancel it.
    text = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with pytest.raises(QueryTimeoutError):
        answer_query(slow_store.query_url, text, timeout=2)


def test_cut_off_json_is_never_read_as_rows() -> None:
    cut = b'{"head":{"vars":["s"]},"results":{"bindings":[{"s":{"type":"uri","value":"http://e/a"}}'
    with pytest.raises(QueryTimeoutError, match="incomplete"):
        endpoint._json(cut, "http://127.0.0.1/query")


def test_fetched_graph_equals_the_local_graph(pushed: OxigraphServer, shipped_graph: Graph) -> None:
    fetched = endpoint.fetch_graph(pushed.query_url)
    assert len(fetched) == len(shipped_graph)
