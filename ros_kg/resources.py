"""Finds the Turtle that ships with ros-kg, in an installed wheel and in a source checkout alike.

The wheel carries ``ontology/`` and ``graph_data/`` under ``ros_kg/_data/`` (hatchling
``force-include``); a source checkout or an editable install has them at the repository's top,
beside the package. This is the only place that knows both layouts.
"""

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def shipped_dir(name: str) -> Path:
    """Return the folder of shipped Turtle called ``name`` (``ontology`` or ``graph_data``).

    Raises:
        FileNotFoundError: when neither layout holds it, which means a broken install.
    """
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"ros-kg is installed without its {name}/ folder")


def ontology_files() -> list[Path]:
    """Return the OWL ontology files (everything in ``ontology/`` except the SHACL shapes)."""
    return sorted(p for p in shipped_dir("ontology").glob("*.ttl") if p.name != "shapes.ttl")


def shapes_file() -> Path:
    """Return the SHACL shapes that state the modelling rules."""
    return shipped_dir("ontology") / "shapes.ttl"


def data_files() -> list[Path]:
    """Return the shipped instance data, in a stable order."""
    return sorted(shipped_dir("graph_data").glob("*.ttl"))


def queries_dir() -> Path:
    """Return the folder of named SPARQL queries (a package resource, always inside ros_kg)."""
    return _PACKAGE / "queries"
