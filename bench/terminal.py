"""A real terminal for the benchmarks: tmux on a private socket, and what /proc says of a process.

Shared by `tui.py` (the timer screen's costs) and `startup.py` (hamtimer against a bare
Textual floor). Everything runs on a private tmux socket, so nothing of the user's (or of
other sessions on the machine) is touched.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

POLL = 0.005


class Tmux:
    """tmux on a private socket, so the bench never sees or kills anyone else's sessions.

    A keeper session holds the server up, so the launch figure is the app's own start-up and
    not tmux's.
    """

    def __init__(self) -> None:
        self.socket = f"hamtimer-bench-{os.getpid()}"
        self.run("new-session", "-d", "-s", "keep", "sleep 86400")
        self.ended = 0
        self.hung: list[str] = []  # apps still alive after their terminal closed

    def run(self, *args: str) -> str:
        """One tmux command; its stdout."""
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True
        )
        return done.stdout

    def start(self, name: str, command: str) -> None:
        """A detached 80×24 session running `command` (its stderr goes to the pane)."""
        self.run("new-session", "-d", "-s", name, "-x", "80", "-y", "24", command)

    def capture(self, name: str) -> str:
        """The text on the session's screen (this makes tmux and the app do work)."""
        return self.run("capture-pane", "-p", "-t", name)

    def wait_for(self, name: str, text: str, timeout: float = 10.0) -> float:
        """Poll the screen every few ms until `text` shows; the perf_counter of that moment."""
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            if text in self.capture(name):
                return time.perf_counter()
            time.sleep(POLL)
        screen = self.capture(name)
        raise RuntimeError(f"{text!r} never appeared on {name}; the screen was:\n{screen}")

    def keys(self, name: str, *keys: str) -> None:
        """Type keys into the session."""
        self.run("send-keys", "-t", name, *keys)

    def pane_pid(self, name: str) -> int:
        """The pid of the command the pane runs (a shell or the app itself)."""
        return int(self.run("list-panes", "-t", name, "-F", "#{pane_pid}").split()[0])

    def server_pid(self) -> int:
        """The tmux server's pid, to see what drawing costs tmux."""
        return int(self.run("display-message", "-p", "-t", "keep", "#{pid}").strip())

    def end(self, name: str, needle: str, grace: float = 3.0) -> None:
        """Close one session's terminal and check that its app exits, as it must on SIGHUP.

        An app still running after `grace` seconds is noted in `hung` and killed (SIGKILL,
        by pid: it is this bench's own process), so no orphan is left behind.
        """
        try:
            pid = find_process(self.pane_pid(name), needle)
        except (RuntimeError, subprocess.CalledProcessError):
            pid = 0  # the app is already gone: only the session is left to close
        with contextlib.suppress(subprocess.CalledProcessError):
            self.run("kill-session", "-t", name)
        self.ended += 1
        end = time.monotonic() + grace
        while pid and time.monotonic() < end and needle in cmdline(pid):
            time.sleep(0.05)
        if pid and needle in cmdline(pid):
            self.hung.append(f"{name} (pid {pid}: {thread_stacks_hint(pid)})")
            with contextlib.suppress(ProcessLookupError):  # it ended just now after all
                os.kill(pid, signal.SIGKILL)

    def close(self) -> None:
        """End this bench's tmux server and everything in it, and remove its socket file."""
        with contextlib.suppress(subprocess.CalledProcessError):
            socket = Path(self.run("display-message", "-p", "-t", "keep", "#{socket_path}").strip())
            self.run("kill-server")
            socket.unlink(missing_ok=True)


def thread_stacks_hint(pid: int) -> str:
    """What a hung process's threads wait on (kernel wait channels), as evidence."""
    channels = []
    for task in sorted(Path(f"/proc/{pid}/task").iterdir()):
        with contextlib.suppress(OSError):
            channels.append((task / "wchan").read_text() or "running")
    return f"{len(channels)} threads in {', '.join(sorted(set(channels)))}"


def cmdline(pid: int) -> str:
    """A process's command line, or '' when it is gone."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def children(pid: int) -> list[int]:
    """The direct children of a process, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, IndexError, ValueError):
            stat = (entry / "stat").read_text()
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def find_process(root: int, needle: str) -> int:
    """The python process at or under `root` whose command line contains `needle`.

    Only python counts: a shell or `env` in between has `needle` in its command line too.
    """
    queue = [root]
    while queue:
        pid = queue.pop(0)
        words = cmdline(pid).split()
        if words and "python" in Path(words[0]).name and needle in cmdline(pid):
            return pid
        queue.extend(children(pid))
    raise RuntimeError(f"no process under {root} runs {needle!r}")


def thread_times(pid: int) -> dict[str, int]:
    """CPU time of each thread of a process, in ns: the scheduler's own count
    (/proc/PID/task/TID/schedstat). utime and stime count in clock ticks of 10 ms, and at
    half a percent of a core a 10 s window is 5 ticks: one tick more or less moved a ratio by
    0.2×. A thread that ends leaves the list, and its time with it."""
    times = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(FileNotFoundError, ProcessLookupError):  # a thread just ended
            times[task.name] = int((task / "schedstat").read_text().split()[0])
    return times


def cpu_between(before: dict[str, int], after: dict[str, int]) -> float:
    """CPU seconds used between two `thread_times`: a thread begun meanwhile counts whole,
    one ended meanwhile not at all (none comes or goes while a timer rests)."""
    return sum(ns - before.get(thread, 0) for thread, ns in after.items()) / 1e9


def main_thread_wakes(pid: int) -> int:
    """Voluntary context switches of the main thread: how often the event loop slept."""
    for line in Path(f"/proc/{pid}/task/{pid}/status").read_text().splitlines():
        if line.startswith("voluntary_ctxt_switches:"):
            return int(line.split()[1])
    raise RuntimeError(f"no context switches for {pid}")


def status_mb(pid: int, key: str) -> float:
    """A memory line of /proc/PID/status (VmHWM, VmRSS) in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{key}:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {key} for {pid}")


@dataclass
class Cost:
    """CPU and memory of one process over a quiet interval."""

    seconds: float
    cpu: float  # CPU seconds used over the interval
    peak_mb: float
    rss_mb: float
    tmux_cpu: float  # what the tmux server used over the same interval
    wakes: int  # times the main thread (the event loop) went to sleep and woke again

    @property
    def percent(self) -> float:
        """CPU as a percentage of one core."""
        return 100 * self.cpu / self.seconds

    @property
    def tmux_percent(self) -> float:
        """The tmux server's CPU as a percentage of one core."""
        return 100 * self.tmux_cpu / self.seconds


def quiet_cost(tmux: Tmux, pid: int, seconds: float) -> Cost:
    """CPU of `pid` and of the tmux server over `seconds`, touching neither meanwhile."""
    return quiet_costs(tmux, [pid], seconds)[0]


def quiet_costs(tmux: Tmux, pids: list[int], seconds: float) -> list[Cost]:
    """`quiet_cost` of several processes over the same `seconds`: on a shared machine, the
    programs compared then see the same load."""
    server = tmux.server_pid()
    start_wall, start_tmux = time.monotonic(), thread_times(server)
    start = [(thread_times(pid), main_thread_wakes(pid)) for pid in pids]
    time.sleep(seconds)
    wall, tmux_cpu = time.monotonic() - start_wall, cpu_between(start_tmux, thread_times(server))
    return [
        Cost(
            seconds=wall,
            cpu=cpu_between(cpu, thread_times(pid)),
            peak_mb=status_mb(pid, "VmHWM"),
            rss_mb=status_mb(pid, "VmRSS"),
            tmux_cpu=tmux_cpu,
            wakes=main_thread_wakes(pid) - wakes,
        )
        for pid, (cpu, wakes) in zip(pids, start, strict=True)
    ]


def launch_times(tmux: Tmux, runs: int, command: str, text: str, needle: str) -> list[float]:
    """Seconds from just before `tmux new-session` to `text` on screen, `runs` times.

    The terminal is closed as soon as the text shows, as a runner closing the window would.
    """
    times = []
    for run in range(runs):
        name = f"launch-{needle.strip('-').replace('.', '-')}-{run}"  # a dot names a pane
        began = time.perf_counter()
        tmux.start(name, command)
        times.append(tmux.wait_for(name, text) - began)
        tmux.end(name, needle)  # waits until the app has exited
    return times
