"""The built wheel carries the Turtle and works from outside the checkout."""

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("ros_kg-*.whl")
    return found


@pytest.mark.slow
def test_the_wheel_carries_ontology_data_and_queries(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "ros_kg/_data/ontology/ros.ttl" in names
    assert "ros_kg/_data/ontology/shapes.ttl" in names
    assert "ros_kg/_data/graph_data/actors.ttl" in names
    assert "ros_kg/queries/class_counts.rq" in names
    assert "ros_kg/py.typed" in names


@pytest.mark.slow
def test_the_installed_wheel_validates_from_another_directory(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    # System site packages provide rdflib and friends offline; ros_kg itself comes from the
    # wheel, which the assertion on its location below makes sure of.
    venv.create(env_dir, with_pip=True, system_site_packages=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    where = subprocess.run(
        [str(python), "-c", "import ros_kg.resources as r; print(r.shipped_dir('graph_data'))"],
        cwd=elsewhere,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert where.startswith(str(env_dir))
    assert where.endswith("ros_kg/_data/graph_data")
    result = subprocess.run(
        [str(env_dir / "bin" / "ros-kg"), "validate"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: ")
    assert list(elsewhere.iterdir()) == []
