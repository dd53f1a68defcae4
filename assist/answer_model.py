"""The answer a reply states and a draft check compares against: a value with what it was computed from (the
policy facts it read, its inputs, a note for the agent), and the date arithmetic of policy durations."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, timedelta
from typing import Any

from pydantic import BaseModel, Field

from assist.policy_facts import PolicyFact

DAYS = {"day": 1, "business_day": 1, "hour": 1 / 24, "week": 7, "month": 30, "year": 365}


class Answer(BaseModel):
    """One thing a reply may state, with what it was computed from."""

    key: str = Field(description="'fact' for a policy fact as it stands, else the computed answer's name.")
    slot: str | None = Field(default=None, description="The policy slot it rests on.")
    value: Any = None
    holds: bool | None = Field(default=None, description="For yes/no answers: still possible / still running.")
    inputs: dict[str, str] = Field(default_factory=dict, description="What it was computed from.")
    facts: list[PolicyFact] = Field(default_factory=list)
    note: str = Field(default="", description="For the agent, in English: what it says and why.")

    @property
    def citations(self) -> list[str]:
        return [f.chunk_id for f in self.facts if f.chunk_id]


def as_utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def add_duration(start: date, value: float, unit: str | None) -> date:
    """``start`` plus a policy duration (business days skip weekends; months keep the day of month)."""
    if unit == "business_day":
        day, left = start, int(value)
        while left > 0:
            day += timedelta(days=1)
            if day.weekday() < 5:
                left -= 1
        return day
    if unit in ("month", "year"):
        months = int(value) * (12 if unit == "year" else 1)
        year, month = divmod(start.month - 1 + months, 12)
        year, month = start.year + year, month + 1
        return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
    return start + timedelta(days=float(value) * DAYS.get(unit or "day", 1))


def describe(fact: PolicyFact) -> str:
    value = fact.value if fact.max_value is None else f"{fact.value}-{fact.max_value:g}"
    return f"{value} {fact.unit}" if fact.unit else str(value)


def fact_answer(fact: PolicyFact) -> Answer:
    scope = {k: v for k, v in fact.scope.model_dump().items() if v}
    where = f" ({', '.join(f'{k} {v}' for k, v in scope.items())})" if scope else ""
    return Answer(
        key="fact",
        slot=fact.slot,
        value=fact.value,
        inputs={fact.slot: describe(fact)},
        facts=[fact],
        note=f"{fact.slot}{where}: {describe(fact)}",
    )
