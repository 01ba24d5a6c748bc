"""`python -m benchmarks.bench_queries` cannot hang: a runaway query is timed out on both sides.

It times queries in a local worker process and at the real Oxigraph server `serve` starts; a
query that runs away is reported as a timeout, the worker is killed and the server restarted,
and the run goes on. A query that never ends (a COUNT over a four-way join) shows it.
"""

import subprocess
import sys
from pathlib import Path

import pytest

from ros_kg.server import _die_with_parent

pytestmark = pytest.mark.endpoint

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
ROOT = Path(__file__).resolve().parent.parent


def _bench(*args: str, within: float = 120) -> "subprocess.CompletedProcess[str]":
    return subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_queries", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=within,  # far more than it needs; a hang fails the test here
        preexec_fn=_die_with_parent(),
        check=False,
    )


def _row(output: str, name: str) -> list[str]:
    [line] = [line for line in output.splitlines() if line.startswith(f"| {name} |")]
    return [cell.strip() for cell in line.strip("|").split("|")]


def test_a_runaway_query_is_reported_as_a_timeout_and_the_run_goes_on() -> None:
    done = _bench("--runs", "1", "--timeout", "2", "-e", RUNAWAY, "--query", "class_counts")
    assert done.returncode == 0, done.stderr
    _, rows, local, server, _ = _row(done.stdout, "class_counts")
    assert int(rows) > 20
    assert float(local) > 0 and float(server) > 0
    assert _row(done.stdout, "expression 1")[1:4] == ["?", "timeout (> 2 s)", "timeout (> 2 s)"]
    assert "Restarts after a query was given up on: local worker 1, server 1." in done.stdout


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--query", "no_such_query"], "error: no named query no_such_query"),
        (["--data", "no-such-file.ttl"], "error: no-such-file.ttl: no such file or folder"),
        (["-e", "DROP ALL"], "error: updates are refused"),
    ],
)
def test_mistakes_are_one_line(args: list[str], said: str) -> None:
    done = _bench(*args)
    assert done.returncode == 1
    assert done.stderr.startswith(said)
    assert len(done.stderr.strip().splitlines()) == 1
    assert "|" not in done.stdout  # nothing was timed
