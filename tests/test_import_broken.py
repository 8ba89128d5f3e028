"""A corpus of broken files to import (`tests/data/broken-imports`): each one's message,
exactly, through the real command, in our words with the place and the fix; never a
traceback, and nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from hamtimer.circuit import user_circuits_dir
from hamtimer.cli import main

CORPUS = Path(__file__).parent / "data" / "broken-imports"
FORMATS = (
    "it reads qintervals YAML (title and intervals) and Just Another Workout Timer (JAWT) "
    "JSON (a workout with title and sets, or a backup with workouts)"
)
LENGTH = (
    "length must be a number then s or m (seconds or minutes), as qintervals reads it, "
    "e.g. 30s or 5m"
)

EXPECTED = {
    "backup.json": [
        'backup.json: workouts[0].sets: workout 1 "A": sets must be a list of sets, not "none"',
        "backup.json: workouts[1]: workout 2: must be an object with title and sets, not 3",
    ],
    "block.yml": [
        'block.yml:4:7: block: repeats must be a whole number, not "two"',
        'block.yml:5:7: block: skip_last_rest must be true or false, not "yes please"',
        "block.yml:6:7: the block has no intervals: list at least one",
    ],
    "empty.yml": [f"empty.yml: the file is empty; {FORMATS.replace('it reads', 'it can import')}"],
    "extra.json": [
        "extra.json:1:28: not valid JSON: more after the end of the document: one workout or "
        "backup a file",
        '    {"title": "A", "sets": []} {"x": 1}',
        "                               ^",
    ],
    "intervals-not-list.yml": [
        'intervals-not-list.yml:2:1: intervals must be a list (items starting with -), not "5m"'
    ],
    "jawt-types.json": [
        "jawt-types.json: sets[0].repetitions: set 1: repetitions must be a whole number, not -1",
        'jawt-types.json: sets[0].exercises[0].duration: exercise 1 "x" of set 1: duration must '
        'be a whole number of seconds, 0 or more, not "30"',
    ],
    "jawt.json": [
        'jawt.json: sets[0].exercises[0].duration: exercise 1 "Squat" of set 1: duration must be '
        "a whole number of seconds, 0 or more, not 30.5; write 30 or 31",
        "jawt.json: sets[0].exercises[1].name: exercise 2 of set 1: name must be text, not 5",
        'jawt.json: sets[1]: set 2: has no repetitions, which JAWT requires: add "repetitions"',
        "jawt.json: warning: sets[1]: set 2: has no exercises: left out, as JAWT leaves it",
    ],
    "lengths.yml": [
        f'lengths.yml:5:5: interval "Run": {LENGTH}, not "1m30s"; write 90s',
        'lengths.yml:6:5: interval "Walk": type must be one of work, warmup, warmdown or rest, '
        'written as such: write type: work, not "Work"',
        f'lengths.yml:8:5: interval "Walk": {LENGTH}, not 90; write 90s for seconds, or 90m '
        "for minutes",
        "lengths.yml:9:5: interval 3: has no name: add name: …",
    ],
    "list.json": [f"list.json: not a workout hamtimer can import: {FORMATS}"],
    "long.yml": [
        "long.yml:2:1: the workout would have more than 2,000 intervals: make it shorter, or "
        "split it into two files"
    ],
    "loop.yml": [
        "loop.yml:1:4: an alias here contains itself, so the workout would never end: write "
        "the intervals out"
    ],
    "no-workouts.json": ["no-workouts.json: workouts: the backup holds no workouts"],
    "quote.yml": [
        "quote.yml:4:11: not valid YAML: a quoted text is not closed: add its closing quote",
        '        name: "x',
        "              ^",
    ],
    "syntax.json": [
        'syntax.json:3:22: not valid JSON: a key must be in double quotes ("name"), and the '
        "last item has no comma after it",
        '       {"repetitions": 2,}',
        "                         ^",
    ],
    "syntax.yml": [
        "syntax.yml:4:11: not valid YAML: a list in [ ] is not closed: add ]",
        "        name: [a",
        "              ^",
    ],
    "tab.yml": [
        "tab.yml:4:1: not valid YAML: a tab or a character YAML cannot start with: indent with "
        "spaces, and put such text in quotes",
        "        name: x",  # the console shows the tab as spaces
        "    ^",
    ],
    "title.yml": [
        'title.yml:1:1: title must be text, not a list: write title: "…"',
        "title.yml:3:5: block: must be a mapping of repeats, intervals and skip_last_rest",
    ],
    "toml-ish.yml": [f"toml-ish.yml: not a workout hamtimer can import: {FORMATS}"],
    "unknown.yml": [
        "unknown.yml:1:1: the workout has no intervals: add intervals: and a list",
        "unknown.yml:2:1: warning: qintervals does not read the key intervalz, nor does the "
        "import; did you mean intervals?",
    ],
    "values.yml": [
        'values.yml:5:5: interval "Run": length "-5s" must be a time of 0 or more, e.g. 30s or 5m',
        "values.yml:6:5: interval 2: must be a mapping of type, name and length (or a block:), "
        'not "Run 5m"',
        'values.yml:8:5: interval 3: name must be text, not 12: write name: "…"',
        "values.yml:9:5: warning: interval 3: lasts 0 s: left out, as qintervals never shows it",
        "values.yml:10:5: warning: qintervals does not read the key lenght, nor does the "
        "import; did you mean length?",
    ],
}


def test_the_corpus_is_what_the_test_expects() -> None:
    assert sorted(path.name for path in CORPUS.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_broken_file_is_told_in_our_words(
    name: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / name).write_bytes((CORPUS / name).read_bytes())
    monkeypatch.chdir(tmp_path)
    code = main(["import", name])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    lines = err.rstrip("\n").split("\n")
    assert lines[0].startswith("hamtimer: ")
    assert [lines[0].removeprefix("hamtimer: "), *lines[1:]] == EXPECTED[name]
    assert "Traceback" not in err and "pydantic" not in err.lower()
    assert not user_circuits_dir().exists(), "nothing written"
