"""SIGKILL at random moments: the database always opens and keeps every durable promise.

`crash_writer.py` plays workouts through the real session and store in a child process
and prints a line after each write returns. The child is killed with SIGKILL at a random
moment, many times, in the same data folder; after each kill every line read from it so
far is checked against the database. Kill count: `HAMTIMER_CRASH_KILLS` (default 50).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from hamtimer.history import HistoryStore, Outcome, WorkoutRecord

TESTS = Path(__file__).resolve().parent
WRITER = TESTS / "crash_writer.py"
KILLS = int(os.environ.get("HAMTIMER_CRASH_KILLS", "50"))
MAX_DELAY = 0.4  # seconds after "ready": a few workouts' worth of writes
SEED = 20261124
NOTHING_YET = -1  # a workout announced, with no checkpoint saved yet: nothing promised

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


@dataclass
class Promises:
    """What the children said was durable, and how often each path was taken."""

    reached: dict[str, int] = field(default_factory=dict)  # id → its last saved step
    finished: set[str] = field(default_factory=set)
    abandoned: dict[str, int] = field(default_factory=dict)  # id → steps done
    counts: dict[str, int] = field(default_factory=dict)

    def hear(self, line: str) -> None:
        """Take in one line; a resume must be where the last promise said, or one on."""
        word, *rest = line.split()
        self.counts[word] = self.counts.get(word, 0) + 1
        if word == "ready":
            return
        workout_id = rest[0]
        if word == "started":
            assert workout_id not in self.reached, f"id reused: {line}"
            self.reached[workout_id] = NOTHING_YET
        elif word == "resumed":
            index, known = int(rest[1]), self.reached.get(workout_id)
            assert known is not None, f"resumed a workout never started: {line}"
            assert workout_id not in self.finished | set(self.abandoned), line
            assert known <= index <= known + 1, f"resumed at {index}, promised {known}: {line}"
            self.reached[workout_id] = index
        elif word in ("checkpoint", "paused"):
            self.reached[workout_id] = int(rest[1])
        elif word == "finished":
            self.finished.add(workout_id)
        elif word == "abandoned":
            self.abandoned[workout_id] = int(rest[1])
        else:
            raise AssertionError(f"unknown line from the writer: {line!r}")


def complete_lines(output: bytes) -> list[str]:
    """Lines that arrived whole; a line cut by the kill promises nothing."""
    *whole, _partial = output.split(b"\n")
    return [line.decode() for line in whole if line]


def check(folder: Path, promises: Promises) -> None:
    """Every promise kept; the database opens with nothing set aside; at most one open."""
    store = HistoryStore(folder)
    ended = {str(record.id): record for record in store.workouts()}  # must never raise
    interrupted = store.interrupted()
    assert store.take_notices() == [], "a kill never damages the database"
    assert len(interrupted) <= 1, "one workout in progress at a time"
    for workout_id in promises.finished:
        assert workout_id in ended, f"finished workout {workout_id} lost"
        record = ended[workout_id]
        assert record.outcome is Outcome.FINISHED and record.completed == len(record.steps)
    for workout_id, done in promises.abandoned.items():
        assert workout_id in ended, f"abandoned workout {workout_id} lost"
        record = ended[workout_id]
        assert record.outcome is Outcome.ABANDONED and record.completed == done
    open_one: WorkoutRecord | None = interrupted[0] if interrupted else None
    for workout_id, index in promises.reached.items():
        if index == NOTHING_YET:
            continue  # announced, nothing saved yet: nothing promised
        if workout_id in ended:
            missing = [s.index for s in ended[workout_id].steps[:index] if not s.completed]
            assert not missing, f"{workout_id} promised step {index}; not done: {missing}"
            continue
        assert open_one is not None, f"workout {workout_id} lost (promised step {index})"
        assert str(open_one.id) == workout_id, f"workout {workout_id} lost"
        assert index <= open_one.current_index <= index + 1
        missing = [s.index for s in open_one.steps[:index] if not s.completed]
        assert not missing, f"{workout_id} promised step {index}; not done: {missing}"
    store.close()
    assert not list(folder.glob("history.damaged-*")), "nothing set aside"


def run_and_kill(
    folder: Path, circuit: Path, seed: int, delay: float, after: str | None = None
) -> list[str]:
    """Start the writer, let it write for `delay` seconds (after its first line starting
    with `after`, if given), SIGKILL it; the lines it printed."""
    child = subprocess.Popen(
        [sys.executable, str(WRITER), str(folder), str(circuit), str(seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(TESTS.parent)},
    )
    assert child.stdout is not None
    first = child.stdout.readline()
    if first != b"ready\n":
        child.kill()
        _, err = child.communicate()
        pytest.fail(f"writer did not start: {first!r}\n{err.decode(errors='replace')}")
    heard = b""
    if after is not None:
        for line in iter(child.stdout.readline, b""):
            heard += line
            if line.split(maxsplit=1)[:1] == [after.encode()]:
                break
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    out, err = child.communicate()
    assert child.returncode == -signal.SIGKILL, err.decode(errors="replace")
    return ["ready", *complete_lines(heard + out)]


def test_sigkill_at_random_moments_loses_nothing(tmp_path: Path, hamstring_path: Path) -> None:
    rng = random.Random(SEED)
    folder = tmp_path / "data"
    promises = Promises()
    began = time.monotonic()
    for kill in range(KILLS):
        lines = run_and_kill(
            folder, hamstring_path, rng.randrange(2**32), rng.uniform(0, MAX_DELAY)
        )
        for line in lines:
            promises.hear(line)
        # Mostly check a copy (with its write-ahead log), so the next child meets exactly
        # what the kill left; every fifth time check in place.
        if kill % 5 == 4:
            check(folder, promises)
        else:
            copy = tmp_path / "copy"
            shutil.copytree(folder, copy)
            check(copy, promises)
            shutil.rmtree(copy)
    elapsed = time.monotonic() - began

    counts = promises.counts
    print(
        f"\n{KILLS} kills in {elapsed:.1f} s: {counts.get('finished', 0)} finished, "
        f"{counts.get('resumed', 0)} resumed, {counts.get('abandoned', 0)} abandoned, "
        f"{counts.get('checkpoint', 0)} checkpoints, {counts.get('paused', 0)} pauses"
    )
    # The test proves something only if the kills landed mid-workout and resumes happened.
    assert counts["ready"] == KILLS
    assert counts.get("resumed", 0) >= KILLS // 4
    assert counts.get("finished", 0) >= 1
    assert len(promises.reached) >= 2


def test_the_checker_catches_a_lost_step(tmp_path: Path, hamstring_path: Path) -> None:
    """The check above is not vacuous: a promise the database does not keep fails it."""
    folder = tmp_path / "data"
    lines = run_and_kill(folder, hamstring_path, seed=1, delay=0.05, after="checkpoint")
    promises = Promises()
    for line in lines:
        promises.hear(line)
    check(folder, promises)
    running = [key for key, index in promises.reached.items() if key not in promises.finished]
    assert running and promises.reached[running[0]] >= 0, "killed mid-workout"
    promises.reached[running[0]] += 2  # two steps more than were saved
    with pytest.raises(AssertionError):
        check(folder, promises)
    promises.reached[running[0]] -= 2
    promises.finished.add(str(uuid.uuid4()))  # a finish that never was
    with pytest.raises(AssertionError, match="lost"):
        check(folder, promises)
