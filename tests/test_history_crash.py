"""SIGKILL at random moments: the history always parses and keeps every durable promise.

`crash_writer.py` plays workouts through the real HistoryStore in a child process and
prints a line after each write returns. The child is killed with SIGKILL at a random
moment, many times, in the same data folder; after each kill every line read from it
so far is checked against the files. Kill count: `HAMTIMER_CRASH_KILLS` (default 50).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pydantic import ValidationError

from hamtimer.history import Checkpoint, HistoryStore, Outcome, WorkoutEntry, circuit_hash
from hamtimer.plan import Plan

WRITER = Path(__file__).resolve().parent / "crash_writer.py"
KILLS = int(os.environ.get("HAMTIMER_CRASH_KILLS", "50"))
MAX_DELAY = 0.25  # seconds after "ready": a few workouts' worth of writes
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


def check(folder: Path, promises: Promises, digest: str) -> bool:
    """Every promise kept; the history parses; the checkpoint is absent or whole.

    Returns True when the kill fell between storing a workout and dropping its checkpoint.
    """
    result = HistoryStore(folder).load()  # must never raise
    stored = {str(entry.id): entry for entry in result.entries}
    for workout_id in promises.finished:
        entry = stored[workout_id]
        assert entry.outcome is Outcome.FINISHED and entry.completed == len(entry.steps)
    for workout_id, done in promises.abandoned.items():
        entry = stored[workout_id]
        assert entry.outcome is Outcome.ABANDONED and entry.completed == done
    checkpoint = whole_checkpoint(folder, digest)
    for workout_id, index in promises.reached.items():
        if workout_id in stored:
            assert all(step.completed for step in stored[workout_id].steps[:index])
            continue
        if index == NOTHING_YET:
            continue
        assert checkpoint is not None, f"workout {workout_id} lost (promised step {index})"
        assert str(checkpoint.id) == workout_id, f"workout {workout_id} lost"
        assert index <= checkpoint.current_index <= index + 1
        assert all(step.completed for step in checkpoint.steps[:index])
    assert_nothing_good_set_aside(folder)
    return checkpoint is not None and str(checkpoint.id) in stored


def whole_checkpoint(folder: Path, digest: str) -> Checkpoint | None:
    """The checkpoint file read raw: an atomic replace means it is never torn."""
    checkpoints = [path for path in folder.iterdir() if path.name.startswith("checkpoint-")]
    assert [path.name for path in checkpoints] in ([], [f"checkpoint-{digest}.json"])
    if not checkpoints:
        return None
    return Checkpoint.model_validate_json(checkpoints[0].read_bytes())


def assert_nothing_good_set_aside(folder: Path) -> None:
    """Only torn lines may be quarantined, never a readable workout."""
    for aside in folder.glob("history.corrupt-*"):
        for line in aside.read_bytes().splitlines():
            with pytest.raises(ValidationError):
                WorkoutEntry.model_validate_json(line)


def tear(history: Path, rng: random.Random) -> None:
    """Leave a torn last line, as a power cut mid-append would (a kill alone rarely does)."""
    if not history.exists():
        return
    whole = history.read_bytes().splitlines()
    if whole:
        victim = whole[-1]
        with history.open("ab") as file:
            file.write(victim[: rng.randrange(1, len(victim))])


def run_and_kill(folder: Path, circuit: Path, seed: int, delay: float) -> tuple[list[str], bytes]:
    """Start the writer, let it write for `delay` seconds, SIGKILL it; its lines and stderr."""
    child = subprocess.Popen(
        [sys.executable, str(WRITER), str(folder), str(circuit), str(seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None
    first = child.stdout.readline()
    if first != b"ready\n":
        child.kill()
        _, err = child.communicate()
        pytest.fail(f"writer did not start: {first!r}\n{err.decode(errors='replace')}")
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    out, err = child.communicate()
    assert child.returncode == -signal.SIGKILL, err.decode(errors="replace")
    return ["ready", *complete_lines(out)], err


def test_sigkill_at_random_moments_loses_nothing(
    tmp_path: Path, hamstring_path: Path, hamstring_plan: Plan
) -> None:
    rng = random.Random(SEED)
    folder = tmp_path / "data"
    digest = circuit_hash(hamstring_path)
    promises = Promises()
    torn = stale = 0
    began = time.monotonic()
    for kill in range(KILLS):
        lines, _ = run_and_kill(
            folder, hamstring_path, rng.randrange(2**32), rng.uniform(0, MAX_DELAY)
        )
        for line in lines:
            promises.hear(line)
        # Mostly check a copy, so the next child meets what the kill left (a torn line, a
        # stale checkpoint); every fifth time check in place, repairs included.
        if kill % 5 == 4:
            stale += check(folder, promises, digest)
        else:
            copy = tmp_path / "copy"
            shutil.copytree(folder, copy)
            stale += check(copy, promises, digest)
            shutil.rmtree(copy)
        if kill % 4 == 1:  # the next child must repair it, and may be killed doing so
            tear(folder / "history.jsonl", rng)
            torn += 1
    elapsed = time.monotonic() - began

    counts = promises.counts
    print(
        f"\n{KILLS} kills in {elapsed:.1f} s: {counts.get('finished', 0)} finished, "
        f"{counts.get('resumed', 0)} resumed, {counts.get('abandoned', 0)} abandoned, "
        f"{counts.get('checkpoint', 0)} checkpoints, {counts.get('paused', 0)} pauses, "
        f"{stale} kills between storing and dropping a checkpoint, {torn} torn lines added, "
        f"{len(list(folder.glob('history.corrupt-*')))} quarantine files"
    )
    # The test proves something only if the kills landed mid-workout and resumes happened.
    assert counts["ready"] == KILLS
    assert counts.get("resumed", 0) >= KILLS // 4
    assert counts.get("finished", 0) >= 1
    assert len(promises.reached) >= 2


def test_the_checker_catches_a_lost_step(tmp_path: Path, hamstring_path: Path) -> None:
    """The check above is not vacuous: a promise the files do not keep fails it."""
    folder = tmp_path / "data"
    digest = circuit_hash(hamstring_path)
    lines, _ = run_and_kill(folder, hamstring_path, seed=1, delay=0.05)
    promises = Promises()
    for line in lines:
        promises.hear(line)
    check(folder, promises, digest)
    workout_id = next(iter(promises.reached))
    promises.reached[workout_id] = len(hamstring_path.read_bytes())  # more than was done
    with pytest.raises(AssertionError):
        check(folder, promises, digest)
