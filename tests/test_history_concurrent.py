"""Two hamtimers at once on one data folder: both finish, both are recorded, neither waits long.

Each writer is `crash_writer.py` playing whole workouts through the real session and store
(the same writes as the app), started together and left to finish.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from hamtimer.history import HistoryStore, Outcome

TESTS = Path(__file__).resolve().parent
WRITER = TESTS / "crash_writer.py"
WORKOUTS = 4


def test_two_hamtimers_at_once_are_both_recorded(tmp_path: Path, hamstring_path: Path) -> None:
    folder = tmp_path / "data"
    env = {**os.environ, "PYTHONPATH": str(TESTS.parent)}
    writers = [
        subprocess.Popen(
            [
                sys.executable,
                str(WRITER),
                str(folder),
                str(hamstring_path),
                str(seed),
                str(WORKOUTS),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        for seed in (1, 2)
    ]
    outputs = [writer.communicate(timeout=120) for writer in writers]
    for writer, (_, err) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, err.decode(errors="replace")
    said = [out.decode().splitlines() for out, _ in outputs]
    finished = [
        {line.split()[1] for line in lines if line.startswith("finished")} for lines in said
    ]
    assert [len(ids) for ids in finished] == [WORKOUTS, WORKOUTS]
    assert not finished[0] & finished[1]
    assert not any(line.startswith(("resumed", "abandoned")) for lines in said for line in lines), (
        "neither was offered the other's running workout"
    )
    store = HistoryStore(folder)
    records = store.workouts()
    assert {str(record.id) for record in records} == finished[0] | finished[1]
    assert all(record.outcome is Outcome.FINISHED and record.completed == 48 for record in records)
    assert store.interrupted() == [] and store.take_notices() == []
