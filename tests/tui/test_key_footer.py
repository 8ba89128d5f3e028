"""The footer's line of keys: where each key is drawn, what a compact screen keeps, and what
a click or the mouse over a key does."""

from __future__ import annotations

import pytest
from rich.style import Style

from hamtimer.tui.widgets import KeyFooter
from hamtimer.tui.widgets.key_footer import FooterEntry, FooterLook, footer_line
from tests.tui.conftest import Harness

LOOK = FooterLook(key=Style(bold=True), description=Style(italic=True), hover=Style(reverse=True))

SKIP = FooterEntry("n", "n", "Skip", "skip")
BACK = FooterEntry("p", "p", "Back", "back", optional=True)
HELP = FooterEntry("question_mark", "?", "Help", "app.help", enabled=False)


@pytest.mark.parametrize(
    ("entries", "compact", "text", "spans"),
    [
        ((), False, "", []),
        ((SKIP,), False, " n Skip ", [(0, 8)]),
        ((SKIP, BACK, HELP), False, " n Skip  p Back  ? Help ", [(0, 8), (8, 16), (16, 24)]),
        ((SKIP, BACK, HELP), True, " n Skip  ? Help ", [(0, 8), (8, 16)]),
        ((BACK,), True, "", []),
    ],
)
def test_the_line_places_each_key_and_a_compact_one_only_the_essential(
    entries: tuple[FooterEntry, ...], compact: bool, text: str, spans: list[tuple[int, int]]
) -> None:
    line, placed = footer_line(entries, LOOK, compact=compact, hovered=None)
    assert line.plain == text
    assert [(start, end) for _, start, end in placed] == spans
    assert [entry for entry, _, _ in placed] == [e for e in entries if not (compact and e.optional)]


def test_the_key_its_words_a_disabled_key_and_the_hovered_one_have_their_styles() -> None:
    line, _ = footer_line((SKIP, HELP), LOOK, compact=False, hovered="skip")
    styles = [(line.plain[span.start : span.end], str(span.style)) for span in line.spans]
    assert (" n ", "bold") in styles and ("Skip ", "italic") in styles
    assert (" n Skip ", "reverse") in styles, "the key under the mouse"
    assert (" ? Help ", "dim") in styles, "a key that does nothing now is dimmed"
    assert not any("dim" in style for text, style in styles if "Skip" in text)


async def test_a_click_on_a_key_presses_it_and_the_mouse_over_one_highlights_it(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        footer = harness.app.screen.query_one(KeyFooter)
        where = {entry.action: start for entry, start, _ in footer.placed()}
        assert harness.workout.index == 0
        await pilot.click(KeyFooter, offset=(where["skip"] + 1, 0))
        await pilot.pause()
        assert harness.workout.index == 1, "a click on Skip skips"
        await pilot.hover(KeyFooter, offset=(where["toggle_pause"] + 2, 0))
        await pilot.pause()
        assert footer.hovered == "toggle_pause"
        await pilot.hover(KeyFooter, offset=(79, 0))  # past the last key
        await pilot.pause()
        assert footer.hovered is None
        footer.entries = (FooterEntry("plus", "+", "Round", "count_round(1)", tooltip="A round"),)
        await pilot.pause()
        await pilot.hover(KeyFooter, offset=(1, 0))
        await pilot.pause()
        assert footer.tooltip == "A round", "the key's tooltip under the mouse"
        await pilot.hover(KeyFooter, offset=(40, 0))
        await pilot.pause()
        assert footer.tooltip is None, "none past the keys"
        rang: list[bool] = []
        monkeypatch.setattr(harness.app, "bell", lambda: rang.append(True))
        footer.entries = (HELP,)  # a key that does nothing now
        await pilot.pause()
        await pilot.click(KeyFooter, offset=(1, 0))
        await pilot.pause()
        assert rang == [True], "a disabled key rings the bell"
        assert not harness.app.screen_stack[-1].__class__.__name__.startswith("Help")
