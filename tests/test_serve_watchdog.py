"""What keeps `ros-kg serve` from leaving an Oxigraph process behind, tested on real processes.

The promises of :mod:`ros_kg.server`: the oxigraph child dies with its parent, even when the
parent is killed by SIGKILL and cannot clean up (Linux ``PR_SET_PDEATHSIG``); a watchdog
replaces a server that a runaway query keeps busy (Oxigraph's own timeout does not stop a COUNT
over a three-way join), and leaves a server that works normally alone; a server restarted by
the watchdog still dies with its parent; and when the child dies on its own, ``serve`` ends with
a one-line error and removes its store. Every process is found and stopped by its PID.
"""

import contextlib
import os
import shutil
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from benchmarks.synthetic import write
from ros_kg.endpoint import answer_query
from ros_kg.errors import EndpointError, QueryTimeoutError
from ros_kg.server import OxigraphServer, free_port, load_store
from tests.test_serve import _children, _start, _stop

pytestmark = pytest.mark.endpoint

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
"""A query Oxigraph computes for hours, even on the shipped graph, and does not cancel."""


def _running(pid: int) -> bool:
    """Tell whether ``pid`` is a live process (a zombie waiting to be reaped is not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def _eventually(condition: Callable[[], bool], within: float) -> bool:
    """Poll ``condition`` until it holds or ``within`` seconds have passed."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def _leftovers(pid: int) -> list[Path]:
    """The temporary folders a running oxigraph child uses: its store and its log."""
    arguments = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    store = Path(os.fsdecode(arguments[arguments.index(b"-l") + 1]))
    log = Path(f"/proc/{pid}/fd/1").readlink()
    return [store.parent, log.parent]


def _make_sure_gone(pid: int, folders: list[Path]) -> None:
    """Clean up after a test whatever its outcome: kill an orphan by PID, drop its folders."""
    if _running(pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


def _send_runaway(query_url: str) -> None:
    """Start a runaway query at the server and walk away from it after a second."""
    with pytest.raises((QueryTimeoutError, EndpointError)):
        answer_query(query_url, RUNAWAY, timeout=1)


def _answers(query_url: str) -> bool:
    try:
        return answer_query(query_url, "ASK { ?s ?p ?o }", timeout=5).boolean is True
    except EndpointError:  # not listening yet
        return False


def _state(pid: int) -> str:
    """What /proc says of ``pid``, for a failure message."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().strip()
    except OSError as exc:
        return f"no /proc entry ({exc.strerror})"


def test_sigkill_of_serve_stops_its_oxigraph_server() -> None:
    served = _start()
    children = _children(served.process.pid)
    assert len(children) == 1, f"serve runs one oxigraph process, not {children}"
    (child,) = children
    folders = _leftovers(child)
    try:
        assert _running(child)
        served.process.kill()  # SIGKILL: no handler, no cleanup runs in ros-kg
        served.process.wait(timeout=10)
        assert _eventually(lambda: not _running(child), within=10), (
            f"oxigraph outlived serve: {_state(child)}"
        )
    finally:
        _make_sure_gone(child, folders)
        _stop(served.process)


def test_serve_restarted_by_the_watchdog_still_dies_with_its_parent() -> None:
    # serve --timeout 1 restarts a server kept busy for 2 * 1 + 10 = 12 s; the new process
    # is started by the watchdog's thread, not the main thread, and must die with serve too.
    served = _start()
    (first,) = _children(served.process.pid)
    folders = _leftovers(first)
    replacement: list[int] = []

    def replaced() -> bool:
        replacement[:] = [pid for pid in _children(served.process.pid) if pid != first]
        return bool(replacement)

    try:
        _send_runaway(served.query_url)
        assert _eventually(replaced, within=90), "the watchdog did not replace the busy server"
        assert _eventually(lambda: not _running(first), within=10)
        (second,) = replacement
        assert _eventually(lambda: _answers(served.query_url), within=20)
        folders += _leftovers(second)
        served.process.kill()
        served.process.wait(timeout=10)
        assert _eventually(lambda: not _running(second), within=10), (
            f"oxigraph outlived serve: {_state(second)}"
        )
    finally:
        for pid in [first, *replacement]:
            _make_sure_gone(pid, folders)
        _stop(served.process)


def test_serve_ends_with_one_line_when_oxigraph_dies() -> None:
    served = _start()
    (child,) = _children(served.process.pid)
    folders = _leftovers(child)
    try:
        assert all(folder.is_dir() for folder in folders)
        os.kill(child, signal.SIGKILL)
        code = served.process.wait(timeout=20)
        assert served.process.stderr is not None
        said = served.process.stderr.read()
        assert code == 1
        assert said.startswith("Error: oxigraph stopped unexpectedly (killed by SIGKILL)")
        assert len(said.strip().splitlines()) == 1
        assert "Traceback" not in said
        assert not any(folder.exists() for folder in folders), "serve left its store behind"
    finally:
        _make_sure_gone(child, folders)
        _stop(served.process)


@pytest.fixture(scope="module")
def store_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An on-disk Oxigraph store of 10,000 synthetic triples, as `serve` makes one."""
    folder = tmp_path_factory.mktemp("watchdog")
    write(folder / "graph.nt", 10_000)
    load_store(folder / "graph.nt", folder / "store")
    return folder / "store"


@pytest.fixture
def watched(store_folder: Path) -> Iterator[OxigraphServer]:
    """A read-only server whose watchdog acts after 2 s of being busy; stopped by PID."""
    with OxigraphServer(store_folder, port=free_port(), timeout=1, watchdog_after=2) as server:
        yield server


def test_watchdog_replaces_a_server_kept_busy(watched: OxigraphServer) -> None:
    first = watched.pid
    assert first is not None
    _send_runaway(watched.query_url)
    assert _running(first), "Oxigraph stopped the runaway queries itself; nothing to test"
    assert _eventually(lambda: watched.restarts >= 1, within=60), "no restart"
    assert not _running(first), "the busy process is still running"
    assert watched.pid not in (None, first)
    assert answer_query(watched.query_url, "ASK { ?s ?p ?o }").boolean is True
    time.sleep(3)  # the new server is idle: no second restart
    assert watched.restarts == 1


def test_watchdog_leaves_a_server_that_answers_in_time_alone(watched: OxigraphServer) -> None:
    first = watched.pid
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    answers = set()
    deadline = time.monotonic() + 5  # 2.5 times the watchdog's limit
    while time.monotonic() < deadline:
        answer = answer_query(watched.query_url, count)
        assert answer.table is not None
        answers.add(answer.table.rows[0][0])
        time.sleep(0.2)
    assert len(answers) == 1
    assert watched.restarts == 0
    assert watched.pid == first


def test_restart_drops_a_runaway_query_and_keeps_the_store(watched: OxigraphServer) -> None:
    # What the benchmark uses after a query it gave up on: no need to wait for the watchdog.
    first = watched.pid
    assert first is not None
    _send_runaway(watched.query_url)
    watched.restart()
    assert not _running(first)
    assert watched.restarts == 1
    assert answer_query(watched.query_url, "ASK { ?s ?p ?o }").boolean is True
