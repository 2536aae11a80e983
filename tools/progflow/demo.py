"""Demo data: users with months of history, for benchmarks and for trying the schema out.

The SQL lives in benchmarks/demo_data.sql, a list of steps; this module runs them, the per-batch
ones once for each batch of users, each batch in its own transaction, and reports progress.
"""

from __future__ import annotations

import hashlib
import math
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psycopg

from .errors import TargetError, UsageError

_STEP = re.compile(r"^-- step: (?P<name>.+?)(?P<per_batch> \[per batch\])?$", re.M)
PROFILES = ("realistic", "uniform")
TABLES = ("users", "level_attempts", "xp_transactions", "user_achievements", "daily_challenge_attempts",
          "learning_sessions", "notifications", "audit_log")


@dataclass
class Step:
    name: str
    per_batch: bool
    sql: str


def steps(root: Path) -> list[Step]:
    text = (root / "benchmarks" / "demo_data.sql").read_text(encoding="utf-8")
    marks = list(_STEP.finditer(text))
    return [Step(m["name"], bool(m["per_batch"]), text[m.end():marks[i + 1].start() if i + 1 < len(marks) else None])
            for i, m in enumerate(marks)]


def user_id(n: int) -> str:
    """The id of demo user number n (1-based), as the generator makes it: for workloads that pick users."""
    return str(uuid.UUID(hashlib.md5(f"progflow-demo-user:{n}".encode()).hexdigest()))


def _check(conn: psycopg.Connection) -> None:
    if not conn.execute("select rolsuper from pg_roles where rolname = current_user").fetchone()[0]:
        raise TargetError("demo-data needs a superuser: it writes with triggers off and derives the state itself",
                          hint="Run it as a superuser, on a database of its own (never production).")
    if conn.execute("select to_regclass('progflow.challenges') is null").fetchone()[0]:
        raise TargetError("the target has no progflow schema", hint="Run `progflow deploy` and `progflow seed` first.")
    if conn.execute("select count(*) from progflow.challenges where is_active").fetchone()[0] == 0:
        raise TargetError("the target has no catalogue", hint="Run `progflow seed` first.")
    if conn.execute("select exists (select from progflow.users where id = %s)", (user_id(1),)).fetchone()[0]:
        raise TargetError("the target has demo data already",
                          hint="Generate into a fresh database (progflow deploy, progflow seed, then demo-data).")


def generate(conn: psycopg.Connection, root: Path, users: int, seed: int = 1, days: int = 180, batch: int = 10_000,
             progress: Callable[[int], None] = lambda _: None, profile: str = "realistic") -> dict[str, int]:
    """Write `users` demo users with `days` days of history; returns the row count of each table written.

    `profile` is the population: "realistic" (a long tail: most users do little, a few do most;
    benchmarks/demo_data.sql) or "uniform" (every user drawn from one heavier distribution, for
    stress). `progress` is called with the number of users written after each batch.
    """
    if users < 1 or days < 1 or batch < 1:
        raise UsageError("users, days and batch must be positive")
    if profile not in PROFILES:
        raise UsageError(f"no demo profile {profile!r}", hint=f"Use one of: {', '.join(PROFILES)}.")
    _check(conn)
    program = steps(root)
    cur = psycopg.ClientCursor(conn)  # parameters inlined: the steps include DDL and untyped arithmetic
    try:
        return _run(conn, cur, program, users, seed, days, batch, progress, profile)
    except psycopg.Error as exc:
        step = getattr(exc, "progflow_step", "finishing")
        raise TargetError(f"demo-data failed at step '{step}': {str(exc).strip().splitlines()[0]}",
                          hint="Nothing of the failed batch was kept; earlier batches were.") from exc


def _execute(cur: psycopg.ClientCursor, step: Step, params: dict) -> None:
    try:
        cur.execute(step.sql, params)
    except psycopg.Error as exc:
        exc.progflow_step = step.name
        raise


def _run(conn: psycopg.Connection, cur: psycopg.ClientCursor, program: list[Step], users: int, seed: int,
         days: int, batch: int, progress: Callable[[int], None], profile: str) -> dict[str, int]:
    with conn.transaction():
        cur.execute("select progflow.ensure_partitions(3, %s)", (math.ceil(days / 28) + 1,))
    # One "now" for the whole run, at the start of its hour: the history is laid out back from it, so
    # two runs with one seed in one hour write the same days whatever their batches and their pace.
    now = conn.execute("select date_trunc('hour', now())").fetchone()[0]
    cur.execute("set session_replication_role = replica")
    try:
        with conn.transaction():
            for step in (s for s in program if not s.per_batch):
                _execute(cur, step, {"seed": seed, "days": days, "now": now})
        for lo in range(1, users + 1, batch):
            hi = min(lo + batch, users + 1)
            params = {"seed": seed, "days": days, "lo": lo, "hi": hi, "now": now, "profile": profile}
            with conn.transaction():
                for step in (s for s in program if s.per_batch):
                    _execute(cur, step, params)
            progress(hi - lo)
    finally:
        cur.execute("reset session_replication_role")
    for table in TABLES:
        cur.execute(f"analyze progflow.{table}")
    with conn.transaction():
        for period in ("all_time", "monthly", "weekly", "daily"):
            cur.execute("select progflow.refresh_leaderboards(%s)", (period,))
    cur.execute("analyze progflow.leaderboard_entries")
    if conn.execute("select to_regclass('progflow.leaderboard_ranks') is not null").fetchone()[0]:  # since 0.2.0
        cur.execute("analyze progflow.leaderboard_ranks")
    cur.execute("analyze progflow.user_stats")
    return {table: cur.execute(f"select count(*) from progflow.{table}").fetchone()[0] for table in TABLES}
