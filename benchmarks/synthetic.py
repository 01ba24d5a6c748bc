"""A deterministic synthetic graph shaped like ros-kg's data, for benchmarks and timeout tests.

Regions of municipalities, partnerships with memberships over time, documents that build on
each other, decisions, dependencies (with the derived ``ros:dependsOn``), targets, themes,
claims and sources: the same classes and properties as ``graph_data/``, scaled up. The same
seed and size always give the same triples.

Run ``python -m benchmarks.synthetic --size 100k -o synthetic.nt`` to write N-Triples.
"""

import argparse
import random
from collections.abc import Iterator
from pathlib import Path

SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}

_ROS = "https://w3id.org/ros-kg/def#"
_ID = "https://w3id.org/ros-kg/id/syn-"
_RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
_SOURCE = "<http://purl.org/dc/terms/source>"
_ORG = "http://www.w3.org/ns/org#"
_DATE = "^^<http://www.w3.org/2001/XMLSchema#date>"
_INT = "^^<http://www.w3.org/2001/XMLSchema#integer>"
_YEAR = "^^<http://www.w3.org/2001/XMLSchema#gYear>"
_KINDS = ("Financiering", "AanwijzingNodig", "Goedkeuring", "Vaststelling", "Water", "Energie")
_STATUS = ("Gepland", "Lopend", "Gereed")
_QUANTITIES = ("Inwoners", "Woningen", "Banen")


def ros(term: str) -> str:
    """Return a ros: term as N-Triples."""
    return f"<{_ROS}{term}>"


def node(name: str) -> str:
    """Return a synthetic instance IRI as N-Triples."""
    return f"<{_ID}{name}>"


def _date(rng: random.Random) -> str:
    return f'"{rng.randint(2015, 2030)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"{_DATE}'


def _labelled(subject: str, kind: str, name: str) -> Iterator[str]:
    yield f"{subject} {_RDF_TYPE} {kind} ."
    yield f'{subject} {_LABEL} "{name}"@nl .'
    yield f'{subject} {_LABEL} "{name} (en)"@en .'


def triples(size: int, seed: int = 42) -> Iterator[str]:
    """Yield about ``size`` N-Triples lines of a ros-kg-shaped graph.

    Examples:
        >>> lines = list(triples(2_000))
        >>> 1_500 < len(lines) < 2_500 and lines == list(triples(2_000))
        True
    """
    rng = random.Random(seed)
    # One "region" of 14 municipalities with all its facts comes to about 1,200 triples.
    regions = max(1, size // 1_200)
    source = node("bron")
    yield from _labelled(source, ros("Bron"), "Synthetische bron")
    for r in range(regions):
        partnership = node(f"r{r}-samenwerking")
        yield from _labelled(partnership, ros("Samenwerkingsverband"), f"Samenwerking {r}")
        actors = [node(f"r{r}-gm{m}") for m in range(14)]
        for m, actor in enumerate(actors):
            yield from _labelled(actor, ros("Gemeente"), f"Gemeente {r}-{m}")
            yield f'{actor} {ros("cbsCode")} "GM{r % 10_000:04d}" .'
            yield f"{actor} {_SOURCE} {source} ."
            for k in range(rng.randint(1, 3)):
                membership = node(f"r{r}-gm{m}-lid{k}")
                yield f"{membership} {_RDF_TYPE} <{_ORG}Membership> ."
                yield f"{membership} <{_ORG}member> {actor} ."
                yield f"{membership} <{_ORG}organization> {partnership} ."
                role = rng.choice(("Initiatiefnemer", "Aansluiter", "Lid"))
                yield f"{membership} <{_ORG}role> {ros(role)} ."
                yield f"{membership} {ros('startDate')} {_date(rng)} ."
                yield f"{membership} {_SOURCE} {source} ."
        documents = [node(f"r{r}-doc{d}") for d in range(20)]
        for d, document in enumerate(documents):
            yield from _labelled(document, ros("Document"), f"Document {r}-{d}")
            yield f"{document} {ros('date')} {_date(rng)} ."
            yield f"{document} {ros('status')} {ros(rng.choice(_STATUS))} ."
            yield f"{document} {ros('statusAsOf')} {_date(rng)} ."
            if d:
                yield f"{document} {ros('buildsOn')} {documents[rng.randrange(d)]} ."
            decision = node(f"r{r}-besluit{d}")
            yield from _labelled(decision, ros("Besluit"), f"Besluit {r}-{d}")
            yield f"{decision} {ros('object')} {document} ."
            yield f"{decision} {ros('decidedBy')} {rng.choice(actors)} ."
            yield f"{decision} {ros('status')} {ros(rng.choice(_STATUS))} ."
            yield f"{decision} {ros('date')} {_date(rng)} ."
        for t in range(12):
            target = node(f"r{r}-doel{t}")
            yield from _labelled(target, ros("Doel"), f"Doel {r}-{t}")
            yield f"{target} {ros('quantity')} {ros(_QUANTITIES[t % 3])} ."
            yield f'{target} {ros("value")} "{rng.randint(1, 100) * 1000}"{_INT} .'
            yield f'{target} {ros("horizonYear")} "{2030 + 10 * (t % 2)}"{_YEAR} .'
            yield f"{target} {ros('statedIn')} {rng.choice(documents)} ."
        everyone = actors + documents[:5]
        for a in range(60):
            dependency = node(f"r{r}-afh{a}")
            dependent, dependee = rng.sample(everyone, 2)
            yield from _labelled(dependency, ros("Afhankelijkheid"), f"Afhankelijkheid {r}-{a}")
            yield f"{dependency} {ros('dependent')} {dependent} ."
            yield f"{dependency} {ros('dependee')} {dependee} ."
            yield f"{dependency} {ros('dependencyKind')} {ros(rng.choice(_KINDS))} ."
            yield f"{dependency} {ros('basis')} {rng.choice(documents)} ."
            yield f"{dependency} {ros('startDate')} {_date(rng)} ."
            yield f"{dependency} {_SOURCE} {source} ."
            yield f"{dependent} {ros('dependsOn')} {dependee} ."


def write(path: Path, size: int, seed: int = 42) -> int:
    """Write the synthetic graph to ``path`` as N-Triples and return the number of lines."""
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for line in triples(size, seed):
            out.write(line + "\n")
            count += 1
    return count


def main() -> None:
    """Write a synthetic graph of the size asked for."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="100k")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    count = write(args.output, SIZES[args.size], args.seed)
    print(f"wrote {count} triples to {args.output}")


if __name__ == "__main__":
    main()
