"""Shared fixtures: the shipped graph (loaded once) and a CLI runner."""

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from ros_kg.store import load_graph

DATA = Path(__file__).parent / "data"


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
