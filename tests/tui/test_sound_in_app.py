"""The app and its sound: opened after the first frame, cues in step with the screen, mute."""

from __future__ import annotations

from pathlib import Path

import pytest
from audio_helpers.standins import on_path, stand_in
from textual.widgets._toast import Toast

from hamtimer.sound import Cue, Played, open_sound
from hamtimer.tui.app import HamtimerApp
from tests.tui.conftest import Harness, make_harness, remember

FIRST_HOLD = 13  # the first bird dog, right side


def with_bell(tmp_path: Path) -> tuple[Harness, list[Played], list[int]]:
    """The bundled circuit's app whose cues ring the terminal bell, with a record of both."""
    harness = make_harness(tmp_path / "data")
    played: list[Played] = []
    bells: list[int] = []

    def factory(app: HamtimerApp) -> object:
        return open_sound("bell", bell=lambda: bells.append(1), on_played=played.append)

    harness.app._sound_factory = factory  # type: ignore[assignment]
    return harness, played, bells


async def wait_for_sound(harness: Harness, pilot: object) -> None:
    for _ in range(200):
        if harness.app.sound is not None:
            return
        await pilot.pause(0.01)  # type: ignore[attr-defined]
    raise AssertionError("the sound never opened")


async def test_sound_opens_after_the_first_frame_and_says_which(tmp_path: Path) -> None:
    harness, _, _ = with_bell(tmp_path)
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await wait_for_sound(harness, pilot)
        await pilot.pause()
        assert "sound: terminal bell" in harness.text("start-notices")


async def test_a_sound_that_cannot_start_is_told_and_the_timer_runs(tmp_path: Path) -> None:
    """A bug in opening the sound (its own thread) is a notice, never a traceback."""
    harness = make_harness(tmp_path / "data")

    def factory(app: HamtimerApp) -> object:
        raise RuntimeError("no mixer")

    harness.app._sound_factory = factory  # type: ignore[assignment]
    async with harness.app.run_test(size=(80, 24), notifications=True) as pilot:
        for _ in range(200):
            toasts = [str(toast.render()) for toast in harness.app.screen.query(Toast)]
            if toasts:
                break
            await pilot.pause(0.01)
        assert any("sound could not start (no mixer)" in text for text in toasts), toasts
        await pilot.press("enter")
        await harness.advance(pilot, 10)
        assert "Split stance jump" in harness.text("headline")


async def test_cues_follow_the_workout_and_m_mutes_them(tmp_path: Path) -> None:
    harness, played, bells = with_bell(tmp_path)
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await wait_for_sound(harness, pilot)
        await pilot.press("enter")
        for _ in range(10):
            await harness.advance(pilot, 1)
        expected = [Cue.REST, Cue.COUNTDOWN, Cue.COUNTDOWN, Cue.COUNTDOWN, Cue.GO]
        assert [item.cue for item in played] == expected, "get ready, 3-2-1, go"
        assert len(bells) == 5
        await pilot.press("m")
        assert "MUTED (m)" in harness.text("status")
        await harness.advance(pilot, 5)
        await pilot.press("enter")  # reps done: a rest begins, which has a cue
        await harness.advance(pilot, 30)
        assert len(played) == 5, "nothing is heard while muted"
        await pilot.press("m")
        assert "MUTED" not in harness.text("status")
        await pilot.press("space", "space", "n")  # skip to a rest between sets: a cue again
        assert [item.cue for item in played] == [*expected, Cue.SET_DONE]


async def test_a_player_failing_mid_workout_is_told_on_screen_and_the_bell_takes_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The system player works until a flag file appears (a device that went away)."""
    flag = tmp_path / "unplugged"
    stand_in(tmp_path / "bin", "aplay", f'cat > /dev/null; [ -e "{flag}" ] && exit 1; exit 0')
    on_path(monkeypatch, tmp_path / "bin")
    monkeypatch.setenv("ALSA_CONFIG_PATH", str(tmp_path / "missing.conf"))  # no simpleaudio
    harness = make_harness(tmp_path / "data")
    bells: list[int] = []

    def factory(app: HamtimerApp) -> object:
        return open_sound("auto", notice=app.notice, bell=lambda: bells.append(1))

    harness.app._sound_factory = factory  # type: ignore[assignment]
    async with harness.app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for_sound(harness, pilot)
        assert "aplay (system player)" in harness.text("start-notices")
        await pilot.press("enter")
        flag.touch()
        for _ in range(10):  # get ready: 3, 2, 1 and go, each a cue that now fails
            await harness.advance(pilot, 1)
            await pilot.pause(0.05)
        await pilot.press("enter")  # reps done: the rest's cue, on the bell now
        await pilot.pause(0.1)
        toasts = [str(toast.render()) for toast in harness.app.screen.query(Toast)]
        assert any(
            "sound: aplay (system player) failed (aplay failed (exit code 1))" in toast
            and "using terminal bell" in toast
            for toast in toasts
        ), toasts
        assert "sound: terminal bell" in harness.text("status")
        assert bells, "the cues go on, on the bell"


async def test_passing_last_times_hold_and_the_best_is_heard(tmp_path: Path) -> None:
    """Last time 47 s, best 52 s on the right: one cue at 47 s, one at 52 s, no more."""
    harness, played, _ = with_bell(tmp_path)
    remember(harness, [(52.0, 44.0), (47.0, 39.0)])
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await wait_for_sound(harness, pilot)
        await pilot.press("enter")
        while harness.workout.index < FIRST_HOLD:
            harness.workout.skip()
        heard = []
        for second in range(1, 61):
            await harness.advance(pilot, 1)
            heard += [second for item in played if item.cue is Cue.TARGET]
            played.clear()
        assert heard == [47, 52]
        assert "NEW BEST" in harness.text("target")


async def test_a_rehearsal_holds_against_no_target(tmp_path: Path) -> None:
    harness, played, _ = with_bell(tmp_path)
    remember(harness, [(20.0, 20.0)])
    harness.session.speed = 20.0  # as `--speed 20` makes it
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await wait_for_sound(harness, pilot)
        await pilot.press("enter")
        while harness.workout.index < FIRST_HOLD:
            harness.workout.skip()
        await harness.advance(pilot, 30)
        assert harness.text("target") == ""
        assert Cue.TARGET not in [item.cue for item in played]
