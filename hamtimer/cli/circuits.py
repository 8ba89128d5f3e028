"""The circuit commands: `list`, `show`, `check` and `schema`."""

from __future__ import annotations

import argparse
import json
from datetime import datetime, timedelta

from rich.console import Console
from rich.table import Table
from rich.text import Text

from hamtimer.circuit import (
    CircuitError,
    available,
    json_schema,
    load_circuit,
    open_circuit,
    user_circuits_dir,
)
from hamtimer.cli.output import EXIT_INVALID, EXIT_OK, warn_about
from hamtimer.plan import Plan, StepKind, build_plan, format_duration

PHASE_STYLES = {
    StepKind.WORK: "bold green",
    StepKind.REST: "cyan",
    StepKind.SWITCH_SIDES: "magenta",
    StepKind.GET_READY: "yellow",
}


def plan_table(plan: Plan, started: datetime) -> Table:
    """The plan as a table: when each step starts, what it is, and how long it lasts."""
    table = Table(title=f"{plan.circuit}" + (" — challenge" if plan.challenge else ""))
    table.add_column("#", justify="right", style="dim")
    table.add_column("start", justify="right")
    table.add_column("at", justify="right", style="dim")
    table.add_column("step")
    table.add_column("set")
    table.add_column("time", justify="right")
    for step, offset in zip(plan.steps, plan.starts(), strict=True):
        at = started + timedelta(seconds=offset)
        length = format_duration(step.estimate)
        if not step.ends_itself:
            length = f"~{length}"
        text = Text(step.summary, style=PHASE_STYLES[step.kind])
        if step.challenge:
            text.append(f"\n  challenge: {step.challenge}", style="italic")
        table.add_row(
            str(step.index + 1),
            format_duration(offset),
            at.strftime("%H:%M:%S"),
            text,
            step.set_text or "",
            length,
        )
    table.caption = (
        f"{len(plan)} steps · estimated {format_duration(plan.estimated_seconds)} "
        "(~ marks reps and holds that last as long as you take)"
    )
    return table


def show(args: argparse.Namespace, out: Console, err: Console) -> int:
    """`hamtimer show`: the expanded plan, as a table or JSON."""
    found, circuit = open_circuit(args.circuit)
    warn_about(err, str(found.path), circuit)
    plan = build_plan(circuit, challenge=args.challenge)
    if args.json:
        document = plan.model_dump(mode="json")
        document["starts"] = plan.starts()
        print(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        out.print(plan_table(plan, datetime.now()))
    return EXIT_OK


def list_circuits(out: Console) -> int:
    """`hamtimer list`: every circuit by name, with its length and where it is."""
    table = Table(title="Circuits")
    for column in ("name", "title", "exercises", "estimated", "from"):
        table.add_column(column)
    for item in available():
        try:
            circuit = load_circuit(item.path)
        except CircuitError as error:
            table.add_row(item.name, Text(f"invalid: {error}".splitlines()[0], style="red"), "", "")
            continue
        plan = build_plan(circuit)
        table.add_row(
            item.name,
            circuit.name,
            str(len(circuit.exercises())),
            format_duration(plan.estimated_seconds),
            f"{item.origin} ({item.path})",
        )
    out.print(table)
    out.print(f"Your own circuits go in {user_circuits_dir()}", style="dim")
    return EXIT_OK


def check(args: argparse.Namespace, out: Console, err: Console) -> int:
    """`hamtimer check FILE...`: exit 0 when every file is a valid circuit, 1 otherwise."""
    status = EXIT_OK
    for path in args.files:
        try:
            circuit = load_circuit(path)
        except CircuitError as error:
            err.print(Text(str(error), style="red"))
            status = EXIT_INVALID
            continue
        plan = build_plan(circuit)
        out.print(
            f"{path}: ok — {circuit.name}, {len(plan)} steps, "
            f"estimated {format_duration(plan.estimated_seconds)}"
        )
        warn_about(err, str(path), circuit)
    return status


def schema() -> int:
    """`hamtimer schema`: the JSON Schema of the circuit format, for editors."""
    print(json.dumps(json_schema(), indent=2))
    return EXIT_OK
