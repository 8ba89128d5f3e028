"""A workout's life, from the start screen's choice to the history. No UI here.

`WorkoutSession` is everything a workout needs besides a screen: for one circuit file it
finds the interrupted workout to offer (and stores stale ones as abandoned), builds the
plan, begins a workout fresh or resumes it at the step it was on, saves a checkpoint at
every step change and pause, and stores the workout when the engine says it ended. The
app composes it with the screens and the sound; tests and tools drive it without them.

Saving happens off the caller's thread by default (`background=True`), in order, so a slow
disk never holds up the timer; a failure is passed to `on_error` (the app shows it) and the
workout runs on. Nothing is lost when a save fails (a full disk): the newest record of each
workout not yet saved is kept in memory and in a file of its own (`HistoryStore.keep_aside`),
tried again at every later save and when the session closes, and a file still left then is
added to the history at the next start. `unsaved_text` says so in plain words.
"""

from __future__ import annotations

import contextlib
import threading
import uuid
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from hamtimer.circuit import CircuitFile, Side
from hamtimer.clock import Calendar, Clock, SystemCalendar
from hamtimer.events import Event, EventKind
from hamtimer.plan import Plan, Step, WorkMode
from hamtimer.plan.compiled import CompiledCircuit, compile_circuit
from hamtimer.printable import json_printable

if TYPE_CHECKING:
    from hamtimer.circuit import Circuit
    from hamtimer.history import HistoryStore, HoldTarget, WorkoutRecord
    from hamtimer.history.following import SessionLink
    from hamtimer.workout import Workout

# The history and the engine load on first use (its thread, Enter), not for the start screen.

CHECKPOINT_EVENTS = frozenset(
    {
        EventKind.STEP_STARTED,
        EventKind.PAUSED,
        EventKind.RESUMED,
        EventKind.ROUND,
        EventKind.ROUND_TAKEN_BACK,
    }
)
"""Events after which the workout in progress is saved for resuming (an AMRAP's rounds too)."""

ENDING_EVENTS = frozenset({EventKind.FINISHED, EventKind.ABANDONED})


class WorkoutSession:
    """Workouts of one circuit file: begin or resume, checkpoints, the ended record."""

    def __init__(
        self,
        circuit_file: CircuitFile,
        circuit: Circuit | CompiledCircuit,
        *,
        store: HistoryStore | None,
        clock: Clock,
        speed: float = 1.0,
        hands_free: bool = False,
        background: bool = True,
        on_error: Callable[[str], None] | None = None,
        look_up: bool = True,
        session: SessionLink | None = None,
        hold_goals: Mapping[str, float] | None = None,
        calendar: Calendar | None = None,
    ) -> None:
        self.circuit_file = circuit_file
        self.session = session
        """The programme session this workout is, if it is one: linked at every save."""
        self.hold_goals = dict(hold_goals or {})
        """Exercise name → the hold target the programme sets (shown and cued as a mark)."""
        self.calendar: Calendar = calendar or SystemCalendar()
        """Where the day a session was done comes from."""
        if not isinstance(circuit, CompiledCircuit):
            circuit = compile_circuit(circuit, hands_free=hands_free)
        elif hands_free and not circuit.hands_free:
            raise ValueError("the circuit was compiled without hands-free pacing")
        self.circuit = circuit
        """The circuit's outline and both plans (compiled here, or read from the cache)."""
        self.store = store
        self.clock = clock
        self.speed = speed
        self.hands_free = circuit.hands_free
        """Every set of reps paced (`--hands-free` or the circuit's setting)."""
        self.digest = circuit_file.digest()
        self.errors: list[str] = []
        self.on_error: Callable[[str], None] = on_error or self.errors.append
        """Told of every saving problem, from the writer's thread; the workout runs on."""
        self._writer = (
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="hamtimer-save")
            if background
            else None
        )
        self.workout: Workout | None = None
        self._targets: dict[tuple[str, Side | None], HoldTarget] | None = None
        self.record: WorkoutRecord | None = None
        self.ended: WorkoutRecord | None = None
        self._unsaved: dict[uuid.UUID, tuple[WorkoutRecord, bool]] = {}
        self._kept: dict[uuid.UUID, Path | None] = {}  # where each unsaved one is kept
        self._closed = False
        self._lock = threading.Lock()  # the unsaved, `problem` and `kept_at`, across threads
        self.problem: str | None = None
        """Why the last save failed, while anything is still unsaved; None once all is saved."""
        self.kept_at: Path | None = None
        """The file the unsaved workout waits in meanwhile; None if it could not be written."""
        self.resumable: WorkoutRecord | None = None
        """The interrupted workout to offer for resuming (`look_up` finds it)."""
        self.looked_up = threading.Event()
        """Set once `look_up` has run: until then `resumable` is not known."""
        if look_up:
            self.look_up()

    def look_up(self, *, targets: bool = False) -> None:
        """Open the history and find the interrupted workout to offer (stale versions of
        the circuit's are stored as abandoned), and with `targets` the hold targets (Enter
        then never waits for them). `look_up=False` leaves this to the caller, e.g. for a
        thread after the first frame; any thread."""
        self.resumable = self._find_resumable()
        if targets:
            _ = self.targets
        self.looked_up.set()

    # ----------------------------------------------------------------- before starting

    def plan_for(self, challenge: bool) -> Plan:
        """The plan with or without the challenge variants (both compiled ahead)."""
        return self.circuit.plan(challenge)

    def take_notices(self) -> list[str]:
        """What the store has to say once (data set aside, a 0.1.0 history imported)."""
        return self.store.take_notices() if self.store is not None else []

    def _find_resumable(self) -> WorkoutRecord | None:
        if self.store is None:
            return None
        from hamtimer.history import HistoryError

        with contextlib.suppress(HistoryError):  # an edited circuit's old workout → history
            self.store.abandon_other_versions(self.circuit_file.name, self.digest)
        return self.store.resumable(self.digest)

    # ----------------------------------------------------------------- the workout

    def start(self, *, resume: bool, challenge: bool, heads_up: float | None = None) -> Workout:
        """A workout ready to start: fresh, or the interrupted one at the step it was on.

        Returns the engine (not started yet) with the checkpoint listener subscribed, and
        each hold's times to beat (`hold_marks`); `heads_up` is passed on for a voice.
        Starting fresh stores the interrupted workout as abandoned; a resumed workout
        whose circuit file changed since starts fresh instead (told through `on_error`).
        """
        from hamtimer.history import WorkoutRecord
        from hamtimer.workout import Workout

        interrupted = self.resumable
        chosen = interrupted if resume else None
        if chosen is not None and not chosen.fits(self.plan_for(chosen.challenge)):
            self.on_error("The circuit changed since that workout; starting fresh.")
            chosen = None
        if chosen is None:
            plan = self.plan_for(challenge)
            self.record = WorkoutRecord.begin(
                plan,
                circuit_ref=self.circuit_file.name,
                circuit_hash=self.digest,
                speed=self.speed,
            )
            workout = Workout(plan, self.clock, heads_up=heads_up, targets=self.hold_marks(plan))
        else:
            plan = self.plan_for(chosen.challenge)
            self.record = chosen
            workout = Workout(
                plan,
                self.clock,
                start_index=chosen.current_index,
                prior=chosen.prior_records(),
                heads_up=heads_up,
                targets=self.hold_marks(plan),
            )
        if interrupted is not None and interrupted is not chosen:
            self._submit(self._save, interrupted.abandoned(), False)
        self.resumable = None
        self.ended = None
        self.workout = workout
        workout.subscribe(self._on_event)
        return workout

    @property
    def targets(self) -> dict[tuple[str, Side | None], HoldTarget]:
        """Last time's hold and the best per to-fatigue exercise and side, read from the
        history once (ahead, by the app); always empty in a rehearsal, whose holds are not real."""
        if self._targets is None:
            self._targets = {}
            if self.store is not None and self.speed == 1:
                self._targets = self.store.hold_targets()
        return self._targets

    def target_for(self, step: Step | None) -> HoldTarget | None:
        """The hold to beat on a to-fatigue step (last time's, and the best); else None."""
        if step is None or step.mode is not WorkMode.OPEN or step.exercise is None:
            return None
        found = self.targets.get((step.exercise, step.side))
        goal = self.hold_goals.get(step.exercise)
        if goal is None:
            return found
        if found is None:
            from hamtimer.history import HoldTarget  # a programme's goal: the history is open

            return HoldTarget(step.exercise, step.side, None, None, goal)
        return replace(found, goal=goal)

    def hold_marks(self, plan: Plan) -> dict[int, tuple[float, ...]]:
        """Each hold of `plan` (step index) → the times to beat on it, shortest first."""
        return {
            step.index: target.marks()
            for step in plan.steps
            if (target := self.target_for(step)) is not None
        }

    def last_holds(self, plan: Plan) -> dict[int, float]:
        """Each hold of `plan` (step index) → last time's hold on its side: for the voice."""
        return {
            step.index: target.last
            for step in plan.steps
            if (target := self.target_for(step)) is not None and target.last is not None
        }

    def _on_event(self, event: Event) -> None:
        if event.kind in CHECKPOINT_EVENTS:
            self.checkpoint()
        elif event.kind in ENDING_EVENTS:
            self.finish()

    def checkpoint(self, *, release: bool = False) -> Future[None] | None:
        """Save the workout in progress; None when there is nothing to save.

        `release` saves it to be resumed later, by this process or another hamtimer.
        """
        workout, record = self.workout, self.record
        if workout is None or record is None or not workout.state.active:
            return None
        snapshot = record.progressed(
            workout.plan,
            workout.records,
            current_index=workout.index,
            paused=workout.paused,
        )
        return self._submit(self._save, snapshot, release)

    def finish(self) -> WorkoutRecord | None:
        """The ended workout's record, stored once; None while the workout is not over."""
        workout, record = self.workout, self.record
        if workout is None or record is None or not workout.state.over:
            return None
        if self.ended is None:
            from hamtimer.history import Outcome

            outcome = Outcome(workout.state.value)  # finished or abandoned: the same words
            self.ended = record.ended(workout.plan, workout.records, outcome)
            self._submit(self._save, self.ended, False)
        return self.ended

    def _save(self, record: WorkoutRecord, release: bool) -> None:
        """Save `record` (it replaces any unsaved record of its workout), and retry the rest."""
        with self._lock:
            self._unsaved[record.id] = (record, release)
        self._retry()

    def _retry(self) -> None:
        """Save every record still unsaved; on a failure keep it aside and say so once."""
        from hamtimer.history import HistoryError

        assert self.store is not None
        with self._lock:
            waiting = list(self._unsaved.values())
        link, current = self.session, self.record
        if link is not None:
            link = replace(link, day=self.calendar.today())
        for record, release in waiting:
            ours = current is not None and record.id == current.id  # not an older one abandoned
            try:
                if link is not None and ours:
                    self.store.save(record, release=release, session=link)
                else:
                    self.store.save(record, release=release)
            except HistoryError as error:
                self._failed(record, release, str(error))
                continue
            with self._lock:
                if self._unsaved.get(record.id, (None,))[0] is record:
                    del self._unsaved[record.id]
                    self._kept.pop(record.id, None)
                if not self._unsaved:
                    self.problem, self.kept_at = None, None

    def _failed(self, record: WorkoutRecord, release: bool, problem: str) -> None:
        from hamtimer.history import HistoryError

        assert self.store is not None
        try:
            kept_at: Path | None = self.store.keep_aside(record, release=release)
        except HistoryError as error:
            kept_at, problem = None, f"{problem}; {error}"
        with self._lock:
            told, self.problem, self.kept_at = self.problem, problem, kept_at
            self._kept[record.id] = kept_at
        if told != problem:
            self.on_error(problem)

    def unsaved_text(self) -> str | None:
        """The ended workout's saving trouble in plain words; None when it is saved (or
        still being saved without trouble)."""
        with self._lock:
            ended, problem = self.ended, self.problem
            unsaved = ended is not None and ended.id in self._unsaved
            kept_at = self._kept.get(ended.id) if ended is not None else None
        if not unsaved or problem is None:
            return None
        if kept_at is None:
            return (
                f"This workout is NOT saved yet: {problem}. hamtimer keeps it and tries again "
                "when you leave: free some space first."
            )
        return (
            f"This workout could not be saved to your history yet: {problem}. It is kept in "
            f"{kept_at} and goes into your history the next time hamtimer starts (hamtimer "
            "also tries again when you leave)."
        )

    def left_unsaved(self) -> list[WorkoutRecord]:
        """Records still not in the history (after `close`, they are lost unless kept)."""
        with self._lock:
            return [record for record, _ in self._unsaved.values()]

    def told_at_exit(self) -> list[str]:
        """What to tell, once the terminal is back, of workouts still unsaved after `close`:
        where each is kept, or, kept nowhere, the workout itself as one JSON line to save
        as a file (`hamtimer.history.kept` adds it at the next start)."""
        lines = []
        for record in self.left_unsaved():
            what = f"the workout ({record.circuit}, {record.completed}/{len(record.steps)} steps)"
            kept_at = self._kept.get(record.id)
            if kept_at is not None:
                lines.append(
                    f"{what} could not be saved to the history ({self.problem}); it is kept "
                    f"in {kept_at} and goes into your history the next time hamtimer starts"
                )
            else:
                lines.append(
                    f"{what} could not be saved anywhere ({self.problem}). Here it is: save "
                    f"this line as unsaved-{record.id}.json in the data folder and hamtimer "
                    f"adds it at the next start:\n{json_printable(_json_of(record))}"
                )
        return lines

    def _submit(self, write: Callable[..., None], *args: object) -> Future[None] | None:
        """Run a store write in order, off the caller's thread when in the background."""
        if self.store is None:
            return None
        if self._writer is None:
            done: Future[None] = Future()
            self._guarded(write, *args)
            done.set_result(None)
            return done
        return self._writer.submit(self._guarded, write, *args)

    def _guarded(self, write: Callable[..., None], *args: object) -> None:
        from hamtimer.history import HistoryError

        try:
            write(*args)
        except HistoryError as error:
            self.on_error(str(error))

    def close(self) -> None:
        """Finish every pending save and try the unsaved ones once more (the process may
        end right after)."""
        if self._closed:
            return
        self._closed = True
        if self.store is not None:
            self._submit(self._retry)
        if self._writer is not None:
            self._writer.shutdown(wait=True)


def _json_of(record: WorkoutRecord) -> str:
    """The workout as one JSON document (pydantic loads only for this rare case)."""
    from hamtimer.history import jsonform

    return jsonform.dumps(record)
