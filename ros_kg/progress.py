"""Progress of long work (loading, validating, pushing a graph), told on stderr by the CLI.

The library only reports steps; nothing is shown unless the CLI has called :func:`enable`
(it does so when stderr is a terminal), and even then only for work that is still running after
a second: a command that finishes in under a second never draws a line.
"""

import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

_stream: TextIO | None = None
DELAY = 1.0
"""Seconds of work before the first progress line is drawn."""


def enable(stream: TextIO | None = None) -> None:
    """Show progress on ``stream`` (stderr by default) from now on."""
    global _stream
    _stream = stream if stream is not None else sys.stderr


def disable() -> None:
    """Stop showing progress."""
    global _stream
    _stream = None


@contextmanager
def progress(task: str, total: float = 0.0, unit: str = "") -> Iterator[Callable[[float], None]]:
    """Report work on ``task`` as it goes; yields ``step(amount)`` to call as parts finish.

    Examples:
        >>> with progress("loading", total=2, unit="files") as step:
        ...     step(1)
        ...     step(1)
    """
    stream = _stream
    done = [0.0]
    if stream is None:
        yield lambda amount: None
        return
    start = time.monotonic()
    finished = threading.Event()
    drawn = threading.Event()

    def line() -> str:
        elapsed = time.monotonic() - start
        part = f" {done[0]:.0f}/{total:.0f} {unit}".rstrip() if total else ""
        return f"\r{task}:{part} ({elapsed:.0f} s)"

    def tick() -> None:
        if finished.wait(DELAY):
            return
        while not finished.is_set():
            stream.write(line())
            stream.flush()
            drawn.set()
            finished.wait(0.5)

    ticker = threading.Thread(target=tick, name="ros-kg-progress", daemon=True)
    ticker.start()
    try:
        yield lambda amount: done.__setitem__(0, done[0] + amount)
    finally:
        finished.set()
        ticker.join()
        if drawn.is_set():
            stream.write(f"{line()} done\n")
            stream.flush()
