"""Atomic writes: a file is written whole or not at all."""

from pathlib import Path

import pytest

from ros_kg.errors import OutputError
from ros_kg.files import write_atomically


def test_writes_utf8_text_whole(tmp_path: Path) -> None:
    target = tmp_path / "uit.txt"
    write_atomically(target, "Münster \u2013 Enschede\n")
    assert target.read_text(encoding="utf-8") == "Münster \u2013 Enschede\n"
    assert [p.name for p in tmp_path.iterdir()] == ["uit.txt"]


def test_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "uit.txt"
    target.write_text("oud", encoding="utf-8")
    write_atomically(target, b"nieuw")
    assert target.read_bytes() == b"nieuw"


def test_a_failure_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "uit.txt"
    target.write_text("oud", encoding="utf-8")

    def disk_full(self: Path, other: Path) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", disk_full)
    with pytest.raises(OutputError, match="No space left on device"):
        write_atomically(target, "nieuw")
    assert target.read_text(encoding="utf-8") == "oud"
    assert [p.name for p in tmp_path.iterdir()] == ["uit.txt"]


def test_a_missing_folder_is_an_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="does not exist"):
        write_atomically(tmp_path / "geen" / "uit.txt", "x")
