"""Fuzzing the circuit loader: any file gives a circuit or our one-screen error, fast and small.

Three kinds of input, each through `load_circuit` on a real file: TOML built from the
structures that cost `tomllib` dear (dotted keys, deep headers, nested arrays and inline
tables, strings full of quotes, escapes and `#`) around the circuit's own keys; raw bytes;
and the bundled circuit with bytes changed. Every example must end within `SECONDS` of CPU
and `MEGABYTES` of allocations (tracemalloc). The budget is fixed (`EXAMPLES` a kind), so
CI spends the same time each run; the worst cases at the size limit are checked on their
own below, so the bounds do not rest on what the fuzz happens to find.
"""

from __future__ import annotations

import string
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hamtimer.circuit import MAX_BYTES, Circuit, CircuitError, load_circuit
from hamtimer.circuit.safe_toml import MAX_KEY_PARTS, MAX_NESTING
from hamtimer.folders import bundled_dir
from hamtimer.plan import build_plan

EXAMPLES = 150
SECONDS = 2.0  # the worst file at the size limit takes about 0.9 s here (every line wrong)
MEGABYTES = 64.0  # and 32 MB at its peak
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
KEYS = [
    "name", "blocks", "exercises", "prompts", "sets", "reps", "seconds", "kind", "mode",
    "sides", "timing", "tempo", "to_fatigue", "cue", "source", "citation", "a", "b", "x",
]  # fmt: skip
BUNDLED = (bundled_dir("circuits") / "hamstring.toml").read_bytes()


@contextmanager
def cpu_bounded(what: str) -> Iterator[None]:
    """Fail if the block takes more than `SECONDS` of CPU."""
    began = time.process_time()
    yield
    spent = time.process_time() - began
    assert spent < SECONDS, f"{what}: {spent:.2f} s of CPU"


@contextmanager
def memory_bounded(what: str) -> Iterator[None]:
    """Fail if the block allocates more than `MEGABYTES` at its peak (tracemalloc, which
    slows it down many times over: so time is measured in a pass of its own)."""
    tracemalloc.start()
    try:
        yield
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak / 1e6 < MEGABYTES, f"{what}: {peak / 1e6:.0f} MB allocated at the peak"


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for every example's file (Hypothesis runs many examples a test)."""
    return tmp_path_factory.mktemp("fuzz")


def load(data: bytes, scratch: Path) -> None:
    """Load `data` as a circuit file: a circuit (with a plan) or a `CircuitError`, within
    `SECONDS` of CPU and `MEGABYTES` of memory."""
    path = scratch / "fuzz.toml"
    path.write_bytes(data)
    with cpu_bounded(f"{len(data)} bytes"):
        _load(path)
    with memory_bounded(f"{len(data)} bytes"):
        _load(path)


def _load(path: Path) -> None:
    try:
        circuit = load_circuit(path)
    except CircuitError as problem:
        message = str(problem)
        assert message.startswith(str(path)), message
        assert len(message.splitlines()) <= 16, "one screen"
        return
    assert isinstance(circuit, Circuit)
    try:
        build_plan(circuit)
    except CircuitError as problem:
        assert "steps" in str(problem)


# ---------------------------------------------------------------- structure-aware TOML

key_parts = st.lists(
    st.one_of(
        st.sampled_from(KEYS),
        st.text(string.ascii_letters + "_-", min_size=1, max_size=6),
        st.text(max_size=6).map(lambda text: '"' + text.replace("\\", "").replace('"', "") + '"'),
    ),
    min_size=1,
    max_size=MAX_KEY_PARTS + 4,
)
keys = key_parts.map(".".join)
strings = st.one_of(
    st.text(max_size=20).map(
        lambda text: '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    ),
    st.text(alphabet="\"\\#[]{}=,.\n'ab", max_size=20).map(lambda text: f'"""{text}"""'),
    st.text(alphabet="'\"#[]{}=,.\nab", max_size=20).map(lambda text: f"'''{text}'''"),
    st.text(alphabet='"#[]{}=,.ab', max_size=10).map(lambda text: f"'{text}'"),
)
scalars = st.one_of(
    strings,
    st.integers(-(2**70), 2**70).map(str),
    st.sampled_from(["1.5", "inf", "-inf", "nan", "1e308", "0x1F", "true", "false", "1979-05-27"]),
    st.sampled_from(['"strength"', '"isometric"', '"right"', '"circuit"', "3", "30", "0"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4).map(lambda items: "[" + ", ".join(items) + "]"),
        st.lists(st.tuples(keys, inner), max_size=3).map(
            lambda pairs: "{" + ", ".join(f"{key} = {value}" for key, value in pairs) + "}"
        ),
    ),
    max_leaves=12,
)
deep = st.integers(1, MAX_NESTING + 6).map(lambda depth: "[" * depth + "1" + "]" * depth)
costly = st.one_of(  # what cost tomllib seconds, gigabytes or its stack before the limits
    st.integers(1, 20_000).map(lambda parts: "a." * parts + "b = 1"),
    st.integers(1, 3000).map(lambda depth: "x = " + "[" * depth + "]" * depth),
    st.integers(1, 3000).map(lambda depth: "x = " + "{a=" * depth + "1" + "}" * depth),
    st.tuples(st.integers(1, 10_000), st.integers(1, 3000)).map(
        lambda size: (
            "["
            + ".".join("a" * size[0])
            + "]\n"
            + "".join(f"b.c{line} = 1\n" for line in range(size[1]))
        )
    ),
)
lines = st.one_of(
    costly,
    st.tuples(keys, st.one_of(values, deep)).map(lambda pair: f"{pair[0]} = {pair[1]}"),
    keys.map(lambda key: f"[{key}]"),
    keys.map(lambda key: f"[[{key}]]"),
    st.text(max_size=30).map(lambda text: "# " + text.replace("\n", " ")),
    st.just(""),
)
documents = st.lists(lines, max_size=25).map(lambda rows: "\n".join(rows) + "\n")


@FUZZ
@given(documents)
def test_structured_toml_loads_or_is_refused_within_bounds(scratch: Path, document: str) -> None:
    load(document.encode("utf-8"), scratch)


@FUZZ
@given(st.binary(max_size=4096))
def test_any_bytes_load_or_are_refused_within_bounds(scratch: Path, data: bytes) -> None:
    load(data, scratch)


@FUZZ
@given(
    st.lists(
        st.tuples(
            st.integers(0, len(BUNDLED)), st.binary(min_size=0, max_size=8), st.integers(0, 8)
        ),
        min_size=1,
        max_size=6,
    )
)
def test_the_bundled_circuit_with_bytes_changed_loads_or_is_refused(
    scratch: Path, edits: list[tuple[int, bytes, int]]
) -> None:
    data = bytearray(BUNDLED)
    for at, new, cut in edits:
        data[at : at + cut] = new
    load(bytes(data), scratch)


# ---------------------------------------------------------------- the worst cases, at the limit


def _fill(line: str, head: str = "") -> bytes:
    """`head`, then `line` (with `@` numbered) repeated up to just under the size limit."""
    out, size, number = [head], len(head), 0
    while True:
        row = line.replace("@", str(number)) + "\n"
        if size + len(row) > MAX_BYTES - 16:
            return "".join(out).encode()
        out.append(row)
        size += len(row)
        number += 1


WORST = {
    # as deep a header as allowed, then as many as deep dotted keys as fit
    "deepest-keys": _fill(
        ".".join(["k"] * (MAX_KEY_PARTS - 1)) + ".v@ = 1",
        "[" + ".".join(["a"] * MAX_KEY_PARTS) + "]\n",
    ),
    "nested-arrays": _fill("a@ = " + "[" * MAX_NESTING + "1" + "]" * MAX_NESTING),
    "nested-inline": _fill("a@ = " + "{b=" * MAX_NESTING + "1" + "}" * MAX_NESTING),
    "many-tables": _fill("[[blocks]]\nname = 'b@'\nsets = 1"),
    "one-long-string": ('name = "' + "x" * (MAX_BYTES - 64) + '"\n').encode(),
    "many-escapes": ('name = "' + "\\u00e9" * ((MAX_BYTES - 64) // 6) + '"\n').encode(),
    "one-long-key": ('"' + "k" * (MAX_BYTES - 64) + '" = 1\n').encode(),
    "unknown-keys": _fill(
        "[[blocks]]\nname = 'b'\nsets = 1\n[[blocks.exercises]]\nname = 'e'\n"
        "kind = 'strength'\nreps = 1\nrepz@ = 1"
    ),
    "every-line-wrong": _fill(
        "[[blocks.exercises]]\nname = @\nkind = 'strenght'\nreps = 'x'\nrepz = 3\n"
        "sides = ['lefty', 'righty']",
        "name = 'x'\n[[blocks]]\nname = 'b'\nsets = 1\n",
    ),
    "many-exercises": _fill(
        "[[blocks.exercises]]\nname = 'e@'\nkind = 'strength'\nreps = 1",
        "name = 'x'\n[[blocks]]\nname = 'b'\nsets = 1000\n",
    ),
}


@pytest.mark.parametrize("name", sorted(WORST))
def test_the_worst_files_at_the_size_limit_stay_within_bounds(name: str, scratch: Path) -> None:
    data = WORST[name]
    assert MAX_BYTES - 4096 < len(data) <= MAX_BYTES, len(data)
    load(data, scratch)
