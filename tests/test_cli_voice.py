"""The voice's and hands-free's options on the command line, as `hamtimer` hands them on."""

from __future__ import annotations

from typing import Any

import pytest

from hamtimer.cli import main


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What `run_app` is asked to run. These tests have no terminal: the check for one
    says there is one, and the app is a stand-in that records its options."""
    calls: list[dict[str, Any]] = []

    def run_app(*args: object, **options: Any) -> tuple[int, list[str]]:
        calls.append(options)
        return 0, []

    monkeypatch.setattr("hamtimer.tui.launch.run_app", run_app)
    monkeypatch.setattr("hamtimer.cli.terminal_problem", lambda: None)
    return calls


def test_the_defaults_speak_and_wait_for_keys(launched: list[dict[str, Any]]) -> None:
    assert main([]) == 0
    (options,) = launched
    assert (options["voice"], options["voice_volume"], options["hands_free"]) == ("on", 1.0, False)


def test_voice_off_hands_free_and_a_quieter_voice(launched: list[dict[str, Any]]) -> None:
    assert main(["--voice", "off", "--hands-free", "--voice-volume", "40"]) == 0
    (options,) = launched
    assert options["voice"] == "off" and options["hands_free"] is True
    assert options["voice_volume"] == pytest.approx(0.4)


@pytest.mark.parametrize("volume", ["0", "4", "101"])
def test_a_volume_out_of_range_is_refused(
    launched: list[dict[str, Any]], capsys: pytest.CaptureFixture[str], volume: str
) -> None:
    assert main(["--voice-volume", volume]) == 2
    assert "--voice-volume must be between 5 and 100" in capsys.readouterr().err
    assert launched == []


def test_an_unknown_voice_setting_is_refused(launched: list[dict[str, Any]]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["--voice", "loud"])
    assert raised.value.code == 2
