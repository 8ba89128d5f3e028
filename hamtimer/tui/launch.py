"""Launching the app for the command line: the clock, the session, and the history, the
sound and the voice opened once the app has drawn its first frame."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from hamtimer import folders
from hamtimer.circuit import CircuitFile
from hamtimer.clock import Calendar, MonotonicClock, ScaledClock, SystemCalendar
from hamtimer.plan.compiled import CompiledCircuit
from hamtimer.session import WorkoutSession
from hamtimer.tui.app import HamtimerApp

if TYPE_CHECKING:
    from hamtimer.following import SessionCircuit
    from hamtimer.history import HistoryStore
    from hamtimer.tui.opening import ServicesApp, SoundFactory, VoiceFactory
    from hamtimer.tui.services import Coach, CuePlayer


def open_store(folder: Path | None) -> tuple[HistoryStore | None, str | None]:
    """The history store, or None and the reason when the data folder cannot be written."""
    from hamtimer.history import HistoryError, HistoryStore  # on the history's thread

    try:
        store = HistoryStore(folders.data_dir(folder))
        store.check_writable()
    except HistoryError as error:
        return None, f"{error} — this workout will not be saved"
    return store, None


def factories(
    sound: str, voice: str, voice_volume: float, speed: float
) -> tuple[SoundFactory | None, VoiceFactory | None]:
    """How the app opens its sound and its voice once its first frame is drawn; neither with
    `--sound off`: no player, no voice and no thread, nothing of either loaded."""
    if sound == "off":
        return None, None

    def open_sound(app: ServicesApp) -> CuePlayer:
        from hamtimer.sound import open_sound  # imported off the first frame's path, too

        return open_sound(sound, notice=app.notice, bell=app.ring_bell)

    def open_voice(app: ServicesApp, player: CuePlayer) -> Coach:
        from hamtimer.sound import SoundPlayer
        from hamtimer.voice import open_voice

        assert isinstance(player, SoundPlayer)
        return open_voice(
            player,
            mode="auto" if player.speaks else "off",
            enabled=voice == "on",
            volume=voice_volume,
            speed=speed,
            notice=app.notice,
        )

    return open_sound, open_voice


def run_app(
    circuit_file: CircuitFile,
    circuit: CompiledCircuit,
    *,
    challenge: bool,
    speed: float,
    sound: str,
    data_dir: Path | None,
    voice: str = "on",
    voice_volume: float = 1.0,
    hands_free: bool = False,
    programme: SessionCircuit | None = None,
    calendar: Calendar | None = None,
    notices: Sequence[str] = (),
) -> tuple[int, list[str]]:
    """Run the timer for a circuit until the runner leaves: the process exit code, and what
    to tell once the terminal is back (a workout that could not be saved).

    `voice` is 'on' or 'off' (off: no voice until `v`); `voice_volume` (0–1) the voice's
    level against the tones; `hands_free` paces every set of reps. `programme`: the circuit
    is this session of the programme followed (linked to it when saved, its hold targets
    shown); `calendar` says which day it is done on. `notices`: what the history said when
    it was read for the programme (a damaged file set aside), for the start screen.

    Raises the unexpected error that ended the app, if one did, with the terminal restored.
    """
    app = build_app(
        circuit_file,
        circuit,
        challenge=challenge,
        speed=speed,
        sound=sound,
        data_dir=data_dir,
        voice=voice,
        voice_volume=voice_volume,
        hands_free=hands_free,
        programme=programme,
        calendar=calendar,
        notices=notices,
    )
    result = app.run()
    app.session.close()
    if app.crashed is not None:
        raise app.crashed
    return (result if isinstance(result, int) else 0), app.session.told_at_exit()


def build_app(
    circuit_file: CircuitFile,
    circuit: CompiledCircuit,
    *,
    challenge: bool,
    speed: float,
    sound: str,
    data_dir: Path | None,
    voice: str = "on",
    voice_volume: float = 1.0,
    hands_free: bool = False,
    programme: SessionCircuit | None = None,
    calendar: Calendar | None = None,
    notices: Sequence[str] = (),
) -> HamtimerApp:
    """The app `run_app` runs (its arguments), on the real clock, ready to run."""
    clock = ScaledClock(speed) if speed != 1 else MonotonicClock()
    session = WorkoutSession(
        circuit_file,
        circuit,
        store=None,  # given by `prepare`, which Enter and h wait for
        clock=clock,
        speed=speed,
        hands_free=hands_free,
        look_up=False,
        session=programme.link if programme else None,
        hold_goals=programme.holds if programme else None,
        calendar=calendar or SystemCalendar(),
    )

    def prepare() -> str | None:
        """After the first frame: open the history and check that it can be written, then
        look for a workout to resume and read the hold targets (Enter needs both)."""
        session.store, problem = open_store(data_dir)
        session.look_up(targets=True)
        return problem

    sound_factory, voice_factory = factories(sound, voice, voice_volume, speed)
    app = HamtimerApp(
        session,
        challenge=challenge,
        sound_factory=sound_factory,
        voice_factory=voice_factory,
        prepare=prepare,
        place=programme.place if programme else None,
    )
    app.notices.extend(notices)
    return app
