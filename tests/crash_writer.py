"""A hamtimer stand-in for the crash test: plays workouts through the real HistoryStore.

    python tests/crash_writer.py DATA_DIR CIRCUIT_FILE SEED

Loops over workouts for ever, as the app would: at start, resume the circuit's
checkpoint (or, now and then, start fresh, which stores the old one as abandoned);
checkpoint every step and some pauses; record the workout at the end. It prints one line
to stdout *after* each durable write returns, so every line the parent has read is a
promise the files must keep however the process is killed:

    ready                      imports done, about to touch the files
    started <id>               a new workout (nothing written yet)
    resumed <id> <index>       a checkpoint was found; resuming at that step
    checkpoint <id> <index>    checkpoint saved: steps before <index> are done
    paused <id> <index>        checkpoint saved while paused at <index>
    finished <id> <steps>      the finished workout is in the history
    abandoned <id> <done>      the old workout is in the history as abandoned

The parent kills it with SIGKILL; it never exits on its own.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from history_fakes import fake_records

from hamtimer.circuit import load_circuit
from hamtimer.history import (
    HistoryStore,
    Outcome,
    Session,
    checkpoint_from_records,
    circuit_hash,
    entry_from_records,
)
from hamtimer.plan import Plan, build_plan

START_FRESH = 0.2  # chance of declining the resume offer
PAUSE = 0.1  # chance of a pause checkpoint at a step


def say(line: str) -> None:
    """Tell the parent about a write that has returned (one whole line per write)."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def begin(store: HistoryStore, plan: Plan, digest: str, rng: random.Random) -> tuple[Session, int]:
    """What the start screen does: offer the checkpoint, resume it or start fresh."""
    checkpoint = store.load_checkpoint(digest)
    if checkpoint is not None and (rng.random() < START_FRESH or not checkpoint.fits(plan)):
        entry = store.abandon_checkpoint(digest)
        assert entry is not None
        say(f"abandoned {entry.id} {entry.completed}")
        checkpoint = None
    if checkpoint is not None:
        say(f"resumed {checkpoint.id} {checkpoint.current_index}")
        return checkpoint.session(), checkpoint.current_index
    session = Session.begin(plan, circuit_ref="crash", circuit_hash=digest)
    say(f"started {session.id}")
    return session, 0


def workout(store: HistoryStore, plan: Plan, digest: str, rng: random.Random) -> None:
    """One workout from wherever it stands to the history."""
    session, start = begin(store, plan, digest, rng)
    for index in range(start, len(plan)):
        records = fake_records(plan, index)
        store.save_checkpoint(checkpoint_from_records(plan, records, session, current_index=index))
        say(f"checkpoint {session.id} {index}")
        if rng.random() < PAUSE:
            store.save_checkpoint(
                checkpoint_from_records(plan, records, session, current_index=index, paused=True)
            )
            say(f"paused {session.id} {index}")
    entry = entry_from_records(
        plan, fake_records(plan, len(plan)), session, outcome=Outcome.FINISHED
    )
    store.record(entry)
    say(f"finished {entry.id} {entry.completed}")


def main(argv: list[str]) -> None:
    """Play workouts until killed."""
    data_dir, circuit_file, seed = Path(argv[0]), Path(argv[1]), int(argv[2])
    plan = build_plan(load_circuit(circuit_file))
    digest = circuit_hash(circuit_file)
    store = HistoryStore(data_dir)
    rng = random.Random(seed)
    say("ready")
    while True:
        workout(store, plan, digest, rng)


if __name__ == "__main__":
    main(sys.argv[1:])
