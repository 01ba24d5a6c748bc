"""Validation time: the shapes compiled to SPARQL against pySHACL, side by side, in one run.

For each size (the shipped graph plus ``benchmarks/national_graph.py`` at 10k, 100k, 1M
triples) the graph is loaded once into the Oxigraph store, then each engine validates it
``--runs`` times, interleaved (sparql, pyshacl, sparql, ...), so that both see the same load on
a shared machine. Reports medians and the ratio, and checks that both engines found the same
violations (they must: a benchmark of a wrong answer means nothing).

    python -m benchmarks.bench_validate --sizes 10k 100k --runs 3
    python -m benchmarks.bench_validate --sizes 1m --runs 1 --engines sparql
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.national_graph import SIZES, write_turtle

ENGINES = ("sparql", "pyshacl")


def measure(extra: Path, engines: list[str], runs: int) -> dict[str, list[float]]:
    """Validate the shipped graph plus ``extra`` with each engine ``runs`` times, interleaved."""
    from ros_kg.store import load_graph
    from ros_kg.validation import validate_graph

    graph = load_graph([extra], derive=False, store="oxigraph")
    times: dict[str, list[float]] = {engine: [] for engine in engines}
    answers: dict[str, set[object]] = {}
    for _ in range(runs):
        for engine in engines:
            start = time.perf_counter()
            report = validate_graph(graph, engine=engine)  # type: ignore[arg-type]
            times[engine].append(time.perf_counter() - start)
            answers[engine] = set(report.violations)
    if len({frozenset(a) for a in answers.values()}) > 1:
        raise SystemExit("the engines disagree; fix that before timing them")
    return times


def main() -> None:
    """Print a markdown table of median validation times per size and engine."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", choices=sorted(SIZES), default=["10k", "100k"])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    args = parser.parse_args()
    lines = [
        "| national triples | " + " | ".join(args.engines) + " | pyshacl / sparql |",
        "| --- | " + " | ".join("---:" for _ in args.engines) + " | ---: |",
    ]
    with tempfile.TemporaryDirectory(prefix="ros-kg-bench-") as folder:
        for size in args.sizes:
            extra = Path(folder) / f"national-{size}.ttl"
            count = write_turtle(SIZES[size], extra)
            print(f"{size}: {count:,} triples ...", file=sys.stderr, flush=True)
            medians = {
                e: statistics.median(t) for e, t in measure(extra, args.engines, args.runs).items()
            }
            ratio = (
                f"{medians['pyshacl'] / medians['sparql']:.0f}x"
                if {"sparql", "pyshacl"} <= medians.keys()
                else ""
            )
            lines.append(
                f"| {count:,} | "
                + " | ".join(f"{medians[e]:.2f} s" for e in args.engines)
                + f" | {ratio} |"
            )
    print(f"Medians of {args.runs} interleaved runs; the national graph plus the shipped graph.")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
