"""The real command in a real terminal (tmux), treated roughly: SIGINT, SIGQUIT, a crash, and
a circuit whose names are escape sequences. Whatever happens, the terminal is given back
(no alternate screen, no mouse reporting, the cursor shown) and the workout is kept.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.tui.test_terminal import TMUX, Terminal, checkpoint_index, into_the_first_rest

FILES = Path(__file__).resolve().parent / "files"
REPO = FILES.parent.parent.parent


def modes(terminal: Terminal) -> str:
    """The pane's state as tmux sees it: alternate screen, mouse reporting, cursor, title."""
    done = subprocess.run(
        [
            *TMUX,
            "display",
            "-p",
            "-t",
            terminal.name,
            "alt=#{alternate_on} mouse=#{mouse_any_flag} cursor=#{cursor_flag} title=#{pane_title}",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def given_back(terminal: Terminal) -> None:
    state = modes(terminal)
    assert "alt=0" in state and "mouse=0" in state and "cursor=1" in state, state


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    return tmp_path / "data", tmp_path / "config"


@pytest.fixture
def terminal(folders: tuple[Path, Path]) -> Iterator[Terminal]:
    term = Terminal(*folders)
    yield term
    term.close()


def test_sigint_saves_gives_the_terminal_back_and_exits_130(
    terminal: Terminal, folders: tuple[Path, Path]
) -> None:
    into_the_first_rest(terminal)
    os.kill(terminal.app_pid(), signal.SIGINT)
    assert terminal.exit_code() == 130
    assert checkpoint_index(folders[0]) == 2, "kept for resuming"
    given_back(terminal)


def test_sigquit_saves_and_gives_the_terminal_back(
    terminal: Terminal, folders: tuple[Path, Path]
) -> None:
    into_the_first_rest(terminal)
    os.kill(terminal.app_pid(), signal.SIGQUIT)
    assert terminal.exit_code() == 0
    assert checkpoint_index(folders[0]) == 2, "kept for resuming"
    given_back(terminal)
    assert "REST BETWEEN SIDES" not in terminal.screen()


def test_escape_sequences_in_names_never_reach_the_terminal(
    terminal: Terminal, folders: tuple[Path, Path]
) -> None:
    terminal.start(str(FILES / "escape-names.toml"))
    screen = terminal.wait_for("Press Enter to start")
    assert "Legs\\x1b]2;PWNED" in screen, "shown escaped"
    state = modes(terminal)
    assert "PWNED" not in state and "mouse=1" in state, "the title is ours, mouse as Textual set"
    terminal.keys("Enter")
    terminal.wait_for("GET READY")
    terminal.keys("n")
    screen = terminal.wait_for("WORK · ")  # the set itself: get-ready shows the name large
    assert "PWNED" not in modes(terminal)
    assert "Down\\x08\\x08\\x08\\x08Up\\u202eevil" in screen, "the cue, escaped"
    assert "Squat\\x9b2J\\x1b[5m" in screen, "the exercise's name too"


CRASHING = """
import sys
from hamtimer.cli import main
from hamtimer.tui.screens.workout import WorkoutScreen

def skip(self):
    raise RuntimeError("a bug in skip, put there by the test")

WorkoutScreen.action_skip = skip
sys.exit(main())
"""


def test_a_crash_gives_the_terminal_back_keeps_the_workout_and_says_where_the_details_are(
    terminal: Terminal, folders: tuple[Path, Path], tmp_path: Path
) -> None:
    data, config = folders
    script = tmp_path / "crashing.py"
    script.write_text(CRASHING, encoding="utf-8")
    command = (
        f"TERM=xterm-256color HAMTIMER_CONFIG_DIR={config} PYTHONPATH={REPO} "
        f"{sys.executable} {script} "
        f"--sound off --data-dir {data}; echo $? > {terminal.exit_file}; sleep 60"
    )
    terminal.open(command, width=120)
    terminal.wait_for("Press Enter to start")
    terminal.keys("Enter")
    terminal.wait_for("GET READY")
    terminal.keys("n")
    assert terminal.exit_code() == 1
    screen = " ".join(terminal.screen().split())
    given_back(terminal)
    assert "Traceback" not in screen
    assert (
        "hamtimer: unexpected error (RuntimeError: a bug in skip, put there by the test)" in screen
    )
    [report] = data.glob("crash-*.txt")
    assert str(report) in screen.replace(" ", "") or report.name in screen
    details = report.read_text(encoding="utf-8")
    assert "Traceback" in details and "a bug in skip" in details
    assert checkpoint_index(data) == 0, "kept for resuming at the step it was on"
