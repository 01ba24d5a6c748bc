"""Loads Turtle into an rdflib graph: the one module that parses RDF files.

Every problem with a file becomes a :class:`~ros_kg.errors.DataError` whose message starts with
``file:line:`` where a line is known, so an editor can jump to it.

Two stores hold the graph, both behind rdflib's ``Graph`` API (``--store`` or ``$ROS_KG_STORE``):

- ``oxigraph`` (the default): the triples live in Oxigraph (:mod:`ros_kg.oxigraph_store`),
  Turtle is parsed by Oxigraph's parser and named queries run in Oxigraph's SPARQL engine.
- ``memory``: rdflib's own parser, memory store and SPARQL engine, as plain rdflib code would.

Why Oxigraph is the default, measured side by side on this machine (``benchmarks/RESULTS.md``):
on the shipped graph it starts faster (parsing the shipped Turtle takes milliseconds instead of
most of a second, and a command that only asks named queries never imports rdflib's SPARQL
engine); at 100k and 1M triples it loads 10-20x faster, answers GROUP BY queries 10-30x faster
and needs less memory. The memory store stays for what rdflib alone does: it is the reference
both stores are tested against (``pytest --store memory``).
"""

import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from rdflib import Graph

from ros_kg import resources
from ros_kg.errors import DataError
from ros_kg.namespaces import PREFIXES, RDF, ROS

STORES = ("oxigraph", "memory")
"""The stores a graph can live in; the first is the default."""


def default_store() -> str:
    """Return the store named by ``$ROS_KG_STORE``, else ``oxigraph``.

    Raises:
        DataError: the variable names no known store.
    """
    chosen = os.environ.get("ROS_KG_STORE", "").strip().lower() or STORES[0]
    if chosen not in STORES:
        raise DataError(f"ROS_KG_STORE={chosen!r} is not a store; use one of {', '.join(STORES)}")
    return chosen


def is_oxigraph(graph: Graph) -> bool:
    """Tell whether ``graph`` lives in Oxigraph (so that text queries run in Oxigraph)."""
    return type(graph.store).__name__ == "OxigraphStore"


def turtle_files(paths: Iterable[Path]) -> list[Path]:
    """Expand files and folders into the Turtle files they name, folders in sorted order.

    Raises:
        DataError: for a path that does not exist or a folder with no ``.ttl`` file.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(path.rglob("*.ttl"))
            if not inside:
                raise DataError(f"{path}: folder holds no .ttl file")
            found.extend(inside)
        elif path.is_file():
            found.append(path)
        else:
            raise DataError(f"{path}: no such file or folder")
    return found


def parse_turtle(path: Path, graph: Graph, *, atomic: bool = True) -> None:
    """Parse one Turtle file into ``graph``, or raise a one-line error that names the place.

    A bad file adds nothing to ``graph``: rdflib parses into a scratch graph first, Oxigraph in
    a transaction. ``atomic=False`` lets Oxigraph load without one (twice as fast, for a graph
    that is thrown away when any file fails).

    Raises:
        DataError: the file is unreadable, not UTF-8, empty, or not valid Turtle.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(
            f"{path}:{line}: not UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8"
        ) from None
    if not _has_content(text):
        raise DataError(f"{path}: file is empty (no Turtle statements)")
    if is_oxigraph(graph):
        _load_into_oxigraph(path, raw, text, graph, atomic=atomic)
        return
    scratch = Graph()
    try:
        scratch.parse(data=text, format="turtle", publicID=path.resolve().as_uri())
    except Exception as exc:  # rdflib raises BadSyntax and assorted others for bad input
        raise DataError(_syntax_message(path, text, exc)) from None
    graph += scratch


def _load_into_oxigraph(path: Path, raw: bytes, text: str, graph: Graph, *, atomic: bool) -> None:
    try:
        graph.store.load_turtle(raw, path.resolve().as_uri(), atomic=atomic)  # type: ignore[attr-defined]
    except SyntaxError as exc:
        raise DataError(_oxigraph_message(path, text, exc)) from None


_OX_WHERE = re.compile(r"^Parser error (at|between) line .*?: ", re.DOTALL)


def _oxigraph_message(path: Path, text: str, exc: SyntaxError) -> str:
    """Say what Oxigraph's parser found, in the ``file:line: reason  >>> line`` form."""
    why = _OX_WHERE.sub("", str(exc.msg or exc)).strip().splitlines()[0]
    line = exc.lineno
    if isinstance(line, int) and line > 0:
        lines = text.splitlines()
        # Oxigraph blames the line after an unclosed string at the end of the file.
        if line > len(lines) or not lines[line - 1].strip():
            line = max(1, min(line - 1, len(lines)))
        offending = lines[line - 1].strip() if line <= len(lines) else ""
        return f"{path}:{line}: {why}" + (f"  >>> {offending}" if offending else "")
    return f"{path}: {why}"


_STATEMENT = re.compile(r"^[ \t\ufeff]*[^#\s]", re.MULTILINE)


def _has_content(text: str) -> bool:
    return _STATEMENT.search(text) is not None


def _syntax_message(path: Path, text: str, exc: Exception) -> str:
    line_index = getattr(exc, "lines", None)
    why = getattr(exc, "_why", None) or str(exc).strip().splitlines()[0] or type(exc).__name__
    if isinstance(line_index, int):
        lines = text.splitlines()
        offending = lines[line_index].strip() if 0 <= line_index < len(lines) else ""
        where = f"{path}:{line_index + 1}"
        return f"{where}: {why}" + (f"  >>> {offending}" if offending else "")
    return f"{path}: {why}"


def new_graph(store: str | None = None) -> Graph:
    """Return an empty graph with the project's prefixes bound, in ``store`` (or the default).

    Raises:
        DataError: ``store`` names no known store.
    """
    chosen = store or default_store()
    if chosen not in STORES:
        raise DataError(f"no store called {chosen!r}; use one of {', '.join(STORES)}")
    if chosen == "oxigraph":
        from ros_kg.oxigraph_store import OxigraphStore

        graph = Graph(store=OxigraphStore(), bind_namespaces="core")
    else:
        graph = Graph(bind_namespaces="core")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def load_graph(
    extra: Sequence[Path] = (), *, derive: bool = True, store: str | None = None
) -> Graph:
    """Load the shipped ontology and data, then the user's ``extra`` files or folders.

    Args:
        extra: Turtle files or folders loaded on top of the shipped graph (``--data``).
        derive: add the derived ``ros:dependsOn`` shortcuts (off only to validate raw input).
        store: ``oxigraph`` or ``memory``; by default ``$ROS_KG_STORE``, else ``oxigraph``.

    Returns:
        The graph that every command answers from.

    Raises:
        DataError: for any file that cannot be read or parsed.
    """
    from ros_kg.progress import progress

    graph = new_graph(store)
    files = [*resources.ontology_files(), *resources.data_files(), *turtle_files(extra)]
    with progress("loading", total=sum(_size(p) for p in files), unit="MB") as step:
        for path in files:
            # The whole graph is dropped when a file fails, so no file needs a transaction.
            parse_turtle(path, graph, atomic=False)
            step(_size(path))
    if derive:
        add_derived(graph)
    return graph


def _size(path: Path) -> float:
    try:
        return path.stat().st_size / 1e6
    except OSError:  # parse_turtle names the file that cannot be read
        return 0.0


DERIVE_UPDATE = (
    f"INSERT {{ ?a {ROS.dependsOn.n3()} ?b }} WHERE {{ ?d {RDF.type.n3()} "
    f"{ROS.Afhankelijkheid.n3()} ; {ROS.dependent.n3()} ?a ; {ROS.dependee.n3()} ?b }}"
)
"""The derivation as SPARQL Update, built from the namespace's own terms, never from user text
(the benchmark's baselines run it too, so that every engine answers over the same triples)."""


def add_derived(graph: Graph) -> None:
    """Add ``ros:dependsOn`` for every ``ros:Afhankelijkheid``: the shortcut that paths follow.

    The shortcut is derived, never written by hand, so that it always agrees with the
    dependency resources that carry kind, basis and source.
    """
    if is_oxigraph(graph):
        # Built from the namespace's own terms, never from user text.
        graph.store.inner.update(DERIVE_UPDATE)  # type: ignore[attr-defined]
        return
    derived = [
        (dependent, ROS.dependsOn, dependee)
        for dependency in graph.subjects(RDF.type, ROS.Afhankelijkheid)
        for dependent in graph.objects(dependency, ROS.dependent)
        for dependee in graph.objects(dependency, ROS.dependee)
    ]
    for triple in derived:
        graph.add(triple)
