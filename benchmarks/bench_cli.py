"""Cold-start cost of `ros-kg deps Enschede --transitive` and `ros-kg report`, against rdflib.

Every command runs in a fresh interpreter, so each run pays imports and parsing like a user
does. Beside the two commands, the same run times `python -c "import rdflib"` and a bare rdflib
parse of the same Turtle files (ontology/*.ttl and graph_data/*.ttl), and prints the ratio of
each command to the bare import-and-parse (aims: 1.5x, and 1.2x for deps). ``deps`` runs twice:
with a warm cache (what a user sees from the second command on, ``ros_kg/cache.py``) and with
``ROS_KG_CACHE=off`` (every command builds names and network afresh, as after a data change).
Run from anywhere:

    python benchmarks/bench_cli.py            # 10 runs each
    python benchmarks/bench_cli.py --runs 20
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ros_kg import resources


def bare_parse_code(files: list[Path]) -> str:
    """Return Python that imports rdflib and parses ``files`` into one graph, nothing more."""
    names = [str(f) for f in files]
    return (
        f"import rdflib\ng = rdflib.Graph()\nfor f in {names!r}:\n    g.parse(f, format='turtle')\n"
    )


Case = tuple[str, list[str], dict[str, str]]


def interleaved_medians(cases: list[Case], runs: int) -> dict[str, tuple[float, int]]:
    """Run every case once per round, ``runs`` rounds; return each median and last exit status.

    Round-robin order puts every command under the same load as its neighbours, so a noisy
    shared machine shifts all of them together and the ratios stay meaningful.
    """
    times: dict[str, list[float]] = {label: [] for label, _, _ in cases}
    status: dict[str, int] = {}
    for _ in range(runs):
        for label, command, env in cases:
            start = time.perf_counter()
            done = subprocess.run(command, capture_output=True, check=False, env=env)
            times[label].append(time.perf_counter() - start)
            status[label] = done.returncode
    return {label: (statistics.median(times[label]), status[label]) for label, _, _ in cases}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="runs per command (at least 10)")
    runs = max(parser.parse_args().runs, 10)
    files = [*resources.ontology_files(), *resources.data_files()]
    python = sys.executable
    ros_kg = [python, "-m", "ros_kg"]
    deps = [*ros_kg, "deps", "Enschede", "--transitive"]
    with tempfile.TemporaryDirectory(prefix="ros-kg-bench-cache-") as folder:
        warm = {**os.environ, "ROS_KG_CACHE": folder}
        off = {**os.environ, "ROS_KG_CACHE": "off"}
        subprocess.run(deps, capture_output=True, check=True, env=warm)  # fills the cache
        cases: list[Case] = [
            ("python -c 'import rdflib'", [python, "-c", "import rdflib"], off),
            ("bare rdflib import + parse", [python, "-c", bare_parse_code(files)], off),
            ("ros-kg deps Enschede --transitive", deps, warm),
            ("  the same, cache off", deps, off),
            ("ros-kg report", [*ros_kg, "report"], warm),
        ]
        print(f"{len(files)} Turtle files, {runs} cold runs each (interleaved), medians:")
        results = {}
        for label, (seconds, status) in interleaved_medians(cases, runs).items():
            results[label] = seconds
            note = f"  (exit status {status})" if status else ""
            print(f"  {label:<36} {seconds * 1000:8.0f} ms{note}")
    baseline = results["bare rdflib import + parse"]
    print("ratios to the bare import + parse (aims: deps <= 1.2x, report <= 1.5x):")
    for label in ("ros-kg deps Enschede --transitive", "  the same, cache off", "ros-kg report"):
        print(f"  {label:<36} {results[label] / baseline:8.2f}x")


if __name__ == "__main__":
    main()
