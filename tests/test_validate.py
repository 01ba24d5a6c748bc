"""Validation: the shipped graph conforms, and each broken rule is named in one line."""

import re
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from ros_kg.cli import cli
from ros_kg.validation import validate_files


def test_the_shipped_graph_conforms_to_the_shapes() -> None:
    report = validate_files()
    assert report.conforms, [v for v in report.violations if v.severity == "Violation"]


def test_each_broken_rule_is_reported_with_resource_property_and_message(data_dir: Path) -> None:
    report = validate_files([data_dir / "violations.ttl"], lang="en")
    assert not report.conforms
    found = {(v.focus.rsplit("/", 1)[-1], v.path) for v in report.violations}
    assert ("testgemeente", "rdfs:label") in found
    assert ("testgemeente", "dcterms:source") in found
    assert ("testgemeente", "ros:tooi") in found
    assert ("testgemeente", "ros:cbsCode") in found
    assert ("afh-test", "ros:dependencyKind") in found
    assert ("doel-test", "ros:value") in found
    assert ("doel-test", "ros:horizonYear") in found
    assert ("gebeurtenis-test", "ros:date") in found
    assert all(v.focus.startswith("https://w3id.org/ros-kg/id/") for v in report.violations)


def test_a_hand_written_shortcut_is_refused(tmp_path: Path) -> None:
    shortcut = tmp_path / "shortcut.ttl"
    shortcut.write_text(
        "@prefix ros: <https://w3id.org/ros-kg/def#> .\n"
        "@prefix rosid: <https://w3id.org/ros-kg/id/> .\n"
        "rosid:enschede ros:dependsOn rosid:rijk .\n",
        encoding="utf-8",
    )
    report = validate_files([shortcut])
    assert any(v.path == "ros:dependsOn" for v in report.violations)
    assert not report.conforms


def test_cli_validate_conforms_on_shipped_data(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["validate"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("OK: ")


def test_cli_validate_prints_one_line_per_violation_and_exits_1(
    runner: CliRunner, data_dir: Path
) -> None:
    result = runner.invoke(cli, ["--lang", "en", "validate", str(data_dir / "violations.ttl")])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith("Violation: ")]
    assert len(lines) >= 8
    assert any("Testgemeente" in line and "ros:cbsCode" in line for line in lines)
    assert "Traceback" not in result.output


def test_cli_validate_accepts_a_valid_extra_file(runner: CliRunner, data_dir: Path) -> None:
    result = runner.invoke(cli, ["validate", str(data_dir / "extra_dependency.ttl")])
    assert result.exit_code == 0, result.output


def test_cli_validate_syntax_error_exits_1_without_checking_shapes(
    runner: CliRunner, data_dir: Path
) -> None:
    result = runner.invoke(cli, ["validate", str(data_dir / "syntax_error.ttl")])
    assert result.exit_code == 1
    assert "syntax_error.ttl:6:" in result.output


def test_cli_validate_engines_print_the_same_lines(runner: CliRunner, data_dir: Path) -> None:
    outputs = {}
    for engine in ("sparql", "pyshacl"):
        result = runner.invoke(
            cli, ["--lang", "en", "validate", "--engine", engine, str(data_dir / "violations.ttl")]
        )
        assert result.exit_code == 1, result.output
        outputs[engine] = result.output
    assert outputs["sparql"] == outputs["pyshacl"]
    assert outputs["sparql"].count("Violation: ") >= 8


def test_cli_validate_names_an_ill_formed_date_without_a_traceback(tmp_path: Path) -> None:
    # A real process: rdflib logs a traceback per ill-formed literal to stderr, which pytest's
    # log capture would hide in-process.
    wrong = tmp_path / "date.ttl"
    wrong.write_text(
        "@prefix ros: <https://w3id.org/ros-kg/def#> .\n"
        "@prefix rosid: <https://w3id.org/ros-kg/id/> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        'rosid:bod ros:date "2024-13-45"^^xsd:date .\n',
        encoding="utf-8",
    )
    command = [sys.executable, "-c", "from ros_kg.cli import main; main()", "validate"]
    for engine in ("auto", "pyshacl"):
        result = subprocess.run(
            [*command, "--engine", engine, str(wrong)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 1
        assert "ros:date" in result.stdout and "2024-13-45" in result.stdout
        assert "Traceback" not in result.stderr, result.stderr
        assert re.fullmatch(r"1 violation in \d+ triples", result.stderr.strip()), result.stderr
