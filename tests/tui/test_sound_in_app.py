"""The app and its sound: opened after the first frame, cues in step with the screen, mute."""

from __future__ import annotations

from pathlib import Path

from hamtimer.sound import Cue, Played, open_sound
from hamtimer.tui.app import HamtimerApp
from tests.tui.conftest import Harness, make_harness


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
        assert len(played) > 5
