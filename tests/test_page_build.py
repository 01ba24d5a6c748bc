"""The graph page as a file: self-contained, escaped, reproducible, written once (no browser)."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from rdflib import Graph

from ros_kg.cli import cli
from ros_kg.errors import NameNotFoundError, PageTooLargeError
from ros_kg.page import PageOptions, render_page, script_json, select_network, write_page
from ros_kg.store import load_graph

DATA = Path(__file__).parent / "data"
SMALL = DATA / "page_small_twente.ttl"
EVIL = DATA / "page_injection.ttl"
T = "https://example.org/page-test/"


class _Blocks(HTMLParser):
    """Collects tags with their attributes and the text of every script block."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._open: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._open = dict(attrs)
            self.scripts.append((self._open, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)


def _parse(html: str) -> _Blocks:
    blocks = _Blocks()
    blocks.feed(html)
    return blocks


def _json_block(html: str, block_id: str) -> Any:
    for attrs, text in _parse(html).scripts:
        if attrs.get("id") == block_id:
            return json.loads(text)
    raise AssertionError(f"no block {block_id}")


@pytest.fixture(scope="module")
def small_graph() -> Graph:
    return load_graph([SMALL, EVIL])


def test_the_page_is_one_file_that_loads_nothing(small_graph: Graph) -> None:
    html, _ = render_page(small_graph, PageOptions())
    blocks = _parse(html)
    assert not [t for t, a in blocks.tags if t == "link"]
    assert not [a for t, a in blocks.tags if a.get("src") or a.get("href")]
    assert "bootstrap" not in html.lower()
    assert "cdnjs" not in html and "jsdelivr" not in html
    assert "vis.Network" in html  # vis-network itself is inlined


def test_only_our_scripts_run_and_the_policy_names_them(small_graph: Graph) -> None:
    html, _ = render_page(small_graph, PageOptions())
    blocks = _parse(html)
    code = [text for attrs, text in blocks.scripts if attrs.get("type") != "application/json"]
    assert len(code) == 2
    assert len(blocks.scripts) == 6
    csp = next(
        a["content"] for t, a in blocks.tags if a.get("http-equiv") == "Content-Security-Policy"
    )
    assert csp is not None
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("style-src")[0]
    assert csp.count("'sha256-") == 2


def test_text_from_the_data_never_reaches_the_markup(small_graph: Graph) -> None:
    html, _ = render_page(small_graph, PageOptions())
    assert "<script>window" not in html
    assert "<img src=x" not in html
    assert "<svg onload" not in html
    assert "</script><!--" not in html
    data = _json_block(html, "ros-kg-data")
    label = data["nodes"]["https://example.org/page-evil/script"]["label"]
    assert label["nl"] == "<script>window.__pwned = 'label';</script>"
    assert label["en"].startswith("</script><!-- <script>")
    assert data["nodes"]["https://example.org/page-evil/img"]["wikidata"] is None
    assert all(s["url"] is None for s in data["sources"].values() if "evil" in json.dumps(s))


def test_script_json_escapes_every_opening_bracket() -> None:
    text = script_json({"a": "</script><!-- <b>"})
    assert "<" not in text
    assert json.loads(text) == {"a": "</script><!-- <b>"}


def test_the_same_graph_gives_the_same_page(small_graph: Graph) -> None:
    first, _ = render_page(small_graph, PageOptions(lang="en"))
    second, _ = render_page(small_graph, PageOptions(lang="en"))
    assert first == second


def test_the_page_draws_exactly_the_network(small_graph: Graph) -> None:
    html, network = render_page(small_graph, PageOptions())
    vis_nodes = _json_block(html, "vis-nodes")
    vis_edges = _json_block(html, "vis-edges")
    data = _json_block(html, "ros-kg-data")
    assert sorted(n["id"] for n in vis_nodes) == sorted(network)
    assert len(vis_edges) == network.number_of_edges()
    keys = {(e["from"], e["to"], e["key"]) for e in data["edges"]}
    assert keys == set(network.edges(keys=True))


def test_focus_keeps_the_node_and_its_steps(small_graph: Graph) -> None:
    network = select_network(small_graph, PageOptions(focus=T + "borne", depth=1))
    assert set(network) == {T + "borne", T + "enschede", T + "ros"}
    deeper = select_network(small_graph, PageOptions(focus=T + "borne", depth=2))
    assert T + "bzk" in deeper and T + "hengelo" in deeper


def test_kind_and_theme_filters(small_graph: Graph) -> None:
    municipalities = select_network(small_graph, PageOptions(kinds=("municipality",)))
    assert {n for n in municipalities if n.startswith(T)} == {
        T + name for name in ("almelo", "hengelo", "enschede", "borne")
    }
    themed = select_network(small_graph, PageOptions(themes=(T + "mobiliteit",)))
    assert set(themed) == {T + "mobiliteit", T + "she", T + "overijssel"}


def test_a_focus_left_out_by_the_filters_is_a_user_error(small_graph: Graph) -> None:
    with pytest.raises(NameNotFoundError, match="not in the drawn graph"):
        select_network(small_graph, PageOptions(kinds=("ministry",), focus=T + "borne"))


def test_as_of_draws_what_held_then(small_graph: Graph) -> None:
    from datetime import date

    network = select_network(small_graph, PageOptions(as_of=date(2023, 12, 31)))
    members = {
        u for u, v, a in network.edges(data=True) if a["relation"] == "member_of" and v == T + "ros"
    }
    assert members == {T + n for n in ("almelo", "hengelo", "enschede", "overijssel")}
    assert T + "ros-doc" not in network


def test_written_in_utf8_with_nothing_beside_it(
    small_graph: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "site" / "graaf.html"
    out.parent.mkdir()
    summary = write_page(out, small_graph, PageOptions())
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["graaf.html", "site"]
    raw = out.read_bytes()
    assert summary.size == len(raw)
    assert "Spoorzone Hengelo\N{EN DASH}Enschede".encode() in raw
    assert raw.decode("utf-8").startswith("<!DOCTYPE html>")


def test_viz_command_writes_the_page(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "twente.html"
    result = runner.invoke(
        cli,
        ["--data", str(SMALL), "viz", "-o", str(out), "--focus", T + "enschede", "--lang", "en"],
    )
    assert result.exit_code == 0, result.output
    assert re.search(r"wrote .*twente\.html: \d+ nodes, \d+ links, \d+ KiB", result.output)
    assert _json_block(out.read_text(encoding="utf-8"), "ros-kg-data")["lang"] == "en"


def test_viz_into_a_missing_folder_is_a_one_line_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        cli, ["--data", str(SMALL), "viz", "-o", str(tmp_path / "no" / "x.html")]
    )
    assert result.exit_code == 1
    assert "does not exist" in result.output
    assert "Traceback" not in result.output


def test_viz_with_an_unknown_focus_offers_names(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        cli, ["--data", str(SMALL), "viz", "-o", str(tmp_path / "x.html"), "--focus", "Bornee"]
    )
    assert result.exit_code == 1
    assert not (tmp_path / "x.html").exists()


def test_the_shipped_picture_is_a_schematic_without_overlapping_labels() -> None:
    from ros_kg.page import MEETING_HIDDEN_KINDS, label_boxes
    from ros_kg.page_layout import layout, overlaps

    network = select_network(load_graph(), PageOptions())
    boxes = label_boxes(network)
    positions = layout(network, boxes, hidden_kinds=MEETING_HIDDEN_KINDS)
    assert set(positions) == set(network)
    assert positions == layout(network, boxes, hidden_kinds=MEETING_HIDDEN_KINDS)
    shown = [n for n, a in network.nodes(data=True) if a["kind"] not in MEETING_HIDDEN_KINDS]
    assert overlaps(positions, boxes, shown) == []
    assert overlaps(positions, boxes, network) == []  # ticking a hidden kind adds, never covers
    y = {
        kind: [positions[n][1] for n, a in network.nodes(data=True) if a["kind"] == kind]
        for kind in ("national_government", "partnership", "municipality")
    }
    assert max(y["national_government"]) < min(y["partnership"]) < min(y["municipality"])


def test_labels_wrap_the_same_way_in_python_and_in_the_page() -> None:
    from ros_kg.page_layout import wrap_label

    assert wrap_label("Omgevingsvisie Rijssen-Holten") == "Omgevingsvisie\nRijssen-Holten"
    assert wrap_label("a" * 45) == "a" * 20 + "\n" + "a" * 19 + "…"
    assert wrap_label("") == ""


def test_a_graph_too_large_to_draw_is_refused_with_advice(small_graph: Graph) -> None:
    size = select_network(small_graph, PageOptions()).number_of_nodes()
    with pytest.raises(PageTooLargeError, match=r"--focus NAME"):
        select_network(small_graph, PageOptions(max_nodes=size - 1))
    assert select_network(small_graph, PageOptions(max_nodes=size)).number_of_nodes() == size


def test_viz_refuses_too_many_nodes_and_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "te-groot.html"
    result = runner.invoke(cli, ["viz", "-o", str(target), "--max-nodes", "10"])
    assert result.exit_code == 1
    assert "too many to draw" in result.output
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "options",
    [
        PageOptions(),
        PageOptions(focus=T + "borne", depth=2),
        PageOptions(kinds=("municipality", "partnership"), focus=T + "borne", depth=2),
        PageOptions(themes=(T + "mobiliteit",)),
    ],
    ids=["all", "focus", "kinds and focus", "theme"],
)
def test_a_page_from_a_given_projection_is_the_same_page_and_leaves_it_as_it_was(
    small_graph: Graph, options: PageOptions
) -> None:
    from ros_kg.network import build_network

    full = build_network(small_graph)
    before = (list(full.nodes(data=True)), list(full.edges(keys=True, data=True)))
    snapshot = json.dumps(before, default=str)
    given, drawn = render_page(small_graph, options, full)
    afresh, _ = render_page(small_graph, options)
    assert given == afresh
    assert (
        json.dumps(
            (list(full.nodes(data=True)), list(full.edges(keys=True, data=True))), default=str
        )
        == snapshot
    )
    assert drawn is not full and drawn.number_of_nodes() <= full.number_of_nodes()


def test_drawing_everything_keeps_the_projection_in_its_order(small_graph: Graph) -> None:
    from ros_kg.network import build_network

    full = build_network(small_graph)
    drawn = select_network(small_graph, PageOptions())
    assert list(drawn.nodes(data=True)) == list(full.nodes(data=True))
    assert list(drawn.edges(keys=True, data=True)) == list(full.edges(keys=True, data=True))
    assert drawn.graph == full.graph
