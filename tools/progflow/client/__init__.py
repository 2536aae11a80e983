"""progflow.client: the engine from a Python backend, on psycopg 3 and psycopg_pool.

    from progflow.client import Client, ChallengeLocked

    with Client("postgresql://app@pgbouncer:6432/progflow", prepare_threshold=None) as client:
        user = client.run(lambda s: s.user_id_by_login("ada@example.org"))   # as progflow_service
        try:
            result = client.run(lambda s: s.submit_level_attempt(challenge, 1, design, tests, 92.5,
                                                                   idempotency_key=key), user_id=user)
        except ChallengeLocked as exc:
            ...  # exc.sqlstate == "PF001", exc.hint

        with client.transaction(user) as s:   # several calls, one transaction, one acting user
            board = s.leaderboard_around("weekly")
            page = s.notifications_page(limit=20)

Thin on purpose: the SQL is the product (docs/engine.md); the client sets the acting user in each
transaction (safe behind a transaction-mode pooler), calls the engine, types the rows, names the
errors, and retries a transaction the server aborted to resolve a deadlock or a serialization
conflict.
"""

from __future__ import annotations

import contextlib
import random
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar
from uuid import UUID

import psycopg
from psycopg_pool import ConnectionPool

from progflow.client.errors import (
    ChallengeLocked, ConnectionLost, ConstraintViolation, DailyChallengeUnavailable, DeadlockDetected, Duplicate,
    EngineError, Forbidden, GameRuleViolation, IdempotencyKeyReused, InvalidArgument, LevelLocked, LockNotAvailable,
    NoHintLeft, NotFound, RateLimited, SerializationFailure, SkillPointNotAllowed, TransientError, translate)
from progflow.client.results import (
    BoardEntry, ChallengeStatus, Dashboard, Hint, LeaderboardRow, LevelSolution, Notification, PublicProfile,
    Recommendation, RevealedHint, Submission)
from progflow.client.session import Session

__all__ = [
    "Client", "Session",
    "BoardEntry", "ChallengeStatus", "Dashboard", "Hint", "LeaderboardRow", "LevelSolution", "Notification",
    "PublicProfile", "Recommendation", "RevealedHint", "Submission",
    "ChallengeLocked", "ConnectionLost", "ConstraintViolation", "DailyChallengeUnavailable", "DeadlockDetected",
    "Duplicate", "EngineError", "Forbidden", "GameRuleViolation", "IdempotencyKeyReused", "InvalidArgument",
    "LevelLocked", "LockNotAvailable", "NoHintLeft", "NotFound", "RateLimited", "SerializationFailure",
    "SkillPointNotAllowed", "TransientError",
]

T = TypeVar("T")


class Client:
    """A connection pool and the transactions that act for one user on it.

    `conninfo` and `connect_kwargs` go to every connection (behind PgBouncer before 1.21 pass
    `prepare_threshold=None`: docs/security.md). `min_size`/`max_size` size the pool; `timeout`
    is how long a transaction waits for a free connection (psycopg_pool.PoolTimeout after it).
    `retries` is how many times `run` runs a transaction again after a deadlock or a
    serialization failure (0: never).
    """

    def __init__(self, conninfo: str = "", *, min_size: int = 1, max_size: int = 10, timeout: float = 30.0,
                 retries: int = 3, name: str = "progflow", **connect_kwargs: Any):
        if retries < 0:
            raise ValueError("retries must be 0 or more")
        self.retries = retries
        self.pool = ConnectionPool(conninfo, min_size=min_size, max_size=max_size, timeout=timeout, name=name,
                                   kwargs=connect_kwargs, open=True)

    def close(self) -> None:
        self.pool.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self, user_id: UUID | str | None = None) -> Iterator[Session]:
        """One transaction acting for `user_id` (None: no acting user, as sign-in and jobs run).

        Commits when the block ends, rolls back when it raises. The acting user is a
        transaction-local setting: it is gone at COMMIT, so no later transaction on the same
        server session (through a pooler: another client's) inherits it.
        """
        user = UUID(str(user_id)) if user_id is not None else None
        try:
            with self.pool.connection() as conn, conn.transaction():
                if user is not None:
                    conn.execute("select set_config('progflow.user_id', %s, true)", (str(user),))
                yield Session(conn, user)
        except psycopg.Error as exc:  # no connection in time, the commit, or a statement the caller ran itself
            raise translate(exc) from exc

    def run(self, work: Callable[[Session], T], user_id: UUID | str | None = None, *,
            retries: int | None = None) -> T:
        """`work(session)` in a transaction acting for `user_id`; again (a new transaction) on 40001/40P01.

        The server rolled back all of an aborted transaction, so running it again is safe as long
        as `work` does nothing outside the database. Other errors are raised at once: a refused
        call (PFxxx, 22023, …) would be refused again, and a lost connection may have committed.
        """
        budget = self.retries if retries is None else retries
        for attempt in range(budget + 1):
            try:
                with self.transaction(user_id) as session:
                    return work(session)
            except TransientError:
                if attempt == budget:
                    raise
                time.sleep(random.uniform(0, 0.01 * 2 ** attempt))  # full jitter: the rivals do not meet again
        raise AssertionError("unreachable")
