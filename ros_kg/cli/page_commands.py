"""The command that draws the graph as one offline HTML page."""

from datetime import date
from pathlib import Path

import click

from ros_kg.cli.app import DATE, LANG_CHOICE, Session, pass_session
from ros_kg.network import KINDS


@click.command()
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The HTML file to write (atomically); it opens offline, from a USB stick or a mail.",
)
@click.option("--focus", metavar="NAME", help="Draw only NAME and what lies within --depth steps.")
@click.option(
    "--depth",
    type=click.IntRange(0, 10),
    default=1,
    show_default=True,
    help="Steps from --focus, following links either way.",
)
@click.option("--as-of", "as_of", type=DATE, help="Draw what held on this date (or year).")
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice([kind for _, kind in KINDS]),
    help="Keep only nodes of this kind (repeatable).",
)
@click.option(
    "--theme",
    "themes",
    multiple=True,
    metavar="THEME",
    help="Keep a theme, what carries it and what touches that (repeatable).",
)
@click.option(
    "--max-nodes",
    type=click.IntRange(min=1),
    default=2000,
    show_default=True,
    help="Refuse to draw more nodes than this; focus or filter instead.",
)
@click.option(
    "--lang",
    "lang",
    type=LANG_CHOICE,
    default=None,
    help="Language the page opens in (both are in the page); defaults to the global --lang.",
)
@pass_session
def viz(
    session: Session,
    output: Path,
    focus: str | None,
    depth: int,
    as_of: date | None,
    kinds: tuple[str, ...],
    themes: tuple[str, ...],
    max_nodes: int,
    lang: str | None,
) -> None:
    """Draw the graph as one self-contained HTML page: search, filters, year slider, sources.

    The page needs no internet and loads nothing from anywhere: open it from a file. Colour and
    shape show the kind, line style the kind of link, size how many depend on a node. Click a
    node for its identifiers, sources and dependencies both ways; switch Dutch and English.
    """
    from ros_kg.page import PageOptions, write_page

    options = PageOptions(
        lang=lang or session.lang,
        as_of=as_of,
        focus=str(session.resolve(focus)) if focus else None,
        depth=depth,
        kinds=kinds,
        themes=tuple(str(session.resolve(theme)) for theme in themes),
        max_nodes=max_nodes,
    )
    summary = write_page(output, session.graph(), options, session.network(as_of))
    click.echo(
        f"wrote {output}: {summary.nodes} nodes, {summary.edges} links, "
        f"{summary.size / 1024:.0f} KiB",
        err=True,
    )


COMMANDS = (viz,)
