"""The analysis commands: formats, languages, empty answers and bad input.

Covers actors, deps, dependents, path, impact, central, timeline, targets and report.
"""

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ros_kg import resources
from ros_kg.cli import cli

DECK = str(Path(__file__).parent / "data" / "deck_network.ttl")
CYCLE = str(Path(__file__).parent / "data" / "dependency_cycle.ttl")


@pytest.fixture
def deck(monkeypatch: pytest.MonkeyPatch, runner: CliRunner) -> "Invoke":
    """Run a command on the ontology plus the deck fixture only (no shipped data)."""
    monkeypatch.setattr(resources, "data_files", lambda: [])
    return Invoke(runner)


class Invoke:
    def __init__(self, runner: CliRunner) -> None:
        self.runner = runner

    def __call__(self, *args: str, lang: str = "en") -> Result:
        return self.runner.invoke(cli, ["--data", DECK, "--lang", lang, *args])


def test_deps_lists_direct_dependencies_with_basis_and_source(deck: Invoke) -> None:
    result = deck("deps", "Enschede")
    assert result.exit_code == 0, result.output
    assert "Ministry of VRO" in result.output and "designation" in result.output
    assert "Draft Nota Ruimte" in result.output and "ROS Twente deck" in result.output


def test_deps_transitive_json_has_iris_labels_and_chains(deck: Invoke) -> None:
    result = deck("deps", "GM0153", "--transitive", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    rijk = next(r for r in rows if r["iri"].endswith("/rijk"))
    assert rijk["label"] == {"nl": "Rijk", "en": "National government"}
    assert rijk["distance"] == 2
    assert [s["kind"] for s in rijk["chain"]] == ["cooperation", "funding"]
    assert rijk["chain"][1]["basis"]["iri"].endswith("/novi")
    assert set(rows[0]) >= {"iri", "label", "kind", "distance", "basis", "sources", "chain"}


def test_deps_headings_follow_the_language(deck: Invoke) -> None:
    dutch = deck("deps", "Enschede", lang="nl")
    assert dutch.output.startswith("hangt af van")
    assert "aanwijzing" in dutch.output
    english = deck("deps", "Enschede")
    assert english.output.startswith("depends on")


def test_deps_kind_and_as_of_filter(deck: Invoke) -> None:
    result = deck("deps", "Enschede", "--kind", "designation", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [r["depends_on"] for r in rows] == ["Ministry of VRO"]
    early = deck("deps", "Enschede", "--as-of", "2024-06-01", "--format", "csv")
    assert "VRO" not in early.output


def test_deps_empty_answer_is_said_in_words(deck: Invoke) -> None:
    result = deck("deps", "Rijk")
    assert result.exit_code == 0
    assert result.output.strip() == "National government depends on nothing."
    assert deck("deps", "Rijk", "--format", "json").output.strip() == "[]"


def test_dependents_transitive_reaches_losser_through_enschede(deck: Invoke) -> None:
    result = deck("dependents", "Provincie Overijssel", "--transitive", "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("| step | dependent |")
    line = next(line for line in result.output.splitlines() if "| Losser |" in line)
    assert "Enschede" in line


def test_path_shows_each_step_with_kind_basis_and_source(deck: Invoke) -> None:
    result = deck("path", "Losser", "Rijk", "--format", "json")
    assert result.exit_code == 0, result.output
    chains = json.loads(result.output)
    assert [s["to"]["label"]["en"] for s in chains[0]["steps"]] == [
        "Enschede",
        "Province of Overijssel",
        "National government",
    ]
    assert chains[0]["steps"][0]["basis"]["label"]["nl"] == "Position paper"


def test_path_without_chain_says_so_and_exits_1(deck: Invoke) -> None:
    result = deck("path", "Rijk", "Losser")
    assert result.exit_code == 1
    assert "no chain" in result.output
    assert "Losser depends on National government" in result.output
    help_text = deck("path", "--help").output
    assert "Exit status" in help_text and "no chain" in help_text


def test_impact_of_bo_mirt_reaches_the_omgevingsvisie(deck: Invoke) -> None:
    result = deck("impact", "BO MIRT", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["distance"] for r in rows] == [1, 2]
    assert rows[1]["iri"].endswith("/omgevingsvisie-enschede")
    table = deck("impact", "BO MIRT")
    assert "←approval─" in table.output and "building block" in table.output


def test_central_ranks_and_reads_plainly_and_reports_cycles(deck: Invoke) -> None:
    result = deck("central", "--top", "2")
    assert result.exit_code == 0, result.output
    assert "chains pass through or end at Province of Overijssel" in result.output
    assert "No dependency cycles." in result.output
    with_cycle = deck("--data", CYCLE, "central", "--format", "json")
    record = json.loads(with_cycle.output)
    assert len(record["cycles"]) == 1
    assert record["bottlenecks"][0]["reading"]["nl"]


def test_timeline_marks_ahead_now_and_overdue(deck: Invoke) -> None:
    result = deck("timeline", "--today", "2026-12-15", "--format", "json")
    rows = {r["iri"].rsplit("/", 1)[-1]: r for r in json.loads(result.output)}
    assert rows["bo-mirt-2026"]["mark"] == "overdue"
    assert rows["omgevingsvisie-enschede"]["mark"] == "ahead"
    dutch = deck("timeline", "--today", "2026-04-01", lang="nl")
    assert "voorjaar 2026" in dutch.output and "komt nog" in dutch.output


def test_timeline_empty_period_is_said_in_words(deck: Invoke) -> None:
    result = deck("timeline", "--from", "2030-01-01")
    assert result.exit_code == 0
    assert result.output.strip() == "Nothing dated in that period."


def test_targets_show_the_change_between_documents(deck: Invoke) -> None:
    result = deck("targets")
    assert result.exit_code == 0, result.output
    assert "inhabitants: 100,000 (Spatial offer) → 120,000 (Direction for 2050): +20,000" in (
        result.output
    )
    dutch = deck("targets", lang="nl")
    assert "woningen: 60.000 (Ruimtelijk bod) → 80.000 (Richting voor 2050): +20.000" in (
        dutch.output
    )


def test_actors_as_of_2023_are_the_initiators(deck: Invoke) -> None:
    result = deck("actors", "--as-of", "2023", "--format", "json")
    names = [r["label"]["nl"] for r in json.loads(result.output)]
    assert names == ["Provincie Overijssel", "Enschede", "Hengelo"]


def test_actors_kind_filter(deck: Invoke) -> None:
    result = deck("actors", "--kind", "municipality", "--format", "csv")
    names = [r["name"] for r in csv.DictReader(io.StringIO(result.output))]
    assert names == ["Enschede", "Hengelo", "Losser"]


def test_report_has_every_section_in_both_languages(deck: Invoke) -> None:
    english = deck("report", "--today", "2026-04-01")
    assert english.exit_code == 0, english.output
    for heading in ("Participants by layer", "Key dependencies", "Bottlenecks", "Targets"):
        assert heading in english.output
    assert "What comes next (from 2026-04-01)" in english.output
    dutch = deck("report", "--today", "2026-04-01", "--format", "markdown", lang="nl")
    assert "## Deelnemers per laag" in dutch.output and "## Knelpunten" in dutch.output


def test_report_json_has_stable_keys(deck: Invoke) -> None:
    record = json.loads(deck("report", "--today", "2026-04-01", "--format", "json").output)
    assert list(record) == [
        "today",
        "participants",
        "key_dependencies",
        "bottlenecks",
        "cycles",
        "timeline",
        "targets",
    ]
    assert record["participants"][0]["iri"].startswith("https://w3id.org/ros-kg/id/")


def test_a_long_report_shows_the_first_rows_and_says_how_to_see_all(
    deck: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A national graph has thousands of events and targets; the overview must stay one."""
    from ros_kg.cli import report_commands

    whole = json.loads(deck("report", "--today", "2020-01-01", "--format", "json").output)
    events, targets = len(whole["timeline"]), sum(len(h["targets"]) for h in whole["targets"])
    assert events > 3 and targets > 3
    monkeypatch.setattr(report_commands, "ROWS_SHOWN", 3)
    monkeypatch.setattr(report_commands, "NAMES_SHOWN", 1)
    english = deck("report", "--today", "2020-01-01").output
    assert f"... and {events - 3} more; all of them: ros-kg timeline --from 2020-01-01" in english
    assert f"... and {targets - 3} more; all of them: ros-kg targets" in english
    assert " more)" in english  # a cell of several names shows one and counts the rest
    dutch = deck("report", "--today", "2020-01-01", lang="nl").output
    assert f"... en nog {events - 3}; allemaal: ros-kg timeline --from 2020-01-01" in dutch
    rows = list(
        csv.DictReader(
            io.StringIO(deck("report", "--today", "2020-01-01", "--format", "csv").output)
        )
    )
    assert sum(r["section"] == "timeline" for r in rows) == events  # programs get every row
    assert not any(" more)" in value for r in rows for value in r.values() if value)


def test_tables_fit_80_columns(deck: Invoke) -> None:
    for args in (["deps", "Enschede", "--transitive"], ["impact", "BO MIRT"], ["report"]):
        result = deck(*args)
        assert max(len(line) for line in result.output.splitlines()) <= 80, args


def test_unknown_name_suggests_nearest_and_exits_1(deck: Invoke) -> None:
    result = deck("deps", "Enschde")
    assert result.exit_code == 1
    assert "did you mean" in result.output and "Enschede" in result.output
    assert "Traceback" not in result.output


def test_ambiguous_name_lists_candidates_and_exits_1(deck: Invoke) -> None:
    result = deck("dependents", "Ministerie van")
    assert result.exit_code == 1
    assert "Ministry of VRO" in result.output and "Ministry of EZ" in result.output


def test_wrong_kind_says_what_it_is_and_what_is_expected(deck: Invoke) -> None:
    result = deck("impact", "Wonen")
    assert result.exit_code == 1
    assert "'Housing' is a theme" in result.output
    assert "a party, document, decision, event or condition" in result.output


def test_invalid_date_is_a_usage_error(deck: Invoke) -> None:
    result = deck("deps", "Enschede", "--as-of", "31-12-2025")
    assert result.exit_code == 2
    assert "is not a date" in result.output
