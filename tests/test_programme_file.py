"""The programme file: the bundled programmes, its schema, and what hamtimer says about a
broken one (each problem once, with its line, the week or exercise by name, and the fix).

The corpus is `tests/data/broken-programmes/`: one file a problem, each ending in `# expect:`
comments, the messages it must give without the file name; their circuit is `circuits/`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from hamtimer.folders import bundled_dir
from hamtimer.programme import ProgrammeError, available, find_programme
from hamtimer.programme.load import check_text, is_programme, json_schema, read_programme
from hamtimer.programme.schedule import sessions
from tests.test_circuit_problems import assert_our_words, expected_of

BROKEN = Path(__file__).parent / "data" / "broken-programmes"
CORPUS = sorted(BROKEN.glob("*.toml"))
LEGS = BROKEN / "circuits" / "legs.toml"


def said_about(path: Path) -> list[str]:
    with pytest.raises(ProgrammeError) as caught:
        read_programme(path)
    message = str(caught.value)
    assert_our_words(message)
    prefix = f"{path}:"
    return [line.removeprefix(prefix) for line in message.splitlines() if line.startswith(prefix)]


def test_the_corpus_covers_the_problems() -> None:
    assert len(CORPUS) >= 16
    assert all(expected_of(path) for path in CORPUS), "every file says what it expects"


@pytest.mark.parametrize("path", CORPUS, ids=lambda path: path.stem)
def test_a_broken_programme_says_what_and_where(path: Path) -> None:
    assert said_about(path) == expected_of(path)


def test_the_bundled_programmes_are_valid_and_found_by_name() -> None:
    names = [item.name for item in available()]
    assert {"nordic", "hamstring"} <= set(names)
    for name in names:
        checked = read_programme(find_programme(name).path)
        assert checked.programme.source is not None, f"{name} cites its source"


def test_the_nordic_protocol_is_the_published_one() -> None:
    checked = read_programme(find_programme("nordic").path)
    planned = sessions(checked.programme)
    per_week = [sum(s.week == week for s in planned) for week in range(1, 11)]
    assert per_week == [1, 2, 3, 3, 3, 3, 3, 3, 3, 3]
    citation = checked.programme.source.citation if checked.programme.source else ""
    assert "Mjølsnes" in citation and "Scand J Med Sci Sports 2004" in citation
    assert "Petersen" in citation and "39(11):2296–2303" in citation


def test_an_unknown_programme_lists_the_bundled_ones() -> None:
    with pytest.raises(ProgrammeError, match=r"no programme named 'nosuch'.*nordic"):
        find_programme("nosuch")


def test_a_circuit_that_cannot_be_found_is_told_at_its_line(tmp_path: Path) -> None:
    text = 'name = "P"\ncircuit = "nosuch"\n[[weeks]]\n'
    with pytest.raises(ProgrammeError) as caught:
        check_text(text, "p.toml", tmp_path)
    assert str(caught.value).startswith("p.toml:2:1: circuit \"nosuch\": no circuit named 'nosuch'")


def test_a_circuit_path_is_relative_to_the_programme(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "legs.toml").write_text(LEGS.read_text())
    text = 'name = "P"\ncircuit = "mine/legs.toml"\n[[weeks]]\nsessions = 2\n'
    checked = check_text(text, "p.toml", tmp_path)
    assert checked.circuit("mine/legs.toml").circuit.name == "Legs"
    assert len(sessions(checked.programme)) == 2


def test_an_invalid_circuit_is_told_with_the_programme_line(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text('name = "Bad"\n[[blocks]]\nname = "B"\n')
    text = 'name = "P"\n[[weeks]]\ncircuit = "bad.toml"\n'
    with pytest.raises(ProgrammeError) as caught:
        check_text(text, "p.toml", tmp_path)
    first = str(caught.value).splitlines()[0]
    assert first.startswith('p.toml:3:1: week 1: circuit "bad.toml": ')
    assert first.endswith('bad.toml:2:1: block "B": no exercises: add a [[blocks.exercises]] table')


@pytest.mark.parametrize(
    ("text", "programme"),
    [
        (b'name = "P"\ncircuit = "x"\n[[weeks]]\n', True),
        (b'name = "P"\ncircuit = "x"\n', True),
        (b'name = "C"\n[[blocks]]\nname = "B"\n', False),
        (b"not toml [", False),
        (b"\xff\xfe", False),
    ],
)
def test_check_tells_a_programme_from_a_circuit(text: bytes, programme: bool) -> None:
    assert is_programme(text) is programme


def test_schema_file_is_current() -> None:
    shipped = Path(__file__).parent.parent / "hamtimer" / "programme.schema.json"
    assert json.loads(shipped.read_text(encoding="utf-8")) == json_schema(), (
        "regenerate with: hamtimer schema --programme > hamtimer/programme.schema.json"
    )


def test_schema_forbids_unknown_keys() -> None:
    schema = json_schema()
    assert schema["title"] == "hamtimer programme"
    assert schema["additionalProperties"] is False
    assert schema["$defs"]["Week"]["additionalProperties"] is False
    assert schema["$defs"]["Exercise"]["additionalProperties"] is False


def test_the_programmes_folder_is_bundled() -> None:
    assert (bundled_dir("programmes") / "nordic.toml").is_file()


def test_the_readmes_example_is_a_programme_that_says_what_the_readme_says() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    found = re.search(r"### The programme format.*?```toml\n(.*?)```", readme, re.S)
    assert found is not None
    checked = check_text(found[1], "readme.toml")
    planned = sessions(checked.programme)
    assert [s.place for s in planned[:2]] == ["Week 1 · session 1 of 1", "Week 2 · session 1 of 3"]
    assert planned[-1].place == "Week 5 · session 3 of 3"
    (rule,) = checked.programme.progressions
    assert (rule.exercise, rule.reps, rule.weeks, rule.up_to) == (
        "Nordic hamstring exercise",
        1,
        (4, 5),
        12,
    )


def test_list_shows_the_programmes(capsys: pytest.CaptureFixture[str]) -> None:
    from hamtimer.cli import main

    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "Programmes (hamtimer follow NAME)" in out
    assert "│ nordic " in out and " 27 " in out
