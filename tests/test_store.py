"""Loading Turtle: the shipped graph loads, and every kind of bad file gets a one-line error."""

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from ros_kg import resources
from ros_kg.cli import cli
from ros_kg.errors import DataError
from ros_kg.namespaces import RDF, ROS, ROSID
from ros_kg.store import load_graph, parse_turtle, turtle_files


def test_resolver_finds_the_shipped_turtle_in_a_checkout() -> None:
    names = {p.name for p in resources.data_files()}
    assert {"actors.ttl", "dependencies.ttl", "targets.ttl", "sources.ttl"} <= names
    assert resources.shapes_file().is_file()
    assert [p.name for p in resources.ontology_files()] == ["ros.ttl"]


def test_every_dependency_gets_a_derived_depends_on_shortcut(shipped_graph: Graph) -> None:
    dependencies = list(shipped_graph.subjects(RDF.type, ROS.Afhankelijkheid))
    assert len(dependencies) >= 20
    for dependency in dependencies:
        dependent = shipped_graph.value(dependency, ROS.dependent)
        dependee = shipped_graph.value(dependency, ROS.dependee)
        assert (dependent, ROS.dependsOn, dependee) in shipped_graph


def test_without_derivation_no_shortcut_is_present() -> None:
    assert not list(load_graph(derive=False).triples((None, ROS.dependsOn, None)))


def test_syntax_error_names_file_line_and_the_offending_text(data_dir: Path) -> None:
    with pytest.raises(DataError) as caught:
        parse_turtle(data_dir / "syntax_error.ttl", Graph())
    message = str(caught.value)
    assert message.startswith(f"{data_dir / 'syntax_error.ttl'}:6: ")
    assert "Test municipality" in message
    assert "\n" not in message


def test_undeclared_prefix_is_named(data_dir: Path) -> None:
    with pytest.raises(DataError, match=r"undeclared_prefix\.ttl:4: .*rdfs:"):
        parse_turtle(data_dir / "undeclared_prefix.ttl", Graph())


def test_a_file_of_only_comments_is_refused_as_empty(data_dir: Path) -> None:
    with pytest.raises(DataError, match="empty"):
        parse_turtle(data_dir / "only_comments.ttl", Graph())


def test_a_zero_byte_file_is_refused_as_empty(tmp_path: Path) -> None:
    empty = tmp_path / "leeg.ttl"
    empty.write_bytes(b"")
    with pytest.raises(DataError, match=r"leeg\.ttl: file is empty"):
        parse_turtle(empty, Graph())


def test_a_latin1_file_is_refused_with_its_line(tmp_path: Path) -> None:
    latin = tmp_path / "latin1.ttl"
    latin.write_bytes(
        b"@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        b'<urn:x> rdfs:label "M\xfcnster"@de .\n'
    )
    with pytest.raises(DataError, match=r"latin1\.ttl:2: not UTF-8"):
        parse_turtle(latin, Graph())


def test_a_bad_file_adds_nothing_to_the_graph(data_dir: Path) -> None:
    graph = Graph()
    with pytest.raises(DataError):
        parse_turtle(data_dir / "syntax_error.ttl", graph)
    assert len(graph) == 0


def test_missing_path_is_named(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such file or folder"):
        turtle_files([tmp_path / "bestaat-niet.ttl"])


def test_a_folder_is_read_in_sorted_order(tmp_path: Path, data_dir: Path) -> None:
    (tmp_path / "b.ttl").write_text((data_dir / "extra_dependency.ttl").read_text())
    (tmp_path / "a.ttl").write_text((data_dir / "extra_dependency.ttl").read_text())
    assert [p.name for p in turtle_files([tmp_path])] == ["a.ttl", "b.ttl"]


def test_extra_data_lands_on_top_of_the_shipped_graph(data_dir: Path) -> None:
    graph = load_graph([data_dir / "extra_dependency.ttl"])
    assert (ROSID.losser, ROS.dependsOn, ROSID.saxion) in graph
    assert (ROSID.losser, ROS.dependsOn, ROSID.saxion) not in load_graph()


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("syntax_error.ttl", "syntax_error.ttl:6:"),
        ("undeclared_prefix.ttl", "undeclared_prefix.ttl:4:"),
        ("only_comments.ttl", "file is empty"),
    ],
)
def test_cli_reports_bad_data_in_one_line_with_exit_1(
    runner: CliRunner, data_dir: Path, fixture: str, expected: str
) -> None:
    result = runner.invoke(cli, ["--data", str(data_dir / fixture), "stats"])
    assert result.exit_code == 1
    assert expected in result.output
    assert result.output.startswith("Error: ")
    assert result.output.count("\n") == 1
    assert "Traceback" not in result.output
