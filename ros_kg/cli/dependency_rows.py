"""How dependency answers are written: chains, steps, reaches, bottlenecks and cycles."""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ros_kg.cli.output import wrapped

if TYPE_CHECKING:
    from ros_kg.dependencies import Bottleneck, Reach, Step


def chain_text(start: str, chain: Sequence["Step"], lang: str) -> str:
    """Write a chain from ``start`` outwards, each arrow in the direction the graph states it.

    ``A ─funding→ B`` says A depends on (or relates to) B; ``A ←approval─ B`` says B depends on
    A. The arrows keep the stated direction, so a chain read against dependencies (impact,
    dependents) still says who depends on whom.
    """
    current = start
    first = chain[0].source if chain and chain[0].source.iri == start else None
    if first is None and chain:
        first = chain[0].target
    parts: list[str] = [first.name(lang)] if first is not None else []
    for step in chain:
        what = step.what(lang)
        if step.source.iri == current:
            parts.append(f"─{what}→ {step.target.name(lang)}")
            current = step.target.iri
        else:
            parts.append(f"←{what}─ {step.source.name(lang)}")
            current = step.source.iri
    return " ".join(parts)


def step_row(step: "Step", lang: str) -> dict[str, Any]:
    """Return the printable columns every dependency step shares."""
    return {
        "for": step.what(lang),
        "basis": step.basis.name(lang) if step.basis else "",
        "since": step.start.isoformat() if step.start else "",
        "source": [s.name(lang) for s in step.sources],
    }


def reach_rows(reaches: Sequence["Reach"], start: str, lang: str, key: str) -> list[dict[str, Any]]:
    """Return one row per reach, for deps, dependents and impact."""
    rows = []
    for reach in reaches:
        last = reach.last
        rows.append(
            {
                "iri": reach.entity.iri,
                "label": dict(reach.entity.label),
                "kind": reach.entity.kind,
                "distance": reach.distance,
                key: reach.entity.name(lang),
                **step_row(last, lang),
                "via": chain_text(start, reach.chain, lang),
                "dependency": last.iri or None,
                "relation": last.relation,
                "dependency_kind": last.kind,
                "chain": [s.as_json() for s in reach.chain],
            }
        )
    return rows


def reach_json(rows: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    """Keep the stable JSON keys of reach rows (labels in both languages, not the printed ones)."""
    keep = ("iri", "label", "kind", "distance", "dependency", "relation", "dependency_kind")
    out = []
    for row in rows:
        record = {k: row[k] for k in keep}
        record["basis"] = row["chain"][-1]["basis"]
        record["start"] = row["chain"][-1]["start"]
        record["sources"] = row["chain"][-1]["sources"]
        record["chain"] = row["chain"]
        out.append(record)
    return out


def bottleneck_row(rank: int, b: "Bottleneck", lang: str) -> dict[str, Any]:
    """Return the printable row of a bottleneck."""
    return {
        "rank": rank,
        "name": b.entity.name(lang),
        "dependents": b.dependents,
        "direct": b.direct_dependents,
        "through": b.reaching,
        "betweenness": f"{b.betweenness:.3f}",
        "reading": b.reading(lang),
    }


def bottleneck_json(b: "Bottleneck") -> dict[str, Any]:
    """Return the stable JSON form of a bottleneck."""
    return {
        **b.entity.as_json(),
        "dependents": b.dependents,
        "direct_dependents": b.direct_dependents,
        "chains_through_or_ending": b.reaching,
        "chains_through": b.through,
        "chains": b.chains,
        "betweenness": b.betweenness,
        "reading": {"nl": b.reading("nl"), "en": b.reading("en")},
    }


def cycles_text(cycles: Sequence[Sequence["Step"]], lang: str) -> str:
    """Say which dependency cycles there are, in words."""
    if not cycles:
        return "No dependency cycles." if lang == "en" else "Geen kringen van afhankelijkheden."
    head = "Dependency cycles:" if lang == "en" else "Kringen van afhankelijkheden:"
    lines = [head]
    for cycle in cycles:
        start = cycle[0].source
        lines.append(f"- {chain_text(start.iri, cycle, lang)}")
    return wrapped(lines)
