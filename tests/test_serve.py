"""`ros-kg serve` as a real process: clients can query it, it refuses writes, it stops clean."""

import os
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from benchmarks.synthetic import write
from ros_kg.cli import cli
from ros_kg.endpoint import answer_query
from ros_kg.errors import QueryTimeoutError
from ros_kg.server import _die_with_parent, free_port

pytestmark = pytest.mark.endpoint


@dataclass
class Served:
    """A running `ros-kg serve` process and what it printed on start."""

    process: "subprocess.Popen[str]"
    port: int
    banner: str

    @property
    def query_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/query"


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with (task / "children").open() as listing:
            found += [int(child) for child in listing.read().split()]
    return found


def _start(*args: str) -> Served:
    port = free_port()
    command = [sys.executable, "-m", "ros_kg", *args, "serve", "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--timeout", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_die_with_parent(),  # a test run killed midway leaves no serve behind
    )
    assert process.stdout is not None
    lines = []
    for line in process.stdout:
        lines.append(line)
        if line.startswith("Press Ctrl-C"):
            break
    else:
        _stop(process)
        pytest.fail("serve did not start: " + "".join(lines))
    return Served(process, port, "".join(lines))


def _stop(process: "subprocess.Popen[str]", how: int = signal.SIGINT) -> int:
    if process.poll() is None:
        process.send_signal(how)
    try:
        code = process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        code = process.wait()
    for stream in (process.stdout, process.stderr):
        if stream is not None:
            stream.close()
    return code


@pytest.fixture(scope="module")
def served() -> Iterator[Served]:
    """`ros-kg serve` on a free port of 127.0.0.1, stopped by PID after the module."""
    server = _start()
    yield server
    _stop(server.process)


def test_prints_the_query_page_and_endpoint(served: Served) -> None:
    assert f"query page:      http://127.0.0.1:{served.port}/" in served.banner
    assert f"SPARQL endpoint: http://127.0.0.1:{served.port}/query" in served.banner
    with urllib.request.urlopen(f"http://127.0.0.1:{served.port}/") as page:
        assert page.status == 200
        assert "html" in page.headers.get_content_type()


def test_answers_rdflibs_sparqlstore(served: Served) -> None:
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    store = SPARQLStore(served.query_url, returnFormat="json")
    try:
        rows = list(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))
    finally:
        store.close()
    assert int(rows[0][0]) > 500  # type: ignore[index, arg-type]


def test_named_queries_through_the_served_endpoint(served: Served) -> None:
    runner = CliRunner()
    local = runner.invoke(cli, ["query", "dependency_kind_counts", "--format", "csv"])
    remote = runner.invoke(
        cli, ["--endpoint", served.query_url, "query", "dependency_kind_counts", "--format", "csv"]
    )
    assert remote.exit_code == 0, remote.output
    assert remote.output == local.output


@pytest.mark.parametrize("path", ["update", "store?default"])
def test_refuses_updates_with_403(served: Served, path: str) -> None:
    request = urllib.request.Request(
        f"http://127.0.0.1:{served.port}/{path}",
        data=b"CLEAR ALL" if path == "update" else b"<http://e/a> <http://e/b> <http://e/c> .",
        method="POST",
        headers={
            "Content-Type": "application/sparql-update"
            if path == "update"
            else "application/n-triples"
        },
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request)
    with refused.value as answer:
        assert answer.code == 403
        assert b"read-only" in answer.read()
    assert answer_query(served.query_url, "ASK { ?s ?p ?o }").boolean is True


def test_listens_on_loopback_only(served: Served) -> None:
    connections = Path("/proc/net/tcp").read_text().splitlines()
    port = f":{served.port:04X} "
    listening = [line.split()[1] for line in connections if port in line and " 0A " in line]
    assert listening == [f"0100007F:{served.port:04X}"]


def test_port_in_use_is_a_clear_error(runner: CliRunner) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(cli, ["serve", "--port", str(port)])
    assert result.exit_code == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.output
    assert "--port" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM])
def test_stops_cleanly_and_leaves_no_process(how: int) -> None:
    server = _start()
    children = _children(server.process.pid)
    assert len(children) == 1, "serve runs exactly one oxigraph process"
    code = _stop(server.process, how)
    assert code == 0
    for child in children:
        with pytest.raises(ProcessLookupError):
            os.kill(child, 0)
    with socket.socket() as probe, pytest.raises(ConnectionRefusedError):
        probe.connect(("127.0.0.1", server.port))  # nothing listens any more


def test_query_past_the_timeout_gives_a_clear_timeout_error(tmp_path: Path) -> None:
    big = tmp_path / "synthetic.nt"
    write(big, 10_000)
    server = _start("--data", str(big))
    try:
        text = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
        with pytest.raises(QueryTimeoutError, match="incomplete"):
            answer_query(server.query_url, text, timeout=30)
        text = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
        with pytest.raises(QueryTimeoutError):
            answer_query(server.query_url, text, timeout=3)
    finally:
        assert _stop(server.process) == 0
