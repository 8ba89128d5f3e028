"""The real `hamtimer` command in a real terminal (tmux): kills, hang-ups and resuming.

These need tmux. Where CI runs (env CI set) a missing tmux fails the test instead of
skipping it, so CI can never pass without running them.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from hamtimer.circuit import circuit_hash
from hamtimer.folders import bundled_dir
from hamtimer.history import HistoryStore

if shutil.which("tmux") is None:
    if os.environ.get("CI"):
        pytest.fail("tmux is required in CI for the terminal tests", pytrace=False)
    pytest.skip("tmux is not installed", allow_module_level=True)

HAMTIMER = [sys.executable, "-m", "hamtimer"]
TMUX = ["tmux", "-L", f"hamtimer-tests-{os.getpid()}"]
"""tmux on a server of this test run's own: no other tmux user can end its sessions."""


class Terminal:
    """One tmux session running hamtimer at 80×24."""

    def __init__(self, data: Path, config: Path) -> None:
        self.name = f"hamtimer-test-{uuid.uuid4().hex[:8]}"
        self.data, self.config = data, config
        self.exit_file = data.parent / f"{self.name}.exit"

    def start(self, *arguments: str) -> None:
        command = " ".join(
            [
                f"TERM=xterm-256color HAMTIMER_CONFIG_DIR={self.config}",
                *HAMTIMER,
                *arguments,
                f"--sound off --data-dir {self.data};",
                f"echo $? > {self.exit_file}; sleep 60",
            ]
        )
        self.open(command)

    def open(self, command: str, width: int = 80) -> None:
        """Run `command` in a new session `width` columns wide and 24 rows high (tried three
        times: a tmux server starting while another test's exits can fail to start)."""
        for _ in range(3):
            size = ["-x", str(width), "-y", "24"]
            started = subprocess.run(
                [*TMUX, "new-session", "-d", "-s", self.name, *size, command],
                capture_output=True,
                text=True,
            )
            if started.returncode == 0:
                return
            time.sleep(0.5)
        raise AssertionError(f"tmux could not start: {started.stderr.strip()}")

    def screen(self) -> str:
        done = subprocess.run(
            [*TMUX, "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        )
        return done.stdout

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{text!r} never appeared; screen:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        for key in keys:
            subprocess.run([*TMUX, "send-keys", "-t", self.name, key], check=True)
            time.sleep(0.15)

    def app_pid(self) -> int:
        shell = subprocess.run(
            [*TMUX, "list-panes", "-t", self.name, "-F", "#{pane_pid}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()[0]
        children = subprocess.run(
            ["pgrep", "-P", shell], capture_output=True, text=True, check=False
        ).stdout.split()
        for pid in [shell, *children]:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            if b"hamtimer" in cmdline and b"sleep" not in cmdline:
                return int(pid)
        raise AssertionError("hamtimer process not found")

    def exit_code(self, timeout: float = 10.0) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.exit_file.exists() and self.exit_file.read_text().strip():
                return int(self.exit_file.read_text())
            time.sleep(0.05)
        raise AssertionError(f"hamtimer did not exit; screen:\n{self.screen()}")

    def close(self) -> None:
        subprocess.run([*TMUX, "kill-session", "-t", self.name], capture_output=True)


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    return tmp_path / "data", tmp_path / "config"


@pytest.fixture
def terminal(folders: tuple[Path, Path]) -> Iterator[Terminal]:
    term = Terminal(*folders)
    yield term
    term.close()


def checkpoint_index(data: Path) -> int | None:
    """Where the saved workout in progress stands (the app may still be running it)."""
    store = HistoryStore(data)
    found = store.in_progress(circuit_hash(bundled_dir("circuits") / "hamstring.toml"))
    store.close()
    return found[0].current_index if found else None


def into_the_first_rest(terminal: Terminal) -> None:
    terminal.start()
    terminal.wait_for("Press Enter to start")
    terminal.keys("Enter")
    terminal.wait_for("GET READY")
    terminal.keys("n")
    terminal.wait_for("5 reps — Enter when done")
    time.sleep(0.5)  # a done within 0.3 s of a step's start is taken for a double tap
    terminal.keys("Enter")
    terminal.wait_for("REST BETWEEN SIDES")


def test_killed_mid_workout_then_offered_to_resume_at_that_step(
    terminal: Terminal, folders: tuple[Path, Path]
) -> None:
    into_the_first_rest(terminal)
    deadline = time.monotonic() + 5
    while checkpoint_index(folders[0]) != 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(terminal.app_pid(), signal.SIGKILL)
    assert terminal.exit_code() == 128 + signal.SIGKILL
    terminal.close()

    again = Terminal(*folders)
    try:
        again.start()
        again.wait_for("resume your unfinished workout at step 3")
        again.keys("r")
        screen = again.wait_for("REST BETWEEN SIDES")
        assert "next: set 1 of 3" in screen  # the next step's set; its side and reps are
        assert "Jump straight up from a long split stance" in screen  # large, and its cue
    finally:
        again.close()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_terminate_or_hang_up_saves_and_exits_cleanly(
    terminal: Terminal, folders: tuple[Path, Path], signum: int
) -> None:
    into_the_first_rest(terminal)
    os.kill(terminal.app_pid(), signum)
    assert terminal.exit_code() == 0
    assert checkpoint_index(folders[0]) == 2, "kept for resuming"
    assert "REST BETWEEN SIDES" not in terminal.screen(), "the terminal is given back"


def test_ctrl_z_suspends_paused_and_stays_paused_after_fg(folders: tuple[Path, Path]) -> None:
    data, config = folders
    term = Terminal(data, config)
    term.open("env TERM=xterm-256color PS1='$ ' bash --norc --noprofile -i")
    try:
        term.wait_for("$")
        command = " ".join(
            [f"HAMTIMER_CONFIG_DIR={config}", *HAMTIMER, f"--sound off --data-dir {data}"]
        )
        subprocess.run([*TMUX, "send-keys", "-t", term.name, command, "Enter"], check=True)
        term.wait_for("Press Enter to start")
        term.keys("Enter")
        term.wait_for("GET READY")
        term.keys("C-z")
        term.wait_for("Stopped")
        assert checkpoint_index(data) == 0, "saved before stopping"
        time.sleep(1.5)
        term.keys("fg", "Enter")
        screen = term.wait_for("PAUSED")
        assert "· 0:00 done" in screen, "no workout time passed while suspended"
        term.keys("space")
        term.wait_for("GET READY")
    finally:
        term.close()


@pytest.mark.parametrize("attempt", range(2))
def test_closing_the_terminal_never_leaves_hamtimer_running(
    terminal: Terminal, folders: tuple[Path, Path], attempt: int
) -> None:
    terminal.start()
    terminal.wait_for("Press Enter to start")
    if attempt % 2:
        terminal.keys("Enter")
        terminal.wait_for("GET READY")
    pid = terminal.app_pid()
    terminal.close()  # the window closes: SIGHUP, then the terminal is gone
    deadline = time.monotonic() + 8
    while time.monotonic() < deadline and Path(f"/proc/{pid}").exists():
        stat = Path(f"/proc/{pid}/stat").read_text() if Path(f"/proc/{pid}/stat").exists() else ""
        if stat.split(") ")[-1].startswith("Z"):
            break  # exited, waiting to be reaped
        time.sleep(0.05)
    alive = Path(f"/proc/{pid}").exists() and not Path(f"/proc/{pid}/stat").read_text().split(") ")[
        -1
    ].startswith("Z")
    if alive:
        os.kill(pid, signal.SIGKILL)
    assert not alive, "hamtimer outlived its terminal"
    if attempt % 2:
        assert checkpoint_index(folders[0]) == 0, "the workout was kept for resuming"


def test_speed_makes_the_real_command_run_faster(terminal: Terminal) -> None:
    """--speed 20: the 10 s get-ready is over in about half a second, and the screen says why."""
    terminal.start("--speed 20")
    terminal.wait_for("Press Enter to start")
    terminal.keys("Enter")
    began = time.monotonic()
    screen = terminal.wait_for("5 reps — Enter when done", timeout=5)
    assert time.monotonic() - began < 5, "at real speed this takes 10 s"
    assert "REHEARSAL ×20" in screen


SHORT = """
name = "Two minute test"
[timing]
get_ready = 3
[[blocks]]
name = "Only"
sets = 2
rest_between_sets = 20
[[blocks.exercises]]
name = "Wall sit"
kind = "isometric"
seconds = 40
"""


def test_two_hamtimers_at_once_both_finish_and_both_are_recorded(
    folders: tuple[Path, Path], tmp_path: Path
) -> None:
    circuit = tmp_path / "short.toml"
    circuit.write_text(SHORT, encoding="utf-8")
    first, second = Terminal(*folders), Terminal(*folders)
    try:
        for term in (first, second):
            term.start(str(circuit), "--speed 10")
            term.wait_for("Press Enter to start")
        for term in (first, second):
            term.keys("Enter")
        for term in (first, second):
            term.wait_for("Workout finished!", timeout=30)
            term.keys("q")
            assert term.exit_code() == 0
    finally:
        first.close()
        second.close()
    store = HistoryStore(folders[0])
    records = store.workouts()
    assert len(records) == 2 and records[0].id != records[1].id
    assert all(r.outcome == "finished" and r.completed == 4 and r.rehearsal for r in records)
    assert store.interrupted() == []
