"""A session's changes applied to its circuit: the circuit the timer runs that day.

Changes come by exercise name, from the programme, the level and the week (later ones win,
key by key), with what the progressions add. A change fits the exercise it names or is a
`ChangeError` in the runner's words: reps go on an exercise done in reps, seconds on timed
work, a hold target on a hold to fatigue; sets change only in a straight block, and a list
of reps or seconds already written one a set must be given again for another count. The
circuit's own checks (one rest a gap) hold for the changed exercise too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from hamtimer.circuit.amounts import Span, listed
from hamtimer.circuit.entries import gaps_problem
from hamtimer.circuit.model import Block, Circuit
from hamtimer.circuit.model import Exercise as CircuitExercise
from hamtimer.programme.model import Exercise

KEYS = ("sets", "reps", "seconds", "hold", "every_nth_session")
"""What a change may set, in the order it is applied."""


class ChangeError(ValueError):
    """A change that does not fit the exercise it names; `key` is the key to point at."""

    def __init__(self, text: str, *, key: str | None = None, name: str | None = None) -> None:
        super().__init__(text)
        self.key = key
        self.name = name
        """The exercise whose change it is; None for the session as a whole."""


@dataclass(frozen=True)
class Growth:
    """What the progressions add to one exercise in a session: to each set's reps, to each
    set's seconds, to its hold target; each with the most it may grow to."""

    reps: float = 0.0
    seconds: float = 0.0
    hold: float = 0.0
    caps: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Applied:
    """A session's circuit: changed, the hold targets it sets, and a key of what changed."""

    circuit: Circuit
    holds: Mapping[str, float]
    """Exercise name → the hold target in seconds, for holds to fatigue with one."""
    left_out: tuple[str, ...] = ()
    """Exercises this session leaves out (`every_nth_session`)."""
    key: str = ""
    """Every change made, as text: the session's plan differs from another's exactly when
    this does."""


def merged(changes: Sequence[Exercise]) -> dict[str, dict[str, Any]]:
    """Exercise name → the keys its changes set, later changes winning key by key."""
    found: dict[str, dict[str, Any]] = {}
    for change in changes:
        keys = found.setdefault(change.name, {})
        for key in KEYS:
            if key in change.model_fields_set and getattr(change, key) is not None:
                keys[key] = getattr(change, key)
    return found


def work_of(exercise: CircuitExercise) -> str:
    """What an exercise's work is, by the key a change would give: reps, seconds, hold or
    prompts."""
    if exercise.reps is not None:
        return "reps"
    if exercise.seconds is not None:
        return "seconds"
    return "hold" if exercise.to_fatigue else "prompts"


_WORK_WORDS = {
    "reps": "done in reps",
    "seconds": "timed (seconds)",
    "hold": "held to fatigue (a hold target)",
    "prompts": "runs of reps (prompts), which a programme cannot change",
}


def _fits(exercise: CircuitExercise, keys: Mapping[str, Any], key: str) -> None:
    work = work_of(exercise)
    if key in {"reps", "seconds", "hold"} and key != work:
        fix = f": change {work} instead" if work != "prompts" else ""
        raise ChangeError(
            f'"{exercise.name}" is {_WORK_WORDS[work]}, so {key} does not fit it{fix}',
            key=key,
            name=exercise.name,
        )


def _grown(value: Any, amount: float, cap: float | None, *, whole: bool) -> Any:
    """`value` (a number, a range or a list of them) with `amount` added, at most `cap`."""
    if isinstance(value, tuple):
        return tuple(_grown(item, amount, cap, whole=whole) for item in value)
    top = float("inf") if cap is None else cap

    def add(number: float) -> float:
        return max(number, min(number + amount, top))

    if isinstance(value, Span):
        low, high = add(value.low), add(value.high)
        return Span(low, high) if low < high else (int(high) if whole else high)
    grown = add(float(value))
    return int(grown) if whole else grown


def changed_exercise(
    exercise: CircuitExercise, block: Block, keys: Mapping[str, Any], growth: Growth
) -> CircuitExercise:
    """`exercise` with `keys` (a merged change) and `growth` applied; `ChangeError` when
    they do not fit it."""
    for key in keys:
        _fits(exercise, keys, key)
    update: dict[str, Any] = {}
    work = work_of(exercise)
    if work in {"reps", "seconds"}:
        value = keys.get(work, getattr(exercise, work))
        amount = growth.reps if work == "reps" else growth.seconds
        if amount:
            value = _grown(value, amount, growth.caps.get(work), whole=work == "reps")
        if value != getattr(exercise, work):
            update[work] = value
    count = keys.get("sets") or listed(update.get(work))
    if count is not None:
        rounds = block.set_count()
        if block.mode != "straight" and count != rounds:
            way = f"rounds ({rounds})" if block.mode == "circuit" else f"an {block.mode} block"
            raise ChangeError(
                f'"{exercise.name}" is in block "{block.name}", done as {way}: its sets '
                "follow the block's and cannot change",
                key="sets" if "sets" in keys else work,
                name=exercise.name,
            )
        written = listed(getattr(exercise, work, None)) if work in {"reps", "seconds"} else None
        if work not in update and written is not None and written != count:
            raise ChangeError(
                f'"{exercise.name}" lists {written} {work} in its circuit, one a set: give '
                f"{work} again with {count} values, or leave sets alone",
                key="sets",
                name=exercise.name,
            )
        if block.mode == "straight":
            rests = exercise.rest_between_sets
            problem = (
                gaps_problem(rests, count)
                if rests is not None
                else gaps_problem(block.rest_between_sets, count, used_by=exercise.name)
            )
            if problem:
                raise ChangeError(
                    f'"{exercise.name}" with {count} sets: its circuit\'s {problem}',
                    key="sets",
                    name=exercise.name,
                )
            update["sets"] = count
    return exercise.model_copy(update=update) if update else exercise


def apply(
    circuit: Circuit,
    changes: Sequence[Exercise],
    *,
    session: int = 1,
    growth: Mapping[str, Growth] | None = None,
) -> Applied:
    """The circuit of session `session` (counted from 1): `changes` and `growth` applied,
    the exercises it leaves out left out. Raises `ChangeError` for a change that does not
    fit (the name of an exercise the circuit lacks is `load`'s to tell)."""
    growth = growth or {}
    wanted = merged(changes)
    holds: dict[str, float] = {}
    left_out: list[str] = []
    blocks: list[Block] = []
    for block in circuit.blocks:
        entries: list[Any] = []
        for entry in block.exercises:
            if not isinstance(entry, CircuitExercise):
                entries.append(entry)
                continue
            keys = wanted.get(entry.name, {})
            grows = growth.get(entry.name, Growth())
            every = keys.get("every_nth_session")
            if every is not None and (session - 1) % every:
                left_out.append(entry.name)
                continue
            entries.append(changed_exercise(entry, block, keys, grows))
            if entry.to_fatigue and ("hold" in keys or grows.hold):
                base = float(keys.get("hold", 0.0))
                holds[entry.name] = _grown(base, grows.hold, grows.caps.get("hold"), whole=False)
        if any(isinstance(entry, CircuitExercise) for entry in entries):
            blocks.append(block.model_copy(update={"exercises": tuple(entries)}))
    if not blocks:
        raise ChangeError("leaves out every exercise of the circuit in this session")
    key = repr((tuple(blocks), sorted(holds.items())))  # frozen models: the same each run
    return Applied(
        circuit.model_copy(update={"blocks": tuple(blocks)}), holds, tuple(left_out), key
    )
