"""The words the voice coach says, decided from the plan as the screen's words are.

Pure functions of a plan and a step's index (and, for a few, a number): nothing here knows
about time passing, sound or synthesis. Numbers are written as words ("thirty seconds"), so
every speech engine reads them the same way and a recogniser can be given the exact words.

- `announce`: what is said as a step starts ("Right leg forward. Five split stance jumps.",
  "Rest thirty seconds. Next: left leg forward.", "Now counter-clockwise.").
- `brief`: a shorter form for when the full one would run over the boundary it announces.
- `count`, `phase`, `time_left`, `last_time`, `beat_last_time`, `round_done`, `finished`: the
  other phrases.
- `vocabulary`: every word any of these may say for a plan (for tests with a recogniser).
"""

from __future__ import annotations

import re

from hamtimer.circuit.kinds import BlockRole
from hamtimer.plan.steps import Plan, RestReason, Step, StepKind, WorkMode

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")

HOLD_WORDS = "Hold until it fades."
PHASE_WORDS = ("down", "hold", "up", "hold")
"""A tempo's phases as said and shown: lowering, the pause at the bottom, lifting, the pause
at the top."""
ROLE_WORDS = {BlockRole.WARM_UP: "Warm-up", BlockRole.COOL_DOWN: "Cool-down"}
"""What a warm-up or cool-down step is called, on screen and aloud; main work has none."""
BEAT_WORDS = "That beats last time."
BEST_WORDS = "A new best."
DONE_WORDS = "Workout done."
AMRAP_WORDS = "As many rounds as you can"
ROUNDS_AHEAD = 30
"""An AMRAP's rounds whose 'Round N done.' is made ahead of time (more are made when said)."""


def number_words(number: int) -> str:
    """0 → 'zero', 41 → 'forty-one', 105 → 'one hundred and five'; digits from 1000 on."""
    if number < 0 or number >= 1000:
        return str(number)
    if number < 20:
        return _ONES[number]
    if number < 100:
        tens, ones = divmod(number, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    hundreds, rest = divmod(number, 100)
    head = f"{_ONES[hundreds]} hundred"
    return f"{head} and {number_words(rest)}" if rest else head


def seconds_words(seconds: float) -> str:
    """A length as said aloud: 'thirty seconds', 'ninety seconds', 'two minutes thirty'."""
    whole = max(0, round(seconds))
    if whole == 1:
        return "one second"
    if whole <= 90:
        return f"{number_words(whole)} seconds"
    minutes, rest = divmod(whole, 60)
    head = f"{number_words(minutes)} minute{'s' if minutes != 1 else ''}"
    return f"{head} {number_words(rest)}" if rest else head


def minutes_words(seconds: float) -> str:
    """A workout's length to the minute: 'twenty-two minutes' (seconds under a minute)."""
    if seconds < 60:
        return seconds_words(seconds)
    minutes = round(seconds / 60)
    return f"{number_words(minutes)} minute{'s' if minutes != 1 else ''}"


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else f"{text}."


def _side(step: Step) -> str:
    """'right leg forward' from the plan's 'RIGHT leg forward'."""
    return (step.side_text or "").lower()


def _plural(name: str) -> str | None:
    """'Split stance jump' → 'split stance jumps'; None where a plain plural would be wrong."""
    lowered = name.lower()
    if re.search(r"\b(and|with|or|to)\b|[^a-z' -]", lowered) or lowered.endswith("s"):
        return None
    return f"{lowered}s"


def _previous_work(plan: Plan, index: int) -> Step | None:
    for step in reversed(plan.steps[:index]):
        if step.kind is StepKind.WORK:
            return step
    return None


def _next_work(plan: Plan, index: int) -> Step | None:
    for step in plan.steps[index + 1 :]:
        if step.kind is StepKind.WORK:
            return step
    return None


def _is_flip(plan: Plan, index: int) -> bool:
    """A second run of the same exercise on the same side in another direction."""
    step = plan.steps[index]
    before = plan.steps[index - 1] if index > 0 else None
    return (
        before is not None
        and before.kind is StepKind.WORK
        and step.direction is not None
        and before.direction is not None
        and before.direction != step.direction
        and before.exercise == step.exercise
        and before.side == step.side
    )


def _interval(step: Step) -> str:
    """'Minute three of ten.' for a step that starts an interval, else ''."""
    if step.interval_number is None or step.interval_count is None:
        return ""
    number, count = number_words(step.interval_number), number_words(step.interval_count)
    return _sentence(f"{step.interval_word} {number} of {count}")


def _work(plan: Plan, index: int) -> str:
    """What to do, as the work starts (in an interval block, which interval first)."""
    step = plan.steps[index]
    if step.mode is WorkMode.AMRAP:
        amrap = f"{_sentence(step.title)} {AMRAP_WORDS} in {seconds_words(step.seconds or 0)}."
        previous = _previous_work(plan, index)
        if step.role in ROLE_WORDS and (previous is None or previous.role is not step.role):
            return f"{ROLE_WORDS[step.role]}. {amrap}"
        return amrap
    before = plan.steps[index - 1] if index else None
    if before is None or before.interval_number != step.interval_number:
        return " ".join(part for part in (_interval(step), _plain_work(plan, index)) if part)
    return _plain_work(plan, index)


def _plain_work(plan: Plan, index: int) -> str:
    """The exercise, side and amount, as the work starts."""
    step = plan.steps[index]
    if _is_flip(plan, index):
        before = plan.steps[index - 1]
        reps = "" if before.reps == step.reps else f"{number_words(step.reps or 0)} "
        return f"Now {reps}{step.direction}."
    previous = _previous_work(plan, index)
    new_exercise = previous is None or previous.exercise != step.exercise
    name = step.exercise or step.title
    parts: list[str] = []
    if step.role in ROLE_WORDS and (previous is None or previous.role is not step.role):
        parts.append(ROLE_WORDS[step.role])
    plural = _plural(name)
    if step.mode is WorkMode.REPS and step.direction is None and plural is not None:
        what = f"{reps_words(step)} {plural}"
    else:
        if new_exercise:
            parts.append(name)
        what = _what(step)
    if step.side_text:
        parts.append(_side(step))
    parts.append(what)
    return " ".join(_sentence(part) for part in parts if part)


def reps_words(step: Step) -> str:
    """A step's reps as said aloud: 'eight', or a range, 'six to eight'."""
    top = number_words(step.reps or 0)
    return top if step.reps_low is None else f"{number_words(step.reps_low)} to {top}"


def _what(step: Step) -> str:
    if step.mode is WorkMode.OPEN:
        return HOLD_WORDS
    if step.mode is WorkMode.TIMED:
        if step.seconds_low is not None:
            return f"{number_words(round(step.seconds_low))} to {seconds_words(step.seconds or 0)}"
        return seconds_words(step.seconds or 0)
    reps = reps_words(step)
    return f"{reps} {step.direction}" if step.direction else f"{reps} reps"


def _named(plan: Plan, index: int) -> str:
    """A work step named as 'next': its side when the exercise stays, else its exercise."""
    step = plan.steps[index]
    previous = _previous_work(plan, index)
    set_part = ""
    new_interval = previous is None or previous.interval_number != step.interval_number
    if step.interval_number is not None and new_interval:
        set_part = f"{step.interval_word} {number_words(step.interval_number)}, "
    elif previous is not None and step.set_number != previous.set_number and step.set_number:
        set_part = f"{step.set_word or 'set'} {number_words(step.set_number)}, "
    if previous is not None and previous.exercise == step.exercise and step.side_text:
        return f"{set_part}{_side(step)}"
    name = (step.exercise or step.title).lower()
    side = f", {_side(step)}" if step.side_text else ""
    role = ""
    if step.role in ROLE_WORDS and (previous is None or previous.role is not step.role):
        role = f"{ROLE_WORDS[step.role].lower()}, "
    return f"{role}{set_part}{name}{side}"


def _pause(plan: Plan, index: int, *, with_next: bool) -> str:
    step = plan.steps[index]
    if step.kind is StepKind.REST and step.rest_reason is RestReason.WRITTEN:
        head = f"{_sentence(step.title).rstrip('.')}: {seconds_words(step.seconds or 0)}."
    elif step.rest_reason is RestReason.INTERVAL:  # as long as the work left of the interval
        head = "Rest."
    elif step.kind is StepKind.REST:
        head = f"Rest {seconds_words(step.seconds or 0)}."
    elif step.kind is StepKind.SWITCH_SIDES:
        head = "Switch sides."
    else:
        head = f"Get ready: {seconds_words(step.seconds or 0)}."
    following = _next_work(plan, index)
    if not with_next or following is None:
        return head
    lead = "First" if step.kind is StepKind.GET_READY else "Next"
    return f"{head} {lead}: {_named(plan, following.index)}."


def announce(plan: Plan, index: int) -> str:
    """What the voice says as step `index` starts."""
    step = plan.steps[index]
    if step.kind is StepKind.WORK:
        return _work(plan, index)
    return _pause(plan, index, with_next=True)


def brief(plan: Plan, index: int) -> str:
    """A shorter start phrase, for a step whose full one would not fit before its next cue:
    the direction or the side alone for work, no 'next' for a pause. May equal `announce`."""
    step = plan.steps[index]
    if step.kind is not StepKind.WORK:
        return _pause(plan, index, with_next=False)
    if step.direction is not None:
        return _sentence(str(step.direction))
    if step.side_text:
        return _sentence(_side(step))
    if step.mode is WorkMode.OPEN:
        return HOLD_WORDS
    if step.mode is WorkMode.AMRAP:
        return f"{AMRAP_WORDS}."
    return _sentence(_what(step))


def count(number: int) -> str:
    """A paced rep, counted aloud: 'Two.'"""
    return _sentence(number_words(number))


def phase(number: int) -> str:
    """A tempo phase starting (1 down, 2 hold, 3 up, 4 hold), said aloud: 'Up.'"""
    return _sentence(PHASE_WORDS[number - 1])


def time_left(seconds: float) -> str:
    """The heads-up before a rest ends: 'Ten seconds.'"""
    return _sentence(seconds_words(seconds))


def last_time(seconds: float) -> str:
    """Said after a hold's start phrase: 'Last time: forty-one seconds.'"""
    return f"Last time: {seconds_words(seconds)}."


def beat_last_time() -> str:
    """Said when a hold passes last time's."""
    return BEAT_WORDS


def new_best() -> str:
    """Said when a hold passes the best ever held on that side."""
    return BEST_WORDS


def round_done(number: int) -> str:
    """An AMRAP round counted: 'Round four done.'"""
    return f"Round {number_words(number)} done."


def finished(seconds: float) -> str:
    """The end: 'Workout done. Twenty-two minutes.'"""
    return f"{DONE_WORDS} {_sentence(minutes_words(seconds))}"


def vocabulary(plan: Plan) -> set[str]:
    """Every word the start phrases of `plan` and its counts say, lowercased, no punctuation."""
    texts = [announce(plan, i) for i in range(len(plan))]
    texts += [brief(plan, i) for i in range(len(plan))]
    texts += [count(n) for n in range(1, 1 + max((s.reps or 0 for s in plan.steps), default=0))]
    if any(step.tempo_phases for step in plan.steps):
        texts += [phase(number) for number in range(1, len(PHASE_WORDS) + 1)]
    if any(step.mode is WorkMode.AMRAP for step in plan.steps):
        texts += [round_done(n) for n in range(1, ROUNDS_AHEAD + 1)]
    texts += [time_left(10), beat_last_time(), DONE_WORDS]
    return {word for text in texts for word in re.findall(r"[a-z']+(?:-[a-z']+)*", text.lower())}
