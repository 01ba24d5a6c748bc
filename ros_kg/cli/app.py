"""The command group, its global options and the turning of user errors into one line."""

import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
from rdflib import Graph, URIRef

from ros_kg.errors import RosKgError

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import date

    from rdflib.term import Identifier

    from ros_kg.names import NameIndex
    from ros_kg.network import Network
    from ros_kg.queries import Answer

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")

LANG_CHOICE = click.Choice(["nl", "en"])


@dataclass
class Session:
    """What every command shares: the data paths, the language and the graph, loaded once."""

    data: tuple[Path, ...]
    lang: str
    endpoint: str | None = None
    store: str | None = None
    _graph: Graph | None = field(default=None, repr=False)
    _names: "NameIndex | None" = field(default=None, repr=False)

    def graph(self) -> Graph:
        """Load the shipped graph plus ``--data`` on first use, or fetch it from ``--endpoint``.

        Fetching the whole graph once lets every report run unchanged against a store.
        """
        if self._graph is None:
            if self.endpoint is not None:
                from ros_kg.endpoint import fetch_graph

                self._graph = fetch_graph(self.endpoint)
            else:
                from ros_kg.store import load_graph

                self._graph = load_graph(self.data, store=self.store)
        return self._graph

    def answer(
        self, text: str, bindings: "Mapping[str, Identifier] | None", timeout: float
    ) -> "Answer":
        """Run a read-only query where the session points: ``--endpoint`` or the local graph."""
        if self.endpoint is not None:
            from ros_kg.endpoint import answer_query as remote

            return remote(self.endpoint, text, bindings, timeout=timeout)
        from ros_kg.queries import answer_query as local

        return local(self.graph(), text, bindings, timeout=timeout)

    def resolve(self, name: str) -> URIRef:
        """Resolve a name the user typed to one resource of the graph."""
        return self.names().resolve(name, lang=self.lang)

    def names(self) -> "NameIndex":
        """Return the name index of the graph: built on first use, or read from the cache."""
        if self._names is None:
            from ros_kg.names import NameIndex

            self._names = self._cached("names", lambda: NameIndex.build(self.graph()))
        return self._names

    def network(self, as_of: "date | None" = None) -> "Network":
        """Return the networkx projection (on ``as_of``): built, or read from the cache."""
        import networkx

        from ros_kg.network import build_network

        def build() -> "Network":
            return build_network(self.graph(), as_of=as_of)

        return self._cached("network", build, str(as_of), networkx.__version__)

    def _cached(self, kind: str, build: "Callable[[], T]", *parts: str) -> "T":
        """Build with :mod:`ros_kg.cache`, keyed by the content of every input file.

        Never for ``--endpoint`` (the data there can change unseen); a missing or unreadable
        file skips the cache, so that loading the graph reports it as usual.
        """
        if self.endpoint is not None:
            return build()
        from ros_kg import cache, resources
        from ros_kg.store import default_store, turtle_files

        try:
            files = [*resources.ontology_files(), *resources.data_files(), *turtle_files(self.data)]
            key = cache.key(files, kind, self.store or default_store(), *parts)
        except (OSError, RosKgError):
            return build()
        return cache.cached(kind, key, build)


class RosKgGroup(click.Group):
    """A group that reports the library's user errors as one line and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; a :class:`RosKgError` becomes ``Error: ...`` and its exit code."""
        try:
            return super().invoke(ctx)
        except RosKgError as exc:
            error = click.ClickException(str(exc))
            error.exit_code = exc.exit_code
            raise error from None


@click.group(cls=RosKgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ros-kg")
@click.option(
    "--data",
    "data",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Extra Turtle file or folder loaded on top of the shipped graph (repeatable).",
)
@click.option(
    "--lang",
    type=LANG_CHOICE,
    default=lambda: os.environ.get("ROS_KG_LANG", "nl"),
    show_default="nl, or $ROS_KG_LANG",
    help="Language of labels and headings.",
)
@click.option(
    "--endpoint",
    metavar="URL",
    help="Answer from this SPARQL 1.1 query endpoint instead of the local files "
    "(for `ros-kg serve`: http://127.0.0.1:7878/query).",
)
@click.option(
    "--store",
    type=click.Choice(["oxigraph", "memory"]),
    default=lambda: os.environ.get("ROS_KG_STORE", "oxigraph"),
    show_default="oxigraph, or $ROS_KG_STORE",
    help="Where the graph lives: Oxigraph (fast at every size) or rdflib's memory store.",
)
@click.pass_context
def cli(
    ctx: click.Context, data: tuple[Path, ...], lang: str, endpoint: str | None, store: str
) -> None:
    """ros-kg: the knowledge graph of the ROS Twente.

    Who takes part, what was decided, who depends on whom, and what comes next, with a source
    for every fact. Names can be typed as labels, abbreviations or CBS codes: `ros-kg show VRO`.
    """
    if endpoint is not None and data:
        raise click.UsageError("--data adds local files; it cannot be combined with --endpoint")
    # rdflib logs a traceback for every ill-formed literal it reads ("2024-13-45"^^xsd:date);
    # `validate` names each one as a broken rule, so the log is noise that looks like a crash.
    logging.getLogger("rdflib.term").setLevel(logging.ERROR)
    if sys.stderr.isatty():
        from ros_kg import progress

        progress.enable()
    ctx.obj = Session(data=data, lang=lang, endpoint=endpoint, store=store)


pass_session = click.make_pass_decorator(Session)


class DateType(click.ParamType):  # type: ignore[type-arg]  # generic only in newer click stubs
    """A calendar date typed as YYYY-MM-DD, or a bare year (read as the end of that year)."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """Parse ``value``; a wrong date fails as a usage error that says the expected form."""
        from datetime import date

        if isinstance(value, date):
            return value
        text = str(value).strip()
        try:
            if len(text) == 4 and text.isdigit():
                return date(int(text), 12, 31)
            return date.fromisoformat(text)
        except ValueError:
            self.fail(f"'{value}' is not a date; use YYYY-MM-DD (2025-06-01) or a year (2025)")


DATE = DateType()
