"""The graph page in a real browser: headless Chromium from file://, no network at all.

Skipped only on a desk without /usr/bin/chromium; in CI (``CI`` set) a missing browser fails.
"""

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph

from ros_kg.names import NameIndex
from ros_kg.network import build_network
from ros_kg.page import PageOptions, select_network, write_page
from ros_kg.store import load_graph

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
DATA = Path(__file__).parent / "data"
T = "https://example.org/page-test/"
E = "https://example.org/page-evil/"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not os.environ.get("CI"),
        reason="needs Debian's chromium at /usr/bin/chromium (never skipped in CI)",
    ),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@dataclass
class Opened:
    """A page opened from file://, with what it asked for and what it complained about."""

    page: Any
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)


def _open(browser: Any, path: Path) -> Iterator[Opened]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    opened = Opened(page)

    def route(r: Any) -> None:
        url = r.request.url
        if url.startswith(("file:", "data:")):
            r.continue_()
        else:
            opened.blocked.append(url)
            r.abort()

    page.route("**/*", route)
    page.on("request", lambda request: opened.requests.append(request.url))
    page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: opened.errors.append(str(exc)))
    page.goto(path.resolve().as_uri())
    page.wait_for_function("window.rosKg && window.rosKg.ready", timeout=30_000)
    page.wait_for_timeout(200)
    yield opened
    context.close()


@pytest.fixture(scope="module")
def shipped() -> Graph:
    return load_graph()


@pytest.fixture(scope="module")
def small() -> Graph:
    return load_graph([DATA / "page_small_twente.ttl", DATA / "page_injection.ttl"])


class Pages:
    """Pages written on first use, so the fixture pages do not wait for the shipped graph."""

    def __init__(self, folder: Path, request: pytest.FixtureRequest) -> None:
        self.folder = folder
        self.request = request
        self.made: dict[str, Path] = {}

    def options(self, name: str) -> tuple[Graph, PageOptions]:
        if name.startswith("small"):
            small: Graph = self.request.getfixturevalue("small")
            focus = PageOptions(focus=T + "borne", depth=1)
            return small, focus if name == "small-focus" else PageOptions()
        shipped: Graph = self.request.getfixturevalue("shipped")
        if name == "twente-focus":
            return shipped, PageOptions(focus=_resolve(shipped, "Enschede"), depth=1)
        return shipped, PageOptions()

    def __getitem__(self, name: str) -> Path:
        if name not in self.made:
            graph, options = self.options(name)
            self.made[name] = self.folder / f"{name}.html"
            write_page(self.made[name], graph, options)
        return self.made[name]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Pages:
    return Pages(tmp_path_factory.mktemp("pages"), request)


@pytest.fixture
def twente(browser: Any, pages: Pages) -> Iterator[Opened]:
    yield from _open(browser, pages["twente"])


@pytest.fixture
def small_page(browser: Any, pages: Pages) -> Iterator[Opened]:
    yield from _open(browser, pages["small"])


def _opening_view(network: Any, options: PageOptions) -> Any:
    """The network as the page opens: the kinds ticked off at first are left out."""
    hidden = (
        set(options.hidden_kinds) - {network.nodes[options.focus]["kind"]}
        if options.focus
        else set(options.hidden_kinds)
    )
    return network.subgraph([n for n, a in network.nodes(data=True) if a["kind"] not in hidden])


def _members(network: Any, organisation: str) -> set[str]:
    return {
        u
        for u, v, a in network.edges(data=True)
        if a["relation"] == "member_of" and v == organisation
    }


def _member_counts(network: Any) -> dict[str, int]:
    counts: dict[str, int] = {}
    for _, v, a in network.edges(data=True):
        if a["relation"] == "member_of":
            counts[v] = counts.get(v, 0) + 1
    return counts


def _resolve(graph: Graph, name: str) -> str:
    return str(NameIndex.build(graph).resolve(name))


@pytest.mark.parametrize("name", ["twente", "twente-focus", "small", "small-focus"])
def test_no_request_and_no_error_while_loading(browser: Any, pages: Pages, name: str) -> None:
    for opened in _open(browser, pages[name]):
        opened.page.wait_for_timeout(500)
        assert opened.blocked == []
        assert [r for r in opened.requests if not r.startswith("file:")] == []
        assert opened.errors == []


@pytest.mark.parametrize(
    ("name", "graph_name", "options"),
    [
        ("twente", "shipped", PageOptions()),
        ("small", "small", PageOptions()),
        ("small-focus", "small", PageOptions(focus=T + "borne", depth=1)),
    ],
)
def test_the_drawing_holds_exactly_the_network(
    browser: Any,
    pages: Pages,
    request: pytest.FixtureRequest,
    name: str,
    graph_name: str,
    options: PageOptions,
) -> None:
    network = _opening_view(select_network(request.getfixturevalue(graph_name), options), options)
    for opened in _open(browser, pages[name]):
        assert sorted(opened.js("rosKg.drawnNodeIds()")) == sorted(network)
        drawn = opened.js(
            "rosKg.drawnEdgeIds().map(id => rosKg.edge(id)).map(e => [e.from, e.to, e.key])"
        )
        assert sorted(map(tuple, drawn)) == sorted(network.edges(keys=True))


def test_the_focus_page_draws_the_focus_and_its_neighbours(
    browser: Any, pages: Pages, shipped: Graph
) -> None:
    enschede = _resolve(shipped, "Enschede")
    options = PageOptions(focus=enschede, depth=1)
    network = _opening_view(select_network(shipped, options), options)
    for opened in _open(browser, pages["twente-focus"]):
        assert sorted(opened.js("rosKg.drawnNodeIds()")) == sorted(network)
        assert enschede in opened.js("rosKg.drawnNodeIds()")
        assert opened.page.locator("#panel h2").text_content() == "Enschede"


def test_search_finds_borne_and_she_by_abbreviation(twente: Opened, shipped: Graph) -> None:
    page = twente.page
    page.fill("#search", "borne")
    first = page.locator("#results li button").first
    assert first.get_attribute("data-id") == _resolve(shipped, "Borne")
    page.fill("#search", "SHE")
    first = page.locator("#results li button").first
    assert first.get_attribute("data-id") == _resolve(shipped, "Spoorzone Hengelo-Enschede")
    first.click()
    assert "Spoorzone" in (page.locator("#panel h2").text_content() or "")


def test_search_knows_english_labels(twente: Opened, shipped: Graph) -> None:
    found = twente.js("rosKg.search('Province of Overijssel')")
    assert found[0] == _resolve(shipped, "Overijssel")


def test_filtering_out_municipalities_hides_exactly_the_14(twente: Opened, shipped: Graph) -> None:
    municipalities = {
        n for n, a in build_network(shipped).nodes(data=True) if a["kind"] == "municipality"
    }
    assert len(municipalities) == 14
    before = set(twente.js("rosKg.drawnNodeIds()"))
    assert municipalities <= before
    twente.page.locator("#legend-kinds input[data-key=municipality]").uncheck()
    after = set(twente.js("rosKg.drawnNodeIds()"))
    assert before - after == municipalities


def test_the_slider_at_2023_shows_who_took_part_in_2023(twente: Opened, shipped: Graph) -> None:
    names = {_resolve(shipped, n): n for n in ("Almelo", "Hengelo", "Enschede", "Overijssel")}
    then = build_network(shipped, as_of=date(2023, 12, 31))
    later = build_network(shipped)
    partnership = max(sorted(_member_counts(later)), key=lambda v: _member_counts(later)[v])
    members_2023 = _members(then, partnership)
    joined_later = _members(later, partnership) - members_2023
    assert members_2023 == set(names)
    assert joined_later

    slider = twente.page.locator("#year")
    slider.fill("2023")
    assert twente.page.locator("#year-value").text_content() == "2023"
    visible = twente.js("rosKg.drawnEdgeIds().map(id => rosKg.edge(id))")
    shown_members = {
        e["from"] for e in visible if e["relation"] == "member_of" and e["to"] == partnership
    }
    assert shown_members == set(names)
    assert not joined_later & shown_members


def test_the_panel_of_enschede_shows_tooi_and_a_sourced_dependency(
    twente: Opened, shipped: Graph
) -> None:
    page = twente.page
    page.fill("#search", "Enschede")
    page.keyboard.press("Enter")
    panel = page.locator("#panel")
    assert panel.is_visible()
    tooi = panel.locator("a[href='https://identifier.overheid.nl/tooi/id/gemeente/gm0153']")
    assert tooi.count() == 1
    dependency = panel.locator("li:has(ul.edge-sources li)").first
    assert dependency.count() == 1
    assert dependency.locator(".node-link").count() >= 1


def test_focus_fades_what_lies_further(small_page: Opened) -> None:
    small_page.js(
        "rosKg.focus(arguments[0] || 'x', 1)".replace("arguments[0] || 'x'", repr(T + "borne"))
    )
    faded = set(small_page.js("rosKg.fadedNodeIds()"))
    drawn = set(small_page.js("rosKg.drawnNodeIds()"))
    assert drawn - faded == {T + "borne", T + "enschede", T + "ros"}
    small_page.js("rosKg.clearFocus()")
    assert small_page.js("rosKg.fadedNodeIds()") == []


def test_the_language_switch(small_page: Opened) -> None:
    page = small_page.page
    page.click("#lang-en")
    assert page.locator("#legend-kinds").text_content() is not None
    assert "municipality" in (page.locator("#legend-kinds").text_content() or "")
    assert small_page.js("rosKg.search('Spatial offer 2023')")[0] == T + "bod"
    small_page.js(f"rosKg.select({T + 'enschede'!r})")
    assert "Depends on" in (page.locator("#panel").text_content() or "")
    page.click("#lang-nl")
    assert "gemeente" in (page.locator("#legend-kinds").text_content() or "")


def test_injected_markup_shows_as_text_and_runs_nothing(small_page: Opened) -> None:
    page = small_page.page
    page.fill("#search", "script")
    button = page.locator(f"#results li button[data-id='{E}script']")
    assert "<script>window.__pwned = 'label';</script>" in (button.text_content() or "")
    button.click()
    panel = page.locator("#panel")
    assert panel.locator("h2").text_content() == "<script>window.__pwned = 'label';</script>"
    text = panel.text_content() or ""
    assert "<img src=x onerror=\"window.__pwned = 'comment'\">" in text
    assert "</script><script>window.__pwned = 'source';</script>" in text
    assert "\"quoted\" 'single' & <amp>" in text
    small_page.js(f"rosKg.select({E + 'img'!r})")
    small_page.page.click("#lang-en")
    small_page.js(f"rosKg.select({E + 'script'!r})")
    page.wait_for_timeout(300)
    assert small_page.js("window.__pwned") is None
    assert small_page.js("document.querySelectorAll('img, svg[onload], [onerror]').length") == 0
    hrefs = small_page.js("Array.from(document.querySelectorAll('a')).map(a => a.href)")
    assert all(h.startswith("https://") for h in hrefs)
    assert small_page.errors == []
    assert small_page.blocked == []


def test_the_drawn_labels_neither_overlap_nor_shrink_past_reading(
    twente: Opened, small_page: Opened
) -> None:
    for opened in (twente, small_page):
        boxes = sorted(opened.js("rosKg.drawnBoxes()"), key=lambda b: b[1])
        covered = [
            (a[0], b[0])
            for i, a in enumerate(boxes)
            for b in boxes[i + 1 :]
            if b[1] < a[3] and a[1] < b[3] and b[2] < a[4] and a[2] < b[4]
        ]
        assert covered == []
    # The page's font is 16 drawing units; at the opening scale it stays about 9 pixels or more.
    assert twente.js("rosKg.scale()") * 16 >= 9
