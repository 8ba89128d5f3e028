"""What the rest of hamtimer names of programmes without pydantic: their error."""

from __future__ import annotations

from hamtimer.circuit.kinds import CircuitError


class ProgrammeError(CircuitError):
    """A programme could not be found, read or checked; the message is for the runner as
    it is (the file, the line, the fix). A kind of `CircuitError`: the commands answer both
    the same way."""
