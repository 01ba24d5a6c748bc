"""The interactive graph page: one offline HTML file, drawn with pyvis (the only module using it).

The page carries everything it needs: vis-network's script and style (pyvis's bundled copy,
inlined), our own script and style (``page_assets/``), and the data as JSON in
``<script type="application/json">`` blocks with ``<`` escaped, so nothing from the data is ever
parsed as HTML. Positions are computed in Python (``page_layout``: a schematic by layer, with no
two labels overlapping), and physics is off: the same graph always gives the same picture, and
the page is settled as soon as it is drawn. Filters (kind, theme, dependency kind, year), search,
focus and the language switch run in the browser over the embedded data.
"""

import base64
import hashlib
import json
import math
import warnings
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from rdflib import Graph, Literal, URIRef

from ros_kg.errors import NameNotFoundError, PageTooLargeError
from ros_kg.files import write_atomically
from ros_kg.labels import LANGUAGES, label_of
from ros_kg.namespaces import DCTERMS, FOAF, ORG, ROS
from ros_kg.network import KIND_CLASS, RELATIONS, Network, build_network
from ros_kg.page_layout import (
    FONT_SIZE,
    LABEL_LINES,
    LABEL_WIDTH,
    Box,
    label_box,
    layout,
    wrap_label,
)

ASSETS = Path(__file__).resolve().parent / "page_assets"
YEARS = (2020, 2027)
"""The range of the page's year slider."""

KIND_STYLES: dict[str, tuple[str, str]] = {
    "national_government": ("hexagon", "#1f3a93"),
    "ministry": ("hexagon", "#4a74d9"),
    "province": ("hexagon", "#7b3fa0"),
    "water_board": ("hexagon", "#1593b8"),
    "municipality": ("dot", "#e8742a"),
    "governing_body": ("dot", "#f2b88c"),
    "partnership": ("star", "#c62f3a"),
    "knowledge_institution": ("dot", "#2e9d4f"),
    "cross_border_partner": ("dot", "#d4a514"),
    "economic_partner": ("dot", "#8a9a2b"),
    "designation": ("triangle", "#8d6e63"),
    "agreement": ("triangle", "#a1887f"),
    "decision": ("triangle", "#6d4c41"),
    "document": ("square", "#546e7a"),
    "event": ("triangleDown", "#d35f8d"),
    "change_event": ("triangleDown", "#b0779a"),
    "target": ("diamond", "#00897b"),
    "theme": ("box", "#eceff1"),
    "area": ("square", "#7cb342"),
    "challenge": ("dot", "#e57373"),
    "principle": ("dot", "#64b5f6"),
    "lesson": ("dot", "#ba68c8"),
    "condition": ("diamond", "#ffb300"),
    "claim": ("diamond", "#9e9e9e"),
}
"""Shape and colour per node kind; the legend shows them with the ontology's class labels."""

DEPENDENCY_COLOURS: dict[str, str] = {
    "funding": "#2e7d32",
    "designation": "#6a1b9a",
    "approval": "#1565c0",
    "adoption": "#283593",
    "water": "#0288d1",
    "energy": "#f9a825",
    "knowledge": "#00897b",
    "condition": "#ef6c00",
    "policy": "#5d4037",
    "cooperation": "#ad1457",
    "mobility": "#37474f",
}
OTHER_COLOUR = "#757575"

RELATION_STYLES: dict[str, dict[str, Any]] = {
    "depends_on": {"width": 2.6, "dashes": False},
    "member_of": {"width": 1.6, "dashes": [7, 4], "color": "#78909c"},
    "participant": {"width": 1.0, "dashes": [2, 4], "color": "#a7b4bc"},
    "builds_on": {"width": 1.8, "dashes": [10, 3, 2, 3], "color": "#8d6e63"},
}
DEFAULT_RELATION_STYLE: dict[str, Any] = {"width": 0.8, "dashes": False, "color": "#cfd6da"}

_RELATION_TERMS: dict[str, URIRef] = {
    "depends_on": ROS.dependsOn,
    "member_of": ORG.Membership,
    **{name: prop for prop, name in reversed(RELATIONS)},
}
"""The term whose label names each relation in the legend (first property of each name)."""

MEETING_HIDDEN_KINDS = (
    "governing_body",
    "decision",
    "agreement",
    "event",
    "change_event",
    "target",
    "challenge",
    "principle",
    "lesson",
    "condition",
    "claim",
)
"""Kinds the page opens with unticked (one click in the legend shows them): the overview a
meeting needs is who is at the table, the main documents and who depends on whom."""


MAX_NODES = 2000
"""The most nodes a page draws by default (measured: 5,000 nodes take 18 s and 10 MB)."""


@dataclass(frozen=True)
class PageOptions:
    """What to draw and in which language.

    Attributes:
        lang: the language the page opens in (both are embedded).
        as_of: draw only what held on this day (the year slider still works within it).
        focus: IRI of a node; draw it and what lies within ``depth`` steps, either direction.
        depth: steps from ``focus``.
        kinds: node kinds to keep (``municipality``, ...); empty keeps all.
        themes: theme IRIs; keep the themes, what carries them and what touches that.
        title: the page title; defaults to the partnership's name in ``lang``.
        hidden_kinds: kinds in the file but unticked when the page opens.
        max_nodes: refuse to draw more nodes than this: beyond it the page takes minutes to
            build, megabytes to open and shows a hairball; focusing is the better answer.
    """

    lang: str = "nl"
    as_of: date | None = None
    focus: str | None = None
    depth: int = 1
    kinds: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    title: str | None = None
    hidden_kinds: tuple[str, ...] = MEETING_HIDDEN_KINDS
    max_nodes: int = MAX_NODES


@dataclass(frozen=True)
class PageSummary:
    """What a written page holds."""

    path: Path
    nodes: int
    edges: int
    size: int
    counts: Mapping[str, int] = field(default_factory=dict)


def select_network(graph: Graph, options: PageOptions, network: Network | None = None) -> Network:
    """Return the network the page draws: the projection, narrowed by ``options``.

    Args:
        graph: the graph the projection comes from.
        options: what to draw.
        network: the projection of ``graph`` on ``options.as_of`` if the caller has it (the
            command takes it from the cache: at 1M triples building it costs seconds). It is
            read, never changed.

    Raises:
        NameNotFoundError: ``options.focus`` is not among the nodes left after the other filters.
        PageTooLargeError: more than ``options.max_nodes`` nodes are left to draw.
    """
    full = network if network is not None else build_network(graph, as_of=options.as_of)
    keep = set(full)
    if options.kinds:
        wanted = set(options.kinds)
        keep = {n for n in keep if full.nodes[n]["kind"] in wanted}
    if options.themes:
        keep &= themed_nodes(full.subgraph(keep), options.themes)
    if options.focus is not None:
        if options.focus not in keep:
            raise NameNotFoundError(
                f"'{label_of(graph, URIRef(options.focus), options.lang)}' is not in the drawn "
                "graph (left out by --as-of, --kind or --theme)"
            )
        keep = within_steps(full.subgraph(keep), options.focus, options.depth)
    if len(keep) > options.max_nodes:
        raise PageTooLargeError(
            f"{len(keep)} nodes are too many to draw (at most "
            f"{options.max_nodes}); narrow it with --focus NAME --depth 2, --kind, --theme or "
            "--as-of, or raise --max-nodes"
        )
    return _narrowed(full, keep)


def _narrowed(full: Network, keep: set[str]) -> Network:
    """Return a new network of the ``keep`` nodes of ``full``, in ``full``'s order.

    Not a subgraph view: a view iterates in set order, which would make the page differ from
    run to run, and its attributes would be those of ``full`` (the cached projection).
    """
    narrowed: Network = full.__class__()
    narrowed.graph.update(full.graph)
    order = [n for n in full if n in keep]
    narrowed.add_nodes_from((n, full.nodes[n]) for n in order)  # networkx copies each dict
    for u, v, k, d in full.out_edges(order, keys=True, data=True):
        if v in keep:
            narrowed.add_edge(u, v, key=k, **d)
    return narrowed


def themed_nodes(network: Network, themes: Iterable[str]) -> set[str]:
    """Return the themes, the nodes that carry one, and the nodes one step from those.

    The page's theme filter uses the same rule, so the file and the filter agree.
    """
    chosen = set(themes)
    carriers = {
        node
        for node, attrs in network.nodes(data=True)
        if node in chosen or chosen.intersection(attrs.get("themes", ()))
    }
    near = set(carriers)
    for node in carriers:
        near.update(network.successors(node))
        near.update(network.predecessors(node))
    return near


def within_steps(network: Network, start: str, depth: int) -> set[str]:
    """Return the nodes at most ``depth`` edges from ``start``, following edges either way.

    Examples:
        >>> import networkx as nx
        >>> net = nx.MultiDiGraph([("a", "b"), ("c", "b"), ("c", "d")])
        >>> sorted(within_steps(net, "a", 2))
        ['a', 'b', 'c']
    """
    seen = {start}
    frontier = [start]
    for _ in range(max(depth, 0)):
        step: list[str] = []
        for node in frontier:
            for other in (*network.successors(node), *network.predecessors(node)):
                if other not in seen:
                    seen.add(other)
                    step.append(other)
        frontier = step
    return seen


def page_data(graph: Graph, network: Network, options: PageOptions) -> dict[str, Any]:
    """Return everything the page's script needs, as plain JSON-able values (both languages)."""
    dependents = _dependent_counts(network)
    nodes: dict[str, Any] = {}
    for node, attrs in network.nodes(data=True):
        nodes[node] = {
            "kind": attrs["kind"],
            "label": attrs["label"],
            "alt": attrs["alt_labels"],
            "start": _iso(attrs["start"]),
            "end": _iso(attrs["end"]),
            "date": _iso(attrs["date"]),
            "dateLabel": attrs["date_label"],
            "status": attrs["status"],
            "tooi": _web_link(attrs["tooi"]),
            "wikidata": _web_link(attrs["wikidata"]),
            "cbs": attrs["cbs"],
            "themes": list(attrs["themes"]),
            "sources": attrs["sources"],
            "comment": attrs["comment"],
            "dependents": dependents.get(node, 0),
        }
    edges: list[dict[str, Any]] = []
    for index, (source, target, key, attrs) in enumerate(_sorted_edges(network)):
        edges.append(
            {
                "id": f"e{index}",
                "from": source,
                "to": target,
                "key": key,
                "relation": attrs["relation"],
                "kind": attrs["kind"],
                "label": attrs["label"],
                "basis": attrs["basis"],
                "start": _iso(attrs["start"]),
                "end": _iso(attrs["end"]),
                "sources": attrs["sources"],
            }
        )
    return {
        "lang": options.lang,
        "title": _titles(graph, options),
        "years": list(YEARS),
        "labelWrap": [LABEL_WIDTH, LABEL_LINES],
        "asOf": _iso(options.as_of),
        "focus": options.focus,
        "depth": options.depth,
        "hiddenKinds": sorted(set(options.hidden_kinds) - {_focus_kind(network, options.focus)}),
        "kinds": _kind_legend(graph, network),
        "dependencyKinds": _dependency_legend(network),
        "relations": _relation_legend(graph, network),
        "themes": _theme_list(graph, network),
        "sources": _sources(graph, network),
        "nodes": nodes,
        "edges": edges,
    }


def render_page(
    graph: Graph, options: PageOptions, network: Network | None = None
) -> tuple[str, Network]:
    """Draw the page for ``graph`` and return its HTML and the network it draws.

    ``network`` is the projection on ``options.as_of`` if the caller has it (see
    :func:`select_network`).

    Raises:
        NameNotFoundError: the focus is not among the drawn nodes.
    """
    network = select_network(graph, options, network)
    data = page_data(graph, network, options)
    positions = layout(network, label_boxes(network), hidden_kinds=options.hidden_kinds)
    html = _generate_html(network, data, positions, options.lang)
    return html, network


def write_page(
    path: Path, graph: Graph, options: PageOptions, network: Network | None = None
) -> PageSummary:
    """Write the page to ``path`` atomically, in UTF-8, and nothing else anywhere.

    ``network`` is the projection on ``options.as_of`` if the caller has it (see
    :func:`select_network`).

    Raises:
        NameNotFoundError: the focus is not among the drawn nodes.
        OutputError: the file cannot be written.
    """
    html, network = render_page(graph, options, network)
    content = html.encode("utf-8")
    write_atomically(path, content)
    counts: Counter[str] = Counter(a["kind"] for _, a in network.nodes(data=True))
    return PageSummary(
        path=path,
        nodes=network.number_of_nodes(),
        edges=network.number_of_edges(),
        size=len(content),
        counts=dict(sorted(counts.items())),
    )


def script_json(value: Any) -> str:
    r"""Serialise ``value`` for a ``<script type="application/json">`` block.

    ``<`` becomes ``\u003c``, so no text from the data can close the block or open a comment;
    ``JSON.parse`` gives the text back unchanged.

    Examples:
        >>> script_json({"label": "</script><!--"})
        '{"label": "\\u003c/script>\\u003c!--"}'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _generate_html(
    network: Network,
    data: dict[str, Any],
    positions: Mapping[str, tuple[float, float]],
    lang: str,
) -> str:
    from jinja2 import Environment, FileSystemLoader
    from markupsafe import Markup

    with warnings.catch_warnings():
        # pyvis pulls in IPython and jsonpickle, which may warn about their own dependencies.
        warnings.simplefilter("ignore", DeprecationWarning)
        from pyvis.network import Network as PyvisNetwork

    net = PyvisNetwork(directed=True, height="100%", width="100%", cdn_resources="in_line")
    edge_ids = {(e["from"], e["to"], e["key"]): e["id"] for e in data["edges"]}
    for node in sorted(network):
        attrs = network.nodes[node]
        shape, colour = KIND_STYLES.get(attrs["kind"], ("dot", OTHER_COLOUR))
        x, y = positions[node]
        net.add_node(
            node,
            label=wrap_label(attrs["label"].get(lang) or node),
            shape=shape,
            color=colour,
            size=_node_size(data["nodes"][node]["dependents"], attrs["kind"]),
            x=x,
            y=y,
        )
    for source, target, key, attrs in _sorted_edges(network):
        style = _edge_style(attrs)
        net.add_edge(source, target, id=edge_ids[(source, target, key)], **style)
    net.options = _vis_options(network.number_of_nodes())
    net.heading = ""

    dist = _vis_dist()
    vis_js = _read(dist / "vis-network.min.js")
    page_js = _read(ASSETS / "page.js")
    env = Environment(loader=FileSystemLoader(str(ASSETS)), autoescape=True)
    env.filters["script_json"] = lambda value: Markup(script_json(value))
    env.filters["script_json_text"] = lambda text: Markup(script_json(json.loads(text)))
    env.globals.update(
        page_data=data,
        page_lang=lang,
        page_title=data["title"].get(lang, ""),
        page_csp=content_security_policy([vis_js, page_js]),
        vis_js=Markup(vis_js),
        vis_css=Markup(_read(dist / "vis-network.css")),
        page_js=Markup(page_js),
        page_css=Markup(_read(ASSETS / "page.css")),
    )
    net.templateEnv = env
    net.path = "page.html"
    html: str = net.generate_html(name="page.html", notebook=False)
    return html


def content_security_policy(scripts: Iterable[str]) -> str:
    """Return a policy that runs only ``scripts`` (by hash) and lets the page fetch nothing.

    A script smuggled in would not run even if it reached the markup, and no image, font,
    style sheet or request can leave the page; ``data:`` images are vis-network's own icons.
    """
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
        for s in scripts
    )
    return (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; "
        "connect-src 'none'; font-src 'none'; object-src 'none'; frame-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )


def _vis_dist() -> Path:
    import pyvis

    root = Path(pyvis.__file__).resolve().parent
    for candidate in (root / "templates" / "lib" / "vis-9.1.2", root / "lib" / "vis-9.1.2"):
        if (candidate / "vis-network.min.js").is_file():
            return candidate
    raise FileNotFoundError("pyvis is installed without its bundled vis-network 9.1.2")


def _read(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if "</script" in text.lower() or "</style" in text.lower():
        raise ValueError(f"{path} cannot be inlined: it contains a closing tag")
    return text


def _vis_options(count: int) -> dict[str, Any]:
    large = count > 800
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"randomSeed": 7, "improvedLayout": False},
        "interaction": {
            "hover": not large,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "navigationButtons": False,
            "keyboard": False,
            "multiselect": False,
        },
        "nodes": {
            "font": {
                "size": FONT_SIZE,
                "face": "system-ui, Segoe UI, Helvetica, Arial, sans-serif",
                "color": "#1c2833",
                "strokeWidth": 4,
                "strokeColor": "#ffffff",
            },
            "borderWidth": 1.5,
            "scaling": {"label": {"enabled": False}},
        },
        "edges": {
            # Straight lines suit the layered schematic; parallel links share their line.
            "smooth": False,
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.55}},
            "selectionWidth": 2,
        },
    }


def _node_size(dependents: int, kind: str) -> float:
    base = 9.0 if kind in {"governing_body", "target", "claim", "lesson", "principle"} else 13.0
    return round(base + 7.0 * math.sqrt(dependents), 1)


def _edge_style(attrs: Mapping[str, Any]) -> dict[str, Any]:
    relation = attrs["relation"]
    style = dict(RELATION_STYLES.get(relation, DEFAULT_RELATION_STYLE))
    if relation == "depends_on":
        style["color"] = DEPENDENCY_COLOURS.get(attrs["kind"], OTHER_COLOUR)
    colour = style.pop("color")
    style["color"] = {"color": colour, "highlight": colour, "hover": colour, "opacity": 1.0}
    return style


def label_boxes(network: Network) -> dict[str, Box]:
    """Return the room each node takes on the page: its shape and its label in either language."""
    dependents = _dependent_counts(network)
    boxes: dict[str, Box] = {}
    for node, attrs in network.nodes(data=True):
        shape, _ = KIND_STYLES.get(attrs["kind"], ("dot", OTHER_COLOUR))
        labels = [wrap_label(attrs["label"].get(lang) or node) for lang in LANGUAGES]
        boxes[node] = label_box(labels, shape, _node_size(dependents.get(node, 0), attrs["kind"]))
    return boxes


def _sorted_edges(network: Network) -> list[tuple[str, str, str, dict[str, Any]]]:
    return sorted(network.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2])))


def _dependent_counts(network: Network) -> dict[str, int]:
    dependents: dict[str, set[str]] = {}
    for source, target, attrs in network.edges(data=True):
        if attrs["relation"] == "depends_on":
            dependents.setdefault(target, set()).add(source)
    return {node: len(who) for node, who in dependents.items()}


def _labels(graph: Graph, node: URIRef) -> dict[str, str]:
    return {lang: label_of(graph, node, lang) for lang in LANGUAGES}


def _kind_legend(graph: Graph, network: Network) -> list[dict[str, Any]]:
    present: Counter[str] = Counter(a["kind"] for _, a in network.nodes(data=True))
    legend: list[dict[str, Any]] = []
    for kind, cls in KIND_CLASS.items():
        if kind in present:
            shape, colour = KIND_STYLES.get(kind, ("dot", OTHER_COLOUR))
            legend.append(
                {
                    "key": kind,
                    "label": _labels(graph, cls),
                    "shape": shape,
                    "color": colour,
                    "count": present[kind],
                }
            )
    return legend


def _dependency_legend(network: Network) -> list[dict[str, Any]]:
    legend: dict[str, Any] = {}
    for _, _, attrs in sorted(network.edges(data=True), key=lambda e: str(e[2]["kind"])):
        if attrs["relation"] != "depends_on":
            continue
        kind = attrs["kind"]
        entry = legend.setdefault(
            kind,
            {
                "key": kind,
                "label": attrs.get("kind_label") or {lang: kind for lang in LANGUAGES},
                "color": DEPENDENCY_COLOURS.get(kind, OTHER_COLOUR),
                "count": 0,
            },
        )
        entry["count"] += 1
    return sorted(legend.values(), key=lambda e: (-e["count"], e["key"]))


def _relation_legend(graph: Graph, network: Network) -> list[dict[str, Any]]:
    present: Counter[str] = Counter(a["relation"] for _, _, a in network.edges(data=True))
    legend: list[dict[str, Any]] = []
    order = [*RELATION_STYLES, *sorted(set(present) - set(RELATION_STYLES))]
    for relation in (r for r in order if r in present):
        style = RELATION_STYLES.get(relation, DEFAULT_RELATION_STYLE)
        term = _RELATION_TERMS.get(relation)
        legend.append(
            {
                "key": relation,
                "label": _labels(graph, term)
                if term is not None
                else {lang: relation for lang in LANGUAGES},
                "color": style.get("color", OTHER_COLOUR),
                "dashes": style["dashes"],
                "width": style["width"],
                "count": present[relation],
            }
        )
    return legend


def _theme_list(graph: Graph, network: Network) -> list[dict[str, Any]]:
    themes: set[str] = {n for n, a in network.nodes(data=True) if a["kind"] == "theme"}
    for _, attrs in network.nodes(data=True):
        themes.update(attrs["themes"])
    return [
        {"id": theme, "label": _labels(graph, URIRef(theme))}
        for theme in sorted(themes, key=lambda t: label_of(graph, URIRef(t), "nl").casefold())
    ]


def _sources(graph: Graph, network: Network) -> dict[str, Any]:
    used: set[str] = set()
    for _, attrs in network.nodes(data=True):
        used.update(attrs["sources"])
    for _, _, attrs in network.edges(data=True):
        used.update(attrs["sources"])
    sources: dict[str, Any] = {}
    for iri in sorted(used):
        node = URIRef(iri)
        titles = _lang_texts(graph, node, DCTERMS.title)
        label = _labels(graph, node)
        title = {lang: titles.get(lang) or titles.get("") or label[lang] for lang in LANGUAGES}
        section = graph.value(node, ROS.section)
        page = graph.value(node, FOAF.page)
        sources[iri] = {
            "title": title,
            "section": str(section) if isinstance(section, Literal) else None,
            "url": _web_link(str(page)) if page is not None else None,
        }
    return sources


def _focus_kind(network: Network, focus: str | None) -> str | None:
    return network.nodes[focus]["kind"] if focus is not None and focus in network else None


def _titles(graph: Graph, options: PageOptions) -> dict[str, str]:
    if options.title:
        return dict.fromkeys(LANGUAGES, options.title)
    base = {"nl": "ROS Twente: wie hangt van wie af", "en": "ROS Twente: who depends on whom"}
    if options.focus:
        focus = _labels(graph, URIRef(options.focus))
        return {lang: f"{base[lang]} · {focus[lang]}" for lang in LANGUAGES}
    return base


def _lang_texts(graph: Graph, node: URIRef, predicate: URIRef) -> dict[str, str]:
    texts: dict[str, str] = {}
    for literal in graph.objects(node, predicate):
        if isinstance(literal, Literal):
            texts.setdefault(literal.language or "", str(literal))
    return texts


def _web_link(value: str | None) -> str | None:
    """Keep ``value`` only when it is an http(s) address, so a link can never run a script."""
    if not value:
        return None
    parts = urlsplit(value)
    return value if parts.scheme in {"http", "https"} and parts.netloc else None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def node_ids(network: Network) -> Sequence[str]:
    """Return the network's node IRIs in the order the page draws them."""
    return sorted(network)
