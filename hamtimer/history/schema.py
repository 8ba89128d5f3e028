"""The history database's tables (`MIGRATIONS`), and the summary of holds kept beside them.

Each ended real-speed workout's best hold per to-fatigue exercise and side is kept in
`holds`, written with the workout (`refresh_holds`), so that hold targets and trends are
read from one row a workout, newest first on an index, instead of from every workout's
steps: the history screen and Enter cost the same with 20,000 workouts as with three.
"""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 5

_SCHEMA_1 = """
CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    digest TEXT NOT NULL UNIQUE,          -- the plan's identity: circuit, challenge, summaries
    circuit TEXT NOT NULL,                -- the circuit's title
    challenge INTEGER NOT NULL,
    step_count INTEGER NOT NULL
);
CREATE TABLE plan_steps (                 -- what a plan says of each step, stored once a plan
    plan_id INTEGER NOT NULL REFERENCES plans (id),
    idx INTEGER NOT NULL,
    summary TEXT NOT NULL,
    kind TEXT NOT NULL,
    mode TEXT,
    exercise TEXT,
    side TEXT,
    set_number INTEGER,
    planned REAL,                         -- seconds; NULL for reps and holds the runner ends
    PRIMARY KEY (plan_id, idx)
) WITHOUT ROWID;
CREATE TABLE workouts (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    plan_id INTEGER NOT NULL REFERENCES plans (id),
    circuit_ref TEXT NOT NULL,            -- the name or path the runner picked it by
    circuit_hash TEXT NOT NULL,           -- sha256 of the circuit file
    speed REAL NOT NULL,                  -- the clock's speed; not 1 = a rehearsal
    started_at TEXT NOT NULL,             -- ISO 8601, UTC
    saved_at TEXT NOT NULL,
    ended_at TEXT,
    outcome TEXT NOT NULL,                -- in_progress, finished or abandoned
    current_index INTEGER NOT NULL,
    paused INTEGER NOT NULL,
    owner TEXT                            -- host:pid:start of the process running it
);
CREATE INDEX workouts_by_start ON workouts (started_at);
CREATE INDEX workouts_in_progress ON workouts (circuit_hash) WHERE outcome = 'in_progress';
CREATE TABLE steps (                      -- how each reached step went; none for the rest
    workout_id INTEGER NOT NULL REFERENCES workouts (id),
    idx INTEGER NOT NULL,
    status TEXT NOT NULL,
    active_ms INTEGER NOT NULL,
    paused_ms INTEGER NOT NULL,
    held_ms INTEGER,
    PRIMARY KEY (workout_id, idx)
) WITHOUT ROWID;
"""

_SCHEMA_2 = """
ALTER TABLE plan_steps ADD COLUMN role TEXT;        -- warm-up or cool-down; NULL: the workout's own
ALTER TABLE plan_steps ADD COLUMN range_low REAL;   -- a prescribed range of reps or seconds:
ALTER TABLE plan_steps ADD COLUMN range_high REAL;  -- its bottom and top ("6-8": 6 and 8)
ALTER TABLE steps ADD COLUMN reps INTEGER;          -- paced reps: how many were counted
"""

_SCHEMA_3 = """
ALTER TABLE plan_steps ADD COLUMN interval TEXT;          -- emom, amrap or intervals
ALTER TABLE plan_steps ADD COLUMN interval_number INTEGER; -- EMOM and intervals: which one
ALTER TABLE steps ADD COLUMN rounds INTEGER;               -- an AMRAP's rounds counted
"""

_SCHEMA_4 = """
CREATE TABLE IF NOT EXISTS programmes (   -- the programme followed, one at a time
    id INTEGER PRIMARY KEY,
    ref TEXT NOT NULL,                    -- the name or path the runner followed it by
    path TEXT NOT NULL,                   -- the file, when followed
    sha256 TEXT NOT NULL,                 -- of the file, when followed
    name TEXT NOT NULL,                   -- its title
    level INTEGER,                        -- the level chosen, from 1; NULL: it has none
    started_on TEXT NOT NULL,             -- the day it began (ISO date, the runner's own)
    stopped_at TEXT                       -- ISO 8601, UTC; NULL while followed
);
CREATE UNIQUE INDEX IF NOT EXISTS programmes_followed ON programmes ((stopped_at IS NULL))
    WHERE stopped_at IS NULL;             -- at most one followed at a time
CREATE TABLE IF NOT EXISTS programme_workouts (  -- which workout was which session
    programme_id INTEGER NOT NULL REFERENCES programmes (id),
    workout_id INTEGER NOT NULL REFERENCES workouts (id),
    session INTEGER NOT NULL,             -- its place in the programme, from 1
    day TEXT NOT NULL,                    -- the day it was done (ISO date, the runner's own)
    PRIMARY KEY (programme_id, workout_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS programme_workouts_by_workout ON programme_workouts (workout_id);
"""

FOLLOWED = "stopped_at IS NULL"
"""Which of `programmes` is the one followed now (one at a time): the one not stopped."""

_HOLDS_OF = """
INSERT INTO holds (workout_id, exercise, started_at, right_ms, left_ms, both_ms, first_idx)
SELECT w.id, coalesce(ps.exercise, ps.summary), w.started_at,
       MAX(CASE WHEN ps.side = 'right' THEN s.held_ms END),
       MAX(CASE WHEN ps.side = 'left' THEN s.held_ms END),
       MAX(CASE WHEN ps.side IS NULL THEN s.held_ms END),
       MIN(s.idx)
FROM steps s
JOIN workouts w ON w.id = s.workout_id
JOIN plan_steps ps ON ps.plan_id = w.plan_id AND ps.idx = s.idx
WHERE w.outcome != 'in_progress' AND w.speed = 1 AND ps.mode = 'open'
  AND s.status = 'done' AND s.held_ms IS NOT NULL {where}
GROUP BY w.id, coalesce(ps.exercise, ps.summary)
"""
"""What `hamtimer.history.holds.holds_by_side` finds in a workout, for every ended real one."""


_SCHEMA_5 = """
CREATE TABLE IF NOT EXISTS holds (        -- each ended real workout's best hold per exercise
    workout_id INTEGER NOT NULL REFERENCES workouts (id),
    exercise TEXT NOT NULL,
    started_at TEXT NOT NULL,             -- the workout's, to read the newest first
    right_ms INTEGER,                     -- the best done hold of each side, if any
    left_ms INTEGER,
    both_ms INTEGER,                      -- holds done with both legs (no side)
    first_idx INTEGER NOT NULL            -- its first done hold's step: the order shown
);
CREATE UNIQUE INDEX IF NOT EXISTS holds_of_workout ON holds (workout_id, exercise);
CREATE INDEX IF NOT EXISTS holds_newest
    ON holds (exercise, started_at, workout_id, right_ms, left_ms, both_ms);
DELETE FROM holds;                        -- and made from the workouts stored so far:
{holds};
""".format(holds=_HOLDS_OF.format(where=""))

MIGRATIONS: tuple[str, ...] = (_SCHEMA_1, _SCHEMA_2, _SCHEMA_3, _SCHEMA_4, _SCHEMA_5)
"""`MIGRATIONS[n]` takes a database from schema version n to n + 1 (0: an empty file)."""

TABLES = ("plans", "plan_steps", "workouts", "steps", "programmes", "programme_workouts")
"""Every table of record, parents first: the order rows are copied in when salvaging
(`holds` is made again from them)."""


def refresh_holds(conn: sqlite3.Connection, workout_id: int | None = None) -> None:
    """Write the holds summary of one workout as its steps now stand, or of every workout
    (a migration, a recovered history); inside the caller's transaction."""
    if workout_id is None:
        conn.execute("DELETE FROM holds")
        conn.execute(_HOLDS_OF.format(where=""))
    else:
        conn.execute("DELETE FROM holds WHERE workout_id = ?", (workout_id,))
        conn.execute(_HOLDS_OF.format(where="AND w.id = ?"), (workout_id,))
