"""How exact is the workout engine on a real clock, in a real asyncio loop?

Runs a generated plan (rests, switch-sides, timed work, paced reps, and reps and holds that
end with a simulated done press) at real speed on `MonotonicClock`. The loop wakes only when
`Workout.next_change()` says something is due (`loop.call_at`), exactly as the screen will,
and never polls. Done presses are scheduled at their planned absolute times, so the planned
end of the workout is known in advance.

Prints the lateness of every deadline (when a listener heard the step end, minus the
deadline), of every other timed cue and of every wake-up, and the error of the workout's end
against its planned end.

    python bench/timing.py                      # 72 steps over 150 s
    python bench/timing.py --steps 300 --seconds 900
"""

from __future__ import annotations

import argparse
import asyncio
import math
import platform
import random
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from hamtimer.clock import MonotonicClock
from hamtimer.events import Event, EventKind
from hamtimer.plan import Plan, Step, StepKind, WorkMode
from hamtimer.workout import Workout, WorkoutState

# The order of step kinds, repeated: every way a step can end, and every cue.
PATTERN = ("timed", "rest", "paced", "switch", "reps", "rest", "hold", "rest")


def make_step(index: int, kind: str, seconds: float) -> Step:
    """One generated step lasting `seconds`; reps and holds end by a done press after it."""
    common = {"index": index, "title": kind, "headline": kind, "summary": f"{kind} {index}"}
    common |= {"block": "bench", "estimate": seconds}
    if kind == "ready":
        return Step(kind=StepKind.GET_READY, seconds=seconds, **common)
    if kind == "rest":
        return Step(kind=StepKind.REST, seconds=seconds, **common)
    if kind == "switch":
        return Step(kind=StepKind.SWITCH_SIDES, seconds=seconds, **common)
    if kind == "timed":
        return Step(kind=StepKind.WORK, mode=WorkMode.TIMED, seconds=seconds, **common)
    if kind == "paced":
        reps, tempo = 4, seconds / 4
        common["estimate"] = reps * tempo  # the engine's deadline, so the planned end is exact
        paced = {"mode": WorkMode.REPS, "reps": reps, "tempo": tempo, "seconds": reps * tempo}
        return Step(kind=StepKind.WORK, **paced, **common)
    if kind == "reps":
        return Step(kind=StepKind.WORK, mode=WorkMode.REPS, reps=5, **common)
    return Step(kind=StepKind.WORK, mode=WorkMode.OPEN, **common)


def generate_plan(steps: int, seconds: float, seed: int) -> Plan:
    """A plan of `steps` steps, about `seconds` long, with varied (unround) durations.

    It starts with a get-ready and ends with a rest, so the workout ends on a deadline.
    """
    rng = random.Random(seed)
    weights = [rng.uniform(0.5, 1.5) for _ in range(steps)]
    scale = seconds / sum(weights)
    kinds = ["ready"] + [PATTERN[i % len(PATTERN)] for i in range(steps - 2)] + ["rest"]
    built = [make_step(i, kind, weights[i] * scale) for i, kind in enumerate(kinds)]
    return Plan(circuit="bench", challenge=False, steps=tuple(built))


@dataclass
class Run:
    """What the bench saw: (event, clock reading when a listener got it, who caused it)."""

    heard: list[tuple[Event, float, str]] = field(default_factory=list)
    wakes: list[float] = field(default_factory=list)
    presses: list[float] = field(default_factory=list)
    cause: str = "start"


async def drive(plan: Plan) -> tuple[Workout, Run, float]:
    """Run the plan in real time; return the workout, what was seen and when FINISHED was heard."""
    loop = asyncio.get_running_loop()
    clock = MonotonicClock()
    workout = Workout(plan, clock)
    run = Run()
    finished: asyncio.Future[float] = loop.create_future()
    handle: asyncio.TimerHandle | None = None

    def listen(event: Event) -> None:
        now = clock.now()
        run.heard.append((event, now, run.cause))
        if event.kind is EventKind.FINISHED and not finished.done():
            finished.set_result(now)

    def sleep_until_due() -> None:
        nonlocal handle
        if handle is not None:
            handle.cancel()
        moment = workout.next_change()
        handle = None if moment is None else loop.call_at(moment, wake, moment)

    def wake(moment: float) -> None:
        run.wakes.append(clock.now() - moment)
        run.cause = "deadline"
        workout.update()
        sleep_until_due()

    def press(moment: float) -> None:
        run.presses.append(clock.now() - moment)
        run.cause = "press"
        workout.done()
        sleep_until_due()

    workout.subscribe(listen)
    workout.start()
    assert workout.started_at is not None
    for step, offset in zip(plan.steps, plan.starts(), strict=True):
        if not step.ends_itself:
            moment = workout.started_at + offset + step.estimate
            loop.call_at(moment, press, moment)
    sleep_until_due()
    limit = plan.estimated_seconds + 10.0  # never hang: a stuck run is a failed run
    return workout, run, await asyncio.wait_for(finished, limit)


def ms(values: Sequence[float]) -> str:
    """Median, p99 and max of seconds, in milliseconds."""
    if not values:
        return "none"
    ordered = sorted(values)
    p99 = ordered[min(len(ordered) - 1, math.ceil(0.99 * len(ordered)) - 1)]
    return (
        f"n={len(ordered):4d}  median {statistics.median(ordered) * 1e3:7.3f} ms  "
        f"p99 {p99 * 1e3:7.3f} ms  max {ordered[-1] * 1e3:7.3f} ms"
    )


def report(plan: Plan, workout: Workout, run: Run, heard_end: float) -> bool:
    """Print the figures; True when they meet the targets (p99 < 10 ms, end error < 20 ms)."""
    assert workout.started_at is not None and workout.ended_at is not None
    deadlines = [
        now - event.due
        for event, now, cause in run.heard
        if event.kind is EventKind.STEP_ENDED and cause == "deadline"
    ]
    cues = [
        now - event.due
        for event, now, cause in run.heard
        if event.kind in (EventKind.COUNTDOWN, EventKind.REP, EventKind.GO, EventKind.SWITCH_SIDES)
        and cause == "deadline"
    ]
    planned_end = workout.started_at + plan.estimated_seconds
    end_error = heard_end - planned_end
    p99 = sorted(deadlines)[min(len(deadlines) - 1, math.ceil(0.99 * len(deadlines)) - 1)]
    print(f"plan: {len(plan)} steps, {plan.estimated_seconds:.3f} s planned")
    print(f"ran:  {heard_end - workout.started_at:.3f} s, state {workout.state}")
    print(f"deadline lateness (step ends): {ms(deadlines)}")
    print(f"cue lateness (countdown/rep/go/switch): {ms(cues)}")
    print(f"wake lateness (every wake-up vs its next_change): {ms(run.wakes)}")
    print(f"done-press lateness (simulated runner): {ms(run.presses)}")
    print(f"engine end vs planned end: {(workout.ended_at - planned_end) * 1e3:+.6f} ms")
    print(f"end error (FINISHED heard vs planned end): {end_error * 1e3:+.3f} ms")
    ok = workout.state is WorkoutState.FINISHED and p99 < 0.010 and abs(end_error) < 0.020
    print("PASS: p99 < 10 ms and end error < 20 ms" if ok else "FAIL: targets not met")
    return ok


def main(argv: Sequence[str] | None = None) -> int:
    """Run the bench; exit status 0 when the targets are met."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", type=int, default=72, help="steps in the plan (>= 3)")
    parser.add_argument("--seconds", type=float, default=150.0, help="planned length")
    parser.add_argument("--seed", type=int, default=2022, help="seed for step lengths")
    args = parser.parse_args(argv)
    if args.steps < 3 or args.seconds < args.steps:
        # Steps average a second or more, so a simulated done press never falls inside the
        # engine's 0.3 s double-tap guard at the start of a step.
        parser.error("need at least 3 steps, and at least one second per step")
    plan = generate_plan(args.steps, args.seconds, args.seed)
    print(f"python {platform.python_version()} on {platform.system()} {platform.release()}")
    print(f"clock: {time.get_clock_info('monotonic')}")
    workout, run, heard_end = asyncio.run(drive(plan))
    return 0 if report(plan, workout, run, heard_end) else 1


if __name__ == "__main__":
    sys.exit(main())
