"""Where the graph page draws each node: a structured layout by layer, computed in Python.

The page is shown on a meeting-room screen, so the picture is a schematic, not a cloud. Each
kind belongs to a zone: the Rijk and the ministries (with the national documents) at the top,
designations and decisions below them, the partnerships, province, water board and the regional
documents in the middle, the municipalities at the bottom, areas and themes in a column on the
left and knowledge institutions and cross-border partners in a column on the right. A document
made by one party alone (a municipality's omgevingsvisie) hangs right under that party. Within a
zone the nodes are ordered by where their neighbours are (a few barycentre sweeps), and rows are
interleaved like bricks, so no two label boxes overlap and the lines between layers stay short.
Zone widths are chosen so the whole picture fits the page's canvas at the largest scale.

Kinds the page opens with unticked are placed in bands under the picture, so ticking them adds
rows without moving anything. Beyond ``STRUCTURED_LIMIT`` shown nodes the page falls back to a
seeded force layout per connected part. Everything is deterministic: sorted inputs, no clocks.
"""

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ros_kg.network import Network

FONT_SIZE = 16.0
"""Label font size in drawing units (the page's vis-network font)."""
CHAR_WIDTH = 0.57 * FONT_SIZE
"""A generous average character width of the page's sans-serif font."""
LINE_HEIGHT = 1.05 * FONT_SIZE
LABEL_WIDTH = 20
"""Characters per drawn label line."""
LABEL_LINES = 2
"""Lines per drawn label; the full label is in the tooltip and the side panel."""

GAP_X = 26.0
"""Horizontal room between two label boxes in a row."""
GAP_Y = 26.0
"""Vertical room between two rows of a zone."""
ZONE_GAP = 70.0
"""Vertical room between two zones of the middle column."""
COLUMN_GAP = 110.0
"""Horizontal room between the side columns and the middle column."""
CANVAS = (1150.0, 850.0)
"""The canvas the opening picture is fitted to (a 1400x900 window minus the side bar)."""
STRUCTURED_LIMIT = 400
"""Above this many shown nodes the force layout is used: zones of hundreds are no schematic."""
SWEEPS = 6

ZONE_OF_KIND: dict[str, str] = {
    "national_government": "national",
    "ministry": "national",
    "designation": "decisions",
    "decision": "decisions",
    "agreement": "decisions",
    "event": "decisions",
    "change_event": "decisions",
    "target": "decisions",
    "condition": "decisions",
    "claim": "decisions",
    "partnership": "core",
    "province": "core",
    "water_board": "core",
    "governing_body": "core",
    "document": "core",
    "municipality": "local",
    "area": "places",
    "theme": "places",
    "challenge": "places",
    "principle": "places",
    "lesson": "places",
    "knowledge_institution": "partners",
    "cross_border_partner": "partners",
    "economic_partner": "partners",
}
"""The zone each kind is drawn in; an unknown kind goes to ``core``."""
MIDDLE = ("national", "decisions", "core", "local")
"""The zones of the middle column, top to bottom."""
LEFT = ("places",)
RIGHT = ("partners",)
SATELLITE_KINDS = frozenset({"document"})
"""Kinds that hang under the one party that made them, when that party made only that one."""
ANCHOR_ZONES = frozenset({"local", "core", "partners"})


@dataclass(frozen=True)
class Box:
    """The room a node takes: its shape and label, with the node's centre ``top`` from the top."""

    width: float
    height: float
    top: float


def wrap_label(text: str, width: int = LABEL_WIDTH, lines: int = LABEL_LINES) -> str:
    r"""Break ``text`` into at most ``lines`` lines of ``width`` characters, ending with ``…``.

    The page's script wraps the same way when the language changes.

    Examples:
        >>> wrap_label("Ministerie van Binnenlandse Zaken en Koninkrijksrelaties")
        'Ministerie van\nBinnenlandse Zaken…'
        >>> wrap_label("Enschede")
        'Enschede'
    """
    pieces: list[str] = []
    for word in text.split():
        pieces.extend(word[i : i + width] for i in range(0, len(word), width))
    rows: list[str] = []
    current = ""
    for piece in pieces:
        if current and len(current) + 1 + len(piece) > width:
            rows.append(current)
            current = piece
        else:
            current = f"{current} {piece}" if current else piece
    if current:
        rows.append(current)
    if len(rows) > lines:
        last = rows[lines - 1]
        if len(last) + 1 > width:
            last = last[: width - 1].rstrip()
        rows = [*rows[: lines - 1], last + "…"]
    return "\n".join(rows)


def label_box(labels: Iterable[str], shape: str, size: float) -> Box:
    """Return the room a node of ``shape`` and ``size`` takes with the widest of its labels.

    ``labels`` are the drawn (wrapped) labels in each language; vis-network draws the label
    inside a ``box`` and under every other shape.
    """
    rows = [row for label in labels for row in (label.split("\n") or [""])]
    count = max((label.count("\n") + 1 for label in labels), default=1)
    text_width = max((len(row) for row in rows), default=0) * CHAR_WIDTH
    text_height = count * LINE_HEIGHT
    if shape == "box":
        height = text_height + 24.0
        return Box(width=text_width + 32.0, height=height, top=height / 2.0)
    return Box(
        width=max(2.0 * size, text_width + 4.0),
        height=2.0 * size + 4.0 + text_height,
        top=size,
    )


def overlaps(
    positions: Mapping[str, tuple[float, float]], boxes: Mapping[str, Box], nodes: Iterable[str]
) -> list[tuple[str, str]]:
    """Return the pairs among ``nodes`` whose boxes overlap at ``positions`` (sorted)."""
    rects = sorted(
        (x - boxes[n].width / 2, y - boxes[n].top, boxes[n].width, boxes[n].height, n)
        for n in nodes
        for x, y in [positions[n]]
    )
    found: list[tuple[str, str]] = []
    for index, (left, top, width, height, name) in enumerate(rects):
        for other_left, other_top, _, other_height, other in rects[index + 1 :]:
            if other_left >= left + width:
                break
            if other_top < top + height and top < other_top + other_height:
                found.append((min(name, other), max(name, other)))
    return sorted(found)


def layout(
    network: Network,
    boxes: Mapping[str, Box] | None = None,
    *,
    seed: int = 7,
    hidden_kinds: Iterable[str] = (),
) -> dict[str, tuple[float, float]]:
    """Compute reproducible positions in drawing units for every node of ``network``.

    Args:
        network: the network the page draws.
        boxes: the room each node takes; without it every node is a plain 120x50 box.
        seed: the seed of the force layout used beyond ``STRUCTURED_LIMIT`` shown nodes.
        hidden_kinds: kinds the page opens with unticked; they are placed under the picture.
    """
    hidden = set(hidden_kinds)
    shown = sorted(n for n, a in network.nodes(data=True) if a["kind"] not in hidden)
    if len(shown) > STRUCTURED_LIMIT or not shown:
        return _force_layout(network, shown, hidden, seed)
    room = dict(boxes) if boxes is not None else {n: Box(120.0, 50.0, 10.0) for n in network}
    return _Structured(network, room).place(shown)


@dataclass
class _Block:
    """A party and the documents hanging under it, placed as one."""

    nodes: list[str]
    width: float
    height: float

    @property
    def key(self) -> str:
        return self.nodes[0]


class _Structured:
    """The zone layout of one network (see the module's description)."""

    def __init__(self, network: Network, boxes: Mapping[str, Box]) -> None:
        self.network = network
        self.boxes = boxes
        self.neighbours: dict[str, list[str]] = {n: [] for n in sorted(network)}
        for u, v in sorted({(min(u, v), max(u, v)) for u, v in network.edges() if u != v}):
            self.neighbours[u].append(v)
            self.neighbours[v].append(u)

    def kind(self, node: str) -> str:
        return str(self.network.nodes[node]["kind"])

    def label(self, node: str) -> str:
        labels = self.network.nodes[node].get("label") or {}
        return str(labels.get("nl") or labels.get("en") or node).casefold()

    def place(self, shown: Sequence[str]) -> dict[str, tuple[float, float]]:
        zones = self._zones(shown)
        best: tuple[float, dict[str, tuple[float, float]]] | None = None
        total = sum(b.width + GAP_X for blocks in zones.values() for b in blocks)
        widest = max(b.width for blocks in zones.values() for b in blocks)
        candidates = sorted({round(widest + (total - widest) * f / 24.0) for f in range(25)})
        for target in candidates:
            positions = self._arrange(zones, float(target))
            left, top, right, bottom = self._extent(positions)
            scale = min(CANVAS[0] / (right - left), CANVAS[1] / (bottom - top))
            if best is None or scale > best[0] + 1e-9:
                best = (scale, positions)
        assert best is not None
        positions = best[1]
        hidden = sorted(set(self.network) - set(shown))
        if hidden:
            positions.update(self._hidden_bands(hidden, positions))
        return {n: (round(x, 1), round(y, 1)) for n, (x, y) in sorted(positions.items())}

    def _extent(
        self, positions: Mapping[str, tuple[float, float]]
    ) -> tuple[float, float, float, float]:
        """Return the left, top, right and bottom of the boxes at ``positions``."""
        boxes = self.boxes
        return (
            min(x - boxes[n].width / 2 for n, (x, _) in positions.items()),
            min(y - boxes[n].top for n, (_, y) in positions.items()),
            max(x + boxes[n].width / 2 for n, (x, _) in positions.items()),
            max(y - boxes[n].top + boxes[n].height for n, (_, y) in positions.items()),
        )

    def _zones(self, shown: Sequence[str]) -> dict[str, list[_Block]]:
        shown_set = set(shown)
        zone_of = {n: ZONE_OF_KIND.get(self.kind(n), "core") for n in shown}
        makers: dict[str, list[str]] = {}
        for node in shown:
            if self.kind(node) not in SATELLITE_KINDS:
                continue
            parties = sorted(
                {
                    target
                    for _, target, attrs in self.network.out_edges(node, data=True)
                    if attrs["relation"] == "participant" and target in shown_set
                }
            )
            if len(parties) == 1 and zone_of[parties[0]] in ANCHOR_ZONES:
                makers.setdefault(parties[0], []).append(node)
            elif parties and {zone_of[p] for p in parties} == {"national"}:
                zone_of[node] = "national"
        satellites = {p: docs[0] for p, docs in makers.items() if len(docs) == 1}
        for party, docs in makers.items():
            if len(docs) > 1:
                for doc in docs:
                    zone_of[doc] = zone_of[party]
        hanging = set(satellites.values())
        zones: dict[str, list[_Block]] = {z: [] for z in (*MIDDLE, *LEFT, *RIGHT)}
        for node in sorted(shown, key=lambda n: (self.kind(n), self.label(n), n)):
            if node in hanging:
                continue
            members = [node] + ([satellites[node]] if node in satellites else [])
            width = max(self.boxes[m].width for m in members)
            height = sum(self.boxes[m].height for m in members) + GAP_Y * 0.5 * (len(members) - 1)
            zones[zone_of[node]].append(_Block(members, width, height))
        return {z: blocks for z, blocks in zones.items() if blocks}

    def _arrange(
        self, zones: Mapping[str, list[_Block]], target: float
    ) -> dict[str, tuple[float, float]]:
        order = {z: list(blocks) for z, blocks in zones.items()}
        positions = self._compose(order, target)
        for _ in range(SWEEPS):
            for zone, blocks in order.items():
                axis = 1 if zone in (*LEFT, *RIGHT) else 0
                wanted = {b.key: self._barycentre(b, positions, axis) for b in blocks}
                order[zone] = sorted(blocks, key=lambda b: (wanted[b.key], b.key))
            positions = self._compose(order, target)
        return positions

    def _barycentre(
        self, block: _Block, positions: Mapping[str, tuple[float, float]], axis: int
    ) -> float:
        inside = set(block.nodes)
        values = [
            positions[other][axis]
            for node in block.nodes
            for other in self.neighbours[node]
            if other not in inside and other in positions
        ]
        if not values:
            return positions[block.key][axis]
        return sum(values) / len(values)

    def _compose(
        self, order: Mapping[str, list[_Block]], target: float
    ) -> dict[str, tuple[float, float]]:
        positions: dict[str, tuple[float, float]] = {}
        middle_width = 0.0
        y = 0.0
        for zone in MIDDLE:
            if zone not in order:
                continue
            placed, width, height = _rows(order[zone], target)
            for block, (x, top) in placed:
                self._stack(block, x, y + top, positions)
            middle_width = max(middle_width, width)
            y += height + ZONE_GAP
        middle_height = max(y - ZONE_GAP, 0.0)
        for side, zones in ((-1.0, LEFT), (1.0, RIGHT)):
            for zone in zones:
                if zone not in order:
                    continue
                placed, width, height = _columns(order[zone], max(middle_height, 1.0))
                x_offset = side * (middle_width / 2 + COLUMN_GAP + width / 2)
                y_offset = (middle_height - height) / 2
                for block, (x, top) in placed:
                    self._stack(block, x + x_offset, y_offset + top, positions)
        return positions

    def _stack(
        self, block: _Block, x: float, top: float, positions: dict[str, tuple[float, float]]
    ) -> None:
        for node in block.nodes:
            box = self.boxes[node]
            positions[node] = (x, top + box.top)
            top += box.height + GAP_Y * 0.5

    def _hidden_bands(
        self, hidden: Sequence[str], positions: Mapping[str, tuple[float, float]]
    ) -> dict[str, tuple[float, float]]:
        left, _, right, bottom = self._extent(positions)
        width = max(right - left, 1.0)
        by_kind: dict[str, list[str]] = {}
        for node in hidden:
            by_kind.setdefault(self.kind(node), []).append(node)
        placed: dict[str, tuple[float, float]] = {}
        y = bottom + ZONE_GAP * 1.5
        for kind in sorted(by_kind):
            nodes = by_kind[kind]
            wanted = {
                n: self._barycentre(_Block([n], 0.0, 0.0), {**positions, n: (0.0, 0.0)}, 0)
                for n in nodes
            }
            blocks = [
                _Block([n], self.boxes[n].width, self.boxes[n].height)
                for n in sorted(nodes, key=lambda n: (wanted[n], self.label(n), n))
            ]
            rows, _, band_height = _rows(blocks, width)
            centre = (left + right) / 2
            for block, (x, top) in rows:
                self._stack(block, centre + x, y + top, placed)
            y += band_height + ZONE_GAP
        return placed


def _rows(
    blocks: Sequence[_Block], target: float
) -> tuple[list[tuple[_Block, tuple[float, float]]], float, float]:
    """Lay ``blocks`` (in order) in as few rows as keep the zone within ``target`` wide.

    Block ``k`` goes to row ``k mod r``, so every row keeps the order and neighbouring rows
    interleave; each row is packed and centred. Returns each block's centre x (around 0) and top,
    the width and the height.
    """
    rows = 1
    while True:
        lines = [list(blocks[r::rows]) for r in range(rows)]
        widths = [sum(b.width for b in line) + GAP_X * (len(line) - 1) for line in lines]
        if max(widths) <= target or rows >= len(blocks):
            break
        rows += 1
    heights = [max(b.height for b in line) for line in lines]
    placed: list[tuple[_Block, tuple[float, float]]] = []
    top = 0.0
    for line, width, height in zip(lines, widths, heights, strict=True):
        x = -width / 2
        for block in line:
            placed.append((block, (x + block.width / 2, top)))
            x += block.width + GAP_X
        top += height + GAP_Y
    return placed, max(widths), top - GAP_Y


def _columns(
    blocks: Sequence[_Block], target: float
) -> tuple[list[tuple[_Block, tuple[float, float]]], float, float]:
    """Lay ``blocks`` (in order, top to bottom) in as few columns as keep them ``target`` high.

    Block ``k`` goes to column ``k mod c``; each column is packed and centred vertically.
    Returns each block's centre x (around 0) and top, the width and the height.
    """
    columns = 1
    while True:
        lines = [list(blocks[c::columns]) for c in range(columns)]
        heights = [sum(b.height for b in line) + GAP_Y * (len(line) - 1) for line in lines]
        if max(heights) <= target or columns >= len(blocks):
            break
        columns += 1
    widths = [max(b.width for b in line) for line in lines]
    total = sum(widths) + GAP_X * (columns - 1)
    height = max(heights)
    placed: list[tuple[_Block, tuple[float, float]]] = []
    left = -total / 2
    for line, width, column_height in zip(lines, widths, heights, strict=True):
        top = (height - column_height) / 2
        for block in line:
            placed.append((block, (left + width / 2, top)))
            top += block.height + GAP_Y
        left += width + GAP_X
    return placed, total, height


# The force layout, for graphs too large for a schematic.

EDGE_LENGTH = 230.0
"""Pixels per step between neighbours in the force layout."""
KAMADA_KAWAI_LIMIT = 600


def _force_layout(
    network: Network, shown: Sequence[str], hidden: set[str], seed: int
) -> dict[str, tuple[float, float]]:
    """Lay each connected part out on its own and pack the parts in rows, largest first.

    Kamada-Kawai while the network has at most ``KAMADA_KAWAI_LIMIT`` nodes (it costs quadratic
    time), a seeded spring layout beyond; hidden kinds are placed afterwards near their
    neighbours, around the picture the page opens with, which they do not disturb.
    """
    if hidden and shown and len(shown) < len(network) <= KAMADA_KAWAI_LIMIT:
        positions = _layout_all(network.subgraph(shown), seed)
        return _place_the_rest(network, positions, seed)
    return _layout_all(network, seed)


def _simple(network: Network) -> Any:
    import networkx as nx

    simple: nx.Graph[str] = nx.Graph()
    simple.add_nodes_from(sorted(network))
    simple.add_edges_from(sorted({(min(u, v), max(u, v)) for u, v in network.edges() if u != v}))
    return simple


def _place_the_rest(
    network: Network, positions: dict[str, tuple[float, float]], seed: int
) -> dict[str, tuple[float, float]]:
    import networkx as nx

    simple = _simple(network)
    count = len(simple)
    scale = EDGE_LENGTH * math.sqrt(count) / 2.0
    initial = {n: (x / scale, y / scale) for n, (x, y) in positions.items()}
    moved = nx.spring_layout(
        simple,
        pos=initial or None,
        fixed=sorted(initial) or None,
        seed=seed,
        iterations=50,
        k=0.6 / math.sqrt(count),
    )
    return {
        n: positions[n]
        if n in positions
        else (round(float(x) * scale, 1), round(float(y) * scale, 1))
        for n, (x, y) in moved.items()
    }


def _layout_all(network: Network, seed: int) -> dict[str, tuple[float, float]]:
    import networkx as nx

    simple = _simple(network)
    parts = sorted(
        (sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0])
    )
    placed: list[dict[str, tuple[float, float]]] = [
        _part_layout(simple.subgraph(part), seed, len(simple) <= KAMADA_KAWAI_LIMIT)
        for part in parts
    ]
    return _pack(placed)


def _part_layout(part: Any, seed: int, exact: bool) -> dict[str, tuple[float, float]]:
    import networkx as nx

    nodes = sorted(part)
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    ordered: nx.Graph[str] = nx.Graph()
    ordered.add_nodes_from(nodes)
    ordered.add_edges_from(sorted(tuple(sorted(e)) for e in part.edges()))
    if exact:
        initial = nx.circular_layout(ordered)
        positions = nx.kamada_kawai_layout(ordered, pos=initial, scale=1.0)
        # Kamada-Kawai keeps graph distances, so one step is about diameter-th of the scale.
        steps = max(nx.diameter(ordered), 1)
        factor = EDGE_LENGTH * steps / 2.0
    else:
        positions = nx.spring_layout(
            ordered, seed=seed, iterations=50, k=1.0 / math.sqrt(len(nodes)), scale=1.0
        )
        factor = EDGE_LENGTH * math.sqrt(len(nodes)) / 2.0
    return {n: (float(x) * factor, float(y) * factor) for n, (x, y) in positions.items()}


def _pack(parts: Sequence[dict[str, tuple[float, float]]]) -> dict[str, tuple[float, float]]:
    if not parts:
        return {}
    gap = EDGE_LENGTH
    boxes = []
    for part in parts:
        xs = [x for x, _ in part.values()]
        ys = [y for _, y in part.values()]
        boxes.append((min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)))
    row_width = max(boxes[0][2], math.sqrt(sum((w + gap) * (h + gap) for *_, w, h in boxes)))
    result: dict[str, tuple[float, float]] = {}
    x_cursor = y_cursor = row_height = 0.0
    for part, (left, top, width, height) in zip(parts, boxes, strict=True):
        if x_cursor > 0 and x_cursor + width > row_width:
            x_cursor = 0.0
            y_cursor += row_height + gap
            row_height = 0.0
        for node, (x, y) in part.items():
            result[node] = (round(x - left + x_cursor, 1), round(y - top + y_cursor, 1))
        x_cursor += width + gap
        row_height = max(row_height, height)
    return result
