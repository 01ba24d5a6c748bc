"""Time every named query locally (the chosen store) and at an Oxigraph server, in one run.

Runs on the shipped graph, plus ``--data`` Turtle files (such as the national graph that
``benchmarks/national_graph.py`` writes) and ``--size`` (a synthetic graph from
``benchmarks/synthetic.py``). Oxigraph is the real read-only server that ``ros-kg serve``
starts; its figures include the HTTP round trip and reading the results. Each figure is the
median of ``--runs`` runs after one warm-up. Prints a markdown table, a row as soon as a query
is done.

Nothing can keep it waiting. Every run has ``--timeout`` seconds on each side; a query that
overruns is shown as a timeout and not run again on that side. Neither engine can stop a query
midway, and abandoned work would go on using a core and slow every figure after it, so the
local store lives in a worker process that is killed (and started afresh) when a query overruns
there, and the server is restarted after every query the client gave up on. One query takes at
most (runs + 1) x timeout on each side, twice that at a server that trickles its answer.

    python -m benchmarks.bench_queries --size 100k --runs 5
    python -m benchmarks.bench_queries --data national-100k.ttl --runs 5
"""

import argparse
import multiprocessing
import os
import signal
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from benchmarks.synthetic import SIZES, triples
from ros_kg import endpoint, queries
from ros_kg.errors import EndpointError, QueryError, QueryTimeoutError, RosKgError
from ros_kg.queries import Answer
from ros_kg.server import OxigraphServer, free_port, serving
from ros_kg.store import load_graph

_SYN = "https://w3id.org/ros-kg/id/syn-"
_SHIPPED_PARAMS = {
    "actor": "Enschede",
    "resource": "Enschede",
    "dependent": "Enschede",
    "asOf": "2025-06-01",
    "year": "2024",
}
_LOAD_LIMIT = 1800.0
"""Seconds the local worker may take to build its graph (1M triples in rdflib: about 90 s)."""

Step = Callable[[float], None]


@dataclass(frozen=True)
class Source:
    """What the graph is built from, so that the worker process builds the same graph."""

    data: tuple[Path, ...] = ()
    size: str | None = None
    seed: int = 42

    def build(self) -> Graph:
        """Load the shipped graph, the ``--data`` files and the synthetic triples."""
        graph = load_graph(self.data)
        if self.size:
            graph.parse(data="\n".join(triples(SIZES[self.size], self.seed)), format="nt")
        return graph


@dataclass(frozen=True)
class Measured:
    """One side's figure for one query: the median, or why there is none."""

    seconds: float | None
    rows: int | None
    failure: str | None = None
    """``timeout``, or what went wrong."""

    def cell(self, timeout: float) -> str:
        """Return the table cell: milliseconds, or the timeout or error."""
        if self.failure == "timeout":
            return f"timeout (> {timeout:g} s)"
        if self.failure is not None or self.seconds is None:
            return f"error: {self.failure}"
        return f"{self.seconds * 1000:.1f}"


def sample_bindings(graph: Graph, synthetic: bool) -> dict[str, Identifier]:
    """Return a value for every parameter name the named queries use."""
    values: dict[str, Identifier] = {
        "asOf": Literal("2025-06-01", datatype=XSD.date),
        "year": Literal(2024),
        "lang": Literal("nl"),
    }
    if synthetic:
        for name in ("actor", "resource", "dependent"):
            values[name] = URIRef(_SYN + "r0-gm1")
        return values
    from ros_kg.names import NameIndex

    index = NameIndex.build(graph)
    for name in ("actor", "resource", "dependent"):
        try:
            values[name] = index.resolve(_SHIPPED_PARAMS[name])
        except Exception:  # an empty or partial data folder: bind the ontology's root class
            values[name] = URIRef("https://w3id.org/ros-kg/def#Actor")
    return values


def _rows(answer: Answer) -> int:
    if answer.table is not None:
        return len(answer.table.rows)
    if answer.graph is not None:
        return len(answer.graph)
    return 1


def _work(conn: Connection, source: Source, parent: int) -> None:
    """The local side, in its own process: build the graph, then run what the parent asks.

    For each job ``(text, bindings, count)`` it runs the query ``count`` times and sends
    ``("ran", seconds, rows)`` after each run, or ``("error", message)`` once.
    """
    if sys.platform == "linux":  # die with the benchmark, even mid-query and even by SIGKILL
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        if os.getppid() != parent:
            return
    graph = source.build()
    conn.send(("ready", len(graph)))
    while True:
        try:
            text, bindings, count = conn.recv()
        except EOFError:  # the benchmark has gone
            return
        for _ in range(count):
            started = time.perf_counter()
            try:
                answer = queries.answer_query(graph, text, bindings)
            except RosKgError as exc:
                conn.send(("error", str(exc)))
                break
            conn.send(("ran", time.perf_counter() - started, _rows(answer)))


class LocalWorker:
    """The local store in a child process, which is killed when a query there runs away."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.restarts = 0
        self._context = multiprocessing.get_context("spawn")
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None
        self._ready = False

    def start(self) -> None:
        """Start the worker; :meth:`measure` waits until it has built its graph."""
        ours, theirs = self._context.Pipe()
        self._process = self._context.Process(
            target=_work, args=(theirs, self.source, os.getpid()), name="bench-local", daemon=True
        )
        self._process.start()
        theirs.close()
        self._conn = ours
        self._ready = False

    def _wait_ready(self) -> Connection:
        assert self._conn is not None and self._process is not None
        if not self._ready:
            if not self._conn.poll(_LOAD_LIMIT):
                self.stop()
                raise RosKgError(f"the local worker did not build the graph in {_LOAD_LIMIT:g} s")
            try:
                self._conn.recv()
            except EOFError:
                self._process.join(5)
                code = self._process.exitcode
                self.stop()
                raise RosKgError(
                    f"the local worker died building the graph (exit {code})"
                ) from None
            self._ready = True
        return self._conn

    def measure(
        self, text: str, bindings: Mapping[str, Identifier], runs: int, timeout: float, step: Step
    ) -> Measured:
        """Run ``text`` once to warm up and ``runs`` times more; return the median."""
        conn = self._wait_ready()
        conn.send((text, dict(bindings), runs + 1))
        times: list[float] = []
        rows = None
        for _ in range(runs + 1):
            if not conn.poll(timeout):
                self._replace()  # the only way to stop a query midway
                return Measured(None, rows, "timeout")
            try:
                message = conn.recv()
            except EOFError:
                assert self._process is not None
                self._process.join(5)
                code = self._process.exitcode
                self._replace()
                return Measured(None, rows, f"the worker died (exit {code})")
            if message[0] == "error":
                return Measured(None, None, message[1])
            _, seconds, rows = message
            step(1)
            if seconds > timeout:
                self._replace()  # it would go on with the runs still to do
                return Measured(None, rows, "timeout")
            times.append(seconds)
        return Measured(statistics.median(times[1:]), rows)

    def _replace(self) -> None:
        self.stop()
        self.restarts += 1
        self.start()

    def stop(self) -> None:
        """Kill the worker by its PID and wait for it."""
        if self._process is not None:
            self._process.kill()
            self._process.join()
            self._process.close()
            self._process = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def measure_remote(
    server: OxigraphServer,
    text: str,
    bindings: Mapping[str, Identifier],
    runs: int,
    timeout: float,
    step: Step,
) -> Measured:
    """Time ``text`` at the server like :meth:`LocalWorker.measure`; restart it after a loss."""
    times: list[float] = []
    rows = None
    for _ in range(runs + 1):
        started = time.perf_counter()
        try:
            answer = endpoint.answer_query(server.query_url, text, bindings, timeout=timeout)
        except QueryTimeoutError:
            server.restart()  # Oxigraph may go on computing what nobody waits for
            return Measured(None, rows, "timeout")
        except EndpointError as exc:
            server.restart()
            return Measured(None, rows, str(exc))
        except QueryError as exc:
            return Measured(None, None, str(exc))
        seconds = time.perf_counter() - started
        rows = _rows(answer)
        step(1)
        if seconds > timeout:
            return Measured(None, rows, "timeout")
        times.append(seconds)
    return Measured(statistics.median(times[1:]), rows)


def bench(
    source: Source,
    graph: Graph,
    jobs: Sequence[tuple[str, str, Mapping[str, Identifier]]],
    runs: int,
    timeout: float,
) -> Iterator[str]:
    """Time each job ``(name, text, bindings)`` locally and on Oxigraph; yield markdown rows."""
    from ros_kg.progress import progress

    worker = LocalWorker(source)
    worker.start()
    try:
        with serving(graph, port=free_port(), timeout=timeout, watchdog_after=0) as server:
            for name, text, bound in jobs:
                with progress(name, total=2 * (runs + 1), unit="runs") as step:
                    local = worker.measure(text, bound, runs, timeout, step)
                    remote = measure_remote(server, text, bound, runs, timeout, step)
                rows = remote.rows if remote.rows is not None else local.rows
                ratio = (
                    f"{local.seconds / remote.seconds:.1f}x"
                    if local.seconds and remote.seconds
                    else "-"
                )
                yield (
                    f"| {name} | {'?' if rows is None else rows} | {local.cell(timeout)} "
                    f"| {remote.cell(timeout)} | {ratio} |"
                )
            yield (
                f"\nRestarts after a query was given up on: local worker {worker.restarts}, "
                f"server {server.restarts}."
            )
    finally:
        worker.stop()


def _jobs(
    graph: Graph,
    synthetic: bool,
    names: Sequence[str],
    expressions: Sequence[str],
    *,
    named: bool = True,
) -> list[tuple[str, str, Mapping[str, Identifier]]]:
    """Return what to time: the named queries (all, or ``names``), then ``expressions``."""
    available = queries.named_queries() if named else {}
    unknown = sorted(set(names) - set(queries.named_queries()))
    if unknown:
        raise QueryError(f"no named query {', '.join(unknown)}; see `ros-kg queries`")
    bindings = sample_bindings(graph, synthetic)
    jobs: list[tuple[str, str, Mapping[str, Identifier]]] = []
    for name, query in available.items():
        if names and name not in names:
            continue
        bound = {p.name: bindings[p.name] for p in query.params if p.name in bindings}
        jobs.append((name, query.text, bound))
    for number, text in enumerate(expressions, start=1):
        queries.query_form(text)  # a typo is one line now, not an error in every row
        jobs.append((f"expression {number}", text, {}))
    return jobs


def main() -> None:
    """Run the benchmark on the shipped graph and, optionally, a synthetic or national one."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), help="add a synthetic graph")
    parser.add_argument(
        "--data", type=Path, action="append", default=[], help="add a Turtle file (repeatable)"
    )
    parser.add_argument("--runs", type=_positive(int), default=5)
    parser.add_argument(
        "--timeout", type=_positive(float), default=60.0, help="seconds per run and side"
    )
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--query", action="append", default=[], metavar="NAME", help="only this named query"
    )
    parser.add_argument(
        "-e", "--expression", action="append", default=[], help="also time this SPARQL query"
    )
    args = parser.parse_args()
    try:
        _run(args)
    except RosKgError as exc:
        sys.exit(f"error: {exc}")


def _run(args: argparse.Namespace) -> None:
    from ros_kg import progress
    from ros_kg.store import default_store

    if sys.stderr.isatty():
        progress.enable()
    source = Source(tuple(args.data), args.size, args.seed)
    started = time.perf_counter()
    graph = source.build()
    loaded = time.perf_counter() - started
    parts = ["shipped graph", *(str(path) for path in args.data)]
    if args.size:
        parts.append(f"synthetic {args.size} (seed {args.seed})")
    # With expressions and no --query, only the expressions are timed.
    named = bool(args.query) or not args.expression
    jobs = _jobs(graph, bool(args.size), args.query, args.expression, named=named)
    print(
        f"## {' + '.join(parts)}: {len(graph)} triples (loaded in {loaded:.1f} s), "
        f"median of {args.runs} runs after a warm-up, each run limited to {args.timeout:g} s\n"
    )
    local = f"local {default_store()} store"
    print(f"| query | rows | {local} (ms) | Oxigraph server (ms) | local / server |")
    print("| --- | ---: | ---: | ---: | ---: |", flush=True)
    for row in bench(source, graph, jobs, args.runs, args.timeout):
        print(row, flush=True)


def _positive(kind: Callable[[str], float]) -> Callable[[str], float]:
    def parse(text: str) -> float:
        value = kind(text)
        if value <= 0:
            raise argparse.ArgumentTypeError(f"{text} is not above 0")
        return value

    return parse


if __name__ == "__main__":
    main()
