"""The hostile corpus: every file and environment from issue 15, through the real command.

Each case is a file (in `files/`, or made by the test: FIFOs, devices, symlink loops, files
too large to keep in the repository) or an environment (no terminal, a dumb one, an ASCII
or Latin-1 locale, a full disk, a closed pipe), the command a runner would type, the exit
code it must end with and the words it must say. Every run is a real `python -m hamtimer`
in a subprocess, killed as hung after 20 s and limited to 1 GiB of memory; none may print
a traceback.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from hamtimer.history import HistoryStore, Outcome, WorkoutRecord
from hamtimer.plan import Plan
from tests.history_fakes import fake_records
from tests.hostile.conftest import Ran, environment, hamtimer, in_a_terminal

FILES = Path(__file__).resolve().parent / "files"
ESC = "\x1b"


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _loop(path: Path) -> None:
    path.symlink_to(path.name)


def _huge(path: Path) -> None:
    path.write_text("# padding\n" * 30_000, encoding="utf-8")  # 300 KB of comments


def _dotted_key(path: Path) -> None:
    path.write_text("a." * 16_000 + "b = 1\n", encoding="utf-8")  # 4.6 s and 1 GB before


def _deep_header(path: Path) -> None:
    header = "[" + ".".join(["a"] * 20_000) + "]\n"  # 25 s before
    path.write_text(header + "".join(f"b.c{i} = 1\n" for i in range(5000)), encoding="utf-8")


def _folder(path: Path) -> None:
    path.mkdir()


def _sparse(path: Path) -> None:
    with path.open("wb") as file:
        file.truncate(65 * 1024 * 1024)  # 65 MiB that take no room on the disk


CHECKPOINT = "checkpoint-" + "ab" * 32 + ".json"  # a 0.1.0 checkpoint's name


@dataclass(frozen=True)
class Case:
    """One hostile input: set up `made` (or use a file of `files/`), run, expect."""

    id: str
    argv: tuple[str, ...]
    code: int
    says: tuple[str, ...]
    make: Callable[[Path], None] | None = None
    made: str = "odd.toml"
    env: dict[str, str | None] = field(default_factory=dict)
    own: tuple[str, ...] = ()  # files of `files/` copied into the runner's circuits folder


def _c(name: str) -> str:
    return str(FILES / name)


CASES = [
    # ------------------------------------------------------------ files that are not files
    Case("fifo-check", ("check", "{made}"), 1, ("named pipe (FIFO)",), _fifo),
    Case("fifo-show", ("show", "{made}"), 2, ("named pipe (FIFO)",), _fifo),
    Case("fifo-run", ("{made}",), 2, ("named pipe (FIFO)",), _fifo),
    Case("dev-zero-check", ("check", "{made}"), 1, ("is a device",), _zero),
    Case("symlink-loop-check", ("check", "{made}"), 1, ("symlink loop",), _loop),
    Case("folder-check", ("check", "{made}"), 1, ("is a folder",), _folder),
    Case("huge-check", ("check", "{made}"), 1, ("over the 256 KiB limit",), _huge),
    Case(
        "fifo-in-circuits-folder",
        ("list",),
        0,
        ("skipped", "named pipe (FIFO)", "hamstring", "22:04"),
        _fifo,
        made="{own}/jam.toml",
    ),
    Case(
        "dev-zero-in-circuits-folder",
        ("list",),
        0,
        ("skipped", "is a device", "hamstring"),
        _zero,
        made="{own}/zero.toml",
    ),
    Case(
        "symlink-loop-in-circuits-folder",
        ("list",),
        0,
        ("skipped", "symlink loop", "hamstring"),
        _loop,
        made="{own}/loop.toml",
    ),
    Case(
        "fifo-picked-by-name",
        ("show", "jam"),
        2,
        ("named pipe (FIFO)",),
        _fifo,
        made="{own}/jam.toml",
    ),
    # ------------------------------------------------------------ TOML that costs too much
    Case("dotted-key", ("check", "{made}"), 1, ("more than 8 dotted parts",), _dotted_key),
    Case("deep-header", ("check", "{made}"), 1, ("more than 8 dotted parts",), _deep_header),
    Case("deep-arrays", ("check", _c("deep-arrays.toml")), 1, ("nested more than 16 deep",)),
    Case("deep-inline", ("check", _c("deep-inline.toml")), 1, ("nested more than 16 deep",)),
    Case("too-many-steps-check", ("check", _c("too-many-steps.toml")), 1, ("2,000 steps",)),
    Case("too-many-steps-show", ("show", _c("too-many-steps.toml")), 2, ("2,000 steps",)),
    Case("too-many-steps-run", (_c("too-many-steps.toml"),), 2, ("2,000 steps",)),
    Case(
        "too-many-steps-list",
        ("list",),
        0,
        ("invalid", "2,000", "hamstring"),  # the table wraps its words as the columns allow
        own=("too-many-steps.toml",),
    ),
    # ------------------------------------------------------------ the small ones
    Case("bom", ("check", _c("bom.toml")), 0, ("ok — Quick legs",)),
    Case(
        "bool-seconds",
        ("check", _c("bool-seconds.toml")),
        1,
        (':8:1: exercise "Squat" (block "Only"): seconds must be a number above 0, not true',),
    ),
    Case(
        "bool-sets",
        ("check", _c("bool-sets.toml")),
        1,
        (':4:1: block "Only": sets must be a whole number above 0, not true',),
    ),
    Case(
        "string-reps",
        ("check", _c("string-reps.toml")),
        1,
        ('reps must be a whole number above 0, not "10"; write reps = 10',),
    ),
    Case(
        "string-fatigue",
        ("check", _c("string-fatigue.toml")),
        1,
        ('to_fatigue must be true or false, without quotes, not "yes"',),
    ),
    Case(
        "nan-seconds",
        ("check", _c("nan-seconds.toml")),
        1,
        ("seconds must be a number above 0, not nan",),
    ),
    Case(
        "inf-rest",
        ("check", _c("inf-rest.toml")),
        1,
        (':5:1: block "Only": rest_between_sets must be a number (0 or more), not inf',),
    ),
    Case("long-name", ("show", _c("long-name.toml")), 0, ("Very Very",)),
    # ------------------------------------------------------------ options and paths
    Case("speed-nan", ("--speed", "nan"), 2, ("--speed must be from 0.1 to 1000",)),
    Case("speed-inf", ("--speed", "inf"), 2, ("--speed must be",)),
    Case("speed-huge", ("--speed", "1e308"), 2, ("--speed must be",)),
    Case("speed-tiny", ("--speed", "0.01"), 2, ("--speed must be",)),
    Case("name-too-long", ("show", "a" * 300), 2, ("no circuit named",)),
    Case("path-too-long", ("show", "/tmp/" + "a" * 300 + ".toml"), 2, ("too long",)),
    Case("run-path-too-long", ("/tmp/" + "a" * 300 + ".toml",), 2, ("too long",)),
    Case("data-dir-too-long", ("history", "--data-dir", "/tmp/" + "d" * 300), 0, ("No workouts",)),
    # ------------------------------------------------------------ no terminal
    Case("run-without-a-terminal", (), 2, ("needs a terminal", "hamtimer show")),
    # ------------------------------------------------------------ the data folder
    Case(
        "database-is-a-fifo",
        ("history",),
        0,
        ("history.sqlite3: was a named pipe (FIFO)", "moved it aside", "No workouts"),
        _fifo,
        made="{data}/history.sqlite3",
    ),
    Case(
        "database-log-is-a-fifo",
        ("history",),
        0,
        ("history.sqlite3-wal: was a named pipe (FIFO)", "No workouts"),
        _fifo,
        made="{data}/history.sqlite3-wal",
    ),
    Case(
        "database-is-a-symlink-loop",
        ("history",),
        0,
        ("history.sqlite3: a symlink loop", "No workouts"),
        _loop,
        made="{data}/history.sqlite3",
    ),
    Case(
        "database-is-dev-zero",
        ("history",),
        0,
        ("history.sqlite3: was a device", "No workouts"),
        _zero,
        made="{data}/history.sqlite3",
    ),
    Case(
        "old-checkpoint-is-a-fifo",
        ("history",),
        0,
        ("No workouts",),
        _fifo,
        made="{data}/" + CHECKPOINT,
    ),
    Case(
        "old-history-is-a-fifo",
        ("history",),
        0,
        ("No workouts",),
        _fifo,
        made="{data}/history.jsonl",
    ),
    Case(
        "old-history-too-large",
        ("history",),
        0,
        ("history.jsonl: is 65 MiB, over the 64 MiB limit", "left as it is"),
        _sparse,
        made="{data}/history.jsonl",
    ),
]


def _run(case: Case, tmp_path: Path) -> Ran:
    own = tmp_path / "config" / "circuits"
    own.mkdir(parents=True)
    for name in case.own:
        (own / name).write_bytes((FILES / name).read_bytes())
    data = tmp_path / "data"
    data.mkdir()
    made = Path(case.made.replace("{own}", str(own)).replace("{data}", str(data)))
    if not made.is_absolute():
        made = tmp_path / made
    if case.make is not None:
        case.make(made)
    argv = [word.replace("{made}", str(made)) for word in case.argv]
    return hamtimer(*argv, env=environment(**case.env), cwd=tmp_path)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_corpus(case: Case, tmp_path: Path) -> None:
    ran = _run(case, tmp_path)
    assert "Traceback" not in ran.said, ran.said
    assert ran.code == case.code, ran.said
    for words in case.says:
        assert words in ran.said, ran.said
    if case.code:
        assert "hamtimer: " in ran.err or ": " in ran.err, "the problem is told on stderr"


# ------------------------------------------------------------------ names are data


@pytest.mark.parametrize(
    "argv",
    [
        ("check", "{file}"),
        ("show", "{file}"),
        ("show", "{file}", "--json"),
        ("list",),
    ],
    ids=["check", "show", "show-json", "list"],
)
@pytest.mark.parametrize("name", ["escape-names.toml", "markup-names.toml"])
def test_names_are_shown_as_written_never_obeyed(
    tmp_path: Path, argv: tuple[str, ...], name: str
) -> None:
    own = tmp_path / "config" / "circuits"
    own.mkdir(parents=True)
    (own / name).write_bytes((FILES / name).read_bytes())
    argv = tuple(word.replace("{file}", str(own / name)) for word in argv)
    ran = hamtimer(*argv, env=environment(COLUMNS="250"))
    assert ran.code == 0 and "Traceback" not in ran.said, ran.said
    assert ESC not in ran.said and "\x9b" not in ran.said and "\x07" not in ran.said
    assert "\r" not in ran.said and "\b" not in ran.said and "\u202e" not in ran.said
    if name == "escape-names.toml":
        escaped = "\\u001b" if "--json" in argv else "\\x1b"
        assert f"Legs{escaped}]2;PWNED" in ran.out
    elif "--json" not in argv:
        assert "[/] closes [bold red]nothing[/] [link=https://example.com]click[/link]" in ran.out


# ------------------------------------------------------------------ locales


@pytest.mark.parametrize(
    "locale",
    [
        {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": None},
        {"PYTHONIOENCODING": "latin-1"},
        {"PYTHONIOENCODING": "ascii"},
    ],
    ids=["C-locale", "latin-1", "ascii"],
)
@pytest.mark.parametrize(
    "argv",
    [("list",), ("show",), ("show", "--json"), ("check", "{file}"), ("history",), ("schema",)],
    ids=["list", "show", "show-json", "check", "history", "schema"],
)
def test_every_command_works_in_an_ascii_or_latin1_locale(
    tmp_path: Path,
    locale: dict[str, str | None],
    argv: tuple[str, ...],
    hamstring_plan: Plan,
    begun: WorkoutRecord,
) -> None:
    if argv[0] == "history":  # a workout with uneven holds: the table has ⚠, · and —
        records = fake_records(hamstring_plan, len(hamstring_plan), right=60.0, left=40.0)
        HistoryStore(tmp_path / "data").save(begun.ended(hamstring_plan, records, Outcome.FINISHED))
    circuit = tmp_path / "é.toml"
    circuit.write_text(
        (FILES / "bom.toml").read_text(encoding="utf-8-sig").replace("Squat", "Squat ↻ é"),
        encoding="utf-8",
    )
    ran = hamtimer(
        *(word.replace("{file}", str(circuit)) for word in argv),
        env=environment(COLUMNS="200", **locale),
    )
    assert ran.code == 0 and "Traceback" not in ran.said, ran.said
    if argv == ("show",):
        assert "Split stance jump - RIGHT leg forward - 5 reps" in ran.out, "plain stand-ins"
        assert "estimated 22:04" in ran.out
    if argv == ("history",):
        plain = ran.out.replace("\ufffd", "|").replace("·", "|")  # Latin-1 has a ·
        assert "48/48" in plain and "R 1:00 | L 0:40 (-33%) !" in plain


def test_the_timer_in_an_ascii_locale_says_how_to_fix_it(tmp_path: Path) -> None:
    env = environment(LC_ALL="C", LANG="C", PYTHONUTF8="0", PYTHONIOENCODING=None)
    code, screen = in_a_terminal(env=env)
    assert code == 2, screen
    assert "needs UTF-8" in screen and "LC_ALL=C.UTF-8 hamtimer" in screen
    assert "Traceback" not in screen


def test_the_timer_on_a_dumb_terminal_says_so(tmp_path: Path) -> None:
    code, screen = in_a_terminal(env=environment(TERM="dumb"))
    assert code == 2, screen
    assert "TERM=dumb" in screen and "hamtimer show" in screen


@pytest.mark.parametrize("closed", ["stdin", "stdout"])
def test_the_timer_without_a_terminal_exits_at_once(closed: str) -> None:
    main, side = os.openpty()
    try:
        streams = {"stdin": side, "stdout": side}
        streams[closed] = subprocess.DEVNULL
        ran = hamtimer(stdin=streams["stdin"], stdout=streams["stdout"])
    finally:
        os.close(main)
        os.close(side)
    assert ran.code == 2, ran.err
    assert f"{closed} is not one" in ran.err and "hamtimer show" in ran.err


# ------------------------------------------------------------------ output that fails


@pytest.mark.parametrize(
    "argv", [("show",), ("show", "--json"), ("schema",), ("list",), ("history",), ("--help",)]
)
def test_a_full_disk_is_one_line_and_a_failure(argv: tuple[str, ...]) -> None:
    with Path("/dev/full").open("wb") as full:
        ran = hamtimer(*argv, stdout=full)
    assert ran.code == 1, ran.err
    assert ran.err.strip().splitlines() == [
        "hamtimer: cannot write the output: no space left on device"
    ]


@pytest.mark.parametrize(
    "argv",
    [("show",), ("show", "--json"), ("schema",), ("list",), ("history", "--json"), ("--help",)],
)
def test_a_closed_pipe_stops_quietly(argv: tuple[str, ...]) -> None:
    reading, writing = os.pipe()
    os.close(reading)  # the reader is gone before the first byte
    try:
        ran = hamtimer(*argv, stdout=writing)
    finally:
        os.close(writing)
    assert ran.err == "", ran.err
    assert ran.code == 1
