"""The timer seen from the mat: digit heights, colours, the footer, wordings that fit."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.color import Color
from textual.pilot import Pilot

from hamtimer.tui import app as app_module
from hamtimer.tui.palette import PALETTE
from hamtimer.tui.screens.leave import ConfirmLeave
from hamtimer.tui.screens.summary import SummaryScreen
from hamtimer.tui.widgets import BigTime, DirectionMark, FitLine
from tests.tui.conftest import Harness, make_harness, remember

# Steps of the bundled circuit where each phase is first met.
PHASES = {
    "get-ready": 0,
    "reps": 1,
    "rest between sides": 2,
    "rest between sets": 4,
    "rest between blocks": 12,
    "hold": 13,
    "switch": 14,
    "rest between exercises": 16,
    "halo clockwise": 17,
    "halo counter-clockwise": 18,
    "rest between rounds": 24,
    "paused": 2,
    "done": 47,
}
FLOORS = {(80, 24): 12, (40, 12): 7}
"""The least digit height at each size: 12 rows at 80×24 (read from two metres); at 40×12
the number still takes more rows than everything else on screen together."""


async def into(harness: Harness, pilot: Pilot[int], phase: str) -> None:
    """Start and go to `phase` (as `n` does, without drawing every step on the way)."""
    await pilot.press("enter")
    for _ in range(PHASES[phase]):
        harness.workout.skip()
    await harness.advance(pilot, 3)
    if phase == "paused":
        await pilot.press("space")
    if phase == "done":
        await pilot.press("enter")
        assert harness.workout.state.over


@pytest.mark.parametrize("size", list(FLOORS), ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("phase", list(PHASES))
async def test_every_phase_draws_its_number_big(
    tmp_path: Path, phase: str, size: tuple[int, int]
) -> None:
    """Measured on screen: the rows of the number widget that carry ink."""
    harness = make_harness(tmp_path / "data")
    async with harness.app.run_test(size=size) as pilot:
        await into(harness, pilot, phase)
        rows = harness.digit_rows
        assert rows >= FLOORS[size], f"{phase}: {rows} rows"
        if size == (40, 12):
            assert rows > 12 - 1 - rows, "more rows than the rest of the screen"


@pytest.mark.parametrize(
    ("phase", "colour"),
    [
        ("reps", "work"),
        ("rest between sides", "rest-sides"),
        ("rest between sets", "rest-sets"),
        ("switch", "switch"),
        ("get-ready", "get-ready"),
        ("paused", "paused"),
        ("done", "finished"),
    ],
)
async def test_the_screen_shows_the_palettes_colours(
    harness: Harness, phase: str, colour: str
) -> None:
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await into(harness, pilot, phase)
        styles = harness.screen.styles
        assert styles.background == Color.parse(PALETTE[colour].background)
        assert styles.color == Color.parse(PALETTE[colour].text)


async def test_paused_digits_change_look_not_only_colour(harness: Harness) -> None:
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await into(harness, pilot, "rest between sides")
        solid = harness.drawn("big")
        await pilot.press("space")
        hollow = harness.drawn("big")
        assert harness.app.screen.query_one(BigTime).look == "hollow"
        assert sum(line.count("█") for line in hollow) < sum(line.count("█") for line in solid) / 2


@pytest.mark.parametrize(
    ("phase", "offers_time"),
    [("reps", False), ("hold", False), ("rest between sides", True), ("get-ready", True)],
)
async def test_the_footer_offers_10_seconds_only_where_it_works(
    harness: Harness, phase: str, offers_time: bool
) -> None:
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await into(harness, pilot, phase)
        keys = harness.footer_keys()
        assert ("10s" in keys) is offers_time, keys


@pytest.mark.parametrize(
    ("phase", "adds_time"), [("reps", False), ("rest between sides", True), ("get-ready", True)]
)
async def test_plus_adds_10_seconds_only_where_it_is_offered(
    harness: Harness, phase: str, adds_time: bool
) -> None:
    """(In a hold, + is any key, and any key ends the hold: see test_voice_keys.)"""
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await into(harness, pilot, phase)
        shown, index = harness.big, harness.workout.index
        await pilot.press("plus")
        assert (harness.big != shown) is adds_time
        assert harness.workout.index == index


async def test_a_small_footer_keeps_space_enter_help_and_quit(harness: Harness) -> None:
    async with harness.app.run_test(size=(40, 12)) as pilot:
        await into(harness, pilot, "reps")
        assert harness.footer_keys() == ["Pause", "Done", "Help", "Quit"]
        assert harness.footer_fits()
        await pilot.press("space")
        assert harness.footer_keys() == ["Go on", "Done", "Help", "Quit"]
        await pilot.press("n")  # the hidden keys still work
        assert harness.workout.index == 2


async def test_done_offers_the_summary_and_the_way_out(harness: Harness) -> None:
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await into(harness, pilot, "done")
        assert harness.footer_keys() == ["Summary", "Help", "Quit"]


async def test_the_quit_dialog_shows_its_own_keys(harness: Harness) -> None:
    async with harness.app.run_test(size=(40, 12)) as pilot:
        await into(harness, pilot, "reps")
        await pilot.press("q")
        assert isinstance(harness.app.screen, ConfirmLeave)
        assert harness.footer_keys() == ["Leave", "Save & quit", "Keep going"]
        assert harness.footer_fits()


async def test_resume_is_offered_only_with_a_saved_workout(tmp_path: Path) -> None:
    first = make_harness(tmp_path / "data")
    async with first.app.run_test(size=(80, 24)) as pilot:
        assert "Resume" not in first.footer_keys()
        await pilot.press("r")
        assert first.session.workout is None, "r does nothing: nothing to resume"
        await into(first, pilot, "reps")
        await pilot.press("q", "s")
    first.saved()
    second = make_harness(tmp_path / "data")
    async with second.app.run_test(size=(80, 24)):
        assert "Resume" in second.footer_keys()


@pytest.mark.parametrize("size", [(40, 12), (80, 24)], ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("phase", ["reps", "hold", "halo clockwise", "rest between sides"])
async def test_lines_are_shortened_never_cut(
    tmp_path: Path, phase: str, size: tuple[int, int]
) -> None:
    """Every line shows one of its wordings whole; a wrapped line never ends on one word
    alone (when the line before it has words to spare)."""
    harness = make_harness(tmp_path / "data")
    async with harness.app.run_test(size=size) as pilot:
        await into(harness, pilot, phase)
        for line in harness.app.screen.query(FitLine):
            if not line.display or not line.variants or line.id is None:
                continue
            drawn = [text.strip() for text in harness.drawn(line.id) if text.strip()]
            assert " ".join(drawn) in line.variants, (line.id, drawn)
            if len(drawn) > 1:
                assert len(drawn[-1].split()) > 1 or len(drawn[-2].split()) <= 2, drawn


async def test_the_next_step_is_shortened_side_first_on_a_small_terminal(
    harness: Harness,
) -> None:
    async with harness.app.run_test(size=(40, 12)) as pilot:
        await into(harness, pilot, "halo clockwise")
        assert harness.text("next") == "Next: RIGHT · 6 × counter-clockwise"
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert harness.text("next").startswith("Next: Runner's lunge halo — RIGHT leg forward")


async def test_the_halo_flip_changes_the_look(harness: Harness) -> None:
    """Clockwise: the mark right of the count; counter-clockwise: left of it, reversed."""
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await into(harness, pilot, "halo clockwise")
        mark, big = (
            harness.app.screen.query_one(DirectionMark),
            harness.app.screen.query_one(BigTime),
        )
        assert mark.display and not mark.has_class("-counter-clockwise")
        assert mark.region.x > big.region.x
        clockwise = harness.drawn("mark")
        await pilot.press("enter")  # six halos done: the other way now
        await pilot.pause()
        assert harness.big == "6" and mark.has_class("-counter-clockwise")
        assert mark.region.x < big.region.x
        assert harness.drawn("mark") != clockwise
        await harness.advance(pilot, 10)
        await pilot.press("enter")  # to the switch: no mark
        assert not mark.display


async def test_a_hold_wakes_when_it_passes_its_target(tmp_path: Path) -> None:
    """The engine wakes the screen on whole seconds; the target's moment (47.5 s) is woken
    for too, so the mark shows on time."""
    harness = make_harness(tmp_path / "data")
    remember(harness, [(47.5, 39.0)])
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await into(harness, pilot, "hold")  # 3 s held
        assert harness.text("target") == "Last time 0:47 — your best"
        await harness.advance(pilot, 44)  # 47 s
        screen = harness.screen
        assert screen.next_wake == pytest.approx(harness.clock.now() + 0.5)
        await harness.advance(pilot, 0.5)
        assert harness.text("target").startswith("★ NEW BEST")
        assert harness.app.screen.query_one("#target").has_class("-passed")
        assert screen.next_wake == pytest.approx(harness.clock.now() + 0.5), "next second"


async def test_done_gives_way_to_the_summary_by_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A finished workout's DONE stays `DONE_SECONDS` (here a millisecond), then the summary."""
    monkeypatch.setattr(app_module, "DONE_SECONDS", 0.001)
    harness = make_harness(tmp_path / "data")
    harness.app.realtime = True  # the app's own timers run (the workout's clock stays fake)
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await into(harness, pilot, "done")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(harness.app.screen, SummaryScreen)


async def test_an_abandoned_workout_goes_straight_to_the_summary(harness: Harness) -> None:
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await into(harness, pilot, "reps")
        await pilot.press("q", "y")
        await pilot.pause()
        assert isinstance(harness.app.screen, SummaryScreen)
