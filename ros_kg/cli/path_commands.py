"""The path command: the dependency chains from A to B, and how they are written.

networkx and the analyses are imported inside the command so that ``ros-kg --help`` stays fast.
"""

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from ros_kg.cli.app import Session, pass_session
from ros_kg.cli.dependency_commands import name_of, resolve_node
from ros_kg.cli.dependency_rows import step_row
from ros_kg.cli.output import columns, emit, format_option, word
from ros_kg.cli.render import render

if TYPE_CHECKING:
    from ros_kg.dependencies import Step


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

    a = resolve_node(session, start)
    b = resolve_node(session, end)
    network = session.network()
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


COMMANDS = (path,)
