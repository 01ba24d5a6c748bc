"""The benchmark's national graph is real where it can be, deterministic, and valid.

The benchmarks compare engines on it, so it must hold every real public body by its code, be
the same file for the same seed on every machine, and pass our own shapes: a benchmark on data
the tool would reject measures nothing a user does.
"""

from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from benchmarks.national_graph import read_bodies, write_turtle
from ros_kg.namespaces import ROS
from ros_kg.store import load_graph
from ros_kg.validation import validate_graph


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("national") / "national-10k.ttl"
    write_turtle(10_000, path)
    return path


def test_the_bodies_are_every_municipality_province_and_water_board() -> None:
    kinds = [body.kind for body in read_bodies()]
    assert (kinds.count("gemeente"), kinds.count("provincie"), kinds.count("waterschap")) == (
        342,
        12,
        21,
    )
    codes = [body.code for body in read_bodies()]
    assert len(set(codes)) == len(codes)
    assert {"GM0153", "PV23", "WS0663"} <= set(codes)  # Enschede, Overijssel, Vechtstromen


def test_the_same_seed_writes_the_same_graph_and_another_seed_another(
    national: Path, tmp_path: Path
) -> None:
    again, other = tmp_path / "again.ttl", tmp_path / "other.ttl"
    write_turtle(10_000, again)
    write_turtle(10_000, other, seed=7)
    assert again.read_bytes() == national.read_bytes()
    assert other.read_bytes() != national.read_bytes()


def test_every_body_is_in_the_graph_with_its_cbs_code(national: Path) -> None:
    graph = Graph()
    graph.parse(national, format="turtle")
    codes = {str(code) for code in graph.objects(None, ROS.cbsCode)}
    missing = [
        b.code for b in read_bodies() if b.iri.startswith("rosid:nat-") and b.code not in codes
    ]
    assert missing == []
    assert 9_000 <= len(graph) <= 12_000


def test_the_national_graph_conforms_to_our_shapes(national: Path) -> None:
    data = load_graph([national], derive=False)
    report = validate_graph(data, lang="en")
    assert report.engine == "sparql"
    assert report.triples > 10_000
    assert report.violations == ()
    assert (URIRef("https://w3id.org/ros-kg/id/enschede"), None, None) in data
