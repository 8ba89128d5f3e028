"""An unknown key in a circuit file: what the runner probably meant, or where it belongs.

"Did you mean" is offered only where the meaning is close: first a map of the words runners
write for our keys (`rest` → the rest keys, `time` → `seconds`, `side` → `sides`), then a
near spelling of a key (`repz` → `reps`, `rest_betwen_sets`), never a key that only looks
alike (`rest` is not `reps`). A key that belongs in another table says which.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Mapping, Sequence

from hamtimer.circuit.shapes import or_join

_REST = (
    "rest_between_sets",
    "rest_between_exercises",
    "rest_between_sides",
    "rest_after",
    "rest_between_blocks",
)

LIKELY: Mapping[str, tuple[str, ...]] = {
    **dict.fromkeys(
        ("rest", "rests", "resting", "rest_time", "rest_seconds", "recovery", "break", "pause"),
        _REST,
    ),
    **dict.fromkeys(("reps", "rep", "repetitions", "repetition", "repeats", "count"), ("reps",)),
    **dict.fromkeys(
        ("time", "duration", "secs", "sec", "second", "seconds_each", "length", "work"),
        ("seconds",),
    ),
    "hold": ("to_fatigue", "seconds"),
    **dict.fromkeys(("fatigue", "until_fatigue", "to_failure", "failure", "max"), ("to_fatigue",)),
    **dict.fromkeys(("side", "each_side", "per_side", "both_sides", "legs"), ("sides",)),
    **dict.fromkeys(("side_name", "side_text", "label"), ("side_label",)),
    **dict.fromkeys(("set", "rounds", "round"), ("sets",)),
    **dict.fromkeys(("type", "category"), ("kind",)),
    **dict.fromkeys(("title",), ("name",)),
    **dict.fromkeys(("note", "comment", "comments", "info"), ("notes", "description")),
    **dict.fromkeys(("cues", "coaching", "tip", "tips", "instructions"), ("cue",)),
    **dict.fromkeys(("pace", "cadence", "speed"), ("tempo", "seconds_per_rep")),
    **dict.fromkeys(("dir", "rotation", "way"), ("direction",)),
    **dict.fromkeys(("harder", "progression", "variant", "challenge_mode"), ("challenge",)),
    **dict.fromkeys(("gear", "equipments", "kit", "weights", "weight"), ("equipment",)),
    **dict.fromkeys(("exercise", "exercice", "exercices", "moves"), ("exercises",)),
    **dict.fromkeys(("block", "section", "sections"), ("blocks",)),
    **dict.fromkeys(("prompt", "runs"), ("prompts",)),
    **dict.fromkeys(("expected", "estimate", "expected_time", "typical"), ("expected_seconds",)),
    **dict.fromkeys(("warmup", "countdown", "get_ready_seconds", "ready"), ("get_ready",)),
    **dict.fromkeys(("switch", "switch_time", "change_sides"), ("switch_sides",)),
    **dict.fromkeys(("interval",), ("every",)),
    **dict.fromkeys(("cap", "timecap", "time_limit"), ("time_cap",)),
    **dict.fromkeys(("reference", "ref", "paper"), ("citation",)),
    **dict.fromkeys(("link", "website"), ("url",)),
    **dict.fromkeys(("handsfree", "auto", "automatic"), ("hands_free",)),
}
"""Words a runner may write for our keys; only the keys the table has are offered."""

CUTOFF = 0.75
"""How close a spelling must be (difflib's ratio) to be offered: `repz` is, `rest` is
handled by `LIKELY` first, so it never reaches this."""


def normal(key: str) -> str:
    """A key as our keys are written: lower case, words joined by `_`."""
    return "_".join(key.strip().lower().replace("-", " ").split())


def unknown_key(key: str, here: Collection[str], places: Mapping[str, Sequence[str]]) -> str:
    """What to say about `key` in a table whose keys are `here`; `places` tells, for every
    key of the format, the tables it belongs in."""
    name = normal(key)
    meant = LIKELY.get(name) or (name,)
    if name not in LIKELY and name not in here and name not in places:
        known = sorted({*here, *places})
        meant = tuple(difflib.get_close_matches(name, known, n=1, cutoff=CUTOFF))
    offered = [word for word in meant if word in here and word != key]
    if offered:
        return f"unknown key {key}; did you mean {or_join(offered)}?"
    elsewhere = [word for word in meant if word in places and word not in here]
    if elsewhere == [key]:
        return f"{key} does not belong here: it goes in {or_join(places[key])}"
    if elsewhere:
        said = "; ".join(f"{word} goes in {or_join(places[word])}" for word in elsewhere[:3])
        return f"{key} does not belong here: {said}"
    return f"unknown key {key}: remove it (the keys here are {', '.join(sorted(here))})"
