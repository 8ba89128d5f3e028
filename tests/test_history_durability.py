"""Every save reaches the disk: the system calls of a real writer, recorded with strace.

A SIGKILL cannot show a missing fsync (the page cache outlives the process); a power cut
would. So a real writer process saves workouts under `strace`, printing a marker between
saves, and the test checks that each save synced the write-ahead log before it returned.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
SAVES = 4

if shutil.which("strace") is None:
    if os.environ.get("CI"):
        pytest.fail("strace is required in CI for the durability test", pytrace=False)
    pytest.skip("strace is not installed", allow_module_level=True)

WRITER = f"""
import os, sys
from pathlib import Path
from hamtimer.circuit import open_circuit
from hamtimer.history import HistoryStore
from hamtimer.plan import build_plan
from tests.test_history_damage import workouts
found, circuit = open_circuit(None)
store = HistoryStore(Path(sys.argv[1]))
store.check_writable()
for record in workouts(build_plan(circuit), found.digest(), {SAVES}):
    os.write(1, b"before save\\n")
    store.save(record)
    os.write(1, b"after save\\n")
"""

CALL = re.compile(r"^\d+\s+(\w+)\((\S+?)[,)].*= (-?\d+)")


def traced_calls(folder: Path, log: Path) -> list[tuple[str, str]]:
    """(call, what) for every open/close/sync of the history files and every marker, in order."""
    subprocess.run(
        [
            "strace", "-f", "-qq", "-o", str(log),
            "-e", "trace=openat,close,fsync,fdatasync,write",
            sys.executable, "-c", WRITER, str(folder),
        ],
        check=True,
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(TESTS.parent)},
    )  # fmt: skip
    files: dict[str, str] = {}
    calls: list[tuple[str, str]] = []
    for line in log.read_text().splitlines():
        if '"before save' in line or '"after save' in line:
            calls.append(("marker", "before" if "before" in line else "after"))
            continue
        match = CALL.match(line)
        if not match:
            continue
        name, argument, result = match.groups()
        if name == "openat" and "history.sqlite3" in line:
            path = re.search(r'"([^"]+)"', line)
            assert path is not None
            files[result] = Path(path.group(1)).name
        elif name == "close":
            files.pop(argument, None)
        elif name in ("fsync", "fdatasync") and argument in files:
            calls.append((name, files[argument]))
    return calls


def test_each_save_syncs_the_log_before_it_returns(tmp_path: Path) -> None:
    calls = traced_calls(tmp_path / "data", tmp_path / "strace.log")
    saves: list[list[tuple[str, str]]] = []
    for call in calls:
        if call == ("marker", "before"):
            saves.append([])
        elif call != ("marker", "after") and saves:
            saves[-1].append(call)
    assert len(saves) == SAVES
    for synced in saves:
        assert any(name.endswith("-wal") for _, name in synced), f"no sync of the log: {synced}"
