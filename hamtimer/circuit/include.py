"""Including another circuit file's blocks: a `[[blocks]]` entry `include = "other.toml"`.

The other file is a circuit of its own (it runs by itself too). It is read and checked when
the including file is, relative to that file's folder; its blocks take the entry's place,
and its name, timing, source and checks are ignored. A file that includes itself, directly
or through others, is refused naming the chain, and so is nesting deeper than `MAX_DEPTH`.
Every file read is returned with the hash of its bytes, so that the compiled plan
(`hamtimer.plan.compiled`) is rebuilt when any of them changes.
"""

from __future__ import annotations

import os
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hamtimer.circuit.kinds import CircuitError, CircuitFileError
from hamtimer.circuit.source import circuit_hash, read_bytes_of

if TYPE_CHECKING:
    from hamtimer.circuit.model import Block

MAX_DEPTH = 8
"""The most includes in a chain: a file including one that includes one… eight times."""

_CHAIN: ContextVar[tuple[Path, ...]] = ContextVar("hamtimer_include_chain", default=())
"""The files being read, outermost first, while an included file is checked."""


def chain_text(chain: tuple[Path, ...]) -> str:
    """'main.toml → parts/legs.toml → main.toml': each file relative to the first's folder."""
    base = chain[0].parent
    names = []
    for path in chain:
        try:
            names.append(os.path.relpath(path, base))
        except ValueError:  # another drive
            names.append(str(path))
    return " → ".join(names)


def included_blocks(
    reference: str, context: Any
) -> tuple[tuple[Block, ...], list[tuple[str, str]]]:
    """The blocks of the file `reference` names, relative to the file being checked (its
    path is the validation context's `origin`), and every file read for them: (resolved
    path, sha256).

    A problem with the entry itself (no file, a cycle, too deep) is a ValueError, reported
    at the entry; a problem inside the other file is that file's own `CircuitError`.
    """
    from hamtimer.circuit.load import decode_circuit

    origin = context.get("origin") if isinstance(context, dict) else None
    if not isinstance(origin, str) or origin.startswith("<"):
        raise ValueError("include works only in a circuit file: it names a file beside it")
    here = Path(origin)
    chain = _CHAIN.get() or (here.resolve(),)
    target = here.parent / reference
    resolved = target.resolve()
    if resolved in chain:
        raise ValueError(
            f"include cycle: {chain_text((*chain, resolved))}: a circuit cannot include "
            "itself, directly or through another file"
        )
    if len(chain) > MAX_DEPTH:
        raise ValueError(
            f"includes nest more than {MAX_DEPTH} deep: {chain_text((*chain, resolved))}"
        )
    try:
        raw = read_bytes_of(target)
    except CircuitFileError as problem:
        raise ValueError(str(problem)) from None
    token = _CHAIN.set((*chain, resolved))
    try:
        circuit = decode_circuit(target, raw)
    except CircuitError as problem:
        raise CircuitError(f"{problem}\n  (included by {origin})") from None
    finally:
        _CHAIN.reset(token)
    return circuit.blocks, [(str(resolved), circuit_hash(raw)), *circuit.included_files()]
