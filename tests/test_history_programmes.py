"""The programme followed in the history database: the migration that adds it, one
programme at a time, the links kept when a damaged file is salvaged."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from hamtimer.clock import FakeCalendar
from hamtimer.following import follow, place
from hamtimer.history import HistoryStore
from hamtimer.history.database import (
    APPLICATION_ID,
    DB_FILE,
    MIGRATIONS,
    SCHEMA_VERSION,
    _statements,
    connect,
    open_database,
    recover,
)
from tests.test_following import Runner


def older(folder: Path) -> Path:
    """A history written before programmes: every migration but the last."""
    folder.mkdir(parents=True)
    path = folder / DB_FILE
    conn = connect(path)
    for script in MIGRATIONS[:-1]:
        for statement in _statements(script):
            conn.execute(statement)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    conn.close()
    return path


def test_an_older_history_is_migrated_and_can_follow(tmp_path: Path) -> None:
    path = older(tmp_path / "data")
    store = HistoryStore(tmp_path / "data")
    assert store.following() is None
    calendar = FakeCalendar(date(2026, 3, 2))
    followed = follow(store, "nordic", None, calendar)
    assert followed.following.started_on == date(2026, 3, 2)
    store.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert {"programmes", "programme_workouts"} <= tables


def test_one_programme_is_followed_at_a_time(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "data")
    calendar = FakeCalendar()
    follow(store, "nordic", None, calendar)
    follow(store, "hamstring", None, calendar)
    following = store.following()
    assert following is not None and following.ref == "hamstring"
    store.close()
    conn = sqlite3.connect(tmp_path / "data" / DB_FILE)
    assert conn.execute("SELECT count(*) FROM programmes WHERE stopped_at IS NULL").fetchone() == (
        1,
    )
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO programmes (ref, path, sha256, name, started_on) "
            "VALUES ('x', 'x', 'x', 'x', '2026-03-02')"
        )


def test_a_damaged_history_keeps_the_programme_and_its_sessions(tmp_path: Path) -> None:
    runner = Runner(tmp_path / "data")
    follow(runner.store, "nordic", None, runner.calendar)
    runner.train()
    runner.store.close()
    fresh = open_database(tmp_path / "fresh", print, create=True)
    assert fresh is not None
    assert recover(tmp_path / "data" / DB_FILE, fresh.conn) == 1
    fresh.conn.close()
    store = HistoryStore(tmp_path / "fresh")
    found = place(store, runner.calendar)
    assert found is not None and found.next is not None
    assert found.next.place == "Week 2 · session 1 of 2"
