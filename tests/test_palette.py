"""The phase colours: far apart in 256 colours and for red-green colour blind runners.

The maths first (checked against published values and identities), then the real
palette the timer screen's CSS is made from.
"""

from __future__ import annotations

import pytest

from hamtimer.tui import palette
from hamtimer.tui.palette import (
    ANSI_NAMES,
    MIN_APART_256,
    MIN_APART_DEUTERANOPIA,
    PALETTE,
    as_16,
    as_256,
    contrast,
    delta_e76,
    deuteranopia,
    group_pairs,
    hex_rgb,
    lab,
    to_linear,
    to_srgb,
)

# ------------------------------------------------------------------------ the maths


@pytest.mark.parametrize(
    ("text", "rgb"),
    [("#1b7a34", (27, 122, 52)), ("ffffff", (255, 255, 255)), ("#000000", (0, 0, 0))],
)
def test_hex_rgb(text: str, rgb: tuple[int, int, int]) -> None:
    assert hex_rgb(text) == rgb


@pytest.mark.parametrize("text", ["#fff", "#12345", "red"])
def test_hex_rgb_refuses_what_is_not_rrggbb(text: str) -> None:
    with pytest.raises(ValueError, match="rrggbb"):
        hex_rgb(text)


@pytest.mark.parametrize(
    ("srgb", "light"), [(0.0, 0.0), (0.04045, 0.0031308), (0.5, 0.21404), (1.0, 1.0)]
)
def test_srgb_and_linear_light(srgb: float, light: float) -> None:
    """IEC 61966-2-1: mid-grey 0.5 is 21.4 % of the light of white."""
    assert to_linear(srgb) == pytest.approx(light, abs=1e-5)
    assert to_srgb(light) == pytest.approx(srgb, abs=1e-5)


@pytest.mark.parametrize(
    ("rgb", "expected"),
    [
        ((255, 255, 255), (100.0, 0.0, 0.0)),
        ((0, 0, 0), (0.0, 0.0, 0.0)),
        ((255, 0, 0), (53.24, 80.09, 67.20)),  # the usual published sRGB → Lab (D65) values
        ((0, 255, 0), (87.73, -86.18, 83.18)),
        ((0, 0, 255), (32.30, 79.19, -107.86)),
        ((119, 119, 119), (50.03, 0.0, 0.0)),
    ],
)
def test_lab(rgb: tuple[int, int, int], expected: tuple[float, float, float]) -> None:
    assert lab(rgb) == pytest.approx(expected, abs=0.02)


@pytest.mark.parametrize(
    ("one", "other", "distance"),
    [
        ((50.0, 0.0, 0.0), (50.0, 0.0, 0.0), 0.0),
        ((50.0, 0.0, 0.0), (53.0, 4.0, 0.0), 5.0),
        ((0.0, 0.0, 0.0), (100.0, 0.0, 0.0), 100.0),
    ],
)
def test_delta_e76_is_the_distance_in_lab(
    one: tuple[float, float, float], other: tuple[float, float, float], distance: float
) -> None:
    assert delta_e76(one, other) == pytest.approx(distance)


@pytest.mark.parametrize("grey", [0, 68, 128, 200, 255])
def test_deuteranopia_leaves_greys_alone(grey: int) -> None:
    """Each row of the Machado matrix sums to 1: a grey is seen as the same grey."""
    assert deuteranopia((grey, grey, grey)) == pytest.approx((grey, grey, grey), abs=1)


@pytest.mark.parametrize(
    ("one", "other"),
    [((200, 40, 40), (60, 150, 40)), ((0, 95, 0), (135, 95, 0)), ((215, 0, 0), (95, 135, 0))],
)
def test_deuteranopia_brings_red_and_green_together(
    one: tuple[int, int, int], other: tuple[int, int, int]
) -> None:
    seen = delta_e76(lab(deuteranopia(one)), lab(deuteranopia(other)))
    assert seen < 0.5 * delta_e76(lab(one), lab(other))


def test_deuteranopia_keeps_blue_against_yellow() -> None:
    blue, yellow = (0, 0, 255), (255, 255, 0)
    assert delta_e76(lab(deuteranopia(blue)), lab(deuteranopia(yellow))) > 100


@pytest.mark.parametrize(
    ("rgb", "shown"),
    [
        ((0, 95, 0), (0, 95, 0)),  # an entry of the 6×6×6 cube: shown exactly
        ((27, 122, 52), (0, 135, 95)),  # the old work green: the nearest cube entry
        ((0, 131, 143), (0, 135, 135)),  # the old switch teal
        ((70, 70, 70), (68, 68, 68)),  # greys go to the grey ramp
    ],
)
def test_as_256_is_richs_downgrade(rgb: tuple[int, int, int], shown: tuple[int, int, int]) -> None:
    assert as_256(rgb) == shown


@pytest.mark.parametrize(
    ("rgb", "ansi"), [((255, 85, 85), "bright-red"), ((0, 170, 0), "green"), ((0, 0, 0), "black")]
)
def test_as_16(rgb: tuple[int, int, int], ansi: str) -> None:
    assert ANSI_NAMES[as_16(rgb)] == ansi


@pytest.mark.parametrize(
    ("one", "other", "ratio"),
    [((255, 255, 255), (0, 0, 0), 21.0), ((90, 90, 90), (90, 90, 90), 1.0)],
)
def test_contrast(one: tuple[int, int, int], other: tuple[int, int, int], ratio: float) -> None:
    assert contrast(one, other) == pytest.approx(ratio)
    assert contrast(other, one) == pytest.approx(ratio)


def test_the_old_work_and_switch_colours_were_25_apart_in_256_colours() -> None:
    """The figure that started this: #1b7a34 and #00838f, downgraded, are ΔE 25 apart."""
    work, switch = as_256(hex_rgb("#1b7a34")), as_256(hex_rgb("#00838f"))
    assert delta_e76(lab(work), lab(switch)) == pytest.approx(25, abs=1)


# ------------------------------------------------------------------------ the palette

PAIRS = group_pairs()


def test_the_groups_cover_every_phase_but_the_end() -> None:
    named = {name for group in palette.APART for name in group}
    assert named == set(PALETTE) - {"finished"}
    assert len(PAIRS) == 19  # five groups: 13 pairs, and 6 more with warm-up / cool-down


@pytest.mark.parametrize(("one", "other"), PAIRS, ids="/".join)
def test_phases_are_far_apart_in_256_colours(one: str, other: str) -> None:
    a, b = (as_256(hex_rgb(PALETTE[name].background)) for name in (one, other))
    assert delta_e76(lab(a), lab(b)) >= MIN_APART_256


@pytest.mark.parametrize(("one", "other"), PAIRS, ids="/".join)
def test_phases_are_far_apart_for_a_deuteranope(one: str, other: str) -> None:
    for view in (hex_rgb, lambda colour: as_256(hex_rgb(colour))):  # truecolour and 256
        a, b = (deuteranopia(view(PALETTE[name].background)) for name in (one, other))
        assert delta_e76(lab(a), lab(b)) >= MIN_APART_DEUTERANOPIA


@pytest.mark.parametrize("name", list(PALETTE))
def test_each_colour_is_shown_exactly_in_256_colours(name: str) -> None:
    rgb = hex_rgb(PALETTE[name].background)
    assert as_256(rgb) == rgb


@pytest.mark.parametrize(
    ("name", "family"),
    [
        ("work", "green"),
        ("rest-sides", "blue"),
        ("rest-sets", "magenta"),
        ("get-ready", "yellow"),
        ("switch", "cyan"),
        ("paused", "red"),
        ("easy", "white"),
        ("finished", "black"),
    ],
)
def test_each_phase_has_its_own_ansi_colour_in_16_colours(name: str, family: str) -> None:
    shown = [as_16(hex_rgb(colour.background)) for colour in PALETTE.values()]
    assert len(set(shown)) == len(shown)
    assert ANSI_NAMES[as_16(hex_rgb(PALETTE[name].background))].endswith(family)


@pytest.mark.parametrize("name", list(PALETTE))
def test_text_stands_out_on_every_phase(name: str) -> None:
    """4.5 (body text) in truecolour and 256 colours; 3 (large text) in Rich's 16 colours."""
    from rich._palettes import STANDARD_PALETTE

    colour = PALETTE[name]
    background, text = hex_rgb(colour.background), hex_rgb(colour.text)
    assert contrast(background, text) >= 4.5
    standard = [tuple(STANDARD_PALETTE[as_16(rgb)]) for rgb in (background, text)]
    assert contrast(*standard) >= 3.0  # type: ignore[arg-type]


def test_the_report_lists_every_pair_closest_first() -> None:
    lines = palette.report().splitlines()
    assert len(lines) == 1 + len(PAIRS)
    closest = [min(float(value) for value in line.split()[-2:]) for line in lines[1:]]
    assert closest == sorted(closest)
