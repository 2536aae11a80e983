"""The engine's SQLSTATEs as exceptions (docs/error_codes.md): catch what you can handle by name.

Every exception the client raises for a refused call is an `EngineError` carrying the server's
SQLSTATE, message, detail and hint; the psycopg error is its `__cause__`. The transaction the
call ran in is rolled back: nothing of it was kept.
"""

from __future__ import annotations

import psycopg


class EngineError(Exception):
    """The database refused a call. `retryable`: running the whole transaction again may succeed."""

    retryable = False

    def __init__(self, message: str, *, sqlstate: str | None = None, detail: str | None = None,
                 hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.sqlstate = sqlstate
        self.detail = detail
        self.hint = hint

    def __str__(self) -> str:
        code = f" [{self.sqlstate}]" if self.sqlstate else ""
        hint = f" (hint: {self.hint})" if self.hint else ""
        return f"{self.message}{code}{hint}"


class InvalidArgument(EngineError):
    """22023 and its kin: a NULL, out-of-range or malformed argument."""


class NotFound(EngineError):
    """P0002: no such user, challenge, level, track, job, or a profile private to the caller."""


class Forbidden(EngineError):
    """42501: not the acting user (and not trusted), no acting user, or a role without the privilege."""


class ConstraintViolation(EngineError):
    """23xxx: a row the schema's constraints refuse."""


class Duplicate(ConstraintViolation):
    """23505: a unique key already taken (an email, a username, a slug …)."""


class GameRuleViolation(EngineError):
    """PFxxx: the game's rules refuse the call (docs/rules.md)."""


class ChallengeLocked(GameRuleViolation):
    """PF001: the challenge is locked for the user."""


class LevelLocked(GameRuleViolation):
    """PF002: the level before this one is not completed."""


class RateLimited(GameRuleViolation):
    """PF003: too many attempts in the last minute; nothing was recorded."""


class SkillPointNotAllowed(GameRuleViolation):
    """PF004: no free point, prerequisite skills missing, or the skill at its maximum."""


class DailyChallengeUnavailable(GameRuleViolation):
    """PF005: the daily challenge is not open, or the user already attempted it."""


class IdempotencyKeyReused(GameRuleViolation):
    """PF006: an idempotency key sent again with a different payload."""


class NoHintLeft(GameRuleViolation):
    """PF007: every hint of the level is revealed."""


class LockNotAvailable(EngineError):
    """55P03: a lock stayed taken longer than lock_timeout."""


class TransientError(EngineError):
    """The server aborted the transaction to resolve a conflict; all of it was rolled back."""

    retryable = True


class SerializationFailure(TransientError):
    """40001."""


class DeadlockDetected(TransientError):
    """40P01."""


class ConnectionLost(EngineError):
    """The session to the server ended, or none could be had in time (the pool's `timeout`).

    When it ended during a COMMIT, whether the transaction took is unknown.
    """


BY_SQLSTATE: dict[str, type[EngineError]] = {
    "22023": InvalidArgument,
    "22P02": InvalidArgument,
    "22P05": InvalidArgument,
    "P0002": NotFound,
    "42501": Forbidden,
    "23505": Duplicate,
    "PF001": ChallengeLocked,
    "PF002": LevelLocked,
    "PF003": RateLimited,
    "PF004": SkillPointNotAllowed,
    "PF005": DailyChallengeUnavailable,
    "PF006": IdempotencyKeyReused,
    "PF007": NoHintLeft,
    "55P03": LockNotAvailable,
    "40001": SerializationFailure,
    "40P01": DeadlockDetected,
    "57P01": ConnectionLost,  # admin_shutdown: an administrator or a server restart ended the session
    "57P02": ConnectionLost,  # crash_shutdown
    "57P03": ConnectionLost,  # cannot_connect_now: the server is starting or stopping
}
BY_CLASS: dict[str, type[EngineError]] = {
    "08": ConnectionLost, "22": InvalidArgument, "23": ConstraintViolation, "PF": GameRuleViolation}


def translate(exc: psycopg.Error) -> EngineError:
    """The named exception for a psycopg error, by its SQLSTATE (then its class, then EngineError)."""
    diag = exc.diag
    sqlstate = exc.sqlstate
    if sqlstate is None:
        kind: type[EngineError] = ConnectionLost if isinstance(exc, psycopg.OperationalError) else EngineError
        return kind(str(exc).strip() or type(exc).__name__)
    kind = BY_SQLSTATE.get(sqlstate) or BY_CLASS.get(sqlstate[:2], EngineError)
    return kind(diag.message_primary or str(exc), sqlstate=sqlstate, detail=diag.message_detail,
                hint=diag.message_hint)
