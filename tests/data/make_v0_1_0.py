"""Writes the 0.1.0 data folder in `tests/data/v0.1.0/` with hamtimer 0.1.0's own code.

Run it against a checkout of hamtimer 0.1.0 (commit 691b55f), not against this one:

    git worktree add /tmp/hamtimer-0.1.0 691b55f
    PYTHONPATH=/tmp/hamtimer-0.1.0:/tmp/hamtimer-0.1.0/tests \\
        python tests/data/make_v0_1_0.py tests/data/v0.1.0

What it holds, as a runner's folder could after a while of 0.1.0 (see test_history_legacy.py):
six workouts in history.jsonl (one stored twice by a kill, finished and abandoned), a line
from a newer hamtimer, a garbage line and a torn last line; a checkpoint of the bundled
circuit at step 13, paused; a checkpoint of an edited version of it; and a stale checkpoint
whose workout is already in the history.
"""

from __future__ import annotations

import shutil
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from history_fakes import fake_records

from hamtimer.circuit import load_circuit
from hamtimer.events import StepStatus
from hamtimer.history import (
    HistoryStore,
    Outcome,
    Session,
    checkpoint_from_records,
    circuit_hash,
    entry_from_checkpoint,
    entry_from_records,
)
from hamtimer.library import bundled_dir
from hamtimer.plan import build_plan

START = datetime(2026, 9, 1, 6, 30, tzinfo=UTC)


def main(folder: Path) -> None:
    """Write the folder afresh."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    circuit_file = folder / "hamstring.toml"
    shutil.copyfile(bundled_dir("circuits") / "hamstring.toml", circuit_file)
    digest = circuit_hash(circuit_file)
    plan = build_plan(load_circuit(circuit_file))
    challenge = build_plan(load_circuit(circuit_file), challenge=True)
    data = folder / "data"
    store = HistoryStore(data)

    def session(day: int, ref: str = "hamstring", which: object = plan) -> Session:
        return Session.begin(
            which,  # type: ignore[arg-type]
            circuit_ref=ref,
            circuit_hash=digest,
            now=START + timedelta(days=day, minutes=day * 7),
        )

    holds = [(40.5, 38.25), (44.0, 41.0), (50.0, 40.0)]
    for day, (right, left) in enumerate(holds):
        begun = session(day * 2)
        store.append(
            entry_from_records(
                plan,
                fake_records(plan, len(plan), right=right, left=left),
                begun,
                outcome=Outcome.FINISHED,
                ended_at=begun.started_at + timedelta(minutes=24),
            )
        )
    tough = session(7, which=challenge)
    store.append(
        entry_from_records(
            challenge,
            fake_records(challenge, len(challenge), skipped=frozenset({5, 6})),
            tough,
            outcome=Outcome.FINISHED,
            ended_at=tough.started_at + timedelta(minutes=26),
        )
    )
    quit_early = session(8)
    store.append(
        entry_from_records(
            plan,
            fake_records(plan, 20),
            quit_early,
            outcome=Outcome.ABANDONED,
            ended_at=quit_early.started_at + timedelta(minutes=9),
        )
    )
    twice = session(9, ref="/home/runner/mine.toml")
    done = entry_from_records(
        plan,
        fake_records(plan, len(plan), right=47.0, left=46.0),
        twice,
        outcome=Outcome.FINISHED,
        ended_at=twice.started_at + timedelta(minutes=25),
    )
    store.append(done)
    store.append(done.model_copy(update={"outcome": Outcome.ABANDONED}))

    # The workout in progress when the laptop died: step 13 (a hold), paused.
    current = session(10)
    records = fake_records(plan, 13)
    records[13].status = StepStatus.ABANDONED  # in progress, as 0.1.0's engine kept it
    records[13].active_seconds = 12.5
    records[13].paused_seconds = 3.0
    store.save_checkpoint(
        checkpoint_from_records(
            plan,
            records,
            current,
            current_index=13,
            paused=True,
            saved_at=current.started_at + timedelta(minutes=6),
        )
    )
    # A checkpoint of the same circuit before the runner edited the file.
    edited = circuit_hash(b"the hamstring circuit before an edit")
    older = session(5).model_copy(update={"circuit_hash": edited})
    store.save_checkpoint(
        checkpoint_from_records(
            plan,
            fake_records(plan, 9),
            older,
            current_index=9,
            saved_at=older.started_at + timedelta(minutes=4),
        )
    )
    # A checkpoint a kill left after its workout had gone into the history (0.1.0 named
    # checkpoints by the circuit file's hash; this one is of mine.toml as it was then).
    stale_hash = circuit_hash(b"mine.toml as it was")
    stale = checkpoint_from_records(
        plan,
        fake_records(plan, 47),
        twice.model_copy(update={"circuit_hash": stale_hash}),
        current_index=47,
    )
    store.checkpoint_path(stale_hash).write_text(stale.model_dump_json(exclude_none=True))

    with store.history_path.open("ab") as history:
        history.write(b'{"format": 2, "id": "from-a-newer-hamtimer"}\n')
        history.write(b"\xff\xfe garbage from a bad sector\n")
        history.write(entry_from_checkpoint(stale).model_dump_json().encode()[:211])  # torn


if __name__ == "__main__":
    main(Path(sys.argv[1]))
