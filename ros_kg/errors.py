"""The errors the library raises for a user's mistake.

The CLI turns exactly these into a one-line message and an exit code; anything else is a bug and
keeps its traceback.
"""


class RosKgError(Exception):
    """A mistake in what the user gave us: data, a name, a query, a path or an endpoint."""

    exit_code = 1


class DataError(RosKgError):
    """A data file that cannot be read: missing, not UTF-8, empty or not valid Turtle."""


class NameNotFoundError(RosKgError):
    """A name that matches nothing in the graph; the message offers the nearest matches."""


class AmbiguousNameError(RosKgError):
    """A name that matches several resources; the message lists them."""


class WrongKindError(RosKgError):
    """A name that resolves, but to a resource of another kind than the command needs."""


class QueryError(RosKgError):
    """A SPARQL query that is malformed, unknown, an update, or lacks a parameter."""


class QueryTimeoutError(QueryError):
    """A query that ran past its time limit."""


class EndpointError(RosKgError):
    """A SPARQL endpoint that cannot be reached or answers with an error."""


class ServerError(RosKgError):
    """A server that cannot start: no binary, a port in use, or a store that will not load."""


class OutputError(RosKgError):
    """An output file that cannot be written where the user asked."""


class PageTooLargeError(RosKgError):
    """A graph too large to draw as one page; the message says how to narrow it."""
