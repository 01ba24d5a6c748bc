"""ros-kg on each store against raw pyoxigraph and plain rdflib, side by side, in one run.

For each size (the shipped graph plus ``benchmarks/national_graph.py`` at 10k, 100k, 1M
triples) and each engine, every run is a fresh interpreter that loads the same Turtle files and
then times named queries, the analyses (deps, dependents, impact, central), the report and the
page. It reports its peak memory (``ru_maxrss``) twice: after load and named queries, the work
every engine does (the figure to compare with raw pyoxigraph), and at the end, after the
network projection and the analyses that only ros-kg runs. Figures are medians over ``--runs``
runs.

- ``ros-kg oxigraph`` / ``ros-kg memory``: ``load_graph(..., store=...)`` and the library calls
  the commands make;
- ``pyoxigraph``: ``Store.bulk_load`` and ``Store.query`` (the limit: no rdflib at all);
- ``rdflib``: ``Graph().parse(format="turtle")`` and ``Graph.query`` with ``initBindings``
  (what users would write).

Every engine derives ``ros:dependsOn`` on load as ros-kg does (``store.DERIVE_UPDATE``), and
the table gives each query's row count, flagged if the engines disagree: a faster answer to
another question is no baseline. Each query is timed once, as a command runs it (the first run
converts each term ros-kg meets), then warm (median of 5 in the same process); for ros-kg on
Oxigraph also warm on its own store without ros-kg's layer, the fairest ratio, since the same
query differs by up to 30% between fresh processes. ``--queries all`` times every named query
on the Oxigraph engines.

Writes a markdown table to ``benchmarks/results/store.md`` (``--output``; out of git).
Run from the repository:

    python -m benchmarks.bench_store --sizes 10k 100k --runs 3
    python -m benchmarks.bench_store --sizes 1m --runs 3   # minutes per engine
    python -m benchmarks.bench_store --sizes 100k --runs 3 --queries all \
        --engines "ros-kg oxigraph" pyoxigraph
"""

import argparse
import json
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from benchmarks.national_graph import SIZES, write_turtle

ENGINES = ("ros-kg oxigraph", "ros-kg memory", "pyoxigraph", "rdflib")
QUERIES = ("dependency_kind_counts", "participants", "dependencies_of", "report_targets")
"""Named queries timed on every engine; dependency_kind_counts is the GROUP BY. With
``--queries all`` the two Oxigraph engines run every named query (the others would take hours
on the quadratic ``target_changes``)."""
OXIGRAPH_ENGINES = ("ros-kg oxigraph", "pyoxigraph")
ANALYSES = ("deps", "dependents", "impact", "central", "report", "viz", "viz focus")
"""``viz`` draws everything (only where it fits: beyond 2,000 nodes the command refuses);
``viz focus`` is ``ros-kg viz --focus Enschede --depth 1``, what the refusal points to."""
ACTOR = "https://w3id.org/ros-kg/id/enschede"


def _files(extra: Path | None) -> list[Path]:
    from ros_kg import resources

    found = [*resources.ontology_files(), *resources.data_files()]
    return [*found, extra] if extra is not None else found


def _bindings(name: str) -> dict[str, Any]:
    """Return a value for each parameter ``name`` needs, and Dutch labels; no optional filter."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import XSD

    from ros_kg.queries import get_query

    sample = {
        "actor": URIRef(ACTOR),
        "resource": URIRef(ACTOR),
        "dependent": URIRef(ACTOR),
        "asOf": Literal("2025-06-01", datatype=XSD.date),
        "year": Literal(2024),
        "lang": Literal("nl"),
    }
    wanted = [p.name for p in get_query(name).params if not p.optional or p.name == "lang"]
    return {param: sample[param] for param in wanted}


def _query_names(engine: str, which: str) -> list[str]:
    """Return the named queries ``engine`` runs: the four everywhere, or all of them."""
    if which != "all" or engine not in OXIGRAPH_ENGINES:
        return list(QUERIES)
    from ros_kg.queries import named_queries

    return [*QUERIES, *sorted(set(named_queries()) - set(QUERIES))]


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


WARM_RUNS = 5


def _time_query(found: dict[str, Any], name: str, action: Callable[[], Sequence[object]]) -> None:
    """Time ``action`` once (``name``, as a command runs it) and warm (``name warm``).

    The first run pays for what a process does once: ros-kg turns each term it meets into an
    rdflib term and keeps it. Warm is the median of ``WARM_RUNS`` more runs in the same process
    (skipped for a query over a second: plain rdflib at 1M would take minutes). The number of
    rows goes to ``found["rows"]``, so that the table can show that every engine gave the same
    answer.
    """
    times = found["times"]
    start = time.perf_counter()
    found["rows"][name] = len(action())
    times[name] = time.perf_counter() - start
    if times[name] < 1.0:
        times[f"{name} warm"] = statistics.median(_timed(action) for _ in range(WARM_RUNS))


def _select_rows(graph: Any, text: str, bindings: dict[str, Any]) -> Sequence[object]:
    """Run a named query as ros-kg's commands do and return its rows."""
    from ros_kg.queries import run_select

    return run_select(graph, text, bindings).rows


def _ask(engine: Any, text: str, **options: Any) -> list[Any]:
    """Run ``text`` on a pyoxigraph store or an rdflib graph and read every value of every row.

    Reading the values is part of answering: a caller that only counted the rows would let
    the baseline skip the work of handing each term to Python that ros-kg cannot skip.
    ``options`` go to ``query``: rdflib takes the parameters as ``initBindings``, as its users
    would pass them (pyoxigraph gets them in the text, as a VALUES block).
    """
    return [tuple(row) for row in engine.query(text, **options)]


def _peak_mib() -> float:
    """Return this process's peak resident memory so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(engine: str, extra: Path | None, which: str = "core") -> dict[str, Any]:
    """Load and run everything on one engine in this process; return seconds and peak MiB.

    ``peak_queries_mib`` is the peak after load and named queries (the same work on every
    engine); ``peak_mib`` the peak at the end (ros-kg also projects and analyses).
    """
    from ros_kg.queries import get_query, with_values
    from ros_kg.store import DERIVE_UPDATE

    files = _files(extra)
    times: dict[str, float] = {}
    found: dict[str, Any] = {"times": times, "rows": {}}
    start = time.perf_counter()
    if engine.startswith("ros-kg"):
        from ros_kg.store import load_graph

        graph = load_graph(files[len(_files(None)) :], store=engine.split()[1])
        times["load"] = time.perf_counter() - start
        for name in _query_names(engine, which):
            text = get_query(name).text
            _time_query(found, name, partial(_select_rows, graph, text, _bindings(name)))
            if engine == "ros-kg oxigraph" and f"{name} warm" in times:
                store: Any = graph.store
                bare = partial(_ask, store.inner, with_values(text, _bindings(name)))
                times[f"{name} bare"] = statistics.median(_timed(bare) for _ in range(WARM_RUNS))
        peak_queries = _peak_mib()
        times.update(_analyses(graph))
    elif engine == "pyoxigraph":
        import pyoxigraph as ox

        store = ox.Store()
        for path in files:
            store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
        store.update(DERIVE_UPDATE)  # what ros-kg derives on load, so both answer alike
        times["load"] = time.perf_counter() - start
        for name in _query_names(engine, which):
            text = with_values(get_query(name).text, _bindings(name))
            _time_query(found, name, partial(_ask, store, text))
        peak_queries = _peak_mib()
    else:
        from rdflib import Graph, Variable

        plain = Graph()
        for path in files:
            plain.parse(path, format="turtle")
        plain.update(DERIVE_UPDATE)
        times["load"] = time.perf_counter() - start
        for name in QUERIES:
            text = get_query(name).text
            bindings = {Variable(k): v for k, v in _bindings(name).items()}
            _time_query(found, name, partial(_ask, plain, text, initBindings=bindings))
        peak_queries = _peak_mib()
    return {**found, "peak_queries_mib": peak_queries, "peak_mib": _peak_mib()}


def _analyses(graph: Any) -> dict[str, float]:
    from datetime import date

    from ros_kg import dependencies, report
    from ros_kg.network import build_network

    times: dict[str, float] = {}
    start = time.perf_counter()
    network = build_network(graph)
    times["network"] = time.perf_counter() - start
    times["deps"] = _timed(lambda: dependencies.dependencies_of(network, ACTOR, transitive=True))
    times["dependents"] = _timed(
        lambda: dependencies.dependents_of(network, ACTOR, transitive=True)
    )
    times["impact"] = _timed(lambda: dependencies.impact_of(network, ACTOR))
    # Every size gets central (sampled beyond 2,000 nodes) and the report, as the CLI does;
    # the report takes the network already built, as `ros-kg report` takes it from the cache.
    times["central"] = _timed(lambda: dependencies.bottlenecks(network))
    times["report"] = _timed(
        lambda: report.overview(graph, today=date(2026, 1, 1), network=network)
    )
    from ros_kg.page import MAX_NODES, PageOptions, render_page

    if network.number_of_nodes() <= MAX_NODES:  # viz refuses larger graphs and says so
        times["viz"] = _timed(lambda: render_page(graph, PageOptions()))
    times["viz focus"] = _timed(lambda: render_page(graph, PageOptions(focus=ACTOR, depth=1)))
    return times


def run_worker(engine: str, extra: Path | None, which: str = "core") -> dict[str, Any]:
    """Run ``worker`` for ``engine`` once, in a fresh interpreter, and return its figures."""
    command = [sys.executable, "-m", "benchmarks.bench_store", "--worker", engine]
    command += ["--queries", which]
    if extra is not None:
        command += ["--extra", str(extra)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def medians(found: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the median of each figure over the runs of one engine."""
    keys = sorted({k for run in found for k in run["times"]})
    return {
        "times": {
            k: statistics.median(r["times"][k] for r in found if k in r["times"]) for k in keys
        },
        "rows": found[0]["rows"],  # the same data in every run
        "peak_mib": statistics.median(r["peak_mib"] for r in found),
        "peak_queries_mib": statistics.median(r["peak_queries_mib"] for r in found),
    }


def table(results: dict[str, dict[str, dict[str, Any]]]) -> str:
    """Return the results as markdown: one table per size, engines as columns, with ratios."""
    out: list[str] = []
    for size, by_engine in results.items():
        triples = by_engine.pop("_triples", {}).get("count", "?")
        engines = [e for e in ENGINES if e in by_engine]
        out.append(f"\n### {size}: shipped graph + national graph ({triples} triples loaded)\n")
        out.append(
            "| step | " + " | ".join(engines) + " | ros-kg oxigraph / pyoxigraph "
            "| rdflib / ros-kg oxigraph |"
        )
        out.append("|" + " --- |" * (len(engines) + 3))
        timed = {k for e in engines for k in by_engine[e]["times"]}
        others = {"load", "network", *ANALYSES, *QUERIES}
        names = [*QUERIES, *sorted(k for k in timed - others if not k.endswith((" warm", " bare")))]
        steps = [
            "load",
            *(s for q in names for s in (q, f"{q} warm", f"{q} bare")),
            "network",
            *ANALYSES,
        ]
        for step in steps:
            cells = [by_engine[e]["times"].get(step) for e in engines]
            if all(c is None for c in cells):
                continue
            label = step + _rows_note(step, {e: by_engine[e].get("rows", {}) for e in engines})
            ours = by_engine.get("ros-kg oxigraph", {}).get("times", {}).get(step)
            limit = by_engine.get("pyoxigraph", {}).get("times", {}).get(step)
            plain = by_engine.get("rdflib", {}).get("times", {}).get(step)
            if step.endswith(" bare"):  # ros-kg warm against its own store, same process
                label = step.removesuffix(" bare") + " warm, the same store without ros-kg"
                ours = by_engine["ros-kg oxigraph"]["times"].get(step.replace(" bare", " warm"))
                limit = by_engine["ros-kg oxigraph"]["times"][step]
            out.append(
                f"| {label} | "
                + " | ".join(_seconds(c) for c in cells)
                + f" | {_ratio(ours, limit)} | {_ratio(plain, ours)} |"
            )
        out.extend(_peak_rows(by_engine, engines))
    return "\n".join(out) + "\n"


def _rows_note(step: str, rows: dict[str, dict[str, int]]) -> str:
    """Return `` (N rows)`` for a query every engine answered alike, a loud note if not."""
    counts = {engine: found[step] for engine, found in rows.items() if step in found}
    if not counts:
        return ""
    if len(set(counts.values())) == 1:
        return f" ({next(iter(counts.values())):,} rows)"
    return " (ANSWERS DIFFER: " + ", ".join(f"{e} {n:,}" for e, n in counts.items()) + " rows)"


def _peak_rows(by_engine: dict[str, dict[str, Any]], engines: list[str]) -> list[str]:
    """Return the two peak-memory rows: after load + queries, and after everything.

    The first is the same work on every engine. The second adds, for ros-kg only, the network
    projection and the analyses; its ratio to pyoxigraph is still taken against pyoxigraph's
    one peak (load + queries: it runs nothing else), as the cell says.
    """

    def peak(engine: str, key: str) -> float | None:
        found = by_engine.get(engine, {})
        value = found.get(key)
        return None if value is None else float(value)

    rows = []
    for label, key in (
        ("peak memory: load + named queries (same work on every engine)", "peak_queries_mib"),
        ("peak memory: at the end (ros-kg: + network, analyses, report, page)", "peak_mib"),
    ):
        cells = []
        for engine in engines:
            value = peak(engine, key)
            ros_kg_only = key == "peak_mib" and not engine.startswith("ros-kg")
            cells.append("" if value is None or ros_kg_only else f"{value:.0f} MiB")
        ours = peak("ros-kg oxigraph", key)
        limit = peak("pyoxigraph", "peak_queries_mib")
        plain = peak("rdflib", "peak_queries_mib")
        versus = _ratio(ours, limit)
        if key == "peak_mib" and versus:
            versus += " (of pyoxigraph's load + queries)"
        plain_versus = _ratio(plain, ours) if key == "peak_queries_mib" else ""
        rows.append(f"| {label} | " + " | ".join(cells) + f" | {versus} | {plain_versus} |")
    return rows


def _seconds(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value * 1000:.2f} ms" if value < 0.1 else f"{value:.3f} s"


def _ratio(top: float | None, bottom: float | None) -> str:
    return "" if top is None or bottom is None or bottom == 0 else f"{top / bottom:.2f}x"


def main() -> None:
    """Run the benchmark, print the tables and write them to ``--output``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", choices=sorted(SIZES), default=["10k", "100k"])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    parser.add_argument(
        "--output", type=Path, default=Path(__file__).parent / "results" / "store.md"
    )
    parser.add_argument(
        "--queries",
        choices=("core", "all"),
        default="core",
        help="core: the four named queries on every engine; all: every named query on the "
        "Oxigraph engines (minutes at 100k: target_changes is quadratic)",
    )
    parser.add_argument("--worker", choices=ENGINES, help=argparse.SUPPRESS)
    parser.add_argument("--extra", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.extra, args.queries)))
        return
    results: dict[str, dict[str, dict[str, Any]]] = {}
    with tempfile.TemporaryDirectory(prefix="ros-kg-bench-") as folder:
        for size in args.sizes:
            extra = Path(folder) / f"national-{size}.ttl"
            count = write_turtle(SIZES[size], extra)
            results[size] = {"_triples": {"count": count}}
            runs: dict[str, list[dict[str, Any]]] = {engine: [] for engine in args.engines}
            for run in range(args.runs):  # interleaved, so that load on the machine hits all
                for engine in args.engines:
                    print(f"{size} run {run + 1} {engine} ...", file=sys.stderr, flush=True)
                    runs[engine].append(run_worker(engine, extra, args.queries))
            for engine, found in runs.items():
                results[size][engine] = medians(found)
    machine = (
        f"{platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}"
    )
    text = (
        f"Medians of {args.runs} interleaved runs, each in a fresh interpreter; {machine}. "
        "National-graph triple counts exclude the shipped graph (about 4,600 triples).\n"
        + table(results)
    )
    print(text)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
