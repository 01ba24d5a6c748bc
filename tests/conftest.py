"""Shared fixtures: the shipped graph (loaded once) and a CLI runner.

The whole suite runs on one store per session, chosen with ``pytest --store oxigraph|memory``
(default: ``$ROS_KG_STORE``, else oxigraph); CI runs it once on each, so every test is a test of
both stores giving the same answers.
"""

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from ros_kg.store import load_graph

DATA = Path(__file__).parent / "data"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--store",
        choices=("oxigraph", "memory"),
        default=os.environ.get("ROS_KG_STORE") or "oxigraph",
        help="the store every graph of the session lives in (default: $ROS_KG_STORE, oxigraph)",
    )


def pytest_configure(config: pytest.Config) -> None:
    # Through the environment, so that load_graph, new_graph and the CLI's default agree.
    os.environ["ROS_KG_STORE"] = str(config.getoption("store"))
    # A cache of this session's own, so that commands use the cache as they do at a desk
    # (repeated commands read it) without touching the user's ~/.cache.
    if "ROS_KG_CACHE" not in os.environ:
        os.environ["ROS_KG_CACHE"] = tempfile.mkdtemp(prefix="ros-kg-test-cache-")
        config.add_cleanup(lambda: shutil.rmtree(os.environ.pop("ROS_KG_CACHE"), True))


def pytest_report_header(config: pytest.Config) -> str:
    return f"ros-kg store: {config.getoption('store')}"


@pytest.fixture(scope="session")
def shipped_graph() -> Graph:
    """The shipped ontology and data with derived triples, as every command sees them."""
    return load_graph()


@pytest.fixture
def runner() -> CliRunner:
    """A click runner; tests invoke ``ros_kg.cli.cli`` in-process."""
    return CliRunner()


@pytest.fixture
def data_dir() -> Path:
    """The folder of small Turtle fixtures, one file per situation."""
    return DATA
