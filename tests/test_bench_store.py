"""The store benchmark compares like with like: same parameters, same answers, or it says so."""

import pytest

from benchmarks.bench_store import _bindings, table, worker
from ros_kg.queries import named_queries


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_named_query_gets_each_parameter_it_needs(name: str) -> None:
    needed = {p.name for p in named_queries()[name].params if not p.optional}
    assert needed <= set(_bindings(name))


def _table(participants: dict[str, int]) -> str:
    """Return the table of one size where each engine answered ``participants`` with N rows."""
    return table(
        {
            "10k": {
                engine: {
                    "times": {"load": 1.0, "participants": 0.5},
                    "rows": {"participants": rows},
                    "peak_mib": 1.0,
                    "peak_queries_mib": 1.0,
                }
                for engine, rows in participants.items()
            }
        }
    )


def test_the_table_shows_the_row_count_when_every_engine_agrees() -> None:
    text = _table({"ros-kg oxigraph": 392, "pyoxigraph": 392})
    assert "| participants (392 rows) |" in text
    assert "DIFFER" not in text


def test_the_table_says_loudly_when_engines_answer_differently() -> None:
    text = _table({"ros-kg oxigraph": 5, "rdflib": 184})
    assert "ANSWERS DIFFER: ros-kg oxigraph 5, rdflib 184 rows" in text


@pytest.mark.parametrize("engine", ["pyoxigraph", "rdflib"])
def test_the_baselines_answer_the_named_queries_as_ros_kg_does(engine: str) -> None:
    ours = worker("ros-kg oxigraph", None)["rows"]
    theirs = worker(engine, None)["rows"]
    assert ours == theirs
    assert ours["dependencies_of"] > 0
