"""The SPARQL client against a real Oxigraph server on 127.0.0.1: push, query, fail well."""

import contextlib
import json
import os
import re
import select
import socketserver
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from rdflib import Graph

from benchmarks.synthetic import triples, write
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


def _on_a_terminal(args: list[str], *, delay: float | None = None) -> tuple[int, str, str]:
    """Run ``ros-kg ARGS`` with stderr on a pseudo-terminal, as a user at a shell sees it.

    Returns the exit code, stdout and what the terminal showed. ``delay`` lowers the second
    of work after which progress is drawn (``ros_kg.progress.DELAY``), in the child process.
    """
    code = "import sys\nfrom ros_kg import progress\n"
    if delay is not None:
        code += f"progress.DELAY = {delay!r}\n"
    code += "from ros_kg.cli import main\nmain()\n"
    primary, secondary = os.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-c", code, *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=secondary,
        )
    finally:
        os.close(secondary)
    shown = bytearray()
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            ready, _, _ = select.select([primary], [], [], 1.0)
            if ready:
                try:
                    chunk = os.read(primary, 4096)
                except OSError:  # EIO: the child has closed the terminal
                    break
                if not chunk:
                    break
                shown += chunk
        else:
            process.kill()
            pytest.fail("ros-kg did not finish within 120 s")
    finally:
        os.close(primary)
    assert process.stdout is not None
    with process.stdout:
        out = process.stdout.read().decode("utf-8")
    return process.wait(timeout=30), out, shown.decode("utf-8", "replace")


@pytest.fixture
def empty_store() -> Iterator[OxigraphServer]:
    """A writable, in-memory Oxigraph server of its own; stopped by PID after the test."""
    with OxigraphServer(None, port=free_port(), writable=True, watchdog_after=0) as server:
        yield server


def test_large_push_shows_progress_on_the_terminal(
    tmp_path: Path, empty_store: OxigraphServer
) -> None:
    data = tmp_path / "synthetic.nt"
    write(data, 20_000)  # about 2.5 MB of N-Triples with the shipped graph: three chunks
    # The delay is lowered so that the test does not depend on how fast this machine is.
    code, out, shown = _on_a_terminal(
        ["--data", str(data), "push", "--endpoint", empty_store.store_url], delay=0.0
    )
    assert code == 0, shown
    triples_pushed = int(re.findall(r"pushed (\d+) triples", out)[0])
    assert _count(empty_store.query_url) == triples_pushed
    finals = re.findall(r"pushing (\d+) triples: (\d+)/(\d+) MB \(\d+ s\) done", shown)
    assert finals, shown
    (counted, sent, total), *_ = finals
    assert int(counted) == triples_pushed
    assert sent == total  # every chunk was counted
    assert int(total) >= 2


def test_small_push_draws_no_progress(empty_store: OxigraphServer) -> None:
    code, out, shown = _on_a_terminal(["push", "--endpoint", empty_store.store_url])
    assert code == 0, shown
    assert "pushed" in out
    assert "pushing" not in shown and "N-Triples" not in shown  # done within a second


class _Scripted(socketserver.StreamRequestHandler):
    """Reads one HTTP request, records it, then lets the test's ``answer`` write raw bytes."""

    server: "_ScriptedServer"

    def handle(self) -> None:
        head = []
        while (line := self.rfile.readline()) not in (b"\r\n", b"\n", b""):
            head.append(line.decode("latin-1").rstrip())
        headers = {
            name.lower(): value.strip()
            for name, _, value in (line.partition(":") for line in head[1:])
        }
        body = self.rfile.read(int(headers.get("content-length", "0")))
        self.server.requests.append((head[0], headers, body))
        self.server.answer(self.wfile)


class _ScriptedServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, answer: Callable[[Any], None]) -> None:
        super().__init__(("127.0.0.1", 0), _Scripted)
        self.answer = answer
        self.requests: list[tuple[str, dict[str, str], bytes]] = []
        self.url = f"http://127.0.0.1:{self.server_address[1]}/"


@contextlib.contextmanager
def _scripted(answer: Callable[[Any], None]) -> Iterator[_ScriptedServer]:
    """A one-trick HTTP server on 127.0.0.1 for what Oxigraph cannot be made to do."""
    server = _ScriptedServer(answer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_push_is_one_request_whose_progress_counts_every_chunk() -> None:
    def no_content(out: Any) -> None:
        out.write(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n")

    payload = b"".join(
        f"<http://e/s{i}> <http://e/p> <http://e/o> .\n".encode() for i in range(90_000)
    )
    seen: list[tuple[int, int]] = []
    with _scripted(no_content) as server:
        put_graph(
            server.url + "store", payload, progress=lambda done, total: seen.append((done, total))
        )
    [(request_line, headers, body)] = server.requests
    assert request_line.startswith("PUT /store?default ")
    assert headers["content-length"] == str(len(payload))
    assert "transfer-encoding" not in headers
    assert body == payload
    assert len(seen) == -(-len(payload) // (1 << 20)) >= 3  # one call per chunk of 1 MiB
    assert [done for done, _ in seen] == sorted({done for done, _ in seen})
    assert seen[-1] == (len(payload), len(payload))


def test_a_server_that_trickles_is_given_up_on_time() -> None:
    stop = threading.Event()

    def trickle(out: Any) -> None:
        out.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n")
        out.write(b"Content-Length: 1000000\r\n\r\n")
        for _ in range(600):  # a byte every 50 ms, for at most 30 s
            if stop.wait(0.05):
                return
            with contextlib.suppress(OSError):
                out.write(b" ")
                out.flush()

    with _scripted(trickle) as server:
        started = time.monotonic()
        try:
            with pytest.raises(QueryTimeoutError, match=r"no whole answer .* within 1 s"):
                answer_query(server.url + "query", "ASK {}", timeout=1)
            took = time.monotonic() - started
        finally:
            stop.set()
    assert took < 10, f"gave up after {took:.1f} s, not about 1 s"


def test_an_answer_cut_short_of_its_length_is_not_read_as_whole() -> None:
    whole = b"<http://e/a> <http://e/b> <http://e/c> .\n<http://e/a> <http://e/b> <http://e/d> .\n"

    def first_line_only(out: Any) -> None:
        out.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/n-triples\r\n")
        out.write(f"Content-Length: {len(whole)}\r\nConnection: close\r\n\r\n".encode())
        out.write(whole.split(b"\n")[0] + b"\n")

    text = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    with _scripted(first_line_only) as server, pytest.raises(QueryTimeoutError, match="mid-answer"):
        answer_query(server.url + "query", text, timeout=10)
