"""Benchmark of the graph page: generation time, file size and time to a settled drawing.

Runs on the shipped Twente graph and on synthetic graphs of about 1,000 and 5,000 nodes
(``benchmarks.synthetic``), and prints medians of several runs. The browser half opens each page
from file:// in headless Chromium (Debian's ``/usr/bin/chromium``) and reads ``rosKg.settledAt``:
milliseconds from the start of navigation to the first complete drawing (physics is off, so the
first drawing is the settled one).

Run ``python -m benchmarks.bench_page [--runs 5] [--keep DIR]``.
"""

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph

from benchmarks.synthetic import triples
from ros_kg import resources
from ros_kg.page import PageOptions, write_page
from ros_kg.store import load_graph, new_graph, parse_turtle

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
NODES_PER_REGION = 67
TRIPLES_PER_REGION = 1_200


def synthetic_graph(nodes: int) -> Graph:
    """Return the ontology plus a synthetic graph of about ``nodes`` network nodes."""
    graph = new_graph()
    for path in resources.ontology_files():
        parse_turtle(path, graph)
    regions = -(-nodes // NODES_PER_REGION)
    graph.parse(data="\n".join(triples(regions * TRIPLES_PER_REGION)), format="nt")
    return graph


def median_of(runs: int, action: Callable[[], float]) -> float:
    """Return the median of ``runs`` results of ``action``."""
    return statistics.median(action() for _ in range(runs))


def settle_times(paths: list[Path], runs: int) -> dict[Path, float]:
    """Open each page ``runs`` times in headless Chromium; return the median ms to settled."""
    from playwright.sync_api import sync_playwright

    result: dict[Path, float] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for path in paths:
            times: list[float] = []
            for _ in range(runs):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                page.route(
                    "**/*",
                    lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort(),
                )
                page.goto(path.resolve().as_uri())
                page.wait_for_function("window.rosKg && window.rosKg.ready", timeout=300_000)
                times.append(float(page.evaluate("window.rosKg.settledAt")))
                page.close()
            result[path] = statistics.median(times)
        browser.close()
    return result


def main() -> None:
    """Measure and print one line per graph."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="write the pages into this folder")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="ros-kg-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    graphs = {
        "twente": load_graph(),
        "synthetic-1000": synthetic_graph(1_000),
        "synthetic-5000": synthetic_graph(5_000),
    }
    rows: list[tuple[str, int, int, float, int, Path]] = []
    for name, graph in graphs.items():
        path = folder / f"{name}.html"
        summary = write_page(path, graph, PageOptions(max_nodes=10**6))

        def generate(graph: Graph = graph, path: Path = path) -> float:
            start = time.perf_counter()
            write_page(path, graph, PageOptions(max_nodes=10**6))
            return time.perf_counter() - start

        seconds = median_of(
            max(1, args.runs // 2) if summary.nodes > 2_000 else args.runs, generate
        )
        rows.append((name, summary.nodes, summary.edges, seconds, summary.size, path))
    settled = settle_times([row[5] for row in rows], args.runs)
    print(
        f"{'graph':<16} {'nodes':>6} {'edges':>6} {'generate s':>10} {'size KiB':>9} "
        f"{'settled ms':>10}"
    )
    for name, nodes, edges, seconds, size, path in rows:
        print(
            f"{name:<16} {nodes:>6} {edges:>6} {seconds:>10.2f} {size / 1024:>9.0f} "
            f"{settled[path]:>10.0f}"
        )


if __name__ == "__main__":
    main()
