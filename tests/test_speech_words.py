"""The voice's words, decided from the plan: held against the bundled circuit's facts."""

from __future__ import annotations

import pytest
from circuit_facts import HAMSTRING

from hamtimer.circuit import Circuit
from hamtimer.plan import Plan, build_plan
from hamtimer.plan import speech as words


@pytest.fixture(scope="module")
def plan(hamstring: Circuit) -> Plan:
    """The bundled circuit, hands-free (every set of reps paced)."""
    return build_plan(hamstring, hands_free=True)


@pytest.mark.parametrize(
    ("number", "said"),
    [
        (0, "zero"),
        (5, "five"),
        (12, "twelve"),
        (19, "nineteen"),
        (20, "twenty"),
        (30, "thirty"),
        (41, "forty-one"),
        (99, "ninety-nine"),
        (100, "one hundred"),
        (105, "one hundred and five"),
        (999, "nine hundred and ninety-nine"),
        (1000, "1000"),
    ],
)
def test_numbers_are_said_as_words(number: int, said: str) -> None:
    assert words.number_words(number) == said


@pytest.mark.parametrize(
    ("seconds", "said"),
    [
        (1, "one second"),
        (10, "ten seconds"),
        (30, "thirty seconds"),
        (60, "sixty seconds"),
        (90, "ninety seconds"),
        (120, "two minutes"),
        (150, "two minutes thirty"),
        (61.4, "sixty-one seconds"),
    ],
)
def test_lengths_are_said_as_a_runner_would(seconds: float, said: str) -> None:
    assert words.seconds_words(seconds) == said


@pytest.mark.parametrize(
    ("seconds", "said"),
    [(1324, "Workout done. Twenty-two minutes."), (45, "Workout done. Forty-five seconds.")],
)
def test_the_end_says_the_length_to_the_minute(seconds: float, said: str) -> None:
    assert words.finished(seconds) == said


def _expected(index: int) -> str:
    """The start phrase of the bundled circuit's step `index`, written from its facts."""
    fact = HAMSTRING[index]
    if fact.kind == "get_ready":
        return "Get ready: ten seconds. First: split stance jump, right leg forward."
    if fact.kind == "switch_sides":
        side = "leg pushing" if "Bird" in (HAMSTRING[index + 1].exercise or "") else "leg forward"
        return f"Switch sides. Next: left {side}."
    if fact.kind == "rest":
        return f"Rest {words.seconds_words(fact.seconds or 0)}. Next: "
    if fact.exercise == "Split stance jump":
        return f"{(fact.side or '').capitalize()} leg forward. Five split stance jumps."
    if fact.hold:
        side = f"{(fact.side or '').capitalize()} leg pushing."
        return side if fact.side == "left" else f"Bird dog with wall push. {side}"
    if fact.direction == "counter-clockwise":
        return "Now counter-clockwise."
    if fact.direction == "clockwise":
        side = f"{(fact.side or '').capitalize()} leg forward. Six clockwise."
        return side if fact.side == "left" else f"Runner's lunge halo. {side}"
    return "Hamstring roll-out and roll-in. Twelve reps."


@pytest.mark.parametrize("index", range(len(HAMSTRING)))
def test_every_start_phrase_of_the_bundled_circuit(plan: Plan, index: int) -> None:
    said = words.announce(plan, index)
    expected = _expected(index)
    if HAMSTRING[index].hold:
        assert said == f"{expected} Hold until it fades."
    else:
        assert said.startswith(expected), said


@pytest.mark.parametrize(
    ("index", "then"),
    [
        (2, "left leg forward."),  # rest between legs: the other leg next
        (4, "set two, right leg forward."),  # between sets: the set and the leg
        (12, "round one, bird dog with wall push, right leg pushing."),  # between blocks
        (16, "runner's lunge halo, right leg forward."),  # between exercises
        (22, "hamstring roll-out and roll-in."),
        (24, "round two, bird dog with wall push, right leg pushing."),  # between rounds
    ],
)
def test_a_rest_says_what_follows(plan: Plan, index: int, then: str) -> None:
    assert words.announce(plan, index).endswith(f"Next: {then}")


@pytest.mark.parametrize("index", range(len(HAMSTRING)))
def test_the_brief_form_keeps_what_matters_most(plan: Plan, index: int) -> None:
    fact, brief = HAMSTRING[index], words.brief(plan, index)
    assert len(brief) <= len(words.announce(plan, index))
    if fact.direction:
        assert brief == f"{fact.direction.capitalize()}."  # the direction, never lost
    elif fact.side and fact.kind == "work":
        assert brief.lower().startswith(fact.side)
    elif fact.kind == "rest":
        assert brief == f"Rest {words.seconds_words(fact.seconds or 0)}."


def test_a_flip_with_other_reps_says_them(plan: Plan) -> None:
    from hamtimer.circuit import parse_circuit

    circuit = parse_circuit(
        """
name = "uneven halos"
[[blocks]]
name = "B"
sets = 1
[[blocks.exercises]]
name = "Halo"
kind = "stability"
[[blocks.exercises.prompts]]
reps = 6
direction = "clockwise"
[[blocks.exercises.prompts]]
reps = 8
direction = "counter-clockwise"
""",
        "<test>",
    )
    flipped = build_plan(circuit)
    assert words.announce(flipped, 2) == "Now eight counter-clockwise."
    assert words.announce(flipped, 1) == "Halo. Six clockwise."


def test_the_vocabulary_holds_every_word_said(plan: Plan) -> None:
    vocabulary = words.vocabulary(plan)
    assert {"right", "left", "clockwise", "counter-clockwise", "rest", "thirty"} <= vocabulary
    assert {"twelve", "ninety", "fades", "beats"} <= vocabulary
    assert "tuck" not in vocabulary
