"""Two runs of one circuit never share a checkpoint: a killed run stays resumable whatever
the other does (issue 15, "two hamtimers on the same circuit share one checkpoint file").

Two real hamtimers in tmux, on the same circuit file and data folder: the first is killed
with SIGKILL in the middle of its workout, the second goes on to finish after the kill.
Then a third start offers the first one's workout at the step it was on, with the steps it
had done, and the second one's is in the history, finished.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import time
from pathlib import Path

from hamtimer.history import HistoryStore, Outcome
from tests.hostile.disk_full import TWELVE
from tests.tui.test_terminal import Terminal

KILL_AT = 6  # the first run is killed once it has saved step 7 (index 6)


def in_progress(data: Path) -> dict[str, tuple[int, str]]:
    """Workouts in progress: owner's pid → (step index, id), read straight from the file."""
    path = data / "history.sqlite3"
    if not path.exists():
        return {}
    with sqlite3.connect(path, timeout=10) as conn:
        rows = conn.execute(
            "SELECT owner, current_index, uuid FROM workouts WHERE outcome = 'in_progress'"
        ).fetchall()
    return {owner.split(":")[1]: (index, uuid) for owner, index, uuid in rows if owner}


def wait(condition: object, what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"never happened: {what}")


def test_a_killed_run_stays_resumable_while_another_finishes(tmp_path: Path) -> None:
    data, config = tmp_path / "data", tmp_path / "config"
    circuit = tmp_path / "twelve.toml"
    circuit.write_text(TWELVE, encoding="utf-8")
    first, second, third = Terminal(data, config), Terminal(data, config), Terminal(data, config)
    try:
        first.start(str(circuit), "--speed 20")  # a step a second, rests of half a second
        first.wait_for("Press Enter to start")
        first.keys("Enter")
        first.wait_for("GET READY")
        second.start(str(circuit), "--speed 15")  # started while the first runs: nothing offered
        second.wait_for("Press Enter to start")
        assert "resume" not in second.screen()
        second.keys("Enter")
        second.wait_for("GET READY")
        pid = str(first.app_pid())
        wait(lambda: in_progress(data).get(pid, (-1, ""))[0] >= KILL_AT, "the first at step 7")
        os.kill(int(pid), signal.SIGKILL)
        killed_at, killed_id = in_progress(data)[pid]
        second.wait_for("Workout finished!", timeout=60)
        second.keys("q")
        assert second.exit_code() == 0

        store = HistoryStore(data)
        [finished] = store.workouts()
        assert finished.outcome is Outcome.FINISHED and finished.completed == 12
        [waiting] = store.interrupted()
        assert str(waiting.id) == killed_id and waiting.current_index == killed_at
        assert waiting.completed == killed_at, "every step before the kill is kept, done"
        store.close()

        third.start(str(circuit))
        third.wait_for(f"resume your unfinished workout at step {killed_at + 1}")
        third.keys("r")
        screen = third.wait_for(f"step {killed_at + 1} of 12")
        assert "0:00 done" not in screen, "the time done goes on from the steps done"
    finally:
        for term in (first, second, third):
            term.close()
