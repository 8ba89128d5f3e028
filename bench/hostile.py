"""What hostile circuit files cost: tomllib alone against hamtimer's bounded loader.

    python bench/hostile.py

For each structure that costs `tomllib` time or memory growing with the square of its size,
and for the worst files the limits still allow (`tests/hostile/test_fuzz_loader.WORST`, each
just under the 256 KiB size limit), prints the CPU seconds and the peak of allocations
(tracemalloc, in a pass of its own) of `tomllib.loads` and of `parse_circuit`. tomllib alone
runs in a child process with a 60 s CPU limit, so the worst of them cannot stall the run.
Also the cost of a checkpoint of a 2,000-step plan (the step limit) on the timer's thread.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from hamtimer.circuit import CircuitError, parse_circuit  # noqa: E402
from hamtimer.clock import FakeClock  # noqa: E402
from hamtimer.history import HistoryStore, WorkoutRecord  # noqa: E402
from hamtimer.plan import build_plan  # noqa: E402
from hamtimer.workout import Workout  # noqa: E402
from tests.hostile.test_fuzz_loader import WORST  # noqa: E402

QUADRATIC = {
    "dotted key, 16,000 parts (32 KB)": "a." * 16_000 + "b = 1\n",
    "header of 20,000 parts, 5,000 keys (89 KB)": "["
    + ".".join(["a"] * 20_000)
    + "]\n"
    + "".join(f"b.c{i} = 1\n" for i in range(5000)),
    "arrays nested 5,000 deep (10 KB)": "x = " + "[" * 5000 + "]" * 5000 + "\n",
}

TOMLLIB = """
import resource, sys, time, tomllib
resource.setrlimit(resource.RLIMIT_CPU, (60, 60))
text = sys.stdin.read()
began = time.process_time()
try:
    tomllib.loads(text)
    what = "parsed"
except RecursionError:
    what = "RecursionError"
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{time.process_time() - began:6.2f} s  {peak:6.0f} MB peak RSS  {what}")
"""


def tomllib_alone(text: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", TOMLLIB], input=text, capture_output=True, text=True, check=False
    )
    return done.stdout.strip() or f"killed ({done.returncode}): over 60 s of CPU"


def loader(text: str) -> str:
    def parse() -> str:
        try:
            parse_circuit(text)
        except CircuitError as problem:
            return str(problem).splitlines()[0].removeprefix("<text>: ")[:60]
        return "a circuit"

    began = time.process_time()
    what = parse()
    spent = time.process_time() - began
    tracemalloc.start()
    parse()
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return f"{spent:6.2f} s  {peak:6.0f} MB allocated  {what}"


def timed(action: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return sorted(times)


def checkpoint_at_the_step_limit() -> None:
    exercise = (
        '\n[[blocks.exercises]]\nname = "Lunge @"\nkind = "strength"\n'
        'sides = ["right", "left"]\nrest_between_sides = 5\nreps = 5\n'
    )
    text = 'name = "Long"\n[timing]\nrest_between_sets = 10\n[[blocks]]\nname = "All"\nsets = 20\n'
    plan = build_plan(
        parse_circuit(text + "".join(exercise.replace("@", str(i)) for i in range(25)))
    )
    with tempfile.TemporaryDirectory(prefix="hamtimer-bench-") as scratch:
        store = HistoryStore(Path(scratch))
        record = WorkoutRecord.begin(plan, circuit_ref="long", circuit_hash="a" * 64)
        clock = FakeClock()
        workout = Workout(plan, clock)
        workout.start()
        on_timer, on_writer = [], []
        for _ in range(200):
            clock.advance(3)
            workout.done()
            began = time.perf_counter()
            saved = record.progressed(plan, workout.records, current_index=workout.index)
            on_timer.append(time.perf_counter() - began)
            began = time.perf_counter()
            store.save(saved)
            on_writer.append(time.perf_counter() - began)
        store.close()
    on_timer.sort()
    on_writer.sort()
    print(
        f"checkpoint of a {len(plan)}-step plan: the record on the timer's thread "
        f"median {on_timer[100] * 1000:.1f} ms (max {on_timer[-1] * 1000:.1f}); "
        f"the save on the writer's thread median {on_writer[100] * 1000:.1f} ms"
    )


def main() -> int:
    print(f"python {sys.version.split()[0]}")
    for name, text in QUADRATIC.items():
        print(f"{name}\n  tomllib alone  {tomllib_alone(text)}\n  hamtimer       {loader(text)}")
    print("the worst files within the limits (just under 256 KiB):")
    for name, data in WORST.items():
        print(f"  {name:16} {loader(data.decode())}")
    checkpoint_at_the_step_limit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
