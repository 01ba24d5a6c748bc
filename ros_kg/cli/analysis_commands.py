"""Commands that answer "who depends on whom", and what comes next.

The commands: actors, deps, dependents, path, impact, central, timeline, targets and report.

Each command resolves names, calls one analysis in the library and formats the result; nothing
here walks the network or writes SPARQL. networkx and the analyses are imported inside the
commands so that ``ros-kg --help`` stays fast.
"""

import json
import sys
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

import click
from rdflib import URIRef

from ros_kg.cli.app import DATE, Session, pass_session
from ros_kg.cli.render import FORMATS, Column, render
from ros_kg.namespaces import ORG, ROS
from ros_kg.network import ACTOR_KINDS, KINDS

if TYPE_CHECKING:
    from ros_kg.dependencies import Bottleneck, Reach, Step
    from ros_kg.entities import Entity
    from ros_kg.report import Overview, Participant
    from ros_kg.targets import TargetHistory
    from ros_kg.timeline import Event

DEPENDENCY_KINDS = (
    "funding",
    "designation",
    "approval",
    "adoption",
    "water",
    "energy",
    "knowledge",
    "condition",
    "policy",
    "cooperation",
    "mobility",
)
"""The ``skos:notation`` of every dependency kind in ``ontology/ros.ttl``."""

ACTOR_KIND_CHOICES = tuple(kind for _, kind in KINDS if kind in ACTOR_KINDS)
"""The actor kinds, in the projection's order (most general government first)."""

NODE_CLASSES = (
    ROS.Actor,
    ROS.Document,
    ROS.Besluit,
    ROS.Gebeurtenis,
    ROS.Voorwaarde,
    ROS.Gebied,
    ROS.Uitspraak,
    ORG.ChangeEvent,
)
"""What can depend or be depended on: parties, documents, decisions, events, conditions, areas."""

EXPECTED = {
    "nl": "een partij, document, besluit, gebeurtenis of voorwaarde",
    "en": "a party, document, decision, event or condition",
}

WORDS: dict[str, tuple[str, str]] = {
    "name": ("naam", "name"),
    "kind": ("soort", "kind"),
    "layer": ("laag", "layer"),
    "since": ("sinds", "since"),
    "until": ("tot", "until"),
    "memberships": ("lidmaatschappen", "memberships"),
    "distance": ("stap", "step"),
    "depends_on": ("hangt af van", "depends on"),
    "dependent": ("afhankelijke", "dependent"),
    "for": ("waarvoor", "for"),
    "basis": ("grondslag", "basis"),
    "source": ("bron", "source"),
    "via": ("keten", "chain"),
    "affected": ("geraakt", "affected"),
    "because": ("waardoor", "because"),
    "chain": ("keten", "chain"),
    "from": ("van", "from"),
    "to": ("naar", "to"),
    "rank": ("#", "#"),
    "dependents": ("afhankelijken", "dependents"),
    "direct": ("direct", "direct"),
    "through": ("ketens via", "chains through"),
    "betweenness": ("tussenheid", "betweenness"),
    "reading": ("lezing", "reading"),
    "when": ("wanneer", "when"),
    "what": ("wat", "what"),
    "status": ("status", "status"),
    "mark": ("stand", "standing"),
    "who": ("wie", "who"),
    "quantity": ("grootheid", "quantity"),
    "document": ("document", "document"),
    "value": ("waarde", "value"),
    "year": ("jaar", "year"),
    "change": ("verschil", "change"),
    "dependees": ("waarvan", "on"),
    "section": ("onderdeel", "section"),
    "item": ("onderwerp", "item"),
    "detail": ("toelichting", "detail"),
}

MARK_WORDS = {
    "done": ("gereed", "done"),
    "past": ("voorbij", "past"),
    "now": ("nu", "now"),
    "ahead": ("komt nog", "ahead"),
    "overdue": ("over tijd", "overdue"),
}

STATUS_WORDS = {
    "planned": ("gepland", "planned"),
    "ongoing": ("lopend", "ongoing"),
    "done": ("gereed", "done"),
}


def wrapped(lines: Sequence[str], width: int = 80) -> str:
    """Wrap free-text lines to ``width``, continuing each under its own first word."""
    import textwrap

    return "\n".join(
        "\n".join(textwrap.wrap(line, width, subsequent_indent="   ")) or line for line in lines
    )


def word(key: str, lang: str) -> str:
    """Return the heading or word ``key`` in ``lang``."""
    nl, en = WORDS.get(key, (key, key))
    return en if lang == "en" else nl


def columns(keys: Sequence[str], lang: str) -> list[Column]:
    """Return render columns for ``keys`` with headings in ``lang``."""
    return [(key, word(key, lang)) for key in keys]


def format_option() -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Return the ``--format`` option every report shares."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="table for a terminal, markdown for a memo, json or csv for another program.",
    )


def emit(rows: Sequence[Mapping[str, Any]], cols: Sequence[Column], fmt: str, empty: str) -> None:
    """Print ``rows``; with none, say ``empty`` in words (json: ``[]``, csv: the header only)."""
    if rows or fmt in ("json", "csv"):
        click.echo(render(rows, cols, fmt), nl=False)
    else:
        click.echo(empty)


def resolve_node(session: Session, name: str) -> URIRef:
    """Resolve ``name`` to something that can depend or be depended on."""
    return session.names().resolve_kind(
        name, NODE_CLASSES, EXPECTED[session.lang], lang=session.lang
    )


def name_of(session: Session, iri: URIRef) -> str:
    """Return the label of ``iri`` in the session's language."""
    from ros_kg.labels import label_of

    return label_of(session.graph(), iri, session.lang)


def when_text(as_of: date | None, lang: str) -> str:
    """Return " (as of DATE)" in ``lang``, or nothing without a date."""
    if as_of is None:
        return ""
    return f" (as of {as_of})" if lang == "en" else f" (per {as_of})"


def entity_json(entity: "Entity | None") -> dict[str, Any] | None:
    """Return the JSON form of an entity, or ``None``."""
    return entity.as_json() if entity is not None else None


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


@click.command()
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(ACTOR_KIND_CHOICES),
    help="Only actors of this kind (repeatable). Governing bodies show only when asked for.",
)
@click.option(
    "--as-of",
    type=DATE,
    help="Only who was at the table on this day: a membership that held then.",
)
@click.option(
    "--all",
    "every_partnership",
    is_flag=True,
    help="Every actor with the memberships of every partnership (SamenTwente, TECH.LAND, ...).",
)
@format_option()
@pass_session
def actors(
    session: Session,
    kinds: tuple[str, ...],
    as_of: date | None,
    every_partnership: bool,
    fmt: str,
) -> None:
    """List who takes part in the ROS, by layer of government, since when and in which role.

    By default only members of the ROS Twente partnership, with that membership; with --as-of
    only those whose membership held on that day (`ros-kg actors --as-of 2023` shows who
    started). --all lists every actor with all its partnerships.
    """
    from ros_kg.report import ROS_PARTNERSHIP, participants

    found = participants(
        session.graph(),
        as_of=as_of,
        kinds=frozenset(kinds) or None,
        organization=None if every_partnership else ROS_PARTNERSHIP,
    )
    lang = session.lang
    if fmt == "json":
        click.echo(render([participant_json(p) for p in found], [], "json"), nl=False)
        return
    rows = [participant_row(p, lang) for p in found]
    empty = (
        f"No actors{when_text(as_of, lang)}."
        if lang == "en"
        else f"Geen actoren{when_text(as_of, lang)}."
    )
    emit(rows, columns(["name", "kind", "since", "memberships"], lang), fmt, empty)


def participant_row(p: "Participant", lang: str) -> dict[str, Any]:
    """Return the printable row of a participant."""
    memberships = []
    for m in p.memberships:
        role = f" ({m.role.name(lang)})" if m.role else ""
        period = f" {m.start}" if m.start else ""
        period += f" to {m.end}" if m.end and lang == "en" else f" tot {m.end}" if m.end else ""
        memberships.append(f"{m.organization.name(lang)}{role}{period}")
    return {
        "name": p.entity.name(lang),
        "kind": p.kind_label.get(lang, p.entity.kind),
        "since": p.since.isoformat() if p.since else "",
        "memberships": "; ".join(memberships),
    }


def participant_json(p: "Participant") -> dict[str, Any]:
    """Return the stable JSON form of a participant."""
    return {
        **p.entity.as_json(),
        "layer": p.layer,
        "since": p.since.isoformat() if p.since else None,
        "memberships": [
            {
                "organization": m.organization.as_json(),
                "role": entity_json(m.role),
                "start": m.start.isoformat() if m.start else None,
                "end": m.end.isoformat() if m.end else None,
            }
            for m in p.memberships
        ],
    }


def dependency_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the options deps and dependents share."""
    decorators: list[Callable[[Callable[..., Any]], Callable[..., Any]]] = [
        click.argument("name"),
        click.option(
            "--transitive",
            is_flag=True,
            help="Follow the chain on: also what those depend on, and so on.",
        ),
        click.option(
            "--kind",
            "kinds",
            multiple=True,
            type=click.Choice(DEPENDENCY_KINDS),
            help="Only dependencies of this kind (repeatable); chains follow only these.",
        ),
        click.option("--as-of", type=DATE, help="Only dependencies that held on this day."),
        format_option(),
        pass_session,
    ]
    for decorate in reversed(decorators):
        command = decorate(command)
    return command


@click.command()
@dependency_options
def deps(
    session: Session,
    name: str,
    transitive: bool,
    kinds: tuple[str, ...],
    as_of: date | None,
    fmt: str,
) -> None:
    """Show what NAME depends on, for what, on which basis and according to which source.

    With --transitive, also what those depend on, with the chain that leads there; each thing
    is listed once, at its shortest distance (cycles end the chain, see `ros-kg central`).
    """
    _reaches(session, name, transitive, kinds, as_of, fmt, outward=True)


@click.command()
@dependency_options
def dependents(
    session: Session,
    name: str,
    transitive: bool,
    kinds: tuple[str, ...],
    as_of: date | None,
    fmt: str,
) -> None:
    """Show who depends on NAME, for what, on which basis and according to which source.

    With --transitive, also who depends on those, with the chain that leads back to NAME.
    """
    _reaches(session, name, transitive, kinds, as_of, fmt, outward=False)


def _reaches(
    session: Session,
    name: str,
    transitive: bool,
    kinds: tuple[str, ...],
    as_of: date | None,
    fmt: str,
    *,
    outward: bool,
) -> None:
    from ros_kg.dependencies import dependencies_of, dependents_of
    from ros_kg.network import build_network

    iri = resolve_node(session, name)
    network = build_network(session.graph(), as_of=as_of)
    walk = dependencies_of if outward else dependents_of
    reaches = walk(network, str(iri), transitive=transitive, kinds=set(kinds) or None)
    lang = session.lang
    key = "depends_on" if outward else "dependent"
    rows = reach_rows(reaches, str(iri), lang, key)
    if fmt == "json":
        click.echo(render(reach_json(rows, key), [], "json"), nl=False)
        return
    keys = [key, "for", "basis", "since", "source"]
    if transitive:
        keys = ["distance", key, "for", "via", "source"]
    label = name_of(session, iri)
    what = f" ({', '.join(kinds)})" if kinds else ""
    if outward:
        empty = (
            f"{label} depends on nothing{what}{when_text(as_of, lang)}."
            if lang == "en"
            else f"{label} hangt nergens van af{what}{when_text(as_of, lang)}."
        )
    else:
        empty = (
            f"Nothing depends on {label}{what}{when_text(as_of, lang)}."
            if lang == "en"
            else f"Niets hangt af van {label}{what}{when_text(as_of, lang)}."
        )
    emit(rows, columns(keys, lang), fmt, empty)


@click.command()
@click.argument("start", metavar="A")
@click.argument("end", metavar="B")
@click.option(
    "--max",
    "limit",
    type=click.IntRange(min=1),
    default=5,
    show_default=True,
    help="At most this many chains.",
)
@format_option()
@pass_session
def path(session: Session, start: str, end: str, limit: int, fmt: str) -> None:
    """Show the dependency chains from A to B, shortest first: A depends on ... on B.

    Each step shows what for, on which basis and the source. Exit status: 0 when a chain was
    found, 1 when there is none ("no chain"; if B depends on A instead, it says so) or when a
    name is unknown, 2 for a usage mistake.
    """
    from ros_kg.dependencies import chains_between
    from ros_kg.network import build_network

    a = resolve_node(session, start)
    b = resolve_node(session, end)
    network = build_network(session.graph())
    chains = chains_between(network, str(a), str(b), limit=limit)
    lang = session.lang
    if not chains:
        reverse = chains_between(network, str(b), str(a), limit=1)
        a_name, b_name = name_of(session, a), name_of(session, b)
        if lang == "en":
            message = f"no chain: {a_name} does not depend on {b_name}, directly or through others"
            if reverse:
                message += (
                    f"; but {b_name} depends on {a_name}: try `ros-kg path {end!r} {start!r}`"
                )
        else:
            message = f"geen keten: {a_name} hangt niet af van {b_name}, direct noch via anderen"
            if reverse:
                message += (
                    f"; wel hangt {b_name} af van {a_name}: probeer `ros-kg path {end!r} {start!r}`"
                )
        if fmt == "json":
            click.echo("[]")
        click.echo(message, err=fmt in ("json", "csv"))
        sys.exit(1)
    if fmt == "json":
        records = [{"length": len(c), "steps": [s.as_json() for s in c]} for c in chains]
        click.echo(render(records, [], "json"), nl=False)
        return
    if fmt == "table":
        click.echo(chains_text(chains, lang))
        return
    rows = []
    for number, chain in enumerate(chains, start=1):
        for depth, step in enumerate(chain, start=1):
            rows.append(
                {
                    "chain": number,
                    "distance": depth,
                    "from": step.source.name(lang),
                    "to": step.target.name(lang),
                    **step_row(step, lang),
                }
            )
    emit(
        rows, columns(["chain", "distance", "from", "for", "to", "basis", "source"], lang), fmt, ""
    )


def chains_text(chains: Sequence[Sequence["Step"]], lang: str) -> str:
    """Write chains as numbered steps, each with its basis and sources on the line below."""
    import textwrap

    from ros_kg.cli.render import terminal_width

    width = min(terminal_width(), 80)
    lines = []
    for number, chain in enumerate(chains, start=1):
        head = "Chain" if lang == "en" else "Keten"
        steps = "steps" if lang == "en" else "stappen"
        lines.append(f"{head} {number} ({len(chain)} {steps})")
        for depth, step in enumerate(chain, start=1):
            said = f"{depth}. {step.source.name(lang)} ─{step.what(lang)}→ {step.target.name(lang)}"
            lines += textwrap.wrap(said, width, initial_indent="  ", subsequent_indent="     ")
            detail = step_row(step, lang)
            notes = [
                f"{word('basis', lang)}: {detail['basis']}" if detail["basis"] else "",
                f"{word('since', lang)}: {detail['since']}" if detail["since"] else "",
                f"{word('source', lang)}: {'; '.join(detail['source'])}"
                if detail["source"]
                else "",
            ]
            text = "; ".join(n for n in notes if n)
            if text:
                lines += textwrap.wrap(
                    text, width, initial_indent="     ", subsequent_indent="     "
                )
    return "\n".join(lines)


@click.command()
@click.argument("name")
@click.option("--as-of", type=DATE, help="Only what existed and held on this day.")
@format_option()
@pass_session
def impact(session: Session, name: str, as_of: date | None, fmt: str) -> None:
    """Show what stalls downstream when NAME stalls, nearest first, each with its chain.

    A stall travels to whoever depends on NAME, and on along documents and decisions: what
    builds on it, what it is a building block or basis for, what it becomes.
    """
    from ros_kg.dependencies import impact_of
    from ros_kg.network import build_network

    iri = resolve_node(session, name)
    network = build_network(session.graph(), as_of=as_of)
    reaches = impact_of(network, str(iri))
    lang = session.lang
    rows = reach_rows(reaches, str(iri), lang, "affected")
    if fmt == "json":
        click.echo(render(reach_json(rows, "affected"), [], "json"), nl=False)
        return
    label = name_of(session, iri)
    empty = (
        f"Nothing stalls when {label} stalls{when_text(as_of, lang)}."
        if lang == "en"
        else f"Niets loopt vast als {label} vastloopt{when_text(as_of, lang)}."
    )
    emit(
        [{**r, "because": r["via"]} for r in rows],
        columns(["distance", "affected", "because"], lang),
        fmt,
        empty,
    )


@click.command()
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=10,
    show_default=True,
    help="Show this many bottlenecks.",
)
@format_option()
@pass_session
def central(session: Session, top: int, fmt: str) -> None:
    """Show the bottlenecks: what most parties depend on, and how many chains pass through it.

    Also lists the dependency cycles (A depends on B, which depends on A), if any.
    """
    from ros_kg.dependencies import bottlenecks, dependency_cycles
    from ros_kg.network import build_network

    network = build_network(session.graph())
    ranked = bottlenecks(network, top=top)
    cycles = dependency_cycles(network)
    lang = session.lang
    if fmt == "json":
        record = {
            "bottlenecks": [bottleneck_json(b) for b in ranked],
            "cycles": [[s.as_json() for s in c] for c in cycles],
        }
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
        return
    rows = [bottleneck_row(i, b, lang) for i, b in enumerate(ranked, start=1)]
    empty = "No dependencies at all." if lang == "en" else "Er zijn geen afhankelijkheden."
    keys = ["rank", "name", "dependents", "direct", "through", "betweenness"]
    emit(rows, columns(keys if fmt == "table" else [*keys, "reading"], lang), fmt, empty)
    if fmt == "csv":
        return
    if fmt == "table" and ranked:
        click.echo()
        click.echo(wrapped([f"{i}. {b.reading(lang)}" for i, b in enumerate(ranked, start=1)]))
    click.echo()
    click.echo(cycles_text(cycles, lang))


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


@click.command()
@click.option("--from", "start", type=DATE, help="Only what is dated on or after this day.")
@click.option("--to", "end", type=DATE, help="Only what is dated on or before this day.")
@click.option("--today", type=DATE, hidden=True, help="Judge ahead/overdue against this day.")
@format_option()
@pass_session
def timeline(
    session: Session, start: date | None, end: date | None, today: date | None, fmt: str
) -> None:
    """Show documents, decisions and events in date order, with who takes part.

    The standing column says what is done, what happens now, what lies ahead and what is
    overdue (planned, its date passed, and not recorded as done), judged against today.
    """
    from ros_kg.timeline import timeline as build_timeline

    events = build_timeline(session.graph(), today=today or date.today(), start=start, end=end)
    lang = session.lang
    if fmt == "json":
        click.echo(render([event_json(e) for e in events], [], "json"), nl=False)
        return
    rows = [event_row(e, lang) for e in events]
    empty = "Nothing dated in that period." if lang == "en" else "Niets gedateerd in die periode."
    emit(rows, columns(["when", "what", "status", "mark", "who"], lang), fmt, empty)


def event_row(e: "Event", lang: str) -> dict[str, Any]:
    """Return the printable row of a timeline event."""
    index = 1 if lang == "en" else 0
    return {
        "when": e.when(lang),
        "what": e.entity.name(lang),
        "status": STATUS_WORDS[e.status][index] if e.status in STATUS_WORDS else "",
        "mark": MARK_WORDS[e.mark][index],
        "who": ", ".join(w.name(lang) for w in e.who),
    }


def event_json(e: "Event") -> dict[str, Any]:
    """Return the stable JSON form of a timeline event."""
    return {
        **e.entity.as_json(),
        "date": e.day.isoformat(),
        "until": e.until.isoformat(),
        "precision": e.precision,
        "when": {"nl": e.when("nl"), "en": e.when("en")},
        "status": e.status,
        "status_as_of": e.status_as_of.isoformat() if e.status_as_of else None,
        "mark": e.mark,
        "who": [w.as_json() for w in e.who],
    }


def number(value: int, lang: str, *, signed: bool = False) -> str:
    """Write a number the way the language does: 120.000 in Dutch, 120,000 in English.

    Examples:
        >>> number(20000, "nl", signed=True), number(-1500, "en", signed=True)
        ('+20.000', '-1,500')
    """
    text = f"{value:+,}" if signed else f"{value:,}"
    return text.replace(",", ".") if lang == "nl" else text


@click.command()
@format_option()
@pass_session
def targets(session: Session, fmt: str) -> None:
    """Show each target (inhabitants, homes, jobs) across the documents, with the change.

    Targets are in the order the documents stated them; the change column compares each with
    the one before, and the summary compares the first with the last.
    """
    from ros_kg.targets import target_histories

    histories = target_histories(session.graph())
    lang = session.lang
    if fmt == "json":
        click.echo(render([history_json(h) for h in histories], [], "json"), nl=False)
        return
    rows = [row for h in histories for row in history_rows(h, lang)]
    empty = "The graph holds no targets." if lang == "en" else "De graaf bevat geen doelen."
    emit(rows, columns(["quantity", "document", "year", "value", "change"], lang), fmt, empty)
    if rows and fmt != "csv":
        click.echo()
        click.echo(wrapped(change_lines(histories, lang)))


def history_rows(h: "TargetHistory", lang: str) -> list[dict[str, Any]]:
    """Return one printable row per target of a quantity."""
    area = f" ({h.area.name(lang)})" if h.area else ""
    rows = []
    for t in h.targets:
        comparator = f"{t.comparator.name(lang)} " if t.comparator else ""
        document = t.document.name(lang) if t.document else ""
        if t.document_date and str(t.document_date.year) not in document:
            document += f" ({t.document_date.year})"
        rows.append(
            {
                "quantity": h.quantity.name(lang) + area,
                "document": document,
                "year": t.year or "",
                "value": comparator + number(t.value, lang),
                "change": number(t.change, lang, signed=True) if t.change is not None else "",
            }
        )
    return rows


def change_lines(histories: Sequence["TargetHistory"], lang: str) -> list[str]:
    """Say, per quantity, how the first statement compares with the last."""
    lines = []
    for h in histories:
        if len(h.targets) < 2:
            continue
        first, last = h.targets[0], h.targets[-1]
        if h.disputed:
            disagree = "bronnen spreken elkaar tegen" if lang == "nl" else "sources disagree"
            values = " vs ".join(
                f"{number(t.value, lang)} ({', '.join(x.name(lang) for x in t.sources)})"
                for t in h.targets
            )
            area = f" ({h.area.name(lang)})" if h.area else ""
            lines.append(f"{h.quantity.name(lang)}{area}: {disagree}: {values}")
            continue
        lines.append(
            f"{h.quantity.name(lang)}{f' ({h.area.name(lang)})' if h.area else ''}: "
            f"{number(first.value, lang)} "
            f"({first.document.name(lang) if first.document else '?'}) → "
            f"{number(last.value, lang)} ({last.document.name(lang) if last.document else '?'}): "
            f"{number(h.change, lang, signed=True)}"
        )
    return lines


def history_json(h: "TargetHistory") -> dict[str, Any]:
    """Return the stable JSON form of one quantity's history."""
    return {
        "quantity": h.quantity.as_json(),
        "area": entity_json(h.area),
        "change": h.change,
        "targets": [
            {
                **t.entity.as_json(),
                "value": t.value,
                "comparator": entity_json(t.comparator),
                "horizon_year": t.year,
                "document": entity_json(t.document),
                "document_date": t.document_date.isoformat() if t.document_date else None,
                "change": t.change,
            }
            for t in h.targets
        ],
    }


@click.command()
@click.option(
    "--top", type=click.IntRange(min=1), default=5, show_default=True,
    help="How many bottlenecks to show (and twice as many key dependencies).",
)  # fmt: skip
@click.option("--today", type=DATE, hidden=True, help="Judge the timeline against this day.")
@format_option()
@pass_session
def report(session: Session, top: int, today: date | None, fmt: str) -> None:
    """Print the one-page overview: who takes part, who depends on whom, what comes next.

    Sections: participants by layer (Rijk, province, water board, municipalities, knowledge
    and cross-border partners) and since when; key dependencies; bottlenecks and cycles; the
    timeline from today on; the targets and how they changed.
    """
    from ros_kg.report import overview

    result = overview(session.graph(), today=today or date.today(), top=top)
    click.echo(render_overview(result, fmt, session.lang), nl=False)


SECTION_TITLES = {
    "participants": ("Deelnemers per laag", "Participants by layer"),
    "key_dependencies": ("Belangrijkste afhankelijkheden", "Key dependencies"),
    "bottlenecks": ("Knelpunten", "Bottlenecks"),
    "timeline": ("Wat komt (vanaf {today})", "What comes next (from {today})"),
    "targets": ("Doelen", "Targets"),
}


def render_overview(o: "Overview", fmt: str, lang: str) -> str:
    """Return the overview in ``fmt``: sections with headings, or one JSON object."""
    from ros_kg.report import LAYERS

    index = 1 if lang == "en" else 0
    layer_names = {key: names[lang] for key, names, _ in LAYERS}
    if fmt == "json":
        record = {
            "today": o.today.isoformat(),
            "participants": [participant_json(p) for p in o.participants],
            "key_dependencies": [
                {
                    "dependee": k.dependee.as_json(),
                    "kind": k.kind,
                    "kind_label": k.kind_label,
                    "dependents": [d.as_json() for d in k.dependents],
                    "bases": [b.as_json() for b in k.bases],
                }
                for k in o.key_dependencies
            ],
            "bottlenecks": [bottleneck_json(b) for b in o.bottlenecks],
            "cycles": [[s.as_json() for s in c] for c in o.cycles],
            "timeline": [event_json(e) for e in o.ahead],
            "targets": [history_json(h) for h in o.targets],
        }
        return json.dumps(record, ensure_ascii=False, indent=2) + "\n"
    participants = [
        {"layer": layer_names[p.layer], **participant_row(p, lang)} for p in o.participants
    ]
    key_rows = [
        {
            "dependees": k.dependee.name(lang),
            "for": k.kind_label.get(lang, k.kind),
            "dependents": ", ".join(d.name(lang) for d in k.dependents),
            "basis": ", ".join(b.name(lang) for b in k.bases),
        }
        for k in o.key_dependencies
    ]
    bottleneck_rows = [
        {"rank": i, "name": b.entity.name(lang), "reading": b.reading(lang)}
        for i, b in enumerate(o.bottlenecks, start=1)
    ]
    event_rows = [event_row(e, lang) for e in o.ahead]
    target_rows = [row for h in o.targets for row in history_rows(h, lang)]
    sections: list[tuple[str, list[dict[str, Any]], list[str]]] = [
        ("participants", participants, ["layer", "name", "since", "memberships"]),
        ("key_dependencies", key_rows, ["dependents", "for", "dependees", "basis"]),
        ("bottlenecks", bottleneck_rows, ["rank", "name", "reading"]),
        ("timeline", event_rows, ["when", "what", "mark", "who"]),
        ("targets", target_rows, ["quantity", "document", "value", "change"]),
    ]
    if fmt == "csv":
        blocks = []
        for key, rows, keys in sections:
            cols = [("section", "section"), *columns(keys, lang)]
            blocks.append(render([{"section": key, **r} for r in rows], cols, "csv"))
        return "\n".join(blocks)
    title = "ROS Twente: overview" if lang == "en" else "ROS Twente: overzicht"
    out = [f"# {title} ({o.today})\n" if fmt == "markdown" else f"{title} ({o.today})\n"]
    none = "(none)" if lang == "en" else "(geen)"
    for key, rows, keys in sections:
        heading = SECTION_TITLES[key][index].format(today=o.today)
        if fmt == "markdown":
            out.append(f"\n## {heading}\n\n")
        else:
            out.append(f"\n{heading}\n{'=' * len(heading)}\n")
        out.append(render(rows, columns(keys, lang), fmt) if rows else f"{none}\n")
        if key == "bottlenecks":
            out.append("\n" + cycles_text(o.cycles, lang) + "\n")
        if key == "targets" and rows:
            out.append("\n" + wrapped(change_lines(o.targets, lang)) + "\n")
    return "".join(out)


COMMANDS = (actors, deps, dependents, path, impact, central, timeline, targets, report)
