"""An unexpected error in a command: one line on the screen, the traceback in a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from hamtimer.cli import circuits, main


def broken(*args: object) -> int:
    raise KeyError("a bug put there by the test")


def test_a_commands_unexpected_error_is_one_line_and_a_crash_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(circuits, "list_circuits", broken)
    assert main(["list"]) == 1
    out, err = capsys.readouterr()
    [report] = (tmp_path / "data").glob("crash-*.txt")
    assert out == ""
    assert " ".join(err.split()) == (
        "hamtimer: unexpected error (KeyError: 'a bug put there by the test'); "
        f"the details are in {report}. Please report it."
    )
    details = report.read_text(encoding="utf-8")
    assert details.startswith("Traceback") and "in broken" in details


def test_without_a_data_folder_the_crash_file_goes_to_the_temporary_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "blocker").write_text("a file where the data folder should be")
    monkeypatch.setenv("HAMTIMER_DATA_DIR", str(tmp_path / "blocker" / "data"))
    monkeypatch.setattr(circuits, "list_circuits", broken)
    assert main(["list"]) == 1
    [report] = (tmp_path / "tmp").glob("crash-*.txt")
    assert str(report) in " ".join(capsys.readouterr().err.split())
