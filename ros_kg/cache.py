"""A cache of what commands build from the graph, keyed by the content of everything it used.

Parsing the shipped Turtle takes Oxigraph milliseconds, so caching the parsed graph would save
little; what a command like ``ros-kg deps Enschede`` spends its time on after the imports is
building the name index and the network from the graph. Those are cached here, one pickle per
build, under a key that is a SHA-256 of:

- every input Turtle file's bytes, in load order (the shipped ontology and data and ``--data``),
  with its path;
- the source of the ``ros_kg`` package (a changed projection never reads an old pickle);
- the Python and networkx versions and what was built (``network``, ``names``, ``as_of``).

So a changed file, a new ``--data``, an upgrade or an edit of the code gives a new key: stale
data is never served, however old the cache. Hashing costs about a millisecond for the
shipped graph. A cache entry that cannot be read is rebuilt; a folder that cannot be written
is skipped: the cache only ever saves time, it never fails a command.

``$ROS_KG_CACHE`` names the folder (default ``$XDG_CACHE_HOME/ros-kg``, else
``~/.cache/ros-kg``); ``ROS_KG_CACHE=off`` turns caching off.
"""

import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Iterable
from contextlib import suppress
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

KEEP = 16
"""Entries kept per kind; older ones are removed when a new one is written."""


def folder() -> Path | None:
    """Return the cache folder, or ``None`` when caching is off."""
    chosen = os.environ.get("ROS_KG_CACHE", "").strip()
    if chosen.lower() in ("off", "0", "no", "false"):
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ros-kg"


def key(files: Iterable[Path], *parts: str) -> str:
    """Return the SHA-256 of the files' paths and bytes, the package source and ``parts``.

    Raises:
        OSError: a file cannot be read (the caller's loader reports it properly).
    """
    digest = hashlib.sha256()
    for part in (sys.version, *parts):
        digest.update(part.encode() + b"\0")
    for path in files:
        data = path.read_bytes()
        digest.update(f"{path.resolve()}\0{len(data)}\0".encode())
        digest.update(data)
    digest.update(_source_digest())
    return digest.hexdigest()


def cached(kind: str, entry_key: str, build: Callable[[], T]) -> T:
    """Return what ``build`` returns, from the cache when an entry for ``entry_key`` exists.

    ``build``'s result must pickle. Nothing here raises for the cache's sake: an unreadable
    entry is removed and rebuilt, an unwritable folder is left alone.
    """
    where = folder()
    if where is None:
        return build()
    path = where / f"{kind}-{entry_key}.pickle"
    try:
        with path.open("rb") as stream:
            return pickle.load(stream)  # type: ignore[no-any-return]
    except FileNotFoundError:
        pass
    except Exception:  # a torn or incompatible entry: drop it and rebuild
        with suppress(OSError):
            path.unlink(missing_ok=True)
    value = build()
    _store(where, kind, path, value)
    return value


def _store(where: Path, kind: str, path: Path, value: object) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        where.mkdir(parents=True, exist_ok=True)
        with temporary.open("wb") as stream:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(path)  # readers see the whole entry or none
        entries = sorted(where.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime)
        for old in entries[:-KEEP]:
            old.unlink(missing_ok=True)
    except OSError:
        with suppress(OSError):
            temporary.unlink(missing_ok=True)


_SOURCE: list[bytes] = []


def _source_digest() -> bytes:
    """The SHA-256 of every ``.py`` and ``.rq`` file of the package, computed once per process."""
    if not _SOURCE:
        digest = hashlib.sha256()
        package = Path(__file__).parent
        for path in sorted(package.rglob("*")):
            if path.suffix in (".py", ".rq") and path.is_file():
                digest.update(str(path.relative_to(package)).encode() + b"\0")
                digest.update(path.read_bytes())
        _SOURCE.append(digest.digest())
    return _SOURCE[0]
