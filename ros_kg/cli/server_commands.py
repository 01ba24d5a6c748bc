"""Commands that put the graph behind SPARQL: serve it with Oxigraph, or push it into a store."""

import click

from ros_kg.cli.app import Session, pass_session

_LOOPBACK = ("127.0.0.1", "localhost", "::1")


@click.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; anything but 127.0.0.1 opens the endpoint to the network.",
)
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True)
@click.option(
    "--timeout",
    type=click.IntRange(min=1),
    default=30,
    show_default=True,
    help="Oxigraph's query timeout in seconds; a watchdog restarts the server when a query "
    "keeps it busy for more than twice as long.",
)
@pass_session
def serve(session: Session, host: str, port: int, timeout: int) -> None:
    """Serve the graph read-only with Oxigraph: its query page and a SPARQL 1.1 endpoint.

    Updates are answered 403. Ctrl-C stops the server and leaves no process behind.
    """
    from ros_kg.server import serving, stop_on_sigterm

    graph = session.graph()
    if host not in _LOOPBACK:
        click.echo(f"warning: listening on {host}: other machines can query the graph", err=True)
    try:
        with stop_on_sigterm(), serving(graph, host=host, port=port, timeout=timeout) as server:
            click.echo(f"Oxigraph serves {len(graph)} triples, read-only.")
            click.echo(f"  query page:      {server.url}")
            click.echo(f"  SPARQL endpoint: {server.query_url}")
            click.echo(f"  try: ros-kg --endpoint {server.query_url} queries")
            click.echo("Press Ctrl-C to stop.")
            server.wait()
    except KeyboardInterrupt:
        click.echo("stopped", err=True)


@click.command()
@click.option(
    "--endpoint",
    "url",
    required=True,
    metavar="URL",
    help="Graph Store Protocol endpoint (Oxigraph: http://HOST:7878/store; "
    "Fuseki: http://HOST:3030/DATASET/data).",
)
@click.option(
    "--graph",
    "graph_iri",
    metavar="IRI",
    help="Replace this named graph instead of the default graph.",
)
@click.option(
    "--timeout", type=click.FloatRange(min=1), default=300.0, show_default=True, help="Seconds."
)
@pass_session
def push(session: Session, url: str, graph_iri: str | None, timeout: float) -> None:
    """Load the graph into a triple store, replacing its graph in one request.

    The store swaps in the new graph only once all of it has arrived, so a failure leaves the
    old graph whole. Credentials come from the environment, never the command line:
    ROS_KG_ENDPOINT_TOKEN (bearer), or ROS_KG_ENDPOINT_USER and ROS_KG_ENDPOINT_PASSWORD.
    """
    from urllib.parse import urlsplit

    from ros_kg.endpoint import ntriples, put_graph
    from ros_kg.errors import EndpointError
    from ros_kg.progress import progress

    if graph_iri is not None and not urlsplit(graph_iri).scheme:
        raise EndpointError(f"--graph '{graph_iri}' is not an absolute IRI")
    graph = session.graph()
    where = f"graph <{graph_iri}>" if graph_iri else "the default graph"
    with progress(f"writing {len(graph)} triples as N-Triples"):
        payload = ntriples(graph)
    # A step per chunk (1 MiB) sent; after the last one the line goes on counting the seconds
    # the store takes to parse and swap in the graph, which is part of the wait.
    with progress(f"pushing {len(graph)} triples", total=len(payload) / 1e6, unit="MB") as step:
        sent = [0]

        def uploaded(done: int, total: int) -> None:
            step((done - sent[0]) / 1e6)
            sent[0] = done

        put_graph(url, payload, graph_iri=graph_iri, timeout=timeout, progress=uploaded)
    click.echo(f"pushed {len(graph)} triples into {where} at {url}")


COMMANDS = (serve, push)
