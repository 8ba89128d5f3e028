"""How late does a cue sound, from the moment it is due (`Event.due`) to playback starting?

Runs a generated workout (timed work and rests with their 3-2-1 countdowns, paced reps) at
real speed on `MonotonicClock`, woken by an asyncio loop exactly when
`Workout.next_change()` says something is due, as the timer screen does. A `SoundPlayer`
listens; for every cue it records:

- engine:  event delivered to the listener − `Event.due` (how late the loop woke),
- sound:   `play()` called → playback started,
- total:   `Event.due` → playback started.

"Playback started" is when `play_buffer` returned in the simpleaudio player process, or
when the system player's process had been started (`Popen` returned): the last moment this
side can see. The device's own output latency (its buffer) comes on top, and differs per
machine.

With no sound card, the default is to play into ALSA's `file` plugin (a standalone
configuration in a temporary folder, as the tests do); `--device default` uses the machine's
own default device instead.

    python bench/audio_latency.py                       # simpleaudio and aplay, 60 s each
    python bench/audio_latency.py --backend simpleaudio --seconds 120

`--voice` adds the voice coach (Piper, a fresh phrase cache) and runs the bundled circuit
hands-free instead, for `--seconds` (holds ended after 20 s): the cues' figures with speech
playing, and for every phrase **speech** = the moment the speech line placed it at (after the
tones in flight) → playback started, whether any phrase sounded over a tone, how many phrases
were said, and the synthesis time per phrase (time to make it, and against its own length).

    python bench/audio_latency.py --voice --backend simpleaudio --seconds 600

`--reference` (with `--voice`) first runs the same workout without the voice, so that the
machine's own load shows in the same run. Every run prints the 3-2-1 and go cues apart,
with how many sounded within 30 ms of their second.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from hamtimer.circuit import open_circuit, parse_circuit
from hamtimer.clock import MonotonicClock
from hamtimer.events import Event
from hamtimer.plan import Plan, build_plan
from hamtimer.sound import DESIGNS, Cue, Played, cue_for, open_sound
from hamtimer.workout import Workout, WorkoutState

TARGET = 0.030
"""The 3-2-1 and the go should sound within this many seconds of their second."""

CAPTURE_CONFIG = """\
pcm.!default {
    type file
    slave.pcm { type null }
    file { @func getenv vars [ HAMTIMER_BENCH_CAPTURE ] default "/dev/null" }
    format "wav"
    truncate false
}
"""

CIRCUIT = """
name = "latency bench"
[timing]
get_ready = 3.5
rest_between_sets = 3.5
rest_between_exercises = 3.5
[[blocks]]
name = "bench"
sets = {sets}
mode = "circuit"
[[blocks.exercises]]
name = "Timed"
kind = "isometric"
seconds = 3.5
[[blocks.exercises]]
name = "Paced"
kind = "strength"
reps = 6
tempo = 0.6
"""


def make_plan(seconds: float) -> Plan:
    """A workout of about `seconds`: rounds of timed work, a rest, paced reps, a rest."""
    sets = max(1, round(seconds / 14.1))
    return build_plan(parse_circuit(CIRCUIT.replace("{sets}", str(sets)), "<bench>"))


def voice_plan(seconds: float) -> Plan:
    """The bundled circuit, hands-free, cut to the steps that start within `seconds`."""
    _, circuit = open_circuit(None)
    plan = build_plan(circuit, hands_free=True)
    starts = plan.starts()
    steps = tuple(step for step, start in zip(plan.steps, starts, strict=True) if start < seconds)
    return replace(plan, steps=steps)


@dataclass
class Heard:
    """What one run recorded."""

    due: list[tuple[Cue, float, float]] = field(default_factory=list)  # cue, due, delivered
    played: list[Played] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    said: list[str] = field(default_factory=list)
    made: list[tuple[str, float, float]] = field(default_factory=list)  # text, seconds, took


async def run(plan: Plan, mode: str, voice: bool = False) -> tuple[str, Heard]:
    """Run the workout once with the sound in `mode` (and the voice); return the backend
    name and records."""
    heard = Heard()
    clock = MonotonicClock()
    player = open_sound(mode, notice=heard.notices.append, on_played=heard.played.append)
    workout = Workout(plan, clock, heads_up=10.0 if voice else None)
    listen = player.listener(plan, clock)
    coach = None
    if voice:
        from hamtimer.voice import open_voice

        coach = open_voice(player, root=Path(tempfile.mkdtemp(prefix="hamtimer-bench-voice-")))
        coach.prepare(plan)
        print(f"  {coach.line()}; synthesising {coach.synthesizer.pending()} phrases")

    def record(event: Event) -> None:
        delivered = clock.now()
        cue = cue_for(event, plan)
        if cue is not None and not player.muted:
            heard.due.append((cue, event.due, delivered))
        listen(event)

    workout.subscribe(record)
    if coach is not None:
        workout.subscribe(coach.listener(workout))
    loop = asyncio.get_running_loop()
    woken = asyncio.Event()
    workout.start()
    held_until: float | None = None
    while workout.state is not WorkoutState.FINISHED:
        due = workout.next_change()
        if due is None:  # a hold (only in the voice's plan): ended after 20 s
            held_until = held_until or clock.now() + 20.0
            if clock.now() >= held_until:
                workout.done()
                held_until = None
                continue
            due = held_until
        woken.clear()
        loop.call_at(loop.time() + max(0.0, due - clock.now()) + 0.001, woken.set)
        await woken.wait()
        workout.update()
    await asyncio.sleep(4.0 if voice else 0.5)
    name = player.backend_name
    if coach is not None:
        heard.said = list(coach.said)
        heard.made = [(m.text, m.seconds, m.took) for m in coach.synthesizer.made]
        coach.close()
    player.close()
    return name, heard


def describe(values: Sequence[float]) -> str:
    """median / p95 / p99 / max in milliseconds."""
    ordered = sorted(values)

    def pick(fraction: float) -> float:
        return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]

    return (
        f"median {statistics.median(ordered) * 1000:6.2f}  p95 {pick(0.95) * 1000:6.2f}  "
        f"p99 {pick(0.99) * 1000:6.2f}  max {ordered[-1] * 1000:6.2f} ms"
    )


def report(name: str, heard: Heard) -> bool:
    """Print one backend's figures; False when cues went missing or were reordered."""
    sounds = len(heard.played)
    cues = sum(record.cue is not None for record in heard.played)
    print(f"\n{name}: {cues} cues" + (f", {sounds - cues} phrases" if sounds > cues else ""))
    if heard.notices:
        print("  notices:", *heard.notices, sep="\n    ")
    expected = [cue for cue, _, _ in heard.due]
    phrases = [record for record in heard.played if record.phrase is not None]
    tones = [record for record in heard.played if record.cue is not None]
    heard.played = tones
    got = [record.cue for record in heard.played]
    if got != expected:
        print(f"  MISMATCH: {len(expected)} cues due, {len(got)} played")
        return False
    engine = [delivered - due for _, due, delivered in heard.due]
    sound = [record.started - record.requested for record in heard.played]
    total = [
        record.started - due for record, (_, due, _) in zip(heard.played, heard.due, strict=True)
    ]
    print(f"  engine  (due → listener)      {describe(engine)}")
    print(f"  sound   (play() → started)    {describe(sound)}")
    print(f"  total   (due → started)       {describe(total)}")
    marks = [
        late
        for late, record in zip(total, heard.played, strict=True)
        if record.cue in (Cue.COUNTDOWN, Cue.GO)
    ]
    if marks:
        within = sum(late <= TARGET for late in marks)
        print(
            f"  3-2-1 and go (due → started)  {describe(marks)}; "
            f"{within} of {len(marks)} within {TARGET * 1000:.0f} ms"
        )
    if heard.said or heard.made:
        report_voice(heard, phrases, tones)
    return True


def report_voice(heard: Heard, phrases: list[Played], tones: list[Played]) -> None:
    """The speech figures: lateness against the placed start, overlaps, synthesis times."""
    print(f"  phrases said: {len(heard.said)}, played: {len(phrases)}")
    if phrases:
        late = [record.started - record.requested for record in phrases]
        print(f"  speech  (placed → started)    {describe(late)}")
    from hamtimer.voice import wav_seconds

    over = 0
    for record in phrases:
        assert record.phrase is not None
        end = record.started + (wav_seconds(record.phrase) or 0.0)
        for tone in tones:
            assert tone.cue is not None
            tone_end = tone.started + DESIGNS[tone.cue].seconds
            if record.started < tone_end and tone.started < end and tone.started < record.started:
                over += 1
    print(f"  phrases starting while a tone sounded: {over}")
    if heard.made:
        took = [item[2] for item in heard.made]
        factor = [item[2] / item[1] for item in heard.made]
        print(
            f"  synthesis: {len(took)} phrases, per phrase median {statistics.median(took):.3f} s,"
            f" max {max(took):.3f} s; per second of speech median {statistics.median(factor):.3f} s"
        )
        for text, seconds, spent in heard.made:
            print(f"    {spent:6.3f} s for {seconds:5.2f} s  {text}")


def main(argv: Sequence[str] | None = None) -> int:
    """Parse options, run each backend, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=["simpleaudio", "system", "both"], default="both")
    parser.add_argument("--seconds", type=float, default=60.0, help="workout length per backend")
    parser.add_argument("--voice", action="store_true", help="with the voice coach (Piper)")
    parser.add_argument(
        "--reference",
        action="store_true",
        help="with --voice: first run the same workout without the voice, in the same run",
    )
    parser.add_argument(
        "--device",
        choices=["capture", "default"],
        default="capture",
        help="capture: ALSA file plugin in a temp folder (default); default: the real device",
    )
    args = parser.parse_args(argv)
    plan = voice_plan(args.seconds) if args.voice else make_plan(args.seconds)
    modes = ["simpleaudio", "system"] if args.backend == "both" else [args.backend]
    print(
        f"hamtimer audio latency: Python {platform.python_version()} on {platform.platform()}, "
        f"{os.cpu_count()} CPUs, {len(plan)} steps, ~{plan.estimated_seconds:.0f} s per backend, "
        f"device: {args.device}"
    )
    ok = True
    with tempfile.TemporaryDirectory(prefix="hamtimer-latency-") as folder:
        if args.device == "capture":
            config = Path(folder) / "asound.conf"
            config.write_text(CAPTURE_CONFIG)
            os.environ["ALSA_CONFIG_PATH"] = str(config)
            os.environ["HAMTIMER_BENCH_CAPTURE"] = str(Path(folder) / "capture.wav")
        for mode in modes:
            if args.voice and args.reference:
                name, heard = asyncio.run(run(plan, mode, False))
                ok = report(f"{name}, the same workout without the voice", heard) and ok
            name, heard = asyncio.run(run(plan, mode, args.voice))
            ok = report(name, heard) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
