"""Commands about the graph itself: validate, stats, show and export."""

import sys
from pathlib import Path

import click

from ros_kg.cli.app import Session, pass_session
from ros_kg.cli.render import render

TABLE_OR_JSON = click.Choice(["table", "json"])


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--engine",
    type=click.Choice(["auto", "sparql", "pyshacl"]),
    default="auto",
    show_default=True,
    help="sparql: the shapes compiled to SPARQL, run in Oxigraph (seconds at a million "
    "triples); pyshacl: the reference implementation (minutes); auto: sparql unless a shape "
    "cannot be compiled.",
)
@pass_session
def validate(session: Session, paths: tuple[Path, ...], engine: str) -> None:
    """Check syntax and modelling rules (SHACL) of the shipped graph plus PATHS and --data.

    Prints one line per broken rule (the resource, the property, the rule) and exits 1 when
    any rule of severity Violation is broken. Warnings are shown but do not fail.
    """
    from ros_kg.validation import ENGINES, validate_files

    chosen = next(e for e in ENGINES if e == engine)
    report = validate_files([*session.data, *paths], lang=session.lang, engine=chosen)
    for v in report.violations:
        value = f" (value: {v.value})" if v.value else ""
        click.echo(f"{v.severity}: {v.focus_label} <{v.focus}> {v.path}: {v.message}{value}")
    errors = len(report.violations) - len(report.warnings)
    if report.conforms:
        click.echo(
            f"OK: {report.triples} triples conform to the shapes"
            + (f" ({len(report.warnings)} warnings)" if report.warnings else "")
        )
        return
    noun = "violation" if errors == 1 else "violations"
    click.echo(f"{errors} {noun} in {report.triples} triples", err=True)
    sys.exit(1)


@click.command()
@click.option("--format", "fmt", type=TABLE_OR_JSON, default="table", show_default=True)
@pass_session
def stats(session: Session, fmt: str) -> None:
    """Count the triples, actors, documents, dependencies, targets and sources of the graph."""
    from ros_kg.describe import graph_stats

    result = graph_stats(session.graph(), session.lang)
    if fmt == "json":
        click.echo(
            render(
                [
                    {
                        "triples": result.triples,
                        "totals": [vars(c) for c in result.totals],
                        "classes": [vars(c) for c in result.classes],
                    }
                ],
                [],
                "json",
            ),
            nl=False,
        )
        return
    heading = "soort" if session.lang == "nl" else "kind"
    number = "aantal" if session.lang == "nl" else "count"
    click.echo(f"{result.triples} triples\n")
    rows = [{"label": c.label, "count": c.count} for c in result.totals]
    click.echo(render(rows, [("label", heading), ("count", number)], "table"), nl=False)
    click.echo()
    rows = [{"label": c.label, "count": c.count} for c in result.classes]
    click.echo(render(rows, [("label", "class"), ("count", number)], "table"), nl=False)


@click.command()
@click.argument("name")
@click.option("--format", "fmt", type=TABLE_OR_JSON, default="table", show_default=True)
@pass_session
def show(session: Session, name: str, fmt: str) -> None:
    """Show everything the graph says about NAME, with the sources.

    NAME is a label (Dutch or English), an abbreviation (VRO, SHE, BO MIRT), a CBS code
    (GM0153) or an IRI; case and accents do not matter.
    """
    from ros_kg.describe import describe

    description = describe(session.graph(), session.resolve(name), session.lang)
    if fmt == "json":
        record = {
            "iri": description.iri,
            "label": {"nl": description.label_nl, "en": description.label_en},
            "kinds": list(description.kinds),
            "statements": [vars(s) for s in description.statements],
        }
        click.echo(render([record], [], "json"), nl=False)
        return
    label = description.label_en if session.lang == "en" else description.label_nl
    click.echo(f"{label}  <{description.iri}>")
    click.echo(f"{', '.join(description.kinds)}\n")
    rows = [
        {
            "property": s.property_label if s.direction == "out" else f"← {s.property_label}",
            "value": s.value_label,
        }
        for s in description.statements
    ]
    click.echo(render(rows, [("property", "property"), ("value", "value")], "table"), nl=False)


@click.command()
@click.option(
    "--format", "fmt", type=click.Choice(["ttl", "nt", "jsonld"]), default="ttl", show_default=True
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (atomically) instead of standard output.",
)
@pass_session
def export(session: Session, fmt: str, output: Path | None) -> None:
    """Export the graph (ontology, data, derived shortcuts) as Turtle, N-Triples or JSON-LD."""
    from ros_kg.export import serialise
    from ros_kg.files import write_atomically

    text = serialise(session.graph(), fmt)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomically(output, text)
        click.echo(f"wrote {output}", err=True)


COMMANDS = (validate, stats, show, export)
