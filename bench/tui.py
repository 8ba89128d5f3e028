"""What does the timer screen cost, and how exactly does it show the second?

Three measurements, each the way a runner meets the app:

1. Launch to first frame, in a real terminal (tmux): from just before `tmux new-session` to
   the moment `capture-pane` shows "Press Enter to start".
2. CPU during the 60 s rest between sets, and peak memory, in a real terminal. The app
   should wake only when the shown second changes, so a countdown should cost almost
   nothing. tmux is not polled while measuring: every capture makes tmux and the app redraw.
3. Second-boundary lateness, in-process and exact: the app runs headless on the real clock
   and every change of the big digits is timed against the engine's deadline.

Everything runs on a private tmux socket and temp folders, so nothing of the user's (or of
other sessions on the machine) is touched.

    python bench/tui.py                                   # about 2-3 minutes
    python bench/tui.py --launches 3 --rest-seconds 20 --boundary-seconds 10 --baseline-seconds 0
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from terminal import Cost, Tmux, find_process, launch_times, quiet_cost

START_TEXT = "Press Enter to start"
REST_TEXT = "REST BETWEEN SETS"
REST_INDEX = 4  # get ready, reps, rest between sides, reps, rest between sets
REST_SECONDS = 60
SERVE_IDLE = "--serve-idle"
HAMTIMER = Path(sys.executable).with_name("hamtimer")


# ------------------------------------------------------------------ the real terminal


def app_command(data_dir: Path) -> str:
    """The shell command of a session: hamtimer with no sound and temp folders.

    Textual draws on stderr, so nothing is redirected: the pane is the terminal.
    """
    env = f"TERM=xterm-256color HAMTIMER_CONFIG_DIR={shlex.quote(str(data_dir))}"
    args = f"--sound off --data-dir {shlex.quote(str(data_dir))}"
    return f"env {env} {shlex.quote(str(HAMTIMER))} {args}"


def import_ms(module: str) -> float:
    """How long a fresh interpreter takes to import `module`: the floor of the launch."""
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(done.stdout) * 1e3


def reach_rest(tmux: Tmux, name: str) -> None:
    """Enter, then `n` four times, each key only once the screen has taken the last one.

    Keys typed before the workout screen is up would go to the start screen and be lost.
    """
    tmux.wait_for(name, START_TEXT)
    tmux.keys(name, "Enter")
    tmux.wait_for(name, "step 1 of")
    for index in range(1, REST_INDEX + 1):
        tmux.keys(name, "n")
        tmux.wait_for(name, f"step {index + 1} of")
    tmux.wait_for(name, REST_TEXT)


def rest_cost(tmux: Tmux, seconds: float, data_dir: Path) -> tuple[Cost, str]:
    """CPU and memory of the app through `seconds` of the 60 s rest; the screen after."""
    name = "rest"
    tmux.start(name, app_command(data_dir))
    try:
        reach_rest(tmux, name)
        pid = find_process(tmux.pane_pid(name), "hamtimer")
        cost = quiet_cost(tmux, pid, seconds)
        return cost, tmux.capture(name)
    finally:
        tmux.end(name, "hamtimer")


def idle_command() -> str:
    """The shell command of a Textual app that only shows one line: Textual's floor."""
    script = shlex.quote(str(Path(__file__).resolve()))
    return f"env TERM=xterm-256color {shlex.quote(sys.executable)} {script} {SERVE_IDLE}"


def idle_cost(tmux: Tmux, seconds: float) -> Cost:
    """The rest's measure for the idle Textual app."""
    name = "idle"
    tmux.start(name, idle_command())
    try:
        tmux.wait_for(name, "idle Textual")
        pid = find_process(tmux.pane_pid(name), SERVE_IDLE)
        return quiet_cost(tmux, pid, seconds)
    finally:
        tmux.end(name, SERVE_IDLE)


def serve_idle() -> None:
    """Run the idle baseline app (in its own tmux pane)."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Idle(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("idle Textual baseline")

    Idle().run()


# ------------------------------------------------------------------ in-process boundaries


@dataclass
class Shown:
    """One call of `WorkoutScreen.show`: when, what the big digits said, which step."""

    at: float
    big: str
    index: int
    remaining: float | None


@dataclass
class Record:
    """Every show and every paint of the big digits during the run."""

    shows: list[Shown] = field(default_factory=list)
    paints: list[tuple[float, str]] = field(default_factory=list)


@contextlib.contextmanager
def recording(record: Record) -> Iterator[None]:
    """Wrap `WorkoutScreen.show` and `BigTime.render` to note times; restore them after.

    `show` is when the app decides what to draw; `render` is when Textual paints the digits.
    """
    from hamtimer.tui.screens.workout import WorkoutScreen
    from hamtimer.tui.view import View
    from hamtimer.tui.widgets import BigTime

    show, render = WorkoutScreen.show, BigTime.render

    def noting_show(screen: WorkoutScreen, view: View) -> None:
        snap = screen.workout.snapshot()  # MonotonicClock: snap.now is time.monotonic()
        record.shows.append(Shown(snap.now, view.big, snap.index, snap.step_remaining))
        show(screen, view)

    def noting_render(widget: BigTime) -> Any:
        if not record.paints or record.paints[-1][1] != widget.text:
            record.paints.append((time.monotonic(), widget.text))
        return render(widget)

    WorkoutScreen.show = noting_show  # type: ignore[method-assign]
    BigTime.render = noting_render  # type: ignore[method-assign]
    try:
        yield
    finally:
        WorkoutScreen.show, BigTime.render = show, render  # type: ignore[method-assign]


@dataclass
class Boundaries:
    """The rest as the app showed it, against the engine's deadline."""

    deadline: float
    end: float
    shows: list[Shown]
    paints: list[tuple[float, str]]

    def changes(self) -> list[Shown]:
        """Shows inside the rest that changed the big digits (the first one included)."""
        found: list[Shown] = []
        inside = [s for s in self.shows if s.index == REST_INDEX and s.at <= self.end]
        for shown in inside:
            if not found or found[-1].big != shown.big:
                found.append(shown)
        return found

    def expected(self) -> list[int]:
        """The whole seconds whose boundary fell inside the measured window: 59, 58, …"""
        return [k for k in range(REST_SECONDS - 1, 0, -1) if self.deadline - k <= self.end]

    def lateness(self, times: Sequence[tuple[float, str]]) -> list[float]:
        """Seconds from each second's true boundary (deadline − k) to when it appeared.

        Only times inside the rest count: the rest between sides showed 0:30 too.
        """
        from hamtimer.plan import format_duration

        began = self.deadline - REST_SECONDS
        boundary = {format_duration(k): self.deadline - k for k in self.expected()}
        inside = [(at, big) for at, big in times if began <= at <= self.end and big in boundary]
        return [at - boundary[big] for at, big in inside]

    def problems(self) -> list[str]:
        """Seconds skipped, doubled or out of order; empty when each showed exactly once."""
        from hamtimer.plan import format_duration

        want = [format_duration(k) for k in self.expected()]
        got = [shown.big for shown in self.changes()[1:]]  # [0] is the rest's first 1:00
        issues = [f"skipped {big}" for big in want if big not in got]
        issues += [f"doubled {big}" for big in sorted(set(got)) if got.count(big) > 1]
        issues += [f"unexpected {big}" for big in got if big not in want]
        if not issues and got != want:
            issues.append(f"out of order: {got}")
        return issues + self.deadline_moves()

    def deadline_moves(self) -> list[str]:
        """Shows whose own reading (now + step_remaining) disagrees with the deadline by 1 ms+."""
        return [
            f"deadline moved by {(s.at + s.remaining - self.deadline) * 1e3:+.1f} ms at {s.big}"
            for s in self.shows
            if s.index == REST_INDEX
            and s.remaining is not None
            and abs(s.at + s.remaining - self.deadline) > 1e-3
        ]


async def run_boundaries(seconds: float) -> Boundaries:
    """Headless app on the real clock: reach the 60 s rest, then time `seconds` of it."""
    from hamtimer.circuit import open_circuit
    from hamtimer.clock import MonotonicClock
    from hamtimer.session import WorkoutSession
    from hamtimer.tui.app import HamtimerApp
    from hamtimer.tui.screens.workout import WorkoutScreen

    found, circuit = open_circuit(None)
    session = WorkoutSession(found, circuit, store=None, clock=MonotonicClock())
    app = HamtimerApp(session, sound=None)
    record = Record()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        with recording(record):
            await pilot.press(*["n"] * REST_INDEX)
            screen, workout = app.screen, session.workout
            assert isinstance(screen, WorkoutScreen) and workout is not None
            snap = workout.snapshot()
            if snap.index != REST_INDEX or snap.step_remaining is None:
                raise RuntimeError(f"not in the rest between sets: step {snap.index}")
            deadline = snap.now + snap.step_remaining
            end = deadline - (REST_SECONDS - seconds) + 0.5
            await asyncio.sleep(max(0.0, end - time.monotonic()))
        await pilot.press("q", "y")
    return Boundaries(deadline, end, record.shows, record.paints)


# ------------------------------------------------------------------ report


def machine() -> list[str]:
    """The machine, so the figures can be compared with others."""
    import textual

    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    return [
        f"machine: nproc {len(os.sched_getaffinity(0))} · "
        f"{platform.system()} {platform.release()} · Python {platform.python_version()} · "
        f"textual {textual.__version__}",
        f"load average before: {load}",
        code_state(),
    ]


def code_state() -> str:
    """The commit measured, and any uncommitted app files (others edit this checkout too)."""
    root = Path(__file__).resolve().parent.parent

    def git(*args: str) -> str:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)
        return done.stdout.strip()

    dirty = git("status", "--porcelain", "--", "hamtimer").splitlines()
    changed = ", ".join(line.split(maxsplit=1)[1] for line in dirty) or "none"
    return f"code: {git('rev-parse', '--short', 'HEAD')} · uncommitted in hamtimer/: {changed}"


def ms_stats(values: Sequence[float]) -> str:
    """Median, p99, max and min of a list of seconds, in ms."""
    if not values:
        return "no samples"
    p99 = (
        statistics.quantiles(values, n=100, method="inclusive")[98]
        if len(values) > 1
        else values[0]
    )
    return (
        f"median {statistics.median(values) * 1e3:.1f} · p99 {p99 * 1e3:.1f} · "
        f"max {max(values) * 1e3:.1f} · min {min(values) * 1e3:.1f} ms (n={len(values)})"
    )


def launch_line(label: str, times: Sequence[float]) -> str:
    """Median and max of the launch times, and each of them."""
    each = ", ".join(f"{t * 1e3:.0f}" for t in times)
    return (
        f"{label}: median {statistics.median(times) * 1e3:.0f} ms · "
        f"max {max(times) * 1e3:.0f} ms (n={len(times)}: {each})"
    )


def cost_line(label: str, cost: Cost) -> str:
    """One line of CPU and memory."""
    return (
        f"{label}: CPU {cost.percent:.2f}% of one core ({cost.cpu:.2f} s over "
        f"{cost.seconds:.1f} s) · peak RSS (VmHWM) {cost.peak_mb:.1f} MB · "
        f"RSS now {cost.rss_mb:.1f} MB · event loop woke {cost.wakes / cost.seconds:.1f}/s · "
        f"tmux server {cost.tmux_percent:.2f}%"
    )


def boundary_lines(result: Boundaries, seconds: float) -> list[str]:
    """The lateness of each shown second and whether each showed exactly once."""
    window = [s for s in result.shows if result.end - seconds <= s.at <= result.end]
    decided = [(s.at, s.big) for s in result.changes()[1:]]
    problems = result.problems()
    return [
        f"second shown late by (show): {ms_stats(result.lateness(decided))}",
        f"second painted late by (render): {ms_stats(result.lateness(result.paints))}",
        f"skipped/doubled: {', '.join(problems) if problems else 'none'}"
        f" (0:{REST_SECONDS - 1} down to 0:{REST_SECONDS - len(result.expected()):02d})",
        f"show calls in the last {seconds:.0f} s: {len(window)} ({len(window) / seconds:.2f}/s)",
    ]


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line; both windows must fit inside the 60 s rest."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--launches", type=int, default=5, help="launch runs (default 5)")
    parser.add_argument(
        "--rest-seconds", type=float, default=55, help="CPU window inside the 60 s rest"
    )
    parser.add_argument(
        "--boundary-seconds", type=float, default=30, help="seconds of the rest to time (≤ 58)"
    )
    parser.add_argument(
        "--baseline-seconds", type=float, default=20, help="idle Textual window; 0 skips it"
    )
    parser.add_argument(SERVE_IDLE, action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not 1 <= args.boundary_seconds <= REST_SECONDS - 2:
        parser.error(f"--boundary-seconds must be between 1 and {REST_SECONDS - 2}")
    if not 1 <= args.rest_seconds <= REST_SECONDS - 3:
        parser.error(f"--rest-seconds must be between 1 and {REST_SECONDS - 3}")
    return args


def terminal_lines(args: argparse.Namespace, tmux: Tmux, folder: Path) -> list[str]:
    """Launch, rest CPU and memory, and the idle baseline, in tmux."""
    command = app_command(folder / "launch")
    launches = launch_times(tmux, args.launches, command, START_TEXT, "hamtimer")
    lines = [launch_line("first frame (hamtimer)", launches)]
    lines.append(
        f"imports in a fresh python: hamtimer.cli {import_ms('hamtimer.cli'):.0f} ms · "
        f"hamtimer.tui.app {import_ms('hamtimer.tui.app'):.0f} ms · "
        f"textual.app {import_ms('textual.app'):.0f} ms"
    )
    cost, screen = rest_cost(tmux, args.rest_seconds, folder / "rest")
    lines.append(cost_line("60 s rest (hamtimer)", cost))
    if REST_TEXT not in screen:
        lines.append(f"WARNING: after the window the screen no longer shows {REST_TEXT!r}")
    if args.baseline_seconds > 0:
        idle = launch_times(tmux, args.launches, idle_command(), "idle Textual", SERVE_IDLE)
        lines.append(launch_line("first frame (idle Textual baseline)", idle))
        lines.append(cost_line("idle Textual baseline", idle_cost(tmux, args.baseline_seconds)))
    hung = "; ".join(tmux.hung) if tmux.hung else "none"
    lines.append(f"apps still running 3 s after their terminal closed: {hung} (of {tmux.ended})")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """Run the three measurements and print one compact block."""
    args = parse(argv)
    if args.serve_idle:
        serve_idle()
        return 0
    lines = machine()
    with tempfile.TemporaryDirectory(prefix="hamtimer-bench-") as temp:
        folder = Path(temp)
        os.environ["HAMTIMER_CONFIG_DIR"] = str(folder / "config")
        tmux = Tmux()
        try:
            lines += terminal_lines(args, tmux, folder)
        finally:
            tmux.close()
        result = asyncio.run(run_boundaries(args.boundary_seconds))
    lines += boundary_lines(result, args.boundary_seconds)
    lines.append("load average after: " + " ".join(f"{v:.2f}" for v in os.getloadavg()))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
