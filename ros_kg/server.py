"""Runs the Oxigraph server: the one module that starts the ``oxigraph`` binary.

``ros-kg serve`` loads the graph into an on-disk Oxigraph store in a temporary folder and
serves it with ``oxigraph serve-read-only``: Oxigraph's own offline query page, the SPARQL 1.1
Protocol, and 403 for every update. Oxigraph's ``--timeout-s`` does not stop every query (a
COUNT over a three-way join keeps a core busy long after the client has gone), so a watchdog
restarts the server once it has been busy far past the deadline. Stopping kills the child by its
PID and waits for it, so no process is left behind; on Linux the child is also stopped when
ros-kg dies without cleaning up (even by SIGKILL), and ``serve`` ends with a one-line error
when the child dies on its own.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from ros_kg.errors import ServerError

if TYPE_CHECKING:
    from rdflib import Graph


def oxigraph_binary() -> Path:
    """Return the ``oxigraph`` executable installed by the PyPI package ``oxigraph``.

    The interpreter's own scripts folder comes first, so a venv's binary wins over another on
    the PATH (and over version-manager shims, whose PID is not the server's).

    Raises:
        ServerError: the package is not installed.
    """
    name = "oxigraph.exe" if sys.platform == "win32" else "oxigraph"
    beside = Path(sysconfig.get_path("scripts")) / name
    if beside.is_file():
        return beside
    found = shutil.which("oxigraph")
    if found is None:
        raise ServerError("the oxigraph server is not installed; run: pip install oxigraph")
    return Path(found)


def check_port_free(host: str, port: int) -> None:
    """Fail early and clearly when ``host:port`` is taken, instead of a child's stack trace.

    Raises:
        ServerError: something already listens there, or the address cannot be bound.
    """
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise ServerError(
                f"cannot listen on {host}:{port}: {exc.strerror or exc}; "
                "is another server running there? choose another port with --port"
            ) from None


def free_port(host: str = "127.0.0.1") -> int:
    """Return a port that is free on ``host`` right now (for tests and benchmarks)."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
        return port


def load_store(ntriples: Path, location: Path) -> None:
    """Load an N-Triples file into an Oxigraph store on disk with ``oxigraph load``.

    Raises:
        ServerError: the binary fails; its message is passed on.
    """
    done = subprocess.run(
        [str(oxigraph_binary()), "load", "-l", str(location), "-f", str(ntriples)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip().splitlines()
        raise ServerError(f"oxigraph could not load the graph: {said[-1] if said else '?'}")


class OxigraphServer:
    """A read-only Oxigraph server over a store folder, with a watchdog; use it in ``with``.

    Args:
        location: the store folder (made with :func:`load_store`).
        host: the address to listen on; 127.0.0.1 keeps the endpoint on this machine.
        port: the port to listen on.
        timeout: Oxigraph's own query timeout in seconds.
        watchdog_after: restart the server when it has been busy for this many seconds in a
            row (default: twice the timeout plus 10 s); 0 turns the watchdog off.
        writable: serve with ``oxigraph serve`` (updates and Graph Store writes allowed);
            for tests of ``push`` only.
    """

    def __init__(
        self,
        location: Path | None,
        *,
        host: str = "127.0.0.1",
        port: int = 7878,
        timeout: float = 30,
        watchdog_after: float | None = None,
        writable: bool = False,
    ) -> None:
        self.location = location
        self.host = host
        self.port = port
        self.timeout = timeout
        self.watchdog_after = 2 * timeout + 10 if watchdog_after is None else watchdog_after
        self.writable = writable
        self.restarts = 0
        self._process: subprocess.Popen[bytes] | None = None
        self._log: Path | None = None
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._watchdog: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The base URL: Oxigraph's query page."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    @property
    def query_url(self) -> str:
        """The SPARQL 1.1 Protocol endpoint."""
        return self.url + "query"

    @property
    def store_url(self) -> str:
        """The Graph Store Protocol endpoint (writes only when ``writable``)."""
        return self.url + "store"

    @property
    def pid(self) -> int | None:
        """The PID of the running server process."""
        return self._process.pid if self._process is not None else None

    def __enter__(self) -> "OxigraphServer":
        self.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()

    def start(self) -> None:
        """Start the server and return once it answers queries.

        Raises:
            ServerError: the port is taken, or the server exits or stays silent on start.
        """
        check_port_free(self.host, self.port)
        self._spawn()
        if self.watchdog_after > 0 and _cpu_seconds(os.getpid()) is not None:
            self._watchdog = threading.Thread(
                target=self._watch, name="oxigraph-watchdog", daemon=True
            )
            self._watchdog.start()

    def _command(self) -> list[str]:
        mode = "serve" if self.writable else "serve-read-only"
        command = [str(oxigraph_binary()), mode, "-b", f"{self.host}:{self.port}"]
        if self.location is not None:
            command += ["-l", str(self.location)]
        return [*command, "--timeout-s", str(max(1, round(self.timeout)))]

    def _spawn(self) -> None:
        log_dir = Path(tempfile.mkdtemp(prefix="ros-kg-oxigraph-log-"))
        self._log = log_dir / "server.log"
        with self._log.open("wb") as log:
            self._process = subprocess.Popen(
                self._command(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C reaches us, and we stop the child in order
                preexec_fn=_die_with_parent(),
            )
        self._wait_until_ready()

    def _wait_until_ready(self, within: float = 15.0) -> None:
        assert self._process is not None
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                said = self._log_tail()
                self._reap()
                raise ServerError(f"oxigraph stopped on start: {said}")
            if self._answers():
                return
            time.sleep(0.05)
        self._kill()
        raise ServerError(f"oxigraph did not answer at {self.url} within {within:g} s")

    def _answers(self) -> bool:
        query = urllib.parse.urlencode({"query": "ASK {}"})
        try:
            with urllib.request.urlopen(f"{self.query_url}?{query}", timeout=1) as response:
                return bool(response.status == 200)
        except (OSError, urllib.error.URLError):
            return False

    def _log_tail(self) -> str:
        if self._log is None or not self._log.exists():
            return "no message"
        lines = self._log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
        return lines[-1] if lines else "no message"

    def _watch(self) -> None:
        """Restart the server once it has kept a core busy for ``watchdog_after`` seconds.

        An idle server uses no CPU; one that computes a runaway query uses a whole core, or on
        a machine whose cores are shared with other work at least half of one, which is what
        counts as busy (:data:`_BUSY`). Busy is measured from the process's CPU time (Linux
        ``/proc``), so nothing touches the HTTP side and a query that finishes in time is never
        disturbed.
        """
        busy_since: float | None = None
        last: float | None = None
        while not self._stopping.wait(1.0):
            with self._lock:
                pid = self.pid
            used = _cpu_seconds(pid) if pid is not None else None
            now = time.monotonic()
            if used is None or last is None:
                last, busy_since = used, None
                continue
            busy = used - last >= _BUSY
            last = used
            if not busy:
                busy_since = None
            elif busy_since is None:
                busy_since = now
            elif now - busy_since >= self.watchdog_after:
                with self._lock:
                    if self._stopping.is_set():
                        return
                    try:
                        self._respawn()
                    except ServerError:
                        return  # the port was taken meanwhile; serve notices the dead child
                last, busy_since = None, None

    def restart(self) -> None:
        """Stop the server process and start a new one on the same store and port.

        Whatever the old process was computing is dropped: this is how to be rid of a query
        that neither the client nor Oxigraph's timeout stops. A server without a store folder
        comes back empty. Call it from a thread that lives as long as the server does: Linux
        stops the new process when the thread that started it ends (see :func:`_die_with_parent`).

        Raises:
            ServerError: the new process does not start (the port was taken meanwhile).
        """
        with self._lock:
            self._respawn()

    def _respawn(self) -> None:
        self._kill()
        self._spawn()
        self.restarts += 1

    def wait(self) -> None:
        """Block while the server runs (the watchdog may restart it meanwhile).

        Raises:
            ServerError: the server died and was not restarted.
        """
        while not self._stopping.wait(0.5):
            with self._lock:
                process = self._process
                code = None if process is None else process.poll()
                if process is None or code is not None:
                    how = f" ({_exit_status(code)})" if code is not None else ""
                    raise ServerError(
                        f"oxigraph stopped unexpectedly{how}; its log ends: {self._log_tail()}"
                    )

    def stop(self) -> None:
        """Stop the watchdog and the server, and wait until the process is gone."""
        self._stopping.set()
        if self._watchdog is not None and self._watchdog is not threading.current_thread():
            self._watchdog.join(timeout=20)
        with self._lock:
            self._kill()

    def _kill(self) -> None:
        process = self._process
        if process is None:
            return
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
        self._reap()

    def _reap(self) -> None:
        if self._process is not None:
            self._process.wait()
            self._process = None
        if self._log is not None:
            shutil.rmtree(self._log.parent, ignore_errors=True)
            self._log = None


_BUSY = 0.5
"""CPU seconds per second from which the watchdog counts the server as busy."""
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> Callable[[], None] | None:
    """Return what the child runs before ``exec`` so that Linux stops it when ros-kg dies.

    ``PR_SET_PDEATHSIG`` sends the child SIGTERM when its parent ends, even by SIGKILL, so no
    server is left behind whatever happens to ros-kg. The "parent" is the thread that started
    the child, so a server must be started from a thread that lives as long as it should.
    libc is looked up here, in the parent: after ``fork`` the child only makes the call (an
    import or ``dlopen`` there could deadlock on a lock another thread held). A parent that
    died before the signal was armed is caught by comparing the parent's PID. Elsewhere than
    Linux there is nothing to arm (None): ``stop`` and the signal handlers do the work.
    """
    if sys.platform != "linux":
        return None
    import ctypes

    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    parent = os.getpid()

    def arm() -> None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:  # ros-kg died between fork and prctl
            os._exit(1)

    return arm


def _exit_status(code: int) -> str:
    """Say how a child ended from its ``Popen.returncode``: negative means killed by a signal.

    Examples:
        >>> _exit_status(-9)
        'killed by SIGKILL'
        >>> _exit_status(3)
        'exit code 3'
    """
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


def _cpu_seconds(pid: int) -> float | None:
    """Return the CPU time a process has used, or None where ``/proc`` does not tell."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


@contextlib.contextmanager
def stop_on_sigterm() -> Iterator[None]:
    """Turn SIGTERM and SIGINT into KeyboardInterrupt while serving, so cleanup runs."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    # SIGINT too: a shell starts background jobs with SIGINT ignored, and Ctrl-C must still work.
    previous = {sig: signal.signal(sig, interrupt) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextlib.contextmanager
def serving(
    graph: "Graph",
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    timeout: float = 30,
    watchdog_after: float | None = None,
) -> Iterator[OxigraphServer]:
    """Load ``graph`` into a temporary Oxigraph store and serve it read-only while in use.

    Raises:
        ServerError: the port is taken, the store will not load or the server will not start.
    """
    from ros_kg.endpoint import ntriples as as_ntriples

    check_port_free(host, port)
    with tempfile.TemporaryDirectory(prefix="ros-kg-store-") as folder:
        ntriples = Path(folder) / "graph.nt"
        ntriples.write_bytes(as_ntriples(graph))
        store = Path(folder) / "store"
        load_store(ntriples, store)
        ntriples.unlink()
        with OxigraphServer(
            store, host=host, port=port, timeout=timeout, watchdog_after=watchdog_after
        ) as server:
            yield server
