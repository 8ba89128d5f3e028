"""A hamtimer stand-in for the crash tests: plays workouts through the real session and store.

    python tests/crash_writer.py DATA_DIR CIRCUIT_FILE SEED [COUNT]

Plays workouts, as the app would, with the real engine on a fake clock and the real
`WorkoutSession` saving synchronously: at start, resume the circuit's interrupted workout
(or, now and then, start fresh, which stores the old one as abandoned); a checkpoint at
every step and some pauses; the workout stored when it ends. It prints one line to stdout
*after* each durable write returns, so every line the parent has read is a promise the
database must keep however the process is killed:

    ready                      imports done, about to touch the files
    started <id>               a new workout (nothing written yet)
    resumed <id> <index>       an interrupted workout was found; resuming at that step
    checkpoint <id> <index>    saved: steps before <index> are done
    paused <id> <index>        saved while paused at <index>
    finished <id> <steps>      the finished workout is in the history
    abandoned <id> <done>      the old workout is in the history as abandoned

With COUNT it stops after that many finished workouts (the two-writers test); without,
it runs until killed.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from hamtimer.circuit import CircuitFile, load_circuit
from hamtimer.clock import FakeClock
from hamtimer.events import Event, EventKind
from hamtimer.history import HistoryStore
from hamtimer.session import WorkoutSession
from hamtimer.workout import Workout, WorkoutState

START_FRESH = 0.2  # chance of declining the resume offer
PAUSE = 0.1  # chance of a pause at a step
HOLDS = {"right": 44.0, "left": 39.5}


def say(line: str) -> None:
    """Tell the parent about a write that has returned (one whole line per write)."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def reporter(workout: Workout, workout_id: str) -> object:
    """A listener after the session's: when it hears an event, the save has returned."""

    def listen(event: Event) -> None:
        if event.kind is EventKind.STEP_STARTED:
            say(f"checkpoint {workout_id} {event.step_index}")
        elif event.kind is EventKind.PAUSED:
            say(f"paused {workout_id} {event.step_index}")
        elif event.kind is EventKind.FINISHED:
            done = sum(record.status in ("done", "timed_out") for record in workout.records)
            say(f"finished {workout_id} {done}")

    return listen


def play(workout: Workout, clock: FakeClock, rng: random.Random) -> None:
    """Do every step as a runner would: wait out timed ones, hold, press done."""
    while workout.state is WorkoutState.RUNNING:
        step = workout.plan.steps[workout.index]
        if rng.random() < PAUSE:
            workout.pause()
            clock.advance(5.0)
            workout.resume()
        if step.seconds is not None:
            clock.advance(step.seconds)
            workout.update()
        else:
            clock.advance(HOLDS.get(str(step.side), 20.0) if step.mode == "open" else 20.0)
            workout.done()


def one_workout(session: WorkoutSession, clock: FakeClock, rng: random.Random) -> None:
    """What the start screen and the timer do, from the offer to the history."""
    offered = session.resumable
    resume = offered is not None and rng.random() >= START_FRESH
    workout = session.start(resume=resume, challenge=False)
    assert session.record is not None
    workout_id = str(session.record.id)
    if offered is not None and not resume:
        say(f"abandoned {offered.id} {offered.abandoned().completed}")
    if resume:
        say(f"resumed {workout_id} {workout.index}")
    else:
        say(f"started {workout_id}")
    workout.subscribe(reporter(workout, workout_id))  # type: ignore[arg-type]
    workout.start()
    play(workout, clock, rng)


def main(argv: list[str]) -> None:
    """Play workouts until killed, or COUNT of them."""
    data_dir, circuit_path, seed = Path(argv[0]), Path(argv[1]), int(argv[2])
    count = int(argv[3]) if len(argv) > 3 else None
    circuit = load_circuit(circuit_path)
    circuit_file = CircuitFile("crash", circuit_path, "file")
    rng = random.Random(seed)
    store = HistoryStore(data_dir)
    say("ready")
    done = 0
    while count is None or done < count:
        clock = FakeClock()
        session = WorkoutSession(circuit_file, circuit, store=store, clock=clock, background=False)
        one_workout(session, clock, rng)
        done += 1


if __name__ == "__main__":
    main(sys.argv[1:])
