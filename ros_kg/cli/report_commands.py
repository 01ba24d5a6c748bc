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
)

if TYPE_CHECKING:
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


COMMANDS = (report,)
