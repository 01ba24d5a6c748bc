"""A synthetic national graph: every Dutch municipality, province and water board, 20 years.

The public bodies are real (``benchmarks/public_bodies.csv``: 342 municipalities, 12 provinces
and 21 water boards by CBS code, with their TOOI identifiers); everything they do is made up:
documents that build on each other, council decisions that adopt them, targets stated in them
and dependencies between the bodies (on their province, water board, a ministry or a
neighbour), 2006-2025, with regional partnerships and memberships. Every resource carries the
labels, status and source our own shapes ask for, so the graph validates; every synthetic
resource says it is synthetic and names this generator as its source.

It is loaded on top of the shipped graph (``ros-kg --data national-100k.ttl ...``): the Twente
bodies and the ministries the shipped graph already holds are reused by IRI, not repeated, so
"Enschede" still names one resource. The same seed and size always give the same file.

    python -m benchmarks.national_graph --size 100k -o national-100k.ttl
"""

import argparse
import csv
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}
BODIES = Path(__file__).with_name("public_bodies.csv")
YEARS = range(2006, 2026)

_PREFIXES = """\
@prefix ros: <https://w3id.org/ros-kg/def#> .
@prefix rosid: <https://w3id.org/ros-kg/id/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
_SOURCE = "rosid:nat-bron"
_TOOI = "https://identifier.overheid.nl/tooi/id/"
_KIND_CLASS = {
    "gemeente": "ros:Gemeente",
    "provincie": "ros:Provincie",
    "waterschap": "ros:Waterschap",
}
_KIND_EN = {"gemeente": "Municipality", "provincie": "Province", "waterschap": "Water board"}
_PREFIX_NL = {"gemeente": "Gemeente", "provincie": "Provincie", "waterschap": "Waterschap"}
# Bodies the shipped graph already describes, by CBS code: reused, never repeated.
_SHIPPED = {
    "GM0141": "almelo",
    "GM0147": "borne",
    "GM1774": "dinkelland",
    "GM0153": "enschede",
    "GM0158": "haaksbergen",
    "GM0163": "hellendoorn",
    "GM0164": "hengelo",
    "GM1735": "hof-van-twente",
    "GM0168": "losser",
    "GM0173": "oldenzaal",
    "GM1742": "rijssen-holten",
    "GM0183": "tubbergen",
    "GM1700": "twenterand",
    "GM0189": "wierden",
    "PV23": "overijssel",
    "WS0663": "vechtstromen",
}
_MINISTRIES = ("rosid:vro", "rosid:ienw", "rosid:ez", "rosid:lvvn")
_DOCUMENTS = (
    ("Omgevingsvisie", "Environment vision"),
    ("Omgevingsprogramma", "Environment programme"),
    ("Woonvisie", "Housing vision"),
    ("Waterbeheerprogramma", "Water management programme"),
    ("Mobiliteitsplan", "Mobility plan"),
)
_KINDS = ("Financiering", "Goedkeuring", "Vaststelling", "Water", "Energie", "Samenwerking")
_QUANTITIES = ("Inwoners", "Woningen", "Banen")
_COMPARATORS = ("Minstens", "MeerDan", "Precies", "Ongeveer")


@dataclass(frozen=True)
class Body:
    """A real public body: its kind, CBS code, name and province code."""

    kind: str
    code: str
    name: str
    province: str

    @property
    def iri(self) -> str:
        """The body's IRI: the shipped one where the shipped graph has it."""
        shipped = _SHIPPED.get(self.code)
        return f"rosid:{shipped}" if shipped else f"rosid:nat-{self.code.lower()}"

    @property
    def council(self) -> str:
        """The body's council (raad, Staten, algemeen bestuur), which adopts its documents."""
        return f"rosid:nat-raad-{self.code.lower()}"


def read_bodies(path: Path = BODIES) -> list[Body]:
    """Read the public bodies from the CSV (lines starting with ``#`` are its header notes)."""
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return [Body(r["kind"], r["code"], r["name"], r["province"]) for r in rows]


def _text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _labelled(subject: str, cls: str, nl: str, en: str) -> Iterator[str]:
    yield f"{subject} a {cls} ."
    yield f"{subject} rdfs:label {_text(nl)}@nl ."
    yield f"{subject} rdfs:label {_text(en + ' (synthetic)')}@en ."
    yield f"{subject} dcterms:source {_SOURCE} ."


def _date(rng: random.Random, year: int) -> str:
    return f'"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"^^xsd:date'


def _actors(bodies: list[Body]) -> Iterator[str]:
    yield f"{_SOURCE} a ros:Bron ."
    yield f'{_SOURCE} rdfs:label "Synthetische nationale graaf (benchmark)"@nl .'
    yield f'{_SOURCE} rdfs:label "Synthetic national graph (benchmark)"@en .'
    yield f'{_SOURCE} dcterms:title "benchmarks/national_graph.py: synthetic, not real facts"@en .'
    yield f"{_SOURCE} foaf:page <https://w3id.org/ros-kg/benchmarks/national_graph> ."
    for body in bodies:
        if body.code not in _SHIPPED:
            nl = f"{_PREFIX_NL[body.kind]} {body.name}"
            yield from _labelled(
                body.iri, _KIND_CLASS[body.kind], nl, f"{_KIND_EN[body.kind]} {body.name}"
            )
            yield f"{body.iri} ros:tooi <{_TOOI}{body.kind}/{body.code.lower()}> ."
            yield f'{body.iri} ros:cbsCode "{body.code}" .'
        yield from _labelled(
            body.council,
            "ros:Bestuursorgaan",
            f"Bestuur van {body.name}",
            f"Council of {body.name}",
        )
        yield f"{body.council} org:unitOf {body.iri} ."
    for province in (b for b in bodies if b.kind == "provincie"):
        region = f"rosid:nat-regio-{province.code.lower()}"
        yield from _labelled(
            region,
            "ros:Samenwerkingsverband",
            f"Regio's van {province.name}",
            f"Regions of {province.name}",
        )


def _memberships(bodies: list[Body], rng: random.Random) -> Iterator[str]:
    for body in bodies:
        if body.kind != "gemeente":
            continue
        member = f"rosid:nat-lid-{body.code.lower()}"
        yield from _labelled(
            member, "org:Membership", f"{body.name} in de regio", f"{body.name} in the region"
        )
        yield f"{member} org:member {body.iri} ."
        yield f"{member} org:organization rosid:nat-regio-{body.province.lower()} ."
        yield f"{member} org:role ros:Lid ."
        yield f"{member} ros:startDate {_date(rng, rng.choice(YEARS))} ."


def _work(bodies: list[Body], rng: random.Random) -> Iterator[str]:
    """Yield documents, decisions, targets and dependencies, year after year, body after body."""
    by_code = {b.code: b for b in bodies}
    water_boards = [b for b in bodies if b.kind == "waterschap"]
    neighbours: dict[str, list[Body]] = {}
    for body in bodies:
        if body.kind == "gemeente":
            neighbours.setdefault(body.province, []).append(body)
    water_of = {b.code: rng.choice(water_boards) for b in bodies if b.kind == "gemeente"}
    previous: dict[str, str] = {}
    round_ = 0
    while True:
        round_ += 1
        for year in YEARS:
            for body in bodies:
                code = f"{body.code.lower()}-{year}-{round_}"
                nl_doc, en_doc = rng.choice(_DOCUMENTS)
                document = f"rosid:nat-doc-{code}"
                status = "Gereed" if year < 2025 else rng.choice(("Gepland", "Lopend"))
                yield from _labelled(
                    document,
                    "ros:Document",
                    f"{nl_doc} {body.name} {year} ({round_})",
                    f"{en_doc} {body.name} {year} ({round_})",
                )
                yield f"{document} ros:date {_date(rng, year)} ."
                yield f"{document} ros:status ros:{status} ."
                yield f'{document} ros:statusAsOf "2025-12-31"^^xsd:date .'
                yield f"{document} dcterms:creator {body.iri} ."
                if body.code in previous:
                    yield f"{document} ros:buildsOn {previous[body.code]} ."
                previous[body.code] = document
                decision = f"rosid:nat-besluit-{code}"
                yield from _labelled(
                    decision,
                    "ros:Besluit",
                    f"Vaststelling {nl_doc} {body.name} {year} ({round_})",
                    f"Adoption of {en_doc} {body.name} {year} ({round_})",
                )
                yield f"{decision} ros:decidedBy {body.council} ."
                yield f"{decision} ros:object {document} ."
                yield f"{decision} ros:date {_date(rng, year)} ."
                yield f"{decision} ros:status ros:{status} ."
                yield f'{decision} ros:statusAsOf "2025-12-31"^^xsd:date .'
                target = f"rosid:nat-doel-{code}"
                quantity = rng.choice(_QUANTITIES)
                yield from _labelled(
                    target,
                    "ros:Doel",
                    f"Doel {quantity.lower()} {body.name} {year} ({round_})",
                    f"Target {quantity.lower()} {body.name} {year} ({round_})",
                )
                yield f"{target} ros:quantity ros:{quantity} ."
                yield f'{target} ros:value "{rng.randrange(100, 50_000, 100)}"^^xsd:integer .'
                yield f"{target} ros:comparator ros:{rng.choice(_COMPARATORS)} ."
                yield f'{target} ros:horizonYear "{rng.choice((2030, 2040, 2050))}"^^xsd:gYear .'
                yield f"{target} ros:statedIn {document} ."
                dependee = _dependee(body, rng, by_code, water_of, neighbours)
                if dependee is None:
                    continue
                kind, on = dependee
                dependency = f"rosid:nat-afh-{code}"
                yield from _labelled(
                    dependency,
                    "ros:Afhankelijkheid",
                    f"{body.name} hangt af ({year}, {round_})",
                    f"{body.name} depends ({year}, {round_})",
                )
                yield f"{dependency} ros:dependent {body.iri} ."
                yield f"{dependency} ros:dependee {on} ."
                yield f"{dependency} ros:dependencyKind ros:{kind} ."
                yield f"{dependency} ros:basis {decision} ."
                yield f"{dependency} ros:startDate {_date(rng, year)} ."


def _dependee(
    body: Body,
    rng: random.Random,
    by_code: dict[str, Body],
    water_of: dict[str, Body],
    neighbours: dict[str, list[Body]],
) -> tuple[str, str] | None:
    kind = rng.choice(_KINDS)
    if body.kind != "gemeente":
        return kind, rng.choice(_MINISTRIES)
    if kind == "Water":
        return kind, water_of[body.code].iri
    if kind == "Samenwerking":
        others = [b for b in neighbours[body.province] if b.code != body.code]
        return (kind, rng.choice(others).iri) if others else None
    if kind == "Financiering" and rng.random() < 0.5:
        return kind, rng.choice(_MINISTRIES)
    return kind, by_code[body.province].iri


def triples(size: int, seed: int = 42) -> Iterator[str]:
    """Yield about ``size`` Turtle statements (one triple per line) of the national graph.

    Examples:
        >>> lines = list(triples(10_000))
        >>> 9_000 < len(lines) < 11_000 and lines == list(triples(10_000))
        True
    """
    rng = random.Random(seed)
    bodies = read_bodies()
    count = 0
    for part in (_actors(bodies), _memberships(bodies, rng), _work(bodies, rng)):
        for line in part:
            yield line
            count += 1
            if count >= size and part is not None and line.endswith(" .") and _closing(line):
                return


def _closing(line: str) -> bool:
    # Stop after a dependency's last triple or a target's, so no resource is left half-made.
    return (" ros:startDate " in line and "nat-afh-" in line) or " ros:statedIn " in line


def write_turtle(size: int, path: Path, seed: int = 42) -> int:
    """Write the national graph of about ``size`` triples to ``path``; return the triple count."""
    count = 0
    with path.open("w", encoding="utf-8") as out:
        out.write(_PREFIXES)
        for line in triples(size, seed):
            out.write(line + "\n")
            count += 1
    return count


def main() -> None:
    """Write a national graph as Turtle."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="100k")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    count = write_turtle(SIZES[args.size], args.output, args.seed)
    print(f"wrote {count} triples to {args.output}")


if __name__ == "__main__":
    main()
