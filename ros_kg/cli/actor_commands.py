"""The actors command: who takes part in the ROS, by layer, since when and in which role."""

from datetime import date
from typing import TYPE_CHECKING, Any

import click

from ros_kg.cli.app import DATE, Session, pass_session
from ros_kg.cli.output import columns, emit, entity_json, format_option, when_text
from ros_kg.cli.render import render
from ros_kg.network import ACTOR_KINDS, KINDS

if TYPE_CHECKING:
    from ros_kg.report import Participant

ACTOR_KIND_CHOICES = tuple(kind for _, kind in KINDS if kind in ACTOR_KINDS)
"""The actor kinds, in the projection's order (most general government first)."""


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


COMMANDS = (actors,)
