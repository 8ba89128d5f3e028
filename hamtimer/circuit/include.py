"""Including another circuit file's blocks: a `[[blocks]]` entry `include = "other.toml"`.

The other file is a circuit of its own (it runs by itself too). It is read and checked when
the including file is, relative to that file's folder; its blocks take the entry's place,
and its name, timing, source and checks are ignored. A file that includes itself, directly
or through others, is refused naming the chain, and so is nesting deeper than `MAX_DEPTH`.
Every file read is returned with the hash of its bytes, so that the compiled plan
(`hamtimer.plan.compiled`) is rebuilt when any of them changes.

The other file is read with the loader's own function (`hamtimer.circuit.load.decode_circuit`),
which the loader puts in the validation context as `decode` beside the file's `origin`: the
loader stands over the models, and the models over this module.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Protocol, TypeVar

from hamtimer.circuit.kinds import CircuitError, CircuitFileError
from hamtimer.circuit.source import circuit_hash, read_bytes_of

_Block_co = TypeVar("_Block_co", covariant=True)


class Decoded(Protocol[_Block_co]):
    """What the include needs of a circuit read from another file."""

    @property
    def blocks(self) -> tuple[_Block_co, ...]:
        """The file's blocks, its own includes in place."""
        ...

    def included_files(self) -> tuple[tuple[str, str], ...]:
        """The files it included itself: (resolved path, sha256)."""
        ...


Decode = Callable[[Path, bytes], Decoded[Any]]
"""The loader's reading of a file's bytes as a circuit; every problem a `CircuitError`."""

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


def included_blocks(reference: str, context: Any) -> tuple[tuple[Any, ...], list[tuple[str, str]]]:
    """The blocks of the file `reference` names, relative to the file being checked (its
    path is the validation context's `origin`; the context's `decode` reads it), and every
    file read for them: (resolved path, sha256).

    A problem with the entry itself (no file, a cycle, too deep) is a ValueError, reported
    at the entry; a problem inside the other file is that file's own `CircuitError`.
    """
    origin, decode = _from_loader(context)
    if origin is None or decode is None:
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
        circuit = decode(target, raw)
    except CircuitError as problem:
        raise CircuitError(f"{problem}\n  (included by {origin})") from None
    finally:
        _CHAIN.reset(token)
    return circuit.blocks, [(str(resolved), circuit_hash(raw)), *circuit.included_files()]


def _from_loader(context: Any) -> tuple[str | None, Decode | None]:
    """The file being checked and the loader's `decode`, from the validation context: None
    for a circuit that is not a file (`<text>`, data) or not checked by the loader."""
    if not isinstance(context, dict):
        return None, None
    origin, decode = context.get("origin"), context.get("decode")
    if not isinstance(origin, str) or origin.startswith("<"):
        origin = None
    return origin, decode if callable(decode) else None
