"""The report command: the one-page overview of participants, dependencies, timeline, targets."""

import json
from datetime import date
from typing import TYPE_CHECKING, Any

import click

from ros_kg.cli.actor_commands import participant_json, participant_row
from ros_kg.cli.app import DATE, Session, pass_session
from ros_kg.cli.dependency_rows import bottleneck_json, cycles_text
from ros_kg.cli.output import columns, format_option, wrapped
from ros_kg.cli.render import render
from ros_kg.cli.timeline_commands import (
    change_lines,
    event_json,
    event_row,
    history_json,
    history_rows,
    number,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ros_kg.entities import Entity
    from ros_kg.report import Overview


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

    result = overview(
        session.graph(), today=today or date.today(), top=top, network=session.network()
    )
    click.echo(render_overview(result, fmt, session.lang), nl=False)


ROWS_SHOWN = 50
"""Rows a section of the printed overview shows; the rest are named with the command for all.

A national graph puts tens of thousands of events and targets in the overview, which then is
no overview; JSON and CSV, read by programs, keep every row."""
NAMES_SHOWN = 40
"""Names listed in one cell (who depends, who takes part) before "+N more"."""


def name_list(entities: "Sequence[Entity]", lang: str) -> str:
    """Join the names of ``entities``; beyond :data:`NAMES_SHOWN`, say how many more there are.

    Examples:
        >>> from ros_kg.entities import Entity
        >>> name_list([Entity(str(i), {"en": f"n{i}"}) for i in range(42)], "en")[-18:]
        'n38, n39 (+2 more)'
    """
    names = ", ".join(e.name(lang) for e in entities[:NAMES_SHOWN])
    rest = len(entities) - NAMES_SHOWN
    if rest <= 0:
        return names
    return names + (f" (+{rest} more)" if lang == "en" else f" (+{rest} meer)")


def _all_names(entities: "Sequence[Entity]", lang: str) -> str:
    return ", ".join(e.name(lang) for e in entities)


def _more(count: int, key: str, today: date, lang: str) -> str:
    command = f"ros-kg timeline --from {today}" if key == "timeline" else "ros-kg targets"
    if lang == "en":
        return f"... and {number(count, lang)} more; all of them: {command}"
    return f"... en nog {number(count, lang)}; allemaal: {command}"


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
    printed = fmt != "csv"  # a program reading CSV gets every row and every name
    names = name_list if printed else _all_names
    key_rows = [
        {
            "dependees": k.dependee.name(lang),
            "for": k.kind_label.get(lang, k.kind),
            "dependents": names(k.dependents, lang),
            "basis": names(k.bases, lang),
        }
        for k in o.key_dependencies
    ]
    bottleneck_rows = [
        {"rank": i, "name": b.entity.name(lang), "reading": b.reading(lang)}
        for i, b in enumerate(o.bottlenecks, start=1)
    ]
    event_rows = [
        {**event_row(e, lang), "who": names(e.who, lang)}
        for e in (o.ahead[: ROWS_SHOWN + 1] if printed else o.ahead)
    ]
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
        shown = rows[:ROWS_SHOWN] if len(rows) > ROWS_SHOWN else rows
        out.append(render(shown, columns(keys, lang), fmt) if rows else f"{none}\n")
        if len(shown) < len(rows):
            total = len(o.ahead) if key == "timeline" else len(rows)
            out.append("\n" + _more(total - len(shown), key, o.today, lang) + "\n")
        if key == "bottlenecks":
            out.append("\n" + cycles_text(o.cycles, lang) + "\n")
        if key == "targets" and rows:
            out.append("\n" + wrapped(change_lines(o.targets, lang)) + "\n")
    return "".join(out)


COMMANDS = (report,)
