"""The base of every model of the circuit format: frozen, and unknown keys refused."""

from __future__ import annotations

import difflib
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

Text = Annotated[str, Field(min_length=1, max_length=2000)]


class Strict(BaseModel):
    """Base for every model of the format: frozen, and unknown keys are errors.

    A typo such as `repz = 5` would otherwise be silently ignored and the runner would
    get a workout they did not write, so the unknown key is reported with the closest
    known one.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="before")
    @classmethod
    def _unknown_keys(cls, data: Any) -> Any:
        if isinstance(data, dict):
            known = set(cls.model_fields)
            for key in data:
                if isinstance(key, str) and key not in known:
                    close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.6)
                    hint = f"; did you mean '{close[0]}'?" if close else ""
                    choices = ", ".join(sorted(known))
                    raise ValueError(f"unknown key '{key}'{hint} (known keys: {choices})")
        return data
