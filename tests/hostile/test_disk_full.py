"""A disk that fills up during a workout, for real: a small tmpfs that runs out mid-workout.

The tmpfs is mounted in a user and mount namespace of its own (`unshare --user
--map-root-user --mount`), so the test needs no privileges; `disk_full.py` runs the real app
in it, and the real `hamtimer history` command then plays the next start. Where unshare
cannot make the namespace the test is skipped, and fails instead when CI is set.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.conftest import REPO, environment

DRIVER = Path(__file__).resolve().parent / "disk_full.py"
DISK_SIZE = "400k"
UNSHARE = ("unshare", "--user", "--map-root-user", "--mount")


def _namespaces_work() -> str | None:
    if shutil.which("unshare") is None:
        return "unshare is not installed (util-linux)"
    done = subprocess.run(
        [*UNSHARE, "true"],
        capture_output=True,
        text=True,
        check=False,
    )
    return None if done.returncode == 0 else f"unshare cannot make a namespace: {done.stderr}"


_PROBLEM = _namespaces_work()
if _PROBLEM:
    if os.environ.get("CI"):
        pytest.fail(f"the disk-full tests must run in CI: {_PROBLEM}", pytrace=False)
    pytest.skip(_PROBLEM, allow_module_level=True)


def on_a_small_disk(disk: Path, scenario: str) -> dict[str, object]:
    """Run the driver in a tmpfs of `DISK_SIZE` mounted on `disk`; what it saw."""
    disk.mkdir()
    script = (
        f'mount -t tmpfs -o size={DISK_SIZE} tmpfs "$1" && '
        f'exec "{sys.executable}" "{DRIVER}" "$1" "$2"'
    )
    done = subprocess.run(
        [*UNSHARE, "sh", "-c", script, "sh", str(disk), scenario],
        capture_output=True,
        text=True,
        env=environment(PYTHONPATH=str(REPO)),
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    seen: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return seen


def finished_twelve(seen: dict[str, object]) -> str:
    """The next start's history: the workout finished, 12 of 12, nothing left to resume."""
    after: dict[str, object] = seen["next_start"]  # type: ignore[assignment]
    out = str(after["out"])
    assert after["code"] == 0, after
    assert "Twelve" in out and "12/12" in out, out
    assert "abandoned" not in out and "waiting to be resumed" not in out, out
    assert seen["kept_after_next_start"] == [], "added, so the kept file goes"
    return str(after["err"])


def test_space_back_before_leaving_saves_it_at_exit(tmp_path: Path) -> None:
    seen = on_a_small_disk(tmp_path / "disk", "back-before-leaving")
    assert "Workout finished!" in str(seen["summary"])
    unsaved = " ".join(str(seen["unsaved"]).split())
    assert "could not be saved to your history yet" in unsaved
    assert "database or disk is full — free some space on its disk" in unsaved
    assert str(tmp_path / "tmp") in unsaved, "kept outside the full disk, and says where"
    assert seen["told_at_exit"] == [], "the retry at exit saved it"
    assert seen["kept_files"] == [], "the kept file goes once the workout is saved"
    assert "added to your history" not in finished_twelve(seen)


def test_space_back_after_leaving_the_next_start_adds_it(tmp_path: Path) -> None:
    seen = on_a_small_disk(tmp_path / "disk", "back-after-leaving")
    assert "could not be saved to your history yet" in str(seen["unsaved"])
    [told] = seen["told_at_exit"]  # type: ignore[misc]
    assert "is kept in" in told and "next time hamtimer starts" in told
    [kept] = seen["kept_files"]  # type: ignore[misc]
    assert kept.startswith(str(tmp_path / "tmp"))
    said = finished_twelve(seen)
    assert "added to your history: a workout that could not be saved before" in said


def test_kept_nowhere_it_is_told_whole_at_exit_and_can_be_added(tmp_path: Path) -> None:
    seen = on_a_small_disk(tmp_path / "disk", "never-anywhere")
    assert "NOT saved yet" in str(seen["unsaved"]) and "free some space" in str(seen["unsaved"])
    [told] = seen["told_at_exit"]  # type: ignore[misc]
    assert "could not be saved anywhere" in told and "unsaved-" in told
    assert "added to your history" in finished_twelve(seen)
