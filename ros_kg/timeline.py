"""The timeline: documents, decisions and events in date order, with who takes part.

Dates in the deck are often a year, a month or a season ("voorjaar 2026"); the graph stores the
first day of that period and its precision. Whether something lies ahead, is happening now or is
overdue is judged against the whole period, so "spring 2026" is not overdue on 2 March 2026.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from ros_kg.entities import Entities, Entity
from ros_kg.namespaces import ROS
from ros_kg.network import STATUS_KEYS
from ros_kg.queries import get_query, run_select

PRECISIONS = {ROS.Dag: "day", ROS.Maand: "month", ROS.Seizoen: "season", ROS.Jaar: "year"}

MARKS = ("done", "past", "now", "ahead", "overdue")
"""``done``: recorded as done; ``past``: its period is over and no status says otherwise;
``now``: today falls in its period, or it started and is recorded as ongoing; ``ahead``: its
period starts after today; ``overdue``: planned, its period is over and nothing records it as
done. An ongoing thing dated by its start (the urbanisation strategy, November 2024) is not
late for having started."""


@dataclass(frozen=True)
class Event:
    """One dated thing on the timeline, with who takes part and how it stands today."""

    entity: Entity
    day: date
    until: date
    precision: str
    status: str | None
    status_as_of: date | None
    mark: str
    who: tuple[Entity, ...]

    def when(self, lang: str = "nl") -> str:
        """Say the date as precisely as the source gives it.

        Examples:
            >>> e = Event(Entity("x", {}), date(2026, 3, 1), date(2026, 6, 1), "season",
            ...           None, None, "ahead", ())
            >>> e.when("nl"), e.when("en")
            ('voorjaar 2026', 'spring 2026')
        """
        if self.precision == "year":
            return str(self.day.year)
        if self.precision == "month":
            return f"{self.day:%Y-%m}"
        if self.precision == "season":
            seasons = {
                3: ("voorjaar", "spring"),
                6: ("zomer", "summer"),
                9: ("najaar", "autumn"),
                12: ("winter", "winter"),
            }
            nl, en = seasons.get(self.day.month, (f"{self.day:%m}", f"{self.day:%m}"))
            return f"{en if lang == 'en' else nl} {self.day.year}"
        return self.day.isoformat()


def period_end(day: date, precision: str) -> date:
    """Return the first day after the period that ``day`` stands for.

    Examples:
        >>> period_end(date(2026, 11, 1), "month")
        datetime.date(2026, 12, 1)
        >>> period_end(date(2026, 3, 1), "season")
        datetime.date(2026, 6, 1)
        >>> period_end(date(2026, 1, 1), "year")
        datetime.date(2027, 1, 1)
        >>> period_end(date(2026, 1, 31), "day")
        datetime.date(2026, 2, 1)
    """
    if precision == "year":
        return date(day.year + 1, 1, 1)
    if precision in ("month", "season"):
        months = day.month - 1 + (3 if precision == "season" else 1)
        return date(day.year + months // 12, months % 12 + 1, 1)
    return day + timedelta(days=1)


def mark_of(day: date, until: date, status: str | None, today: date) -> str:
    """Judge how a dated thing stands ``today`` (see :data:`MARKS`).

    Examples:
        >>> mark_of(date(2026, 11, 1), date(2026, 12, 1), "planned", date(2025, 6, 1))
        'ahead'
        >>> mark_of(date(2026, 11, 1), date(2026, 12, 1), "planned", date(2026, 11, 15))
        'now'
        >>> mark_of(date(2026, 3, 1), date(2026, 6, 1), "planned", date(2026, 7, 1))
        'overdue'
        >>> mark_of(date(2026, 3, 1), date(2026, 6, 1), "done", date(2026, 7, 1))
        'done'
        >>> mark_of(date(2024, 11, 1), date(2024, 12, 1), "ongoing", date(2026, 11, 28))
        'now'
    """
    if status == "done":
        return "done"
    if day > today:
        return "ahead"
    if today < until or status == "ongoing":
        return "now"
    if status == "planned":
        return "overdue"
    return "past"


def timeline(
    graph: Graph,
    *,
    today: date,
    start: date | None = None,
    end: date | None = None,
    entities: Entities | None = None,
) -> tuple[Event, ...]:
    """Return the dated documents, decisions and events, in date order.

    Args:
        graph: the loaded graph.
        today: the day against which "ahead", "now" and "overdue" are judged (injected, so
            that a test does not age).
        start: only what is dated on or after this day.
        end: only what is dated on or before this day.
        entities: names the nodes; a report passes the one it shares with its other parts.
    """
    entity_in = entities if entities is not None else Entities(graph)
    bindings: dict[str, Literal] = {}
    if start is not None:
        bindings["from"] = Literal(start)
    if end is not None:
        bindings["to"] = Literal(end)
    table = run_select(graph, get_query("report_timeline").text, bindings)
    rows: dict[Node, dict[str, object]] = {}
    who: dict[Node, list[Node]] = {}
    for item, day, precision, status, status_as_of, _role, person in table.rows:
        if item is None or not isinstance(day, Literal):
            continue
        if item not in rows:
            rows[item] = {
                "day": day.toPython(),
                "precision": PRECISIONS.get(precision, "day")
                if isinstance(precision, URIRef)
                else "day",
                "status": STATUS_KEYS.get(status) if isinstance(status, URIRef) else None,
                "status_as_of": status_as_of.toPython()
                if isinstance(status_as_of, Literal)
                else None,
            }
            who[item] = []
        if person is not None and person not in who[item]:
            who[item].append(person)
    events = []
    for item, fields in rows.items():
        day_value = fields["day"]
        if not isinstance(day_value, date):
            continue
        how_precise = str(fields["precision"])
        standing = fields["status"] if isinstance(fields["status"], str) else None
        as_of = fields["status_as_of"] if isinstance(fields["status_as_of"], date) else None
        until = period_end(day_value, how_precise)
        events.append(
            Event(
                entity=entity_in(item),
                day=day_value,
                until=until,
                precision=how_precise,
                status=standing,
                status_as_of=as_of,
                mark=mark_of(day_value, until, standing, today),
                who=tuple(entity_in(p) for p in who[item]),
            )
        )
    events.sort(key=lambda e: (e.day, e.until, e.entity.iri))
    return tuple(events)
