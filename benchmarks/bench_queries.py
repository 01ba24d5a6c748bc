"""Time every named query locally (the chosen store) and at an Oxigraph server, in one run.

Runs on the shipped graph and, with ``--size``, on the shipped graph plus a synthetic graph
(``benchmarks/synthetic.py``). Oxigraph is the real read-only server that ``ros-kg serve``
starts; its figures include the HTTP round trip and reading the results. Each figure is the
median of ``--runs`` runs (after one warm-up). Prints a markdown table.

    python -m benchmarks.bench_queries --size 100k --runs 5
"""

import argparse
import statistics
import time
from collections.abc import Callable, Mapping

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from benchmarks.synthetic import SIZES, triples
from ros_kg import endpoint, queries
from ros_kg.errors import QueryTimeoutError
from ros_kg.server import free_port, serving
from ros_kg.store import load_graph

_SYN = "https://w3id.org/ros-kg/id/syn-"
_SHIPPED_PARAMS = {
    "actor": "Enschede",
    "resource": "Enschede",
    "dependent": "Enschede",
    "asOf": "2025-06-01",
    "year": "2024",
}


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


def median_seconds(run: Callable[[], object], runs: int) -> float | None:
    """Return the median wall time of ``runs`` calls after one warm-up; None on timeout."""
    try:
        run()
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            run()
            times.append(time.perf_counter() - started)
    except QueryTimeoutError:
        return None
    return statistics.median(times)


def bench(graph: Graph, bindings: Mapping[str, Identifier], runs: int, timeout: float) -> list[str]:
    """Time each named query on ``graph`` locally and on Oxigraph; return markdown rows."""
    rows = []
    with serving(graph, port=free_port(), timeout=timeout, watchdog_after=0) as server:
        for name, named in queries.named_queries().items():
            bound = {p.name: bindings[p.name] for p in named.params if p.name in bindings}

            def local(text: str = named.text, bound: Mapping[str, Identifier] = bound) -> object:
                return queries.answer_query(graph, text, bound, timeout=timeout)

            def remote(text: str = named.text, bound: Mapping[str, Identifier] = bound) -> object:
                return endpoint.answer_query(server.query_url, text, bound, timeout=timeout)

            try:
                answer = endpoint.answer_query(server.query_url, named.text, bound, timeout=timeout)
                count = str(len(answer.table.rows)) if answer.table is not None else "-"
            except QueryTimeoutError:
                count = "?"
            local_s = median_seconds(local, runs)
            oxigraph_s = median_seconds(remote, runs)
            ratio = f"{local_s / oxigraph_s:.1f}x" if local_s and oxigraph_s else "-"
            rows.append(
                f"| {name} | {count} | {_ms(local_s, timeout)} | {_ms(oxigraph_s, timeout)} "
                f"| {ratio} |"
            )
    return rows


def _ms(seconds: float | None, timeout: float) -> str:
    return f"> {timeout:g} s" if seconds is None else f"{seconds * 1000:.1f}"


def main() -> None:
    """Run the benchmark on the shipped graph and, optionally, a synthetic one."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), help="add a synthetic graph")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    graph = load_graph()
    title = "shipped graph"
    if args.size:
        started = time.perf_counter()
        graph.parse(data="\n".join(triples(SIZES[args.size], args.seed)), format="nt")
        loaded = time.perf_counter() - started
        title = (
            f"shipped graph + synthetic {args.size} (seed {args.seed}, parsed in {loaded:.1f} s)"
        )
    print(f"## {title}: {len(graph)} triples, median of {args.runs} runs\n")
    from ros_kg.store import default_store

    local = f"local {default_store()} store"
    print(f"| query | rows | {local} (ms) | Oxigraph server (ms) | local / server |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for row in bench(graph, sample_bindings(graph, bool(args.size)), args.runs, args.timeout):
        print(row, flush=True)


if __name__ == "__main__":
    main()
