"""What the timer costs while a runner rests: with the sound off no player, no voice and no
thread; each second redraws only what changed; and no widget a step left behind stays alive."""

from __future__ import annotations

import gc
import sys
import threading
import unicodedata
import weakref
from pathlib import Path

import pytest
from rich.cells import cached_cell_len
from textual._compositor import CompositorUpdate
from textual.app import App
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.geometry import Region
from textual.keys import key_to_character
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

from hamtimer.circuit import open_circuit
from hamtimer.tui.launch import build_app, factories
from hamtimer.tui.screens.history import HistoryScreen
from hamtimer.tui.screens.workout import WorkoutScreen
from hamtimer.tui.widgets import BigTime, FitLine
from tests.tui.conftest import Harness, deferred, make_harness, until_looked_up

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
        regions: list[tuple[Region, ...]] = []
        refresh = Widget.refresh

        def counted(self: Widget, *args: object, **kwargs: object) -> Widget:
            refreshed.append(self)
            if isinstance(self, BigTime):
                regions.append(tuple(arg for arg in args if isinstance(arg, Region)))
            return refresh(self, *args, **kwargs)  # type: ignore[arg-type]

        rendered: set[Widget] = set()
        render_lines = Widget.render_lines

        def rendering(self: Widget, crop: Region) -> list[Strip]:
            rendered.add(self)
            return render_lines(self, crop)

        big = harness.app.screen.query_one(BigTime)
        drawn = [list(big._drawn())]  # the rows as placed in the widget
        monkeypatch.setattr(Widget, "refresh", counted)
        monkeypatch.setattr(Widget, "render_lines", rendering)
        for _ in range(3):
            await harness.advance(pilot, 1)
            await pilot.pause()
            drawn.append(list(big._drawn()))
            assert harness.drawn("big") == [row.rstrip() for row in drawn[-1]], "this second's"
        names = sorted({type(widget).__name__ for widget in refreshed})
        assert names == ["BigTime", "StatusLine"]
        # Textual draws again every widget in the box the changes span: none with nothing
        lines = list(harness.app.screen.query(FitLine))
        assert any(not line.variants for line in lines), "the rest has empty lines"
        assert big in rendered and all(line.variants for line in lines if line in rendered)
        assert sum(type(widget).__name__ == "BigTime" for widget in refreshed) == 3
        # each second repaints the rows whose ink changed, from the first changed cell on
        width, height = big.content_size
        assert len(regions) == len(drawn) - 1
        for changed, before, after in zip(regions, drawn, drawn[1:], strict=False):
            ink = {
                (x, y)
                for y, (old, new) in enumerate(zip(before, after, strict=True))
                for x in range(width)
                if old.ljust(width)[x] != new.ljust(width)[x]
            }
            assert ink and {y for _, y in ink} == {region.y for region in changed}
            assert all(region.height == 1 and 0 < region.width < width / 2 for region in changed)
            for region in changed:  # to the right edge: a row cut short is measured and kept
                first = min(x for x, y in ink if y == region.y)
                assert (region.x, region.right) == (first, width), (region, first)
            assert all(any(region.contains(x, y) for region in changed) for x, y in ink), ink
            assert sum(region.area for region in changed) < width * height / 4


async def test_the_seconds_of_a_rest_leave_no_text_in_richs_cache(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rich keeps every string whose width it measures (4,096 of them): the number's rows
    and the status line are new every second, and the cache once held them, some 3 MB by
    the end of a long rest. What a terminal is sent is made here too (headless, Textual
    makes none of it), by Textual's own code."""
    sent: list[str] = []
    display = App._display

    def to_a_terminal(self: App[int], screen: Screen[object], update: object) -> None:
        if isinstance(update, CompositorUpdate):
            sent.append(update.render_segments(self.console))
        display(self, screen, update)  # type: ignore[arg-type]

    monkeypatch.setattr(App, "_display", to_a_terminal)
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await reach_the_rest(harness, pilot)
        await harness.advance(pilot, 1)
        await pilot.pause()
        before = cached_cell_len.cache_info().currsize
        for _ in range(30):
            await harness.advance(pilot, 1)
            await pilot.pause()
        assert len(sent) >= 30, "a second, an update sent"
        assert harness.big == "0:29"
        kept = cached_cell_len.cache_info().currsize - before
        assert kept < 5, f"{kept} strings kept for 30 seconds"


async def test_a_workout_makes_no_widget_after_its_first_step(harness: Harness) -> None:
    """Each step restyles and redraws the timer's widgets, and the footer draws its keys on
    its one line: no widget is made (a widget a footer key, made again when the keys
    changed, piled up 0.4 MB of old keys a step and left holes in memory once freed)."""
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert gc.get_freeze_count() > 0, "what start-up made is set aside once"
        widgets = list(harness.app.screen.walk_children(with_self=True))
        seen: set[tuple[str, ...]] = set()
        for step in range(12):  # steps of every kind, one paused: their footers differ
            await pilot.press("n", *(["space"] if step == 6 else []))
            await pilot.pause()
            seen.add(tuple(harness.footer_keys()))
        await pilot.press("space")
        await pilot.pause()
        assert len(seen) >= 3, f"the steps showed different keys: {seen}"
        assert list(harness.app.screen.walk_children(with_self=True)) == widgets
        # the collector's objects (not those set aside as the workout began)
        made = [thing for thing in gc.get_objects() if isinstance(thing, Widget)]
        assert made == [], f"widgets made since the first step: {made}"
    assert gc.get_freeze_count() == 0, "handed back to the collector as the app ended"


async def test_the_idle_start_screen_sets_start_up_aside_and_the_workout_frees_it(
    tmp_path: Path,
) -> None:
    """Once the history is open the start screen waits for a key: what start-up made is set
    aside from the collector then, so a full collection on the way to the history screen
    walks only what was made since (Python's own, falling while the screen was drawn, once
    doubled the time to show it). As the workout begins it goes back, and the start screen's
    widgets are freed (Textual keeps the screen itself, its first, to the end)."""
    gate = threading.Event()
    gate.set()
    harness = deferred(tmp_path / "data", gate)
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await until_looked_up(harness, pilot)
        await pilot.pause()
        set_aside = gc.get_freeze_count()
        assert set_aside > 0, "start-up set aside at the idle start screen"
        walked = len(gc.get_objects())
        assert walked < set_aside / 10, (walked, set_aside)
        start = [weakref.ref(widget) for widget in harness.app.screen.walk_children()]
        assert len(start) > 5
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(harness.app.screen, HistoryScreen)
        await pilot.press("escape", "enter")
        await pilot.pause()
        assert isinstance(harness.app.screen, WorkoutScreen)
        alive = [widget() for widget in start if widget() is not None]
        assert alive == [], "the start screen's widgets freed as the workout began"
    assert gc.get_freeze_count() == 0, "handed back to the collector as the app ended"


LONG_CIRCUIT = 'name = "Long"\n' + "".join(
    f'[[blocks]]\nname = "Block {block}"\nsets = 2\n'
    f'[[blocks.exercises]]\nname = "Drill {block}"\nkind = "strength"\nreps = 5\n'
    for block in range(1, 13)
)
"""A circuit whose outline is longer than the screen."""


async def test_the_start_screen_scrolls_its_outline_with_nothing_focused(
    tmp_path: Path,
) -> None:
    """No scroll box takes the focus (Textual would look the screen's keys up by name in
    the Unicode database for it): the screen's own keys scroll the outline."""
    (tmp_path / "long.toml").write_text(LONG_CIRCUIT, encoding="utf-8")
    harness = make_harness(tmp_path / "data", circuit=str(tmp_path / "long.toml"))
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert harness.app.screen.focused is None
        box = harness.app.screen.query_one("#start", VerticalScroll)
        assert box.max_scroll_y > 3, "the outline is longer than the screen"
        await pilot.press("down")
        await pilot.pause()
        assert box.scroll_target_y == 1
        await pilot.press("end")
        await pilot.pause()
        assert box.scroll_target_y == box.max_scroll_y
        await pilot.press("pageup")
        await pilot.pause()
        assert box.scroll_target_y == max(
            0, box.max_scroll_y - box.scrollable_content_region.height
        )
        await pilot.press("up", "home")
        await pilot.pause()
        assert box.scroll_target_y == 0


async def test_no_key_is_looked_up_by_name_on_the_way_to_a_rest(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each look-up of a name in the Unicode database maps pages of it into memory."""
    looked_up: list[str] = []

    def lookup(name: str) -> str:
        if sys._getframe(1).f_code.co_name != "_press_keys":  # the pilot's, not a terminal's
            looked_up.append(name)
        return real_lookup(name)

    real_lookup = unicodedata.lookup
    monkeypatch.setattr(unicodedata, "lookup", lookup)
    key_to_character.cache_clear()  # its answers are kept: start afresh
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        harness.app.screen.refresh_bindings()
        for key in ("enter", *["n"] * REST_BETWEEN_SETS):
            await pilot.press(key)
            await pilot.pause()
        assert "REST" in harness.text("headline")
    key_to_character.cache_clear()
    assert looked_up == []


async def test_what_each_step_s_styling_leaves_is_collected_with_the_step(
    harness: Harness,
) -> None:
    """Textual styles a widget's parts through nodes made for the purpose, a cycle each, and
    makes them again at every restyle (each step restyles the timer's screen): the screen
    collects them once a step is drawn, rather than leave them for Python's rare full
    collection."""
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        counts = []
        for _ in range(12):
            await pilot.press("n")
            await pilot.pause()
            await pilot.pause()
            counts.append(sum(type(thing) is DOMNode for thing in gc.get_objects()))
        assert max(counts) <= 2 * min(counts) + 4, f"parts' nodes piling up: {counts}"
