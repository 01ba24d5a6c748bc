"""Commands that answer "who depends on whom": deps, dependents, impact and central.

Each command resolves names, calls one analysis in the library and formats the result; nothing
here walks the network or writes SPARQL. networkx and the analyses are imported inside the
commands so that ``ros-kg --help`` stays fast.
"""

import json
from collections.abc import Callable
from datetime import date
from typing import Any

import click
from rdflib import URIRef

from ros_kg.cli.app import DATE, Session, pass_session
from ros_kg.cli.dependency_rows import (
    bottleneck_json,
    bottleneck_row,
    cycles_text,
    reach_json,
    reach_rows,
)
from ros_kg.cli.output import columns, emit, format_option, when_text, wrapped
from ros_kg.cli.render import render
from ros_kg.namespaces import ORG, ROS

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


def resolve_node(session: Session, name: str) -> URIRef:
    """Resolve ``name`` to something that can depend or be depended on."""
    return session.names().resolve_kind(
        name, NODE_CLASSES, EXPECTED[session.lang], lang=session.lang
    )


def name_of(session: Session, iri: URIRef) -> str:
    """Return the label of ``iri`` in the session's language."""
    return session.names().labels(iri, session.lang)


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

    iri = resolve_node(session, name)
    network = session.network(as_of)
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

    iri = resolve_node(session, name)
    network = session.network(as_of)
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

    network = session.network()
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


COMMANDS = (deps, dependents, impact, central)
