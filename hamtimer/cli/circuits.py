"""The circuit commands: `list`, `show`, `check` and `schema`."""

from __future__ import annotations

import argparse
from datetime import datetime, timedelta
from pathlib import Path

from rich.console import Console
from rich.table import Table

from hamtimer.circuit import (
    Circuit,
    CircuitError,
    CircuitFileError,
    available,
    check_file,
    json_schema,
    load_circuit,
    open_checked,
    read_bytes_of,
    user_circuits_dir,
)
from hamtimer.circuit.load import CHECK_PROBLEMS
from hamtimer.cli.output import EXIT_INVALID, EXIT_OK, notice, plain, print_json, warn_about
from hamtimer.plan import (
    Plan,
    PlanTooLongError,
    RestReason,
    Step,
    StepKind,
    build_plan,
    format_duration,
    plan_document,
)
from hamtimer.plan.speech import ROLE_WORDS

PHASE_STYLES = {
    StepKind.WORK: "bold green",
    StepKind.REST: "cyan",
    StepKind.SWITCH_SIDES: "magenta",
    StepKind.GET_READY: "yellow",
}
EASY_STYLE = "bold magenta"
"""Warm-up and cool-down work, told apart from the workout's own."""


def plan_of(path: Path, circuit: Circuit, *, challenge: bool = False) -> Plan:
    """The circuit's plan; a plan too long to run is a `CircuitError` naming the file."""
    try:
        return build_plan(circuit, challenge=challenge)
    except PlanTooLongError as problem:
        raise CircuitError(f"{path}: {problem}") from None


def plan_table(plan: Plan, started: datetime) -> Table:
    """The plan as a table: when each step starts, what it is, and how long it lasts."""
    title = plain(plan.circuit) + (" — challenge" if plan.challenge else "")
    table = Table(title=title)
    table.add_column("#", justify="right", style="dim")
    table.add_column("start", justify="right")
    table.add_column("at", justify="right", style="dim")
    table.add_column("step")
    table.add_column("set")
    table.add_column("time", justify="right")
    for step, offset in zip(plan.steps, plan.starts(), strict=True):
        at = started + timedelta(seconds=offset)
        length = format_duration(step.estimate)
        if not step.ends_itself or step.rest_reason is RestReason.INTERVAL:
            length = f"~{length}"
        style = PHASE_STYLES[step.kind]
        if step.kind is StepKind.WORK and step.role in ROLE_WORDS:
            style = EASY_STYLE
        text = plain(step.summary, style)
        if step.challenge:
            text.append_text(plain(f"\n  challenge: {step.challenge}", "italic"))
        table.add_row(
            str(step.index + 1),
            format_duration(offset),
            at.strftime("%H:%M:%S"),
            text,
            plain(set_column(step)),
            length,
        )
    table.caption = (
        f"{len(plan)} steps · estimated {format_duration(plan.estimated_seconds)} "
        "(~ marks reps and holds that last as long as you take"
    )
    if any(step.rest_reason is RestReason.INTERVAL for step in plan.steps):
        table.caption += ", and an EMOM rest, which is what the work leaves of its interval"
    table.caption += ")"
    return table


def set_column(step: Step) -> str:
    """'set 2 of 3', with a warm-up or cool-down step's phase first: 'warm-up · set 1 of 2'."""
    role = ROLE_WORDS.get(step.role, "").lower()
    return " · ".join(part for part in (role, step.set_text or "") if part)


def show(args: argparse.Namespace, out: Console, err: Console) -> int:
    """`hamtimer show`: the expanded plan, as a table or JSON."""
    found, checked = open_checked(args.circuit)
    warn_about(err, str(found.path), checked)
    plan = plan_of(found.path, checked.circuit, challenge=args.challenge)
    if args.json:
        document = plan_document(plan)
        document["starts"] = plan.starts()
        print_json(out, document)
    else:
        out.print(plan_table(plan, datetime.now()))
    return EXIT_OK


def list_circuits(out: Console, err: Console) -> int:
    """`hamtimer list`: every circuit by name, with its length and where it is.

    A file that cannot be read as a circuit file at all (a FIFO, a device, too large) is
    left out with a notice on stderr; an invalid circuit is listed as invalid.
    """
    table = Table(title="Circuits")
    for column in ("name", "title", "exercises", "estimated", "from"):
        table.add_column(column)
    for item in available():
        try:
            circuit = load_circuit(item.path)
            plan = plan_of(item.path, circuit)
        except CircuitFileError as problem:
            notice(err, f"skipped {problem}")
            continue
        except CircuitError as problem:
            first = str(problem).splitlines()[0]
            table.add_row(plain(item.name), plain(f"invalid: {first}", "red"), "", "")
            continue
        table.add_row(
            plain(item.name),
            plain(circuit.name),
            str(len(circuit.exercises())),
            format_duration(plan.estimated_seconds),
            plain(f"{item.origin} ({item.path})"),
        )
    out.print(table)
    out.print(plain(f"Your own circuits go in {user_circuits_dir()}", "dim"))
    out.print(programmes_table(err))
    return EXIT_OK


def programmes_table(err: Console) -> Table:
    """Every programme by name, with its weeks and sessions, and where it is."""
    from hamtimer.programme import available
    from hamtimer.programme.load import read_programme
    from hamtimer.programme.schedule import sessions

    table = Table(title="Programmes (hamtimer follow NAME)")
    for column in ("name", "title", "weeks", "sessions", "from"):
        table.add_column(column)
    for item in available():
        try:
            checked = read_programme(item.path)
        except CircuitError as problem:
            first = str(problem).splitlines()[0]
            table.add_row(plain(item.name), plain(f"invalid: {first}", "red"), "", "", "")
            continue
        table.add_row(
            plain(item.name),
            plain(checked.programme.name),
            str(checked.programme.week_count),
            str(len(sessions(checked.programme))),
            plain(f"{item.origin} ({item.path})"),
        )
    return table


def check(args: argparse.Namespace, out: Console, err: Console) -> int:
    """`hamtimer check FILE...`: exit 0 when every file is a valid circuit, 1 otherwise.

    Every problem of a file is printed, a line each with its line number; warnings too.
    """
    from hamtimer.programme.load import is_programme

    status = EXIT_OK
    for path in args.files:
        try:
            if is_programme(read_bytes_of(path)):
                check_programme(path, out)
                continue
            checked = check_file(path, CHECK_PROBLEMS)[0]
            plan = plan_of(path, checked.circuit)
        except CircuitError as problem:
            err.print(plain(str(problem), "red"))
            status = EXIT_INVALID
            continue
        out.print(
            plain(
                f"{path}: ok — {checked.circuit.name}, {len(plan)} steps, "
                f"estimated {format_duration(plan.estimated_seconds)}"
            )
        )
        warn_about(err, str(path), checked)
    return status


def schema(out: Console, *, programme: bool = False) -> int:
    """`hamtimer schema [--programme]`: the JSON Schema of the circuit (or programme)
    format, for editors."""
    if programme:
        from hamtimer.programme.load import json_schema as programme_schema

        print_json(out, programme_schema())
    else:
        print_json(out, json_schema())
    return EXIT_OK


def check_programme(path: Path, out: Console) -> None:
    """A programme file checked: its circuits found and every change checked against
    them; `CircuitError` (a `ProgrammeError`) with every problem, each with its line."""
    from hamtimer.programme.load import read_programme
    from hamtimer.programme.schedule import sessions

    checked = read_programme(path, CHECK_PROBLEMS)
    count = len(sessions(checked.programme))
    weeks = max(session.week for session in sessions(checked.programme))
    out.print(
        plain(
            f"{path}: ok — programme {checked.programme.name}, {weeks} weeks, {count} sessions, "
            f"circuits: {', '.join(checked.circuits)}"
        )
    )
