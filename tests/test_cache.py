"""The cache of names and network: same answers as without it, and never stale."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from ros_kg import cache
from ros_kg.cli import cli
from ros_kg.cli.app import Session

DEPENDENCY = """@prefix ros: <https://w3id.org/ros-kg/def#> .
@prefix rosid: <https://w3id.org/ros-kg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
rosid:afh-cache-test a ros:Afhankelijkheid ;
    rdfs:label "Enschede hangt af van {who}"@nl , "Enschede depends on {who}"@en ;
    ros:dependent rosid:enschede ; ros:dependee rosid:{who} ;
    ros:dependencyKind ros:Kennis ; dcterms:source rosid:bron-deck .
"""

COMMANDS = (
    ["deps", "Enschede", "--transitive"],
    ["dependents", "Rijk", "--format", "json"],
    ["path", "Hengelo", "Rijk"],
    ["impact", "Rijk"],
    ["central", "--top", "5"],
    ["deps", "Enschede", "--as-of", "2023-01-01"],
)


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "cache"
    monkeypatch.setenv("ROS_KG_CACHE", str(folder))
    yield folder


def _run(runner: CliRunner, args: list[str]) -> tuple[int, str]:
    result = runner.invoke(cli, ["--lang", "en", *args])
    return result.exit_code, result.output


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_answers_from_the_cache_equal_answers_without_it(
    runner: CliRunner, cache_dir: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    first = _run(runner, args)  # builds and writes
    entries = sorted(p.name.split("-")[0] for p in cache_dir.glob("*.pickle"))
    second = _run(runner, args)  # reads
    monkeypatch.setenv("ROS_KG_CACHE", "off")
    uncached = _run(runner, args)
    assert first == second == uncached
    assert "network" in entries
    assert first[0] in (0, 1) and first[1].strip()


def test_a_changed_data_file_is_never_answered_from_the_old_entry(
    runner: CliRunner, cache_dir: Path, tmp_path: Path
) -> None:
    extra = tmp_path / "extra.ttl"
    extra.write_text(DEPENDENCY.format(who="universiteit-twente"), encoding="utf-8")
    args = ["--data", str(extra), "deps", "Enschede", "--format", "csv"]
    _, before = _run(runner, args)
    extra.write_text(DEPENDENCY.format(who="novel-t"), encoding="utf-8")
    _, after = _run(runner, args)
    assert "University of Twente,knowledge" in before and "Novel-T" not in before
    assert "Novel-T,knowledge" in after and "University of Twente" not in after


def test_a_torn_entry_is_rebuilt_without_a_word(runner: CliRunner, cache_dir: Path) -> None:
    expected = _run(runner, ["deps", "Enschede"])
    for entry in cache_dir.glob("*.pickle"):
        entry.write_bytes(entry.read_bytes()[:100])
    assert _run(runner, ["deps", "Enschede"]) == expected
    assert all(len(e.read_bytes()) > 100 for e in cache_dir.glob("*.pickle"))


def test_a_folder_that_cannot_be_written_only_costs_time(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("ROS_KG_CACHE", str(blocked))
    code, output = _run(runner, ["deps", "Enschede"])
    assert code == 0 and "Enschede" in output
    assert blocked.read_text(encoding="utf-8").startswith("a file")


def test_the_key_changes_with_content_path_and_purpose(tmp_path: Path) -> None:
    one, two = tmp_path / "one.ttl", tmp_path / "two.ttl"
    one.write_text("# a", encoding="utf-8")
    two.write_text("# a", encoding="utf-8")
    base = cache.key([one], "network", "None")
    assert cache.key([one], "network", "None") == base
    assert cache.key([two], "network", "None") != base  # another file, same bytes
    assert cache.key([one], "network", "2023-01-01") != base
    assert cache.key([one], "names") != base
    one.write_text("# b", encoding="utf-8")
    assert cache.key([one], "network", "None") != base


def test_the_key_changes_when_the_package_source_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [tmp_path / "one.ttl"]
    files[0].write_text("# a", encoding="utf-8")
    before = cache.key(files, "network")
    monkeypatch.setattr(cache, "_SOURCE", [b"another version of the code"])
    assert cache.key(files, "network") != before


def test_an_endpoint_session_never_uses_the_cache(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_: object) -> object:
        raise AssertionError("the cache was asked")

    monkeypatch.setattr(cache, "cached", refuse)
    session = Session(data=(), lang="en", endpoint="http://127.0.0.1:9/sparql")
    assert session._cached("names", lambda: "built") == "built"
    local = Session(data=(), lang="en")
    with pytest.raises(AssertionError, match="cache was asked"):
        local._cached("names", lambda: "built")


def test_caching_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROS_KG_CACHE", "off")
    assert cache.folder() is None
    monkeypatch.delenv("ROS_KG_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", os.fspath(Path("/somewhere")))
    assert cache.folder() == Path("/somewhere/ros-kg")


def test_the_report_from_the_cached_network_equals_the_report_built_afresh(
    runner: CliRunner, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["report", "--today", "2026-11-28", "--format", "json"]
    first, second = _run(runner, args), _run(runner, args)
    monkeypatch.setenv("ROS_KG_CACHE", "off")
    assert first == second == _run(runner, args)
    assert list(cache_dir.glob("network-*.pickle"))


@pytest.mark.parametrize(
    "extra", [[], ["--focus", "Enschede", "--depth", "2"], ["--as-of", "2023-01-01"]]
)
def test_the_page_from_the_cached_network_equals_the_page_built_afresh(
    runner: CliRunner,
    cache_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    extra: list[str],
) -> None:
    pages = []
    for name in ("first", "second", "off"):
        if name == "off":
            monkeypatch.setenv("ROS_KG_CACHE", "off")
        out = tmp_path / f"{name}.html"
        code, _ = _run(runner, ["viz", "-o", str(out), *extra])
        assert code == 0
        pages.append(out.read_bytes())
    assert pages[0] == pages[1] == pages[2]
    assert list(cache_dir.glob("network-*.pickle"))
