"""Commands that say what happens when: timeline (dated items) and targets (stated numbers)."""

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

import click

from ros_kg.cli.app import DATE, Session, pass_session
from ros_kg.cli.output import columns, emit, entity_json, format_option, wrapped
from ros_kg.cli.render import render

if TYPE_CHECKING:
    from ros_kg.targets import TargetHistory
    from ros_kg.timeline import Event

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


COMMANDS = (timeline, targets)
