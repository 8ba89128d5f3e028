"""The phase colours of the timer screen, and the colour maths that checks them. Pure.

The runner tells the phase from across the room by the colour of the whole screen, in
whatever terminal they have and with whatever eyes. So each colour is an entry of the
256-colour palette's 6×6×6 cube (a 256-colour terminal shows exactly what a truecolour
one does), maps to its own ANSI colour in a 16-colour terminal, and the phases a runner
must never confuse — work, rest, get ready / switch, paused, warm-up and cool-down work
("easy") — are far apart in CIE76 ΔE,
also as a deuteranope (red-green colour blind) sees them.

The maths: sRGB ↔ linear light (IEC 61966-2-1), linear RGB → CIE XYZ → CIE L*a*b* (D65
white), ΔE76 (the straight distance in Lab), and the Machado, Oliveira & Fernandes (2009)
simulation of deuteranopia at severity 1.0, applied in linear RGB.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations

from rich.color import Color, ColorSystem

RGB = tuple[int, int, int]
Lab = tuple[float, float, float]

WHITE, BLACK = "#ffffff", "#000000"


@dataclass(frozen=True)
class PhaseColour:
    """A phase's background and the text drawn on it."""

    background: str
    text: str


PALETTE: dict[str, PhaseColour] = {
    "work": PhaseColour("#005f00", WHITE),  # green
    "rest-sides": PhaseColour("#005fd7", WHITE),  # blue
    "rest-sets": PhaseColour("#5f0087", WHITE),  # purple
    "get-ready": PhaseColour("#ffaf00", BLACK),  # amber
    "switch": PhaseColour("#008787", BLACK),  # teal
    "paused": PhaseColour("#d70000", WHITE),  # red
    "easy": PhaseColour("#ffafaf", BLACK),  # pink: warm-up and cool-down work
    "finished": PhaseColour("#444444", WHITE),  # grey
}
"""Every phase of the timer screen (the CSS class `phase-…`) and its colours."""

APART = (
    ("work",),
    ("rest-sides", "rest-sets"),
    ("get-ready", "switch"),
    ("paused",),
    ("easy",),
)
"""Groups of phases a runner must never confuse with another group's."""

MIN_APART_256 = 30.0
"""Least ΔE76 between phases of different groups, as a 256-colour terminal shows them."""

MIN_APART_DEUTERANOPIA = 20.0
"""Least ΔE76 between phases of different groups, as a deuteranope sees them."""

ANSI_NAMES = [
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "white",
    "bright-black",
    "bright-red",
    "bright-green",
    "bright-yellow",
    "bright-blue",
    "bright-magenta",
    "bright-cyan",
    "bright-white",
]


def phase_css(selector: str) -> str:
    """CSS giving `selector.phase-<name>` its background and text colour, for every phase."""
    return "\n".join(
        f"{selector}.phase-{name} {{ background: {colour.background}; color: {colour.text}; }}"
        for name, colour in PALETTE.items()
    )


# ------------------------------------------------------------------------ the maths


def hex_rgb(colour: str) -> RGB:
    """'#1b7a34' → (27, 122, 52)."""
    text = colour.removeprefix("#")
    if len(text) != 6:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def to_linear(channel: float) -> float:
    """An sRGB channel (0–1) as linear light (0–1)."""
    if channel <= 0.04045:
        return channel / 12.92
    return float(((channel + 0.055) / 1.055) ** 2.4)


def to_srgb(light: float) -> float:
    """Linear light (clipped to 0–1) as an sRGB channel (0–1)."""
    light = min(max(light, 0.0), 1.0)
    if light <= 0.0031308:
        return 12.92 * light
    return float(1.055 * light ** (1 / 2.4) - 0.055)


def linear(rgb: RGB) -> tuple[float, float, float]:
    """An 8-bit sRGB colour as linear RGB."""
    red, green, blue = (to_linear(value / 255) for value in rgb)
    return red, green, blue


_XYZ = ((0.4124564, 0.3575761, 0.1804375), (0.2126729, 0.7151522, 0.0721750),
        (0.0193339, 0.1191920, 0.9503041))  # fmt: skip
_D65 = (0.95047, 1.0, 1.08883)
_EPSILON = (6 / 29) ** 3


def _lab_f(t: float) -> float:
    return float(t ** (1 / 3)) if t > _EPSILON else t / (3 * (6 / 29) ** 2) + 4 / 29


def lab_of_linear(light: tuple[float, float, float]) -> Lab:
    """Linear RGB → CIE L*a*b* (D65)."""
    x, y, z = (sum(row[i] * light[i] for i in range(3)) for row in _XYZ)
    fx, fy, fz = (_lab_f(value / white) for value, white in zip((x, y, z), _D65, strict=True))
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def lab(rgb: RGB) -> Lab:
    """An 8-bit sRGB colour in CIE L*a*b* (D65)."""
    return lab_of_linear(linear(rgb))


def delta_e76(one: Lab, other: Lab) -> float:
    """CIE76 colour difference: the distance in Lab (2.3 is just noticeable)."""
    return math.dist(one, other)


DEUTERANOPIA = ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                (-0.011820, 0.042940, 0.968881))  # fmt: skip
"""Machado, Oliveira & Fernandes (2009), deuteranomaly at severity 1.0: linear RGB → RGB."""


def deuteranopia(rgb: RGB) -> RGB:
    """How a deuteranope sees an 8-bit sRGB colour (simulated in linear RGB, clipped)."""
    light = linear(rgb)
    seen = (sum(row[i] * light[i] for i in range(3)) for row in DEUTERANOPIA)
    red, green, blue = (round(to_srgb(value) * 255) for value in seen)
    return red, green, blue


def as_256(rgb: RGB) -> RGB:
    """The colour a 256-colour terminal shows: Rich's (so Textual's) downgrade of it."""
    triplet = Color.from_rgb(*rgb).downgrade(ColorSystem.EIGHT_BIT).get_truecolor()
    return triplet.red, triplet.green, triplet.blue


def as_16(rgb: RGB) -> int:
    """The ANSI colour (0–15) a 16-colour terminal shows, as Rich downgrades it."""
    number = Color.from_rgb(*rgb).downgrade(ColorSystem.STANDARD).number
    assert number is not None
    return number


def luminance(rgb: RGB) -> float:
    """WCAG relative luminance."""
    red, green, blue = linear(rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one: RGB, other: RGB) -> float:
    """WCAG contrast ratio, 1 to 21 (4.5 for body text, 3 for large text)."""
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def group_pairs() -> list[tuple[str, str]]:
    """Every pair of phases in different `APART` groups."""
    return [
        (one, other)
        for first, second in combinations(APART, 2)
        for one in first
        for other in second
    ]


def distances(seen: str = "256") -> dict[tuple[str, str], float]:
    """ΔE76 of every pair of phases in different groups, as seen in a 256-colour terminal
    ('256') or by a deuteranope in one ('deuteranopia')."""
    found = {}
    for one, other in group_pairs():
        a, b = (as_256(hex_rgb(PALETTE[name].background)) for name in (one, other))
        if seen == "deuteranopia":
            a, b = deuteranopia(a), deuteranopia(b)
        found[one, other] = delta_e76(lab(a), lab(b))
    return found


def report() -> str:
    """The distances, closest first, for a person to read: `python -m hamtimer.tui.palette`."""
    lines = ["phases                      256 colours   deuteranopia"]
    plain, deutan = distances("256"), distances("deuteranopia")
    for pair in sorted(plain, key=lambda key: min(plain[key], deutan[key])):
        lines.append(f"{' / '.join(pair):28}{plain[pair]:11.1f}{deutan[pair]:15.1f}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(report())
