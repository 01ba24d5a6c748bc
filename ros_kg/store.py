"""Loads Turtle into an rdflib graph: the one module that parses RDF files.

Every problem with a file becomes a :class:`~ros_kg.errors.DataError` whose message starts with
``file:line:`` where a line is known, so an editor can jump to it.
"""

from collections.abc import Iterable, Sequence
from pathlib import Path

from rdflib import Graph

from ros_kg import resources
from ros_kg.errors import DataError
from ros_kg.namespaces import PREFIXES, RDF, ROS


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


def parse_turtle(path: Path, graph: Graph) -> None:
    """Parse one Turtle file into ``graph``, or raise a one-line error that names the place.

    The file is parsed into a scratch graph first, so a bad file adds nothing to ``graph``.

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
    scratch = Graph()
    try:
        scratch.parse(data=text, format="turtle", publicID=path.resolve().as_uri())
    except Exception as exc:  # rdflib raises BadSyntax and assorted others for bad input
        raise DataError(_syntax_message(path, text, exc)) from None
    graph += scratch


def _has_content(text: str) -> bool:
    return any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines())


def _syntax_message(path: Path, text: str, exc: Exception) -> str:
    line_index = getattr(exc, "lines", None)
    why = getattr(exc, "_why", None) or str(exc).strip().splitlines()[0] or type(exc).__name__
    if isinstance(line_index, int):
        lines = text.splitlines()
        offending = lines[line_index].strip() if 0 <= line_index < len(lines) else ""
        where = f"{path}:{line_index + 1}"
        return f"{where}: {why}" + (f"  >>> {offending}" if offending else "")
    return f"{path}: {why}"


def new_graph() -> Graph:
    """Return an empty graph with the project's prefixes bound."""
    graph = Graph(bind_namespaces="core")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def load_graph(extra: Sequence[Path] = (), *, derive: bool = True) -> Graph:
    """Load the shipped ontology and data, then the user's ``extra`` files or folders.

    Args:
        extra: Turtle files or folders loaded on top of the shipped graph (``--data``).
        derive: add the derived ``ros:dependsOn`` shortcuts (off only to validate raw input).

    Returns:
        The graph that every command answers from.

    Raises:
        DataError: for any file that cannot be read or parsed.
    """
    graph = new_graph()
    for path in [*resources.ontology_files(), *resources.data_files(), *turtle_files(extra)]:
        parse_turtle(path, graph)
    if derive:
        add_derived(graph)
    return graph


def add_derived(graph: Graph) -> None:
    """Add ``ros:dependsOn`` for every ``ros:Afhankelijkheid``: the shortcut that paths follow.

    The shortcut is derived, never written by hand, so that it always agrees with the
    dependency resources that carry kind, basis and source.
    """
    derived = [
        (dependent, ROS.dependsOn, dependee)
        for dependency in graph.subjects(RDF.type, ROS.Afhankelijkheid)
        for dependent in graph.objects(dependency, ROS.dependent)
        for dependee in graph.objects(dependency, ROS.dependee)
    ]
    for triple in derived:
        graph.add(triple)
