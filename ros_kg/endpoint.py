"""Talks to a SPARQL 1.1 endpoint: queries over the Protocol, pushes over the Graph Store Protocol.

The standard library's urllib is enough, and keeps proxies and https working as users expect.
Every failure becomes an :class:`~ros_kg.errors.EndpointError` that names the URL (and shows
what the server said), or a :class:`~ros_kg.errors.QueryTimeoutError`. An answer that does not
parse is treated as cut off, never shown as if whole: Oxigraph answers a query that hits its
timeout with status 200 and a body that simply stops.

Credentials come from the environment only, so that they never land in a shell history:
``ROS_KG_ENDPOINT_TOKEN`` (sent as a bearer token) or ``ROS_KG_ENDPOINT_USER`` and
``ROS_KG_ENDPOINT_PASSWORD`` (basic authentication).
"""

import base64
import http.client
import json
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier, Node

from ros_kg.errors import EndpointError, QueryTimeoutError
from ros_kg.queries import Answer, ResultTable, query_form, with_values

Progress = Callable[[int, int], None]
"""Called with (bytes sent, bytes in all) while a push uploads."""

_RESULTS_JSON = "application/sparql-results+json"
_NTRIPLES = "application/n-triples"
_RDF_FORMATS = {
    "application/n-triples": "nt",
    "text/plain": "nt",
    "text/turtle": "turtle",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
}
_CANCELLED = b"The SPARQL operation has been cancelled"
_CHUNK = 1 << 20


def answer_query(
    url: str,
    text: str,
    bindings: Mapping[str, Identifier] | None = None,
    *,
    timeout: float = 30.0,
) -> Answer:
    """Run a read-only query of any form at the endpoint ``url`` and return its whole answer.

    The query is parsed here first, so an update is refused and a typo is shown with line and
    column before anything is sent. Parameters travel as a VALUES block built from RDF terms.

    Raises:
        QueryError: the query does not parse or is an update.
        QueryTimeoutError: no whole answer within ``timeout`` seconds, or a cut-off answer.
        EndpointError: the endpoint cannot be reached or answers with an error.
    """
    form = query_form(text)
    sent = with_values(text, bindings) if bindings else text
    accept = _RESULTS_JSON if form in ("SELECT", "ASK") else f"{_NTRIPLES}, text/turtle;q=0.8"
    body = urllib.parse.urlencode({"query": sent}).encode("utf-8")
    request = _request(
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
    )
    content_type, payload = _exchange(request, url, timeout, timeout_is_query=True)
    if form in ("SELECT", "ASK"):
        document = _json(payload, url)
        if form == "ASK":
            if not isinstance(document.get("boolean"), bool):
                raise _cut_off(url, "no boolean in the answer")
            return Answer(form, boolean=document["boolean"])
        return Answer(form, table=table_from_json(document, url))
    return Answer(form, graph=_rdf(payload, content_type, url))


def fetch_graph(url: str, *, timeout: float = 300.0) -> Graph:
    """Return every triple of the endpoint's default graph, so local reports can run on it.

    The derived ``ros:dependsOn`` shortcuts are added if the store holds the raw data only.

    Raises:
        QueryTimeoutError: no whole answer within ``timeout`` seconds.
        EndpointError: the endpoint cannot be reached or answers with an error.
    """
    from ros_kg.store import add_derived, new_graph

    answer = answer_query(url, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", timeout=timeout)
    graph = new_graph()
    assert answer.graph is not None  # a CONSTRUCT always answers with a graph
    for triple in answer.graph:
        graph.add(triple)
    add_derived(graph)
    return graph


def ntriples(graph: Graph) -> bytes:
    """Return ``graph`` as N-Triples in UTF-8, as a store takes it in one PUT.

    A graph kept in Oxigraph is written by Oxigraph itself (about 8x faster than rdflib's
    writer); any other by rdflib.
    """
    from ros_kg.store import is_oxigraph

    if is_oxigraph(graph):
        dumped: bytes = graph.store.ntriples()  # type: ignore[attr-defined]
        return dumped
    return graph.serialize(format="nt", encoding="utf-8")


def put_graph(
    url: str,
    payload: bytes,
    *,
    graph_iri: str | None = None,
    timeout: float = 300.0,
    progress: Progress | None = None,
) -> None:
    """Replace a graph in the store at ``url`` with ``payload`` (N-Triples) in one PUT.

    One request per graph is what makes the push safe: the store swaps the graph only when the
    whole body has arrived and parsed, so a push that fails midway leaves the old graph whole.

    Args:
        url: the Graph Store Protocol endpoint (Oxigraph: ``http://host:7878/store``).
        payload: the graph as N-Triples, UTF-8.
        graph_iri: the named graph to replace; the default graph when None.
        timeout: seconds to wait for the store to answer.
        progress: called as the body goes out, for a progress bar.

    Raises:
        EndpointError: the store cannot be reached, refuses the graph or answers an error.
    """
    target = "graph=" + urllib.parse.quote(graph_iri, safe="") if graph_iri else "default"
    separator = "&" if urllib.parse.urlsplit(url).query else "?"
    request = _request(
        f"{url}{separator}{target}",
        data=_chunks(payload, progress),
        method="PUT",
        headers={"Content-Type": _NTRIPLES, "Content-Length": str(len(payload))},
    )
    _exchange(request, url, timeout, timeout_is_query=False)


def _chunks(payload: bytes, progress: Progress | None) -> Iterator[bytes]:
    for start in range(0, len(payload), _CHUNK):
        chunk = payload[start : start + _CHUNK]
        yield chunk
        if progress is not None:
            progress(start + len(chunk), len(payload))


def table_from_json(document: Mapping[str, Any], url: str = "the endpoint") -> ResultTable:
    """Read SPARQL 1.1 Query Results JSON into typed rows.

    Examples:
        >>> doc = {"head": {"vars": ["s"]}, "results": {"bindings": [
        ...     {"s": {"type": "literal", "value": "3",
        ...            "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]}}
        >>> table_from_json(doc).rows[0][0].toPython()
        3

    Raises:
        QueryTimeoutError: the document lacks the parts every answer has (it was cut off).
    """
    try:
        variables = tuple(str(v) for v in document["head"]["vars"])
        bindings = document["results"]["bindings"]
        rows = tuple(
            tuple(_term(binding[v]) if v in binding else None for v in variables)
            for binding in bindings
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise _cut_off(url, f"not a SPARQL results document ({exc})") from None
    return ResultTable(variables=variables, rows=rows)


def _term(value: Mapping[str, str]) -> Node:
    kind = value["type"]
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in value:
            return Literal(value["value"], lang=value["xml:lang"])
        if "datatype" in value:
            return Literal(value["value"], datatype=URIRef(value["datatype"]))
        return Literal(value["value"])
    raise ValueError(f"unknown term type {kind!r}")


def _json(payload: bytes, url: str) -> dict[str, Any]:
    _check_tail(payload, url)
    try:
        document = json.loads(payload)
    except ValueError as exc:
        raise _cut_off(url, f"the answer does not parse: {exc}") from None
    if not isinstance(document, dict):
        raise _cut_off(url, "the answer is not a JSON object")
    return document


def _rdf(payload: bytes, content_type: str, url: str) -> Graph:
    _check_tail(payload, url)
    fmt = _RDF_FORMATS.get(content_type)
    if fmt is None:
        raise EndpointError(f"{url} answered with {content_type}, which ros-kg cannot read")
    graph = Graph()
    try:
        graph.parse(data=payload.decode("utf-8"), format=fmt)
    except Exception as exc:  # rdflib raises several unrelated types for bad input
        raise _cut_off(url, f"the answer does not parse: {exc}") from None
    return graph


def _check_tail(payload: bytes, url: str) -> None:
    """Recognise a message Oxigraph appended to a streamed answer when the query failed midway.

    Raises:
        QueryTimeoutError: the server cancelled the query (its timeout).
        EndpointError: the server stopped with another message, shown as it is.
    """
    if _CANCELLED in payload[-200:]:
        raise _cut_off(url, "the server cancelled the query")
    tail = payload[-300:].decode("utf-8", "replace").rstrip()
    found = re.search(r"[\]}\[,>.\n]\s*([A-Z][^\]}\[{\"<>\n]+)$", tail)
    if found and not tail.endswith(("}", "]", " .")):
        raise EndpointError(
            f"{url} stopped its answer midway with: {found[1].strip()} "
            "(nothing is shown rather than a partial result)"
        )


def _cut_off(url: str, why: str) -> QueryTimeoutError:
    return QueryTimeoutError(
        f"the answer from {url} is incomplete ({why}); this is how Oxigraph reports a query "
        "that ran past its timeout, so nothing is shown rather than a partial result"
    )


def _request(
    url: str, *, data: bytes | Iterator[bytes], method: str, headers: Mapping[str, str]
) -> urllib.request.Request:
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise EndpointError(f"'{url}' is not an http(s) URL of a SPARQL endpoint")
    request = urllib.request.Request(url, data=data, method=method)
    for name, value in {**headers, **credentials()}.items():
        request.add_header(name, value)
    request.add_header("User-Agent", "ros-kg")
    return request


def credentials() -> dict[str, str]:
    """Return the Authorization header the environment asks for, if any.

    Examples:
        >>> import os
        >>> os.environ["ROS_KG_ENDPOINT_TOKEN"] = "t0k"
        >>> credentials()
        {'Authorization': 'Bearer t0k'}
        >>> del os.environ["ROS_KG_ENDPOINT_TOKEN"]
    """
    token = os.environ.get("ROS_KG_ENDPOINT_TOKEN")
    if token:
        return {"Authorization": f"Bearer {token}"}
    user = os.environ.get("ROS_KG_ENDPOINT_USER")
    if user:
        secret = f"{user}:{os.environ.get('ROS_KG_ENDPOINT_PASSWORD', '')}".encode()
        return {"Authorization": "Basic " + base64.b64encode(secret).decode("ascii")}
    return {}


def _exchange(
    request: urllib.request.Request, url: str, timeout: float, *, timeout_is_query: bool
) -> tuple[str, bytes]:
    """Send ``request`` and read the whole answer within ``timeout`` seconds.

    The socket timeout bounds each wait; the deadline, checked after every read from the
    socket, bounds a server that trickles, so the whole exchange takes at most about twice
    ``timeout``. (``read(n)`` would wait for all ``n`` bytes, however slowly they came.)
    """
    deadline = time.monotonic() + timeout

    def too_slow() -> Exception:
        if timeout_is_query:
            return QueryTimeoutError(
                f"no whole answer from {url} within {timeout:g} s; the query was abandoned "
                "(give more time with --timeout)"
            )
        return EndpointError(f"{url} did not answer within {timeout:g} s")

    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            parts = []
            while chunk := response.read1(_CHUNK):
                parts.append(chunk)
                if time.monotonic() > deadline:
                    raise too_slow()
            if response.length:  # read1 ends quietly where read raises: bytes still owed
                raise http.client.IncompleteRead(b"".join(parts), response.length)
            return response.headers.get_content_type(), b"".join(parts)
    except urllib.error.HTTPError as exc:
        with exc:
            said = exc.read(2000).decode("utf-8", "replace").strip()
        said = " ".join(said.split()) or exc.reason
        raise EndpointError(f"{url} answered {exc.code} {exc.reason}: {said}") from None
    except TimeoutError:
        raise too_slow() from None
    except http.client.IncompleteRead:
        if timeout_is_query:
            raise _cut_off(url, "the connection closed mid-answer") from None
        raise EndpointError(f"{url} closed the connection mid-answer") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise too_slow() from None
        raise EndpointError(f"cannot reach {url}: {_reason(exc.reason)}") from None
    except (OSError, http.client.HTTPException) as exc:
        raise EndpointError(f"cannot talk to {url}: {_reason(exc)}") from None


def _reason(reason: object) -> str:
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason) or type(reason).__name__
