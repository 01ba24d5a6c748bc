"""The graph commands: stats, show and export, in both languages and formats."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from ros_kg.cli import cli
from ros_kg.namespaces import ROS, ROSID


def test_stats_counts_triples_and_main_kinds(runner: CliRunner, shipped_graph: Graph) -> None:
    result = runner.invoke(cli, ["--lang", "en", "stats", "--format", "json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)[0]
    totals = {t["label"]: t["count"] for t in record["totals"]}
    assert record["triples"] == len(shipped_graph)
    assert totals["dependency"] >= 20
    assert totals["target"] >= 8
    assert totals["actor"] >= 40
    assert totals["source"] >= 10


def test_stats_table_speaks_dutch_by_default(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["stats"])
    assert result.exit_code == 0
    assert "afhankelijkheid" in result.output
    assert "triples" in result.output.splitlines()[0]


def test_show_lists_what_the_graph_says_with_sources(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--lang", "en", "show", "GM0153"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Enschede  <https://w3id.org/ros-kg/id/enschede>")
    assert "https://identifier.overheid.nl/tooi/id/gemeente/gm0153" in result.output
    assert "source" in result.output


def test_show_json_has_iri_labels_and_incoming_statements(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["show", "VRO", "--format", "json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)[0]
    assert record["iri"] == str(ROSID.vro)
    assert record["label"]["nl"] and record["label"]["en"]
    directions = {s["direction"] for s in record["statements"]}
    assert directions == {"in", "out"}


def test_show_unknown_name_suggests_and_exits_1(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["show", "Enschde"])
    assert result.exit_code == 1
    assert "did you mean" in result.output
    assert "Traceback" not in result.output


def test_export_turtle_to_stdout_round_trips(runner: CliRunner, shipped_graph: Graph) -> None:
    result = runner.invoke(cli, ["export"])
    assert result.exit_code == 0
    parsed = Graph().parse(data=result.stdout, format="turtle")
    assert len(parsed) == len(shipped_graph)


# rdflib's own JSON-LD parser uses its deprecated ConjunctiveGraph internally.
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_export_jsonld_and_ntriples_parse_back(
    runner: CliRunner, tmp_path: Path, shipped_graph: Graph
) -> None:
    for fmt, rdflib_format in (("jsonld", "json-ld"), ("nt", "nt")):
        target = tmp_path / f"graaf.{fmt}"
        result = runner.invoke(cli, ["export", "--format", fmt, "-o", str(target)])
        assert result.exit_code == 0, result.output
        parsed = Graph().parse(target, format=rdflib_format)
        assert len(parsed) == len(shipped_graph)
        assert (ROSID.enschede, ROS.dependsOn, None) in parsed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graaf.jsonld", "graaf.nt"]


def test_export_to_a_missing_folder_fails_cleanly(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["export", "-o", str(tmp_path / "nope" / "graaf.ttl")])
    assert result.exit_code == 1
    assert "does not exist" in result.output
    assert not (tmp_path / "nope").exists()


def test_export_with_bad_data_leaves_the_old_file_untouched(
    runner: CliRunner, tmp_path: Path, data_dir: Path
) -> None:
    target = tmp_path / "graaf.ttl"
    target.write_text("oud\n", encoding="utf-8")
    result = runner.invoke(
        cli, ["--data", str(data_dir / "syntax_error.ttl"), "export", "-o", str(target)]
    )
    assert result.exit_code == 1
    assert target.read_text(encoding="utf-8") == "oud\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graaf.ttl"]


def test_ntriples_export_is_sorted_and_stable(runner: CliRunner) -> None:
    first = runner.invoke(cli, ["export", "--format", "nt"]).stdout
    second = runner.invoke(cli, ["export", "--format", "nt"]).stdout
    assert first == second
    lines = first.splitlines()
    assert lines == sorted(lines)


def test_python_dash_m_runs_the_same_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ros_kg", "show", "GM0153", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert '"iri": "https://w3id.org/ros-kg/id/enschede"' in result.stdout
