"""What the timer costs while a runner rests: with the sound off no player, no voice and no
thread; each second redraws only what changed; and no widget a step left behind stays alive."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import pytest
from textual.widget import Widget
from textual.widgets._footer import FooterKey

from hamtimer.circuit import open_circuit
from hamtimer.tui.launch import build_app, factories
from tests.tui.conftest import Harness

REST_BETWEEN_SETS = 4
"""The bundled circuit's fifth step: the rest after the first set of jumps."""


def test_sound_off_opens_no_player_and_no_voice() -> None:
    assert factories("off", "on", 1.0, 1.0) == (None, None)
    sound, voice = factories("auto", "on", 1.0, 1.0)
    assert callable(sound) and callable(voice)


@pytest.mark.parametrize("sound", ["off", "bell"])
async def test_with_the_sound_off_no_player_voice_or_thread_and_v_says_why(
    tmp_path: Path, sound: str
) -> None:
    """The app as `hamtimer --sound off` builds it, against `--sound bell` (a real player
    that needs no device)."""
    found, circuit = open_circuit(None)
    app = build_app(found, circuit, challenge=False, speed=1, sound=sound, data_dir=tmp_path)
    before = {thread.name for thread in threading.enumerate()}
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(300):  # the services' thread: the history, then any sound
            await pilot.pause(0.01)
            if app.session.looked_up.is_set() and (sound == "off" or app.sound is not None):
                break
        started = {thread.name for thread in threading.enumerate()} - before
        await pilot.press("v")
        await pilot.pause()
        said = [str(note.message) for note in app._notifications]
        if sound == "off":
            assert app.sound is None and app.voice is None
            assert not [name for name in started if "sound" in name or "voice" in name]
            assert any("sound off" in message for message in said), said
            assert "sound: off" in str(app.start_info().notices)
        else:
            assert app.sound is not None and "hamtimer-sound" in started
            assert not any("sound off" in message for message in said), said
    app.session.close()


async def reach_the_rest(harness: Harness, pilot: object) -> None:
    for _ in range(REST_BETWEEN_SETS):
        await pilot.press("n")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert harness.workout.index == REST_BETWEEN_SETS
    assert "REST" in harness.text("headline")


async def test_a_second_of_rest_redraws_the_number_and_the_status_alone(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await reach_the_rest(harness, pilot)
        await harness.advance(pilot, 1)
        await pilot.pause()
        refreshed: list[Widget] = []
        refresh = Widget.refresh

        def counted(self: Widget, *args: object, **kwargs: object) -> Widget:
            refreshed.append(self)
            return refresh(self, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(Widget, "refresh", counted)
        for _ in range(3):
            await harness.advance(pilot, 1)
        await pilot.pause()
        names = sorted({type(widget).__name__ for widget in refreshed})
        assert names == ["BigTime", "StatusLine"]
        assert sum(type(widget).__name__ == "BigTime" for widget in refreshed) == 3


async def test_the_keys_of_earlier_steps_do_not_pile_up_in_memory(
    harness: Harness,
) -> None:
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert gc.get_freeze_count() > 0, "what start-up made is set aside once"
        for _ in range(12):  # steps of every kind: their footers differ
            await pilot.press("n")
            await pilot.pause()
        await pilot.pause()
        shown = set(harness.app.screen.query(FooterKey))
        gone = [thing for thing in gc.get_objects() if isinstance(thing, FooterKey)]
        gone = [key for key in gone if key not in shown]
        # each time the footer makes its keys again, the collector frees the keys made
        # before (the last ones are still on their way out): one footer's worth at most
        assert len(gone) <= len(shown), f"{len(gone)} keys of earlier steps alive"
    assert gc.get_freeze_count() == 0, "handed back to the collector as the app ended"
