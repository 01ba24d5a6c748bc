"""What the analysis commands share in printing: headings in two languages and ``--format``."""

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

import click

from ros_kg.cli.render import FORMATS, Column, render

if TYPE_CHECKING:
    from ros_kg.entities import Entity

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


def when_text(as_of: date | None, lang: str) -> str:
    """Return " (as of DATE)" in ``lang``, or nothing without a date."""
    if as_of is None:
        return ""
    return f" (as of {as_of})" if lang == "en" else f" (per {as_of})"


def entity_json(entity: "Entity | None") -> dict[str, Any] | None:
    """Return the JSON form of an entity, or ``None``."""
    return entity.as_json() if entity is not None else None
